//! ZSM: the prosecution's fast-track table, and the information links around it.
//!
//! Suspects queue for a desk that starts work only in opening hours; the decision clock runs
//! from arrival (from opening for arrivals while closed). For a person with an active social
//! case, ZSM may read VHH advice or a wijkteam flag; the decision then changes the case's
//! crisis rate for a while, may upgrade it to a 7-day case and refer it to the VHH, and may
//! be fed back to the VHH after a delay.

use rand::RngExt;

use super::Observer;
use super::arrivals::{SRC_ZSM, SRC_ZSM_REFERRAL};
use super::case::{AveFase, Origin};
use super::event::Event;
use super::happening::{DeskId, Happening};
use super::metrics::Daily;
use super::phases::Trigger;
use super::world::World;
use crate::engine::resource::Resource;
use crate::engine::rng::{Stream, derive};
use crate::scenario::{Params, System};

/// Who stands before the ZSM table.
#[derive(Debug, Clone, Copy)]
pub enum Suspect {
    /// Unknown to the social domain; its draws are made at arrival from its own stream.
    Unknown {
        /// Index in the ZSM stream.
        index: u64,
        /// Complex person.
        complex: bool,
        /// Draw for the upgrade decision.
        u_upgrade: f64,
        /// Draw for the referral decision.
        u_referral: f64,
        /// Draw for living in this VHH's region.
        u_region: f64,
    },
    /// A person with an active social case.
    Known {
        /// Case slot.
        case: u32,
        /// Case uid.
        uid: u32,
    },
}

/// One ZSM case at the table.
#[derive(Debug, Clone, Copy)]
pub struct ZsmItem {
    arrival: f64,
    clock_start: f64,
    service: f64,
    who: Suspect,
}

impl Suspect {
    /// The case, for a person with an active case.
    fn case(&self) -> Option<u32> {
        match self {
            Suspect::Unknown { .. } => None,
            Suspect::Known { uid, .. } => Some(*uid),
        }
    }
}

/// The ZSM desks, their line and the suspects at the table.
#[derive(Debug, Clone)]
pub struct ZsmDesk {
    /// Desks and the line (of item numbers).
    pub table: Resource,
    items: Vec<ZsmItem>,
    free: Vec<u32>,
}

impl ZsmDesk {
    /// `desks` desks at the table.
    pub fn new(desks: u32) -> Self {
        Self {
            table: Resource::new(desks, 1),
            items: Vec::new(),
            free: Vec::new(),
        }
    }
}

/// A fixed contact person at ZSM recovers part of what would otherwise be missed.
fn with_contact_person(p: &Params, prob: f64) -> f64 {
    let gain = if p.link.contact_person {
        p.link.contact_gain
    } else {
        0.0
    };
    prob + gain * (1.0 - prob)
}

/// The chance ZSM reads VHH advice on file: it depends on the information system (bridged
/// systems let advice sink away; one shared system or joint registration carry it) and on a
/// contact person.
pub fn advice_read_prob(p: &Params) -> f64 {
    let l = &p.link;
    let base = match l.system {
        System::Bridged => l.read_prob_bridged,
        System::Shared => l.read_prob_shared,
        System::Joint => l.read_prob_joint,
    };
    with_contact_person(p, base)
}

/// The chance ZSM refers an upgraded complex person to the VHH, with a contact person's lift.
pub fn referral_prob(p: &Params) -> f64 {
    with_contact_person(p, p.zsm.referral_prob)
}

