//! Swedish organisation numbers, and the personal and coordination numbers sole traders
//! use in their place.
//!
//! An organisation number has ten digits `NNNNNN-NNNN` with a Luhn check digit; its third
//! digit is at least 2 and its first digit gives the group of legal forms (Skatteverket,
//! SKV 709). A personal number is a birth date `YYMMDD` plus four digits; a coordination
//! number adds 60 to the day. The separator is `+` from the calendar year a person turns
//! 100 (folkbokföringslagen (1991:481) 18 §): asf decides it by year, as the law does.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Map;

use crate::engine::{Context, Operation};
use crate::params;
use crate::problem::{CodeDef, Lang, Problem};

/// What kind of number an identifier is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    OrganisationNumber,
    PersonalNumber,
    CoordinationNumber,
}

/// The group of legal forms an organisation number's first digit assigns (SKV 709).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LegalFormGroup {
    /// 1: estates of deceased persons (dödsbon).
    Estate,
    /// 2: the State, regions, municipalities and parishes.
    PublicSector,
    /// 3: foreign companies trading or owning property in Sweden.
    ForeignCompany,
    /// 5: limited companies (aktiebolag).
    LimitedCompany,
    /// 6: simple partnerships (enkla bolag).
    SimplePartnership,
    /// 7: economic associations, including cooperatives and housing cooperatives.
    EconomicAssociation,
    /// 8: non-profit associations and foundations.
    NonProfitOrFoundation,
    /// 9: trading and limited partnerships (handelsbolag, kommanditbolag).
    Partnership,
    /// A personal or coordination number: a sole trader (enskild näringsidkare).
    SoleTrader,
    /// A first digit with no assigned group (0 or 4).
    Unknown,
}

impl LegalFormGroup {
    fn from_first_digit(d: u8) -> Self {
        match d {
            1 => LegalFormGroup::Estate,
            2 => LegalFormGroup::PublicSector,
            3 => LegalFormGroup::ForeignCompany,
            5 => LegalFormGroup::LimitedCompany,
            6 => LegalFormGroup::SimplePartnership,
            7 => LegalFormGroup::EconomicAssociation,
            8 => LegalFormGroup::NonProfitOrFoundation,
            9 => LegalFormGroup::Partnership,
            _ => LegalFormGroup::Unknown,
        }
    }
}

/// A valid identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgNr {
    pub kind: IdKind,
    /// The ten digits, without century or separator.
    pub digits: String,
    /// The birth date, for personal and coordination numbers.
    pub birth_date: Option<NaiveDate>,
    pub legal_form_group: LegalFormGroup,
    /// `NNNNNN-NNNN`, or `NNNNNN+NNNN` for a person who turns 100 or more in the as-of year.
    pub formatted: String,
}

impl OrgNr {
    /// The Swedish VAT registration number: `SE`, the ten digits and `01`.
    pub fn vat_number(&self) -> String {
        format!("SE{}01", self.digits)
    }
}

/// Why an identifier is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Empty,
    Characters { characters: String },
    Separator,
    Length { digits: usize },
    Prefix { prefix: String },
    PrefixMismatch { prefix: String },
    ImpossibleDate { date: String },
    FutureDate { date: String },
    Checksum { expected: u8 },
}

