//! Two observers of the model's happenings, written as CSV while a replication runs (only
//! when asked for): the event trace (`--trace`) and the per-case log (`--cases`).

use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use crate::experiment::{RunError, replicate_with};
use crate::format::csv as num;
use crate::model::{AveFase, CaseId, Happening, Observer, Origin, Outcome, ReplicationOutput};
use crate::scenario::Params;

/// Header of `cases.csv` (and its part files).
pub const CASES_HEADER: [&str; 19] = [
    "replication",
    "case",
    "origin",
    "origin_index",
    "team",
    "domains",
    "complex",
    "youth",
    "entered_day",
    "entered_date",
    "first_ave3_day",
    "first_ave4_day",
    "closed_day",
    "closed_date",
    "outcome",
    "upscalings_ave3",
    "upscaling_triggers",
    "acute_incidents",
    "phase_changes",
];

/// Header of `trace.csv`.
pub const TRACE_HEADER: [&str; 7] = [
    "time_h", "day", "datetime", "event", "desk", "case", "detail",
];

/// One row of the trace: event, desk, case and detail.
pub(crate) struct TraceRow {
    pub(crate) event: &'static str,
    pub(crate) desk: &'static str,
    pub(crate) case: Option<CaseId>,
    pub(crate) detail: String,
}

fn row(event: &'static str, desk: &'static str, case: Option<CaseId>) -> TraceRow {
    TraceRow {
        event,
        desk,
        case,
        detail: String::new(),
    }
}

/// How a happening reads in `trace.csv` (`None`: not traced).
pub(crate) fn trace_row(h: &Happening) -> Option<TraceRow> {
    use Happening as H;
    Some(match *h {
        H::Arrived { case, origin, .. } => match origin {
            Origin::Social => row("social_arrival", "wijkteam", Some(case)),
            other => row(other.name(), "vhh", Some(case)),
        },
        H::TeamStarted { case, team } => TraceRow {
            detail: format!("team {}", team + 1),
            ..row("team_start", "wijkteam", Some(case))
        },
        H::Recognised { case } => row("recognition", "wijkteam", Some(case)),
        H::Stalled { case } => row("stalled_cooperation", "wijkteam", Some(case)),
        H::Doubted {
            case,
            doubt,
            briefing,
        } => TraceRow {
            detail: if briefing {
                format!("{} (teamleider at the briefing)", doubt.name())
            } else {
                doubt.name().to_string()
            },
            ..row("doubt", "wijkteam", Some(case))
        },
        H::Simmering { case } => row("simmering", "wijkteam", Some(case)),
        H::AdviceRequested { case, doubt } => TraceRow {
            detail: doubt.name().to_string(),
            ..row("advice_request", "advice", Some(case))
        },
        H::AdviceStarted { case } => row("advice_start", "advice", Some(case)),
        H::AdviceAnswered { case } => row("advice_done", "advice", Some(case)),
        H::AdviceGivenUp { case } => row("advice_given_up", "advice", Some(case)),
        H::AdviceSettled { case, doubt } => TraceRow {
            detail: doubt.name().to_string(),
            ..row("advice_kept_in_wijk", "advice", Some(case))
        },
        H::Opgeschaald {
            case,
            trigger,
            advised,
        } => TraceRow {
            detail: if advised {
                format!("{} (advised)", trigger.name())
            } else {
                trigger.name().to_string()
            },
            ..row("opschaling_ave3", "vhh", Some(case))
        },
        H::ProcesregieStarted { case, coordinator } => TraceRow {
            detail: format!("coordinator {}", coordinator + 1),
            ..row("procesregie_start", "vhh", Some(case))
        },
        H::Maatwerkoverleg {
            case,
            advice_for_zsm,
        } => TraceRow {
            detail: if advice_for_zsm {
                "advice for ZSM entered".into()
            } else {
                "advice for ZSM held back (privacy)".into()
            },
            ..row("maatwerkoverleg", "vhh", Some(case))
        },
        H::PlanKept { case } => row("plan_kept", "vhh", Some(case)),
        H::PlanRejected { case } => row("plan_not_taken_over", "vhh", Some(case)),
        H::Afgeschaald { case, team } => TraceRow {
            detail: format!("team {}", team + 1),
            ..row("afschaling", "vhh", Some(case))
        },
        H::Incident { case, late, unrest } => TraceRow {
            detail: match (late, unrest) {
                (true, true) => "late; unrest: AVE 4".into(),
                (true, false) => "late".into(),
                (false, true) => "unrest: AVE 4".into(),
                (false, false) => String::new(),
            },
            ..row("acute_incident", "wijkteam", Some(case))
        },
        H::Ave4Over { case } => row("ave4_over", "vhh", Some(case)),
        H::Offence { case } => row("offence", "zsm", Some(case)),
        H::ZsmUnknownArrived { index } => TraceRow {
            detail: format!("unknown {index}"),
            ..row("zsm_arrival", "zsm", None)
        },
        H::ZsmStarted { item, case } => TraceRow {
            detail: format!("item {item}"),
            ..row("zsm_start", "zsm", case)
        },
        H::ZsmDecided { item, case, hours } => TraceRow {
            detail: format!("item {item} hours {hours:.3}"),
            ..row("zsm_decision", "zsm", case)
        },
        H::ZsmKnownDecision { case, route, .. } => TraceRow {
            detail: route.name().into(),
            ..row("zsm_known", "zsm", Some(case))
        },
        H::Feedback { case } => row("feedback", "vhh", case),
        H::Closed { case, outcome } => row(outcome.name(), "wijkteam", Some(case)),
        _ => return None,
    })
}

