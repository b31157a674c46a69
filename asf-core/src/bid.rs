//! Operation `bid.validate`: everything missing or wrong in a bid, all at once, before it is
//! sent.
//!
//! Serves live web forms, where a half-filled bid is the normal case: the bid is read
//! leniently (a missing, empty or mistyped field is a problem at its JSON Pointer, never a
//! misuse error) and every check runs, so the form can show each problem next to its
//! field. Checks:
//!
//! - required fields: `supplier.org_id`, `supplier.name`, `supplier.contact_email`, at
//!   least one lot, each lot's `lot_id` and `price`, `submitted_at` (an empty string counts
//!   as missing);
//! - the organisation number ([`crate::orgnr::parse`], as of the submission date);
//! - each price a positive decimal with at most two decimals (öre), written with a `.`;
//! - each lot id one of the procurement's lots, and no lot twice;
//! - submitted *before* the deadline: a bid must arrive within the time limit for receipt
//!   of tenders (Dir. 2014/24/EU art. 27–28; eForms BT-131), so a bid stamped exactly at
//!   the deadline is late;
//! - a reserved procurement (eForms `res-ws`, or reserved execution) requires the
//!   declaration and at least the minimum share of persons occupied in the target group
//!   (LOU 4 kap. 18 §, [`crate::reserved::min_share_check`]); reserved participation
//!   (`res-ws`) also requires the declared main purpose of integration;
//! - a well-formed e-mail address ([`email_well_formed`]).

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::engine::{Context, Operation};
use crate::params;
use crate::problem::{render, CodeDef, Lang, Problem};
use crate::rulebook::Rulebook;

/// Most decimals a price may have (öre).
pub const MAX_PRICE_DECIMALS: u32 = 2;

