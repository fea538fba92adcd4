//! The observer that writes the per-case log and the event trace as CSV while a
//! replication runs (only when asked for: `--cases`, `--trace`).

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use crate::experiment::RunError;
use crate::model::metrics::ReplicationOutput;
use crate::model::{CaseRecord, Observer};
use crate::scenario::Params;

use crate::format::csv as num;

/// Writes traces (if `T`) and case records (if `C`) to CSV files.
pub struct Recorder<const T: bool, const C: bool> {
    trace: Option<(PathBuf, csv::Writer<BufWriter<File>>)>,
    cases: Option<(PathBuf, csv::Writer<BufWriter<File>>)>,
    error: Option<RunError>,
}

/// Header of `cases.csv` (and its part files).
pub const CASES_HEADER: [&str; 14] = [
    "replication",
    "case",
    "origin",
    "origin_index",
    "team",
    "domains",
    "complex",
    "entered_day",
    "first_phase3_day",
    "first_phase4_day",
    "closed_day",
    "outcome",
    "escalations_phase3",
    "phase_changes",
];

/// Header of `trace.csv`.
pub const TRACE_HEADER: [&str; 6] = ["time_h", "day", "event", "desk", "case", "detail"];

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

impl<const T: bool, const C: bool> Recorder<T, C> {
    /// Open the files (the case part file has no header; parts are joined later).
    pub fn open(trace: Option<PathBuf>, cases: Option<PathBuf>) -> Result<Self, RunError> {
        Ok(Self {
            trace: match trace {
                Some(p) => Some((p.clone(), writer(&p, &TRACE_HEADER, true)?)),
                None => None,
            },
            cases: match cases {
                Some(p) => Some((p.clone(), writer(&p, &CASES_HEADER, false)?)),
                None => None,
            },
            error: None,
        })
    }

    /// Run one replication while recording, then flush.
    pub fn run(self, params: &Params, rep: u32) -> Result<ReplicationOutput, RunError> {
        let (out, mut rec) = crate::experiment::replicate_with(params, rep, self)?;
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

    fn keep(&mut self, path: &std::path::Path, r: csv::Result<()>) {
        if let Err(e) = r {
            self.error.get_or_insert(RunError::Io {
                path: path.to_path_buf(),
                source: e.into(),
            });
        }
    }
}

fn day(h: f64) -> String {
    num(h / 24.0)
}

impl<const T: bool, const C: bool> Observer for Recorder<T, C> {
    const TRACE: bool = T;
    const CASES: bool = C;

    fn trace(&mut self, t: f64, event: &'static str, desk: &'static str, case: u64, detail: &str) {
        if let Some((path, w)) = self.trace.as_mut() {
            let case = if case == u64::MAX {
                String::new()
            } else {
                case.to_string()
            };
            let r = w.write_record([num(t).as_str(), &day(t), event, desk, &case, detail]);
            let path = path.clone();
            self.keep(&path, r);
        }
    }

    fn case_done(&mut self, r: &CaseRecord) {
        if let Some((path, w)) = self.cases.as_mut() {
            let first = |phase: u8| {
                r.history
                    .iter()
                    .find(|(_, p)| *p == phase)
                    .map_or(String::new(), |(t, _)| day(*t))
            };
            let changes: Vec<String> = r
                .history
                .iter()
                .map(|(t, p)| format!("{}:{p}", day(*t)))
                .collect();
            let res = w.write_record([
                r.replication.to_string(),
                r.uid.to_string(),
                r.origin.name().to_string(),
                r.index.to_string(),
                r.team.map_or(String::new(), |t| t.to_string()),
                r.domains.to_string(),
                r.complex.to_string(),
                day(r.entered),
                first(3),
                first(4),
                day(r.closed),
                r.outcome.name().to_string(),
                r.escalations.to_string(),
                changes.join(";"),
            ]);
            let path = path.clone();
            self.keep(&path, res);
        }
    }
}
