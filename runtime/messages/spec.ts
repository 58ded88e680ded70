/** Messages of the spec language: loading, validation, composition and secrets. */

const list = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");
const names = (values: readonly string[]) => values.join(", ");
const quote = (value: unknown) => {
  const text =
    typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}

const yamlDetails: Record<string, string> = {
  MULTIPLE_DOCS: "a spec file holds one YAML document, but a second one starts here (`---`)",
  TAB_AS_INDENT: "tabs are not allowed as indentation; indent with spaces",
  MULTILINE_IMPLICIT_KEY: "a key must fit on one line (is a `:` or a closing quote missing above?)",
  BLOCK_AS_IMPLICIT_KEY:
    "a mapping cannot start on the same line as another key's value (check the indentation)",
};

export const specMessages = {
  didYouMean: (suggestion: string) => `did you mean "${suggestion}"?`,
  cannotRead: (file: string, reason: string) =>
    reason === "ENOENT" ? `cannot read ${file}: no such file` : `cannot read ${file} (${reason})`,
  yamlSyntax: (detail: string) => `YAML syntax error: ${lowerFirst(detail)}`,
  yamlError: (code: string, detail: string) =>
    `YAML syntax error: ${yamlDetails[code] ?? lowerFirst(detail)}`,
  yamlWarning: (detail: string) => `YAML: ${lowerFirst(detail)}`,
  yamlTooLarge: (nodes: number, depth: number) =>
    `the document is too large or too deeply nested (more than ${nodes} values or ${depth} levels, e.g. through aliases)`,
  yamlUnknownAlias: (alias: string) => `alias *${alias} refers to no anchor`,
  yamlComplexKey: () => "keys must be plain text, not lists or mappings",
  yamlBadMerge: () => "`<<` merges need a mapping (or a list of mappings)",
  duplicateKey: (key: string) => `duplicate key "${key}"`,
  duplicateKeyHint: (line: number) => `it is already set on line ${line}; keep one`,
  emptySpec: () => "the spec is empty",
  emptySpecHint: () => "start with `name: my-experiment`",
  notAMapping: (actual: unknown) =>
    `a spec must be a mapping of \`key: value\` lines, not ${Array.isArray(actual) ? "a list" : `a single value (${quote(actual)})`}`,
  unknownKind: (kind: unknown, valid: readonly string[]) =>
    `unknown spec kind ${quote(kind)}; valid kinds: ${names(valid)}`,
  // composition
  extendsNotPath: () => "`extends` must be a relative file path or a list of them",
  extendsNotASpec: () =>
    "this file is not a spec: a spec is a mapping of `key: value` lines (its content is not shown)",
  extendsMissing: (path: string) => `extends ${quote(path)}: no such file`,
  extendsUnreadable: (path: string, reason: string) =>
    `extends ${quote(path)}: cannot read it (${reason})`,
  extendsCycle: (chain: readonly string[]) => `extends cycle: ${chain.join(" → ")}`,
  extendsCycleHint: () => "a spec cannot extend itself, directly or through other files",
  extendsKind: (base: string, kind: string) =>
    `cannot extend a \`kind: ${base}\` spec from a \`kind: ${kind}\` spec`,
  extendsKindHint: () =>
    "experiments can extend experiments and `kind: data|strategy|agent|risk` specs; other kinds extend their own kind",
  unknownEnvironment: (env: string, defined: readonly string[]) =>
    defined.length
      ? `no environment "${env}"; defined: ${names(defined)}`
      : `no environment "${env}": the spec has no \`environments:\` and there is no config/${env}.yaml`,
  inEnvironment: (env: string, message: string) => `[--env ${env}] ${message}`,
  environmentNotMapping: (env: string) => `environment "${env}" must be a mapping (a partial spec)`,
  // validation
  unknownKey: (key: string) => `unknown key "${key}"`,
  unknownKeyOf: (owner: string, noun: string, key: string) => `${owner} has no ${noun} "${key}"`,
  validKeys: (keys: readonly string[]) => `valid keys: ${names(keys)}`,
  missingKey: (key: string) => `missing required key "${key}"`,
  validChoices: (key: string, values: readonly string[]) =>
    `valid ${key === "type" ? "types" : "values"}: ${names(values)}`,
  missingKeyExample: (key: string, example: string) => `e.g. ${key}: ${example}`,
  wrongType: (expected: readonly string[], actual: string, value: unknown) =>
    `must be ${expected.map((t) => article(typeWord(t))).join(" or ")}, not ${actual === "null" ? "empty" : `${article(typeWord(actual))}${actual === "mapping" || actual === "list" ? "" : ` (${quote(value)})`}`}`,
  badEnum: (value: unknown, valid: readonly unknown[]) =>
    `${quote(value)} is not a valid value; valid values: ${list(valid)}`,
  badConst: (value: unknown, expected: unknown) =>
    `must be ${quote(expected)}, not ${quote(value)}`,
  unknownType: (section: string, key: string, value: unknown, valid: readonly string[]) =>
    `unknown ${section} ${key} ${quote(value)}; valid ${plural(key)}: ${names(valid)}`,
  missingType: (section: string, key: string, valid: readonly string[]) =>
    `missing "${key}" of ${section}; valid ${plural(key)}: ${names(valid)}`,
  otherForms: (alternatives: readonly string[]) => `or write ${alternatives.join(", or ")}`,
  noAlternative: (alternatives: readonly string[], value: unknown) =>
    `must be ${alternatives.join(", or ")}; got ${quote(value)}`,
  tooSmall: (comparison: string, limit: number, value: unknown) =>
    `must be ${comparison} ${limit}, got ${quote(value)}`,
  notMultiple: (step: number, value: unknown) =>
    `must be a multiple of ${step}, got ${quote(value)}`,
  pattern: (value: unknown, pattern: string) =>
    `${quote(value)} does not match the pattern ${pattern}`,
  format: (value: unknown, format: string) =>
    `${quote(value)} is not a valid ${formatName(format)}`,
  tooFewItems: (min: number) => `must have at least ${min} item${min === 1 ? "" : "s"}`,
  tooManyItems: (max: number) => `must have at most ${max} item${max === 1 ? "" : "s"}`,
  duplicateItems: (i: number, j: number) =>
    `items ${j} and ${i} are identical; items must be unique`,
  tooShort: (min: number) => `must be at least ${min} character${min === 1 ? "" : "s"} long`,
  tooLong: (max: number) => `must be at most ${max} characters long`,
  tooFewKeys: (min: number) => `must have at least ${min} key${min === 1 ? "" : "s"}`,
  tooManyKeys: (max: number) => `must have at most ${max} keys`,
  badKeyName: (key: string, pattern: string) =>
    `key "${key}" does not match the pattern ${pattern}`,
  dependentKey: (key: string, needs: string) => `"${key}" also needs "${needs}"`,
  notAllowed: () => "this value is not allowed here",
  forbiddenCombination: () => "this combination of keys is not allowed",
  schemaRule: (detail: string) => `invalid: ${detail}`,
  // semantic checks
  segmentReversed: (segment: string, start: string, end: string) =>
    `segment "${segment}" ends (${end}) before it starts (${start})`,
  segmentOverlap: (later: string, start: string, earlier: string, end: string) =>
    `segment "${later}" starts ${start}, not after segment "${earlier}" ends (${end})`,
  segmentOrderHint: () => "segments must be in order train < valid < test and must not overlap",
  bothSignals: () => "the spec declares both `strategy:` and `agent:`; keep one",
  noSignal: () => "the spec declares neither `strategy:` nor `agent:`; add one to produce a signal",
  // secrets
  envUnset: (name: string) => `environment variable ${name} is not set`,
  envUnsetHint: (name: string) => `export ${name}=… before running`,
  envNotSecret: (text: string) =>
    `${quote(text)}: \${env:…} references are allowed only in secret fields`,
  envNotSecretHint: () =>
    "write the value itself here, or vary it per environment with `environments:` or config/<env>.yaml",
  plainSecret: () =>
    "a secret written in plain text: it ends up in run folders and version control",
  plainSecretHint: () => `reference an environment variable instead, e.g. \${env:MY_API_KEY}`,
  malformedRef: (text: string) => `malformed environment reference ${quote(text)}`,
  malformedRefHint: () => `write \${env:NAME} with NAME made of letters, digits and _`,
  secretUnresolved: (name: string) =>
    `environment variable ${name} is not set, but the run needs it (the spec refers to \${env:${name}})`,
  // sweeps
  sweepBaseMissing: (path: string) => `sweep base ${quote(path)}: no such file`,
  sweepBaseNotExperiment: (file: string, kind: string) =>
    `the sweep base ${file} is a \`kind: ${kind}\` spec; a sweep needs an experiment`,
  sweepUnknownParameter: (path: string) =>
    `parameter "${path}" is not a value of the base experiment`,
  sweepParameterNotScalar: (path: string) =>
    `parameter "${path}" names a section, not a single value; name a leaf such as ${path}.<key>`,
  sweepRangeReversed: (min: number, max: number) =>
    `range min (${min}) is greater than max (${max})`,
  sweepGridNeedsStep: () => "a grid over a range needs `step`",
  sweepTooManyTrials: (trials: number, max: number) =>
    `the grid has ${trials} trials, more than max_trials (${max})`,
  // type generation (npm run gen:types / check:types)
  typesStale: (file: string) =>
    `${file} is stale: the schemas changed. Run \`npm run gen:types\` and commit the result.`,
  typesUpToDate: (file: string) => `${file} is up to date`,
  typesWritten: (file: string, lines: number) => `wrote ${file} (${lines} lines)`,
  invalidDocument: (label: string, first: string, count: number) =>
    count > 1
      ? `${label} does not match its schema: ${first} (and ${count - 1} more)`
      : `${label} does not match its schema: ${first}`,
  sectionInvalid: (section: string, problems: readonly string[]) =>
    `invalid ${section}: ${problems.join("; ")}`,
  typeNameCollision: (name: string, where: string) =>
    `two schema types would both be named ${name} (${where}): rename a $defs entry or a union member's constant`,
  // internal (a broken installation, not the user's spec)
  schemaMissing: (schema: string, ref: string, dirs: readonly string[]) =>
    `internal error: schema ${schema} refers to ${ref}, which is not in ${names(dirs)}`,
  schemaNotFound: (schema: string, dirs: readonly string[]) =>
    `internal error: no schema ${schema} in ${names(dirs)}`,
  schemaBroken: (schema: string, detail: string) =>
    `internal error: schema ${schema} is invalid: ${detail}`,
  internal: (detail: string) => `internal error while reading the spec: ${detail}`,
} as const;

function article(word: string): string {
  if (word === "null") return "empty";
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function plural(word: string): string {
  return word.endsWith("s") ? `${word}es` : `${word}s`;
}

function typeWord(type: string): string {
  if (type === "object") return "mapping";
  if (type === "array") return "list";
  return type;
}

function formatName(format: string): string {
  if (format === "date") return "date (YYYY-MM-DD)";
  if (format === "date-time") return "date-time (YYYY-MM-DDTHH:MM:SSZ)";
  return format;
}
