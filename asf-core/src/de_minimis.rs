//! De minimis aid: does a grant fit under the ceiling of the whole single undertaking?
//!
//! Two regimes, chosen by the grant date:
//!
//! * **from 2024-01-01** (Reg. (EU) 2023/2831 general, Reg. (EU) 2023/2832 SGEI): the window
//!   is the three years ending on the grant date. asf reads "the previous three years" as
//!   the period `(D − 3 years, D]`: a grant dated exactly three years before `D` has left
//!   the window (DOMAIN.md §5, a documented interpretation).
//! * **before 2024** (Reg. (EU) 1407/2013, Reg. (EU) 360/2012): the current and the two
//!   previous fiscal years of the undertaking, with `fiscal_year_start` (default `01-01`).
//!
//! The ceilings (`de_minimis.general.ceiling_eur`, `de_minimis.road_freight.ceiling_eur`,
//! `de_minimis.sgei.ceiling_eur`) and the boundary (`<=`) come from the rulebook. All de
//! minimis aid in the window counts, whichever regulation it was granted under; general
//! de minimis (and road freight) is also tested against the SGEI ceiling together with
//! SGEI de minimis (cumulation, Reg. 2023/2831 art. 5(1), Reg. 2023/2832 art. 5(1)).
//! Over the ceiling refuses the whole grant (`de_minimis.exceeding_rule`); equal to the
//! ceiling is allowed.
//!
//! Every amount converts to EUR at its own `eur_rate` (SEK per EUR) and is then **rounded
//! up to the whole cent** (never counting less aid than was granted); sums and
//! comparisons are exact on those cent values. The same rounding is used by the audit.
//!
//! Road freight has no separate ceiling from 2024 (DOMAIN.md §5: "from 2024 road freight
//! has no separate ceiling"): when the rulebook has no `de_minimis.road_freight.ceiling_eur`
//! in force on the grant date but has the general ceiling, a `road_freight` grant is tested
//! against the general ceiling and the response says so.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::engine::{Context, Operation};
use crate::params;
use crate::problem::{pointer, CodeDef, Lang, Problem};
use crate::rulebook::{Comparison, Entry, LegalBasis, NotInForce, Rulebook};

/// Rulebook id of the general de minimis ceiling.
pub const GENERAL_CEILING: &str = "de_minimis.general.ceiling_eur";
/// Rulebook id of the road freight ceiling (1407/2013 only).
pub const ROAD_FREIGHT_CEILING: &str = "de_minimis.road_freight.ceiling_eur";
/// Rulebook id of the SGEI de minimis ceiling (also the cumulation ceiling).
pub const SGEI_CEILING: &str = "de_minimis.sgei.ceiling_eur";
/// Rulebook id of the rule that a grant over the ceiling is refused as a whole.
pub const EXCEEDING_RULE: &str = "de_minimis.exceeding_rule";
/// Rulebook id of the duty to record grants in the central register.
pub const CENTRAL_REGISTER: &str = "de_minimis.central_register";

/// Rulebook id of the window method: `fiscal_years` (the current and two previous fiscal
/// years, Reg. (EU) 1407/2013 and 360/2012) or `rolling_three_years` (Reg. (EU) 2023/2831
/// and 2023/2832, from 2024-01-01). The regime change is data like every other rule.
pub const WINDOW_RULE: &str = "de_minimis.window";

// ---------------------------------------------------------------------------------------
// Problem codes

pub const MISSING_RATE: CodeDef = CodeDef {
    code: "de_minimis_missing_rate",
    en: "An amount in SEK needs its eur_rate (SEK per EUR on the grant date {date}).",
    sv: "Ett belopp i SEK behöver sin eur_rate (SEK per EUR på beviljandedagen {date}).",
};
pub const INVALID_RATE: CodeDef = CodeDef {
    code: "de_minimis_invalid_rate",
    en: "The exchange rate {rate} is not a positive number of SEK per EUR.",
    sv: "Växelkursen {rate} är inte ett positivt antal SEK per EUR.",
};
pub const NEGATIVE_AMOUNT: CodeDef = CodeDef {
    code: "de_minimis_negative_amount",
    en: "The amount {amount} is negative; a grant is recorded as a positive amount.",
    sv: "Beloppet {amount} är negativt; ett stöd anges som ett positivt belopp.",
};
pub const OUTSIDE_SINGLE_UNDERTAKING: CodeDef = CodeDef {
    code: "de_minimis_outside_single_undertaking",
    en: "The grant to {org_id} is not to a member of the single undertaking; list the company in single_undertaking or remove the grant.",
    sv: "Stödet till {org_id} gäller inte ett företag i det enda företaget; ange företaget i single_undertaking eller ta bort stödet.",
};
pub const NO_RECIPIENT: CodeDef = CodeDef {
    code: "de_minimis_no_recipient",
    en: "single_undertaking is empty; list the recipient first, then the companies linked to it.",
    sv: "single_undertaking är tom; ange mottagaren först och sedan de företag som är knutna till den.",
};
pub const AMOUNT_TOO_LARGE: CodeDef = CodeDef {
    code: "de_minimis_amount_too_large",
    en: "The amounts are too large to add up exactly.",
    sv: "Beloppen är för stora för att summeras exakt.",
};
pub const ROAD_FREIGHT_GENERAL: CodeDef = CodeDef {
    code: "de_minimis_road_freight_general_ceiling",
    en: "Road freight has no separate de minimis ceiling on {date}; the general ceiling applies.",
    sv: "Vägtransport av gods saknar eget de minimis-tak den {date}; det allmänna taket gäller.",
};
pub const WITHIN_CEILING: CodeDef = CodeDef {
    code: "de_minimis_within_ceiling",
    en: "{total_eur} EUR in the window {from} to {to} is within the ceiling of {ceiling_eur} EUR.",
    sv: "{total_eur} EUR under perioden {from}–{to} ryms inom taket {ceiling_eur} EUR.",
};
pub const CEILING_EXCEEDED: CodeDef = CodeDef {
    code: "de_minimis_ceiling_exceeded",
    en: "{total_eur} EUR in the window {from} to {to} exceeds the ceiling of {ceiling_eur} EUR; the whole grant falls outside de minimis.",
    sv: "{total_eur} EUR under perioden {from}–{to} överstiger taket {ceiling_eur} EUR; hela stödet faller utanför de minimis.",
};

