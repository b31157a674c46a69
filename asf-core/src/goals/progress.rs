//! `goals.progress`: computed indicators against targets, period by period.
//!
//! A target has a baseline (a period and its value), a target value and a date `by`. The
//! trajectory is the straight line from the baseline value on the last day of the baseline
//! period (t0) to the target value on `by` (t1), with time counted in days:
//! `trajectory(t) = baseline + (target − baseline) × (t − t0) / (t1 − t0)`, and the target
//! value itself from `by` on. Each calendar period (year, quarter or month) from the one
//! holding the day after t0 to the one holding t1 is judged at its last day (or at `by`,
//! whichever comes first). No target value is built in: targets are the user's.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    indicators, prepare, sek, Dim, GroupKey, GroupTotals, IndicatorOptions, IndicatorTable,
    IndicatorReconciliation, Register, RegisterRow,
};
use crate::engine::{Context, Operation};
use crate::ledger::Ledger;
use crate::params;
use crate::problem::{pointer, CodeDef, Lang, Problem};

pub const BY_NOT_AFTER_BASELINE: CodeDef = CodeDef {
    code: "goals_target_by_not_after_baseline",
    en: "The target date {by} must be after the end of the baseline period ({baseline_to}).",
    sv: "Måldatumet {by} måste ligga efter basperiodens slut ({baseline_to}).",
};
pub const TOO_MANY_PERIODS: CodeDef = CodeDef {
    code: "goals_too_many_periods",
    en: "The target spans {count} periods; at most {limit} are followed. Choose a coarser granularity.",
    sv: "Målet omfattar {count} perioder; högst {limit} följs upp. Välj en grövre indelning.",
};

/// Most periods followed per target.
pub const MAX_PERIODS: usize = 600;

/// What a target measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// ASF spend / total spend, a fraction (`"0.05"` is 5 %).
    AsfShare,
    AsfSpend,
    TotalSpend,
    WorkIntegrationSpend,
    OtherAsfSpend,
    AsfSuppliers,
}

impl Indicator {
    fn places(self) -> u32 {
        match self {
            Indicator::AsfShare => super::SHARE_PLACES,
            _ => 2,
        }
    }
}

/// Calendar granularity of the periods followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    #[default]
    Year,
    Quarter,
    Month,
}

/// `work_integration` or `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    WorkIntegration,
    Other,
}

/// Which rows a target covers; an empty scope is the whole ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Scope {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forvaltning: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub konto_nr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_kind: Option<ServiceKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Baseline {
    pub period: super::Period,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub value: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetValue {
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub value: Decimal,
    pub by: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Target {
    #[serde(default)]
    pub id: Option<String>,
    pub indicator: Indicator,
    #[serde(default)]
    pub scope: Scope,
    pub baseline: Baseline,
    pub target: TargetValue,
}

/// Request of `goals.progress`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProgressRequest {
    #[serde(default)]
    pub lang: Lang,
    pub ledger: Vec<Map<String, Value>>,
    #[serde(default)]
    pub register: Vec<RegisterRow>,
    #[serde(default)]
    pub work_integration_accounts: Vec<String>,
    #[serde(default)]
    pub granularity: Granularity,
    pub targets: Vec<Target>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Achieved,
    OnTrack,
    Behind,
    NoData,
}

/// One period followed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PeriodProgress {
    pub period: super::Period,
    /// The day the trajectory is read: the period's last day, or `by` if earlier.
    pub judged_on: NaiveDate,
    pub trajectory: String,
    pub actual: Option<String>,
    /// `actual − trajectory` (positive is ahead for a rising target).
    pub gap: Option<String>,
    pub status: Status,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub total_spend: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub asf_spend: Decimal,
    /// Share targets: the further ASF spend that, at this period's total spend, would
    /// have met the target share (rounded up to the öre); zero when met.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(
        with = "crate::money::opt_decimal",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_asf_spend_needed: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetProgress {
    pub id: Option<String>,
    pub indicator: Indicator,
    pub scope: Scope,
    /// `increase` when the target value is at least the baseline value, else `decrease`.
    pub direction: String,
    pub periods: Vec<PeriodProgress>,
    /// The last period with data.
    pub latest: Option<PeriodProgress>,
    /// Days from the latest period's last day to `by` (0 when past).
    pub remaining_days: Option<i64>,
}

/// Response of `goals.progress`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProgressResponse {
    pub targets: Vec<TargetProgress>,
    pub reconciliation: IndicatorReconciliation,
    pub problems: Vec<Problem>,
}

/// A value as an exact fraction `num / den` with `den > 0`.
#[derive(Debug, Clone, Copy)]
struct Frac {
    num: Decimal,
    den: Decimal,
}

impl Frac {
    fn ge(self, other: Frac) -> Option<bool> {
        Some(self.num.checked_mul(other.den)? >= other.num.checked_mul(self.den)?)
    }
    fn render(self, places: u32) -> Option<String> {
        crate::money::fraction_string(self.num, self.den, places)
    }
    fn sub(self, other: Frac) -> Option<Frac> {
        Some(Frac {
            num: self
                .num
                .checked_mul(other.den)?
                .checked_sub(other.num.checked_mul(self.den)?)?,
            den: self.den.checked_mul(other.den)?,
        })
    }
}

