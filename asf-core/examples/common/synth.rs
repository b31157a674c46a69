//! A deterministic synthetic ledger of a Stockholm-sized city ("Exempelstad", clearly
//! synthetic): about 40 billion SEK a year over 2024 and 2025, 15 committees, 30 000
//! suppliers with heavy-tailed spend, 300 ASF, credit notes and a few malformed rows.
//! Shared by the `gen_ledger`, `goal_report` and `bench_goals` examples.
#![allow(dead_code)]

use std::io::Write;

/// xorshift64*: small, fast and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, n).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n.max(1))) >> 64) as u64
    }
    /// Uniform in (0, 1].
    pub fn unit(&mut self) -> f64 {
        ((self.next() >> 11) + 1) as f64 / (1u64 << 53) as f64
    }
}

pub const COMMITTEES: [&str; 15] = [
    "Stadsledningskontoret",
    "Utbildningsförvaltningen",
    "Socialförvaltningen",
    "Kulturförvaltningen",
    "Exploateringskontoret",
    "Trafikkontoret",
    "Miljöförvaltningen",
    "Idrottsförvaltningen",
    "Stadsbyggnadskontoret",
    "Arbetsmarknadsförvaltningen",
    "Äldreförvaltningen",
    "Fastighetskontoret",
    "Serviceförvaltningen",
    "Stadsarkivet",
    "Överförmyndarförvaltningen",
];

/// (account, text); the first is the synthetic work-integration account.
pub const ACCOUNTS: [(&str, &str); 12] = [
    ("4630", "Köp av arbetsmarknadsåtgärder"),
    ("4010", "Inköp av material"),
    ("4110", "Livsmedel"),
    ("4520", "Köp av verksamhet, vård och omsorg"),
    ("4610", "Köp av utbildningsplatser"),
    ("5110", "Lokalhyror"),
    ("5210", "Fastighetsunderhåll"),
    ("6110", "Konsulttjänster"),
    ("6410", "IT-tjänster"),
    ("6520", "Transporter"),
    ("7010", "Städtjänster"),
    ("7599", "Övriga tjänster"),
];
pub const WORK_INTEGRATION_ACCOUNT: &str = "4630";
pub const SUPPLIERS: u64 = 30_000;
pub const ASF_EVERY: u64 = 100;
/// Mean amount per row in öre so a year of `rows_per_year` rows is about 40 billion SEK.
pub fn mean_ore(rows_per_year: u64) -> f64 {
    4.0e12 / rows_per_year.max(1) as f64
}

