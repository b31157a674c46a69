//! Reserved procurement (reserverad upphandling): may a supplier take part?
//!
//! LOU (2016:1145) 4 kap. 18 § lets a buyer reserve participation to suppliers whose main
//! purpose is the social and professional integration of persons with disabilities or
//! disadvantaged persons, or reserve performance to sheltered-employment programmes; in
//! both cases at least the share `reserved.lou_4_18.min_share` of those *occupied* must be
//! such persons. The comparison is exact: 3 of 10 meets 30 %, 2 999 of 10 000 does not.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::criteria::{check_org_id, combine, Codes, Criterion, Outcome};
use crate::engine::{Context, Operation};
use crate::params;
use crate::problem::{CodeDef, Lang, Problem};
use crate::rulebook::{Comparison, Entry, LegalBasis, NotInForce, Rulebook};

/// Rulebook id of the minimum share under LOU 4 kap. 18 §.
pub const MIN_SHARE_RULE: &str = "reserved.lou_4_18.min_share";

/// The outcome of comparing an occupied workforce with the minimum share.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareCheck<'a> {
    /// `target_group / total`, exact; `None` when nobody is occupied.
    pub share: Option<Decimal>,
    pub required: Decimal,
    /// `None` when nobody is occupied (the share is undefined).
    pub met: Option<bool>,
    pub entry: &'a Entry,
}

/// The exact share `part / whole`, or `None` when `whole` is zero.
pub fn share(part: u64, whole: u64) -> Option<Decimal> {
    if whole == 0 {
        return None;
    }
    Decimal::from(part).checked_div(Decimal::from(whole))
}

/// Whether `target_group` of `total` occupied persons meets the minimum share in force on
/// `date`. Compares `target_group` with `required * total` in exact decimals, so no
/// rounding of the quotient can move a case across the line.
///
/// ```
/// use asf_core::{reserved, rulebook::Rulebook, NaiveDate};
/// let rb = Rulebook::default();
/// let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
/// assert_eq!(reserved::min_share_check(&rb, day, 10, 3).unwrap().met, Some(true));
/// assert_eq!(reserved::min_share_check(&rb, day, 10_000, 2_999).unwrap().met, Some(false));
/// ```
pub fn min_share_check(
    rulebook: &Rulebook,
    date: NaiveDate,
    total: u64,
    target_group: u64,
) -> Result<ShareCheck<'_>, NotInForce> {
    let (required, entry) = rulebook.decimal(MIN_SHARE_RULE, date)?;
    let exact_met = match entry.comparison {
        // Cross-multiplied so the test never depends on how a quotient is rounded.
        Comparison::None => None,
        // A product too large for a decimal (only with an absurd user rulebook value) leaves
        // the check open rather than panicking.
        cmp => (total > 0)
            .then(|| {
                required
                    .checked_mul(Decimal::from(total))
                    .map(|limit| cmp.holds(Decimal::from(target_group), limit))
            })
            .flatten(),
    };
    Ok(ShareCheck {
        share: share(target_group, total),
        required,
        met: exact_met,
        entry,
    })
}

/// Rulebook id of the maximum duration of a contract reserved under LOU 19 kap. 25 §.
pub const MAX_CONTRACT_YEARS_RULE: &str = "reserved.lou_19_25.max_contract_years";
/// Rulebook id of the period without a previous award under LOU 19 kap. 25 §.
pub const COOLING_OFF_RULE: &str = "reserved.lou_19_25.cooling_off_years";
/// Rulebook id of the flag that says reservation to idea-based organisations exists.
pub const IDEBUREN_RULE: &str = "reserved.lou_19_25a.available";

const ART_77_2_A: &str = "LOU (2016:1145) 19 kap. 25 §; Dir. 2014/24/EU art. 77(2)(a)";
const ART_77_2_B: &str = "LOU (2016:1145) 19 kap. 25 §; Dir. 2014/24/EU art. 77(2)(b)";
const ART_77_2_C: &str = "LOU (2016:1145) 19 kap. 25 §; Dir. 2014/24/EU art. 77(2)(c)";

