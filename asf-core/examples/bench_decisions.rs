//! Rough throughput of `asf.assess` and `reserved.eligibility` through the generic JSON
//! entry point (what the bindings call), on one core.
//!
//! ```text
//! cargo run --release -p asf-core --example bench_decisions
//! ```

use std::time::Instant;

fn main() {
    let engine = asf_core::Engine::default();
    let today = asf_core::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let cases = [
        (
            "reserved.eligibility",
            r#"{"basis": "lou_4_18_integration", "as_of": "2024-05-01", "supplier": {"org_id": "769600-0012", "main_purpose_integration": true, "occupied_total": 10000, "occupied_target_group": 2999}}"#,
        ),
        (
            "asf.assess",
            r#"{"as_of": "2024-05-01", "profile": "skoopi_2021", "enterprise": {"org_id": "769600-0012", "sells_goods_or_services": true, "main_purpose_work_integration": true, "participation": "ownership", "reinvests_profits_mainly": true, "public_owner": false, "distributes_profit": false, "employs_target_group": true, "highest_salary": "52000", "lowest_salary": "20000"}}"#,
        ),
    ];
    const N: u32 = 100_000;
    for (op, request) in cases {
        let start = Instant::now();
        let mut bytes = 0usize;
        for _ in 0..N {
            bytes += engine.evaluate_json_on(op, request, today).map(|s| s.len()).unwrap_or_default();
        }
        let elapsed = start.elapsed();
        println!(
            "{op}: {N} requests in {:.2} s = {:.1} µs/request ({} bytes out per request)",
            elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1e6 / f64::from(N),
            bytes / N as usize
        );
    }
}
