//! The Veiligheidshuis (VHH): its coordinators share one budget of hours a week for
//! procesregie and advice ("zowel met onze advies- als regierol", §5.3.4 l.3345). A case
//! under procesregie holds its hours a week until afschaling; a consult takes its hours out
//! of the week in which it is held. When the budget is full, requests wait in one line:
//! cases back from AVE 4 first, then the role that does not give way
//! (`vhh.gives_way`). Work starts only in office hours.

use rand::RngExt;

use super::Observer;
use super::case::{AdvicePlace, Doubt, VhhPlace};
use super::event::{Event, Step};
use super::happening::{DeskId, Happening};
use super::metrics::Daily;
use super::world::World;
use crate::engine::resource::Ticket;
use crate::engine::{Budget, HOURS_PER_DAY, HOURS_PER_WEEK};
use crate::scenario::{GivesWay, Params};

/// Line class of cases handed back by the burgemeester after AVE 4.
const BACK_FROM_AVE4: usize = 0;

/// The line class of a request for procesregie and of a consult.
fn classes(p: &Params) -> (usize, usize) {
    match p.vhh.gives_way {
        GivesWay::Advice => (1, 2),
        GivesWay::Procesregie => (2, 1),
    }
}

/// The coordinators' budget and what holds it.
#[derive(Debug, Clone)]
pub struct VhhDesk {
    /// Hours a week, held by procesregie and consults, and the line.
    pub budget: Budget,
    /// Cases under procesregie.
    pub procesregie: u32,
    /// Cases waiting for procesregie.
    pub procesregie_waiting: u32,
    /// Consults in their budget week.
    pub consults: u32,
    /// Consults waiting for hours.
    pub consults_waiting: u32,
}

impl VhhDesk {
    /// A budget of `hours` a week; `_gives_way` is read from the parameters at each request.
    pub fn new(hours: f64, _gives_way: GivesWay) -> Self {
        Self {
            budget: Budget::new(hours, 3),
            procesregie: 0,
            procesregie_waiting: 0,
            consults: 0,
            consults_waiting: 0,
        }
    }
}

