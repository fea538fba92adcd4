//! The Veiligheidshuis (VHH): its coordinators, who take procesregie of cases in AVE 3 (a
//! [`Resource`] whose line has two classes: cases back from a crisis go first), and its
//! advice function (another resource). Both start work only in office hours.

use super::Observer;
use super::case::{AdvicePlace, VhhPlace};
use super::event::{Event, Step};
use super::happening::{DeskId, Happening};
use super::metrics::Daily;
use super::world::World;
use crate::engine::HOURS_PER_DAY;
use crate::engine::resource::{Resource, Ticket};

/// Line class of cases handed back by the burgemeester after a crisis.
const BACK_FROM_CRISIS: usize = 0;
/// Line class of every other opschaling.
const ORDINARY: usize = 1;

/// The coordinators who take procesregie.
#[derive(Debug, Clone)]
pub struct VhhDesk {
    /// Case slots (coordinators x cases each) and the waiting list.
    pub coordinators: Resource,
}

impl VhhDesk {
    /// `slots` places for procesregie.
    pub fn new(slots: u32) -> Self {
        Self {
            coordinators: Resource::new(slots, 2),
        }
    }
}

/// The advice function.
#[derive(Debug, Clone)]
pub struct AdviceDesk {
    /// Advisers and the consults waiting for them.
    pub desk: Resource,
}

impl AdviceDesk {
    /// `desks` advisers at once.
    pub fn new(desks: u32) -> Self {
        Self {
            desk: Resource::new(desks, 1),
        }
    }
}

