/** Roles, from least to most privileged; each includes the rights of those before it. */
export const ROLES = ["viewer", "researcher", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function roleAtLeast(actual: Role, needed: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(needed);
}

/** Who made a request, as established by a bearer token or an API key. */
export interface Principal {
  readonly subject: string;
  readonly role: Role;
  readonly via: "jwt" | "api-key";
}
