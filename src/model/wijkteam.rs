//! Wijkteams (sociale wijkteams): each team's case slots are a [`Resource`] whose intake
//! line is served first come, first served, only in office hours. A case keeps its slot
//! (casusregie in the wijk) until it closes, also while the Veiligheidshuis or the
//! burgemeester leads. Teams differ in recognising complex problems, in how firmly they act
//! on the criteria, and in their teamleider, who picks stalled cases up at the morning
//! briefing ("alle zaken die niet goed lopen", §5.3.1 l.3019).

use rand::RngExt;

use super::Observer;
use super::case::{AveFase, TeamPlace};
use super::event::Event;
use super::happening::{DeskId, Happening};
use super::metrics::Daily;
use super::world::World;
use crate::engine::HOURS_PER_DAY;
use crate::engine::resource::Resource;
use crate::scenario::Params;

/// One wijkteam.
#[derive(Debug, Clone)]
pub struct Team {
    /// Recognition skill factor (mean 1 over teams).
    pub skill: f64,
    /// The teamleider's factor on picking stalled cases up at the briefing (mean 1).
    pub leader: f64,
    /// Factor on acting on the criteria (mean 1; the probability is capped at 1).
    pub adherence: f64,
    /// Consults the team has had answered (it learns from them).
    pub consults: u32,
    /// Its case slots and intake line.
    pub intake: Resource,
}

impl Team {
    /// An idle team with the given factors and number of case slots.
    pub fn new(skill: f64, leader: f64, adherence: f64, slots: u32) -> Self {
        Self {
            skill,
            leader,
            adherence,
            consults: 0,
            intake: Resource::new(slots, 1),
        }
    }

    /// Its factor on the recognition rate: skill, and what consults taught it.
    pub fn recognition_factor(&self, p: &Params) -> f64 {
        let learned =
            (f64::from(self.consults) * p.advice.learning_per_consult).min(p.advice.learning_max);
        self.skill * (1.0 + learned)
    }

    /// P(its workers act on a recognition or a stall they noticed).
    pub fn adherence(&self, p: &Params) -> f64 {
        (p.criteria.adherence * self.adherence).min(1.0)
    }

    /// P(its teamleider picks a stalled case up at one briefing).
    pub fn briefing_notice(&self, p: &Params) -> f64 {
        (p.criteria.briefing_notice * self.leader).min(1.0)
    }
}