/// The trajectory on day `t` as an exact fraction.
fn trajectory(
    b: Decimal,
    target: Decimal,
    t0: NaiveDate,
    t1: NaiveDate,
    t: NaiveDate,
) -> Option<Frac> {
    let span = Decimal::from((t1 - t0).num_days());
    let elapsed = Decimal::from((t.min(t1) - t0).num_days().max(0));
    Some(Frac {
        num: b
            .checked_mul(span)?
            .checked_add(target.checked_sub(b)?.checked_mul(elapsed)?)?,
        den: span,
    })
}

fn actual(ind: Indicator, g: &GroupTotals) -> Option<Frac> {
    let one = Decimal::ONE;
    match ind {
        Indicator::AsfShare if g.total_ore > 0 => Some(Frac {
            num: sek(g.asf_ore),
            den: sek(g.total_ore),
        }),
        Indicator::AsfShare => None,
        Indicator::AsfSpend => Some(Frac {
            num: sek(g.asf_ore),
            den: one,
        }),
        Indicator::TotalSpend => Some(Frac {
            num: sek(g.total_ore),
            den: one,
        }),
        Indicator::WorkIntegrationSpend => Some(Frac {
            num: sek(g.wi_asf_ore),
            den: one,
        }),
        Indicator::OtherAsfSpend => Some(Frac {
            num: sek(g.asf_ore - g.wi_asf_ore),
            den: one,
        }),
        Indicator::AsfSuppliers => Some(Frac {
            num: Decimal::from(g.asf_suppliers),
            den: one,
        }),
    }
}

fn in_scope(l: &Ledger, scope: &Scope, key: &GroupKey) -> bool {
    scope.forvaltning.as_ref().is_none_or(|f| {
        key.forvaltning
            .is_some_and(|i| l.forvaltningar().name(i) == f.trim())
    }) && scope
        .konto_nr
        .as_ref()
        .is_none_or(|k| key.konto.is_some_and(|i| l.konton().name(i) == k.trim()))
        && scope
            .service_kind
            .is_none_or(|s| key.work_integration == Some(s == ServiceKind::WorkIntegration))
}

fn bucket_after(g: Granularity, d: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let grain = match g {
        Granularity::Year => super::Grain::Year,
        Granularity::Quarter => super::Grain::Quarter,
        Granularity::Month => super::Grain::Month,
    };
    super::bucket_bounds(grain, d)
}

