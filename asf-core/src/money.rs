//! Exact decimal amounts on the wire.
//!
//! Money and shares are [`rust_decimal::Decimal`]. In a request an amount may be a decimal
//! string (`"1234.50"`) or a JSON number, which is read from its literal text (the workspace
//! enables serde_json's `arbitrary_precision`), never through binary floating point. In a
//! response an amount is always a string.
//!
//! Use with `#[serde(with = "crate::money::decimal")]` or `crate::money::opt_decimal`.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;

/// Parses a plain decimal literal: optional sign, digits, optional `.` and digits.
/// Exponents, thousands separators, `NaN` and infinities are refused.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits_ok(int) || !digits_ok(frac) || (body.contains('.') && frac.is_empty()) {
        return None;
    }
    Decimal::from_str_exact(t.strip_prefix('+').unwrap_or(t)).ok()
}

struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a decimal number or a decimal string such as \"1234.50\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(i128::try_from(v).map_err(E::custom)?, 0).map_err(E::custom)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(v, 0).map_err(E::custom)
    }

    // serde_json (arbitrary_precision) passes a number through `visit_f64` only when the
    // float prints back exactly as the literal was written, so its shortest decimal form
    // is the literal's exact value: no binary rounding reaches the amount.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        if !v.is_finite() {
            return Err(E::invalid_value(de::Unexpected::Float(v), &self));
        }
        parse_decimal(&v.to_string()).ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
    }

    // With arbitrary_precision any other JSON number arrives as a map holding its literal text.
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        let Some((_key, text)) = map.next_entry::<String, String>()? else {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        };
        parse_decimal(&text).ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&text), &self))
    }
}

/// Deserialises an exact decimal from a string or a JSON number's literal text.
pub fn deserialize_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

/// `#[serde(with = "crate::money::decimal")]`
pub mod decimal {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        deserialize_decimal(d)
    }
}

/// `#[serde(with = "crate::money::opt_decimal", default)]`: null or absent is `None`.
pub mod opt_decimal {
    use super::*;
    use serde::Deserialize;

    #[derive(serde::Deserialize)]
    struct Wrap(#[serde(deserialize_with = "deserialize_decimal")] Decimal);

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
    }
}

/// Renders a fraction as a decimal string with exactly `places` digits, rounding half to
/// even only for display; comparisons are always made on the exact value.
pub fn fraction_string(numerator: Decimal, denominator: Decimal, places: u32) -> Option<String> {
    if denominator.is_zero() {
        return None;
    }
    let q = numerator.checked_div(denominator)?;
    Some(format!("{:.*}", places as usize, q.round_dp(places)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct M {
        #[serde(with = "decimal")]
        a: Decimal,
    }

    #[test]
    fn number_literal_is_exact() {
        let m: M = serde_json::from_str(r#"{"a": 0.1}"#).unwrap();
        assert_eq!(m.a.to_string(), "0.1");
        let m: M = serde_json::from_str(r#"{"a": 12345678901234567.89}"#).unwrap();
        assert_eq!(m.a.to_string(), "12345678901234567.89");
    }

    /// Requests reach operations as a `Value` first: numbers must stay exact on that path too.
    #[test]
    fn number_literal_is_exact_through_a_value() {
        for (literal, exact) in [("699999.99", "699999.99"), ("0.1", "0.1"), ("1.50", "1.50"), ("100000", "100000"),
            ("340282366920938463463374607431768211455", ""), ("-7922816251426433759354395033", "-7922816251426433759354395033")] {
            let v: serde_json::Value = serde_json::from_str(&format!(r#"{{"a": {literal}}}"#)).unwrap();
            match serde_json::from_value::<M>(v) {
                Ok(m) => assert_eq!(m.a.to_string(), exact, "{literal}"),
                Err(_) => assert_eq!(exact, "", "{literal} should parse"),
            }
        }
    }

    #[test]
    fn string_literal_is_exact_and_keeps_scale() {
        let m: M = serde_json::from_str(r#"{"a": "1234.50"}"#).unwrap();
        assert_eq!(m.a.to_string(), "1234.50");
    }

    #[test]
    fn refuses_exponents_nan_and_junk() {
        for bad in [r#""1e3""#, r#""NaN""#, r#""1,5""#, r#""""#, r#""1.""#, r#"".5""#, "1e3", "true"] {
            assert!(serde_json::from_str::<M>(&format!(r#"{{"a": {bad}}}"#)).is_err(), "{bad}");
        }
    }
}
