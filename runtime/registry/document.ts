import { existsSync } from "node:fs";
import { readJsonStateFile, StateFileError } from "../core/state-file.js";
import { nullProtoRecord, setOwnValue } from "../core/own-keys.js";
import { messages } from "../messages/index.js";
import type {
  ExperimentRun,
  Lineage,
  ModelVersion,
  RegisteredModel,
  RegistryData,
} from "./types.js";

/**
 * registry.json that cannot be used: unreadable, truncated, not JSON, or not
 * the registry's shape. `message` names the file as given (for the CLI);
 * `publicMessage` names it relative to the registry's parent folder
 * (`registry/registry.json`), for clients of the server.
 */
export class RegistryStateError extends StateFileError {
  readonly publicMessage: string;
  constructor(
    file: string,
    readonly displayFile: string,
    problem: string,
  ) {
    super(file, problem);
    this.name = "RegistryStateError";
    this.message = messages.registry.stateFileBroken(file, problem);
    this.publicMessage = messages.registry.stateFileBroken(displayFile, problem);
  }
}

export function isRegistryStateError(error: unknown): error is RegistryStateError {
  return error instanceof RegistryStateError;
}

/** What is wrong with the document, as a catalog phrase; thrown while checking its shape. */
class ShapeProblem extends Error {}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Reads registry.json into RegistryData with prototype-free records, checking
 * the shape the registry relies on; undefined when there is no file yet.
 * Any problem is a RegistryStateError naming the file and what is wrong
 * (the JSON parser's position, never the file's content).
 */
export function readRegistryDocument(file: string, displayFile: string): RegistryData | undefined {
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = readJsonStateFile(file);
  } catch (error) {
    if (error instanceof StateFileError)
      throw new RegistryStateError(file, displayFile, error.reason);
    throw error;
  }
  try {
    return registryData(raw);
  } catch (error) {
    if (error instanceof ShapeProblem)
      throw new RegistryStateError(file, displayFile, error.message);
    throw error;
  }
}

function pointer(parent: string, key: string | number): string {
  return `${parent}/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

function shapeProblem(at: string, expected: string): ShapeProblem {
  return new ShapeProblem(messages.registry.stateBadField(at, expected));
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw shapeProblem(at, "an object");
  return value as Record<string, unknown>;
}

function optionalRecord(value: unknown, at: string): Record<string, unknown> {
  return value === undefined ? {} : record(value, at);
}

function stringMap(value: unknown, at: string): Record<string, string> {
  const source = optionalRecord(value, at);
  for (const [key, v] of Object.entries(source))
    if (typeof v !== "string") throw shapeProblem(pointer(at, key), "a string");
  return nullProtoRecord(source as Record<string, string>);
}

function numberMap(value: unknown, at: string, integer: boolean): Record<string, number> {
  const source = optionalRecord(value, at);
  for (const [key, v] of Object.entries(source)) {
    const ok = typeof v === "number" && (integer ? Number.isSafeInteger(v) && v >= 1 : true);
    if (!ok) throw shapeProblem(pointer(at, key), integer ? "a version number" : "a number");
  }
  return nullProtoRecord(source as Record<string, number>);
}

function text(value: unknown, at: string): string {
  if (typeof value !== "string") throw shapeProblem(at, "a string");
  return value;
}

function optionalText(value: unknown, at: string): { value?: string } {
  return value === undefined ? {} : { value: text(value, at) };
}

function versionNumber(value: unknown, at: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1)
    throw shapeProblem(at, "a version number");
  return value;
}

function lineage(value: unknown, at: string): Lineage {
  return optionalRecord(value, at) as Lineage;
}

function version(value: unknown, at: string): ModelVersion {
  const v = record(value, at);
  const artifact = text(v.artifact, pointer(at, "artifact"));
  if (!HASH.test(artifact)) throw shapeProblem(pointer(at, "artifact"), "a sha256 content hash");
  const bytes = v.artifactBytes;
  if (typeof bytes !== "number" || !Number.isSafeInteger(bytes) || bytes < 0)
    throw shapeProblem(pointer(at, "artifactBytes"), "a byte count");
  const description = optionalText(v.description, pointer(at, "description")).value;
  return {
    version: versionNumber(v.version, pointer(at, "version")),
    artifact,
    artifactBytes: bytes,
    createdAt: text(v.createdAt, pointer(at, "createdAt")),
    lineage: lineage(v.lineage, pointer(at, "lineage")),
    metrics: numberMap(v.metrics, pointer(at, "metrics"), false),
    ...(description === undefined ? {} : { description }),
    tags: stringMap(v.tags, pointer(at, "tags")),
  };
}

function model(value: unknown, at: string, name: string): RegisteredModel {
  const m = record(value, at);
  if (m.name !== name) throw shapeProblem(pointer(at, "name"), JSON.stringify(name));
  if (!Array.isArray(m.versions)) throw shapeProblem(pointer(at, "versions"), "a list");
  const versionsAt = pointer(at, "versions");
  const description = optionalText(m.description, pointer(at, "description")).value;
  return {
    name,
    createdAt: text(m.createdAt, pointer(at, "createdAt")),
    ...(description === undefined ? {} : { description }),
    tags: stringMap(m.tags, pointer(at, "tags")),
    aliases: numberMap(m.aliases, pointer(at, "aliases"), true),
    versions: m.versions.map((v, i) => version(v, pointer(versionsAt, i))),
  };
}

function params(value: unknown, at: string): ExperimentRun["params"] {
  const source = optionalRecord(value, at);
  const out = nullProtoRecord<string | number | boolean>();
  for (const [key, v] of Object.entries(source)) {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
      throw shapeProblem(pointer(at, key), "a string, number or boolean");
    setOwnValue(out, key, v);
  }
  return out;
}

function run(value: unknown, at: string, id: string): ExperimentRun {
  const r = record(value, at);
  const dir = optionalText(r.dir, pointer(at, "dir")).value;
  return {
    id,
    experiment: text(r.experiment, pointer(at, "experiment")),
    status: text(r.status, pointer(at, "status")),
    startedAt: text(r.startedAt, pointer(at, "startedAt")),
    params: params(r.params, pointer(at, "params")),
    metrics: numberMap(r.metrics, pointer(at, "metrics"), false),
    lineage: lineage(r.lineage, pointer(at, "lineage")),
    ...(dir === undefined ? {} : { dir }),
  };
}

function registryData(raw: unknown): RegistryData {
  const doc = record(raw, "");
  if (doc.format !== 1) throw new ShapeProblem(messages.registry.stateBadFormat(doc.format));
  const models = nullProtoRecord<RegisteredModel>();
  for (const [name, value] of Object.entries(record(doc.models, "/models")))
    setOwnValue(models, name, model(value, pointer("/models", name), name));
  const runs = nullProtoRecord<ExperimentRun>();
  for (const [id, value] of Object.entries(optionalRecord(doc.runs, "/runs")))
    setOwnValue(runs, id, run(value, pointer("/runs", id), id));
  return { format: 1, models, runs };
}
