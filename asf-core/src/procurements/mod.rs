//! Procurement records and how often buyers reserve procurements.
//!
//! A [`ProcurementRecord`] is one advertised procurement: its buyer (name and organisation
//! number as given, with the number checked by [`crate::orgnr::parse`]), its id, title and
//! publication date, and per lot the reserved participation (eForms BT-71) and reserved
//! execution (eForms BT-736) it declares. Three readers fill it:
//!
//! | reader | source |
//! |---|---|
//! | [`uhm`] | Upphandlingsmyndigheten's statistics export (CSV, plain or gzip) |
//! | [`eforms`] | eForms XML notices (one notice per file) |
//! | [`ocds`] | OCDS release packages, record packages or single releases (JSON) |
//!
//! [`read`] detects the format from the bytes. [`indicators`] counts, per buyer and year,
//! procurements with reserved participation, reserved execution and both (operation
//! `procurements.reserved_indicators`). Operation `procurements.read` reads text content.
//!
//! An invalid buyer organisation number never drops a record: it is kept with
//! `buyer_org_id_valid: false` and reported as a problem.

pub mod codelists;
pub mod eforms;
pub mod indicators;
pub mod ocds;
pub mod uhm;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::engine::{Context, Operation};
use crate::error::Error;
use crate::params;
use crate::problem::{CodeDef, Lang, Problem};

/// Reserved participation of a lot: the eForms BT-71 code (`reserved-procurement` code
/// list), or `reserved` when a source says participation is reserved without saying to whom
/// (Upphandlingsmyndigheten's export).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ReservedParticipation {
    /// `none`: participation is not reserved.
    #[serde(rename = "none")]
    None,
    /// `res-ws`: sheltered workshops and economic operators aiming at the social and
    /// professional integration of disabled or disadvantaged persons (LOU 4 kap. 18 §;
    /// OCDS `shelteredWorkshop`).
    #[serde(rename = "res-ws")]
    ShelteredWorkshop,
    /// `res-pub-ser`: organisations pursuing a public service mission (LOU 19 kap. 25 §;
    /// OCDS `publicServiceMissionOrganization`).
    #[serde(rename = "res-pub-ser")]
    PublicServiceMission,
    /// `reserved`: reserved, to whom not stated (not an eForms code).
    #[serde(rename = "reserved")]
    Unspecified,
}

impl ReservedParticipation {
    /// Whether participation is reserved (any code but `none`).
    pub fn is_reserved(self) -> bool {
        self != ReservedParticipation::None
    }

    /// The eForms code, or `reserved`.
    pub fn code(self) -> &'static str {
        match self {
            ReservedParticipation::None => "none",
            ReservedParticipation::ShelteredWorkshop => "res-ws",
            ReservedParticipation::PublicServiceMission => "res-pub-ser",
            ReservedParticipation::Unspecified => "reserved",
        }
    }

    /// Reads an eForms BT-71 code.
    pub fn from_eforms(code: &str) -> Option<Self> {
        match code {
            "none" => Some(ReservedParticipation::None),
            "res-ws" => Some(ReservedParticipation::ShelteredWorkshop),
            "res-pub-ser" => Some(ReservedParticipation::PublicServiceMission),
            _ => None,
        }
    }

    /// Reads an OCDS `reservedParticipation` code (OCDS leaves `none` out).
    pub fn from_ocds(code: &str) -> Option<Self> {
        match code {
            "shelteredWorkshop" => Some(ReservedParticipation::ShelteredWorkshop),
            "publicServiceMissionOrganization" => Some(ReservedParticipation::PublicServiceMission),
            _ => None,
        }
    }

    /// The OCDS code, where one exists.
    pub fn ocds_code(self) -> Option<&'static str> {
        match self {
            ReservedParticipation::ShelteredWorkshop => Some("shelteredWorkshop"),
            ReservedParticipation::PublicServiceMission => Some("publicServiceMissionOrganization"),
            _ => None,
        }
    }

    /// The code list label (eForms SDK, English or Swedish).
    ///
    /// ```
    /// use asf_core::{procurements::ReservedParticipation, Lang};
    /// assert!(ReservedParticipation::ShelteredWorkshop.label(Lang::Sv).starts_with("Deltagande förbehålls skyddade verkstäder"));
    /// ```
    pub fn label(self, lang: Lang) -> &'static str {
        codelists::label(codelists::RESERVED_PROCUREMENT, self.code(), lang).unwrap_or(match lang {
            Lang::En => "Participation is reserved; the kind of reservation is not stated.",
            Lang::Sv => "Deltagandet är reserverat; vilken sorts reservation anges inte.",
        })
    }
}

