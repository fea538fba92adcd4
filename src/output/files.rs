//! The CSV and text files of a run; `docs/outputs.md` documents every column.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::experiment::RunResults;
use crate::model::metrics::METRICS;
use crate::scenario::Scenario;
use crate::stats::Interval;

use super::recorder::CASES_HEADER;
use crate::format::csv as num;

/// Facts about the run that go into `run.json`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RunFacts {
    /// avesim version.
    pub avesim_version: &'static str,
    /// Scenario name.
    pub scenario: String,
    /// Where the scenario came from (a file, or "embedded default").
    pub source: String,
    /// Master seed.
    pub seed: u64,
    /// Replications.
    pub replications: u32,
    /// Worker threads used.
    pub threads: usize,
    /// Horizon.
    pub horizon_days: u32,
    /// Warm-up.
    pub warmup_days: u32,
    /// Events processed over all replications.
    pub events: u64,
    /// Wall time of the simulation (seconds).
    pub wall_s: f64,
    /// The `--set` arguments the scenario was changed with, as given.
    pub changes: Vec<String>,
    /// What a reader must know before trusting the headline numbers.
    pub warnings: Vec<WarningNote>,
    /// Each alarm and the first calendar year it fires in.
    pub alarms: Vec<AlarmNote>,
}

/// A warning as `run.json` holds it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WarningNote {
    /// A stable name: `queue_growing`, `changing_system`, `few_replications`, `sparse_metric`.
    pub kind: &'static str,
    /// The warning in English.
    pub text: String,
}

impl WarningNote {
    /// The notes of a run's warnings.
    pub fn of(warnings: &[crate::experiment::warnings::Warning]) -> Vec<WarningNote> {
        warnings
            .iter()
            .map(|w| WarningNote {
                kind: w.kind(),
                text: w.text(crate::lang::Lang::En),
            })
            .collect()
    }
}

/// An alarm of a run as `run.json` holds it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AlarmNote {
    /// `metric > value`.
    pub alarm: String,
    /// The first calendar year whose mean passes it (none: no year does).
    pub first_year: Option<i16>,
    /// Whether the metric is counted year by year (in `yearly.csv`).
    pub per_year: bool,
    /// For a metric not counted year by year: whether its mean over the whole measured period
    /// passes the threshold.
    pub fires_over_period: Option<bool>,
}

impl AlarmNote {
    /// The notes of a run's alarms.
    pub fn of(
        alarms: &[(
            crate::experiment::alarm::Alarm,
            crate::experiment::alarm::YearFinding,
        )],
    ) -> Vec<AlarmNote> {
        use crate::experiment::alarm::YearFinding;
        alarms
            .iter()
            .map(|(a, f)| AlarmNote {
                alarm: a.to_string(),
                first_year: match f {
                    YearFinding::First(y) => Some(*y),
                    _ => None,
                },
                per_year: !matches!(f, YearFinding::NotPerYear { .. }),
                fires_over_period: match f {
                    YearFinding::NotPerYear { fires, .. } => Some(*fires),
                    _ => None,
                },
            })
            .collect()
    }
}

/// A file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("writing {path}: {source}")]
pub struct WriteError {
    /// File.
    pub path: PathBuf,
    /// Cause.
    pub source: std::io::Error,
}

fn werr(path: &Path) -> impl Fn(std::io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.to_path_buf(),
        source,
    }
}

fn csv_writer(path: &Path) -> Result<csv::Writer<BufWriter<File>>, WriteError> {
    let f = File::create(path).map_err(werr(path))?;
    Ok(csv::Writer::from_writer(BufWriter::new(f)))
}

/// Write a CSV file: a header and rows.
pub(crate) fn rows<H, I, R>(path: &Path, header: H, rows: I) -> Result<(), WriteError>
where
    H: IntoIterator,
    H::Item: AsRef<[u8]>,
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut w = csv_writer(path)?;
    let e = |e: csv::Error| WriteError {
        path: path.to_path_buf(),
        source: e.into(),
    };
    w.write_record(header).map_err(e)?;
    for r in rows {
        w.write_record(r).map_err(e)?;
    }
    w.flush().map_err(werr(path))
}

