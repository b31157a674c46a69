//! Operation `procurement.route`: which rules a purchase follows — a direct award, an
//! advertised procurement under the national rules, or the EU directive.
//!
//! 1. The value of a direct award (this purchase plus same-kind direct awards of the fiscal
//!    year, HFD 2017 ref. 74) is compared with the direct award limit
//!    ([`crate::direct_award::limit`]): within it, the route is `direct_award`.
//! 2. Otherwise the estimated value of the contract is compared with the EU threshold that
//!    applies to the authority and the contract ([`threshold_rule`]): at or above it,
//!    `eu_directive`; below it, `national_advertised` (LOU/LUF 19 kap.).
//!
//! Each step needs its rule only when it is reached: a value within a known direct award
//! limit is a direct award even on a date whose SEK threshold the rulebook lacks
//! (2026–2027 in the default rulebook). A step whose rule is not in force gives route
//! `null` and `rule_not_in_force`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::direct_award;
use crate::engine::{Context, Operation};
use crate::params;
use crate::problem::{CodeDef, Lang, Problem};
use crate::rulebook::{LegalBasis, NotInForce, Rulebook};

/// Who buys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// Central government authorities (LOU bilaga 1 / Dir. 2014/24/EU annex I).
    CentralGovernment,
    /// Every other contracting authority: municipalities, regions, their companies …
    Other,
    /// A contracting entity in the utilities sectors (LUF).
    Utility,
}

/// What is bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    Supplies,
    Services,
    Works,
    /// Social and other specific services (LOU bilaga 2).
    SocialServices,
}

impl ContractKind {
    fn name(self) -> &'static str {
        match self {
            ContractKind::Supplies => "supplies",
            ContractKind::Services => "services",
            ContractKind::Works => "works",
            ContractKind::SocialServices => "social_services",
        }
    }
}

/// The legal basis of a reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reservation {
    #[default]
    None,
    /// LOU 4 kap. 18 §: integration enterprises / sheltered employment.
    #[serde(rename = "lou_4_18")]
    Lou4_18,
    /// LOU 19 kap. 25 §: organisations with a public-service mission.
    #[serde(rename = "lou_19_25")]
    Lou19_25,
    /// LOU 19 kap. 25 a §: registered idea-based organisations.
    #[serde(rename = "lou_19_25a")]
    Lou19_25a,
}

impl Reservation {
    fn name(self) -> &'static str {
        match self {
            Reservation::None => "none",
            Reservation::Lou4_18 => "lou_4_18",
            Reservation::Lou19_25 => "lou_19_25",
            Reservation::Lou19_25a => "lou_19_25a",
        }
    }

    /// The rulebook entry that shows the basis is in force.
    fn rule(self) -> Option<&'static str> {
        match self {
            Reservation::None => None,
            Reservation::Lou4_18 => Some("reserved.lou_4_18.min_share"),
            Reservation::Lou19_25 => Some("reserved.lou_19_25.max_contract_years"),
            Reservation::Lou19_25a => Some("reserved.lou_19_25a.available"),
        }
    }
}

/// The set of rules a purchase follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Route {
    DirectAward,
    NationalAdvertised,
    EuDirective,
}

/// Base id of the EU threshold for an authority and contract (`.eur` and `.sek` follow).
///
/// Works use the works threshold whoever buys (Dir. 2014/24/EU art. 4(a), Dir. 2014/25/EU
/// art. 15(b)); social services the social services threshold (Dir. 2014/24/EU art. 4(d)),
/// except for a utility, whose own social services threshold (Dir. 2014/25/EU art. 15(c))
/// is not in the default rulebook; supplies and services the central-government,
/// sub-central or utilities threshold.
pub fn threshold_rule(authority: Authority, contract: ContractKind) -> &'static str {
    match (authority, contract) {
        (_, ContractKind::Works) => "threshold.works",
        (Authority::Utility, ContractKind::SocialServices) => "threshold.utilities.social_services",
        (_, ContractKind::SocialServices) => "threshold.social_services",
        (Authority::Utility, _) => "threshold.utilities.supplies_services",
        (Authority::CentralGovernment, _) => "threshold.central.supplies_services",
        (Authority::Other, _) => "threshold.sub_central.supplies_services",
    }
}

