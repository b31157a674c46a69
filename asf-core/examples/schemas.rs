//! Writes a JSON Schema (draft 2020-12, by schemars) of the request and of the response of
//! every operation into a folder: `<op>.request.json`, `<op>.response.json`, and
//! `operations.json` (the names, in `asf_core::operations()` order). The documentation
//! build (`scripts/docs.sh`) runs it; the schemas are generated, never committed.
//!
//!     cargo run -p asf-core --features schema --example schemas -- build/docs-src/reference
//!
//! Fails (exit 1) when an operation of `asf_core::operations()` has no entry below, so a new
//! operation cannot be published without its reference.

use std::path::Path;

use asf_core::{bid, criteria, de_minimis, gber, goals, orgnr, procurements, reserved, route, rulebook, support};
use schemars::{schema_for, Schema};

/// (operation, request schema, response schema) for every operation.
fn schemas() -> Vec<(&'static str, Schema, Schema)> {
    vec![
        ("orgnr.parse", schema_for!(orgnr::ParseRequest), schema_for!(orgnr::ParseResponse)),
        (
            "rulebook.describe",
            schema_for!(rulebook::describe::DescribeRequest),
            schema_for!(rulebook::describe::DescribeResponse),
        ),
        ("asf.assess", schema_for!(criteria::AssessRequest), schema_for!(criteria::AssessResponse)),
        (
            "reserved.eligibility",
            schema_for!(reserved::EligibilityRequest),
            schema_for!(reserved::EligibilityResponse),
        ),
        ("procurement.route", schema_for!(route::RouteRequest), schema_for!(route::RouteResponse)),
        ("bid.validate", schema_for!(bid::ValidateRequest), schema_for!(bid::ValidateResponse)),
        ("procurements.read", schema_for!(procurements::ReadRequest), schema_for!(procurements::ReadResult)),
        (
            "procurements.reserved_indicators",
            schema_for!(procurements::indicators::IndicatorsRequest),
            schema_for!(procurements::indicators::IndicatorsResponse),
        ),
        ("aid.de_minimis.check", schema_for!(de_minimis::CheckRequest), schema_for!(de_minimis::CheckResponse)),
        ("aid.de_minimis.audit", schema_for!(de_minimis::AuditRequest), schema_for!(de_minimis::AuditResponse)),
        ("aid.gber.check", schema_for!(gber::GberRequest), schema_for!(gber::GberResponse)),
        ("support.assess", schema_for!(support::AssessRequest), schema_for!(support::AssessResponse)),
        ("goals.indicators", schema_for!(goals::IndicatorsRequest), schema_for!(goals::IndicatorsResponse)),
        (
            "goals.progress",
            schema_for!(goals::progress::ProgressRequest),
            schema_for!(goals::progress::ProgressResponse),
        ),
        (
            "goals.service_outcomes",
            schema_for!(goals::service_outcomes::OutcomesRequest),
            schema_for!(goals::service_outcomes::OutcomesResponse),
        ),
    ]
}

fn write(path: &Path, value: &impl serde::Serialize) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let dir = std::env::args().nth(1).ok_or("usage: schemas <output folder>")?;
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let all = schemas();
    let ops = asf_core::operations();
    let missing: Vec<_> = ops.iter().filter(|op| !all.iter().any(|(name, _, _)| name == *op)).collect();
    if !missing.is_empty() {
        return Err(format!("no schema for the operations {missing:?}: add them to asf-core/examples/schemas.rs"));
    }
    let unknown: Vec<_> = all.iter().map(|(name, _, _)| name).filter(|name| !ops.contains(name)).collect();
    if !unknown.is_empty() {
        return Err(format!("schemas for operations that do not exist: {unknown:?}"));
    }
    for (op, request, response) in &all {
        write(&dir.join(format!("{op}.request.json")), request)?;
        write(&dir.join(format!("{op}.response.json")), response)?;
    }
    write(&dir.join("operations.json"), &ops)?;
    println!("{}: request and response schemas of {} operations", dir.display(), ops.len());
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("schemas: {e}");
        std::process::exit(1);
    }
}
