//! Goal follow-up (uppföljning, DOMAIN.md §6): how much of a buyer's spend goes to ASF,
//! per period, committee, account and kind of service; progress against targets; and the
//! outcomes of work-integration service contracts.
//!
//! The figures are computed over a columnar [`Ledger`] with dense integer group keys and
//! flat arrays, so a year of a large city's payments takes well under a second.
//!
//! ```
//! use asf_core::{goals, ledger};
//! let csv = "leverantor_id;forvaltning;bokforingsdatum;nettobelopp\n\
//!            556016-0680;Kultur;2025-03-01;300,00\n\
//!            5567321707;Kultur;2025-03-01;700,00\n";
//! let l = ledger::read(csv.as_bytes()).unwrap();
//! let reg = goals::Register::compile(&l, &[goals::RegisterRow::open_ended("5560160680")], &goals::WorkIntegration::default());
//! let t = goals::indicators(&l, &reg, &goals::IndicatorOptions { period: None, group_by: &[goals::Dim::Year] });
//! assert_eq!(t.groups[0].asf_ore, 30000);
//! assert_eq!(t.groups[0].total_ore, 100000);
//! ```

pub mod progress;
pub mod service_outcomes;

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::engine::{Context, Operation};
use crate::ledger::{self, date_of_day, day_number, Ledger};
use crate::params;
use crate::problem::{pointer, CodeDef, Lang, Problem};

pub const PERIOD_REVERSED: CodeDef = CodeDef {
    code: "goals_period_reversed",
    en: "The period ends ({to}) before it starts ({from}).",
    sv: "Perioden slutar ({to}) innan den börjar ({from}).",
};
pub const REGISTER_PERIOD_REVERSED: CodeDef = CodeDef {
    code: "goals_register_period_reversed",
    en: "The ASF period of supplier {supplier_id} ends ({asf_to}) before it starts ({asf_from}); the row is ignored.",
    sv: "ASF-perioden för leverantör {supplier_id} slutar ({asf_to}) innan den börjar ({asf_from}); raden används inte.",
};
pub const REGISTER_EMPTY_ID: CodeDef = CodeDef {
    code: "goals_register_empty_id",
    en: "A register row has no supplier id; the row is ignored.",
    sv: "En registerrad saknar leverantörs-id; raden används inte.",
};
pub const WORK_INTEGRATION_EMPTY: CodeDef = CodeDef {
    code: "goals_work_integration_entry_empty",
    en: "An entry of work_integration_accounts is empty; write an account number or cpv: and a CPV prefix.",
    sv: "En post i work_integration_accounts är tom; skriv ett kontonummer eller cpv: och början på en CPV-kod.",
};

pub const CODES: &[&CodeDef] = &[
    &PERIOD_REVERSED,
    &REGISTER_PERIOD_REVERSED,
    &REGISTER_EMPTY_ID,
    &WORK_INTEGRATION_EMPTY,
    &progress::BY_NOT_AFTER_BASELINE,
    &progress::TOO_MANY_PERIODS,
    &service_outcomes::NEGATIVE,
    &service_outcomes::TRANSITIONS_EXCEED,
    &service_outcomes::COMPLETED_EXCEED,
    &service_outcomes::PERIOD_REVERSED,
    &service_outcomes::DUPLICATE_CONTRACT,
];

/// Decimal places of shares and rates in responses (rounded half to even for display
/// only; every comparison is made on the exact fraction).
pub const SHARE_PLACES: u32 = 6;

/// A period, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One row of a supplier register: the supplier was an ASF from `asf_from` to `asf_to`,
/// both days included; a missing bound is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RegisterRow {
    pub supplier_id: String,
    #[serde(default)]
    pub asf_from: Option<NaiveDate>,
    #[serde(default)]
    pub asf_to: Option<NaiveDate>,
    /// What the supplier sells: a CPV code (matched by `cpv:` prefixes) or free text.
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

impl RegisterRow {
    /// An ASF with no start or end date.
    pub fn open_ended(supplier_id: &str) -> Self {
        RegisterRow {
            supplier_id: supplier_id.to_owned(),
            asf_from: None,
            asf_to: None,
            category: None,
            name: None,
        }
    }
}

/// Which spend is a work-integration service: account numbers (matched exactly against
/// `konto_nr`) and CPV prefixes (matched against the supplier's register `category`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkIntegration {
    pub accounts: Vec<String>,
    pub cpv_prefixes: Vec<String>,
}

