//! Supplier ledgers (leverantörsreskontra): import of the national *Specifikation för
//! leverantörsreskontra* 1.1 files and of JSON rows, into a compact columnar [`Ledger`].
//!
//! Real files differ (DOMAIN.md §6): `;`, `,` or tab separated, comma or dot decimals,
//! UTF-8 or UTF-16, LF, CRLF or bare CR line ends, negative amounts (credit notes), a
//! `leverantor_id` that is an internal number. The reader detects all of these and
//! accounts for every row it reads: each is accepted, or rejected with a code and its line
//! number, and the [`Reconciliation`] adds up. See `docs/ledger-import.md`.
//!
//! Memory is bounded by the columns kept: per row an amount in öre (`i64`, exact), a day
//! number (`i32`) and three `u32` indices into interned supplier, committee and account
//! tables; 24 bytes a row whatever the width of the file.
//!
//! ```
//! let csv = "leverantor_id;leverantor;forvaltning;konto_nr;bokforingsdatum;nettobelopp\r\
//!            556016-0680;Ett AB;Kultur;7599;2025-03-01;1 234,50\r\
//!            556016-0680;Ett AB;Kultur;7599;2025-03-02;-234,50\r";
//! let ledger = asf_core::ledger::read(csv.as_bytes()).unwrap();
//! assert_eq!(ledger.len(), 2);
//! assert_eq!(ledger.reconciliation().amount_accepted.to_string(), "1000.00");
//! ```

pub mod columns;
pub mod decode;

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::params;
use crate::problem::{CodeDef, Lang, Problem};
pub use columns::Column;
use decode::Encoding;

pub const EMPTY_ROW: CodeDef = CodeDef {
    code: "ledger_empty_row",
    en: "Row {line} is empty.",
    sv: "Rad {line} är tom.",
};
pub const FIELD_COUNT: CodeDef = CodeDef {
    code: "ledger_field_count",
    en: "Row {line} has {found} fields; the header has {expected}.",
    sv: "Rad {line} har {found} fält; rubrikraden har {expected}.",
};
pub const INVALID_TEXT: CodeDef = CodeDef {
    code: "ledger_invalid_text",
    en: "Row {line} holds bytes that are not valid text in the file's encoding.",
    sv: "Rad {line} innehåller byte som inte är giltig text i filens teckenkodning.",
};
pub const MISSING_VALUE: CodeDef = CodeDef {
    code: "ledger_missing_value",
    en: "Row {line} has no value in {column}.",
    sv: "Rad {line} saknar värde i {column}.",
};
pub const INVALID_AMOUNT: CodeDef = CodeDef {
    code: "ledger_invalid_amount",
    en: "Row {line}: '{value}' in {column} is not an amount.",
    sv: "Rad {line}: '{value}' i {column} är inte ett belopp.",
};
pub const AMOUNT_SUB_ORE: CodeDef = CodeDef {
    code: "ledger_amount_sub_ore",
    en: "Row {line}: the amount '{value}' in {column} has fractions of an öre.",
    sv: "Rad {line}: beloppet '{value}' i {column} har delar av ett öre.",
};
pub const AMOUNT_OUT_OF_RANGE: CodeDef = CodeDef {
    code: "ledger_amount_out_of_range",
    en: "Row {line}: the amount '{value}' in {column} is larger than 10 000 000 000 000 SEK in absolute value.",
    sv: "Rad {line}: beloppet '{value}' i {column} är större än 10 000 000 000 000 kr i absolut belopp.",
};
pub const INVALID_DATE: CodeDef = CodeDef {
    code: "ledger_invalid_date",
    en: "Row {line}: '{value}' in {column} is not a date (YYYY-MM-DD).",
    sv: "Rad {line}: '{value}' i {column} är inget datum (ÅÅÅÅ-MM-DD).",
};
pub const DATE_OUT_OF_RANGE: CodeDef = CodeDef {
    code: "ledger_date_out_of_range",
    en: "Row {line}: the date {value} in {column} is outside the years 1900 to 2199.",
    sv: "Rad {line}: datumet {value} i {column} ligger utanför åren 1900 till 2199.",
};
pub const SUPPLIER_ID_NOT_ORGNR: CodeDef = CodeDef {
    code: "ledger_supplier_id_not_orgnr",
    en: "The supplier id '{value}' (first on row {line}) is not a valid organisation or personal number; its rows are kept and matched to the register by the same id.",
    sv: "Leverantörs-id '{value}' (först på rad {line}) är inget giltigt organisations- eller personnummer; raderna behålls och matchas mot registret med samma id.",
};