/// Follows one target over a ledger: the typed form of `goals.progress`. Problems (with
/// paths under `/targets/{index}`) are appended to `problems`.
pub fn follow_target(
    ledger: &Ledger,
    register: &Register,
    granularity: Granularity,
    target: &Target,
    index: usize,
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> TargetProgress {
    let mut tables = Tables::default();
    follow_target_with(ledger, register, granularity, target, index, lang, problems, &mut tables)
}

/// Indicator tables of one ledger, by grouping. A request has at most 24 distinct groupings
/// (granularity times the three optional scope dimensions) however many targets it lists,
/// so following n targets reads the ledger at most 24 times, not n times.
#[derive(Debug, Default)]
struct Tables(std::collections::HashMap<Vec<Dim>, IndicatorTable>);

impl Tables {
    fn get(&mut self, ledger: &Ledger, register: &Register, group_by: Vec<Dim>) -> &IndicatorTable {
        self.0.entry(group_by).or_insert_with_key(|group_by| {
            indicators(
                ledger,
                register,
                &IndicatorOptions {
                    period: None,
                    group_by,
                },
            )
        })
    }
}

#[allow(clippy::too_many_arguments)]
fn follow_target_with(
    ledger: &Ledger,
    register: &Register,
    granularity: Granularity,
    target: &Target,
    index: usize,
    lang: Lang,
    problems: &mut Vec<Problem>,
    tables: &mut Tables,
) -> TargetProgress {
    let t0 = target.baseline.period.to;
    let t1 = target.target.by;
    let direction = if target.target.value >= target.baseline.value {
        "increase"
    } else {
        "decrease"
    };
    let mut out = TargetProgress {
        id: target.id.clone(),
        indicator: target.indicator,
        scope: target.scope.clone(),
        direction: direction.to_owned(),
        periods: Vec::new(),
        latest: None,
        remaining_days: None,
    };
    let path = pointer(&pointer("/targets", index), "target");
    if t1 <= t0 {
        problems.push(Problem::with_params(
            &BY_NOT_AFTER_BASELINE,
            pointer(&path, "by"),
            lang,
            params![("by", t1.to_string()), ("baseline_to", t0.to_string())],
        ));
        return out;
    }
    // The periods followed.
    let mut buckets = Vec::new();
    let mut day = t0.succ_opt();
    while let Some(d) = day.filter(|d| *d <= t1) {
        let Some(b) = bucket_after(granularity, d) else {
            break;
        };
        buckets.push(b);
        if buckets.len() > MAX_PERIODS {
            break;
        }
        day = b.1.succ_opt();
    }
    if buckets.len() > MAX_PERIODS {
        let count = match granularity {
            Granularity::Year => (t1 - t0).num_days() / 365,
            Granularity::Quarter => (t1 - t0).num_days() / 91,
            Granularity::Month => (t1 - t0).num_days() / 30,
        };
        problems.push(Problem::with_params(
            &TOO_MANY_PERIODS,
            pointer(&path, "by"),
            lang,
            params![("count", count), ("limit", MAX_PERIODS)],
        ));
        return out;
    }
    let mut group_by = vec![match granularity {
        Granularity::Year => Dim::Year,
        Granularity::Quarter => Dim::Quarter,
        Granularity::Month => Dim::Month,
    }];
    if target.scope.forvaltning.is_some() {
        group_by.push(Dim::Forvaltning);
    }
    if target.scope.konto_nr.is_some() {
        group_by.push(Dim::KontoNr);
    }
    if target.scope.service_kind.is_some() {
        group_by.push(Dim::ServiceKind);
    }
    let table = tables.get(ledger, register, group_by);
    let places = target.indicator.places();
    let rising = direction == "increase";
    let goal = Frac {
        num: target.target.value,
        den: Decimal::ONE,
    };
    for (from, to) in buckets {
        let judged_on = to.min(t1);
        let Some(traj) = trajectory(
            target.baseline.value,
            target.target.value,
            t0,
            t1,
            judged_on,
        ) else {
            continue;
        };
        let g = table
            .groups
            .iter()
            .find(|g| {
                g.key.time.is_some_and(|(f, _)| f == from)
                    && in_scope(ledger, &target.scope, &g.key)
            })
            .copied()
            .unwrap_or_default();
        let act = if g.rows == 0 {
            None
        } else {
            actual(target.indicator, &g)
        };
        let meets = |a: Frac, line: Frac| if rising { a.ge(line) } else { line.ge(a) };
        let status = match act {
            None => Status::NoData,
            Some(a) if meets(a, goal) == Some(true) => Status::Achieved,
            Some(a) if meets(a, traj) == Some(true) => Status::OnTrack,
            Some(_) => Status::Behind,
        };
        let additional = match (target.indicator, act) {
            (Indicator::AsfShare, Some(_)) => target
                .target
                .value
                .checked_mul(sek(g.total_ore))
                .and_then(|need| need.checked_sub(sek(g.asf_ore)))
                .map(|d| {
                    let mut d = d
                        .max(Decimal::ZERO)
                        .round_dp_with_strategy(2, RoundingStrategy::AwayFromZero);
                    d.rescale(2);
                    d
                }),
            _ => None,
        };
        let p = PeriodProgress {
            period: super::Period { from, to },
            judged_on,
            trajectory: traj.render(places).unwrap_or_default(),
            actual: act.and_then(|a| a.render(places)),
            gap: act.and_then(|a| a.sub(traj)).and_then(|d| d.render(places)),
            status,
            total_spend: sek(g.total_ore),
            asf_spend: sek(g.asf_ore),
            additional_asf_spend_needed: additional,
        };
        if p.status != Status::NoData {
            out.remaining_days = Some((t1 - p.period.to).num_days().max(0));
            out.latest = Some(p.clone());
        }
        out.periods.push(p);
    }
    out
}

fn run(ctx: &Context<'_>, req: ProgressRequest) -> ProgressResponse {
    let lang = req.lang;
    let prepared = prepare(
        ctx,
        &req.ledger,
        &req.register,
        &req.work_integration_accounts,
        lang,
    );
    let mut problems = prepared.problems.clone();
    let mut tables = Tables::default();
    let targets = req
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            follow_target_with(
                &prepared.ledger,
                &prepared.register,
                req.granularity,
                t,
                i,
                lang,
                &mut problems,
                &mut tables,
            )
        })
        .collect();
    let all = indicators(
        &prepared.ledger,
        &prepared.register,
        &IndicatorOptions {
            period: None,
            group_by: &[],
        },
    );
    ProgressResponse {
        targets,
        reconciliation: IndicatorReconciliation {
            import: prepared.ledger.reconciliation(),
            rows_in_period: all.rows_in_period,
            amount_in_period: sek(all.amount_in_period_ore),
            rows_outside_period: all.rows_outside_period,
            amount_outside_period: sek(all.amount_outside_period_ore),
        },
        problems,
    }
}

pub(crate) const OPERATION: Operation = crate::operation!("goals.progress", run);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn straight_line_in_days() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let t = trajectory(
            Decimal::new(2, 2),
            Decimal::new(10, 2),
            d(2024, 12, 31),
            d(2026, 12, 31),
            d(2025, 12, 31),
        )
        .unwrap();
        // 365 of 730 days: exactly half-way.
        assert_eq!(t.render(6).unwrap(), "0.060000");
        let t = trajectory(
            Decimal::new(2, 2),
            Decimal::new(10, 2),
            d(2024, 12, 31),
            d(2026, 12, 31),
            d(2027, 12, 31),
        )
        .unwrap();
        assert_eq!(t.render(6).unwrap(), "0.100000");
    }
}
