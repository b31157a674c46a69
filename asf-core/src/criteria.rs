//! Is this enterprise a work-integration social enterprise (arbetsintegrerande socialt
//! företag, ASF)? Operation `asf.assess`.
//!
//! No statute defines ASF. The policy definition (Regeringens handlingsplan för
//! arbetsintegrerande sociala företag, 2010; Tillväxtverket) has a precondition and four
//! criteria without any numeric threshold: the enterprise carries on business activity,
//! its overarching purpose is work integration, it creates participation for its staff,
//! it mainly reinvests its profits, and it is organisationally independent of the public
//! sector. Profile `skoopi_2021` adds the practice criteria of the trade association
//! Skoopi (board decision 2021-03-31): employment, no profit distribution, an own
//! organisation number, and a *recommendation* that the highest salary be at most
//! `asf.skoopi.max_salary_ratio` times the lowest, which is reported as a remark and never
//! fails an assessment.
//!
//! Every input may be unknown (`null`): its criterion is then `unknown` and the outcome
//! `undetermined`, unless another criterion is `not_met` (then `does_not_qualify`).
//!
//! Being an ASF and being eligible for a reserved procurement are different questions:
//! see [`crate::reserved`].

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::engine::{Context, Operation};
use crate::orgnr::{IdKind, OrgNr};
use crate::params;
use crate::problem::{render, CodeDef, Lang, Problem};
use crate::rulebook::{LegalBasis, Rulebook};

/// Citation of the official definition. The action plan's document number is not given in
/// the project's sources, so it is cited by title and year.
pub const OFFICIAL_CITATION: &str =
    "Regeringens handlingsplan för arbetsintegrerande sociala företag (2010); Tillväxtverket";

/// Rulebook id of the flag that says Skoopi's criteria exist (from the board decision).
pub const SKOOPI_AVAILABLE_RULE: &str = "asf.skoopi.available";
/// Rulebook id of Skoopi's recommended maximum ratio of highest to lowest salary.
pub const SKOOPI_SALARY_RATIO_RULE: &str = "asf.skoopi.max_salary_ratio";

/// The set of criteria an assessment applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Profile {
    /// The policy definition of 2010 (precondition and four criteria).
    #[default]
    #[serde(rename = "official_2010")]
    Official2010,
    /// The official criteria plus Skoopi's practice criteria (2021-03-31).
    #[serde(rename = "skoopi_2021")]
    Skoopi2021,
}

/// How the staff take part in the enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Participation {
    Ownership,
    Agreement,
    DocumentedOther,
    None,
}

impl Participation {
    fn as_str(self) -> &'static str {
        match self {
            Participation::Ownership => "ownership",
            Participation::Agreement => "agreement",
            Participation::DocumentedOther => "documented_other",
            Participation::None => "none",
        }
    }
}

/// What is known about the enterprise. Every field may be `null` (unknown).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Enterprise {
    #[serde(default)]
    pub org_id: Option<String>,
    #[serde(default)]
    pub sells_goods_or_services: Option<bool>,
    #[serde(default)]
    pub main_purpose_work_integration: Option<bool>,
    #[serde(default)]
    pub participation: Option<Participation>,
    #[serde(default)]
    pub reinvests_profits_mainly: Option<bool>,
    #[serde(default)]
    pub public_owner: Option<bool>,
    /// Skoopi: whether the enterprise distributes profit (to owners, members ...).
    #[serde(default)]
    pub distributes_profit: Option<bool>,
    /// Skoopi: whether people of the target group are employed (not only in training places).
    #[serde(default)]
    pub employs_target_group: Option<bool>,
    /// Skoopi: highest monthly salary (any currency, the same for both salaries).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(default, with = "crate::money::opt_decimal")]
    pub highest_salary: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(default, with = "crate::money::opt_decimal")]
    pub lowest_salary: Option<Decimal>,
}

/// Request of `asf.assess`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AssessRequest {
    /// The date of the assessment; defaults to today.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    #[serde(default)]
    pub profile: Profile,
    #[serde(default)]
    pub enterprise: Enterprise,
    #[serde(default)]
    pub lang: Lang,
}

/// Whether the enterprise is an ASF under the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    Qualifies,
    DoesNotQualify,
    Undetermined,
}

/// The outcome of one criterion, check or remark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Met,
    NotMet,
    Unknown,
}