pub const CODES: &[&CodeDef] = &[
    &EMPTY_ROW,
    &FIELD_COUNT,
    &INVALID_TEXT,
    &MISSING_VALUE,
    &INVALID_AMOUNT,
    &AMOUNT_SUB_ORE,
    &AMOUNT_OUT_OF_RANGE,
    &INVALID_DATE,
    &DATE_OUT_OF_RANGE,
    &SUPPLIER_ID_NOT_ORGNR,
];

/// Largest absolute amount accepted, in öre (10 000 000 000 000 SEK).
pub const MAX_ABS_ORE: i64 = 1_000_000_000_000_000;
/// Rejections kept with their details; further rejections are only counted.
pub const MAX_REJECTIONS_KEPT: usize = 100_000;

/// A file could not be read as a ledger at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("could not read the ledger: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not read the ledger as CSV: {0}")]
    Csv(String),
    #[error("the ledger has no header row")]
    NoHeader,
    #[error("the ledger lacks the required column(s) {missing:?}; found {found:?}")]
    MissingColumns {
        missing: Vec<&'static str>,
        found: Vec<String>,
    },
    #[error("the JSON ledger must be an array of row objects or an object with a `results` array")]
    JsonShape,
    #[error("could not read the ledger as JSON: {0}")]
    Json(String),
}

/// One rejected row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The line of a CSV file (the header is line 1; a record is counted as one line, so
    /// this is the physical line unless a quoted field holds a line break), or the 0-based
    /// index of a JSON row.
    pub line: u64,
    pub code: &'static CodeDef,
    /// The field name as written in the file ("" for whole-row problems).
    pub field: String,
    /// The offending value (at most 100 characters).
    pub value: String,
}

impl Rejection {
    /// The rejection as a problem with `path` as its JSON Pointer.
    pub fn problem(&self, path: &str, lang: Lang) -> Problem {
        Problem::with_params(
            self.code,
            path,
            lang,
            params![
                ("line", self.line),
                ("column", self.field.as_str()),
                ("value", self.value.as_str())
            ],
        )
    }
}

/// Every row read is accepted or rejected; the amounts of rejected rows whose amount could
/// be read are summed apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reconciliation {
    pub rows_read: u64,
    pub rows_accepted: u64,
    pub rows_rejected: u64,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub amount_accepted: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub amount_rejected_parsable: Decimal,
    /// Rejected rows whose amount could not be read at all.
    pub rows_rejected_unparsable_amount: u64,
}

impl Reconciliation {
    /// `rows_read = rows_accepted + rows_rejected`.
    pub fn adds_up(&self) -> bool {
        self.rows_accepted.checked_add(self.rows_rejected) == Some(self.rows_read)
    }
}

/// A supplier as first seen in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplier {
    /// The id used to match a register: the ten digits of a valid organisation or
    /// personal number, otherwise the trimmed id as written.
    pub key: String,
    /// The id as first written.
    pub raw_id: String,
    /// The name on the first row.
    pub name: String,
    /// Whether the id is a valid organisation, personal or coordination number.
    pub id_valid: bool,
    /// The line (or JSON index) where the supplier first occurs.
    pub first_line: u64,
}

/// Strings interned to dense `u32` indices.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Interner {
    /// The index of `s`, adding it if new (`None` past `u32::MAX` names).
    pub fn intern(&mut self, s: &str) -> Option<u32> {
        if let Some(&i) = self.index.get(s) {
            return Some(i);
        }
        let i = u32::try_from(self.names.len()).ok()?;
        self.names.push(s.to_owned());
        self.index.insert(s.to_owned(), i);
        Some(i)
    }
    pub fn get(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }
    pub fn name(&self, i: u32) -> &str {
        self.names
            .get(i as usize)
            .map(String::as_str)
            .unwrap_or_default()
    }
    pub fn len(&self) -> usize {
        self.names.len()
    }
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Day number of a date: days since 1970-01-01.
pub fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - 719_163
}

/// The date of a day number.
pub fn date_of_day(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day.checked_add(719_163)?)
}