/// Reserved execution of a lot: the eForms BT-736 code (`reserved-execution` code list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ReservedExecution {
    /// Execution is reserved to sheltered employment programmes (OCDS
    /// `contractTerms.reservedExecution: true`).
    Yes,
    No,
    NotKnown,
}

impl ReservedExecution {
    pub fn code(self) -> &'static str {
        match self {
            ReservedExecution::Yes => "yes",
            ReservedExecution::No => "no",
            ReservedExecution::NotKnown => "not-known",
        }
    }

    pub fn from_eforms(code: &str) -> Option<Self> {
        match code {
            "yes" => Some(ReservedExecution::Yes),
            "no" => Some(ReservedExecution::No),
            "not-known" => Some(ReservedExecution::NotKnown),
            _ => None,
        }
    }

    /// The code list label (eForms SDK, English or Swedish).
    pub fn label(self, lang: Lang) -> &'static str {
        codelists::label(codelists::RESERVED_EXECUTION, self.code(), lang).unwrap_or_default()
    }
}

/// Where a record was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Upphandlingsmyndigheten's statistics export (CSV).
    UhmExport,
    /// An eForms notice (XML).
    Eforms,
    /// An OCDS release (JSON).
    Ocds,
}

/// One lot (or the procedure as a whole, when a source has no lots).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Lot {
    /// `LOT-0001` (eForms), the OCDS lot id, or null for the procedure as a whole.
    #[serde(default)]
    pub lot_id: Option<String>,
    /// Every BT-71 code the lot carries, in source order; empty when not stated.
    #[serde(default)]
    pub reserved_participation: Vec<ReservedParticipation>,
    /// The BT-736 code; null when not stated.
    #[serde(default)]
    pub reserved_execution: Option<ReservedExecution>,
}

impl Lot {
    pub fn participation_reserved(&self) -> bool {
        self.reserved_participation.iter().any(|c| c.is_reserved())
    }

    pub fn execution_reserved(&self) -> bool {
        self.reserved_execution == Some(ReservedExecution::Yes)
    }
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// One advertised procurement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProcurementRecord {
    #[serde(default)]
    pub source_format: Option<SourceFormat>,
    /// Where in the source: `line 12` (CSV), the notice id (eForms), `/releases/3` (OCDS).
    #[serde(default)]
    pub source_ref: Option<String>,
    /// `Upphandlings-ID` (export), `ContractFolderID` (eForms BT-04), `ocid` (OCDS).
    #[serde(default)]
    pub procurement_id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub buyer_name: Option<String>,
    /// The buyer's organisation number as the source gives it.
    pub buyer_org_id: String,
    /// The ten digits when the number is valid.
    #[serde(default)]
    pub buyer_org_id_normalized: Option<String>,
    /// Whether `buyer_org_id` is a valid organisation (or personal) number. Recomputed by
    /// `procurements.reserved_indicators`, so a request may leave it out.
    #[serde(default)]
    pub buyer_org_id_valid: bool,
    #[serde(default)]
    pub publication_date: Option<NaiveDate>,
    /// The statistics year; when absent, the year of `publication_date`.
    #[serde(default)]
    pub year: Option<i32>,
    /// How many procurements the record stands for (an aggregated export row); 1 by default.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: u32,
    #[serde(default)]
    pub lots: Vec<Lot>,
}

impl ProcurementRecord {
    /// A record of `buyer_org_id` with nothing else known.
    pub fn new(buyer_org_id: impl Into<String>) -> Self {
        ProcurementRecord {
            source_format: None,
            source_ref: None,
            procurement_id: None,
            title: None,
            buyer_name: None,
            buyer_org_id: buyer_org_id.into(),
            buyer_org_id_normalized: None,
            buyer_org_id_valid: false,
            publication_date: None,
            year: None,
            count: 1,
            lots: Vec::new(),
        }
    }

    /// Any lot reserves participation.
    pub fn participation_reserved(&self) -> bool {
        self.lots.iter().any(Lot::participation_reserved)
    }