impl<O: Observer> World<'_, O> {
    fn set_team_levels(&mut self, team: usize, d_busy: f64, d_wait: f64) {
        let now = self.now();
        let s = &mut self.stats;
        if d_busy != 0.0 {
            s.team_busy[team].add(now, d_busy);
            s.team_busy_all.add(now, d_busy);
        }
        if d_wait != 0.0 {
            s.team_waiting[team].add(now, d_wait);
            s.team_waiting_all.add(now, d_wait);
        }
        self.levels(DeskId::Wijkteam(team as u16));
    }

    /// A new case joins its team's intake line.
    pub(crate) fn join_team_queue(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        let (team, case) = (usize::from(c.team.expect("a wijkteam case")), c.uid);
        let ticket = self.teams[team].intake.join(slot, 0);
        self.cases.at(slot).at_team = TeamPlace::Waiting { ticket, since: now };
        self.set_team_levels(team, 0.0, 1.0);
        if self.stats.in_window {
            self.stats.diag.team_queue.arrivals += 1;
        }
        self.emit(Happening::QueueJoined {
            case,
            desk: DeskId::Wijkteam(team as u16),
        });
        self.try_start_team(team);
    }

    /// Give free slots of `team` to waiting cases, first come first served, if open.
    pub(crate) fn try_start_team(&mut self, team: usize) {
        let now = self.now();
        if !self.p.wijkteam.hours.is_open(now) {
            return;
        }
        loop {
            let cases = &self.cases;
            let this = Some(team as u16);
            // Tickets are unique within one team's line: the case must wait for this team.
            let Some((slot, _)) = self.teams[team].intake.start_next(|slot, ticket| {
                cases.get(slot).is_some_and(|c| {
                    c.team == this
                        && matches!(c.at_team, TeamPlace::Waiting { ticket: t, .. } if t == ticket)
                })
            }) else {
                break;
            };
            let c = self.cases.at(slot);
            let TeamPlace::Waiting { since, .. } = c.at_team else {
                unreachable!("started from the line")
            };
            c.at_team = TeamPlace::Served;
            let (waited, case) = (now - since, c.uid);
            self.set_team_levels(team, 1.0, -1.0);
            self.stats.count(Daily::WijkteamStarted);
            self.stats
                .add_to_day(Daily::WijkteamWaitDays, waited / HOURS_PER_DAY);
            if self.stats.in_window {
                self.stats.team_wait.push(waited);
                self.stats.diag.team_queue.time_in_queue.push(waited);
            }
            self.emit(Happening::TeamStarted {
                case,
                team: team as u16,
            });
            self.reschedule(slot);
        }
    }

    /// The case leaves its wijkteam: out of the line, or its slot freed.
    pub(crate) fn leave_team(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        let Some(team) = c.team.map(usize::from) else {
            return;
        };
        match c.at_team {
            TeamPlace::Waiting { since, .. } => {
                c.at_team = TeamPlace::Outside;
                self.teams[team].intake.leave_line();
                self.set_team_levels(team, 0.0, -1.0);
                if self.stats.in_window {
                    self.stats.diag.team_queue.time_in_queue.push(now - since);
                }
            }
            TeamPlace::Served => {
                c.at_team = TeamPlace::Outside;
                self.teams[team].intake.release();
                self.set_team_levels(team, -1.0, 0.0);
                self.try_start_team(team);
            }
            TeamPlace::Outside => {}
        }
    }
}

impl<O: Observer> World<'_, O> {
    /// A stalled case that nobody has acted on: draw at which morning briefing its
    /// teamleider picks it up (geometric over the briefings, which are the team's openings),
    /// and forget any earlier draw.
    pub(crate) fn schedule_briefing(&mut self, slot: u32) {
        let p = self.p;
        let now = self.now();
        let c = self.cases.at(slot);
        c.notice_gen = c.notice_gen.wrapping_add(1);
        let Some(team) = c.team else { return };
        if !(c.stalled && c.phase == AveFase::Ave2 && c.at_team == TeamPlace::Served) {
            return;
        }
        let q = self.teams[usize::from(team)].briefing_notice(p);
        if q <= 0.0 {
            return;
        }
        let u: f64 = c.rng.random();
        let generation = c.notice_gen;
        // The k-th briefing from now picks it up: P(k) = q (1 - q)^(k - 1).
        let k = if q >= 1.0 {
            1
        } else {
            1 + ((1.0 - u).ln() / (1.0 - q).ln()).floor().min(1e7) as u64
        };
        let horizon = p.run.horizon_h;
        let cal = &p.wijkteam.hours;
        let mut t = now;
        for _ in 0..k {
            t = match cal.next_opening_after(t) {
                Some(next) => next,
                // A desk that never closes holds its briefing at midnight.
                None => (crate::engine::day_of(t) + 1.0) * HOURS_PER_DAY,
            };
            if t > horizon {
                return;
            }
        }
        self.schedule(
            t,
            Event::Briefing {
                case: slot,
                generation,
            },
        );
    }

    /// The morning briefing: the teamleider picks the stalled case up ("we gaan nu
    /// opschalen, dit wordt te zwaar voor ons", §5.3.2 l.3152), unless a consult about it is
    /// under way, in which case a later briefing may.
    pub(crate) fn on_briefing(&mut self, slot: u32) {
        let c = self.cases.at(slot);
        if c.advice.pending() {
            self.schedule_briefing(slot);
            return;
        }
        self.on_doubt(slot, super::case::Doubt::Stalled, true);
    }
}
