//! One family's story, for a classroom: which family to tell (by what a trainer asks for),
//! every happening of that family in one replication, the same family under another setup on
//! common random numbers, and how typical the contrast between the two is over many families
//! of the same kind. The model knows nothing of stories: they are observers of its one stream
//! of happenings (`model::happening`).

mod kinds;
mod typical;

use std::collections::HashMap;

use rayon::prelude::*;

pub use kinds::{KINDS, Kind, KindCount, counts};
pub use typical::{Direction, Share, Typical, compare_outcome, share_interval, typical};

use super::{RunError, replicate_with};
use crate::model::{AveFase, CaseId, DeskId, Happening, Observer, Origin, Outcome, Route, Trigger};
use crate::scenario::Params;

/// A family (or an external case) by its arrival stream and its place in it: the same
/// family in every setup run with the same seed, as long as the setup leaves that stream's
/// rate alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FamilyId {
    /// Its arrival stream.
    pub origin: Origin,
    /// The k-th arrival of that stream (0-based).
    pub index: u64,
}

impl FamilyId {
    /// A family of the wijkteams' stream.
    pub fn social(index: u64) -> Self {
        Self {
            origin: Origin::Social,
            index,
        }
    }

    /// Read `N` (a family at the wijkteams), `vhh_direct:N` or `zsm_referral:N`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (origin, n) = match s.split_once(':') {
            None => (Origin::Social, s),
            Some((o, n)) => {
                let origin = [Origin::Social, Origin::VhhDirect, Origin::ZsmReferral]
                    .into_iter()
                    .find(|x| x.name() == o.trim().replace('-', "_"))?;
                (origin, n.trim())
            }
        };
        Some(Self {
            origin,
            index: n.parse().ok()?,
        })
    }

    /// How a command names it again (`--family 812`, `--family zsm_referral:3`).
    pub fn arg(&self) -> String {
        match self.origin {
            Origin::Social => self.index.to_string(),
            o => format!("{}:{}", o.name(), self.index),
        }
    }
}

/// What a family went through, in a few facts (for choosing and for comparing families).
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The family.
    pub id: FamilyId,
    /// Its case id in this replication.
    pub uid: CaseId,
    /// Arrival (hours).
    pub arrived: f64,
    /// Life domains touched.
    pub domains: u8,
    /// Needs a cross-chain approach.
    pub complex: bool,
    /// A family with minors.
    pub youth: bool,
    /// What made the wijkteam (or ZSM) scale up, each time.
    pub triggers: Vec<Trigger>,
    /// Acute incidents.
    pub incidents: u32,
    /// An acute incident while it had never been in AVE 3.
    pub late_incident: bool,
    /// Ever in AVE 3.
    pub ave3: bool,
    /// Ever in AVE 4.
    pub ave4: bool,
    /// The wijkteam asked the advice function.
    pub advice_asked: bool,
    /// A consult kept it in the wijk.
    pub kept_in_wijk: bool,
    /// A doubt was not acted on.
    pub simmered: bool,
    /// Afgeschaald with a plan.
    pub afgeschaald: bool,
    /// ZSM decisions on the person, and how many of them were blind.
    pub zsm_decisions: u32,
    /// ZSM decisions without context.
    pub zsm_blind: u32,
    /// When and how it closed, if it did before the run ended.
    pub closed: Option<(f64, Outcome)>,
}

impl Summary {
    fn new(id: FamilyId, uid: CaseId, t: f64, domains: u8, complex: bool, youth: bool) -> Self {
        Self {
            id,
            uid,
            arrived: t,
            domains,
            complex,
            youth,
            triggers: Vec::new(),
            incidents: 0,
            late_incident: false,
            ave3: false,
            ave4: false,
            advice_asked: false,
            kept_in_wijk: false,
            simmered: false,
            afgeschaald: false,
            zsm_decisions: 0,
            zsm_blind: 0,
            closed: None,
        }
    }

    /// Days from arrival to closing, if it closed.
    pub fn days(&self) -> Option<f64> {
        self.closed.map(|(t, _)| (t - self.arrived) / 24.0)
    }

    /// The same family as `other`: same stream place, arrival, domains and complexity.
    pub fn same_family(&self, other: &Summary) -> bool {
        self.id == other.id
            && self.arrived == other.arrived
            && self.domains == other.domains
            && self.complex == other.complex
            && self.youth == other.youth
    }
}

/// Collects a [`Summary`] of every case of a replication.
#[derive(Default)]
pub struct Summaries {
    open: HashMap<CaseId, Summary>,
    /// The cases, in the order they closed (or were open at the end).
    pub done: Vec<Summary>,
}

impl Observer for Summaries {
    const HAPPENINGS: bool = true;

