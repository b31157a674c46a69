//! Structure-aware: start from a conformance vector's request (tests/vectors) and replace,
//! remove, copy or repeat a few of its values with hostile ones, so that most inputs get
//! past decoding and into the rules.
#![no_main]

use std::sync::OnceLock;

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn seeds() -> &'static [(String, Value)] {
    static SEEDS: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors"));
        let mut out = Vec::new();
        let mut dirs: Vec<_> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        dirs.sort();
        for d in dirs.iter().filter(|d| d.is_dir()) {
            let op = d.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut files: Vec<_> = std::fs::read_dir(d).into_iter().flatten().flatten().map(|e| e.path()).collect();
            files.sort();
            for f in files {
                let text = std::fs::read_to_string(&f).unwrap_or_default();
                if let Ok(mut v) = serde_json::from_str::<Value>(&text) {
                    if let Some(req) = v.get_mut("request").map(Value::take) {
                        out.push((op.clone(), req));
                    }
                }
            }
        }
        assert!(!out.is_empty(), "no vectors found under {}", dir.display());
        out
    })
}

const STRINGS: &[&str] = &[
    "", " ", "NaN", "nan", "Infinity", "-Infinity", "-0", "+1", "1e3", "0x10", "1,5", "1 000",
    "0.000000000000000000000000001", "79228162514264337593543950336", "-79228162514264337593543950335",
    "99999999999999999999999999999999999.99", "2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31",
    "+262143-12-31", "2024-13-01", "12-31", "02-29", "00-00", "556016-0680", "19121212-1212",
    "000000-0000", "sv", "en", "EUR", "SEK", "general", "sgei", "\u{0}", "ÅÄÖ\u{feff}", "/~0~1",
    "{x}", "null", "true",
];

const NUMBERS: &[&str] = &[
    "0", "-0", "1", "-1", "0.5", "1e400", "-1e400", "1e-400", "18446744073709551616",
    "-9223372036854775809", "9223372036854775807", "4294967296", "79228162514264337593543950336",
    "0.0000000000000000000000000001", "1.00000000000000000000000000001", "2147483648", "65536",
];

fn hostile(u: &mut Unstructured<'_>, donor: &Value) -> Result<Value> {
    Ok(match u.int_in_range(0..=9)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::String((*u.choose(STRINGS)?).to_owned()),
        3 => serde_json::from_str(u.choose(NUMBERS)?).unwrap_or(Value::Null),
        4 => Value::String(u.arbitrary()?),
        5 => Value::String("9".repeat(usize::from(u.arbitrary::<u16>()?))),
        6 => Value::Array(Vec::new()),
        7 => Value::Object(serde_json::Map::new()),
        8 => Value::from(u.arbitrary::<i64>()?),
        _ => random_node(u, donor)?.clone(),
    })
}

/// A node of `v` reached by a random walk.
fn random_node<'a>(u: &mut Unstructured<'_>, mut v: &'a Value) -> Result<&'a Value> {
    loop {
        let next = match v {
            Value::Array(a) if !a.is_empty() && u.arbitrary::<bool>()? => a.get(u.choose_index(a.len())?),
            Value::Object(m) if !m.is_empty() && u.arbitrary::<bool>()? => m.values().nth(u.choose_index(m.len())?),
            _ => None,
        };
        match next {
            Some(n) => v = n,
            None => return Ok(v),
        }
    }
}

/// Applies one mutation somewhere below `v`.
fn mutate(u: &mut Unstructured<'_>, v: &mut Value, donor: &Value) -> Result<()> {
    let descend = u.ratio(3u8, 4u8)?;
    match v {
        Value::Array(a) if descend && !a.is_empty() => {
            let i = u.choose_index(a.len())?;
            match (u.int_in_range(0..=5)?, a.get(i).cloned()) {
                (0, _) => {
                    a.remove(i);
                }
                (1, Some(item)) => {
                    // Repeat an element: many rows, duplicates, long lists.
                    let n = usize::from(u.int_in_range(1u16..=2000)?);
                    a.extend(std::iter::repeat_n(item, n));
                }
                _ => {
                    if let Some(x) = a.get_mut(i) {
                        mutate(u, x, donor)?;
                    }
                }
            }
        }
        Value::Object(m) if descend && !m.is_empty() => {
            let i = u.choose_index(m.len())?;
            let key = m.keys().nth(i).cloned().unwrap_or_default();
            if u.ratio(1u8, 6u8)? {
                m.remove(&key);
            } else if let Some(x) = m.get_mut(&key) {
                mutate(u, x, donor)?;
            }
        }
        _ => *v = hostile(u, donor)?,
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let seeds = seeds();
    let Ok(i) = u.choose_index(seeds.len()) else { return };
    let Some((op, request)) = seeds.get(i) else { return };
    let mut request = request.clone();
    // A donor request from any operation: its values are plausible somewhere else too.
    let donor = u.choose(seeds).map(|(_, r)| r.clone()).unwrap_or(Value::Null);
    let n = u.int_in_range(1u8..=4).unwrap_or(1);
    for _ in 0..n {
        if mutate(&mut u, &mut request, &donor).is_err() {
            break;
        }
    }
    let text = serde_json::to_string(&request).unwrap_or_default();
    asf_fuzz::evaluate_and_check(op, &text);
});
