// Loads a spec under a policy received as JSON (as a worker process would)
// and prints its diagnostics as JSON. Used to prove that loading a spec that
// names a FIFO returns instead of blocking: the parent kills this process
// if it does not finish in time.
import { loadSpec } from "../../../runtime/spec/index.js";
import { parseSpecPolicy } from "../../../runtime/spec/spec-policy.js";

const [file, policyJson] = process.argv.slice(2);
const policy = parseSpecPolicy(JSON.parse(policyJson ?? "null"));
const result = loadSpec(file ?? "", { policy, environ: {} });
process.stdout.write(JSON.stringify(result.diagnostics));