/// The provision a reservation is made under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// LOU 4 kap. 18 § 1: participation reserved to sheltered workshops and suppliers whose
    /// main purpose is social and professional integration.
    #[serde(rename = "lou_4_18_integration")]
    Lou418Integration,
    /// LOU 4 kap. 18 § 2: performance reserved to sheltered-employment programmes.
    #[serde(rename = "lou_4_18_sheltered_programme")]
    Lou418ShelteredProgramme,
    /// LOU 19 kap. 25 § (Dir. 2014/24/EU art. 77): public-service-mission organisations.
    #[serde(rename = "lou_19_25")]
    Lou1925,
    /// LOU 19 kap. 25 a §: idea-based organisations registered under Lag (2022:900).
    #[serde(rename = "lou_19_25a")]
    Lou1925a,
}

/// What is known about the supplier (and, for 19 kap. 25 §, the contract). Every field may
/// be `null` (unknown), except `prior_award_same_services_within_years`, where `null` says
/// there was no prior award and leaving the field out says it is unknown.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Supplier {
    #[serde(default)]
    pub org_id: Option<String>,
    /// Persons occupied in the activity or programme (employees, work placements ...).
    #[serde(default)]
    pub occupied_total: Option<u64>,
    /// Of those, persons with disabilities or disadvantaged persons.
    #[serde(default)]
    pub occupied_target_group: Option<u64>,
    #[serde(default)]
    pub main_purpose_integration: Option<bool>,
    /// The supplier is a sheltered workshop (skyddad verkstad), which 4 kap. 18 § admits
    /// beside suppliers whose main purpose is integration. Absent means not declared.
    #[serde(default)]
    pub sheltered_workshop: Option<bool>,
    #[serde(default)]
    pub public_service_mission: Option<bool>,
    #[serde(default)]
    pub profits_reinvested_or_participatory: Option<bool>,
    #[serde(default)]
    pub participatory_management: Option<bool>,
    /// `None` (field absent): unknown. `Some(None)` (`null`): no prior award by this buyer
    /// for these services under 19 kap. 25 §. `Some(Some(y))`: the last such award was `y`
    /// years before `as_of`.
    #[serde(default, deserialize_with = "present_or_null")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Option<String>>"))]
    pub prior_award_same_services_within_years: Option<Option<Decimal>>,
    /// Duration of the contract, in years.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(default, with = "crate::money::opt_decimal")]
    pub contract_years: Option<Decimal>,
    #[serde(default)]
    pub registered_ideburen: Option<bool>,
}

fn present_or_null<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<Decimal>>, D::Error> {
    crate::money::opt_decimal::deserialize(d).map(Some)
}

/// Request of `reserved.eligibility`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EligibilityRequest {
    pub basis: Basis,
    /// The bid submission date; defaults to today.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    #[serde(default)]
    pub supplier: Supplier,
    #[serde(default)]
    pub lang: Lang,
}

/// Response of `reserved.eligibility`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EligibilityResponse {
    pub basis: Basis,
    pub as_of: NaiveDate,
    /// `true`, `false`, or `null` when undetermined.
    pub eligible: Option<bool>,
    /// `occupied_target_group / occupied_total` for the 4 kap. 18 § bases, shown with four
    /// decimals rounded toward zero; the comparison is made on the exact value.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub share: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub required_share: Option<Decimal>,
    pub checks: Vec<Check>,
    /// eForms BT-71 reserved-participation code (`res-ws`, `res-pub-ser`), `null` when no
    /// code of the eForms list fits the basis.
    pub eforms_code: Option<String>,
    /// OCDS `reservedParticipation` code (`shelteredWorkshop`,
    /// `publicServiceMissionOrganization`), `null` when none fits.
    pub ocds_code: Option<String>,
    /// Whether the basis reserves performance of the contract rather than participation
    /// (eForms BT-736 `yes`; OCDS `contractTerms.reservedExecution = true`).
    pub reserved_execution: bool,
    pub problems: Vec<Problem>,
}

/// One check of an eligibility decision (same shape as an ASF criterion).
pub type Check = Criterion;

