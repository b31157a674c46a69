//! GBER wage and assistance aid: does a subsidy meet articles 32, 33, 34 or 35 of the
//! General Block Exemption Regulation (Reg. (EU) 651/2014)?
//!
//! * art. 32: recruitment of disadvantaged workers, wage costs for at most
//!   `gber.art32.max_months` months after recruitment (`…_severely_disadvantaged` for a
//!   severely disadvantaged worker), intensity at most `gber.art32.max_intensity`;
//! * art. 33: employment of workers with disabilities, `gber.art33.max_intensity`;
//! * art. 34: additional costs of employing workers with disabilities,
//!   `gber.art34.max_intensity`;
//! * art. 35: costs of assisting disadvantaged workers, `gber.art35.max_intensity`, months
//!   as art. 32 (`gber.art35.max_months…`).
//!
//! The worker's category is derived from facts (art. 2(3), 2(4), 2(99)) with the criterion
//! that decided it. The numeric criteria come from the rulebook
//! (`gber.disadvantaged.*`, `gber.severely_disadvantaged.*`); "no upper-secondary
//! qualification" (art. 2(4)(c)) and "single adult with dependants" (art. 2(4)(e)) are
//! qualitative criteria with no number. A fact left out is *not established*: the grantor
//! must be able to show the criterion. GBER applies until 2026-12-31; later grant dates get
//! `rule_not_in_force` unless a loaded rulebook provides the successor's values.

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::{Context, Operation};
use crate::params;
use crate::problem::{render, CodeDef, Lang, Problem};
use crate::rulebook::{Comparison, Entry, LegalBasis, NotInForce, Rulebook};

pub const UNKNOWN_ARTICLE: CodeDef = CodeDef {
    code: "gber_unknown_article",
    en: "Article {article} is not one asf checks; use 32, 33, 34 or 35.",
    sv: "Artikel {article} kontrolleras inte av asf; använd 32, 33, 34 eller 35.",
};
pub const WORKER_MISSING: CodeDef = CodeDef {
    code: "gber_worker_missing",
    en: "Give the worker's category or the facts that decide it.",
    sv: "Ange arbetstagarens kategori eller de uppgifter som avgör den.",
};
pub const PERIOD_MISSING: CodeDef = CodeDef {
    code: "gber_period_missing",
    en: "Article {article} limits the number of months: give the period of the costs.",
    sv: "Artikel {article} begränsar antalet månader: ange kostnadernas period.",
};
pub const PERIOD_REVERSED: CodeDef = CodeDef {
    code: "gber_period_reversed",
    en: "The period ends ({to}) before it starts ({from}).",
    sv: "Perioden slutar ({to}) innan den börjar ({from}).",
};
pub const UNDERTAKING_AID_MISSING: CodeDef = CodeDef {
    code: "gber_undertaking_aid_missing",
    en: "Give undertaking_aid_this_year_eur (aid under article {article} to the undertaking this year, this grant included) to test the notification threshold.",
    sv: "Ange undertaking_aid_this_year_eur (stöd enligt artikel {article} till företaget i år, detta stöd inräknat) för att pröva anmälningströskeln.",
};
pub const NO_ELIGIBLE_COSTS: CodeDef = CodeDef {
    code: "gber_no_eligible_costs",
    en: "The eligible costs must be more than zero.",
    sv: "De stödberättigande kostnaderna måste vara större än noll.",
};
pub const NEGATIVE_AMOUNT: CodeDef = CodeDef {
    code: "gber_negative_amount",
    en: "The amount {amount} is negative.",
    sv: "Beloppet {amount} är negativt.",
};
pub const CATEGORY_ELIGIBLE: CodeDef = CodeDef {
    code: "gber_category_eligible",
    en: "The worker is {category} ({criterion}), as article {article} requires.",
    sv: "Arbetstagaren är {category} ({criterion}), som artikel {article} kräver.",
};
pub const CATEGORY_NOT_ELIGIBLE: CodeDef = CodeDef {
    code: "gber_category_not_eligible",
    en: "Article {article} requires a worker who is {required}; that is not established.",
    sv: "Artikel {article} kräver en arbetstagare som är {required}; det är inte visat.",
};
pub const INTENSITY_WITHIN: CodeDef = CodeDef {
    code: "gber_intensity_within",
    en: "Aid intensity {intensity} is within the maximum {max_intensity}.",
    sv: "Stödnivån {intensity} ryms inom högst {max_intensity}.",
};
pub const INTENSITY_EXCEEDED: CodeDef = CodeDef {
    code: "gber_intensity_exceeded",
    en: "Aid intensity {intensity} exceeds the maximum {max_intensity}; at most {max_aid} may be granted.",
    sv: "Stödnivån {intensity} överstiger högst {max_intensity}; högst {max_aid} får beviljas.",
};
pub const PERIOD_WITHIN: CodeDef = CodeDef {
    code: "gber_period_within",
    en: "The period {from} to {to} lies within {max_months} months from {start} (last day {last_day}).",
    sv: "Perioden {from}–{to} ligger inom {max_months} månader från {start} (sista dag {last_day}).",
};
pub const PERIOD_EXCEEDED: CodeDef = CodeDef {
    code: "gber_period_exceeded",
    en: "The period {from} to {to} goes beyond {max_months} months from {start} (last day {last_day}).",
    sv: "Perioden {from}–{to} går utöver {max_months} månader från {start} (sista dag {last_day}).",
};
pub const BELOW_NOTIFICATION: CodeDef = CodeDef {
    code: "gber_below_notification_threshold",
    en: "{aid_eur} EUR this year is within the notification threshold of {threshold_eur} EUR.",
    sv: "{aid_eur} EUR i år ryms inom anmälningströskeln {threshold_eur} EUR.",
};
pub const NOTIFICATION_EXCEEDED: CodeDef = CodeDef {
    code: "gber_notification_threshold_exceeded",
    en: "{aid_eur} EUR this year exceeds the notification threshold of {threshold_eur} EUR: the aid must be notified to the Commission.",
    sv: "{aid_eur} EUR i år överstiger anmälningströskeln {threshold_eur} EUR: stödet måste anmälas till kommissionen.",
};

