//! avesim: a discrete-event simulator of how cases escalate between Dutch social
//! neighbourhood teams (*sociale wijkteams*), the regional Safety House (*Veiligheidshuis*)
//! and the prosecution's fast-track desk (*ZSM*) under the AVE escalation model.
//!
//! ```
//! use avesim::experiment::{run, RunOptions};
//! use avesim::model::Metric;
//! use avesim::scenario::load_str;
//!
//! let src = "name = \"tiny\"\n[run]\nhorizon_days = 60\nwarmup_days = 10\nreplications = 2\n";
//! let (scenario, params) = load_str(src, "tiny.toml", None, &[]).unwrap();
//! let results = run(&scenario, &params, &RunOptions::default()).unwrap();
//! let busy = results.metric(Metric::VhhHoursUtilisation);
//! assert!(busy.mean > 0.0 && busy.mean < 1.0);
//! ```

pub mod commands;
pub mod engine;
pub mod experiment;
pub mod format;
pub mod interrupt;
pub mod lang;
pub mod model;
pub mod output;
pub mod scenario;
pub mod stats;
pub mod text;
