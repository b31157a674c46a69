//! May a municipality give this support? Kommunallagen (2017:725) 2 kap. 8 §.
//!
//! * A **general measure** open to all comparable undertakings (networks, advice, training)
//!   is allowed (`municipal.general_promotion`, 1 st.).
//! * **Individually targeted support** to a single undertaking needs *synnerliga skäl*
//!   (exceptional reasons, `municipal.individual_support`, 2 st.) **and** a lawful State-aid
//!   basis: de minimis, SGEI de minimis, GBER, or a measure that is not aid. The de minimis
//!   or GBER request nested in the measure is decided by [`crate::de_minimis::check`] and
//!   [`crate::gber::gber_check`].
//! * A **purchase at market price** (including a reserved procurement) is not support.
//!
//! A general measure that is not open to all comparable undertakings is treated as
//! individually targeted support.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::de_minimis::{CheckRequest, CheckResponse, Regulation};
use crate::engine::{Context, Operation};
use crate::gber::{GberRequest, GberResponse};
use crate::params;
use crate::problem::{CodeDef, Lang, Problem};
use crate::rulebook::{LegalBasis, Rulebook};

pub const OPEN_TO_ALL_MISSING: CodeDef = CodeDef {
    code: "support_open_to_all_missing",
    en: "Say whether the measure is open to all comparable undertakings.",
    sv: "Ange om åtgärden är öppen för alla jämförbara företag.",
};
pub const EXCEPTIONAL_REASONS_MISSING: CodeDef = CodeDef {
    code: "support_exceptional_reasons_missing",
    en: "Individually targeted support needs exceptional reasons (synnerliga skäl): say whether there are any.",
    sv: "Individuellt riktat stöd kräver synnerliga skäl: ange om sådana finns.",
};
pub const STATE_AID_BASIS_MISSING: CodeDef = CodeDef {
    code: "support_state_aid_basis_missing",
    en: "Give the State-aid basis of the support: de_minimis, sgei_de_minimis, gber, not_aid or none.",
    sv: "Ange stödets statsstödsgrund: de_minimis, sgei_de_minimis, gber, not_aid eller none.",
};
pub const NESTED_REQUEST_MISSING: CodeDef = CodeDef {
    code: "support_nested_request_missing",
    en: "The State-aid basis is {basis}: give the {field} request that decides it.",
    sv: "Statsstödsgrunden är {basis}: ange begäran {field} som avgör den.",
};
pub const REGULATION_MISMATCH: CodeDef = CodeDef {
    code: "support_regulation_mismatch",
    en: "The State-aid basis is {basis} but the grant is under the {regulation} de minimis regulation.",
    sv: "Statsstödsgrunden är {basis} men stödet gäller de minimis-förordningen {regulation}.",
};

pub const REASON_MARKET_PURCHASE: CodeDef = CodeDef {
    code: "support_market_purchase",
    en: "A purchase at market price through a procurement is not support.",
    sv: "Ett köp till marknadspris genom upphandling är inte stöd.",
};
pub const REASON_GENERAL_MEASURE: CodeDef = CodeDef {
    code: "support_general_measure",
    en: "A general measure open to all comparable undertakings may be given to promote business.",
    sv: "En allmän åtgärd som är öppen för alla jämförbara företag får vidtas för att främja näringslivet.",
};
pub const REASON_NO_EXCEPTIONAL_REASONS: CodeDef = CodeDef {
    code: "support_no_exceptional_reasons",
    en: "Individually targeted support without exceptional reasons (synnerliga skäl) is not permitted.",
    sv: "Individuellt riktat stöd utan synnerliga skäl är inte tillåtet.",
};
pub const REASON_NO_AID_BASIS: CodeDef = CodeDef {
    code: "support_no_aid_basis",
    en: "Individually targeted support needs a lawful State-aid basis; none is given.",
    sv: "Individuellt riktat stöd kräver en laglig statsstödsgrund; ingen är angiven.",
};
pub const REASON_AID_BASIS_REFUSED: CodeDef = CodeDef {
    code: "support_aid_basis_not_met",
    en: "The support does not meet its State-aid basis ({basis}).",
    sv: "Stödet uppfyller inte sin statsstödsgrund ({basis}).",
};
pub const REASON_AID_BASIS_UNDETERMINED: CodeDef = CodeDef {
    code: "support_aid_basis_undetermined",
    en: "Whether the support meets its State-aid basis ({basis}) cannot be decided yet; see the problems.",
    sv: "Om stödet uppfyller sin statsstödsgrund ({basis}) kan inte avgöras ännu; se problemen.",
};
pub const REASON_INDIVIDUAL_PERMITTED: CodeDef = CodeDef {
    code: "support_individual_permitted",
    en: "Individually targeted support with exceptional reasons and a State-aid basis ({basis}) that is met.",
    sv: "Individuellt riktat stöd med synnerliga skäl och en statsstödsgrund ({basis}) som är uppfylld.",
};