/// Mean and interval bounds as CSV fields.
pub(crate) fn iv(i: &Interval) -> [String; 3] {
    [num(i.mean), num(i.low), num(i.high)]
}

/// Columns of a summary row (after any leading key columns).
pub(crate) const SUMMARY_COLUMNS: [&str; 6] = [
    "metric",
    "unit",
    "mean",
    "ci95_low",
    "ci95_high",
    "replications",
];

/// Write every result file of a run into `dir`.
pub fn write_results(
    dir: &Path,
    scenario: &Scenario,
    params: &crate::scenario::Params,
    results: &RunResults,
    facts: &RunFacts,
    provenance: &crate::scenario::Provenance,
) -> Result<(), WriteError> {
    rows(
        &dir.join("summary.csv"),
        SUMMARY_COLUMNS,
        results.summary.iter().map(|r| {
            let [m, l, h] = iv(&r.interval);
            [
                r.metric.name().to_string(),
                r.unit.to_string(),
                m,
                l,
                h,
                r.interval.n.to_string(),
            ]
        }),
    )?;
    rows(
        &dir.join("replications.csv"),
        &["replication", "metric", "value"],
        results
            .replications
            .iter()
            .enumerate()
            .flat_map(|(rep, values)| {
                METRICS
                    .iter()
                    .zip(values)
                    .map(move |(m, v)| [rep.to_string(), m.name.to_string(), num(*v)])
            }),
    )?;
    let names: Vec<String> = results.series.iter().map(|s| s.name()).collect();
    write_timeseries(&dir.join("timeseries.csv"), params, results, &names)?;
    rows(
        &dir.join("hourly.csv"),
        &["hour", "series", "mean", "ci95_low", "ci95_high"],
        results.zsm_queue_by_hour.iter().enumerate().map(|(h, i)| {
            let [m, l, hi] = iv(i);
            [h.to_string(), "zsm_waiting".to_string(), m, l, hi]
        }),
    )?;
    let years = crate::model::yearly::years(&params.run);
    let years = &years;
    rows(
        &dir.join("yearly.csv"),
        &[
            "year",
            "first_date",
            "last_date",
            "days",
            "measure",
            "unit",
            "mean",
            "ci95_low",
            "ci95_high",
            "replications",
        ],
        years.iter().zip(&results.yearly).flat_map(|(y, row)| {
            let first = params.run.date_of_day(i64::from(y.first_day)).to_string();
            let last = params.run.date_of_day(i64::from(y.last_day)).to_string();
            let days = (y.last_day - y.first_day + 1).to_string();
            crate::model::yearly::COLUMNS
                .iter()
                .zip(row)
                .map(move |(c, i)| {
                    let [m, l, h] = iv(i);
                    [
                        y.year.to_string(),
                        first.clone(),
                        last.clone(),
                        days.clone(),
                        c.name.to_string(),
                        c.unit.to_string(),
                        m,
                        l,
                        h,
                        i.n.to_string(),
                    ]
                })
        }),
    )?;
    rows(
        &dir.join("distributions.csv"),
        &[
            "series",
            "bin_low_days",
            "bin_high_days",
            "mean_count",
            "ci95_low",
            "ci95_high",
        ],
        [
            ("time_to_ave3_complex", &results.time_to_ave3),
            ("time_to_late_incident", &results.time_to_late),
        ]
        .into_iter()
        .flat_map(|(name, binned)| {
            let w = binned.width_days;
            binned.bins.iter().enumerate().map(move |(b, i)| {
                let [m, l, h] = iv(i);
                [
                    name.to_string(),
                    num(b as f64 * w),
                    num((b + 1) as f64 * w),
                    m,
                    l,
                    h,
                ]
            })
        }),
    )?;
    write_resolved(dir, scenario, provenance)?;
    write_json(dir, "run.json", facts)
}

