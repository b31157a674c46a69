//! The native half of the browser package: strings in, strings out. JavaScript objects
//! are serialised by the wrapper (`js/index.js`), which also turns an error (thrown here as
//! a JSON string) into a real `Error` subclass with `code` and `path`.
//!
//! Keep `i64`/`u64` off this surface: they would cross as `BigInt`.

use asf_core::{Error, NaiveDate};
use wasm_bindgen::prelude::*;

fn error_json(e: &Error) -> String {
    serde_json::to_string(e).unwrap_or_else(|_| String::from(r#"{"kind":"internal","code":"internal_error","path":"","message":"could not encode an error"}"#))
}

/// An engine with its own rulebook.
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Engine {
    inner: asf_core::Engine,
}

#[wasm_bindgen]
impl Engine {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Adds a rulebook file's entries; on error (thrown as JSON text) nothing changes.
    #[wasm_bindgen(js_name = loadRulebookJson)]
    pub fn load_rulebook_json(&mut self, text: &str) -> Result<(), String> {
        self.inner.load_rulebook_json(text).map_err(|e| error_json(&e))
    }

    /// Evaluates `op` on a JSON request with `today` (YYYY-MM-DD) as default as-of date.
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(&self, op: &str, request: &str, today: &str) -> Result<String, String> {
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d")
            .map_err(|_| error_json(&Error::invalid_value("", format!("today '{today}' is not a date YYYY-MM-DD"))))?;
        self.inner.evaluate_json_on(op, request, today).map_err(|e| error_json(&e))
    }

    /// The rulebook entries, as JSON text.
    #[wasm_bindgen(js_name = rulebookJson)]
    pub fn rulebook_json(&self) -> String {
        let entries: Vec<_> = self.inner.rulebook().entries().collect();
        serde_json::to_string(&entries).unwrap_or_else(|_| String::from("[]"))
    }
}

/// Names of all operations, as a JSON array.
#[wasm_bindgen]
pub fn operations() -> String {
    serde_json::to_string(&asf_core::operations()).unwrap_or_else(|_| String::from("[]"))
}

/// Every problem code with its message templates, as a JSON array of {code, en, sv}.
#[wasm_bindgen]
pub fn catalogue() -> String {
    let rows: Vec<_> = asf_core::catalogue::all()
        .into_iter()
        .map(|d| serde_json::json!({"code": d.code, "en": d.en, "sv": d.sv}))
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| String::from("[]"))
}

/// Every misuse error code with its kind, as a JSON array of [code, kind].
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> String {
    serde_json::to_string(asf_core::error::ERROR_CODES).unwrap_or_else(|_| String::from("[]"))
}
