//! Writes a deterministic synthetic ledger (national format) and its ASF register.
//!
//! ```sh
//! cargo run --release -p asf-core --example gen_ledger -- 3000 examples/data/ledger_sample.csv examples/data/register_sample.csv
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "common/synth.rs"]
mod synth;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: gen_ledger ROWS LEDGER.csv REGISTER.csv [SEED]");
        std::process::exit(2);
    }
    let rows: u64 = args[1].parse().expect("ROWS must be a number");
    let seed: u64 = args
        .get(4)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_250_101);
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&args[2])?);
    synth::write_ledger(&mut out, rows, seed)?;
    out.flush()?;
    let mut reg = BufWriter::new(std::fs::File::create(&args[3])?);
    synth::write_register(&mut reg)?;
    reg.flush()?;
    eprintln!(
        "wrote {rows} ledger rows to {} and the register to {}",
        args[2], args[3]
    );
    Ok(())
}
