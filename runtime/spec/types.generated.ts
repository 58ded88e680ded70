/* eslint-disable */
/**
 * GENERATED from schemas/*.schema.json by `npm run gen:types` (json-schema-to-typescript).
 * Do not edit: change the schemas and regenerate. `npm run check:types` fails when stale.
 *
 * Names: the root of `<stem>.schema.json` is `<Stem>Spec` (ExperimentSpec, DataSpec, …);
 * an entry of its `$defs` is `<Stem><Def>` (`defs.schema.json` entries keep their own name).
 * A member of a discriminated union (a `oneOf`/`anyOf` whose branches each pin `type`, or
 * another key such as `source`, to a constant) written inline is `<Owner><Value>`: Owner is the
 * enclosing named type without its `Spec` suffix, Value the pinned constant in PascalCase
 * (strategy.schema.json `type: sma_crossover` → StrategySmaCrossover; features.schema.json
 * `type: sma` → FeaturesSma; risk.schema.json `$defs/rule` `type: stop_loss` → RiskRuleStopLoss).
 * Objects are closed (no index signature) unless the schema maps keys to values
 * (`additionalProperties: <schema>`); an object schema with no properties at all is
 * `Record<string, unknown>`.
 */
import type { SecretString } from "./secret-ref.js";

/**
 * A deep-RL agent: algorithm (`type`), environment, training budget and rl-zoo style hyperparameters. Trained on the train segment with seeded, deterministic TensorFlow.js (same seed, backend and data → same weights), validated on valid, saved with its optimizer and normalisation state, evaluated over N seeds × M episodes, and backtested against buy-and-hold and a rule baseline.
 */
export type AgentSpec = (AgentPpo | AgentA2C | AgentDqn | AgentSac | AgentTd3 | AgentDdpg) & {
  /**
   * Set in standalone agent specs.
   */
  kind?: "agent";
  /**
   * Algorithm. Discrete actions: ppo, a2c, dqn. Continuous: ppo, a2c, sac, td3, ddpg. With `ensemble`, the first algorithm of the list is recorded here.
   */
  type: "ppo" | "a2c" | "dqn" | "sac" | "td3" | "ddpg";
  /**
   * TensorFlow.js backend: `auto` tries tfjs-node (native), then WebAssembly, then plain JS. The choice is recorded in the run folder (backend.json).
   */
  backend: "auto" | "node" | "wasm" | "cpu";
  env: AgentEnv;
  /**
   * Environment steps of training (per seed).
   */
  total_timesteps: number;
  /**
   * rl-zoo / Stable-Baselines3 hyperparameters of the algorithm named by `type` (each algorithm has its own names and SB3's defaults; unknown names are rejected).
   */
  hyperparameters?: unknown;
  /**
   * Training loop options.
   */
  training: {
    /**
     * Evaluate on the validation segment every this many timesteps (0 = at the end only).
     */
    eval_freq: number;
    /**
     * Deterministic episodes per evaluation.
     */
    eval_episodes: number;
    /**
     * Stop after `patience` evaluations without improvement of the validation score.
     */
    early_stopping?: {
      /**
       * Evaluations without improvement.
       */
      patience: number;
      /**
       * Minimum improvement that counts.
       */
      min_delta: number;
    };
    /**
     * Keep the weights with the best validation score (default: true when there is a valid segment).
     */
    restore_best?: boolean;
    /**
     * Save a checkpoint every this many timesteps (0 = only at the end).
     */
    checkpoint_freq: number;
    /**
     * Checkpoint folder (relative to the stage folder unless absolute). Use a fixed folder with `resume: true` to continue a killed run.
     */
    checkpoint_dir?: string;
    /**
     * Continue from the latest checkpoint in `checkpoint_dir`: weights, optimizer state, normalisation statistics, step count, the random stream's state, the episodes in progress, the evaluation state (evaluations, best model, early-stopping patience, schedules), and for DQN/SAC/TD3/DDPG the replay buffer — a resumed run ends bit-identical to an uninterrupted one on the same backend.
     */
    resume: boolean;
    /**
     * Wall-clock safety limit in seconds. A run stopped by it depends on machine speed and is flagged as not reproducible.
     */
    time_budget_s?: number;
  };
  /**
   * Evaluation protocol: N training seeds × M deterministic episodes per segment; mean ± std and interquartile mean; backtest against buy-and-hold and a rule baseline with the same costs.
   */
  evaluation: {
    /**
     * Independent training seeds (N). The signal comes from the first.
     */
    seeds: number;
    /**
     * Deterministic evaluation episodes per seed and segment (M).
     */
    episodes: number;
    /**
     * Steps per evaluation episode from random starts; the whole segment when absent.
     */
    episode_length?: number;
    /**
     * Rule-based baseline.
     */
    baseline?: {
      /**
       * Long when the fast SMA is above the slow SMA.
       */
      type: "sma_crossover";
      /**
       * Fast window.
       */
      fast: number;
      /**
       * Slow window.
       */
      slow: number;
    };
  };
  /**
   * FinRL-style ensemble: on each rolling window train every algorithm, then trade the next window with the one whose validation Sharpe ratio was best.
   */
  ensemble?: {
    /**
     * Algorithms to train per window (they must suit the env's action space).
     *
     * @minItems 2
     */
    algorithms: [
      "ppo" | "a2c" | "dqn" | "sac" | "td3" | "ddpg",
      "ppo" | "a2c" | "dqn" | "sac" | "td3" | "ddpg",
      ...("ppo" | "a2c" | "dqn" | "sac" | "td3" | "ddpg")[],
    ];
    /**
     * Bars traded per window (FinRL: 63).
     */
    window: number;
    /**
     * Bars of validation before each traded window.
     */
    validation_window: number;
    /**
     * Hyperparameters per algorithm of the ensemble (each as that algorithm's `hyperparameters`; its defaults where absent).
     */
    hyperparameters?: {
      ppo?: AgentHyperparametersPpo;
      a2c?: AgentHyperparametersA2C;
      dqn?: AgentHyperparametersDqn;
      sac?: AgentHyperparametersSac;
      td3?: AgentHyperparametersTd3;
      ddpg?: AgentHyperparametersDdpg;
    };
  };
};
/**
 * The training environment. Trading envs read the experiment's data and features on the train segment (validation on valid, evaluation on every segment).
 */
export type AgentEnv =
  | AgentEnvSingleAsset
  | AgentEnvMultiStock
  | AgentEnvPortfolio
  | AgentEnvCartpole
  | AgentEnvPendulum;
/**
 * Runs an experiment spec asynchronously: either a spec file under the server's spec folder or an inline spec document.
 */
export type ApiBacktestRequest = (
  | {
      specFile: string;
    }
  | {
      /**
       * An experiment spec (validated against experiment.schema.json when the job starts).
       */
      spec: Record<string, unknown>;
    }
) & {
  specFile?: string;
  /**
   * An experiment spec (validated against experiment.schema.json when the job starts).
   */
  spec?: Record<string, unknown>;
  seed?: number;
  env?: string;
};
/**
 * One observation vector, as the model's environment produces it.
 *
 * @minItems 1
 * @maxItems 65536
 */
export type ApiObservation = [number, ...number[]];
/**
 * Observations or recent bars in; actions and risk-checked target weights out. Give one observation, a batch of observations, or `bars` (OHLCV per symbol: the server computes the features, the observation, the env's action transform and the risk overlay exactly as the backtest did), and a version or an alias (default: the alias `champion`, else the latest version). `GET /models/{name}/versions/{version}` shows the model's signature: what the observation is and how many bars are needed.
 */
export type ApiPredictRequest = (
  | {
      observation: ApiObservation;
    }
  | {
      /**
       * A batch of observations.
       *
       * @minItems 1
       * @maxItems 4096
       */
      observations: [ApiObservation, ...ApiObservation[]];
    }
  | {
      bars: ApiBars;
    }
) & {
  /**
   * Model version number.
   */
  version?: number;
  /**
   * Model alias such as champion.
   */
  alias?: string;
  observation?: ApiObservation;
  /**
   * A batch of observations.
   *
   * @minItems 1
   * @maxItems 4096
   */
  observations?: [ApiObservation, ...ApiObservation[]];
  bars?: ApiBars;
  portfolio?: ApiPortfolioState;
  deterministic: boolean;
  /**
   * The risk overlay state returned by the previous call (`riskState` in the response); pass it back unchanged so stateful rules (drawdown re-entry, kill-switch) carry over between calls. A state whose shape does not match the model's risk overlay is refused (400); models without a risk overlay ignore it.
   */
  riskState?: Record<string, unknown>;
  /**
   * Predict from bars only: the env state returned by the previous call (`envState` in the response). The observation of a trading env holds the env's own position (single_asset) or weights (portfolio), which follow from its previous decision; pass it back unchanged. Left out: the env starts flat, as at the first bar of its run.
   */
  envState?: Record<string, unknown>;
};
/**
 * What the strategy is measured against (alpha, beta, the information ratio, the benchmark columns and lines of the report): `type` picks the kind. Every kind is causal: the benchmark's value at bar t uses data up to t only.
 */
export type BenchmarkSpec =
  BenchmarkBuyAndHold | BenchmarkSymbol | BenchmarkFixedMix | BenchmarkFile;
/**
 * Where the market data comes from and how it is checked, resampled and aligned. Bundled datasets ship with the repo (runtime/data/bundled/PROVENANCE.md); files are CSV or Parquet. Provider sources (yahoo, alphavantage, polygon, http) take the keys of provider.schema.json plus align/quality/calendar.
 */
export type DataSpec = (
  | ({
      source: "bundled";
    } & {
      /**
       * bundled dataset (runtime/data/bundled/PROVENANCE.md): sp500 (S&P 500 daily 2000–2020), spy (SPY daily 2007–2017), spy_long (SPY daily 1999–2020), goog, aapl, intc (daily), dow30 (30 DJIA closes 1990–2001), eurusd_h1 (EUR/USD hourly), eu_indices (DAX/SMI/CAC/FTSE closes 1991–1998), stocks_monthly (5 stocks monthly 2000–2010)
       */
      name:
        | "sp500"
        | "spy"
        | "spy_long"
        | "goog"
        | "aapl"
        | "intc"
        | "dow30"
        | "eurusd_h1"
        | "eu_indices"
        | "stocks_monthly";
      /**
       * resample to this coarser interval (open first, high max, low min, close last, volume sum)
       */
      interval?: "1h" | "1d" | "1w" | "1mo";
    })
  | ({
      source: "file";
    } & {
      /**
       * file: path relative to the spec
       */
      path: string;
      /**
       * file: default from the extension
       */
      format?: "csv" | "parquet";
      layout: "long" | "wide_close";
      /**
       * file: the trading calendar the gap check expects
       */
      calendar: string;
      /**
       * file: symbol of every row when the file has no symbol column
       */
      symbol: string;
      /**
       * canonical column → the file's column name (null: the file has none)
       */
      columns?: {
        timestamp?: string | null;
        symbol?: string | null;
        open?: string | null;
        high?: string | null;
        low?: string | null;
        close?: string | null;
        volume?: string | null;
        adj_close?: string | null;
      };
      /**
       * iso | epoch_ms | epoch_s | a strftime pattern (%Y %y %m %d %H %M %S %b)
       */
      date_format: string;
      /**
       * IANA zone of timestamps without an offset
       */
      timezone: string;
      /**
       * file: only close is required; open = high = low = close, volume 0
       */
      closes_only: boolean;
      /**
       * file: the most bytes the data file may have (default 512 MiB), checked before it is read; a larger file is refused with a message naming it. A server caps this with its own configured limit
       */
      max_file_bytes: number;
      /**
       * resample to this coarser interval (open first, high max, low min, close last, volume sum)
       */
      interval?: "1h" | "1d" | "1w" | "1mo";
    })
  | ({
      source: "yahoo" | "alphavantage" | "polygon" | "http";
    } & ProviderSource)
) & {
  /**
   * bundled | file | a provider (yahoo | alphavantage | polygon | http)
   */
  source: "bundled" | "file" | "yahoo" | "alphavantage" | "polygon" | "http";
  /**
   * bundled: the dataset name (see the bundled branch for the list)
   */
  name?: string;
  /**
   * set in standalone data specs
   */
  kind?: "data";
  /**
   * keep these symbols, in this order
   *
   * @minItems 1
   */
  symbols?: [string, ...string[]];
  /**
   * first date kept (inclusive)
   */
  start?: string;
  /**
   * last date kept (inclusive)
   */
  end?: string;
  /**
   * trading calendar the gap check expects
   */
  calendar?: "business_day" | "fx_24x5" | "monthly" | "continuous";
  /**
   * put all symbols on one calendar; every fill is recorded in dataset.json
   */
  align: {
    /**
     * union | intersection | a symbol whose calendar the others follow
     */
    calendar: string;
    fill: "none" | "ffill";
    /**
     * most bars in a row ffill may fill
     */
    limit?: number;
  };
  /**
   * per check: fail | warn | { repair: <method> } | { action, <parameters> } (each check's own settings and default under $defs/quality_<check>); nothing is filled silently. Left out: every check at its default
   */
  quality: {
    mixed_offsets: DataQualityMixedOffsets;
    unsorted: DataQualityUnsorted;
    duplicates: DataQualityDuplicates;
    nan: DataQualityNan;
    non_positive: DataQualityNonPositive;
    ohlc: DataQualityOhlc;
    stale: DataQualityStale;
    outliers: DataQualityOutliers;
    gaps: DataQualityGaps;
  };
};
/**
 * rows of one symbol with the same timestamp: fail (default) | { repair: keep_first | keep_last }. No warn: a panel needs one bar per symbol and timestamp
 */
export type DataQualityDuplicates =
  | "fail"
  | {
      /**
       * fail: stop with the first problem rows; ignored when repair is set
       */
      action: "fail";
      /**
       * keep_first | keep_last: keep the first or the last row (in file order) of each repeated timestamp (reported in quality.json)
       */
      repair?: "keep_first" | "keep_last";
    };
/**
 * calendar gaps: more bars missing between two consecutive bars of a symbol than max_missing allows on the data's calendar (business days: weekends are not gaps; fx_24x5: the FX weekend is not a gap): warn (default) | fail. No repair: align.fill fills bars on the common calendar
 */
export type DataQualityGaps =
  | ("fail" | "warn")
  | {
      /**
       * fail: stop with the first problem rows; warn: report them in quality.json and go on
       */
      action: "fail" | "warn";
      /**
       * missing calendar bars tolerated between two bars. Its default depends on the data, so it is computed when the data is loaded, not written here: 3 on a business_day calendar (holidays), else 0
       */
      max_missing?: number;
    };
/**
 * timestamps of one column written with different UTC offsets (e.g. +05:00 and Z): fail (default; names the file:line of the first row whose offset differs from the first row's) | warn | { repair: to_utc } (every timestamp converted to UTC; reported as a warning in quality.json and the log)
 */
export type DataQualityMixedOffsets =
  | ("fail" | "warn")
  | {
      /**
       * fail: stop with the first problem rows; warn: report them in quality.json and go on; ignored when repair is set
       */
      action: "fail" | "warn";
      /**
       * to_utc: convert every timestamp to UTC (they are compared in UTC either way) and count the rows whose offset differed (reported in quality.json)
       */
      repair?: "to_utc";
    };
/**
 * missing values (NaN) in any value column: fail (default) | warn | { repair: ffill | drop }
 */
export type DataQualityNan =
  | ("fail" | "warn")
  | {
      /**
       * fail: stop with the first problem rows; warn: report them in quality.json and go on; ignored when repair is set
       */
      action: "fail" | "warn";
      /**
       * ffill: carry the symbol's previous value forward (rows still missing at the start of a symbol are dropped); drop: remove the row (reported in quality.json)
       */
      repair?: "ffill" | "drop";
    };