pub const CONDITION_CENTRAL_REGISTER: CodeDef = CodeDef {
    code: "support_condition_central_register",
    en: "Register the grant in the central de minimis register.",
    sv: "Registrera stödet i det centrala de minimis-registret.",
};
pub const CONDITION_DECLARATION: CodeDef = CodeDef {
    code: "support_condition_declaration",
    en: "Obtain the undertaking's declaration of all de minimis aid to the single undertaking in the previous three years (until the central register holds that history).",
    sv: "Inhämta företagets försäkran om allt de minimis-stöd till det enda företaget under de senaste tre åren (tills det centrala registret har den historiken).",
};
pub const CONDITION_INFORM: CodeDef = CodeDef {
    code: "support_condition_inform_de_minimis",
    en: "Inform the recipient in writing of the amount and that the aid is de minimis aid, citing the regulation.",
    sv: "Informera mottagaren skriftligen om beloppet och att stödet är de minimis-stöd, med hänvisning till förordningen.",
};
pub const CONDITION_GBER: CodeDef = CodeDef {
    code: "support_condition_gber_reporting",
    en: "Publish and report the aid as GBER requires (transparency, summary information to the Commission, records).",
    sv: "Offentliggör och rapportera stödet enligt GBER (öppenhet, sammanfattande information till kommissionen, dokumentation).",
};
pub const CONDITION_NOT_AID: CodeDef = CodeDef {
    code: "support_condition_document_not_aid",
    en: "Document why the measure is not State aid (TFEU art. 107(1)).",
    sv: "Dokumentera varför åtgärden inte är statsstöd (FEUF art. 107.1).",
};

pub const CODES: &[&CodeDef] = &[
    &OPEN_TO_ALL_MISSING,
    &EXCEPTIONAL_REASONS_MISSING,
    &STATE_AID_BASIS_MISSING,
    &NESTED_REQUEST_MISSING,
    &REGULATION_MISMATCH,
    &REASON_MARKET_PURCHASE,
    &REASON_GENERAL_MEASURE,
    &REASON_NO_EXCEPTIONAL_REASONS,
    &REASON_NO_AID_BASIS,
    &REASON_AID_BASIS_REFUSED,
    &REASON_AID_BASIS_UNDETERMINED,
    &REASON_INDIVIDUAL_PERMITTED,
    &CONDITION_CENTRAL_REGISTER,
    &CONDITION_DECLARATION,
    &CONDITION_INFORM,
    &CONDITION_GBER,
    &CONDITION_NOT_AID,
];

/// Citation of the duties to declare and inform under the de minimis regulations.
pub const DE_MINIMIS_DUTIES_CITATION: &str =
    "Reg. (EU) 2023/2831 art. 6; Reg. (EU) 1407/2013 art. 6";
/// Citation of GBER's transparency, reporting and monitoring duties.
pub const GBER_DUTIES_CITATION: &str = "Reg. (EU) 651/2014 art. 9, 11, 12";

/// What kind of measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    GeneralMeasure,
    IndividualSupport,
    MarketPurchase,
}

/// The State-aid basis claimed for the support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StateAidBasis {
    None,
    DeMinimis,
    Gber,
    SgeiDeMinimis,
    NotAid,
}

impl StateAidBasis {
    fn name(self) -> &'static str {
        match self {
            StateAidBasis::None => "none",
            StateAidBasis::DeMinimis => "de_minimis",
            StateAidBasis::Gber => "gber",
            StateAidBasis::SgeiDeMinimis => "sgei_de_minimis",
            StateAidBasis::NotAid => "not_aid",
        }
    }
}

/// The measure a municipality considers.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Measure {
    pub kind: Kind,
    #[serde(default)]
    pub open_to_all_comparable: Option<bool>,
    #[serde(default)]
    pub exceptional_reasons: Option<bool>,
    #[serde(default)]
    pub state_aid_basis: Option<StateAidBasis>,
    /// The `aid.de_minimis.check` request, when the basis is (SGEI) de minimis.
    #[serde(default)]
    pub de_minimis: Option<CheckRequest>,
    /// The `aid.gber.check` request, when the basis is GBER.
    #[serde(default)]
    pub gber: Option<GberRequest>,
}