pub const NEGATIVE_VALUE: CodeDef = CodeDef {
    code: "procurement_negative_value",
    en: "The value must not be negative; got {value} SEK.",
    sv: "Värdet får inte vara negativt; fick {value} kr.",
};
pub const VALUE_TOO_LARGE: CodeDef = CodeDef {
    code: "procurement_value_too_large",
    en: "The values are too large to add up exactly.",
    sv: "Värdena är för stora för att kunna summeras exakt.",
};
pub const RESERVATION_NOT_APPLICABLE: CodeDef = CodeDef {
    code: "procurement_reservation_not_applicable",
    en: "A reservation under {reserved} is only possible for social and other specific services (LOU bilaga 2), not for {contract}.",
    sv: "En reservation enligt {reserved} går bara att använda för sociala tjänster och andra särskilda tjänster (LOU bilaga 2), inte för {contract}.",
};

pub const SAME_KIND_UNKNOWN: CodeDef = CodeDef {
    code: "procurement_same_kind_unknown",
    en: "The purchase alone ({value} SEK) is within the direct award limit, but a direct award is valued with every direct award of the same kind this fiscal year: give same_kind_direct_awards_this_fiscal_year (0 if there were none).",
    sv: "Köpet ensamt ({value} kr) ligger inom direktupphandlingsgränsen, men en direktupphandling värderas tillsammans med alla direktupphandlingar av samma slag under räkenskapsåret: ange same_kind_direct_awards_this_fiscal_year (0 om det inte fanns några).",
};

pub const CODES: &[&CodeDef] = &[
    &SAME_KIND_UNKNOWN,
    &NEGATIVE_VALUE,
    &VALUE_TOO_LARGE,
    &RESERVATION_NOT_APPLICABLE,
];

/// Request of `procurement.route`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RouteRequest {
    /// When the procurement starts: the rulebook in force on this day applies.
    pub date: NaiveDate,
    pub authority: Authority,
    pub contract: ContractKind,
    /// Estimated value of the contract, SEK excluding VAT.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub estimated_value: Decimal,
    /// SEK already direct-awarded of the same kind in this fiscal year (default 0).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(default, with = "crate::money::opt_decimal")]
    pub same_kind_direct_awards_this_fiscal_year: Option<Decimal>,
    #[serde(default)]
    pub reserved: Option<Reservation>,
    #[serde(default)]
    pub lang: Lang,
}

/// An EU threshold in both currencies; a value the rulebook lacks on the date is `null`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Threshold {
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub eur: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub sek: Option<Decimal>,
}

/// Response of `procurement.route`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RouteResponse {
    /// `null` when undetermined (see `problems`).
    pub route: Option<Route>,
    /// Estimated value plus same-kind direct awards this fiscal year (SEK).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub aggregated_value: Option<Decimal>,
    pub threshold: Option<Threshold>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal")]
    pub direct_award_limit_sek: Option<Decimal>,
    /// Whether the direct award must be documented; `null` unless the route is a direct award.
    pub documentation_required: Option<bool>,
    pub legal_basis: Vec<LegalBasis>,
    pub problems: Vec<Problem>,
}

