//! Turning a JSON request into a typed request, with misuse errors that carry the JSON
//! Pointer of the offending field.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, ErrorKind};

/// Largest request accepted by [`crate::Engine::evaluate_json`], in bytes (64 MiB).
pub const MAX_REQUEST_BYTES: usize = 64 * 1024 * 1024;

/// Most items (array elements and object members, counted over the whole request) a
/// request may hold: four million, about half a million ledger rows of eight fields, more
/// than 64 MiB of real rows hold. It bounds the memory a request takes once parsed (tens
/// of bytes an item) whatever its shape: 64 MiB of `[0,0,0,…]` alone would be 33 million
/// items and well over a gigabyte, enough to abort a browser tab's wasm instance.
pub const MAX_REQUEST_ITEMS: usize = 4_000_000;

/// Checks a request's text against [`MAX_REQUEST_BYTES`] and [`MAX_REQUEST_ITEMS`] before
/// it is parsed; both give `input_too_large` with the path `""` (the whole request). Items
/// are counted by one pass over the bytes: each `[` and `{` opens a container holding one
/// item, each `,` adds one, outside strings.
pub fn check_size(text: &str) -> Result<(), Error> {
    if text.len() > MAX_REQUEST_BYTES {
        return Err(Error::input_too_large(text.len(), MAX_REQUEST_BYTES));
    }
    let items = count_items(text.as_bytes());
    if items > MAX_REQUEST_ITEMS {
        return Err(Error::new(
            ErrorKind::InvalidRequest,
            "input_too_large",
            "",
            format!("the request holds {items} items (array elements and object members); the limit is {MAX_REQUEST_ITEMS}"),
        ));
    }
    Ok(())
}

/// Array elements and object members in JSON text (an upper bound for malformed text).
fn count_items(bytes: &[u8]) -> usize {
    let (mut items, mut in_string, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'[' | b'{' | b',' => items = items.saturating_add(1),
                _ => {}
            }
        }
    }
    items
}

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
    fn items_are_counted_outside_strings() {
        assert_eq!(count_items(br#"{}"#), 1);
        assert_eq!(count_items(br#"{"a": [1, 2, 3], "b": "x,[{"}"#), 5);
        assert_eq!(count_items(br#"["\\", ",", "\",", 1]"#), 4);
    }

    #[test]
    fn too_many_items_is_input_too_large() {
        let at_limit = format!("[{}0]", "0,".repeat(MAX_REQUEST_ITEMS - 1));
        assert_eq!(check_size(&at_limit), Ok(()));
        let over = format!("[{}0]", "0,".repeat(MAX_REQUEST_ITEMS));
        let e = check_size(&over).unwrap_err();
        assert_eq!((e.kind, e.code.as_str(), e.path.as_str()), (ErrorKind::InvalidRequest, "input_too_large", ""));
        assert!(e.message.contains("4000001 items"), "{}", e.message);
    }

    #[test]
    fn too_many_bytes_is_input_too_large() {
        let e = check_size(&" ".repeat(MAX_REQUEST_BYTES + 1)).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("input_too_large", ""));
    }

    #[test]
    fn non_object_request_is_a_type_error() {
        let e = decode::<Outer>(serde_json::json!([1])).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("invalid_type", ""));
    }
}