/**
 * prices at or below zero, or negative volume: fail (default) | warn | { repair: drop }
 */
export type DataQualityNonPositive =
  | ("fail" | "warn")
  | {
      /**
       * fail: stop with the first problem rows; warn: report them in quality.json and go on; ignored when repair is set
       */
      action: "fail" | "warn";
      /**
       * drop: remove the row (reported in quality.json)
       */
      repair?: "drop";
    };
/**
 * OHLC inconsistencies (high below open, close or low; low above open or close): warn (default) | fail | { repair: clip | drop }
 */
export type DataQualityOhlc =
  | ("fail" | "warn")
  | {
      /**
       * fail: stop with the first problem rows; warn: report them in quality.json and go on; ignored when repair is set
       */
      action: "fail" | "warn";
      /**
       * clip: high := max(open, high, low, close), low := min(open, high, low, close); drop: remove the row (reported in quality.json)
       */
      repair?: "clip" | "drop";
    };
/**
 * outlier returns: robust z-score of a symbol's close-to-close log returns above threshold (a data check over the whole file, not a trading signal): warn (default) | fail | { repair: drop }
 */
export type DataQualityOutliers =
  | ("fail" | "warn")
  | {
      /**
       * fail: stop with the first problem rows; warn: report them in quality.json and go on; ignored when repair is set
       */
      action: "fail" | "warn";
      /**
       * drop: remove the bar that ends the outlier return (reported in quality.json)
       */
      repair?: "drop";
      /**
       * |z| above which a return is an outlier, z = 0.6745 * (r - median) / MAD over the symbol's log returns
       */
      threshold: number;
    };
/**
 * stale prices: a run of at least min_run identical bars (open, high, low, close, volume) of one symbol, or, with several symbols, a timestamp at which every symbol repeats its previous bar (carried forward): warn (default) | fail | { repair: drop }
 */
export type DataQualityStale =
  | ("fail" | "warn")
  | {
      /**
       * fail: stop with the first problem rows; warn: report them in quality.json and go on; ignored when repair is set
       */
      action: "fail" | "warn";
      /**
       * drop: remove the repeated bars (reported in quality.json)
       */
      repair?: "drop";
      /**
       * identical bars in a row that count as stale. Its default depends on the data, so it is computed when the data is loaded, not written here: 5 for closes-only data (whose closes legitimately repeat), else 2
       */
      min_run?: number;
    };
/**
 * timestamps that go backwards within a symbol: fail (default) | { repair: sort }. No warn: a panel needs each symbol's bars in time order
 */
export type DataQualityUnsorted =
  | "fail"
  | {
      /**
       * fail: stop with the first problem rows; ignored when repair is set
       */
      action: "fail";
      /**
       * sort: stable sort of the rows by symbol and time (reported in quality.json)
       */
      repair?: "sort";
    };
/**
 * A calendar date, `YYYY-MM-DD` (ISO 8601).
 */
export type SpecDate = string;
/**
 * A non-negative fraction, e.g. 0.001 for 10 basis points.
 */
export type Fraction = number;
/**
 * A lower-case identifier: letters, digits, `_` and `-`, starting with a letter or digit (at most 64 characters). Used in run folder names and registry entries.
 */
export type Name = string;
export type PositiveInteger = number;
/**
 * A number between 0 and 1.
 */
export type Probability = number;
/**
 * A file path, relative to the spec file that contains it.
 */
export type RelativePath = string;
/**
 * A secret such as an API key, token or password. Write it as a reference to an environment variable, `${env:NAME}`: it is resolved only by the stage that needs it and never written to disk (run folders keep the reference).
 */
export type Secret = SecretString;
/**
 * Seed of every random stream of the run (unsigned 32-bit integer). Same spec + seed + data gives identical metrics.
 */
export type Seed = number;
/**
 * Free-form labels, shown in run lists and the registry.
 */
export type Tags = string[];
/**
 * A look-back window in bars (at least 1).
 */
export type Window = number;
/**
 * Technical indicators computed per symbol on the aligned panel (trailing windows only). `type` picks the indicator; the other keys are its parameters. Output names default to type_window (e.g. rsi_14); multi-output features add suffixes (macd: _signal, _hist; bollinger: _mid, _upper, _lower, _width; adx: _dx, _plus_di, _minus_di).
 */
export type FeaturesSpec = (
  | FeaturesReturns
  | FeaturesLogReturn
  | FeaturesSma
  | FeaturesEma
  | FeaturesWma
  | FeaturesRsi
  | FeaturesMacd
  | FeaturesBollinger
  | FeaturesAtr
  | FeaturesAdx
  | FeaturesDx
  | FeaturesCci
  | FeaturesObv
  | FeaturesVolatility
  | FeaturesZscore
  | FeaturesCorrelation
  | FeaturesTurbulence
)[];
/**
 * What the signal trades when it is not the cash asset: a futures contract on the panel's price series (`type: future`) or an options strategy on the underlying (`type: option`). The signal's target weight of `symbol` decided at bar t (data ≤ t) trades at bar t+1's open (or bar t's close with `fill: this_close`); positions are marked at every close.
 */
export type InstrumentSpec = InstrumentFuture | InstrumentOption;
/**
 * Market data fetched from a provider (`source: yahoo | alphavantage | polygon | http`) through a cache. Each provider has its own branch (`$defs/yahoo`, `$defs/alphavantage`, `$defs/polygon`, `$defs/http`) listing only the keys it reads, with its defaults; `$defs/common` holds the keys all of them read. The root schema is a complete provider source; data.schema.json composes `$defs/source` for provider sources and adds the data layer's own keys (quality, align, …). Every request is rate limited (token bucket), retried with exponential backoff and jitter (429/5xx/malformed JSON/provider rate-limit bodies, Retry-After honoured), paginated, and API keys are resolved from `${env:NAME}` or `${secret:NAME}` only when a request is made.
 */
export type ProviderSpec = ProviderSource;
/**
 * Alpha Vantage: TIME_SERIES_DAILY_ADJUSTED (`outputsize=full`) for 1d, TIME_SERIES_INTRADAY one calendar month per request for 1m, 5m, 15m, 30m and 1h. Rate-limit bodies (`Note`, `Information`) are retried with backoff; times in US/Eastern are converted to UTC.
 */
export type ProviderAlphavantage = ProviderCommon & {
  /**
   * Provider: Alpha Vantage (needs api_key).
   */
  source: "alphavantage";
  /**
   * API key as `${env:NAME}` or `${secret:NAME}` (sent as `apikey`). Resolved when a request is made; redacted from every log line and message.
   */
  api_key: Secret;
  /**
   * Replaces Alpha Vantage's endpoint https://www.alphavantage.co (a proxy, a mirror, a local test server).
   */
  base_url?: string;
  /**
   * Token bucket shared by every request of this source. Default: 5 requests per 60 s (the free tier).
   */
  rate_limit: ProviderRateLimit;
  /**
   * Intraday: split/dividend-adjusted bars (Alpha Vantage `adjusted`).
   */
  adjusted: boolean;
};
/**
 * Where fetched bars are kept, keyed by provider (name, base URL, options; never the key) + symbol + range + interval. `fs`: Parquet files and an index.json in `dir` (default `$XDG_CACHE_HOME/drlwb/data` or `~/.cache/drlwb/data`), written atomically. `redis`: Parquet bytes under `prefix` keys with a Redis TTL. `none`: always fetch. An unreachable cache is logged and skipped.
 */
export type ProviderCache = ProviderCacheFs | ProviderCacheRedis | ProviderCacheNone;
/**
 * A JSON-over-HTTP API declared in the spec: a URL template, the dot path of the rows array, a field mapping to the canonical columns and, when paginated, the dot path of the next page's URL (which must stay on the template's origin).
 */
export type ProviderHttp = ProviderCommon & {
  /**
   * Provider: a JSON API described by url, rows and fields.
   */
  source: "http";
  /**
   * URL template with `{symbol}`, `{start}`, `{end}`, `{interval}` and `{api_key}` placeholders (values are URL-encoded). `{end}` is the last day (iso_date) or last instant included.
   */
  url: string;
  /**
   * Dot path to the array of bars in the JSON body (`""` when the body is the array; numeric parts index arrays).
   */
  rows: string;
  fields: ProviderFieldMapping;
  /**
   * How `{start}`/`{end}` are written: a date, an ISO 8601 date-time, epoch seconds or epoch milliseconds.
   */
  range_format: "iso_date" | "iso" | "epoch_s" | "epoch_ms";
  /**
   * Unit of the timestamp field: epoch milliseconds, epoch seconds, or ISO 8601 text (no zone means UTC).
   */
  timestamp_unit: "ms" | "s" | "iso";
  /**
   * Dot path to the next page's URL (absolute or relative to the current page; must stay on the same origin). Absent or null ends pagination.
   */
  next?: string;
  /**
   * Extra request headers; values may contain `${env:NAME}` (resolved at request time, redacted in logs).
   */
  headers?: {
    /**
     * Header value; may contain `${env:NAME}`.
     */
    [k: string]: Secret | undefined;
  };
  /**
   * API key as `${env:NAME}` or `${secret:NAME}`, written into the url's `{api_key}` placeholder. Resolved when a request is made; redacted from every log line and message.
   */
  api_key?: Secret;
  /**
   * Replaces the url template's origin (a proxy, a mirror, a local test server).
   */
  base_url?: string;
  /**
   * Token bucket shared by every request of this source. Default: 10 requests per second.
   */
  rate_limit: ProviderRateLimit;
};
/**
 * Polygon.io aggregates (`/v2/aggs/ticker/{ticker}/range/…`), following `next_url` until the last page. The API key is sent as `apiKey`, only to the configured base URL.
 */
export type ProviderPolygon = ProviderCommon & {
  /**
   * Provider: Polygon.io (needs api_key).
   */
  source: "polygon";
  /**
   * API key as `${env:NAME}` or `${secret:NAME}` (sent as `apiKey`). Resolved when a request is made; redacted from every log line and message.
   */
  api_key: Secret;
  /**
   * Replaces Polygon's endpoint https://api.polygon.io (a proxy, a mirror, a local test server); next pages are re-based on it.
   */
  base_url?: string;
  /**
   * Token bucket shared by every request of this source. Default: 5 requests per 60 s (the free tier).
   */
  rate_limit: ProviderRateLimit;
  /**
   * Split/dividend-adjusted bars (Polygon `adjusted`).
   */
  adjusted: boolean;
  /**
   * Bars per page (Polygon `limit`); longer ranges follow `next_url`.
   */
  page_size: number;
};
/**
 * One provider source: the branch of its `source` (yahoo, alphavantage, polygon, http), each listing only the keys that provider reads, with its defaults. Without `unevaluatedProperties`, so other schemas (data.schema.json) can add keys next to them.
 */
export type ProviderSource = (
  ProviderYahoo | ProviderAlphavantage | ProviderPolygon | ProviderHttp
) & {
  /**
   * The provider: `yahoo` (Yahoo Finance, no key), `alphavantage` (needs api_key), `polygon` (needs api_key), `http` (a JSON API described by url/rows/fields).
   */
  source: "yahoo" | "alphavantage" | "polygon" | "http";
};
/**
 * Yahoo Finance v8 chart API (`/v8/finance/chart/{symbol}`), no key. Long intraday ranges are fetched in windows Yahoo accepts (7 days of 1m, 59 days of 5m–30m, 729 days of 1h).
 */
export type ProviderYahoo = ProviderCommon & {
  /**
   * Provider: Yahoo Finance (no key).
   */
  source: "yahoo";
  /**
   * Replaces Yahoo's endpoint https://query2.finance.yahoo.com (a proxy, a mirror, a local test server).
   */
  base_url?: string;
  /**
   * Token bucket shared by every request of this source. Default: 60 requests per 60 s, bursts of 5.
   */
  rate_limit: ProviderRateLimit;
};
/**
 * Market-regime detection. The detector named by `type` is fitted on the train segment only and labels every bar with data up to that bar (no look-ahead); `switching` maps regimes to allocations or signals. The stage writes regime.json (parameters, transition matrices, per-regime statistics) and regime-labels.csv.
 */
export type RegimeSpec = (
  RegimeHmm | RegimeVolThreshold | RegimeTrend | RegimeTurbulence | RegimeMl
) & {
  /**
   * Detector type.
   */
  type: "hmm" | "vol_threshold" | "trend" | "turbulence" | "ml";
};
/**
 * A metric (or an expression over metrics) checked against a threshold. Metric names are the statistics keys (`sharpeRatio`, `maxDrawdown`, `cagr`, …) and `benchmark.<key>` for the benchmark's.
 */
export type ReportKpi = (
  | {
      /**
       * A metric name. Use either `metric` or `expr`.
       */
      metric: string;
    }
  | {
      /**
       * An arithmetic expression over metric names: + - * /, parentheses, abs, min, max, sqrt, log. Use either `metric` or `expr`.
       */
      expr: string;
    }
) & {
  /**
   * KPI name, shown in the report and in alerts.
   */
  name: Name;
  /**
   * A metric name. Use either `metric` or `expr`.
   */
  metric?: string;
  /**
   * An arithmetic expression over metric names: + - * /, parentheses, abs, min, max, sqrt, log. Use either `metric` or `expr`.
   */
  expr?: string;
  /**
   * The alert threshold.
   */
  threshold: number;
  /**
   * The alert fires when the value is `below` (or `above`) the threshold. A value that cannot be computed (NaN) always alerts.
   */
  direction: "below" | "above";
  /**
   * Alert text (default: generated from name, value and threshold).
   */
  message?: string;
};
/**
 * A rule-based signal: `type` picks the rule; the other keys are its parameters. Every rule produces target weights per symbol and bar using data up to that bar only; the backtest executes them at the next bar's open (or this close).
 */
export type StrategySpec =
  | StrategyBuyAndHold
  | StrategySmaCrossover
  | StrategyEmaCrossover
  | StrategyTsMomentum
  | StrategyXsMomentum
  | StrategyMeanReversion
  | StrategyVolBreakout;

/**
 * Index of every schema: file stem (and `stem/def` for `$defs` entries) → its type.
 */
