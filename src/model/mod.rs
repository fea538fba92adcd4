//! The AVE world: cases moving through wijkteams, the Veiligheidshuis and ZSM.
//!
//! [`phases`] holds the AVE phase rules in one place and [`doubt`] what a wijkteam in doubt
//! does; the desks live in [`wijkteam`], [`veiligheidshuis`] (one budget of hours) and
//! [`zsm`];
//! [`world`] owns the clock and dispatches events; [`arrivals`] brings cases in, [`clock`]
//! draws what happens to them next, [`lifecycle`] moves them between phases and closes
//! them; [`counters`] and [`results`] turn it all into a replication's outputs. The model
//! knows nothing about files or terminals: it tells an [`Observer`] what [`Happening`]s.

pub mod arrivals;
pub mod case;
pub mod clock;
pub mod counters;
pub mod doubt;
pub mod event;
pub mod happening;
pub mod lifecycle;
pub mod metrics;
pub mod phases;
pub mod results;
pub mod series;
pub mod veiligheidshuis;
pub mod wijkteam;
pub mod world;
pub mod yearly;
pub mod zsm;

pub use case::{AveFase, CaseId, Doubt, Origin, Outcome};
pub use happening::{DeskId, Happening};
pub use metrics::{METRICS, Metric, Series};
pub use phases::Trigger;
pub use results::{Diagnostics, ReplicationOutput};
pub use world::{run_replication, run_replication_unless};
pub use zsm::Route;

/// Receives what happens in a replication; by default nothing is wanted and nothing is
/// built for it.
pub trait Observer {
    /// Whether [`Observer::on`] wants happenings.
    const HAPPENINGS: bool = false;
    /// Whether [`Observer::level`] wants the desks' levels.
    const LEVELS: bool = false;
    /// Something happened at time `t` (hours).
    fn on(&mut self, _t: f64, _happening: &Happening) {}
    /// A desk's busy servers or waiting line changed at time `t` (hours).
    fn level(&mut self, _t: f64, _desk: DeskId, _busy: u32, _waiting: u32) {}
}

/// An observer that wants nothing.
pub struct Quiet;
impl Observer for Quiet {}
