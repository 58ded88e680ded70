import { foundText, runQueryMessages as m } from "../messages/run-query.js";
import { fieldLabel, type RunField, resolveRunField, TEXT_RUN_FIELDS } from "./run-fields.js";
import { RunQueryError } from "./run-query-error.js";

export type FilterOperator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "~";

/** One comparison: `sharpe > 1`, `status = complete`, `name ~ swx`, `tag.owner = ana`. */
export interface FilterComparison {
  readonly kind: "compare";
  readonly field: RunField;
  readonly op: FilterOperator;
  /** A number for numeric comparisons (metrics, seed, numeric params), else the text. */
  readonly value: number | string;
  /** 1-based column of the field in the filter (for messages about it). */
  readonly column: number;
}

export type FilterNode =
  | { readonly kind: "and" | "or"; readonly operands: readonly FilterNode[] }
  | { readonly kind: "not"; readonly operand: FilterNode }
  | FilterComparison;

export interface FilterLimits {
  readonly max_filter_length: number;
  readonly max_filter_depth: number;
  readonly max_filter_terms: number;
}

const NUMERIC_OPERATORS: readonly FilterOperator[] = ["=", "!=", "<", "<=", ">", ">="];
const TEXT_OPERATORS: readonly FilterOperator[] = ["=", "!=", "~"];
const OPERATORS: readonly FilterOperator[] = ["<=", ">=", "!=", "=", "<", ">", "~"];
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const FIELD_CHAR = /[A-Za-z0-9_.-]/;
const KEYWORDS: ReadonlySet<string> = new Set(["and", "or", "not"]);

/**
 * Parses the run filter language (hand-written recursive descent):
 *
 *   filter     := or
 *   or         := and ("or" and)*
 *   and        := unary ("and" unary)*
 *   unary      := "not" unary | "(" or ")" | comparison
 *   comparison := field op value      op: = != < <= > >= ~
 *   value      := number | word | 'text' | "text"
 *
 * Keywords are case-insensitive. Numbers must be finite. Every problem is a
 * `RunQueryError` whose message shows the filter with a caret at the column.
 * The length, the nesting depth and the number of comparisons are bounded.
 */
export function parseRunFilter(filter: string, limits: FilterLimits): FilterNode {
  if (filter.length > limits.max_filter_length)
    throw filterError(
      filter,
      limits.max_filter_length + 1,
      m.tooLong(filter.length, limits.max_filter_length),
    );
  const parser = new FilterParser(filter, limits);
  return parser.parse();
}

class FilterParser {
  private pos = 0;
  private depth = 0;
  private terms = 0;

  constructor(
    private readonly text: string,
    private readonly limits: FilterLimits,
  ) {}

  parse(): FilterNode {
    const node = this.parseOr();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(m.expectedJoin(foundText(this.peekToken())));
    return node;
  }

  private parseOr(): FilterNode {
    const operands = [this.parseAnd()];
    while (this.acceptKeyword("or")) operands.push(this.parseAnd());
    return operands.length === 1 && operands[0] ? operands[0] : { kind: "or", operands };
  }

  private parseAnd(): FilterNode {
    const operands = [this.parseUnary()];
    while (this.acceptKeyword("and")) operands.push(this.parseUnary());
    return operands.length === 1 && operands[0] ? operands[0] : { kind: "and", operands };
  }

  private parseUnary(): FilterNode {
    this.skipSpace();
    const start = this.pos;
    if (this.acceptKeyword("not")) {
      this.enter(start);
      const operand = this.parseUnary();
      this.depth--;
      return { kind: "not", operand };
    }
    if (this.text[this.pos] === "(") {
      this.enter(start);
      this.pos++;
      const inner = this.parseOr();
      this.skipSpace();
      if (this.text[this.pos] !== ")") this.fail(m.expectedClose(foundText(this.peekToken())));
      this.pos++;
      this.depth--;
      return inner;
    }
    return this.parseComparison();
  }

  private enter(start: number): void {
    this.depth++;
    if (this.depth > this.limits.max_filter_depth)
      this.fail(m.tooDeep(this.limits.max_filter_depth), start);
  }

  private parseComparison(): FilterComparison {
    this.skipSpace();
    const start = this.pos;
    let end = start;
    while (end < this.text.length && FIELD_CHAR.test(this.text.charAt(end))) end++;
    const name = this.text.slice(start, end);
    if (name === "" || KEYWORDS.has(name.toLowerCase()))
      this.fail(m.expectedField(foundText(this.peekToken())));
    const field = resolveRunField(name);
    if (field === "syntax") this.fail(m.badKey(name));
    if (field === "reserved") this.fail(m.reservedKey(name));
    this.terms++;
    if (this.terms > this.limits.max_filter_terms)
      this.fail(m.tooManyTerms(this.limits.max_filter_terms));
    this.pos = end;
    this.skipSpace();
    const opAt = this.pos;
    const op = OPERATORS.find((o) => this.text.startsWith(o, this.pos));
    if (op === undefined) this.fail(m.expectedOperator(name, foundText(this.peekToken())));
    this.pos += op.length;
    this.skipSpace();
    const valueAt = this.pos;
    const value = this.parseValue();
    return {
      kind: "compare",
      field,
      op: this.checkOperator(field, op, opAt),
      value: this.typedValue(field, op, value, valueAt),
      column: start + 1,
    };
  }

