// Shared by the Node and browser runners: vector matching and canonical JSON.

/** Listed object keys must match; arrays match element-wise; scalars are equal. */
export function mismatches(expected, actual, at = "") {
  const out = [];
  if (expected && typeof expected === "object" && !Array.isArray(expected)) {
    if (!actual || typeof actual !== "object" || Array.isArray(actual)) {
      return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
    }
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in actual)) out.push(`${at}/${k}: missing`);
      else out.push(...mismatches(v, actual[k], `${at}/${k}`));
    }
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return [`${at}: expected ${expected.length} items, got ${JSON.stringify(actual)}`];
    }
    expected.forEach((v, i) => out.push(...mismatches(v, actual[i], `${at}/${i}`)));
  } else if (expected !== actual) {
    out.push(`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  return out;
}

/** Sorted keys, no spaces: the same bytes as serde_json and Python's json.dumps(sort_keys). */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Runs one vector with the package's Engine; returns [problems, canonical output]. */
export function runVector(asf, op, vector) {
  const engine = new asf.Engine();
  for (const rb of vector.rulebook ?? []) engine.loadRulebook(rb);
  const today = vector.today ?? "2026-01-01";
  let actual;
  try {
    actual = engine.evaluate(op, vector.request, { today });
  } catch (e) {
    if (!(e instanceof asf.AsfError)) return [[`threw a non-asf error: ${e}`], ""];
    if (!("error" in vector)) return [[`unexpected error ${e.code} at ${e.path}: ${e.message}`], ""];
    const err = { kind: e.kind, code: e.code, path: e.path, message: e.message };
    return [mismatches(vector.error, err, "#error"), canonical({ error: err })];
  }
  if (!("response" in vector)) return [[`expected an error, got ${JSON.stringify(actual)}`], ""];
  return [mismatches(vector.response, actual), canonical(actual)];
}
