import type { ErrorObject } from "ajv/dist/2020.js";
import { didYouMean } from "../core/suggest.js";
import { specMessages } from "../messages/spec.js";
import { childPointer, isPlainObject, pointerTokens, valueAt } from "./pointer.js";
import type { Problem } from "./problem.js";
import type { SchemaObject, SchemaSet } from "./schema-set.js";

/**
 * Turns ajv's raw errors into one useful problem per real mistake: unions
 * (`oneOf`/`anyOf`) are resolved to the branch the user meant (by `type:` when
 * the branches are discriminated, else by the value's JSON type, else the
 * closest branch) and explained from that branch alone; `if` wrappers are dropped.
 *
 * `base` is the pointer of the validated value inside `root`.
 */
export function explainErrors(
  set: SchemaSet,
  errors: readonly ErrorObject[],
  root: unknown,
  base = "",
  depth = 0,
): Problem[] {
  const problems: Problem[] = [];
  let pending = errors.map((e) => ({ error: e, path: base + e.instancePath }));
  for (;;) {
    const unions = pending.filter((p) => isUnion(p.error));
    if (unions.length === 0) break;
    const outer = unions.reduce((a, b) => (b.path.length < a.path.length ? b : a));
    pending = pending.filter((p) => !isUnder(p.path, outer.path));
    problems.push(...explainUnion(set, outer.error, root, outer.path, depth));
  }
  for (const { error, path } of pending) {
    const problem = explainOne(error, path);
    if (problem) problems.push(problem);
  }
  return dropMisspelledRequired(problems);
}

/**
 * `max_drawdwn: 0.2` is one mistake, not two: when an unknown key's
 * suggestion is a required key reported missing in the same mapping, keep
 * only the unknown-key problem (its hint names the fix).
 */
function dropMisspelledRequired(problems: Problem[]): Problem[] {
  const suggested = new Set<string>();
  for (const p of problems) {
    if (p.suggestion !== undefined)
      suggested.add(childPointer(parentPointerOf(p.pointer), p.suggestion));
  }
  return problems
    .filter((p) => !(p.missing === true && suggested.has(p.pointer)))
    .map(({ suggestion: _s, missing: _m, ...rest }) => rest);
}

function parentPointerOf(pointer: string): string {
  const i = pointer.lastIndexOf("/");
  return i <= 0 ? "" : pointer.slice(0, i);
}

function isUnion(error: ErrorObject): boolean {
  return error.keyword === "oneOf" || error.keyword === "anyOf";
}

function isUnder(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

interface Branch {
  readonly schema: SchemaObject;
  readonly resource: string;
  /** Pointer of the branch (not dereferenced) inside its resource, for its validator. */
  readonly pointer: string;
}

function explainUnion(
  set: SchemaSet,
  error: ErrorObject,
  root: unknown,
  path: string,
  depth: number,
): Problem[] {
  const parent = error.parentSchema as SchemaObject | undefined;
  const location = parent ? set.locate(parent) : undefined;
  const list = parent?.[error.keyword];
  const value = valueAt(root, path);
  if (!parent || !location || !Array.isArray(list) || depth > 16) {
    return [
      { pointer: path, anchor: "value", message: specMessages.schemaRule(error.message ?? "") },
    ];
  }
  const branches: Branch[] = [];
  list.forEach((raw, i) => {
    const resolved = set.deref(raw, location.resource);
    const pointer = `${location.pointer}/${error.keyword}/${i}`;
    if (resolved) branches.push({ ...resolved, pointer });
  });
  const section = sectionName(parent, path);
  const discriminants = branches.map((b) => typeNames(set, b));
  if (discriminants.every((d) => d.length > 0) && isPlainObject(value)) {
    const valid = [...new Set(discriminants.flat())].sort();
    const given = value.type;
    if (given === undefined) {
      return [
        {
          pointer: childPointer(path, "type"),
          anchor: "parent",
          message: specMessages.missingType(section, valid),
        },
      ];
    }
    const index = discriminants.findIndex((d) => typeof given === "string" && d.includes(given));
    if (index === -1) {
      const suggestion = typeof given === "string" ? didYouMean(given, valid) : undefined;
      return [
        {
          pointer: childPointer(path, "type"),
          anchor: "value",
          message: specMessages.unknownType(section, given, valid),
          ...(suggestion ? { hint: specMessages.didYouMean(suggestion) } : {}),
        },
      ];
    }
    return explainBranch(set, branches[index]!, root, path, depth);
  }
  const candidates = branches.filter((b) => acceptsJsonType(set, b, value));
  if (candidates.length === 0) {
    const alternatives = branches.map((b) => describeBranch(set, b));
    return [
      { pointer: path, anchor: "value", message: specMessages.noAlternative(alternatives, value) },
    ];
  }
  let best: { branch: Branch; errors: readonly ErrorObject[] } | undefined;
  for (const branch of candidates) {
    const validate = set.validator(location.resource, branch.pointer);
    validate(value);
    const errors = validate.errors ?? [];
    if (!best || errors.length < best.errors.length) best = { branch, errors: [...errors] };
  }
  if (!best || best.errors.length === 0) {
    return [
      { pointer: path, anchor: "value", message: specMessages.schemaRule(error.message ?? "") },
    ];
  }
  return explainErrors(set, best.errors, root, path, depth + 1);
}

function explainBranch(set: SchemaSet, branch: Branch, root: unknown, path: string, depth: number) {
  const location = set.locate(branch.schema);
  const validate = location
    ? set.validator(location.resource, location.pointer)
    : set.validator(branch.resource, branch.pointer);
  validate(valueAt(root, path));
  return explainErrors(set, [...(validate.errors ?? [])], root, path, depth + 1);
}

/** The `type:` names a branch accepts (`properties.type.const` or `.enum`). */
function typeNames(set: SchemaSet, branch: Branch): string[] {
  const properties = branch.schema.properties;
  if (!isPlainObject(properties)) return [];
  const resolved = set.deref(properties.type, branch.resource);
  if (!resolved) return [];
  const { schema } = resolved;
  if (typeof schema.const === "string") return [schema.const];
  if (Array.isArray(schema.enum))
    return schema.enum.filter((v): v is string => typeof v === "string");
  return [];
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function declaredTypes(schema: SchemaObject): string[] | undefined {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type))
    return schema.type.filter((t): t is string => typeof t === "string");
  if ("const" in schema) return [jsonType(schema.const)];
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map(jsonType))];
  return undefined;
}