pub const REQUIRED_FIELD: CodeDef = CodeDef {
    code: "bid_required_field",
    en: "'{field}' is required.",
    sv: "'{field}' måste fyllas i.",
};
pub const INVALID_TYPE: CodeDef = CodeDef {
    code: "bid_invalid_type",
    en: "'{field}' has the wrong kind of value: expected {expected}.",
    sv: "'{field}' har fel sorts värde: förväntade {expected}.",
};
pub const NO_LOTS: CodeDef = CodeDef {
    code: "bid_no_lots",
    en: "The bid must cover at least one lot.",
    sv: "Anbudet måste omfatta minst ett delområde.",
};
pub const UNKNOWN_LOT: CodeDef = CodeDef {
    code: "bid_unknown_lot",
    en: "The procurement has no lot '{lot_id}'.",
    sv: "Upphandlingen har inget delområde '{lot_id}'.",
};
pub const DUPLICATE_LOT: CodeDef = CodeDef {
    code: "bid_duplicate_lot",
    en: "Lot '{lot_id}' is already in the bid; give each lot once.",
    sv: "Delområde '{lot_id}' finns redan i anbudet; ange varje delområde en gång.",
};
pub const PRICE_INVALID: CodeDef = CodeDef {
    code: "bid_price_invalid",
    en: "The price '{price}' is not a number; write it with digits and a '.' before the decimals, for example 1234.50.",
    sv: "Priset '{price}' är inte ett tal; skriv det med siffror och '.' före decimalerna, till exempel 1234.50.",
};
pub const PRICE_NOT_POSITIVE: CodeDef = CodeDef {
    code: "bid_price_not_positive",
    en: "The price must be more than 0; got {price} {currency}.",
    sv: "Priset måste vara större än 0; fick {price} {currency}.",
};
pub const PRICE_TOO_MANY_DECIMALS: CodeDef = CodeDef {
    code: "bid_price_too_many_decimals",
    en: "The price {price} has more than {max_decimals} decimals.",
    sv: "Priset {price} har fler än {max_decimals} decimaler.",
};
pub const INVALID_DATETIME: CodeDef = CodeDef {
    code: "bid_invalid_datetime",
    en: "'{value}' is not a date and time with offset (RFC 3339), for example 2026-03-01T12:00:00+01:00.",
    sv: "'{value}' är inte en tidpunkt med tidszon (RFC 3339), till exempel 2026-03-01T12:00:00+01:00.",
};
pub const LATE: CodeDef = CodeDef {
    code: "bid_late",
    en: "The bid was submitted at {submitted_at}, not before the deadline {deadline}.",
    sv: "Anbudet lämnades {submitted_at}, inte före sista anbudsdag {deadline}.",
};
pub const INVALID_EMAIL: CodeDef = CodeDef {
    code: "bid_invalid_email",
    en: "'{email}' is not a valid e-mail address.",
    sv: "'{email}' är inte en giltig e-postadress.",
};
pub const RESERVED_DECLARATION_REQUIRED: CodeDef = CodeDef {
    code: "bid_reserved_declaration_required",
    en: "The procurement is reserved: declare how many persons are occupied and how many of them are persons with disabilities or disadvantaged persons.",
    sv: "Upphandlingen är reserverad: ange hur många som är sysselsatta och hur många av dem som är personer med funktionsnedsättning eller med sociala svårigheter.",
};
pub const OCCUPIED_INVALID: CodeDef = CodeDef {
    code: "bid_occupied_invalid",
    en: "'{value}' is not a number of persons (a whole number, 0 or more).",
    sv: "'{value}' är inte ett antal personer (ett heltal, 0 eller fler).",
};
pub const OCCUPIED_NONE: CodeDef = CodeDef {
    code: "bid_occupied_none",
    en: "Nobody is declared occupied; the share in the target group cannot be assessed.",
    sv: "Ingen är angiven som sysselsatt; andelen i målgruppen kan inte bedömas.",
};
pub const TARGET_GROUP_EXCEEDS_TOTAL: CodeDef = CodeDef {
    code: "bid_target_group_exceeds_total",
    en: "{occupied_target_group} persons in the target group is more than the {occupied_total} occupied in total.",
    sv: "{occupied_target_group} personer i målgruppen är fler än de {occupied_total} som är sysselsatta totalt.",
};
pub const SHARE_TOO_LOW: CodeDef = CodeDef {
    code: "bid_reserved_share_too_low",
    en: "{occupied_target_group} of {occupied_total} occupied are in the target group ({share_percent} %); a reserved procurement requires at least {required_percent} % (LOU 4 kap. 18 §).",
    sv: "{occupied_target_group} av {occupied_total} sysselsatta tillhör målgruppen ({share_percent} %); en reserverad upphandling kräver minst {required_percent} % (LOU 4 kap. 18 §).",
};
pub const MAIN_PURPOSE_REQUIRED: CodeDef = CodeDef {
    code: "bid_reserved_main_purpose_required",
    en: "Participation is reserved to suppliers whose main purpose is the social and professional integration of persons with disabilities or disadvantaged persons (LOU 4 kap. 18 §).",
    sv: "Rätten att delta är reserverad för leverantörer vars huvudsakliga syfte är social och yrkesmässig integrering av personer med funktionsnedsättning eller med sociala svårigheter (LOU 4 kap. 18 §).",
};

pub const CODES: &[&CodeDef] = &[
    &REQUIRED_FIELD,
    &INVALID_TYPE,
    &NO_LOTS,
    &UNKNOWN_LOT,
    &DUPLICATE_LOT,
    &PRICE_INVALID,
    &PRICE_NOT_POSITIVE,
    &PRICE_TOO_MANY_DECIMALS,
    &INVALID_DATETIME,
    &LATE,
    &INVALID_EMAIL,
    &RESERVED_DECLARATION_REQUIRED,
    &OCCUPIED_INVALID,
    &OCCUPIED_NONE,
    &TARGET_GROUP_EXCEEDS_TOTAL,
    &SHARE_TOO_LOW,
    &MAIN_PURPOSE_REQUIRED,
];

/// The eForms reservation code of a procurement (BT-71).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ReservedCode {
    #[default]
    #[serde(rename = "none")]
    None,
    /// Reserved to sheltered workshops and economic operators aiming at the social and
    /// professional integration of disabled or disadvantaged persons (LOU 4 kap. 18 §).
    #[serde(rename = "res-ws")]
    ShelteredWorkshops,
    /// Reserved to organisations with a public-service mission (LOU 19 kap. 25 §).
    #[serde(rename = "res-pub-ser")]
    PublicServiceMission,
}

/// A lot of the procurement.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Lot {
    pub id: String,
}