/// What the case log keeps of a case in progress.
struct CaseLog {
    origin: Origin,
    index: u64,
    team: Option<u16>,
    domains: u8,
    complex: bool,
    youth: bool,
    entered: f64,
    upscalings: u32,
    triggers: Vec<&'static str>,
    incidents: u32,
    /// (time in hours, phase) of every phase, from the entry phase on.
    history: Vec<(f64, AveFase)>,
}

/// Writes the trace (if `T`) and the case log (if `C`) of one replication.
pub struct Recorder<const T: bool, const C: bool> {
    replication: u32,
    run: crate::scenario::sections::run::RunParams,
    trace: Option<(PathBuf, csv::Writer<BufWriter<File>>)>,
    cases: Option<(PathBuf, csv::Writer<BufWriter<File>>)>,
    open: HashMap<CaseId, CaseLog>,
    error: Option<RunError>,
}

fn writer(
    path: &PathBuf,
    header: &[&str],
    with_header: bool,
) -> Result<csv::Writer<BufWriter<File>>, RunError> {
    let file = File::create(path).map_err(|source| RunError::Io {
        path: path.clone(),
        source,
    })?;
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(BufWriter::new(file));
    if with_header {
        w.write_record(header).map_err(|e| RunError::Io {
            path: path.clone(),
            source: e.into(),
        })?;
    }
    Ok(w)
}

fn day(h: f64) -> String {
    num(h / 24.0)
}

impl<const T: bool, const C: bool> Recorder<T, C> {
    /// Open the files (the case part file has no header; parts are joined later).
    pub fn open(
        params: &Params,
        replication: u32,
        trace: Option<PathBuf>,
        cases: Option<PathBuf>,
    ) -> Result<Self, RunError> {
        Ok(Self {
            replication,
            run: params.run.clone(),
            trace: match trace {
                Some(p) => Some((p.clone(), writer(&p, &TRACE_HEADER, true)?)),
                None => None,
            },
            cases: match cases {
                Some(p) => Some((p.clone(), writer(&p, &CASES_HEADER, false)?)),
                None => None,
            },
            open: HashMap::new(),
            error: None,
        })
    }

    /// Run one replication while recording, then flush.
    pub fn run(self, params: &Params) -> Result<ReplicationOutput, RunError> {
        let rep = self.replication;
        let (out, mut rec) = replicate_with(params, rep, self)?;
        if let Some(e) = rec.error.take() {
            return Err(e);
        }
        for (path, w) in [rec.trace.as_mut(), rec.cases.as_mut()]
            .into_iter()
            .flatten()
        {
            w.flush().map_err(|source| RunError::Io {
                path: path.clone(),
                source,
            })?;
        }
        Ok(out)
    }

    fn keep(&mut self, path: PathBuf, r: csv::Result<()>) {
        if let Err(e) = r {
            self.error.get_or_insert(RunError::Io {
                path,
                source: e.into(),
            });
        }
    }