pub const EMPTY: CodeDef = CodeDef {
    code: "orgnr_empty",
    en: "The organisation number is empty.",
    sv: "Organisationsnumret är tomt.",
};
pub const INVALID_CHARACTERS: CodeDef = CodeDef {
    code: "orgnr_invalid_characters",
    en: "The organisation number may only contain digits and one '-' or '+'; found {characters}.",
    sv: "Organisationsnumret får bara innehålla siffror och ett '-' eller '+'; hittade {characters}.",
};
pub const INVALID_SEPARATOR: CodeDef = CodeDef {
    code: "orgnr_invalid_separator",
    en: "Write the number as NNNNNN-NNNN: one '-' before the last four digits ('+' only for persons aged 100 or more).",
    sv: "Skriv numret som NNNNNN-NNNN: ett '-' före de fyra sista siffrorna ('+' bara för personer som fyllt 100 år).",
};
pub const INVALID_LENGTH: CodeDef = CodeDef {
    code: "orgnr_invalid_length",
    en: "The organisation number has {digits} digits; it must have 10 (or 12 with century or the prefix 16).",
    sv: "Organisationsnumret har {digits} siffror; det ska ha 10 (eller 12 med sekel eller prefixet 16).",
};
pub const INVALID_PREFIX: CodeDef = CodeDef {
    code: "orgnr_invalid_prefix",
    en: "A 12-digit number must start with 16 (organisations) or a century 18, 19 or 20 (persons); it starts with {prefix}.",
    sv: "Ett 12-siffrigt nummer ska börja med 16 (organisationer) eller ett sekel 18, 19 eller 20 (personer); det börjar med {prefix}.",
};
pub const PREFIX_MISMATCH: CodeDef = CodeDef {
    code: "orgnr_prefix_mismatch",
    en: "The prefix {prefix} does not fit the number: 16 goes with organisation numbers, a century with personal numbers.",
    sv: "Prefixet {prefix} passar inte numret: 16 hör till organisationsnummer, ett sekel till personnummer.",
};
pub const IMPOSSIBLE_DATE: CodeDef = CodeDef {
    code: "orgnr_impossible_date",
    en: "The number holds the date {date}, which does not exist.",
    sv: "Numret innehåller datumet {date}, som inte finns.",
};
pub const FUTURE_DATE: CodeDef = CodeDef {
    code: "orgnr_future_date",
    en: "The number holds the birth date {date}, which is after the as-of date.",
    sv: "Numret innehåller födelsedatumet {date}, som ligger efter kontrolldatumet.",
};
pub const CHECKSUM: CodeDef = CodeDef {
    code: "orgnr_checksum",
    en: "The check digit is wrong: the last digit should be {expected}. Check for a typing error.",
    sv: "Kontrollsiffran stämmer inte: sista siffran borde vara {expected}. Kontrollera om numret är felskrivet.",
};

pub const CODES: &[&CodeDef] = &[
    &EMPTY,
    &INVALID_CHARACTERS,
    &INVALID_SEPARATOR,
    &INVALID_LENGTH,
    &INVALID_PREFIX,
    &PREFIX_MISMATCH,
    &IMPOSSIBLE_DATE,
    &FUTURE_DATE,
    &CHECKSUM,
];

impl Invalid {
    /// The problem this reason is reported as, at `path`.
    pub fn problem(&self, path: &str, lang: Lang) -> Problem {
        let (def, params): (&CodeDef, Map<_, _>) = match self {
            Invalid::Empty => (&EMPTY, params![]),
            Invalid::Characters { characters } => (&INVALID_CHARACTERS, params![("characters", characters.as_str())]),
            Invalid::Separator => (&INVALID_SEPARATOR, params![]),
            Invalid::Length { digits } => (&INVALID_LENGTH, params![("digits", *digits)]),
            Invalid::Prefix { prefix } => (&INVALID_PREFIX, params![("prefix", prefix.as_str())]),
            Invalid::PrefixMismatch { prefix } => (&PREFIX_MISMATCH, params![("prefix", prefix.as_str())]),
            Invalid::ImpossibleDate { date } => (&IMPOSSIBLE_DATE, params![("date", date.as_str())]),
            Invalid::FutureDate { date } => (&FUTURE_DATE, params![("date", date.as_str())]),
            Invalid::Checksum { expected } => (&CHECKSUM, params![("expected", *expected)]),
        };
        Problem::with_params(def, path, lang, params)
    }
}

