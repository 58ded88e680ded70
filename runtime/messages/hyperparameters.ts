/** Messages of the agents' hyperparameters: forms the schema cannot check, cross-field rules. */
export const hyperparametersMessages = {
  notFinite: (name: string) => `${name} must be finite`,
  badSchedule: (name: string, spec: string) =>
    `${name}: "${spec}" is neither a number nor "lin_<start>" (e.g. lin_3e-4)`,
  sacEntCoef: (value?: string) =>
    `sac.ent_coef must be a number, "auto" or "auto_<initial>"${value === undefined ? "" : `, got "${value}"`}`,
  rmsPropEpsWithoutRmsProp: (algo: string) =>
    `${algo}: rms_prop_eps is the ε of RMSprop, which this agent does not use`,
  rmsPropEpsHint: () => "set use_rms_prop: true, or write the Adam ε as optimizer_eps",
} as const;
