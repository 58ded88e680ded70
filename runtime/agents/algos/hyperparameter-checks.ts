import { specError } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { hyperparametersMessages as m } from "../../messages/hyperparameters.js";
import type { AlgorithmName, HyperparametersOf } from "./algorithm-hyperparameters.js";
import { parseEntCoef } from "./sac.js";
import { parseSchedule } from "./schedules.js";

/**
 * The rules on one algorithm's resolved hyperparameters that its schema cannot
 * state, checked when the plan is compiled (so `drlwb validate` catches them):
 * values whose form the schema only outlines (`lin_<start>` schedules, SAC's
 * `auto_<initial>`) and cross-field rules. `loc` is the hyperparameters'
 * mapping (`/agent/hyperparameters`, `/agent/ensemble/hyperparameters/ppo`);
 * a problem is reported at its key.
 */
export function checkHyperparameters(
  algo: AlgorithmName,
  hp: HyperparametersOf<AlgorithmName>,
  loc: SpecLocation,
): void {
  const parsed = (key: string, parse: () => unknown): void => {
    try {
      parse();
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw specError(loc.at(`/${key}`), error.message);
    }
  };
  parsed("learning_rate", () => parseSchedule(hp.learning_rate, `${algo}.learning_rate`));
  if ("clip_range" in hp)
    parsed("clip_range", () => parseSchedule(hp.clip_range, `${algo}.clip_range`));
  if ("target_entropy" in hp) parsed("ent_coef", () => parseEntCoef(hp.ent_coef));
  if ("use_rms_prop" in hp && hp.rms_prop_eps !== undefined && !hp.use_rms_prop) {
    throw specError(loc.at("/rms_prop_eps"), m.rmsPropEpsWithoutRmsProp(algo), m.rmsPropEpsHint());
  }
}