    fn write_trace(&mut self, t: f64, h: &Happening) {
        let Some(r) = trace_row(h) else { return };
        if let Some((path, w)) = self.trace.as_mut() {
            let case = r.case.map_or(String::new(), |c| c.to_string());
            let res = w.write_record([
                num(t).as_str(),
                &day(t),
                &self.run.datetime_at(t),
                r.event,
                r.desk,
                &case,
                &r.detail,
            ]);
            let path = path.clone();
            self.keep(path, res);
        }
    }

    fn log_case(&mut self, t: f64, h: &Happening) {
        match *h {
            Happening::Arrived {
                case,
                origin,
                index,
                team,
                domains,
                complex,
                youth,
                fase,
            } => {
                self.open.insert(
                    case,
                    CaseLog {
                        origin,
                        index,
                        team,
                        domains,
                        complex,
                        youth,
                        entered: t,
                        upscalings: 0,
                        triggers: Vec::new(),
                        incidents: 0,
                        history: vec![(t, fase)],
                    },
                );
            }
            Happening::Opgeschaald { case, trigger, .. } => {
                if let Some(l) = self.open.get_mut(&case) {
                    l.upscalings += 1;
                    l.triggers.push(trigger.name());
                }
            }
            Happening::Incident { case, .. } => {
                if let Some(l) = self.open.get_mut(&case) {
                    l.incidents += 1;
                }
            }
            Happening::PhaseChanged { case, fase } => {
                if let Some(l) = self.open.get_mut(&case) {
                    l.history.push((t, fase));
                }
            }
            Happening::Closed { case, outcome } => self.write_case(case, outcome, t),
            Happening::OpenAtEnd { case } => self.write_case(case, Outcome::Open, f64::NAN),
            _ => {}
        }
    }

    fn write_case(&mut self, case: CaseId, outcome: Outcome, closed: f64) {
        let Some(l) = self.open.remove(&case) else {
            return;
        };
        let Some((path, w)) = self.cases.as_mut() else {
            return;
        };
        let first = |phase: AveFase| {
            l.history
                .iter()
                .find(|(_, p)| *p == phase)
                .map_or(String::new(), |(t, _)| day(*t))
        };
        let changes: Vec<String> = l
            .history
            .iter()
            .map(|(t, p)| format!("{}:{}", day(*t), p.number()))
            .collect();
        let res = w.write_record([
            self.replication.to_string(),
            case.to_string(),
            l.origin.name().to_string(),
            l.index.to_string(),
            l.team.map_or(String::new(), |t| (t + 1).to_string()),
            l.domains.to_string(),
            l.complex.to_string(),
            l.youth.to_string(),
            day(l.entered),
            self.run.date_at(l.entered),
            first(AveFase::Ave3),
            first(AveFase::Ave4),
            day(closed),
            if closed.is_finite() {
                self.run.date_at(closed)
            } else {
                String::new()
            },
            outcome.name().to_string(),
            l.upscalings.to_string(),
            l.triggers.join(";"),
            l.incidents.to_string(),
            changes.join(";"),
        ]);
        let path = path.clone();
        self.keep(path, res);
    }
}

impl<const T: bool, const C: bool> Observer for Recorder<T, C> {
    const HAPPENINGS: bool = T || C;

    fn on(&mut self, t: f64, h: &Happening) {
        if T {
            self.write_trace(t, h);
        }
        if C {
            self.log_case(t, h);
        }
    }
}

/// Run replication `rep` with the recorders asked for: the trace of replication 0 into
/// `trace`, and every replication's case log into `cases_dir`.
pub fn replicate_recorded(
    params: &Params,
    rep: u32,
    trace: Option<&PathBuf>,
    cases_dir: Option<&PathBuf>,
) -> Result<ReplicationOutput, RunError> {
    let trace = trace.filter(|_| rep == 0).cloned();
    let cases = cases_dir.map(|d| d.join(format!("cases-{rep:06}.part")));
    match (trace, cases) {
        (None, None) => replicate_with(params, rep, crate::model::Quiet).map(|(o, _)| o),
        (Some(t), None) => Recorder::<true, false>::open(params, rep, Some(t), None)?.run(params),
        (None, Some(c)) => Recorder::<false, true>::open(params, rep, None, Some(c))?.run(params),
        (Some(t), Some(c)) => {
            Recorder::<true, true>::open(params, rep, Some(t), Some(c))?.run(params)
        }
    }
}
