#![allow(clippy::indexing_slicing, clippy::panic, clippy::unwrap_used)]
//! Property: adding any grant to a history never increases the headroom (nor the largest
//! grant that fits), and never turns a refused grant into an allowed one.

use asf_core::de_minimis::{check, CheckRequest};
use asf_core::rulebook::Rulebook;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;

fn date(days: i64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    (base + chrono::Duration::days(days)).to_string()
}

fn entry(org: usize, day: i64, cents: i64, sek: bool, reg: usize) -> serde_json::Value {
    let orgs = ["556016-0680", "556036-0793", "556074-7569"];
    let regs = ["general", "sgei", "road_freight"];
    let amount = Decimal::new(cents, 2).to_string();
    if sek {
        json!({"org_id": orgs[org % 3], "date": date(day), "amount": amount, "currency": "SEK", "eur_rate": "11.37", "regulation": regs[reg % 3]})
    } else {
        json!({"org_id": orgs[org % 3], "date": date(day), "amount": amount, "currency": "EUR", "regulation": regs[reg % 3]})
    }
}

fn request(grant_day: i64, grant_cents: i64, grant_reg: usize, history: &[serde_json::Value]) -> CheckRequest {
    let regs = ["general", "sgei", "road_freight"];
    serde_json::from_value(json!({
        "grant": {"date": date(grant_day), "amount": Decimal::new(grant_cents, 2).to_string(), "currency": "EUR", "regulation": regs[grant_reg % 3]},
        "history": history,
        "single_undertaking": ["556016-0680", "556036-0793", "556074-7569"],
        "fiscal_year_start": "07-01",
    }))
    .unwrap_or_else(|e| panic!("{e}"))
}

type Hist = Vec<(usize, i64, i64, bool, usize)>;

fn history_strategy() -> impl Strategy<Value = Hist> {
    prop::collection::vec((0usize..3, 0i64..4000, 0i64..40_000_000, any::<bool>(), 0usize..3), 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn adding_a_grant_never_increases_headroom(
        hist in history_strategy(),
        extra in (0usize..3, 0i64..4000, 0i64..40_000_000, any::<bool>(), 0usize..3),
        grant_day in 0i64..4000,
        grant_cents in 0i64..40_000_000,
        grant_reg in 0usize..3,
    ) {
        let rb = Rulebook::default();
        let before: Vec<_> = hist.iter().map(|&(o, d, c, s, r)| entry(o, d, c, s, r)).collect();
        let mut after = before.clone();
        after.push(entry(extra.0, extra.1, extra.2, extra.3, extra.4));
        let a = check(&rb, &request(grant_day, grant_cents, grant_reg, &before));
        let b = check(&rb, &request(grant_day, grant_cents, grant_reg, &after));
        prop_assert!(a.problems.iter().all(|p| p.code == "de_minimis_road_freight_general_ceiling"), "{:?}", a.problems);
        if let (Some(ha), Some(hb)) = (a.headroom_eur, b.headroom_eur) {
            prop_assert!(hb <= ha, "headroom rose from {} to {}", ha, hb);
        }
        if let (Some(ma), Some(mb)) = (a.max_grant_eur, b.max_grant_eur) {
            prop_assert!(mb <= ma, "max grant rose from {} to {}", ma, mb);
        }
        if a.allowed == Some(false) {
            prop_assert_eq!(b.allowed, Some(false));
        }
        if let (Some(ea), Some(eb)) = (a.earliest_date_full_amount_fits, b.earliest_date_full_amount_fits) {
            prop_assert!(eb >= ea, "earliest date moved back from {} to {}", ea, eb);
        }
    }
}
