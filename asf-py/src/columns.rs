//! Reading Arrow columns without a per-row Python call: text, money and date columns in
//! whatever physical type pandas, polars or pyarrow hand over.

use std::borrow::Cow;
use std::hash::{BuildHasherDefault, Hasher};

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, Date32Array, Decimal128Array, Float64Array, Int64Array};
use arrow_array::{LargeStringArray, StringArray, StringViewArray};
use arrow_schema::DataType;
use asf_core::ledger::{date_of_day, day_number, parse_amount, parse_date, Amount, MAX_ABS_ORE};
use asf_core::{Error, ErrorKind, NaiveDate};
use chrono::Datelike;
use rust_decimal::{Decimal, RoundingStrategy};

/// A misuse error about a column.
pub fn column_error(path: String, message: String) -> Error {
    Error::new(ErrorKind::RequestType, "invalid_type", path, message)
}

fn cast(arr: &ArrayRef, to: &DataType, path: &str) -> Result<ArrayRef, Error> {
    arrow_cast::cast(arr, to).map_err(|e| {
        column_error(
            path.to_owned(),
            format!(
                "cannot read the column {path} of type {}: {e}",
                arr.data_type()
            ),
        )
    })
}

/// A text column.
#[derive(Debug)]
pub enum Strs {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
}

