import { describePlan, formatPlan } from "../runtime/core/plan.js";
import { compileSpecFile } from "../runtime/run/run-spec.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";

export interface PlanOptions {
  readonly json?: boolean;
  readonly env?: string;
  readonly seed?: number;
}

/** `drlwb plan <spec>`: the compiled stages, their types and inputs. */
export function planCommand(file: string, options: PlanOptions, io: CliIO): ExitCode {
  const { plan } = compileSpecFile(file, options);
  if (options.json) printJson(io, describePlan(plan));
  else io.stdout.write(`${formatPlan(plan)}\n`);
  return EXIT.ok;
}