export interface SpecSchemas {
  agent: AgentSpec;
  "agent/env": AgentEnv;
  "agent/hyperparameters_a2c": AgentHyperparametersA2C;
  "agent/hyperparameters_ddpg": AgentHyperparametersDdpg;
  "agent/hyperparameters_dqn": AgentHyperparametersDqn;
  "agent/hyperparameters_ppo": AgentHyperparametersPpo;
  "agent/hyperparameters_sac": AgentHyperparametersSac;
  "agent/hyperparameters_td3": AgentHyperparametersTd3;
  "api/AliasRequest": ApiAliasRequest;
  "api/BacktestRequest": ApiBacktestRequest;
  "api/BarSeries": ApiBarSeries;
  "api/Bars": ApiBars;
  "api/ModelSignature": ApiModelSignature;
  "api/Observation": ApiObservation;
  "api/PortfolioState": ApiPortfolioState;
  "api/PredictRequest": ApiPredictRequest;
  "api/RunQueryResult": ApiRunQueryResult;
  "api/RunRow": ApiRunRow;
  backtest: BacktestSpec;
  "backtest/costs": BacktestCosts;
  "backtest/execution": BacktestExecution;
  "backtest/sessions": BacktestSessions;
  benchmark: BenchmarkSpec;
  data: DataSpec;
  "data/quality_duplicates": DataQualityDuplicates;
  "data/quality_gaps": DataQualityGaps;
  "data/quality_mixed_offsets": DataQualityMixedOffsets;
  "data/quality_nan": DataQualityNan;
  "data/quality_non_positive": DataQualityNonPositive;
  "data/quality_ohlc": DataQualityOhlc;
  "data/quality_outliers": DataQualityOutliers;
  "data/quality_stale": DataQualityStale;
  "data/quality_unsorted": DataQualityUnsorted;
  "defs/date": SpecDate;
  "defs/fraction": Fraction;
  "defs/name": Name;
  "defs/positiveInteger": PositiveInteger;
  "defs/probability": Probability;
  "defs/relativePath": RelativePath;
  "defs/secret": Secret;
  "defs/seed": Seed;
  "defs/segment": Segment;
  "defs/segments": Segments;
  "defs/tags": Tags;
  "defs/window": Window;
  experiment: ExperimentSpec;
  features: FeaturesSpec;
  instrument: InstrumentSpec;
  provider: ProviderSpec;
  "provider/alphavantage": ProviderAlphavantage;
  "provider/cache": ProviderCache;
  "provider/common": ProviderCommon;
  "provider/fieldMapping": ProviderFieldMapping;
  "provider/http": ProviderHttp;
  "provider/polygon": ProviderPolygon;
  "provider/rateLimit": ProviderRateLimit;
  "provider/retries": ProviderRetries;
  "provider/source": ProviderSource;
  "provider/yahoo": ProviderYahoo;
  regime: RegimeSpec;
  "regime/hmm": RegimeHmm;
  "regime/ml": RegimeMl;
  "regime/signals": RegimeSignals;
  "regime/switching": RegimeSwitching;
  "regime/trend": RegimeTrend;
  "regime/turbulence": RegimeTurbulence;
  "regime/vol_threshold": RegimeVolThreshold;
  register: RegisterSpec;
  report: ReportSpec;
  "report/kpi": ReportKpi;
  "report/notifications": ReportNotifications;
  risk: RiskSpec;
  server: ServerSpec;
  store: StoreSpec;
  strategy: StrategySpec;
  sweep: SweepSpec;
  "sweep/range": SweepRange;
}
export interface AgentPpo {
  /**
   * Algorithm.
   */
  type: "ppo";
  hyperparameters: AgentHyperparametersPpo;
}
export interface AgentA2C {
  /**
   * Algorithm.
   */
  type: "a2c";
  hyperparameters: AgentHyperparametersA2C;
}
export interface AgentDqn {
  /**
   * Algorithm.
   */
  type: "dqn";
  hyperparameters: AgentHyperparametersDqn;
}
export interface AgentSac {
  /**
   * Algorithm.
   */
  type: "sac";
  hyperparameters: AgentHyperparametersSac;
}
export interface AgentTd3 {
  /**
   * Algorithm.
   */
  type: "td3";
  hyperparameters: AgentHyperparametersTd3;
}
export interface AgentDdpg {
  /**
   * Algorithm.
   */
  type: "ddpg";
  hyperparameters: AgentHyperparametersDdpg;
}
/**
 * Discrete short/flat/long (or sell/hold/buy) on one symbol.
 */
export interface AgentEnvSingleAsset {
  /**
   * Environment type.
   */
  type: "single_asset";
  /**
   * The traded symbol (default: the first in the data).
   */
  symbol?: string;
  /**
   * Action scheme: target −1/0/+1; 0/+1; or flat/keep/+1.
   */
  actions: "short_flat_long" | "flat_long" | "sell_hold_buy";
  /**
   * Starting equity.
   */
  initial_cash: number;
  /**
   * Bars of feature history in each observation (t−window+1 … t).
   */
  window: number;
  /**
   * Reward: change in equity, log return, Moody–Saffell differential Sharpe ratio, or log return minus drawdown_penalty × drawdown.
   */
  reward: "pnl" | "log_return" | "differential_sharpe" | "drawdown_penalized";
  /**
   * Multiplier of every reward (FinRL's reward_scaling).
   */
  reward_scaling: number;
  /**
   * differential_sharpe: adaptation rate η of the moving moments.
   */
  sharpe_eta: number;
  /**
   * drawdown_penalized: weight λ of the drawdown.
   */
  drawdown_penalty: number;
  /**
   * Steps per training episode from a random start; the whole segment when absent.
   */
  episode_length?: number;
  /**
   * Proportional cost per traded notional used when the experiment has no `backtest.costs` (with it, the backtest cost model is used so training and backtest agree).
   */
  cost_pct: number;
}
/**
 * FinRL's StockTradingEnv: continuous share orders of at most `hmax` per symbol, turbulence liquidation.
 */
export interface AgentEnvMultiStock {
  /**
   * Environment type.
   */
  type: "multi_stock";
  /**
   * Traded symbols (default: all).
   *
   * @minItems 1
   */
  symbols?: [string, ...string[]];
  /**
   * Maximum shares traded per symbol per step.
   */
  hmax: number;
  /**
   * Starting equity.
   */
  initial_cash: number;
  /**
   * Sell everything while the turbulence index is at or above this.
   */
  turbulence_threshold?: number;
  /**
   * Bars of feature history in each observation (t−window+1 … t).
   */
  window: number;
  /**
   * Reward: change in equity, log return, Moody–Saffell differential Sharpe ratio, or log return minus drawdown_penalty × drawdown. FinRL uses pnl.
   */
  reward: "pnl" | "log_return" | "differential_sharpe" | "drawdown_penalized";
  /**
   * Multiplier of every reward (FinRL's reward_scaling).
   */
  reward_scaling: number;
  /**
   * differential_sharpe: adaptation rate η of the moving moments.
   */
  sharpe_eta: number;
  /**
   * drawdown_penalized: weight λ of the drawdown.
   */
  drawdown_penalty: number;
  /**
   * Steps per training episode from a random start; the whole segment when absent.
   */
  episode_length?: number;
  /**
   * Proportional cost per traded notional used when the experiment has no `backtest.costs` (with it, the backtest cost model is used so training and backtest agree).
   */
  cost_pct: number;
}
/**
 * Softmax weights over the symbols and cash.
 */
export interface AgentEnvPortfolio {
  /**
   * Environment type.
   */
  type: "portfolio";
  /**
   * Traded symbols (default: all).
   *
   * @minItems 1
   */
  symbols?: [string, ...string[]];
  /**
   * Bars of feature history in each observation (t−window+1 … t).
   */
  window: number;
  /**
   * Reward: change in equity, log return, Moody–Saffell differential Sharpe ratio, or log return minus drawdown_penalty × drawdown.
   */
  reward: "pnl" | "log_return" | "differential_sharpe" | "drawdown_penalized";
  /**
   * Multiplier of every reward (FinRL's reward_scaling).
   */
  reward_scaling: number;
  /**
   * differential_sharpe: adaptation rate η of the moving moments.
   */
  sharpe_eta: number;
  /**
   * drawdown_penalized: weight λ of the drawdown.
   */
  drawdown_penalty: number;
  /**
   * Steps per training episode from a random start; the whole segment when absent.
   */
  episode_length?: number;
  /**
   * Proportional cost per traded notional used when the experiment has no `backtest.costs` (with it, the backtest cost model is used so training and backtest agree).
   */
  cost_pct: number;
}
/**
 * Gymnasium's CartPole-v1 (discrete actions), for verifying algorithms.
 */
export interface AgentEnvCartpole {
  /**
   * Environment type.
   */
  type: "cartpole";
}
/**
 * Gymnasium's Pendulum-v1 (continuous actions), for verifying algorithms.
 */
export interface AgentEnvPendulum {
  /**
   * Environment type.
   */
  type: "pendulum";
}
/**
 * Hyperparameters of A2C (Mnih et al. 2016): rl-zoo / Stable-Baselines3 names, SB3's defaults.
 */
export interface AgentHyperparametersA2C {
  /**
   * Optimizer step size: a number or `lin_<start>` (linear decay to 0 over training).
   */
  learning_rate: number | string;
  /**
   * Steps per env copy per rollout.
   */
  n_steps: number;
  /**
   * Parallel env copies (vectorized; copy i seeded by its own named fork of the training seed).
   */
  n_envs: number;
  /**
   * Discount factor.
   */
  gamma: number;
  /**
   * GAE λ.
   */
  gae_lambda: number;
  /**
   * Standardise advantages per minibatch.
   */
  normalize_advantage: boolean;
  /**
   * Entropy bonus weight.
   */
  ent_coef: number;
  /**
   * Value loss weight.
   */
  vf_coef: number;
  /**
   * Global gradient-norm clipping.
   */
  max_grad_norm: number;
  /**
   * RMSprop instead of Adam.
   */
  use_rms_prop: boolean;
  /**
   * ε of the optimizer (Adam, or RMSprop with `use_rms_prop`).
   */
  optimizer_eps: number;
  /**
   * SB3's name for the RMSprop ε: with `use_rms_prop`, overrides `optimizer_eps`.
   */
  rms_prop_eps?: number;
  /**
   * Initial log standard deviation of continuous actions.
   */
  log_std_init: number;
  /**
   * Running normalisation of observations and reward scaling, like rl-zoo's `normalize: true` (VecNormalize). Statistics are saved with the model.
   */
  normalize: boolean;
  /**
   * Override `normalize` for observations only.
   */
  normalize_observations?: boolean;
  /**
   * Override `normalize` for reward scaling only.
   */
  normalize_reward?: boolean;
  /**
   * Hidden layer sizes.
   */
  net_arch: number[];
  /**
   * Hidden activation.
   */
  activation_fn: "tanh" | "relu";
}
/**
 * Hyperparameters of DDPG (Lillicrap et al. 2016): rl-zoo / Stable-Baselines3 names, SB3's defaults.
 */
export interface AgentHyperparametersDdpg {
  /**
   * Optimizer step size: a number or `lin_<start>` (linear decay to 0 over training).
   */
  learning_rate: number | string;
  /**
   * Replay buffer capacity.
   */
  buffer_size: number;
  /**
   * Random-action steps before learning.
   */
  learning_starts: number;
  /**
   * Minibatch size.
   */
  batch_size: number;
  /**
   * Polyak coefficient of target updates (1 = hard copy).
   */
  tau: number;
  /**
   * Discount factor.
   */
  gamma: number;
  /**
   * Env steps between training phases.
   */
  train_freq: number;
  /**
   * Gradient steps per training phase.
   */
  gradient_steps: number;
  /**
   * Running normalisation of observations, like rl-zoo's `normalize: true` (VecNormalize). Statistics are saved with the model.
   */
  normalize: boolean;
  /**
   * Env steps between progress/metrics records.
   */
  log_interval: number;
  /**
   * Critic updates per actor update.
   */
  policy_delay: number;
  /**
   * Std of the target policy smoothing noise.
   */
  target_policy_noise: number;
  /**
   * Clip of the smoothing noise.
   */
  target_noise_clip: number;
  /**
   * Std of the Gaussian exploration noise in the [−1, 1] action scale (rl-zoo: 0.1).
   */
  action_noise: number;
  /**
   * Number of critics.
   */
  n_critics: number;
  /**
   * Hidden layer sizes.
   */
  net_arch: number[];
  /**
   * Hidden activation.
   */
  activation_fn: "tanh" | "relu";
}
/**
 * Hyperparameters of DQN (Mnih et al. 2015) with Double-DQN and dueling options: rl-zoo / Stable-Baselines3 names, SB3's defaults.
 */
export interface AgentHyperparametersDqn {
  /**
   * Optimizer step size: a number or `lin_<start>` (linear decay to 0 over training).
   */
  learning_rate: number | string;
  /**
   * Replay buffer capacity.
   */
  buffer_size: number;
  /**
   * Random-action steps before learning.
   */
  learning_starts: number;
  /**
   * Minibatch size.
   */
  batch_size: number;
  /**
   * Polyak coefficient of target updates (1 = hard copy).
   */
  tau: number;
  /**
   * Discount factor.
   */
  gamma: number;
  /**
   * Env steps between training phases.
   */
  train_freq: number;
  /**
   * Gradient steps per training phase.
   */
  gradient_steps: number;
  /**
   * Running normalisation of observations, like rl-zoo's `normalize: true` (VecNormalize). Statistics are saved with the model.
   */
  normalize: boolean;
  /**
   * Env steps between progress/metrics records.
   */
  log_interval: number;
  /**
   * Env steps between target-network updates.
   */
  target_update_interval: number;
  /**
   * Fraction of training over which ε decays linearly.
   */
  exploration_fraction: number;
  /**
   * Initial ε.
   */
  exploration_initial_eps: number;
  /**
   * Final ε.
   */
  exploration_final_eps: number;
  /**
   * Double-DQN targets (action chosen by the online net).
   */
  double_q: boolean;
  /**
   * Dueling value/advantage head.
   */
  dueling: boolean;
  /**
   * Global gradient-norm clipping.
   */
  max_grad_norm: number;
  /**
   * Hidden layer sizes.
   */
  net_arch: number[];
  /**
   * Hidden activation.
   */
  activation_fn: "tanh" | "relu";
}
/**
 * Hyperparameters of PPO (Schulman et al. 2017): rl-zoo / Stable-Baselines3 names, SB3's defaults.
 */
export interface AgentHyperparametersPpo {
  /**
   * Optimizer step size: a number or `lin_<start>` (linear decay to 0 over training).
   */
  learning_rate: number | string;
  /**
   * Steps per env copy per rollout.
   */
  n_steps: number;
  /**
   * Minibatch size of the update epochs.
   */
  batch_size: number;
  /**
   * Passes over each rollout.
   */
  n_epochs: number;
  /**
   * Parallel env copies (vectorized; copy i seeded by its own named fork of the training seed).
   */
  n_envs: number;
  /**
   * Discount factor.
   */
  gamma: number;
  /**
   * GAE λ.
   */
  gae_lambda: number;
  /**
   * Clipping of the probability ratio: a number or `lin_<start>`.
   */
  clip_range: number | string;
  /**
   * Clipping of the value update around the old value (none when absent).
   */
  clip_range_vf?: number;
  /**
   * Standardise advantages per minibatch.
   */
  normalize_advantage: boolean;
  /**
   * Entropy bonus weight.
   */
  ent_coef: number;
  /**
   * Value loss weight.
   */
  vf_coef: number;
  /**
   * Global gradient-norm clipping.
   */
  max_grad_norm: number;
  /**
   * Stop the epochs early when the approximate KL exceeds 1.5 × this (no limit when absent).
   */
  target_kl?: number;
  /**
   * RMSprop instead of Adam.
   */
  use_rms_prop: boolean;
  /**
   * ε of the optimizer (Adam, or RMSprop with `use_rms_prop`).
   */
  optimizer_eps: number;
  /**
   * SB3's name for the RMSprop ε: with `use_rms_prop`, overrides `optimizer_eps`.
   */
  rms_prop_eps?: number;
  /**
   * Initial log standard deviation of continuous actions.
   */
  log_std_init: number;
  /**
   * Running normalisation of observations and reward scaling, like rl-zoo's `normalize: true` (VecNormalize). Statistics are saved with the model.
   */
  normalize: boolean;
  /**
   * Override `normalize` for observations only.
   */
  normalize_observations?: boolean;
  /**
   * Override `normalize` for reward scaling only.
   */
  normalize_reward?: boolean;
  /**
   * Hidden layer sizes.
   */
  net_arch: number[];
  /**
   * Hidden activation.
   */
  activation_fn: "tanh" | "relu";
}
/**
 * Hyperparameters of SAC (Haarnoja et al. 2018): rl-zoo / Stable-Baselines3 names, SB3's defaults.
 */
