//! Turning a JSON request into a typed request, with misuse errors that carry the JSON
//! Pointer of the offending field.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, ErrorKind};

/// Largest request accepted by [`crate::Engine::evaluate_json`], in bytes (64 MiB).
pub const MAX_REQUEST_BYTES: usize = 64 * 1024 * 1024;

/// Deserialises `value` into `T`, reporting where it failed.
///
/// The value goes through its JSON text, so a request answers exactly the same (and with
/// the same messages) whether it arrives as a value or as text ([`decode_text`]).
pub fn decode<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    if !value.is_object() {
        return Err(not_an_object(&value));
    }
    decode_text(&value.to_string())
}

fn not_an_object(value: &Value) -> Error {
    Error::new(
        ErrorKind::RequestType,
        "invalid_type",
        "",
        format!("the request must be a JSON object, not {}", json_type(value)),
    )
}

/// Deserialises JSON text straight into `T` (no intermediate value), reporting where it
/// failed. Malformed JSON is `invalid_json`; a request that is not an object is
/// `invalid_type` at the root.
pub fn decode_text<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let first = text.trim_start().as_bytes().first().copied();
    if first != Some(b'{') {
        // Parse it anyway, so malformed text is reported as such.
        let value: Value = serde_json::from_str(text).map_err(|e| Error::invalid_json(e.to_string()))?;
        return Err(not_an_object(&value));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(v) => {
            de.end().map_err(|e| Error::invalid_json(e.to_string()))?;
            Ok(v)
        }
        Err(e) => {
            let inner = e.inner();
            if inner.is_syntax() || inner.is_eof() || inner.to_string().starts_with("recursion limit") {
                return Err(Error::invalid_json(inner.to_string()));
            }
            Err(classify(to_pointer(e.path()), without_position(inner)))
        }
    }
}

/// A data error's message without serde_json's " at line L column C": the same request
/// gives the same message whether it arrived as text or as a value.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).map(str::to_owned).unwrap_or(text)
}

fn classify(mut pointer: String, message: String) -> Error {
    if let Some(field) = message.strip_prefix("missing field `").and_then(|s| s.split('`').next()) {
        pointer = crate::problem::pointer(&pointer, field);
        return Error::new(ErrorKind::RequestType, "missing_field", pointer, message);
    }
    if message.starts_with("invalid type") {
        return Error::new(ErrorKind::RequestType, "invalid_type", pointer, message);
    }
    Error::invalid_value(pointer, message)
}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        out = match segment {
            Segment::Seq { index } => crate::problem::pointer(&out, index),
            Segment::Map { key } => crate::problem::pointer(&out, key),
            Segment::Enum { variant } => crate::problem::pointer(&out, variant),
            Segment::Unknown => out,
        };
    }
    out
}

/// The JSON type of a value, as a user would name it in an error message.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Inner {
        n: u32,
    }
    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Outer {
        items: Vec<Inner>,
    }

    #[test]
    fn wrong_type_points_at_the_field() {
        let e = decode::<Outer>(serde_json::json!({"items": [{"n": 1}, {"n": "x"}]})).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("invalid_type", "/items/1/n"));
    }

    #[test]
    fn missing_field_points_at_the_missing_field() {
        let e = decode::<Outer>(serde_json::json!({"items": [{}]})).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("missing_field", "/items/0/n"));
    }

    #[test]
    fn non_object_request_is_a_type_error() {
        let e = decode::<Outer>(serde_json::json!([1])).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("invalid_type", ""));
    }
}