pub const CODES: &[&CodeDef] = &[
    &MISSING_RATE,
    &INVALID_RATE,
    &NEGATIVE_AMOUNT,
    &OUTSIDE_SINGLE_UNDERTAKING,
    &NO_RECIPIENT,
    &AMOUNT_TOO_LARGE,
    &ROAD_FREIGHT_GENERAL,
    &WITHIN_CEILING,
    &CEILING_EXCEEDED,
];

// ---------------------------------------------------------------------------------------
// Types

/// Currency of an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Currency {
    #[serde(rename = "SEK")]
    Sek,
    #[serde(rename = "EUR")]
    Eur,
}

/// The de minimis regulation a grant was given under.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, PartialOrd, Ord, Hash,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Regulation {
    /// General de minimis (Reg. 1407/2013, Reg. 2023/2831).
    #[default]
    General,
    /// De minimis for services of general economic interest (Reg. 360/2012, Reg. 2023/2832).
    Sgei,
    /// Road freight transport for hire (separate ceiling under Reg. 1407/2013 only).
    RoadFreight,
}

impl Regulation {
    /// The name used on the wire.
    pub fn name(self) -> &'static str {
        match self {
            Regulation::General => "general",
            Regulation::Sgei => "sgei",
            Regulation::RoadFreight => "road_freight",
        }
    }
}

/// The first day of an undertaking's fiscal year, `MM-DD` (`02-29` is refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl Default for MonthDay {
    fn default() -> Self {
        MonthDay { month: 1, day: 1 }
    }
}

impl MonthDay {
    pub fn parse(text: &str) -> Option<MonthDay> {
        let (m, d) = text.trim().split_once('-')?;
        if m.len() != 2 || d.len() != 2 {
            return None;
        }
        let (month, day) = (m.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
        // 2023 is not a leap year, so 02-29 (which does not start every fiscal year) fails.
        NaiveDate::from_ymd_opt(2023, month, day).map(|_| MonthDay { month, day })
    }

    /// This month-day in `year`.
    fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }

    /// The first day of the fiscal year that contains `date`.
    pub fn fiscal_year_start(self, date: NaiveDate) -> Option<NaiveDate> {
        let this = self.in_year(date.year())?;
        if this <= date {
            Some(this)
        } else {
            self.in_year(date.year() - 1)
        }
    }
}

impl Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{:02}-{:02}", self.month, self.day))
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        MonthDay::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "'{text}' is not a month-day MM-DD that starts every year (such as 07-01)"
            ))
        })
    }
}

/// The grant being decided.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Grant {
    /// Date of grant: when the legal right to the aid arises.
    pub date: NaiveDate,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub amount: Decimal,
    pub currency: Currency,
    /// SEK per EUR on the grant date; required for SEK.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(default, with = "crate::money::opt_decimal")]
    pub eur_rate: Option<Decimal>,
    #[serde(default)]
    pub regulation: Regulation,
}

/// An earlier de minimis grant to a member of the single undertaking.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HistoryGrant {
    pub org_id: String,
    pub date: NaiveDate,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub amount: Decimal,
    pub currency: Currency,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(default, with = "crate::money::opt_decimal")]
    pub eur_rate: Option<Decimal>,
    #[serde(default)]
    pub regulation: Regulation,
    #[serde(default)]
    pub reference: Option<String>,
}

/// Request of `aid.de_minimis.check`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckRequest {
    pub grant: Grant,
    #[serde(default)]
    pub history: Vec<HistoryGrant>,
    /// Organisation numbers forming one single undertaking; the recipient first.
    #[serde(default)]
    pub single_undertaking: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub fiscal_year_start: MonthDay,
    #[serde(default)]
    pub lang: Lang,
}

/// The window of aid counted for a grant date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// `rolling_three_years` or `fiscal_years`.
    pub kind: WindowKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WindowKind {
    RollingThreeYears,
    FiscalYears,
}