/// The procurement the bid answers: defined by the buyer, so read strictly (a missing
/// `deadline` is a misuse error), but an unparsable deadline is a problem.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Procurement {
    #[serde(default)]
    pub id: Option<String>,
    /// RFC 3339 date-time.
    pub deadline: String,
    #[serde(default)]
    pub reserved: Option<ReservedCode>,
    #[serde(default)]
    pub reserved_execution: Option<bool>,
    #[serde(default)]
    pub lots: Vec<Lot>,
    /// Currency of the prices (default `SEK`).
    #[serde(default)]
    pub currency: Option<String>,
}

/// Request of `bid.validate`. The bid is any JSON: whatever the form has so far.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ValidateRequest {
    pub procurement: Procurement,
    #[serde(default)]
    pub bid: Value,
    #[serde(default)]
    pub lang: Lang,
}

/// Response of `bid.validate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ValidateResponse {
    pub valid: bool,
    pub problems: Vec<Problem>,
}

/// Whether `email` is a well-formed address, by a deliberately simple check (no attempt at
/// the full RFC 5322 grammar): no spaces; one `@`; a local part of 1–64 characters of
/// letters, digits and ``!#$%&'*+-/=?^_`{|}~.`` that neither starts nor ends with a dot
/// nor has two in a row; a domain of at most 253 characters with at least two labels, each
/// 1–63 letters, digits or hyphens, not starting or ending with a hyphen, the last at least
/// two characters long and not all digits. Letters may be non-ASCII (`åäö.se`).
///
/// ```
/// use asf_core::bid::email_well_formed;
/// assert!(email_well_formed("anna.berg@exempel.se"));
/// assert!(!email_well_formed("anna.berg@exempel"));
/// assert!(!email_well_formed("anna berg@exempel.se"));
/// ```
pub fn email_well_formed(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    if !local_ok || domain.is_empty() || domain.len() > 253 {
        return false;
    }
    let mut labels = 0usize;
    let mut last = "";
    for label in domain.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && last.chars().count() >= 2 && !last.chars().all(|c| c.is_ascii_digit())
}

/// What a field of the bid holds.
enum Got<'v> {
    /// Absent, `null` or a blank string.
    Missing,
    Text(&'v str),
    Other,
}

fn get<'v>(obj: Option<&'v Map<String, Value>>, key: &str) -> Got<'v> {
    match obj.and_then(|o| o.get(key)) {
        None | Some(Value::Null) => Got::Missing,
        Some(Value::String(s)) if s.trim().is_empty() => Got::Missing,
        Some(Value::String(s)) => Got::Text(s),
        Some(_) => Got::Other,
    }
}

/// Collects problems; builds paths and messages only when there is something to report.
struct Report {
    lang: Lang,
    problems: Vec<Problem>,
}

impl Report {
    fn add(&mut self, def: &CodeDef, path: String, params: Map<String, Value>) {
        self.problems
            .push(Problem::with_params(def, path, self.lang, params));
    }

    fn required(&mut self, path: String, field: &str) {
        self.add(&REQUIRED_FIELD, path, params![("field", field)]);
    }

    fn wrong_type(&mut self, path: String, field: &str, expected: &str) {
        self.add(
            &INVALID_TYPE,
            path,
            params![("field", field), ("expected", expected)],
        );
    }

    /// A required text field: its text, or a problem.
    fn text<'v>(
        &mut self,
        obj: Option<&'v Map<String, Value>>,
        key: &str,
        path: impl FnOnce() -> String,
    ) -> Option<&'v str> {
        match get(obj, key) {
            Got::Text(s) => Some(s),
            Got::Missing => {
                self.required(path(), key);
                None
            }
            Got::Other => {
                self.wrong_type(path(), key, "text");
                None
            }
        }
    }

    /// An object field: `Some(None)` when absent (its own fields are then missing), `None`
    /// with a problem when it is not an object.
    fn object<'v>(
        &mut self,
        obj: Option<&'v Map<String, Value>>,
        key: &str,
        path: &str,
    ) -> Option<Option<&'v Map<String, Value>>> {
        match obj.and_then(|o| o.get(key)) {
            None | Some(Value::Null) => Some(None),
            Some(Value::Object(m)) => Some(Some(m)),
            Some(_) => {
                self.wrong_type(path.to_owned(), key, "object");
                None
            }
        }
    }
}

