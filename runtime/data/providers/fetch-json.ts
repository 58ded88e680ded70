import { UserError } from "../../core/errors.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { backoffDelay, parseRetryAfter } from "./backoff.js";
import type { ProviderRetries } from "../../spec/types.generated.js";
import { redact } from "./env-ref.js";
import type { TokenBucket } from "./token-bucket.js";
import { fetchSameOrigin } from "./same-origin-fetch.js";
import type { ProviderDeps } from "./types.js";

/** What a provider makes of a parsed 2xx body. */
export type BodyVerdict =
  | { kind: "ok" }
  /** A transient condition reported in the body (e.g. Alpha Vantage's rate-limit "Note"). */
  | { kind: "retry"; reason: string }
  /** A permanent failure reported in the body; `message` is shown to the user. */
  | { kind: "fail"; message: string };

/** The shared machinery of one provider instance. */
export interface HttpCallContext {
  provider: string;
  deps: ProviderDeps;
  limiter: TokenBucket;
  retry: ProviderRetries;
  timeoutMs: number;
}

export interface JsonCall {
  symbol: string;
  /** The full URL, secrets already substituted. */
  url: string;
  headers?: Record<string, string>;
  /** Values to blank out of every log line and message (API keys). */
  secrets: readonly string[];
  /** Provider-specific reading of a 2xx JSON body. */
  inspect?: (body: unknown) => BodyVerdict;
  /** Extracts the provider's own error text from an error body, if it has one. */
  errorText?: (body: unknown) => string | undefined;
  signal?: AbortSignal;
}

type Attempt =
  | { kind: "ok"; body: unknown }
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  | { kind: "fail"; error: UserError };

/**
 * GETs a JSON document with the provider's rate limiter, retrying network
 * errors, 429s, 5xx, malformed JSON and body-level transient errors with
 * exponential backoff and jitter (Retry-After honoured). Other 4xx fail at
 * once with a message naming the provider, symbol and status.
 */
export async function fetchJsonWithRetry(ctx: HttpCallContext, call: JsonCall): Promise<unknown> {
  const { deps, retry, provider } = ctx;
  const safeUrl = redact(call.url, call.secrets);
  let lastReason = "";
  for (let attempt = 0; attempt < retry.max_attempts; attempt++) {
    await ctx.limiter.acquire(call.signal);
    const outcome = await attemptOnce(ctx, call);
    if (outcome.kind === "ok") return outcome.body;
    if (outcome.kind === "fail") throw outcome.error;
    lastReason = redact(outcome.reason, call.secrets);
    if (attempt + 1 >= retry.max_attempts) break;
    let delay = backoffDelay(attempt, retry, deps.rng);
    if (outcome.retryAfterMs !== undefined) {
      if (outcome.retryAfterMs > retry.max_delay_ms) {
        throw new UserError(
          dataIoMessages.retryAfterTooLong(
            provider,
            call.symbol,
            outcome.retryAfterMs,
            retry.max_delay_ms,
          ),
        );
      }
      delay = Math.max(delay, outcome.retryAfterMs);
      ctx.limiter.pause(outcome.retryAfterMs);
    }
    deps.logger.log("warn", `${provider}: retrying`, {
      url: safeUrl,
      symbol: call.symbol,
      attempt: attempt + 1,
      delayMs: delay,
      reason: lastReason,
    });
    await deps.sleep(delay, call.signal);
  }
  throw new UserError(
    dataIoMessages.retriesExhausted(provider, call.symbol, retry.max_attempts, lastReason),
  );
}

async function attemptOnce(ctx: HttpCallContext, call: JsonCall): Promise<Attempt> {
  const { deps, provider } = ctx;
  const timeout = AbortSignal.timeout(ctx.timeoutMs);
  const signal = call.signal ? eitherSignal(call.signal, timeout) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetchSameOrigin(
      deps,
      call.url,
      { headers: { accept: "application/json", ...call.headers }, signal },
      { provider, symbol: call.symbol },
    );
    text = await response.text();
  } catch (error) {
    call.signal?.throwIfAborted();
    if (error instanceof UserError) return { kind: "fail", error };
    const reason = timeout.aborted
      ? `no response within ${ctx.timeoutMs} ms`
      : `network error: ${errorMessage(error)}`;
    return { kind: "retry", reason };
  }
  deps.logger.log("debug", `${provider}: GET`, {
    url: redact(call.url, call.secrets),
    status: response.status,
    bytes: text.length,
  });
  const body = parseJson(text);
  if (response.status === 429 || response.status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), deps.now());
    const detail = body.ok ? (call.errorText?.(body.value) ?? "") : "";
    const reason = `HTTP ${response.status}${detail ? ` ${detail}` : ""}`;
    return retryAfterMs === undefined
      ? { kind: "retry", reason }
      : { kind: "retry", reason, retryAfterMs };
  }
  if (response.status < 200 || response.status >= 300) {
    const detail = redact(
      (body.ok ? call.errorText?.(body.value) : undefined) ?? text.slice(0, 160).trim(),
      call.secrets,
    );
    return { kind: "fail", error: statusError(provider, call.symbol, response.status, detail) };
  }
  if (!body.ok) return { kind: "retry", reason: dataIoMessages.malformedJson(body.snippet) };
  const verdict = call.inspect?.(body.value) ?? { kind: "ok" };
  if (verdict.kind === "ok") return { kind: "ok", body: body.value };
  if (verdict.kind === "retry") return { kind: "retry", reason: verdict.reason };
  return {
    kind: "fail",
    error: new UserError(
      dataIoMessages.providerError(provider, call.symbol, redact(verdict.message, call.secrets)),
    ),
  };
}

function statusError(provider: string, symbol: string, status: number, detail: string): UserError {
  if (status === 401 || status === 403) {
    return new UserError(dataIoMessages.authFailed(provider, symbol, status, detail));
  }
  if (status === 404) return new UserError(dataIoMessages.notFound(provider, symbol, detail));
  return new UserError(dataIoMessages.httpStatus(provider, symbol, status, detail));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; snippet: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, snippet: JSON.stringify(text.slice(0, 40)) };
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

/** A signal aborted when either input is. */
function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const controller = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener("abort", () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}
