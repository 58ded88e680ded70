import { CST, type Document, isAlias, isMap, isScalar, isSeq, Lexer, type Node } from "yaml";

/**
 * Cheap measurements of a YAML document that bound the work of building it:
 * its nesting depth from the token stream (before the parser, whose composer
 * recurses once per level), and its size once aliases are expanded (before
 * anything is converted, so a billion-laughs file costs only its own size).
 */

/** What a token scan found beyond the limits: the kind and the character offset. */
export interface StructureExcess {
  readonly kind: "depth" | "nodes";
  readonly offset: number;
}

/**
 * The first place where the document nests deeper than `maxDepth` or holds
 * more than `maxNodes` scalars and collections (keys included, aliases not
 * expanded), from its tokens alone: linear, no recursion, nothing built.
 */
export function scanStructure(
  text: string,
  maxDepth: number,
  maxNodes: number,
): StructureExcess | undefined {
  const blocks: number[] = []; // indentation columns of the open block collections
  let flow = 0;
  let col = 0;
  let offset = 0;
  let lineStart = true;
  let itemCol = 0; // where the current block item's content starts (a mapping key's column)
  let scalarNext = false;
  let nodes = 0;
  const deep = (offset: number): StructureExcess => ({ kind: "depth", offset });
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    const start = offset;
    const startCol = col;
    // Markers (document start, scalar start, flow error end, BOM) have no width in the source.
    if (type === "doc-mode" || type === "flow-error-end" || type === "byte-order-mark") continue;
    if (type === "scalar") {
      scalarNext = true;
      if (++nodes > maxNodes) return { kind: "nodes", offset };
      continue;
    }
    offset += token.length;
    const newline = token.lastIndexOf("\n");
    col = newline >= 0 ? token.length - newline - 1 : col + token.length;
    if (scalarNext) {
      // A scalar's source (plain, or a block scalar's whole body): never structure.
      scalarNext = false;
      if (lineStart && flow === 0) openLine(startCol);
      lineStart = newline === token.length - 1;
      continue;
    }
    if (type === "newline") {
      lineStart = true;
      continue;
    }
    if (type === "space" || type === "comment") continue;
    if (flow === 0 && lineStart) openLine(startCol);
    lineStart = false;
    if (type === "single-quoted-scalar" || type === "double-quoted-scalar") {
      if (++nodes > maxNodes) return { kind: "nodes", offset: start };
    } else if (type === "flow-map-start" || type === "flow-seq-start") {
      flow++;
      if (++nodes > maxNodes) return { kind: "nodes", offset: start };
      if (blocks.length + flow > maxDepth) return deep(start);
    } else if (type === "flow-map-end" || type === "flow-seq-end") {
      flow = Math.max(0, flow - 1);
    } else if (flow === 0 && (type === "seq-item-ind" || type === "explicit-key-ind")) {
      if (push(startCol)) return deep(start);
      itemCol = startCol + 2;
    } else if (flow === 0 && type === "map-value-ind") {
      if (push(itemCol)) return deep(start);
    }
  }
  return undefined;

  /** A new line whose content starts at `column`: close the block collections it is not inside. */
  function openLine(column: number): void {
    while (blocks.length > 0 && blocks[blocks.length - 1]! >= column) blocks.pop();
    itemCol = column;
  }

  /** A block collection at `column` (unless one is already open there); true when too deep. */
  function push(column: number): boolean {
    const top = blocks[blocks.length - 1];
    if (top === undefined || top < column) blocks.push(column);
    return blocks.length + flow > maxDepth;
  }
}

export interface Expansion {
  /** Values (scalars, mappings, lists) once aliases are expanded; mapping keys not counted. */
  readonly nodes: number;
  /** Alias uses once expanded. */
  readonly aliases: number;
}

/**
 * The document's size with every alias expanded, computed without expanding:
 * each node's size once, in document order (an alias always refers to an
 * anchor defined before it, whose size is known by then). An alias to a node
 * still being measured (its own ancestor) is a cycle: infinite.
 */
export function expandedSize(doc: Document.Parsed): Expansion {
  const sizes = new Map<Node, Expansion>();
  const infinite: Expansion = {
    nodes: Number.POSITIVE_INFINITY,
    aliases: Number.POSITIVE_INFINITY,
  };
  const measure = (node: unknown): Expansion => {
    if (node === null || node === undefined) return { nodes: 1, aliases: 0 };
    if (isAlias(node)) {
      const target = node.resolve(doc);
      // No anchor of that name: the conversion reports it at the alias.
      if (!target) return { nodes: 1, aliases: 1 };
      const size = sizes.get(target);
      return size ? { nodes: size.nodes, aliases: size.aliases + 1 } : infinite;
    }
    let nodes = 1;
    let aliases = 0;
    if (isSeq(node)) {
      for (const item of node.items) {
        const size = measure(item);
        nodes += size.nodes;
        aliases += size.aliases;
      }
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const size = measure(pair.value);
        nodes += size.nodes;
        aliases += size.aliases;
      }
    }
    const size = { nodes, aliases };
    if (isScalar(node) || isSeq(node) || isMap(node)) sizes.set(node, size);
    return size;
  };
  return measure(doc.contents);
}