impl Outcome {
    /// `Met` for `Some(true)`, `NotMet` for `Some(false)`, `Unknown` for `None`.
    pub fn from_known(v: Option<bool>) -> Self {
        match v {
            Some(true) => Outcome::Met,
            Some(false) => Outcome::NotMet,
            None => Outcome::Unknown,
        }
    }
}

/// One criterion (or check, or remark) of a decision, explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Criterion {
    pub id: String,
    pub outcome: Outcome,
    pub code: String,
    pub message: String,
    pub params: Map<String, Value>,
    pub legal_basis: LegalBasis,
}

/// The three message codes of a criterion: met, not met, unknown.
#[derive(Debug)]
pub struct Codes {
    pub met: &'static CodeDef,
    pub not_met: &'static CodeDef,
    pub unknown: &'static CodeDef,
}

impl Criterion {
    /// A criterion whose message is chosen by outcome from `codes`.
    pub fn new(
        id: &str,
        outcome: Outcome,
        codes: &Codes,
        lang: Lang,
        params: Map<String, Value>,
        legal_basis: LegalBasis,
    ) -> Self {
        let def = match outcome {
            Outcome::Met => codes.met,
            Outcome::NotMet => codes.not_met,
            Outcome::Unknown => codes.unknown,
        };
        Criterion::with_code(id, outcome, def, lang, params, legal_basis)
    }

    /// A criterion with an explicit message code.
    pub fn with_code(
        id: &str,
        outcome: Outcome,
        def: &CodeDef,
        lang: Lang,
        params: Map<String, Value>,
        legal_basis: LegalBasis,
    ) -> Self {
        Criterion {
            id: id.to_owned(),
            outcome,
            code: def.code.to_owned(),
            message: render(def.template(lang), &params),
            params,
            legal_basis,
        }
    }
}

/// Response of `asf.assess`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AssessResponse {
    pub as_of: NaiveDate,
    pub profile: Profile,
    pub outcome: Assessment,
    pub criteria: Vec<Criterion>,
    pub remarks: Vec<Criterion>,
    pub problems: Vec<Problem>,
}

