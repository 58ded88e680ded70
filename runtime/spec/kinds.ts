/** The kinds of spec file, selected by the top-level `kind:` key (default: experiment). */
export const SPEC_KINDS = ["experiment", "data", "strategy", "agent", "risk", "sweep"] as const;
export type SpecKind = (typeof SPEC_KINDS)[number];

/** Standalone kinds an experiment can pull in with `extends`; they merge into the section of that name. */
export const SECTION_KINDS = ["data", "strategy", "agent", "risk"] as const;

/** Keys handled by the loader itself rather than by a kind's schema. */
export const LOADER_KEYS = ["kind", "extends", "environments"] as const;

export function isSpecKind(value: unknown): value is SpecKind {
  return typeof value === "string" && (SPEC_KINDS as readonly string[]).includes(value);
}

export function isSectionKind(value: string): boolean {
  return (SECTION_KINDS as readonly string[]).includes(value);
}

/** The schema file (and `$id`) that validates a kind. */
export function schemaOfKind(kind: SpecKind): string {
  return `${kind}.schema.json`;
}
