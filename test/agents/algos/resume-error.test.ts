import { describe, expect, it } from "vitest";
import { damagedState, inCheckpoint } from "../../../runtime/agents/algos/resume-error.js";
import { formatDiagnostic, UserError } from "../../../runtime/core/errors.js";

describe("resume errors", () => {
  it("are UserErrors that point at the spec key and say what to do", () => {
    const error = damagedState("missing float64 array observations");
    expect(error).toBeInstanceOf(UserError);
    expect(error.diagnostics[0]).toMatchObject({
      path: "/agent/training/resume",
      hint: expect.stringMatching(/delete the checkpoint folder/),
    });
  });

  it("get the checkpoint folder as their file from the trainer; other errors pass unchanged", () => {
    const located = inCheckpoint(damagedState("x"), "/runs/ckpt/step-0000000100") as UserError;
    expect(located).toBeInstanceOf(UserError);
    expect(formatDiagnostic(located.diagnostics[0]!)).toMatch(
      /^\/runs\/ckpt\/step-0000000100 {2}\/agent\/training\/resume {2}the checkpoint's resume state is damaged: x \(delete/,
    );
    const plain = new Error("boom");
    expect(inCheckpoint(plain, "/runs")).toBe(plain);
  });
});