pub const BUSINESS_MET: CodeDef = CodeDef {
    code: "asf_business_activity_met",
    en: "The enterprise carries on business activity: it produces and sells goods or services.",
    sv: "Företaget bedriver näringsverksamhet: det producerar och säljer varor eller tjänster.",
};
pub const BUSINESS_NOT_MET: CodeDef = CodeDef {
    code: "asf_business_activity_not_met",
    en: "The enterprise does not sell goods or services; an ASF carries on business activity.",
    sv: "Företaget säljer inte varor eller tjänster; ett ASF bedriver näringsverksamhet.",
};
pub const BUSINESS_UNKNOWN: CodeDef = CodeDef {
    code: "asf_business_activity_unknown",
    en: "Not known whether the enterprise sells goods or services (sells_goods_or_services is missing).",
    sv: "Det är inte känt om företaget säljer varor eller tjänster (sells_goods_or_services saknas).",
};
pub const PURPOSE_MET: CodeDef = CodeDef {
    code: "asf_work_integration_met",
    en: "The overarching purpose is to integrate people with great difficulty getting or keeping a job into working life and society.",
    sv: "Det övergripande syftet är att integrera människor med stora svårigheter att få eller behålla ett arbete i arbetsliv och samhälle.",
};
pub const PURPOSE_NOT_MET: CodeDef = CodeDef {
    code: "asf_work_integration_not_met",
    en: "Work integration is not the enterprise's overarching purpose.",
    sv: "Arbetsintegrering är inte företagets övergripande syfte.",
};
pub const PURPOSE_UNKNOWN: CodeDef = CodeDef {
    code: "asf_work_integration_unknown",
    en: "Not known whether work integration is the overarching purpose (main_purpose_work_integration is missing).",
    sv: "Det är inte känt om arbetsintegrering är det övergripande syftet (main_purpose_work_integration saknas).",
};
pub const PARTICIPATION_MET: CodeDef = CodeDef {
    code: "asf_participation_met",
    en: "The enterprise creates participation for its staff ({participation}).",
    sv: "Företaget skapar delaktighet för medarbetarna ({participation}).",
};
pub const PARTICIPATION_NOT_MET: CodeDef = CodeDef {
    code: "asf_participation_not_met",
    en: "The enterprise creates no participation for its staff through ownership, agreements or another well-documented way.",
    sv: "Företaget skapar inte delaktighet för medarbetarna genom ägande, avtal eller på annat väldokumenterat sätt.",
};
pub const PARTICIPATION_UNKNOWN: CodeDef = CodeDef {
    code: "asf_participation_unknown",
    en: "Not known how the staff take part in the enterprise (participation is missing).",
    sv: "Det är inte känt hur medarbetarna är delaktiga i företaget (participation saknas).",
};
pub const PROFITS_MET: CodeDef = CodeDef {
    code: "asf_profits_reinvested_met",
    en: "Profits are mainly reinvested in the enterprise's own or similar activities.",
    sv: "Vinsten återinvesteras i huvudsak i den egna eller liknande verksamheter.",
};
pub const PROFITS_NOT_MET: CodeDef = CodeDef {
    code: "asf_profits_reinvested_not_met",
    en: "Profits are not mainly reinvested in the enterprise's own or similar activities.",
    sv: "Vinsten återinvesteras inte i huvudsak i den egna eller liknande verksamheter.",
};
pub const PROFITS_UNKNOWN: CodeDef = CodeDef {
    code: "asf_profits_reinvested_unknown",
    en: "Not known whether profits are mainly reinvested (reinvests_profits_mainly is missing).",
    sv: "Det är inte känt om vinsten i huvudsak återinvesteras (reinvests_profits_mainly saknas).",
};
pub const INDEPENDENT_MET: CodeDef = CodeDef {
    code: "asf_independent_met",
    en: "The enterprise has no public owner: it is organisationally independent of the public sector.",
    sv: "Företaget har ingen offentlig ägare: det är organisatoriskt fristående från offentlig verksamhet.",
};
pub const INDEPENDENT_NOT_MET: CodeDef = CodeDef {
    code: "asf_independent_not_met",
    en: "The enterprise has a public owner; an ASF is organisationally independent of the public sector.",
    sv: "Företaget har en offentlig ägare; ett ASF är organisatoriskt fristående från offentlig verksamhet.",
};
pub const INDEPENDENT_UNKNOWN: CodeDef = CodeDef {
    code: "asf_independent_unknown",
    en: "Not known whether the enterprise has a public owner (public_owner is missing).",
    sv: "Det är inte känt om företaget har en offentlig ägare (public_owner saknas).",
};
pub const EMPLOYMENT_MET: CodeDef = CodeDef {
    code: "asf_employment_met",
    en: "People of the target group are employed, not only given training places.",
    sv: "Personer ur målgruppen är anställda, inte bara i praktik.",
};
pub const EMPLOYMENT_NOT_MET: CodeDef = CodeDef {
    code: "asf_employment_not_met",
    en: "No people of the target group are employed; Skoopi's criteria aim at employment, not only training places.",
    sv: "Inga personer ur målgruppen är anställda; Skoopis kriterier syftar till anställning, inte bara praktikplatser.",
};
pub const EMPLOYMENT_UNKNOWN: CodeDef = CodeDef {
    code: "asf_employment_unknown",
    en: "Not known whether people of the target group are employed (employs_target_group is missing).",
    sv: "Det är inte känt om personer ur målgruppen är anställda (employs_target_group saknas).",
};
pub const NO_DISTRIBUTION_MET: CodeDef = CodeDef {
    code: "asf_no_profit_distribution_met",
    en: "The enterprise distributes no profit.",
    sv: "Företaget delar inte ut någon vinst.",
};
pub const NO_DISTRIBUTION_NOT_MET: CodeDef = CodeDef {
    code: "asf_no_profit_distribution_not_met",
    en: "The enterprise distributes profit; Skoopi's criteria allow no profit distribution whatever the legal form.",
    sv: "Företaget delar ut vinst; Skoopis kriterier tillåter ingen vinstutdelning oavsett associationsform.",
};
pub const NO_DISTRIBUTION_UNKNOWN: CodeDef = CodeDef {
    code: "asf_no_profit_distribution_unknown",
    en: "Not known whether the enterprise distributes profit (distributes_profit is missing).",
    sv: "Det är inte känt om företaget delar ut vinst (distributes_profit saknas).",
};
pub const OWN_ORGNR_MET: CodeDef = CodeDef {
    code: "asf_own_orgnr_met",
    en: "The enterprise has its own organisation number ({orgnr}).",
    sv: "Företaget har ett eget organisationsnummer ({orgnr}).",
};
pub const OWN_ORGNR_NOT_MET: CodeDef = CodeDef {
    code: "asf_own_orgnr_not_met",
    en: "{orgnr} is a personal or coordination number, not an organisation number of the enterprise's own.",
    sv: "{orgnr} är ett person- eller samordningsnummer, inte ett eget organisationsnummer för företaget.",
};
pub const OWN_ORGNR_UNKNOWN: CodeDef = CodeDef {
    code: "asf_own_orgnr_unknown",
    en: "Not known whether the enterprise has its own organisation number (org_id is missing or invalid).",
    sv: "Det är inte känt om företaget har ett eget organisationsnummer (org_id saknas eller är ogiltigt).",
};
pub const RATIO_MET: CodeDef = CodeDef {
    code: "asf_salary_ratio_met",
    en: "The highest salary ({highest}) is at most {max_ratio} times the lowest ({lowest}).",
    sv: "Den högsta lönen ({highest}) är högst {max_ratio} gånger den lägsta ({lowest}).",
};
pub const RATIO_NOT_MET: CodeDef = CodeDef {
    code: "asf_salary_ratio_not_met",
    en: "The highest salary ({highest}) is more than {max_ratio} times the lowest ({lowest}); Skoopi recommends at most {max_ratio} times. This is a recommendation and does not affect the outcome.",
    sv: "Den högsta lönen ({highest}) är mer än {max_ratio} gånger den lägsta ({lowest}); Skoopi rekommenderar högst {max_ratio} gånger. Det är en rekommendation och påverkar inte utfallet.",
};
pub const RATIO_UNKNOWN: CodeDef = CodeDef {
    code: "asf_salary_ratio_unknown",
    en: "The salary ratio could not be checked: a valid highest_salary and lowest_salary are both needed.",
    sv: "Lönespridningen kunde inte kontrolleras: både highest_salary och lowest_salary behövs med giltiga värden.",
};
pub const SALARY_NOT_POSITIVE: CodeDef = CodeDef {
    code: "asf_salary_not_positive",
    en: "A salary must be greater than zero; got {amount}.",
    sv: "En lön måste vara större än noll; fick {amount}.",
};
pub const SALARY_ORDER: CodeDef = CodeDef {
    code: "asf_salary_order",
    en: "The highest salary ({highest}) is lower than the lowest salary ({lowest}); are they swapped?",
    sv: "Den högsta lönen ({highest}) är lägre än den lägsta lönen ({lowest}); har de bytt plats?",
};
pub const SALARY_OUT_OF_RANGE: CodeDef = CodeDef {
    code: "asf_salary_out_of_range",
    en: "The salaries are too large to compare exactly.",
    sv: "Lönerna är för stora för att jämföras exakt.",
};

