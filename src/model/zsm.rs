//! ZSM: the prosecution's fast-track table, and the information links around it.
//!
//! Suspects queue for a desk that starts work only in opening hours; the decision clock runs
//! from arrival (from opening for arrivals while closed). When a desk takes up a person with
//! an active case, it may find the context: VHH advice read in the system (which takes desk
//! time, and is skipped more when many wait: "geen tijd om te kijken", §5.2.1 l.2480), a
//! wijkteam flag, a coordinator's call ("omdat ik bel", §5.2.1 l.2663) or the Raad voor de
//! Kinderbescherming carrying advice in (§5.2.1 l.2581). An informed decision lowers the
//! person's incident rate as far as the advice fits ZSM's needs; a 7-day case takes more
//! desk time and may be referred to the VHH; feedback to the VHH teaches what fits.

use rand::RngExt;

use super::Observer;
use super::arrivals::{SRC_ZSM, SRC_ZSM_REFERRAL};
use super::case::{AveFase, Origin, VhhPlace};
use super::event::Event;
use super::happening::{DeskId, Happening};
use super::metrics::Daily;
use super::phases::Trigger;
use super::world::World;
use crate::engine::resource::Resource;
use crate::engine::rng::{Stream, derive};
use crate::scenario::Params;

/// How the context of a person with an active case reached the ZSM table, if it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// It did not: a blind decision.
    Blind,
    /// VHH advice read in the system.
    System,
    /// A wijkteam flag seen at triage.
    Flag,
    /// The coordinator who holds procesregie called.
    Call,
    /// The Raad voor de Kinderbescherming brought the advice in (youth cases).
    Relay,
}

impl Route {
    /// Name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Route::Blind => "blind",
            Route::System => "system",
            Route::Flag => "flag",
            Route::Call => "call",
            Route::Relay => "raad_kinderbescherming",
        }
    }
}

/// What stands before the ZSM table.
#[derive(Debug, Clone, Copy)]
pub enum Suspect {
    /// Unknown to the social domain; its draws are made at arrival from its own stream.
    Unknown {
        /// Index in the ZSM stream.
        index: u64,
        /// The draws of a complex person (`None`: not complex).
        complex: Option<ComplexDraws>,
    },
    /// A person with an active case.
    Known {
        /// Case slot.
        case: u32,
        /// Case uid.
        uid: u32,
    },
    /// The desk work of a 7-day case (no decision within the 6-hour clock).
    SevenDay,
}

/// What decides the case of a complex unknown suspect, drawn at its arrival.
#[derive(Debug, Clone, Copy)]
pub struct ComplexDraws {
    /// Draw for the upgrade decision.
    u_upgrade: f64,
    /// Draw for the referral decision.
    u_referral: f64,
    /// Draw for living in this VHH's region.
    u_region: f64,
    /// Desk time of its 7-day case, if it gets one.
    seven_day: f64,
}

/// One job at the table.
#[derive(Debug, Clone, Copy)]
pub struct ZsmItem {
    arrival: f64,
    clock_start: f64,
    service: f64,
    who: Suspect,
    route: Route,
}

impl Suspect {
    /// The case, for a person with an active case.
    fn case(&self) -> Option<u32> {
        match self {
            Suspect::Known { uid, .. } => Some(*uid),
            _ => None,
        }
    }
}

/// The ZSM desks, their line and the jobs at the table.
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

/// Awareness of the VHH at ZSM (kijkdagen, recommendation 5) recovers part of what would
/// otherwise be missed.
fn with_awareness(p: &Params, prob: f64) -> f64 {
    prob + p.link.awareness * (1.0 - prob)
}

/// The chance ZSM reads VHH advice on file, before pressure at the table: it depends on the
/// information system, on a contact person and on feedback agreements ("dwingt … de
/// informatie daadwerkelijk te betrekken", §7.3 l.4805).
pub fn advice_read_prob(p: &Params) -> f64 {
    let l = &p.link;
    let mut prob = with_awareness(p, with_contact_person(p, l.read_prob[l.system.index()]));
    if l.feedback_agreements {
        prob += l.agreement_read_lift * (1.0 - prob);
    }
    prob
}

/// The chance ZSM refers an upgraded complex case to the VHH, with a contact person's lift.
pub fn referral_prob(p: &Params) -> f64 {
    with_awareness(p, with_contact_person(p, p.zsm.referral_prob))
}

