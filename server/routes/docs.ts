import { createRequire } from "node:module";
import { dirname } from "node:path";
import express, { Router } from "express";

const swaggerDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DRL Workbench API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

const init = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });`;

/** `/openapi.json` and Swagger UI at `/docs`, served from the local swagger-ui-dist package (no CDN). */
export function docsRoutes(openapi: unknown): Router {
  const router = Router();
  router.get("/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  router.use("/docs/assets", express.static(swaggerDir, { index: false }));
  router.get("/docs/init.js", (_req, res) => {
    res.type("application/javascript").send(init);
  });
  router.get(["/docs", "/docs/"], (_req, res) => {
    res.type("html").send(page);
  });
  return router;
}
