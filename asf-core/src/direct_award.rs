//! Direct award (direktupphandling): is a purchase small enough to be awarded directly, and
//! must the direct award be documented?
//!
//! - **Value.** The value of a direct award is the purchase itself plus every direct award
//!   of the same kind (samma slag) the authority has made in the same fiscal year
//!   (LOU 19 a kap., before 2022-02-01 LOU 19 kap. 8 § 3 st.; HFD 2017 ref. 74), rulebook
//!   `direct_award.aggregation_window`.
//! - **Limit.** LOU: `direct_award.lou.limit_sek` (at most the limit before 2022-02-01,
//!   below it from then: the comparison is data). LUF/LUFS (utilities):
//!   `direct_award.luf.limit_sek`. Social and other specific services (LOU bilaga 2), from
//!   2022-02-01: `direct_award.lou.social_services_limit`, whose value is the id of the EU
//!   threshold whose SEK value applies.
//! - **Documentation.** `direct_award.documentation_sek`: above 100 000 SEK before
//!   2022-02-01, at least 100 000 SEK from then (LOU 19 a kap. 11 §).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::route::{Authority, ContractKind};
use crate::rulebook::{Comparison, Entry, LegalBasis, NotInForce, Rulebook, Unit};

/// Direct award limit under LOU.
pub const LOU_LIMIT_RULE: &str = "direct_award.lou.limit_sek";
/// Direct award limit under LUF/LUFS (utilities).
pub const LUF_LIMIT_RULE: &str = "direct_award.luf.limit_sek";
/// Direct award limit for social and other specific services (a reference to a threshold).
pub const SOCIAL_SERVICES_LIMIT_RULE: &str = "direct_award.lou.social_services_limit";
/// Value from which a direct award must be documented.
pub const DOCUMENTATION_RULE: &str = "direct_award.documentation_sek";
/// Period over which same-kind direct awards are added up.
pub const AGGREGATION_RULE: &str = "direct_award.aggregation_window";

/// The direct award limit that applies to a purchase, with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    pub value_sek: Decimal,
    /// How the value of the direct award must compare to `value_sek`.
    pub comparison: Comparison,
    /// The rulebook entries that gave the limit (two for a reference to a threshold).
    pub legal_basis: Vec<LegalBasis>,
}

impl Limit {
    /// Whether a direct award of `value` (SEK, aggregated) is within the limit.
    pub fn allows(&self, value: Decimal) -> bool {
        self.comparison.holds(value, self.value_sek)
    }
}

/// The value of a direct award: this purchase plus the same-kind direct awards of the
/// fiscal year (HFD 2017 ref. 74). `None` on overflow.
///
/// ```
/// use rust_decimal::Decimal;
/// let v = asf_core::direct_award::aggregated_value(Decimal::new(650_000, 0), Decimal::new(60_000, 0));
/// assert_eq!(v, Some(Decimal::new(710_000, 0)));
/// ```
pub fn aggregated_value(
    estimated_value: Decimal,
    same_kind_this_fiscal_year: Decimal,
) -> Option<Decimal> {
    estimated_value.checked_add(same_kind_this_fiscal_year)
}

/// Whether rule `id` only begins after `date` in this rulebook (it has entries, all later).
fn starts_after(rulebook: &Rulebook, id: &str, date: NaiveDate) -> bool {
    rulebook.knows(id)
        && rulebook
            .entries()
            .filter(|e| e.id == id)
            .all(|e| e.valid_from > date)
}

/// The limit in force on `date` for this kind of authority and contract.
///
/// Social and other specific services have their own limit (equal to their EU threshold)
/// from the first day the rulebook has `direct_award.lou.social_services_limit`; before
/// that day the special limit did not exist and the general LOU limit applied to them too
/// (LOU 19 kap. 8 § in its wording to 2022-01-31). A utility uses the LUF limit for every
/// kind of contract.
///
/// ```
/// use asf_core::{direct_award, route::{Authority, ContractKind}, rulebook::Rulebook, NaiveDate};
/// let rb = Rulebook::default();
/// let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
/// let limit = direct_award::limit(&rb, day, Authority::Other, ContractKind::Services).unwrap();
/// assert_eq!(limit.value_sek.to_string(), "700000");
/// assert!(!limit.allows(limit.value_sek)); // below the limit since 2022-02-01
/// let social = direct_award::limit(&rb, day, Authority::Other, ContractKind::SocialServices).unwrap();
/// assert_eq!(social.value_sek.to_string(), "8109450");
/// ```
pub fn limit(
    rulebook: &Rulebook,
    date: NaiveDate,
    authority: Authority,
    contract: ContractKind,
) -> Result<Limit, NotInForce> {
    let simple = |id: &str| -> Result<Limit, NotInForce> {
        let (value_sek, entry) = rulebook.decimal(id, date)?;
        Ok(Limit {
            value_sek,
            comparison: entry.comparison,
            legal_basis: vec![entry.legal_basis()],
        })
    };
    match (authority, contract) {
        (Authority::Utility, _) => simple(LUF_LIMIT_RULE),
        (_, ContractKind::SocialServices) => {
            match rulebook.in_force(SOCIAL_SERVICES_LIMIT_RULE, date) {
                Ok(entry) => referenced_limit(rulebook, entry, date),
                Err(_) if starts_after(rulebook, SOCIAL_SERVICES_LIMIT_RULE, date) => {
                    simple(LOU_LIMIT_RULE)
                }
                Err(e) => Err(e),
            }
        }
        _ => simple(LOU_LIMIT_RULE),
    }
}

