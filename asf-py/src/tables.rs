//! The table-native API: Arrow tables in (any `__arrow_c_stream__` object), Arrow tables
//! out, with the work done in Rust while the GIL is released.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::types::UInt32Type;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Decimal128Array, DictionaryArray, Int32Array, RecordBatch,
    StringArray, UInt32Array, UInt64Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use asf_core::de_minimis::{self, AuditRequest, Currency, MonthDay, RegisterGrant, Regulation};
use asf_core::goals::progress::{follow_target, Granularity, Target};
use asf_core::goals::{self, Dim, GroupTotals, Period, Register, RegisterRow};
use asf_core::ledger::{self, Column, Ledger, RowFields};
use asf_core::problem::{pointer, Problem};
use asf_core::{params, Error, ErrorKind, Lang, NaiveDate};
use chrono::Datelike;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Value};

use crate::columns::{day_range, Amt, Dates, Dt, FxBuild, Money, Strs};

/// Where a table argument is, for error paths: `/ledger`, `/register`, `/grants`, `/ids`.
fn col_path(base: &str, name: &str) -> String {
    pointer(base, name)
}

fn find(schema: &Schema, want: impl Fn(&str) -> bool) -> Option<usize> {
    schema.fields().iter().position(|f| want(f.name()))
}

fn invalid(path: String, message: String) -> Error {
    Error::new(ErrorKind::InvalidRequest, "invalid_value", path, message)
}

fn missing(path: String, message: String) -> Error {
    Error::new(ErrorKind::RequestType, "missing_field", path, message)
}

pub fn lang_of(lang: &str) -> Result<Lang, Error> {
    serde_json::from_value(Value::String(lang.to_owned())).map_err(|_| {
        invalid(
            "/lang".into(),
            format!("lang '{lang}' is not one of en, sv"),
        )
    })
}

/// An optional date argument: the date given, or today's UTC date.
pub fn date_or_today(text: Option<&str>, path: &str) -> Result<NaiveDate, Error> {
    text.map_or_else(|| Ok(asf_core::today_utc()), |t| date_arg(t, path))
}

fn date_arg(text: &str, path: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        invalid(
            path.to_owned(),
            format!("'{text}' is not a date YYYY-MM-DD"),
        )
    })
}

// ---------------------------------------------------------------------------------------
// Ledger import

/// The columns of one batch of a ledger table.
struct LedgerCols {
    len: usize,
    id: Option<Strs>,
    name: Option<Strs>,
    forvaltning: Option<Strs>,
    konto: Option<Strs>,
    date: Option<Dates>,
    amount: Option<Money>,
}

