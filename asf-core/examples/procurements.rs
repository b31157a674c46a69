//! Reads a procurement file (export CSV, eForms XML or OCDS JSON, plain or gzip) and prints
//! the reserved-procurement indicators per year, and the buyers that reserved.
//!
//! ```text
//! cargo run -p asf-core --example procurements -- /work/shared/data/upphandlingsmyndigheten/number_of_procurements_2021.csv.gz
//! ```

use asf_core::procurements::indicators::{reserved_indicators, GroupBy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: procurements <file>");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path)?;
    let started = std::time::Instant::now();
    let read = asf_core::procurements::read(&bytes)?;
    let read_time = started.elapsed();
    let started = std::time::Instant::now();
    let by_year = reserved_indicators(
        &read.records,
        &[GroupBy::Year],
        asf_core::Lang::En,
        asf_core::today_utc(),
    );
    let by_buyer = reserved_indicators(
        &read.records,
        &[GroupBy::Buyer, GroupBy::Year],
        asf_core::Lang::En,
        asf_core::today_utc(),
    );
    let ind_time = started.elapsed();
    println!(
        "{:?}: {} rows read, {} records, {} rejected, {} problems",
        read.format,
        read.rows_read,
        read.records.len(),
        read.rows_rejected,
        read.problems.len()
    );
    println!(
        "{:>6} {:>12} {:>9} {:>9} {:>6} {:>10} {:>10}",
        "year", "procurements", "reserved", "execution", "both", "share", "exec share"
    );
    for g in &by_year.groups {
        let f = &g.figures;
        let s = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
        println!(
            "{:>6} {:>12} {:>9} {:>9} {:>6} {:>10} {:>10}",
            g.key.get("year").map(|y| y.to_string()).unwrap_or_default(),
            f.procurements,
            f.reserved_participation,
            f.reserved_execution,
            f.both,
            s(f.reserved_participation_share),
            s(f.reserved_execution_share)
        );
    }
    println!("buyers that reserved:");
    for g in by_buyer
        .groups
        .iter()
        .filter(|g| g.figures.reserved_any > 0)
    {
        let key = |k: &str| g.key.get(k).map(|v| v.to_string()).unwrap_or_default();
        println!(
            "  {} {}: {} of {}",
            key("buyer_org_id"),
            key("buyer_name"),
            g.figures.reserved_any,
            g.figures.procurements
        );
    }
    println!(
        "invalid buyer numbers: {}",
        by_buyer
            .problems
            .iter()
            .filter(|p| p.code == "procurements_buyer_org_id_invalid")
            .count()
    );
    println!("read {read_time:?}, indicators (two groupings) {ind_time:?}");
    Ok(())
}
