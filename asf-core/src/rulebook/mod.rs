//! The effective-dated rulebook: every legal parameter asf uses, as data.
//!
//! An entry is one value of one parameter over one period, with its unit, how the tested
//! quantity compares to it, its source and the confidence of that source. The default
//! rulebook is embedded (`rulebook/default.json`, built from the project's table of legal
//! parameters; values marked UNCONFIRMED there are absent). Users extend or override it
//! with a file in the same JSON format, see [`Rulebook::extended_with_json`] and
//! `docs/rulebook.md`.
//!
//! A rule that is not in force on the date asked about is never replaced by a neighbour:
//! the caller gets [`NotInForce`] and reports `rule_not_in_force`.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, ErrorKind};
use crate::problem::{CodeDef, Lang, Problem};

pub mod describe;

/// The rulebook file format this version reads.
pub const FORMAT: &str = "asf-rulebook/1";

const DEFAULT_JSON: &str = include_str!("../../rulebook/default.json");

/// What a value measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Unit {
    #[serde(rename = "fraction")]
    Fraction,
    /// A dimensionless multiple, such as the highest salary over the lowest.
    #[serde(rename = "ratio")]
    Ratio,
    #[serde(rename = "SEK")]
    Sek,
    #[serde(rename = "EUR")]
    Eur,
    #[serde(rename = "SEK/month")]
    SekPerMonth,
    #[serde(rename = "years")]
    Years,
    #[serde(rename = "months")]
    Months,
    /// `true` or `false`: whether a rule is available.
    #[serde(rename = "flag")]
    Flag,
    /// A named rule (`whole_grant`).
    #[serde(rename = "rule")]
    Rule,
    /// The id of another entry whose value applies.
    #[serde(rename = "ref")]
    Ref,
    /// A named period (`fiscal_year`).
    #[serde(rename = "period")]
    Period,
}

impl Unit {
    pub const ALL: &'static [&'static str] =
        &["fraction", "ratio", "SEK", "EUR", "SEK/month", "years", "months", "flag", "rule", "ref", "period"];

    fn is_numeric(self) -> bool {
        matches!(self, Unit::Fraction | Unit::Ratio | Unit::Sek | Unit::Eur | Unit::SekPerMonth | Unit::Years | Unit::Months)
    }
}

/// How the quantity a rule tests must compare to the entry's value for the rule to be met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Comparison {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "none")]
    None,
}

impl Comparison {
    pub const ALL: &'static [&'static str] = &[">=", ">", "<=", "<", "none"];

    /// Whether `quantity <comparison> value` holds. `None` never holds: a caller that
    /// compares against an entry without a comparison has a bug, and is told so by `false`.
    pub fn holds(self, quantity: Decimal, value: Decimal) -> bool {
        match self {
            Comparison::AtLeast => quantity >= value,
            Comparison::Above => quantity > value,
            Comparison::AtMost => quantity <= value,
            Comparison::Below => quantity < value,
            Comparison::None => false,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => ">=",
            Comparison::Above => ">",
            Comparison::AtMost => "<=",
            Comparison::Below => "<",
            Comparison::None => "none",
        }
    }
}

/// One value of one legal parameter over one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Entry {
    pub id: String,
    /// A decimal string for numeric units, a boolean for flags, text otherwise.
    pub value: Value,
    pub unit: Unit,
    pub valid_from: NaiveDate,
    /// Last day in force (inclusive); `None` while in force until further notice.
    pub valid_to: Option<NaiveDate>,
    pub comparison: Comparison,
    pub source: String,
    pub confidence: String,
    #[serde(default)]
    pub description: String,
}

impl Entry {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }

    /// The value as an exact decimal (numeric units only).
    pub fn decimal(&self) -> Option<Decimal> {
        match &self.value {
            Value::String(s) if self.unit.is_numeric() => crate::money::parse_decimal(s),
            _ => None,
        }
    }

    pub fn flag(&self) -> Option<bool> {
        self.value.as_bool()
    }

    pub fn text(&self) -> Option<&str> {
        self.value.as_str()
    }

    /// The citation and rule id a decision shows for this entry.
    pub fn legal_basis(&self) -> LegalBasis {
        LegalBasis { citation: self.source.clone(), rule: Some(self.id.clone()) }
    }

    fn overlaps(&self, other: &Entry) -> bool {
        let ends_before = |a: &Entry, b: &Entry| a.valid_to.is_some_and(|to| to < b.valid_from);
        !(ends_before(self, other) || ends_before(other, self))
    }
}