fn parse_time(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text.trim()).ok()
}

/// A count of persons: a non-negative JSON integer or a string of digits.
fn count(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => {
            let t = s.trim();
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            t.parse().ok()
        }
        _ => None,
    }
}

/// The text a value was written as, for a message.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A percentage of a fraction, cut (never rounded up) to two decimals, so a share just
/// below the minimum never reads as the minimum.
fn percent(fraction: Decimal) -> String {
    fraction
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|p| {
            p.round_dp_with_strategy(2, RoundingStrategy::ToZero)
                .normalize()
                .to_string()
        })
        .unwrap_or_default()
}

fn check_price(report: &mut Report, lot: Option<&Map<String, Value>>, i: usize, currency: &str) {
    let path = || format!("/bid/lots/{i}/price");
    let text = match lot.and_then(|l| l.get("price")) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(Value::Number(n)) => Some(n.as_str()),
        Some(_) => {
            report.wrong_type(path(), "price", "a number");
            return;
        }
    };
    let Some(text) = text else {
        report.required(path(), "price");
        return;
    };
    let Some(price) = crate::money::parse_decimal(text) else {
        report.add(&PRICE_INVALID, path(), params![("price", text)]);
        return;
    };
    if price <= Decimal::ZERO {
        report.add(
            &PRICE_NOT_POSITIVE,
            path(),
            params![("price", text.trim()), ("currency", currency)],
        );
    }
    if price.scale() > MAX_PRICE_DECIMALS {
        report.add(
            &PRICE_TOO_MANY_DECIMALS,
            path(),
            params![("price", text.trim()), ("max_decimals", MAX_PRICE_DECIMALS)],
        );
    }
}

fn check_lots(report: &mut Report, bid: Option<&Map<String, Value>>, procurement: &Procurement) {
    let lots = match bid.and_then(|b| b.get("lots")) {
        None | Some(Value::Null) => {
            report.required("/bid/lots".to_owned(), "lots");
            return;
        }
        Some(Value::Array(a)) => a,
        Some(_) => {
            report.wrong_type("/bid/lots".to_owned(), "lots", "a list");
            return;
        }
    };
    if lots.is_empty() {
        report.add(&NO_LOTS, "/bid/lots".to_owned(), params![]);
        return;
    }
    let currency = procurement.currency.as_deref().unwrap_or("SEK");
    // Few lots are compared with those before them; many go through a set, so a huge
    // request never takes quadratic time.
    let mut seen = (lots.len() > 32).then(std::collections::BTreeSet::<&str>::new);
    for (i, lot) in lots.iter().enumerate() {
        let lot = match lot {
            Value::Object(m) => Some(m),
            Value::Null => None,
            _ => {
                report.wrong_type(format!("/bid/lots/{i}"), "lots", "object");
                continue;
            }
        };
        if let Some(id) = report.text(lot, "lot_id", || format!("/bid/lots/{i}/lot_id")) {
            if !procurement.lots.iter().any(|l| l.id == id) {
                report.add(
                    &UNKNOWN_LOT,
                    format!("/bid/lots/{i}/lot_id"),
                    params![("lot_id", id)],
                );
            } else if match seen.as_mut() {
                Some(set) => !set.insert(id),
                None => lots
                    .iter()
                    .take(i)
                    .any(|earlier| earlier.get("lot_id").and_then(Value::as_str) == Some(id)),
            } {
                report.add(
                    &DUPLICATE_LOT,
                    format!("/bid/lots/{i}/lot_id"),
                    params![("lot_id", id)],
                );
            }
        }
        check_price(report, lot, i, currency);
    }
}