export interface AgentHyperparametersSac {
  /**
   * Optimizer step size: a number or `lin_<start>` (linear decay to 0 over training).
   */
  learning_rate: number | string;
  /**
   * Replay buffer capacity.
   */
  buffer_size: number;
  /**
   * Random-action steps before learning.
   */
  learning_starts: number;
  /**
   * Minibatch size.
   */
  batch_size: number;
  /**
   * Polyak coefficient of target updates (1 = hard copy).
   */
  tau: number;
  /**
   * Discount factor.
   */
  gamma: number;
  /**
   * Env steps between training phases.
   */
  train_freq: number;
  /**
   * Gradient steps per training phase.
   */
  gradient_steps: number;
  /**
   * Running normalisation of observations, like rl-zoo's `normalize: true` (VecNormalize). Statistics are saved with the model.
   */
  normalize: boolean;
  /**
   * Env steps between progress/metrics records.
   */
  log_interval: number;
  /**
   * Entropy coefficient: a number (fixed), `auto` (learned from 1) or `auto_<initial>` (learned from <initial>).
   */
  ent_coef: number | string;
  /**
   * Target entropy of the learned coefficient; `auto` = −dim(A).
   */
  target_entropy: number | "auto";
  /**
   * Gradient steps between target updates.
   */
  target_update_interval: number;
  /**
   * Number of critics.
   */
  n_critics: number;
  /**
   * Hidden layer sizes.
   */
  net_arch: number[];
  /**
   * Hidden activation.
   */
  activation_fn: "tanh" | "relu";
}
/**
 * Hyperparameters of TD3 (Fujimoto et al. 2018): rl-zoo / Stable-Baselines3 names, SB3's defaults.
 */
export interface AgentHyperparametersTd3 {
  /**
   * Optimizer step size: a number or `lin_<start>` (linear decay to 0 over training).
   */
  learning_rate: number | string;
  /**
   * Replay buffer capacity.
   */
  buffer_size: number;
  /**
   * Random-action steps before learning.
   */
  learning_starts: number;
  /**
   * Minibatch size.
   */
  batch_size: number;
  /**
   * Polyak coefficient of target updates (1 = hard copy).
   */
  tau: number;
  /**
   * Discount factor.
   */
  gamma: number;
  /**
   * Env steps between training phases.
   */
  train_freq: number;
  /**
   * Gradient steps per training phase.
   */
  gradient_steps: number;
  /**
   * Running normalisation of observations, like rl-zoo's `normalize: true` (VecNormalize). Statistics are saved with the model.
   */
  normalize: boolean;
  /**
   * Env steps between progress/metrics records.
   */
  log_interval: number;
  /**
   * Critic updates per actor update.
   */
  policy_delay: number;
  /**
   * Std of the target policy smoothing noise.
   */
  target_policy_noise: number;
  /**
   * Clip of the smoothing noise.
   */
  target_noise_clip: number;
  /**
   * Std of the Gaussian exploration noise in the [−1, 1] action scale (rl-zoo: 0.1).
   */
  action_noise: number;
  /**
   * Number of critics.
   */
  n_critics: number;
  /**
   * Hidden layer sizes.
   */
  net_arch: number[];
  /**
   * Hidden activation.
   */
  activation_fn: "tanh" | "relu";
}
export interface ApiAliasRequest {
  alias: string;
  version: number;
}
export interface ApiBarSeries {
  symbol: string;
  /**
   * Open per bar, aligned with `time`.
   *
   * @maxItems 100000
   */
  open?: number[];
  /**
   * High per bar, aligned with `time`.
   *
   * @maxItems 100000
   */
  high?: number[];
  /**
   * Low per bar, aligned with `time`.
   *
   * @maxItems 100000
   */
  low?: number[];
  /**
   * Close per bar, aligned with `time`.
   *
   * @maxItems 100000
   */
  close: number[];
  /**
   * Volume per bar, aligned with `time`.
   *
   * @maxItems 100000
   */
  volume?: number[];
}
/**
 * Recent bars, oldest first, ending with the bar the decision is made at (data up to and including it). Every symbol of the model, each with the columns its signature lists (`bars.columns`), one value per `time`.
 */
export interface ApiBars {
  /**
   * Bar timestamps, epoch milliseconds UTC, strictly increasing (the same for every symbol).
   *
   * @minItems 1
   * @maxItems 100000
   */
  time: [number, ...number[]];
  /**
   * One entry per symbol of the model (any order).
   *
   * @minItems 1
   * @maxItems 1024
   */
  symbols: [ApiBarSeries, ...ApiBarSeries[]];
}
/**
 * What a registered model decides from: written by the register stage as signature.json in the model artifact and shown by GET /models/{name}/versions/{version}.
 */
export interface ApiModelSignature {
  /**
   * Signature format version.
   */
  format: 1;
  /**
   * `agent`: a trained policy (observation → action → env transform); `strategy`: a rule strategy computed from bars.
   */
  kind: "agent" | "strategy";
  /**
   * The algorithm or strategy type (ppo, sma_crossover, …).
   */
  source?: string;
  /**
   * Traded symbols, in the order of `weights` and of `portfolio.weights`.
   */
  symbols: string[];
  /**
   * What predict-from-bars needs; absent when the model can only be served from observations (control tasks, multi_stock, ensembles).
   */
  bars?: {
    /**
     * Columns every symbol must carry.
     */
    columns: ("open" | "high" | "low" | "close" | "volume")[];
    /**
     * Fewest bars per request: feature warm-up + observation window + what the cost model and risk rules read (with the riskState of the previous call).
     */
    minimum: number;
    /**
     * The decision depends on every bar since the run's first bar (indicators with infinite memory such as EMA/Wilder smoothing, stateful rule strategies): the bars must start at `firstTime`.
     */
    fromStart: boolean;
    /**
     * Epoch ms of the first bar of the run's data.
     */
    firstTime: number;
    /**
     * For agents: the first bar the run's policy decided on (its env started there, flat); replaying from it reproduces the run's env state.
     */
    firstBar?: number;
    /**
     * What the decision at bar t reads, in words (feature windows, infinite-memory indicators, risk rule histories).
     */
    dependsOn: string[];
  };
  features?: {
    /**
     * The spec's features (features.schema.json, defaults filled): the pipeline the server runs on the bars, with the run's own code.
     */
    specs: Record<string, unknown>[];
    /**
     * Output names, in observation order.
     */
    names: string[];
    /**
     * Bars the longest feature reads (null: infinite memory).
     */
    lookback?: number | null;
  };
  /**
   * Agents: the observation vector, as the env builds it.
   */
  observation?: {
    dtype: "float64";
    shape: number[];
    /**
     * Bars of feature history per feature and symbol (t, t−1, …, t−window+1).
     */
    window: number;
    layout: {
      name: string;
      offset: number;
      size: number;
      description: string;
    }[];
    /**
     * The policy normalizes observations with running statistics saved in model/ (observationStats); send raw observations.
     */
    normalized?: boolean;
  };
  action: {
    space?: {
      kind: "discrete" | "box";
      n?: number;
      low?: number[];
      high?: number[];
    };
    /**
     * How an action becomes target weights: a single_asset scheme, softmax over the symbols and cash (portfolio), a rule strategy's weights (rule), or the action itself (identity: control tasks, multi_stock).
     */
    transform: "short_flat_long" | "flat_long" | "sell_hold_buy" | "softmax" | "rule" | "identity";
    description: string;
  };
  outputs: {
    /**
     * Target weight per symbol (position value / equity).
     */
    weights: string[];
    cash: boolean;
    description: string;
  };
  env?: {
    type: string;
    /**
     * Fields of `envState`, passed back between calls.
     */
    state: string[];
  };
  /**
   * Regime-switched models (`regime.switching` in the spec): the detector the run fitted (regime.json in the artifact, never refitted) labels every bar sent with the run's own labelling code, and the target at bar t is switched by the regime at t exactly as the run's signal stage switched it, before the risk overlay. The answer names the regime at t (`regime`). The labels depend on every bar since the run's first, so `bars.fromStart` is true.
   */
  regime?: {
    /**
     * The detector type (hmm, vol_threshold, trend, turbulence).
     */
    detector: string;
    /**
     * Symbols of the modelled series: one symbol, or the equal-weighted basket of these.
     */
    series: string[];
    /**
     * Number of regimes (labels 0 … states − 1; −1 is `unknown`).
     */
    states: number;
    /**
     * Name of each regime, by label.
     */
    stateNames: string[];
    /**
     * What the model holds in each regime (and `unknown`), in words; regimes without an entry are flat.
     */
    switching: {
      /**
       * The regime label, or `unknown`.
       */
      regime: string;
      /**
       * The regime's name.
       */
      state: string;
      /**
       * The targets in this regime.
       */
      holds: string;
    }[];
    /**
     * Named signals a regime follows (the spec's `regime.signals` or rule strategy types), computed from the bars with the backtest's strategy code.
     */
    signals?: string[];
    /**
     * What labelling and switching read, in words.
     */
    dependsOn: string[];
  };
  risk: {
    /**
     * The overlay's rules in order (risk.json in the artifact).
     */
    rules: string[];
    dependsOn: string[];
  };
}
/**
 * The caller's portfolio as the backtest has it at the decision bar, for the model's risk overlay (drawdown, kill-switch, stop-loss, exposure rules).
 */
export interface ApiPortfolioState {
  equity: number;
  peakEquity?: number;
  cash?: number;
  /**
   * Current weight per symbol, in the model's symbol order.
   *
   * @maxItems 65536
   */
  weights?: number[];
  /**
   * Index of the decision bar in the caller's bar numbering (the backtest's panel index). With `bars`: the last bar sent is this bar (default: the number of bars sent − 1, i.e. the bars start at bar 0). Risk state fields refer to it, so keep one numbering across calls.
   */
  bar?: number;
  /**
   * Epoch ms of the decision bar (with `bars` it is the last bar's time).
   */
  time?: number;
}
/**
 * GET /runs with query parameters: one page of the runs the tracking store indexes, sorted and filtered in the store.
 */
export interface ApiRunQueryResult {
  runs: ApiRunRow[];
  /**
   * Most rows this page could hold.
   */
  limit: number;
  /**
   * Rows skipped before this page.
   */
  offset: number;
}
/**
 * One run of a run query (runtime/store/run-query.ts RunRow).
 */
export interface ApiRunRow {
  id: string;
  experiment: string;
  /**
   * experiment, sweep, train, … (the run record's kind).
   */
  kind: string;
  /**
   * running, complete, failed or interrupted.
   */
  status: string;
  seed: number | null;
  /**
   * ISO-8601 UTC.
   */
  startedAt: string;
  /**
   * ISO-8601 UTC; null while running.
   */
  endedAt: string | null;
  /**
   * The run folder, relative to the runs folder.
   */
  runDir: string;
  /**
   * Each metric column and metric sort key; null when the run does not have it.
   */
  metrics: {
    [k: string]: number | null | undefined;
  };
}
/**
 * How the signal is backtested: on the `segment` (default test), starting flat with `cash`, a decision at bar t (data ≤ t) fills at the next bar's open (or this bar's close), with the cost model and the risk overlay applied bar by bar; next to a buy-and-hold benchmark and, for agents, a rule-based baseline.
 */
export interface BacktestSpec {
  /**
   * Initial cash in account currency.
   */
  cash: number;
  /**
   * `vectorized`: target weights → positions with costs in one typed-array pass (fast; used by sweeps and agent evaluation). `event`: the event-driven broker follows the same targets with real orders — the entry order type, stop-loss / take-profit / trailing stops, volume participation with partial fills, margin and leverage from `execution`.
   */
  engine: "vectorized" | "event";
  execution?: BacktestExecution;
  instrument?: InstrumentSpec;
  /**
   * When a decision made at bar t executes: at bar t+1's open (default) or at bar t's close.
   */
  fill: "next_open" | "this_close";
  costs: BacktestCosts;
  /**
   * `on_change`: trade a symbol only when its target weight changes (positions drift with prices in between); `every_bar`: rebalance to the target weights at every bar.
   */
  rebalance: "on_change" | "every_bar";
  /**
   * Trade whole units only (rounded toward zero).
   */
  integer_units: boolean;
  /**
   * Segment the backtest runs and reports on.
   */
  segment: "test" | "valid" | "train" | "all";
  /**
   * What alpha, beta, the information ratio and the report's benchmark columns and lines measure against: `buy_and_hold` (equal weights held from the first bar, with the same costs), `none`, or a benchmark object: one `symbol`, a `fixed_mix` rebalanced at a stated frequency, or a `file` of prices or returns.
   */
  benchmark: ("buy_and_hold" | "none") | BenchmarkSpec;
  /**
   * Rule-based baseline run next to an agent's signal (ignored for rule-based signals); `none` to skip.
   */
  baseline: StrategySpec | "none";
  /**
   * Annual risk-free rate for Sharpe and Sortino, as a fraction.
   */
  risk_free_rate: number;
  /**
   * Override the annualization (default: 252 for trading-day data, 365 when the data has weekends).
   */
  periods_per_year?: number;
  sessions?: BacktestSessions;
}
/**
 * Trading costs, shared by the backtest engines and the agents' trading environments. A fill of q units at price p pays a price shift (half the spread + slippage + square-root impact) and a commission max(minimum, commission·|q|·p + commission_per_order); shorts pay borrow per night held.
 */
export interface BacktestCosts {
  /**
   * Commission as a fraction of traded notional (0.001 = 0.1 %).
   */
  commission: number;
  /**
   * Fixed commission per order, in account currency.
   */
  commission_per_order: number;
  /**
   * Minimum commission per order, in account currency.
   */
  commission_minimum: number;
  /**
   * `per_fill`: every fill pays the commission. `entry_price`: backtesting.py ≤ 0.3 semantics — the rate moves the entry price against the trader and exits are free (reproduces its published results).
   */
  commission_mode: "per_fill" | "entry_price";
  /**
   * Full quoted bid/ask spread in basis points; each fill pays half.
   */
  spread_bps: number;
  /**
   * Slippage per fill: `fixed` bps or `volatility`-scaled.
   */
  slippage?: BacktestCostsFixed | BacktestCostsVolatility;
  /**
   * Square-root market impact: adverse move = coefficient × σ × sqrt(|q| / average volume) × price, over the `window` bars before the fill.
   */
  impact?: {
    /**
     * Impact model.
     */
    type: "square_root";
    /**
     * Impact coefficient (≈ 0.1–1 in the literature).
     */
    coefficient: number;
    /**
     * Bars of history for σ and average volume.
     */
    window: number;
  };
  /**
   * Annual borrow rate on the value of short positions, charged per calendar day held.
   */
  borrow_rate: number;
}
/**
 * A fixed adverse price move per fill.
 */
export interface BacktestCostsFixed {
  /**
   * Slippage model.
   */
  type: "fixed";
  /**
   * Adverse move in basis points of the price.
   */
  bps: number;
}
/**
 * Adverse move = multiplier × σ × price, σ = standard deviation of log returns over the `window` bars before the fill.
 */
export interface BacktestCostsVolatility {
  /**
   * Slippage model.
   */
  type: "volatility";
  /**
   * Multiple of the per-bar volatility.
   */
  multiplier: number;
  /**
   * Bars of history for σ.
   */
  window: number;
}
/**
 * How the event-driven engine (`engine: event`) executes the signal. When a symbol's target changes, the difference to the held position is traded: reductions at market, entries with the order type below (prices relative to the decision bar's close) and with the attached exits (relative to the entry's limit/stop price, else the close).
 */
export interface BacktestExecution {
  /**
   * Entry order type: `limit` buys at close·(1−limit_offset) or better; `stop` buys once the price reaches close·(1+stop_offset) (breakout); `stop_limit` becomes a limit at stop·(1+limit_offset) once the stop is touched. Sells mirror them.
   */
  order: "market" | "limit" | "stop" | "stop_limit";
  /**
   * Distance of the limit price from the close, as a fraction.
   */
  limit_offset: number;
  /**
   * Distance of the stop price from the close, as a fraction.
   */
  stop_offset: number;
  /**
   * Stop-loss attached to each entry: this fraction below (long) or above (short) its reference price.
   */
  stop_loss?: number;
  /**
   * Take-profit attached to each entry: this fraction above (long) or below (short) its reference price.
   */
  take_profit?: number;
  /**
   * Trailing stop attached to each entry, as a fraction of the close; it moves only in the trade's favour, once per bar after the close.
   */
  trailing_stop?: number;
  /**
   * Cancel an entry order still unfilled after this many bars (default: kept until the target changes).
   */
  cancel_after_bars?: number;
  /**
   * Required margin as a fraction of position value: 1 = cash account, 0.5 = up to 2× leverage.
   */
  margin: number;
  /**
   * Fill at most this fraction of a bar's volume; the rest of the order waits for the next bars (partial fills).
   */
  max_participation?: number;
  /**
   * Allow long and short trades of a symbol at once instead of netting them first-in first-out.
   */
  hedging: boolean;
}
/**
 * Trading sessions for intraday bars: no new decisions outside [open, close) local time; optionally flatten at each session's last bar.
 */
