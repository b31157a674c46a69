//! Readers of procurement records on real files: the eForms SDK example notices (golden
//! per-lot codes), a real TED notice, Upphandlingsmyndigheten's 2021 export and an OCDS
//! release package.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::path::{Path, PathBuf};

use asf_core::procurements::{
    indicators::{reserved_indicators, GroupBy},
    read_with, ReadOptions, ReadResult, ReservedExecution as E, ReservedParticipation as P,
    SourceFormat,
};
use asf_core::{Lang, NaiveDate};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/procurements")
        .join(rel)
}

fn opts() -> ReadOptions {
    ReadOptions {
        lang: Lang::En,
        as_of: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    }
}

fn read_file(path: &Path) -> ReadResult {
    read_with(&std::fs::read(path).unwrap(), &opts()).unwrap()
}

type LotCodes = (Option<&'static str>, Vec<P>, Option<E>);

/// Per lot: id, BT-71 codes, BT-736 code, exactly as each notice's XML carries them.
fn golden() -> Vec<(&'static str, Vec<LotCodes>)> {
    use E::*;
    use P::*;
    vec![
        (
            "INVALID_change-cn_24_FRA_comments.xml",
            vec![
                (Some("LOT-0001"), vec![None], Some(No)),
                (Some("LOT-0002"), vec![ShelteredWorkshop], Some(Yes)),
            ],
        ),
        // Deliberately invalid: empty lot id, empty BT-71 and BT-736 (both reported).
        (
            "INVALID_cn_24_stage-2.xml",
            vec![(Option::None, vec![], Option::None)],
        ),
        (
            "can-social_24.xml",
            vec![
                (Some("LOT-0001"), vec![], Option::None),
                (Some("LOT-0002"), vec![], Option::None),
                (Some("LOT-0003"), vec![], Option::None),
            ],
        ),
        (
            "can_24_minimal.xml",
            vec![(Some("LOT-0000"), vec![], Option::None)],
        ),
        (
            "cn-social_24.xml",
            vec![(Some("LOT-0000"), vec![None], Some(No))],
        ),
        (
            "cn_24_maximal.xml",
            vec![
                (Some("LOT-0001"), vec![PublicServiceMission], Some(Yes)),
                (Some("LOT-0002"), vec![None], Some(Yes)),
            ],
        ),
        (
            "cn_24_minimal.xml",
            vec![(Some("LOT-0000"), vec![None], Some(No))],
        ),
        (
            "pin-cfc-social_23.xml",
            vec![(Some("LOT-0001"), vec![PublicServiceMission], Some(NotKnown))],
        ),
        (
            "pin-cfc-social_24.xml",
            vec![(Some("LOT-0001"), vec![ShelteredWorkshop], Some(NotKnown))],
        ),
        (
            "pin-only_24_maximal.xml",
            vec![(Some("PAR-0000"), vec![PublicServiceMission], Some(Yes))],
        ),
        (
            "pin-rtl_81.xml",
            vec![(Some("LOT-0001"), vec![ShelteredWorkshop], Some(Yes))],
        ),
    ]
}

#[test]
fn every_eforms_example_notice_gives_its_reserved_codes_per_lot() {
    let golden = golden();
    let mut files: Vec<String> = std::fs::read_dir(data("eforms/notices"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        golden
            .iter()
            .map(|(f, _)| f.to_string())
            .collect::<Vec<_>>(),
        "a notice without a golden entry"
    );
    for (file, lots) in golden {
        let out = read_file(&data(&format!("eforms/notices/{file}")));
        assert_eq!(out.format, SourceFormat::Eforms);
        assert_eq!(out.records.len(), 1, "{file}");
        let got: Vec<LotCodes> = out.records[0]
            .lots
            .iter()
            .map(|l| {
                (
                    l.lot_id
                        .as_deref()
                        .map(|s| &*Box::leak(s.to_owned().into_boxed_str())),
                    l.reserved_participation.clone(),
                    l.reserved_execution,
                )
            })
            .collect();
        assert_eq!(got, lots, "{file}");
    }
}

/// An independent count: every `listName="reserved-procurement"` / `"reserved-execution"`
/// element with a known code in each notice's text shows up in exactly one lot.
#[test]
fn codes_read_equal_codes_in_the_text() {
    for (file, _) in golden() {
        let text = std::fs::read_to_string(data(&format!("eforms/notices/{file}"))).unwrap();
        let count = |list: &str, codes: &[&str]| {
            codes
                .iter()
                .map(|c| text.matches(&format!("listName=\"{list}\">{c}<")).count())
                .sum::<usize>()
        };
        let out = read_file(&data(&format!("eforms/notices/{file}")));
        let lots = &out.records[0].lots;
        assert_eq!(
            lots.iter()
                .map(|l| l.reserved_participation.len())
                .sum::<usize>(),
            count("reserved-procurement", &["none", "res-ws", "res-pub-ser"]),
            "{file}"
        );
        assert_eq!(
            lots.iter()
                .filter(|l| l.reserved_execution.is_some())
                .count(),
            count("reserved-execution", &["yes", "no", "not-known"]),
            "{file}"
        );
    }
}

#[test]
fn invalid_stage_2_notice_reports_its_empty_codes() {
    let out = read_file(&data("eforms/notices/INVALID_cn_24_stage-2.xml"));
    let got: Vec<(&str, &str)> = out
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.path.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("procurements_missing_id", "/procurement_id"),
            ("procurements_unknown_value", "/lots/0/BT-71"),
            ("procurements_unknown_value", "/lots/0/BT-736"),
            ("procurements_buyer_org_id_invalid", "/buyer"),
        ]
    );
    assert_eq!(
        out.records[0].publication_date,
        NaiveDate::from_ymd_opt(2000, 1, 1)
    );
}