fn check_declaration(
    report: &mut Report,
    rulebook: &Rulebook,
    bid: Option<&Map<String, Value>>,
    procurement: &Procurement,
    as_of: NaiveDate,
) {
    const DECL: &str = "/bid/reserved_declaration";
    let decl = match bid.and_then(|b| b.get("reserved_declaration")) {
        None | Some(Value::Null) => {
            report.add(&RESERVED_DECLARATION_REQUIRED, DECL.to_owned(), params![]);
            return;
        }
        Some(Value::Object(m)) => m,
        Some(_) => {
            report.wrong_type(DECL.to_owned(), "reserved_declaration", "object");
            return;
        }
    };
    let mut number = |key: &str| -> Option<u64> {
        match decl.get(key) {
            None | Some(Value::Null) => {
                report.required(format!("{DECL}/{key}"), key);
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                report.required(format!("{DECL}/{key}"), key);
                None
            }
            Some(v) => {
                let n = count(v);
                if n.is_none() {
                    report.add(
                        &OCCUPIED_INVALID,
                        format!("{DECL}/{key}"),
                        params![("value", shown(v))],
                    );
                }
                n
            }
        }
    };
    let total = number("occupied_total");
    let target = number("occupied_target_group");
    // Sheltered workshops are admitted beside suppliers whose main purpose is integration
    // (LOU 4 kap. 18 §): a declared sheltered workshop need not declare that purpose.
    let sheltered = decl.get("sheltered_workshop") == Some(&Value::Bool(true));
    if procurement.reserved == Some(ReservedCode::ShelteredWorkshops) && !sheltered {
        match decl.get("main_purpose_integration") {
            None | Some(Value::Null) => report.required(
                format!("{DECL}/main_purpose_integration"),
                "main_purpose_integration",
            ),
            Some(Value::Bool(true)) => {}
            Some(Value::Bool(false)) => report.add(
                &MAIN_PURPOSE_REQUIRED,
                format!("{DECL}/main_purpose_integration"),
                params![],
            ),
            Some(_) => report.wrong_type(
                format!("{DECL}/main_purpose_integration"),
                "main_purpose_integration",
                "true or false",
            ),
        }
    }
    let (Some(total), Some(target)) = (total, target) else {
        return;
    };
    if total == 0 {
        report.add(&OCCUPIED_NONE, format!("{DECL}/occupied_total"), params![]);
        return;
    }
    if target > total {
        report.add(
            &TARGET_GROUP_EXCEEDS_TOTAL,
            format!("{DECL}/occupied_target_group"),
            params![("occupied_target_group", target), ("occupied_total", total)],
        );
        return;
    }
    match crate::reserved::min_share_check(rulebook, as_of, total, target) {
        Err(missing) => report.problems.push(missing.problem(DECL, report.lang)),
        Ok(check) if check.met == Some(false) => {
            let share = check.share.unwrap_or_default();
            let p = params![
                ("occupied_target_group", target),
                ("occupied_total", total),
                (
                    "share",
                    crate::money::fraction_string(Decimal::from(target), Decimal::from(total), 4)
                        .unwrap_or_default()
                ),
                ("share_percent", percent(share)),
                ("required", check.required.to_string()),
                ("required_percent", percent(check.required)),
            ];
            let mut problem = Problem::with_params(
                &SHARE_TOO_LOW,
                format!("{DECL}/occupied_target_group"),
                report.lang,
                p,
            );
            if report.lang == Lang::Sv {
                // Swedish writes a decimal comma; the params keep the wire format.
                let mut shown = problem.params.clone();
                for key in ["share_percent", "required_percent"] {
                    if let Some(Value::String(s)) = shown.get_mut(key) {
                        *s = s.replace('.', ",");
                    }
                }
                problem.message = render(SHARE_TOO_LOW.sv, &shown);
            }
            report.problems.push(problem);
        }
        Ok(_) => {}
    }
}

