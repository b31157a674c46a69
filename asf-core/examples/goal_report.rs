//! Goal report: ledger import → ASF indicators per year and committee → progress against
//! a target → a readable table with the reconciliation.
//!
//! ```sh
//! cargo run --release -p asf-core --example goal_report -- examples/data/ledger_sample.csv examples/data/register_sample.csv
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "common/synth.rs"]
mod synth;

use asf_core::goals::progress::{self, Granularity, Target};
use asf_core::goals::{self, Dim, IndicatorOptions, Register, WorkIntegration};
use asf_core::ledger;
use chrono::Datelike;

fn sek(ore: i128) -> String {
    // Whole kronor with thin spaces between thousands.
    let neg = ore < 0;
    let s = (ore.unsigned_abs() / 100).to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    format!("{}{out}", if neg { "-" } else { "" })
}

/// A percentage with two decimals, from the exact share.
fn pct(a: i128, t: i128) -> String {
    goals::share_string(goals::sek(a * 100), goals::sek(t))
        .and_then(|s| s.parse::<rust_decimal::Decimal>().ok())
        .map(|d| d.round_dp(2).to_string())
        .unwrap_or_else(|| "-".into())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let ledger_path = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("examples/data/ledger_sample.csv");
    let register_path = args
        .get(2)
        .map(String::as_str)
        .unwrap_or("examples/data/register_sample.csv");
    let file = std::fs::File::open(ledger_path).unwrap_or_else(|e| {
        eprintln!("cannot open {ledger_path}: {e}");
        std::process::exit(1)
    });
    let l = ledger::read(std::io::BufReader::new(file)).unwrap_or_else(|e| {
        eprintln!("cannot read {ledger_path}: {e}");
        std::process::exit(1)
    });
    let register_rows =
        synth::read_register(&std::fs::read_to_string(register_path).unwrap_or_default());
    let wi = WorkIntegration {
        accounts: vec![synth::WORK_INTEGRATION_ACCOUNT.to_owned()],
        cpv_prefixes: vec!["85312".to_owned()],
    };
    let register = Register::compile(&l, &register_rows, &wi);

    println!("Goal report: spend with work-integration social enterprises (ASF)");
    println!(
        "ledger {ledger_path}, register {register_path} ({} ASF rows)\n",
        register_rows.len()
    );
    let r = l.reconciliation();
    println!("Import reconciliation");
    println!("  rows read      {:>10}", r.rows_read);
    println!(
        "  rows accepted  {:>10}   amount {:>22} SEK",
        r.rows_accepted, r.amount_accepted
    );
    println!(
        "  rows rejected  {:>10}   amount readable {:>13} SEK ({} without a readable amount)",
        r.rows_rejected, r.amount_rejected_parsable, r.rows_rejected_unparsable_amount
    );
    println!("  adds up: {}", if r.adds_up() { "yes" } else { "NO" });
    for rej in l.rejections().iter().take(5) {
        println!(
            "  line {:>7}: {} {} '{}'",
            rej.line, rej.code.code, rej.field, rej.value
        );
    }
    let flagged = l.suppliers().iter().filter(|s| !s.id_valid).count();
    println!("  supplier ids that are not organisation numbers (kept): {flagged}\n");

    let by_year = goals::indicators(
        &l,
        &register,
        &IndicatorOptions {
            period: None,
            group_by: &[Dim::Year],
        },
    );
    let by_committee = goals::indicators(
        &l,
        &register,
        &IndicatorOptions {
            period: None,
            group_by: &[Dim::Year, Dim::Forvaltning],
        },
    );
    println!(
        "{:<32} {:>18} {:>15} {:>9} {:>6} {:>9} {:>15}",
        "year / committee", "total SEK", "ASF SEK", "ASF %", "ASF", "suppliers", "work-int. SEK"
    );
    for y in &by_year.groups {
        let year = y.key.time.map(|(f, _)| f.year()).unwrap_or_default();
        println!(
            "{:<32} {:>18} {:>15} {:>9} {:>6} {:>9} {:>15}",
            year,
            sek(y.total_ore),
            sek(y.asf_ore),
            pct(y.asf_ore, y.total_ore),
            y.asf_suppliers,
            y.suppliers,
            sek(y.wi_asf_ore)
        );
        for g in by_committee
            .groups
            .iter()
            .filter(|g| g.key.time == y.key.time)
        {
            let name = l
                .forvaltningar()
                .name(g.key.forvaltning.unwrap_or_default());
            println!(
                "  {:<30} {:>18} {:>15} {:>9} {:>6} {:>9} {:>15}",
                name,
                sek(g.total_ore),
                sek(g.asf_ore),
                pct(g.asf_ore, g.total_ore),
                g.asf_suppliers,
                g.suppliers,
                sek(g.wi_asf_ore)
            );
        }
    }
    let in_groups: i128 = by_year.groups.iter().map(|g| g.total_ore).sum();
    println!(
        "\nsum over years {} SEK = accepted amount {} SEK: {}",
        sek(in_groups),
        r.amount_accepted,
        if goals::sek(in_groups) == r.amount_accepted {
            "yes"
        } else {
            "NO"
        }
    );

    // Progress against an example target (a parameter, not a rule): 2 % in 2023 to 5 % by 2027.
    let target: Target = serde_json::from_value(serde_json::json!({
        "id": "asf-share-city",
        "indicator": "asf_share",
        "baseline": {"period": {"from": "2023-01-01", "to": "2023-12-31"}, "value": "0.02"},
        "target": {"value": "0.05", "by": "2027-12-31"}
    }))
    .unwrap();
    let mut problems = Vec::new();
    let p = progress::follow_target(
        &l,
        &register,
        Granularity::Year,
        &target,
        0,
        asf_core::Lang::En,
        &mut problems,
    );
    println!("\nProgress: ASF share of spend, example target 2 % (2023) to 5 % by 2027-12-31 (straight line in days)");
    println!(
        "{:<12} {:>12} {:>10} {:>10} {:>10} {:>26}",
        "period", "trajectory", "actual", "gap", "status", "extra ASF SEK for target"
    );
    for period in &p.periods {
        println!(
            "{:<12} {:>12} {:>10} {:>10} {:>10} {:>26}",
            period.period.from.year(),
            period.trajectory,
            period.actual.as_deref().unwrap_or("-"),
            period.gap.as_deref().unwrap_or("-"),
            serde_json::to_value(period.status)
                .unwrap()
                .as_str()
                .unwrap_or_default(),
            period
                .additional_asf_spend_needed
                .map(|d| d.round().to_string())
                .unwrap_or_else(|| "-".into()),
        );
    }
    if let Some(days) = p.remaining_days {
        println!("{days} days remain after the latest period with data.");
    }
    println!(
        "\n(synthetic data: Exempelstad is not a real city; the target is an example parameter)"
    );
}
