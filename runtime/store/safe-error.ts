/**
 * An error from a database driver as it may be shown to a client (`/ready`,
 * metrics, logs): its code when the driver gives one (`ECONNREFUSED`,
 * `57P01`, `SQLITE_BUSY`), then the message with absolute paths and URL
 * credentials replaced, cut to a bounded length. Never a path of this
 * machine, a password or a connection string.
 */
export function safeErrorText(error: unknown, maxChars = 200): string {
  const code =
    typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
      ? error.code
      : undefined;
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw
    // scheme://user:password@host → scheme://***@host (a connection string names its password)
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1***@")
    // absolute POSIX paths (/home/…, /tmp/…) and Windows drive paths
    .replace(/(^|[\s'"(=])\/(?:[^\s'"()]+)/g, "$1<path>")
    .replace(/\b[a-z]:\\[^\s'"]*/gi, "<path>")
    .replace(/\s+/g, " ")
    .trim();
  const text = code !== undefined && !message.includes(code) ? `${code}: ${message}` : message;
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

/** The driver's error code when it is a plain code (`ECONNREFUSED`, `57P01`, `SQLITE_BUSY`), else `error`. */
export function safeErrorCode(error: unknown): string {
  const code =
    typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  return /^[A-Z0-9_]{1,40}$/.test(code) ? code : "error";
}