/// Where a decision comes from: a citation and, when a parameter decided it, the rulebook
/// entry id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LegalBasis {
    pub citation: String,
    pub rule: Option<String>,
}

impl LegalBasis {
    /// A citation of a provision that has no parameter in the rulebook.
    pub fn citation(text: &str) -> Self {
        LegalBasis { citation: text.to_owned(), rule: None }
    }
}

/// The rule asked for has no entry in force on the date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotInForce {
    pub rule: String,
    pub date: NaiveDate,
}

pub const RULE_NOT_IN_FORCE: CodeDef = CodeDef {
    code: "rule_not_in_force",
    en: "No rule '{rule}' is in force on {date} in the loaded rulebook; load a rulebook that provides it.",
    sv: "Ingen regel '{rule}' gäller den {date} i den inlästa regelboken; läs in en regelbok som innehåller den.",
};

pub const UNKNOWN_RULE: CodeDef = CodeDef {
    code: "unknown_rule",
    en: "The rulebook has no rule '{rule}' on any date.",
    sv: "Regelboken saknar regeln '{rule}' för alla datum.",
};

pub const CODES: &[&CodeDef] = &[&RULE_NOT_IN_FORCE, &UNKNOWN_RULE];

impl NotInForce {
    pub fn problem(&self, path: &str, lang: Lang) -> Problem {
        Problem::with_params(
            &RULE_NOT_IN_FORCE,
            path,
            lang,
            crate::params![("rule", self.rule.as_str()), ("date", self.date.to_string())],
        )
    }
}

/// An immutable set of entries, grouped by id and sorted by start date. Cheap to clone.
#[derive(Debug, Clone, PartialEq)]
pub struct Rulebook {
    entries: Arc<BTreeMap<String, Vec<Entry>>>,
}

impl Default for Rulebook {
    /// The embedded default rulebook.
    fn default() -> Self {
        static DEFAULT: OnceLock<Rulebook> = OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                // The embedded file is validated by a unit test; an empty rulebook (every
                // rule undetermined) is the safe answer should it ever fail to load.
                Rulebook::empty().extended_with_json(DEFAULT_JSON).unwrap_or_else(|_| Rulebook::empty())
            })
            .clone()
    }
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct FileShape {
    format: Option<String>,
    entries: Vec<Value>,
}

fn rulebook_error(code: &str, path: String, message: String) -> Error {
    Error::new(ErrorKind::Rulebook, code, path, message)
}

impl Rulebook {
    pub fn empty() -> Self {
        Rulebook { entries: Arc::new(BTreeMap::new()) }
    }

    /// The entry for `id` in force on `date`.
    pub fn in_force(&self, id: &str, date: NaiveDate) -> Result<&Entry, NotInForce> {
        self.entries
            .get(id)
            .and_then(|v| v.iter().find(|e| e.in_force_on(date)))
            .ok_or_else(|| NotInForce { rule: id.to_owned(), date })
    }

    /// The decimal value of `id` on `date`, with its entry.
    pub fn decimal(&self, id: &str, date: NaiveDate) -> Result<(Decimal, &Entry), NotInForce> {
        let entry = self.in_force(id, date)?;
        entry.decimal().map(|d| (d, entry)).ok_or_else(|| NotInForce { rule: id.to_owned(), date })
    }

    /// Whether any entry with this id exists, on any date.
    pub fn knows(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }

    /// All entries in force on `date`, ordered by id.
    pub fn entries_in_force(&self, date: NaiveDate) -> impl Iterator<Item = &Entry> {
        self.entries.values().flat_map(|v| v.iter()).filter(move |e| e.in_force_on(date))
    }