impl Window {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// The window for a grant on `date`: `(date − 3 years, date]` from 2024, else the current
/// and two previous fiscal years up to `date`.
///
/// ```
/// use asf_core::{de_minimis::{window, MonthDay}, rulebook::Rulebook};
/// let d = |s: &str| s.parse::<asf_core::NaiveDate>().unwrap();
/// let rb = Rulebook::default();
/// let w = window(&rb, d("2026-06-15"), MonthDay::default()).unwrap();
/// assert_eq!((w.from, w.to), (d("2023-06-16"), d("2026-06-15")));
/// let w = window(&rb, d("2023-06-15"), MonthDay::parse("07-01").unwrap()).unwrap();
/// assert_eq!((w.from, w.to), (d("2020-07-01"), d("2023-06-15")));
/// ```
pub fn window(rb: &Rulebook, date: NaiveDate, fiscal_year_start: MonthDay) -> Result<Window, EvalError> {
    let kind = window_kind(rb, date)?;
    let from = match kind {
        WindowKind::RollingThreeYears => date.checked_sub_months(Months::new(36)).and_then(|d| d.checked_add_days(Days::new(1))),
        WindowKind::FiscalYears => fiscal_year_start
            .fiscal_year_start(date)
            .and_then(|start| fiscal_year_start.in_year(start.year() - 2)),
    };
    Ok(Window { from: from.ok_or(EvalError::NoWindow)?, to: date, kind })
}

/// The window method in force on `date`, from the rulebook.
fn window_kind(rb: &Rulebook, date: NaiveDate) -> Result<WindowKind, EvalError> {
    let entry = rb.in_force(WINDOW_RULE, date).map_err(EvalError::NotInForce)?;
    entry
        .text()
        .and_then(|t| serde_json::from_value(serde_json::Value::String(t.to_owned())).ok())
        .ok_or(EvalError::NoWindow)
}

/// An amount in EUR, rounded up to the whole cent: `amount / eur_rate` for SEK.
pub fn to_eur(amount: Decimal, currency: Currency, eur_rate: Option<Decimal>) -> Option<Decimal> {
    let eur = match currency {
        Currency::Eur => amount,
        Currency::Sek => {
            amount.checked_div(eur_rate.filter(|r| r.is_sign_positive() && !r.is_zero())?)?
        }
    };
    Some(to_cent(eur.round_dp_with_strategy(2, RoundingStrategy::ToPositiveInfinity)))
}

/// A EUR value shown with exactly two decimals (its value is unchanged).
fn to_cent(mut eur: Decimal) -> Decimal {
    if eur.scale() < 2 {
        eur.rescale(2);
    }
    eur
}

/// A history grant after conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aid {
    pub date: NaiveDate,
    pub eur: Decimal,
    pub regulation: Regulation,
}

/// One test of a grant against one ceiling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CeilingTest {
    /// `ceiling` (the grant's own ceiling), `road_freight` or `sgei_cumulation`.
    pub test: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub ceiling_eur: Decimal,
    /// Aid in the window counted against this ceiling, before the grant.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub used_eur: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub headroom_eur: Decimal,
    /// `used_eur` plus the grant.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub total_eur: Decimal,
    pub passed: bool,
    pub comparison: Comparison,
    pub legal_basis: LegalBasis,
}

/// The de minimis decision for one grant amount on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub window: Window,
    /// Regulation whose ceiling is applied (road freight from 2024: general).
    pub applied: Regulation,
    pub tests: Vec<CeilingTest>,
}

impl Evaluation {
    pub fn allowed(&self) -> bool {
        self.tests.iter().all(|t| t.passed)
    }

    /// Headroom before the grant: the smallest headroom over all tests.
    pub fn headroom(&self) -> Decimal {
        self.tests
            .iter()
            .map(|t| t.headroom_eur)
            .min()
            .unwrap_or_default()
    }

    /// The largest grant that passes every test (a cent below the headroom if a ceiling
    /// must be stayed strictly below).
    pub fn max_grant(&self) -> Decimal {
        self.tests
            .iter()
            .map(|t| {
                if t.comparison
                    .holds(t.used_eur + t.headroom_eur, t.ceiling_eur)
                    || t.headroom_eur.is_zero()
                {
                    t.headroom_eur
                } else {
                    (t.headroom_eur - Decimal::new(1, 2)).max(Decimal::ZERO)
                }
            })
            .min()
            .unwrap_or_default()
    }
}

/// Why a grant could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    NotInForce(NotInForce),
    Overflow,
    NoWindow,
}

fn ceiling<'a>(
    rb: &'a Rulebook,
    id: &str,
    date: NaiveDate,
) -> Result<(Decimal, &'a Entry), EvalError> {
    rb.decimal(id, date).map_err(EvalError::NotInForce)
}

fn sum<'a>(mut aid: impl Iterator<Item = &'a Aid>) -> Result<Decimal, EvalError> {
    aid.try_fold(Decimal::ZERO, |acc, a| acc.checked_add(a.eur))
        .ok_or(EvalError::Overflow)
}

fn test(
    name: &str,
    used: Decimal,
    grant: Decimal,
    (ceiling_eur, entry): (Decimal, &Entry),
) -> Result<CeilingTest, EvalError> {
    let total = used.checked_add(grant).ok_or(EvalError::Overflow)?;
    Ok(CeilingTest {
        test: name.to_owned(),
        ceiling_eur: to_cent(ceiling_eur),
        used_eur: to_cent(used),
        headroom_eur: to_cent((ceiling_eur - used).max(Decimal::ZERO)),
        total_eur: to_cent(total),
        passed: entry.comparison.holds(total, ceiling_eur),
        comparison: entry.comparison,
        legal_basis: entry.legal_basis(),
    })
}

