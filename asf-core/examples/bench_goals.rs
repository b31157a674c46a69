//! Speed of goal follow-up: indicators over 10 million ledger rows already in memory
//! (grouped by year and forvaltning), and the CSV import of a 10-million-row file.
//!
//! ```sh
//! cargo run --release -p asf-core --example bench_goals -- 10000000
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "common/synth.rs"]
mod synth;

use std::io::{BufReader, BufWriter, Write};
use std::time::Instant;

use asf_core::goals::{self, Dim, IndicatorOptions, Register, WorkIntegration};
use asf_core::ledger::{self, Ledger};

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("VmHWM:")
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn per_second(rows: u64, nanos: u128) -> u128 {
    u128::from(rows) * 1_000_000_000 / nanos.max(1)
}

fn main() {
    let rows: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000);
    let path = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "/tmp/asf_bench_ledger.csv".into());
    let as_of = ledger::Options::default().as_of;
    let register_rows = {
        let mut buf = Vec::new();
        synth::write_register(&mut buf).unwrap();
        synth::read_register(std::str::from_utf8(&buf).unwrap())
    };
    let wi = WorkIntegration {
        accounts: vec![synth::WORK_INTEGRATION_ACCOUNT.into()],
        cpv_prefixes: vec!["85312".into()],
    };

    // 1. CSV import, measured first so the peak memory is the import's.
    let t = Instant::now();
    {
        let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).unwrap());
        synth::write_ledger(&mut out, rows, 7).unwrap();
        out.flush().unwrap();
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "generated {rows} rows ({} MB) into {path} in {} ms",
        size / 1_000_000,
        t.elapsed().as_millis()
    );
    let hwm_before = vm_hwm_kib();
    let t = Instant::now();
    let imported = ledger::read(BufReader::with_capacity(
        1 << 20,
        std::fs::File::open(&path).unwrap(),
    ))
    .unwrap();
    let import_ns = t.elapsed().as_nanos();
    let r = imported.reconciliation();
    println!(
        "import: {} rows read, {} accepted, {} rejected, adds up: {}; {} ms, {} rows/s; peak memory (VmHWM) {} MB (before import {} MB)",
        r.rows_read,
        r.rows_accepted,
        r.rows_rejected,
        r.adds_up(),
        import_ns / 1_000_000,
        per_second(r.rows_read, import_ns),
        vm_hwm_kib() / 1024,
        hwm_before / 1024
    );
    drop(imported);
    let _ = std::fs::remove_file(&path);

    // 2. Indicators over rows generated straight into the columnar ledger.
    let mut l = Ledger::new();
    let mut g = synth::Generator::new(7, rows);
    let mut supplier_idx = vec![u32::MAX; synth::SUPPLIERS as usize];
    let mut committee_idx = [0u32; 15];
    let mut account_idx = [0u32; 12];
    for (i, c) in synth::COMMITTEES.iter().enumerate() {
        committee_idx[i] = l.intern("0", c, "", as_of).unwrap().1;
    }
    for (i, (a, _)) in synth::ACCOUNTS.iter().enumerate() {
        account_idx[i] = l.intern("0", "", a, as_of).unwrap().2;
    }
    for _ in 0..rows {
        let row = g.row();
        let s = &mut supplier_idx[row.supplier as usize];
        if *s == u32::MAX {
            *s = l
                .intern(&synth::supplier_id(row.supplier), "", "", as_of)
                .unwrap()
                .0;
        }
        l.push_indices(
            *s,
            committee_idx[row.committee],
            account_idx[row.account],
            row.day,
            row.ore,
        );
    }
    let register = Register::compile(&l, &register_rows, &wi);
    let mut best = u128::MAX;
    let mut groups = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let table = goals::indicators(
            &l,
            &register,
            &IndicatorOptions {
                period: None,
                group_by: &[Dim::Year, Dim::Forvaltning],
            },
        );
        best = best.min(t.elapsed().as_nanos());
        groups = table.groups.len();
        assert_eq!(table.rows_in_period, rows);
    }
    println!(
        "indicators by year and forvaltning: {rows} rows, {groups} groups, best of 5 {} ms, {} rows/s",
        best / 1_000_000,
        per_second(rows, best)
    );
}
