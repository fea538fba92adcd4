//! The AVE world: cases moving through wijkteams, the Veiligheidshuis and ZSM.
//!
//! [`phases`] holds the AVE phase rules in one place; the desks live in [`wijkteam`],
//! [`veiligheidshuis`] and [`zsm`]; [`world`] owns the clock and dispatches events. The
//! model knows nothing about files or terminals: it reports through an [`Observer`].

pub mod case;
pub mod event;
pub mod metrics;
pub mod phases;
pub mod veiligheidshuis;
pub mod wijkteam;
pub mod world;
pub mod zsm;

pub use case::{Origin, Outcome};
pub use metrics::{Diagnostics, METRICS, ReplicationOutput, daily_names};
pub use world::{run_replication, run_replication_unless};

/// A finished (or, at the end of the run, still open) case, for the per-case log.
#[derive(Debug, Clone)]
pub struct CaseRecord {
    /// Replication.
    pub replication: u32,
    /// Unique id within the replication.
    pub uid: u32,
    /// Arrival stream.
    pub origin: Origin,
    /// Index within the stream (the k-th family).
    pub index: u64,
    /// Wijkteam (1-based), if a wijkteam case.
    pub team: Option<u16>,
    /// Life domains.
    pub domains: u8,
    /// Complex.
    pub complex: bool,
    /// Entered (hours).
    pub entered: f64,
    /// Closed (hours), NaN if open.
    pub closed: f64,
    /// How it ended.
    pub outcome: Outcome,
    /// Escalations 2->3.
    pub escalations: u32,
    /// Crises.
    pub crises: u32,
    /// (time in hours, phase) of every phase change, starting with the entry phase.
    pub history: Vec<(f64, u8)>,
}

/// Receives what happens in a replication; the default methods ignore everything.
pub trait Observer {
    /// Whether [`Observer::trace`] wants events (skips formatting when false).
    const TRACE: bool = false;
    /// Whether [`Observer::case_done`] wants case records (skips history when false).
    const CASES: bool = false;
    /// One event: time (hours), what, desk, case uid (or u64::MAX), detail.
    fn trace(
        &mut self,
        _t: f64,
        _event: &'static str,
        _desk: &'static str,
        _case: u64,
        _detail: &str,
    ) {
    }
    /// A case closed, or was open at the end.
    fn case_done(&mut self, _record: &CaseRecord) {}
}

/// An observer that wants nothing.
pub struct Quiet;
impl Observer for Quiet {}
