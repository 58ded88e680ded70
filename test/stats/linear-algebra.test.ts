import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cholesky,
  choleskySolve,
  covarianceMatrix,
  invertSpd,
  logDetFromCholesky,
  mahalanobisSquared,
  pseudoInverseSolve,
  quadraticForm,
} from "../../runtime/stats/linear-algebra.js";
import { covariance } from "../../runtime/stats/moments.js";

const A = Float64Array.of(4, 2, 0.6, 2, 5, 1, 0.6, 1, 3);

/** A random symmetric positive-definite m×m matrix BᵀB + I. */
const spd = (m: number) =>
  fc
    .array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: m * m, maxLength: m * m })
    .map((b) => {
      const a = new Float64Array(m * m);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < m; j++) {
          let s = i === j ? 1 : 0;
          for (let k = 0; k < m; k++) s += b[k * m + i]! * b[k * m + j]!;
          a[i * m + j] = s;
        }
      return a;
    });

describe("linear algebra", () => {
  it("choleskySolve matches numpy.linalg.solve; the factor reproduces A and its log-determinant", () => {
    const x = choleskySolve(A, [1, 2, 3], 3)!;
    // numpy 2.4: np.linalg.solve(A, [1, 2, 3])
    const expected = [0.004484304932735425, 0.21255605381165918, 0.9282511210762333];
    for (let i = 0; i < 3; i++) expect(x[i]).toBeCloseTo(expected[i]!, 14);
    const l = new Float64Array(9);
    expect(cholesky(A, 3, l)).toBe(true);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += l[i * 3 + k]! * l[j * 3 + k]!;
        expect(s).toBeCloseTo(A[i * 3 + j]!, 13);
      }
    // det A by cofactors: 4(15−1) − 2(6−0.6) + 0.6(2−3) = 44.6
    expect(logDetFromCholesky(l, 3)).toBeCloseTo(Math.log(44.6), 13);
    // |L⁻¹ v|² = vᵀ A⁻¹ v
    const v = Float64Array.of(1, 2, 3);
    expect(mahalanobisSquared(l, 3, v, new Float64Array(3))).toBeCloseTo(
      1 * x[0]! + 2 * x[1]! + 3 * x[2]!,
      13,
    );
  });
  it("a matrix that is not positive definite is reported, not solved", () => {
    const singular = Float64Array.of(1, 1, 1, 1);
    expect(choleskySolve(singular, [1, 1], 2, 1e-12)).toBeUndefined();
    expect(invertSpd(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
    expect(cholesky(Float64Array.of(-1), 1, new Float64Array(1))).toBe(false);
  });
  it("the pseudo-inverse solve: minimum-norm solution of a singular system (numpy.linalg.pinv)", () => {
    // np.linalg.pinv([[2, 2], [2, 2]]) @ [2, 2] = [0.5, 0.5]
    const x = pseudoInverseSolve(Float64Array.of(2, 2, 2, 2), [2, 2], 2);
    expect(x[0]).toBeCloseTo(0.5, 14);
    expect(x[1]).toBeCloseTo(0.5, 14);
    const zero = pseudoInverseSolve(new Float64Array(4), [1, 1], 2);
    expect(Array.from(zero)).toEqual([0, 0]);
  });
  it("properties: A·A⁻¹ = I, A·x = b for the Cholesky solve, and the pseudo-inverse equals it on SPD matrices", () => {
    fc.assert(
      fc.property(
        spd(4),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (a, b) => {
          const x = choleskySolve(a, b, 4)!;
          const p = pseudoInverseSolve(a, b, 4);
          const inv = invertSpd(a, 4)!;
          for (let i = 0; i < 4; i++) {
            let ax = 0;
            for (let k = 0; k < 4; k++) ax += a[i * 4 + k]! * x[k]!;
            expect(ax).toBeCloseTo(b[i]!, 8);
            expect(p[i]).toBeCloseTo(x[i]!, 7);
            for (let j = 0; j < 4; j++) {
              let s = 0;
              for (let k = 0; k < 4; k++) s += a[i * 4 + k]! * inv[k * 4 + j]!;
              expect(s).toBeCloseTo(i === j ? 1 : 0, 8);
            }
          }
        },
      ),
    );
  });
  it("covarianceMatrix is the pairwise sample covariance; quadraticForm is wᵀ A w", () => {
    const rows = Float64Array.of(1, 0.5, 2, 1, 3, 1, 10, 2, 4.5, -1, -2, 3);
    const c = covarianceMatrix(rows, 6, 2);
    const col = (j: number) => Array.from({ length: 6 }, (_, k) => rows[k * 2 + j]!);
    expect(c[0]).toBeCloseTo(covariance(col(0), col(0)), 13);
    expect(c[1]).toBeCloseTo(-1.0083333333333335, 13);
    expect(c[2]).toBe(c[1]);
    expect(c[3]).toBeCloseTo(covariance(col(1), col(1)), 13);
    // [1, 2]·A·[1, 2] = 4 + 2·2 + 2·2 + 4·5 = 32 (the 2×2 block of A above is [[4, 2], [2, 5]])
    expect(quadraticForm([1, 2], [4, 2, 2, 5])).toBe(32);
    expect(quadraticForm([1, 2], [4, 2, 2, 5], 4)).toBe(8);
  });
});
