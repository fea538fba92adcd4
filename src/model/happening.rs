//! What the model tells its observers: one typed stream of happenings, in the order they
//! happen, each naming the case it is about. The event trace, the per-case log and, later,
//! a family's story and an animation of the desks are all observers of this one stream.

use super::case::{AveFase, CaseId, Doubt, Origin, Outcome};
use super::phases::Trigger;
use super::zsm::Route;

/// A desk whose levels (busy servers, waiting) an observer can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskId {
    /// One wijkteam's case slots (0-based team).
    Wijkteam(u16),
    /// The Veiligheidshuis coordinators: cases under procesregie and waiting for it.
    Vhh,
    /// The advice function: consults in their budget week and waiting.
    Advice,
    /// The ZSM table.
    Zsm,
}

/// Something that happened to a case or at a desk.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Happening {
    /// A case enters the model: a family in AVE 2 at a wijkteam, or an external case in
    /// AVE 3 at the Veiligheidshuis.
    Arrived {
        /// The case.
        case: CaseId,
        /// Its arrival stream.
        origin: Origin,
        /// The k-th arrival of that stream (the same family in every scenario).
        index: u64,
        /// Its wijkteam (0-based), for wijkteam cases.
        team: Option<u16>,
        /// Life domains touched.
        domains: u8,
        /// Needs a cross-chain approach.
        complex: bool,
        /// A family with minors.
        youth: bool,
        /// The phase it enters in.
        fase: AveFase,
    },
    /// A case joins a desk's line.
    QueueJoined {
        /// The case.
        case: CaseId,
        /// The desk.
        desk: DeskId,
    },
    /// A wijkteam takes the case on: casusregie in the wijk.
    TeamStarted {
        /// The case.
        case: CaseId,
        /// The team (0-based).
        team: u16,
    },
    /// The wijkteam sees that a complex case needs more.
    Recognised {
        /// The case.
        case: CaseId,
    },
    /// Cooperation around the case stalls: several agencies, no progress.
    Stalled {
        /// The case.
        case: CaseId,
    },
    /// A worker (or, at the morning briefing, the teamleider) has a doubt to act on.
    Doubted {
        /// The case.
        case: CaseId,
        /// What about.
        doubt: Doubt,
        /// The teamleider picked it up at the briefing.
        briefing: bool,
    },
    /// The wijkteam asks the Veiligheidshuis for advice.
    AdviceRequested {
        /// The case.
        case: CaseId,
        /// What about.
        doubt: Doubt,
    },
    /// A consult starts.
    AdviceStarted {
        /// The case.
        case: CaseId,
    },
    /// A consult is answered while the case still waits for it.
    AdviceAnswered {
        /// The case.
        case: CaseId,
    },
    /// The worker stopped waiting for a consult and decided alone.
    AdviceGivenUp {
        /// The case.
        case: CaseId,
    },
    /// The consult kept the case in the wijk (doubt settled, cooperation restored, or no
    /// hand-over).
    AdviceSettled {
        /// The case.
        case: CaseId,
        /// What the doubt was about.
        doubt: Doubt,
    },
    /// The worker did not act on a doubt: the case keeps simmering.
    Simmering {
        /// The case.
        case: CaseId,
    },
    /// Opschaling naar AVE 3, and why.
    Opgeschaald {
        /// The case.
        case: CaseId,
        /// What made the wijkteam (or ZSM) scale up.
        trigger: Trigger,
        /// After a consult that advised it.
        advised: bool,
    },
    /// A case's phase changes.
    PhaseChanged {
        /// The case.
        case: CaseId,
        /// The new phase.
        fase: AveFase,
    },
    /// A coordinator takes procesregie.
    ProcesregieStarted {
        /// The case.
        case: CaseId,
        /// The coordinator (0-based).
        coordinator: u16,
    },
    /// The maatwerkoverleg; the plan is designed.
    Maatwerkoverleg {
        /// The case.
        case: CaseId,
        /// Advice for ZSM was entered (not held back for fear of privacy rules).
        advice_for_zsm: bool,
    },
    /// The plan is ready and the VHH keeps the case until it is resolved.
    PlanKept {
        /// The case.
        case: CaseId,
    },
    /// The wijkteam does not accept the plan at once.
    PlanRejected {
        /// The case.
        case: CaseId,
    },
    /// Afschaling naar AVE 2 with a plan, back to (or for the first time to) a wijkteam.
    Afgeschaald {
        /// The case.
        case: CaseId,
        /// The wijkteam (0-based).
        team: u16,
    },
    /// An acute safety incident; `late` if the case was in AVE 2 and never in AVE 3.
    Incident {
        /// The case.
        case: CaseId,
        /// It had never been in AVE 3.
        late: bool,
        /// It also threatened public unrest: opschaling naar AVE 4.
        unrest: bool,
    },
    /// The burgemeester hands the case back to the Veiligheidshuis.
    Ave4Over {
        /// The case.
        case: CaseId,
    },
    /// An offence brings a person with an active case before ZSM.
    Offence {
        /// The case.
        case: CaseId,
    },
    /// A suspect unknown to the social domain arrives at ZSM.
    ZsmUnknownArrived {
        /// Index in the ZSM stream.
        index: u64,
    },
    /// A ZSM desk takes up a suspect.
    ZsmStarted {
        /// The desk item.
        item: u32,
        /// The case, for a person with an active case.
        case: Option<CaseId>,
    },
    /// ZSM decides.
    ZsmDecided {
        /// The desk item.
        item: u32,
        /// The case, for a person with an active case.
        case: Option<CaseId>,
        /// Hours from arrival (or opening) to the decision.
        hours: f64,
    },
    /// ZSM's decision on a person with an active case, and how context reached it.
    ZsmKnownDecision {
        /// The case.
        case: CaseId,
        /// How the context reached the table, if it did.
        route: Route,
        /// VHH advice on the case was in the system (read or not).
        advice_on_file: bool,
    },
    /// ZSM's feedback on a decision reaches the Veiligheidshuis.
    Feedback {
        /// The case, if it is still in progress.
        case: Option<CaseId>,
    },
    /// A case closes.
    Closed {
        /// The case.
        case: CaseId,
        /// How.
        outcome: Outcome,
    },
    /// A case is still in progress at the end of the run.
    OpenAtEnd {
        /// The case.
        case: CaseId,
    },
}