    /// Any lot reserves execution (BT-736 `yes`).
    pub fn execution_reserved(&self) -> bool {
        self.lots.iter().any(Lot::execution_reserved)
    }

    /// The statistics year, else the publication year.
    pub fn effective_year(&self) -> Option<i32> {
        use chrono::Datelike;
        self.year.or(self.publication_date.map(|d| d.year()))
    }

    /// Checks `buyer_org_id` as of the publication date (else `as_of`) and fills the
    /// normalized number and the validity flag. Returns the reasons when invalid.
    pub fn check_buyer(&mut self, as_of: NaiveDate) -> Option<Vec<crate::orgnr::Invalid>> {
        match crate::orgnr::parse(&self.buyer_org_id, self.publication_date.unwrap_or(as_of)) {
            Ok(n) => {
                self.buyer_org_id_normalized = Some(n.digits);
                self.buyer_org_id_valid = true;
                None
            }
            Err(reasons) => {
                self.buyer_org_id_normalized = None;
                self.buyer_org_id_valid = false;
                Some(reasons)
            }
        }
    }
}

/// What a reader read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReadResult {
    pub format: SourceFormat,
    /// Data rows (CSV), notices (XML) or releases (JSON) read.
    pub rows_read: u64,
    pub records: Vec<ProcurementRecord>,
    /// Rows or releases that gave no record (each has a problem saying why).
    pub rows_rejected: u64,
    /// Problems, each with a `path` into the source (see the module docs of each reader)
    /// and `line` or `lot` in `params` where there is one.
    pub problems: Vec<Problem>,
}

/// How to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    pub lang: Lang,
    /// The date a buyer number is checked as of when a record has no publication date (it
    /// only matters for personal numbers).
    pub as_of: NaiveDate,
}

// ---------------------------------------------------------------------------------------
// Problem codes

pub const BUYER_ORG_ID_INVALID: CodeDef = CodeDef {
    code: "procurements_buyer_org_id_invalid",
    en: "The buyer organisation number '{org_id}' is not valid ({reason}); its {records} procurement(s) are kept and counted under the number as given.",
    sv: "Köparens organisationsnummer '{org_id}' är inte giltigt ({reason}); dess {records} upphandling(ar) behålls och räknas under numret som det är skrivet.",
};
pub const UNKNOWN_VALUE: CodeDef = CodeDef {
    code: "procurements_unknown_value",
    en: "{field} has the value '{value}', which asf cannot read; it is treated as not stated.",
    sv:
        "{field} har värdet '{value}', som asf inte kan läsa; det behandlas som att uppgift saknas.",
};
pub const INVALID_DATE: CodeDef = CodeDef {
    code: "procurements_invalid_date",
    en: "The date '{value}' cannot be read as YYYY-MM-DD; the record is kept without it.",
    sv: "Datumet '{value}' kan inte läsas som ÅÅÅÅ-MM-DD; posten behålls utan datum.",
};
pub const INVALID_COUNT: CodeDef = CodeDef {
    code: "procurements_invalid_count",
    en: "Line {line}: the number of procurements '{value}' is not a whole number from 0 to 4294967295; the row is rejected.",
    sv: "Rad {line}: antalet upphandlingar '{value}' är inget heltal från 0 till 4294967295; raden avvisas.",
};
pub const FIELD_COUNT: CodeDef = CodeDef {
    code: "procurements_field_count",
    en: "Line {line} has {found} fields but the header has {expected}; the row is rejected.",
    sv: "Rad {line} har {found} fält men rubrikraden har {expected}; raden avvisas.",
};
pub const MISSING_ID: CodeDef = CodeDef {
    code: "procurements_missing_id",
    en: "The procurement has no id; it is kept and counted.",
    sv: "Upphandlingen saknar id; den behålls och räknas.",
};
pub const DUPLICATE_ID: CodeDef = CodeDef {
    code: "procurements_duplicate_id",
    en: "The procurement id '{id}' occurs {times} times.",
    sv: "Upphandlings-id '{id}' förekommer {times} gånger.",
};
pub const SEVERAL_BUYERS: CodeDef = CodeDef {
    code: "procurements_several_buyers",
    en: "The notice names {buyers} buyers (a joint procurement); the record is counted under the first.",
    sv: "Annonsen anger {buyers} köpare (en samordnad upphandling); posten räknas under den första.",
};
pub const YEAR_MISSING: CodeDef = CodeDef {
    code: "procurements_year_missing",
    en: "The record has neither a year nor a publication date; it is grouped under year null.",
    sv: "Posten har varken år eller publiceringsdatum; den grupperas under året null.",
};