    /// All entries, ordered by id and start date.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().flat_map(|v| v.iter())
    }

    /// A new rulebook: this one plus the entries of a rulebook file (JSON, format
    /// [`FORMAT`]). `self` is never modified, so a rejected file leaves the rulebook in use
    /// unchanged.
    ///
    /// An entry whose period overlaps an existing entry with the same id is rejected unless
    /// it says `"override": true`; then it replaces the existing entries over its period
    /// (an existing entry that extends beyond it is cut, or split in two).
    ///
    /// ```
    /// use asf_core::rulebook::Rulebook;
    /// let file = r#"{"format": "asf-rulebook/1", "entries": [{
    ///   "id": "threshold.sub_central.supplies_services.sek", "value": "2300000", "unit": "SEK",
    ///   "valid_from": "2026-01-01", "valid_to": "2027-12-31", "comparison": ">=",
    ///   "source": "example value", "confidence": "USER"}]}"#;
    /// let rb = Rulebook::default().extended_with_json(file).unwrap();
    /// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    /// assert_eq!(rb.decimal("threshold.sub_central.supplies_services.sek", date).unwrap().0.to_string(), "2300000");
    /// assert!(Rulebook::default().in_force("threshold.sub_central.supplies_services.sek", date).is_err());
    /// ```
    pub fn extended_with_json(&self, text: &str) -> Result<Rulebook, Error> {
        let shape: FileShape = serde_json::from_str(text).map_err(|e| {
            rulebook_error("rulebook_invalid_format", String::new(), format!("not a rulebook file: {e}"))
        })?;
        if let Some(f) = shape.format.as_deref().filter(|f| *f != FORMAT) {
            return Err(rulebook_error(
                "rulebook_invalid_format",
                "/format".into(),
                format!("unsupported format '{f}'; this version reads '{FORMAT}'"),
            ));
        }
        let mut parsed = Vec::with_capacity(shape.entries.len());
        for (i, raw) in shape.entries.iter().enumerate() {
            parsed.push(parse_entry(i, raw)?);
        }
        // Overlaps inside the file are always an error.
        for (i, (a, _)) in parsed.iter().enumerate() {
            for (j, (b, _)) in parsed.iter().enumerate().take(i) {
                if a.id == b.id && a.overlaps(b) {
                    return Err(overlap_error(i, a, &format!("entry {j} of the same file")));
                }
            }
        }
        let mut map = (*self.entries).clone();
        for (i, (entry, override_existing)) in parsed.into_iter().enumerate() {
            let existing = map.entry(entry.id.clone()).or_default();
            if override_existing {
                *existing = existing.drain(..).flat_map(|old| cut(old, &entry)).collect();
            } else if let Some(old) = existing.iter().find(|old| old.overlaps(&entry)) {
                let what = format!(
                    "the loaded entry valid {}..{} (set \"override\": true to replace it)",
                    old.valid_from,
                    old.valid_to.map(|d| d.to_string()).unwrap_or_default()
                );
                return Err(overlap_error(i, &entry, &what));
            }
            existing.push(entry);
            existing.sort_by_key(|e| e.valid_from);
        }
        Ok(Rulebook { entries: Arc::new(map) })
    }
}

fn overlap_error(i: usize, entry: &Entry, other: &str) -> Error {
    rulebook_error(
        "rulebook_overlap",
        format!("/entries/{i}/valid_from"),
        format!(
            "entry {i} ('{}', valid {}..{}) overlaps {other}",
            entry.id,
            entry.valid_from,
            entry.valid_to.map(|d| d.to_string()).unwrap_or_default()
        ),
    )
}

/// What remains of `old` outside the period of `new` (zero, one or two entries).
fn cut(old: Entry, new: &Entry) -> Vec<Entry> {
    if !old.overlaps(new) {
        return vec![old];
    }
    let mut kept = Vec::new();
    if old.valid_from < new.valid_from {
        let mut before = old.clone();
        before.valid_to = new.valid_from.checked_sub_days(Days::new(1));
        kept.push(before);
    }
    if let Some(new_to) = new.valid_to {
        if old.valid_to.is_none_or(|to| to > new_to) {
            let mut after = old;
            after.valid_from = new_to.checked_add_days(Days::new(1)).unwrap_or(new_to);
            kept.push(after);
        }
    }
    kept
}

