//! The README's demo: checks the organisation numbers of the buyers that published reserved
//! procurements in 2021 (bundled sample from Upphandlingsmyndigheten's export).
//!
//! cargo run -p asf-core --example demo -- examples/data/reserved_buyers_2021.csv

use asf_core::orgnr;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "examples/data/reserved_buyers_2021.csv".into());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let as_of = asf_core::today_utc();
    println!("{:<38} {:<13} {:<12} {:<26} problems", "buyer", "as published", "formatted", "legal form group");
    let (mut valid, mut total) = (0, 0);
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (name, id) = line.rsplit_once(';').unwrap_or((line, ""));
        let r = orgnr::parse_response(id, as_of, asf_core::Lang::En, "/id");
        total += 1;
        valid += usize::from(r.valid);
        let group = r.legal_form_group.and_then(|g| serde_json::to_value(g).ok()).and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        let problems: Vec<_> = r.problems.iter().map(|p| p.message.as_str()).collect();
        println!(
            "{:<38} {:<13} {:<12} {:<26} {}",
            name.chars().take(38).collect::<String>(),
            id,
            r.formatted.unwrap_or_default(),
            group,
            problems.join(" ")
        );
    }
    println!("\n{valid} of {total} organisation numbers are valid.");
}
