//! The case (a person or household with a support need) and the store that holds the
//! cases in progress. Memory grows with cases in progress, not with events.

use crate::engine::StreamRng;
use crate::engine::resource::Ticket;

/// Where a case came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A family entering AVE 2 at a wijkteam.
    Social,
    /// A direct VHH case from the police, Veilig Thuis, GGZ or another municipality.
    VhhDirect,
    /// An unknown suspect referred to the VHH by ZSM.
    ZsmReferral,
}

impl Origin {
    /// Name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Social => "social",
            Origin::VhhDirect => "vhh_direct",
            Origin::ZsmReferral => "zsm_referral",
        }
    }
}

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Resolved (back to phase 1).
    Resolved,
    /// A direct VHH case handed back to its own first line, or a case from ZSM handed to
    /// ketenpartners, after the VHH's round.
    HandedBack,
    /// Still in progress at the end of the run.
    Open,
}

impl Outcome {
    /// Name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Resolved => "resolved",
            Outcome::HandedBack => "handed_back",
            Outcome::Open => "open",
        }
    }
}

/// A case's id in outputs: unique per replication, in creation order.
pub type CaseId = u32;

/// The AVE phase of a case in progress; AVE 1 (nothing going on) means closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum AveFase {
    /// AVE 2: the wijkteam leads (casusregie and procesregie in the wijk).
    Ave2 = 2,
    /// AVE 3: the Veiligheidshuis holds procesregie.
    Ave3 = 3,
    /// AVE 4: the burgemeester and the driehoek lead.
    Ave4 = 4,
}

impl AveFase {
    /// 2, 3 or 4.
    #[inline]
    pub fn number(self) -> u8 {
        self as u8
    }

    /// 0, 1 or 2: the position of the phase in per-phase arrays.
    #[inline]
    pub fn index(self) -> usize {
        usize::from(self as u8 - 2)
    }
}

/// Where a case stands at its wijkteam.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TeamPlace {
    /// Not at a wijkteam: an external case, served by its own first line, or one that left.
    Outside,
    /// In its team's intake line since `since` (hours).
    Waiting {
        /// Its place in the line.
        ticket: Ticket,
        /// When it joined (hours).
        since: f64,
    },
    /// Holds one of its team's case slots (casusregie).
    Served,
}

/// Where a case stands at the Veiligheidshuis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum VhhPlace {
    /// Not waiting for or under procesregie.
    Outside,
    /// Waiting for a coordinator's hours since `since` (hours).
    Waiting {
        /// Its place in the line.
        ticket: Ticket,
        /// When it joined (hours).
        since: f64,
    },
    /// A coordinator holds procesregie, taking `units` hours a week of the budget.
    Procesregie {
        /// Hours a week held.
        units: f64,
    },
}

/// What a wijkteam worker is in doubt about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// A complex case recognised as one: does it need the VHH?
    Complex,
    /// Cooperation around the case has stalled.
    Stalled,
    /// An impulse to hand a case over that needs no VHH.
    Fence,
}

impl Doubt {
    /// Name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Doubt::Complex => "complex",
            Doubt::Stalled => "stalled_cooperation",
            Doubt::Fence => "hand_over",
        }
    }
}

/// Where a case stands with the advice function.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AdvicePlace {
    /// No consult asked.
    None,
    /// Waiting for a coordinator's hours since `since` (hours).
    Waiting {
        /// Its place in the VHH budget's line.
        ticket: Ticket,
        /// When it asked (hours).
        since: f64,
        /// What about.
        doubt: Doubt,
        /// Coordinator hours the consult will take.
        need: f64,
    },
    /// In a consult; the answer counts only while the case still waits for it.
    InConsult {
        /// The place it had in the line.
        ticket: Ticket,
        /// When it asked (hours).
        since: f64,
        /// What about.
        doubt: Doubt,
    },
}

impl AdvicePlace {
    /// A consult was asked and is not answered or withdrawn yet.
    #[inline]
    pub fn pending(self) -> bool {
        !matches!(self, AdvicePlace::None)
    }
}

/// No coordinator has held procesregie of the case.
pub const NO_COORDINATOR: u16 = u16::MAX;

