/** Confusion matrix (rows = actual, columns = predicted) and accuracy. */
export interface ClassificationReport {
  readonly confusionMatrix: number[][];
  readonly accuracy: number | null;
  readonly samples: number;
}

export function classificationReport(
  actual: readonly number[],
  predicted: readonly number[],
  classes: number,
): ClassificationReport {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  actual.forEach((a, i) => {
    const p = predicted[i]!;
    matrix[a]![p]!++;
    if (a === p) correct++;
  });
  return {
    confusionMatrix: matrix,
    accuracy: actual.length ? correct / actual.length : null,
    samples: actual.length,
  };
}
