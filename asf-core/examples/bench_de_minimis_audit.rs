//! Benchmark of `aid.de_minimis.audit`: 1 000 000 grants over 100 000 undertakings, from a
//! deterministic synthetic generator (xorshift64), audited on one core.
//!
//! `cargo run --release -p asf-core --example bench_de_minimis_audit [grants] [undertakings]`

use std::time::Instant;

use asf_core::de_minimis::{audit, AuditRequest, Currency, MonthDay, RegisterGrant, Regulation};
use asf_core::rulebook::Rulebook;
use asf_core::{Lang, NaiveDate};
use rust_decimal::Decimal;

/// xorshift64: tiny, deterministic, good enough for synthetic data.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn generate(grants: usize, undertakings: u64) -> Vec<RegisterGrant> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    let names: Vec<String> = (0..undertakings).map(|i| format!("U{i:06}")).collect();
    (0..grants)
        .map(|i| {
            let u = rng.below(undertakings) as usize;
            let date = start + chrono::Duration::days(rng.below(365 * 7) as i64);
            // Mostly small grants, some large ones so that breaches happen.
            let cents = if rng.below(10) == 0 { rng.below(25_000_000) } else { rng.below(5_000_000) };
            let sek = rng.below(2) == 0;
            let regulation = match rng.below(20) {
                0 => Regulation::Sgei,
                1 => Regulation::RoadFreight,
                _ => Regulation::General,
            };
            RegisterGrant {
                org_id: names.get(u).cloned().unwrap_or_default(),
                undertaking: None,
                date,
                amount: if sek { Decimal::new(cents as i64 * 11, 2) } else { Decimal::new(cents as i64, 2) },
                currency: if sek { Currency::Sek } else { Currency::Eur },
                eur_rate: sek.then(|| Decimal::new(110_000 + rng.below(20_000) as i64, 4)),
                regulation,
                reference: Some(format!("G{i}")),
            }
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let u: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let t = Instant::now();
    let grants = generate(n, u);
    let generated = t.elapsed();
    let req = AuditRequest { grants, fiscal_year_start: MonthDay::default(), lang: Lang::En };
    let rb = Rulebook::default();
    let t = Instant::now();
    let out = audit(&rb, &req);
    let elapsed = t.elapsed();
    let secs = elapsed.as_secs_f64();
    println!("generated {n} grants over {u} undertakings in {:.3} s", generated.as_secs_f64());
    println!(
        "audited {} grants ({} undertakings, {} breaches, {} problems) in {:.3} s: {:.0} grants/s",
        out.grants_checked,
        out.undertakings,
        out.breaches.len(),
        out.problems.len(),
        secs,
        out.grants_checked as f64 / secs
    );
}