/// Reads ledger rows from Arrow batches: columns are found by the national names or their
/// aliases (as in a CSV header); each row is accepted or rejected exactly as the CSV and
/// JSON readers do, its "line" being its 0-based row index. Returns the ledger and the
/// number of float amounts that had to be rounded to the öre.
pub fn ledger_from_batches(
    batches: &[RecordBatch],
    schema: &Schema,
) -> Result<(Ledger, u64), Error> {
    let mut pos: Vec<(Column, usize)> = Vec::new();
    for (i, f) in schema.fields().iter().enumerate() {
        if let Some(c) = ledger::columns::column_of(f.name()) {
            if !pos.iter().any(|(pc, _)| *pc == c) {
                pos.push((c, i));
            }
        }
    }
    let at = |c: Column| pos.iter().find(|(pc, _)| *pc == c).map(|(_, i)| *i);
    let missing_cols: Vec<&str> = Column::ALL
        .iter()
        .filter(|c| c.is_required() && at(**c).is_none())
        .map(|c| c.national_name())
        .collect();
    if let Some(first) = missing_cols.first() {
        let found: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        return Err(missing(
            col_path("/ledger", first),
            format!(
                "the ledger lacks the column(s) {missing_cols:?} (or an alias); found {found:?}"
            ),
        ));
    }
    let name_of = |c: Column| -> &str {
        at(c)
            .and_then(|i| schema.fields().get(i))
            .map(|f| f.name().as_str())
            .unwrap_or_default()
    };
    let path_of = |c: Column| col_path("/ledger", name_of(c));
    let mut cols = Vec::with_capacity(batches.len());
    for b in batches {
        let get = |c: Column| at(c).and_then(|i| b.columns().get(i));
        cols.push(LedgerCols {
            len: b.num_rows(),
            id: get(Column::SupplierId)
                .map(|a| Strs::new(a, &path_of(Column::SupplierId)))
                .transpose()?,
            name: get(Column::SupplierName)
                .map(|a| Strs::new(a, &path_of(Column::SupplierName)))
                .transpose()?,
            forvaltning: get(Column::Forvaltning)
                .map(|a| Strs::new(a, &path_of(Column::Forvaltning)))
                .transpose()?,
            konto: get(Column::KontoNr)
                .map(|a| Strs::new(a, &path_of(Column::KontoNr)))
                .transpose()?,
            date: get(Column::BookingDate)
                .map(|a| Dates::new(a, &path_of(Column::BookingDate)))
                .transpose()?,
            amount: get(Column::Amount)
                .map(|a| Money::new(a, &path_of(Column::Amount)))
                .transpose()?,
        });
    }
    let as_of = ledger::Options::default().as_of;
    let range = day_range();
    let mut l = Ledger::new();
    let mut rounded = 0u64;
    let mut suppliers: HashMap<&str, Option<u32>, FxBuild> = HashMap::default();
    let mut names: HashMap<(&str, &str), Option<(u32, u32)>, FxBuild> = HashMap::default();
    let (id_name, date_name, amount_name) = (
        name_of(Column::SupplierId),
        name_of(Column::BookingDate),
        name_of(Column::Amount),
    );
    let mut line: u64 = 0;
    for c in &cols {
        for i in 0..c.len {
            let id = c.id.as_ref().and_then(|s| s.get(i));
            let amount = c
                .amount
                .as_ref()
                .map_or(Amt::Null, |m| m.ore(i, &mut rounded));
            let date = c.date.as_ref().map_or(Dt::Null, |d| d.get(i, range));
            let forv = c.forvaltning.as_ref().and_then(|s| s.get(i));
            let konto = c.konto.as_ref().and_then(|s| s.get(i));
            if let (Amt::Ore(ore), Dt::Day(day), Some(id)) = (&amount, &date, id) {
                let s = match suppliers.get(id) {
                    Some(s) => *s,
                    None => {
                        let s = if id.trim().is_empty() {
                            None
                        } else {
                            let name = c.name.as_ref().and_then(|s| s.get(i)).unwrap_or_default();
                            l.intern_supplier(id, name, line, as_of)
                        };
                        suppliers.insert(id, s);
                        s
                    }
                };
                let key = (forv.unwrap_or_default(), konto.unwrap_or_default());
                let fk = match names.get(&key) {
                    Some(fk) => *fk,
                    None => {
                        let fk = l.intern_names(key.0, key.1);
                        names.insert(key, fk);
                        fk
                    }
                };
                if let (Some(s), Some((f, k))) = (s, fk) {
                    l.push_indices(s, f, k, *day, *ore);
                    line += 1;
                    continue;
                }
            }
            // The checked path: the core names the problem.
            let amount_text: Cow<'_, str> = match amount {
                Amt::Ore(o) => Cow::Owned(Decimal::new(o, 2).to_string()),
                Amt::Text(t) => t,
                Amt::Null => Cow::Borrowed(""),
            };
            let date_text: Cow<'_, str> = match date {
                Dt::Day(d) => Cow::Owned(
                    ledger::date_of_day(d)
                        .map(|x| x.to_string())
                        .unwrap_or_default(),
                ),
                Dt::Text(t) => t,
                Dt::Null => Cow::Borrowed(""),
            };
            let row = RowFields {
                supplier_id: Some((
                    Cow::Borrowed(id_name),
                    Cow::Borrowed(id.unwrap_or_default()),
                )),
                supplier_name: c.name.as_ref().and_then(|s| s.get(i)).map(Cow::Borrowed),
                forvaltning: forv.map(Cow::Borrowed),
                konto_nr: konto.map(Cow::Borrowed),
                booking_date: Some((Cow::Borrowed(date_name), date_text)),
                amount: Some((Cow::Borrowed(amount_name), amount_text)),
            };
            l.push_fields(line, &row, as_of);
            line += 1;
        }
    }
    Ok((l, rounded))
}