#[test]
fn example_notice_buyer_title_and_dates() {
    let out = read_file(&data("eforms/notices/cn_24_maximal.xml"));
    let r = &out.records[0];
    assert_eq!(
        r.procurement_id.as_deref(),
        Some("aff2863e-b4cc-4e91-baba-b3b85f709117")
    );
    assert_eq!(
        r.source_ref.as_deref(),
        Some("14549263-b47b-4e59-96a1-2d0d13e19343")
    );
    assert!(
        !r.buyer_org_id_valid,
        "the SDK examples use non-Swedish buyer ids"
    );
    assert!(out
        .problems
        .iter()
        .any(|p| p.code == "procurements_buyer_org_id_invalid"));
    assert!(r.participation_reserved() && r.execution_reserved());
}

#[test]
fn real_ted_notice_without_bt71() {
    let out = read_file(&data("ted-notices/eforms_1884-2026.xml"));
    let r = &out.records[0];
    assert_eq!(
        (
            r.buyer_name.as_deref(),
            r.buyer_org_id.as_str(),
            r.buyer_org_id_valid
        ),
        (Some("Gryaab AB"), "5561372177", true)
    );
    assert_eq!(r.buyer_org_id_normalized.as_deref(), Some("5561372177"));
    assert_eq!(r.publication_date, NaiveDate::from_ymd_opt(2026, 1, 5));
    assert_eq!(r.title.as_deref(), Some("IT-Konsulter Comos"));
    assert_eq!(
        r.procurement_id.as_deref(),
        Some("4b3cf991-7b30-46d6-8818-e381bacb7a0a")
    );
    assert_eq!(r.lots.len(), 1);
    assert!(r.lots[0].reserved_participation.is_empty() && r.lots[0].reserved_execution.is_none());
    assert!(out.problems.is_empty(), "{:?}", out.problems);
}

