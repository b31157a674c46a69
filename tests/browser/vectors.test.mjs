// The conformance vectors, run in headless Chromium against the built wasm package loaded
// by a page served on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { start, root } from "./server.mjs";

const vectorsDir = join(root, "tests/vectors");
const bundle = {};
for (const d of readdirSync(vectorsDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const f of readdirSync(join(vectorsDir, d.name)).filter((f) => f.endsWith(".json")).sort()) {
    bundle[`${d.name}/${f}`] = JSON.parse(readFileSync(join(vectorsDir, d.name, f), "utf8"));
  }
}
mkdirSync(join(root, "build/browser"), { recursive: true });
writeFileSync(join(root, "build/browser/vectors.json"), JSON.stringify(bundle));

const rustPath = join(root, "build/vector-outputs/rust.json");
const rust = existsSync(rustPath) ? JSON.parse(readFileSync(rustPath, "utf8")) : null;
if (!rust && process.env.ASF_REQUIRE_RUST_OUTPUTS) throw new Error(`${rustPath} is missing: run the Rust vectors first`);

let env;
let results;
const consoleErrors = [];

before(async () => {
  env = await start();
  const page = await env.context.newPage();
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`${env.base}/tests/browser/vectors.html`);
  await page.waitForFunction(() => window.__asfResults, null, { timeout: 60_000 });
  results = await page.evaluate(() => window.__asfResults);
});

after(async () => env && (await env.close()));

test("every vector passes in Chromium", () => {
  assert.equal(results.count, Object.keys(bundle).length);
  assert.deepEqual(results.failures, []);
});

test("Chromium gives the same bytes as Rust", { skip: !rust && "no Rust outputs" }, () => {
  for (const [name, out] of Object.entries(results.outputs)) assert.equal(out, rust[name], name);
});

test("misuse throws typed errors and the instance survives", () => assert.deepEqual(results.misuse, []));

test("no console errors", () => assert.deepEqual(consoleErrors, []));
