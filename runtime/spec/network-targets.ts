/**
 * The network endpoints a normalized spec makes the runtime contact, each
 * with the JSON pointer that chose it, for the host allow-list of a spec
 * policy: a provider data source (its `base_url`, the http source's `url`,
 * or the provider's default endpoint), a Redis cache URL, and report
 * notifications (webhook URLs, the SMTP host). Values that are secret
 * references (`${env:…}`, `${secret:…}`) are chosen by whoever sets the
 * variable, not by the spec, and are not listed.
 */
import { childPointer, isPlainObject } from "./pointer.js";

/** Default endpoints of the built-in data providers (used by runtime/data/providers). */
export const PROVIDER_DEFAULT_BASE = {
  yahoo: "https://query2.finance.yahoo.com",
  alphavantage: "https://www.alphavantage.co",
  polygon: "https://api.polygon.io",
} as const;

export interface NetworkTarget {
  /** Where in the spec the endpoint was chosen. */
  readonly pointer: string;
  /** The host (and port when written), or undefined when none can be read from the value. */
  readonly host: string | undefined;
  readonly port?: string;
}

const REFERENCE = /\$\{(?:env|secret):/;

/** The endpoints of a spec of `kind` (experiment, or a standalone data/report-bearing kind). */
export function networkTargets(spec: Record<string, unknown>, kind: string): NetworkTarget[] {
  const data = kind === "experiment" ? spec.data : kind === "data" ? spec : undefined;
  const dataAt = kind === "experiment" ? "/data" : "";
  const targets: NetworkTarget[] = [];
  if (isPlainObject(data)) targets.push(...dataTargets(data, dataAt));
  if (kind === "experiment" && isPlainObject(spec.report))
    targets.push(...reportTargets(spec.report, "/report"));
  return targets;
}

function dataTargets(data: Record<string, unknown>, at: string): NetworkTarget[] {
  const out: NetworkTarget[] = [];
  const source = data.source;
  if (typeof source === "string" && Object.hasOwn(PROVIDER_DEFAULT_BASE, source)) {
    const base = data.base_url;
    out.push(
      typeof base === "string"
        ? urlTarget(childPointer(at, "base_url"), base)
        : urlTarget(childPointer(at, "source"), defaultBase(source)),
    );
  } else if (source === "http") {
    const base = data.base_url;
    out.push(
      typeof base === "string"
        ? urlTarget(childPointer(at, "base_url"), base)
        : urlTarget(childPointer(at, "url"), typeof data.url === "string" ? data.url : ""),
    );
  }
  const cache = data.cache;
  if (isPlainObject(cache) && typeof cache.url === "string" && !REFERENCE.test(cache.url))
    out.push(urlTarget(childPointer(childPointer(at, "cache"), "url"), cache.url));
  return out;
}

function reportTargets(report: Record<string, unknown>, at: string): NetworkTarget[] {
  const notifications = report.notifications;
  if (!isPlainObject(notifications)) return [];
  const base = childPointer(at, "notifications");
  const out: NetworkTarget[] = [];
  for (const channel of ["slack", "discord"] as const) {
    const settings = notifications[channel];
    if (!isPlainObject(settings)) continue;
    const url = settings.webhook_url;
    if (typeof url === "string" && !REFERENCE.test(url))
      out.push(urlTarget(childPointer(childPointer(base, channel), "webhook_url"), url));
  }
  const email = notifications.email;
  if (isPlainObject(email) && typeof email.host === "string") {
    const pointer = childPointer(childPointer(base, "email"), "host");
    const host = email.host.trim().toLowerCase();
    out.push({
      pointer,
      host: /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(host) ? host : undefined,
      port: String(typeof email.port === "number" ? email.port : 587),
    });
  }
  return out;
}

function defaultBase(source: string): string {
  return Object.hasOwn(PROVIDER_DEFAULT_BASE, source)
    ? PROVIDER_DEFAULT_BASE[source as keyof typeof PROVIDER_DEFAULT_BASE]
    : "";
}

/** The host of an absolute URL (a template's `{…}` placeholders may follow the host). */
function urlTarget(pointer: string, text: string): NetworkTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { pointer, host: undefined };
  }
  if (!/^(https?|rediss?):$/.test(url.protocol) || url.hostname === "" || /[{}]/.test(url.host))
    return { pointer, host: undefined };
  return { pointer, host: url.hostname.toLowerCase(), ...(url.port ? { port: url.port } : {}) };
}