/// A columnar, compact ledger of accepted rows.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    amount_ore: Vec<i64>,
    day: Vec<i32>,
    supplier: Vec<u32>,
    forvaltning: Vec<u32>,
    konto: Vec<u32>,
    suppliers: Vec<Supplier>,
    supplier_keys: Interner,
    forvaltningar: Interner,
    konton: Interner,
    rejections: Vec<Rejection>,
    accepted_ore: i128,
    rejected_parsable: Decimal,
    reconciliation: Reconciliation,
}

/// The fields of one row, as text.
#[derive(Debug, Clone, Default)]
pub struct RowFields<'a> {
    pub supplier_id: Option<(Cow<'a, str>, Cow<'a, str>)>,
    pub supplier_name: Option<Cow<'a, str>>,
    pub forvaltning: Option<Cow<'a, str>>,
    pub konto_nr: Option<Cow<'a, str>>,
    pub booking_date: Option<(Cow<'a, str>, Cow<'a, str>)>,
    pub amount: Option<(Cow<'a, str>, Cow<'a, str>)>,
}

/// An amount as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    Ore(i64),
    /// Readable, but with fractions of an öre.
    SubOre(Decimal),
    /// Readable, but too large.
    OutOfRange(Decimal),
    Invalid,
}

/// Reads an amount: optional sign (`-`, `+` or `−`), digits with optional spaces as
/// thousands separators, and at most one decimal mark, `,` or `.` (decided per value: a
/// value holding both is refused). `"1 234,50"`, `"-1302,03"` and `"136.98"` are read.
pub fn parse_amount(text: &str) -> Amount {
    let t = text.trim();
    let (negative, body) = match t.chars().next() {
        Some('-') | Some('−') | Some('+') => {
            let first = t.chars().next().map(char::len_utf8).unwrap_or(1);
            (!t.starts_with('+'), t.get(first..).unwrap_or_default())
        }
        _ => (false, t),
    };
    let cleaned: String = body
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let commas = cleaned.matches(',').count();
    let dots = cleaned.matches('.').count();
    if commas + dots > 1 {
        return Amount::Invalid;
    }
    let (int, frac) = cleaned
        .split_once([',', '.'])
        .unwrap_or((cleaned.as_str(), ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (commas + dots == 1 && frac.is_empty()) {
        return Amount::Invalid;
    }
    let Ok(mut exact) = Decimal::from_str_exact(&format!(
        "{int}.{}",
        if frac.is_empty() { "0" } else { frac }
    )) else {
        return Amount::Invalid;
    };
    if negative {
        exact.set_sign_negative(true);
    }
    let ore = exact
        .checked_mul(Decimal::ONE_HUNDRED)
        .unwrap_or(Decimal::MAX);
    if ore.fract() != Decimal::ZERO {
        return Amount::SubOre(exact);
    }
    match i64::try_from(ore) {
        Ok(v) if v.checked_abs().is_some_and(|a| a <= MAX_ABS_ORE) => Amount::Ore(v),
        _ => Amount::OutOfRange(exact),
    }
}

/// Reads a booking date: `YYYY-MM-DD` (optionally followed by a time after `T` or a
/// space) or `YYYYMMDD`. `None` if not a date; the range check is separate.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let date_part = match t.get(10..11) {
        Some("T") | Some(" ") => t.get(..10)?,
        _ => t,
    };
    if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(date_part, "%Y%m%d").ok();
    }
    if date_part.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()
}

/// The key a supplier id is matched by, and whether it is a valid organisation, personal
/// or coordination number: the ten digits if valid (so `556016-0680`, `5560160680` and
/// `165560160680` match), otherwise the id trimmed.
pub fn supplier_key(raw: &str, as_of: NaiveDate) -> (String, bool) {
    match crate::orgnr::parse(raw, as_of) {
        Ok(nr) => (nr.digits, true),
        Err(_) => (raw.trim().to_owned(), false),
    }
}

fn clip(s: &str) -> String {
    s.chars().take(100).collect()
}

/// Options for reading a ledger.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The as-of date for checking personal numbers (a birth date after it is invalid).
    pub as_of: NaiveDate,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            as_of: NaiveDate::from_ymd_opt(2199, 12, 31).unwrap_or_default(),
        }
    }
}

impl Ledger {
    pub fn new() -> Self {
        Ledger::default()
    }

