//! The Veiligheidshuis (VHH): process-lead slots with a queue in which cases returning
//! from a crisis go first, and the advice desk. Both start work only in office hours.

use std::collections::VecDeque;

use super::Observer;
use super::event::{Desk, Event, Step};
use super::metrics::Daily;
use super::world::World;
use crate::engine::HOURS_PER_DAY;

/// Process-lead slots and their waiting list.
#[derive(Debug, Clone, Default)]
pub struct VhhDesk {
    /// Busy slots.
    pub busy: u32,
    /// Escalations waiting.
    pub waiting: u32,
    priority: VecDeque<(u32, u32)>,
    normal: VecDeque<(u32, u32)>,
}

/// The advice desk.
#[derive(Debug, Clone, Default)]
pub struct AdviceDesk {
    /// Busy desks.
    pub busy: u32,
    /// Consults waiting.
    pub waiting: u32,
    queue: VecDeque<(u32, u32)>,
}

impl<O: Observer> World<'_, O> {
    /// An escalation (or a case back from a crisis, with `priority`) waits for a VHH slot.
    pub(crate) fn join_vhh_queue(&mut self, slot: u32, priority: bool) {
        let now = self.now();
        let c = self.cases.at(slot);
        c.in_vhh_queue = true;
        c.vhh_ticket = c.vhh_ticket.wrapping_add(1);
        c.vhh_since = now;
        let entry = (slot, c.vhh_ticket);
        if priority {
            self.vhh.priority.push_back(entry);
        } else {
            self.vhh.normal.push_back(entry);
        }
        self.vhh.waiting += 1;
        self.stats.vhh_waiting.add(now, 1.0);
        if self.stats.in_window {
            self.stats.diag.vhh_queue.arrivals += 1;
        }
        self.try_start_vhh();
    }

    /// Give free slots to waiting cases (priority first), if the VHH is open.
    pub(crate) fn try_start_vhh(&mut self) {
        let now = self.now();
        if !self.p.vhh.hours.is_open(now) {
            return;
        }
        while self.vhh.busy < self.p.vhh.slots {
            let next = match self.vhh.priority.pop_front() {
                Some(e) => Some(e),
                None => self.vhh.normal.pop_front(),
            };
            let Some((slot, ticket)) = next else { break };
            let Some(c) = self.cases.get(slot) else {
                continue;
            };
            if !c.in_vhh_queue || c.vhh_ticket != ticket {
                continue;
            }
            let meeting = self.p.vhh.meeting;
            let c = self.cases.at(slot);
            c.in_vhh_queue = false;
            c.holds_vhh = true;
            let waited = now - c.vhh_since;
            let generation = c.phase_gen;
            let delay = meeting.sample_hours(&mut c.rng);
            self.vhh.busy += 1;
            self.vhh.waiting -= 1;
            self.stats.vhh_busy.add(now, 1.0);
            self.stats.vhh_waiting.add(now, -1.0);
            if self.stats.in_window {
                self.stats.vhh_wait.push(waited);
                self.stats.vhh_wait_hist.push(waited / HOURS_PER_DAY);
                self.stats.diag.vhh_queue.time_in_queue.push(waited);
            }
            self.trace("vhh_start", Desk::Vhh, slot, String::new);
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

    /// The case leaves the VHH: out of its queue, or its slot freed.
    pub(crate) fn leave_vhh(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        if c.in_vhh_queue {
            c.in_vhh_queue = false;
            c.vhh_ticket = c.vhh_ticket.wrapping_add(1);
            let waited = now - c.vhh_since;
            self.vhh.waiting -= 1;
            self.stats.vhh_waiting.add(now, -1.0);
            if self.stats.in_window {
                self.stats.diag.vhh_queue.time_in_queue.push(waited);
            }
        } else if c.holds_vhh {
            c.holds_vhh = false;
            self.vhh.busy -= 1;
            self.stats.vhh_busy.add(now, -1.0);
            self.try_start_vhh();
        }
    }

    /// A wijkteam asks the VHH for advice on a case.
    pub(crate) fn request_advice(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        c.awaiting_advice = true;
        c.in_advice_queue = true;
        c.advice_ticket = c.advice_ticket.wrapping_add(1);
        c.advice_since = now;
        self.advice.queue.push_back((slot, c.advice_ticket));
        self.advice.waiting += 1;
        self.stats.advice_waiting.add(now, 1.0);
        self.stats.count(Daily::AdviceConsults);
        if self.stats.in_window {
            self.stats.consults += 1;
            self.stats.diag.advice_queue.arrivals += 1;
        }
        self.trace("advice_request", Desk::Advice, slot, String::new);
        self.try_start_advice();
    }

    /// Start consults on free advice desks, if open.
    pub(crate) fn try_start_advice(&mut self) {
        let now = self.now();
        if !self.p.advice.hours.is_open(now) {
            return;
        }
        while self.advice.busy < self.p.advice.desks {
            let Some((slot, ticket)) = self.advice.queue.pop_front() else {
                break;
            };
            let Some(c) = self.cases.get(slot) else {
                continue;
            };
            if !c.in_advice_queue || c.advice_ticket != ticket {
                continue;
            }
            let service = self.p.advice.service;
            let c = self.cases.at(slot);
            c.in_advice_queue = false;
            let waited = now - c.advice_since;
            let t = now + service.sample_hours(&mut c.rng);
            self.advice.busy += 1;
            self.advice.waiting -= 1;
            self.stats.advice_waiting.add(now, -1.0);
            if self.stats.in_window {
                self.stats.diag.advice_queue.time_in_queue.push(waited);
            }
            self.trace("advice_start", Desk::Advice, slot, String::new);
            self.schedule(t, Event::AdviceDone { case: slot, ticket });
        }
    }

    /// A consult ends: the desk is free; the answer counts if the request still stands.
    pub(crate) fn on_advice_done(&mut self, slot: u32, ticket: u32) {
        self.advice.busy -= 1;
        let valid = self
            .cases
            .get(slot)
            .is_some_and(|c| c.awaiting_advice && c.advice_ticket == ticket);
        if valid {
            self.trace("advice_done", Desk::Advice, slot, String::new);
            self.on_advice_outcome(slot);
        }
        self.try_start_advice();
    }

    /// Withdraw a pending advice request (the case escalated or had a crisis meanwhile).
    pub(crate) fn cancel_advice(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        if !c.awaiting_advice {
            return;
        }
        c.awaiting_advice = false;
        c.advice_ticket = c.advice_ticket.wrapping_add(1);
        if c.in_advice_queue {
            c.in_advice_queue = false;
            let waited = now - c.advice_since;
            self.advice.waiting -= 1;
            self.stats.advice_waiting.add(now, -1.0);
            if self.stats.in_window {
                self.stats.diag.advice_queue.time_in_queue.push(waited);
            }
        }
    }
}
