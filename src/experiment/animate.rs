//! A year at the desks, recorded for an animation: where every case is (waiting for or at a
//! wijkteam, waiting for or under procesregie at the Veiligheidshuis, at the advice function,
//! with the burgemeester in AVE 4, before ZSM) and its phase, each time that changes, plus
//! the acute crises and the ZSM table's line. An observer of the model's happenings.

use std::collections::HashMap;

use super::{RunError, replicate_with};
use crate::model::{AveFase, CaseId, DeskId, Happening, Observer, Origin};
use crate::scenario::Params;

/// Where a case is, for the animation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Place {
    /// Closed: off the screen.
    Gone = 0,
    /// On a wijkteam's waiting list.
    WijkWaiting = 1,
    /// At its wijkteam (casusregie and procesregie in AVE 2).
    Wijk = 2,
    /// Waiting for procesregie at the Veiligheidshuis.
    VhhWaiting = 3,
    /// Under procesregie of the Veiligheidshuis.
    Vhh = 4,
    /// A question waiting for the advice function.
    AdviceWaiting = 5,
    /// A consult under way.
    Advice = 6,
    /// AVE 4: with the burgemeester and the driehoek.
    Ave4 = 7,
    /// Before the ZSM table.
    Zsm = 8,
}

/// One change: minutes from the window's start, case (dense, from 0), place, phase, team
/// ([`NO_TEAM`] for a case that never had one).
pub type Step = [u32; 5];

/// The team of a case that came to the Veiligheidshuis from outside the wijkteams.
pub const NO_TEAM: u16 = u16::MAX;

/// What the animation plays.
#[derive(Debug, Clone, Default)]
pub struct Movie {
    /// Hours of the window's start and end.
    pub window: (f64, f64),
    /// Where each case in progress stood when the window opened (minute 0).
    pub start: Vec<Step>,
    /// Every change in the window, in order.
    pub steps: Vec<Step>,
    /// Acute crises: (minute, case).
    pub crises: Vec<[u32; 2]>,
    /// Opschalingen naar AVE 3 in the window: (minute, case).
    pub upscalings: Vec<[u32; 2]>,
    /// The ZSM table: (minute, at the table, waiting), the last of each quarter hour.
    pub zsm: Vec<[u32; 3]>,
    /// Wijkteams.
    pub teams: u16,
}

#[derive(Debug, Clone, Copy)]
struct Where {
    place: Place,
    /// Where it returns to after a visit (a consult, ZSM, AVE 4).
    home: Place,
    phase: AveFase,
    team: u16,
}

/// Records a [`Movie`] of the window `[from, to)` hours.
pub struct Recorder {
    from: f64,
    to: f64,
    at: HashMap<CaseId, Where>,
    dense: HashMap<CaseId, u32>,
    opened: bool,
    movie: Movie,
}

impl Recorder {
    /// A recorder of `[from, to)` hours with `teams` wijkteams.
    pub fn new(from: f64, to: f64, teams: u16) -> Self {
        Self {
            from,
            to,
            at: HashMap::new(),
            dense: HashMap::new(),
            opened: false,
            movie: Movie {
                window: (from, to),
                teams,
                ..Movie::default()
            },
        }
    }

    fn minute(&self, t: f64) -> u32 {
        ((t - self.from).max(0.0) * 60.0).round() as u32
    }

    fn id(&mut self, case: CaseId) -> u32 {
        let n = self.dense.len() as u32;
        *self.dense.entry(case).or_insert(n)
    }

    fn step(&self, w: &Where, minute: u32, id: u32) -> Step {
        [
            minute,
            id,
            w.place as u32,
            u32::from(w.phase.number()),
            u32::from(w.team),
        ]
    }

    /// Open the window: everything in progress now is where it stands.
    fn open(&mut self) {
        self.opened = true;
        let mut live: Vec<(CaseId, Where)> = self.at.iter().map(|(c, w)| (*c, *w)).collect();
        live.sort_by_key(|(c, _)| *c);
        for (case, w) in live {
            let id = self.id(case);
            let s = self.step(&w, 0, id);
            self.movie.start.push(s);
        }
    }

    fn set(&mut self, t: f64, case: CaseId, f: impl FnOnce(&mut Where)) {
        let Some(w) = self.at.get_mut(&case) else {
            return;
        };
        let before = (w.place, w.phase, w.team);
        f(w);
        let w = *w;
        if w.place == Place::Gone {
            self.at.remove(&case);
        }
        if self.opened && t < self.to && before != (w.place, w.phase, w.team) {
            let (m, id) = (self.minute(t), self.id(case));
            let s = self.step(&w, m, id);
            self.movie.steps.push(s);
        }
    }

    /// The recorded movie.
    pub fn finish(self) -> Movie {
        self.movie
    }
}

fn visit(w: &mut Where, place: Place) {
    if !matches!(
        w.place,
        Place::Advice | Place::AdviceWaiting | Place::Zsm | Place::Ave4
    ) {
        w.home = w.place;
    }
    w.place = place;
}