#[test]
fn reserved_subset_of_the_2021_export() {
    let out = read_file(&data(
        "upphandlingsmyndigheten/reserved_procurements_2021.csv",
    ));
    assert_eq!(
        (out.rows_read, out.records.len(), out.rows_rejected),
        (27, 27, 0)
    );
    let ind = reserved_indicators(&out.records, &[], Lang::En, opts().as_of);
    let t = &ind.totals;
    assert_eq!(
        (
            t.procurements,
            t.reserved_participation,
            t.reserved_execution,
            t.both,
            t.reserved_any
        ),
        (27, 22, 8, 3, 27)
    );
}

fn shared_export() -> Option<PathBuf> {
    let base = std::env::var("ASF_SHARED_DATA").unwrap_or_else(|_| "/work/shared/data".into());
    let p = Path::new(&base).join("upphandlingsmyndigheten/number_of_procurements_2021.csv.gz");
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (set ASF_SHARED_DATA to the shared data folder)",
            p.display()
        );
        None
    }
}

/// The real 2021 totals: 18 421 advertised procurements, 22 with reserved participation,
/// 8 with reserved execution, 3 with both; 79 rows (10 distinct numbers) with an invalid
/// buyer organisation number, all kept.
#[test]
fn totals_2021_from_the_full_export() {
    let Some(path) = shared_export() else { return };
    let started = std::time::Instant::now();
    let out = read_file(&path);
    let elapsed = started.elapsed();
    assert_eq!(out.format, SourceFormat::UhmExport);
    assert_eq!(
        (out.rows_read, out.records.len(), out.rows_rejected),
        (18_421, 18_421, 0)
    );
    let ind = reserved_indicators(&out.records, &[GroupBy::Year], Lang::En, opts().as_of);
    assert_eq!(ind.groups.len(), 1);
    assert_eq!(ind.groups[0].key["year"], 2021);
    let t = &ind.totals;
    assert_eq!(
        (
            t.procurements,
            t.reserved_participation,
            t.reserved_execution,
            t.both,
            t.reserved_any
        ),
        (18_421, 22, 8, 3, 27)
    );
    assert_eq!(
        t.reserved_participation_share.unwrap().to_string(),
        "0.001194"
    );
    assert_eq!(t.reserved_execution_share.unwrap().to_string(), "0.000434");
    let invalid_rows = out.records.iter().filter(|r| !r.buyer_org_id_valid).count();
    assert_eq!(invalid_rows, 79);
    assert_eq!(
        out.problems
            .iter()
            .filter(|p| p.code == "procurements_buyer_org_id_invalid")
            .count(),
        79
    );
    let invalid: Vec<_> = ind
        .problems
        .iter()
        .filter(|p| p.code == "procurements_buyer_org_id_invalid")
        .collect();
    assert_eq!(invalid.len(), 10);
    assert_eq!(
        invalid
            .iter()
            .map(|p| p.params["records"].as_u64().unwrap())
            .sum::<u64>(),
        79
    );
    // Region Dalarna's 42 rows carry 2331000180 (the check digit should be 8).
    let dalarna = invalid
        .iter()
        .find(|p| p.params["org_id"] == "2331000180")
        .unwrap();
    assert_eq!(
        (
            dalarna.params["reason"].as_str(),
            dalarna.params["records"].as_u64()
        ),
        (Some("orgnr_checksum"), Some(42))
    );
    // Two buyers (4 rows) carry a valid personal number, which orgnr.parse accepts.
    let personal = out
        .records
        .iter()
        .filter(|r| r.buyer_org_id_valid && r.buyer_org_id.as_bytes()[2] < b'2')
        .count();
    assert_eq!(personal, 4);
    // One id occurs twice (MT4532, Luftfartsverket, re-advertised): both are counted.
    let dups: Vec<_> = out
        .problems
        .iter()
        .filter(|p| p.code == "procurements_duplicate_id")
        .collect();
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].params["id"], "MT4532");
    let by_buyer = reserved_indicators(
        &out.records,
        &[GroupBy::Buyer, GroupBy::Year],
        Lang::En,
        opts().as_of,
    );
    assert_eq!(by_buyer.groups.len(), 1_169);
    assert_eq!(
        by_buyer
            .groups
            .iter()
            .map(|g| g.figures.procurements)
            .sum::<u64>(),
        18_421
    );
    eprintln!("read 18 421 export rows (gzip) in {elapsed:?}");
}

