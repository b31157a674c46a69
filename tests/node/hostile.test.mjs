// Hostile input to every operation in Node, against the built wasm package: every call
// answers an object or throws an AsfError with a known code and a JSON Pointer path (never
// a wasm trap or another error), and the same instance then still answers every vector.
// The PRNG is seeded: set ASF_HOSTILE_SEED to replay another storm.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

import * as asf from "../../asf-wasm/pkg/index.js";
import { storm, prng, generators } from "./hostile-storm.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
asf.initSync(readFileSync(join(root, "asf-wasm/pkg/asf_wasm_bg.wasm")));

const vectors = {};
const dir = join(root, "tests/vectors");
for (const d of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const f of readdirSync(join(dir, d.name)).filter((f) => f.endsWith(".json")).sort()) {
    vectors[`${d.name}/${f}`] = JSON.parse(readFileSync(join(dir, d.name, f), "utf8"));
  }
}
const seed = Number(process.env.ASF_HOSTILE_SEED ?? 20261129);

test(`a storm of hostile requests (seed ${seed}) leaves the instance answering every vector`, () => {
  const { failures, outcomes, checked } = storm(asf, vectors, { seed, count: 3000 });
  assert.deepEqual(failures, []);
  // The storm reached the rules, not only the decoder, and the check after it ran.
  assert.ok(outcomes.response > 300, JSON.stringify(outcomes));
  assert.ok(outcomes.invalid_type > 100 && outcomes.invalid_json > 10, JSON.stringify(outcomes));
  assert.ok(checked > 300, `${checked} vectors checked`);
});

test("the PRNG reproduces", () => {
  const a = prng(7);
  const b = prng(7);
  const xs = Array.from({ length: 5 }, a);
  assert.deepEqual(xs, Array.from({ length: 5 }, b));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.deepEqual(generators(prng(3), ["k"]).value(0), generators(prng(3), ["k"]).value(0));
});

test("requests at the size limit are refused with input_too_large, and the instance survives", () => {
  const engine = new asf.Engine();
  const big = "x".repeat(64 * 1024 * 1024);
  assert.throws(
    () => engine.evaluate("orgnr.parse", { id: big }),
    (e) => e instanceof asf.InvalidRequestError && e.code === "input_too_large" && e.path === "",
  );
  assert.equal(engine.evaluate("orgnr.parse", { id: "556016-0680" }).formatted, "556016-0680");
});

test("requests of more than 4 million items are refused with input_too_large", () => {
  const engine = new asf.Engine();
  assert.throws(
    () => engine.evaluate("orgnr.parse", { id: "556016-0680", a: new Array(4_000_000).fill(0) }),
    (e) => e instanceof asf.InvalidRequestError && e.code === "input_too_large" && e.path === "" && /4000002 items/.test(e.message),
  );
  assert.equal(engine.evaluate("orgnr.parse", { id: "556016-0680", a: new Array(3_999_990).fill(0) }).valid, true);
});
