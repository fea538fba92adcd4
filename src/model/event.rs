//! The one event enum of the model and its rank among same-time events.
//!
//! Same-time order (lower first), then FIFO:
//! 0. [`DAY_BOUNDARY`] (`DayEnd`, `ParamsChange`): statistics close the day before anything
//!    at the boundary counts in the next, and new parameters take over before anything uses
//!    them;
//! 1. [`RELEASE`] (service completions `ZsmDone`, `AdviceDone`, `BudgetRelease`): releases
//!    before seizes;
//! 2. [`TRANSITION`] (case transitions and process steps: clocks, meetings, plans, AVE 4
//!    hand-backs, briefings, advice time-outs, effects, feedback, feedback sessions);
//! 3. [`ARRIVAL`] (new cases, suspects, referrals);
//! 4. [`DESK_OPENS`] (`DeskOpens`): a desk starts work after everything at that instant has
//!    arrived or left.
//!
//! How a stale event is recognised (the case it names has moved on or closed):
//!
//! | event                     | stale when                                                  |
//! |---------------------------|-------------------------------------------------------------|
//! | `Clock`                   | the case's `clock_gen` changed (any change of state redraws) |
//! | `Step` (meeting, plan, friction, AVE 4 over) | the case's `phase_gen` changed (a phase change) |
//! | `Briefing`                | the case's `notice_gen` changed (stall acted on, parameters changed) |
//! | `EffectEnds`              | the case's `effect_gen` changed (a newer decision)           |
//! | `AdviceDone`, `AdviceTimeout` | the case no longer waits for that consult ([`AdvicePlace`](super::case::AdvicePlace)) |
//! | `Feedback`, `Referral`    | the slot no longer holds the case with that uid              |
//! | `Arrival`                 | the stream was redrawn since (its rate changed)              |
//! | a line entry at a desk    | the case no longer holds that [`Ticket`]                     |
//!
//! Generations continue when a slot is reused, so events for an earlier occupant stay stale.

use crate::engine::Ranked;
use crate::engine::resource::Ticket;

/// Rank of the day boundary: statistics close first.
pub const DAY_BOUNDARY: u8 = 0;
/// Rank of service completions: releases before seizes.
pub const RELEASE: u8 = 1;
/// Rank of case transitions and process steps.
pub const TRANSITION: u8 = 2;
/// Rank of arrivals.
pub const ARRIVAL: u8 = 3;
/// Rank of a desk opening: after everything at that instant has arrived or left.
pub const DESK_OPENS: u8 = 4;

/// An arrival stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Source {
    /// Social cases entering phase 2.
    Social = 0,
    /// Unknown suspects at ZSM.
    ZsmUnknown = 1,
    /// Direct VHH referrals.
    VhhDirect = 2,
}

/// A desk with opening hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Desk {
    /// Wijkteam intake.
    Wijkteam,
    /// The VHH's coordinators (procesregie and advice from one budget).
    Vhh,
    /// ZSM table.
    Zsm,
}

impl Desk {
    /// Name used in traces.
    pub fn name(self) -> &'static str {
        match self {
            Desk::Wijkteam => "wijkteam",
            Desk::Vhh => "vhh",
            Desk::Zsm => "zsm",
        }
    }
}

/// A step of a case's process that runs on its own timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The VHH case meeting (maatwerkoverleg).
    Meeting,
    /// The VHH plan is ready.
    PlanReady,
    /// The wijkteam finally takes the plan over.
    FrictionOver,
    /// The burgemeester hands the case back to the VHH.
    Ave4Over,
}

/// Everything that can happen.
#[derive(Debug, Clone, Copy)]
pub enum Event {
    /// End of a simulated day.
    DayEnd,
    /// The parameters change (the k-th set of the scenario's timeline takes over).
    ParamsChange(u32),
    /// A ZSM decision is taken (desk item).
    ZsmDone {
        /// Item slot.
        item: u32,
    },
    /// An advice consult is answered.
    AdviceDone {
        /// Case slot.
        case: u32,
        /// Its place in the VHH budget's line.
        ticket: Ticket,
    },
    /// A consult's week is over: its hours go back to the VHH budget.
    BudgetRelease {
        /// Hours a week given back.
        units: f64,
    },
    /// A case's competing-risk clock fires.
    Clock {
        /// Case slot.
        case: u32,
        /// Clock generation.
        generation: u32,
    },
    /// A process step of a case.
    Step {
        /// Case slot.
        case: u32,
        /// Phase generation.
        generation: u32,
        /// Which step.
        step: Step,
    },
    /// The teamleider picks a stalled case up at the morning briefing.
    Briefing {
        /// Case slot.
        case: u32,
        /// Notice generation.
        generation: u32,
    },
    /// A worker stops waiting for a consult that has not started and decides alone.
    AdviceTimeout {
        /// Case slot.
        case: u32,
        /// Its place in the VHH budget's line.
        ticket: Ticket,
    },
    /// A periodic operational feedback session between VHH and ZSM.
    FitReview,
    /// A ZSM decision's effect on a case ends.
    EffectEnds {
        /// Case slot.
        case: u32,
        /// Effect generation.
        generation: u32,
    },
    /// ZSM feedback reaches the VHH.
    Feedback {
        /// Case slot.
        case: u32,
        /// Case uid.
        uid: u32,
        /// When the decision was taken (hours).
        sent: f64,
    },
    /// ZSM refers a known person to the VHH.
    Referral {
        /// Case slot.
        case: u32,
        /// Case uid.
        uid: u32,
    },
    /// ZSM refers an unknown suspect (its index in the ZSM stream) to the VHH.
    ExternalReferral {
        /// Suspect index.
        index: u64,
    },
    /// Next arrival of a stream (stale when the stream was redrawn since).
    Arrival(Source, u32),
    /// A desk opens.
    DeskOpens(Desk),
}

impl Ranked for Event {
    #[inline]
    fn rank(&self) -> u8 {
        match self {
            Event::DayEnd | Event::ParamsChange(_) => DAY_BOUNDARY,
            Event::ZsmDone { .. } | Event::AdviceDone { .. } | Event::BudgetRelease { .. } => {
                RELEASE
            }
            Event::Clock { .. }
            | Event::Step { .. }
            | Event::Briefing { .. }
            | Event::AdviceTimeout { .. }
            | Event::FitReview
            | Event::EffectEnds { .. }
            | Event::Feedback { .. } => TRANSITION,
            Event::Referral { .. } | Event::ExternalReferral { .. } | Event::Arrival(..) => ARRIVAL,
            Event::DeskOpens(_) => DESK_OPENS,
        }
    }

    /// A stream's next arrival and a ZSM decision: three quarters of all events, a handful
    /// pending at any time.
    #[inline]
    fn frequent(&self) -> bool {
        matches!(self, Event::Arrival(..) | Event::ZsmDone { .. })
    }
}
