import { NamedRegistry } from "../core/named-registry.js";
import { UserError } from "../core/errors.js";
import { servingMessages as m } from "../messages/serving.js";
import type { ApiModelSignature } from "../spec/types.generated.js";
import { holdsAgent, loadAgentPredictor } from "./agent-predictor.js";
import type { Predictor, PredictorLoader } from "./predictor.js";
import { readSignature } from "./signature.js";
import { holdsStrategy, loadStrategyPredictor } from "./strategy-predictor.js";

type LoadInput = Parameters<PredictorLoader>[0];

/** One kind of model artifact the server can serve: how to recognise it and how to load it. */
export interface ArtifactLoader {
  /** Whether the artifact folder holds this kind of model. */
  holds(artifactDir: string): boolean;
  load(input: LoadInput, signature: ApiModelSignature): Promise<Predictor>;
}

/** The artifact kinds by name: a trained agent (model/) and a rule strategy (strategy.json). Built on call. */
export function createArtifactLoaders(): NamedRegistry<ArtifactLoader> {
  return new NamedRegistry<ArtifactLoader>("model artifact")
    .register("agent", { holds: holdsAgent, load: loadAgentPredictor })
    .register("strategy", { holds: holdsStrategy, load: loadStrategyPredictor });
}

/**
 * The server's predictor loader: reads the artifact's signature (refusing an
 * artifact registered before signatures existed, with how to re-register
 * it), then hands the artifact to the first registered loader that
 * recognises what it holds.
 */
export function createPredictorLoader(
  loaders: NamedRegistry<ArtifactLoader> = createArtifactLoaders(),
): PredictorLoader {
  return async (input) => {
    const signature = readSignature(input.artifactDir, input.name, input.version);
    for (const kind of loaders.names()) {
      const loader = loaders.get(kind);
      if (loader.holds(input.artifactDir)) return loader.load(input, signature);
    }
    throw new UserError(m.noPredictorFor(input.name, input.version));
  };
}
