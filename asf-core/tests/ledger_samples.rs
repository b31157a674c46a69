//! The ledger reader on real published ledger rows (see `tests/data/SOURCE.txt`).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use asf_core::ledger::{self, Options};
use asf_core::NaiveDate;
use rust_decimal::Decimal;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .unwrap()
}

#[test]
fn vgr_sample_with_bare_cr_line_ends() {
    let bytes = data("vgr_sample.csv");
    assert!(!bytes.contains(&b'\n'), "the fixture has bare CR line ends");
    let l = ledger::read(bytes.as_slice()).unwrap();
    let r = l.reconciliation();
    assert_eq!((r.rows_read, r.rows_accepted, r.rows_rejected), (4, 4, 0));
    assert!(r.adds_up());
    // 136.98 + 5058332.75 − 14250.00 + 3285.00
    assert_eq!(r.amount_accepted.to_string(), "5047504.73");
    assert_eq!(l.amounts_ore(), &[13698, 505833275, -1425000, 328500]);
    assert_eq!(r.amount_rejected_parsable, Decimal::ZERO);
    assert_eq!(
        l.forvaltningar().names(),
        &[
            "Fordonsförvaltningen".to_owned(),
            "Miljö- o regionalutv.nämnd".to_owned()
        ]
    );
    assert_eq!(
        l.days()[0],
        ledger::day_number(NaiveDate::from_ymd_opt(2026, 1, 7).unwrap())
    );
    assert!(l.suppliers().iter().all(|s| s.id_valid));
    assert_eq!(l.suppliers()[1].key, "5564594538");
}

#[test]
fn vgr_sample_same_with_crlf_lf_utf16_and_bom() {
    let text = String::from_utf8(data("vgr_sample.csv")).unwrap();
    let variants: Vec<Vec<u8>> = vec![
        text.replace('\r', "\r\n").into_bytes(),
        text.replace('\r', "\n").into_bytes(),
        format!("\u{feff}{text}").into_bytes(),
        "\u{feff}"
            .encode_utf16()
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect(),
        "\u{feff}"
            .encode_utf16()
            .chain(text.encode_utf16())
            .flat_map(u16::to_be_bytes)
            .collect(),
    ];
    for v in variants {
        let l = ledger::read(v.as_slice()).unwrap();
        assert_eq!(l.reconciliation().amount_accepted.to_string(), "5047504.73");
        assert_eq!(l.len(), 4);
    }
}

#[test]
fn vasteras_json_rows_with_comma_decimals_and_internal_ids() {
    let l =
        ledger::read_json(data("vasteras_sample.json").as_slice(), &Options::default()).unwrap();
    let r = l.reconciliation();
    assert_eq!((r.rows_read, r.rows_accepted, r.rows_rejected), (2, 2, 0));
    assert!(r.adds_up());
    assert_eq!(r.amount_accepted.to_string(), "-1702.71");
    assert_eq!(l.amounts_ore(), &[-130203, -40068]);
    // The internal supplier number is kept and flagged.
    assert_eq!(l.suppliers().len(), 1);
    assert!(!l.suppliers()[0].id_valid);
    assert_eq!(l.suppliers()[0].key, "10004007");
    assert_eq!(l.supplier_index("10004007"), Some(0));
    assert_eq!(l.konton().names(), &["64510".to_owned()]);
}