pub const RECRUITMENT_DATE_MISSING: CodeDef = CodeDef {
    code: "gber_recruitment_date_missing",
    en: "Article {article} counts the months from the recruitment: give the recruitment date.",
    sv: "Artikel {article} räknar månaderna från anställningen: ange anställningsdatum.",
};

pub const CODES: &[&CodeDef] = &[
    &UNKNOWN_ARTICLE,
    &RECRUITMENT_DATE_MISSING,
    &WORKER_MISSING,
    &PERIOD_MISSING,
    &PERIOD_REVERSED,
    &UNDERTAKING_AID_MISSING,
    &NO_ELIGIBLE_COSTS,
    &NEGATIVE_AMOUNT,
    &CATEGORY_ELIGIBLE,
    &CATEGORY_NOT_ELIGIBLE,
    &INTENSITY_WITHIN,
    &INTENSITY_EXCEEDED,
    &PERIOD_WITHIN,
    &PERIOD_EXCEEDED,
    &BELOW_NOTIFICATION,
    &NOTIFICATION_EXCEEDED,
];

/// Citation of the definition of a worker with disabilities.
pub const DISABLED_CITATION: &str = "Reg. (EU) 651/2014 art. 2(3)";
/// Citation of "has not attained an upper secondary educational or vocational qualification".
pub const NO_UPPER_SECONDARY_CITATION: &str = "Reg. (EU) 651/2014 art. 2(4)(c)";
/// Citation of "lives as a single adult with one or more dependants".
pub const SINGLE_ADULT_CITATION: &str = "Reg. (EU) 651/2014 art. 2(4)(e)";

/// A worker category of GBER art. 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Disadvantaged,
    SeverelyDisadvantaged,
    Disabled,
}

impl Category {
    fn name(self) -> &'static str {
        match self {
            Category::Disadvantaged => "disadvantaged",
            Category::SeverelyDisadvantaged => "severely_disadvantaged",
            Category::Disabled => "disabled",
        }
    }
}

/// The worker: a declared category, or the facts that decide it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Worker {
    #[serde(default)]
    pub category: Option<Category>,
    #[serde(default)]
    pub months_without_regular_job: Option<u32>,
    #[serde(default)]
    pub age: Option<u32>,
    #[serde(default)]
    pub upper_secondary_qualification: Option<bool>,
    #[serde(default)]
    pub single_adult_with_dependants: Option<bool>,
    #[serde(default)]
    pub recognised_disability: Option<bool>,
}