pub const MAIN_PURPOSE_MET: CodeDef = CodeDef {
    code: "reserved_main_purpose_met",
    en: "The supplier's main purpose is the social and professional integration of persons with disabilities or disadvantaged persons.",
    sv: "Leverantörens huvudsakliga syfte är social och yrkesmässig integrering av personer med funktionsnedsättning eller med missgynnad ställning.",
};
pub const SHELTERED_WORKSHOP_MET: CodeDef = CodeDef {
    code: "reserved_sheltered_workshop_met",
    en: "The supplier is a sheltered workshop, to which this basis reserves participation as to suppliers whose main purpose is integration.",
    sv: "Leverantören är en skyddad verkstad, som denna grund reserverar deltagandet för liksom leverantörer vars huvudsakliga syfte är integrering.",
};
pub const MAIN_PURPOSE_NOT_MET: CodeDef = CodeDef {
    code: "reserved_main_purpose_not_met",
    en: "The supplier's main purpose is not social and professional integration; this basis reserves participation to such suppliers and sheltered workshops.",
    sv: "Leverantörens huvudsakliga syfte är inte social och yrkesmässig integrering; denna grund reserverar deltagandet för sådana leverantörer och skyddade verkstäder.",
};
pub const MAIN_PURPOSE_UNKNOWN: CodeDef = CodeDef {
    code: "reserved_main_purpose_unknown",
    en: "Not known whether the supplier's main purpose is social and professional integration (main_purpose_integration is missing).",
    sv: "Det är inte känt om leverantörens huvudsakliga syfte är social och yrkesmässig integrering (main_purpose_integration saknas).",
};
pub const MIN_SHARE_MET: CodeDef = CodeDef {
    code: "reserved_min_share_met",
    en: "{target_group} of {total} persons occupied ({share}) are persons with disabilities or disadvantaged persons: at least the required {required}.",
    sv: "{target_group} av {total} sysselsatta ({share}) är personer med funktionsnedsättning eller med missgynnad ställning: minst de krävda {required}.",
};
pub const MIN_SHARE_NOT_MET: CodeDef = CodeDef {
    code: "reserved_min_share_not_met",
    en: "{target_group} of {total} persons occupied ({share}) are persons with disabilities or disadvantaged persons: fewer than the required {required}.",
    sv: "{target_group} av {total} sysselsatta ({share}) är personer med funktionsnedsättning eller med missgynnad ställning: färre än de krävda {required}.",
};
pub const MIN_SHARE_UNKNOWN: CodeDef = CodeDef {
    code: "reserved_min_share_unknown",
    en: "The share of persons with disabilities or disadvantaged persons could not be computed: occupied_total and occupied_target_group are both needed, with at least one person occupied (required share {required}).",
    sv: "Andelen personer med funktionsnedsättning eller med missgynnad ställning kunde inte beräknas: både occupied_total och occupied_target_group behövs, med minst en sysselsatt person (krävd andel {required}).",
};
pub const PUBLIC_SERVICE_MET: CodeDef = CodeDef {
    code: "reserved_public_service_mission_met",
    en: "The organisation's objective is the pursuit of a public service mission linked to the services.",
    sv: "Organisationens mål är att fullgöra ett uppdrag av allmänt intresse kopplat till tjänsterna.",
};
pub const PUBLIC_SERVICE_NOT_MET: CodeDef = CodeDef {
    code: "reserved_public_service_mission_not_met",
    en: "The organisation does not pursue a public service mission linked to the services.",
    sv: "Organisationen fullgör inte ett uppdrag av allmänt intresse kopplat till tjänsterna.",
};
pub const PUBLIC_SERVICE_UNKNOWN: CodeDef = CodeDef {
    code: "reserved_public_service_mission_unknown",
    en: "Not known whether the organisation pursues a public service mission (public_service_mission is missing).",
    sv: "Det är inte känt om organisationen fullgör ett uppdrag av allmänt intresse (public_service_mission saknas).",
};
pub const PROFITS_MET: CodeDef = CodeDef {
    code: "reserved_profits_met",
    en: "Profits are reinvested to achieve the organisation's objective, or distributed on participatory grounds.",
    sv: "Vinsten återinvesteras för att uppnå organisationens mål eller fördelas på deltagandebaserade grunder.",
};
pub const PROFITS_NOT_MET: CodeDef = CodeDef {
    code: "reserved_profits_not_met",
    en: "Profits are neither reinvested to achieve the organisation's objective nor distributed on participatory grounds.",
    sv: "Vinsten varken återinvesteras för att uppnå organisationens mål eller fördelas på deltagandebaserade grunder.",
};
pub const PROFITS_UNKNOWN: CodeDef = CodeDef {
    code: "reserved_profits_unknown",
    en: "Not known how profits are used (profits_reinvested_or_participatory is missing).",
    sv: "Det är inte känt hur vinsten används (profits_reinvested_or_participatory saknas).",
};
pub const MANAGEMENT_MET: CodeDef = CodeDef {
    code: "reserved_participatory_management_met",
    en: "Management or ownership is based on employee ownership or participatory principles, or requires the active participation of employees, users or stakeholders.",
    sv: "Ledning eller ägande bygger på anställdas ägande eller deltagande principer, eller kräver aktivt deltagande av anställda, användare eller intressenter.",
};
pub const MANAGEMENT_NOT_MET: CodeDef = CodeDef {
    code: "reserved_participatory_management_not_met",
    en: "Management and ownership are not based on employee ownership or participatory principles.",
    sv: "Ledning och ägande bygger inte på anställdas ägande eller deltagande principer.",
};
pub const MANAGEMENT_UNKNOWN: CodeDef = CodeDef {
    code: "reserved_participatory_management_unknown",
    en: "Not known whether management or ownership is participatory (participatory_management is missing).",
    sv: "Det är inte känt om ledning eller ägande är deltagandebaserat (participatory_management saknas).",
};
pub const NO_PRIOR_AWARD: CodeDef = CodeDef {
    code: "reserved_no_prior_award",
    en: "The buyer has not awarded the organisation a contract for these services under this provision; none may have been awarded in the past {years} years.",
    sv: "Den upphandlande myndigheten har inte tilldelat organisationen ett kontrakt för dessa tjänster enligt denna bestämmelse; inget får ha tilldelats de senaste {years} åren.",
};
pub const PRIOR_AWARD_OUTSIDE: CodeDef = CodeDef {
    code: "reserved_prior_award_outside_period",
    en: "The buyer's last award to the organisation for these services under this provision was {since} years ago: not within the past {years} years.",
    sv: "Den upphandlande myndighetens senaste tilldelning till organisationen för dessa tjänster enligt denna bestämmelse var för {since} år sedan: inte inom de senaste {years} åren.",
};
pub const PRIOR_AWARD_WITHIN: CodeDef = CodeDef {
    code: "reserved_prior_award_within_period",
    en: "The buyer awarded the organisation a contract for these services under this provision {since} years ago, within the past {years} years.",
    sv: "Den upphandlande myndigheten tilldelade organisationen ett kontrakt för dessa tjänster enligt denna bestämmelse för {since} år sedan, inom de senaste {years} åren.",
};
pub const PRIOR_AWARD_UNKNOWN: CodeDef = CodeDef {
    code: "reserved_prior_award_unknown",
    en: "Not known whether the buyer awarded the organisation a contract for these services under this provision in the past {years} years (prior_award_same_services_within_years is missing; null means no prior award).",
    sv: "Det är inte känt om den upphandlande myndigheten tilldelat organisationen ett kontrakt för dessa tjänster enligt denna bestämmelse de senaste {years} åren (prior_award_same_services_within_years saknas; null betyder ingen tidigare tilldelning).",
};
pub const DURATION_MET: CodeDef = CodeDef {
    code: "reserved_contract_duration_met",
    en: "The contract runs {contract_years} years: at most {max_years}.",
    sv: "Kontraktet löper {contract_years} år: högst {max_years}.",
};
pub const DURATION_NOT_MET: CodeDef = CodeDef {
    code: "reserved_contract_duration_not_met",
    en: "The contract runs {contract_years} years: longer than the {max_years} allowed.",
    sv: "Kontraktet löper {contract_years} år: längre än tillåtna {max_years}.",
};
pub const DURATION_UNKNOWN: CodeDef = CodeDef {
    code: "reserved_contract_duration_unknown",
    en: "Not known how long the contract runs (contract_years is missing); at most {max_years} years are allowed.",
    sv: "Det är inte känt hur länge kontraktet löper (contract_years saknas); högst {max_years} år är tillåtet.",
};
pub const IDEBUREN_MET: CodeDef = CodeDef {
    code: "reserved_registered_ideburen_met",
    en: "The supplier is registered as an idea-based organisation under Lag (2022:900).",
    sv: "Leverantören är registrerad som idéburen organisation enligt lagen (2022:900).",
};
pub const IDEBUREN_NOT_MET: CodeDef = CodeDef {
    code: "reserved_registered_ideburen_not_met",
    en: "The supplier is not registered as an idea-based organisation under Lag (2022:900) (register kept by Kammarkollegiet).",
    sv: "Leverantören är inte registrerad som idéburen organisation enligt lagen (2022:900) (registret förs av Kammarkollegiet).",
};
pub const IDEBUREN_UNKNOWN: CodeDef = CodeDef {
    code: "reserved_registered_ideburen_unknown",
    en: "Not known whether the supplier is registered as an idea-based organisation (registered_ideburen is missing).",
    sv: "Det är inte känt om leverantören är registrerad som idéburen organisation (registered_ideburen saknas).",
};
pub const TARGET_GROUP_EXCEEDS_TOTAL: CodeDef = CodeDef {
    code: "reserved_target_group_exceeds_total",
    en: "The target group ({target_group} persons) cannot be larger than the {total} persons occupied in total.",
    sv: "Målgruppen ({target_group} personer) kan inte vara större än de {total} sysselsatta totalt.",
};
pub const NOBODY_OCCUPIED: CodeDef = CodeDef {
    code: "reserved_nobody_occupied",
    en: "No person is occupied (occupied_total is 0), so the share is undefined.",
    sv: "Ingen person är sysselsatt (occupied_total är 0), så andelen är odefinierad.",
};
pub const NEGATIVE_YEARS: CodeDef = CodeDef {
    code: "reserved_negative_years",
    en: "A number of years cannot be negative; got {years}.",
    sv: "Ett antal år kan inte vara negativt; fick {years}.",
};