/// Rejections and supplier flags as problems; `base` is `/ledger` for tables and
/// `/lines` for files (a CSV line number).
pub fn ledger_problems(l: &Ledger, base: &str, lang: Lang) -> Vec<Problem> {
    let mut problems: Vec<Problem> = l
        .rejections()
        .iter()
        .map(|r| {
            let row = pointer(base, r.line);
            let path = if r.field.is_empty() {
                row
            } else {
                pointer(&row, &r.field)
            };
            r.problem(&path, lang)
        })
        .collect();
    let id_name = Column::SupplierId.national_name();
    problems.extend(l.supplier_flags(lang, |line| pointer(&pointer(base, line), id_name)));
    problems
}

fn dictionary(keys: &[u32], names: Vec<&str>) -> Result<ArrayRef, Error> {
    let values: ArrayRef = Arc::new(StringArray::from(names));
    DictionaryArray::<UInt32Type>::try_new(UInt32Array::from(keys.to_vec()), values)
        .map(|d| Arc::new(d) as ArrayRef)
        .map_err(|e| Error::internal(e.to_string()))
}

fn batch(fields: Vec<Field>, columns: Vec<ArrayRef>) -> Result<(RecordBatch, SchemaRef), Error> {
    let schema: SchemaRef = Arc::new(Schema::new(fields));
    let b = RecordBatch::try_new(schema.clone(), columns)
        .map_err(|e| Error::internal(e.to_string()))?;
    Ok((b, schema))
}

/// The accepted rows as a table (text columns dictionary-encoded, amounts decimal(18, 2)).
pub fn ledger_table(l: &Ledger) -> Result<(RecordBatch, SchemaRef), Error> {
    let sup: Vec<&str> = l.suppliers().iter().map(|s| s.raw_id.as_str()).collect();
    let sup_names: Vec<&str> = l.suppliers().iter().map(|s| s.name.as_str()).collect();
    let forv: Vec<&str> = l
        .forvaltningar()
        .names()
        .iter()
        .map(String::as_str)
        .collect();
    let konto: Vec<&str> = l.konton().names().iter().map(String::as_str).collect();
    let dict = DataType::Dictionary(Box::new(DataType::UInt32), Box::new(DataType::Utf8));
    let amounts = Decimal128Array::from(
        l.amounts_ore()
            .iter()
            .map(|&a| i128::from(a))
            .collect::<Vec<_>>(),
    )
    .with_precision_and_scale(18, 2)
    .map_err(|e| Error::internal(e.to_string()))?;
    batch(
        vec![
            Field::new("leverantor_id", dict.clone(), false),
            Field::new("leverantor", dict.clone(), false),
            Field::new("forvaltning", dict.clone(), false),
            Field::new("konto_nr", dict, false),
            Field::new("bokforingsdatum", DataType::Date32, false),
            Field::new("nettobelopp", DataType::Decimal128(18, 2), false),
        ],
        vec![
            dictionary(l.supplier_indices(), sup)?,
            dictionary(l.supplier_indices(), sup_names)?,
            dictionary(l.forvaltning_indices(), forv)?,
            dictionary(l.konto_indices(), konto)?,
            Arc::new(Date32Array::from(l.days().to_vec())),
            Arc::new(amounts),
        ],
    )
}

// ---------------------------------------------------------------------------------------
// Register