/// A Luhn-valid organisation number `PNNNNN-NNNC` for supplier `i` (first digit 5 for
/// companies, 7 or 8 for the ASF's associations).
pub fn orgnr(first: u64, i: u64) -> String {
    let body = format!("{first}5{:07}", 2_000_000 + (i * 7919) % 8_000_000);
    let digits: Vec<u32> = body.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(k, &d)| {
            if k % 2 == 0 {
                let x = d * 2;
                x / 10 + x % 10
            } else {
                d
            }
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    format!("{}-{}{check}", &body[..6], &body[6..])
}

pub fn is_asf(s: u64) -> bool {
    s % ASF_EVERY == 37
}

pub fn supplier_id(s: u64) -> String {
    if s % 5000 == 4999 {
        // A few suppliers carry an internal number, as in some published ledgers.
        return format!("L{s:07}");
    }
    orgnr(if is_asf(s) { 7 + s % 2 } else { 5 }, s)
}

/// One generated row.
pub struct Row {
    pub supplier: u64,
    pub committee: usize,
    pub account: usize,
    /// Days since 1970-01-01.
    pub day: i32,
    pub ore: i64,
}

pub const DAY_2024_01_01: i32 = 19_723;
pub const DAYS_2024_2025: i32 = 731;

pub struct Generator {
    rng: Rng,
    rows_per_year: u64,
}

impl Generator {
    pub fn new(seed: u64, rows: u64) -> Self {
        Generator {
            rng: Rng::new(seed),
            rows_per_year: (rows / 2).max(1),
        }
    }

    pub fn row(&mut self) -> Row {
        let r = &mut self.rng;
        let day = DAY_2024_01_01 + r.below(DAYS_2024_2025 as u64) as i32;
        let year2025 = day >= DAY_2024_01_01 + 366;
        // ASF get about 2 % of rows in 2024 and 3 % in 2025.
        let asf_row = r.below(1000) < if year2025 { 30 } else { 20 };
        let supplier = if asf_row {
            r.below(SUPPLIERS / ASF_EVERY) * ASF_EVERY + 37
        } else {
            // Heavy tail: low indices are the large suppliers.
            ((r.unit().powi(3)) * SUPPLIERS as f64) as u64 % SUPPLIERS
        };
        let committee = (supplier as usize * 7 + r.below(3) as usize) % COMMITTEES.len();
        let account = if asf_row && r.below(2) == 0 {
            0
        } else {
            1 + (supplier as usize + r.below(2) as usize) % (ACCOUNTS.len() - 1)
        };
        // Pareto-like factor with mean 1 (tail exponent 1.6), capped.
        let factor = (r.unit().powf(-0.6) * 0.4).min(400.0);
        let mut ore = (mean_ore(self.rows_per_year) * factor) as i64;
        if r.below(100) < 2 {
            ore = -ore / 3; // credit note
        }
        Row {
            supplier,
            committee,
            account,
            day,
            ore,
        }
    }
}

pub fn date_string(day: i32) -> String {
    asf_core::ledger::date_of_day(day)
        .map(|d| d.to_string())
        .unwrap_or_default()
}

fn amount_text(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let a = ore.unsigned_abs();
    format!("{sign}{},{:02}", a / 100, a % 100)
}

pub const HEADER: &str = "kopare_id;kopare;verifikationsnummer;leverantor;leverantor_id;konto_nr;konto_text;bokforingsdatum;forvaltning;fakturanummer;nettobelopp\r\n";

/// Writes `rows` ledger rows in the national format (`;`, comma decimals, CRLF), with a
/// malformed row about every 200 000 rows and at rows 7, 500 and 1 500.
pub fn write_ledger<W: Write>(out: &mut W, rows: u64, seed: u64) -> std::io::Result<()> {
    let mut g = Generator::new(seed, rows);
    out.write_all(HEADER.as_bytes())?;
    for n in 0..rows {
        let r = g.row();
        let (acc, acc_text) = ACCOUNTS[r.account];
        let mut amount = amount_text(r.ore);
        let mut date = date_string(r.day);
        if n == 7 || n % 200_000 == 199_999 {
            amount = "12,34,5".into();
        } else if n == 500 {
            date = String::new();
        } else if n == 1500 {
            writeln!(out, "2120000000;EXEMPELSTAD;{};trasig rad\r", 9_000_000 + n)?;
            continue;
        }
        write!(
            out,
            "2120000000;EXEMPELSTAD;{};Leverantör {} AB;{};{acc};{acc_text};{date};{};F{};{amount}\r\n",
            9_000_000 + n,
            r.supplier,
            supplier_id(r.supplier),
            COMMITTEES[r.committee],
            r.supplier * 31 + n % 97,
        )?;
    }
    Ok(())
}

/// The register of the 300 ASF: most since before 2024, some registered in 2025 and some
/// whose status ended in 2024. Every fourth sells CPV 85312 (social work services), the
/// synthetic "work-integration" category.
pub fn write_register<W: Write>(out: &mut W) -> std::io::Result<()> {
    writeln!(out, "supplier_id,name,asf_from,asf_to,category")?;
    for k in 0..SUPPLIERS / ASF_EVERY {
        let s = k * ASF_EVERY + 37;
        let from = if k % 10 == 3 {
            "2025-03-01"
        } else {
            "2019-01-01"
        };
        let to = if k % 25 == 6 { "2024-09-30" } else { "" };
        let category = if k % 4 == 0 {
            "85312000-9"
        } else {
            "77310000-6"
        };
        writeln!(
            out,
            "{},Leverantör {s} AB,{from},{to},{category}",
            supplier_id(s)
        )?;
    }
    Ok(())
}

/// Reads a register CSV written by [`write_register`] (or any CSV with the columns
/// supplier_id, asf_from, asf_to, category).
pub fn read_register(text: &str) -> Vec<asf_core::goals::RegisterRow> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (id, from, to, cat, name) = (
        col("supplier_id"),
        col("asf_from"),
        col("asf_to"),
        col("category"),
        col("name"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').map(str::trim).collect();
            let get =
                |i: Option<usize>| i.and_then(|i| f.get(i)).copied().filter(|s| !s.is_empty());
            let date =
                |i| get(i).and_then(|s| asf_core::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            asf_core::goals::RegisterRow {
                supplier_id: get(id).unwrap_or_default().to_owned(),
                asf_from: date(from),
                asf_to: date(to),
                category: get(cat).map(str::to_owned),
                name: get(name).map(str::to_owned),
            }
        })
        .collect()
}
