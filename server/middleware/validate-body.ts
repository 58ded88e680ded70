import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NextFunction, Request, Response } from "express";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { projectPaths } from "../../runtime/core/project-paths.js";
import { sendError } from "./errors.js";
import { serverMessages } from "../../runtime/messages/server.js";

/** Compiled validators for the request bodies in schemas/api.schema.json. */
export function createBodyValidators(
  schemaFile = resolveApiSchema(),
): (name: string) => ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true });
  ajv.addSchema(JSON.parse(readFileSync(schemaFile, "utf8")) as object);
  const cache = new Map<string, ValidateFunction>();
  return (name) => {
    let fn = cache.get(name);
    if (!fn) {
      fn = ajv.getSchema(`api.schema.json#/$defs/${name}`);
      if (!fn) throw new Error(`no request schema ${name}`);
      cache.set(name, fn);
    }
    return fn;
  };
}

function resolveApiSchema(): string {
  return join(projectPaths.schemas(), "api.schema.json");
}

/** Human-readable field problems: `/observation/2 must be number`. */
export function describeErrors(
  errors: readonly ErrorObject[] | null | undefined,
): { path: string; message: string }[] {
  return (errors ?? [])
    .filter((e) => e.keyword !== "oneOf" || (errors ?? []).length === 1)
    .map((e) => ({
      path:
        e.keyword === "additionalProperties"
          ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`
          : e.instancePath || "/",
      message:
        e.keyword === "additionalProperties"
          ? serverMessages.unknownBodyField()
          : e.keyword === "oneOf"
            ? serverMessages.oneAlternativeField()
            : (e.message ?? serverMessages.invalidBodyField()),
    }));
}

/** Problems listed in a 400's details (allErrors can find one per key of a large body). */
const MAX_REPORTED_PROBLEMS = 20;

/** 400 naming the field path when the JSON body does not match the named schema. */
export function validateBody(validators: (name: string) => ValidateFunction, name: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const validate = validators(name);
    if (validate(req.body ?? {})) return next();
    // The body's own keys appear in the paths: report a bounded number of bounded paths.
    const problems = describeErrors(validate.errors)
      .slice(0, MAX_REPORTED_PROBLEMS)
      .map((p) => ({ ...p, path: p.path.length > 120 ? `${p.path.slice(0, 117)}…` : p.path }));
    const first = problems[0];
    sendError(
      res,
      400,
      "invalid_body",
      first ? `${first.path} ${first.message}` : "invalid body",
      problems,
    );
  };
}
