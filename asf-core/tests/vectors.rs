//! Runs every conformance vector in `tests/vectors` (see its README) through the Rust core,
//! and writes the canonical responses for the other runners to compare against.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use asf_core::{Engine, NaiveDate};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// `expected` matches `actual`: listed object keys match, arrays match element-wise.
fn matches(expected: &Value, actual: &Value, at: &str, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => matches(ev, av, &format!("{at}/{k}"), errors),
                    None => errors.push(format!("{at}/{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errors.push(format!("{at}: expected {} items, got {}: {}", e.len(), a.len(), actual));
                return;
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                matches(ev, av, &format!("{at}/{i}"), errors);
            }
        }
        (Value::Number(e), Value::Number(a)) if e.to_string() == a.to_string() => {}
        _ if expected == actual => {}
        _ => errors.push(format!("{at}: expected {expected}, got {actual}")),
    }
}

fn run_vector(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let op = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or_default();
    run_vector_text(op, &text)
}

fn run_vector_text(op: &str, text: &str) -> Result<String, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let today = v.get("today").and_then(Value::as_str).unwrap_or("2026-01-01");
    let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let mut engine = Engine::default();
    for rb in v.get("rulebook").and_then(Value::as_array).into_iter().flatten() {
        engine.load_rulebook_json(&rb.to_string()).map_err(|e| format!("rulebook: {e}"))?;
    }
    let request = v.get("request").cloned().unwrap_or(Value::Null);
    // The bindings' path (text straight to the typed request) must answer exactly as the
    // value path does.
    let via_text = engine
        .evaluate_json_on(op, &request.to_string(), today)
        .map(|t| serde_json::from_str::<Value>(&t).map(|v| v.to_string()).unwrap_or(t))
        .map_err(|e| serde_json::json!({"error": e}).to_string());
    let mut errors = Vec::new();
    let canonical = match (engine.evaluate_on(op, request, today), v.get("response"), v.get("error")) {
        (Ok(actual), Some(expected), None) => {
            matches(expected, &actual, "", &mut errors);
            actual.to_string()
        }
        (Err(e), None, Some(expected)) => {
            let actual = serde_json::to_value(&e).map_err(|e| e.to_string())?;
            matches(expected, &actual, "#error", &mut errors);
            serde_json::json!({"error": actual}).to_string()
        }
        (Ok(actual), _, Some(_)) => return Err(format!("expected an error, got {actual}")),
        (Err(e), Some(_), _) => return Err(format!("expected a response, got error {e}")),
        _ => return Err("a vector needs exactly one of 'response' and 'error'".into()),
    };
    let text_canonical = via_text.unwrap_or_else(|e| e);
    if text_canonical != canonical {
        errors.push(format!("the text path answers differently:\n    value: {canonical}\n    text:  {text_canonical}"));
    }
    if errors.is_empty() {
        Ok(canonical)
    } else {
        Err(errors.join("\n  "))
    }
}

fn all_vectors() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for op in std::fs::read_dir(vectors_dir()).into_iter().flatten().flatten() {
        if op.path().is_dir() {
            for f in std::fs::read_dir(op.path()).into_iter().flatten().flatten() {
                if f.path().extension().is_some_and(|e| e == "json") {
                    files.push(f.path());
                }
            }
        }
    }
    files.sort();
    files
}

#[test]
fn conformance_vectors() {
    let files = all_vectors();
    assert!(files.len() >= 40, "expected at least 40 vectors, found {}", files.len());
    let mut outputs = BTreeMap::new();
    let mut failures = Vec::new();
    for f in &files {
        let name = f.strip_prefix(vectors_dir()).unwrap_or(f).to_string_lossy().replace('\\', "/");
        match run_vector(f) {
            Ok(canonical) => {
                outputs.insert(name, canonical);
            }
            Err(e) => failures.push(format!("{name}:\n  {e}")),
        }
    }
    if let Ok(out) = std::env::var("ASF_VECTOR_OUTPUTS") {
        let json = serde_json::to_string_pretty(&outputs).unwrap_or_default();
        if let Some(dir) = Path::new(&out).parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Err(e) = std::fs::write(&out, json) {
            failures.push(format!("could not write {out}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), files.len(), failures.join("\n"));
    println!("{} vectors passed", files.len());
}

/// Every operation has vectors, and every vector folder names an operation.
#[test]
fn every_operation_has_vectors() {
    let dirs: Vec<String> = std::fs::read_dir(vectors_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for op in asf_core::operations() {
        assert!(dirs.iter().any(|d| d == op), "no vectors for {op}");
    }
    for d in &dirs {
        assert!(asf_core::operations().contains(&d.as_str()), "vector folder {d} names no operation");
    }
}

/// The runner can fail: a vector with a wrong expectation is reported.
#[test]
fn a_broken_vector_fails() {
    let text = std::fs::read_to_string(vectors_dir().join("../vectors-selftest/broken.json")).unwrap_or_default();
    let err = run_vector_text("orgnr.parse", &text).unwrap_err();
    assert_eq!(err, r#"/formatted: expected "556016-0681", got "556016-0680""#);
}