    /// Accepted rows.
    pub fn len(&self) -> usize {
        self.amount_ore.len()
    }
    pub fn is_empty(&self) -> bool {
        self.amount_ore.is_empty()
    }
    /// Amounts in öre, one per accepted row.
    pub fn amounts_ore(&self) -> &[i64] {
        &self.amount_ore
    }
    /// Booking dates as day numbers ([`day_number`]).
    pub fn days(&self) -> &[i32] {
        &self.day
    }
    /// Supplier indices into [`Ledger::suppliers`].
    pub fn supplier_indices(&self) -> &[u32] {
        &self.supplier
    }
    pub fn forvaltning_indices(&self) -> &[u32] {
        &self.forvaltning
    }
    pub fn konto_indices(&self) -> &[u32] {
        &self.konto
    }
    pub fn suppliers(&self) -> &[Supplier] {
        &self.suppliers
    }
    /// The supplier index of a register id, matched by [`supplier_key`].
    pub fn supplier_index(&self, key: &str) -> Option<u32> {
        self.supplier_keys.get(key)
    }
    pub fn forvaltningar(&self) -> &Interner {
        &self.forvaltningar
    }
    pub fn konton(&self) -> &Interner {
        &self.konton
    }
    /// Rejected rows (the first [`MAX_REJECTIONS_KEPT`]).
    pub fn rejections(&self) -> &[Rejection] {
        &self.rejections
    }
    pub fn reconciliation(&self) -> Reconciliation {
        let mut r = self.reconciliation.clone();
        r.amount_accepted =
            Decimal::try_from_i128_with_scale(self.accepted_ore, 2).unwrap_or(Decimal::MAX);
        r.amount_rejected_parsable = self.rejected_parsable;
        if r.amount_rejected_parsable.scale() < 2 {
            r.amount_rejected_parsable.rescale(2);
        }
        r
    }

    /// Appends an accepted row without checks (for generators and benchmarks). Names are
    /// interned; a supplier id is keyed as [`supplier_key`] would with `as_of`.
    pub fn push_parsed(
        &mut self,
        supplier_id: &str,
        forvaltning: &str,
        konto: &str,
        day: i32,
        amount_ore: i64,
        as_of: NaiveDate,
    ) {
        let Some(s) = self.supplier_index_for(supplier_id, "", 0, as_of) else {
            return;
        };
        let (Some(f), Some(k)) = (
            self.forvaltningar.intern(forvaltning),
            self.konton.intern(konto),
        ) else {
            return;
        };
        self.push_row(s, f, k, day, amount_ore);
    }

    /// Appends an accepted row of already-interned indices (for benchmarks).
    pub fn push_indices(
        &mut self,
        supplier: u32,
        forvaltning: u32,
        konto: u32,
        day: i32,
        amount_ore: i64,
    ) {
        self.push_row(supplier, forvaltning, konto, day, amount_ore);
    }

    /// Interns a supplier, forvaltning and account, returning their indices.
    pub fn intern(
        &mut self,
        supplier_id: &str,
        forvaltning: &str,
        konto: &str,
        as_of: NaiveDate,
    ) -> Option<(u32, u32, u32)> {
        Some((
            self.supplier_index_for(supplier_id, "", 0, as_of)?,
            self.forvaltningar.intern(forvaltning)?,
            self.konton.intern(konto)?,
        ))
    }

    /// Interns a supplier as the first accepted row naming it does (keyed by
    /// [`supplier_key`], with that row's name and line): for importers of typed columns
    /// that check each row themselves and append it with [`Ledger::push_indices`].
    pub fn intern_supplier(
        &mut self,
        raw_id: &str,
        name: &str,
        line: u64,
        as_of: NaiveDate,
    ) -> Option<u32> {
        self.supplier_index_for(raw_id, name, line, as_of)
    }

    /// Interns a forvaltning and an account as a checked row does (trimmed).
    pub fn intern_names(&mut self, forvaltning: &str, konto: &str) -> Option<(u32, u32)> {
        Some((
            self.forvaltningar.intern(forvaltning.trim())?,
            self.konton.intern(konto.trim())?,
        ))
    }

    fn push_row(&mut self, s: u32, f: u32, k: u32, day: i32, amount_ore: i64) {
        self.amount_ore.push(amount_ore);
        self.day.push(day);
        self.supplier.push(s);
        self.forvaltning.push(f);
        self.konto.push(k);
        self.accepted_ore += i128::from(amount_ore);
        self.reconciliation.rows_read += 1;
        self.reconciliation.rows_accepted += 1;
    }

