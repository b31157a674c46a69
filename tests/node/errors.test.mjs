// Misuse throws real Error subclasses with code and path; the instance survives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

import * as asf from "../../asf-wasm/pkg/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
asf.initSync(readFileSync(join(root, "asf-wasm/pkg/asf_wasm_bg.wasm")));

function throwsAsf(f, Cls, code, path) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof Error, "an Error");
    assert.ok(e instanceof asf.AsfError, "an AsfError");
    assert.ok(e instanceof Cls, `a ${Cls.name}, got ${e.constructor.name}`);
    assert.equal(e.code, code);
    assert.equal(e.path, path);
    assert.equal(e.name, Cls.name);
    return true;
  });
}

test("unknown operation", () => {
  throwsAsf(() => asf.evaluate("orgnr.pars", { id: "x" }), asf.UnknownOperationError, "unknown_operation", "");
});

test("wrong type and missing field carry the JSON Pointer", () => {
  throwsAsf(() => asf.evaluate("orgnr.parse", { id: 5560160680 }), asf.RequestTypeError, "invalid_type", "/id");
  throwsAsf(() => asf.evaluate("orgnr.parse", {}), asf.RequestTypeError, "missing_field", "/id");
});

test("requests that are not objects", () => {
  for (const bad of [null, undefined, [], "id", 3]) {
    throwsAsf(() => asf.evaluate("orgnr.parse", bad), asf.RequestTypeError, "invalid_type", "");
  }
});

test("values JSON cannot carry are refused where they are", () => {
  throwsAsf(() => asf.evaluate("orgnr.parse", { id: "1", x: { y: [1, NaN] } }), asf.RequestTypeError, "invalid_type", "/x/y/1");
  const cyclic = { id: "1" };
  cyclic.self = cyclic;
  throwsAsf(() => asf.evaluate("orgnr.parse", cyclic), asf.RequestTypeError, "invalid_type", "/self");
});

test("integers beyond 2^53 are refused, never rounded", () => {
  throwsAsf(
    () => asf.evaluate("reserved.eligibility", { basis: "lou_4_18_integration", as_of: "2024-05-01", supplier: { occupied_total: 2 ** 64 } }),
    asf.RequestTypeError,
    "invalid_type",
    "/supplier/occupied_total",
  );
});

test("deep nesting is refused where it is and the instance still answers", () => {
  let deep = {};
  const top = deep;
  for (let i = 0; i < 500; i++) deep = deep.a = {};
  throwsAsf(() => asf.evaluate("bid.validate", { bid: top }), asf.InvalidRequestError, "invalid_json", "/bid" + "/a".repeat(127));
  assert.equal(asf.evaluate("orgnr.parse", { id: "556016-0680" }).valid, true);
});

test("deep nesting inside an ignored field is skipped, not built", () => {
  let deep = {};
  const top = deep;
  for (let i = 0; i < 100; i++) deep = deep.a = {};
  assert.equal(asf.evaluate("orgnr.parse", { id: "556016-0680", extra: top }).valid, true);
});

test("a Date in a request is sent as its local calendar date", () => {
  const out = asf.evaluate("rulebook.describe", { as_of: new Date(2025, 0, 1) });
  assert.equal(out.as_of, "2025-01-01");
  assert.equal(asf.orgnr.parse("121212+1212", { asOf: new Date(2026, 0, 1) }).formatted, "121212+1212");
});

test("an invalid Date is refused at its path on the fast path too", () => {
  throwsAsf(() => asf.evaluate("orgnr.parse", { id: "5560160680", as_of: new Date(NaN) }), asf.RequestTypeError, "invalid_type", "/as_of");
  throwsAsf(() => asf.evaluate("orgnr.parse", { id: "5560160680" }, { today: new Date(NaN) }), asf.RequestTypeError, "invalid_type", "");
});

test("null options are the defaults", () => {
  assert.equal(asf.evaluate("orgnr.parse", { id: "556016-0680" }, null).valid, true);
  assert.equal(asf.orgnr.parse("556016-0680", null).valid, true);
});

test("rulebook errors name the entry and keep the rulebook", () => {
  const engine = new asf.Engine();
  const bad = {
    format: "asf-rulebook/1",
    entries: [{ id: "reserved.lou_4_18.min_share", value: "0.40", unit: "fraction", valid_from: "2030-01-01", comparison: ">=", source: "test", confidence: "USER" }],
  };
  assert.throws(() => engine.loadRulebook(bad), (e) => {
    assert.ok(e instanceof asf.RulebookError);
    assert.equal(e.code, "rulebook_overlap");
    assert.equal(e.path, "/entries/0/valid_from");
    assert.match(e.message, /reserved\.lou_4_18\.min_share/);
    return true;
  });
  const out = engine.evaluate("rulebook.describe", { as_of: "2030-06-01", ids: ["reserved.lou_4_18.min_share"] });
  assert.equal(out.entries[0].value, "0.30");
});

test("every core error kind has a JavaScript class (drift test)", () => {
  const kinds = new Set(asf.errorCodes().map(([, kind]) => kind));
  assert.deepEqual([...kinds].sort(), Object.keys(asf.ERROR_CLASSES).sort());
});

test("the ProblemCode type lists exactly the core's codes (drift test; regenerate with make codes)", () => {
  const dts = readFileSync(join(root, "asf-wasm/pkg/codes.d.ts"), "utf8");
  const block = dts.split("export type ProblemCode =")[1].split(";")[0];
  const typed = [...block.matchAll(/"([a-z0-9_]+)"/g)].map((m) => m[1]).sort();
  assert.deepEqual(typed, asf.catalogue().map((c) => c.code).sort());
});

test("the catalogue has both languages with the same parameters", () => {
  for (const { code, en, sv } of asf.catalogue()) {
    const params = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.ok(en.trim() && sv.trim(), code);
    assert.deepEqual(params(en), params(sv), code);
  }
});