/// Validates a bid against its procurement: every problem at once.
///
/// ```
/// let out = asf_core::evaluate("bid.validate", serde_json::json!({
///     "procurement": {"id": "P-1", "deadline": "2026-03-01T12:00:00+01:00", "lots": [{"id": "LOT-1"}]},
///     "bid": {"supplier": {"org_id": "556016-0681", "name": "Exempel AB", "contact_email": "anbud@exempel.se"},
///             "lots": [{"lot_id": "LOT-1", "price": "1200.50"}], "submitted_at": "2026-02-27T09:30:00+01:00"}
/// })).unwrap();
/// assert_eq!(out["valid"], false);
/// assert_eq!(out["problems"][0]["path"], "/bid/supplier/org_id");
/// assert_eq!(out["problems"][0]["code"], "orgnr_checksum");
/// ```
pub fn validate(rulebook: &Rulebook, today: NaiveDate, req: &ValidateRequest) -> ValidateResponse {
    let mut report = Report {
        lang: req.lang,
        problems: Vec::new(),
    };
    let procurement = &req.procurement;
    let deadline = parse_time(&procurement.deadline);
    if deadline.is_none() {
        report.add(
            &INVALID_DATETIME,
            "/procurement/deadline".to_owned(),
            params![("value", procurement.deadline.as_str())],
        );
    }
    let bid = match &req.bid {
        Value::Object(m) => Some(m),
        Value::Null => None,
        _ => {
            report.wrong_type("/bid".to_owned(), "bid", "object");
            return ValidateResponse {
                valid: false,
                problems: report.problems,
            };
        }
    };
    // The submission time is read first: its date is the as-of date of every rule.
    let submitted_text = match get(bid, "submitted_at") {
        Got::Text(s) => Ok(Some(s)),
        Got::Missing => Ok(None),
        Got::Other => Err(()),
    };
    let submitted = submitted_text.ok().flatten().and_then(parse_time);
    let as_of = submitted
        .or(deadline)
        .map(|t| t.date_naive())
        .unwrap_or(today);

    if let Some(supplier) = report.object(bid, "supplier", "/bid/supplier") {
        if let Some(org_id) = report.text(supplier, "org_id", || "/bid/supplier/org_id".to_owned())
        {
            if let Err(reasons) = crate::orgnr::parse(org_id, as_of) {
                let lang = report.lang;
                report.problems.extend(
                    reasons
                        .iter()
                        .map(|r| r.problem("/bid/supplier/org_id", lang)),
                );
            }
        }
        report.text(supplier, "name", || "/bid/supplier/name".to_owned());
        if let Some(email) = report.text(supplier, "contact_email", || {
            "/bid/supplier/contact_email".to_owned()
        }) {
            if !email_well_formed(email.trim()) {
                report.add(
                    &INVALID_EMAIL,
                    "/bid/supplier/contact_email".to_owned(),
                    params![("email", email)],
                );
            }
        }
    }

    check_lots(&mut report, bid, procurement);

    match (submitted_text, submitted) {
        (Err(()), _) => report.wrong_type("/bid/submitted_at".to_owned(), "submitted_at", "text"),
        (Ok(None), _) => report.required("/bid/submitted_at".to_owned(), "submitted_at"),
        (Ok(Some(text)), None) => report.add(
            &INVALID_DATETIME,
            "/bid/submitted_at".to_owned(),
            params![("value", text)],
        ),
        (Ok(Some(_)), Some(at)) => {
            if let Some(deadline) = deadline.filter(|d| at >= *d) {
                report.add(
                    &LATE,
                    "/bid/submitted_at".to_owned(),
                    params![
                        ("submitted_at", at.to_rfc3339()),
                        ("deadline", deadline.to_rfc3339())
                    ],
                );
            }
        }
    }

    let reserved = procurement.reserved == Some(ReservedCode::ShelteredWorkshops)
        || procurement.reserved_execution == Some(true);
    if reserved {
        check_declaration(&mut report, rulebook, bid, procurement, as_of);
    }
    ValidateResponse {
        valid: report.problems.is_empty(),
        problems: report.problems,
    }
}

fn run(ctx: &Context<'_>, req: ValidateRequest) -> ValidateResponse {
    validate(ctx.rulebook, ctx.today, &req)
}

pub(crate) const OPERATION: Operation = crate::operation!("bid.validate", run);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn email_examples() {
        for ok in [
            "a@b.se",
            "anna.berg+anbud@exempel.se",
            "info@åre-bygg.se",
            "x@sub.domain.example",
        ] {
            assert!(email_well_formed(ok), "{ok}");
        }
        for bad in [
            "",
            "@b.se",
            "a@",
            "a@b",
            "a@b.c",
            "a..b@c.se",
            ".a@c.se",
            "a.@c.se",
            "a@-b.se",
            "a@b-.se",
            "a@b..se",
            "a@@b.se",
            "a b@c.se",
            "a@b.123",
            "a@b,se",
        ] {
            assert!(!email_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn percent_never_rounds_up_to_the_minimum() {
        assert_eq!(percent(Decimal::new(29_999, 5)), "29.99");
        assert_eq!(percent(Decimal::new(30, 2)), "30");
    }
}
