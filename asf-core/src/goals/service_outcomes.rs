//! `goals.service_outcomes`: what work-integration service contracts achieve.
//!
//! Per contract: completion rate (`completed / participants`), transition rate
//! (`(to_work + to_studies) / participants`), the rates to work and to studies, cost per
//! participant and cost per transition. Contracts are ranked by cost per transition
//! (lowest first); contracts without transitions come after them, by cost per
//! participant (lowest first); remaining ties by `contract_id`. A contract with impossible data is reported and not ranked.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::{Period, SHARE_PLACES};
use crate::engine::{Context, Operation};
use crate::params;
use crate::problem::{pointer, CodeDef, Lang, Problem};

pub const NEGATIVE: CodeDef = CodeDef {
    code: "outcomes_negative_value",
    en: "{field} of contract {contract_id} is negative ({value}).",
    sv: "{field} för avtal {contract_id} är negativt ({value}).",
};
pub const TRANSITIONS_EXCEED: CodeDef = CodeDef {
    code: "outcomes_transitions_exceed_participants",
    en: "Contract {contract_id} reports {transitions} transitions to work or studies but only {participants} participants.",
    sv: "Avtal {contract_id} anger {transitions} övergångar till arbete eller studier men bara {participants} deltagare.",
};
pub const COMPLETED_EXCEED: CodeDef = CodeDef {
    code: "outcomes_completed_exceed_participants",
    en: "Contract {contract_id} reports {completed} completions but only {participants} participants.",
    sv: "Avtal {contract_id} anger {completed} fullföljda men bara {participants} deltagare.",
};
pub const PERIOD_REVERSED: CodeDef = CodeDef {
    code: "outcomes_period_reversed",
    en: "The period of contract {contract_id} ends ({to}) before it starts ({from}).",
    sv: "Perioden för avtal {contract_id} slutar ({to}) innan den börjar ({from}).",
};
pub const DUPLICATE_CONTRACT: CodeDef = CodeDef {
    code: "outcomes_duplicate_contract",
    en: "Contract {contract_id} is listed more than once; only the first is ranked.",
    sv: "Avtal {contract_id} förekommer mer än en gång; bara det första rangordnas.",
};

/// One contract of a work-integration service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Contract {
    pub contract_id: String,
    #[serde(default)]
    pub supplier: Option<String>,
    #[serde(default)]
    pub period: Option<Period>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub cost: Decimal,
    pub participants: i64,
    pub completed: i64,
    pub to_work: i64,
    pub to_studies: i64,
}

/// Request of `goals.service_outcomes`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OutcomesRequest {
    #[serde(default)]
    pub lang: Lang,
    pub contracts: Vec<Contract>,
}

/// Figures of one contract. Rates have six decimals; money is rounded to the öre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ContractOutcome {
    pub contract_id: String,
    pub supplier: Option<String>,
    /// 1 for the best; null when the contract has problems.
    pub rank: Option<u64>,
    pub valid: bool,
    pub participants: i64,
    pub transitions: i64,
    pub completion_rate: Option<String>,
    pub transition_rate: Option<String>,
    pub work_rate: Option<String>,
    pub studies_rate: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal", default)]
    pub cost_per_participant: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal", default)]
    pub cost_per_transition: Option<Decimal>,
}

/// Totals over the valid contracts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OutcomeTotals {
    pub contracts: u64,
    pub participants: i64,
    pub completed: i64,
    pub transitions: i64,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[serde(with = "crate::money::decimal")]
    pub cost: Decimal,
    pub completion_rate: Option<String>,
    pub transition_rate: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal", default)]
    pub cost_per_participant: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(with = "crate::money::opt_decimal", default)]
    pub cost_per_transition: Option<Decimal>,
}

/// Response of `goals.service_outcomes`: contracts in rank order (unranked ones last, in
/// request order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OutcomesResponse {
    pub contracts: Vec<ContractOutcome>,
    pub totals: OutcomeTotals,
    pub problems: Vec<Problem>,
}

fn rate(part: i64, whole: i64) -> Option<String> {
    (whole > 0)
        .then(|| {
            crate::money::fraction_string(Decimal::from(part), Decimal::from(whole), SHARE_PLACES)
        })
        .flatten()
}

fn per(cost: Decimal, n: i64) -> Option<Decimal> {
    (n > 0)
        .then(|| cost.checked_div(Decimal::from(n)))
        .flatten()
        .map(|d| {
            let mut d = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            d.rescale(2);
            d
        })
}

