import type { SectionBuilder } from "./section-plan.js";

/** What produced this report: run id, spec, data hash, seed, versions, defaulted values. */
export const provenanceSection: SectionBuilder = (input) => {
  const p = input.provenance;
  if (!p) return undefined;
  const facts: [string, string | undefined][] = [
    ["run", p.runId],
    ["spec file", p.specFile],
    ["spec hash", p.specHash],
    ["data hash", p.dataHash],
    ["seed", p.seed === undefined ? undefined : String(p.seed)],
    ["started", p.startedAt],
    ["finished", p.finishedAt],
    ...Object.entries(p.versions ?? {}).map(([k, v]): [string, string] => [`version ${k}`, v]),
  ];
  const rows = facts
    .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== "")
    .map(([k, v]) => [{ text: k }, { text: v }]);
  const origins = p.origins ?? [];
  const defaults = origins.filter((o) => o.origin === "default");
  const tables = [
    ...(rows.length ? [{ headers: ["", ""], rows }] : []),
    ...(origins.length
      ? [
          {
            headers: ["spec value", "origin"],
            rows: origins.map((o) => [
              { text: o.path },
              { text: o.origin, cls: o.origin === "default" ? "muted" : "" },
            ]),
          },
        ]
      : []),
  ];
  if (!tables.length && !p.specYaml) return undefined;
  return {
    id: "provenance",
    title: "Provenance",
    tables,
    ...(origins.length
      ? { notes: [`${defaults.length} of ${origins.length} resolved values came from defaults.`] }
      : {}),
    ...(p.specYaml ? { code: p.specYaml } : {}),
  };
};