impl WorkIntegration {
    /// From the wire form: `"7599"` is an account, `"cpv:85312"` a CPV prefix. Returns the
    /// indices of empty entries apart.
    pub fn from_entries(entries: &[String]) -> (Self, Vec<usize>) {
        let mut wi = WorkIntegration::default();
        let mut empty = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let t = e.trim();
            let lower = t.to_lowercase();
            match lower.strip_prefix("cpv:") {
                Some(p) if !p.trim().is_empty() => wi.cpv_prefixes.push(p.trim().to_owned()),
                Some(_) => empty.push(i),
                None if t.is_empty() => empty.push(i),
                None => wi.accounts.push(t.to_owned()),
            }
        }
        (wi, empty)
    }
}

/// A register compiled against one ledger's suppliers: ASF intervals per supplier (as day
/// numbers, both ends included) and which suppliers and accounts are work-integration.
#[derive(Debug, Clone, Default)]
pub struct Register {
    interval_start: Vec<u32>,
    intervals: Vec<(i32, i32)>,
    supplier_wi: Vec<bool>,
    konto_wi: Vec<bool>,
    /// Register rows ignored (empty id or reversed period), by index.
    pub ignored: Vec<(usize, &'static CodeDef)>,
}

impl Register {
    /// Matches register rows to the ledger's suppliers by [`ledger::supplier_key`], so an
    /// id that is not an organisation number still matches the same id in the ledger.
    pub fn compile(ledger: &Ledger, rows: &[RegisterRow], wi: &WorkIntegration) -> Self {
        let n = ledger.suppliers().len();
        let mut per_supplier: Vec<Vec<(i32, i32)>> = vec![Vec::new(); n];
        let mut supplier_wi = vec![false; n];
        let mut ignored = Vec::new();
        let as_of = ledger::Options::default().as_of;
        for (i, row) in rows.iter().enumerate() {
            if row.supplier_id.trim().is_empty() {
                ignored.push((i, &REGISTER_EMPTY_ID));
                continue;
            }
            let lo = row.asf_from.map(day_number).unwrap_or(i32::MIN);
            let hi = row.asf_to.map(day_number).unwrap_or(i32::MAX);
            if hi < lo {
                ignored.push((i, &REGISTER_PERIOD_REVERSED));
                continue;
            }
            let raw = row.supplier_id.trim();
            let idx = ledger
                .supplier_index(raw)
                .or_else(|| ledger.supplier_index(&ledger::supplier_key(raw, as_of).0));
            let Some(s) = idx.map(|s| s as usize) else {
                continue;
            };
            if let Some(v) = per_supplier.get_mut(s) {
                v.push((lo, hi));
            }
            let cpv = row.category.as_deref().unwrap_or_default().trim();
            if !cpv.is_empty() && wi.cpv_prefixes.iter().any(|p| cpv.starts_with(p.as_str())) {
                if let Some(w) = supplier_wi.get_mut(s) {
                    *w = true;
                }
            }
        }
        let mut interval_start = Vec::with_capacity(n + 1);
        let mut intervals = Vec::new();
        for v in per_supplier {
            interval_start.push(u32::try_from(intervals.len()).unwrap_or(u32::MAX));
            intervals.extend(v);
        }
        interval_start.push(u32::try_from(intervals.len()).unwrap_or(u32::MAX));
        let konto_wi = ledger
            .konton()
            .names()
            .iter()
            .map(|k| wi.accounts.iter().any(|a| a == k))
            .collect();
        Register {
            interval_start,
            intervals,
            supplier_wi,
            konto_wi,
            ignored,
        }
    }

    /// Whether supplier `s` was an ASF on day `day`.
    #[inline]
    pub fn is_asf(&self, s: u32, day: i32) -> bool {
        let s = s as usize;
        let (Some(&a), Some(&b)) = (self.interval_start.get(s), self.interval_start.get(s + 1))
        else {
            return false;
        };
        self.intervals
            .get(a as usize..b as usize)
            .unwrap_or_default()
            .iter()
            .any(|&(lo, hi)| lo <= day && day <= hi)
    }