/// Decides the route of a purchase. See the module documentation.
///
/// ```
/// let out = asf_core::evaluate("procurement.route", serde_json::json!({
///     "date": "2024-05-01", "authority": "other", "contract": "services",
///     "estimated_value": "650000", "same_kind_direct_awards_this_fiscal_year": "60000"})).unwrap();
/// assert_eq!(out["route"], "national_advertised");
/// assert_eq!(out["aggregated_value"], "710000");
/// ```
pub fn route(rulebook: &Rulebook, req: &RouteRequest) -> RouteResponse {
    let (date, lang) = (req.date, req.lang);
    let mut problems = Vec::new();
    let mut legal_basis = Vec::new();
    let same_kind = req
        .same_kind_direct_awards_this_fiscal_year
        .unwrap_or(Decimal::ZERO);
    for (value, path) in [
        (req.estimated_value, "/estimated_value"),
        (same_kind, "/same_kind_direct_awards_this_fiscal_year"),
    ] {
        if value.is_sign_negative() && !value.is_zero() {
            problems.push(Problem::with_params(
                &NEGATIVE_VALUE,
                path,
                lang,
                params![("value", value.to_string())],
            ));
        }
    }
    let aggregated = direct_award::aggregated_value(req.estimated_value, same_kind);
    if aggregated.is_none() {
        problems.push(Problem::new(
            &VALUE_TOO_LARGE,
            "/same_kind_direct_awards_this_fiscal_year",
            lang,
        ));
    }

    let base = threshold_rule(req.authority, req.contract);
    let eur = rulebook.decimal(&format!("{base}.eur"), date);
    let sek = rulebook.decimal(&format!("{base}.sek"), date);
    let threshold = match (&eur, &sek) {
        (Err(_), Err(_)) => None,
        _ => Some(Threshold {
            eur: eur.as_ref().ok().map(|(v, _)| *v),
            sek: sek.as_ref().ok().map(|(v, _)| *v),
        }),
    };
    let limit = direct_award::limit(rulebook, date, req.authority, req.contract);
    let direct_award_limit_sek = limit.as_ref().ok().map(|l| l.value_sek);

    let mut documentation_required = None;
    let route = match (aggregated.filter(|_| problems.is_empty()), limit) {
        (None, _) => None,
        (Some(_), Err(missing)) => {
            problems.push(missing.problem("/date", lang));
            None
        }
        (Some(value), Ok(limit)) => {
            legal_basis.extend(limit.legal_basis.iter().cloned());
            if let Ok(window) = rulebook.in_force(direct_award::AGGREGATION_RULE, date) {
                legal_basis.push(window.legal_basis());
            }
            if limit.allows(value) && req.same_kind_direct_awards_this_fiscal_year.is_none() {
                // Within the limit on its own, but the value that counts includes the same-kind
                // awards of the fiscal year (HFD 2017 ref. 74): never assume there were none.
                problems.push(Problem::with_params(
                    &SAME_KIND_UNKNOWN,
                    "/same_kind_direct_awards_this_fiscal_year",
                    lang,
                    params![("value", req.estimated_value.to_string())],
                ));
                None
            } else if limit.allows(value) {
                match direct_award::documentation_required(rulebook, date, value) {
                    Ok((required, entry)) => {
                        documentation_required = Some(required);
                        legal_basis.push(entry.legal_basis());
                    }
                    Err(missing) => problems.push(missing.problem("/date", lang)),
                }
                Some(Route::DirectAward)
            } else {
                match &sek {
                    Ok((threshold, entry)) => {
                        legal_basis.push(entry.legal_basis());
                        if entry.comparison.holds(req.estimated_value, *threshold) {
                            Some(Route::EuDirective)
                        } else {
                            Some(Route::NationalAdvertised)
                        }
                    }
                    Err(missing) => {
                        problems.push(missing.problem("/date", lang));
                        None
                    }
                }
            }
        }
    };

    let reservation = req.reserved.unwrap_or_default();
    if let Some(rule) = reservation.rule() {
        let in_force = rulebook
            .in_force(rule, date)
            .ok()
            .filter(|e| e.unit != crate::rulebook::Unit::Flag || e.flag() == Some(true));
        match in_force {
            Some(entry) => legal_basis.push(entry.legal_basis()),
            None => problems.push(
                NotInForce {
                    rule: rule.to_owned(),
                    date,
                }
                .problem("/reserved", lang),
            ),
        }
        if reservation != Reservation::Lou4_18 && req.contract != ContractKind::SocialServices {
            problems.push(Problem::with_params(
                &RESERVATION_NOT_APPLICABLE,
                "/reserved",
                lang,
                params![
                    ("reserved", reservation.name()),
                    ("contract", req.contract.name())
                ],
            ));
        }
    }

    RouteResponse {
        route,
        aggregated_value: aggregated,
        threshold,
        direct_award_limit_sek,
        documentation_required,
        legal_basis,
        problems,
    }
}

fn run(ctx: &Context<'_>, req: RouteRequest) -> RouteResponse {
    route(ctx.rulebook, &req)
}

pub(crate) const OPERATION: Operation = crate::operation!("procurement.route", run);
