/** Messages of the data layer: loading, files, quality, alignment, segments, features. */
const list = (items: readonly string[]): string => items.join(", ");
const formatBytes = (bytes: number): string =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GiB`
    : bytes >= 1024 ** 2
      ? `${(bytes / 1024 ** 2).toFixed(1)} MiB`
      : `${bytes} bytes`;

export const dataMessages = {
  csvEmpty: (file: string) => `${file}: the file is empty (expected a header line and data rows)`,
  csvHeaderOnly: (file: string) => `${file}: the file has a header line but no data rows`,
  csvTooManyFields: (file: string, line: number, expected: number) =>
    `${file}:${line}: the row has more fields than the header (${expected})`,
  csvUnreadable: (file: string, line: number | undefined) =>
    `${file}${line === undefined ? "" : `:${line}`}: cannot be read as CSV (a quoted field may never be closed, or the file is not text)`,
  missingColumn: (file: string, column: string, source: string, expected: readonly string[]) =>
    `${file}: column "${source}" (for ${column}) is missing; the spec expects the columns ${list(expected)}`,
  missingColumnHint: (suggestion: string | undefined, column: string) =>
    suggestion
      ? `did you mean "${suggestion}"? or map it with data.columns.${column}`
      : `map the file's column with data.columns.${column}: <name>`,
  notANumber: (file: string, line: number, column: string) =>
    `${file}:${line}: column "${column}" does not hold a number`,
  badDate: (file: string, line: number, column: string, format: string) =>
    `${file}:${line}: column "${column}" does not hold a date in format ${format}`,
  badDateFormat: (format: string, directive: string) =>
    `date_format "${format}": unsupported directive %${directive} (use %Y %y %m %d %H %M %S %b %%)`,
  fileTooLarge: (file: string, bytes: number, limit: number) =>
    `${file}: the file is ${formatBytes(bytes)}, over the limit of ${formatBytes(limit)}; the data is not read`,
  fileTooLargeHint: () =>
    "use a smaller file (fewer rows or columns), or raise data.max_file_bytes up to the limit the server allows",
  notARegularFile: (file: string) => `${file}: not a regular file (data files must be plain files)`,
  mixedOffsets: (offset: string, first: string) =>
    `its timestamp has UTC offset ${offset}, the first row's has ${first}`,
  badTimezone: (zone: string) =>
    `unknown timezone "${zone}" (use an IANA name such as America/New_York, or UTC)`,
  unknownFormat: (file: string) =>
    `${file}: cannot tell the file format from its extension; set data.format: csv | parquet`,
  fileNotFound: (file: string) => `${file}: no such file`,
  parquetUnreadable: (file: string) =>
    `${file}: cannot be read as Parquet (not a Parquet file, or a damaged one)`,
  parquetColumnType: (file: string, column: string, dtype: string) =>
    `${file}: column "${column}" has type ${dtype}; expected a number`,
  unknownBundled: (name: string, suggestion: string | undefined, known: readonly string[]) =>
    `unknown bundled dataset "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""} Bundled datasets: ${list(known)}`,
  unknownSymbols: (missing: readonly string[], known: readonly string[]) =>
    `symbol${missing.length === 1 ? "" : "s"} ${list(missing)} not in the dataset; it has: ${list(known)}`,
  emptyAfterFilter: (start: string, end: string) =>
    `no bars between ${start} and ${end}; check data.start / data.end`,
  badSpecDate: (path: string, value: string) =>
    `${path}: "${value}" is not a date (use YYYY-MM-DD or an ISO 8601 date-time)`,
  segmentEmpty: (name: string, start: string, end: string, first: string, last: string) =>
    `segment ${name} (${start} .. ${end}) contains no bars; the data covers ${first} .. ${last}`,
  segmentOrder: (a: string, b: string) =>
    `segment ${b} must start after segment ${a} ends (segments are train → valid → test, without overlap)`,
  segmentReversed: (name: string, start: string, end: string) =>
    `segment ${name}: start ${start} is after end ${end}`,
  qualityParameterUnset: (check: string, key: string) =>
    `data quality check ${check} ran without its ${key} (resolveCheck fills it from the schema's default)`,
  qualityFailed: (file: string, count: number, first: string) =>
    `${file}: data quality check failed (${count} problem${count === 1 ? "" : "s"}); first: ${first}`,
  qualityFailedHint: (check: string) =>
    check === "mixed_offsets"
      ? "write every timestamp with the same UTC offset, or set data.quality.mixed_offsets: { repair: to_utc } to convert them all to UTC (reported as a warning)"
      : check === "unsorted" || check === "duplicates"
        ? `inspect the rows, or set data.quality.${check}: { repair: ${check === "unsorted" ? "sort" : "keep_first | keep_last"} }`
        : `inspect the rows, or set data.quality.${check}: warn (report only) or { repair: <method> }`,
  qualityWarnCannotContinue: (check: string) =>
    `the ${check} check cannot be "warn": bars must be unique and sorted to build a panel; use fail or { repair: <method> }`,
  resampleFiner: (from: string, to: string) =>
    `cannot resample ${from} bars to the finer interval ${to}; resampling only aggregates`,
  unknownInterval: (value: string, known: readonly string[]) =>
    `unknown interval "${value}"; valid: ${list(known)}`,
  alignCalendarSymbol: (symbol: string, known: readonly string[]) =>
    `align.calendar "${symbol}" is neither union, intersection nor a symbol of the dataset (${list(known)})`,
  alignEmpty: () => "the intersection of the symbols' calendars is empty; use calendar: union",
  featureKnownTypes: (known: readonly string[]) => `one of: ${known.join(", ")}`,
  featureBindMismatch: (type: string) =>
    `the feature registry holds a definition of another type under "${type}"`,
  featureDuplicateName: (name: string) =>
    `two features are named "${name}"; give one a distinct name: field`,
  featureReference: (feature: string, symbol: string, known: readonly string[]) =>
    `feature ${feature}: reference symbol "${symbol}" is not in the dataset (${list(known)})`,
  featureFastNotBelowSlow: (feature: string, fast: number, slow: number) =>
    `feature ${feature}: fast (${fast}) must be less than slow (${slow})`,
  describeTarget: (target: string) =>
    `${target}: neither a spec with a data: section nor a CSV/Parquet file`,
} as const;
