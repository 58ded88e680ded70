/** Progress reporting: stages report units of work; the CLI renders bars or lines. */
export interface Progress {
  /** Starts a task with an optional total number of units. */
  start(task: string, total?: number): void;
  /** Advances the current task to `done` units, with optional extra figures. */
  update(done: number, info?: Record<string, number | string>): void;
  finish(summary?: string): void;
}

export const silentProgress: Progress = { start() {}, update() {}, finish() {} };
