//! Runs one operation on a JSON request read from standard input and prints the response.
//!
//! ```text
//! echo '{"basis": "lou_4_18_integration", "as_of": "2024-05-01",
//!        "supplier": {"main_purpose_integration": true, "occupied_total": 10, "occupied_target_group": 3}}' \
//!   | cargo run -p asf-core --example evaluate -- reserved.eligibility
//! ```
//!
//! Further arguments name rulebook files to load first.

use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(op) = args.next() else {
        eprintln!("usage: evaluate <operation> [rulebook.json ...] < request.json");
        std::process::exit(2);
    };
    let mut engine = asf_core::Engine::default();
    for path in args {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2)
        });
        if let Err(e) = engine.load_rulebook_json(&text) {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
    let mut request = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut request) {
        eprintln!("could not read the request: {e}");
        std::process::exit(2);
    }
    let today = asf_core::today_utc();
    match engine.evaluate_json_on(&op, &request, today) {
        Ok(out) => {
            let pretty = serde_json::from_str::<serde_json::Value>(&out)
                .and_then(|v| serde_json::to_string_pretty(&v))
                .unwrap_or(out);
            println!("{pretty}");
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