/// Register rows from a table with `supplier_id` and optional `asf_from`, `asf_to`,
/// `category`, `name`.
pub fn register_rows(batches: &[RecordBatch], schema: &Schema) -> Result<Vec<RegisterRow>, Error> {
    let id = find(schema, |n| n == "supplier_id").ok_or_else(|| {
        let found: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        missing(
            "/register/supplier_id".into(),
            format!("the register has no column supplier_id; found {found:?}"),
        )
    })?;
    let (from, to) = (
        find(schema, |n| n == "asf_from"),
        find(schema, |n| n == "asf_to"),
    );
    let (cat, name) = (
        find(schema, |n| n == "category"),
        find(schema, |n| n == "name"),
    );
    let mut rows = Vec::new();
    for b in batches {
        let strs = |i: Option<usize>, n: &str| {
            i.and_then(|i| b.columns().get(i))
                .map(|a| Strs::new(a, &col_path("/register", n)))
                .transpose()
        };
        let dates = |i: Option<usize>, n: &str| {
            i.and_then(|i| b.columns().get(i))
                .map(|a| Dates::new(a, &col_path("/register", n)))
                .transpose()
        };
        let (ids, froms, tos, cats, names) = (
            strs(Some(id), "supplier_id")?,
            dates(from, "asf_from")?,
            dates(to, "asf_to")?,
            strs(cat, "category")?,
            strs(name, "name")?,
        );
        for i in 0..b.num_rows() {
            let index = rows.len();
            let date = |d: &Option<Dates>, n: &str| -> Result<Option<NaiveDate>, Error> {
                match d {
                    None => Ok(None),
                    Some(d) => d.date(i).map_err(|t| {
                        invalid(
                            pointer(&pointer("/register", index), n),
                            format!("'{t}' is not a date YYYY-MM-DD"),
                        )
                    }),
                }
            };
            rows.push(RegisterRow {
                supplier_id: ids
                    .as_ref()
                    .and_then(|s| s.get(i))
                    .unwrap_or_default()
                    .to_owned(),
                asf_from: date(&froms, "asf_from")?,
                asf_to: date(&tos, "asf_to")?,
                category: cats.as_ref().and_then(|s| s.get(i)).map(str::to_owned),
                name: names.as_ref().and_then(|s| s.get(i)).map(str::to_owned),
            });
        }
    }
    Ok(rows)
}


// ---------------------------------------------------------------------------------------
// Indicators

pub fn dims(group_by: &[String]) -> Result<Vec<Dim>, Error> {
    let mut out = Vec::new();
    for (i, g) in group_by.iter().enumerate() {
        let name = if g == "committee" {
            "forvaltning"
        } else {
            g.as_str()
        };
        let d: Dim = serde_json::from_value(Value::String(name.to_owned())).map_err(|_| {
            invalid(
                pointer("/group_by", i),
                format!("'{g}' is not one of year, quarter, month, forvaltning (committee), konto_nr, service_kind"),
            )
        })?;
        if !out.contains(&d) {
            out.push(d);
        }
    }
    Ok(out)
}