/// Parses an organisation, personal or coordination number as of a date (the date decides
/// the century of a 10-digit personal number and its separator).
///
/// Accepts 10 or 12 digits, with or without `-`/`+` before the last four, surrounded by
/// spaces or not; 12 digits start with `16` (organisations) or the century (persons).
///
/// ```
/// use asf_core::orgnr::{parse, IdKind, LegalFormGroup};
/// let as_of = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// let n = parse(" 165560160680 ", as_of).unwrap();
/// assert_eq!((n.kind, n.legal_form_group), (IdKind::OrganisationNumber, LegalFormGroup::LimitedCompany));
/// assert_eq!((n.formatted.as_str(), n.vat_number().as_str()), ("556016-0680", "SE556016068001"));
/// assert!(parse("556016-0681", as_of).is_err());
/// ```
pub fn parse(id: &str, as_of: NaiveDate) -> Result<OrgNr, Vec<Invalid>> {
    let text = id.trim();
    if text.is_empty() {
        return Err(vec![Invalid::Empty]);
    }
    let mut bad: Vec<char> = text.chars().filter(|c| !(c.is_ascii_digit() || *c == '-' || *c == '+')).collect();
    if !bad.is_empty() {
        bad.dedup();
        let characters = bad.iter().map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ");
        return Err(vec![Invalid::Characters { characters }]);
    }
    let separators: Vec<(usize, char)> = text.char_indices().filter(|(_, c)| *c == '-' || *c == '+').collect();
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
    if digits.len() != 10 && digits.len() != 12 {
        return Err(vec![Invalid::Length { digits: digits.len() }]);
    }
    let separator = match separators.as_slice() {
        [] => None,
        [(pos, c)] if *pos + 5 == text.len() => Some(*c),
        _ => return Err(vec![Invalid::Separator]),
    };
    let (prefix, body) = digits.split_at(digits.len() - 10);
    let body: [u8; 10] = body.try_into().map_err(|_| vec![Invalid::Length { digits: digits.len() }])?;
    let organisation = body[2] >= 2;
    let prefix_text: String = prefix.iter().map(|d| char::from(b'0' + d)).collect();
    let century: Option<i32> = match prefix {
        [] => None,
        [1, 6] if organisation => None,
        [1, 6] => return Err(vec![Invalid::PrefixMismatch { prefix: prefix_text }]),
        [c1 @ 1, c2 @ (8 | 9)] | [c1 @ 2, c2 @ 0] if !organisation => Some(i32::from(*c1) * 10 + i32::from(*c2)),
        [1, 8 | 9] | [2, 0] => return Err(vec![Invalid::PrefixMismatch { prefix: prefix_text }]),
        _ => return Err(vec![Invalid::Prefix { prefix: prefix_text }]),
    };
    if organisation && separator == Some('+') {
        return Err(vec![Invalid::Separator]);
    }

    let mut reasons = Vec::new();
    let digit_text: String = body.iter().map(|d| char::from(b'0' + d)).collect();
    let expected = luhn_check_digit(&body);
    if expected != body[9] {
        reasons.push(Invalid::Checksum { expected });
    }
    let (kind, birth_date, group) = if organisation {
        (IdKind::OrganisationNumber, None, LegalFormGroup::from_first_digit(body[0]))
    } else {
        let [y1, y2, m1, m2, d1, d2, ..] = body;
        let two = |a: u8, b: u8| u32::from(a) * 10 + u32::from(b);
        let (yy, month, raw_day) = (two(y1, y2), two(m1, m2), two(d1, d2));
        let (kind, day) = if raw_day > 60 { (IdKind::CoordinationNumber, raw_day - 60) } else { (IdKind::PersonalNumber, raw_day) };
        let year = match century {
            Some(c) => c * 100 + yy as i32,
            None => {
                // The latest year ending in `yy` not after the as-of year; `+` adds a century.
                let y = as_of.year() - (as_of.year() - yy as i32).rem_euclid(100);
                if separator == Some('+') { y - 100 } else { y }
            }
        };
        let shown = format!("{year:04}-{month:02}-{day:02}");
        let born = NaiveDate::from_ymd_opt(year, month, day);
        match born {
            None => reasons.push(Invalid::ImpossibleDate { date: shown }),
            Some(b) if b > as_of => reasons.push(Invalid::FutureDate { date: shown }),
            Some(_) => {}
        }
        (kind, born, LegalFormGroup::SoleTrader)
    };
    if !reasons.is_empty() {
        return Err(reasons);
    }
    let centenarian = birth_date.is_some_and(|b| as_of.year() - b.year() >= 100);
    let sep = if centenarian { '+' } else { '-' };
    let (head, tail) = digit_text.split_at(6);
    Ok(OrgNr { kind, digits: digit_text.clone(), birth_date, legal_form_group: group, formatted: format!("{head}{sep}{tail}") })
}

