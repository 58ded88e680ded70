import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../../core/atomic-write.js";
import { tf } from "../backend/tf.js";

export const MODEL_JSON = "model.json";
export const WEIGHTS_BIN = "weights.bin";

function concat(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const parts = Array.isArray(data) ? data : [data];
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return out;
}

/**
 * A tf.io.IOHandler that stores model artifacts as `model.json` (topology,
 * weights manifest, metadata) and `weights.bin` (raw little-endian weights)
 * in a folder, with atomic writes. Independent of the backend: tfjs-node's
 * `file://` handler is not available on WASM/CPU, this one works everywhere.
 */
export function fileIOHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const weights = concat(artifacts.weightData);
      // Weights first, then the manifest that points at them: a reader never sees a manifest without weights.
      writeFileAtomic(join(dir, WEIGHTS_BIN), weights);
      writeJsonAtomic(join(dir, MODEL_JSON), {
        format: artifacts.format ?? "drlwb-agent",
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js ${tf.version.tfjs}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology ?? {},
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: artifacts.userDefinedMetadata ?? {},
      });
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: "JSON",
          weightDataBytes: weights.byteLength,
        },
      };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(readFileSync(join(dir, MODEL_JSON), "utf8")) as {
        format?: string;
        generatedBy?: string;
        modelTopology: tf.io.ModelArtifacts["modelTopology"];
        weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
        userDefinedMetadata?: tf.io.ModelArtifacts["userDefinedMetadata"];
      };
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Uint8Array[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const path of group.paths) buffers.push(readFileSync(join(dir, path)));
      }
      const bytes = concat(
        buffers.map(
          (b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
        ),
      );
      return {
        modelTopology: json.modelTopology,
        weightSpecs: specs,
        weightData: bytes.buffer as ArrayBuffer,
        format: json.format,
        generatedBy: json.generatedBy,
        userDefinedMetadata: json.userDefinedMetadata,
      };
    },
  };
}
