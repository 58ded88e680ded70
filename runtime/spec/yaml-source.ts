import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type ParsedNode,
  parseDocument,
  type Document,
} from "yaml";
import type { Diagnostic } from "../core/errors.js";
import { statKind } from "../core/file-kind.js";
import { limitsMessages } from "../messages/limits.js";
import { specMessages } from "../messages/spec.js";
import { childPointer, setOwn } from "./pointer.js";
import type { NodeOrigin, Position, ValueSource } from "./position.js";
import { resolveYamlLimits, type YamlLimits } from "./yaml-limits.js";
import { expandedSize, scanStructure } from "./yaml-structure.js";

/** A YAML file turned into plain JSON data, with the position of every node. */
export interface YamlSource {
  readonly file: string;
  /** Plain JSON data (undefined when the file could not be parsed). */
  readonly data: unknown;
  readonly origins: Map<string, NodeOrigin>;
  readonly diagnostics: Diagnostic[];
}

/** A problem with the whole file (no position inside it). */
function fileProblem(file: string, message: string, hint?: string): YamlSource {
  return {
    file,
    data: undefined,
    origins: new Map(),
    diagnostics: [{ file, path: "", message, ...(hint ? { hint } : {}), severity: "error" }],
  };
}

/**
 * Reads a YAML file within `limits` (default: schemas/server.schema.json's
 * `limits.spec_*`). The file is opened without blocking and checked before it
 * is read: a FIFO, device or folder is refused, and so is a file larger than
 * `maxBytes` (at once, from its size); at most `maxBytes` are ever read.
 */
export function readYamlFile(
  file: string,
  source: ValueSource,
  limits: Partial<YamlLimits> = {},
): YamlSource {
  const bounds = resolveYamlLimits(limits);
  let text: string;
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    const kind = statKind(st);
    if (kind !== "file")
      return fileProblem(file, limitsMessages.notAFile(limitsMessages.fileKind(kind)));
    if (st.size > bounds.maxBytes) return tooLarge(file, st.size, bounds.maxBytes);
    const buffer = Buffer.alloc(Math.min(st.size, bounds.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) return tooLarge(file, length, bounds.maxBytes);
    }
    text = buffer.toString("utf8", 0, length);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    return fileProblem(file, specMessages.cannotRead(file, reason));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return parseYamlText(file, text, source, bounds);
}

function tooLarge(file: string, size: number, limit: number): YamlSource {
  return fileProblem(
    file,
    limitsMessages.specTooLarge(size, limit),
    limitsMessages.specTooLargeHint(),
  );
}

/**
 * Parses YAML text; never throws. Syntax errors and duplicate keys become
 * diagnostics. Hostile documents are refused before they cost anything:
 * nesting deeper than `maxDepth` from the token stream (before the parser),
 * alias expansion beyond `maxAliasCount` uses or `maxNodes` values from the
 * parsed document (before it is converted).
 */
export function parseYamlText(
  file: string,
  text: string,
  source: ValueSource,
  limits: Partial<YamlLimits> = {},
): YamlSource {
  const bounds = resolveYamlLimits(limits);
  const lineCounter = new LineCounter();
  const origins = new Map<string, NodeOrigin>();
  const diagnostics: Diagnostic[] = [];
  const size = Buffer.byteLength(text, "utf8");
  if (size > bounds.maxBytes) return tooLarge(file, size, bounds.maxBytes);
  const excess = scanStructure(text, bounds.maxDepth, bounds.maxNodes);
  if (excess !== undefined) {
    const { line, col } = positionOf(text, excess.offset);
    diagnostics.push({
      file,
      line,
      col,
      path: "",
      message:
        excess.kind === "depth"
          ? limitsMessages.specTooDeep(bounds.maxDepth)
          : limitsMessages.specTooManyNodes(bounds.maxNodes),
      hint: limitsMessages.specLimitHint(),
      severity: "error",
    });
    return { file, data: undefined, origins, diagnostics };
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    diagnostics.push({
      file,
      path: "",
      message: specMessages.yamlSyntax(message),
      severity: "error",
    });
    return { file, data: undefined, origins, diagnostics };
  }
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  // Only the first syntax error: the parser's later ones are mostly consequences of it.
  for (const error of doc.errors.slice(0, 1)) {
    const { line, col } = at(error.pos[0]);
    diagnostics.push({
      file,
      line,
      col,
      path: "",
      message: specMessages.yamlError(error.code, error.message),
      severity: "error",
    });
  }
  for (const warning of doc.warnings) {
    const { line, col } = at(warning.pos[0]);
    diagnostics.push({
      file,
      line,
      col,
      path: "",
      message: specMessages.yamlWarning(warning.message),
      severity: "warning",
    });
  }
  if (diagnostics.some((d) => d.severity === "error")) {
    return { file, data: undefined, origins, diagnostics };
  }
  const expansion = expandedSize(doc);
  const expanded =
    expansion.aliases > bounds.maxAliasCount
      ? limitsMessages.specTooManyAliases(bounds.maxAliasCount)
      : expansion.nodes > bounds.maxNodes
        ? limitsMessages.specTooManyNodes(bounds.maxNodes)
        : undefined;
  if (expanded !== undefined) {
    diagnostics.push({
      file,
      line: 1,
      col: 1,
      path: "",
      message: expanded,
      hint: limitsMessages.specLimitHint(),
      severity: "error",
    });
    return { file, data: undefined, origins, diagnostics };
  }
  const walker = new YamlWalker(file, doc, at, origins, diagnostics, source, bounds);
  const data = walker.root();
  return { file, data, origins, diagnostics };
}

