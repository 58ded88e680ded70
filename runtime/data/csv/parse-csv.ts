import { UserError } from "../../core/errors.js";
import { dataMessages } from "../../messages/data.js";

/** A parsed CSV: the header cells and the data rows, each with its 1-based line number. */
export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** 1-based line number in the file of each row (the header is line 1). */
  readonly lines: Int32Array;
}

/**
 * Parses RFC 4180-style CSV text (quoted fields, doubled quotes, CRLF or LF).
 * Blank lines are skipped. An empty file, a header without rows and rows with
 * the wrong number of fields are UserErrors naming the file and the line.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const records = splitRecords(text, file);
  const headerRecord = records[0];
  if (headerRecord === undefined) {
    throw new UserError(dataMessages.csvEmpty(file), [
      { file, path: "", message: dataMessages.csvEmpty(file), severity: "error" },
    ]);
  }
  const header = headerRecord.fields.map((h) => h.trim());
  if (records.length === 1) {
    const message = dataMessages.csvHeaderOnly(file, header);
    throw new UserError(message, [
      { file, line: headerRecord.line, col: 1, path: "", message, severity: "error" },
    ]);
  }
  const rows: string[][] = [];
  const lines = new Int32Array(records.length - 1);
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    if (record.fields.length !== header.length) {
      const message = dataMessages.csvFieldCount(
        file,
        record.line,
        record.fields.length,
        header.length,
      );
      throw new UserError(message, [
        { file, line: record.line, col: 1, path: "", message, severity: "error" },
      ]);
    }
    rows.push(record.fields);
    lines[i - 1] = record.line;
  }
  return { file, header, rows, lines };
}

interface CsvRecord {
  fields: string[];
  line: number;
}

function splitRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let pos = 0;
  const n = body.length;
  while (pos < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = "";
    let atRecordEnd = false;
    let sawContent = false;
    while (pos < n && !atRecordEnd) {
      const ch = body[pos]!;
      if (ch === '"' && field === "") {
        // quoted field
        pos++;
        sawContent = true;
        let closed = false;
        while (pos < n) {
          const q = body[pos]!;
          if (q === '"') {
            if (body[pos + 1] === '"') {
              field += '"';
              pos += 2;
              continue;
            }
            pos++;
            closed = true;
            break;
          }
          if (q === "\n") line++;
          field += q;
          pos++;
        }
        if (!closed) {
          const message = dataMessages.csvUnterminatedQuote(file, startLine);
          throw new UserError(message, [
            { file, line: startLine, col: 1, path: "", message, severity: "error" },
          ]);
        }
        continue;
      }
      if (ch === ",") {
        fields.push(field);
        field = "";
        sawContent = true;
        pos++;
        continue;
      }
      if (ch === "\r" || ch === "\n") {
        if (ch === "\r" && body[pos + 1] === "\n") pos++;
        pos++;
        line++;
        atRecordEnd = true;
        continue;
      }
      field += ch;
      sawContent = true;
      pos++;
    }
    if (!sawContent && field === "") continue; // blank line
    fields.push(field);
    records.push({ fields, line: startLine });
  }
  return records;
}