export interface BacktestSessions {
  /**
   * Session open, local time HH:MM.
   */
  open: string;
  /**
   * Session close, local time HH:MM (exclusive).
   */
  close: string;
  /**
   * IANA timezone of the session times.
   */
  timezone: string;
  /**
   * Target 0 at each session's last bar (fills at that close with `fill: this_close`, else at the next session's open).
   */
  flatten_at_close: boolean;
  /**
   * Local weekdays with a session (0 = Sunday).
   */
  weekdays: number[];
}
/**
 * Equal weights of every symbol of the data, bought at the segment's first fill and held, with the backtest's costs (the same as `benchmark: buy_and_hold`).
 */
export interface BenchmarkBuyAndHold {
  /**
   * Benchmark kind.
   */
  type: "buy_and_hold";
}
/**
 * Buy and hold of one symbol of the data (e.g. the index among the traded stocks), with the backtest's costs.
 */
export interface BenchmarkSymbol {
  /**
   * Benchmark kind.
   */
  type: "symbol";
  /**
   * A symbol of the data.
   */
  symbol: string;
}
/**
 * Fixed weights of symbols of the data (the rest of equity in cash), bought at the segment's first fill and traded back to the weights at the first bar of each new `rebalance` period (decided at that bar's close, filled like the strategy), with the backtest's costs.
 */
export interface BenchmarkFixedMix {
  /**
   * Benchmark kind.
   */
  type: "fixed_mix";
  /**
   * Symbol of the data → fraction of equity; the fractions sum to at most 1 (the rest is cash).
   */
  weights: {
    [k: string]: number | undefined;
  };
  /**
   * How often the mix is traded back to its weights: at the first bar of each new week (ISO, Monday start), month, quarter or year, UTC; `never`: bought once and left to drift.
   */
  rebalance: "weekly" | "monthly" | "quarterly" | "yearly" | "never";
}
/**
 * A price or return series from a CSV file (a date column and a value column), resolved against the spec's folder like `data.path`, inside the workspace's data folder on a server. At each bar the benchmark takes the file's last value at or before the bar's time (no look-ahead); the file must start at or before the segment. No costs.
 */
export interface BenchmarkFile {
  /**
   * Benchmark kind.
   */
  type: "file";
  /**
   * CSV file, relative to the spec's folder.
   */
  path: string;
  /**
   * `price`: the column is a price or index level; `return`: the column is each row's simple return since the previous row (compounded into a level).
   */
  values: "price" | "return";
  /**
   * Name of the value column; the date column is `date`, `time`, `timestamp` or `datetime` (ISO dates, UTC).
   */
  column: string;
}
/**
 * A date range, both ends inclusive. `start` must not be after `end`.
 */
export interface Segment {
  /**
   * First date of the segment (inclusive).
   */
  start: SpecDate;
  /**
   * Last date of the segment (inclusive).
   */
  end: SpecDate;
}
/**
 * Train, validation and test periods. They must be in order train < valid < test and must not overlap: agents train on `train`, are selected on `valid`, and the backtest reports on `test`.
 */
export interface Segments {
  /**
   * Training period.
   */
  train: Segment;
  /**
   * Validation period (model selection, early stopping). Optional.
   */
  valid?: Segment;
  /**
   * Out-of-sample test period reported by the backtest.
   */
  test: Segment;
}
/**
 * The top-level run spec: where the data comes from, how it is split, which features, regime model, signal (a rule-based `strategy` or a DRL `agent`), backtest, risk overlay, report and registry entry. `drlwb run` turns it into a reproducible run folder. Declare exactly one of `strategy` and `agent`.
 */
export interface ExperimentSpec {
  /**
   * The spec kind. Optional for experiments.
   */
  kind?: "experiment";
  /**
   * Spec file(s) this one builds on, relative to this file. Objects are merged key by key, arrays and scalars are replaced; later files win and this file wins over all. A `kind: data|strategy|agent|risk` file is merged into that section.
   */
  extends?: RelativePath | [RelativePath, ...RelativePath[]];
  /**
   * Experiment name, used in the run folder name `runs/<timestamp>-<name>-<hash>/`.
   */
  name: Name;
  /**
   * What the experiment is for (free text).
   */
  description?: string;
  tags?: Tags;
  seed: Seed;
  /**
   * Market data: source, symbols, frequency, quality checks.
   */
  data: DataSpec;
  segments: Segments;
  /**
   * Features computed from the data, in order.
   */
  features?: FeaturesSpec;
  /**
   * Market-regime detection (optional).
   */
  regime?: RegimeSpec;
  /**
   * A rule-based signal. Use either `strategy` or `agent`.
   */
  strategy?: StrategySpec;
  /**
   * A deep-RL agent trained on the train segment. Use either `strategy` or `agent`.
   */
  agent?: AgentSpec;
  /**
   * Backtest of the signal on the test segment.
   */
  backtest?: BacktestSpec;
  /**
   * Risk overlay applied bar by bar to the signal's target weights.
   */
  risk?: RiskSpec;
  /**
   * HTML/PDF tear sheet.
   */
  report?: ReportSpec;
  /**
   * Register the trained model in the model registry.
   */
  register?: RegisterSpec;
  /**
   * Overlays selected with `--env NAME` (e.g. dev, staging, production): each is a partial experiment merged over this one. Files `config/<env>.yaml` next to the spec are merged first, then the overlay here.
   */
  environments?: {
    [k: string]: Record<string, unknown> | undefined;
  };
}
/**
 * Simple return over `periods` bars: x_t / x_{t−p} − 1. Output name returns (returns_<periods> when periods > 1).
 */
export interface FeaturesReturns {
  /**
   * Feature type.
   */
  type: "returns";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Input column.
   */
  column: "open" | "high" | "low" | "close" | "volume";
  /**
   * Return horizon in bars.
   */
  periods: number;
}
/**
 * Log return over `periods` bars: ln(x_t / x_{t−p}). Output name log_return (log_return_<periods> when periods > 1).
 */
export interface FeaturesLogReturn {
  /**
   * Feature type.
   */
  type: "log_return";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Input column.
   */
  column: "open" | "high" | "low" | "close" | "volume";
  /**
   * Return horizon in bars.
   */
  periods: number;
}
/**
 * Simple moving average over the trailing `window` bars.
 */
export interface FeaturesSma {
  /**
   * Feature type.
   */
  type: "sma";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Input column.
   */
  column: "open" | "high" | "low" | "close" | "volume";
  /**
   * Trailing window in bars.
   */
  window: number;
}
/**
 * Exponential moving average, factor 2/(window+1), seeded with the first value, reported from the window-th bar on.
 */
export interface FeaturesEma {
  /**
   * Feature type.
   */
  type: "ema";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Input column.
   */
  column: "open" | "high" | "low" | "close" | "volume";
  /**
   * Trailing window in bars.
   */
  window: number;
}
/**
 * Linearly weighted moving average: weights 1..window, newest heaviest.
 */
export interface FeaturesWma {
  /**
   * Feature type.
   */
  type: "wma";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Input column.
   */
  column: "open" | "high" | "low" | "close" | "volume";
  /**
   * Trailing window in bars.
   */
  window: number;
}
/**
 * Relative strength index with Wilder smoothing (first value at bar `window`).
 */
export interface FeaturesRsi {
  /**
   * Feature type.
   */
  type: "rsi";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Input column.
   */
  column: "open" | "high" | "low" | "close" | "volume";
  /**
   * Trailing window in bars.
   */
  window: number;
}
/**
 * MACD: fast and slow EMAs of the column seeded with the first price; outputs the line, _signal and _hist. Output name macd_<fast>_<slow>_<signal>.
 */
export interface FeaturesMacd {
  /**
   * Feature type.
   */
  type: "macd";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Input column.
   */
  column: "open" | "high" | "low" | "close" | "volume";
  /**
   * Fast EMA span in bars (must be < slow).
   */
  fast: number;
  /**
   * Slow EMA span in bars.
   */
  slow: number;
  /**
   * Signal-line EMA span in bars.
   */
  signal: number;
}
/**
 * Bollinger bands: mid = SMA(window), upper/lower = mid ± k · population std; outputs _mid, _upper, _lower, _width.
 */
export interface FeaturesBollinger {
  /**
   * Feature type.
   */
  type: "bollinger";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Input column.
   */
  column: "open" | "high" | "low" | "close" | "volume";
  /**
   * Trailing window in bars.
   */
  window: number;
  /**
   * Band half-width in standard deviations.
   */
  k: number;
}
/**
 * Average true range: Wilder smoothing of the true range (high, low, previous close).
 */
export interface FeaturesAtr {
  /**
   * Feature type.
   */
  type: "atr";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Trailing window in bars.
   */
  window: number;
}
/**
 * Average directional index (high, low, close); outputs the ADX, _dx, _plus_di, _minus_di.
 */
export interface FeaturesAdx {
  /**
   * Feature type.
   */
  type: "adx";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Trailing window in bars.
   */
  window: number;
}
/**
 * Directional movement index (high, low, close).
 */
export interface FeaturesDx {
  /**
   * Feature type.
   */
  type: "dx";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Trailing window in bars.
   */
  window: number;
}
/**
 * Commodity channel index of the typical price (high + low + close) / 3.
 */
export interface FeaturesCci {
  /**
   * Feature type.
   */
  type: "cci";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Trailing window in bars.
   */
  window: number;
}
/**
 * On-balance volume: cumulative volume signed by the close's direction. Output name obv.
 */
export interface FeaturesObv {
  /**
   * Feature type.
   */
  type: "obv";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
}
/**
 * Rolling volatility: sample standard deviation of the log returns of the trailing `window` bars, times sqrt(annualization) when given.
 */
export interface FeaturesVolatility {
  /**
   * Feature type.
   */
  type: "volatility";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Input column.
   */
  column: "open" | "high" | "low" | "close" | "volume";
  /**
   * Trailing window in bars.
   */
  window: number;
  /**
   * Multiply by sqrt(annualization), e.g. 252 (default: not annualized).
   */
  annualization?: number;
}
/**
 * Rolling z-score: (x − mean) / population std over the trailing `window` bars.
 */
export interface FeaturesZscore {
  /**
   * Feature type.
   */
  type: "zscore";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Input column.
   */
  column: "open" | "high" | "low" | "close" | "volume";
  /**
   * Trailing window in bars.
   */
  window: number;
}
/**
 * Rolling correlation of each symbol's log returns (closes) with a reference over the trailing `window` bars. Output name correlation_<with or market>_<window>.
 */
export interface FeaturesCorrelation {
  /**
   * Feature type.
   */
  type: "correlation";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Trailing window in bars.
   */
  window: number;
  /**
   * Reference symbol (default: the equal-weight market).
   */
  with?: string;
}
/**
 * Turbulence index (Mahalanobis distance of the symbols' returns from the previous `window` bars' mean and covariance); the same value for every symbol.
 */
export interface FeaturesTurbulence {
  /**
   * Feature type.
   */
  type: "turbulence";
  /**
   * Output column name (default: the type and its window or periods, e.g. rsi_14).
   */
  name?: string;
  /**
   * Trailing window in bars.
   */
  window: number;
}
/**
 * A futures position on the panel's close series (the futures price). A weight w means a notional exposure w·equity: contracts = trunc(w·equity / (price·multiplier)), resized only when the weight changes. Every close settles the day's variation margin contracts·multiplier·Δprice into the margin account; a balance below the maintenance margin triggers a margin call (deposit back to the initial margin, or liquidation). Synthetic contracts expire on the `roll` cycle over the data's dates; the position is closed and reopened in the next contract `days_before_expiry` calendar days before expiry, paying `fee_per_contract` on both legs.
 */
export interface InstrumentFuture {
  /**
   * Instrument type.
   */
  type: "future";
  /**
   * Panel symbol whose closes are the futures price and whose signal weight is traded; default the only symbol of the panel.
   */
  symbol?: string;
  /**
   * Units of the underlying per contract (50 for the E-mini S&P 500, 100 for COMEX gold).
   */
  multiplier: number;
  /**
   * Initial margin per contract, in account currency: needed to open a contract and restored by a margin call.
   */
  initial_margin: number;
  /**
   * Maintenance margin per contract, in account currency (at most the initial margin): a balance below it triggers a margin call.
   */
  maintenance_margin: number;
  /**
   * When the synthetic contracts expire and when the position rolls into the next one.
   */
  roll: {
    /**
     * Expiry months: `quarterly` (March, June, September, December) or `monthly` (every month).
     */
    cycle: "quarterly" | "monthly";
    /**
     * Expiry day within the expiry month.
     */
    day: "third_friday";
    /**
     * Roll at the first bar on or after this many calendar days before the held contract's expiry (0 = on the expiry day).
     */
    days_before_expiry: number;
  };
  /**
   * Fee per contract per fill (open, close, each leg of a roll, liquidation), in account currency.
   */
  fee_per_contract: number;
  /**
   * `deposit`: money from outside restores the initial margin (recorded as a deposit; equity is the balance net of deposits); `liquidate`: every contract is closed at the settlement price and the position stays flat until the signal changes.
   */
  on_margin_call: "deposit" | "liquidate";
}
/**
 * An options strategy on the panel's series. While the signal's weight is positive a package is opened: contracts = trunc(w·equity / (spot·contract_size)), strike = spot·moneyness rounded to `strike_step`, expiry `tenor_days` calendar days later, premium from Black–Scholes at the modelled implied volatility. Options are marked at every close with Black–Scholes, settled in cash at intrinsic value at the first close on or after expiry, and a new package is opened at the next fill while the weight stays positive; a weight ≤ 0 closes the package.
 */
export interface InstrumentOption {
  /**
   * Instrument type.
   */
  type: "option";
  /**
   * Panel symbol of the underlying whose signal weight is traded; default the only symbol of the panel.
   */
  symbol?: string;
  /**
   * `covered_call`: long the underlying, short one call per contract_size units; `protective_put`: long the underlying and one put; `long_call`, `long_put`: the option alone; `straddle`: a long call and a long put at the same strike.
   */
  strategy: "covered_call" | "protective_put" | "long_call" | "long_put" | "straddle";
  /**
   * Strike as a multiple of the spot at opening (1 = at the money; 1.05 = 5% above spot).
   */
  moneyness: number;
  /**
   * Strikes are rounded to a multiple of this (listed strike spacing).
   */
  strike_step: number;
  /**
   * Calendar days from opening to expiry.
   */
  tenor_days: number;
  /**
   * Implied volatility used to price the options: a constant annual volatility, or the realized volatility of the underlying's log returns over `window` closes (known at the time) plus `premium` volatility points.
   */
  volatility:
    | number
    | {
        /**
         * Realized volatility of log returns (sample standard deviation, annualized).
         */
        source: "realized";
        /**
         * Number of daily log returns in the estimate (the last `window` returns up to the decision bar).
         */
        window: number;
        /**
         * Added to the realized volatility (0.02 = two volatility points): the variance risk premium of implied over realized.
         */
        premium: number;
        /**
         * Bars per year to annualize the realized volatility.
         */
        periods_per_year: number;
      };
  /**
   * Continuously compounded risk-free rate for Black–Scholes (annual fraction).
   */
  rate: number;
  /**
   * Continuous dividend yield of the underlying (annual fraction).
   */
  dividend_yield: number;
  /**
   * Units of the underlying per option contract (100 for US equity options).
   */
  contract_size: number;
  /**
   * Fee per option contract per fill (open or close; nothing at expiry), in account currency. The underlying leg pays the backtest's cost model.
   */
  fee_per_contract: number;
}
/**
 * Parquet files and an index.json in `dir`, written atomically.
 */