/// Request of `support.assess`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AssessRequest {
    pub measure: Measure,
    /// Decision date; defaults to the nested grant date, else today.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub lang: Lang,
}

/// The answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Permitted,
    PermittedWithConditions,
    NotPermitted,
    Undetermined,
}

/// A reason or a condition, with its citation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Statement {
    pub code: String,
    pub message: String,
    pub legal_basis: LegalBasis,
}

/// Response of `support.assess`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AssessResponse {
    pub outcome: Outcome,
    /// Why: the rule that decided the outcome.
    pub reason: Option<Statement>,
    pub conditions: Vec<Statement>,
    pub legal_basis: Vec<LegalBasis>,
    /// The nested de minimis decision, paths of its problems prefixed `/measure/de_minimis`.
    pub de_minimis: Option<CheckResponse>,
    /// The nested GBER decision, paths of its problems prefixed `/measure/gber`.
    pub gber: Option<GberResponse>,
    pub problems: Vec<Problem>,
}

fn statement(
    def: &CodeDef,
    lang: Lang,
    p: &serde_json::Map<String, serde_json::Value>,
    basis: LegalBasis,
) -> Statement {
    Statement {
        code: def.code.to_owned(),
        message: crate::problem::render(def.template(lang), p),
        legal_basis: basis,
    }
}

fn prefix(problems: &mut [Problem], base: &str) {
    for p in problems {
        p.path = format!("{base}{}", p.path);
    }
}