/// `timeseries.csv`, the largest file of a run (a row per day and series): its fields are
/// written into buffers reused row after row.
fn write_timeseries(
    path: &Path,
    params: &crate::scenario::Params,
    results: &RunResults,
    names: &[String],
) -> Result<(), WriteError> {
    use std::fmt::Write as _;
    let mut w = csv_writer(path)?;
    let e = |e: csv::Error| WriteError {
        path: path.to_path_buf(),
        source: e.into(),
    };
    w.write_record(["day", "date", "series", "mean", "ci95_low", "ci95_high"])
        .map_err(e)?;
    let days = results.daily.first().map_or(0, Vec::len);
    let mut f: [String; 6] = Default::default();
    for d in 0..days {
        f[0].clear();
        let _ = write!(f[0], "{d}");
        f[1].clear();
        let _ = write!(f[1], "{}", params.run.date_of_day(d as i64));
        for (name, s) in names.iter().zip(&results.daily) {
            let i = &s[d];
            f[2].clear();
            f[2].push_str(name);
            crate::format::csv_into(&mut f[3], i.mean);
            crate::format::csv_into(&mut f[4], i.low);
            crate::format::csv_into(&mut f[5], i.high);
            w.write_record(&f).map_err(e)?;
        }
    }
    w.flush().map_err(werr(path))
}

/// Write `scenario.resolved.toml`: every parameter as used.
pub fn write_resolved(
    dir: &Path,
    scenario: &Scenario,
    provenance: &crate::scenario::Provenance,
) -> Result<(), WriteError> {
    let resolved = dir.join("scenario.resolved.toml");
    let body = toml::to_string(&scenario.resolved()).map_err(|e| WriteError {
        path: resolved.clone(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let body = annotate(&body, provenance);
    let text = format!(
        "# Every parameter of scenario `{}` as avesim {} used it, each with [evidence] and unit\n# (A a number in the study, B a direction in the study, C an assumption, P a public source;\n# `avesim check` gives the quotes and reasons). `avesim run` on this file reproduces the\n# results byte for byte.\n\n{body}",
        scenario.name,
        env!("CARGO_PKG_VERSION")
    );
    std::fs::write(&resolved, text).map_err(werr(&resolved))
}

/// Add `# [unit] [evidence]` to every one-line `key = value` of a TOML text.
fn annotate(body: &str, provenance: &crate::scenario::Provenance) -> String {
    let mut table = String::new();
    let mut out = String::with_capacity(body.len() * 2);
    for line in body.lines() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix("[[").and_then(|x| x.strip_suffix("]]")) {
            table = name.to_string();
            out.push_str(line);
        } else if let Some(name) = t.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            table = name.to_string();
            out.push_str(line);
        } else if let Some((key, _)) = t.split_once(" = ").filter(|_| !t.starts_with('#')) {
            let full = if table.is_empty() {
                key.to_string()
            } else {
                format!("{table}.{key}")
            };
            out.push_str(line);
            // Parameters only: not the fields of a `[[change]]` or of a distribution.
            if table != "change" {
                let d =
                    crate::scenario::register::describe(&full, provenance, crate::lang::Lang::En);
                if !d.unit.is_empty() {
                    out.push_str(&format!("    # [{}] {}", d.tag, d.unit));
                }
            }
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Write a value as pretty JSON (`run.json`).
pub fn write_json<T: serde::Serialize>(
    dir: &Path,
    name: &str,
    value: &T,
) -> Result<(), WriteError> {
    let path = dir.join(name);
    let json = serde_json::to_string_pretty(value).map_err(|e| WriteError {
        path: path.clone(),
        source: e.into(),
    })?;
    std::fs::write(&path, json + "\n").map_err(werr(&path))
}

/// Join the per-replication case logs in `dir` into `cases.csv`, in replication order.
pub fn join_case_parts(dir: &Path, replications: u32) -> Result<(), WriteError> {
    let out_path = dir.join("cases.csv");
    let mut out = BufWriter::new(File::create(&out_path).map_err(werr(&out_path))?);
    writeln!(out, "{}", CASES_HEADER.join(",")).map_err(werr(&out_path))?;
    for rep in 0..replications {
        let part = dir.join(format!("cases-{rep:06}.part"));
        let mut f = File::open(&part).map_err(werr(&part))?;
        std::io::copy(&mut f, &mut out).map_err(werr(&out_path))?;
        std::fs::remove_file(&part).map_err(werr(&part))?;
    }
    out.flush().map_err(werr(&out_path))
}
