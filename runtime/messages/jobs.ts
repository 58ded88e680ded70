/**
 * Messages of server jobs (`POST /backtests`, `GET|DELETE /jobs/:id`) and of
 * the server's drain on shutdown. Job texts are read by any viewer, so they
 * never quote spec content or name a server path.
 */
export const jobsMessages = {
  userQueueFull: (limit: number) =>
    `you already have ${limit} unfinished job${limit === 1 ? "" : "s"} (the server's jobs.max_queued_per_user); wait for one to finish or cancel one with DELETE /jobs/{id}`,
  queueFull: (limit: number) =>
    `the job queue is full (${limit} jobs waiting, the server's jobs.max_queued); retry later`,
  timeLimit: (seconds: number) =>
    `the job was stopped: it ran longer than ${seconds} s (the server's jobs.max_wall_seconds)`,
  outputLimit: (mib: number) =>
    `the job was stopped: its run folder grew past ${mib} MiB (the server's jobs.max_output_mb)`,
  outOfMemory: (mib: number) =>
    `the job's worker ran out of memory (the server's jobs.max_heap_mb is ${mib} MiB)`,
  workerDied: (how: string) => `the job's worker process ended without a result (${how})`,
  workerNotStarted: () => "the job's worker process could not be started",
  malformedTask: () => "the job's worker received a malformed task",
  /** The server's store-backed registry could not be opened to record the model (no URL, host or driver text: any viewer reads it). */
  /** What a job's run log says when its run cannot be indexed: no URL, user, host or driver text. */
  runIndexStoreUnavailable: (code: string) =>
    `the server's tracking store cannot be written (${code}); an operator can check GET /ready`,
  registryStoreUnavailable: () =>
    "the model could not be registered: the registry's tracking store cannot be opened; the run folder keeps the artifact — an operator has to check the server's store (GET /ready says whether it is reachable)",
  notAccepting: () => "the server is shutting down and accepts no new jobs",
  runEnded: (status: string) => `the run ended ${status}`,
  shutDown: () => "the server shut down before the job finished",
  notCancellable: (id: string, status: string) =>
    `job "${id}" has already finished (${status}); there is nothing to cancel`,
  cancelForbidden: () => "only the user who submitted a job, or an admin, may cancel it",
  cut: (more: number) => `… (${more} more characters)`,
  /** How a job's messages name an inline spec (the request's `spec` field), never its server file. */
  inlineSpec: () => "spec",
  draining: (signal: string, ms: number) =>
    `${signal}: draining the server (no new connections; in-flight requests get up to ${ms} ms; jobs are cancelled); send it again to exit at once`,
  drained: () => "drlwb server stopped",
} as const;
