//! OCDS (JSON): reserved participation (`otherRequirements.reservedParticipation`, from the
//! `otherRequirements` extension) and reserved execution (`contractTerms.reservedExecution`,
//! from the EU profile), per lot or for the tender as a whole.
//!
//! Accepted shapes: a release package `{"releases": [...]}`, a record package
//! `{"records": [{"compiledRelease": {...}}]}`, a single release `{"ocid": ...}`, or an
//! array of releases. Per release:
//!
//! | field | from |
//! |---|---|
//! | `procurement_id` | `ocid` |
//! | `title` | `tender.title` |
//! | `publication_date` | `tender.datePublished`, else `date` |
//! | `buyer_name` | `buyer.name`, else the buyer party's `name` |
//! | `buyer_org_id` | the buyer party's `identifier.id` (the party whose `id` is `buyer.id`, else the first with role `buyer`) |
//! | lots | `tender.lots[]`: `id`, `otherRequirements.reservedParticipation[]`, `contractTerms.reservedExecution` |
//! | procedure level | `tender.otherRequirements` / `tender.contractTerms`: one more lot with `lot_id` null |
//!
//! `shelteredWorkshop` reads as `res-ws`, `publicServiceMissionOrganization` as
//! `res-pub-ser` (the EU profile's mapping of BT-71); `reservedExecution: true` reads as
//! `yes`, `false` as `no`. Several releases with the same `ocid` are successive versions
//! of one procedure: the last one in the file is kept and `procurements_duplicate_id` is
//! reported. Problem paths are JSON Pointers into the document.

use serde_json::Value;

use crate::error::Error;
use crate::params;
use crate::problem::{pointer, Lang, Problem};

use super::{
    buyer_problem, content_error, duplicate_problems, parse_date_prefix, Lot, ProcurementRecord,
    ReadOptions, ReadResult, ReservedExecution, ReservedParticipation, SourceFormat, INVALID_DATE,
    MISSING_ID, UNKNOWN_VALUE,
};

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(v, |v, k| v.get(k))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Reads OCDS JSON text.
pub fn read(text: &str, options: &ReadOptions) -> Result<ReadResult, Error> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| content_error(format!("the JSON cannot be read: {e}")))?;
    let releases: Vec<(String, &Value)> = match &doc {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("/{i}"), r))
            .collect(),
        Value::Object(o) if o.get("releases").is_some_and(Value::is_array) => o
            .get("releases")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, r)| (format!("/releases/{i}"), r))
            .collect(),
        Value::Object(o) if o.get("records").is_some_and(Value::is_array) => o
            .get("records")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, r)| {
                r.get("compiledRelease")
                    .map(|c| (format!("/records/{i}/compiledRelease"), c))
            })
            .collect(),
        Value::Object(o) if o.contains_key("ocid") => vec![(String::new(), &doc)],
        _ => {
            return Err(content_error(
                "the JSON is not an OCDS release package, record package or release",
            ))
        }
    };
    let lang = options.lang;
    let mut out = ReadResult {
        format: SourceFormat::Ocds,
        rows_read: 0,
        records: Vec::new(),
        rows_rejected: 0,
        problems: Vec::new(),
    };
    let mut all: Vec<(String, ProcurementRecord)> = Vec::new();
    for (at, release) in releases {
        out.rows_read += 1;
        if !release.is_object() {
            out.rows_rejected += 1;
            out.problems.push(Problem::with_params(
                &UNKNOWN_VALUE,
                at.clone(),
                lang,
                params![
                    ("field", "release"),
                    ("value", crate::request::json_type(release))
                ],
            ));
            continue;
        }
        let record = read_release(release, &at, options, &mut out.problems);
        all.push((at, record));
    }
    // Successive releases of one procedure: keep the last.
    let ids = all
        .iter()
        .map(|(_, r)| r.procurement_id.clone())
        .enumerate();
    let paths: Vec<String> = all.iter().map(|(at, _)| at.clone()).collect();
    out.problems.extend(duplicate_problems(
        ids,
        |i| pointer(paths.get(i).map(String::as_str).unwrap_or_default(), "ocid"),
        lang,
    ));
    let mut last: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, (_, r)) in all.iter().enumerate() {
        if let Some(id) = &r.procurement_id {
            last.insert(id.clone(), i);
        }
    }
    for (i, (_, r)) in all.into_iter().enumerate() {
        match &r.procurement_id {
            Some(id) if last.get(id) != Some(&i) => out.rows_rejected += 1,
            _ => out.records.push(r),
        }
    }
    Ok(out)
}

