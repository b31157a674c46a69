//! Upphandlingsmyndigheten's statistics export (statistikdatabasen), as CSV.
//!
//! One row per advertised procurement, or an aggregated row with the count in
//! `Antal upphandlingar, Summa`. asf reads:
//!
//! | column | field |
//! |---|---|
//! | `Namn för köpare` | `buyer_name` |
//! | `Organisationsnummer för köpare` (required) | `buyer_org_id` |
//! | `Upphandlings-ID` | `procurement_id` |
//! | `Upphandlingens titel` | `title` |
//! | `Publiceringsdatum` | `publication_date` |
//! | `År` | `year` |
//! | `Reserverad upphandling` (required) | one lot: `reserved_participation` `["reserved"]`, `["none"]` or `[]` |
//! | `Reserverat genomförande` (required) | the same lot: `reserved_execution` `yes`, `no` or null |
//! | `Antal upphandlingar, Summa` (or any column starting `Antal upphandlingar`) | `count` |
//!
//! Flags read `True`/`False` (the okfse cleaned export), `Ja`/`Nej`, `1`/`0`; an empty
//! cell is "Uppgift saknas" (not stated). The delimiter is `,`, `;` or tab, taken from the
//! header line. Problem paths are `/lines/{line}/{column}` with `line` the 1-based line in
//! the file (the header is line 1).

use std::collections::HashMap;

use crate::error::Error;
use crate::params;
use crate::problem::Problem;

use super::{
    buyer_problem, content_error, duplicate_problems, parse_date_prefix, Lot, ProcurementRecord,
    ReadOptions, ReadResult, ReservedExecution, ReservedParticipation, SourceFormat, FIELD_COUNT,
    INVALID_COUNT, INVALID_DATE, MISSING_ID, UNKNOWN_VALUE,
};

pub const COL_BUYER_NAME: &str = "Namn för köpare";
pub const COL_BUYER_ORG_ID: &str = "Organisationsnummer för köpare";
pub const COL_ID: &str = "Upphandlings-ID";
pub const COL_TITLE: &str = "Upphandlingens titel";
pub const COL_DATE: &str = "Publiceringsdatum";
pub const COL_YEAR: &str = "År";
pub const COL_RESERVED: &str = "Reserverad upphandling";
pub const COL_RESERVED_EXECUTION: &str = "Reserverat genomförande";
pub const COL_COUNT_PREFIX: &str = "Antal upphandlingar";

const REQUIRED: [&str; 3] = [COL_BUYER_ORG_ID, COL_RESERVED, COL_RESERVED_EXECUTION];

fn delimiter(header: &str) -> u8 {
    let count = |c: char| header.chars().filter(|x| *x == c).count();
    [(b';', count(';')), (b'\t', count('\t')), (b',', count(','))]
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(d, _)| d)
        .unwrap_or(b',')
}

/// `Some(true)`, `Some(false)`, `None` for empty, `Err` for anything else.
fn flag(value: &str) -> Result<Option<bool>, ()> {
    match value.trim().to_lowercase().as_str() {
        "" | "uppgift saknas" => Ok(None),
        "true" | "ja" | "1" | "sant" => Ok(Some(true)),
        "false" | "nej" | "0" | "falskt" => Ok(Some(false)),
        _ => Err(()),
    }
}

fn pointer(line: u64, column: &str) -> String {
    crate::problem::pointer(&format!("/lines/{line}"), column)
}