/// Tests a grant of `grant_eur` under `regulation` on `date` against the aid in `history`
/// (already converted; entries outside the window are ignored).
///
/// ```
/// use asf_core::de_minimis::{evaluate, Aid, MonthDay, Regulation};
/// use asf_core::rulebook::Rulebook;
/// use rust_decimal::Decimal;
/// let d = |s: &str| s.parse::<asf_core::NaiveDate>().unwrap();
/// let history = [Aid { date: d("2024-03-01"), eur: Decimal::from(200_000), regulation: Regulation::General }];
/// let rb = Rulebook::default();
/// let e = evaluate(&rb, d("2026-06-01"), Decimal::from(100_000), Regulation::General, &history, MonthDay::default()).unwrap();
/// assert!(e.allowed()); // exactly the 300 000 EUR ceiling
/// let e = evaluate(&rb, d("2026-06-01"), Decimal::new(10_000_001, 2), Regulation::General, &history, MonthDay::default()).unwrap();
/// assert!(!e.allowed()); // one cent over: the whole grant is refused
/// ```
pub fn evaluate(
    rb: &Rulebook,
    date: NaiveDate,
    grant_eur: Decimal,
    regulation: Regulation,
    history: &[Aid],
    fiscal_year_start: MonthDay,
) -> Result<Evaluation, EvalError> {
    let w = window(rb, date, fiscal_year_start)?;
    let inside = || history.iter().filter(move |a| w.contains(a.date));
    let all = sum(inside())?;
    let not_sgei = sum(inside().filter(|a| a.regulation != Regulation::Sgei))?;
    let mut tests = Vec::new();
    let applied = match regulation {
        Regulation::Sgei => {
            tests.push(test(
                "ceiling",
                all,
                grant_eur,
                ceiling(rb, SGEI_CEILING, date)?,
            )?);
            Regulation::Sgei
        }
        Regulation::General | Regulation::RoadFreight => {
            let general = ceiling(rb, GENERAL_CEILING, date)?;
            let road = if regulation == Regulation::RoadFreight {
                rb.decimal(ROAD_FREIGHT_CEILING, date).ok()
            } else {
                None
            };
            let applied = match road {
                Some(road) => {
                    let used = sum(inside().filter(|a| a.regulation == Regulation::RoadFreight))?;
                    tests.push(test("ceiling", used, grant_eur, road)?);
                    tests.push(test("general", not_sgei, grant_eur, general)?);
                    Regulation::RoadFreight
                }
                None => {
                    tests.push(test("ceiling", not_sgei, grant_eur, general)?);
                    Regulation::General
                }
            };
            tests.push(test(
                "sgei_cumulation",
                all,
                grant_eur,
                ceiling(rb, SGEI_CEILING, date)?,
            )?);
            applied
        }
    };
    Ok(Evaluation {
        window: w,
        applied,
        tests,
    })
}

/// The days after `after` on which a ceiling entry starts or stops applying.
fn rule_boundaries(rb: &Rulebook, after: NaiveDate) -> Vec<NaiveDate> {
    rb.entries()
        .filter(|e| [GENERAL_CEILING, ROAD_FREIGHT_CEILING, SGEI_CEILING].contains(&e.id.as_str()))
        .flat_map(|e| {
            [
                Some(e.valid_from),
                e.valid_to.and_then(|t| t.checked_add_days(Days::new(1))),
            ]
        })
        .flatten()
        .filter(|d| *d > after)
        .collect()
}

/// The first date from `date` on which a grant of `grant_eur` fits, assuming no other aid
/// is granted meanwhile: the windows move on and earlier grants leave them. `Ok(None)` if
/// it never fits while a ceiling is in force.
pub fn earliest_date_full_amount_fits(
    rb: &Rulebook,
    date: NaiveDate,
    grant_eur: Decimal,
    regulation: Regulation,
    history: &[Aid],
    fiscal_year_start: MonthDay,
) -> Result<Option<NaiveDate>, EvalError> {
    let past: Vec<Aid> = history.iter().filter(|a| a.date <= date).cloned().collect();
    let mut candidates: BTreeSet<NaiveDate> = BTreeSet::new();
    candidates.insert(date);
    for a in &past {
        // The day a grant leaves a rolling window (the day after if a month end clamps).
        if let Some(e) = a.date.checked_add_months(Months::new(36)) {
            candidates.insert(e);
            if let Some(next) = e.checked_add_days(Days::new(1)) {
                candidates.insert(next);
            }
        }
    }
    // The days the window method changes, and the fiscal-year starts while the fiscal-year
    // method applies (after three years every earlier grant has left any window).
    candidates.extend(rb.entries().filter(|e| e.id == WINDOW_RULE).map(|e| e.valid_from));
    for year in date.year()..=date.year() + 3 {
        if let Some(s) = fiscal_year_start
            .in_year(year)
            .filter(|s| matches!(window_kind(rb, *s), Ok(WindowKind::FiscalYears)))
        {
            candidates.insert(s);
        }
    }
    candidates.extend(rule_boundaries(rb, date));
    for e in candidates.into_iter().filter(|e| *e >= date) {
        match evaluate(rb, e, grant_eur, regulation, &past, fiscal_year_start) {
            Ok(ev) if ev.allowed() => return Ok(Some(e)),
            Ok(_) => {}
            Err(EvalError::NotInForce(_)) => return Ok(None),
            Err(other) => return Err(other),
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------------------------------
// The operation

/// Extends the audit's prefix sums (all aid, aid that is not SGEI, road freight) by one
/// grant of `cents`, counted or not.
fn push_sums(sums: [&mut Vec<i128>; 3], cents: i128, reg: Regulation, counts: bool) {
    let [all, not_sgei, road] = sums;
    for (p, yes) in [
        (all, counts),
        (not_sgei, counts && reg != Regulation::Sgei),
        (road, counts && reg == Regulation::RoadFreight),
    ] {
        let last = p.last().copied().unwrap_or(0);
        p.push(if yes { last + cents } else { last });
    }
}

/// An organisation number compared without spaces, hyphens and a 12-digit `16` prefix.
pub fn org_key(id: &str) -> String {
    let k: String = id
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    match k.strip_prefix("16") {
        Some(rest) if k.len() == 12 && k.bytes().all(|b| b.is_ascii_digit()) => rest.to_owned(),
        _ => k,
    }
}

/// A history grant counted in the window, with its EUR value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Counted {
    /// Position in `history`.
    pub index: usize,
    pub org_id: String,
    pub date: NaiveDate,
    pub regulation: Regulation,
    pub reference: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub amount_eur: Decimal,
}

/// The regulation whose ceiling was applied, with its citation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AppliedRegulation {
    /// The regulation asked for in the request.
    pub requested: Regulation,
    /// The regulation whose ceiling was applied.
    pub applied: Regulation,
    pub legal_basis: LegalBasis,
    /// How the window is counted, with its citation.
    pub window_basis: LegalBasis,
}

/// A check made, with its outcome and explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Check {
    pub code: String,
    pub test: String,
    pub passed: bool,
    pub message: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub ceiling_eur: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub used_eur: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub total_eur: Decimal,
    pub legal_basis: LegalBasis,
}

