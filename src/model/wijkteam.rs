//! Wijkteams (sociale wijkteams): case slots per team and a FIFO intake queue that is
//! served only in office hours. A case keeps its slot (case lead) until it closes, also
//! while the VHH or the mayor leads.

use std::collections::VecDeque;

use super::Observer;
use super::case::NO_TEAM;
use super::event::Desk;
use super::world::World;

/// One wijkteam.
#[derive(Debug, Clone)]
pub struct Team {
    /// Recognition skill factor (mean 1 over teams).
    pub skill: f64,
    /// Busy case slots.
    pub busy: u32,
    /// Cases waiting.
    pub waiting: u32,
    queue: VecDeque<(u32, u32)>,
}

impl Team {
    /// An idle team with the given skill.
    pub fn new(skill: f64) -> Self {
        Self {
            skill,
            busy: 0,
            waiting: 0,
            queue: VecDeque::new(),
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
    }

    /// A new case joins its team's intake queue.
    pub(crate) fn join_team_queue(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        c.in_team_queue = true;
        c.team_ticket = c.team_ticket.wrapping_add(1);
        c.team_since = now;
        let (team, ticket) = (c.team as usize, c.team_ticket);
        self.teams[team].queue.push_back((slot, ticket));
        self.teams[team].waiting += 1;
        self.set_team_levels(team, 0.0, 1.0);
        if self.stats.in_window {
            self.stats.diag.team_queue.arrivals += 1;
        }
        self.try_start_team(team);
    }

    /// Give free slots of `team` to waiting cases, first come first served, if open.
    pub(crate) fn try_start_team(&mut self, team: usize) {
        let now = self.now();
        if !self.p.wijkteam.hours.is_open(now) {
            return;
        }
        while self.teams[team].busy < self.p.wijkteam.team_slots {
            let Some((slot, ticket)) = self.teams[team].queue.pop_front() else {
                break;
            };
            let Some(c) = self.cases.get(slot) else {
                continue;
            };
            if !c.in_team_queue || c.team_ticket != ticket {
                continue;
            }
            let c = self.cases.at(slot);
            c.in_team_queue = false;
            c.served = true;
            let waited = now - c.team_since;
            self.teams[team].busy += 1;
            self.teams[team].waiting -= 1;
            self.set_team_levels(team, 1.0, -1.0);
            if self.stats.in_window {
                self.stats.team_wait.push(waited);
                self.stats.diag.team_queue.time_in_queue.push(waited);
            }
            self.trace("team_start", Desk::Wijkteam, slot, || {
                format!("team {}", team + 1)
            });
            self.reschedule(slot);
        }
    }

    /// The case leaves its wijkteam: out of the queue, or its slot freed.
    pub(crate) fn leave_team(&mut self, slot: u32) {
        let now = self.now();
        let c = self.cases.at(slot);
        if c.team == NO_TEAM {
            return;
        }
        let team = c.team as usize;
        if c.in_team_queue {
            c.in_team_queue = false;
            c.team_ticket = c.team_ticket.wrapping_add(1);
            let waited = now - c.team_since;
            self.teams[team].waiting -= 1;
            self.set_team_levels(team, 0.0, -1.0);
            if self.stats.in_window {
                self.stats.diag.team_queue.time_in_queue.push(waited);
            }
        } else if c.served {
            c.served = false;
            self.teams[team].busy -= 1;
            self.set_team_levels(team, -1.0, 0.0);
            self.try_start_team(team);
        }
    }
}