    #[inline]
    fn is_wi(&self, s: u32, k: u32) -> bool {
        self.supplier_wi.get(s as usize).copied().unwrap_or(false)
            || self.konto_wi.get(k as usize).copied().unwrap_or(false)
    }
}

/// A grouping dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Dim {
    Year,
    Quarter,
    Month,
    Forvaltning,
    KontoNr,
    ServiceKind,
}

/// Options of [`indicators`].
#[derive(Debug, Clone, Copy)]
pub struct IndicatorOptions<'a> {
    /// Rows booked outside the period are left out (and counted apart). `None`: all rows.
    pub period: Option<Period>,
    pub group_by: &'a [Dim],
}

/// The key of a group: the dimensions grouped by, as indices into the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupKey {
    /// The calendar year, quarter or month (the finest grouped by), first and last day.
    pub time: Option<(NaiveDate, NaiveDate)>,
    pub forvaltning: Option<u32>,
    pub konto: Option<u32>,
    /// `Some(true)` for work-integration services.
    pub work_integration: Option<bool>,
}

/// The figures of one group. Amounts in öre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupTotals {
    pub key: GroupKey,
    pub rows: u64,
    pub total_ore: i128,
    pub asf_ore: i128,
    /// ASF spend on work-integration services.
    pub wi_asf_ore: i128,
    pub suppliers: u64,
    pub asf_suppliers: u64,
}

/// The result of [`indicators`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndicatorTable {
    pub groups: Vec<GroupTotals>,
    pub rows_in_period: u64,
    pub amount_in_period_ore: i128,
    pub rows_outside_period: u64,
    pub amount_outside_period_ore: i128,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grain {
    None,
    Year,
    Quarter,
    Month,
}

fn grain_index(grain: Grain, d: NaiveDate) -> i64 {
    let y = i64::from(d.year());
    let m = i64::from(d.month0());
    match grain {
        Grain::None => 0,
        Grain::Year => y,
        Grain::Quarter => y * 4 + m / 3,
        Grain::Month => y * 12 + m,
    }
}

/// First and last day of the bucket holding `d`.
fn bucket_bounds(grain: Grain, d: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let y = d.year();
    let (m0, len) = match grain {
        Grain::None => return None,
        Grain::Year => (1, 12),
        Grain::Quarter => (d.month0() / 3 * 3 + 1, 3),
        Grain::Month => (d.month(), 1),
    };
    let from = NaiveDate::from_ymd_opt(y, m0, 1)?;
    let next = from.checked_add_months(chrono::Months::new(len))?;
    Some((from, next.pred_opt()?))
}

/// Sets of (group, supplier) pairs: a bit matrix when small, a hash set otherwise.
enum Distinct {
    Bits { words: Vec<u64>, per_group: usize },
    Set(HashSet<(usize, u32)>),
}

impl Distinct {
    fn new(groups: Option<usize>, suppliers: usize) -> Self {
        match groups.and_then(|g| g.checked_mul(suppliers)) {
            Some(bits) if bits <= 1 << 28 => Distinct::Bits {
                words: vec![0; bits.div_ceil(64)],
                per_group: suppliers,
            },
            _ => Distinct::Set(HashSet::new()),
        }
    }

    /// Marks the pair; true if it was new.
    #[inline]
    fn mark(&mut self, g: usize, s: u32) -> bool {
        match self {
            Distinct::Bits { words, per_group } => {
                let bit = g * *per_group + s as usize;
                match words.get_mut(bit / 64) {
                    Some(w) => {
                        let mask = 1u64 << (bit % 64);
                        let new = *w & mask == 0;
                        *w |= mask;
                        new
                    }
                    None => false,
                }
            }
            Distinct::Set(set) => set.insert((g, s)),
        }
    }
}