/// The Luhn check digit of the first nine digits.
fn luhn_check_digit(digits: &[u8; 10]) -> u8 {
    let sum: u32 = digits
        .iter()
        .take(9)
        .enumerate()
        .map(|(i, d)| {
            let v = u32::from(*d) * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Request of operation `orgnr.parse`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParseRequest {
    pub id: String,
    /// Decides a person's century and separator; defaults to today.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    #[serde(default)]
    pub lang: Lang,
}

/// Response of operation `orgnr.parse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParseResponse {
    pub valid: bool,
    pub id_kind: Option<IdKind>,
    pub legal_form_group: Option<LegalFormGroup>,
    pub normalized: Option<String>,
    pub formatted: Option<String>,
    pub vat_number: Option<String>,
    pub problems: Vec<Problem>,
}

/// `orgnr.parse` as a response: what every binding returns.
pub fn parse_response(id: &str, as_of: NaiveDate, lang: Lang, path: &str) -> ParseResponse {
    match parse(id, as_of) {
        Ok(n) => ParseResponse {
            valid: true,
            id_kind: Some(n.kind),
            legal_form_group: Some(n.legal_form_group),
            vat_number: Some(n.vat_number()),
            normalized: Some(n.digits),
            formatted: Some(n.formatted),
            problems: Vec::new(),
        },
        Err(reasons) => ParseResponse {
            valid: false,
            id_kind: None,
            legal_form_group: None,
            normalized: None,
            formatted: None,
            vat_number: None,
            problems: reasons.iter().map(|r| r.problem(path, lang)).collect(),
        },
    }
}

fn run(ctx: &Context<'_>, req: ParseRequest) -> ParseResponse {
    parse_response(&req.id, req.as_of.unwrap_or(ctx.today), req.lang, "/id")
}

pub(crate) const OPERATION: Operation =
    crate::operation!("orgnr.parse", run);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn luhn_matches_known_numbers() {
        for n in ["5560160680", "2120000142", "2021005489", "1212121212"] {
            let d: Vec<u8> = n.bytes().map(|b| b - b'0').collect();
            assert_eq!(luhn_check_digit(&d.clone().try_into().unwrap()), d[9], "{n}");
        }
    }

    #[test]
    fn separator_turns_plus_in_the_year_of_the_hundredth_birthday() {
        let n = parse("19261231-0000", day(2026, 1, 1));
        // 1926-12-31: the person turns 100 during 2026, so '+' all of 2026.
        let luhn = luhn_check_digit(&[2, 6, 1, 2, 3, 1, 0, 0, 0, 0]);
        let id = format!("19261231000{luhn}");
        assert!(n.is_err());
        assert_eq!(parse(&id, day(2026, 1, 1)).unwrap().formatted, format!("261231+000{luhn}"));
        assert_eq!(parse(&id, day(2025, 12, 31)).unwrap().formatted, format!("261231-000{luhn}"));
    }

    #[test]
    fn ten_digits_with_plus_go_back_a_century() {
        let n = parse("121212+1212", day(2026, 1, 1)).unwrap();
        assert_eq!(n.birth_date, Some(day(1912, 12, 12)));
        let n = parse("121212-1212", day(2026, 1, 1)).unwrap();
        assert_eq!(n.birth_date, Some(day(2012, 12, 12)));
    }
}
