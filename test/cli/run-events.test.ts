/**
 * One printer for run events (cli/run-events.ts), used by both `drlwb run` and
 * `drlwb train` (issue 14 left two near-identical copies): the lines it prints
 * and the state the commands read afterwards.
 */
import { describe, expect, it } from "vitest";
import { consoleRunEvents } from "../../cli/run-events.js";
import { messages } from "../../runtime/messages/index.js";

describe("consoleRunEvents", () => {
  it("prints the run folder and each stage, and keeps folder, current stage and duration", () => {
    const said: string[] = [];
    const events = consoleRunEvents((text) => said.push(text));
    expect(events.runDir()).toBeUndefined();
    events.onEvent({ type: "run-start", id: "r1", dir: "/runs/r1" });
    events.onEvent({ type: "stage-start", kind: "data", stageType: "bundled" });
    events.onEvent({ type: "stage-end", kind: "data", durationMs: 1500 });
    events.onEvent({ type: "stage-start", kind: "train", stageType: "ppo" });
    expect(events.currentStage()).toBe("train");
    events.onEvent({ type: "run-end", id: "r1", status: "complete", durationMs: 4200 });
    expect(said).toEqual([
      messages.run.runStarted("r1", "/runs/r1"),
      messages.run.stageStart("data", "bundled"),
      messages.run.stageDone("data", 1.5),
      messages.run.stageStart("train", "ppo"),
    ]);
    expect(events.runDir()).toBe("/runs/r1");
    expect(events.seconds()).toBe(4.2);
  });
});