pub const CODES: &[&CodeDef] = &[
    &BUSINESS_MET,
    &BUSINESS_NOT_MET,
    &BUSINESS_UNKNOWN,
    &PURPOSE_MET,
    &PURPOSE_NOT_MET,
    &PURPOSE_UNKNOWN,
    &PARTICIPATION_MET,
    &PARTICIPATION_NOT_MET,
    &PARTICIPATION_UNKNOWN,
    &PROFITS_MET,
    &PROFITS_NOT_MET,
    &PROFITS_UNKNOWN,
    &INDEPENDENT_MET,
    &INDEPENDENT_NOT_MET,
    &INDEPENDENT_UNKNOWN,
    &EMPLOYMENT_MET,
    &EMPLOYMENT_NOT_MET,
    &EMPLOYMENT_UNKNOWN,
    &NO_DISTRIBUTION_MET,
    &NO_DISTRIBUTION_NOT_MET,
    &NO_DISTRIBUTION_UNKNOWN,
    &OWN_ORGNR_MET,
    &OWN_ORGNR_NOT_MET,
    &OWN_ORGNR_UNKNOWN,
    &RATIO_MET,
    &RATIO_NOT_MET,
    &RATIO_UNKNOWN,
    &SALARY_NOT_POSITIVE,
    &SALARY_ORDER,
    &SALARY_OUT_OF_RANGE,
];

