//! Validates a typical three-lot bid in a reserved procurement in a loop and prints
//! validations per second, for the typed function and for the JSON path the bindings use
//! (text straight into the typed request and back, as `Engine::evaluate_json_on` does).
//!
//! `cargo run --release -p asf-core --example bench_bid_validate`

use std::time::{Duration, Instant};

use asf_core::bid::{validate, ValidateRequest};
use asf_core::{Engine, NaiveDate};

const REQUEST: &str = r#"{
  "procurement": {"id": "UH-2026-014", "deadline": "2026-03-02T12:00:00+01:00", "reserved": "res-ws",
    "reserved_execution": false, "lots": [{"id": "LOT-0001"}, {"id": "LOT-0002"}, {"id": "LOT-0003"}], "currency": "SEK"},
  "bid": {"supplier": {"org_id": "556016-0680", "name": "Exempel Städ AB", "contact_email": "anbud@exempel.se"},
    "lots": [{"lot_id": "LOT-0001", "price": "125000.00"}, {"lot_id": "LOT-0002", "price": "98000.50"},
             {"lot_id": "LOT-0003", "price": "47000"}],
    "submitted_at": "2026-02-27T09:30:00+01:00",
    "reserved_declaration": {"occupied_total": 10, "occupied_target_group": 3, "main_purpose_integration": true}},
  "lang": "sv"
}"#;

/// Runs `f` for about `for_at_least` and returns calls per second.
fn rate(for_at_least: Duration, mut f: impl FnMut() -> bool) -> f64 {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < for_at_least {
        for _ in 0..1000 {
            assert!(f(), "the benchmark bid must be valid");
        }
        n += 1000;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let engine = Engine::default();
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let Ok(req) = serde_json::from_str::<ValidateRequest>(REQUEST) else {
        return eprintln!("bad request");
    };
    let typed = rate(Duration::from_secs(2), || {
        validate(engine.rulebook(), today, &req).valid
    });
    let json = rate(Duration::from_secs(2), || {
        engine
            .evaluate_json_on("bid.validate", REQUEST, today)
            .is_ok_and(|out| out.starts_with(r#"{"valid":true"#))
    });
    println!("bid.validate, three-lot reserved bid (native, release):");
    println!("  typed asf_core::bid::validate:            {typed:>12.0} validations/s");
    println!("  JSON text in and out (evaluate_json_on):  {json:>12.0} validations/s");
}