function acceptsJsonType(_set: SchemaSet, branch: Branch, value: unknown): boolean {
  const types = declaredTypes(branch.schema);
  if (!types) return true;
  const actual = jsonType(value);
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

function describeBranch(_set: SchemaSet, branch: Branch): string {
  const { schema } = branch;
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum))
    return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  const types = declaredTypes(schema);
  const kind = types ? types.map(withArticle).join(" or ") : "a value";
  return typeof schema.title === "string" ? `${kind} (${schema.title.toLowerCase()})` : kind;
}

function withArticle(type: string): string {
  if (type === "object") return "a mapping";
  if (type === "array") return "a list";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function sectionName(parent: SchemaObject, path: string): string {
  if (typeof parent.title === "string") return parent.title.toLowerCase();
  const tokens = pointerTokens(path);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (/^\d+$/.test(token)) continue;
    const item = i < tokens.length - 1;
    return item && token.endsWith("s") ? token.slice(0, -1) : token;
  }
  return "spec";
}

function explainOne(error: ErrorObject, path: string): Problem | undefined {
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as SchemaObject;
  const value = error.data;
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const pattern = typeof params.pattern === "string" ? params.pattern : "";
    return {
      pointer: childPointer(path, propertyName),
      anchor: "key",
      message: specMessages.badKeyName(propertyName, pattern),
    };
  }
  switch (error.keyword) {
    case "additionalProperties":
    case "unevaluatedProperties": {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty);
      const allowed = isPlainObject(parent.properties) ? Object.keys(parent.properties) : [];
      const suggestion = didYouMean(key, allowed);
      const hint = suggestion
        ? specMessages.didYouMean(suggestion)
        : allowed.length > 0 && allowed.length <= 20
          ? specMessages.validKeys(allowed)
          : undefined;
      return {
        pointer: childPointer(path, key),
        anchor: "key",
        message: specMessages.unknownKey(key),
        ...(hint ? { hint } : {}),
        ...(suggestion ? { suggestion } : {}),
      };
    }
    case "required": {
      const key = String(params.missingProperty);
      const example = exampleOf(parent, key);
      return {
        pointer: childPointer(path, key),
        anchor: "parent",
        missing: true,
        message: specMessages.missingKey(key),
        ...(example !== undefined ? { hint: specMessages.missingKeyExample(key, example) } : {}),
      };
    }
    case "type": {
      const expected = String(params.type).split(",");
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.wrongType(expected, jsonTypeName(value), value),
      };
    }
    case "enum": {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const strings = allowed.filter((v): v is string => typeof v === "string");
      const suggestion = typeof value === "string" ? didYouMean(value, strings) : undefined;
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.badEnum(value, allowed),
        ...(suggestion ? { hint: specMessages.didYouMean(suggestion) } : {}),
      };
    }
    case "const":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.badConst(value, params.allowedValue),
      };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.tooSmall(String(params.comparison), Number(params.limit), value),
      };
    case "multipleOf":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.notMultiple(Number(params.multipleOf), value),
      };
    case "pattern":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.pattern(value, String(params.pattern)),
      };
    case "format":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.format(value, String(params.format)),
      };
    case "minItems":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.tooFewItems(Number(params.limit)),
      };
    case "maxItems":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.tooManyItems(Number(params.limit)),
      };
    case "uniqueItems":
      return {
        pointer: childPointer(path, Number(params.i)),
        anchor: "value",
        message: specMessages.duplicateItems(Number(params.i), Number(params.j)),
      };
    case "minLength":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.tooShort(Number(params.limit)),
      };
    case "maxLength":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.tooLong(Number(params.limit)),
      };
    case "minProperties":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.tooFewKeys(Number(params.limit)),
      };
    case "maxProperties":
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.tooManyKeys(Number(params.limit)),
      };
    case "propertyNames":
    case "if":
      return undefined;
    case "dependentRequired":
    case "dependencies":
      return {
        pointer: childPointer(path, String(params.property)),
        anchor: "key",
        message: specMessages.dependentKey(String(params.property), String(params.missingProperty)),
      };
    case "not":
      return { pointer: path, anchor: "value", message: specMessages.forbiddenCombination() };
    case "false schema":
      return {
        pointer: path,
        anchor: path === "" ? "value" : "key",
        message: specMessages.notAllowed(),
      };
    default:
      return {
        pointer: path,
        anchor: "value",
        message: specMessages.schemaRule(error.message ?? error.keyword),
      };
  }
}

function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (isPlainObject(value)) return "mapping";
  return typeof value;
}

function exampleOf(parent: SchemaObject, key: string): string | undefined {
  const properties = parent.properties;
  if (!isPlainObject(properties)) return undefined;
  const property = properties[key];
  if (!isPlainObject(property)) return undefined;
  const examples = property.examples;
  const example = Array.isArray(examples) ? examples[0] : undefined;
  if (example === undefined || (typeof example === "object" && example !== null)) return undefined;
  return String(example);
}