pub fn period_arg(
    period: Option<(String, String)>,
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> Result<Option<Period>, Error> {
    let Some((f, t)) = period else {
        return Ok(None);
    };
    let p = Period {
        from: date_arg(&f, "/period/from")?,
        to: date_arg(&t, "/period/to")?,
    };
    if p.to < p.from {
        problems.push(Problem::with_params(
            &goals::PERIOD_REVERSED,
            "/period/to",
            lang,
            params![("from", p.from.to_string()), ("to", p.to.to_string())],
        ));
    }
    Ok(Some(p))
}

fn money_array(values: impl Iterator<Item = Option<i128>>, scale: i8) -> Result<ArrayRef, Error> {
    Decimal128Array::from_iter(values)
        .with_precision_and_scale(38, scale)
        .map(|a| Arc::new(a) as ArrayRef)
        .map_err(|e| Error::internal(e.to_string()))
}

/// A decimal as a mantissa at `scale` (exact: `None` if it does not fit).
pub fn at_scale(d: Decimal, scale: u32) -> Option<i128> {
    let mut x = d;
    if x.scale() > scale {
        return None;
    }
    x.rescale(scale);
    (x.scale() == scale).then_some(x.mantissa())
}

/// The indicator table: one row per group, key columns first, money as decimal(38, 2),
/// the share as decimal(38, 6).
pub fn indicator_table(
    l: &Ledger,
    groups: &[GroupTotals],
    group_by: &[Dim],
) -> Result<(RecordBatch, SchemaRef), Error> {
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for d in group_by {
        let time = |f: fn(NaiveDate) -> String| -> ArrayRef {
            Arc::new(StringArray::from_iter(
                groups.iter().map(|g| g.key.time.map(|(s, _)| f(s))),
            ))
        };
        let (name, col): (&str, ArrayRef) = match d {
            Dim::Year => (
                "year",
                Arc::new(Int32Array::from_iter(
                    groups.iter().map(|g| g.key.time.map(|(s, _)| s.year())),
                )),
            ),
            Dim::Quarter => (
                "quarter",
                time(|s| format!("{}-Q{}", s.year(), s.month0() / 3 + 1)),
            ),
            Dim::Month => ("month", time(|s| format!("{}-{:02}", s.year(), s.month()))),
            Dim::Forvaltning => (
                "forvaltning",
                Arc::new(StringArray::from_iter(
                    groups
                        .iter()
                        .map(|g| g.key.forvaltning.map(|f| l.forvaltningar().name(f))),
                )),
            ),
            Dim::KontoNr => (
                "konto_nr",
                Arc::new(StringArray::from_iter(
                    groups
                        .iter()
                        .map(|g| g.key.konto.map(|k| l.konton().name(k))),
                )),
            ),
            Dim::ServiceKind => (
                "service_kind",
                Arc::new(StringArray::from_iter(groups.iter().map(|g| {
                    g.key
                        .work_integration
                        .map(|w| if w { "work_integration" } else { "other" })
                }))),
            ),
        };
        fields.push(Field::new(name, col.data_type().clone(), true));
        columns.push(col);
    }
    let money = |f: fn(&GroupTotals) -> i128| money_array(groups.iter().map(|g| Some(f(g))), 2);
    let share = money_array(
        groups.iter().map(|g| {
            goals::share_string(goals::sek(g.asf_ore), goals::sek(g.total_ore))
                .and_then(|s| s.parse::<Decimal>().ok())
                .and_then(|d| at_scale(d, goals::SHARE_PLACES))
        }),
        goals::SHARE_PLACES as i8,
    )?;
    let count = |f: fn(&GroupTotals) -> u64| -> ArrayRef {
        Arc::new(UInt64Array::from_iter_values(groups.iter().map(f)))
    };
    let m = DataType::Decimal128(38, 2);
    for (name, dt, col) in [
        ("rows", DataType::UInt64, count(|g| g.rows)),
        ("total_spend", m.clone(), money(|g| g.total_ore)?),
        ("asf_spend", m.clone(), money(|g| g.asf_ore)?),
        (
            "asf_share",
            DataType::Decimal128(38, goals::SHARE_PLACES as i8),
            share,
        ),
        (
            "asf_suppliers",
            DataType::UInt64,
            count(|g| g.asf_suppliers),
        ),
        ("suppliers", DataType::UInt64, count(|g| g.suppliers)),
        (
            "work_integration_spend",
            m.clone(),
            money(|g| g.wi_asf_ore)?,
        ),
        ("other_asf_spend", m, money(|g| g.asf_ore - g.wi_asf_ore)?),
    ] {
        fields.push(Field::new(name, dt, name == "asf_share"));
        columns.push(col);
    }
    batch(fields, columns)
}

#[derive(Serialize)]
pub struct Summary {
    pub reconciliation: goals::IndicatorReconciliation,
    pub problems: Vec<Problem>,
}

pub fn summary(l: &Ledger, t: &goals::IndicatorTable, problems: Vec<Problem>) -> Summary {
    Summary {
        reconciliation: goals::IndicatorReconciliation {
            import: l.reconciliation(),
            rows_in_period: t.rows_in_period,
            amount_in_period: goals::sek(t.amount_in_period_ore),
            rows_outside_period: t.rows_outside_period,
            amount_outside_period: goals::sek(t.amount_outside_period_ore),
        },
        problems,
    }
}

/// `goals.progress` over a ledger already read: one entry per target, as JSON.
pub fn progress_json(
    l: &Ledger,
    register: &Register,
    granularity: &str,
    targets: &str,
    lang: Lang,
    mut problems: Vec<Problem>,
) -> Result<String, Error> {
    let g: Granularity =
        serde_json::from_value(Value::String(granularity.to_owned())).map_err(|_| {
            invalid(
                "/granularity".into(),
                format!("granularity '{granularity}' is not one of year, quarter, month"),
            )
        })?;
    let de = &mut serde_json::Deserializer::from_str(targets);
    let targets: Vec<Target> = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let pointer_path = if path == "." {
            "/targets".to_owned()
        } else {
            format!(
                "/targets/{}",
                path.replace('.', "/").replace(['[', ']'], "")
            )
        };
        Error::new(
            ErrorKind::InvalidRequest,
            "invalid_value",
            pointer_path.replace("//", "/"),
            e.inner().to_string(),
        )
    })?;
    let out: Vec<_> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| follow_target(l, register, g, t, i, lang, &mut problems))
        .collect();
    serde_json::to_string(&json!({"targets": out, "problems": problems}))
        .map_err(|e| Error::internal(e.to_string()))
}

