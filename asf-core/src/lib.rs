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
//! | [`reserved`] | whether a supplier may take part in a reserved procurement |
//! | [`ledger`] | how a supplier-ledger file is read, row by row, with a reconciliation |
//! | [`goals`] | how much spend goes to ASF, progress against targets, service outcomes |

pub mod catalogue;
pub mod engine;
pub mod error;
pub mod goals;
pub mod ledger;
pub mod money;
pub mod orgnr;
pub mod problem;
pub mod request;
pub mod reserved;
pub mod rulebook;

pub use engine::{operations, Context, Engine, Operation};
#[cfg(not(target_arch = "wasm32"))]
pub use engine::{evaluate, today_utc};
pub use chrono::NaiveDate;
pub use error::{Error, ErrorKind};
pub use problem::{Lang, Problem};
