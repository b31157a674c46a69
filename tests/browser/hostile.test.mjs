// Hostile input to every operation in headless Chromium, against the built wasm package
// loaded by a page: the same seeded storm as tests/node/hostile.test.mjs, then every vector
// on the same instance.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

import { start, root } from "./server.mjs";

const vectors = {};
const dir = join(root, "tests/vectors");
for (const d of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const f of readdirSync(join(dir, d.name)).filter((f) => f.endsWith(".json")).sort()) {
    vectors[`${d.name}/${f}`] = JSON.parse(readFileSync(join(dir, d.name, f), "utf8"));
  }
}
const seed = Number(process.env.ASF_HOSTILE_SEED ?? 20261129);

let env;
let page;
const consoleErrors = [];

before(async () => {
  env = await start();
  page = await env.context.newPage();
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`${env.base}/tests/browser/hostile.html`);
  await page.waitForFunction(() => window.__asfStorm || window.__asfStormError, null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.__asfStormError ?? null), null);
});

after(async () => env && (await env.close()));

test(`a storm of hostile requests (seed ${seed}) leaves the page's instance answering every vector`, async () => {
  const { failures, outcomes, checked } = await page.evaluate(([v, s]) => window.__asfStorm(v, { seed: s, count: 3000 }), [vectors, seed]);
  assert.deepEqual(failures, []);
  assert.ok(outcomes.response > 300 && outcomes.invalid_type > 100 && outcomes.invalid_json > 10, JSON.stringify(outcomes));
  assert.ok(checked > 300, `${checked} vectors checked`);
});

test("no console errors", () => assert.deepEqual(consoleErrors, []));