impl Worker {
    fn is_empty(&self) -> bool {
        self.category.is_none()
            && self.months_without_regular_job.is_none()
            && self.age.is_none()
            && self.upper_secondary_qualification.is_none()
            && self.single_adult_with_dependants.is_none()
            && self.recognised_disability.is_none()
    }
}

/// A period of costs, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Request of `aid.gber.check`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GberRequest {
    pub article: u32,
    /// Grant date: decides the rulebook values.
    pub date: NaiveDate,
    #[serde(default)]
    pub worker: Worker,
    #[serde(default)]
    pub recruitment_date: Option<NaiveDate>,
    #[serde(default)]
    pub period: Option<Period>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub eligible_costs: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub aid_amount: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(default, with = "crate::money::opt_decimal")]
    pub other_aid_same_costs: Option<Decimal>,
    /// Aid under the article to the undertaking in the year, this grant included, in EUR.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(default, with = "crate::money::opt_decimal")]
    pub undertaking_aid_this_year_eur: Option<Decimal>,
    #[serde(default)]
    pub lang: Lang,
}

/// The category derived, with the criterion that decided it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DerivedCategory {
    pub category: Category,
    /// `declared`, or the fact and its test, e.g. `months_without_regular_job >= 24`.
    pub criterion: String,
    pub legal_basis: LegalBasis,
}

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Fail,
    Undetermined,
}

/// A check made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Check {
    pub code: String,
    pub outcome: Outcome,
    pub message: String,
    pub legal_basis: LegalBasis,
}

/// Response of `aid.gber.check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GberResponse {
    pub allowed: Option<bool>,
    pub category: Option<DerivedCategory>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub max_intensity: Option<Decimal>,
    /// `(aid_amount + other_aid_same_costs) / eligible_costs`, four decimals for display.
    pub intensity: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub max_aid: Option<Decimal>,
    pub max_months: Option<u32>,
    pub period_last_day: Option<NaiveDate>,
    pub period_within_max_months: Option<bool>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub notification_threshold_eur: Option<Decimal>,
    pub notification_threshold_exceeded: Option<bool>,
    pub checks: Vec<Check>,
    pub problems: Vec<Problem>,
}

fn holds(entry: &Entry, quantity: u32, value: Decimal) -> bool {
    entry.comparison.holds(Decimal::from(quantity), value)
}

fn criterion_text(fact: &str, entry: &Entry, value: Decimal) -> String {
    format!("{fact} {} {value}", entry.comparison.symbol())
}

/// The worker's category for a disadvantaged-worker article (32, 35), derived from the
/// facts with the criterion that decided it; `Ok(None)` if no criterion is established.
///
/// ```
/// use asf_core::gber::{disadvantaged_category, Category, Worker};
/// let rb = asf_core::rulebook::Rulebook::default();
/// let day = "2026-06-01".parse().unwrap();
/// let w = Worker { months_without_regular_job: Some(12), age: Some(55), ..Worker::default() };
/// let c = disadvantaged_category(&rb, day, &w).unwrap().unwrap();
/// assert_eq!(c.category, Category::SeverelyDisadvantaged);
/// assert_eq!(c.criterion, "months_without_regular_job >= 12 and age > 50");
/// ```
pub fn disadvantaged_category(
    rb: &Rulebook,
    date: NaiveDate,
    w: &Worker,
) -> Result<Option<DerivedCategory>, NotInForce> {
    let (m6, e6) = rb.decimal("gber.disadvantaged.months_without_job", date)?;
    let (y_min, e_ymin) = rb.decimal("gber.disadvantaged.young_min_age", date)?;
    let (y_max, e_ymax) = rb.decimal("gber.disadvantaged.young_max_age", date)?;
    let (old, e_old) = rb.decimal("gber.disadvantaged.older_above_age", date)?;
    let (m24, e24) = rb.decimal("gber.severely_disadvantaged.months_without_job", date)?;
    let (m12, e12) = rb.decimal(
        "gber.severely_disadvantaged.months_without_job_with_other_category",
        date,
    )?;
    // Categories of art. 2(4) other than (a), each with its criterion and basis.
    let mut others: Vec<(String, LegalBasis)> = Vec::new();
    if let Some(age) = w.age {
        if holds(e_ymin, age, y_min) && holds(e_ymax, age, y_max) {
            others.push((
                format!(
                    "{} and {}",
                    criterion_text("age", e_ymin, y_min),
                    criterion_text("age", e_ymax, y_max)
                ),
                e_ymin.legal_basis(),
            ));
        }
        if holds(e_old, age, old) {
            others.push((criterion_text("age", e_old, old), e_old.legal_basis()));
        }
    }
    if w.upper_secondary_qualification == Some(false) {
        others.push((
            "upper_secondary_qualification = false".to_owned(),
            LegalBasis::citation(NO_UPPER_SECONDARY_CITATION),
        ));
    }
    if w.single_adult_with_dependants == Some(true) {
        others.push((
            "single_adult_with_dependants = true".to_owned(),
            LegalBasis::citation(SINGLE_ADULT_CITATION),
        ));
    }
    let derived = |category, criterion: String, legal_basis: LegalBasis| {
        Some(DerivedCategory {
            category,
            criterion,
            legal_basis,
        })
    };
    if let Some(m) = w.months_without_regular_job {
        if holds(e24, m, m24) {
            return Ok(derived(
                Category::SeverelyDisadvantaged,
                criterion_text("months_without_regular_job", e24, m24),
                e24.legal_basis(),
            ));
        }
        if let Some((other, _)) = others.first().filter(|_| holds(e12, m, m12)) {
            let text = format!(
                "{} and {other}",
                criterion_text("months_without_regular_job", e12, m12)
            );
            return Ok(derived(
                Category::SeverelyDisadvantaged,
                text,
                e12.legal_basis(),
            ));
        }
        if holds(e6, m, m6) {
            return Ok(derived(
                Category::Disadvantaged,
                criterion_text("months_without_regular_job", e6, m6),
                e6.legal_basis(),
            ));
        }
    }
    Ok(others
        .into_iter()
        .next()
        .and_then(|(text, basis)| derived(Category::Disadvantaged, text, basis)))
}