fn back(w: &mut Where) {
    w.place = w.home;
}

impl Observer for Recorder {
    const HAPPENINGS: bool = true;
    const LEVELS: bool = true;

    fn on(&mut self, t: f64, h: &Happening) {
        if !self.opened && t >= self.from {
            self.open();
        }
        use Happening as H;
        match *h {
            H::Arrived {
                case,
                origin,
                team,
                fase,
                ..
            } => {
                let place = if origin == Origin::Social {
                    Place::WijkWaiting
                } else {
                    Place::VhhWaiting
                };
                let w = Where {
                    place,
                    home: place,
                    phase: fase,
                    team: team.unwrap_or(NO_TEAM),
                };
                self.at.insert(case, w);
                if self.opened && t < self.to {
                    let (m, id) = (self.minute(t), self.id(case));
                    let s = self.step(&w, m, id);
                    self.movie.steps.push(s);
                }
            }
            H::QueueJoined { case, desk } => self.set(t, case, |w| match desk {
                DeskId::Wijkteam(team) => {
                    w.place = Place::WijkWaiting;
                    w.team = team;
                }
                DeskId::Vhh => w.place = Place::VhhWaiting,
                _ => {}
            }),
            H::TeamStarted { case, team } => self.set(t, case, |w| {
                w.place = Place::Wijk;
                w.team = team;
            }),
            H::Opgeschaald { case, .. } => {
                if self.opened && t < self.to {
                    let (m, id) = (self.minute(t), self.id(case));
                    self.movie.upscalings.push([m, id]);
                }
                self.set(t, case, |w| {
                    w.place = Place::VhhWaiting;
                    w.home = Place::VhhWaiting;
                    w.phase = AveFase::Ave3;
                });
            }
            H::ProcesregieStarted { case, .. } => self.set(t, case, |w| {
                w.place = Place::Vhh;
                w.home = Place::Vhh;
            }),
            H::AdviceRequested { case, .. } => {
                self.set(t, case, |w| visit(w, Place::AdviceWaiting));
            }
            H::AdviceStarted { case } => self.set(t, case, |w| w.place = Place::Advice),
            H::AdviceAnswered { case }
            | H::AdviceGivenUp { case }
            | H::AdviceSettled { case, .. } => self.set(t, case, |w| {
                if matches!(w.place, Place::Advice | Place::AdviceWaiting) {
                    back(w);
                }
            }),
            H::Afgeschaald { case, team } => self.set(t, case, |w| {
                w.place = Place::Wijk;
                w.home = Place::Wijk;
                w.phase = AveFase::Ave2;
                w.team = team;
            }),
            H::PhaseChanged { case, fase } => self.set(t, case, |w| {
                w.phase = fase;
                if fase == AveFase::Ave4 {
                    visit(w, Place::Ave4);
                } else if w.place == Place::Ave4 {
                    back(w);
                }
            }),
            H::Incident { case, .. } if self.opened && t < self.to => {
                let (m, id) = (self.minute(t), self.id(case));
                self.movie.crises.push([m, id]);
            }
            H::Offence { case } => self.set(t, case, |w| visit(w, Place::Zsm)),
            H::ZsmKnownDecision { case, .. } => self.set(t, case, |w| {
                if w.place == Place::Zsm {
                    back(w);
                }
            }),
            H::Closed { case, .. } | H::OpenAtEnd { case } => {
                self.set(t, case, |w| w.place = Place::Gone);
            }
            _ => {}
        }
    }

    fn level(&mut self, t: f64, desk: DeskId, busy: u32, waiting: u32) {
        if desk != DeskId::Zsm || !self.opened || t >= self.to {
            return;
        }
        let quarter = self.minute(t) / 15 * 15;
        match self.movie.zsm.last_mut() {
            Some(last) if last[0] == quarter => *last = [quarter, busy, waiting],
            _ => self.movie.zsm.push([quarter, busy, waiting]),
        }
    }
}

/// Record replication `rep` of `params` over `days` days from day `from_day`.
pub fn record(params: &Params, rep: u32, from_day: u32, days: u32) -> Result<Movie, RunError> {
    let from = f64::from(from_day) * 24.0;
    let to = f64::from(from_day + days) * 24.0;
    let teams = params.wijkteam.teams as u16;
    let (_, rec) = replicate_with(params, rep, Recorder::new(from, to, teams))?;
    Ok(rec.finish())
}

impl Movie {
    /// How many cases stood at `place` when the window opened and when it closed.
    pub fn at_start_and_end(&self, place: Place) -> (usize, usize) {
        let mut at = std::collections::HashMap::new();
        for s in &self.start {
            at.insert(s[1], s[2]);
        }
        let start = at.values().filter(|&&p| p == place as u32).count();
        for s in &self.steps {
            at.insert(s[1], s[2]);
        }
        let end = at.values().filter(|&&p| p == place as u32).count();
        (start, end)
    }
}
