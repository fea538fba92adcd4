//! The `avesim` command line: parse, call the library, map errors to exit codes
//! (0 ok, 2 bad input, 1 internal error).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use avesim::experiment::{self, RunOptions, bench};
use avesim::output::files::{RunFacts, join_case_parts};
use avesim::output::{self, ResultDir, charts, report};
use avesim::scenario::{self, Loaded, Override, Params, Scenario, ScenarioError, params};

/// Print a line to stdout; a closed stdout (`avesim check | head`) is not an error.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// Simulate AVE escalation between wijkteams, Veiligheidshuis and ZSM.
#[derive(Parser)]
#[command(name = "avesim", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario (the embedded Leeuwarden default without SCENARIO) and write results.
    Run(RunArgs),
    /// Validate a scenario and print every parameter as it will be used.
    Check {
        /// Scenario file (TOML); the embedded default without it.
        scenario: Option<PathBuf>,
        /// Override a scenario key (repeatable).
        #[arg(long = "set", value_name = "KEY=VALUE")]
        sets: Vec<String>,
    },
    /// Run a grid of parameter values on common random numbers and chart each metric against it.
    Sweep(SweepArgs),
    /// Run several scenarios on common random numbers and give paired differences from the first.
    Compare(CompareArgs),
    /// Measure speed: engine M/M/3 customers/s and the Leeuwarden default's events/s.
    Bench {
        /// Fewer customers and replications, for a quick look.
        #[arg(long)]
        quick: bool,
    },
}

/// Options every simulating command takes.
#[derive(Args)]
struct Common {
    /// Output folder (default: a folder under output/ named after the scenario).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replications (overrides run.replications).
    #[arg(long)]
    reps: Option<u32>,
    /// Master seed, the same for every scenario and point (overrides run.seed).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (0 = all cores; default run.threads); results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=1024))]
    threads: Option<u32>,
    /// Override a scenario key, e.g. --set growth.multiplier=3 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
    /// Replace an existing output folder.
    #[arg(long)]
    force: bool,
    /// No progress bar and no table.
    #[arg(long)]
    quiet: bool,
    /// Skip the charts (and, for run, report.html).
    #[arg(long)]
    no_charts: bool,
}

#[derive(Args)]
struct RunArgs {
    /// Scenario file (TOML).
    scenario: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
    /// Also write cases.csv (one row per case, every replication).
    #[arg(long)]
    cases: bool,
    /// Also write trace.csv (every event of replication 0).
    #[arg(long)]
    trace: bool,
}

#[derive(Args)]
struct SweepArgs {
    /// Scenario file (TOML); the embedded default without it.
    scenario: Option<PathBuf>,
    /// A key and its values: key=v1,v2,... or key=from..to:steps (repeat for a grid).
    #[arg(long = "vary", value_name = "KEY=VALUES", required = true)]
    vary: Vec<String>,
    /// Name the first point where a metric passes a threshold, e.g. vhh_utilisation>0.9
    /// (default: vhh_utilisation>0.9 and vhh_wait_days_mean>7).
    #[arg(long = "alarm", value_name = "METRIC>VALUE")]
    alarms: Vec<String>,
    #[command(flatten)]
    study: Common,
}

#[derive(Args)]
struct CompareArgs {
    /// Scenario files; the first is the baseline of the paired differences.
    #[arg(required = true, num_args = 2..)]
    scenarios: Vec<PathBuf>,
    #[command(flatten)]
    study: Common,
}

enum Failure {
    Input(String),
    Internal(String),
}

impl From<ScenarioError> for Failure {
    fn from(e: ScenarioError) -> Self {
        Failure::Input(e.to_string())
    }
}

fn internal(e: impl std::fmt::Display) -> Failure {
    Failure::Internal(e.to_string())
}