/// Checks and measures contracts, and ranks the valid ones.
pub fn outcomes(contracts: &[Contract], lang: Lang) -> OutcomesResponse {
    let mut problems = Vec::new();
    let mut rows: Vec<(usize, ContractOutcome, Option<Decimal>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut totals = OutcomeTotals {
        contracts: 0,
        participants: 0,
        completed: 0,
        transitions: 0,
        cost: Decimal::ZERO,
        completion_rate: None,
        transition_rate: None,
        cost_per_participant: None,
        cost_per_transition: None,
    };
    for (i, c) in contracts.iter().enumerate() {
        let base = pointer("/contracts", i);
        let id = c.contract_id.as_str();
        let before = problems.len();
        for (field, value) in [
            ("participants", c.participants),
            ("completed", c.completed),
            ("to_work", c.to_work),
            ("to_studies", c.to_studies),
        ] {
            if value < 0 {
                problems.push(Problem::with_params(
                    &NEGATIVE,
                    pointer(&base, field),
                    lang,
                    params![("field", field), ("contract_id", id), ("value", value)],
                ));
            }
        }
        if c.cost < Decimal::ZERO {
            problems.push(Problem::with_params(
                &NEGATIVE,
                pointer(&base, "cost"),
                lang,
                params![
                    ("field", "cost"),
                    ("contract_id", id),
                    ("value", c.cost.to_string())
                ],
            ));
        }
        let transitions = c.to_work.saturating_add(c.to_studies);
        if transitions > c.participants && c.participants >= 0 {
            problems.push(Problem::with_params(
                &TRANSITIONS_EXCEED,
                pointer(&base, "to_work"),
                lang,
                params![
                    ("contract_id", id),
                    ("transitions", transitions),
                    ("participants", c.participants)
                ],
            ));
        }
        if c.completed > c.participants && c.participants >= 0 {
            problems.push(Problem::with_params(
                &COMPLETED_EXCEED,
                pointer(&base, "completed"),
                lang,
                params![
                    ("contract_id", id),
                    ("completed", c.completed),
                    ("participants", c.participants)
                ],
            ));
        }
        if let Some(p) = c.period.filter(|p| p.to < p.from) {
            problems.push(Problem::with_params(
                &PERIOD_REVERSED,
                pointer(&pointer(&base, "period"), "to"),
                lang,
                params![
                    ("contract_id", id),
                    ("from", p.from.to_string()),
                    ("to", p.to.to_string())
                ],
            ));
        }
        if !seen.insert(id.to_owned()) {
            problems.push(Problem::with_params(
                &DUPLICATE_CONTRACT,
                pointer(&base, "contract_id"),
                lang,
                params![("contract_id", id)],
            ));
        }
        let valid = problems.len() == before;
        let cpt = per(c.cost, transitions);
        if valid {
            totals.contracts += 1;
            totals.participants = totals.participants.saturating_add(c.participants);
            totals.completed = totals.completed.saturating_add(c.completed);
            totals.transitions = totals.transitions.saturating_add(transitions);
            totals.cost = totals.cost.checked_add(c.cost).unwrap_or(Decimal::MAX);
        }
        rows.push((
            i,
            ContractOutcome {
                contract_id: c.contract_id.clone(),
                supplier: c.supplier.clone(),
                rank: None,
                valid,
                participants: c.participants,
                transitions,
                completion_rate: rate(c.completed, c.participants),
                transition_rate: rate(transitions, c.participants),
                work_rate: rate(c.to_work, c.participants),
                studies_rate: rate(c.to_studies, c.participants),
                cost_per_participant: per(c.cost, c.participants),
                cost_per_transition: cpt,
            },
            // The exact cost per transition, for ranking.
            (transitions > 0)
                .then(|| c.cost.checked_div(Decimal::from(transitions)))
                .flatten(),
        ));
    }
    // Ranking key: exact cost per transition ascending; contracts without transitions
    // after, by exact cost per participant ascending; then contract id.
    let exact_cpp = |i: usize| {
        contracts.get(i).and_then(|c| {
            (c.participants > 0)
                .then(|| c.cost.checked_div(Decimal::from(c.participants)))
                .flatten()
        })
    };
    rows.sort_by(|a, b| {
        b.1.valid.cmp(&a.1.valid).then_with(|| {
            if !a.1.valid {
                return a.0.cmp(&b.0);
            }
            let key = |r: &(usize, ContractOutcome, Option<Decimal>)| {
                (r.2.is_none(), r.2, exact_cpp(r.0).is_none(), exact_cpp(r.0))
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| a.1.contract_id.cmp(&b.1.contract_id))
        })
    });
    let mut rank = 0u64;
    for r in rows.iter_mut().filter(|r| r.1.valid) {
        rank += 1;
        r.1.rank = Some(rank);
    }
    totals.completion_rate = rate(totals.completed, totals.participants);
    totals.transition_rate = rate(totals.transitions, totals.participants);
    totals.cost_per_participant = per(totals.cost, totals.participants);
    totals.cost_per_transition = per(totals.cost, totals.transitions);
    OutcomesResponse {
        contracts: rows.into_iter().map(|r| r.1).collect(),
        totals,
        problems,
    }
}

fn run(_ctx: &Context<'_>, req: OutcomesRequest) -> OutcomesResponse {
    outcomes(&req.contracts, req.lang)
}

pub(crate) const OPERATION: Operation = crate::operation!("goals.service_outcomes", run);
