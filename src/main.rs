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
    /// Measure speed: engine M/M/3 customers/s and the Leeuwarden default's events/s.
    Bench {
        /// Fewer customers and replications, for a quick look.
        #[arg(long)]
        quick: bool,
    },
}

#[derive(Args)]
struct RunArgs {
    /// Scenario file (TOML).
    scenario: Option<PathBuf>,
    /// Output folder (default: output/<scenario name>).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replications (overrides run.replications).
    #[arg(long)]
    reps: Option<u32>,
    /// Master seed (overrides run.seed).
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
    /// Also write cases.csv (one row per case, every replication).
    #[arg(long)]
    cases: bool,
    /// Also write trace.csv (every event of replication 0).
    #[arg(long)]
    trace: bool,
    /// Skip the charts and report.html.
    #[arg(long)]
    no_charts: bool,
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
            let mut extra = Vec::new();
            if let Some(r) = args.reps {
                extra.push(flag_override(
                    "run.replications",
                    toml::Value::Integer(i64::from(r)),
                ));
            }
            if let Some(s) = args.seed {
                let v = i64::try_from(s).map_err(|_| {
                    Failure::Input(format!(
                        "--seed {s} is too large: allowed up to {}",
                        i64::MAX
                    ))
                })?;
                extra.push(flag_override("run.seed", toml::Value::Integer(v)));
            }
            let (loaded, source) = load(args.scenario.as_deref(), &args.sets, extra)?;
            run(&loaded, source, &args)
        }
        Command::Check { scenario, sets } => {
            let (loaded, source) = load(scenario.as_deref(), &sets, Vec::new())?;
            print_check(&loaded.scenario, &source);
            Ok(())
        }
        Command::Bench { quick } => {
            run_bench(quick);
            Ok(())
        }
    }
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
    let dest = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("output").join(&scenario.name));
    let dir = ResultDir::create(&dest, args.force).map_err(|e| match e {
        output::resultdir::ResultDirError::Exists(_) => Failure::Input(e.to_string()),
        other => internal(other),
    })?;
    let opts = RunOptions {
        threads: args.threads.map(|t| t as usize),
        progress: !args.quiet,
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
    let drawn = if args.no_charts {
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
    if !args.quiet {
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

fn print_check(scenario: &Scenario, source: &str) {
    say!("# {source}: valid. Every parameter as it will be used:");
    let value = match toml::Value::try_from(scenario) {
        Ok(v) => v,
        Err(e) => {
            say!("# (cannot list parameters: {e})");
            return;
        }
    };
    for (key, v) in params::leaves(&value) {
        let (unit, src) = params::lookup(&key).map_or(("?", String::from("unregistered")), |p| {
            let note = p.source.note();
            (
                p.unit,
                if note.is_empty() {
                    p.source.kind().to_string()
                } else {
                    format!("{}: {note}", p.source.kind())
                },
            )
        });
        say!("{key} = {v}    # [{unit}] {src}");
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