/// Load a scenario file (or the embedded default) with `--set` and flag overrides.
fn load(
    path: Option<&Path>,
    sets: &[String],
    extra: Vec<Override>,
) -> Result<(Loaded, String), Failure> {
    let mut overrides = sets
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    overrides.extend(extra);
    Ok(match path {
        Some(path) => (
            scenario::load_file_traced(path, &overrides)?,
            path.display().to_string(),
        ),
        None => (
            scenario::load_default_traced(&overrides)?,
            scenario::DEFAULT_ORIGIN.to_string(),
        ),
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = std::panic::catch_unwind(|| dispatch(cli));
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(Failure::Input(msg))) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
        Ok(Err(Failure::Internal(msg))) => {
            eprintln!("internal error: {msg}");
            ExitCode::from(1)
        }
        Err(_) => {
            eprintln!(
                "internal error: avesim stopped unexpectedly; please report this with the command you ran"
            );
            ExitCode::from(1)
        }
    }
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run(args) => {
            let extra = flag_overrides(args.common.reps, args.common.seed)?;
            let (loaded, source) = load(args.scenario.as_deref(), &args.common.sets, extra)?;
            run(&loaded, source, &args)
        }
        Command::Check { scenario, sets } => {
            let (loaded, source) = load(scenario.as_deref(), &sets, Vec::new())?;
            print_check(&loaded, &source);
            Ok(())
        }
        Command::Sweep(args) => sweep(&args),
        Command::Compare(args) => compare(&args),
        Command::Bench { quick } => {
            run_bench(quick);
            Ok(())
        }
    }
}

/// `--reps` and `--seed` as overrides.
fn flag_overrides(reps: Option<u32>, seed: Option<u64>) -> Result<Vec<Override>, Failure> {
    let mut extra = Vec::new();
    if let Some(r) = reps {
        extra.push(flag_override(
            "run.replications",
            toml::Value::Integer(i64::from(r)),
        ));
    }
    if let Some(s) = seed {
        let v = i64::try_from(s).map_err(|_| {
            Failure::Input(format!(
                "--seed {s} is too large: allowed up to {}",
                i64::MAX
            ))
        })?;
        extra.push(flag_override("run.seed", toml::Value::Integer(v)));
    }
    Ok(extra)
}

/// Refuse up front a request that would take more than an hour.
fn refuse_if_too_long(params: &[&Params], threads: usize, what: &str) -> Result<(), Failure> {
    let est = experiment::sweep::estimate(params, threads);
    if est.seconds > experiment::sweep::MAX_SECONDS {
        let reps = params.first().map_or(0, |p| p.replications);
        let shrink = (est.seconds / experiment::sweep::MAX_SECONDS).ceil();
        return Err(Failure::Input(format!(
            "this {what} would process about {:.1e} events, roughly {:.0} minutes on {threads} threads: more than an hour. \
             Use fewer points, a shorter run.horizon_days, or fewer replications (e.g. --reps {})",
            est.events,
            est.seconds / 60.0,
            ((f64::from(reps) / shrink).floor() as u32).max(2)
        )));
    }
    Ok(())
}

/// Prepare the result folder: `out`, or `output/<default>`; refuse an existing one unless `force`.
fn result_dir(out: &Option<PathBuf>, default: String, force: bool) -> Result<ResultDir, Failure> {
    let dest = out
        .clone()
        .unwrap_or_else(|| Path::new("output").join(default));
    ResultDir::create(&dest, force).map_err(|e| match e {
        output::resultdir::ResultDirError::Exists(_) => Failure::Input(e.to_string()),
        other => internal(other),
    })
}

/// The facts of a sweep or comparison for run.json.
#[derive(serde::Serialize)]
struct StudyFacts<'a> {
    avesim_version: &'static str,
    kind: &'static str,
    scenarios: Vec<&'a str>,
    varied: Vec<String>,
    seed: u64,
    replications: u32,
    points: usize,
    threads: usize,
    events: u64,
    wall_s: f64,
}

