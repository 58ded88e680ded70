import type { TearSheetInput } from "./tear-sheet-input.js";

/**
 * TearSheetInput ⇄ JSON (`stages/report/tear-sheet.json`), so a report can be
 * re-rendered later without rerunning anything. Typed arrays become arrays;
 * NaN and ±Infinity become null and come back as NaN inside numeric arrays.
 */
export function tearSheetToJson(input: TearSheetInput): string {
  return JSON.stringify(input, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      return Array.from(value as unknown as ArrayLike<number>, (v) =>
        Number.isFinite(v) ? v : null,
      );
    }
    if (typeof value === "number" && !Number.isFinite(value)) return null;
    return value;
  });
}

function isNumericArray(value: unknown): value is (number | null)[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => v === null || typeof v === "number") &&
    value.some((v) => typeof v === "number")
  );
}

export function tearSheetFromJson(text: string): TearSheetInput {
  const parsed = JSON.parse(text, (_key, value: unknown) =>
    isNumericArray(value) ? value.map((v) => (v === null ? Number.NaN : v)) : value,
  ) as TearSheetInput;
  if (typeof parsed?.title !== "string") throw new Error("not a tear-sheet input (no title)");
  return parsed;
}
