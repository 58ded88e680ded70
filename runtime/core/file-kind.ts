import { type Stats, statSync } from "node:fs";

/** What a stat says a path is. */
export type StatKind = "file" | "folder" | "fifo" | "socket" | "device";

/** What a path is: a stat kind, or missing, or not readable. */
export type FileKind = StatKind | "missing" | "unreadable";

export function statKind(st: Stats): StatKind {
  if (st.isFile()) return "file";
  if (st.isDirectory()) return "folder";
  if (st.isFIFO()) return "fifo";
  if (st.isSocket()) return "socket";
  return "device";
}

/** What `path` is, by stat (follows links; never opens the file, so a FIFO never blocks). */
export function fileKind(path: string): FileKind {
  try {
    return statKind(statSync(path));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === "ENOENT" || code === "ENOTDIR" ? "missing" : "unreadable";
  }
}
