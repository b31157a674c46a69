#![allow(clippy::indexing_slicing, clippy::panic, clippy::unwrap_used, clippy::expect_used)]
//! Properties that must hold for every input, not only for the conformance vectors.
//!
//! Elsewhere, not repeated here:
//! - de minimis headroom never increases when a grant is added: `tests/de_minimis_props.rs`;
//! - every problem code has an English and a Swedish message with the same parameters:
//!   `catalogue::tests::codes_are_unique_snake_case_with_both_languages` (and
//!   `every_declared_code_is_in_the_catalogue`).
//!
//! See docs/robustness.md.

use std::collections::BTreeMap;

use asf_core::{Engine, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

fn eval(op: &str, request: Value) -> Value {
    Engine::default().evaluate_on(op, request, today()).unwrap_or_else(|e| panic!("{op}: {e}"))
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str_exact(v.as_str().unwrap_or_else(|| panic!("not a decimal string: {v}"))).unwrap()
}

// ---------------------------------------------------------------------------------------
// Ledgers for goals.indicators

const SUPPLIERS: [&str; 4] = ["5560160680", "5560360793", "5560747569", "2120000142"];
const FORVALTNINGAR: [&str; 3] = ["Kultur", "Skola", "Vård"];
const KONTON: [&str; 2] = ["7599", "4010"];

/// (supplier, förvaltning, konto, day offset in 2024–2025, amount in öre)
type Row = (usize, usize, usize, i64, i64);

fn row_json(&(s, f, k, day, ore): &Row) -> Value {
    let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(day);
    json!({
        "leverantor_id": SUPPLIERS[s],
        "leverantor": format!("Leverantör {s}"),
        "forvaltning": FORVALTNINGAR[f],
        "konto_nr": KONTON[k],
        "bokforingsdatum": date.to_string(),
        "nettobelopp": Decimal::new(ore, 2).to_string(),
    })
}

fn rows(amounts: std::ops::Range<i64>, max: usize) -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec((0usize..4, 0usize..3, 0usize..2, 0i64..730, amounts), 0..max)
}

fn indicators(rows: &[Row], group_by: &[&str]) -> Value {
    eval(
        "goals.indicators",
        json!({
            "ledger": rows.iter().map(row_json).collect::<Vec<_>>(),
            // Two ASF suppliers, one of them only from mid-2024.
            "register": [
                {"supplier_id": "5560160680"},
                {"supplier_id": "5560360793", "asf_from": "2024-07-01"},
            ],
            "group_by": group_by,
            "work_integration_accounts": ["7599"],
        }),
    )
}