/// Response of `aid.de_minimis.check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckResponse {
    /// `null` when a rule is not in force or an input problem prevents the decision.
    pub allowed: Option<bool>,
    pub regulation: Option<AppliedRegulation>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub ceiling_eur: Option<Decimal>,
    pub window: Option<Window>,
    pub counted: Vec<Counted>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub grant_eur: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub used_eur: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub headroom_eur: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub max_grant_eur: Option<Decimal>,
    pub earliest_date_full_amount_fits: Option<NaiveDate>,
    pub checks: Vec<Check>,
    /// The rule that a grant over the ceiling is refused as a whole.
    pub exceeding_rule: Option<LegalBasis>,
    pub problems: Vec<Problem>,
}

fn convert(
    amount: Decimal,
    currency: Currency,
    rate: Option<Decimal>,
    date: NaiveDate,
    at: &str,
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> Option<Decimal> {
    if amount.is_sign_negative() && !amount.is_zero() {
        problems.push(Problem::with_params(
            &NEGATIVE_AMOUNT,
            pointer(at, "amount"),
            lang,
            params![("amount", amount.to_string())],
        ));
        return None;
    }
    if currency == Currency::Sek {
        match rate {
            None => {
                problems.push(Problem::with_params(
                    &MISSING_RATE,
                    pointer(at, "eur_rate"),
                    lang,
                    params![("date", date.to_string())],
                ));
                return None;
            }
            Some(r) if r <= Decimal::ZERO => {
                problems.push(Problem::with_params(
                    &INVALID_RATE,
                    pointer(at, "eur_rate"),
                    lang,
                    params![("rate", r.to_string())],
                ));
                return None;
            }
            Some(_) => {}
        }
    }
    let eur = to_eur(amount, currency, rate);
    if eur.is_none() {
        problems.push(Problem::new(&AMOUNT_TOO_LARGE, pointer(at, "amount"), lang));
    }
    eur
}

fn eval_problem(e: &EvalError, lang: Lang) -> Problem {
    match e {
        EvalError::NotInForce(n) => n.problem("/grant/date", lang),
        EvalError::Overflow | EvalError::NoWindow => {
            Problem::new(&AMOUNT_TOO_LARGE, "/grant/amount", lang)
        }
    }
}

/// `aid.de_minimis.check` as a typed function.
pub fn check(rb: &Rulebook, req: &CheckRequest) -> CheckResponse {
    let lang = req.lang;
    let mut problems = Vec::new();
    let members: Vec<String> = req.single_undertaking.iter().map(|s| org_key(s)).collect();
    if members.is_empty() {
        problems.push(Problem::new(&NO_RECIPIENT, "/single_undertaking", lang));
    }
    let g = &req.grant;
    let grant_eur = convert(
        g.amount,
        g.currency,
        g.eur_rate,
        g.date,
        "/grant",
        lang,
        &mut problems,
    );
    let mut aid = Vec::new();
    let mut meta = Vec::new();
    for (i, h) in req.history.iter().enumerate() {
        let at = pointer("/history", i);
        if !members.is_empty() && !members.contains(&org_key(&h.org_id)) {
            problems.push(Problem::with_params(
                &OUTSIDE_SINGLE_UNDERTAKING,
                pointer(&at, "org_id"),
                lang,
                params![("org_id", h.org_id.as_str())],
            ));
            continue;
        }
        if let Some(eur) = convert(
            h.amount,
            h.currency,
            h.eur_rate,
            h.date,
            &at,
            lang,
            &mut problems,
        ) {
            aid.push(Aid {
                date: h.date,
                eur,
                regulation: h.regulation,
            });
            meta.push(i);
        }
    }
    let input_ok = problems.is_empty();
    let w = window(rb, g.date, req.fiscal_year_start).ok();
    let counted: Vec<Counted> = w
        .map(|w| {
            aid.iter()
                .zip(&meta)
                .filter(|(a, _)| w.contains(a.date))
                .filter_map(|(a, i)| {
                    let h = req.history.get(*i)?;
                    Some(Counted {
                        index: *i,
                        org_id: h.org_id.clone(),
                        date: a.date,
                        regulation: a.regulation,
                        reference: h.reference.clone(),
                        amount_eur: a.eur,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let mut resp = CheckResponse {
        allowed: None,
        regulation: None,
        ceiling_eur: None,
        window: w,
        counted,
        grant_eur,
        used_eur: None,
        headroom_eur: None,
        max_grant_eur: None,
        earliest_date_full_amount_fits: None,
        checks: Vec::new(),
        exceeding_rule: None,
        problems: Vec::new(),
    };
    let amount_for_eval = grant_eur.unwrap_or_default();
    match evaluate(
        rb,
        g.date,
        amount_for_eval,
        g.regulation,
        &aid,
        req.fiscal_year_start,
    ) {
        Err(e) => problems.push(eval_problem(&e, lang)),
        Ok(ev) => {
            let own = ev.tests.first();
            let window_basis = rb
                .in_force(WINDOW_RULE, g.date)
                .map(Entry::legal_basis)
                .unwrap_or_else(|_| LegalBasis::citation(WINDOW_RULE));
            if g.regulation == Regulation::RoadFreight && ev.applied == Regulation::General {
                problems.push(Problem::with_params(
                    &ROAD_FREIGHT_GENERAL,
                    "/grant/regulation",
                    lang,
                    params![("date", g.date.to_string())],
                ));
            }
            resp.regulation = own.map(|t| AppliedRegulation {
                requested: g.regulation,
                applied: ev.applied,
                legal_basis: t.legal_basis.clone(),
                window_basis,
            });
            resp.ceiling_eur = own.map(|t| t.ceiling_eur);
            resp.used_eur = own.map(|t| t.used_eur);
            resp.headroom_eur = Some(ev.headroom());
            // The whole-grant rule: `allowed` is never "up to the ceiling".
            resp.exceeding_rule = rb
                .in_force(EXCEEDING_RULE, g.date)
                .ok()
                .map(Entry::legal_basis);
            resp.checks = ev
                .tests
                .iter()
                .map(|t| {
                    let def = if t.passed {
                        &WITHIN_CEILING
                    } else {
                        &CEILING_EXCEEDED
                    };
                    let p = params![
                        ("total_eur", t.total_eur.to_string()),
                        ("ceiling_eur", t.ceiling_eur.to_string()),
                        ("from", ev.window.from.to_string()),
                        ("to", ev.window.to.to_string()),
                    ];
                    Check {
                        code: def.code.to_owned(),
                        test: t.test.clone(),
                        passed: t.passed,
                        message: crate::problem::render(def.template(lang), &p),
                        ceiling_eur: t.ceiling_eur,
                        used_eur: t.used_eur,
                        total_eur: t.total_eur,
                        legal_basis: t.legal_basis.clone(),
                    }
                })
                .collect();
            // A problem that is only a notice (road freight under the general ceiling)
            // does not prevent the decision.
            if input_ok {
                resp.allowed = Some(ev.allowed());
                resp.max_grant_eur = Some(ev.max_grant());
                match earliest_date_full_amount_fits(
                    rb,
                    g.date,
                    amount_for_eval,
                    g.regulation,
                    &aid,
                    req.fiscal_year_start,
                ) {
                    Ok(d) => resp.earliest_date_full_amount_fits = d,
                    Err(e) => problems.push(eval_problem(&e, lang)),
                }
            }
        }
    }
    resp.problems = problems;
    resp
}

fn run(ctx: &Context<'_>, req: CheckRequest) -> CheckResponse {
    check(ctx.rulebook, &req)
}

pub(crate) const OPERATION: Operation = crate::operation!("aid.de_minimis.check", run);

// ---------------------------------------------------------------------------------------
// The audit of a whole register

/// One grant of a register.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RegisterGrant {
    pub org_id: String,
    /// The single undertaking the recipient belongs to; the recipient's own `org_id` when
    /// absent.
    #[serde(default)]
    pub undertaking: Option<String>,
    pub date: NaiveDate,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub amount: Decimal,
    pub currency: Currency,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(default, with = "crate::money::opt_decimal")]
    pub eur_rate: Option<Decimal>,
    #[serde(default)]
    pub regulation: Regulation,
    #[serde(default)]
    pub reference: Option<String>,
}

/// Request of `aid.de_minimis.audit`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditRequest {
    pub grants: Vec<RegisterGrant>,
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub fiscal_year_start: MonthDay,
    #[serde(default)]
    pub lang: Lang,
}

/// A grant that broke a ceiling on its own date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Breach {
    /// Position in `grants`.
    pub index: usize,
    pub reference: Option<String>,
    pub undertaking: String,
    pub date: NaiveDate,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub amount_eur: Decimal,
    /// The window that broke it.
    pub window: Window,
    /// `ceiling`, `road_freight`/`general` or `sgei_cumulation`: the first test failed.
    pub test: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub used_eur: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub total_eur: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub ceiling_eur: Decimal,
    pub legal_basis: LegalBasis,
}

/// Response of `aid.de_minimis.audit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditResponse {
    pub grants_checked: usize,
    pub undertakings: usize,
    pub breaches: Vec<Breach>,
    pub problems: Vec<Problem>,
}

/// A ceiling entry cached over its period, so a million grants cost a million range
/// checks rather than a million rulebook look-ups.
#[derive(Debug, Default)]
struct CeilingCache {
    hit: Option<(NaiveDate, Option<NaiveDate>, i64, Comparison, usize)>,
}

#[derive(Debug)]
struct Ceilings<'a> {
    rb: &'a Rulebook,
    bases: Vec<LegalBasis>,
    caches: [CeilingCache; 3],
}

impl Ceilings<'_> {
    /// `(cents, comparison, basis index)` of ceiling `k` (0 general, 1 road freight, 2 SGEI).
    fn get(&mut self, k: usize, date: NaiveDate) -> Option<(i64, Comparison, usize)> {
        let id = [GENERAL_CEILING, ROAD_FREIGHT_CEILING, SGEI_CEILING].get(k)?;
        let cache = self.caches.get_mut(k)?;
        if let Some((from, to, c, cmp, b)) = cache.hit {
            if from <= date && to.is_none_or(|t| date <= t) {
                return Some((c, cmp, b));
            }
        }
        let (v, entry) = self.rb.decimal(id, date).ok()?;
        let cents = cents(v)?;
        let basis = entry.legal_basis();
        let b = match self.bases.iter().position(|x| *x == basis) {
            Some(b) => b,
            None => {
                self.bases.push(basis);
                self.bases.len() - 1
            }
        };
        cache.hit = Some((entry.valid_from, entry.valid_to, cents, entry.comparison, b));
        Some((cents, entry.comparison, b))
    }
}