fn parse_entry(i: usize, raw: &Value) -> Result<(Entry, bool), Error> {
    let at = |field: &str| format!("/entries/{i}/{field}");
    let obj = raw
        .as_object()
        .ok_or_else(|| rulebook_error("rulebook_invalid_value", format!("/entries/{i}"), format!("entry {i} is not an object")))?;
    let id = obj.get("id").and_then(Value::as_str).map(str::trim).unwrap_or_default().to_owned();
    let name = if id.is_empty() { format!("entry {i}") } else { format!("entry {i} ('{id}')") };
    let text = |field: &str| -> Result<String, Error> {
        match obj.get(field) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
            _ => Err(rulebook_error("rulebook_missing_field", at(field), format!("{name} has no '{field}'"))),
        }
    };
    let id = text("id")?;
    let source = text("source")?;
    let confidence = text("confidence")?;
    let description = obj.get("description").and_then(Value::as_str).unwrap_or_default().to_owned();
    let date = |field: &str| -> Result<Option<NaiveDate>, Error> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| {
                rulebook_error("rulebook_invalid_value", at(field), format!("{name}: '{field}' must be a date YYYY-MM-DD, not '{s}'"))
            }),
            Some(_) => Err(rulebook_error("rulebook_invalid_value", at(field), format!("{name}: '{field}' must be a date YYYY-MM-DD"))),
        }
    };
    let valid_from = date("valid_from")?
        .ok_or_else(|| rulebook_error("rulebook_missing_field", at("valid_from"), format!("{name} has no 'valid_from'")))?;
    let valid_to = date("valid_to")?;
    if let Some(to) = valid_to.filter(|to| *to < valid_from) {
        return Err(rulebook_error(
            "rulebook_period_reversed",
            at("valid_to"),
            format!("{name} ends ({to}) before it starts ({valid_from})"),
        ));
    }
    let unit_text = text("unit")?;
    let unit: Unit = serde_json::from_value(Value::String(unit_text.clone())).map_err(|_| {
        rulebook_error(
            "rulebook_unknown_unit",
            at("unit"),
            format!("{name} has unknown unit '{unit_text}'; known units: {}", Unit::ALL.join(", ")),
        )
    })?;
    let comparison = match obj.get("comparison") {
        None | Some(Value::Null) => Comparison::None,
        Some(Value::String(s)) if s.trim().is_empty() => Comparison::None,
        Some(Value::String(s)) => serde_json::from_value(Value::String(s.trim().to_owned())).map_err(|_| {
            rulebook_error(
                "rulebook_unknown_comparison",
                at("comparison"),
                format!("{name} has unknown comparison '{s}'; known: {}", Comparison::ALL.join(", ")),
            )
        })?,
        Some(_) => {
            return Err(rulebook_error("rulebook_unknown_comparison", at("comparison"), format!("{name}: 'comparison' must be a string")))
        }
    };
    let value = match (unit, obj.get("value")) {
        (u, Some(v)) if u.is_numeric() => {
            let literal = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            let d = crate::money::parse_decimal(&literal).ok_or_else(|| {
                rulebook_error("rulebook_invalid_value", at("value"), format!("{name}: unit {unit_text} needs a decimal value"))
            })?;
            Value::String(d.to_string())
        }
        (Unit::Flag, Some(Value::Bool(b))) => Value::Bool(*b),
        (Unit::Rule | Unit::Ref | Unit::Period, Some(Value::String(s))) if !s.trim().is_empty() => Value::String(s.trim().to_owned()),
        (_, None) | (_, Some(Value::Null)) => {
            return Err(rulebook_error("rulebook_missing_field", at("value"), format!("{name} has no 'value'")))
        }
        _ => {
            return Err(rulebook_error(
                "rulebook_invalid_value",
                at("value"),
                format!("{name}: the value does not fit unit {unit_text} (flag: true/false; rule, ref, period: text)"),
            ))
        }
    };
    let override_existing = match obj.get("override") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(rulebook_error("rulebook_invalid_value", at("override"), format!("{name}: 'override' must be true or false"))),
    };
    Ok((Entry { id, value, unit, valid_from, valid_to, comparison, source, confidence, description }, override_existing))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn file(entries: &str) -> String {
        format!(r#"{{"format": "asf-rulebook/1", "entries": [{entries}]}}"#)
    }

    const SHARE_2030: &str = r#"{"id": "reserved.lou_4_18.min_share", "value": "0.40", "unit": "fraction",
        "valid_from": "2030-01-01", "comparison": ">=", "source": "test", "confidence": "USER", "override": true}"#;

    #[test]
    fn embedded_default_loads_completely() {
        let direct = Rulebook::empty().extended_with_json(DEFAULT_JSON).unwrap();
        assert_eq!(direct.entries().count(), 95);
        assert_eq!(Rulebook::default(), direct);
    }

    #[test]
    fn rule_changes_on_its_first_day() {
        let rb = Rulebook::default();
        let (before, e1) = rb.decimal("direct_award.lou.limit_sek", d("2022-01-31")).unwrap();
        let (after, e2) = rb.decimal("direct_award.lou.limit_sek", d("2022-02-01")).unwrap();
        assert_eq!((before.to_string(), e1.comparison), ("615312".into(), Comparison::AtMost));
        assert_eq!((after.to_string(), e2.comparison), ("700000".into(), Comparison::Below));
    }

    #[test]
    fn unconfirmed_values_are_absent() {
        let rb = Rulebook::default();
        assert!(rb.in_force("threshold.works.sek", d("2026-06-01")).is_err());
        assert!(rb.in_force("threshold.works.eur", d("2026-06-01")).is_ok());
        assert!(!rb.knows("af.lonebidrag.wage_cap_sek_month"));
    }

    #[test]
    fn override_cuts_the_loaded_entry() {
        let rb = Rulebook::default().extended_with_json(&file(SHARE_2030)).unwrap();
        let id = "reserved.lou_4_18.min_share";
        assert_eq!(rb.decimal(id, d("2029-12-31")).unwrap().0.to_string(), "0.30");
        assert_eq!(rb.decimal(id, d("2030-01-01")).unwrap().0.to_string(), "0.40");
    }

    #[test]
    fn override_in_the_middle_splits_the_loaded_entry() {
        let middle = SHARE_2030.replace(r#""valid_from": "2030-01-01""#, r#""valid_from": "2030-01-01", "valid_to": "2030-12-31""#);
        let rb = Rulebook::default().extended_with_json(&file(&middle)).unwrap();
        let id = "reserved.lou_4_18.min_share";
        let share = |s| rb.decimal(id, d(s)).unwrap().0.to_string();
        assert_eq!((share("2029-12-31"), share("2030-06-01"), share("2031-01-01")), ("0.30".into(), "0.40".into(), "0.30".into()));
    }

    #[test]
    fn overlap_without_override_is_rejected_and_names_the_entry() {
        let e = Rulebook::default().extended_with_json(&file(&SHARE_2030.replace(r#", "override": true"#, ""))).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("rulebook_overlap", "/entries/0/valid_from"));
        assert!(e.message.contains("reserved.lou_4_18.min_share"), "{}", e.message);
    }

    #[test]
    fn overlap_inside_one_file_is_rejected_even_with_override() {
        let e = Rulebook::empty().extended_with_json(&file(&format!("{SHARE_2030}, {SHARE_2030}"))).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("rulebook_overlap", "/entries/1/valid_from"));
    }

    #[test]
    fn each_invalid_field_has_its_code_and_path() {
        let cases = [
            (r#""valid_to": "2029-01-01""#, "rulebook_period_reversed", "/entries/0/valid_to"),
            (r#""unit": "percent""#, "rulebook_unknown_unit", "/entries/0/unit"),
            (r#""comparison": "=>""#, "rulebook_unknown_comparison", "/entries/0/comparison"),
            (r#""source": """#, "rulebook_missing_field", "/entries/0/source"),
            (r#""value": "thirty""#, "rulebook_invalid_value", "/entries/0/value"),
        ];
        for (field, code, path) in cases {
            let key = field.split(':').next().unwrap();
            let mut entry: serde_json::Map<String, Value> = serde_json::from_str(SHARE_2030).unwrap();
            let patch: serde_json::Map<String, Value> = serde_json::from_str(&format!("{{{field}}}")).unwrap();
            entry.extend(patch);
            assert!(entry.contains_key(key.trim_matches('"')));
            let e = Rulebook::empty().extended_with_json(&file(&Value::Object(entry).to_string())).unwrap_err();
            assert_eq!((e.code.as_str(), e.path.as_str()), (code, path), "{field}");
        }
    }

    #[test]
    fn comparisons_are_exact_on_both_sides() {
        let v = Decimal::new(30, 2);
        assert!(Comparison::AtLeast.holds(Decimal::new(30, 2), v));
        assert!(!Comparison::AtLeast.holds(Decimal::new(2999, 4), v));
        assert!(!Comparison::Below.holds(Decimal::new(30, 2), v));
        assert!(Comparison::AtMost.holds(Decimal::new(30, 2), v));
        assert!(!Comparison::Above.holds(Decimal::new(30, 2), v));
        assert!(!Comparison::None.holds(v, v));
    }
}