    fn supplier_index_for(
        &mut self,
        raw: &str,
        name: &str,
        line: u64,
        as_of: NaiveDate,
    ) -> Option<u32> {
        let trimmed = raw.trim();
        if let Some(i) = self.supplier_keys.get(trimmed) {
            return Some(i);
        }
        let (key, id_valid) = supplier_key(trimmed, as_of);
        if let Some(i) = self.supplier_keys.get(&key) {
            return Some(i);
        }
        let i = self.supplier_keys.intern(&key)?;
        self.suppliers.push(Supplier {
            key,
            raw_id: trimmed.to_owned(),
            name: name.trim().to_owned(),
            id_valid,
            first_line: line,
        });
        Some(i)
    }

    fn reject(
        &mut self,
        line: u64,
        code: &'static CodeDef,
        field: &str,
        value: &str,
        amount: Option<Amount>,
    ) {
        self.reconciliation.rows_read += 1;
        self.reconciliation.rows_rejected += 1;
        match amount {
            Some(Amount::Ore(v)) => self.add_rejected(Decimal::new(v, 2)),
            Some(Amount::SubOre(d)) | Some(Amount::OutOfRange(d)) => self.add_rejected(d),
            _ => self.reconciliation.rows_rejected_unparsable_amount += 1,
        }
        if self.rejections.len() < MAX_REJECTIONS_KEPT {
            self.rejections.push(Rejection {
                line,
                code,
                field: field.to_owned(),
                value: clip(value),
            });
        }
    }

    fn add_rejected(&mut self, d: Decimal) {
        self.rejected_parsable = self
            .rejected_parsable
            .checked_add(d)
            .unwrap_or(Decimal::MAX);
    }

    /// Checks one row and accepts or rejects it. `line` is its line or index.
    pub fn push_fields(&mut self, line: u64, row: &RowFields<'_>, as_of: NaiveDate) {
        type Pair<'b> = Option<(Cow<'b, str>, Cow<'b, str>)>;
        fn nonempty<'b>(f: &Pair<'b>) -> Pair<'b> {
            f.as_ref().filter(|(_, v)| !v.trim().is_empty()).cloned()
        }
        let amount = nonempty(&row.amount);
        let parsed_amount = amount.as_ref().map(|(_, v)| parse_amount(v));
        let all_empty = [&row.supplier_id, &row.booking_date, &row.amount]
            .iter()
            .all(|f| nonempty(f).is_none())
            && [&row.supplier_name, &row.forvaltning, &row.konto_nr]
                .iter()
                .all(|f| f.as_ref().is_none_or(|v| v.trim().is_empty()));
        if all_empty {
            return self.reject(line, &EMPTY_ROW, "", "", None);
        }
        let Some((id_field, id)) = nonempty(&row.supplier_id) else {
            let field = row
                .supplier_id
                .as_ref()
                .map(|(f, _)| f.to_string())
                .unwrap_or_else(|| Column::SupplierId.national_name().to_owned());
            return self.reject(line, &MISSING_VALUE, &field, "", parsed_amount);
        };
        let _ = id_field;
        let Some((date_field, date_text)) = nonempty(&row.booking_date) else {
            let field = row
                .booking_date
                .as_ref()
                .map(|(f, _)| f.to_string())
                .unwrap_or_else(|| Column::BookingDate.national_name().to_owned());
            return self.reject(line, &MISSING_VALUE, &field, "", parsed_amount);
        };
        let Some((amount_field, amount_text)) = amount else {
            let field = row
                .amount
                .as_ref()
                .map(|(f, _)| f.to_string())
                .unwrap_or_else(|| Column::Amount.national_name().to_owned());
            return self.reject(line, &MISSING_VALUE, &field, "", None);
        };
        let ore = match parsed_amount {
            Some(Amount::Ore(v)) => v,
            Some(Amount::SubOre(_)) => {
                return self.reject(
                    line,
                    &AMOUNT_SUB_ORE,
                    &amount_field,
                    &amount_text,
                    parsed_amount,
                )
            }
            Some(Amount::OutOfRange(_)) => {
                return self.reject(
                    line,
                    &AMOUNT_OUT_OF_RANGE,
                    &amount_field,
                    &amount_text,
                    parsed_amount,
                )
            }
            _ => return self.reject(line, &INVALID_AMOUNT, &amount_field, &amount_text, None),
        };
        let Some(date) = parse_date(&date_text) else {
            return self.reject(line, &INVALID_DATE, &date_field, &date_text, parsed_amount);
        };
        if !(1900..=2199).contains(&date.year()) {
            return self.reject(
                line,
                &DATE_OUT_OF_RANGE,
                &date_field,
                &date_text,
                parsed_amount,
            );
        }
        let name = row.supplier_name.as_deref().unwrap_or_default();
        let s = self.supplier_index_for(&id, name, line, as_of);
        let f = self
            .forvaltningar
            .intern(row.forvaltning.as_deref().unwrap_or_default().trim());
        let k = self
            .konton
            .intern(row.konto_nr.as_deref().unwrap_or_default().trim());
        match (s, f, k) {
            (Some(s), Some(f), Some(k)) => self.push_row(s, f, k, day_number(date), ore),
            _ => self.reject(line, &INVALID_TEXT, "", "", parsed_amount),
        }
    }

    /// Problems flagging suppliers whose id is not a valid organisation or personal number
    /// (`path_of(first_line)` gives each problem's path).
    pub fn supplier_flags(&self, lang: Lang, path_of: impl Fn(u64) -> String) -> Vec<Problem> {
        self.suppliers
            .iter()
            .filter(|s| !s.id_valid)
            .map(|s| {
                Problem::with_params(
                    &SUPPLIER_ID_NOT_ORGNR,
                    path_of(s.first_line),
                    lang,
                    params![("value", s.raw_id.as_str()), ("line", s.first_line)],
                )
            })
            .collect()
    }
}