    fn on(&mut self, t: f64, h: &Happening) {
        if let Happening::Arrived {
            case,
            origin,
            index,
            domains,
            complex,
            youth,
            fase,
            ..
        } = *h
        {
            let id = FamilyId { origin, index };
            let mut s = Summary::new(id, case, t, domains, complex, youth);
            s.ave3 = fase == AveFase::Ave3;
            self.open.insert(case, s);
            return;
        }
        let Some(case) = h.case() else { return };
        let Some(s) = self.open.get_mut(&case) else {
            return;
        };
        match *h {
            Happening::Opgeschaald { trigger, .. } => s.triggers.push(trigger),
            Happening::Incident { late, .. } => {
                s.incidents += 1;
                s.late_incident |= late;
            }
            Happening::PhaseChanged { fase, .. } => {
                s.ave3 |= fase == AveFase::Ave3;
                s.ave4 |= fase == AveFase::Ave4;
            }
            Happening::AdviceRequested { .. } => s.advice_asked = true,
            Happening::AdviceSettled { .. } => s.kept_in_wijk = true,
            Happening::Simmering { .. } => s.simmered = true,
            Happening::Afgeschaald { .. } => s.afgeschaald = true,
            Happening::ZsmKnownDecision { route, .. } => {
                s.zsm_decisions += 1;
                s.zsm_blind += u32::from(route == Route::Blind);
            }
            Happening::Closed { outcome, .. } => {
                let mut s = self.open.remove(&case).expect("an open case");
                s.closed = Some((t, outcome));
                self.done.push(s);
            }
            Happening::OpenAtEnd { .. } => {
                let s = self.open.remove(&case).expect("an open case");
                self.done.push(s);
            }
            _ => {}
        }
    }
}

/// One moment of a family's story: what happened, and for a line joined, how many were in
/// it (this family included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    /// Hours from the start of the run.
    pub t: f64,
    /// What happened.
    pub happening: Happening,
    /// For a line joined: cases waiting in it, this family included.
    pub waiting: Option<u32>,
}

/// Records every happening of one family in a replication.
pub struct FamilyLog {
    want: FamilyId,
    uid: Option<CaseId>,
    last_waiting: HashMap<DeskKey, u32>,
    /// The family's happenings, in order.
    pub moments: Vec<Moment>,
}

/// A desk as a map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum DeskKey {
    Team(u16),
    Vhh,
    Advice,
    Zsm,
}

fn key(desk: DeskId) -> DeskKey {
    match desk {
        DeskId::Wijkteam(t) => DeskKey::Team(t),
        DeskId::Vhh => DeskKey::Vhh,
        DeskId::Advice => DeskKey::Advice,
        DeskId::Zsm => DeskKey::Zsm,
    }
}

impl FamilyLog {
    /// A log of `want`.
    pub fn of(want: FamilyId) -> Self {
        Self {
            want,
            uid: None,
            last_waiting: HashMap::new(),
            moments: Vec::new(),
        }
    }
}

impl Observer for FamilyLog {
    const HAPPENINGS: bool = true;
    const LEVELS: bool = true;

    fn on(&mut self, t: f64, h: &Happening) {
        if let Happening::Arrived {
            case,
            origin,
            index,
            ..
        } = *h
            && (FamilyId { origin, index }) == self.want
            && self.uid.is_none()
        {
            self.uid = Some(case);
        }
        if self.uid.is_some() && h.case() == self.uid {
            let waiting = match *h {
                Happening::QueueJoined { desk, .. } => self.last_waiting.get(&key(desk)).copied(),
                _ => None,
            };
            self.moments.push(Moment {
                t,
                happening: *h,
                waiting,
            });
        }
    }

    fn level(&mut self, _t: f64, desk: DeskId, _busy: u32, waiting: u32) {
        if self.uid.is_some() {
            self.last_waiting.insert(key(desk), waiting);
        }
    }
}

/// One family's story in one setup.
#[derive(Debug, Clone)]
pub struct Story {
    /// The family.
    pub id: FamilyId,
    /// Its case id in this replication.
    pub uid: CaseId,
    /// The replication (0-based).
    pub replication: u32,
    /// Everything that happened to it.
    pub moments: Vec<Moment>,
}

impl Story {
    /// The arrival moment's facts: (arrival hours, domains, complex, youth, team).
    pub fn arrival(&self) -> Option<(f64, u8, bool, bool, Option<u16>)> {
        self.moments.iter().find_map(|m| match m.happening {
            Happening::Arrived {
                domains,
                complex,
                youth,
                team,
                ..
            } => Some((m.t, domains, complex, youth, team)),
            _ => None,
        })
    }

