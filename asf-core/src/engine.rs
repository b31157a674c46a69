//! The generic entry point: operations by name, JSON in and JSON out.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::rulebook::Rulebook;

/// What every operation may consult besides its request.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub rulebook: &'a Rulebook,
    /// The date used where a request leaves its as-of date out (UTC).
    pub today: NaiveDate,
}

/// An operation: a stable name and the function that answers it, from a JSON value or
/// straight from JSON text (the bindings' path, which skips the intermediate value).
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    pub name: &'static str,
    pub run: fn(&Context<'_>, Value) -> Result<Value, Error>,
    pub run_text: fn(&Context<'_>, &str) -> Result<String, Error>,
}

/// Defines an [`Operation`] from a typed function `fn(&Context, Request) -> Response`.
#[macro_export]
#[doc(hidden)]
macro_rules! operation {
    ($name:expr, $f:expr) => {
        $crate::engine::Operation {
            name: $name,
            run: |ctx, request| $crate::engine::run_typed(ctx, request, $f),
            run_text: |ctx, request| $crate::engine::run_typed_text(ctx, request, $f),
        }
    };
    // An operation whose function can fail as a whole (an unreadable file, say).
    (fallible $name:expr, $f:expr) => {
        $crate::engine::Operation {
            name: $name,
            run: |ctx, request| {
                let out = $f(ctx, $crate::request::decode(request)?)?;
                ::serde_json::to_value(out).map_err($crate::engine::encode_error)
            },
            run_text: |ctx, request| {
                let out = $f(ctx, $crate::request::decode_text(request)?)?;
                ::serde_json::to_string(&out).map_err($crate::engine::encode_error)
            },
        }
    };
}

#[doc(hidden)]
pub fn encode_error(e: serde_json::Error) -> Error {
    Error::internal(format!("could not encode the response: {e}"))
}

/// Decodes the request, runs a typed operation and encodes its response.
#[doc(hidden)]
pub fn run_typed<Req, Resp>(ctx: &Context<'_>, request: Value, f: fn(&Context<'_>, Req) -> Resp) -> Result<Value, Error>
where
    Req: DeserializeOwned,
    Resp: Serialize,
{
    let req: Req = crate::request::decode(request)?;
    serde_json::to_value(f(ctx, req)).map_err(encode_error)
}

/// The same from JSON text to JSON text.
#[doc(hidden)]
pub fn run_typed_text<Req, Resp>(ctx: &Context<'_>, request: &str, f: fn(&Context<'_>, Req) -> Resp) -> Result<String, Error>
where
    Req: DeserializeOwned,
    Resp: Serialize,
{
    let req: Req = crate::request::decode_text(request)?;
    serde_json::to_string(&f(ctx, req)).map_err(encode_error)
}

/// Every operation, in the order the documentation lists them.
const OPERATIONS: &[Operation] = &[
    crate::orgnr::OPERATION,
    crate::rulebook::describe::OPERATION,
    crate::criteria::OPERATION,
    crate::reserved::OPERATION,
    crate::route::OPERATION,
    crate::bid::OPERATION,
    #[cfg(feature = "procurements")]
    crate::procurements::READ_OPERATION,
    #[cfg(feature = "procurements")]
    crate::procurements::RESERVED_INDICATORS_OPERATION,
    #[cfg(feature = "aid")]
    crate::de_minimis::OPERATION,
    #[cfg(feature = "aid")]
    crate::de_minimis::AUDIT_OPERATION,
    #[cfg(feature = "aid")]
    crate::gber::OPERATION,
    #[cfg(feature = "aid")]
    crate::support::OPERATION,
    #[cfg(feature = "goals")]
    crate::goals::OPERATION,
    #[cfg(feature = "goals")]
    crate::goals::progress::OPERATION,
    #[cfg(feature = "goals")]
    crate::goals::service_outcomes::OPERATION,
];

/// The names of all operations.
pub fn operations() -> Vec<&'static str> {
    OPERATIONS.iter().map(|o| o.name).collect()
}

/// A rulebook and the operations that use it. `Engine::default()` holds the embedded
/// default rulebook.
///
/// ```
/// let engine = asf_core::Engine::default();
/// let out = engine.evaluate("orgnr.parse", serde_json::json!({"id": "556016-0680"})).unwrap();
/// assert_eq!(out["legal_form_group"], "limited_company");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Engine {
    rulebook: Rulebook,
}

impl Engine {
    pub fn with_rulebook(rulebook: Rulebook) -> Self {
        Engine { rulebook }
    }

    pub fn rulebook(&self) -> &Rulebook {
        &self.rulebook
    }

    /// Adds the entries of a rulebook file (see [`Rulebook::extended_with_json`]). On error
    /// the engine keeps the rulebook it had.
    pub fn load_rulebook_json(&mut self, text: &str) -> Result<(), Error> {
        self.rulebook = self.rulebook.extended_with_json(text)?;
        Ok(())
    }

    /// Runs operation `op` with `today` as the default as-of date.
    pub fn evaluate_on(&self, op: &str, request: Value, today: NaiveDate) -> Result<Value, Error> {
        let operation = OPERATIONS.iter().find(|o| o.name == op).ok_or_else(|| Error::unknown_operation(op))?;
        (operation.run)(&Context { rulebook: &self.rulebook, today }, request)
    }

    /// Runs operation `op` on a request given as JSON text and answers JSON text. This is
    /// what the Python and JavaScript bindings call.
    pub fn evaluate_json_on(&self, op: &str, request: &str, today: NaiveDate) -> Result<String, Error> {
        crate::request::check_size(request)?;
        let operation = OPERATIONS.iter().find(|o| o.name == op).ok_or_else(|| Error::unknown_operation(op))?;
        (operation.run_text)(&Context { rulebook: &self.rulebook, today }, request)
    }

    /// Runs operation `op`; requests without an as-of date use today's UTC date.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn evaluate(&self, op: &str, request: Value) -> Result<Value, Error> {
        self.evaluate_on(op, request, today_utc())
    }
}

/// Runs operation `op` with the default rulebook.
///
/// ```
/// let out = asf_core::evaluate("orgnr.parse", serde_json::json!({"id": "5560160680"})).unwrap();
/// assert_eq!(out["formatted"], "556016-0680");
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn evaluate(op: &str, request: Value) -> Result<Value, Error> {
    Engine::default().evaluate(op, request)
}

/// Today's date in UTC, from the system clock.
#[cfg(not(target_arch = "wasm32"))]
pub fn today_utc() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or_default(), 0)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}