const BUSINESS: Codes = Codes {
    met: &BUSINESS_MET,
    not_met: &BUSINESS_NOT_MET,
    unknown: &BUSINESS_UNKNOWN,
};
const PURPOSE: Codes = Codes {
    met: &PURPOSE_MET,
    not_met: &PURPOSE_NOT_MET,
    unknown: &PURPOSE_UNKNOWN,
};
const PARTICIPATION: Codes = Codes {
    met: &PARTICIPATION_MET,
    not_met: &PARTICIPATION_NOT_MET,
    unknown: &PARTICIPATION_UNKNOWN,
};
const PROFITS: Codes = Codes {
    met: &PROFITS_MET,
    not_met: &PROFITS_NOT_MET,
    unknown: &PROFITS_UNKNOWN,
};
const INDEPENDENT: Codes = Codes {
    met: &INDEPENDENT_MET,
    not_met: &INDEPENDENT_NOT_MET,
    unknown: &INDEPENDENT_UNKNOWN,
};
const EMPLOYMENT: Codes = Codes {
    met: &EMPLOYMENT_MET,
    not_met: &EMPLOYMENT_NOT_MET,
    unknown: &EMPLOYMENT_UNKNOWN,
};
const NO_DISTRIBUTION: Codes = Codes {
    met: &NO_DISTRIBUTION_MET,
    not_met: &NO_DISTRIBUTION_NOT_MET,
    unknown: &NO_DISTRIBUTION_UNKNOWN,
};
const OWN_ORGNR: Codes = Codes {
    met: &OWN_ORGNR_MET,
    not_met: &OWN_ORGNR_NOT_MET,
    unknown: &OWN_ORGNR_UNKNOWN,
};
const RATIO: Codes = Codes {
    met: &RATIO_MET,
    not_met: &RATIO_NOT_MET,
    unknown: &RATIO_UNKNOWN,
};