pub const CODES: &[&CodeDef] = &[
    &MAIN_PURPOSE_MET,
    &SHELTERED_WORKSHOP_MET,
    &MAIN_PURPOSE_NOT_MET,
    &MAIN_PURPOSE_UNKNOWN,
    &MIN_SHARE_MET,
    &MIN_SHARE_NOT_MET,
    &MIN_SHARE_UNKNOWN,
    &PUBLIC_SERVICE_MET,
    &PUBLIC_SERVICE_NOT_MET,
    &PUBLIC_SERVICE_UNKNOWN,
    &PROFITS_MET,
    &PROFITS_NOT_MET,
    &PROFITS_UNKNOWN,
    &MANAGEMENT_MET,
    &MANAGEMENT_NOT_MET,
    &MANAGEMENT_UNKNOWN,
    &NO_PRIOR_AWARD,
    &PRIOR_AWARD_OUTSIDE,
    &PRIOR_AWARD_WITHIN,
    &PRIOR_AWARD_UNKNOWN,
    &DURATION_MET,
    &DURATION_NOT_MET,
    &DURATION_UNKNOWN,
    &IDEBUREN_MET,
    &IDEBUREN_NOT_MET,
    &IDEBUREN_UNKNOWN,
    &TARGET_GROUP_EXCEEDS_TOTAL,
    &NOBODY_OCCUPIED,
    &NEGATIVE_YEARS,
];

