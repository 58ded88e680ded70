/** Messages of the prediction server and its configuration. */
export const serverMessages = {
  configInvalid: (file: string, count: number) =>
    `${file}: ${count} problem${count === 1 ? "" : "s"} in the server configuration; the server was not started`,
  configUnreadable: (file: string, reason: string) =>
    `cannot read the server configuration ${file} (${reason})`,
} as const;