fn cents(eur: Decimal) -> Option<i64> {
    let c = eur.checked_mul(Decimal::ONE_HUNDRED)?.trunc();
    i64::try_from(c).ok()
}

fn from_cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

/// `aid.de_minimis.audit` as a typed function: every grant that broke a ceiling on its own
/// date. Grants are sorted per undertaking and date (O(n log n)); each window sum is a
/// difference of prefix sums over whole cents, found by binary search. A grant that broke
/// the ceiling is not de minimis aid and does not count for later grants. Grants on the
/// same day count in register order.
///
/// ```
/// use asf_core::de_minimis::{audit, AuditRequest};
/// let req: AuditRequest = serde_json::from_value(serde_json::json!({"grants": [
///   {"org_id": "A", "date": "2024-05-01", "amount": "250000", "currency": "EUR"},
///   {"org_id": "A", "date": "2025-05-01", "amount": "60000", "currency": "EUR"},
///   {"org_id": "B", "date": "2025-05-01", "amount": "60000", "currency": "EUR"}]})).unwrap();
/// let out = audit(&asf_core::rulebook::Rulebook::default(), &req);
/// assert_eq!(out.breaches.len(), 1);
/// assert_eq!(out.breaches[0].index, 1);
/// ```
pub fn audit(rb: &Rulebook, req: &AuditRequest) -> AuditResponse {
    let lang = req.lang;
    let mut problems = Vec::new();
    // Undertaking keys as small integers.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut rows: Vec<(u32, NaiveDate, usize, i64, Regulation)> =
        Vec::with_capacity(req.grants.len());
    for (i, g) in req.grants.iter().enumerate() {
        let at = pointer("/grants", i);
        let Some(eur) = convert(
            g.amount,
            g.currency,
            g.eur_rate,
            g.date,
            &at,
            lang,
            &mut problems,
        ) else {
            continue;
        };
        let Some(c) = cents(eur) else {
            problems.push(Problem::new(
                &AMOUNT_TOO_LARGE,
                pointer(&at, "amount"),
                lang,
            ));
            continue;
        };
        let key = org_key(g.undertaking.as_deref().unwrap_or(&g.org_id));
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        let u = *ids.entry(key).or_insert(next);
        rows.push((u, g.date, i, c, g.regulation));
    }
    rows.sort_unstable_by_key(|r| (r.0, r.1, r.2));
    let mut names = vec![String::new(); ids.len()];
    for (k, v) in ids {
        if let Some(slot) = names.get_mut(v as usize) {
            *slot = k;
        }
    }
    let mut ceilings = Ceilings {
        rb,
        bases: Vec::new(),
        caches: Default::default(),
    };
    let mut breaches = Vec::new();
    let mut reported_not_in_force = BTreeSet::new();
    // Prefix sums (cents) of counted aid within the current undertaking: all, not SGEI,
    // road freight.
    let mut pre_all: Vec<i128> = Vec::new();
    let mut pre_gen: Vec<i128> = Vec::new();
    let mut pre_road: Vec<i128> = Vec::new();
    let mut dates: Vec<NaiveDate> = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let u = rows.get(start).map(|r| r.0);
        let end = rows
            .iter()
            .skip(start)
            .position(|r| Some(r.0) != u)
            .map_or(rows.len(), |p| start + p);
        let group = rows.get(start..end).unwrap_or_default();
        pre_all.clear();
        pre_gen.clear();
        pre_road.clear();
        dates.clear();
        pre_all.push(0);
        pre_gen.push(0);
        pre_road.push(0);
        for (j, &(u, date, index, c, reg)) in group.iter().enumerate() {
            dates.push(date);
            let c128 = i128::from(c);
            // Every grant keeps the prefix sums aligned with `dates`; `counts` says whether it
            // is aid that later windows must include.
            let Ok(w) = window(rb, date, req.fiscal_year_start) else {
                // No window rule on this date: the grant cannot be judged (say so), but it was
                // granted, so it still counts for later grants whose windows reach back to it.
                if reported_not_in_force.insert((WINDOW_RULE, date.year())) {
                    problems.push(
                        NotInForce { rule: WINDOW_RULE.to_owned(), date }
                            .problem(&pointer(&pointer("/grants", index), "date"), lang),
                    );
                }
                push_sums([&mut pre_all, &mut pre_gen, &mut pre_road], c128, reg, true);
                continue;
            };
            // First position in the group whose date is inside the window.
            let lo = dates.partition_point(|d| *d < w.from);
            let window_sum =
                |p: &Vec<i128>| p.get(j).copied().unwrap_or(0) - p.get(lo).copied().unwrap_or(0);
            let (all, gen, road) = (
                window_sum(&pre_all),
                window_sum(&pre_gen),
                window_sum(&pre_road),
            );
            let mut tests: Vec<(&str, i128, usize)> = Vec::new();
            match reg {
                Regulation::Sgei => tests.push(("ceiling", all, 2)),
                Regulation::General => {
                    tests.extend([("ceiling", gen, 0), ("sgei_cumulation", all, 2)])
                }
                Regulation::RoadFreight => {
                    if ceilings.get(1, date).is_some() {
                        tests.extend([("ceiling", road, 1), ("general", gen, 0)]);
                    } else {
                        tests.push(("ceiling", gen, 0));
                    }
                    tests.push(("sgei_cumulation", all, 2));
                }
            }
            let mut broke = None;
            for (name, used, k) in tests {
                match ceilings.get(k, date) {
                    None => {
                        let id = [GENERAL_CEILING, ROAD_FREIGHT_CEILING, SGEI_CEILING]
                            .get(k)
                            .copied()
                            .unwrap_or_default();
                        if reported_not_in_force.insert((id, date.year())) {
                            problems.push(
                                NotInForce {
                                    rule: id.to_owned(),
                                    date,
                                }
                                .problem(&pointer(&pointer("/grants", index), "date"), lang),
                            );
                        }
                    }
                    Some((ceiling, cmp, b)) => {
                        let total = used + c128;
                        // Compare exactly in cents (the comparison is data).
                        if broke.is_none()
                            && !cmp.holds(
                                Decimal::from_i128_with_scale(total, 0),
                                Decimal::from(ceiling),
                            )
                        {
                            broke = Some((name, used, total, ceiling, b));
                        }
                    }
                }
            }
            // A grant that broke the ceiling falls outside de minimis and does not count for later
            // grants; one that could not be judged (a ceiling not in force) was still granted
            // and counts.
            push_sums([&mut pre_all, &mut pre_gen, &mut pre_road], c128, reg, broke.is_none());
            if let Some((name, used, total, ceiling, b)) = broke {
                let g = req.grants.get(index);
                breaches.push(Breach {
                    index,
                    reference: g.and_then(|g| g.reference.clone()),
                    undertaking: names.get(u as usize).cloned().unwrap_or_default(),
                    date,
                    amount_eur: from_cents(c),
                    window: w,
                    test: name.to_owned(),
                    used_eur: Decimal::from_i128_with_scale(used, 2),
                    total_eur: Decimal::from_i128_with_scale(total, 2),
                    ceiling_eur: from_cents(ceiling),
                    legal_basis: ceilings
                        .bases
                        .get(b)
                        .cloned()
                        .unwrap_or_else(|| LegalBasis::citation("")),
                });
            }
        }
        start = end;
    }
    breaches.sort_by_key(|b| b.index);
    AuditResponse {
        grants_checked: rows.len(),
        undertakings: names.len(),
        breaches,
        problems,
    }
}

