// Browser benchmark: wasm instantiation time and bid.validate throughput in headless
// Chromium, beside the module size. Run with `make bench` (after `make wasm`).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { start, root } from "../tests/browser/server.mjs";

const wasm = readFileSync(join(root, "asf-wasm/pkg-forms/asf_wasm_bg.wasm"));
const env = await start();
try {
  const page = await env.context.newPage();
  await page.goto(`${env.base}/benches/browser.html`);
  await page.waitForFunction(() => window.__bench, null, { timeout: 60_000 });
  const r = await page.evaluate(() => window.__bench);
  const gz = gzipSync(wasm, { level: 9 }).length;
  console.log("asf-forms in headless Chromium (one tab)  measured        target");
  console.log(`wasm module, gzipped                      ${(gz / 1024).toFixed(1).padStart(8)} KB     < 250 KB  ${gz < 250 * 1024 ? "ok" : "MISSED"}`);
  console.log(`wasm module, raw                          ${(wasm.length / 1024).toFixed(1).padStart(8)} KB`);
  console.log(`instantiation (fetch + compile + init)    ${r.instantiateMs.toFixed(1).padStart(8)} ms`);
  console.log(`bid.validate, three-lot reserved bid      ${String(r.perSecond).padStart(8)} /s     >= 50 000/s  ${r.perSecond >= 50000 ? "ok" : "MISSED"}`);
} finally {
  await env.close();
}