/// ASF spend indicators per group: total spend, ASF spend (rows whose supplier the
/// register lists as ASF on the booking date), ASF spend on work-integration services,
/// distinct suppliers and ASF suppliers. Sums are exact in öre.
pub fn indicators(
    ledger: &Ledger,
    register: &Register,
    options: &IndicatorOptions<'_>,
) -> IndicatorTable {
    let mut table = IndicatorTable::default();
    let has = |d: Dim| options.group_by.contains(&d);
    let grain = if has(Dim::Month) {
        Grain::Month
    } else if has(Dim::Quarter) {
        Grain::Quarter
    } else if has(Dim::Year) {
        Grain::Year
    } else {
        Grain::None
    };
    let days = ledger.days();
    let (Some(&data_lo), Some(&data_hi)) = (days.iter().min(), days.iter().max()) else {
        return table;
    };
    let (p_lo, p_hi) = options
        .period
        .map(|p| (day_number(p.from), day_number(p.to)))
        .unwrap_or((data_lo, data_hi));
    let lo = p_lo.max(data_lo);
    let hi = p_hi.min(data_hi);
    if hi < lo || p_hi < p_lo {
        for &a in ledger.amounts_ore() {
            table.rows_outside_period += 1;
            table.amount_outside_period_ore += i128::from(a);
        }
        return table;
    }
    let (Some(lo_date), Some(hi_date)) = (date_of_day(lo), date_of_day(hi)) else {
        return table;
    };
    let base = grain_index(grain, lo_date);
    let nt = usize::try_from(grain_index(grain, hi_date) - base + 1).unwrap_or(1);
    let nf = if has(Dim::Forvaltning) {
        ledger.forvaltningar().len().max(1)
    } else {
        1
    };
    let nk = if has(Dim::KontoNr) {
        ledger.konton().len().max(1)
    } else {
        1
    };
    let ns: usize = if has(Dim::ServiceKind) { 2 } else { 1 };
    let stride_k = ns;
    let stride_f = nk.saturating_mul(ns);
    let stride_t = nf.saturating_mul(stride_f);
    let dense_groups = nt.checked_mul(stride_t).filter(|&g| g <= 1 << 20);
    // Per-day, per-forvaltning and per-account parts of the mixed-radix group number.
    let mut day_part: Vec<u128> = Vec::with_capacity(usize::try_from(hi - lo + 1).unwrap_or(0));
    let mut d = lo_date;
    let mut bucket_of_t: Vec<Option<(NaiveDate, NaiveDate)>> = vec![None; nt];
    loop {
        let t = usize::try_from(grain_index(grain, d) - base).unwrap_or(0);
        if let Some(b) = bucket_of_t.get_mut(t) {
            if b.is_none() {
                *b = bucket_bounds(grain, d);
            }
        }
        day_part.push(t as u128 * stride_t as u128);
        if d >= hi_date {
            break;
        }
        let Some(next) = d.succ_opt() else { break };
        d = next;
    }
    let f_part: Vec<u128> = (0..ledger.forvaltningar().len())
        .map(|f| {
            if nf > 1 || has(Dim::Forvaltning) {
                f as u128 * stride_f as u128
            } else {
                0
            }
        })
        .collect();
    let k_part: Vec<u128> = (0..ledger.konton().len())
        .map(|k| {
            if has(Dim::KontoNr) {
                k as u128 * stride_k as u128
            } else {
                0
            }
        })
        .collect();
    let wi_on = ns == 2;

    let cap = dense_groups.unwrap_or(0);
    let mut rows = vec![0u64; cap];
    let mut total = vec![0i128; cap];
    let mut asf = vec![0i128; cap];
    let mut wi_asf = vec![0i128; cap];
    let mut sup = vec![0u64; cap];
    let mut asf_sup = vec![0u64; cap];
    let mut composite: Vec<u128> = (0..cap as u128).collect();
    let mut slots: HashMap<u128, usize> = HashMap::new();
    let nsup = ledger.suppliers().len();
    let mut seen = Distinct::new(dense_groups, nsup);
    let mut seen_asf = Distinct::new(dense_groups, nsup);

    let cols = ledger.amounts_ore().iter().zip(days).zip(
        ledger
            .supplier_indices()
            .iter()
            .zip(ledger.forvaltning_indices())
            .zip(ledger.konto_indices()),
    );
    for ((&a, &d), ((&s, &f), &k)) in cols {
        if d < lo || d > hi {
            table.rows_outside_period += 1;
            table.amount_outside_period_ore += i128::from(a);
            continue;
        }
        let Some(&tp) = day_part.get((d - lo) as usize) else {
            continue;
        };
        let is_wi = wi_on && register.is_wi(s, k);
        let g = tp
            + f_part.get(f as usize).copied().unwrap_or(0)
            + k_part.get(k as usize).copied().unwrap_or(0)
            + u128::from(is_wi);
        let slot = if dense_groups.is_some() {
            g as usize
        } else {
            let next = slots.len();
            let slot = *slots.entry(g).or_insert(next);
            if slot == rows.len() {
                rows.push(0);
                total.push(0);
                asf.push(0);
                wi_asf.push(0);
                sup.push(0);
                asf_sup.push(0);
                composite.push(g);
            }
            slot
        };
        let a = i128::from(a);
        table.rows_in_period += 1;
        table.amount_in_period_ore += a;
        if let (Some(r), Some(t)) = (rows.get_mut(slot), total.get_mut(slot)) {
            *r += 1;
            *t += a;
        }
        if seen.mark(slot, s) {
            if let Some(c) = sup.get_mut(slot) {
                *c += 1;
            }
        }
        if register.is_asf(s, d) {
            if let Some(x) = asf.get_mut(slot) {
                *x += a;
            }
            if register.is_wi(s, k) {
                if let Some(x) = wi_asf.get_mut(slot) {
                    *x += a;
                }
            }
            if seen_asf.mark(slot, s) {
                if let Some(c) = asf_sup.get_mut(slot) {
                    *c += 1;
                }
            }
        }
    }
    for (slot, &r) in rows.iter().enumerate() {
        if r == 0 {
            continue;
        }
        let g = composite.get(slot).copied().unwrap_or(0);
        let t = (g / stride_t as u128) as usize;
        let rem = g % stride_t as u128;
        let f = (rem / stride_f as u128) as u32;
        let rem = rem % stride_f as u128;
        let k = (rem / stride_k as u128) as u32;
        let w = rem % stride_k as u128 == 1;
        let key = GroupKey {
            time: if grain == Grain::None {
                None
            } else {
                bucket_of_t.get(t).copied().flatten()
            },
            forvaltning: has(Dim::Forvaltning).then_some(f),
            konto: has(Dim::KontoNr).then_some(k),
            work_integration: wi_on.then_some(w),
        };
        table.groups.push(GroupTotals {
            key,
            rows: r,
            total_ore: total.get(slot).copied().unwrap_or(0),
            asf_ore: asf.get(slot).copied().unwrap_or(0),
            wi_asf_ore: wi_asf.get(slot).copied().unwrap_or(0),
            suppliers: sup.get(slot).copied().unwrap_or(0),
            asf_suppliers: asf_sup.get(slot).copied().unwrap_or(0),
        });
    }
    table.groups.sort_by(|x, y| {
        let name = |k: &GroupKey| {
            (
                k.time,
                k.forvaltning
                    .map(|f| ledger.forvaltningar().name(f).to_owned()),
                k.konto.map(|c| ledger.konton().name(c).to_owned()),
                k.work_integration,
            )
        };
        name(&x.key).cmp(&name(&y.key))
    });
    table
}

