//! Operation `procurements.reserved_indicators`: per buyer and year, how many procurements
//! reserved participation, reserved execution, or both, and their shares.
//!
//! A procurement counts as *reserved participation* when any of its lots carries a BT-71
//! code other than `none` (`res-ws`, `res-pub-ser`, or `reserved` from the export), and as
//! *reserved execution* when any lot has BT-736 `yes` (`not-known` does not count).
//! *Both* means the procurement does both, possibly in different lots. A record stands for
//! `count` procurements (1 unless an export row is aggregated).
//!
//! Shares are `count / procurements`, rounded half to even to [`SHARE_PLACES`] decimal
//! places for display; the exact fraction is the two integer counts given beside it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::engine::{Context, Operation};
use crate::params;
use crate::problem::{pointer, Lang, Problem};

use super::{ProcurementRecord, ReservedParticipation, BUYER_ORG_ID_INVALID, YEAR_MISSING};

/// Decimal places of every share.
pub const SHARE_PLACES: u32 = 6;

/// What to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// The buyer's organisation number (normalized when valid, else as given).
    Buyer,
    /// The record's year (else the year of its publication date).
    Year,
}

/// (buyer key when grouped by buyer, year when grouped by year).
type GroupKey = (Option<String>, Option<Option<i32>>);
/// (first buyer name seen, buyer number valid, figures).
type GroupAcc = (Option<String>, bool, Figures);

fn default_group_by() -> Vec<GroupBy> {
    vec![GroupBy::Buyer, GroupBy::Year]
}

/// Request of `procurements.reserved_indicators`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorsRequest {
    /// Records in the shape `procurements.read` returns them.
    pub records: Vec<ProcurementRecord>,
    /// Any of `buyer`, `year`; default both. An empty list gives one group (all records).
    #[serde(default = "default_group_by")]
    pub group_by: Vec<GroupBy>,
    /// Buyer numbers of records without a publication date are checked as of this date;
    /// defaults to today.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    #[serde(default)]
    pub lang: Lang,
}

/// The counts and shares of one group (or of all records).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Figures {
    pub procurements: u64,
    pub reserved_participation: u64,
    /// Of which `res-ws` (sheltered workshops, LOU 4 kap. 18 §).
    pub sheltered_workshop: u64,
    /// Of which `res-pub-ser` (public service mission, LOU 19 kap. 25 §).
    pub public_service_mission: u64,
    pub reserved_execution: u64,
    pub both: u64,
    /// Reserved participation or execution (or both).
    pub reserved_any: u64,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub reserved_participation_share: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub reserved_execution_share: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub both_share: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub reserved_any_share: Option<Decimal>,
}

/// One group: its key and its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Group {
    /// `buyer_org_id`, `buyer_name`, `buyer_org_id_valid` when grouped by buyer; `year`
    /// (null when unknown) when grouped by year.
    pub key: Map<String, Value>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// Response of `procurements.reserved_indicators`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorsResponse {
    pub group_by: Vec<GroupBy>,
    pub groups: Vec<Group>,
    pub totals: Figures,
    /// Invalid buyer numbers (one per distinct number), duplicate ids, missing years.
    pub problems: Vec<Problem>,
}

/// The exact share rounded for display.
fn share(part: u64, whole: u64) -> Option<Decimal> {
    if whole == 0 {
        return None;
    }
    let mut q = Decimal::from(part)
        .checked_div(Decimal::from(whole))?
        .round_dp(SHARE_PLACES);
    q.rescale(SHARE_PLACES);
    Some(q)
}

impl Figures {
    fn add(&mut self, r: &ProcurementRecord) {
        let n = u64::from(r.count);
        let participation = r.participation_reserved();
        let execution = r.execution_reserved();
        let has = |code| {
            r.lots
                .iter()
                .any(|l| l.reserved_participation.contains(&code))
        };
        // Counts are u32 per record, so u64 sums cannot overflow for any input that fits in
        // memory; saturate rather than wrap all the same.
        let inc = |field: &mut u64, yes: bool| {
            if yes {
                *field = field.saturating_add(n);
            }
        };
        inc(&mut self.procurements, true);
        inc(&mut self.reserved_participation, participation);
        inc(
            &mut self.sheltered_workshop,
            has(ReservedParticipation::ShelteredWorkshop),
        );
        inc(
            &mut self.public_service_mission,
            has(ReservedParticipation::PublicServiceMission),
        );
        inc(&mut self.reserved_execution, execution);
        inc(&mut self.both, participation && execution);
        inc(&mut self.reserved_any, participation || execution);
    }

    fn finish(&mut self) {
        self.reserved_participation_share = share(self.reserved_participation, self.procurements);
        self.reserved_execution_share = share(self.reserved_execution, self.procurements);
        self.both_share = share(self.both, self.procurements);
        self.reserved_any_share = share(self.reserved_any, self.procurements);
    }
}

