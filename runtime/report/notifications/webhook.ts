/**
 * POSTs JSON to a webhook and fails on a non-2xx answer (with its body,
 * shortened). Redirects are not followed (a 3xx is a failure), so a webhook
 * on an allowed host cannot lead the report to a host the spec did not name.
 */
export async function postJson(url: string, body: unknown, timeoutMs = 10_000): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "manual",
  });
  if (!response.ok) {
    const text = (await response.text()).slice(0, 200);
    throw new Error(`HTTP ${response.status}${text ? `: ${text}` : ""}`);
  }
}