/// Öre to SEK, exact.
pub fn sek(ore: i128) -> Decimal {
    Decimal::try_from_i128_with_scale(ore, 2).unwrap_or(Decimal::MAX)
}

/// `part / whole` rendered with [`SHARE_PLACES`] decimals; `None` unless `whole > 0`.
pub fn share_string(part: Decimal, whole: Decimal) -> Option<String> {
    if whole <= Decimal::ZERO {
        return None;
    }
    crate::money::fraction_string(part, whole, SHARE_PLACES)
}

// ---------------------------------------------------------------------------------------
// The operation goals.indicators

fn default_group_by() -> Vec<Dim> {
    vec![Dim::Year]
}

/// Request of `goals.indicators`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorsRequest {
    #[serde(default)]
    pub lang: Lang,
    /// Ledger rows keyed by the national column names (or their aliases).
    pub ledger: Vec<Map<String, Value>>,
    #[serde(default)]
    pub register: Vec<RegisterRow>,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default = "default_group_by")]
    pub group_by: Vec<Dim>,
    /// Account numbers (`"7599"`) and CPV prefixes (`"cpv:85312"`).
    #[serde(default)]
    pub work_integration_accounts: Vec<String>,
}

/// Figures of one group on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GroupOut {
    pub key: Map<String, Value>,
    pub rows: u64,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub total_spend: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub asf_spend: Decimal,
    /// `asf_spend / total_spend` with six decimals; null unless total spend is positive.
    pub asf_share: Option<String>,
    pub asf_suppliers: u64,
    pub suppliers: u64,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub work_integration_spend: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub other_asf_spend: Decimal,
}