export interface ProviderCacheFs {
  /**
   * Cache backend.
   */
  backend: "fs";
  /**
   * Time to live: seconds, or a number with a unit (ms, s, m, h, d, w).
   */
  ttl: number | string;
  /**
   * Cache folder, relative to the spec's folder (default `$XDG_CACHE_HOME/drlwb/data` or `~/.cache/drlwb/data`).
   */
  dir?: string;
}
/**
 * Parquet bytes under `prefix` keys with a Redis TTL.
 */
export interface ProviderCacheRedis {
  /**
   * Cache backend.
   */
  backend: "redis";
  /**
   * Time to live: seconds, or a number with a unit (ms, s, m, h, d, w).
   */
  ttl: number | string;
  /**
   * `redis://[user:password@]host:port[/db]`, usually `${env:REDIS_URL}` (default `$DRLWB_REDIS_URL` or redis://127.0.0.1:6379).
   */
  url?: Secret;
  /**
   * Key prefix.
   */
  prefix: string;
}
/**
 * Always fetch; nothing is stored.
 */
export interface ProviderCacheNone {
  /**
   * Cache backend.
   */
  backend: "none";
}
/**
 * The keys every provider source has (symbols, interval, range, retries, timeout, cache); each provider's branch adds its own.
 */
export interface ProviderCommon {
  /**
   * Tickers as the provider spells them, fetched one after the other (they share the rate limit).
   *
   * @minItems 1
   */
  symbols: [string, ...string[]];
  /**
   * Bar interval. Daily and longer bars are labelled with their exchange-local date at 00:00 UTC; intraday bars with their UTC open time. Alpha Vantage serves 1m, 5m, 15m, 30m, 1h and 1d.
   */
  interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1w" | "1mo";
  /**
   * First day (`YYYY-MM-DD`, UTC) or instant (ISO 8601 date-time) to fetch.
   */
  start: string;
  /**
   * Last day to fetch (a date is inclusive) or the instant to stop before (a date-time is exclusive).
   */
  end: string;
  retries: ProviderRetries;
  /**
   * Time allowed for one HTTP response before it counts as a failed attempt.
   */
  timeout_ms: number;
  cache: ProviderCache;
}
/**
 * The dot path of each canonical column inside one row of `rows`. Missing fields are errors naming the row; null values stay missing (NaN) and are reported by the quality monitor.
 */
export interface ProviderFieldMapping {
  timestamp: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume?: string;
  adj_close?: string;
}
/**
 * Token bucket: `requests` per `per_seconds`, bursts of up to `burst`. Each provider has its own default (yahoo 60/60 s with bursts of 5, alphavantage and polygon 5/60 s, http 10/1 s).
 */
export interface ProviderRateLimit {
  /**
   * Requests allowed per window.
   */
  requests: number;
  /**
   * Window length in seconds.
   */
  per_seconds: number;
  /**
   * Bucket size (default: `requests`).
   */
  burst?: number;
}
/**
 * Attempts per request for network errors, timeouts, HTTP 429 and 5xx, malformed JSON and rate-limit bodies. Retry k waits a uniform draw in [d/2, d) with d = min(max_delay_ms, base_delay_ms·2^k) (seeded), or the server's Retry-After when longer; a Retry-After above max_delay_ms fails with a message.
 */
export interface ProviderRetries {
  max_attempts: number;
  base_delay_ms: number;
  max_delay_ms: number;
}
/**
 * Gaussian hidden Markov model fitted by Baum–Welch on the train segment (several k-means++ restarts, best log-likelihood kept); every bar gets forward-filtered state probabilities (data up to that bar only). States are ordered by volatility: 0 is the calmest.
 */
export interface RegimeHmm {
  /**
   * Detector type.
   */
  type: "hmm";
  /**
   * Number of hidden states (ignored when `select` is given).
   */
  states: number;
  /**
   * Choose the number of states by an information criterion instead of `states`.
   */
  select?: {
    /**
     * Lowest BIC (default) or AIC wins.
     */
    criterion: "bic" | "aic";
    /**
     * Numbers of states to try.
     *
     * @minItems 1
     */
    candidates: [number, ...number[]];
  };
  /**
   * Emission covariance: diagonal or full (correlated features).
   */
  covariance: "diag" | "full";
  /**
   * Independent initialisations; the best log-likelihood is kept.
   */
  restarts: number;
  /**
   * Baum–Welch iteration cap per restart.
   */
  max_iterations: number;
  /**
   * Stop when the log-likelihood improves by less than this.
   */
  tolerance: number;
  /**
   * Per-bar series the detector models, computed from data up to each bar.
   *
   * @minItems 1
   *
   * Items: `log_return`: log return of the close (× scale); `abs_return`: its absolute value; `realized_vol`: rolling standard deviation of log returns over `window` bars; `range`: log(high/low) (× scale).
   */
  features: [
    "log_return" | "abs_return" | "realized_vol" | "range",
    ...("log_return" | "abs_return" | "realized_vol" | "range")[],
  ];
  /**
   * The series the detector models: `basket` (default) is the equal-weighted basket of every symbol in the data (each bar's return is the mean of the returns of the symbols that have that bar and the one before, so a gap in one symbol does not blank the basket); `{ basket: [A, B] }` the equal-weighted basket of the listed symbols; `{ symbol: SPY }` one symbol. The report shades the regimes over this series.
   */
  series:
    | "basket"
    | {
        /**
         * Symbols of the equal-weighted basket.
         *
         * @minItems 1
         */
        basket: [string, ...string[]];
      }
    | {
        /**
         * The symbol to model.
         */
        symbol: string;
      };
  /**
   * Window in bars of rolling features (`realized_vol`).
   */
  window: number;
  /**
   * Multiplier of returns and ranges (100 = percent).
   */
  scale: number;
  /**
   * Warn (console, run log, report) when more than this share of the test segment's bars is labelled `unknown` (the detector could not decide, e.g. warm-up or missing data).
   */
  max_unknown_share: number;
  signals?: RegimeSignals;
  switching?: RegimeSwitching;
}
/**
 * Regime prediction: a multinomial logistic regression (L2, gradient descent) on lagged features predicts the regime `horizon` bars ahead as labelled by the `target` detector. Trained on the train segment; reports out-of-sample accuracy and the confusion matrix on the test segment. The label at bar t is the regime predicted for t + horizon.
 */
export interface RegimeMl {
  /**
   * Detector type.
   */
  type: "ml";
  /**
   * The detector whose labels are learned (any detector but `ml`), with its own keys and defaults; its `switching` is not used.
   */
  target: RegimeHmm | RegimeVolThreshold | RegimeTrend | RegimeTurbulence;
  /**
   * Per-bar series the detector models, computed from data up to each bar.
   *
   * @minItems 1
   *
   * Items: `log_return`: log return of the close (× scale); `abs_return`: its absolute value; `realized_vol`: rolling standard deviation of log returns over `window` bars; `range`: log(high/low) (× scale).
   */
  features: [
    "log_return" | "abs_return" | "realized_vol" | "range",
    ...("log_return" | "abs_return" | "realized_vol" | "range")[],
  ];
  /**
   * Bars of each feature used as inputs (t, t-1, …).
   */
  lags: number;
  /**
   * Predict the regime this many bars ahead.
   */
  horizon: number;
  /**
   * L2 penalty on the weights.
   */
  l2: number;
  /**
   * Full-batch gradient-descent iterations.
   */
  iterations: number;
  /**
   * Step size (inputs are standardised).
   */
  learning_rate: number;
  /**
   * The series the detector models: `basket` (default) is the equal-weighted basket of every symbol in the data (each bar's return is the mean of the returns of the symbols that have that bar and the one before, so a gap in one symbol does not blank the basket); `{ basket: [A, B] }` the equal-weighted basket of the listed symbols; `{ symbol: SPY }` one symbol. The report shades the regimes over this series.
   */
  series:
    | "basket"
    | {
        /**
         * Symbols of the equal-weighted basket.
         *
         * @minItems 1
         */
        basket: [string, ...string[]];
      }
    | {
        /**
         * The symbol to model.
         */
        symbol: string;
      };
  /**
   * Window in bars of rolling features (`realized_vol`).
   */
  window: number;
  /**
   * Multiplier of returns and ranges (100 = percent).
   */
  scale: number;
  /**
   * Warn (console, run log, report) when more than this share of the test segment's bars is labelled `unknown` (the detector could not decide, e.g. warm-up or missing data).
   */
  max_unknown_share: number;
  signals?: RegimeSignals;
  switching?: RegimeSwitching;
}
/**
 * Named signals that `switching` entries follow with `strategy: <name>`: each is a rule strategy with its own type and parameters (schemas/strategy.schema.json), computed on the experiment's data with data up to each bar, or `experiment`, the experiment's own signal (its `strategy`, or its trained `agent`). Agents other than the experiment's own cannot be declared here: an agent is trained by the experiment's signal stage, so name it `experiment`.
 */
export interface RegimeSignals {
  [k: string]: "experiment" | StrategySpec | undefined;
}
/**
 * Regime → what to hold, applied to the experiment's signal before the risk overlay and the backtest (so both, and the report, see the switched targets). Keys are regime numbers (and `unknown` for bars the detector could not label); each value scales the experiment's signal (`weight`), follows a named signal (`strategy`, scaled by `weight`), holds fixed per-symbol `weights` (scaled by `weight`), or is `flat`. Regimes without an entry are flat. The weights at bar t use the regime decided at t with data up to t.
 */
export interface RegimeSwitching {
  [k: string]:
    | "flat"
    | {
        /**
         * Scale of the experiment's signal, of the named `strategy` or of the fixed `weights` (default 1).
         */
        weight?: number;
        /**
         * Name of a signal to follow in this regime: an entry of the section's `signals`, `experiment` (the experiment's own signal), or the `type` of a rule strategy run with its default parameters. Unknown names are errors.
         */
        strategy?: string;
        /**
         * Fixed allocation per symbol (array in symbol order, or symbol → weight).
         */
        weights?:
          | number[]
          | {
              [k: string]: number | undefined;
            };
      }
    | undefined;
}
/**
 * Trend regimes from the slope of a moving average: slope = MA_t / MA_{t-slope_window} - 1. With `threshold` 0 there are two states (0 up, 1 down); with a positive threshold three (0 up, 1 sideways, 2 down).
 */
export interface RegimeTrend {
  /**
   * Detector type.
   */
  type: "trend";
  /**
   * Length of the simple moving average of the close, in bars.
   */
  ma_window: number;
  /**
   * Bars over which the slope of the moving average is measured.
   */
  slope_window: number;
  /**
   * Slopes within ±threshold are `sideways`.
   */
  threshold: number;
  /**
   * The series the detector models: `basket` (default) is the equal-weighted basket of every symbol in the data (each bar's return is the mean of the returns of the symbols that have that bar and the one before, so a gap in one symbol does not blank the basket); `{ basket: [A, B] }` the equal-weighted basket of the listed symbols; `{ symbol: SPY }` one symbol. The report shades the regimes over this series.
   */
  series:
    | "basket"
    | {
        /**
         * Symbols of the equal-weighted basket.
         *
         * @minItems 1
         */
        basket: [string, ...string[]];
      }
    | {
        /**
         * The symbol to model.
         */
        symbol: string;
      };
  /**
   * Window in bars of rolling features (`realized_vol`).
   */
  window: number;
  /**
   * Multiplier of returns and ranges (100 = percent).
   */
  scale: number;
  /**
   * Warn (console, run log, report) when more than this share of the test segment's bars is labelled `unknown` (the detector could not decide, e.g. warm-up or missing data).
   */
  max_unknown_share: number;
  signals?: RegimeSignals;
  switching?: RegimeSwitching;
}
/**
 * Financial turbulence as in FinRL (Kritzman & Li): the Mahalanobis distance of today's asset returns from their historical mean and covariance (expanding or rolling lookback, data before the bar). Bars above the threshold — a quantile of the train segment's turbulence — are turbulent (state 1).
 */
export interface RegimeTurbulence {
  /**
   * Detector type.
   */
  type: "turbulence";
  /**
   * Rolling lookback in bars for the mean and covariance (minimum history when `expanding`).
   */
  lookback: number;
  /**
   * Use all history before the bar instead of a rolling lookback.
   */
  expanding: boolean;
  /**
   * Quantile of the train segment's turbulence used as the threshold.
   */
  quantile: number;
  /**
   * Absolute turbulence threshold instead of `quantile`.
   */
  threshold?: number;
  /**
   * Warn (console, run log, report) when more than this share of the test segment's bars is labelled `unknown` (the detector could not decide, e.g. warm-up or missing data).
   */
  max_unknown_share: number;
  signals?: RegimeSignals;
  switching?: RegimeSwitching;
}
/**
 * Volatility regimes: realized volatility over `window` bars against thresholds taken at quantiles of the train segment's realized volatility (or given as annualised levels). State 0 is the calmest.
 */
export interface RegimeVolThreshold {
  /**
   * Detector type.
   */
  type: "vol_threshold";
  /**
   * Quantiles of the train segment's realized volatility used as thresholds (k quantiles → k+1 states).
   *
   * @minItems 1
   */
  quantiles: [number, ...number[]];
  /**
   * Annualised volatility levels used as thresholds instead of `quantiles`.
   *
   * @minItems 1
   */
  thresholds?: [number, ...number[]];
  /**
   * The series the detector models: `basket` (default) is the equal-weighted basket of every symbol in the data (each bar's return is the mean of the returns of the symbols that have that bar and the one before, so a gap in one symbol does not blank the basket); `{ basket: [A, B] }` the equal-weighted basket of the listed symbols; `{ symbol: SPY }` one symbol. The report shades the regimes over this series.
   */
  series:
    | "basket"
    | {
        /**
         * Symbols of the equal-weighted basket.
         *
         * @minItems 1
         */
        basket: [string, ...string[]];
      }
    | {
        /**
         * The symbol to model.
         */
        symbol: string;
      };
  /**
   * Window in bars of rolling features (`realized_vol`).
   */
  window: number;
  /**
   * Multiplier of returns and ranges (100 = percent).
   */
  scale: number;
  /**
   * Warn (console, run log, report) when more than this share of the test segment's bars is labelled `unknown` (the detector could not decide, e.g. warm-up or missing data).
   */
  max_unknown_share: number;
  signals?: RegimeSignals;
  switching?: RegimeSwitching;
}
/**
 * Registers the run's model (a trained agent, or a strategy's parameters) in the model registry as a new version, with lineage (run id, spec hash, data hash, code version, seed) and the backtest metrics.
 */
export interface RegisterSpec {
  /**
   * Registered model name: lower-case letters, digits, '.', '_' and '-'.
   */
  model: string;
  /**
   * Aliases to point at the new version, e.g. challenger. Move them later with `drlwb models alias`.
   */
  aliases: string[];
  /**
   * Free text stored with the version.
   */
  description?: string;
  /**
   * Key/value tags stored with the version.
   */
  tags: {
    [k: string]: string | undefined;
  };
  /**
   * Registry folder. Default: $DRLWB_REGISTRY, else ./registry.
   */
  registry?: string;
}
/**
 * The tear sheet of a run: a self-contained HTML file (inline CSS, SVG charts and the inlined vega runtime for tooltips, zoom/pan and linked time axes; no network requests) and optionally a PDF printed by headless Chromium, plus custom KPIs with alert thresholds and notifications to Slack, Discord and email. Sections without data are left out.
 */
