// Child process of bench/serve.ts: the real server over a registry, listening on
// a free loopback port, printing its URL on the first line of stdout. Jobs
// (POST /backtests) run in worker processes as in `drlwb serve`; spec files
// come from `<root>/specs`. SIGTERM drains (workers stopped) and exits.
import { createApp } from "../../server/app.js";
import { loadServerConfig } from "../../server/config/load-config.js";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createAgentPredictorLoader } from "../../runtime/serving/agent-predictor.js";

const [root, secretText] = process.argv.slice(2);
const { app, jobs } = createApp({
  registry: new ModelRegistry(root!, 250),
  secret: new TextEncoder().encode(secretText!),
  loadPredictor: createAgentPredictorLoader(),
  ...loadServerConfig(undefined, {
    workspace: { root, registry: "." },
    http: { rate_limit_per_minute: 100_000_000 },
  }),
});
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object")
    process.stdout.write(`http://127.0.0.1:${address.port}\n`);
});
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void jobs.drain().then(() => process.exit(0));
});