#[test]
fn ocds_release_package() {
    let out = read_file(&data("ocds/release-package-reserved.json"));
    assert_eq!(out.format, SourceFormat::Ocds);
    assert_eq!(
        (out.rows_read, out.records.len(), out.rows_rejected),
        (4, 3, 1)
    );
    let ids: Vec<_> = out
        .records
        .iter()
        .map(|r| r.procurement_id.as_deref().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "ocds-asf000-SE-2025-0002",
            "ocds-asf000-SE-2025-0003",
            "ocds-asf000-SE-2025-0001"
        ]
    );
    let lund = &out.records[0];
    assert_eq!((lund.lots.len(), lund.lots[0].lot_id.as_deref()), (1, None));
    assert_eq!(
        lund.lots[0].reserved_participation,
        vec![P::PublicServiceMission]
    );
    assert!(!lund.buyer_org_id_valid);
    let sthlm = &out.records[2];
    assert_eq!(sthlm.publication_date, NaiveDate::from_ymd_opt(2025, 3, 2));
    assert_eq!(
        sthlm.lots[1].reserved_participation,
        vec![P::ShelteredWorkshop],
        "the later release is kept"
    );
    assert_eq!(
        (
            sthlm.lots[0].reserved_execution,
            sthlm.lots[1].reserved_execution
        ),
        (Some(E::Yes), Some(E::No))
    );
    let got: Vec<(&str, &str)> = out
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.path.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "procurements_buyer_org_id_invalid",
                "/releases/1/parties/0/identifier/id"
            ),
            ("procurements_duplicate_id", "/releases/0/ocid"),
        ]
    );
    let ind = reserved_indicators(&out.records, &[GroupBy::Buyer], Lang::Sv, opts().as_of);
    assert_eq!(ind.groups.len(), 2);
    assert_eq!(ind.groups[1].key["buyer_org_id"], "2120000142");
    assert_eq!(
        (
            ind.groups[1].figures.procurements,
            ind.groups[1].figures.both
        ),
        (2, 1)
    );
    assert_eq!(ind.problems[0].message, "Köparens organisationsnummer '212000-1133' är inte giltigt (orgnr_checksum); dess 1 upphandling(ar) behålls och räknas under numret som det är skrivet.");
}

#[test]
fn gzip_of_a_notice_reads_like_the_notice() {
    use std::io::Write;
    let xml = std::fs::read(data("eforms/notices/pin-rtl_81.xml")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&xml).unwrap();
    let zipped = gz.finish().unwrap();
    assert_eq!(
        read_with(&zipped, &opts()).unwrap(),
        read_with(&xml, &opts()).unwrap()
    );
}

#[test]
fn truncated_and_junk_inputs_are_errors_not_panics() {
    for file in [
        "eforms/notices/cn_24_maximal.xml",
        "ocds/release-package-reserved.json",
        "upphandlingsmyndigheten/reserved_procurements_2021.csv",
    ] {
        let bytes = std::fs::read(data(file)).unwrap();
        for cut in (0..bytes.len()).step_by(97) {
            let _ = read_with(&bytes[..cut], &opts());
        }
    }
    let arr = read_with(b"[1,2]", &opts()).unwrap();
    assert_eq!(
        (arr.rows_read, arr.rows_rejected, arr.records.len()),
        (2, 2, 0)
    );
    for junk in [
        &b"<x"[..],
        b"{",
        b"{}",
        b"\"text\"",
        b"<!DOCTYPE x [<!ENTITY a 'b'>]><ContractNotice/>",
        b"<Foo/>",
    ] {
        assert!(
            read_with(junk, &opts()).is_err(),
            "{}",
            String::from_utf8_lossy(junk)
        );
    }
}
