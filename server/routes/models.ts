import { type RequestHandler, Router } from "express";
import { modelNameParam, versionParam } from "./id-params.js";
import { param } from "./params.js";
import type { ValidateFunction } from "ajv";
import type { RegistryBackend } from "../../runtime/registry/backend.js";
import type { ModelVersion, RegisteredModel } from "../../runtime/registry/index.js";
import type { ApiAliasRequest } from "../../runtime/spec/types.generated.js";
import { isUserError } from "../../runtime/core/errors.js";
import { readSignature } from "../../runtime/serving/signature.js";
import { requireRole } from "../middleware/authenticate.js";
import { validateBody } from "../middleware/validate-body.js";

const summary = (m: RegisteredModel) => ({
  name: m.name,
  createdAt: m.createdAt,
  description: m.description,
  tags: m.tags,
  aliases: m.aliases,
  latestVersion: m.versions.at(-1)?.version ?? null,
  versions: m.versions.length,
});

const versionView = (v: ModelVersion) => v;

/**
 * The version's model signature (what it decides from: observation layout,
 * bars needed, action transform, outputs), or null with why it cannot be
 * served (registered before signatures existed: how to re-register).
 */
function signatureView(registry: RegistryBackend, name: string, version: ModelVersion) {
  try {
    const artifact = registry.artifactDir(version);
    return { signature: readSignature(artifact, name, version.version) };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { signature: null, unservable: error.message };
  }
}

/** Registered models: list, show, versions, alias moves and deletion. */
export function modelRoutes(
  registry: RegistryBackend,
  validators: (name: string) => ValidateFunction,
  audit: RequestHandler,
): Router {
  const router = Router();
  router.param("name", modelNameParam);
  router.param("version", versionParam);
  router.get("/models", requireRole("viewer"), async (_req, res) => {
    res.json({ models: (await registry.listModels()).map(summary) });
  });
  router.get("/models/:name", requireRole("viewer"), async (req, res) => {
    const model = await registry.getModel(param(req, "name"));
    res.json({ ...summary(model), versions: model.versions.map(versionView) });
  });
  router.get("/models/:name/versions/:version", requireRole("viewer"), async (req, res) => {
    const version = await registry.getVersion(param(req, "name"), param(req, "version"));
    res.json({ ...versionView(version), ...signatureView(registry, param(req, "name"), version) });
  });
  router.post(
    "/models/:name/aliases",
    audit,
    requireRole("researcher"),
    validateBody(validators, "AliasRequest"),
    async (req, res) => {
      // Validated against api.schema.json#/$defs/AliasRequest by validateBody.
      const { alias, version } = req.body as ApiAliasRequest;
      const target = await registry.setAlias(param(req, "name"), alias, version);
      res.json({ name: req.params.name, alias, version: target.version });
    },
  );
  router.delete(
    "/models/:name/versions/:version",
    audit,
    requireRole("admin"),
    async (req, res) => {
      res.json(await registry.delete(param(req, "name"), param(req, "version")));
    },
  );
  return router;
}