// ---------------------------------------------------------------------------------------
// orgnr.parse over a column

pub fn parse_many(
    ids: &[ArrayRef],
    as_of: NaiveDate,
    lang: Lang,
) -> Result<(RecordBatch, SchemaRef), Error> {
    let mut id = StringBuilder::new();
    let mut valid = Vec::new();
    let (mut kind, mut form, mut norm, mut fmt, mut vat) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let mut codes = ListBuilder::new(StringBuilder::new());
    let name = |v: &dyn erased::Named| v.name();
    let mut row = 0usize;
    for arr in ids {
        let s = Strs::new(arr, "/ids")?;
        for i in 0..arr.len() {
            let Some(text) = s.get(i) else {
                id.append_null();
                valid.push(None);
                for b in [&mut kind, &mut form, &mut norm, &mut fmt, &mut vat] {
                    b.append_null();
                }
                codes.append_null();
                row += 1;
                continue;
            };
            let r = asf_core::orgnr::parse_response(text, as_of, lang, &pointer("/ids", row));
            id.append_value(text);
            valid.push(Some(r.valid));
            kind.append_option(r.id_kind.as_ref().map(|k| name(k)));
            form.append_option(r.legal_form_group.as_ref().map(|k| name(k)));
            norm.append_option(r.normalized.as_deref());
            fmt.append_option(r.formatted.as_deref());
            vat.append_option(r.vat_number.as_deref());
            for p in &r.problems {
                codes.values().append_value(&p.code);
            }
            codes.append(true);
            row += 1;
        }
    }
    let text = || DataType::Utf8;
    let list = DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)));
    batch(
        vec![
            Field::new("id", text(), true),
            Field::new("valid", DataType::Boolean, true),
            Field::new("id_kind", text(), true),
            Field::new("legal_form_group", text(), true),
            Field::new("normalized", text(), true),
            Field::new("formatted", text(), true),
            Field::new("vat_number", text(), true),
            Field::new("problem_codes", list, true),
        ],
        vec![
            Arc::new(id.finish()),
            Arc::new(BooleanArray::from(valid)),
            Arc::new(kind.finish()),
            Arc::new(form.finish()),
            Arc::new(norm.finish()),
            Arc::new(fmt.finish()),
            Arc::new(vat.finish()),
            Arc::new(codes.finish()),
        ],
    )
}

mod erased {
    use serde::Serialize;

    /// The wire name of a unit enum.
    pub trait Named {
        fn name(&self) -> String;
    }

    impl<T: Serialize> Named for T {
        fn name(&self) -> String {
            serde_json::to_value(self)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        }
    }
}

// ---------------------------------------------------------------------------------------
// de minimis audit over a table of grants

