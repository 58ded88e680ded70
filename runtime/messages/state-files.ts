/** Messages about the state files the workbench reads and writes (run.json, metrics.json, artifacts…). */
export const stateFilesMessages = {
  unreadable: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
  invalidJson: (where: string) => `not valid JSON${where ? ` (${where})` : ""}`,
  emptyFile: () => "the file is empty",
  notAFile: () => "not a regular file",
  notAnObject: () => "not a JSON object",
  notAList: () => "not a JSON list",
  badApiKeyRecord: (index: number) =>
    `entry ${index} is not an API key record (id, name, role, sha256, createdAt)`,
  notARunRecord: (key: string, expected: string) =>
    `not a run record: "${key}" is missing or not ${expected}`,
  cannotWrite: (file: string, reason: string) => `cannot write ${file}: ${reason}`,
  cannotWriteInStage: (file: string, stage: string, reason: string) =>
    `cannot write ${file} in stage ${stage}: ${reason}`,
  corruptRunHint: (file: string) =>
    `repair ${file} or move the run folder away; the other runs are not affected`,
} as const;