impl<O: Observer> World<'_, O> {
    /// An opschaling (or a case back from a crisis, with `priority`) waits for a coordinator.
    pub(crate) fn join_vhh_queue(&mut self, slot: u32, priority: bool) {
        let now = self.now();
        let class = if priority { BACK_FROM_CRISIS } else { ORDINARY };
        let ticket = self.vhh.coordinators.join(slot, class);
        let c = self.cases.at(slot);
        c.at_vhh = VhhPlace::Waiting { ticket, since: now };
        let case = c.uid;
        self.stats.vhh_waiting.add(now, 1.0);
        if self.stats.in_window {
            self.stats.diag.vhh_queue.arrivals += 1;
        }
        self.levels(DeskId::Vhh);
        self.emit(Happening::QueueJoined {
            case,
            desk: DeskId::Vhh,
        });
        self.try_start_vhh();
    }

    /// Give free coordinators to waiting cases (back from a crisis first), if the VHH is open.
    pub(crate) fn try_start_vhh(&mut self) {
        let now = self.now();
        if !self.p.vhh.hours.is_open(now) {
            return;
        }
        loop {
            let cases = &self.cases;
            let Some((slot, _)) = self.vhh.coordinators.start_next(|slot, ticket| {
                cases.get(slot).is_some_and(
                    |c| matches!(c.at_vhh, VhhPlace::Waiting { ticket: t, .. } if t == ticket),
                )
            }) else {
                break;
            };
            let meeting = self.p.vhh.meeting;
            let c = self.cases.at(slot);
            let VhhPlace::Waiting { since, .. } = c.at_vhh else {
                unreachable!("started from the line")
            };
            c.at_vhh = VhhPlace::Procesregie;
            let waited = now - since;
            let (generation, case) = (c.phase_gen, c.uid);
            let delay = meeting.sample_hours(&mut c.rng);
            self.stats.vhh_busy.add(now, 1.0);
            self.stats.vhh_waiting.add(now, -1.0);
            if self.stats.in_window {
                self.stats.vhh_wait.push(waited);
                self.stats.vhh_wait_hist.push(waited / HOURS_PER_DAY);
                self.stats.diag.vhh_queue.time_in_queue.push(waited);
            }
            self.levels(DeskId::Vhh);
            self.emit(Happening::ProcesregieStarted { case });
            let t = self.p.vhh.hours.add_open_hours(now, delay);
            self.schedule(
                t,
                Event::Step {
                    case: slot,
                    generation,
                    step: Step::Meeting,
                },
            );
        }
    }

    /// The case leaves the VHH: out of its line, or its coordinator freed.
    pub(crate) fn leave_vhh(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        match c.at_vhh {
            VhhPlace::Waiting { since, .. } => {
                c.at_vhh = VhhPlace::Outside;
                self.vhh.coordinators.leave_line();
                self.stats.vhh_waiting.add(now, -1.0);
                if self.stats.in_window {
                    self.stats.diag.vhh_queue.time_in_queue.push(now - since);
                }
                self.levels(DeskId::Vhh);
            }
            VhhPlace::Procesregie => {
                c.at_vhh = VhhPlace::Outside;
                self.vhh.coordinators.release();
                self.stats.vhh_busy.add(now, -1.0);
                self.levels(DeskId::Vhh);
                self.try_start_vhh();
            }
            VhhPlace::Outside => {}
        }
    }

    /// A wijkteam asks the VHH for advice on a case.
    pub(crate) fn request_advice(&mut self, slot: u32) {
        let now = self.now();
        let ticket = self.advice.desk.join(slot, 0);
        let c = self.cases.at(slot);
        c.advice = AdvicePlace::Waiting { ticket, since: now };
        let case = c.uid;
        self.stats.advice_waiting.add(now, 1.0);
        self.stats.count(Daily::AdviceConsults);
        if self.stats.in_window {
            self.stats.consults += 1;
            self.stats.diag.advice_queue.arrivals += 1;
        }
        self.levels(DeskId::Advice);
        self.emit(Happening::AdviceRequested { case });
        self.try_start_advice();
    }

    /// Start consults on free advice desks, if open.
    pub(crate) fn try_start_advice(&mut self) {
        let now = self.now();
        if !self.p.advice.hours.is_open(now) {
            return;
        }
        loop {
            let cases = &self.cases;
            let Some((slot, ticket)) = self.advice.desk.start_next(|slot, ticket| {
                cases.get(slot).is_some_and(
                    |c| matches!(c.advice, AdvicePlace::Waiting { ticket: t, .. } if t == ticket),
                )
            }) else {
                break;
            };
            let service = self.p.advice.service;
            let c = self.cases.at(slot);
            let AdvicePlace::Waiting { since, .. } = c.advice else {
                unreachable!("started from the line")
            };
            c.advice = AdvicePlace::InConsult { ticket };
            let waited = now - since;
            let t = now + service.sample_hours(&mut c.rng);
            let case = c.uid;
            self.stats.advice_waiting.add(now, -1.0);
            if self.stats.in_window {
                self.stats.diag.advice_queue.time_in_queue.push(waited);
            }
            self.levels(DeskId::Advice);
            self.emit(Happening::AdviceStarted { case });
            self.schedule(t, Event::AdviceDone { case: slot, ticket });
        }
    }

    /// A consult ends: the adviser is free; the answer counts if the request still stands.
    pub(crate) fn on_advice_done(&mut self, slot: u32, ticket: Ticket) {
        self.advice.desk.release();
        self.levels(DeskId::Advice);
        let valid = self
            .cases
            .get(slot)
            .is_some_and(|c| c.advice == AdvicePlace::InConsult { ticket });
        if valid {
            let case = self.uid(slot);
            self.emit(Happening::AdviceAnswered { case });
            self.on_advice_outcome(slot);
        }
        self.try_start_advice();
    }

    /// Withdraw a pending advice request (the case escalated or had a crisis meanwhile).
    pub(crate) fn cancel_advice(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        match c.advice {
            AdvicePlace::None => {}
            AdvicePlace::InConsult { .. } => c.advice = AdvicePlace::None,
            AdvicePlace::Waiting { since, .. } => {
                c.advice = AdvicePlace::None;
                self.advice.desk.leave_line();
                self.stats.advice_waiting.add(now, -1.0);
                if self.stats.in_window {
                    self.stats.diag.advice_queue.time_in_queue.push(now - since);
                }
                self.levels(DeskId::Advice);
            }
        }
    }
}