/// Reads a ledger CSV file (see the module docs) with default [`Options`].
pub fn read<R: Read>(reader: R) -> Result<Ledger, Error> {
    read_with(reader, &Options::default())
}

/// Reads a ledger CSV file, streaming: detection looks at the first 64 KiB only.
pub fn read_with<R: Read>(mut reader: R, options: &Options) -> Result<Ledger, Error> {
    let head = decode::read_prefix(&mut reader, decode::PEEK)?;
    let (encoding, bom) = decode::detect_encoding(&head);
    let raw = std::io::Cursor::new(head.get(bom..).unwrap_or_default().to_vec()).chain(reader);
    let mut text: Box<dyn Read> = match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => Box::new(raw),
        Encoding::Utf16Le => Box::new(decode::Utf16Reader::new(raw, false)),
        Encoding::Utf16Be => Box::new(decode::Utf16Reader::new(raw, true)),
    };
    let text_head = decode::read_prefix(&mut text, decode::PEEK)?;
    let delimiter = decode::detect_delimiter(&text_head);
    let source = std::io::Cursor::new(text_head).chain(text);
    read_csv_text(source, delimiter, options)
}

fn read_csv_text<R: Read>(source: R, delimiter: u8, options: &Options) -> Result<Ledger, Error> {
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(source);
    let mut record = csv::ByteRecord::new();
    if !csv
        .read_byte_record(&mut record)
        .map_err(|e| Error::Csv(e.to_string()))?
    {
        return Err(Error::NoHeader);
    }
    let headers: Vec<String> = record
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_owned()
        })
        .collect();
    let mut positions: Vec<(Column, usize)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(c) = columns::column_of(h) {
            if !positions.iter().any(|(pc, _)| *pc == c) {
                positions.push((c, i));
            }
        }
    }
    let missing: Vec<&'static str> = Column::ALL
        .iter()
        .filter(|c| c.is_required() && !positions.iter().any(|(pc, _)| pc == *c))
        .map(|c| c.national_name())
        .collect();
    if !missing.is_empty() {
        return Err(Error::MissingColumns {
            missing,
            found: headers,
        });
    }
    let pos = |c: Column| positions.iter().find(|(pc, _)| *pc == c).map(|(_, i)| *i);
    let name_of = |c: Column| {
        pos(c)
            .and_then(|i| headers.get(i))
            .map(String::as_str)
            .unwrap_or_default()
    };
    let width = headers.len();
    let mut ledger = Ledger::new();
    let mut line: u64 = 1;
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(Error::Csv(e.to_string())),
        }
        line += 1;
        if record.len() != width {
            let extra_empty = record.len() > width
                && record
                    .iter()
                    .skip(width)
                    .all(|f| f.iter().all(u8::is_ascii_whitespace));
            let single_empty = record.len() == 1
                && record
                    .get(0)
                    .is_some_and(|f| f.iter().all(u8::is_ascii_whitespace));
            if single_empty {
                ledger.reject(line, &EMPTY_ROW, "", "", None);
                continue;
            }
            if !extra_empty {
                let amount = pos(Column::Amount)
                    .and_then(|i| record.get(i))
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .map(parse_amount);
                let (found, expected) = (record.len(), width);
                ledger.reject(line, &FIELD_COUNT, "", "", amount);
                if let Some(last) = ledger.rejections.last_mut().filter(|r| r.line == line) {
                    last.value = format!("{found}/{expected}");
                }
                continue;
            }
        }
        let field = |c: Column| -> Result<Option<&str>, ()> {
            match pos(c).and_then(|i| record.get(i)) {
                Some(b) => std::str::from_utf8(b).map(Some).map_err(|_| ()),
                None => Ok(None),
            }
        };
        let get =
            |c: Column| field(c).map(|v| v.map(|v| (Cow::Borrowed(name_of(c)), Cow::Borrowed(v))));
        let (
            Ok(supplier_id),
            Ok(booking_date),
            Ok(amount),
            Ok(supplier_name),
            Ok(forvaltning),
            Ok(konto_nr),
        ) = (
            get(Column::SupplierId),
            get(Column::BookingDate),
            get(Column::Amount),
            field(Column::SupplierName),
            field(Column::Forvaltning),
            field(Column::KontoNr),
        )
        else {
            let amount = field(Column::Amount).ok().flatten().map(parse_amount);
            ledger.reject(line, &INVALID_TEXT, "", "", amount);
            continue;
        };
        let row = RowFields {
            supplier_id,
            supplier_name: supplier_name.map(Cow::Borrowed),
            forvaltning: forvaltning.map(Cow::Borrowed),
            konto_nr: konto_nr.map(Cow::Borrowed),
            booking_date,
            amount,
        };
        ledger.push_fields(line, &row, options.as_of);
    }
    Ok(ledger)
}