const MAIN_PURPOSE: Codes = Codes {
    met: &MAIN_PURPOSE_MET,
    not_met: &MAIN_PURPOSE_NOT_MET,
    unknown: &MAIN_PURPOSE_UNKNOWN,
};
const SHELTERED_WORKSHOP: Codes = Codes {
    met: &SHELTERED_WORKSHOP_MET,
    not_met: &MAIN_PURPOSE_NOT_MET,
    unknown: &MAIN_PURPOSE_UNKNOWN,
};
const MIN_SHARE: Codes = Codes {
    met: &MIN_SHARE_MET,
    not_met: &MIN_SHARE_NOT_MET,
    unknown: &MIN_SHARE_UNKNOWN,
};
const PUBLIC_SERVICE: Codes = Codes {
    met: &PUBLIC_SERVICE_MET,
    not_met: &PUBLIC_SERVICE_NOT_MET,
    unknown: &PUBLIC_SERVICE_UNKNOWN,
};
const PROFITS: Codes = Codes {
    met: &PROFITS_MET,
    not_met: &PROFITS_NOT_MET,
    unknown: &PROFITS_UNKNOWN,
};
const MANAGEMENT: Codes = Codes {
    met: &MANAGEMENT_MET,
    not_met: &MANAGEMENT_NOT_MET,
    unknown: &MANAGEMENT_UNKNOWN,
};
const DURATION: Codes = Codes {
    met: &DURATION_MET,
    not_met: &DURATION_NOT_MET,
    unknown: &DURATION_UNKNOWN,
};
const IDEBUREN: Codes = Codes {
    met: &IDEBUREN_MET,
    not_met: &IDEBUREN_NOT_MET,
    unknown: &IDEBUREN_UNKNOWN,
};

/// Places a share is shown with.
pub const SHARE_PLACES: u32 = 4;