    /// The phase at each change, from arrival on: (hours, phase).
    pub fn phases(&self) -> Vec<(f64, AveFase)> {
        self.moments
            .iter()
            .filter_map(|m| match m.happening {
                Happening::Arrived { fase, .. } | Happening::PhaseChanged { fase, .. } => {
                    Some((m.t, fase))
                }
                _ => None,
            })
            .collect()
    }

    /// When it ended (closed, or the run ended): (hours, outcome).
    pub fn end(&self) -> Option<(f64, Outcome)> {
        self.moments.iter().find_map(|m| match m.happening {
            Happening::Closed { outcome, .. } => Some((m.t, outcome)),
            Happening::OpenAtEnd { .. } => Some((m.t, Outcome::Open)),
            _ => None,
        })
    }
}

/// Run replication `rep` of `params` and tell `id`'s story (`None`: that family did not
/// arrive in this setup).
pub fn tell(params: &Params, rep: u32, id: FamilyId) -> Result<Option<Story>, RunError> {
    let (_, log) = replicate_with(params, rep, FamilyLog::of(id))?;
    Ok(log.uid.map(|uid| Story {
        id,
        uid,
        replication: rep,
        moments: log.moments,
    }))
}

/// The summaries of every case of replications `0..reps`, one list per replication, in
/// replication order (the same whatever the thread count).
pub fn summaries(
    params: &Params,
    reps: u32,
    threads: usize,
) -> Result<Vec<Vec<Summary>>, RunError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| RunError::Threads(e.to_string()))?;
    pool.install(|| {
        (0..reps)
            .into_par_iter()
            .map(|rep| replicate_with(params, rep, Summaries::default()).map(|(_, s)| s.done))
            .collect()
    })
}

/// The families of one replication worth telling: arrived after the warm-up and closed
/// before the run ended, in order of arrival.
pub fn tellable<'a>(params: &Params, cases: &'a [Summary]) -> Vec<&'a Summary> {
    let warm = f64::from(params.run.warmup_days) * 24.0;
    let mut out: Vec<&Summary> = cases
        .iter()
        .filter(|s| s.arrived >= warm && s.closed.is_some())
        .collect();
    out.sort_by(|a, b| a.arrived.total_cmp(&b.arrived));
    out
}

/// A happening with the case and desk-item numbers left out (they differ between setups
/// when other cases come and go differently).
fn shape(h: &Happening) -> String {
    let text = format!("{h:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find(|c: char| c.is_ascii_alphabetic()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let skip = ["case: ", "item: "]
            .into_iter()
            .find(|p| rest.starts_with(p));
        match skip {
            Some(p) => {
                let end = rest[p.len()..]
                    .find([',', ' ', '}'])
                    .map_or(rest.len(), |e| p.len() + e);
                let end = if rest[end..].starts_with(')') {
                    end + 1
                } else {
                    end
                };
                rest = &rest[end..];
            }
            None => {
                let end = rest
                    .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .unwrap_or(rest.len());
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first moment at which two stories of one family part: its time and the index of
/// that moment in each (`None`: they are the same to the end).
pub fn parted(a: &Story, b: &Story) -> Option<(f64, usize, usize)> {
    let n = a.moments.len().min(b.moments.len());
    for i in 0..n {
        let (x, y) = (&a.moments[i], &b.moments[i]);
        if x.t != y.t || shape(&x.happening) != shape(&y.happening) {
            return Some((x.t.min(y.t), i, i));
        }
    }
    if a.moments.len() != b.moments.len() {
        let t = a
            .moments
            .get(n)
            .or(b.moments.get(n))
            .map_or(f64::NAN, |m| m.t);
        return Some((t, n, n));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_leave_out_case_and_item_numbers() {
        let a = Happening::ZsmDecided {
            item: 3,
            case: Some(17),
            hours: 2.5,
        };
        let b = Happening::ZsmDecided {
            item: 9,
            case: Some(4),
            hours: 2.5,
        };
        assert_eq!(shape(&a), shape(&b));
        let c = Happening::Stalled { case: 4 };
        let d = Happening::Recognised { case: 4 };
        assert_ne!(shape(&c), shape(&d));
        assert_eq!(shape(&c), shape(&Happening::Stalled { case: 12 }));
    }

    #[test]
    fn family_ids_read_back() {
        for id in [
            FamilyId::social(812),
            FamilyId {
                origin: Origin::ZsmReferral,
                index: 3,
            },
        ] {
            assert_eq!(FamilyId::parse(&id.arg()), Some(id));
        }
        assert_eq!(FamilyId::parse("ghost:3"), None);
        assert_eq!(FamilyId::parse("x"), None);
    }
}
