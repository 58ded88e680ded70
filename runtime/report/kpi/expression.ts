/**
 * A small arithmetic language for custom KPIs over run metrics:
 * numbers, metric names (`sharpeRatio`, `benchmark.maxDrawdown`), + - * /,
 * unary minus, parentheses and abs/min/max/sqrt/log. Parsed once into an AST,
 * evaluated against a metric map. No `eval`, no access to anything else.
 */
export type Expr =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "metric"; readonly name: string }
  | { readonly kind: "neg"; readonly arg: Expr }
  | {
      readonly kind: "binary";
      readonly op: "+" | "-" | "*" | "/";
      readonly left: Expr;
      readonly right: Expr;
    }
  | { readonly kind: "call"; readonly fn: KpiFunction; readonly args: readonly Expr[] };

export const KPI_FUNCTIONS = ["abs", "min", "max", "sqrt", "log"] as const;
export type KpiFunction = (typeof KPI_FUNCTIONS)[number];

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "ExpressionError";
  }
}

type Token =
  | { type: "num"; value: number; pos: number }
  | { type: "id"; value: string; pos: number }
  | { type: "op"; value: string; pos: number }
  | { type: "end"; pos: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(text.slice(i));
    if (num) {
      tokens.push({ type: "num", value: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i));
    if (id) {
      tokens.push({ type: "id", value: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    if ("+-*/(),".includes(c)) {
      tokens.push({ type: "op", value: c, pos: i });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character "${c}" at ${i + 1}`, i);
  }
  tokens.push({ type: "end", pos: text.length });
  return tokens;
}

/** Parses a KPI expression; throws ExpressionError with the position of the problem. */
export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  let k = 0;
  const peek = () => tokens[k]!;
  const isOp = (value: string) => {
    const t = peek();
    return t.type === "op" && t.value === value;
  };
  const expect = (value: string) => {
    if (!isOp(value))
      throw new ExpressionError(`expected "${value}" at ${peek().pos + 1}`, peek().pos);
    k++;
  };
  const primary = (): Expr => {
    const t = peek();
    if (t.type === "num") {
      k++;
      return { kind: "number", value: t.value };
    }
    if (t.type === "op" && t.value === "-") {
      k++;
      return { kind: "neg", arg: primary() };
    }
    if (t.type === "op" && t.value === "(") {
      k++;
      const inner = sum();
      expect(")");
      return inner;
    }
    if (t.type === "id") {
      k++;
      if (!isOp("(")) return { kind: "metric", name: t.value };
      if (!(KPI_FUNCTIONS as readonly string[]).includes(t.value)) {
        throw new ExpressionError(
          `unknown function "${t.value}" (valid: ${KPI_FUNCTIONS.join(", ")})`,
          t.pos,
        );
      }
      k++;
      const args: Expr[] = [sum()];
      while (isOp(",")) {
        k++;
        args.push(sum());
      }
      expect(")");
      return { kind: "call", fn: t.value as KpiFunction, args };
    }
    throw new ExpressionError(
      t.type === "end" ? "unexpected end of expression" : `unexpected "${t.value}" at ${t.pos + 1}`,
      t.pos,
    );
  };
  const product = (): Expr => {
    let left = primary();
    while (isOp("*") || isOp("/")) {
      const op = (peek() as { value: "*" | "/" }).value;
      k++;
      left = { kind: "binary", op, left, right: primary() };
    }
    return left;
  };
  const sum = (): Expr => {
    let left = product();
    while (isOp("+") || isOp("-")) {
      const op = (peek() as { value: "+" | "-" }).value;
      k++;
      left = { kind: "binary", op, left, right: product() };
    }
    return left;
  };
  const expr = sum();
  if (peek().type !== "end") {
    const t = peek();
    throw new ExpressionError(`unexpected "${"value" in t ? t.value : ""}" at ${t.pos + 1}`, t.pos);
  }
  return expr;
}

/** Metric names an expression reads. */
export function expressionMetrics(expr: Expr): string[] {
  switch (expr.kind) {
    case "number":
      return [];
    case "metric":
      return [expr.name];
    case "neg":
      return expressionMetrics(expr.arg);
    case "binary":
      return [...expressionMetrics(expr.left), ...expressionMetrics(expr.right)];
    case "call":
      return expr.args.flatMap(expressionMetrics);
  }
}

/** Evaluates against `metrics`; a missing metric evaluates to NaN. */
export function evaluateExpression(expr: Expr, metrics: Readonly<Record<string, number>>): number {
  switch (expr.kind) {
    case "number":
      return expr.value;
    case "metric":
      return metrics[expr.name] ?? Number.NaN;
    case "neg":
      return -evaluateExpression(expr.arg, metrics);
    case "binary": {
      const a = evaluateExpression(expr.left, metrics);
      const b = evaluateExpression(expr.right, metrics);
      if (expr.op === "+") return a + b;
      if (expr.op === "-") return a - b;
      if (expr.op === "*") return a * b;
      return a / b;
    }
    case "call": {
      const xs = expr.args.map((a) => evaluateExpression(a, metrics));
      if (expr.fn === "abs") return Math.abs(xs[0]!);
      if (expr.fn === "sqrt") return Math.sqrt(xs[0]!);
      if (expr.fn === "log") return Math.log(xs[0]!);
      return expr.fn === "min" ? Math.min(...xs) : Math.max(...xs);
    }
  }
}
