import type { ErrorObject } from "ajv/dist/2020.js";
import { suggestName } from "./suggest-name.js";
import { specMessages } from "../messages/spec.js";
import { childPointer, isPlainObject } from "./pointer.js";
import type { Problem } from "./problem.js";
import type { SchemaObject, SchemaSet } from "./schema-set.js";

/** One ajv error (not a union) → one problem, or undefined for wrapper errors (`if`, `propertyNames`). */
export function explainOne(set: SchemaSet, error: ErrorObject, path: string): Problem | undefined {
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
      const allowed = knownProperties(set, parent, value);
      const suggestion = suggestName(key, allowed);
      const keys = keysNamed(parent);
      // A named set of keys (an algorithm's hyperparameters) is listed whole: it is the reference.
      const hint = suggestion
        ? specMessages.didYouMean(suggestion)
        : allowed.length > 0 && (keys || allowed.length <= 20)
          ? specMessages.validKeys(allowed)
          : undefined;
      return {
        pointer: childPointer(path, key),
        anchor: "key",
        message: keys
          ? specMessages.unknownKeyOf(keys.owner, keys.noun, key)
          : specMessages.unknownKey(key),
        ...(hint ? { hint } : {}),
        ...(suggestion ? { suggestion } : {}),
      };
    }
    case "required": {
      const key = String(params.missingProperty);
      const choices = enumOf(set, parent, key);
      const example = exampleOf(set, parent, key);
      const hint = choices
        ? specMessages.validChoices(key, choices)
        : example !== undefined
          ? specMessages.missingKeyExample(key, example)
          : undefined;
      return {
        pointer: childPointer(path, key),
        anchor: "parent",
        missing: true,
        message: specMessages.missingKey(key),
        ...(hint ? { hint } : {}),
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
      const suggestion = typeof value === "string" ? suggestName(value, strings) : undefined;
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

/** What a mapping's keys are, when its schema says (`x-keys: {owner: "ppo", noun: "hyperparameter"}`). */
function keysNamed(schema: SchemaObject): { owner: string; noun: string } | undefined {
  const keys = schema["x-keys"];
  if (!isPlainObject(keys)) return undefined;
  const { owner, noun } = keys;
  return typeof owner === "string" && typeof noun === "string" ? { owner, noun } : undefined;
}

function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (isPlainObject(value)) return "mapping";
  return typeof value;
}

/** The allowed values of a missing key, when its schema is an enum of strings. */
function enumOf(set: SchemaSet, parent: SchemaObject, key: string): string[] | undefined {
  const property = isPlainObject(parent.properties) ? parent.properties[key] : undefined;
  const resource = set.locate(parent)?.resource ?? "";
  const target = set.deref(property, resource)?.schema;
  const values = target?.enum;
  if (!Array.isArray(values) || !values.every((v) => typeof v === "string")) return undefined;
  return values as string[];
}

/** A one-line example for a missing key, from the schema's `examples` (following `$ref`). */
function exampleOf(set: SchemaSet, parent: SchemaObject, key: string): string | undefined {
  const properties = parent.properties;
  if (!isPlainObject(properties)) return undefined;
  const property = properties[key];
  if (!isPlainObject(property)) return undefined;
  const resource = set.locate(parent)?.resource ?? "";
  const target = set.deref(property, resource)?.schema;
  const examples = Array.isArray(property.examples) ? property.examples : target?.examples;
  const example: unknown = Array.isArray(examples) ? examples[0] : undefined;
  if (example === undefined) return undefined;
  if (typeof example === "object" && example !== null) {
    const text = JSON.stringify(example);
    const flow = text
      .replace(/"([a-z_][a-z0-9_]*)":/g, "$1: ")
      .replace(/"([\w.-]+)"/g, "$1")
      .replace(/,/g, ", ");
    return flow.length <= 70 ? flow : undefined;
  }
  return String(example);
}

/**
 * The keys `schema` declares for `value`: its properties, those of its
 * `allOf` parts, of the union branches the value's discriminator (`type`, or
 * a key such as `source` every branch pins) names, and of the `then` of an
 * `if` whose pinned keys the value has.
 */
export function knownProperties(set: SchemaSet, schema: SchemaObject, value: unknown): string[] {
  const names = new Set<string>();
  const seen = new Set<object>();
  const data = isPlainObject(value) ? value : {};
  const pinsMatch = (s: SchemaObject, resource: string, keys: readonly string[]): boolean => {
    if (!isPlainObject(s.properties)) return true;
    for (const key of keys) {
      const given = data[key];
      if (typeof given !== "string" || !Object.hasOwn(s.properties, key)) continue;
      const pinned = set.deref(s.properties[key], resource)?.schema;
      if (pinned === undefined) continue;
      if (typeof pinned.const === "string" && pinned.const !== given) return false;
      if (Array.isArray(pinned.enum) && !pinned.enum.includes(given)) return false;
    }
    return true;
  };
  const fits = (node: unknown, resource: string): boolean => {
    const resolved = set.deref(node, resource);
    return (
      resolved !== undefined && pinsMatch(resolved.schema, resolved.resource, Object.keys(data))
    );
  };
  const visit = (node: unknown, resource: string, depth: number) => {
    const resolved = set.deref(node, resource);
    if (!resolved || seen.has(resolved.schema) || depth > 8) return;
    const s = resolved.schema;
    const at = resolved.resource;
    seen.add(s);
    if (isPlainObject(s.properties)) for (const key of Object.keys(s.properties)) names.add(key);
    if (Array.isArray(s.allOf)) for (const part of s.allOf) visit(part, at, depth + 1);
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const parts = s[keyword];
      if (!Array.isArray(parts)) continue;
      // The branches the value's discriminator names; all of them when it names none.
      const named = parts.filter((part) => fits(part, at));
      for (const part of named.length > 0 ? named : parts) visit(part, at, depth + 1);
    }
    const condition = set.deref(s.if, at)?.schema;
    if (s.then !== undefined && condition && pinsMatch(condition, at, Object.keys(data)))
      visit(s.then, at, depth + 1);
  };
  visit(schema, set.locate(schema)?.resource ?? "", 0);
  return [...names];
}
