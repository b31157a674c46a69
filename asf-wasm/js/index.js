// asf for JavaScript: the wasm core behind a small, typed, throwing API.
//
//   import init, { evaluate } from "asf";
//   await init();
//   evaluate("orgnr.parse", { id: "556016-0680" }).formatted; // "556016-0680"
//
// Requests are plain objects; they are encoded here (with JSON Pointer paths in any
// error) and decoded by Rust. Misuse throws an AsfError subclass with `code` and `path`;
// bad business input comes back as `problems` in the response.

import wasmInit, {
  initSync as wasmInitSync,
  Engine as RawEngine,
  operations as rawOperations,
  catalogue as rawCatalogue,
  errorCodes as rawErrorCodes,
} from "./asf_wasm.js";

/** Base class of every error asf throws. */
export class AsfError extends Error {
  constructor(message, { kind = "", code = "", path = "" } = {}) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
    this.code = code;
    this.path = path;
  }
}
/** The operation name is not one of `operations()`. */
export class UnknownOperationError extends AsfError {}
/** The request is not valid JSON, is too large, or holds an unreadable value. */
export class InvalidRequestError extends AsfError {}
/** A field has the wrong type, or a required field is missing. */
export class RequestTypeError extends AsfError {}
/** A rulebook file was rejected; the rulebook in use is unchanged. */
export class RulebookError extends AsfError {}
/** A bug in asf: please report it with the request. */
export class InternalError extends AsfError {}

/** Error class by error kind (the core's `ErrorKind`). */
export const ERROR_CLASSES = Object.freeze({
  unknown_operation: UnknownOperationError,
  invalid_request: InvalidRequestError,
  request_type: RequestTypeError,
  rulebook: RulebookError,
  internal: InternalError,
});

function toError(thrown) {
  if (typeof thrown === "string") {
    let e;
    try {
      e = JSON.parse(thrown);
    } catch {
      e = { kind: "internal", code: "internal_error", path: "", message: thrown };
    }
    const Cls = ERROR_CLASSES[e.kind] ?? InternalError;
    return new Cls(e.message, e);
  }
  if (thrown instanceof AsfError) return thrown;
  return new InternalError(`asf failed: ${thrown?.message ?? thrown}`, { kind: "internal", code: "internal_error" });
}

function call(f) {
  try {
    return f();
  } catch (thrown) {
    throw toError(thrown);
  }
}

const MAX_DEPTH = 128;

function typeError(message, path) {
  return new RequestTypeError(message, { kind: "request_type", code: "invalid_type", path });
}

