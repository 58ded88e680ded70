/**
 * Text from schemas and help output put into VitePress markdown. VitePress
 * compiles every page as a Vue template, so `<word>` outside code would open
 * an HTML element and `{{` an interpolation; table cells also end at `|`.
 * Code spans become `<code>` elements with escaped content, the rest is
 * markdown with those characters escaped. markdown-it decodes entities in
 * text, so `{{` is kept from Vue by `v-pre` on an element around it.
 */

const HTML_ESCAPES: ReadonlyMap<string, string> = new Map([
  ["&", "&amp;"],
  ["<", "&lt;"],
  [">", "&gt;"],
  ["|", "&#124;"],
]);

/** Every character VitePress or a table would read, as an HTML entity. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>|]/g, (c) => HTML_ESCAPES.get(c) ?? c);
}

/** Inline markdown (one line): code spans kept as code, nothing Vue would read. */
export function inlineMarkdown(text: string): string {
  const html = text
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.startsWith("`") && part.endsWith("`") && part.length > 1
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part).replace(/\r?\n/g, " "),
    )
    .join("");
  return html.includes("{{") ? `<span v-pre>${html}</span>` : html;
}

/** A fenced code block whose content cannot close the fence. */
export function fence(language: string, content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${language}\n${content.replace(/\n+$/, "")}\n${ticks}`;
}