/// The import reconciliation plus the split by period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorReconciliation {
    #[serde(flatten)]
    pub import: ledger::Reconciliation,
    pub rows_in_period: u64,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub amount_in_period: Decimal,
    pub rows_outside_period: u64,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub amount_outside_period: Decimal,
}

/// Response of `goals.indicators`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorsResponse {
    pub groups: Vec<GroupOut>,
    pub reconciliation: IndicatorReconciliation,
    pub problems: Vec<Problem>,
}

/// Everything shared by the goal operations: the ledger, the compiled register and the
/// problems found reading them.
pub(crate) struct Prepared {
    pub ledger: Ledger,
    pub register: Register,
    pub problems: Vec<Problem>,
}

pub(crate) fn prepare(
    ctx: &Context<'_>,
    rows: &[Map<String, Value>],
    register: &[RegisterRow],
    wi_entries: &[String],
    lang: Lang,
) -> Prepared {
    let options = ledger::Options {
        as_of: ctx.today.max(ledger::Options::default().as_of),
    };
    let mut l = Ledger::new();
    ledger::push_json_rows(&mut l, rows, &options);
    let mut problems: Vec<Problem> = l
        .rejections()
        .iter()
        .map(|r| {
            let row = pointer("/ledger", r.line);
            let path = if r.field.is_empty() {
                row
            } else {
                pointer(&row, &r.field)
            };
            r.problem(&path, lang)
        })
        .collect();
    problems.extend(l.supplier_flags(lang, |line| {
        pointer(&pointer("/ledger", line), "leverantor_id")
    }));
    let reg = compile_register(&l, register, wi_entries, lang, &mut problems);
    Prepared {
        ledger: l,
        register: reg,
        problems,
    }
}

