import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { UserError } from "../core/errors.js";
import { projectPaths } from "../core/project-paths.js";
import { storeMessages } from "../messages/store.js";
import type { StoreSpec } from "../spec/types.generated.js";

/**
 * A store configuration with every default filled from
 * schemas/store.schema.json (the only place they are written). The CLI calls
 * it with `{ url }` from `--store`; the server gets the same defaults through
 * its own configuration's `store` section.
 */
export function resolveStoreConfig(data: unknown = {}): StoreSpec {
  const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true });
  const schema = JSON.parse(
    readFileSync(`${projectPaths.schemas()}/store.schema.json`, "utf8"),
  ) as object;
  const validate = ajv.compile<StoreSpec>(schema);
  const copy: unknown = structuredClone(data);
  if (validate(copy)) return copy;
  const problems = (validate.errors ?? []).map(
    (e) => `${e.instancePath || "/"} ${e.message ?? ""}`,
  );
  throw new UserError(storeMessages.configInvalid(problems));
}