fn run_audit(ctx: &Context<'_>, req: AuditRequest) -> AuditResponse {
    audit(ctx.rulebook, &req)
}

pub(crate) const AUDIT_OPERATION: Operation = crate::operation!("aid.de_minimis.audit", run_audit);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_grant_exactly_three_years_earlier_has_left_the_window() {
        let w = window(&Rulebook::default(), d("2027-03-01"), MonthDay::default()).unwrap();
        assert!(!w.contains(d("2024-03-01")));
        assert!(w.contains(d("2024-03-02")));
        // Leap day: 2027-02-28 minus 36 months clamps to 2024-02-28.
        let w = window(&Rulebook::default(), d("2027-02-28"), MonthDay::default()).unwrap();
        assert!(w.contains(d("2024-02-29")));
    }

    #[test]
    fn fiscal_year_window_before_2024() {
        let w = window(&Rulebook::default(), d("2023-12-31"), MonthDay::default()).unwrap();
        assert_eq!((w.from, w.kind), (d("2021-01-01"), WindowKind::FiscalYears));
        let w = window(&Rulebook::default(), d("2024-01-01"), MonthDay::default()).unwrap();
        assert_eq!(
            (w.from, w.kind),
            (d("2021-01-02"), WindowKind::RollingThreeYears)
        );
    }

    #[test]
    fn conversion_rounds_up_to_the_cent() {
        let eur = to_eur(Decimal::from(100), Currency::Sek, Some(Decimal::from(3))).unwrap();
        assert_eq!(eur.to_string(), "33.34");
        assert_eq!(
            to_eur(Decimal::from(100), Currency::Sek, Some(Decimal::ZERO)),
            None
        );
    }

    #[test]
    fn month_day_refuses_leap_day() {
        assert!(MonthDay::parse("02-29").is_none());
        assert_eq!(
            MonthDay::parse("07-01"),
            Some(MonthDay { month: 7, day: 1 })
        );
    }
}
