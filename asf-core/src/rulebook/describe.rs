//! Operation `rulebook.describe`: the entries in force on a date, with their sources.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Entry, NotInForce, UNKNOWN_RULE};
use crate::engine::{Context, Operation};
use crate::problem::{CodeDef, Lang, Problem};

pub const CODES: &[&CodeDef] = &[];

/// Request of `rulebook.describe`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DescribeRequest {
    pub as_of: NaiveDate,
    /// Only these ids; all entries in force when absent.
    #[serde(default)]
    pub ids: Option<Vec<String>>,
    #[serde(default)]
    pub lang: Lang,
}

/// Response of `rulebook.describe`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DescribeResponse {
    pub as_of: NaiveDate,
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
}

fn run(ctx: &Context<'_>, req: DescribeRequest) -> DescribeResponse {
    let rb = ctx.rulebook;
    let mut problems = Vec::new();
    let entries = match &req.ids {
        None => rb.entries_in_force(req.as_of).cloned().collect(),
        Some(ids) => ids
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let path = format!("/ids/{i}");
                match rb.in_force(id, req.as_of) {
                    Ok(e) => Some(e.clone()),
                    Err(NotInForce { .. }) if !rb.knows(id) => {
                        problems.push(Problem::with_params(&UNKNOWN_RULE, path, req.lang, crate::params![("rule", id.as_str())]));
                        None
                    }
                    Err(missing) => {
                        problems.push(missing.problem(&path, req.lang));
                        None
                    }
                }
            })
            .collect(),
    };
    DescribeResponse { as_of: req.as_of, entries, problems }
}

pub(crate) const OPERATION: Operation =
    crate::operation!("rulebook.describe", run);