fn json_text(v: &Value) -> Option<Cow<'_, str>> {
    match v {
        Value::String(s) => Some(Cow::Borrowed(s.as_str())),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Null => None,
        other => Some(Cow::Owned(other.to_string())),
    }
}

/// Adds JSON rows (objects keyed by national column names or their aliases); a row's
/// "line" is its 0-based index. Values may be strings or numbers; a number is read from
/// its literal text.
pub fn push_json_rows<'a>(
    ledger: &mut Ledger,
    rows: impl IntoIterator<Item = &'a Map<String, Value>>,
    options: &Options,
) {
    for (index, obj) in rows.into_iter().enumerate() {
        push_json_row(ledger, index as u64, obj, options);
    }
}

fn push_json_row(ledger: &mut Ledger, line: u64, obj: &Map<String, Value>, options: &Options) {
    let mut fields = RowFields::default();
    for (key, value) in obj {
        let Some(column) = columns::column_of(key) else {
            continue;
        };
        let Some(text) = json_text(value) else {
            continue;
        };
        let pair = Some((Cow::Borrowed(key.as_str()), text.clone()));
        match column {
            Column::SupplierId if fields.supplier_id.is_none() => fields.supplier_id = pair,
            Column::BookingDate if fields.booking_date.is_none() => fields.booking_date = pair,
            Column::Amount if fields.amount.is_none() => fields.amount = pair,
            Column::SupplierName if fields.supplier_name.is_none() => {
                fields.supplier_name = Some(text)
            }
            Column::Forvaltning if fields.forvaltning.is_none() => fields.forvaltning = Some(text),
            Column::KontoNr if fields.konto_nr.is_none() => fields.konto_nr = Some(text),
            _ => {}
        }
    }
    ledger.push_fields(line, &fields, options.as_of);
}

