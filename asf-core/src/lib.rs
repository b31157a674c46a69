//! # asf-core
//!
//! The rules of Swedish public buyers' promotion of work-integration social enterprises
//! (arbetsintegrerande sociala företag, ASF), as small pure functions over plain data.
//!
//! Every capability is an *operation* with a stable name, a JSON request and a JSON
//! response; [`evaluate`] runs any of them by name, and each module offers a typed API for
//! its own. Legal parameters come from the effective-dated [`rulebook`].
//!
//! | module | decides |
//! |---|---|
//! | [`orgnr`] | whether an organisation, personal or coordination number is valid |
//! | [`rulebook`] | which legal parameter applies on a date, with its source |
//! | [`criteria`] | whether an enterprise is an ASF (official 2010 or Skoopi 2021 criteria) |
//! | [`reserved`] | whether a supplier may take part in a reserved procurement |
//! | [`direct_award`] | whether a purchase is within the direct award limit, and must be documented |
//! | [`route`] | which rules a purchase follows: direct award, national or EU (`procurement.route`) |
//! | [`bid`] | what is missing or wrong in a bid before it is sent (`bid.validate`) |
//! | [`procurements`] | how often buyers reserve procurements (export, eForms, OCDS readers) |
//! | [`de_minimis`] | whether a grant fits under the de minimis ceiling of a single undertaking; audit of a grant register |
//! | [`gber`] | whether a wage or assistance subsidy meets GBER articles 32–35 |
//! | [`support`] | whether a municipality may give a support measure (kommunallagen 2 kap. 8 §) |
//! | [`ledger`] | how a supplier-ledger file is read, row by row, with a reconciliation |
//! | [`goals`] | how much spend goes to ASF, progress against targets, service outcomes |

pub mod bid;
pub mod catalogue;
pub mod criteria;
pub mod direct_award;
#[cfg(feature = "aid")]
pub mod de_minimis;
pub mod engine;
pub mod error;
#[cfg(feature = "aid")]
pub mod gber;
#[cfg(feature = "goals")]
pub mod goals;
#[cfg(feature = "goals")]
pub mod ledger;
pub mod money;
pub mod orgnr;
pub mod problem;
#[cfg(feature = "procurements")]
pub mod procurements;
pub mod request;
pub mod reserved;
pub mod route;
pub mod rulebook;
#[cfg(feature = "aid")]
pub mod support;

pub use engine::{operations, Context, Engine, Operation};
#[cfg(not(target_arch = "wasm32"))]
pub use engine::{evaluate, today_utc};
pub use chrono::NaiveDate;
pub use error::{Error, ErrorKind};
pub use problem::{Lang, Problem};