pub const CODES: &[&CodeDef] = &[
    &BUYER_ORG_ID_INVALID,
    &UNKNOWN_VALUE,
    &INVALID_DATE,
    &INVALID_COUNT,
    &FIELD_COUNT,
    &MISSING_ID,
    &DUPLICATE_ID,
    &SEVERAL_BUYERS,
    &YEAR_MISSING,
];

/// The orgnr code of the first reason a number is invalid.
pub(crate) fn reason_code(reasons: &[crate::orgnr::Invalid]) -> String {
    reasons
        .first()
        .map(|r| r.problem("", Lang::En).code)
        .unwrap_or_default()
}

pub(crate) fn buyer_problem(
    record: &ProcurementRecord,
    reasons: &[crate::orgnr::Invalid],
    path: &str,
    lang: Lang,
    mut extra: Map<String, Value>,
) -> Problem {
    let mut p = params![
        ("org_id", record.buyer_org_id.as_str()),
        ("reason", reason_code(reasons)),
        ("records", record.count)
    ];
    p.append(&mut extra);
    Problem::with_params(&BUYER_ORG_ID_INVALID, path, lang, p)
}

/// Reads a date written `YYYY-MM-DD`, optionally followed by a time or a zone
/// (`2021-02-02 00:00:00`, `2019-05-10+01:00`, `2023-05-26Z`, RFC 3339).
pub(crate) fn parse_date_prefix(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let head = t.get(..10)?;
    let rest = t.get(10..)?;
    if !(rest.is_empty() || rest.starts_with([' ', 'T', 'Z', '+', '-'])) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Reports every procurement id that occurs more than once, at its first occurrence.
pub(crate) fn duplicate_problems(
    ids: impl Iterator<Item = (usize, Option<String>)>,
    path: impl Fn(usize) -> String,
    lang: Lang,
) -> Vec<Problem> {
    let mut seen: std::collections::BTreeMap<String, (usize, u64)> =
        std::collections::BTreeMap::new();
    for (i, id) in ids {
        if let Some(id) = id.filter(|s| !s.is_empty()) {
            let e = seen.entry(id).or_insert((i, 0));
            e.1 = e.1.saturating_add(1);
        }
    }
    let mut dups: Vec<(usize, String, u64)> = seen
        .into_iter()
        .filter(|(_, (_, n))| *n > 1)
        .map(|(id, (i, n))| (i, id, n))
        .collect();
    dups.sort();
    dups.into_iter()
        .map(|(i, id, n)| {
            Problem::with_params(
                &DUPLICATE_ID,
                path(i),
                lang,
                params![("id", id), ("times", n)],
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Format detection

/// Largest decompressed size of a gzip input (1 GiB).
pub const MAX_DECOMPRESSED_BYTES: u64 = 1 << 30;

/// Reads procurement records from the bytes of a file: Upphandlingsmyndigheten's export
/// (CSV), an eForms notice (XML) or OCDS (JSON), plain or gzip-compressed. Text may be
/// UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252. Buyer numbers of records
/// without a publication date are checked as of today (UTC).
///
/// ```
/// let csv = "Namn för köpare,Organisationsnummer för köpare,Reserverad upphandling,Reserverat genomförande,Upphandlings-ID,Publiceringsdatum\n\
///            LUNDS KOMMUN,2120001132,True,False,X1,2021-03-01\n";
/// let out = asf_core::procurements::read(csv.as_bytes()).unwrap();
/// assert_eq!(out.records.len(), 1);
/// assert!(out.records[0].participation_reserved() && out.records[0].buyer_org_id_valid);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn read(bytes: &[u8]) -> Result<ReadResult, Error> {
    read_with(
        bytes,
        &ReadOptions {
            lang: Lang::En,
            as_of: crate::today_utc(),
        },
    )
}

/// [`read`] with a language for problem messages and an as-of date.
pub fn read_with(bytes: &[u8], options: &ReadOptions) -> Result<ReadResult, Error> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let data = gunzip(bytes)?;
        if data.starts_with(&[0x1f, 0x8b]) {
            return Err(content_error("the content is gzip-compressed twice"));
        }
        return read_with(&data, options);
    }
    let text = decode_text(bytes);
    read_text(&text, options)
}

/// Reads text content (what operation `procurements.read` receives).
pub fn read_text(text: &str, options: &ReadOptions) -> Result<ReadResult, Error> {
    let body = text.trim_start_matches('\u{feff}');
    match body.trim_start().chars().next() {
        Some('<') => eforms::read(body, options),
        Some('{') | Some('[') => ocds::read(body, options),
        Some(_) => uhm::read(body, options),
        None => Err(content_error("the content is empty")),
    }
}

pub(crate) fn content_error(message: impl Into<String>) -> Error {
    Error::invalid_value("/content", message)
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    decoder
        .take(MAX_DECOMPRESSED_BYTES.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| content_error(format!("the gzip data cannot be decompressed: {e}")))?;
    if out.len() as u64 > MAX_DECOMPRESSED_BYTES {
        return Err(content_error(format!(
            "the decompressed content is larger than {MAX_DECOMPRESSED_BYTES} bytes"
        )));
    }
    Ok(out)
}

/// UTF-8 (BOM stripped), UTF-16 with BOM, else Windows-1252.
fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks_exact(2).map(|c| match c {
            [a, b] if le => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0xfffd,
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{fffd}'))
            .collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|b| windows_1252(*b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH
            .get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{fffd}'),
        _ => char::from(b),
    }
}

// ---------------------------------------------------------------------------------------
// Operation `procurements.read`

/// Request of operation `procurements.read`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReadRequest {
    /// The text of an export CSV, an eForms notice or an OCDS JSON document.
    pub content: String,
    /// Buyer numbers of records without a publication date are checked as of this date;
    /// defaults to today.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    #[serde(default)]
    pub lang: Lang,
}

fn run_read(ctx: &Context<'_>, req: ReadRequest) -> Result<ReadResult, Error> {
    read_text(
        &req.content,
        &ReadOptions {
            lang: req.lang,
            as_of: req.as_of.unwrap_or(ctx.today),
        },
    )
}

pub(crate) const READ_OPERATION: Operation = crate::operation!(fallible "procurements.read", run_read);

pub(crate) use indicators::OPERATION as RESERVED_INDICATORS_OPERATION;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_zones_and_times() {
        let d = NaiveDate::from_ymd_opt(2019, 5, 10).unwrap();
        for t in [
            "2019-05-10",
            "2019-05-10+01:00",
            "2019-05-10Z",
            "2019-05-10T08:00:00Z",
            "2019-05-10 00:00:00",
        ] {
            assert_eq!(parse_date_prefix(t), Some(d), "{t}");
        }
        for t in ["2019-05-1", "2019-13-10", "10/05/2019", "2019-05-10x", ""] {
            assert_eq!(parse_date_prefix(t), None, "{t}");
        }
    }

    #[test]
    fn decodes_bom_utf16_and_windows_1252() {
        assert_eq!(decode_text(b"\xef\xbb\xbfK\xc3\xb6p"), "Köp");
        assert_eq!(decode_text(b"\xff\xfeK\x00\xf6\x00p\x00"), "Köp");
        assert_eq!(decode_text(b"\xfe\xff\x00K\x00\xf6\x00p"), "Köp");
        assert_eq!(decode_text(b"K\xf6p \x80"), "Köp €");
    }

    #[test]
    fn refuses_empty_and_junk_gzip() {
        let o = ReadOptions {
            lang: Lang::En,
            as_of: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        };
        assert_eq!(read_with(b"   ", &o).unwrap_err().code, "invalid_value");
        assert_eq!(
            read_with(&[0x1f, 0x8b, 1, 2, 3], &o).unwrap_err().path,
            "/content"
        );
    }

    #[test]
    fn codes_round_trip_between_eforms_and_ocds() {
        for c in [
            ReservedParticipation::ShelteredWorkshop,
            ReservedParticipation::PublicServiceMission,
        ] {
            assert_eq!(
                ReservedParticipation::from_ocds(c.ocds_code().unwrap()),
                Some(c)
            );
            assert_eq!(ReservedParticipation::from_eforms(c.code()), Some(c));
        }
        assert_eq!(ReservedParticipation::None.ocds_code(), None);
    }
}