function pointer(path, key) {
  return `${path}/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

// JSON encoding with the checks JSON.stringify does not make: no NaN or Infinity turning
// silently into null, no cycles, bounded depth, and errors that say where.
function encode(value, path, depth, seen) {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw typeError(`${value} is not a finite number`, path);
      // Beyond 2^53 a JavaScript number is no longer the integer that was written.
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        throw typeError(`${value} is too large to be sent exactly as a JavaScript number; pass it as a string`, path);
      }
      return JSON.stringify(value);
    case "bigint":
      return JSON.stringify(value.toString());
    case "object": {
      if (value === null) return "null";
      if (depth >= MAX_DEPTH) {
        throw new InvalidRequestError(`the request nests deeper than ${MAX_DEPTH} levels`, {
          kind: "invalid_request",
          code: "invalid_json",
          path,
        });
      }
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw typeError("invalid Date", path);
        return JSON.stringify(localDate(value));
      }
      if (seen.has(value)) throw typeError("the request contains a cycle", path);
      seen.add(value);
      let out;
      if (Array.isArray(value)) {
        out = `[${value.map((v, i) => (v === undefined ? "null" : encode(v, pointer(path, i), depth + 1, seen))).join(",")}]`;
      } else {
        const parts = [];
        for (const [k, v] of Object.entries(value)) {
          if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
          parts.push(`${JSON.stringify(k)}:${encode(v, pointer(path, k), depth + 1, seen)}`);
        }
        out = `{${parts.join(",")}}`;
      }
      seen.delete(value);
      return out;
    }
    default:
      throw typeError(`a ${typeof value} cannot be sent to asf`, path);
  }
}

const REFUSED = Symbol("refused");

// The fast path: JSON.stringify, with a replacer that refuses what the careful encoder
// would refuse. Only when something is refused does the careful encoder run, to say where.
function fastReplacer(key, value) {
  // A Date has already been through toJSON (an invalid one gives null): look at the original.
  const raw = this[key];
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) throw REFUSED;
    return localDate(raw);
  }
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) throw REFUSED;
      return value;
    case "bigint":
      return value.toString();
    case "function":
    case "symbol":
      if (Array.isArray(this)) throw REFUSED;
      return undefined;
    default:
      return value;
  }
}

function encodeRequest(request) {
  if (request === null || typeof request !== "object" || Array.isArray(request)) {
    throw typeError(`the request must be an object, not ${request === null ? "null" : Array.isArray(request) ? "an array" : typeof request}`, "");
  }
  try {
    return JSON.stringify(request, fastReplacer);
  } catch {
    return encode(request, "", 0, new Set());
  }
}

const pad = (n, width = 2) => String(n).padStart(width, "0");

// A Date means the calendar day the user sees: its local date (a date picker gives local
// midnight, which in Sweden is the previous day in UTC).
function localDate(d) {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function todayLocal() {
  return localDate(new Date());
}

/** A rulebook and the operations that use it; `new Engine()` holds the default rulebook. */
export class Engine {
  #raw;

  constructor() {
    try {
      this.#raw = new RawEngine();
    } catch (e) {
      throw new InternalError(`asf is not initialised: call \`await init()\` (or \`initSync(bytes)\`) first (${e?.message ?? e})`, {
        kind: "internal",
        code: "internal_error",
      });
    }
  }

  /** Runs operation `op` on `request`; returns the response as a plain object. */
  evaluate(op, request, options) {
    if (typeof op !== "string") throw typeError("the operation name must be a string", "");
    const text = encodeRequest(request);
    const today = options?.today;
    let day;
    if (today === undefined || today === null) day = todayLocal();
    else if (today instanceof Date && !Number.isNaN(today.getTime())) day = localDate(today);
    else if (typeof today === "string") day = today;
    else throw typeError("options.today must be a date string YYYY-MM-DD or a valid Date", "");
    try {
      return JSON.parse(call(() => this.#raw.evaluateJson(op, text, String(day))));
    } catch (e) {
      // Too deep for the core: the careful encoder names the place.
      if (e instanceof AsfError && e.code === "invalid_json") encode(request, "", 0, new Set());
      throw e;
    }
  }

  /** Adds a rulebook file's entries (JSON text or the parsed object). Throws a
   * RulebookError and keeps the rulebook if the file is invalid. Returns the engine. */
  loadRulebook(file) {
    const text = typeof file === "string" ? file : encodeRequest(file);
    call(() => this.#raw.loadRulebookJson(text));
    return this;
  }

  /** Every rulebook entry, ordered by id and start date. */
  rulebook() {
    return JSON.parse(this.#raw.rulebookJson());
  }
}

let defaultEngine = null;

function engine() {
  defaultEngine ??= new Engine();
  return defaultEngine;
}

/** Runs operation `op` with the default engine. */
export function evaluate(op, request, options) {
  return engine().evaluate(op, request, options);
}

/** Adds a rulebook file's entries to the default engine. */
export function loadRulebook(file) {
  engine().loadRulebook(file);
}

/** Returns the default engine to the embedded default rulebook. */
export function resetRulebook() {
  defaultEngine = null;
}

/** The names of all operations. */
export function operations() {
  return JSON.parse(rawOperations());
}

/** Every problem code with its English and Swedish message templates. */
export function catalogue() {
  return JSON.parse(rawCatalogue());
}

/** Every misuse error code with its kind, as [code, kind] pairs. */
export function errorCodes() {
  return JSON.parse(rawErrorCodes());
}

/** Organisation, personal and coordination numbers. */
export const orgnr = Object.freeze({
  parse(id, options) {
    return evaluate("orgnr.parse", { id, as_of: options?.asOf, lang: options?.lang });
  },
});

/** Loads the wasm module (fetching `asf_wasm_bg.wasm` next to this file by default). */
export default async function init(input) {
  await wasmInit(input === undefined ? undefined : { module_or_path: input });
}

/** Loads the wasm module synchronously from its bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  wasmInitSync({ module });
}