export interface ReportSpec {
  /**
   * Write `report.html` into the run folder.
   */
  html: boolean;
  /**
   * Also print `report.pdf` with headless Chromium (found from PUPPETEER_EXECUTABLE_PATH, a Puppeteer-managed browser or the system's chromium).
   */
  pdf: boolean;
  /**
   * What `report.pdf` holds: `compact` (a few pages, at most 4 for a single-asset run: the verdict and headline, equity, drawdown with the worst periods, key statistics, a summary of the risk episodes; appendices and long tables left out) or `full` (every section of the HTML report). The PDF prints the static SVG of the HTML's charts.
   */
  pdf_mode: "compact" | "full";
  /**
   * Report title (default: the experiment name).
   */
  title?: string;
  /**
   * Plot equity on a log-scaled axis, so equal percentage moves look equal.
   */
  log_scale: boolean;
  /**
   * Sections to include, in page order (default: all). Sections without data are left out regardless.
   *
   * @minItems 1
   *
   * Items: A tear-sheet section.
   */
  sections: [
    (
      | "kpis"
      | "alerts"
      | "equity"
      | "price"
      | "drawdown"
      | "allocations"
      | "monthly_returns"
      | "yearly_returns"
      | "rolling"
      | "return_distribution"
      | "statistics"
      | "trades"
      | "regimes"
      | "risk_events"
      | "scenarios"
      | "correlation"
      | "training"
      | "data_quality"
      | "risk_event_log"
      | "provenance"
    ),
    ...(
      | "kpis"
      | "alerts"
      | "equity"
      | "price"
      | "drawdown"
      | "allocations"
      | "monthly_returns"
      | "yearly_returns"
      | "rolling"
      | "return_distribution"
      | "statistics"
      | "trades"
      | "regimes"
      | "risk_events"
      | "scenarios"
      | "correlation"
      | "training"
      | "data_quality"
      | "risk_event_log"
      | "provenance"
    )[],
  ];
  /**
   * Statistics shown as headline tiles, by key, in this order; keys the run has no statistic for are left out.
   */
  headline: string[];
  /**
   * Most trades listed in the trades table (the first and last halves are kept).
   */
  max_trades: number;
  /**
   * Custom KPIs evaluated on every run; a KPI on the wrong side of its threshold raises an alert (shown in the report and sent to the notification channels subscribed to `alert`).
   */
  kpis?: ReportKpi[];
  notifications?: ReportNotifications;
}
/**
 * Where report-ready and KPI-alert messages go. Secrets (webhook URLs, SMTP credentials) must be `${env:NAME}` references.
 */
export interface ReportNotifications {
  /**
   * Events that are sent.
   *
   * @minItems 1
   */
  on: ["report_ready" | "alert", ...("report_ready" | "alert")[]];
  /**
   * A Slack incoming webhook.
   */
  slack?: {
    /**
     * Webhook URL, as `${env:NAME}`.
     */
    webhook_url: Secret;
  };
  /**
   * A Discord webhook.
   */
  discord?: {
    /**
     * Webhook URL, as `${env:NAME}`.
     */
    webhook_url: Secret;
  };
  /**
   * Email over SMTP.
   */
  email?: {
    /**
     * SMTP server host.
     */
    host: string;
    /**
     * SMTP port.
     */
    port: number;
    /**
     * Implicit TLS (usually port 465).
     */
    secure: boolean;
    /**
     * Refuse to send unless the server upgrades to TLS with STARTTLS.
     */
    require_tls: boolean;
    /**
     * SMTP user, as `${env:NAME}`.
     */
    user?: Secret;
    /**
     * SMTP password, as `${env:NAME}`.
     */
    password?: Secret;
    /**
     * Sender address.
     */
    from: string;
    /**
     * Recipients.
     *
     * @minItems 1
     */
    to: [string, ...string[]];
    /**
     * Attach report.html to report-ready mails.
     */
    attach_report: boolean;
  };
}
/**
 * The risk overlay between the signal and execution: rules applied in order to the proposed target weights at every bar, in backtests and in the prediction server alike. Every intervention is a risk event (time, rule, before, after) stored with the run.
 */
export interface RiskSpec {
  /**
   * What this risk profile is for.
   */
  description?: string;
  /**
   * Rules in the order they are applied; each sees the previous rule's targets.
   */
  rules: (
    | RiskPositionLimits
    | RiskConcentration
    | RiskDrawdownControl
    | RiskVolTarget
    | RiskStopLoss
    | RiskKillSwitch
  )[];
}
/**
 * Position limits, applied in this order: per-asset caps (`max_position`, `per_asset`, `allow_short: false`), gross exposure (`max_gross`, `max_leverage`: all weights scaled down) and net exposure (`max_net` scales the long side down, `min_net` the short side). Limits only reduce exposure.
 */
export interface RiskPositionLimits {
  /**
   * Rule type.
   */
  type: "position_limits";
  /**
   * Name shown in risk events (default: the rule type).
   */
  name?: string;
  /**
   * Largest absolute weight of any single asset.
   */
  max_position?: number;
  /**
   * Absolute weight cap per symbol (tighter than `max_position` wins).
   */
  per_asset?: {
    [k: string]: number | undefined;
  };
  /**
   * When false, negative targets become 0.
   */
  allow_short: boolean;
  /**
   * Largest sum of absolute weights.
   */
  max_gross?: number;
  /**
   * Largest net exposure (sum of weights).
   */
  max_net?: number;
  /**
   * Smallest net exposure (e.g. -0.2 allows at most 20% net short).
   */
  min_net?: number;
  /**
   * Largest gross exposure relative to equity (same scale as `max_gross`; the tighter applies).
   */
  max_leverage?: number;
}
/**
 * Concentration limits: no asset above `max_weight` in absolute terms, and each group's gross exposure at most its `max` (the group is scaled down proportionally). The excess stays in cash.
 */
export interface RiskConcentration {
  /**
   * Rule type.
   */
  type: "concentration";
  /**
   * Name shown in risk events (default: the rule type).
   */
  name?: string;
  /**
   * Largest absolute weight of one asset.
   */
  max_weight?: number;
  /**
   * Named groups of symbols with a cap on their gross exposure.
   */
  groups?: {
    [k: string]:
      | {
          /**
           * Members of the group.
           *
           * @minItems 1
           */
          symbols: [string, ...string[]];
          /**
           * Largest gross exposure of the group.
           */
          max: number;
        }
      | undefined;
  };
}
/**
 * Drawdown control: when the account's drawdown from the controller's high-water mark reaches a level's `drawdown`, targets are multiplied by its `scale` (0 flattens). Levels only deepen until a re-entry rule fires; on re-entry the high-water mark is reset to current equity.
 */
export interface RiskDrawdownControl {
  /**
   * Rule type.
   */
  type: "drawdown_control";
  /**
   * Name shown in risk events (default: the rule type).
   */
  name?: string;
  /**
   * Drawdown levels, increasing `drawdown`, non-increasing `scale`.
   *
   * @minItems 1
   */
  levels: [
    {
      /**
       * Drawdown (fraction) at which the level applies.
       */
      drawdown: number;
      /**
       * Multiplier of the targets at this level (0 = flat).
       */
      scale: number;
    },
    ...{
      /**
       * Drawdown (fraction) at which the level applies.
       */
      drawdown: number;
      /**
       * Multiplier of the targets at this level (0 = flat).
       */
      scale: number;
    }[],
  ];
  /**
   * When to return to full exposure (either condition).
   */
  reentry: {
    /**
     * Bars after the level was entered.
     */
    after_bars?: number;
    /**
     * Re-enter once the unscaled signal's own equity is within this drawdown of its peak.
     */
    shadow_drawdown?: number;
  };
}
/**
 * Volatility targeting: forecasts the portfolio's annualised volatility sqrt(wᵀΣw · bars per year) from the asset covariance (EWMA or realized) and scales the targets by target / forecast, within [`min_scale`, `max_scale`] and with gross exposure at most `max_leverage`.
 */
export interface RiskVolTarget {
  /**
   * Rule type.
   */
  type: "vol_target";
  /**
   * Name shown in risk events (default: the rule type).
   */
  name?: string;
  /**
   * Target annualised volatility (0.10 = 10%).
   */
  target: number;
  /**
   * `ewma`: exponentially weighted (RiskMetrics) covariance; `realized`: sample covariance of the last `window` returns.
   */
  estimator: "ewma" | "realized";
  /**
   * EWMA decay per bar.
   */
  lambda: number;
  /**
   * EWMA half-life in bars (instead of `lambda`).
   */
  halflife?: number;
  /**
   * Window of the realized estimator, in bars.
   */
  window: number;
  /**
   * Returns needed before the rule acts.
   */
  min_periods: number;
  /**
   * Largest gross exposure after scaling.
   */
  max_leverage: number;
  /**
   * Smallest multiplier.
   */
  min_scale: number;
  /**
   * Largest multiplier.
   */
  max_scale?: number;
  /**
   * The scale changes a little every bar; a risk event is reported when it has moved by more than this since the last reported scale (0 reports every bar).
   */
  report_change: number;
}
/**
 * Stop-loss automation on held positions: `fixed` (`stop` against the entry close), `trailing` (`stop` from the best close since entry), `atr` (`atr_multiple` × ATR(`atr_window`) from the best close) or `time` (`max_bars` held). After a stop the asset stays flat until the signal goes flat or reverses, or `cooldown_bars` pass.
 */
export interface RiskStopLoss {
  /**
   * Rule type.
   */
  type: "stop_loss";
  /**
   * Name shown in risk events (default: the rule type).
   */
  name?: string;
  /**
   * Stop kind.
   */
  method: "fixed" | "trailing" | "atr" | "time";
  /**
   * Adverse move (fraction) for `fixed` and `trailing`.
   */
  stop?: number;
  /**
   * ATR window in bars.
   */
  atr_window: number;
  /**
   * ATR multiples from the best close.
   */
  atr_multiple: number;
  /**
   * Bars a position may be held (`time`).
   */
  max_bars?: number;
  /**
   * Re-arm after this many bars even if the signal has not reset.
   */
  cooldown_bars?: number;
}
/**
 * Kill-switch: once the account drawdown reaches `max_drawdown`, one bar loses `max_bar_loss`, or equity falls to `min_equity`, every target is 0 until the state is reset.
 */
export interface RiskKillSwitch {
  /**
   * Rule type.
   */
  type: "kill_switch";
  /**
   * Name shown in risk events (default: the rule type).
   */
  name?: string;
  /**
   * Drawdown from peak equity that trips the switch.
   */
  max_drawdown?: number;
  /**
   * Loss in one bar that trips the switch.
   */
  max_bar_loss?: number;
  /**
   * Equity floor (account currency) that trips the switch.
   */
  min_equity?: number;
}
/**
 * Configuration of `drlwb serve`: where its workspace is, and every limit it enforces on untrusted input. Given as a YAML file with `drlwb serve --config FILE`; every key has a default, so an empty file (or none) is a valid configuration. Paths are relative to the configuration file's folder (or the current folder without one).
 */
export interface ServerSpec {
  /**
   * Interface to listen on.
   */
  host: string;
  /**
   * TCP port (0 picks a free one).
   */
  port: number;
  /**
   * The workspace boundary. Every path a submitted spec names (data files, `extends`, run folders, report output) must resolve, after following symbolic links, inside one of these folders.
   */
  workspace: {
    /**
     * The workspace folder; the other folders are relative to it.
     */
    root: string;
    /**
     * Data files specs may read.
     */
    data: string;
    /**
     * Spec files `POST /backtests` may name and specs may extend.
     */
    specs: string;
    /**
     * Run folders.
     */
    runs: string;
    /**
     * The model registry (models, secrets, API keys, audit log).
     */
    registry: string;
  };
  /**
   * Request limits.
   */
  http: {
    /**
     * Largest accepted request body in bytes; larger bodies get 413.
     */
    body_limit_bytes: number;
    /**
     * Requests per minute per caller (principal, or client address when anonymous).
     */
    rate_limit_per_minute: number;
    /**
     * On SIGTERM/SIGINT: how long in-flight requests may take to finish before their connections are closed.
     */
    shutdown_timeout_ms: number;
  };
  /**
   * What a spec submitted to the server (`POST /backtests`) may do. Its paths must stay inside the workspace folders, it cannot choose output locations (`register.registry`, `agent.training.checkpoint_dir`, `data.cache.dir`) and cannot read environment variables (`${env:…}`); it may use the secrets granted here and contact the hosts allowed here.
   */
  specs: {
    /**
     * Hosts a spec may make the server contact: data providers (`source: yahoo | alphavantage | polygon | http`, their `base_url` or the provider's own endpoint), a Redis cache URL and report notifications. An entry is a host name (any port), `host:port`, or `*.domain` (every subdomain). Empty: no provider data source is accepted.
     */
    allowed_http_hosts: string[];
    /**
     * Secrets specs may use, as `${secret:NAME}` in secret fields (API keys, webhook URLs, header values): NAME → the environment variable of the server that holds the value. A spec sees only the names; values are resolved by the stage that needs them and never written to disk.
     */
    secrets: {
      [k: string]: string | undefined;
    };
    /**
     * Most agent training one spec may ask for: `agent.total_timesteps` × `agent.evaluation.seeds`. Larger specs are refused when validated, before anything runs.
     */
    max_total_timesteps: number;
    /**
     * Most bytes a data file read by a submitted spec may have (checked before reading). A spec's `data.max_file_bytes` above it is refused when validated.
     */
    max_data_file_bytes: number;
  };
  /**
   * Bounds on untrusted input, enforced before it is processed: JSON request bodies and spec files (submitted or named by `POST /backtests`, and the files they extend).
   */
  limits: {
    /**
     * Deepest nesting of arrays and objects accepted in a JSON request body; deeper bodies get 400 before they are parsed.
     */
    json_max_depth: number;
    /**
     * Largest spec file (YAML) the loader reads, in bytes; checked from the file's size before it is read.
     */
    spec_max_bytes: number;
    /**
     * Deepest nesting of mappings and lists in a spec file, checked before the document is built.
     */
    spec_max_depth: number;
    /**
     * Most YAML alias uses (`*name`) in one spec file; a document whose aliases would expand beyond this (a billion-laughs file) is refused.
     */
    spec_max_alias_count: number;
    /**
     * Most values (scalars, mappings and lists, after alias expansion) one spec file may hold.
     */
    spec_max_nodes: number;
  };
  /**
   * Credentials: throttling of failed authentication, bearer-token lifetimes, and who may read `/metrics`.
   */
  auth: {
    /**
     * Failed authentication attempts (unknown API key, invalid, forged or expired token, malformed `Authorization` header) allowed per client address within `failure_window_seconds`. Past it, every request from that address that carries credentials — a valid token included — gets 429 without being verified until the window ends. IPv6 addresses are grouped by /56.
     */
    max_failures: number;
    /**
     * Length of the failure window in seconds, counted from an address's first failure.
     */
    failure_window_seconds: number;
    /**
     * Most client addresses whose failures are remembered at once; the least recently seen is forgotten first.
     */
    tracked_addresses_max: number;
    /**
     * Longest lifetime a bearer token may have, in seconds (default 90 days). Tokens whose `exp − iat` (or remaining `exp − now`) is longer, and tokens without `exp` or `iat`, are refused. `drlwb token create` refuses to create longer tokens.
     */
    max_token_lifetime_seconds: number;
    /**
     * Role needed to read `GET /metrics`; `none` (the default) leaves it open to anyone who can reach the server.
     */
    metrics_role: "none" | "viewer" | "researcher" | "admin";
  };
  /**
   * Jobs (`POST /backtests`): each runs in its own worker process, never on the serving process, with these limits. Jobs wait in a queue until a worker slot is free.
   */
  jobs: {
    /**
     * Jobs that run at once, each in its own worker process. Keep it below the number of CPU cores so predictions keep a core.
     */
    workers: number;
    /**
     * Most unfinished jobs (queued or running) one user (token subject or API key) may have; past it `POST /backtests` answers 429.
     */
    max_queued_per_user: number;
    /**
     * Most jobs waiting in the queue (all users); past it `POST /backtests` answers 503.
     */
    max_queued: number;
    /**
     * Longest a job may run, in seconds, counted from its worker's start. Past it the worker is stopped (SIGTERM, then SIGKILL after `kill_grace_ms`) and the job fails with a time-limit error.
     */
    max_wall_seconds: number;
    /**
     * JavaScript heap limit of a worker, in MiB (`--max-old-space-size`). A job that needs more fails with an out-of-memory error; the server is not affected.
     */
    max_heap_mb: number;
    /**
     * Largest run folder a job may write, in MiB, checked every second while it runs and when it ends. Past it the worker is stopped and the job fails with an output-limit error (the folder is kept, marked interrupted).
     */
    max_output_mb: number;
    /**
     * Longest error text a failed job reports (`GET /jobs/:id`); longer texts are cut.
     */
    max_error_chars: number;
    /**
     * Time a worker gets after SIGTERM (cancel, time limit, server shutdown) to stop its run and mark it interrupted, before SIGKILL.
     */
    kill_grace_ms: number;
    /**
     * Scheduling niceness of worker processes (0 = same as the server, 19 = lowest), so predictions win the CPU over jobs.
     */
    worker_priority: number;
    /**
     * Further environment variables of the server passed to workers. Workers get only a minimal environment (PATH, HOME, locale, temp folder, Puppeteer's browser settings) plus the variables behind the secrets granted in `specs.secrets`; the token-signing secret is never passed.
     */
    worker_env: string[];
    /**
     * Finished jobs (succeeded, failed, cancelled, interrupted) kept for `GET /jobs/:id`, newest first.
     */
    keep_finished: number;
  };
  /**
   * Predictions from bars (POST /models/{name}/predict with `bars`).
   */
  serving: {
    /**
     * Most bars per symbol one predict request may send (more: 400). Models whose signature says `fromStart` need the whole history since the run's first bar.
     */
    max_bars: number;
    /**
     * Most numbers (bars × symbols × columns) one predict request may send (more: 400).
     */
    max_bar_values: number;
  };
  /**
   * The tracking store (schemas/store.schema.json): runs index, trials, prediction log, trading records, alerts, audit.
   */
  store: StoreSpec;
  /**
   * Where the model registry keeps its metadata (models, versions, aliases, tags). Artifacts are always content-addressed folders under `workspace.registry`; with several hosts that folder must be shared by all of them.
   */
  registry: {
    /**
     * `lowdb`: the embedded registry.json in the registry folder (one host). `store`: tables in the tracking store (`store.url`; PostgreSQL for several hosts sharing one registry).
     */
    backend: "lowdb" | "store";
    /**
     * How long the server may reuse registry metadata it read (alias lookups on the prediction path) before reading it again; an alias moved on another host is seen within this time. 0: read on every request.
     */
    max_staleness_ms: number;
  };
}
/**
 * The tracking store: the database that indexes runs, their params and metrics, tuning studies and trials, the prediction log, paper/live trading records, alerts and the audit trail. Run folders stay the source of truth for artifacts; the store is the queryable index. Given as the `store` section of the server configuration; the CLI reads the location from `--store` or `DRLWB_STORE` and takes every other key's default.
 */
