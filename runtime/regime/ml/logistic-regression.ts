/**
 * Multinomial (softmax) logistic regression with an L2 penalty on the
 * weights (not the intercepts), fitted by full-batch gradient descent with
 * Nesterov momentum on standardised inputs.
 */
export interface LogisticModel {
  readonly classes: number;
  readonly dim: number;
  /** K × (d + 1): intercept first, then the weights of the standardised inputs. */
  readonly coefficients: Float64Array;
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

export interface LogisticOptions {
  readonly l2: number;
  readonly iterations: number;
  readonly learningRate: number;
}

function softmaxInto(scores: Float64Array, out: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > max) max = s;
  let total = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp(scores[k]! - max);
    out[k] = e;
    total += e;
  }
  for (let k = 0; k < scores.length; k++) out[k] = out[k]! / total;
}

function scoresOf(
  c: Float64Array,
  z: Float64Array,
  zo: number,
  d: number,
  k: number,
  out: Float64Array,
) {
  for (let j = 0; j < k; j++) {
    let s = c[j * (d + 1)]!;
    for (let f = 0; f < d; f++) s += c[j * (d + 1) + 1 + f]! * z[zo + f]!;
    out[j] = s;
  }
}

/** Mean and standard deviation per column (std 1 for constant columns). */
function standardise(x: Float64Array, n: number, d: number) {
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let t = 0; t < n; t++) for (let f = 0; f < d; f++) mean[f] = mean[f]! + x[t * d + f]! / n;
  for (let t = 0; t < n; t++) {
    for (let f = 0; f < d; f++) std[f] = std[f]! + (x[t * d + f]! - mean[f]!) ** 2 / n;
  }
  for (let f = 0; f < d; f++) std[f] = std[f]! > 0 ? Math.sqrt(std[f]!) : 1;
  const z = new Float64Array(n * d);
  for (let t = 0; t < n; t++)
    for (let f = 0; f < d; f++) z[t * d + f] = (x[t * d + f]! - mean[f]!) / std[f]!;
  return { mean, std, z };
}

/** Gradient of the mean negative log-likelihood + l2/2 |W|² at `c`. Returns the loss. */
function gradient(
  c: Float64Array,
  z: Float64Array,
  y: Int32Array,
  n: number,
  d: number,
  k: number,
  l2: number,
  grad: Float64Array,
): number {
  grad.fill(0);
  const scores = new Float64Array(k);
  const p = new Float64Array(k);
  let loss = 0;
  for (let t = 0; t < n; t++) {
    scoresOf(c, z, t * d, d, k, scores);
    softmaxInto(scores, p);
    loss -= Math.log(Math.max(p[y[t]!]!, 1e-300));
    for (let j = 0; j < k; j++) {
      const e = (p[j]! - (y[t] === j ? 1 : 0)) / n;
      grad[j * (d + 1)] = grad[j * (d + 1)]! + e;
      for (let f = 0; f < d; f++)
        grad[j * (d + 1) + 1 + f] = grad[j * (d + 1) + 1 + f]! + e * z[t * d + f]!;
    }
  }
  loss /= n;
  for (let j = 0; j < k; j++) {
    for (let f = 0; f < d; f++) {
      const w = c[j * (d + 1) + 1 + f]!;
      grad[j * (d + 1) + 1 + f] = grad[j * (d + 1) + 1 + f]! + l2 * w;
      loss += 0.5 * l2 * w * w;
    }
  }
  return loss;
}

export function fitLogisticRegression(
  x: Float64Array,
  y: Int32Array,
  classes: number,
  options: LogisticOptions,
): LogisticModel & { loss: number; gradientNorm: number } {
  const n = y.length;
  const d = x.length / n;
  const k = classes;
  const { mean, std, z } = standardise(x, n, d);
  const size = k * (d + 1);
  const c = new Float64Array(size);
  const prev = new Float64Array(size);
  const look = new Float64Array(size);
  const grad = new Float64Array(size);
  for (let it = 1; it <= options.iterations; it++) {
    const momentum = (it - 1) / (it + 2);
    for (let i = 0; i < size; i++) look[i] = c[i]! + momentum * (c[i]! - prev[i]!);
    gradient(look, z, y, n, d, k, options.l2, grad);
    prev.set(c);
    for (let i = 0; i < size; i++) c[i] = look[i]! - options.learningRate * grad[i]!;
  }
  const loss = gradient(c, z, y, n, d, k, options.l2, grad);
  let norm = 0;
  for (const g of grad) norm += g * g;
  return { classes: k, dim: d, coefficients: c, mean, std, loss, gradientNorm: Math.sqrt(norm) };
}

/** Class probabilities of one input row (length d, raw units). */
export function predictProbabilities(
  model: LogisticModel,
  row: Float64Array | readonly number[],
): Float64Array {
  const d = model.dim;
  const z = new Float64Array(d);
  for (let f = 0; f < d; f++) z[f] = (row[f]! - model.mean[f]!) / model.std[f]!;
  const scores = new Float64Array(model.classes);
  scoresOf(model.coefficients, z, 0, d, model.classes, scores);
  const p = new Float64Array(model.classes);
  softmaxInto(scores, p);
  return p;
}