/** Line and column (1-based) of a character offset. */
function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, col: offset - before.lastIndexOf("\n") };
}

/** Converts the YAML AST to JSON data, recording positions; reports duplicate keys. */
class YamlWalker {
  private nodes = 0;
  private stopped = false;

  constructor(
    private readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly at: (offset: number) => Position,
    private readonly origins: Map<string, NodeOrigin>,
    private readonly diagnostics: Diagnostic[],
    private readonly source: ValueSource,
    private readonly limits: YamlLimits,
  ) {}

  root(): unknown {
    const contents = this.doc.contents;
    const start = contents?.range[0] ?? 0;
    this.origins.set("", { file: this.file, value: this.at(start), source: this.source });
    if (!contents) return null;
    const data = this.value(contents, "", 0);
    return this.stopped ? undefined : data;
  }

  private value(node: Node | null, pointer: string, depth: number): unknown {
    if (this.stopped || node === null) return null;
    if (++this.nodes > this.limits.maxNodes || depth > this.limits.maxDepth) {
      this.stop(node, specMessages.yamlTooLarge(this.limits.maxNodes, this.limits.maxDepth));
      return null;
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) {
        this.stop(node, specMessages.yamlUnknownAlias(node.source));
        return null;
      }
      return this.value(target, pointer, depth + 1);
    }
    if (isScalar(node)) return this.scalar(node.value, node);
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const child = childPointer(pointer, i);
        this.record(child, item as Node | null, undefined);
        return this.value(item as Node | null, child, depth + 1);
      });
    }
    if (isMap(node)) return this.mapping(node, pointer, depth);
    return null;
  }

  private mapping(node: Node, pointer: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const firstLine = new Map<string, number>();
    const merges: Node[] = [];
    if (!isMap(node)) return out;
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      if (keyNode !== null && !isScalar(keyNode)) {
        this.report(keyNode, specMessages.yamlComplexKey());
        continue;
      }
      const key = keyNode === null ? "" : String(keyNode.value ?? "");
      if (key === "<<" && valueNode !== null) {
        merges.push(valueNode);
        continue;
      }
      const keyPos = keyNode?.range ? this.at(keyNode.range[0]) : undefined;
      const seen = firstLine.get(key);
      if (seen !== undefined) {
        this.report(
          keyNode,
          specMessages.duplicateKey(key),
          specMessages.duplicateKeyHint(seen),
          childPointer(pointer, key),
        );
        continue;
      }
      firstLine.set(key, keyPos?.line ?? 0);
      const child = childPointer(pointer, key);
      this.record(child, valueNode, keyPos, keyNode);
      setOwn(out, key, this.value(valueNode, child, depth + 1));
    }
    for (const merge of merges) this.applyMergeKey(out, merge, pointer, depth);
    return out;
  }

  /** `<<: *anchor` (or a list of them): copies keys the mapping does not set itself. */
  private applyMergeKey(out: Record<string, unknown>, node: Node, pointer: string, depth: number) {
    const sources = isSeq(node) ? (node.items as Node[]) : [node];
    for (const source of sources) {
      const merged = this.value(source, pointer, depth + 1);
      if (merged === null || typeof merged !== "object" || Array.isArray(merged)) {
        this.report(source, specMessages.yamlBadMerge());
        continue;
      }
      for (const [k, v] of Object.entries(merged)) {
        if (!Object.hasOwn(out, k)) setOwn(out, k, v);
      }
    }
  }

  private scalar(value: unknown, node: Node): unknown {
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") return value;
    if (typeof value === "bigint") return Number(value);
    return (node as ParsedNode & { source?: string }).source ?? String(value);
  }

  private record(
    pointer: string,
    node: Node | null,
    key: Position | undefined,
    keyNode?: Node | null,
  ) {
    const offset = node?.range?.[0] ?? keyNode?.range?.[1] ?? 0;
    const origin: NodeOrigin = { file: this.file, value: this.at(offset), source: this.source };
    this.origins.set(pointer, key ? { ...origin, key } : origin);
  }

  private report(node: Node | null, message: string, hint?: string, path = "") {
    const pos = this.at(node?.range?.[0] ?? 0);
    this.diagnostics.push({
      file: this.file,
      line: pos.line,
      col: pos.col,
      path,
      message,
      ...(hint ? { hint } : {}),
      severity: "error",
    });
  }

  private stop(node: Node, message: string) {
    if (!this.stopped) this.report(node, message);
    this.stopped = true;
  }
}
