// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs spell ${env:NAME} references literally
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "../../runtime/spec/index.js";
import { CORPUS_ENVIRON, fixtureLoader, MALFORMED_DIR } from "./fixture-loader.js";

/**
 * The malformed-spec corpus: every file under test/fixtures/specs/malformed/
 * is listed here with the exact diagnostics it must produce (file:line:col,
 * JSON path, message, hint), rendered as `drlwb validate` prints them.
 * Validated against the experiment/defs/sweep schemas plus the small
 * stand-in domain schemas in test/fixtures/specs/schemas/.
 */
const EXPECTED: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    "dates-invalid-date.yaml",
    [
      'dates-invalid-date.yaml:4:19  /segments/train/start  "2008-13-02" is not a valid date (YYYY-MM-DD)',
      'dates-invalid-date.yaml:5:35  /segments/test/end  "17/12/2017" is not a valid date (YYYY-MM-DD)',
    ],
  ],
  [
    "dates-overlap.yaml",
    [
      'dates-overlap.yaml:5:19  /segments/valid/start  segment "valid" starts 2014-01-02, not after segment "train" ends (2014-06-30) (segments must be in order train < valid < test and must not overlap)',
    ],
  ],
  [
    "dates-reversed.yaml",
    [
      'dates-reversed.yaml:4:36  /segments/train/end  segment "train" ends (2008-01-02) before it starts (2013-12-31)',
    ],
  ],
  [
    "dates-test-before-valid.yaml",
    [
      'dates-test-before-valid.yaml:6:18  /segments/test/start  segment "test" starts 2013-01-02, not after segment "valid" ends (2017-12-29) (segments must be in order train < valid < test and must not overlap)',
    ],
  ],
  [
    "enum-agent-env.yaml",
    [
      'enum-agent-env.yaml:8:16  /agent/env/type  "singel_asset" is not a valid value; valid values: "single_asset", "portfolio" (did you mean "single_asset"?)',
    ],
  ],
  [
    "enum-data-source.yaml",
    [
      'enum-data-source.yaml:2:17  /data/source  "bundeled" is not a valid value; valid values: "bundled", "csv", "provider" (did you mean "bundled"?)',
    ],
  ],
  [
    "enum-fill.yaml",
    [
      'enum-fill.yaml:8:9  /backtest/fill  "nxt_open" is not a valid value; valid values: "next_open", "close" (did you mean "next_open"?)',
    ],
  ],
  [
    "enum-kind.yaml",
    [
      'enum-kind.yaml:1:7  /kind  unknown spec kind "experimnt"; valid kinds: experiment, data, strategy, agent, risk, sweep (did you mean "experiment"?)',
    ],
  ],
  [
    "env-malformed-reference.yaml",
    [
      'env-malformed-reference.yaml:4:12  /data/api_key  malformed environment reference "${env:1_BAD}" (write ${env:NAME} with NAME made of letters, digits and _)',
    ],
  ],
  [
    "env-reference-not-secret.yaml",
    [
      'env-reference-not-secret.yaml:2:32  /data/name  "${env:DRLWB_CORPUS_SET}": ${env:…} references are allowed only in secret fields (write the value itself here, or vary it per environment with `environments:` or config/<env>.yaml)',
    ],
  ],
  [
    "env-unset-variable.yaml",
    [
      "env-unset-variable.yaml:4:12  /data/api_key  environment variable DRLWB_CORPUS_UNSET is not set (export DRLWB_CORPUS_UNSET=… before running)",
    ],
  ],
  [
    "extends-cycle.yaml",
    [
      "bases/cycle-b.yaml:1:10  /extends  extends cycle: extends-cycle.yaml → bases/cycle-b.yaml → extends-cycle.yaml (a spec cannot extend itself, directly or through other files)",
    ],
  ],
  [
    "extends-error-in-base.yaml",
    ['bases/bad-base.yaml:4:3  /segments/tset  unknown key "tset" (did you mean "test"?)'],
  ],
  [
    "extends-kind-mismatch.yaml",
    [
      "extends-kind-mismatch.yaml:2:10  /extends  cannot extend a `kind: experiment` spec from a `kind: data` spec (experiments can extend experiments and `kind: data|strategy|agent|risk` specs; other kinds extend their own kind)",
    ],
  ],
  [
    "extends-missing.yaml",
    [
      'extends-missing.yaml:1:10  /extends  extends "./bases/experimnt.yaml": no such file (did you mean "./bases/experiment.yaml"?)',
    ],
  ],
  [
    "extends-not-a-path.yaml",
    [
      "extends-not-a-path.yaml:1:10  /extends  `extends` must be a relative file path or a list of them",
    ],
  ],
  [
    "extends-self.yaml",
    [
      "extends-self.yaml:1:10  /extends  extends cycle: extends-self.yaml → extends-self.yaml (a spec cannot extend itself, directly or through other files)",
    ],
  ],
  [
    "many-problems.yaml",
    [
      'many-problems.yaml:1:7  /name  "Corpus" does not match the pattern ^[a-z0-9][a-z0-9_-]*$',
      "many-problems.yaml:2:7  /seed  must be an integer, not a number (1.5)",
      'many-problems.yaml:3:26  /data/nme  unknown key "nme" (did you mean "name"?)',
      "many-problems.yaml:7:40  /strategy/fast  must be >= 1, got 0",
      "many-problems.yaml:8:32  /backtest/cash  must be > 0, got -1",
    ],
  ],
  [
    "missing-data-source.yaml",
    [
      'missing-data-source.yaml:2:1  /data/source  missing required key "source" (valid values: bundled, csv, provider)',
    ],
  ],
  [
    "missing-feature-type.yaml",
    [
      'missing-feature-type.yaml:9:5  /features/1/type  missing "type" of feature; valid types: log_return, rsi, sma',
    ],
  ],
  [
    "missing-name.yaml",
    ['missing-name.yaml:1:1  /name  missing required key "name" (e.g. name: quickstart)'],
  ],
  [
    "missing-register-model.yaml",
    [
      'missing-register-model.yaml:7:1  /register/model  missing required key "model" (e.g. model: quickstart)',
    ],
  ],
  [
    "missing-segments-test.yaml",
    [
      'missing-segments-test.yaml:3:1  /segments/test  missing required key "test" (e.g. test: {start: 2008-01-02, end: 2013-12-31})',
    ],
  ],
  [
    "missing-strategy-type.yaml",
    [
      'missing-strategy-type.yaml:6:1  /strategy/type  missing "type" of strategy; valid types: buy_and_hold, momentum, sma_crossover',
    ],
  ],
  [
    "range-probability.yaml",
    ["range-probability.yaml:9:47  /risk/rules/0/max_drawdown  must be <= 1, got 1.5"],
  ],
  [
    "range-regime-states.yaml",
    ["range-regime-states.yaml:9:11  /regime/states  must be <= 10, got 50"],
  ],
  ["range-seed-negative.yaml", ["range-seed-negative.yaml:7:7  /seed  must be >= 0, got -1"]],
  [
    "range-timesteps-zero.yaml",
    ["range-timesteps-zero.yaml:8:20  /agent/total_timesteps  must be >= 1, got 0"],
  ],
  [
    "range-window-zero.yaml",
    ["range-window-zero.yaml:8:26  /features/0/window  must be >= 1, got 0"],
  ],
  [
    "signal-both.yaml",
    ["signal-both.yaml:7:1  /agent  the spec declares both `strategy:` and `agent:`; keep one"],
  ],
  [
    "signal-none.yaml",
    [
      "signal-none.yaml:1:1  /  the spec declares neither `strategy:` nor `agent:`; add one to produce a signal",
    ],
  ],
  [
    "sweep-bad-method.yaml",
    [
      'sweep-bad-method.yaml:4:9  /method  "gird" is not a valid value; valid values: "grid", "random" (did you mean "grid"?)',
    ],
  ],
  [
    "sweep-missing-base.yaml",
    ['sweep-missing-base.yaml:3:7  /base  sweep base "./bases/quickstart.yaml": no such file'],
  ],
  [
    "sweep-range-reversed.yaml",
    [
      "sweep-range-reversed.yaml:5:18  /parameters/strategy.fast  range min (20) is greater than max (5)",
    ],
  ],
  [
    "sweep-unknown-parameter.yaml",
    [
      'sweep-unknown-parameter.yaml:5:3  /parameters/strategy.fsat  parameter "strategy.fsat" is not a value of the base experiment (did you mean "strategy.fast"?)',
    ],
  ],
  [
    "type-cash-string.yaml",
    ['type-cash-string.yaml:8:9  /backtest/cash  must be a number, not a string ("lots")'],
  ],
  ["type-data-empty.yaml", ["type-data-empty.yaml:2:6  /data  must be a mapping, not empty"]],
  [
    "type-features-mapping.yaml",
    ["type-features-mapping.yaml:8:3  /features  must be a list, not a mapping"],
  ],
  [
    "type-name-number.yaml",
    ["type-name-number.yaml:1:7  /name  must be a string, not a number (123)"],
  ],
  [
    "type-seed-string.yaml",
    ['type-seed-string.yaml:7:7  /seed  must be an integer, not a string ("forty-two")'],
  ],
  [
    "type-segments-list.yaml",
    ["type-segments-list.yaml:4:3  /segments  must be a mapping, not a list"],
  ],
  [
    "union-shared-and-branch-keys.yaml",
    [
      'union-shared-and-branch-keys.yaml:7:1  /regime/window  missing required key "window" (e.g. window: 14)',
      "union-shared-and-branch-keys.yaml:9:11  /regime/states  must be <= 10, got 50",
      "union-shared-and-branch-keys.yaml:10:14  /regime/smoothing  must be <= 1, got 2",
      'union-shared-and-branch-keys.yaml:11:3  /regime/restart  unknown key "restart" (valid keys: type, states, smoothing, window)',
    ],
  ],
  [
    "unknown-data-key.yaml",
    ['unknown-data-key.yaml:4:3  /data/symbls  unknown key "symbls" (did you mean "symbols"?)'],
  ],
  [
    "unknown-deep-key.yaml",
    [
      'unknown-deep-key.yaml:9:5  /agent/hyperparameters/learning_rat  unknown key "learning_rat" (did you mean "learning_rate"?)',
    ],
  ],
  [
    "unknown-feature-type.yaml",
    [
      'unknown-feature-type.yaml:9:11  /features/1/type  unknown feature type "rsii"; valid types: log_return, rsi, sma (did you mean "rsi"?)',
    ],
  ],
  [
    "unknown-list-item-key.yaml",
    [
      'unknown-list-item-key.yaml:10:5  /features/1/windw  unknown key "windw" (did you mean "window"?)',
    ],
  ],
  [
    "unknown-risk-rule-key.yaml",
    [
      'unknown-risk-rule-key.yaml:10:7  /risk/rules/0/max_drawdwn  unknown key "max_drawdwn" (did you mean "max_drawdown"?)',
    ],
  ],
  [
    "unknown-risk-rule-type.yaml",
    [
      'unknown-risk-rule-type.yaml:9:13  /risk/rules/0/type  unknown risk rule type "stop_los"; valid types: drawdown_control, vol_target',
    ],
  ],
  [
    "unknown-segment-key.yaml",
    [
      'unknown-segment-key.yaml:4:3  /segments/train/start  missing required key "start" (e.g. start: 2015-07-01)',
      'unknown-segment-key.yaml:4:12  /segments/train/begin  unknown key "begin" (valid keys: start, end)',
    ],
  ],
  [
    "unknown-strategy-type.yaml",
    [
      'unknown-strategy-type.yaml:6:19  /strategy/type  unknown strategy type "sma_crosover"; valid types: buy_and_hold, momentum, sma_crossover (did you mean "sma_crossover"?)',
    ],
  ],
  [
    "unknown-top-level-key.yaml",
    [
      'unknown-top-level-key.yaml:7:1  /optimizer  unknown key "optimizer" (valid keys: kind, extends, name, description, tags, seed, data, segments, features, regime, strategy, agent, backtest, risk, report, register, environments)',
    ],
  ],
  [
    "unknown-top-level-typo.yaml",
    ['unknown-top-level-typo.yaml:7:1  /seeed  unknown key "seeed" (did you mean "seed"?)'],
  ],
  [
    "yaml-bad-indent.yaml",
    [
      "yaml-bad-indent.yaml:4:1  /  YAML syntax error: all mapping items must start at the same column",
    ],
  ],
  [
    "yaml-duplicate-key.yaml",
    [
      'yaml-duplicate-key.yaml:7:1  /name  duplicate key "name" (it is already set on line 1; keep one)',
    ],
  ],
  [
    "yaml-duplicate-nested-key.yaml",
    [
      'yaml-duplicate-nested-key.yaml:5:3  /data/source  duplicate key "source" (it is already set on line 3; keep one)',
    ],
  ],
  [
    "yaml-empty.yaml",
    ["yaml-empty.yaml:1:1  /  the spec is empty (start with `name: my-experiment`)"],
  ],
  [
    "yaml-multiple-docs.yaml",
    [
      "yaml-multiple-docs.yaml:7:1  /  YAML syntax error: a spec file holds one YAML document, but a second one starts here (`---`)",
    ],
  ],
  [
    "yaml-tab-indent.yaml",
    [
      "yaml-tab-indent.yaml:3:1  /  YAML syntax error: tabs are not allowed as indentation; indent with spaces",
    ],
  ],
  [
    "yaml-top-level-list.yaml",
    ["yaml-top-level-list.yaml:1:1  /  a spec must be a mapping of `key: value` lines, not a list"],
  ],
  [
    "yaml-unclosed-flow.yaml",
    [
      "yaml-unclosed-flow.yaml:3:1  /  YAML syntax error: flow map in block collection must be sufficiently indented and end with a }",
    ],
  ],
  [
    "yaml-unknown-alias.yaml",
    ["yaml-unknown-alias.yaml:7:11  /  alias *defaults refers to no anchor"],
  ],
  [
    "yaml-unterminated-quote.yaml",
    ['yaml-unterminated-quote.yaml:3:1  /  YAML syntax error: missing closing "quote'],
  ],
];

describe("malformed spec corpus", () => {
  const loader = fixtureLoader();
  const render = (file: string) => {
    const result = loader.loadSpec(join(MALFORMED_DIR, file), { environ: CORPUS_ENVIRON });
    return {
      result,
      lines: formatDiagnostics(result.diagnostics).split(`${MALFORMED_DIR}/`).join("").split("\n"),
    };
  };

  it("has at least 40 cases and lists every file of the corpus", () => {
    const files = readdirSync(MALFORMED_DIR)
      .filter((f) => f.endsWith(".yaml"))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(EXPECTED.map(([file]) => file).sort()).toEqual(files);
  });

  it.each(EXPECTED)("%s", (file, expected) => {
    const { result, lines } = render(file);
    expect(result.ok).toBe(false);
    expect(lines).toEqual(expected);
    for (const d of result.diagnostics) {
      expect(d.line, formatDiagnostics([d])).toBeTypeOf("number");
      expect(d.col, formatDiagnostics([d])).toBeTypeOf("number");
    }
  });
});