fn sweep(args: &SweepArgs) -> Result<(), Failure> {
    let st = &args.study;
    let axes = args
        .vary
        .iter()
        .map(|v| experiment::sweep::Axis::parse(v))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::Input)?;
    let alarms = if args.alarms.is_empty() {
        experiment::sweep::Alarm::defaults()
    } else {
        args.alarms
            .iter()
            .map(|a| experiment::sweep::Alarm::parse(a))
            .collect::<Result<Vec<_>, _>>()
            .map_err(Failure::Input)?
    };
    let flags = flag_overrides(st.reps, st.seed)?;
    let (base, _) = load(args.scenario.as_deref(), &st.sets, flags.clone())?;
    let grid = experiment::sweep::grid(&axes);
    let mut loaded = Vec::with_capacity(grid.len());
    for p in &grid {
        let mut extra = flags.clone();
        extra.extend(experiment::sweep::point_overrides(&axes, p));
        loaded.push(load(args.scenario.as_deref(), &st.sets, extra)?.0);
    }
    let params: Vec<&Params> = loaded.iter().map(|l| &l.params).collect();
    let opts = RunOptions {
        threads: st.threads.map(|t| t as usize),
        progress: !st.quiet,
        ..Default::default()
    };
    let threads = experiment::thread_count(&base.params, &opts);
    refuse_if_too_long(&params, threads, "sweep")?;
    let dir = result_dir(&st.out, format!("sweep-{}", base.scenario.name), st.force)?;
    let started = Instant::now();
    let points: Vec<(&Scenario, &Params)> =
        loaded.iter().map(|l| (&l.scenario, &l.params)).collect();
    let results = experiment::run_many(&points, &opts, false, "sweep").map_err(internal)?;
    output::study::write_sweep_csv(dir.path(), &axes, &grid, &results).map_err(internal)?;
    output::files::write_resolved(dir.path(), &base.scenario).map_err(internal)?;
    if !st.no_charts {
        charts::write_sweep_charts(
            &dir.path().join("charts"),
            &base.scenario.name,
            &axes,
            &grid,
            &results,
            &alarms,
        )
        .map_err(internal)?;
    }
    let facts = StudyFacts {
        avesim_version: env!("CARGO_PKG_VERSION"),
        kind: "sweep",
        scenarios: vec![base.scenario.name.as_str()],
        varied: args.vary.clone(),
        seed: base.params.seed,
        replications: base.params.replications,
        points: grid.len(),
        threads,
        events: results.iter().map(|r| r.events).sum(),
        wall_s: started.elapsed().as_secs_f64(),
    };
    output::files::write_json(dir.path(), "run.json", &facts).map_err(internal)?;
    let path = dir.commit().map_err(internal)?;
    let label = |k: usize| {
        axes.iter()
            .zip(&grid[k])
            .map(|(a, &i)| format!("{} = {}", a.key, a.labels()[i]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !st.quiet {
        let shown = [
            "vhh_utilisation",
            "vhh_wait_days_mean",
            "late_escalation_share",
            "escalations_phase4_per_1000",
            "wijkteam_wait_days_mean",
        ];
        say!(
            "\nsweep of {} — {} points × {} replications, seed {}",
            base.scenario.name,
            grid.len(),
            base.params.replications,
            base.params.seed
        );
        say!(
            "{:<40} {}",
            "point",
            shown.map(|m| format!("{m:>28}")).join("")
        );
        for (k, r) in results.iter().enumerate() {
            let cells: String = shown
                .iter()
                .map(|m| {
                    r.metric(m).map_or("-".into(), |i| {
                        format!(
                            "{:>28}",
                            format!("{} ({}–{})", sig(i.mean), sig(i.low), sig(i.high))
                        )
                    })
                })
                .collect();
            say!("{:<40} {cells}", label(k));
        }
        say!();
    }
    for alarm in &alarms {
        match alarm.first(&results) {
            Some(k) => {
                let i =
                    results[k]
                        .metric(alarm.metric)
                        .copied()
                        .unwrap_or(avesim::stats::Interval {
                            mean: f64::NAN,
                            low: f64::NAN,
                            high: f64::NAN,
                            n: 0,
                        });
                say!(
                    "alarm {alarm}: first at {} (mean {}, 95% interval {}–{})",
                    label(k),
                    sig(i.mean),
                    sig(i.low),
                    sig(i.high)
                );
            }
            None => {
                let worst = results
                    .iter()
                    .enumerate()
                    .filter_map(|(k, r)| r.metric(alarm.metric).map(|i| (k, i.mean)))
                    .filter(|(_, m)| m.is_finite())
                    .max_by(|a, b| {
                        if alarm.above {
                            a.1.total_cmp(&b.1)
                        } else {
                            b.1.total_cmp(&a.1)
                        }
                    });
                match worst {
                    Some((k, m)) => say!(
                        "alarm {alarm}: not reached (closest {} at {})",
                        sig(m),
                        label(k)
                    ),
                    None => say!("alarm {alarm}: not reached"),
                }
            }
        }
    }
    say!("results: {}", path.display());
    Ok(())
}

fn compare(args: &CompareArgs) -> Result<(), Failure> {
    let st = &args.study;
    let flags = flag_overrides(st.reps, st.seed)?;
    let (first, _) = load(Some(&args.scenarios[0]), &st.sets, flags.clone())?;
    // Every scenario runs with the first one's run control, so replications pair up.
    let p0 = first.params.clone();
    let mut run_control = flags.clone();
    for (key, v) in [
        ("run.seed", i64::try_from(p0.seed).unwrap_or(i64::MAX)),
        ("run.replications", i64::from(p0.replications)),
        ("run.horizon_days", i64::from(p0.horizon_days)),
        ("run.warmup_days", i64::from(p0.warmup_days)),
    ] {
        run_control.push(flag_override(key, toml::Value::Integer(v)));
    }
    let mut loaded = vec![first];
    for path in &args.scenarios[1..] {
        loaded.push(load(Some(path), &st.sets, run_control.clone())?.0);
    }
    let params: Vec<&Params> = loaded.iter().map(|l| &l.params).collect();
    let opts = RunOptions {
        threads: st.threads.map(|t| t as usize),
        progress: !st.quiet,
        ..Default::default()
    };
    let threads = experiment::thread_count(&p0, &opts);
    refuse_if_too_long(&params, threads, "comparison")?;
    let names: Vec<&str> = loaded.iter().map(|l| l.scenario.name.as_str()).collect();
    let default_dir = if names.len() == 2 {
        format!("compare-{}-{}", names[0], names[1])
    } else {
        format!("compare-{}-and-{}-more", names[0], names.len() - 1)
    };
    let dir = result_dir(&st.out, default_dir, st.force)?;
    let started = Instant::now();
    let points: Vec<(&Scenario, &Params)> =
        loaded.iter().map(|l| (&l.scenario, &l.params)).collect();
    let results = experiment::run_many(&points, &opts, false, "compare").map_err(internal)?;
    let diffs = output::study::write_comparison_csv(dir.path(), &results).map_err(internal)?;
    let sets = if st.sets.is_empty() {
        String::new()
    } else {
        format!(
            " Applied to every scenario: `--set {}`.",
            st.sets.join("`, `--set ")
        )
    };
    let facts_line = format!(
        "{} replications × {} days (warm-up {}), seed {}, the same random streams for every scenario (common random numbers); run control of {} applies to all.{sets}",
        p0.replications, p0.horizon_days, p0.warmup_days, p0.seed, names[0]
    );
    output::study::write_comparison_md(dir.path(), &results, &diffs, &facts_line)
        .map_err(internal)?;
    if !st.no_charts {
        charts::write_compare_charts(&dir.path().join("charts"), &results).map_err(internal)?;
    }
    let facts = StudyFacts {
        avesim_version: env!("CARGO_PKG_VERSION"),
        kind: "compare",
        scenarios: names.clone(),
        varied: st.sets.clone(),
        seed: p0.seed,
        replications: p0.replications,
        points: loaded.len(),
        threads,
        events: results.iter().map(|r| r.events).sum(),
        wall_s: started.elapsed().as_secs_f64(),
    };
    output::files::write_json(dir.path(), "run.json", &facts).map_err(internal)?;
    let path = dir.commit().map_err(internal)?;
    if !st.quiet {
        let shown = [
            "escalations_phase4_per_1000",
            "late_escalation_share",
            "vhh_utilisation",
            "vhh_wait_days_mean",
            "zsm_informed_share",
        ];
        say!("\ncomparison — {facts_line}");
        say!(
            "{:<34} {}",
            "scenario",
            shown.map(|m| format!("{m:>29}")).join("")
        );
        for (k, r) in results.iter().enumerate() {
            let cells: String = shown
                .iter()
                .map(|m| {
                    let i = r.metric(m).copied();
                    let d = (k > 0)
                        .then(|| diffs[k - 1].iter().find(|d| d.metric == *m))
                        .flatten();
                    let mark = if d.is_some_and(|d| d.excludes_zero()) {
                        "*"
                    } else {
                        " "
                    };
                    i.map_or("-".into(), |i| {
                        format!(
                            "{:>28}{mark}",
                            format!("{} ({}–{})", sig(i.mean), sig(i.low), sig(i.high))
                        )
                    })
                })
                .collect();
            say!("{:<34} {cells}", r.name);
        }
        say!(
            "* paired difference from {} excludes zero. Every metric: comparison.md",
            names[0]
        );
    }
    say!("results: {}", path.display());
    Ok(())
}

fn flag_override(key: &str, value: toml::Value) -> Override {
    Override {
        key: key.into(),
        raw: format!("{key}={value}"),
        value,
    }
}

fn run(loaded: &Loaded, source: String, args: &RunArgs) -> Result<(), Failure> {
    let (scenario, params) = (&loaded.scenario, &loaded.params);
    let dir = result_dir(&args.common.out, scenario.name.clone(), args.common.force)?;
    let opts = RunOptions {
        threads: args.common.threads.map(|t| t as usize),
        progress: !args.common.quiet,
        cases_dir: args.cases.then(|| dir.path().to_path_buf()),
        trace_path: args.trace.then(|| dir.path().join("trace.csv")),
    };
    let started = Instant::now();
    let results = experiment::run(scenario, params, &opts).map_err(internal)?;
    let facts = RunFacts {
        avesim_version: env!("CARGO_PKG_VERSION"),
        scenario: scenario.name.clone(),
        source,
        seed: params.seed,
        replications: params.replications,
        threads: results.threads,
        horizon_days: params.horizon_days,
        warmup_days: params.warmup_days,
        events: results.events,
        wall_s: started.elapsed().as_secs_f64(),
    };
    output::write_results(dir.path(), scenario, &results, &facts).map_err(internal)?;
    if args.cases {
        join_case_parts(dir.path(), params.replications).map_err(internal)?;
    }
    let drawn = if args.common.no_charts {
        None
    } else {
        let drawn =
            charts::write_charts(&dir.path().join("charts"), &scenario.name, params, &results)
                .map_err(internal)?;
        report::write_report(
            dir.path(),
            scenario,
            params,
            &results,
            &facts,
            &drawn,
            &loaded.provenance,
        )
        .map_err(|e| internal(format!("writing report.html: {e}")))?;
        Some(drawn)
    };
    let path = dir.commit().map_err(internal)?;
    if !args.common.quiet {
        print_table(scenario, params, &results);
    }
    say!("results: {}", path.display());
    if drawn.is_some() {
        say!("report: {}", path.join("report.html").display());
    }
    Ok(())
}

/// Three significant digits, without scientific notation for everyday magnitudes.
fn sig(v: f64) -> String {
    if v.is_nan() {
        return "-".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let digits = (2 - v.abs().log10().floor() as i32).clamp(0, 6) as usize;
    format!("{v:.digits$}")
}

fn print_table(scenario: &Scenario, params: &Params, results: &experiment::RunResults) {
    say!(
        "\n{} — {} replications × {} days (warm-up {}), seed {}, {} threads, {:.1} s",
        scenario.name,
        params.replications,
        params.horizon_days,
        params.warmup_days,
        params.seed,
        results.threads,
        results.wall.as_secs_f64()
    );
    say!(
        "{:<38} {:>10}   {:<23} unit",
        "metric",
        "mean",
        "95% interval"
    );
    for row in &results.summary {
        let i = &row.interval;
        let ci = if i.low.is_nan() {
            "-".to_string()
        } else {
            format!("{} .. {}", sig(i.low), sig(i.high))
        };
        say!(
            "{:<38} {:>10}   {:<23} {}",
            row.metric,
            sig(i.mean),
            ci,
            row.unit
        );
    }
    say!();
}

fn print_check(loaded: &Loaded, source: &str) {
    say!("# {source}: valid. Every parameter as it will be used, with [unit] and source:");
    let value = match toml::Value::try_from(&loaded.scenario) {
        Ok(v) => v,
        Err(e) => {
            say!("# (cannot list parameters: {e})");
            return;
        }
    };
    for (key, v) in params::leaves(&value) {
        let d = params::describe(&key, &loaded.provenance);
        let note = if d.note.is_empty() {
            String::new()
        } else {
            format!(": {}", d.note)
        };
        say!(
            "{key} = {v}    # [{}] {}{note} ({})",
            d.unit,
            d.tag,
            d.set_in
        );
    }
}

fn run_bench(quick: bool) {
    let customers: u64 = if quick { 200_000 } else { 1_000_000 };
    // Median of three seeds, as the peers in TOOLING.md were measured.
    let mut runs: Vec<bench::MmcResult> = (0..3)
        .map(|s| bench::mmc(2.7, 1.0, 3, customers, 1 + s))
        .collect();
    runs.sort_by(|a, b| a.wall_s.total_cmp(&b.wall_s));
    let r = runs[1];
    say!(
        "mm3 customers={} wall_s={:.4} customers_per_s={:.0} mean_wait={:.4} erlang_c={:.4}",
        r.customers,
        r.wall_s,
        r.customers as f64 / r.wall_s,
        r.mean_wait,
        bench::erlang_c_wait(2.7, 1.0, 3)
    );
    // The same queue through the whole model: ZSM only, 24/7, exponential desk time.
    let days = (customers as f64 / 64.8).ceil() as u32;
    let zsm_only = [
        "arrivals.social.per_day=0".to_string(),
        "arrivals.vhh_direct.per_day=0".into(),
        "arrivals.zsm_unknown.per_day=64.8".into(),
        "zsm.desks=3".into(),
        "zsm.service_hours={dist=\"exponential\",mean=1.0}".into(),
        "zsm.unknown_complex_prob=0".into(),
        "zsm.hours.open=\"00:00\"".into(),
        "zsm.hours.close=\"24:00\"".into(),
        "run.replications=1".into(),
        format!("run.horizon_days={days}"),
        "run.warmup_days=0".into(),
    ];
    let overrides: Vec<Override> = zsm_only
        .iter()
        .filter_map(|s| Override::parse(s).ok())
        .collect();
    if let Ok((_, params)) = scenario::load_default(&overrides) {
        let start = Instant::now();
        let (out, _) = avesim::model::run_replication(&params, 0, avesim::model::Quiet);
        let wall = start.elapsed().as_secs_f64();
        let served = out.daily[avesim::model::metrics::Daily::ZsmDecisions as usize]
            .iter()
            .map(|&v| f64::from(v))
            .sum::<f64>();
        say!(
            "mm3_model customers={served:.0} events={} wall_s={wall:.4} customers_per_s={:.0}",
            out.diagnostics.events,
            served / wall
        );
    }
    let (reps, years) = if quick { (6, 2) } else { (30, 10) };
    let sets = [
        format!("run.replications={reps}"),
        format!("run.horizon_days={}", 365 * years),
    ];
    let overrides: Vec<Override> = sets
        .iter()
        .filter_map(|s| Override::parse(s).ok())
        .collect();
    let (scenario, params) = match scenario::load_default(&overrides) {
        Ok(x) => x,
        Err(e) => {
            say!("leeuwarden error={e}");
            return;
        }
    };
    let start = Instant::now();
    match experiment::run(&scenario, &params, &RunOptions::default()) {
        Ok(res) => {
            let wall = start.elapsed().as_secs_f64();
            say!(
                "leeuwarden replications={reps} years={years} threads={} events={} wall_s={wall:.3} events_per_s={:.0} peak_rss_mb={}",
                res.threads,
                res.events,
                res.events as f64 / wall,
                bench::peak_rss_mb().map_or("unknown".into(), |m| format!("{m:.1}"))
            );
            // Rendering every chart (PNG and SVG) of that run.
            let dir = std::env::temp_dir().join(format!("avesim-bench-{}", std::process::id()));
            let start = Instant::now();
            match charts::write_charts(&dir, &scenario.name, &params, &res) {
                Ok(drawn) => say!(
                    "charts files={} wall_s={:.3}",
                    2 * drawn.len(),
                    start.elapsed().as_secs_f64()
                ),
                Err(e) => say!("charts error={e}"),
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
        Err(e) => say!("leeuwarden error={e}"),
    }
}
