//! Reserved procurement (reserverad upphandling): may a supplier take part?
//!
//! LOU (2016:1145) 4 kap. 18 § lets a buyer reserve participation to suppliers whose main
//! purpose is the social and professional integration of persons with disabilities or
//! disadvantaged persons, or reserve performance to sheltered-employment programmes; in
//! both cases at least the share `reserved.lou_4_18.min_share` of those *occupied* must be
//! such persons. The comparison is exact: 3 of 10 meets 30 %, 2 999 of 10 000 does not.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::rulebook::{Comparison, Entry, NotInForce, Rulebook};

/// Rulebook id of the minimum share under LOU 4 kap. 18 §.
pub const MIN_SHARE_RULE: &str = "reserved.lou_4_18.min_share";

/// The outcome of comparing an occupied workforce with the minimum share.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareCheck<'a> {
    /// `target_group / total`, exact; `None` when nobody is occupied.
    pub share: Option<Decimal>,
    pub required: Decimal,
    /// `None` when nobody is occupied (the share is undefined).
    pub met: Option<bool>,
    pub entry: &'a Entry,
}

/// The exact share `part / whole`, or `None` when `whole` is zero.
pub fn share(part: u64, whole: u64) -> Option<Decimal> {
    if whole == 0 {
        return None;
    }
    Decimal::from(part).checked_div(Decimal::from(whole))
}

/// Whether `target_group` of `total` occupied persons meets the minimum share in force on
/// `date`. Compares `target_group` with `required * total` in exact decimals, so no
/// rounding of the quotient can move a case across the line.
///
/// ```
/// use asf_core::{reserved, rulebook::Rulebook, NaiveDate};
/// let rb = Rulebook::default();
/// let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
/// assert_eq!(reserved::min_share_check(&rb, day, 10, 3).unwrap().met, Some(true));
/// assert_eq!(reserved::min_share_check(&rb, day, 10_000, 2_999).unwrap().met, Some(false));
/// ```
pub fn min_share_check(rulebook: &Rulebook, date: NaiveDate, total: u64, target_group: u64) -> Result<ShareCheck<'_>, NotInForce> {
    let (required, entry) = rulebook.decimal(MIN_SHARE_RULE, date)?;
    let exact_met = match entry.comparison {
        // Cross-multiplied so the test never depends on how a quotient is rounded.
        Comparison::None => None,
        cmp => (total > 0).then(|| cmp.holds(Decimal::from(target_group), required * Decimal::from(total))),
    };
    Ok(ShareCheck { share: share(target_group, total), required, met: exact_met, entry })
}