impl Happening {
    /// The case it is about, if it is about one.
    pub fn case(&self) -> Option<CaseId> {
        use Happening as H;
        match *self {
            H::Arrived { case, .. }
            | H::QueueJoined { case, .. }
            | H::TeamStarted { case, .. }
            | H::Recognised { case }
            | H::Stalled { case }
            | H::Doubted { case, .. }
            | H::AdviceRequested { case, .. }
            | H::AdviceStarted { case }
            | H::AdviceAnswered { case }
            | H::AdviceGivenUp { case }
            | H::AdviceSettled { case, .. }
            | H::Simmering { case }
            | H::Opgeschaald { case, .. }
            | H::PhaseChanged { case, .. }
            | H::ProcesregieStarted { case, .. }
            | H::Maatwerkoverleg { case, .. }
            | H::PlanKept { case }
            | H::PlanRejected { case }
            | H::Afgeschaald { case, .. }
            | H::Incident { case, .. }
            | H::Ave4Over { case }
            | H::Offence { case }
            | H::ZsmKnownDecision { case, .. }
            | H::Closed { case, .. }
            | H::OpenAtEnd { case } => Some(case),
            H::ZsmStarted { case, .. } | H::ZsmDecided { case, .. } | H::Feedback { case } => case,
            H::ZsmUnknownArrived { .. } => None,
        }
    }
}