/// `support.assess` as a typed function.
pub fn assess(rb: &Rulebook, today: NaiveDate, req: &AssessRequest) -> AssessResponse {
    let lang = req.lang;
    let m = &req.measure;
    let date = req
        .date
        .or_else(|| m.de_minimis.as_ref().map(|d| d.grant.date))
        .or_else(|| m.gber.as_ref().map(|g| g.date))
        .unwrap_or(today);
    let none = params![];
    let mut resp = AssessResponse {
        outcome: Outcome::Undetermined,
        reason: None,
        conditions: Vec::new(),
        legal_basis: Vec::new(),
        de_minimis: None,
        gber: None,
        problems: Vec::new(),
    };
    let kl = LegalBasis::citation("Kommunallag (2017:725) 2 kap. 8 §");
    if m.kind == Kind::MarketPurchase {
        resp.outcome = Outcome::Permitted;
        resp.reason = Some(statement(&REASON_MARKET_PURCHASE, lang, &none, kl.clone()));
        resp.legal_basis.push(kl);
        return resp;
    }
    if m.kind == Kind::GeneralMeasure {
        match m.open_to_all_comparable {
            None => {
                resp.problems.push(Problem::new(
                    &OPEN_TO_ALL_MISSING,
                    "/measure/open_to_all_comparable",
                    lang,
                ));
                return resp;
            }
            Some(true) => {
                match rb.in_force("municipal.general_promotion", date) {
                    Ok(e) if e.flag() == Some(true) => {
                        resp.outcome = Outcome::Permitted;
                        resp.reason = Some(statement(
                            &REASON_GENERAL_MEASURE,
                            lang,
                            &none,
                            e.legal_basis(),
                        ));
                        resp.legal_basis.push(e.legal_basis());
                    }
                    Ok(_) => {}
                    Err(e) => resp.problems.push(e.problem("/date", lang)),
                }
                return resp;
            }
            // Not open to all comparable undertakings: individually targeted.
            Some(false) => {}
        }
    }
    let entry = match rb.in_force("municipal.individual_support", date) {
        Ok(e) => e,
        Err(e) => {
            resp.problems.push(e.problem("/date", lang));
            return resp;
        }
    };
    let basis8 = entry.legal_basis();
    resp.legal_basis.push(basis8.clone());
    match m.exceptional_reasons {
        None => {
            resp.problems.push(Problem::new(
                &EXCEPTIONAL_REASONS_MISSING,
                "/measure/exceptional_reasons",
                lang,
            ));
            return resp;
        }
        Some(false) => {
            resp.outcome = Outcome::NotPermitted;
            resp.reason = Some(statement(
                &REASON_NO_EXCEPTIONAL_REASONS,
                lang,
                &none,
                basis8,
            ));
            return resp;
        }
        Some(true) => {}
    }
    let Some(basis) = m.state_aid_basis else {
        resp.problems.push(Problem::new(
            &STATE_AID_BASIS_MISSING,
            "/measure/state_aid_basis",
            lang,
        ));
        return resp;
    };
    let bp = params![("basis", basis.name())];
    // Whether the basis is met: Some(true/false) or None (undetermined).
    let met: Option<bool> = match basis {
        StateAidBasis::None => {
            resp.outcome = Outcome::NotPermitted;
            resp.reason = Some(statement(&REASON_NO_AID_BASIS, lang, &none, basis8));
            return resp;
        }
        StateAidBasis::NotAid => {
            resp.conditions.push(statement(
                &CONDITION_NOT_AID,
                lang,
                &none,
                LegalBasis::citation("TFEU art. 107(1)"),
            ));
            Some(true)
        }
        StateAidBasis::DeMinimis | StateAidBasis::SgeiDeMinimis => match &m.de_minimis {
            None => {
                resp.problems.push(Problem::with_params(
                    &NESTED_REQUEST_MISSING,
                    "/measure/de_minimis",
                    lang,
                    params![("basis", basis.name()), ("field", "de_minimis")],
                ));
                None
            }
            Some(nested) => {
                let mut nested = nested.clone();
                nested.lang = lang;
                let wants_sgei = basis == StateAidBasis::SgeiDeMinimis;
                let mismatch = wants_sgei != (nested.grant.regulation == Regulation::Sgei);
                let mut out = crate::de_minimis::check(rb, &nested);
                prefix(&mut out.problems, "/measure/de_minimis");
                resp.problems.extend(out.problems.iter().cloned());
                if mismatch {
                    let reg = nested.grant.regulation.name();
                    resp.problems.push(Problem::with_params(
                        &REGULATION_MISMATCH,
                        "/measure/de_minimis/grant/regulation",
                        lang,
                        params![("basis", basis.name()), ("regulation", reg)],
                    ));
                }
                if let Some(r) = &out.regulation {
                    resp.legal_basis.push(r.legal_basis.clone());
                }
                let allowed = if mismatch { None } else { out.allowed };
                if allowed == Some(true) {
                    let duties = LegalBasis::citation(DE_MINIMIS_DUTIES_CITATION);
                    if let Ok(reg) =
                        rb.in_force(crate::de_minimis::CENTRAL_REGISTER, nested.grant.date)
                    {
                        if reg.flag() == Some(true) {
                            resp.conditions.push(statement(
                                &CONDITION_CENTRAL_REGISTER,
                                lang,
                                &none,
                                reg.legal_basis(),
                            ));
                        }
                    }
                    resp.conditions.push(statement(
                        &CONDITION_DECLARATION,
                        lang,
                        &none,
                        duties.clone(),
                    ));
                    resp.conditions
                        .push(statement(&CONDITION_INFORM, lang, &none, duties));
                }
                resp.de_minimis = Some(out);
                allowed
            }
        },
        StateAidBasis::Gber => match &m.gber {
            None => {
                resp.problems.push(Problem::with_params(
                    &NESTED_REQUEST_MISSING,
                    "/measure/gber",
                    lang,
                    params![("basis", basis.name()), ("field", "gber")],
                ));
                None
            }
            Some(nested) => {
                let mut nested = nested.clone();
                nested.lang = lang;
                let mut out = crate::gber::gber_check(rb, &nested);
                prefix(&mut out.problems, "/measure/gber");
                resp.problems.extend(out.problems.iter().cloned());
                if out.allowed == Some(true) {
                    resp.conditions.push(statement(
                        &CONDITION_GBER,
                        lang,
                        &none,
                        LegalBasis::citation(GBER_DUTIES_CITATION),
                    ));
                }
                let allowed = out.allowed;
                resp.gber = Some(out);
                allowed
            }
        },
    };
    match met {
        Some(true) => {
            resp.outcome = Outcome::PermittedWithConditions;
            resp.reason = Some(statement(&REASON_INDIVIDUAL_PERMITTED, lang, &bp, basis8));
        }
        Some(false) => {
            resp.outcome = Outcome::NotPermitted;
            resp.conditions.clear();
            resp.reason = Some(statement(&REASON_AID_BASIS_REFUSED, lang, &bp, basis8));
        }
        None => {
            resp.conditions.clear();
            resp.reason = Some(statement(&REASON_AID_BASIS_UNDETERMINED, lang, &bp, basis8));
        }
    }
    resp
}

fn run(ctx: &Context<'_>, req: AssessRequest) -> AssessResponse {
    assess(ctx.rulebook, ctx.today, &req)
}

pub(crate) const OPERATION: Operation = crate::operation!("support.assess", run);
