import { type Diagnostic, isUserError, UserError } from "../../core/errors.js";
import { agentsMessages } from "../../messages/agents.js";

/** Spec keys a resume problem points at. */
export const RESUME_PATH = "/agent/training/resume";
export const ENV_PATH = "/agent/env";
export const N_ENVS_PATH = "/agent/hyperparameters/n_envs";

/**
 * A checkpoint that cannot be resumed (taken with another spec, a damaged
 * resume state, an env that is not deterministic): the user fixes it by
 * changing the spec or deleting the checkpoint, so it is a `UserError`. The
 * diagnostic's file is filled in by the trainer (`inCheckpoint`), which knows
 * the checkpoint folder.
 */
export function resumeError(message: string, hint: string, path = RESUME_PATH): UserError {
  return new UserError(message, [{ file: "", path, message, hint, severity: "error" }]);
}

/** `error` with the checkpoint folder as the file of diagnostics that have none; other errors unchanged. */
export function inCheckpoint(error: unknown, file: string): unknown {
  if (!isUserError(error) || error.diagnostics.every((d) => d.file)) return error;
  const diagnostics: Diagnostic[] = error.diagnostics.map((d) => (d.file ? d : { ...d, file }));
  return new UserError(error.message, diagnostics);
}

/** A resume state that lacks an array or has another format: delete the checkpoint. */
export function damagedState(detail: string): UserError {
  return resumeError(agentsMessages.resumeStateDamaged(detail), agentsMessages.checkpointHint());
}