/// One case in progress.
#[derive(Debug, Clone)]
pub struct Case {
    /// Unique per replication, in creation order.
    pub uid: CaseId,
    /// Index within its arrival stream (the k-th family).
    pub index: u64,
    /// Arrival stream.
    pub origin: Origin,
    /// Its wijkteam, for cases in the wijk.
    pub team: Option<u16>,
    /// Life domains touched (1..5).
    pub domains: u8,
    /// Needs a cross-chain approach.
    pub complex: bool,
    /// In the Raad voor de Kinderbescherming's remit at ZSM (a minor, or youth protection).
    pub youth: bool,
    /// Lives in this municipality (always true for families at its wijkteams).
    pub local: bool,
    /// AVE phase.
    pub phase: AveFase,
    /// At the wijkteam.
    pub at_team: TeamPlace,
    /// At the Veiligheidshuis.
    pub at_vhh: VhhPlace,
    /// With the advice function.
    pub advice: AdvicePlace,
    /// A VHH plan is in effect.
    pub plan: bool,
    /// Cooperation around the case has stalled and nobody has acted yet.
    pub stalled: bool,
    /// A consult settled the doubt: no further recognition, fewer incidents.
    pub doubt_settled: bool,
    /// Flagged for ZSM by the wijkteam.
    pub flagged: bool,
    /// VHH advice for ZSM is on file.
    pub advice_on_file: bool,
    /// The coordinator who last held procesregie ([`NO_COORDINATOR`] if none).
    pub coordinator: u16,
    /// Has been in AVE 3 (by any route).
    pub been_in_ave3: bool,
    /// Reached AVE 3 before any acute incident.
    pub ave3_before_incident: bool,
    /// Has had an acute incident.
    pub had_incident: bool,
    /// Its first exit from AVE 2 service has been counted (diagnostics).
    pub first_exit_counted: bool,
    /// Entered the model (hours).
    pub created: f64,
    /// Entered its current phase (hours).
    pub phase_since: f64,
    /// ZSM decision factor on the incident rate.
    pub zsm_factor: f64,
    /// Generation of the competing-risk clock.
    pub clock_gen: u32,
    /// Generation of the phase (invalidates process steps).
    pub phase_gen: u32,
    /// Generation of the ZSM effect.
    pub effect_gen: u32,
    /// Generation of the teamleider's briefing check.
    pub notice_gen: u32,
    /// The case's own random stream.
    pub rng: StreamRng,
}

/// Slab of cases in progress with a free list; ids are reused, generations are not reset.
pub struct CaseStore {
    slots: Vec<Case>,
    alive: Vec<bool>,
    free: Vec<u32>,
    next_uid: u32,
    live: usize,
}

impl CaseStore {
    /// An empty store.
    pub fn new() -> Self {
        Self {
            slots: Vec::new(),
            alive: Vec::new(),
            free: Vec::new(),
            next_uid: 0,
            live: 0,
        }
    }

    /// Cases in progress.
    pub fn live(&self) -> usize {
        self.live
    }

    /// Cases created so far.
    pub fn created(&self) -> u32 {
        self.next_uid
    }

    /// Insert a new case, giving it the next uid; returns its slot.
    pub fn insert(&mut self, mut case: Case) -> u32 {
        let uid = self.next_uid;
        case.uid = uid;
        self.next_uid += 1;
        self.live += 1;
        if let Some(slot) = self.free.pop() {
            let old = std::mem::replace(&mut self.slots[slot as usize], case);
            let new = &mut self.slots[slot as usize];
            // Generations continue so that events for the previous occupant stay stale.
            new.clock_gen = old.clock_gen.wrapping_add(1);
            new.phase_gen = old.phase_gen.wrapping_add(1);
            new.effect_gen = old.effect_gen.wrapping_add(1);
            new.notice_gen = old.notice_gen.wrapping_add(1);
            self.alive[slot as usize] = true;
            slot
        } else {
            self.slots.push(case);
            self.alive.push(true);
            (self.slots.len() - 1) as u32
        }
    }

    /// Remove a case.
    pub fn remove(&mut self, slot: u32) {
        debug_assert!(self.alive[slot as usize]);
        self.alive[slot as usize] = false;
        self.free.push(slot);
        self.live -= 1;
    }

    /// The case in `slot` if it is alive.
    #[inline]
    pub fn get(&self, slot: u32) -> Option<&Case> {
        self.alive
            .get(slot as usize)
            .copied()
            .unwrap_or(false)
            .then(|| &self.slots[slot as usize])
    }

    /// The case in `slot` if it is alive and still the case with `uid`.
    #[inline]
    pub fn get_uid(&mut self, slot: u32, uid: CaseId) -> Option<&mut Case> {
        if self.alive.get(slot as usize).copied().unwrap_or(false)
            && self.slots[slot as usize].uid == uid
        {
            Some(&mut self.slots[slot as usize])
        } else {
            None
        }
    }

    /// Mutable access to a live case (panics in debug builds if dead).
    #[inline]
    pub fn at(&mut self, slot: u32) -> &mut Case {
        debug_assert!(self.alive[slot as usize]);
        &mut self.slots[slot as usize]
    }

    /// Slots of all live cases, in slot order.
    pub fn live_slots(&self) -> impl Iterator<Item = u32> + '_ {
        self.alive
            .iter()
            .enumerate()
            .filter(|(_, a)| **a)
            .map(|(i, _)| i as u32)
    }
}

impl Default for CaseStore {
    fn default() -> Self {
        Self::new()
    }
}