/// A share for display: [`SHARE_PLACES`] decimals, rounded toward zero. Rounding toward
/// zero keeps the shown value on the same side of any threshold with at most four
/// decimals as the exact value (29 999 of 100 000 shows `0.2999`, never `0.3000`).
pub fn display_share(share: Decimal) -> Decimal {
    let mut d = share.round_dp_with_strategy(SHARE_PLACES, RoundingStrategy::ToZero);
    d.rescale(SHARE_PLACES);
    d
}

/// Whether a supplier may take part in a procurement reserved under `basis`.
///
/// ```
/// use asf_core::reserved::{eligibility, Basis, EligibilityRequest, Supplier};
/// use asf_core::{rulebook::Rulebook, NaiveDate, Lang};
/// let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
/// let supplier = Supplier { main_purpose_integration: Some(true), occupied_total: Some(10), occupied_target_group: Some(3), ..Supplier::default() };
/// let req = EligibilityRequest { basis: Basis::Lou418Integration, as_of: Some(day), supplier, lang: Lang::En };
/// let out = eligibility(&Rulebook::default(), &req, day);
/// assert_eq!((out.eligible, out.share.unwrap().to_string().as_str()), (Some(true), "0.3000"));
/// ```
pub fn eligibility(
    rulebook: &Rulebook,
    req: &EligibilityRequest,
    today: NaiveDate,
) -> EligibilityResponse {
    let as_of = req.as_of.unwrap_or(today);
    let lang = req.lang;
    let s = &req.supplier;
    let mut problems = Vec::new();
    let org = check_org_id(
        s.org_id.as_deref(),
        as_of,
        "/supplier/org_id",
        lang,
        &mut problems,
    );
    let (eforms, ocds, reserved_execution) = match req.basis {
        Basis::Lou418Integration => (Some("res-ws"), Some("shelteredWorkshop"), false),
        Basis::Lou418ShelteredProgramme => (None, None, true),
        Basis::Lou1925 => (
            Some("res-pub-ser"),
            Some("publicServiceMissionOrganization"),
            false,
        ),
        Basis::Lou1925a => (None, None, false),
    };
    let mut out = EligibilityResponse {
        basis: req.basis,
        as_of,
        eligible: None,
        share: None,
        required_share: None,
        checks: Vec::new(),
        eforms_code: eforms.map(str::to_owned),
        ocds_code: ocds.map(str::to_owned),
        reserved_execution,
        problems: Vec::new(),
    };
    let in_force = match req.basis {
        Basis::Lou418Integration | Basis::Lou418ShelteredProgramme => {
            share_checks(rulebook, req, as_of, &mut out, &mut problems)
        }
        Basis::Lou1925 => {
            public_service_checks(rulebook, s, as_of, lang, &mut out.checks, &mut problems)
        }
        Basis::Lou1925a => match rulebook.in_force(IDEBUREN_RULE, as_of) {
            Ok(entry) if entry.flag() == Some(true) => {
                let outcome = Outcome::from_known(s.registered_ideburen);
                out.checks.push(Check::new(
                    "registered_ideburen",
                    outcome,
                    &IDEBUREN,
                    lang,
                    params![],
                    entry.legal_basis(),
                ));
                true
            }
            Ok(_) | Err(_) => {
                problems.push(
                    NotInForce {
                        rule: IDEBUREN_RULE.to_owned(),
                        date: as_of,
                    }
                    .problem("/as_of", lang),
                );
                false
            }
        },
    };
    if in_force {
        out.eligible = combine(
            out.checks.iter().map(|c| c.outcome),
            matches!(org, Some(Err(()))),
        );
    }
    out.problems = problems;
    out
}

