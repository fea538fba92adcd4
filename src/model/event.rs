//! The one event enum of the model and its rank among same-time events.
//!
//! Same-time order (lower first), then FIFO:
//! 0. `DayEnd`: statistics close the day before anything at the boundary counts in the next;
//! 1. service completions (`ZsmDone`, `AdviceDone`): releases before seizes;
//! 2. case transitions and process steps (clocks, meetings, plans, crises, reviews, effects,
//!    feedback);
//! 3. arrivals (new cases, suspects, referrals);
//! 4. `DeskOpens`: a desk starts work after everything at that instant has arrived or left.

use crate::engine::Ranked;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desk {
    /// Wijkteam intake.
    Wijkteam,
    /// VHH process-lead slots.
    Vhh,
    /// VHH advice desk.
    Advice,
    /// ZSM table.
    Zsm,
}

impl Desk {
    /// Name used in traces.
    pub fn name(self) -> &'static str {
        match self {
            Desk::Wijkteam => "wijkteam",
            Desk::Vhh => "vhh",
            Desk::Advice => "advice",
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
    /// The wijkteam finally accepts the plan.
    FrictionOver,
    /// The mayor hands the crisis back.
    CrisisOver,
    /// A stagnation review of a case in phase 2.
    Review,
}

/// Everything that can happen.
#[derive(Debug, Clone, Copy)]
pub enum Event {
    /// End of a simulated day.
    DayEnd,
    /// A ZSM decision is taken (desk item).
    ZsmDone {
        /// Item slot.
        item: u32,
    },
    /// An advice consult ends.
    AdviceDone {
        /// Case slot.
        case: u32,
        /// Advice ticket.
        ticket: u32,
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
    /// Next arrival of a stream.
    Arrival(Source),
    /// A desk opens.
    DeskOpens(Desk),
}

impl Ranked for Event {
    #[inline]
    fn rank(&self) -> u8 {
        match self {
            Event::DayEnd => 0,
            Event::ZsmDone { .. } | Event::AdviceDone { .. } => 1,
            Event::Clock { .. }
            | Event::Step { .. }
            | Event::EffectEnds { .. }
            | Event::Feedback { .. } => 2,
            Event::Referral { .. } | Event::ExternalReferral { .. } | Event::Arrival(_) => 3,
            Event::DeskOpens(_) => 4,
        }
    }
}
