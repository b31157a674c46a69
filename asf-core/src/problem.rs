//! Problems: what is wrong or missing in otherwise well-formed business input.
//!
//! Every problem code is declared once as a [`CodeDef`] next to the rule that raises it,
//! with an English and a Swedish message template. Templates name their parameters in
//! braces (`{length}`); the same values travel in `params` so a user interface can write
//! its own text. [`crate::catalogue::all`] lists every code.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Language of human-readable messages. English is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    Sv,
}

/// A problem code with its message templates.
#[derive(Debug, PartialEq, Eq)]
pub struct CodeDef {
    pub code: &'static str,
    pub en: &'static str,
    pub sv: &'static str,
}

impl CodeDef {
    pub fn template(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Sv => self.sv,
        }
    }
}

/// One problem found in a request: a stable `code`, a JSON Pointer `path` into the request,
/// a `message` in the requested language and the `params` the message was built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Problem {
    pub code: String,
    pub path: String,
    pub message: String,
    pub params: Map<String, Value>,
}

impl Problem {
    /// A problem without parameters.
    pub fn new(def: &CodeDef, path: impl Into<String>, lang: Lang) -> Self {
        Problem::with_params(def, path, lang, Map::new())
    }

    /// A problem whose message is rendered from `params`.
    pub fn with_params(def: &CodeDef, path: impl Into<String>, lang: Lang, params: Map<String, Value>) -> Self {
        let message = render(def.template(lang), &params);
        Problem { code: def.code.to_owned(), path: path.into(), message, params }
    }
}

/// Builds a `params` map: `params![("length", 9), ("expected", "10 or 12")]`.
#[macro_export]
macro_rules! params {
    ($(($k:expr, $v:expr)),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut m = ::serde_json::Map::new();
        $( m.insert(::std::string::String::from($k), ::serde_json::Value::from($v)); )*
        m
    }};
}

/// Replaces `{name}` in a template with the parameter's value (strings without quotes).
/// An unknown name is left as written, so a missing parameter shows in the text.
pub fn render(template: &str, params: &Map<String, Value>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let (head, tail) = rest.split_at(start);
        out.push_str(head);
        match tail.find('}') {
            Some(end) => {
                let name = tail.get(1..end).unwrap_or_default();
                match params.get(name) {
                    Some(Value::String(s)) => out.push_str(s),
                    Some(v) => out.push_str(&v.to_string()),
                    None => out.push_str(tail.get(..=end).unwrap_or_default()),
                }
                rest = tail.get(end + 1..).unwrap_or_default();
            }
            None => {
                out.push_str(tail);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Names of the `{placeholders}` in a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(tail) = rest.get(start + 1..) else { break };
        let Some(end) = tail.find('}') else { break };
        if let Some(name) = tail.get(..end) {
            names.push(name);
        }
        rest = tail.get(end + 1..).unwrap_or_default();
    }
    names
}

/// JSON Pointer (RFC 6901) for `base` followed by one more token.
pub fn pointer(base: &str, token: impl std::fmt::Display) -> String {
    let token = token.to_string().replace('~', "~0").replace('/', "~1");
    format!("{base}/{token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_strings_without_quotes_and_numbers_as_written() {
        let p = params![("n", 9), ("s", "abc")];
        assert_eq!(render("got {n} digits in {s}; {missing}", &p), "got 9 digits in abc; {missing}");
    }

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        assert_eq!(pointer("/a", "b/c~d"), "/a/b~1c~0d");
    }
}