fn check(
    def: &CodeDef,
    outcome: Outcome,
    lang: Lang,
    p: &serde_json::Map<String, serde_json::Value>,
    basis: LegalBasis,
) -> Check {
    Check {
        code: def.code.to_owned(),
        outcome,
        message: render(def.template(lang), p),
        legal_basis: basis,
    }
}

fn empty_response(problems: Vec<Problem>) -> GberResponse {
    GberResponse {
        allowed: None,
        category: None,
        max_intensity: None,
        intensity: None,
        max_aid: None,
        max_months: None,
        period_last_day: None,
        period_within_max_months: None,
        notification_threshold_eur: None,
        notification_threshold_exceeded: None,
        checks: Vec::new(),
        problems,
    }
}

/// `aid.gber.check` as a typed function.
pub fn gber_check(rb: &Rulebook, req: &GberRequest) -> GberResponse {
    let lang = req.lang;
    let art = req.article;
    if ![32, 33, 34, 35].contains(&art) {
        return empty_response(vec![Problem::with_params(
            &UNKNOWN_ARTICLE,
            "/article",
            lang,
            params![("article", art)],
        )]);
    }
    let (max_intensity, intensity_entry) =
        match rb.decimal(&format!("gber.art{art}.max_intensity"), req.date) {
            Ok(v) => v,
            Err(e) => return empty_response(vec![e.problem("/date", lang)]),
        };
    let mut problems = Vec::new();
    let mut checks = Vec::new();
    let mut resp = empty_response(Vec::new());
    resp.max_intensity = Some(max_intensity);
    let other = req.other_aid_same_costs.unwrap_or_default();
    for (value, path) in [
        (req.aid_amount, "/aid_amount"),
        (other, "/other_aid_same_costs"),
        (req.eligible_costs, "/eligible_costs"),
    ] {
        if value.is_sign_negative() && !value.is_zero() {
            problems.push(Problem::with_params(
                &NEGATIVE_AMOUNT,
                path,
                lang,
                params![("amount", value.to_string())],
            ));
        }
    }

    // 1. The worker's category.
    let disadvantaged_article = art == 32 || art == 35;
    let required = if disadvantaged_article {
        "disadvantaged or severely_disadvantaged"
    } else {
        "disabled"
    };
    let mut category = None;
    if req.worker.is_empty() {
        problems.push(Problem::new(&WORKER_MISSING, "/worker", lang));
    } else if let Some(c) = req.worker.category {
        let basis = match c {
            Category::Disabled => LegalBasis::citation(DISABLED_CITATION),
            Category::Disadvantaged => LegalBasis::citation("Reg. (EU) 651/2014 art. 2(4)"),
            Category::SeverelyDisadvantaged => {
                LegalBasis::citation("Reg. (EU) 651/2014 art. 2(99)")
            }
        };
        category = Some(DerivedCategory {
            category: c,
            criterion: "declared".to_owned(),
            legal_basis: basis,
        });
    } else if disadvantaged_article {
        match disadvantaged_category(rb, req.date, &req.worker) {
            Ok(c) => category = c,
            Err(e) => problems.push(e.problem("/date", lang)),
        }
    } else if req.worker.recognised_disability == Some(true) {
        category = Some(DerivedCategory {
            category: Category::Disabled,
            criterion: "recognised_disability = true".to_owned(),
            legal_basis: LegalBasis::citation(DISABLED_CITATION),
        });
    }
    if !req.worker.is_empty() {
        let eligible = category.as_ref().is_some_and(|c| match c.category {
            Category::Disabled => !disadvantaged_article,
            _ => disadvantaged_article,
        });
        let basis = category
            .as_ref()
            .map(|c| c.legal_basis.clone())
            .unwrap_or_else(|| {
                LegalBasis::citation(if disadvantaged_article {
                    "Reg. (EU) 651/2014 art. 2(4), 2(99)"
                } else {
                    DISABLED_CITATION
                })
            });
        let p = params![
            ("article", art),
            ("required", required),
            (
                "category",
                category
                    .as_ref()
                    .map(|c| c.category.name())
                    .unwrap_or_default()
            ),
            (
                "criterion",
                category
                    .as_ref()
                    .map(|c| c.criterion.clone())
                    .unwrap_or_default()
            ),
        ];
        checks.push(if eligible {
            check(&CATEGORY_ELIGIBLE, Outcome::Pass, lang, &p, basis)
        } else {
            check(&CATEGORY_NOT_ELIGIBLE, Outcome::Fail, lang, &p, basis)
        });
    }
    resp.category = category.clone();

    // 2. Aid intensity, compared cross-multiplied so that no rounding decides.
    if req.eligible_costs <= Decimal::ZERO {
        problems.push(Problem::new(&NO_ELIGIBLE_COSTS, "/eligible_costs", lang));
    } else if let (Some(total), Some(cap)) = (
        req.aid_amount.checked_add(other),
        max_intensity.checked_mul(req.eligible_costs),
    ) {
        let max_aid = (cap - other).max(Decimal::ZERO);
        let intensity = crate::money::fraction_string(total, req.eligible_costs, 4);
        let ok = intensity_entry.comparison.holds(total, cap);
        let p = params![
            ("intensity", intensity.clone().unwrap_or_default()),
            ("max_intensity", max_intensity.to_string()),
            ("max_aid", max_aid.to_string()),
        ];
        checks.push(if ok {
            check(
                &INTENSITY_WITHIN,
                Outcome::Pass,
                lang,
                &p,
                intensity_entry.legal_basis(),
            )
        } else {
            check(
                &INTENSITY_EXCEEDED,
                Outcome::Fail,
                lang,
                &p,
                intensity_entry.legal_basis(),
            )
        });
        resp.intensity = intensity;
        resp.max_aid = Some(max_aid);
    }

    // 3. Months after recruitment (art. 32, 35).
    if disadvantaged_article {
        let severely = category
            .as_ref()
            .is_some_and(|c| c.category == Category::SeverelyDisadvantaged);
        let id = if severely {
            format!("gber.art{art}.max_months_severely_disadvantaged")
        } else {
            format!("gber.art{art}.max_months")
        };
        match rb.decimal(&id, req.date) {
            Err(e) => problems.push(e.problem("/date", lang)),
            Ok((months, entry)) => {
                let months_u32 = u32::try_from(months.trunc()).ok();
                resp.max_months = months_u32;
                match req.period {
                    None => problems.push(Problem::with_params(
                        &PERIOD_MISSING,
                        "/period",
                        lang,
                        params![("article", art)],
                    )),
                    Some(period) if period.to < period.from => problems.push(Problem::with_params(
                        &PERIOD_REVERSED,
                        "/period",
                        lang,
                        params![
                            ("from", period.from.to_string()),
                            ("to", period.to.to_string())
                        ],
                    )),
                    // The months run from the recruitment (art. 32(2), 35): without its date
                    // the period cannot be judged, and the aid is never "allowed" by guess.
                    Some(_) if req.recruitment_date.is_none() => problems.push(Problem::with_params(
                        &RECRUITMENT_DATE_MISSING,
                        "/recruitment_date",
                        lang,
                        params![("article", art)],
                    )),
                    Some(period) => {
                        let start = req.recruitment_date.unwrap_or(period.from);
                        // The last day inside `months` months from the start; a strict
                        // comparison ends one day earlier.
                        let end = months_u32.and_then(|m| start.checked_add_months(Months::new(m)));
                        let back = if entry.comparison == Comparison::Below {
                            2
                        } else {
                            1
                        };
                        if let Some(last_day) =
                            end.and_then(|e| e.checked_sub_days(Days::new(back)))
                        {
                            let within = period.from >= start && period.to <= last_day;
                            let p = params![
                                ("from", period.from.to_string()),
                                ("to", period.to.to_string()),
                                ("max_months", months.to_string()),
                                ("start", start.to_string()),
                                ("last_day", last_day.to_string()),
                            ];
                            checks.push(if within {
                                check(&PERIOD_WITHIN, Outcome::Pass, lang, &p, entry.legal_basis())
                            } else {
                                check(
                                    &PERIOD_EXCEEDED,
                                    Outcome::Fail,
                                    lang,
                                    &p,
                                    entry.legal_basis(),
                                )
                            });
                            resp.period_last_day = Some(last_day);
                            resp.period_within_max_months = Some(within);
                        }
                    }
                }
            }
        }
    }

    // 4. Notification threshold per undertaking and year.
    match rb.decimal(&format!("gber.notification.art{art}_eur"), req.date) {
        Err(e) => problems.push(e.problem("/date", lang)),
        Ok((threshold, entry)) => {
            resp.notification_threshold_eur = Some(threshold);
            match req.undertaking_aid_this_year_eur {
                None => problems.push(Problem::with_params(
                    &UNDERTAKING_AID_MISSING,
                    "/undertaking_aid_this_year_eur",
                    lang,
                    params![("article", art)],
                )),
                Some(aid) => {
                    let within = entry.comparison.holds(aid, threshold);
                    let p = params![
                        ("aid_eur", aid.to_string()),
                        ("threshold_eur", threshold.to_string())
                    ];
                    checks.push(if within {
                        check(
                            &BELOW_NOTIFICATION,
                            Outcome::Pass,
                            lang,
                            &p,
                            entry.legal_basis(),
                        )
                    } else {
                        check(
                            &NOTIFICATION_EXCEEDED,
                            Outcome::Fail,
                            lang,
                            &p,
                            entry.legal_basis(),
                        )
                    });
                    resp.notification_threshold_exceeded = Some(!within);
                }
            }
        }
    }

    resp.allowed = if checks.iter().any(|c| c.outcome == Outcome::Fail) {
        Some(false)
    } else if problems.is_empty() && checks.iter().all(|c| c.outcome == Outcome::Pass) {
        Some(true)
    } else {
        None
    };
    resp.checks = checks;
    resp.problems = problems;
    resp
}

fn run(ctx: &Context<'_>, req: GberRequest) -> GberResponse {
    gber_check(ctx.rulebook, &req)
}

pub(crate) const OPERATION: Operation = crate::operation!("aid.gber.check", run);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn eleven_months_plus_other_category_is_only_disadvantaged() {
        let rb = Rulebook::default();
        let w = Worker {
            months_without_regular_job: Some(11),
            single_adult_with_dependants: Some(true),
            ..Worker::default()
        };
        let c = disadvantaged_category(&rb, day("2025-01-01"), &w)
            .unwrap()
            .unwrap();
        assert_eq!(
            (c.category, c.criterion.as_str()),
            (Category::Disadvantaged, "months_without_regular_job >= 6")
        );
    }

    #[test]
    fn age_24_is_young_and_25_is_not() {
        let rb = Rulebook::default();
        let at = |age| {
            disadvantaged_category(
                &rb,
                day("2025-01-01"),
                &Worker {
                    age: Some(age),
                    ..Worker::default()
                },
            )
            .unwrap()
        };
        assert!(at(24).is_some());
        assert!(at(25).is_none());
        assert!(at(50).is_none());
        assert_eq!(at(51).unwrap().criterion, "age > 50");
    }
}