fn read_release(
    release: &Value,
    at: &str,
    options: &ReadOptions,
    problems: &mut Vec<Problem>,
) -> ProcurementRecord {
    let lang = options.lang;
    let parties: Vec<&Value> = release
        .get("parties")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let buyer_id = str_at(release, &["buyer", "id"]);
    let party = parties
        .iter()
        .find(|p| buyer_id.is_some() && str_at(p, &["id"]) == buyer_id)
        .or_else(|| {
            parties.iter().find(|p| {
                p.get("roles")
                    .and_then(Value::as_array)
                    .is_some_and(|r| r.iter().any(|x| x == "buyer"))
            })
        });
    let mut record = ProcurementRecord::new(
        party
            .and_then(|p| str_at(p, &["identifier", "id"]))
            .unwrap_or_default(),
    );
    record.source_format = Some(SourceFormat::Ocds);
    record.source_ref = Some(if at.is_empty() {
        "/".to_owned()
    } else {
        at.to_owned()
    });
    record.procurement_id = str_at(release, &["ocid"]).map(str::to_owned);
    if record.procurement_id.is_none() {
        problems.push(Problem::new(&MISSING_ID, pointer(at, "ocid"), lang));
    }
    record.title = str_at(release, &["tender", "title"]).map(str::to_owned);
    record.buyer_name = str_at(release, &["buyer", "name"])
        .or_else(|| party.and_then(|p| str_at(p, &["name"])))
        .map(str::to_owned);
    let (date, date_path) = match str_at(release, &["tender", "datePublished"]) {
        Some(d) => (Some(d), format!("{at}/tender/datePublished")),
        None => (str_at(release, &["date"]), format!("{at}/date")),
    };
    if let Some(d) = date {
        match parse_date_prefix(d) {
            Some(day) => record.publication_date = Some(day),
            None => problems.push(Problem::with_params(
                &INVALID_DATE,
                date_path,
                lang,
                params![("value", d)],
            )),
        }
    }
    let tender = release.get("tender");
    let lots = tender.and_then(|t| t.get("lots")).and_then(Value::as_array);
    for (i, lot) in lots.into_iter().flatten().enumerate() {
        let lot_at = format!("{at}/tender/lots/{i}");
        let lot_id = str_at(lot, &["id"]).map(str::to_owned).or_else(|| {
            lot.get("id")
                .filter(|v| v.is_number())
                .map(Value::to_string)
        });
        record
            .lots
            .push(read_terms(lot, lot_id, &lot_at, lang, problems));
    }
    if let Some(t) = tender {
        let has_terms = t
            .get("otherRequirements")
            .is_some_and(|o| o.get("reservedParticipation").is_some())
            || t.get("contractTerms")
                .is_some_and(|c| c.get("reservedExecution").is_some());
        if has_terms || record.lots.is_empty() {
            record
                .lots
                .push(read_terms(t, None, &format!("{at}/tender"), lang, problems));
        }
    }
    if let Some(reasons) = record.check_buyer(options.as_of) {
        let buyer_at = match party.and_then(|p| parties.iter().position(|x| std::ptr::eq(*x, *p))) {
            Some(i) => format!("{at}/parties/{i}/identifier/id"),
            None => format!("{at}/buyer"),
        };
        problems.push(buyer_problem(
            &record,
            &reasons,
            &buyer_at,
            lang,
            serde_json::Map::new(),
        ));
    }
    record
}

/// Reads `otherRequirements.reservedParticipation` and `contractTerms.reservedExecution` of
/// a lot or a tender.
fn read_terms(
    v: &Value,
    lot_id: Option<String>,
    at: &str,
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> Lot {
    let mut lot = Lot {
        lot_id: lot_id.clone(),
        ..Lot::default()
    };
    let lot_param = lot_id.unwrap_or_default();
    let unknown = |field: &str, value: String, path: String| {
        Problem::with_params(
            &UNKNOWN_VALUE,
            path,
            lang,
            params![
                ("field", field),
                ("value", value),
                ("lot", lot_param.as_str())
            ],
        )
    };
    let rp_at = format!("{at}/otherRequirements/reservedParticipation");
    match v
        .get("otherRequirements")
        .and_then(|o| o.get("reservedParticipation"))
    {
        None | Some(Value::Null) => {}
        Some(Value::Array(codes)) => {
            for (i, code) in codes.iter().enumerate() {
                match code.as_str().and_then(ReservedParticipation::from_ocds) {
                    Some(c) => lot.reserved_participation.push(c),
                    None => problems.push(unknown(
                        "reservedParticipation",
                        value_text(code),
                        format!("{rp_at}/{i}"),
                    )),
                }
            }
        }
        Some(other) => problems.push(unknown("reservedParticipation", value_text(other), rp_at)),
    }
    let re_at = format!("{at}/contractTerms/reservedExecution");
    match v
        .get("contractTerms")
        .and_then(|c| c.get("reservedExecution"))
    {
        None | Some(Value::Null) => {}
        Some(Value::Bool(true)) => lot.reserved_execution = Some(ReservedExecution::Yes),
        Some(Value::Bool(false)) => lot.reserved_execution = Some(ReservedExecution::No),
        Some(other) => problems.push(unknown("reservedExecution", value_text(other), re_at)),
    }
    lot
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
