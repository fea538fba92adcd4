//! A wijkteam in doubt: when a worker recognises complex problems, notices that cooperation
//! around a case has stalled, or feels the urge to hand a case over, what follows. Criteria
//! cut both ways (§6.7 l.4214: "houden casuïstiek te lang binnen of gooien het te snel over
//! de schutting"); the advice function can be asked first, for any case ("bij twijfel",
//! §5.3.1 l.3006), and its answer is not binding.
//!
//! | doubt | who | with an advice function | without (or not asked) |
//! |---|---|---|---|
//! | complex problems recognised | worker | consult (prob. × informal contact left) | opschaling with the team's adherence, else it simmers |
//! | stalled cooperation | worker | consult | opschaling with the team's adherence, else it simmers |
//! | stalled cooperation | teamleider at the briefing | consult | opschaling |
//! | urge to hand over | worker | consult | opschaling (over de schutting) |

use rand::RngExt;

use super::Observer;
use super::case::{AdvicePlace, AveFase, Doubt};
use super::happening::Happening;
use super::phases::Trigger;
use super::world::World;
use crate::scenario::Params;

/// How readily a wijkteam recognises that a served complex case needs more (per hour, for a
/// team of skill 1, before what consults taught it).
pub fn recognition_rate(p: &Params) -> f64 {
    p.criteria.recognition_per_h
}

/// How often a served case without complex problems or a stall is handed over too early
/// (per hour): the criteria's rate, higher with more new or young workers.
pub fn over_the_fence_rate(p: &Params) -> f64 {
    p.criteria.over_the_fence_per_h
        * (1.0 + p.criteria.inexperience_lift * p.wijkteam.inexperienced_share)
}

impl<O: Observer> World<'_, O> {
    /// A served complex case is recognised as one: flag it for ZSM where wijkteams can, and
    /// act on the doubt.
    pub(crate) fn on_recognition(&mut self, slot: u32) {
        let p = self.p;
        let c = self.cases.at(slot);
        let u: f64 = c.rng.random();
        if p.link.flag_enabled && u < p.link.flag_prob * (1.0 - p.link.privacy_hesitancy) {
            c.flagged = true;
        }
        let case = c.uid;
        self.emit(Happening::Recognised { case });
        self.on_doubt(slot, Doubt::Complex, false);
    }

    /// With an advice function the threshold is lower: a worker in doubt about a complex case
    /// may ask before recognising it ("kun je bij twijfel vragen stellen", §5.3.1 l.3006).
    /// Without a consult the doubt leads nowhere yet.
    pub(crate) fn on_early_doubt(&mut self, slot: u32) {
        let p = self.p;
        let pressure = self.vhh.budget.pressure();
        let c = self.cases.at(slot);
        let u: f64 = c.rng.random();
        if u < consult_chance(p, pressure) {
            let case = c.uid;
            self.emit(Happening::Doubted {
                case,
                doubt: Doubt::Complex,
                briefing: false,
            });
            self.request_advice(slot, Doubt::Complex);
        }
        self.reschedule(slot);
    }

    /// Cooperation around a served case stalls: several agencies, no progress. The worker
    /// may notice it (a clock), the teamleider may pick it up at a briefing.
    pub(crate) fn on_stall(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        c.stalled = true;
        let case = c.uid;
        self.stats.stalled.add(now, 1.0);
        self.emit(Happening::Stalled { case });
        self.schedule_briefing(slot);
        self.reschedule(slot);
    }

    /// The stall is over (acted on, resolved, or the case left AVE 2 service).
    pub(crate) fn clear_stall(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        if c.stalled {
            c.stalled = false;
            c.notice_gen = c.notice_gen.wrapping_add(1);
            self.stats.stalled.add(now, -1.0);
        }
    }

    /// A doubt to act on: consult the VHH first where it can be asked (fewer consults when
    /// the VHH is under pressure), else decide alone.
    pub(crate) fn on_doubt(&mut self, slot: u32, doubt: Doubt, briefing: bool) {
        let p = self.p;
        let pressure = self.vhh.budget.pressure();
        let c = self.cases.at(slot);
        let u: f64 = c.rng.random();
        let case = c.uid;
        self.emit(Happening::Doubted {
            case,
            doubt,
            briefing,
        });
        let consult = p.advice.enabled && u < consult_chance(p, pressure);
        if consult {
            self.request_advice(slot, doubt);
            self.reschedule(slot);
        } else {
            self.decide_alone(slot, doubt, briefing);
        }
    }

    /// No consult (or none came in time): the teamleider scales up; a worker does so with the
    /// team's adherence, else the case keeps simmering; an urge to hand over is acted on.
    pub(crate) fn decide_alone(&mut self, slot: u32, doubt: Doubt, briefing: bool) {
        let p = self.p;
        let c = self.cases.at(slot);
        let u: f64 = c.rng.random();
        let adherence = c.team.map_or(p.criteria.adherence, |t| {
            self.teams[usize::from(t)].adherence(p)
        });
        let act = briefing || doubt == Doubt::Fence || u < adherence;
        if act {
            self.request_opschaling(slot, trigger_of(doubt), false);
        } else {
            let case = c.uid;
            self.emit(Happening::Simmering { case });
            if doubt == Doubt::Stalled {
                // Still stalled: a later briefing may pick it up.
                self.schedule_briefing(slot);
            }
            self.reschedule(slot);
        }
    }

    /// The consult's answer, while the case still waits for it: opschaling, or the case
    /// stays in the wijk (the doubt settled, cooperation restored, or no hand-over).
    pub(crate) fn on_advice_outcome(&mut self, slot: u32, doubt: Doubt) {
        let p = self.p;
        let c = self.cases.at(slot);
        c.advice = AdvicePlace::None;
        let (u, u_link): (f64, f64) = (c.rng.random(), c.rng.random());
        if c.phase != AveFase::Ave2 {
            return;
        }
        // Asked about handing a complex case over, the procescoördinator weighs it as the
        // complex case it is.
        let doubt = if doubt == Doubt::Fence && c.complex {
            Doubt::Complex
        } else {
            doubt
        };
        if doubt == Doubt::Complex
            && u_link < p.advice.justice_link * (1.0 - p.link.privacy_hesitancy)
        {
            // "dan leg jij voor het wijkteam dat linkje met justitie" (§5.3.1 l.2994)
            c.advice_on_file = true;
        }
        let up = match doubt {
            Doubt::Complex | Doubt::Stalled => u < p.advice.upscale_share,
            Doubt::Fence => u >= p.advice.fence_keep,
        };
        if up {
            self.request_opschaling(slot, trigger_of(doubt), true);
            return;
        }
        if doubt == Doubt::Complex {
            c.doubt_settled = true;
        }
        let case = c.uid;
        if doubt == Doubt::Stalled {
            self.clear_stall(slot);
        }
        self.emit(Happening::AdviceSettled { case, doubt });
        self.reschedule(slot);
    }
}

/// The chance that a doubt (any of them, the worker's or the teamleider's) becomes a consult:
/// informal contact erodes with the VHH's pressure, and a wijkteam hesitant about what it may
/// share asks less.
fn consult_chance(p: &Params, pressure: f64) -> f64 {
    p.advice.consult_prob * p.vhh.informal_factor(pressure) * (1.0 - p.link.privacy_hesitancy)
}

/// The opschaling trigger of a doubt acted on.
fn trigger_of(doubt: Doubt) -> Trigger {
    match doubt {
        Doubt::Complex => Trigger::Complex,
        Doubt::Stalled => Trigger::StalledCooperation,
        Doubt::Fence => Trigger::OverTheFence,
    }
}