impl<O: Observer> World<'_, O> {
    /// A case in AVE 3 (or back from AVE 4, with `priority`) asks for procesregie.
    pub(crate) fn join_vhh_queue(&mut self, slot: u32, priority: bool) {
        let now = self.now();
        let p = self.p;
        let class = if priority {
            BACK_FROM_AVE4
        } else {
            classes(p).0
        };
        let ticket = self.vhh.budget.join(slot, class, p.vhh.procesregie_hours);
        let c = self.cases.at(slot);
        c.at_vhh = VhhPlace::Waiting { ticket, since: now };
        let case = c.uid;
        self.vhh.procesregie_waiting += 1;
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

    /// Give free hours to whoever is first in line, if the VHH is open.
    pub(crate) fn try_start_vhh(&mut self) {
        if !self.p.vhh.hours.is_open(self.now()) {
            return;
        }
        loop {
            let cases = &self.cases;
            let Some((slot, ticket, units)) = self.vhh.budget.start_next(|slot, ticket| {
                cases.get(slot).is_some_and(|c| {
                    matches!(c.at_vhh, VhhPlace::Waiting { ticket: t, .. } if t == ticket)
                        || matches!(c.advice, AdvicePlace::Waiting { ticket: t, .. } if t == ticket)
                })
            }) else {
                break;
            };
            let procesregie = matches!(
                self.cases.at(slot).at_vhh,
                VhhPlace::Waiting { ticket: t, .. } if t == ticket
            );
            if procesregie {
                self.start_procesregie(slot, units);
            } else {
                self.start_consult(slot, ticket, units);
            }
        }
    }

    /// A coordinator takes procesregie; the maatwerkoverleg follows within office hours.
    fn start_procesregie(&mut self, slot: u32, units: f64) {
        let now = self.now();
        let p = self.p;
        let coordinators = p.vhh.coordinators.max(1);
        let c = self.cases.at(slot);
        let VhhPlace::Waiting { since, .. } = c.at_vhh else {
            unreachable!("started from the line")
        };
        c.at_vhh = VhhPlace::Procesregie { units };
        let u: f64 = c.rng.random();
        c.coordinator = ((u * f64::from(coordinators)) as u32).min(coordinators - 1) as u16;
        let waited = now - since;
        let (generation, case, coordinator) = (c.phase_gen, c.uid, c.coordinator);
        let delay = p.vhh.meeting.sample_hours(&mut c.rng);
        self.vhh.procesregie += 1;
        self.vhh.procesregie_waiting -= 1;
        self.stats.vhh_held.add(now, units);
        self.stats.vhh_waiting.add(now, -1.0);
        self.stats.count(Daily::VhhStarted);
        self.stats
            .add_to_day(Daily::VhhWaitDays, waited / HOURS_PER_DAY);
        if self.stats.in_window {
            self.stats.vhh_wait.push(waited);
            self.stats.vhh_wait_hist.push(waited / HOURS_PER_DAY);
            self.stats.diag.vhh_queue.time_in_queue.push(waited);
        }
        self.levels(DeskId::Vhh);
        self.emit(Happening::ProcesregieStarted { case, coordinator });
        let t = p.vhh.hours.add_open_hours(now, delay);
        self.schedule(
            t,
            Event::Step {
                case: slot,
                generation,
                step: Step::Meeting,
            },
        );
    }

    /// The case leaves the VHH: out of its line, or its coordinator's hours freed.
    pub(crate) fn leave_vhh(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        match c.at_vhh {
            VhhPlace::Waiting { since, .. } => {
                c.at_vhh = VhhPlace::Outside;
                self.vhh.budget.leave_line();
                self.vhh.procesregie_waiting -= 1;
                self.stats.vhh_waiting.add(now, -1.0);
                if self.stats.in_window {
                    self.stats.diag.vhh_queue.time_in_queue.push(now - since);
                }
                self.levels(DeskId::Vhh);
                // It may have been first in line, holding back those behind it.
                self.try_start_vhh();
            }
            VhhPlace::Procesregie { units } => {
                c.at_vhh = VhhPlace::Outside;
                self.vhh.budget.release(units);
                self.vhh.procesregie -= 1;
                self.stats.vhh_held.add(now, -units);
                self.levels(DeskId::Vhh);
                self.try_start_vhh();
            }
            VhhPlace::Outside => {}
        }
    }

    /// A wijkteam worker in doubt asks the VHH for advice.
    pub(crate) fn request_advice(&mut self, slot: u32, doubt: Doubt) {
        let now = self.now();
        let p = self.p;
        let c = self.cases.at(slot);
        let need = p.advice.consult_hours.sample_hours(&mut c.rng);
        let ticket = self.vhh.budget.join(slot, classes(p).1, need);
        c.advice = AdvicePlace::Waiting {
            ticket,
            since: now,
            doubt,
            need,
        };
        let case = c.uid;
        self.vhh.consults_waiting += 1;
        self.stats.advice_waiting.add(now, 1.0);
        self.stats.count(Daily::AdviceConsults);
        if self.stats.in_window {
            self.stats.consults += 1;
            self.stats.diag.advice_queue.arrivals += 1;
        }
        self.levels(DeskId::Advice);
        self.emit(Happening::AdviceRequested { case, doubt });
        self.schedule(
            now + p.advice.max_wait_h,
            Event::AdviceTimeout { case: slot, ticket },
        );
        self.try_start_vhh();
    }

    /// A consult starts: its hours are held for the week; the answer comes when its hours
    /// of work are done, in office hours.
    fn start_consult(&mut self, slot: u32, ticket: Ticket, units: f64) {
        let now = self.now();
        let p = self.p;
        let c = self.cases.at(slot);
        let AdvicePlace::Waiting { since, doubt, .. } = c.advice else {
            unreachable!("started from the line")
        };
        c.advice = AdvicePlace::InConsult {
            ticket,
            since,
            doubt,
        };
        let case = c.uid;
        self.vhh.consults += 1;
        self.vhh.consults_waiting -= 1;
        self.stats.vhh_held.add(now, units);
        self.stats.advice_waiting.add(now, -1.0);
        if self.stats.in_window {
            self.stats.diag.advice_queue.time_in_queue.push(now - since);
        }
        self.levels(DeskId::Advice);
        self.emit(Happening::AdviceStarted { case });
        let answer = p.vhh.hours.add_open_hours(now, units);
        self.schedule(answer, Event::AdviceDone { case: slot, ticket });
        self.schedule(now + HOURS_PER_WEEK, Event::BudgetRelease { units });
    }

    /// A consult's week is over: its hours go back to the budget.
    pub(crate) fn on_budget_release(&mut self, units: f64) {
        let now = self.now();
        self.vhh.budget.release(units);
        self.vhh.consults -= 1;
        self.stats.vhh_held.add(now, -units);
        self.levels(DeskId::Advice);
        self.try_start_vhh();
    }

    /// A consult is answered: the team learns; the answer counts if the request still stands.
    pub(crate) fn on_advice_done(&mut self, slot: u32, ticket: Ticket) {
        let now = self.now();
        let p = self.p;
        let warmup = p.run.warmup_h;
        let Some(c) = self.cases.get(slot) else {
            return;
        };
        let AdvicePlace::InConsult {
            ticket: t,
            since,
            doubt,
        } = c.advice
        else {
            return;
        };
        if t != ticket {
            return;
        }
        if let Some(team) = c.team {
            self.teams[usize::from(team)].consults += 1;
        }
        if self.stats.in_window && since >= warmup && now - since <= p.advice.answer_target_h {
            self.stats.consults_in_time += 1;
        }
        let case = c.uid;
        self.emit(Happening::AdviceAnswered { case });
        self.on_advice_outcome(slot, doubt);
    }

    /// A worker stops waiting for a consult that has not started and decides alone.
    pub(crate) fn on_advice_timeout(&mut self, slot: u32, ticket: Ticket) {
        let Some(c) = self.cases.get(slot) else {
            return;
        };
        let AdvicePlace::Waiting {
            ticket: t, doubt, ..
        } = c.advice
        else {
            return;
        };
        if t != ticket {
            return;
        }
        let case = c.uid;
        self.cancel_advice(slot);
        self.emit(Happening::AdviceGivenUp { case });
        self.decide_alone(slot, doubt, false);
    }

    /// Withdraw a pending consult (the case was scaled up, had an incident or closed); a
    /// consult under way keeps its hours until its week ends.
    pub(crate) fn cancel_advice(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        match c.advice {
            AdvicePlace::None => {}
            AdvicePlace::InConsult { .. } => c.advice = AdvicePlace::None,
            AdvicePlace::Waiting { since, .. } => {
                c.advice = AdvicePlace::None;
                self.vhh.budget.leave_line();
                self.vhh.consults_waiting -= 1;
                self.stats.advice_waiting.add(now, -1.0);
                if self.stats.in_window {
                    self.stats.diag.advice_queue.time_in_queue.push(now - since);
                }
                self.levels(DeskId::Advice);
                self.try_start_vhh();
            }
        }
    }
}