impl<O: Observer> World<'_, O> {
    fn zsm_enqueue(&mut self, item: ZsmItem) {
        let now = self.now();
        let idx = match self.zsm.free.pop() {
            Some(i) => {
                self.zsm.items[i as usize] = item;
                i
            }
            None => {
                self.zsm.items.push(item);
                (self.zsm.items.len() - 1) as u32
            }
        };
        self.zsm.table.join(idx, 0);
        self.stats.zsm_waiting.add(now, 1.0);
        self.stats
            .zsm_by_hour
            .set(now, f64::from(self.zsm.table.waiting()));
        if self.stats.in_window {
            self.stats.diag.zsm_queue.arrivals += 1;
        }
        self.levels(DeskId::Zsm);
        self.try_start_zsm();
    }

    /// An unknown suspect arrives; all its draws come from its own stream.
    pub(crate) fn zsm_unknown_arrival(&mut self, index: u64) {
        let p = self.p;
        let mut rng = derive(
            p.run.seed,
            u64::from(self.rep),
            Stream::Entity,
            SRC_ZSM,
            index,
        );
        let service = p.zsm.service.sample_hours(&mut rng);
        let complex = rng.random::<f64>() < p.zsm.unknown_complex;
        let who = Suspect::Unknown {
            index,
            complex,
            u_upgrade: rng.random(),
            u_referral: rng.random(),
            u_region: rng.random(),
        };
        let now = self.now();
        self.emit(Happening::ZsmUnknownArrived { index });
        self.zsm_enqueue(ZsmItem {
            arrival: now,
            clock_start: p.zsm.hours.next_open(now),
            service,
            who,
        });
    }

    /// A person with an active case commits an offence and comes before ZSM.
    pub(crate) fn zsm_known_arrival(&mut self, slot: u32) {
        let p = self.p;
        let now = self.now();
        let c = self.cases.at(slot);
        let service = p.zsm.service.sample_hours(&mut c.rng);
        let who = Suspect::Known {
            case: slot,
            uid: c.uid,
        };
        let case = c.uid;
        self.emit(Happening::Offence { case });
        self.zsm_enqueue(ZsmItem {
            arrival: now,
            clock_start: p.zsm.hours.next_open(now),
            service,
            who,
        });
    }

    /// Put free desks to work, if the table is open.
    pub(crate) fn try_start_zsm(&mut self) {
        let now = self.now();
        if !self.p.zsm.hours.is_open(now) {
            return;
        }
        while let Some((idx, _)) = self.zsm.table.start_next(|_, _| true) {
            let item = self.zsm.items[idx as usize];
            self.stats.zsm_busy.add(now, 1.0);
            self.stats.zsm_waiting.add(now, -1.0);
            self.stats
                .zsm_by_hour
                .set(now, f64::from(self.zsm.table.waiting()));
            if self.stats.in_window {
                self.stats
                    .diag
                    .zsm_queue
                    .time_in_queue
                    .push(now - item.arrival);
            }
            self.levels(DeskId::Zsm);
            self.emit(Happening::ZsmStarted {
                item: idx,
                case: item.who.case(),
            });
            self.schedule(now + item.service, Event::ZsmDone { item: idx });
        }
    }

    /// A decision is taken.
    pub(crate) fn on_zsm_done(&mut self, idx: u32) {
        let now = self.now();
        let item = self.zsm.items[idx as usize];
        self.zsm.free.push(idx);
        self.zsm.table.release();
        self.stats.zsm_busy.add(now, -1.0);
        self.levels(DeskId::Zsm);
        let hours = now - item.clock_start;
        let within = hours <= self.p.zsm.target_h;
        self.stats.count(Daily::ZsmDecisions);
        if within {
            self.stats.count(Daily::ZsmWithinTarget);
        }
        if self.stats.in_window {
            self.stats.zsm_decisions += 1;
            self.stats.zsm_within += u64::from(within);
            self.stats.zsm_decision_hours.push(hours);
        }
        self.emit(Happening::ZsmDecided {
            item: idx,
            case: item.who.case(),
            hours,
        });
        match item.who {
            Suspect::Unknown {
                index,
                complex,
                u_upgrade,
                u_referral,
                u_region,
            } => {
                let p = self.p;
                if complex
                    && u_upgrade < p.zsm.upgrade_blind
                    && u_referral < self.rules.referral_prob
                    && u_region < p.zsm.region_share
                {
                    self.schedule(
                        now + p.zsm.upgrade_track_h,
                        Event::ExternalReferral { index },
                    );
                }
            }
            Suspect::Known { case, uid } => self.decide_known(case, uid),
        }
        self.try_start_zsm();
    }

    /// The decision on a person with an active case: context, effect, upgrade, feedback.
    fn decide_known(&mut self, slot: u32, uid: u32) {
        let p = self.p;
        let now = self.now();
        let in_window = self.stats.in_window;
        let Some(c) = self.cases.get_uid(slot, uid) else {
            return;
        };
        let draws: [f64; 5] = std::array::from_fn(|_| c.rng.random());
        let informed = (c.advice_on_file && draws[0] < self.rules.advice_read_prob)
            || (c.flagged && draws[1] < p.link.flag_read_prob);
        let complex = c.complex;
        let vhh_holds = c.phase == AveFase::Ave3;
        let feedback_delay = p.link.feedback_delay.sample_hours(&mut c.rng);
        if complex && in_window {
            self.stats.known_complex += 1;
            self.stats.known_complex_informed += u64::from(informed);
        }
        self.emit(Happening::ZsmKnownDecision {
            case: uid,
            informed,
        });
        let factor = if informed {
            Some(p.zsm.informed_effect)
        } else if complex {
            Some(p.zsm.blind_effect)
        } else {
            None
        };
        if let Some(f) = factor {
            let c = self.cases.at(slot);
            c.zsm_factor = f;
            c.effect_gen = c.effect_gen.wrapping_add(1);
            let generation = c.effect_gen;
            self.schedule(
                now + p.zsm.effect_h,
                Event::EffectEnds {
                    case: slot,
                    generation,
                },
            );
            self.reschedule(slot);
        }
        if complex {
            let upgrade = if informed {
                p.zsm.upgrade_informed
            } else {
                p.zsm.upgrade_blind
            };
            if draws[2] < upgrade && draws[3] < self.rules.referral_prob {
                self.schedule(
                    now + p.zsm.upgrade_track_h,
                    Event::Referral { case: slot, uid },
                );
            }
        }
        if vhh_holds {
            if in_window {
                self.stats.vhh_held_decisions += 1;
            }
            if draws[4] < p.link.feedback_prob {
                self.schedule(
                    now + feedback_delay,
                    Event::Feedback {
                        case: slot,
                        uid,
                        sent: now,
                    },
                );
            }
        }
    }

    /// A ZSM decision's effect on the crisis rate runs out.
    pub(crate) fn on_effect_ends(&mut self, slot: u32) {
        self.end_effect(slot);
    }

    /// End a ZSM decision's effect on the crisis rate.
    fn end_effect(&mut self, slot: u32) {
        let c = self.cases.at(slot);
        c.zsm_factor = 1.0;
        c.effect_gen = c.effect_gen.wrapping_add(1);
        self.reschedule(slot);
    }

    /// ZSM's feedback reaches the VHH, which adjusts the plan: a blind decision's harm ends.
    pub(crate) fn on_feedback(&mut self, slot: u32, uid: u32, sent: f64) {
        let now = self.now();
        if self.stats.in_window {
            self.stats.feedback_delivered += 1;
            self.stats.feedback_delay.push(now - sent);
        }
        let still = self.cases.get_uid(slot, uid);
        let harmful = still.as_ref().is_some_and(|c| c.zsm_factor > 1.0);
        let case = still.map(|c| c.uid);
        self.emit(Happening::Feedback { case });
        if harmful {
            self.end_effect(slot);
        }
    }

    /// ZSM refers a known person to the VHH: from phase 2, an escalation from the justice side.
    pub(crate) fn on_zsm_referral(&mut self, slot: u32, uid: u32) {
        self.stats.count(Daily::ZsmReferrals);
        if self.stats.in_window {
            self.stats.referrals += 1;
        }
        if self
            .cases
            .get_uid(slot, uid)
            .is_some_and(|c| c.phase == AveFase::Ave2)
        {
            self.request_escalation(slot, Trigger::ZsmReferral);
        }
    }

    /// ZSM refers an unknown complex suspect: a new VHH case.
    pub(crate) fn on_external_referral(&mut self, index: u64) {
        self.stats.count(Daily::ZsmReferrals);
        if self.stats.in_window {
            self.stats.referrals += 1;
        }
        self.new_external_case(Origin::ZsmReferral, SRC_ZSM_REFERRAL, index);
    }
}