/// Groups by their key (as canonical JSON text).
fn groups(out: &Value) -> BTreeMap<String, Value> {
    out["groups"].as_array().unwrap().iter().map(|g| (g["key"].to_string(), g.clone())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The total spend is the exact sum of the amounts, whatever their order: a shuffled
    /// ledger gives the same response, byte for byte.
    #[test]
    fn money_sums_are_exact_and_order_independent(
        rows in rows(-100_000_000_000..100_000_000_000, 40),
        seed in any::<u64>(),
    ) {
        let whole = indicators(&rows, &["year"]);
        let exact: i128 = rows.iter().map(|r| i128::from(r.4)).sum();
        let summed: Decimal = groups(&whole).values().map(|g| dec(&g["total_spend"])).sum();
        prop_assert_eq!(summed, Decimal::from_i128_with_scale(exact, 2));
        prop_assert_eq!(dec(&whole["reconciliation"]["amount_accepted"]), Decimal::from_i128_with_scale(exact, 2));
        // A deterministic shuffle (Fisher–Yates with a small LCG).
        let mut shuffled = rows.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = usize::try_from((state >> 33) % (i as u64 + 1)).unwrap();
            shuffled.swap(i, j);
        }
        prop_assert_eq!(indicators(&shuffled, &["year"]), whole);
    }

    /// With no credit notes every share of ASF spend is in [0, 1], and ASF spend never
    /// exceeds total spend.
    #[test]
    fn asf_shares_stay_in_zero_to_one(rows in rows(0..1_000_000_000, 40)) {
        let out = indicators(&rows, &["quarter", "forvaltning"]);
        for g in groups(&out).values() {
            let (total, asf) = (dec(&g["total_spend"]), dec(&g["asf_spend"]));
            prop_assert!(asf >= Decimal::ZERO && asf <= total, "{}", g);
            match &g["asf_share"] {
                Value::Null => prop_assert_eq!(total, Decimal::ZERO),
                s => {
                    let share = dec(s);
                    prop_assert!(share >= Decimal::ZERO && share <= Decimal::ONE, "{}", g);
                }
            }
        }
    }

    /// Indicators over two parts of a ledger add up to the indicators over the whole: per
    /// group, rows and every spend figure are sums; distinct supplier counts are not sums
    /// but lie between the larger part and the sum of both.
    #[test]
    fn indicators_over_a_split_ledger_add_up(
        rows in rows(-10_000_000..1_000_000_000, 40),
        mask in any::<u64>(),
        by_month in any::<bool>(),
    ) {
        let group_by: &[&str] = if by_month { &["month", "konto_nr"] } else { &["year", "forvaltning"] };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for (i, r) in rows.iter().enumerate() {
            if mask >> (i % 64) & 1 == 1 { a.push(*r) } else { b.push(*r) }
        }
        let (whole, pa, pb) = (groups(&indicators(&rows, group_by)), groups(&indicators(&a, group_by)), groups(&indicators(&b, group_by)));
        let mut keys: Vec<&String> = pa.keys().chain(pb.keys()).collect();
        keys.sort();
        keys.dedup();
        prop_assert_eq!(keys, whole.keys().collect::<Vec<_>>());
        for (key, w) in &whole {
            let zero = json!({"rows": 0, "suppliers": 0, "asf_suppliers": 0, "total_spend": "0", "asf_spend": "0", "work_integration_spend": "0", "other_asf_spend": "0"});
            let (x, y) = (pa.get(key).unwrap_or(&zero), pb.get(key).unwrap_or(&zero));
            prop_assert_eq!(w["rows"].as_u64().unwrap(), x["rows"].as_u64().unwrap() + y["rows"].as_u64().unwrap(), "{}", key);
            for f in ["total_spend", "asf_spend", "work_integration_spend", "other_asf_spend"] {
                prop_assert_eq!(dec(&w[f]), dec(&x[f]) + dec(&y[f]), "{} {}", key, f);
            }
            for f in ["suppliers", "asf_suppliers"] {
                let (n, nx, ny) = (w[f].as_u64().unwrap(), x[f].as_u64().unwrap(), y[f].as_u64().unwrap());
                prop_assert!(n >= nx.max(ny) && n <= nx + ny, "{} {}: {} vs {} + {}", key, f, n, nx, ny);
            }
        }
    }

    /// The share of occupied persons in the target group is exact, in [0, 1], and a
    /// count of the target group larger than the total is never "met".
    #[test]
    fn reserved_share_stays_in_zero_to_one(total in 0u64..100_000, target in 0u64..100_000) {
        let out = eval("reserved.eligibility", json!({
            "basis": "lou_4_18_integration", "as_of": "2024-05-01",
            "supplier": {"org_id": "769600-0012", "main_purpose_integration": true,
                         "occupied_total": total, "occupied_target_group": target},
        }));
        match &out["share"] {
            Value::Null => prop_assert!(total == 0 || target > total, "{}", out),
            s => {
                let share = dec(s);
                prop_assert!(target <= total, "share {} for {} of {}", share, target, total);
                prop_assert!(share >= Decimal::ZERO && share <= Decimal::ONE, "{}", out);
            }
        }
        if target > total {
            prop_assert_ne!(&out["eligible"], &json!(true), "{}", out);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Organisation and personal numbers

fn luhn(nine: &[u8]) -> u8 {
    let sum: u32 = nine
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = u32::from(*d) * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

fn with_check_digit(nine: &[u8]) -> String {
    nine.iter().chain(std::iter::once(&luhn(nine))).map(|d| char::from(b'0' + d)).collect()
}

/// Organisation numbers (third digit at least 2), and personal and coordination numbers
/// (day + 60) from a birth date, with a correct check digit, written in the ways users
/// write them.
fn valid_ids() -> impl Strategy<Value = String> {
    let org = (prop::collection::vec(0u8..10, 9), 2u8..10).prop_map(|(mut d, third)| {
        d[2] = third;
        d[0] = d[0].max(1);
        with_check_digit(&d)
    });
    let person = (0i64..45_000, 0u16..1000, any::<bool>()).prop_map(|(days, serial, coordination)| {
        let birth = NaiveDate::from_ymd_opt(1901, 1, 1).unwrap() + chrono::Duration::days(days);
        let day = birth.format("%d").to_string().parse::<u8>().unwrap() + if coordination { 60 } else { 0 };
        let text = format!("{}{day:02}{serial:03}", birth.format("%y%m"));
        let nine: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
        let ten = with_check_digit(&nine);
        format!("{}{ten}", birth.format("%C"))
    });
    (prop_oneof![org, person], 0usize..3).prop_map(|(id, style)| match (style, id.len()) {
        (1, 10) => format!("{}-{}", &id[..6], &id[6..]),
        (1, 12) => format!("{}-{}", &id[..8], &id[8..]),
        (2, _) => format!(" {id} "),
        _ => id,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Every valid number parses, and parsing its `formatted` form gives back the same number.
    #[test]
    fn orgnr_parse_of_formatted_is_the_same_number(id in valid_ids()) {
        let first = asf_core::orgnr::parse(&id, today()).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        let again = asf_core::orgnr::parse(&first.formatted, today()).unwrap_or_else(|e| panic!("{}: {e:?}", first.formatted));
        prop_assert_eq!(&again, &first);
        prop_assert_eq!(again.vat_number(), format!("SE{}01", first.digits));
    }

    /// For any text at all: if it parses, its formatted form parses to the same number.
    #[test]
    fn orgnr_formatted_round_trips_for_any_text(id in "[0-9+ -]{0,16}|\\PC{0,20}") {
        if let Ok(first) = asf_core::orgnr::parse(&id, today()) {
            prop_assert_eq!(asf_core::orgnr::parse(&first.formatted, today()), Ok(first));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Responses survive serialisation

/// `value` deserialises into the operation's typed response, which serialises back to the
/// same JSON.
fn round_trips<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &Value) -> Result<(), String> {
    let typed: T = serde_json::from_value(value.clone()).map_err(|e| format!("does not deserialise: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    if &back != value {
        return Err(format!("changed:\n{value}\n{back}"));
    }
    let again: T = serde_json::from_value(back).map_err(|e| e.to_string())?;
    if again != typed {
        return Err("typed values differ".to_owned());
    }
    Ok(())
}

fn round_trip(op: &str, value: &Value) -> Result<(), String> {
    use asf_core::*;
    match op {
        "orgnr.parse" => round_trips::<orgnr::ParseResponse>(value),
        "rulebook.describe" => round_trips::<rulebook::describe::DescribeResponse>(value),
        "asf.assess" => round_trips::<criteria::AssessResponse>(value),
        "reserved.eligibility" => round_trips::<reserved::EligibilityResponse>(value),
        "procurement.route" => round_trips::<route::RouteResponse>(value),
        "bid.validate" => round_trips::<bid::ValidateResponse>(value),
        "procurements.read" => round_trips::<procurements::ReadResult>(value),
        "procurements.reserved_indicators" => round_trips::<procurements::indicators::IndicatorsResponse>(value),
        "aid.de_minimis.check" => round_trips::<de_minimis::CheckResponse>(value),
        "aid.de_minimis.audit" => round_trips::<de_minimis::AuditResponse>(value),
        "aid.gber.check" => round_trips::<gber::GberResponse>(value),
        "support.assess" => round_trips::<support::AssessResponse>(value),
        "goals.indicators" => round_trips::<goals::IndicatorsResponse>(value),
        "goals.progress" => round_trips::<goals::progress::ProgressResponse>(value),
        "goals.service_outcomes" => round_trips::<goals::service_outcomes::OutcomesResponse>(value),
        _ => Err(format!("no typed response listed for {op}")),
    }
}

/// Every response of every conformance vector round-trips through its typed struct.
#[test]
fn every_vector_response_round_trips_through_its_type() {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors"));
    let mut checked: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for dir in std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        let op = dir.file_name().unwrap().to_string_lossy().into_owned();
        for file in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            let vector: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let mut engine = Engine::default();
            for rb in vector["rulebook"].as_array().into_iter().flatten() {
                engine.load_rulebook_json(&rb.to_string()).unwrap();
            }
            let day = vector["today"].as_str().and_then(|d| d.parse().ok()).unwrap_or(today());
            let Ok(out) = engine.evaluate_on(&op, vector["request"].clone(), day) else { continue };
            if let Err(e) = round_trip(&op, &out) {
                failures.push(format!("{}: {e}", file.display()));
            }
            *checked.entry(op.clone()).or_default() += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every operation was checked at least once.
    assert_eq!(checked.keys().map(String::as_str).collect::<Vec<_>>(), {
        let mut ops = asf_core::operations();
        ops.sort_unstable();
        ops
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Generated ledgers (with rejected rows and problems) round-trip too.
    #[test]
    fn indicator_responses_round_trip(rows in rows(-1_000_000..1_000_000_000, 20), junk in "\\PC{0,12}") {
        let mut ledger: Vec<Value> = rows.iter().map(row_json).collect();
        ledger.push(json!({"leverantor_id": junk, "bokforingsdatum": junk, "nettobelopp": junk}));
        let out = eval("goals.indicators", json!({"ledger": ledger, "group_by": ["month", "service_kind"], "lang": "sv"}));
        prop_assert_eq!(round_trip("goals.indicators", &out), Ok(()));
    }

    #[test]
    fn orgnr_responses_round_trip(id in "\\PC{0,16}") {
        let out = eval("orgnr.parse", json!({"id": id}));
        prop_assert_eq!(round_trip("orgnr.parse", &out), Ok(()));
    }
}

// ---------------------------------------------------------------------------------------
// goals.progress: many targets

proptest! {
    #![proptest_config(ProptestConfig::with_cases(30))]

    /// Targets are followed independently: a request listing several targets answers each
    /// exactly as a request listing it alone (the indicator tables are shared between
    /// targets of the same grouping, see `goals::progress::Tables`).
    #[test]
    fn progress_of_many_targets_is_progress_of_each(
        rows in rows(0..100_000_000, 30),
        picks in prop::collection::vec((0usize..3, 0usize..4, any::<bool>()), 1..8),
        granularity in prop::sample::select(vec!["year", "quarter", "month"]),
    ) {
        let targets: Vec<Value> = picks.iter().map(|&(ind, f, by_konto)| {
            let indicator = ["asf_share", "asf_spend", "asf_suppliers"][ind];
            let (base, goal) = if ind == 0 { ("0.10", "0.40") } else { ("1", "10") };
            let mut scope = json!({});
            if f < 3 { scope["forvaltning"] = json!(FORVALTNINGAR[f]); }
            if by_konto { scope["konto_nr"] = json!("7599"); }
            json!({"indicator": indicator, "scope": scope,
                   "baseline": {"period": {"from": "2023-01-01", "to": "2023-12-31"}, "value": base},
                   "target": {"value": goal, "by": "2025-12-31"}})
        }).collect();
        let request = |targets: Vec<Value>| json!({
            "ledger": rows.iter().map(row_json).collect::<Vec<_>>(),
            "register": [{"supplier_id": "5560160680"}],
            "granularity": granularity,
            "targets": targets,
        });
        let all = eval("goals.progress", request(targets.clone()));
        prop_assert_eq!(all["targets"].as_array().unwrap().len(), targets.len());
        for (i, t) in targets.iter().enumerate() {
            let alone = eval("goals.progress", request(vec![t.clone()]));
            prop_assert_eq!(&all["targets"][i], &alone["targets"][0], "target {}", i);
        }
    }
}