/// Reads JSON ledger rows: an array of row objects, or an object whose `results` array
/// holds them (the shape of open-data row stores such as Västerås's). The document is
/// parsed whole; for very large ledgers use CSV.
pub fn read_json<R: Read>(reader: R, options: &Options) -> Result<Ledger, Error> {
    let value: Value = serde_json::from_reader(reader).map_err(|e| Error::Json(e.to_string()))?;
    let rows = match &value {
        Value::Array(rows) => rows,
        Value::Object(o) => o
            .get("results")
            .and_then(Value::as_array)
            .ok_or(Error::JsonShape)?,
        _ => return Err(Error::JsonShape),
    };
    let mut ledger = Ledger::new();
    for (index, row) in rows.iter().enumerate() {
        match row.as_object() {
            Some(obj) => push_json_row(&mut ledger, index as u64, obj, options),
            None => ledger.reject(index as u64, &EMPTY_ROW, "", "", None),
        }
    }
    Ok(ledger)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("-1302,03"), Amount::Ore(-130203));
        assert_eq!(parse_amount("136.98"), Amount::Ore(13698));
        assert_eq!(parse_amount("1 234,5"), Amount::Ore(123450));
        assert_eq!(parse_amount("−5"), Amount::Ore(-500));
        assert_eq!(parse_amount("+5.000"), Amount::Ore(500));
        assert_eq!(parse_amount("1,234"), Amount::SubOre(Decimal::new(1234, 3)));
        assert_eq!(parse_amount("1.234,56"), Amount::Invalid);
        assert_eq!(parse_amount("1e5"), Amount::Invalid);
        assert_eq!(parse_amount("5,"), Amount::Invalid);
        assert_eq!(parse_amount(""), Amount::Invalid);
        assert_eq!(parse_amount("10000000000000"), Amount::Ore(MAX_ABS_ORE));
        assert!(matches!(
            parse_amount("10000000000000.01"),
            Amount::OutOfRange(_)
        ));
        assert!(matches!(
            parse_amount("99999999999999999999999999999"),
            Amount::OutOfRange(_) | Amount::Invalid
        ));
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2026-01-07"),
            NaiveDate::from_ymd_opt(2026, 1, 7)
        );
        assert_eq!(parse_date("20260107"), NaiveDate::from_ymd_opt(2026, 1, 7));
        assert_eq!(
            parse_date("2026-01-07T00:00:00"),
            NaiveDate::from_ymd_opt(2026, 1, 7)
        );
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(day_number(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()), 1);
        assert_eq!(date_of_day(1), NaiveDate::from_ymd_opt(1970, 1, 2));
    }

    fn sum_ore(l: &Ledger) -> i64 {
        l.amounts_ore().iter().sum()
    }

    #[test]
    fn every_row_accounted_for() {
        let csv = "leverantor_id,nettobelopp,bokforingsdatum,forvaltning\n\
                   5560160680,\"1,50\",2025-01-01,A\n\
                   5560160680,x,2025-01-01,A\n\
                   5560160680,2.00,2025-13-01,A\n\
                   ,3.00,2025-01-01,A\n\
                   5560160680,4.001,2025-01-01,A\n\
                   1,2\n\
                   ,,,\n\
                   12345,-7,2025-01-02,B\n";
        let l = read(csv.as_bytes()).unwrap();
        let r = l.reconciliation();
        assert_eq!((r.rows_read, r.rows_accepted, r.rows_rejected), (8, 2, 6));
        assert!(r.adds_up());
        assert_eq!(r.amount_accepted, Decimal::new(-550, 2));
        assert_eq!(sum_ore(&l), -550);
        // 2.00 + 3.00 + 4.001 + the short row's 2 are readable; 'x' is not.
        assert_eq!(r.amount_rejected_parsable, Decimal::new(11001, 3));
        assert_eq!(r.rows_rejected_unparsable_amount, 2);
        let got: Vec<_> = l
            .rejections()
            .iter()
            .map(|r| (r.line, r.code.code))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, "ledger_invalid_amount"),
                (4, "ledger_invalid_date"),
                (5, "ledger_missing_value"),
                (6, "ledger_amount_sub_ore"),
                (7, "ledger_field_count"),
                (8, "ledger_empty_row"),
            ]
        );
        let flags = l.supplier_flags(Lang::En, |line| format!("/line/{line}"));
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].path, "/line/9");
    }

    #[test]
    fn utf16_tab_separated_with_bom() {
        let text = "\u{feff}Leverantörsnummer\tBelopp\tDatum\tFörvaltning\r\n5560160680\t1 000,25\t2025-01-01\tSkola\r\n";
        for be in [false, true] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
                .collect();
            let l = read(bytes.as_slice()).unwrap();
            assert_eq!(l.len(), 1);
            assert_eq!(l.amounts_ore(), &[100025]);
            assert_eq!(l.forvaltningar().name(0), "Skola");
        }
    }

    #[test]
    fn missing_columns_is_an_error() {
        let e = read("a;b\n1;2\n".as_bytes()).unwrap_err();
        assert!(matches!(e, Error::MissingColumns { .. }));
    }
}
