import { getSystemErrorMap } from "node:util";

/** The `code` of a Node.js system error (`ENOSPC`, `EACCES`, …), if it is one. */
export function ioErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !("code" in error)) return undefined;
  const { code } = error;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * A system error as "no space left on device (ENOSPC)": the operating
 * system's wording and the code, never Node's message (which carries the
 * absolute path and the system call).
 */
export function describeIoError(error: unknown): string {
  const code = ioErrorCode(error);
  if (code === undefined) return "unexpected error";
  const errno = (error as { errno?: unknown }).errno;
  const known = typeof errno === "number" ? getSystemErrorMap().get(errno) : undefined;
  const text = known && known[0] === code ? known[1] : undefined;
  return text ? `${text} (${code})` : code;
}