/// Compiles the register for a ledger and lists its problems (ignored rows, empty
/// work-integration entries) at their request paths, as every goal operation reports them.
pub fn compile_register(
    l: &Ledger,
    rows: &[RegisterRow],
    wi_entries: &[String],
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> Register {
    let (wi, empty) = WorkIntegration::from_entries(wi_entries);
    for i in empty {
        problems.push(Problem::new(
            &WORK_INTEGRATION_EMPTY,
            pointer("/work_integration_accounts", i),
            lang,
        ));
    }
    let reg = Register::compile(l, rows, &wi);
    for &(i, def) in &reg.ignored {
        let row = rows.get(i);
        let field = if std::ptr::eq(def, &REGISTER_EMPTY_ID) {
            "supplier_id"
        } else {
            "asf_to"
        };
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        problems.push(Problem::with_params(
            def,
            pointer(&pointer("/register", i), field),
            lang,
            params![
                (
                    "supplier_id",
                    row.map(|r| r.supplier_id.as_str()).unwrap_or_default()
                ),
                ("asf_from", date(row.and_then(|r| r.asf_from))),
                ("asf_to", date(row.and_then(|r| r.asf_to)))
            ],
        ));
    }
    reg
}

/// The wire key of a group.
pub(crate) fn key_out(ledger: &Ledger, key: &GroupKey, group_by: &[Dim]) -> Map<String, Value> {
    let mut m = Map::new();
    for dim in group_by {
        let (name, value) = match dim {
            Dim::Year => ("year", key.time.map(|(f, _)| f.year().to_string())),
            Dim::Quarter => (
                "quarter",
                key.time
                    .map(|(f, _)| format!("{}-Q{}", f.year(), f.month0() / 3 + 1)),
            ),
            Dim::Month => (
                "month",
                key.time
                    .map(|(f, _)| format!("{}-{:02}", f.year(), f.month())),
            ),
            Dim::Forvaltning => (
                "forvaltning",
                key.forvaltning
                    .map(|f| ledger.forvaltningar().name(f).to_owned()),
            ),
            Dim::KontoNr => (
                "konto_nr",
                key.konto.map(|k| ledger.konton().name(k).to_owned()),
            ),
            Dim::ServiceKind => (
                "service_kind",
                key.work_integration
                    .map(|w| if w { "work_integration" } else { "other" }.to_owned()),
            ),
        };
        m.insert(
            name.to_owned(),
            value.map(Value::String).unwrap_or(Value::Null),
        );
    }
    m
}

pub(crate) fn group_out(ledger: &Ledger, g: &GroupTotals, group_by: &[Dim]) -> GroupOut {
    let total = sek(g.total_ore);
    let asf = sek(g.asf_ore);
    GroupOut {
        key: key_out(ledger, &g.key, group_by),
        rows: g.rows,
        total_spend: total,
        asf_spend: asf,
        asf_share: share_string(asf, total),
        asf_suppliers: g.asf_suppliers,
        suppliers: g.suppliers,
        work_integration_spend: sek(g.wi_asf_ore),
        other_asf_spend: sek(g.asf_ore - g.wi_asf_ore),
    }
}

fn run(ctx: &Context<'_>, req: IndicatorsRequest) -> IndicatorsResponse {
    let lang = req.lang;
    let Prepared {
        ledger: l,
        register,
        mut problems,
    } = prepare(
        ctx,
        &req.ledger,
        &req.register,
        &req.work_integration_accounts,
        lang,
    );
    let mut group_by: Vec<Dim> = Vec::new();
    for d in &req.group_by {
        if !group_by.contains(d) {
            group_by.push(*d);
        }
    }
    let mut period = req.period;
    if let Some(p) = period.filter(|p| p.to < p.from) {
        problems.push(Problem::with_params(
            &PERIOD_REVERSED,
            "/period/to",
            lang,
            params![("from", p.from.to_string()), ("to", p.to.to_string())],
        ));
        period = Some(p);
    }
    let table = indicators(
        &l,
        &register,
        &IndicatorOptions {
            period,
            group_by: &group_by,
        },
    );
    IndicatorsResponse {
        groups: table
            .groups
            .iter()
            .map(|g| group_out(&l, g, &group_by))
            .collect(),
        reconciliation: IndicatorReconciliation {
            import: l.reconciliation(),
            rows_in_period: table.rows_in_period,
            amount_in_period: sek(table.amount_in_period_ore),
            rows_outside_period: table.rows_outside_period,
            amount_outside_period: sek(table.amount_outside_period_ore),
        },
        problems,
    }
}

pub(crate) const OPERATION: Operation = crate::operation!("goals.indicators", run);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn ledger() -> Ledger {
        let csv = "leverantor_id;forvaltning;konto_nr;bokforingsdatum;nettobelopp\n\
                   5560160680;A;7599;2024-12-31;100\n\
                   5560160680;A;7599;2025-01-01;200\n\
                   5560160680;B;4000;2025-04-01;300\n\
                   X-1;B;7599;2025-06-30;400\n\
                   X-1;B;7599;2025-07-01;-50\n\
                   5567321707;A;4000;2025-12-31;1000\n";
        ledger::read(csv.as_bytes()).unwrap()
    }

    #[test]
    fn asf_only_inside_validity_and_distinct_suppliers() {
        let l = ledger();
        let reg = vec![
            RegisterRow {
                asf_from: NaiveDate::from_ymd_opt(2025, 1, 1),
                ..RegisterRow::open_ended("556016-0680")
            },
            RegisterRow {
                asf_to: NaiveDate::from_ymd_opt(2025, 6, 30),
                ..RegisterRow::open_ended("X-1")
            },
        ];
        let (wi, _) = WorkIntegration::from_entries(&["7599".into()]);
        let r = Register::compile(&l, &reg, &wi);
        let t = indicators(
            &l,
            &r,
            &IndicatorOptions {
                period: None,
                group_by: &[Dim::Year],
            },
        );
        assert_eq!(t.groups.len(), 2);
        let g = t.groups[1];
        assert_eq!(
            (
                g.total_ore,
                g.asf_ore,
                g.wi_asf_ore,
                g.suppliers,
                g.asf_suppliers
            ),
            (185000, 90000, 60000, 3, 2)
        );
        assert_eq!(t.groups[0].asf_ore, 0);
        let t = indicators(
            &l,
            &r,
            &IndicatorOptions {
                period: Some(Period {
                    from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                    to: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
                }),
                group_by: &[Dim::Quarter, Dim::Forvaltning, Dim::ServiceKind],
            },
        );
        assert_eq!(
            (
                t.rows_in_period,
                t.rows_outside_period,
                t.amount_outside_period_ore
            ),
            (3, 3, 105000)
        );
        assert_eq!(t.groups.len(), 3);
        assert_eq!(
            t.groups.iter().map(|g| g.total_ore).sum::<i128>(),
            t.amount_in_period_ore
        );
    }
}