/// The checks of LOU 4 kap. 18 §. Returns whether the rule is in force.
fn share_checks(
    rulebook: &Rulebook,
    req: &EligibilityRequest,
    as_of: NaiveDate,
    out: &mut EligibilityResponse,
    problems: &mut Vec<Problem>,
) -> bool {
    let (s, lang) = (&req.supplier, req.lang);
    let (required, entry) = match rulebook.decimal(MIN_SHARE_RULE, as_of) {
        Ok(found) => found,
        Err(missing) => {
            problems.push(missing.problem("/as_of", lang));
            return false;
        }
    };
    out.required_share = Some(required);
    if req.basis == Basis::Lou418Integration {
        let basis = LegalBasis::citation(&entry.source);
        // Sheltered workshops *or* suppliers whose main purpose is integration (4 kap. 18 §).
        if s.sheltered_workshop == Some(true) && s.main_purpose_integration != Some(true) {
            out.checks.push(Check::new(
                "main_purpose_integration",
                Outcome::Met,
                &SHELTERED_WORKSHOP,
                lang,
                params![],
                basis,
            ));
        } else {
            out.checks.push(Check::new(
                "main_purpose_integration",
                Outcome::from_known(s.main_purpose_integration),
                &MAIN_PURPOSE,
                lang,
                params![],
                basis,
            ));
        }
    }
    let required_text = required.to_string();
    let unknown = |basis| {
        Check::new(
            "min_share",
            Outcome::Unknown,
            &MIN_SHARE,
            lang,
            params![("required", required_text.as_str())],
            basis,
        )
    };
    let check = match (s.occupied_total, s.occupied_target_group) {
        (Some(total), Some(target_group)) if target_group > total => {
            problems.push(Problem::with_params(
                &TARGET_GROUP_EXCEEDS_TOTAL,
                "/supplier/occupied_target_group",
                lang,
                params![("target_group", target_group), ("total", total)],
            ));
            unknown(entry.legal_basis())
        }
        (Some(0), Some(_)) => {
            problems.push(Problem::new(
                &NOBODY_OCCUPIED,
                "/supplier/occupied_total",
                lang,
            ));
            unknown(entry.legal_basis())
        }
        (Some(total), Some(target_group)) => {
            match min_share_check(rulebook, as_of, total, target_group) {
                Ok(ShareCheck {
                    share: Some(share),
                    required,
                    met: Some(met),
                    entry,
                }) => {
                    let shown = display_share(share);
                    out.share = Some(shown);
                    let params = params![
                        ("target_group", target_group),
                        ("total", total),
                        ("share", shown.to_string()),
                        ("required", required.to_string())
                    ];
                    Check::new(
                        "min_share",
                        Outcome::from_known(Some(met)),
                        &MIN_SHARE,
                        lang,
                        params,
                        entry.legal_basis(),
                    )
                }
                // Not reachable with total > 0 and an entry in force; stay undetermined.
                Ok(_) | Err(_) => unknown(entry.legal_basis()),
            }
        }
        _ => unknown(entry.legal_basis()),
    };
    out.checks.push(check);
    true
}