/// Grants from a table: `org_id`, `date`, `amount`, `currency` and optional `undertaking`,
/// `eur_rate`, `regulation`, `reference`. Float amounts are rounded to the cent/öre
/// (counted in the second value).
pub fn grants(
    batches: &[RecordBatch],
    schema: &Schema,
) -> Result<(Vec<RegisterGrant>, u64), Error> {
    let req = |n: &str| {
        find(schema, |f| f == n).ok_or_else(|| {
            let found: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
            missing(
                col_path("/grants", n),
                format!("the grants table has no column {n}; found {found:?}"),
            )
        })
    };
    let (org, date, amount, currency) = (
        req("org_id")?,
        req("date")?,
        req("amount")?,
        req("currency")?,
    );
    let opt = |n: &str| find(schema, |f| f == n);
    let (und, rate, reg, reference) = (
        opt("undertaking"),
        opt("eur_rate"),
        opt("regulation"),
        opt("reference"),
    );
    let mut out = Vec::new();
    let mut rounded = 0u64;
    for b in batches {
        let col = |i: usize| b.columns().get(i);
        let strs = |i: Option<usize>, n: &str| {
            i.and_then(col)
                .map(|a| Strs::new(a, &col_path("/grants", n)))
                .transpose()
        };
        let orgs = strs(Some(org), "org_id")?;
        let unds = strs(und, "undertaking")?;
        let curs = strs(Some(currency), "currency")?;
        let regs = strs(reg, "regulation")?;
        let refs = strs(reference, "reference")?;
        let dates = col(date)
            .map(|a| Dates::new(a, "/grants/date"))
            .transpose()?;
        let amounts = col(amount)
            .map(|a| Money::new(a, "/grants/amount"))
            .transpose()?;
        let rates = rate
            .and_then(col)
            .map(|a| Money::new(a, "/grants/eur_rate"))
            .transpose()?;
        for i in 0..b.num_rows() {
            let at = pointer("/grants", out.len());
            let field = |n: &str| pointer(&at, n);
            let text = |s: &Option<Strs>| s.as_ref().and_then(|s| s.get(i)).map(str::to_owned);
            let org_id = text(&orgs)
                .ok_or_else(|| missing(field("org_id"), "the grant has no org_id".into()))?;
            let d = dates
                .as_ref()
                .map(|d| d.date(i))
                .transpose()
                .map_err(|t| invalid(field("date"), format!("'{t}' is not a date YYYY-MM-DD")))?
                .flatten()
                .ok_or_else(|| missing(field("date"), "the grant has no date".into()))?;
            let a = amounts
                .as_ref()
                .map(|m| m.decimal(i, Some(2), &mut rounded))
                .transpose()
                .map_err(|t| invalid(field("amount"), format!("'{t}' is not an amount")))?
                .flatten()
                .ok_or_else(|| missing(field("amount"), "the grant has no amount".into()))?;
            let cur_text = text(&curs).unwrap_or_default();
            let cur: Currency = serde_json::from_value(Value::String(
                cur_text.trim().to_uppercase(),
            ))
            .map_err(|_| {
                invalid(
                    field("currency"),
                    format!("currency '{cur_text}' is not SEK or EUR"),
                )
            })?;
            let eur_rate = rates
                .as_ref()
                .map(|m| m.decimal(i, None, &mut 0))
                .transpose()
                .map_err(|t| invalid(field("eur_rate"), format!("'{t}' is not a rate")))?
                .flatten();
            let regulation: Regulation = match text(&regs).filter(|r| !r.trim().is_empty()) {
                None => Regulation::default(),
                Some(r) => {
                    serde_json::from_value(Value::String(r.trim().to_owned())).map_err(|_| {
                        invalid(
                            field("regulation"),
                            format!("regulation '{r}' is not one of general, sgei, road_freight"),
                        )
                    })?
                }
            };
            out.push(RegisterGrant {
                org_id,
                undertaking: text(&unds).filter(|u| !u.trim().is_empty()),
                date: d,
                amount: a,
                currency: cur,
                eur_rate,
                regulation,
                reference: text(&refs),
            });
        }
    }
    Ok((out, rounded))
}

pub fn audit_json(
    rb: &asf_core::rulebook::Rulebook,
    grants: Vec<RegisterGrant>,
    fiscal_year_start: &str,
    lang: Lang,
) -> Result<String, Error> {
    let fys = MonthDay::parse(fiscal_year_start).ok_or_else(|| {
        invalid(
            "/fiscal_year_start".into(),
            format!("'{fiscal_year_start}' is not a month-day MM-DD (such as 07-01)"),
        )
    })?;
    let req = AuditRequest {
        grants,
        fiscal_year_start: fys,
        lang,
    };
    let out = de_minimis::audit(rb, &req);
    serde_json::to_string(&out).map_err(|e| Error::internal(e.to_string()))
}