/// Reads the export from text.
pub fn read(text: &str, options: &ReadOptions) -> Result<ReadResult, Error> {
    let first_line = text.lines().next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(first_line))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| content_error(format!("the CSV header cannot be read: {e}")))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let index: HashMap<&str, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| !index.contains_key(c))
        .collect();
    if missing.len() == REQUIRED.len() {
        return Err(content_error(
            "the content is not an eForms notice (XML), OCDS (JSON) or Upphandlingsmyndigheten's export (CSV with the column 'Organisationsnummer för köpare')",
        ));
    }
    if !missing.is_empty() {
        return Err(content_error(format!(
            "the export lacks the column(s) {}",
            missing.join(", ")
        )));
    }
    let col = |name: &str| index.get(name).copied();
    let count_col = headers.iter().position(|h| h.starts_with(COL_COUNT_PREFIX));
    let lang = options.lang;

    let mut out = ReadResult {
        format: SourceFormat::UhmExport,
        rows_read: 0,
        records: Vec::new(),
        rows_rejected: 0,
        problems: Vec::new(),
    };
    let mut record_lines = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| content_error(format!("the CSV cannot be read: {e}")))?;
        let line = row.position().map(|p| p.line()).unwrap_or_default();
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.rows_read += 1;
        if row.len() != headers.len() {
            out.rows_rejected += 1;
            out.problems.push(Problem::with_params(
                &FIELD_COUNT,
                format!("/lines/{line}"),
                lang,
                params![
                    ("line", line),
                    ("found", row.len()),
                    ("expected", headers.len())
                ],
            ));
            continue;
        }
        let get = |name: &str| {
            col(name)
                .and_then(|i| row.get(i))
                .map(str::trim)
                .unwrap_or_default()
        };
        let opt = |name: &str| Some(get(name)).filter(|s| !s.is_empty()).map(str::to_owned);

        let count = match count_col.and_then(|i| row.get(i)).map(str::trim) {
            None | Some("") => 1,
            Some(v) => match v.parse::<u32>() {
                Ok(n) => n,
                Err(_) => {
                    out.rows_rejected += 1;
                    let column = headers
                        .get(count_col.unwrap_or_default())
                        .map(String::as_str)
                        .unwrap_or(COL_COUNT_PREFIX);
                    out.problems.push(Problem::with_params(
                        &INVALID_COUNT,
                        pointer(line, column),
                        lang,
                        params![("line", line), ("value", v)],
                    ));
                    continue;
                }
            },
        };

        let mut record = ProcurementRecord::new(get(COL_BUYER_ORG_ID));
        record.source_format = Some(SourceFormat::UhmExport);
        record.source_ref = Some(format!("line {line}"));
        record.procurement_id = opt(COL_ID);
        record.title = opt(COL_TITLE);
        record.buyer_name = opt(COL_BUYER_NAME);
        record.count = count;
        if let Some(d) = opt(COL_DATE) {
            match parse_date_prefix(&d) {
                Some(date) => record.publication_date = Some(date),
                None => out.problems.push(Problem::with_params(
                    &INVALID_DATE,
                    pointer(line, COL_DATE),
                    lang,
                    params![("value", d), ("line", line)],
                )),
            }
        }
        if let Some(y) = opt(COL_YEAR) {
            match y.parse::<i32>() {
                Ok(year) if (1000..=9999).contains(&year) => record.year = Some(year),
                _ => out.problems.push(unknown(COL_YEAR, &y, line, lang)),
            }
        }
        let mut lot = Lot::default();
        match flag(get(COL_RESERVED)) {
            Ok(Some(true)) => lot
                .reserved_participation
                .push(ReservedParticipation::Unspecified),
            Ok(Some(false)) => lot.reserved_participation.push(ReservedParticipation::None),
            Ok(None) => {}
            Err(()) => out
                .problems
                .push(unknown(COL_RESERVED, get(COL_RESERVED), line, lang)),
        }
        match flag(get(COL_RESERVED_EXECUTION)) {
            Ok(Some(true)) => lot.reserved_execution = Some(ReservedExecution::Yes),
            Ok(Some(false)) => lot.reserved_execution = Some(ReservedExecution::No),
            Ok(None) => {}
            Err(()) => out.problems.push(unknown(
                COL_RESERVED_EXECUTION,
                get(COL_RESERVED_EXECUTION),
                line,
                lang,
            )),
        }
        record.lots.push(lot);
        if record.procurement_id.is_none() {
            out.problems.push(Problem::with_params(
                &MISSING_ID,
                pointer(line, COL_ID),
                lang,
                params![("line", line)],
            ));
        }
        if let Some(reasons) = record.check_buyer(options.as_of) {
            out.problems.push(buyer_problem(
                &record,
                &reasons,
                &pointer(line, COL_BUYER_ORG_ID),
                lang,
                params![("line", line)],
            ));
        }
        out.records.push(record);
        record_lines.push(line);
    }
    let ids = out
        .records
        .iter()
        .map(|r| r.procurement_id.clone())
        .enumerate();
    let dups = duplicate_problems(
        ids,
        |i| pointer(record_lines.get(i).copied().unwrap_or_default(), COL_ID),
        lang,
    );
    out.problems.extend(dups);
    Ok(out)
}

fn unknown(field: &str, value: &str, line: u64, lang: crate::problem::Lang) -> Problem {
    Problem::with_params(
        &UNKNOWN_VALUE,
        pointer(line, field),
        lang,
        params![("field", field), ("value", value), ("line", line)],
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::problem::Lang;
    use chrono::NaiveDate;

    fn opts() -> ReadOptions {
        ReadOptions {
            lang: Lang::En,
            as_of: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        }
    }

    const HEAD: &str = "År;Namn för köpare;Organisationsnummer för köpare;Reserverad upphandling;Reserverat genomförande;Upphandlings-ID;Publiceringsdatum;Antal upphandlingar, Summa\n";

    #[test]
    fn semicolons_flags_counts_and_rejections() {
        let text = format!(
            "{HEAD}2021;LUNDS KOMMUN;2120001132;Ja;Nej;A1;2021-03-01 00:00:00;3\n\
             2021;X;2120001133;;;A2;2021-13-01;1\n\
             2021;Y;2120001132;kanske;True;A3;2021-01-01;x\n\
             2021;Z;2120001132;False\n\
             2021;W;2120001132;False;True;A1;2021-05-01;\n"
        );
        let out = read(&text, &opts()).unwrap();
        assert_eq!(
            (out.rows_read, out.records.len(), out.rows_rejected),
            (5, 3, 2)
        );
        let r = &out.records[0];
        assert_eq!(
            (r.count, r.year, r.buyer_org_id_valid),
            (3, Some(2021), true)
        );
        assert_eq!(
            r.lots[0].reserved_participation,
            vec![ReservedParticipation::Unspecified]
        );
        assert_eq!(r.lots[0].reserved_execution, Some(ReservedExecution::No));
        assert!(out.records[1].lots[0].reserved_participation.is_empty());
        let codes: Vec<(&str, &str)> = out
            .problems
            .iter()
            .map(|p| (p.code.as_str(), p.path.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("procurements_invalid_date", "/lines/3/Publiceringsdatum"),
                (
                    "procurements_buyer_org_id_invalid",
                    "/lines/3/Organisationsnummer för köpare"
                ),
                (
                    "procurements_invalid_count",
                    "/lines/4/Antal upphandlingar, Summa"
                ),
                ("procurements_field_count", "/lines/5"),
                ("procurements_duplicate_id", "/lines/2/Upphandlings-ID"),
            ]
        );
    }

    #[test]
    fn a_csv_without_the_columns_is_not_an_export() {
        assert!(read("a,b\n1,2\n", &opts())
            .unwrap_err()
            .message
            .contains("not an eForms notice"));
        assert!(read("Organisationsnummer för köpare,b\n1,2\n", &opts())
            .unwrap_err()
            .message
            .contains("Reserverad upphandling"));
    }
}
