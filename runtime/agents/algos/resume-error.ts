import { type Diagnostic, isUserError, UserError } from "../../core/errors.js";
import { sectionLocation, type SpecLocation } from "../../core/spec-location.js";
import { agentsMessages } from "../../messages/agents.js";

/** Agent-section keys a resume problem points at (relative to the agent section). */
export const RESUME_KEY = "/training/resume";
export const ENV_KEY = "/env";
export const N_ENVS_KEY = "/hyperparameters/n_envs";

/**
 * A checkpoint that cannot be resumed (taken with another spec, a damaged
 * resume state, an env that is not deterministic): the user fixes it by
 * changing the spec or deleting the checkpoint, so it is a `UserError`. The
 * algorithm that finds it knows only the agent-section key; the trainer, which
 * knows the checkpoint folder and the section's place in the spec, places it
 * (`inCheckpoint`). Until then it points at the experiment's agent section.
 */
export class ResumeError extends UserError {
  readonly key: string;
  readonly hint: string;
  constructor(message: string, hint: string, key: string) {
    super(message, [resumeDiagnostic(message, hint, sectionLocation("agent").at(key), "")]);
    this.name = "ResumeError";
    this.key = key;
    this.hint = hint;
  }
}

function resumeDiagnostic(
  message: string,
  hint: string,
  loc: SpecLocation,
  file: string,
): Diagnostic {
  return { file, path: loc.pointer, message, hint, severity: "error" };
}

export function resumeError(message: string, hint: string, key = RESUME_KEY): ResumeError {
  return new ResumeError(message, hint, key);
}

/**
 * `error` with the checkpoint folder as the file of diagnostics that have none
 * and, for a resume problem, its key placed under the agent section `loc`;
 * other errors unchanged.
 */
export function inCheckpoint(error: unknown, file: string, loc?: SpecLocation): unknown {
  if (error instanceof ResumeError && loc) {
    return new UserError(error.message, [
      resumeDiagnostic(error.message, error.hint, loc.at(error.key), file),
    ]);
  }
  if (!isUserError(error) || error.diagnostics.every((d) => d.file)) return error;
  const diagnostics: Diagnostic[] = error.diagnostics.map((d) => (d.file ? d : { ...d, file }));
  return new UserError(error.message, diagnostics);
}

/** A resume state that lacks an array or has another format: delete the checkpoint. */
export function damagedState(detail: string): UserError {
  return resumeError(agentsMessages.resumeStateDamaged(detail), agentsMessages.checkpointHint());
}