/// The org_id, checked: `None` when absent, `Some(Ok)` when valid, `Some(Err(()))` when
/// invalid (the reasons are pushed to `problems`).
pub(crate) fn check_org_id(
    org_id: Option<&str>,
    as_of: NaiveDate,
    path: &str,
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> Option<Result<OrgNr, ()>> {
    let id = org_id?;
    Some(crate::orgnr::parse(id, as_of).map_err(|reasons| {
        problems.extend(reasons.iter().map(|r| r.problem(path, lang)));
    }))
}

/// The outcome of a decision from its criteria: `not_met` anywhere decides against;
/// otherwise any `unknown`, or a blocking problem, leaves it open.
pub(crate) fn combine(outcomes: impl IntoIterator<Item = Outcome>, blocked: bool) -> Option<bool> {
    let mut unknown = blocked;
    for o in outcomes {
        match o {
            Outcome::NotMet => return Some(false),
            Outcome::Unknown => unknown = true,
            Outcome::Met => {}
        }
    }
    (!unknown).then_some(true)
}

/// Assesses an enterprise against the ASF criteria of a profile, as of a date.
///
/// ```
/// use asf_core::criteria::{assess, AssessRequest, Assessment, Enterprise, Participation};
/// use asf_core::{rulebook::Rulebook, NaiveDate, Lang};
/// let enterprise = Enterprise {
///     sells_goods_or_services: Some(true),
///     main_purpose_work_integration: Some(true),
///     participation: Some(Participation::Ownership),
///     reinvests_profits_mainly: Some(true),
///     public_owner: Some(false),
///     ..Enterprise::default()
/// };
/// let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
/// let out = assess(&Rulebook::default(), &AssessRequest { as_of: Some(day), enterprise, ..Default::default() }, day);
/// assert_eq!(out.outcome, Assessment::Qualifies);
/// assert_eq!(out.criteria.len(), 5);
/// ```
pub fn assess(rulebook: &Rulebook, req: &AssessRequest, today: NaiveDate) -> AssessResponse {
    let as_of = req.as_of.unwrap_or(today);
    let lang = req.lang;
    let e = &req.enterprise;
    let mut problems = Vec::new();
    let org = check_org_id(
        e.org_id.as_deref(),
        as_of,
        "/enterprise/org_id",
        lang,
        &mut problems,
    );
    let invalid_org = matches!(org, Some(Err(())));

    let skoopi_basis = match req.profile {
        Profile::Official2010 => None,
        Profile::Skoopi2021 => match rulebook.in_force(SKOOPI_AVAILABLE_RULE, as_of) {
            Ok(entry) if entry.flag() == Some(true) => Some(entry.legal_basis()),
            Ok(_) | Err(_) => {
                let missing = crate::rulebook::NotInForce {
                    rule: SKOOPI_AVAILABLE_RULE.to_owned(),
                    date: as_of,
                };
                problems.push(missing.problem("/as_of", lang));
                return AssessResponse {
                    as_of,
                    profile: req.profile,
                    outcome: Assessment::Undetermined,
                    criteria: Vec::new(),
                    remarks: Vec::new(),
                    problems,
                };
            }
        },
    };

    let official = || LegalBasis::citation(OFFICIAL_CITATION);
    let mut criteria = vec![
        Criterion::new(
            "business_activity",
            Outcome::from_known(e.sells_goods_or_services),
            &BUSINESS,
            lang,
            params![],
            official(),
        ),
        Criterion::new(
            "work_integration_purpose",
            Outcome::from_known(e.main_purpose_work_integration),
            &PURPOSE,
            lang,
            params![],
            official(),
        ),
        Criterion::new(
            "participation",
            Outcome::from_known(e.participation.map(|p| p != Participation::None)),
            &PARTICIPATION,
            lang,
            e.participation
                .map(|p| params![("participation", p.as_str())])
                .unwrap_or_default(),
            official(),
        ),
        Criterion::new(
            "profits_reinvested",
            Outcome::from_known(e.reinvests_profits_mainly),
            &PROFITS,
            lang,
            params![],
            official(),
        ),
        Criterion::new(
            "independent_of_public_sector",
            Outcome::from_known(e.public_owner.map(|p| !p)),
            &INDEPENDENT,
            lang,
            params![],
            official(),
        ),
    ];
    let mut remarks = Vec::new();

    if let Some(basis) = skoopi_basis {
        criteria.push(Criterion::new(
            "employment",
            Outcome::from_known(e.employs_target_group),
            &EMPLOYMENT,
            lang,
            params![],
            basis.clone(),
        ));
        criteria.push(Criterion::new(
            "no_profit_distribution",
            Outcome::from_known(e.distributes_profit.map(|d| !d)),
            &NO_DISTRIBUTION,
            lang,
            params![],
            basis.clone(),
        ));
        let (outcome, params) = match &org {
            Some(Ok(n)) => (
                Outcome::from_known(Some(n.kind == IdKind::OrganisationNumber)),
                params![("orgnr", n.formatted.as_str())],
            ),
            _ => (Outcome::Unknown, params![]),
        };
        criteria.push(Criterion::new(
            "own_organisation_number",
            outcome,
            &OWN_ORGNR,
            lang,
            params,
            basis,
        ));
        remarks.push(salary_ratio(rulebook, e, as_of, lang, &mut problems));
    }

    let outcome = match combine(criteria.iter().map(|c| c.outcome), invalid_org) {
        Some(true) => Assessment::Qualifies,
        Some(false) => Assessment::DoesNotQualify,
        None => Assessment::Undetermined,
    };
    AssessResponse {
        as_of,
        profile: req.profile,
        outcome,
        criteria,
        remarks,
        problems,
    }
}

/// Skoopi's recommendation on the spread of salaries: a remark, never a failure.
fn salary_ratio(
    rulebook: &Rulebook,
    e: &Enterprise,
    as_of: NaiveDate,
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> Criterion {
    const ID: &str = "salary_ratio";
    let unknown =
        |basis: LegalBasis| Criterion::new(ID, Outcome::Unknown, &RATIO, lang, params![], basis);
    let (max_ratio, entry) = match rulebook.decimal(SKOOPI_SALARY_RATIO_RULE, as_of) {
        Ok(found) => found,
        Err(missing) => {
            problems.push(missing.problem("/as_of", lang));
            return unknown(LegalBasis {
                citation: String::new(),
                rule: Some(SKOOPI_SALARY_RATIO_RULE.to_owned()),
            });
        }
    };
    let basis = entry.legal_basis();
    let mut valid = true;
    for (amount, field) in [
        (e.highest_salary, "highest_salary"),
        (e.lowest_salary, "lowest_salary"),
    ] {
        if let Some(a) = amount.filter(|a| *a <= Decimal::ZERO) {
            problems.push(Problem::with_params(
                &SALARY_NOT_POSITIVE,
                format!("/enterprise/{field}"),
                lang,
                params![("amount", a.to_string())],
            ));
            valid = false;
        }
    }
    let (Some(highest), Some(lowest)) = (e.highest_salary, e.lowest_salary) else {
        return unknown(basis);
    };
    if !valid {
        return unknown(basis);
    }
    let amounts = params![
        ("highest", highest.to_string()),
        ("lowest", lowest.to_string()),
        ("max_ratio", max_ratio.normalize().to_string())
    ];
    if highest < lowest {
        problems.push(Problem::with_params(
            &SALARY_ORDER,
            "/enterprise/highest_salary",
            lang,
            amounts,
        ));
        return unknown(basis);
    }
    // Cross-multiplied, so the comparison is exact: highest <= max_ratio * lowest.
    let Some(limit) = max_ratio.checked_mul(lowest) else {
        problems.push(Problem::new(
            &SALARY_OUT_OF_RANGE,
            "/enterprise/lowest_salary",
            lang,
        ));
        return unknown(basis);
    };
    let outcome = Outcome::from_known(Some(entry.comparison.holds(highest, limit)));
    Criterion::new(ID, outcome, &RATIO, lang, amounts, basis)
}

fn run(ctx: &Context<'_>, req: AssessRequest) -> AssessResponse {
    assess(ctx.rulebook, &req, ctx.today)
}

pub(crate) const OPERATION: Operation = crate::operation!("asf.assess", run);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn skoopi(highest: &str, lowest: &str) -> AssessResponse {
        let e = Enterprise {
            highest_salary: crate::money::parse_decimal(highest),
            lowest_salary: crate::money::parse_decimal(lowest),
            ..Enterprise::default()
        };
        let req = AssessRequest {
            as_of: Some(day("2024-01-01")),
            profile: Profile::Skoopi2021,
            enterprise: e,
            lang: Lang::En,
        };
        assess(&Rulebook::default(), &req, day("2024-01-01"))
    }

    proptest::proptest! {
        /// Any salaries (up to the largest decimal): no panic, and the remark equals the
        /// exact test `2 × highest <= 5 × lowest` whenever both are valid.
        #[test]
        fn salary_ratio_never_panics(h in proptest::num::i128::ANY, l in proptest::num::i128::ANY, hs in 0u32..6, ls in 0u32..6) {
            let clamp = |v: i128, s: u32| Decimal::try_from_i128_with_scale(v % 79_228_162_514_264_337_593_543_950_335, s).ok();
            let (highest, lowest) = (clamp(h, hs), clamp(l, ls));
            let e = Enterprise { highest_salary: highest, lowest_salary: lowest, ..Enterprise::default() };
            let req = AssessRequest { as_of: Some(day("2024-01-01")), profile: Profile::Skoopi2021, enterprise: e, lang: Lang::Sv };
            let out = assess(&Rulebook::default(), &req, day("2024-01-01"));
            proptest::prop_assert_eq!(out.outcome, Assessment::Undetermined);
            if let (Some(h), Some(l)) = (highest, lowest) {
                let small = h.abs() < Decimal::from(10_i64.pow(15)) && l.abs() < Decimal::from(10_i64.pow(15));
                if small && h > Decimal::ZERO && l > Decimal::ZERO && h >= l {
                    let exact = Decimal::TWO * h <= Decimal::from(5) * l;
                    proptest::prop_assert_eq!(out.remarks[0].outcome, Outcome::from_known(Some(exact)));
                }
            }
        }
    }

    #[test]
    fn ratio_is_exact_at_the_limit() {
        assert_eq!(skoopi("50000", "20000").remarks[0].outcome, Outcome::Met);
        assert_eq!(
            skoopi("50000.01", "20000").remarks[0].outcome,
            Outcome::NotMet
        );
    }

    #[test]
    fn a_remark_never_decides() {
        let out = skoopi("90000", "20000");
        assert_eq!(out.remarks[0].outcome, Outcome::NotMet);
        assert_eq!(out.outcome, Assessment::Undetermined);
    }

    #[test]
    fn combine_prefers_not_met_over_unknown() {
        assert_eq!(
            combine([Outcome::Unknown, Outcome::NotMet], false),
            Some(false)
        );
        assert_eq!(combine([Outcome::Met, Outcome::Unknown], false), None);
        assert_eq!(combine([Outcome::Met], true), None);
        assert_eq!(combine([Outcome::Met], false), Some(true));
    }
}