/// The chance ZSM reports a decision on a case in AVE 3 back, with a contact person's lift
/// (recommendation 3: the person "de terugkoppeling … verzorgen", §7.3 l.4906).
pub fn feedback_prob(p: &Params) -> f64 {
    with_contact_person(p, p.link.feedback_prob)
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

    /// A job at the table that is not timed against the decision target.
    fn zsm_work(&mut self, hours: f64) {
        let now = self.now();
        self.zsm_enqueue(ZsmItem {
            arrival: now,
            clock_start: now,
            service: hours,
            who: Suspect::SevenDay,
            route: Route::Blind,
        });
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
        // Only a complex person's later draws are ever used; the stream is this suspect's
        // own, so not drawing them for the others changes nothing.
        let complex = (rng.random::<f64>() < p.zsm.unknown_complex).then(|| {
            let (u_upgrade, u_referral, u_region) = (rng.random(), rng.random(), rng.random());
            ComplexDraws {
                u_upgrade,
                u_referral,
                u_region,
                seven_day: p.zsm.seven_day.sample_hours(&mut rng),
            }
        });
        let who = Suspect::Unknown { index, complex };
        let now = self.now();
        self.emit(Happening::ZsmUnknownArrived { index });
        self.zsm_enqueue(ZsmItem {
            arrival: now,
            clock_start: p.zsm.hours.next_open(now),
            service,
            who,
            route: Route::Blind,
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
            route: Route::Blind,
        });
    }

    /// The desk takes up a person with an active case: does the context reach it, and how
    /// long does reading it take?
    fn read_context(&mut self, slot: u32, uid: u32) -> (Route, f64) {
        let p = self.p;
        let waiting = self.zsm.table.waiting();
        let reading = p.zsm.reading_factor(waiting);
        let informal = p.vhh.informal_factor(self.vhh.budget.pressure());
        let read_prob = self.rules.advice_read_prob;
        let Some(c) = self.cases.get_uid(slot, uid) else {
            return (Route::Blind, 0.0);
        };
        let u: [f64; 4] = std::array::from_fn(|_| c.rng.random());
        let shared = 1.0 - p.link.vhh_privacy_hesitancy;
        if c.advice_on_file && u[0] < read_prob * reading {
            return (Route::System, p.zsm.read_hours[p.link.system.index()]);
        }
        if c.flagged && u[1] < p.link.flag_read_prob * reading {
            return (Route::Flag, 0.0);
        }
        let (call_factor, relay_factor) = self
            .call_prop
            .get(usize::from(c.coordinator))
            .copied()
            .unwrap_or((0.0, 0.0));
        if c.phase == AveFase::Ave3 && matches!(c.at_vhh, VhhPlace::Procesregie { .. }) {
            // The coordinator's call gets ZSM's attention ("als ik bel dan heb ik hun
            // aandacht"), but there is less room for contact when the pressure rises on
            // either side (§5.2.4 l.2841, §5.3.4 l.3361).
            let call = (p.link.call_prob * call_factor).min(1.0) * informal * reading * shared;
            if u[2] < call {
                return (Route::Call, 0.0);
            }
        }
        let relay = (p.link.rvdk_relay * relay_factor).min(1.0) * shared;
        if c.youth && c.advice_on_file && u[3] < relay {
            return (Route::Relay, 0.0);
        }
        (Route::Blind, 0.0)
    }

    /// Put free desks to work, if the table is open.
    pub(crate) fn try_start_zsm(&mut self) {
        let now = self.now();
        if !self.p.zsm.hours.is_open(now) {
            return;
        }
        while let Some((idx, _)) = self.zsm.table.start_next(|_, _| true) {
            if let Suspect::Known { case, uid } = self.zsm.items[idx as usize].who {
                let (route, hours) = self.read_context(case, uid);
                let item = &mut self.zsm.items[idx as usize];
                item.route = route;
                item.service += hours;
            }
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

    /// A desk finishes a job: a decision, or a 7-day case's work.
    pub(crate) fn on_zsm_done(&mut self, idx: u32) {
        let now = self.now();
        let item = self.zsm.items[idx as usize];
        self.zsm.free.push(idx);
        self.zsm.table.release();
        self.stats.zsm_busy.add(now, -1.0);
        self.levels(DeskId::Zsm);
        if !matches!(item.who, Suspect::SevenDay) {
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
        }
        match item.who {
            Suspect::Unknown {
                index,
                complex: Some(d),
            } => {
                let p = self.p;
                if d.u_upgrade < p.zsm.upgrade_blind {
                    self.zsm_work(d.seven_day);
                    if d.u_referral < self.rules.referral_prob && d.u_region < p.zsm.region_share {
                        self.schedule(
                            now + p.zsm.upgrade_track_h,
                            Event::ExternalReferral { index },
                        );
                    }
                }
            }
            Suspect::Known { case, uid } => self.decide_known(case, uid, item.route),
            Suspect::Unknown { complex: None, .. } | Suspect::SevenDay => {}
        }
        self.try_start_zsm();
    }

    /// The decision on a person with an active case: its effect, a 7-day case, a referral,
    /// feedback.
    fn decide_known(&mut self, slot: u32, uid: u32, route: Route) {
        let p = self.p;
        let now = self.now();
        let fit = self.fit;
        let in_window = self.stats.in_window;
        let informed = route != Route::Blind;
        let Some(c) = self.cases.get_uid(slot, uid) else {
            return;
        };
        let draws: [f64; 3] = std::array::from_fn(|_| c.rng.random());
        let complex = c.complex;
        let vhh_holds = c.phase == AveFase::Ave3;
        let under_procesregie = vhh_holds && matches!(c.at_vhh, VhhPlace::Procesregie { .. });
        let (coordinator, with_advice) = (usize::from(c.coordinator), c.advice_on_file);
        let feedback_delay = p.link.feedback_delay.sample_hours(&mut c.rng);
        let seven_day = p.zsm.seven_day.sample_hours(&mut c.rng);
        if complex {
            self.stats.count(Daily::ZsmKnownComplex);
            if informed {
                self.stats.count(Daily::ZsmInformed);
            }
        }
        if in_window {
            let s = &mut self.stats;
            if complex {
                s.known_complex += 1;
                s.known_complex_informed += u64::from(informed);
            }
            if with_advice {
                s.with_advice += 1;
                s.with_advice_unused += u64::from(!informed);
            }
            if under_procesregie && let Some(k) = s.calls.get_mut(coordinator) {
                k.0 += 1;
                k.1 += u64::from(route == Route::Call);
            }
        }
        self.emit(Happening::ZsmKnownDecision {
            case: uid,
            route,
            advice_on_file: with_advice,
        });
        let factor = if informed {
            Some(1.0 - fit * (1.0 - p.zsm.informed_effect))
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
            let blind = p.zsm.upgrade_blind;
            let upgrade = if informed {
                blind + fit * (p.zsm.upgrade_informed - blind)
            } else {
                blind
            };
            if draws[0] < upgrade {
                self.zsm_work(seven_day);
                if draws[1] < self.rules.referral_prob {
                    self.schedule(
                        now + p.zsm.upgrade_track_h,
                        Event::Referral { case: slot, uid },
                    );
                }
            }
        }
        if vhh_holds {
            if in_window {
                self.stats.vhh_held_decisions += 1;
            }
            if draws[2] < feedback_prob(p) {
                if in_window {
                    self.stats.feedback_sent += 1;
                }
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

    /// A ZSM decision's effect on the incident rate runs out.
    pub(crate) fn on_effect_ends(&mut self, slot: u32) {
        self.end_effect(slot);
    }

    /// End a ZSM decision's effect on the incident rate.
    fn end_effect(&mut self, slot: u32) {
        let c = self.cases.at(slot);
        c.zsm_factor = 1.0;
        c.effect_gen = c.effect_gen.wrapping_add(1);
        self.reschedule(slot);
    }

    /// Move the advice fit a share of the way to 1.
    fn learn_fit(&mut self, share: f64) {
        let now = self.now();
        let gain = share * (1.0 - self.fit);
        self.fit += gain;
        self.stats.advice_fit.add(now, gain);
    }

    /// ZSM's feedback reaches the VHH: the plan is adjusted (a blind decision's harm ends)
    /// and the coordinators learn a little about what ZSM needs.
    pub(crate) fn on_feedback(&mut self, slot: u32, uid: u32, sent: f64) {
        let now = self.now();
        if self.stats.in_window && sent >= self.p.run.warmup_h {
            self.stats.feedback_delay.push(now - sent);
        }
        self.learn_fit(self.p.link.fit_per_feedback);
        let still = self.cases.get_uid(slot, uid);
        let harmful = still.as_ref().is_some_and(|c| c.zsm_factor > 1.0);
        let case = still.map(|c| c.uid);
        self.emit(Happening::Feedback { case });
        if harmful {
            self.end_effect(slot);
        }
    }

    /// A periodic operational feedback session: where it is held, the advice fits better
    /// ("geef bijvoorbeeld periodiek aan of advies aansluit bij de eisen van ZSM", §7.3
    /// l.4911).
    pub(crate) fn on_fit_review(&mut self) {
        let p = self.p;
        if p.link.operational_feedback {
            self.learn_fit(p.link.fit_learning);
        }
        let now = self.now();
        self.schedule(now + p.link.fit_review_h, Event::FitReview);
    }

    /// ZSM refers a known person to the VHH: from AVE 2, an opschaling from the justice side.
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
            self.request_opschaling(slot, Trigger::ZsmReferral, false);
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