/// Computes the indicators over `records`, grouped by `group_by`.
///
/// ```
/// use asf_core::procurements::{indicators::{reserved_indicators, GroupBy}, Lot, ProcurementRecord, ReservedParticipation};
/// use asf_core::{Lang, NaiveDate};
/// let mut a = ProcurementRecord::new("212000-1132");
/// a.year = Some(2021);
/// a.lots.push(Lot { reserved_participation: vec![ReservedParticipation::ShelteredWorkshop], ..Lot::default() });
/// let mut b = a.clone();
/// b.lots.clear();
/// let out = reserved_indicators(&[a, b], &[GroupBy::Year], Lang::En, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
/// assert_eq!(out.groups[0].figures.reserved_participation, 1);
/// assert_eq!(out.totals.reserved_participation_share.unwrap().to_string(), "0.500000");
/// ```
pub fn reserved_indicators(
    records: &[ProcurementRecord],
    group_by: &[GroupBy],
    lang: Lang,
    as_of: NaiveDate,
) -> IndicatorsResponse {
    let mut group_by: Vec<GroupBy> = group_by.to_vec();
    group_by.sort();
    group_by.dedup();
    let by_buyer = group_by.contains(&GroupBy::Buyer);
    let by_year = group_by.contains(&GroupBy::Year);

    let mut groups: BTreeMap<GroupKey, GroupAcc> = BTreeMap::new();
    let mut totals = Figures::default();
    // invalid number -> (first index, reason, procurements)
    let mut invalid: BTreeMap<String, (usize, String, u64)> = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let mut r = record.clone();
        let reasons = r.check_buyer(as_of);
        let buyer_key = r
            .buyer_org_id_normalized
            .clone()
            .unwrap_or_else(|| r.buyer_org_id.trim().to_owned());
        if let Some(reasons) = reasons {
            let e =
                invalid
                    .entry(buyer_key.clone())
                    .or_insert((i, super::reason_code(&reasons), 0));
            e.2 = e.2.saturating_add(u64::from(r.count));
        }
        let year = r.effective_year();
        if year.is_none() && by_year {
            problems.push(Problem::new(
                &YEAR_MISSING,
                pointer(&format!("/records/{i}"), "year"),
                lang,
            ));
        }
        let key = (by_buyer.then_some(buyer_key), by_year.then_some(year));
        let entry = groups
            .entry(key)
            .or_insert((None, r.buyer_org_id_valid, Figures::default()));
        if entry.0.is_none() {
            entry.0 = r.buyer_name.clone().filter(|n| !n.trim().is_empty());
        }
        entry.2.add(&r);
        totals.add(&r);
    }
    let mut invalid: Vec<(usize, String, String, u64)> = invalid
        .into_iter()
        .map(|(id, (i, reason, n))| (i, id, reason, n))
        .collect();
    invalid.sort();
    let mut out_problems: Vec<Problem> = invalid
        .into_iter()
        .map(|(i, id, reason, n)| {
            let org_id = records.get(i).map(|r| r.buyer_org_id.clone()).unwrap_or(id);
            Problem::with_params(
                &BUYER_ORG_ID_INVALID,
                format!("/records/{i}/buyer_org_id"),
                lang,
                params![("org_id", org_id), ("reason", reason), ("records", n)],
            )
        })
        .collect();
    let ids = records.iter().map(|r| r.procurement_id.clone()).enumerate();
    out_problems.extend(super::duplicate_problems(
        ids,
        |i| format!("/records/{i}/procurement_id"),
        lang,
    ));
    out_problems.extend(problems);

    totals.finish();
    let groups = groups
        .into_iter()
        .map(|((buyer, year), (name, valid, mut figures))| {
            figures.finish();
            let mut key = Map::new();
            if let Some(b) = buyer {
                key.insert("buyer_org_id".into(), Value::from(b));
                key.insert(
                    "buyer_name".into(),
                    name.map(Value::from).unwrap_or(Value::Null),
                );
                key.insert("buyer_org_id_valid".into(), Value::from(valid));
            }
            if let Some(y) = year {
                key.insert("year".into(), y.map(Value::from).unwrap_or(Value::Null));
            }
            Group { key, figures }
        })
        .collect();
    IndicatorsResponse {
        group_by,
        groups,
        totals,
        problems: out_problems,
    }
}

fn run(ctx: &Context<'_>, req: IndicatorsRequest) -> IndicatorsResponse {
    reserved_indicators(
        &req.records,
        &req.group_by,
        req.lang,
        req.as_of.unwrap_or(ctx.today),
    )
}

pub(crate) const OPERATION: Operation = crate::operation!("procurements.reserved_indicators", run);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_even_to_six_places() {
        assert_eq!(share(22, 18421).unwrap().to_string(), "0.001194");
        assert_eq!(share(1, 3).unwrap().to_string(), "0.333333");
        assert_eq!(share(2, 3).unwrap().to_string(), "0.666667");
        assert_eq!(share(0, 5).unwrap().to_string(), "0.000000");
        assert_eq!(share(5, 5).unwrap().to_string(), "1.000000");
        // 1/16 000 000 = 0.0000000625: half-even gives 0.000000, not 0.000001.
        assert_eq!(share(1, 16_000_000).unwrap().to_string(), "0.000000");
        assert_eq!(share(0, 0), None);
    }
}
