//! The case (a person or household with a support need) and the store that holds the
//! cases in progress. Memory grows with cases in progress, not with events.

use crate::engine::StreamRng;

/// Where a case came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A social case entering phase 2 at a wijkteam.
    Social,
    /// A direct VHH referral from another partner or municipality.
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
    /// An external VHH case handed back to its own first line after down-scaling.
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

/// Marker for "no team": the case is not one of this municipality's wijkteam cases.
pub const NO_TEAM: u16 = u16::MAX;

/// One case in progress.
#[derive(Debug, Clone)]
pub struct Case {
    /// Unique per replication, in creation order.
    pub uid: u32,
    /// Index within its arrival stream (the k-th family).
    pub index: u64,
    /// Arrival stream.
    pub origin: Origin,
    /// Wijkteam, or [`NO_TEAM`].
    pub team: u16,
    /// Life domains touched (1..5).
    pub domains: u8,
    /// Needs a cross-chain approach.
    pub complex: bool,
    /// AVE phase 2, 3 or 4 (phase 1 = closed).
    pub phase: u8,
    /// Holds a wijkteam slot (or is external: served by its own first line).
    pub served: bool,
    /// A VHH plan is in effect.
    pub has_plan: bool,
    /// Advice settled the doubt: no further recognition, lower crisis rate.
    pub advised: bool,
    /// An advice consult is pending.
    pub awaiting_advice: bool,
    /// Waiting in the advice desk's queue.
    pub in_advice_queue: bool,
    /// Flagged for ZSM by the wijkteam.
    pub flagged: bool,
    /// VHH advice for ZSM is on file.
    pub advice_on_file: bool,
    /// Has been in phase 3.
    pub had_phase3: bool,
    /// Reached phase 3 from phase 2 before any crisis.
    pub timely_phase3: bool,
    /// Has had a crisis.
    pub had_crisis: bool,
    /// Holds a VHH process-lead slot.
    pub holds_vhh: bool,
    /// Waiting in a wijkteam queue (ticket valid).
    pub in_team_queue: bool,
    /// Waiting in the VHH queue (ticket valid).
    pub in_vhh_queue: bool,
    /// Ticket of its wijkteam queue entry; bumped to invalidate a stale entry.
    pub team_ticket: u32,
    /// Ticket of its VHH queue entry.
    pub vhh_ticket: u32,
    /// Ticket of its advice request.
    pub advice_ticket: u32,
    /// Entered the model (hours).
    pub created: f64,
    /// Entered its current phase (hours).
    pub phase_since: f64,
    /// Joined the wijkteam queue (hours).
    pub team_since: f64,
    /// Joined the VHH queue (hours).
    pub vhh_since: f64,
    /// Asked for advice (hours).
    pub advice_since: f64,
    /// Its first exit from phase-2 service has been recorded (diagnostics).
    pub exited: bool,
    /// ZSM decision factor on the crisis rate.
    pub zsm_factor: f64,
    /// Generation of the competing-risk clock.
    pub clock_gen: u32,
    /// Generation of the phase (invalidates process steps and reviews).
    pub phase_gen: u32,
    /// Generation of the ZSM effect.
    pub effect_gen: u32,
    /// Phase-3 entries from phase 2.
    pub escalations: u32,
    /// Phase-4 entries.
    pub crises: u32,
    /// (time, phase) of every phase change, kept only when a case log is requested.
    pub history: Vec<(f64, u8)>,
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
            new.team_ticket = old.team_ticket.wrapping_add(1);
            new.vhh_ticket = old.vhh_ticket.wrapping_add(1);
            new.advice_ticket = old.advice_ticket.wrapping_add(1);
            let mut history = old.history;
            history.clear();
            new.history = history;
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
    pub fn get_uid(&mut self, slot: u32, uid: u32) -> Option<&mut Case> {
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