  /** A quoted text, or a bare word up to the next space or parenthesis (numbers are words that parse as one). */
  private parseValue(): { readonly text: string; readonly quoted: boolean } {
    const quote = this.text[this.pos];
    if (quote === "'" || quote === '"') {
      const open = this.pos;
      let out = "";
      let i = this.pos + 1;
      while (i < this.text.length && this.text[i] !== quote) {
        if (this.text[i] === "\\" && i + 1 < this.text.length) i++;
        out += this.text[i];
        i++;
      }
      if (i >= this.text.length) this.fail(m.unterminatedText(), open);
      this.pos = i + 1;
      return { text: out, quoted: true };
    }
    const word = this.peekWord();
    if (word === "" || KEYWORDS.has(word.toLowerCase()))
      this.fail(m.expectedValue(foundText(this.peekToken())));
    this.pos += word.length;
    return { text: word, quoted: false };
  }

  private checkOperator(field: RunField, op: FilterOperator, at: number): FilterOperator {
    const allowed = allowedOperators(field);
    // A param compares as a number or as text depending on its value: checked with the value.
    if (allowed !== undefined && !allowed.includes(op))
      this.fail(m.operatorNotFor(op, fieldLabel(field), allowed), at);
    return op;
  }

  private typedValue(
    field: RunField,
    op: FilterOperator,
    value: { readonly text: string; readonly quoted: boolean },
    at: number,
  ): number | string {
    const number = !value.quoted && NUMBER.test(value.text) ? Number(value.text) : undefined;
    if (number !== undefined && !Number.isFinite(number)) this.fail(m.notFinite(value.text), at);
    const numeric =
      field.kind === "metric" ||
      (field.kind === "run" && field.name === "seed") ||
      (field.kind === "param" && number !== undefined && op !== "~");
    if (!numeric) {
      if (field.kind === "param" && !TEXT_OPERATORS.includes(op))
        this.fail(m.expectedNumber(fieldLabel(field), foundText(value.text)), at);
      return value.text;
    }
    if (number === undefined)
      this.fail(m.expectedNumber(fieldLabel(field), foundText(value.text)), at);
    if (op === "~") this.fail(m.operatorNotFor(op, fieldLabel(field), NUMERIC_OPERATORS), at);
    return number;
  }

  private acceptKeyword(keyword: string): boolean {
    this.skipSpace();
    const word = this.peekWord();
    if (word.toLowerCase() !== keyword) return false;
    this.pos += word.length;
    return true;
  }

  /** The bare word at the cursor: up to the next space, parenthesis or quote. */
  private peekWord(): string {
    let end = this.pos;
    while (end < this.text.length && !/[\s()'"]/.test(this.text.charAt(end))) end++;
    return this.text.slice(this.pos, end);
  }

  /** What stands at the cursor, for messages (undefined at the end). */
  private peekToken(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    const word = this.peekWord();
    return word === "" ? this.text.charAt(this.pos) : word;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos++;
  }

  private fail(problem: string, at = this.pos): never {
    throw filterError(this.text, at + 1, problem);
  }
}

/** The operators a field takes; undefined for params (decided by the value). */
function allowedOperators(field: RunField): readonly FilterOperator[] | undefined {
  switch (field.kind) {
    case "metric":
      return NUMERIC_OPERATORS;
    case "tag":
      return TEXT_OPERATORS;
    case "param":
      return undefined;
    case "run":
      if (TEXT_RUN_FIELDS.has(field.name)) return TEXT_OPERATORS;
      return NUMERIC_OPERATORS;
  }
}

/** Characters of the filter shown either side of the caret. */
const EXCERPT_SIDE = 40;

/** A `RunQueryError` for the filter: the message shows (an excerpt of) it with a caret under `column`. */
export function filterError(filter: string, column: number, problem: string): RunQueryError {
  const flat = filter.replace(/[\s\p{Cc}]/gu, " ");
  const at = Math.min(Math.max(column - 1, 0), flat.length);
  const from = Math.max(0, at - EXCERPT_SIDE);
  const to = Math.min(flat.length, at + EXCERPT_SIDE);
  const head = from > 0 ? "…" : "";
  const excerpt = `${head}${flat.slice(from, to)}${to < flat.length ? "…" : ""}`;
  const caret = `${" ".repeat(head.length + at - from)}^`;
  return new RunQueryError(m.badFilter(problem, column, excerpt, caret), "filter", column);
}
