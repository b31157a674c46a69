// Hostile requests to every operation, from a seeded PRNG so that a failure reproduces:
// random JSON of the wrong types, deep nesting, huge numbers, long strings, NaN-like
// strings, and conformance-vector requests with a few values replaced. Shared by the Node
// runner (hostile.test.mjs) and the Chromium page (tests/browser/hostile.html).

import { mismatches } from "./harness.mjs";

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_STRINGS = [
  "", " ", "NaN", "nan", "Infinity", "-Infinity", "1e309", "-0", "+1", "1e3", "1,5", "0x10",
  "2024-02-30", "0000-01-01", "9999-12-31", "+262143-01-01", "12-31", "02-29", "556016-0680",
  "sv", "en", "EUR", "SEK", "\u0000", "\ufeff", "{id}", "__proto__", "constructor",
  "79228162514264337593543950336", "0.0000000000000000000000000001",
];
const HOSTILE_NUMBERS = [
  0, -0, 1, -1, 0.1, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53 - 1, -(2 ** 53) + 1,
  2 ** 53, 2 ** 64, NaN, Infinity, -Infinity, 1.7976931348623157e308, 123456789.123456789,
];

/** Builds the generators over `rand` and the request field names seen in the vectors. */
export function generators(rand, keys) {
  const int = (n) => Math.floor(rand() * n);
  const pick = (xs) => xs[int(xs.length)];
  const key = () => (rand() < 0.7 ? pick(keys) : pick(HOSTILE_STRINGS) || "k");

  function scalar() {
    switch (int(8)) {
      case 0: return null;
      case 1: return rand() < 0.5;
      case 2: return pick(HOSTILE_NUMBERS);
      case 3: return Math.floor((rand() - 0.5) * 2 ** 40);
      case 4: return pick(HOSTILE_STRINGS);
      case 5: return "9".repeat(int(2000));
      case 6: return String.fromCharCode(...Array.from({ length: int(30) }, () => int(0x10000)));
      default: return BigInt(int(2 ** 30)) ** 3n;
    }
  }

  function value(depth = 0) {
    const r = rand();
    if (depth > 4 || r < 0.5) return scalar();
    if (r < 0.7) return Array.from({ length: int(5) }, () => value(depth + 1));
    if (r < 0.95) {
      const o = {};
      for (let i = int(6); i > 0; i--) o[key()] = value(depth + 1);
      return o;
    }
    return nested(60 + int(140));
  }

  function nested(depth) {
    let v = pick(HOSTILE_STRINGS);
    for (let i = 0; i < depth; i++) v = rand() < 0.5 ? [v] : { [key()]: v };
    return v;
  }

  /** A value like `v`: mostly of the same JSON type, at times anything. */
  function like(v) {
    if (rand() < 0.25) return value(2);
    if (typeof v === "string") return rand() < 0.8 ? pick(HOSTILE_STRINGS) : v.repeat(1 + int(50));
    if (typeof v === "number") return rand() < 0.7 ? pick(HOSTILE_NUMBERS) : -v;
    if (typeof v === "boolean" || v === null) return pick([null, true, false]);
    if (Array.isArray(v)) return v.length && rand() < 0.5 ? Array.from({ length: int(300) }, () => v[0]) : [];
    return {};
  }

  /** `request` (deep-copied) with one to three values replaced or removed. */
  function mutate(request) {
    const out = structuredClone(request);
    for (let n = 1 + int(3); n > 0; n--) {
      let node = out;
      for (;;) {
        const ks = Object.keys(node);
        if (!ks.length) break;
        const k = pick(ks);
        const child = node[k];
        if (child && typeof child === "object" && Object.keys(child).length && rand() < 0.5) {
          node = child;
          continue;
        }
        if (!Array.isArray(node) && rand() < 0.15) delete node[k];
        else node[k] = like(child);
        break;
      }
    }
    return out;
  }

  return { value, nested, mutate, pick, int };
}

/** The field names used in the vectors' requests. */
export function requestKeys(vectors) {
  const keys = new Set();
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        walk(x);
      }
    }
  };
  for (const v of Object.values(vectors)) walk(v.request);
  return [...keys].sort();
}

/**
 * Sends `count` hostile requests to one engine, then checks that the same engine still
 * answers every vector (without a user rulebook) exactly. `vectors` maps
 * "operation/file.json" to a vector. Returns {failures, outcomes}.
 */
export function storm(asf, vectors, { seed = 20261129, count = 3000 } = {}) {
  const rand = prng(seed);
  const gen = generators(rand, requestKeys(vectors));
  const ops = asf.operations();
  const errorKinds = Object.fromEntries(asf.errorCodes());
  const seeds = Object.entries(vectors).filter(([, v]) => v.request && typeof v.request === "object");
  const engine = new asf.Engine();
  const failures = [];
  const outcomes = {};
  for (let i = 0; i < count; i++) {
    let op;
    let request;
    const r = rand();
    if (r < 0.55) {
      const [name, v] = gen.pick(seeds);
      op = name.split("/")[0];
      request = gen.mutate(v.request);
    } else if (r < 0.95) {
      op = gen.pick(ops);
      request = gen.value(0);
      if (rand() < 0.8 && (request === null || typeof request !== "object" || Array.isArray(request))) request = { x: request };
    } else {
      op = gen.pick([...ops, "no.such_operation", ""]);
      request = gen.nested(100 + gen.int(100));
    }
    let outcome;
    try {
      const out = engine.evaluate(op, request, { today: "2026-01-01" });
      if (!out || typeof out !== "object" || Array.isArray(out)) failures.push(`#${i} ${op}: not an object: ${JSON.stringify(out)}`);
      outcome = "response";
    } catch (e) {
      outcome = e?.code ?? "no code";
      const ok =
        e instanceof Error &&
        e instanceof asf.AsfError &&
        !(e instanceof asf.InternalError) &&
        typeof e.code === "string" &&
        errorKinds[e.code] === e.kind &&
        typeof e.path === "string" &&
        (e.path === "" || e.path.startsWith("/"));
      if (!ok) failures.push(`#${i} ${op}: threw ${e?.constructor?.name} ${e?.code} ${e?.path}: ${e?.message ?? e}`);
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (failures.length > 20) break;
  }
  // After the storm: the same instance answers every vector as before.
  let checked = 0;
  for (const [name, v] of Object.entries(vectors)) {
    if (v.rulebook || !("response" in v)) continue;
    try {
      const out = engine.evaluate(name.split("/")[0], v.request, { today: v.today ?? "2026-01-01" });
      const bad = mismatches(v.response, out);
      if (bad.length) failures.push(`after the storm, ${name}: ${bad.join("; ")}`);
    } catch (e) {
      failures.push(`after the storm, ${name} threw ${e?.code}: ${e?.message ?? e}`);
    }
    checked++;
  }
  return { failures, outcomes, checked };
}
