/**
 * The checks a spec policy adds to validation, on the normalized spec:
 * keys the spec may not set, data files outside the workspace's data folder
 * (after following links), hosts not on the allow-list, and more training
 * than a job may ask for. Every problem names its key; the loader places it
 * at the file and line:col that set the value.
 */
import { dirname, resolve } from "node:path";
import { policyMessages } from "../messages/policy.js";
import type { SpecKind } from "./kinds.js";
import { networkTargets } from "./network-targets.js";
import { childPointer, isPlainObject, pointerTokens, valueAt } from "./pointer.js";
import type { Problem } from "./problem.js";
import { hostAllowed, type SpecPolicy } from "./spec-policy.js";
import { displayPath, fileKind, isWithin, realTarget } from "./workspace-paths.js";

export function policyProblems(
  spec: Record<string, unknown>,
  kind: SpecKind,
  file: string,
  policy: SpecPolicy,
): Problem[] {
  return [
    ...forbiddenKeyProblems(spec, kind, policy),
    ...dataFileProblems(spec, kind, file, policy),
    ...hostProblems(spec, kind, policy),
    ...timestepProblems(spec, kind, policy),
  ];
}

/** `/agent/training/checkpoint_dir` → `agent.training.checkpoint_dir`. */
export function keyName(pointer: string): string {
  return pointerTokens(pointer).join(".");
}

/** Where a section of an experiment lives in a spec of `kind` (`/data/path` in a `kind: data` spec is `/path`). */
function localPointer(pointer: string, kind: SpecKind): string | undefined {
  if (kind === "experiment") return pointer;
  const prefix = `/${kind}`;
  return pointer.startsWith(`${prefix}/`) ? pointer.slice(prefix.length) : undefined;
}

function section(spec: Record<string, unknown>, kind: SpecKind, name: string) {
  const at = localPointer(`/${name}/x`, kind);
  if (at === undefined) return undefined;
  const pointer = at.slice(0, -"/x".length);
  const value = pointer === "" ? spec : valueAt(spec, pointer);
  return isPlainObject(value) ? { value, pointer } : undefined;
}

function forbiddenKeyProblems(
  spec: Record<string, unknown>,
  kind: SpecKind,
  policy: SpecPolicy,
): Problem[] {
  const problems: Problem[] = [];
  for (const forbidden of policy.forbiddenKeys) {
    const pointer = localPointer(forbidden, kind);
    if (pointer === undefined || valueAt(spec, pointer) === undefined) continue;
    problems.push({
      pointer,
      anchor: "key",
      message: policyMessages.forbiddenKey(keyName(pointer)),
      hint: policyMessages.forbiddenKeyHint(),
    });
  }
  return problems;
}

function dataFileProblems(
  spec: Record<string, unknown>,
  kind: SpecKind,
  file: string,
  policy: SpecPolicy,
): Problem[] {
  const data = section(spec, kind, "data");
  const problems =
    data && data.value.source === "file"
      ? workspaceFileProblems(data.value.path, childPointer(data.pointer, "path"), file, policy)
      : [];
  // A `file` benchmark is a data file too.
  const backtest = section(spec, kind, "backtest");
  const benchmark = backtest?.value.benchmark;
  if (backtest && isPlainObject(benchmark) && benchmark.type === "file") {
    const pointer = childPointer(childPointer(backtest.pointer, "benchmark"), "path");
    problems.push(...workspaceFileProblems(benchmark.path, pointer, file, policy));
  }
  return problems;
}

/** A data file named at `pointer`: inside the workspace's data folder (after links) and a regular file. */
function workspaceFileProblems(
  written: unknown,
  pointer: string,
  file: string,
  policy: SpecPolicy,
): Problem[] {
  const ws = policy.workspace;
  if (ws === null || typeof written !== "string") return [];
  const key = keyName(pointer);
  // The data stage resolves `path` against the (top-level) spec's folder.
  const target = realTarget(resolve(dirname(resolve(file)), written));
  const folder = displayPath(policy, ws.data);
  if (!isWithin(ws.data, target)) {
    return [
      {
        pointer,
        anchor: "value",
        message: policyMessages.outsideFolder(key, written, folder),
        hint: policyMessages.outsideFolderHint(folder),
      },
    ];
  }
  const found = fileKind(target);
  if (found === "file") return [];
  return [
    {
      pointer,
      anchor: "value",
      message:
        found === "missing"
          ? policyMessages.missingFile(key, written)
          : policyMessages.notRegularFile(key, written, found),
      ...(found === "missing" ? {} : { hint: policyMessages.regularFileHint() }),
    },
  ];
}

function hostProblems(
  spec: Record<string, unknown>,
  kind: SpecKind,
  policy: SpecPolicy,
): Problem[] {
  const allowed = policy.allowedHttpHosts;
  if (allowed === null) return [];
  const problems: Problem[] = [];
  for (const target of networkTargets(spec, kind)) {
    const key = keyName(target.pointer);
    if (target.host === undefined) {
      problems.push({
        pointer: target.pointer,
        anchor: "value",
        message: policyMessages.hostUnknown(key),
        hint: policyMessages.hostUnknownHint(),
      });
    } else if (!hostAllowed(policy, target.host, target.port)) {
      problems.push({
        pointer: target.pointer,
        anchor: "value",
        message: policyMessages.hostNotAllowed(key, target.host, allowed),
        hint: policyMessages.hostNotAllowedHint(policy.mode === "server"),
      });
    }
  }
  return problems;
}

function timestepProblems(
  spec: Record<string, unknown>,
  kind: SpecKind,
  policy: SpecPolicy,
): Problem[] {
  const limit = policy.maxTotalTimesteps;
  const agent = section(spec, kind, "agent");
  if (limit === null || !agent) return [];
  const total = agent.value.total_timesteps;
  const evaluation = agent.value.evaluation;
  const seeds =
    isPlainObject(evaluation) && typeof evaluation.seeds === "number" ? evaluation.seeds : 1;
  if (typeof total !== "number" || total * seeds <= limit) return [];
  const pointer = childPointer(agent.pointer, "total_timesteps");
  return [
    {
      pointer,
      anchor: "value",
      message: policyMessages.tooManyTimesteps(keyName(pointer), total, seeds, limit),
      hint: policyMessages.tooManyTimestepsHint(limit),
    },
  ];
}
