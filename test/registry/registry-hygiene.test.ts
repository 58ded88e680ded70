import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../runtime/core/errors.js";
import { ModelRegistry, RegistryStateError } from "../../runtime/registry/index.js";

const temp = mkdtempSync(join(tmpdir(), "drlwb-reg-hygiene-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let counter = 0;
function artifact(content: string): string {
  const dir = join(temp, `src-${counter++}`);
  mkdirSync(join(dir, "model"), { recursive: true });
  writeFileSync(join(dir, "model", "weights.bin"), content);
  return dir;
}
function registry(): ModelRegistry {
  return new ModelRegistry(join(temp, `reg-${counter++}`));
}

const PROTOTYPE_NAMES = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
  "__defineGetter__",
];

describe("registry keys chosen by users", () => {
  it("refuses prototype names as model names, aliases and tags, with the catalog message", () => {
    const reg = registry();
    for (const name of PROTOTYPE_NAMES) {
      expect(() => reg.registerModel({ name, sourceDir: artifact("x") }), name).toThrow(UserError);
    }
    expect(() => reg.registerModel({ name: "constructor", sourceDir: artifact("x") })).toThrow(
      'model name "constructor" is reserved',
    );
    reg.registerModel({ name: "m", sourceDir: artifact("x") });
    for (const alias of PROTOTYPE_NAMES) {
      expect(() => reg.setAlias("m", alias, 1), alias).toThrow(UserError);
      expect(
        () => reg.registerModel({ name: "m", sourceDir: artifact("y"), aliases: [alias] }),
        alias,
      ).toThrow(UserError);
      expect(() => reg.setTag("m", 1, alias, "v"), alias).toThrow(/tag .* is reserved/);
    }
    expect(() => reg.setAlias("m", "toString", 1)).toThrow('alias "toString" is reserved');
    expect(reg.getModel("m").versions).toHaveLength(1);
  });

  it("looks prototype names up as absent models and versions (a UserError, never a TypeError)", () => {
    const reg = registry();
    reg.registerModel({ name: "m", sourceDir: artifact("x"), aliases: ["champion"] });
    for (const name of PROTOTYPE_NAMES) {
      expect(() => reg.getModel(name), name).toThrow(/^no registered model/);
      expect(() => reg.getVersion(name, 1), name).toThrow(/^no registered model/);
      expect(() => reg.getVersion("m", name), name).toThrow(/has no version or alias/);
      expect(() => reg.delete(name), name).toThrow(/^no registered model/);
      expect(() => reg.compareVersions("m", 1, name), name).toThrow(/has no version or alias/);
    }
    expect(reg.searchVersions({ tag: { key: "constructor" } })).toEqual([]);
    expect(reg.searchVersions({ metric: { metric: "valueOf", op: ">", value: -1 } })).toEqual([]);
  });

  it("keeps a hand-written __proto__ key in registry.json as data, never as a prototype", () => {
    const reg = registry();
    reg.registerModel({ name: "m", sourceDir: artifact("x") });
    const file = join(reg.root, "registry.json");
    const text = readFileSync(file, "utf8").replace(
      '"tags": {}',
      '"tags": {"__proto__": {"polluted": "yes"}}',
    );
    writeFileSync(file, text);
    expect(() => reg.getModel("m")).toThrow(RegistryStateError); // a tag value must be a string
    writeFileSync(file, text.replace('{"polluted": "yes"}', '"x"'));
    const model = reg.getModel("m");
    expect(Object.getPrototypeOf(model.tags)).toBe(null);
    expect(Object.hasOwn(model.tags, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("a damaged registry.json", () => {
  const cases: [string, (good: string) => string, RegExp][] = [
    ["truncated", (good) => good.slice(0, Math.floor(good.length / 2)), /not valid JSON/],
    ["empty", () => "", /empty/],
    [
      "not JSON",
      (good) => `${good.slice(0, 40)}sk-live-SECRET ${good.slice(40)}`,
      /line \d+ column \d+/,
    ],
    ["wrong format", (good) => good.replace('"format": 1', '"format": 7'), /format "7"/],
    [
      "a version without a hash",
      (good) => good.replace(/"artifact": "[0-9a-f]+"/, '"artifact": "../../../etc"'),
      /\/models\/m\/versions\/0\/artifact should be a sha256 content hash/,
    ],
    [
      "models not an object",
      (good) => good.replace('"models": {', '"models": [{').replace(/}\s*,\s*"runs"/, '}], "runs"'),
      /not valid JSON|\/models should be an object/,
    ],
  ];
  for (const [what, damage, problem] of cases) {
    it(`${what}: the error names the file and what is wrong, without its content`, () => {
      const reg = registry();
      reg.registerModel({ name: "m", sourceDir: artifact("x") });
      const file = join(reg.root, "registry.json");
      writeFileSync(file, damage(readFileSync(file, "utf8")));
      const error = (() => {
        try {
          reg.listModels();
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(RegistryStateError);
      const message = (error as RegistryStateError).message;
      expect(message).toContain(file);
      expect(message).toMatch(problem);
      expect(message).not.toContain("SECRET");
      const shown = (error as RegistryStateError).publicMessage;
      expect(shown).toContain(`${reg.root.split("/").at(-1)}/registry.json`);
      expect(shown).not.toContain(temp);
      // Writers refuse too: nothing is written over the damaged file.
      expect(() => reg.setAlias("m", "champion", 1)).toThrow(RegistryStateError);
    });
  }
});