/// A limit given by an entry that is either an amount or the id of a threshold (unit
/// `ref`) whose SEK value applies.
fn referenced_limit(
    rulebook: &Rulebook,
    entry: &Entry,
    date: NaiveDate,
) -> Result<Limit, NotInForce> {
    if let Some(value_sek) = entry.decimal() {
        return Ok(Limit {
            value_sek,
            comparison: entry.comparison,
            legal_basis: vec![entry.legal_basis()],
        });
    }
    match (entry.unit, entry.text()) {
        (Unit::Ref, Some(target)) => {
            let id = format!("{target}.sek");
            let (value_sek, threshold) = rulebook.decimal(&id, date)?;
            Ok(Limit {
                value_sek,
                comparison: entry.comparison,
                legal_basis: vec![entry.legal_basis(), threshold.legal_basis()],
            })
        }
        _ => Err(NotInForce {
            rule: entry.id.clone(),
            date,
        }),
    }
}

/// Whether a direct award of `value` (SEK, aggregated) must be documented on `date`, with
/// the entry that decided it.
///
/// ```
/// use asf_core::{direct_award, rulebook::Rulebook, NaiveDate};
/// use rust_decimal::Decimal;
/// let rb = Rulebook::default();
/// let at = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// let hundred_k = Decimal::new(100_000, 0);
/// assert!(!direct_award::documentation_required(&rb, at("2022-01-31"), hundred_k).unwrap().0);
/// assert!(direct_award::documentation_required(&rb, at("2022-02-01"), hundred_k).unwrap().0);
/// ```
pub fn documentation_required(
    rulebook: &Rulebook,
    date: NaiveDate,
    value: Decimal,
) -> Result<(bool, &Entry), NotInForce> {
    let (limit, entry) = rulebook.decimal(DOCUMENTATION_RULE, date)?;
    Ok((entry.comparison.holds(value, limit), entry))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn limit_is_at_most_before_and_below_from_2022_02_01() {
        let rb = Rulebook::default();
        let before = limit(
            &rb,
            d("2022-01-31"),
            Authority::Other,
            ContractKind::Supplies,
        )
        .unwrap();
        assert!(before.allows(Decimal::new(615_312, 0)));
        let after = limit(
            &rb,
            d("2022-02-01"),
            Authority::Other,
            ContractKind::Supplies,
        )
        .unwrap();
        assert!(!after.allows(Decimal::new(700_000, 0)));
        assert!(after.allows(Decimal::new(69_999_999, 2)));
    }

    #[test]
    fn social_services_use_the_general_limit_before_their_own_exists() {
        let rb = Rulebook::default();
        let before = limit(
            &rb,
            d("2022-01-31"),
            Authority::Other,
            ContractKind::SocialServices,
        )
        .unwrap();
        assert_eq!(before.value_sek, Decimal::new(615_312, 0));
        let missing = limit(
            &rb,
            d("2026-03-01"),
            Authority::Other,
            ContractKind::SocialServices,
        )
        .unwrap_err();
        assert_eq!(missing.rule, "threshold.social_services.sek");
    }

    #[test]
    fn utilities_have_no_limit_before_2022_02_01() {
        let rb = Rulebook::default();
        assert!(limit(
            &rb,
            d("2022-01-31"),
            Authority::Utility,
            ContractKind::Works
        )
        .is_err());
        assert_eq!(
            limit(
                &rb,
                d("2022-02-01"),
                Authority::Utility,
                ContractKind::Works
            )
            .unwrap()
            .value_sek,
            Decimal::new(1_200_000, 0)
        );
    }
}
