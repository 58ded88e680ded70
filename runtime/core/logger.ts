/** A minimal structured logger; the run context writes its lines to the run's log file. */
export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface LogRecord {
  time: string;
  level: LogLevel;
  scope: string;
  message: string;
  fields?: Record<string, unknown>;
}

/** A logger that hands every record to `sink` (a file appender, an array in tests). */
export function createLogger(sink: (record: LogRecord) => void, scope = "run"): Logger {
  return {
    log(level, message, fields) {
      sink({
        time: new Date().toISOString(),
        level,
        scope,
        message,
        ...(fields ? { fields } : {}),
      });
    },
    child(child) {
      return createLogger(sink, `${scope}.${child}`);
    },
  };
}

export const silentLogger: Logger = createLogger(() => {});
