// The conformance vectors, run in Node against the built wasm package (asf-wasm/pkg).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

import * as asf from "../../asf-wasm/pkg/index.js";
import { runVector, canonical } from "./harness.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
asf.initSync(readFileSync(join(root, "asf-wasm/pkg/asf_wasm_bg.wasm")));

const vectorsDir = join(root, "tests/vectors");
const rustPath = join(root, "build/vector-outputs/rust.json");
const rust = existsSync(rustPath) ? JSON.parse(readFileSync(rustPath, "utf8")) : null;
if (!rust && process.env.ASF_REQUIRE_RUST_OUTPUTS) throw new Error(`${rustPath} is missing: run the Rust vectors first`);

const files = readdirSync(vectorsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(vectorsDir, d.name)).filter((f) => f.endsWith(".json")).map((f) => `${d.name}/${f}`))
  .sort();

test("there are enough vectors", () => assert.ok(files.length >= 40, `${files.length}`));

for (const name of files) {
  test(name, () => {
    const vector = JSON.parse(readFileSync(join(vectorsDir, name), "utf8"));
    const [problems, out] = runVector(asf, name.split("/")[0], vector);
    assert.deepEqual(problems, []);
    if (rust) assert.equal(out, rust[name], "JavaScript and Rust differ byte for byte");
  });
}

test("a deliberately broken vector fails", () => {
  const vector = JSON.parse(readFileSync(join(root, "tests/vectors-selftest/broken.json"), "utf8"));
  const [problems] = runVector(asf, "orgnr.parse", vector);
  assert.deepEqual(problems, ['/formatted: expected "556016-0681", got "556016-0680"']);
});

test("the issue's example gives the same JSON as Rust", () => {
  const out = canonical(asf.evaluate("orgnr.parse", { id: "556016-0680" }));
  assert.equal(
    out,
    '{"formatted":"556016-0680","id_kind":"organisation_number","legal_form_group":"limited_company","normalized":"5560160680","problems":[],"valid":true,"vat_number":"SE556016068001"}',
  );
  if (rust) assert.equal(out, rust["orgnr.parse/01-real-limited-company.json"]);
});

// The smaller browser-form build must answer exactly as the full one for every operation it has.
const forms = await import("../../asf-wasm/pkg-forms/index.js");
forms.initSync(readFileSync(join(root, "asf-wasm/pkg-forms/asf_wasm_bg.wasm")));
const formOps = new Set(forms.operations());

test("asf-forms has the form operations and leaves out the file readers and goal follow-up", () => {
  for (const op of ["orgnr.parse", "rulebook.describe", "asf.assess", "reserved.eligibility", "procurement.route", "bid.validate", "aid.de_minimis.check", "aid.gber.check", "support.assess"]) {
    assert.ok(formOps.has(op), op);
  }
  for (const op of ["procurements.read", "goals.indicators"]) assert.ok(!formOps.has(op), op);
});

for (const name of files.filter((f) => formOps.has(f.split("/")[0]))) {
  test(`asf-forms: ${name}`, () => {
    const vector = JSON.parse(readFileSync(join(vectorsDir, name), "utf8"));
    const [problems, out] = runVector(forms, name.split("/")[0], vector);
    assert.deepEqual(problems, []);
    if (rust) assert.equal(out, rust[name], "asf-forms and Rust differ byte for byte");
  });
}
