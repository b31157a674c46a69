//! Misuse errors: the request could not be understood at all (unknown operation, malformed
//! JSON, a field of the wrong type). Bad *business* input is never an error: it is a
//! [`Problem`](crate::problem::Problem) inside a normal response.

use serde::{Deserialize, Serialize};

/// The family an error belongs to. Bindings map each kind to one exception class
/// (Python) or `Error` subclass (JavaScript).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The operation name is not one of [`crate::operations`].
    UnknownOperation,
    /// The request is not valid JSON, is too large, or holds a value of the right type
    /// that cannot be read (an impossible date, an unknown enum value).
    InvalidRequest,
    /// A field has the wrong JSON type or a required field is missing.
    RequestType,
    /// A rulebook file was rejected; the loaded rulebook is unchanged.
    Rulebook,
    /// A bug in asf. Please report it with the request that caused it.
    Internal,
}

/// A misuse error with a stable snake_case `code` and a JSON Pointer `path` into the
/// request (or into the rulebook file, for rulebook errors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[error("{code} at '{path}': {message}")]
pub struct Error {
    pub kind: ErrorKind,
    pub code: String,
    pub path: String,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error { kind, code: code.to_owned(), path: path.into(), message: message.into() }
    }

    pub fn unknown_operation(op: &str) -> Self {
        Error::new(
            ErrorKind::UnknownOperation,
            "unknown_operation",
            "",
            format!("unknown operation '{op}'; known operations: {}", crate::operations().join(", ")),
        )
    }

    pub fn invalid_json(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidRequest, "invalid_json", "", message)
    }

    pub fn input_too_large(size: usize, limit: usize) -> Self {
        Error::new(
            ErrorKind::InvalidRequest,
            "input_too_large",
            "",
            format!("the request is {size} bytes; the limit is {limit} bytes"),
        )
    }

    pub fn invalid_value(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidRequest, "invalid_value", path, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Internal, "internal_error", "", message)
    }
}

/// Every error code, with its kind. Bindings test that their class mapping covers it.
pub const ERROR_CODES: &[(&str, ErrorKind)] = &[
    ("unknown_operation", ErrorKind::UnknownOperation),
    ("invalid_json", ErrorKind::InvalidRequest),
    ("input_too_large", ErrorKind::InvalidRequest),
    ("invalid_value", ErrorKind::InvalidRequest),
    ("invalid_type", ErrorKind::RequestType),
    ("missing_field", ErrorKind::RequestType),
    ("rulebook_invalid_format", ErrorKind::Rulebook),
    ("rulebook_missing_field", ErrorKind::Rulebook),
    ("rulebook_invalid_value", ErrorKind::Rulebook),
    ("rulebook_period_reversed", ErrorKind::Rulebook),
    ("rulebook_unknown_unit", ErrorKind::Rulebook),
    ("rulebook_unknown_comparison", ErrorKind::Rulebook),
    ("rulebook_overlap", ErrorKind::Rulebook),
    ("internal_error", ErrorKind::Internal),
];