impl Strs {
    /// Text columns are read as they are; dictionaries, numbers and other types are cast to
    /// text (so an account number read as an integer still matches).
    pub fn new(arr: &ArrayRef, path: &str) -> Result<Strs, Error> {
        Ok(match arr.data_type() {
            DataType::Utf8 => Strs::Utf8(arr.as_string::<i32>().clone()),
            DataType::LargeUtf8 => Strs::Large(arr.as_string::<i64>().clone()),
            DataType::Utf8View => Strs::View(arr.as_string_view().clone()),
            _ => Strs::Utf8(cast(arr, &DataType::Utf8, path)?.as_string::<i32>().clone()),
        })
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&str> {
        match self {
            Strs::Utf8(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Strs::Large(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Strs::View(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
        }
    }
}

/// A money column: decimal, decimal text (dot or comma mark, spaces between thousands),
/// whole numbers, or binary floats (rounded to the öre and counted).
#[derive(Debug)]
pub enum Money {
    Dec(Decimal128Array, i8),
    Float(Float64Array),
    Int(Int64Array),
    Text(Strs),
}

/// One amount as read.
#[derive(Debug)]
pub enum Amt<'a> {
    /// Exact öre within the ledger's range.
    Ore(i64),
    /// Anything else, as text, for the checked path that names the problem.
    Text(Cow<'a, str>),
    Null,
}

impl Money {
    pub fn new(arr: &ArrayRef, path: &str) -> Result<Money, Error> {
        Ok(match arr.data_type() {
            DataType::Decimal128(_, s) => Money::Dec(arr.as_primitive().clone(), *s),
            DataType::Decimal32(_, s) | DataType::Decimal64(_, s) | DataType::Decimal256(_, s) => {
                let s = *s;
                Money::Dec(
                    cast(arr, &DataType::Decimal128(38, s), path)?
                        .as_primitive()
                        .clone(),
                    s,
                )
            }
            DataType::Float16 | DataType::Float32 | DataType::Float64 => {
                Money::Float(cast(arr, &DataType::Float64, path)?.as_primitive().clone())
            }
            DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64 => {
                Money::Int(cast(arr, &DataType::Int64, path)?.as_primitive().clone())
            }
            DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Dictionary(_, _)
            | DataType::Null => Money::Text(Strs::new(arr, path)?),
            other => return Err(column_error(
                path.to_owned(),
                format!(
                    "the money column {path} has type {other}; use decimal, decimal text or float"
                ),
            )),
        })
    }

    /// The amount of row `i` in öre; `rounded` counts floats that were not whole öre.
    #[inline]
    pub fn ore(&self, i: usize, rounded: &mut u64) -> Amt<'_> {
        match self {
            Money::Dec(a, s) => {
                if i >= a.len() || a.is_null(i) {
                    return Amt::Null;
                }
                match decimal_ore(a.value(i), *s) {
                    Some(o) => Amt::Ore(o),
                    None => Amt::Text(Cow::Owned(a.value_as_string(i))),
                }
            }
            Money::Float(a) => {
                if i >= a.len() || a.is_null(i) {
                    return Amt::Null;
                }
                float_ore(a.value(i), rounded)
            }
            Money::Int(a) => {
                if i >= a.len() || a.is_null(i) {
                    return Amt::Null;
                }
                let v = a.value(i);
                match v
                    .checked_mul(100)
                    .filter(|o| o.checked_abs().is_some_and(|x| x <= MAX_ABS_ORE))
                {
                    Some(o) => Amt::Ore(o),
                    None => Amt::Text(Cow::Owned(v.to_string())),
                }
            }
            Money::Text(s) => match s.get(i) {
                None => Amt::Null,
                Some(t) => match quick_ore(t.as_bytes()).map(Amount::Ore).unwrap_or_else(|| parse_amount(t)) {
                    Amount::Ore(o) => Amt::Ore(o),
                    _ => Amt::Text(Cow::Borrowed(t)),
                },
            },
        }
    }

    /// The exact decimal of row `i` (for amounts that are not ledger rows: grants, rates);
    /// `Err(text)` when unreadable. Floats are rounded to `float_places` if given.
    pub fn decimal(
        &self,
        i: usize,
        float_places: Option<u32>,
        rounded: &mut u64,
    ) -> Result<Option<Decimal>, String> {
        match self {
            Money::Dec(a, s) => {
                if i >= a.len() || a.is_null(i) {
                    return Ok(None);
                }
                let v = a.value(i);
                u32::try_from(*s)
                    .ok()
                    .and_then(|s| Decimal::try_from_i128_with_scale(v, s).ok())
                    .map(Some)
                    .ok_or_else(|| a.value_as_string(i))
            }
            Money::Float(a) => {
                if i >= a.len() || a.is_null(i) {
                    return Ok(None);
                }
                let f = a.value(i);
                let text = f.to_string();
                let d = Decimal::from_str_exact(&text).map_err(|_| text.clone())?;
                match float_places {
                    Some(p) => {
                        let r = d.round_dp_with_strategy(p, RoundingStrategy::MidpointAwayFromZero);
                        if r != d {
                            *rounded += 1;
                        }
                        Ok(Some(r))
                    }
                    None => Ok(Some(d)),
                }
            }
            Money::Int(a) => Ok((i < a.len() && a.is_valid(i)).then(|| Decimal::from(a.value(i)))),
            Money::Text(s) => match s.get(i) {
                None => Ok(None),
                Some(t) if t.trim().is_empty() => Ok(None),
                Some(t) => decimal_text(t).map(Some).ok_or_else(|| t.to_owned()),
            },
        }
    }
}

/// A decimal written with a dot or a comma mark and optional spaces between thousands.
pub fn decimal_text(t: &str) -> Option<Decimal> {
    let cleaned: String = t
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let cleaned = cleaned.replace('−', "-");
    if cleaned.contains('.') && cleaned.contains(',') {
        return None;
    }
    asf_core::money::parse_decimal(&cleaned.replace(',', "."))
}

fn decimal_ore(v: i128, s: i8) -> Option<i64> {
    let ore = if s <= 2 {
        v.checked_mul(10i128.checked_pow(u32::try_from(2 - i32::from(s)).ok()?)?)?
    } else {
        let d = 10i128.checked_pow(u32::try_from(i32::from(s) - 2).ok()?)?;
        if v % d != 0 {
            return None;
        }
        v / d
    };
    i64::try_from(ore)
        .ok()
        .filter(|o| o.checked_abs().is_some_and(|x| x <= MAX_ABS_ORE))
}

/// A float as öre: exact when it is the nearest double to a whole number of öre,
/// otherwise its shortest decimal form rounded half away from zero (and counted).
#[inline]
fn float_ore<'a>(f: f64, rounded: &mut u64) -> Amt<'a> {
    if !f.is_finite() {
        return Amt::Text(Cow::Owned(f.to_string()));
    }
    let r = (f * 100.0).round();
    if r.abs() <= MAX_ABS_ORE as f64 && r / 100.0 == f {
        return Amt::Ore(r as i64);
    }
    let text = f.to_string();
    let Ok(d) = Decimal::from_str_exact(&text) else {
        return Amt::Text(Cow::Owned(text));
    };
    let two = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if two != d {
        *rounded += 1;
    }
    let ore = two
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|o| i64::try_from(o).ok());
    match ore.filter(|o| o.checked_abs().is_some_and(|x| x <= MAX_ABS_ORE)) {
        Some(o) => Amt::Ore(o),
        None => Amt::Text(Cow::Owned(two.to_string())),
    }
}

/// A date column: dates, timestamps (their date), or text (`YYYY-MM-DD`, `YYYYMMDD`).
#[derive(Debug)]
pub enum Dates {
    Day(Date32Array),
    Text(Strs),
}

/// One date as read.
#[derive(Debug)]
pub enum Dt<'a> {
    /// A day number inside the years 1900 to 2199.
    Day(i32),
    /// Anything else, as text.
    Text(Cow<'a, str>),
    Null,
}

/// Day numbers of 1900-01-01 and 2199-12-31.
pub fn day_range() -> (i32, i32) {
    let d = |y, m, dd| {
        NaiveDate::from_ymd_opt(y, m, dd)
            .map(day_number)
            .unwrap_or(0)
    };
    (d(1900, 1, 1), d(2199, 12, 31))
}

impl Dates {
    pub fn new(arr: &ArrayRef, path: &str) -> Result<Dates, Error> {
        Ok(match arr.data_type() {
            DataType::Date32 => Dates::Day(arr.as_primitive().clone()),
            DataType::Date64 | DataType::Timestamp(_, _) => {
                Dates::Day(cast(arr, &DataType::Date32, path)?.as_primitive().clone())
            }
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Dictionary(_, _) | DataType::Null => {
                Dates::Text(Strs::new(arr, path)?)
            }
            other => {
                return Err(column_error(
                    path.to_owned(),
                    format!("the date column {path} has type {other}; use dates, timestamps or YYYY-MM-DD text"),
                ))
            }
        })
    }

    #[inline]
    pub fn get(&self, i: usize, range: (i32, i32)) -> Dt<'_> {
        match self {
            Dates::Day(a) => {
                if i >= a.len() || a.is_null(i) {
                    return Dt::Null;
                }
                let d = a.value(i);
                if range.0 <= d && d <= range.1 {
                    Dt::Day(d)
                } else {
                    Dt::Text(Cow::Owned(
                        date_of_day(d)
                            .map(|x| x.to_string())
                            .unwrap_or_else(|| d.to_string()),
                    ))
                }
            }
            Dates::Text(s) => match s.get(i) {
                None => Dt::Null,
                Some(t) => match quick_day(t.as_bytes(), range)
                    .or_else(|| parse_date(t).filter(|d| (1900..=2199).contains(&d.year())).map(day_number))
                {
                    Some(d) => Dt::Day(d),
                    None => Dt::Text(Cow::Borrowed(t)),
                },
            },
        }
    }

    /// The date of row `i`, any year; `Err(text)` when unreadable.
    pub fn date(&self, i: usize) -> Result<Option<NaiveDate>, String> {
        match self {
            Dates::Day(a) => {
                if i >= a.len() || a.is_null(i) {
                    return Ok(None);
                }
                date_of_day(a.value(i))
                    .map(Some)
                    .ok_or_else(|| a.value(i).to_string())
            }
            Dates::Text(s) => match s.get(i) {
                None => Ok(None),
                Some(t) if t.trim().is_empty() => Ok(None),
                Some(t) => parse_date(t).map(Some).ok_or_else(|| t.to_owned()),
            },
        }
    }
}

/// The common amount forms without allocating: an optional `-`, digits, and an optional
/// `,` or `.` with one or two decimals, in the ledger's range. `None`: use `parse_amount`.
#[inline]
fn quick_ore(b: &[u8]) -> Option<i64> {
    let (neg, b) = match b.first() {
        Some(b'-') => (true, b.get(1..)?),
        _ => (false, b),
    };
    if b.is_empty() || b.len() > 18 {
        return None;
    }
    let mut int: i64 = 0;
    let mut frac: i64 = 0;
    let mut places: u32 = 0;
    let mut seen_mark = false;
    for &c in b {
        match c {
            b'0'..=b'9' if seen_mark => {
                places += 1;
                if places > 2 {
                    return None;
                }
                frac = frac * 10 + i64::from(c - b'0');
            }
            b'0'..=b'9' => int = int * 10 + i64::from(c - b'0'),
            b',' | b'.' if !seen_mark => seen_mark = true,
            _ => return None,
        }
    }
    if seen_mark && places == 0 {
        return None;
    }
    let ore = int.checked_mul(100)?.checked_add(frac * if places == 1 { 10 } else { 1 })?;
    (ore <= MAX_ABS_ORE).then_some(if neg { -ore } else { ore })
}

/// `YYYY-MM-DD` as a day number inside `range`, without allocating. `None`: use
/// `parse_date`.
#[inline]
fn quick_day(b: &[u8], range: (i32, i32)) -> Option<i32> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else {
        return None;
    };
    let digit = |c: u8| c.is_ascii_digit().then(|| i32::from(c - b'0'));
    let y = digit(y0)? * 1000 + digit(y1)? * 100 + digit(y2)? * 10 + digit(y3)?;
    let m = digit(m0)? * 10 + digit(m1)?;
    let d = digit(d0)? * 10 + digit(d1)?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let len = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d < 1 || d > len {
        return None;
    }
    // Days from civil (H. Hinnant), relative to 1970-01-01.
    let yy = if m <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let day = era * 146_097 + doe - 719_468;
    (range.0 <= day && day <= range.1).then_some(day)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn quick_parsers_agree_with_the_core() {
        let range = day_range();
        let mut d = NaiveDate::from_ymd_opt(1899, 12, 1).unwrap();
        while d.year() < 2201 {
            let text = d.to_string();
            let core = parse_date(&text).filter(|x| (1900..=2199).contains(&x.year())).map(day_number);
            assert_eq!(quick_day(text.as_bytes(), range), core, "{text}");
            d = d.succ_opt().unwrap();
        }
        for bad in ["2025-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024-1-01", "20240101"] {
            assert_eq!(quick_day(bad.as_bytes(), range), None, "{bad}");
        }
        for (t, want) in [("1234,50", Some(123450)), ("-0.25", Some(-25)), ("10", Some(1000)), ("1,5", Some(150)),
            ("1,234", None), ("5,", None), ("-", None), ("1 000", None), ("10000000000000", Some(MAX_ABS_ORE)),
            ("10000000000000.01", None), ("1.2.3", None), ("", None)] {
            assert_eq!(quick_ore(t.as_bytes()), want, "{t}");
            if let Some(o) = want {
                assert_eq!(parse_amount(t), Amount::Ore(o), "{t}");
            }
        }
    }
}

/// The Fx hash (rustc's): fast for short keys such as ids and committee names.
#[derive(Debug, Default, Clone, Copy)]
pub struct Fx(u64);

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<Fx>;
