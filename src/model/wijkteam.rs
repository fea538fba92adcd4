//! Wijkteams (sociale wijkteams): each team's case slots are a [`Resource`] whose intake
//! line is served first come, first served, only in office hours. A case keeps its slot
//! (casusregie in the wijk) until it closes, also while the Veiligheidshuis or the
//! burgemeester leads.

use super::Observer;
use super::case::TeamPlace;
use super::happening::{DeskId, Happening};
use super::world::World;
use crate::engine::resource::Resource;

/// One wijkteam.
#[derive(Debug, Clone)]
pub struct Team {
    /// Recognition skill factor (mean 1 over teams).
    pub skill: f64,
    /// Its case slots and intake line.
    pub intake: Resource,
}

impl Team {
    /// An idle team with the given skill and number of case slots.
    pub fn new(skill: f64, slots: u32) -> Self {
        Self {
            skill,
            intake: Resource::new(slots, 1),
        }
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
