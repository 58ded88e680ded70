import { parse } from "yaml";
import { reportMessages } from "../../messages/report.js";
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

/**
 * The values the spec set, one row per top-level key (`/agent`), each value
 * as `path below it: value`, so a spec of 70 values fits in a dozen rows.
 */
function userValueRows(userSet: readonly SpecValueOrigin[], spec: unknown) {
  const byTop = new Map<string, string[]>();
  for (const o of userSet) {
    const [, top = "", ...rest] = o.path.split("/");
    const value = shortValue(valueAt(spec, o.path));
    const list = byTop.get(top) ?? [];
    list.push(rest.length ? `${rest.join("/")}: ${value}` : value);
    byTop.set(top, list);
  }
  return [...byTop].map(([top, values]) => [{ text: `/${top}` }, { text: values.join(" · ") }]);
}

/**
 * Appendix: what produced this report. Shown: the run, the hashes, seed and
 * versions, and the values the spec set; collapsed: the values taken from the
 * schema defaults and the whole resolved spec (closed, so left out of the PDF).
 */
export const provenanceSection: SectionBuilder = (input) => {
  const p = input.provenance;
  if (!p) return undefined;
  const m = reportMessages.provenance;
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
  const userSet = origins.filter((o) => o.origin !== "default");
  const spec = parseSpec(p.specYaml);
  const valueRows = (list: readonly SpecValueOrigin[], cls?: string) =>
    list.map((o) => [
      { text: o.path },
      { text: shortValue(valueAt(spec, o.path)), ...(cls ? { cls } : {}) },
    ]);
  const tables = [
    ...(rows.length ? [{ headers: ["", ""], rows }] : []),
    ...(userSet.length
      ? [{ headers: m.userValuesHeaders(), rows: userValueRows(userSet, spec) }]
      : []),
  ];
  const details = [
    ...(defaults.length
      ? [
          {
            summary: m.defaultsSummary(defaults.length),
            tables: [
              {
                headers: ["value taken from defaults", "resolved value"],
                rows: valueRows(defaults, "muted"),
              },
            ],
          },
        ]
      : []),
    ...(p.specYaml ? [{ summary: m.resolvedSpecSummary(), code: p.specYaml }] : []),
  ];
  if (!tables.length && !details.length) return undefined;
  return {
    id: "provenance",
    title: m.title(),
    tables,
    ...(origins.length
      ? {
          notes: [
            `${plural(origins.length - defaults.length, "value")} set in the spec, ${defaults.length} from defaults.`,
          ],
        }
      : {}),
    ...(details.length ? { details } : {}),
  };
};
