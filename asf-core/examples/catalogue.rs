//! Prints the catalogue (problem codes, error codes, operations) as JSON, for
//! `scripts/gen_codes.py`, which writes the Python and TypeScript code types from it.

fn main() {
    let codes: Vec<_> = asf_core::catalogue::all()
        .into_iter()
        .map(|d| serde_json::json!({"code": d.code, "en": d.en, "sv": d.sv}))
        .collect();
    let out = serde_json::json!({
        "problem_codes": codes,
        "error_codes": asf_core::error::ERROR_CODES,
        "operations": asf_core::operations(),
    });
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
}
