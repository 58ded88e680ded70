import { parse } from "yaml";
import type { SpecValueOrigin } from "../tear-sheet-input.js";
import type { SectionBuilder } from "./section-plan.js";

/** Array elements are reported with their array (`/report/sections/3` → `/report/sections`). */
export function collapseOrigins(origins: readonly SpecValueOrigin[]): SpecValueOrigin[] {
  const byPath = new Map<string, Set<string>>();
  for (const o of origins) {
    const path = o.path.replace(/(\/\d+)+(?=\/|$)/g, (m, _g, offset: number, whole: string) =>
      offset + m.length === whole.length ? "" : m,
    );
    const set = byPath.get(path || "/") ?? new Set<string>();
    set.add(o.origin);
    byPath.set(path || "/", set);
  }
  return [...byPath]
    .map(([path, set]) => ({ path, origin: set.size === 1 ? [...set][0]! : "mixed" }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function valueAt(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const part of pointer.split("/").slice(1)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node;
}

function shortValue(value: unknown): string {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function parseSpec(yaml: string | undefined): unknown {
  if (!yaml) return undefined;
  try {
    return parse(yaml) as unknown;
  } catch {
    return undefined;
  }
}

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
  const origins = collapseOrigins(p.origins ?? []);
  const defaults = origins.filter((o) => o.origin === "default");
  const spec = parseSpec(p.specYaml);
  const tables = [
    ...(rows.length ? [{ headers: ["", ""], rows }] : []),
    ...(defaults.length
      ? [
          {
            headers: ["value taken from defaults", "resolved value"],
            rows: defaults.map((o) => [
              { text: o.path },
              { text: shortValue(valueAt(spec, o.path)), cls: "muted" },
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
      ? {
          notes: [
            `${plural(origins.length - defaults.length, "value")} set in the spec, ${defaults.length} from defaults.`,
          ],
        }
      : {}),
    ...(p.specYaml ? { code: p.specYaml } : {}),
  };
};
