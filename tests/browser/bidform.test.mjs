// End-to-end: the bid form in asf-wasm/www, driven in headless Chromium as a supplier would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { start, root } from "./server.mjs";

let env;
let page;
const consoleErrors = [];
const artifacts = join(root, "test-artifacts");

before(async () => {
  env = await start();
  page = await env.context.newPage();
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`${env.base}/asf-wasm/www/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
});

after(async () => env && (await env.close()));

const problemsAt = (path) => page.locator(`li[data-path="${path}"]`);

test("the empty form is in Swedish and cannot be sent", async () => {
  assert.equal(await page.getAttribute("html", "lang"), "sv");
  assert.equal(await page.textContent("h1"), "Anbud i reserverad upphandling");
  assert.equal(await page.isDisabled("#send"), true);
});

test("an invalid organisation number shows the Swedish message at that field", async () => {
  await page.fill("#org_id", "556016-0681");
  const li = problemsAt("/bid/supplier/org_id");
  await li.first().waitFor();
  assert.equal(await li.count(), 1);
  assert.equal(
    await li.first().textContent(),
    "Kontrollsiffran stämmer inte: sista siffran borde vara 0. Kontrollera om numret är felskrivet.",
  );
  assert.equal(await li.first().getAttribute("data-code"), "orgnr_checksum");
  // The message sits next to the field it is about.
  const label = page.locator("label", { has: page.locator("#org_id") });
  assert.equal(await label.locator("+ ul.problems li").count(), 1);
  assert.equal(await page.getAttribute("#org_id", "aria-invalid"), "true");
});

test("fixing the number makes the message disappear", async () => {
  await page.fill("#org_id", "556016-0680");
  await problemsAt("/bid/supplier/org_id").first().waitFor({ state: "detached" });
  assert.equal(await problemsAt("/bid/supplier/org_id").count(), 0);
  assert.equal(await page.getAttribute("#org_id", "aria-invalid"), null);
});

test("2 of 10 occupied in the target group shows the 30 % message", async () => {
  await page.fill("#name", "Exempel Städ AB");
  await page.fill("#contact_email", "anbud@exempel.se");
  await page.fill("#price-1", "125 000,50");
  await page.fill("#price-3", "47000");
  await page.check("#main_purpose_integration");
  await page.fill("#occupied_total", "10");
  await page.fill("#occupied_target_group", "2");
  const li = problemsAt("/bid/reserved_declaration/occupied_target_group");
  await li.first().waitFor();
  assert.equal(await li.first().getAttribute("data-code"), "bid_reserved_share_too_low");
  assert.match(await li.first().textContent(), /^2 av 10 sysselsatta tillhör målgruppen \(20(,00)? %\); en reserverad upphandling kräver minst 30 % \(LOU 4 kap\. 18 §\)\.$/);
  assert.equal(await page.isDisabled("#send"), true);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "bidform-invalid.png"), fullPage: true });
});

test("the English switch shows the same problem in English", async () => {
  await page.click("#lang-en");
  const li = problemsAt("/bid/reserved_declaration/occupied_target_group");
  assert.match(await li.first().textContent(), /a reserved procurement requires at least 30 %/);
  assert.equal(await page.textContent("h1"), "Bid in a reserved procurement");
  await page.click("#lang-sv");
});

test("a complete bid enables the send button", async () => {
  await page.fill("#occupied_target_group", "3");
  await page.waitForFunction(() => !document.querySelector("#send").disabled);
  assert.equal(await page.locator("ul.problems li").count(), 0);
  assert.equal(await page.textContent("#status"), "Anbudet är komplett och kan skickas.");
  await page.screenshot({ path: join(artifacts, "bidform-valid.png"), fullPage: true });
  await page.click("#send");
  assert.equal(await page.textContent("#status"), "Anbudet är klart (demo: inget skickades).");
});

test("no console errors", () => assert.deepEqual(consoleErrors, []));