/// The checks of LOU 19 kap. 25 §. Returns whether the rule is in force.
fn public_service_checks(
    rulebook: &Rulebook,
    s: &Supplier,
    as_of: NaiveDate,
    lang: Lang,
    checks: &mut Vec<Check>,
    problems: &mut Vec<Problem>,
) -> bool {
    let max_years = rulebook.decimal(MAX_CONTRACT_YEARS_RULE, as_of);
    let cooling_off = rulebook.decimal(COOLING_OFF_RULE, as_of);
    let (Ok((max_years, duration_entry)), Ok((cooling_years, cooling_entry))) =
        (&max_years, &cooling_off)
    else {
        for missing in [max_years.err(), cooling_off.err()].into_iter().flatten() {
            problems.push(missing.problem("/as_of", lang));
        }
        return false;
    };
    checks.push(Check::new(
        "public_service_mission",
        Outcome::from_known(s.public_service_mission),
        &PUBLIC_SERVICE,
        lang,
        params![],
        LegalBasis::citation(ART_77_2_A),
    ));
    checks.push(Check::new(
        "profits_reinvested_or_participatory",
        Outcome::from_known(s.profits_reinvested_or_participatory),
        &PROFITS,
        lang,
        params![],
        LegalBasis::citation(ART_77_2_B),
    ));
    checks.push(Check::new(
        "participatory_management",
        Outcome::from_known(s.participatory_management),
        &MANAGEMENT,
        lang,
        params![],
        LegalBasis::citation(ART_77_2_C),
    ));

    let years = cooling_years.to_string();
    let cooling_basis = cooling_entry.legal_basis();
    let prior = match s.prior_award_same_services_within_years {
        None => Check::new(
            "no_recent_award",
            Outcome::Unknown,
            &Codes {
                met: &NO_PRIOR_AWARD,
                not_met: &PRIOR_AWARD_WITHIN,
                unknown: &PRIOR_AWARD_UNKNOWN,
            },
            lang,
            params![("years", years.as_str())],
            cooling_basis,
        ),
        Some(None) => Check::with_code(
            "no_recent_award",
            Outcome::Met,
            &NO_PRIOR_AWARD,
            lang,
            params![("years", years.as_str())],
            cooling_basis,
        ),
        Some(Some(since)) if since < Decimal::ZERO => {
            problems.push(Problem::with_params(
                &NEGATIVE_YEARS,
                "/supplier/prior_award_same_services_within_years",
                lang,
                params![("years", since.to_string())],
            ));
            Check::with_code(
                "no_recent_award",
                Outcome::Unknown,
                &PRIOR_AWARD_UNKNOWN,
                lang,
                params![("years", years.as_str())],
                cooling_basis,
            )
        }
        Some(Some(since)) => {
            let met = cooling_entry.comparison.holds(since, *cooling_years);
            let def = if met {
                &PRIOR_AWARD_OUTSIDE
            } else {
                &PRIOR_AWARD_WITHIN
            };
            let params = params![("years", years.as_str()), ("since", since.to_string())];
            Check::with_code(
                "no_recent_award",
                Outcome::from_known(Some(met)),
                def,
                lang,
                params,
                cooling_basis,
            )
        }
    };
    checks.push(prior);

    let max_text = max_years.to_string();
    let duration_basis = duration_entry.legal_basis();
    let duration = match s.contract_years {
        None => Check::new(
            "contract_duration",
            Outcome::Unknown,
            &DURATION,
            lang,
            params![("max_years", max_text.as_str())],
            duration_basis,
        ),
        Some(y) if y < Decimal::ZERO => {
            problems.push(Problem::with_params(
                &NEGATIVE_YEARS,
                "/supplier/contract_years",
                lang,
                params![("years", y.to_string())],
            ));
            Check::new(
                "contract_duration",
                Outcome::Unknown,
                &DURATION,
                lang,
                params![("max_years", max_text.as_str())],
                duration_basis,
            )
        }
        Some(y) => {
            let met = duration_entry.comparison.holds(y, *max_years);
            let params = params![
                ("contract_years", y.to_string()),
                ("max_years", max_text.as_str())
            ];
            Check::new(
                "contract_duration",
                Outcome::from_known(Some(met)),
                &DURATION,
                lang,
                params,
                duration_basis,
            )
        }
    };
    checks.push(duration);
    true
}

fn run(ctx: &Context<'_>, req: EligibilityRequest) -> EligibilityResponse {
    eligibility(ctx.rulebook, &req, ctx.today)
}

pub(crate) const OPERATION: Operation = crate::operation!("reserved.eligibility", run);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn display_share_rounds_toward_zero_with_four_places() {
        let s = |p: u64, w: u64| display_share(share(p, w).unwrap()).to_string();
        assert_eq!(s(3, 10), "0.3000");
        assert_eq!(s(29_999, 100_000), "0.2999");
        assert_eq!(s(2, 3), "0.6666");
        assert_eq!(s(10, 10), "1.0000");
        assert_eq!(s(0, 7), "0.0000");
    }

    proptest::proptest! {
        /// Any counts: no panic, and the decision equals integer arithmetic
        /// `10 × target >= 3 × total`, whatever the displayed share shows.
        #[test]
        fn share_decision_matches_integer_arithmetic(total in 1u64.., target in 0u64..) {
            let target = target % (total.saturating_add(1));
            let req = EligibilityRequest {
                basis: Basis::Lou418ShelteredProgramme,
                as_of: NaiveDate::from_ymd_opt(2024, 5, 1),
                supplier: Supplier { occupied_total: Some(total), occupied_target_group: Some(target), ..Supplier::default() },
                lang: Lang::Sv,
            };
            let out = eligibility(&Rulebook::default(), &req, NaiveDate::MIN);
            let expected = u128::from(target) * 10 >= u128::from(total) * 3;
            proptest::prop_assert_eq!(out.eligible, Some(expected));
            let shown = out.share.unwrap();
            proptest::prop_assert_eq!(shown >= Decimal::new(30, 2), expected);
        }
    }

    #[test]
    fn the_thirty_percent_line_is_exact() {
        let rb = Rulebook::default();
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        for (total, target, met) in [
            (10, 3, true),
            (10_000, 2_999, false),
            (100_000, 29_999, false),
            (u64::MAX, u64::MAX / 10 * 3, false),
        ] {
            assert_eq!(
                min_share_check(&rb, day, total, target).unwrap().met,
                Some(met),
                "{target}/{total}"
            );
        }
    }
}