export interface StoreSpec {
  /**
   * Where the store lives: `sqlite:<file>` (embedded; the file is relative to the workspace root, created on first use, WAL mode) or `postgres://user@host:port/db` (several hosts share one store). `DRLWB_STORE` overrides it.
   */
  url: string;
  /**
   * SQLite: how long a writer waits for another process's write lock before failing.
   */
  busy_timeout_ms: number;
  /**
   * PostgreSQL: connections in the pool.
   */
  pool_size: number;
  /**
   * PostgreSQL: how long opening a connection may take.
   */
  connect_timeout_ms: number;
  /**
   * How the server logs its decisions: rows wait in a bounded in-memory buffer and are written in batches, so logging never delays a prediction. When the buffer is full (the store is slow or down) new rows are dropped and counted.
   */
  prediction_log: {
    /**
     * Log every prediction the server makes.
     */
    enabled: boolean;
    /**
     * Rows the buffer holds before new ones are dropped.
     */
    buffer_rows: number;
    /**
     * Rows written per insert.
     */
    batch_rows: number;
    /**
     * Longest time a row waits in the buffer.
     */
    flush_ms: number;
  };
  /**
   * How long append-heavy rows are kept.
   */
  retention: {
    /**
     * Predictions older than this many days are pruned (on PostgreSQL whole monthly partitions are dropped once every row in them is older).
     */
    prediction_days: number;
    /**
     * How often the server applies the retention policy (first a minute after it starts); 0: never (prune from a scheduled job instead).
     */
    prune_interval_minutes: number;
  };
  /**
   * Bounds on run queries (`drlwb runs list`, `queryRuns`, `GET /runs?filter=…`): the filter language is user input, so its size, the joins it causes and the rows it returns are limited.
   */
  query: {
    /**
     * Longest filter accepted, in characters.
     */
    max_filter_length: number;
    /**
     * Deepest nesting of parentheses and `not` in a filter.
     */
    max_filter_depth: number;
    /**
     * Most comparisons in one filter (each may join a metric, param or tag).
     */
    max_filter_terms: number;
    /**
     * Most columns (and, separately, sort keys) one query may name; each metric among them is one join (SQLite joins at most 64 tables).
     */
    max_columns: number;
    /**
     * Rows returned when the query gives no limit.
     */
    default_limit: number;
    /**
     * Most rows one query may return.
     */
    max_limit: number;
  };
}
/**
 * Hold fixed weights from the first bar (default equal weights). Also the benchmark for alpha and beta.
 */
export interface StrategyBuyAndHold {
  /**
   * Strategy type.
   */
  type: "buy_and_hold";
  /**
   * Marks a standalone strategy file (pulled into an experiment with `extends`).
   */
  kind?: "strategy";
  /**
   * What this strategy is for (free text).
   */
  description?: string;
  /**
   * Weight per symbol in panel order; default equal weights summing to 1.
   */
  weights?: number[];
}
/**
 * Long while the fast simple moving average of closes is above the slow one; short (with `short: true`) or flat below; flat until both averages exist.
 */
export interface StrategySmaCrossover {
  /**
   * Strategy type.
   */
  type: "sma_crossover";
  /**
   * Marks a standalone strategy file (pulled into an experiment with `extends`).
   */
  kind?: "strategy";
  /**
   * What this strategy is for (free text).
   */
  description?: string;
  /**
   * Fast SMA window in bars (must be < slow).
   */
  fast: number;
  /**
   * Slow SMA window in bars.
   */
  slow: number;
  /**
   * Go short (instead of flat) on the opposite signal.
   */
  short: boolean;
  /**
   * Gross target weight per symbol while in the market (fraction of equity); default 1 / number of symbols.
   */
  weight?: number;
}
/**
 * As sma_crossover with exponential moving averages (alpha = 2 / (span + 1), seeded with the SMA of the first span bars).
 */
export interface StrategyEmaCrossover {
  /**
   * Strategy type.
   */
  type: "ema_crossover";
  /**
   * Marks a standalone strategy file (pulled into an experiment with `extends`).
   */
  kind?: "strategy";
  /**
   * What this strategy is for (free text).
   */
  description?: string;
  /**
   * Fast EMA span in bars (must be < slow).
   */
  fast: number;
  /**
   * Slow EMA span in bars.
   */
  slow: number;
  /**
   * Go short (instead of flat) on the opposite signal.
   */
  short: boolean;
  /**
   * Gross target weight per symbol while in the market (fraction of equity); default 1 / number of symbols.
   */
  weight?: number;
}
/**
 * Long when the return over the look-back is positive, short (with `short: true`) or flat when negative. `skip` leaves out the most recent bars (12-1 momentum: lookback 252, skip 21).
 */
export interface StrategyTsMomentum {
  /**
   * Strategy type.
   */
  type: "ts_momentum";
  /**
   * Marks a standalone strategy file (pulled into an experiment with `extends`).
   */
  kind?: "strategy";
  /**
   * What this strategy is for (free text).
   */
  description?: string;
  /**
   * Bars of the look-back return.
   */
  lookback: number;
  /**
   * Most recent bars excluded from the look-back.
   */
  skip: number;
  /**
   * Go short (instead of flat) on the opposite signal.
   */
  short: boolean;
  /**
   * Gross target weight per symbol while in the market (fraction of equity); default 1 / number of symbols.
   */
  weight?: number;
}
/**
 * Rank symbols by look-back return every `rebalance_every` bars; equal-weight the `top` symbols long (and the bottom `top` short with `long_short: true`). Needs several symbols.
 */
export interface StrategyXsMomentum {
  /**
   * Strategy type.
   */
  type: "xs_momentum";
  /**
   * Marks a standalone strategy file (pulled into an experiment with `extends`).
   */
  kind?: "strategy";
  /**
   * What this strategy is for (free text).
   */
  description?: string;
  /**
   * Bars of the ranking return.
   */
  lookback: number;
  /**
   * Most recent bars excluded from the look-back.
   */
  skip: number;
  /**
   * Symbols held long (and short).
   */
  top: number;
  /**
   * Also short the bottom `top` symbols (dollar neutral).
   */
  long_short: boolean;
  /**
   * Bars between re-rankings.
   */
  rebalance_every: number;
}
/**
 * Fade moves away from the moving average: z = (close − SMA) / σ over `window`; enter long below −entry (short above +entry when `short`), exit once back within `exit` (Bollinger: the middle band).
 */
export interface StrategyMeanReversion {
  /**
   * Strategy type.
   */
  type: "mean_reversion";
  /**
   * Marks a standalone strategy file (pulled into an experiment with `extends`).
   */
  kind?: "strategy";
  /**
   * What this strategy is for (free text).
   */
  description?: string;
  /**
   * `zscore` exits at ±exit; `bollinger` uses bands of `entry` σ and exits at the middle band.
   */
  method: "zscore" | "bollinger";
  /**
   * Bars of the mean and standard deviation.
   */
  window: number;
  /**
   * Entry threshold in standard deviations.
   */
  entry: number;
  /**
   * Exit threshold in standard deviations (zscore).
   */
  exit: number;
  /**
   * Go short (instead of flat) on the opposite signal.
   */
  short: boolean;
  /**
   * Gross target weight per symbol while in the market (fraction of equity); default 1 / number of symbols.
   */
  weight?: number;
}
/**
 * Enter long when the close breaks above SMA + multiplier·σ of the previous `window` closes (short below SMA − multiplier·σ when `short`); exit when the close crosses back over that SMA.
 */
export interface StrategyVolBreakout {
  /**
   * Strategy type.
   */
  type: "vol_breakout";
  /**
   * Marks a standalone strategy file (pulled into an experiment with `extends`).
   */
  kind?: "strategy";
  /**
   * What this strategy is for (free text).
   */
  description?: string;
  /**
   * Bars of the band's mean and standard deviation.
   */
  window: number;
  /**
   * Band half-width in standard deviations.
   */
  multiplier: number;
  /**
   * Go short (instead of flat) on the opposite signal.
   */
  short: boolean;
  /**
   * Gross target weight per symbol while in the market (fraction of equity); default 1 / number of symbols.
   */
  weight?: number;
}
/**
 * A parameter sweep over a base experiment: each trial is the base experiment with some values replaced, measured on `objective.segment` by the run's metrics (the base's risk rules, costs and execution apply). Parameters are named by their dotted path in the experiment (`strategy.fast`, `agent.hyperparameters.learning_rate`). Sweeps of `strategy.` parameters of a rule strategy run on every core; any other sweep runs each trial as a whole experiment (`register:` is not run).
 */
export interface SweepSpec {
  /**
   * Marks this file as a sweep spec.
   */
  kind?: "sweep";
  /**
   * Sweep spec file(s) this one builds on, relative to this file.
   */
  extends?: RelativePath | [RelativePath, ...RelativePath[]];
  /**
   * Sweep name.
   */
  name: Name;
  /**
   * What the sweep explores (free text).
   */
  description?: string;
  /**
   * The experiment spec every trial starts from, relative to this file.
   */
  base: RelativePath;
  /**
   * `grid` runs every combination; `random` draws `samples` combinations with the sweep seed.
   */
  method: "grid" | "random";
  /**
   * Number of trials drawn when `method: random`.
   */
  samples: number;
  seed: Seed;
  /**
   * Dotted experiment path → the values to try: a list of values, or a range `{ min, max, step }` (`step` is required for grids; `log: true` spaces random draws logarithmically).
   */
  parameters: {
    [k: string]:
      [string | number | boolean, ...(string | number | boolean)[]] | SweepRange | undefined;
  };
  /**
   * The metric that ranks trials.
   */
  objective: {
    /**
     * A headline metric of the run's metrics.json `backtest.strategy` (`sharpeRatio`, `sortinoRatio`, `cagr`, `totalReturn`, `maxDrawdown`, `calmarRatio`, `annualVolatility`, `equityFinal`, `tradeCount`, `winRate`, `profitFactor`, `exposureTime`, `commissions`, `alpha`, `beta`, `buyAndHoldReturn`) or a short name of one (`sharpe`, `sortino`, `total_return`, `max_drawdown`, …). Every trial reports all of them, computed as a run computes them.
     */
    metric: string;
    direction: "maximize" | "minimize";
    /**
     * Segment the metric is measured on: pick on `valid`, report on `test`.
     */
    segment: "train" | "valid" | "test";
  };
  /**
   * Upper bound on the number of trials; a grid larger than this is an error.
   */
  max_trials: number;
  /**
   * Conditions every trial must meet, comparing two parameters or a parameter and a number; trials that break one are skipped (not counted as results).
   */
  constraints: string[];
  /**
   * How many of the best trials to keep in top.json (the full table always goes to results.parquet).
   */
  top_k: number;
  /**
   * The sweep report (`report.html` in the sweep folder; `drlwb report <sweep-folder>` rebuilds it from the folder's files): the spec summary, a heatmap of a metric over two swept parameters (a line chart when one parameter is swept), the metric's distribution over all trials, and the best trials re-evaluated on every segment (train/valid/test) beside the figure they were selected by.
   */
  report: {
    /**
     * Write `report.html` into the sweep folder.
     */
    html: boolean;
    /**
     * Also print `report.pdf` with headless Chromium.
     */
    pdf: boolean;
    /**
     * The heatmap: a metric over two swept parameters; trials that share an (x, y) pair (other parameters swept too) are combined with `aggregate`, as vectorbt's and backtesting.py's heatmaps do.
     */
    heatmap: {
      /**
       * The swept parameter across (its dotted path as in `parameters`). Absent: the first parameter.
       */
      x?: string;
      /**
       * The swept parameter down. Absent: the second parameter (with one parameter the heatmap is a line chart).
       */
      y?: string;
      /**
       * The metric in the cells, by the names `objective.metric` takes. Absent: the objective's metric.
       */
      metric?: string;
      /**
       * How the trials of one cell are combined when more than two parameters are swept.
       */
      aggregate: "max" | "min" | "mean" | "median";
    };
    /**
     * How many of the best trials (by the objective, on its segment; at most `top_k`) are re-evaluated on every segment of the base experiment with the run's backtest and statistics, written to `top-segments.json`; in a sweep of whole experiments each re-evaluation is a run (in the sweep's `runs/`).
     */
    top_k: number;
    /**
     * Bins of the histogram of the metric over all trials.
     */
    bins: number;
  };
}
export interface SweepRange {
  min: number;
  max: number;
  step?: number;
  log: boolean;
}
