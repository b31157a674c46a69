//! What every fuzz target checks besides "no panic": the answer has the documented shape.

use std::sync::OnceLock;

use asf_core::error::{ErrorKind, ERROR_CODES};
use asf_core::{Engine, Error, NaiveDate};
use serde_json::Value;

/// The date the fuzz targets use as "today", so that a crash reproduces on any day.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
}

/// One engine with the default rulebook, shared by all runs of a target.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::default)
}

pub fn operations() -> &'static [&'static str] {
    static OPS: OnceLock<Vec<&'static str>> = OnceLock::new();
    OPS.get_or_init(asf_core::operations)
}

/// Runs `op` on `text` and checks the answer; panics (a fuzz finding) when it is wrong.
pub fn evaluate_and_check(op: &str, text: &str) {
    match engine().evaluate_json_on(op, text, today()) {
        Ok(out) => {
            let value: Value = serde_json::from_str(&out)
                .unwrap_or_else(|e| panic!("{op}: the response is not JSON ({e}): {out}"));
            assert!(value.is_object(), "{op}: the response is not an object: {out}");
            check_problems(op, &value);
        }
        Err(e) => check_error(op, &e),
    }
}

/// A misuse error has a known code of its kind and a JSON Pointer path; it is never an
/// internal error (that is a bug in asf).
pub fn check_error(op: &str, e: &Error) {
    assert_ne!(e.kind, ErrorKind::Internal, "{op}: internal error: {e}");
    assert!(
        ERROR_CODES.iter().any(|(code, kind)| *code == e.code && *kind == e.kind),
        "{op}: unknown error code or kind: {e:?}"
    );
    assert!(e.path.is_empty() || e.path.starts_with('/'), "{op}: path is not a JSON Pointer: {e:?}");
    assert!(!e.message.is_empty(), "{op}: error without a message: {e:?}");
}

/// Every problem anywhere in a response has a catalogue code, a JSON Pointer path and all
/// the parameters its message template names.
pub fn check_problems(op: &str, value: &Value) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| check_problems(op, v)),
        Value::Object(map) => {
            if let (Some(Value::String(code)), Some(Value::String(path)), Some(Value::String(_)), Some(Value::Object(params))) =
                (map.get("code"), map.get("path"), map.get("message"), map.get("params"))
            {
                let def = asf_core::catalogue::get(code)
                    .unwrap_or_else(|| panic!("{op}: problem code {code} is not in the catalogue"));
                assert!(path.is_empty() || path.starts_with('/'), "{op}: {code}: path {path:?} is not a JSON Pointer");
                for name in asf_core::problem::placeholders(def.en) {
                    assert!(params.contains_key(name), "{op}: {code}: parameter {name} missing: {map:?}");
                }
            }
            map.values().for_each(|v| check_problems(op, v));
        }
        _ => {}
    }
}
