//! The `avesim` command line: parse, call the library, print what it returns, and map errors
//! to exit codes (0 ok, 2 bad input, 1 internal error).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use avesim::commands::{self, AlarmFinding, CommandError};
use avesim::experiment::{self, RunOptions, bench};
use avesim::format::terminal as sig;
use avesim::output::charts;
use avesim::scenario::{self, Loaded, Override, Params, Scenario, register as params};
use avesim::text::one_line;

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
    /// Run a grid of parameter values on common random numbers and chart each metric against it.
    Sweep(SweepArgs),
    /// Run several scenarios on common random numbers and give paired differences from the first.
    Compare(CompareArgs),
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

/// Options every simulating command takes.
#[derive(Args)]
struct CommonArgs {
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
    /// Run even if the estimate says it takes more than an hour.
    #[arg(long)]
    allow_long: bool,
}

impl CommonArgs {
    fn to_common(&self) -> commands::Common {
        commands::Common {
            out: self.out.clone(),
            reps: self.reps,
            seed: self.seed,
            threads: self.threads,
            sets: self.sets.clone(),
            force: self.force,
            progress: !self.quiet,
            charts: !self.no_charts,
            allow_long: self.allow_long,
            notice: Some(notice),
        }
    }
}

#[derive(Args)]
struct RunArgs {
    /// Scenario file (TOML).
    scenario: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
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
    common: CommonArgs,
}

#[derive(Args)]
struct CompareArgs {
    /// Scenario files; the first is the baseline of the paired differences.
    #[arg(required = true, num_args = 2..)]
    scenarios: Vec<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

/// A note on stderr (what was cleaned up from an earlier stopped run).
fn notice(msg: &str) {
    eprintln!("note: {}", one_line(msg));
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = avesim::interrupt::install() {
        eprintln!("note: Ctrl-C will stop avesim at once, without cleaning up ({e})");
    }
    match std::panic::catch_unwind(|| dispatch(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            let lead = match e {
                CommandError::Input(_) => "error: ",
                CommandError::Internal(_) => "internal error: ",
                CommandError::Interrupted { .. } => "",
            };
            eprintln!("{lead}{}", one_line(&e.to_string()));
            ExitCode::from(e.exit_code())
        }
        Err(_) => {
            eprintln!(
                "internal error: avesim stopped unexpectedly; please report this with the command you ran"
            );
            ExitCode::from(1)
        }
    }
}

fn dispatch(cli: Cli) -> Result<(), CommandError> {
    match cli.command {
        Command::Run(args) => {
            let out = commands::run(
                args.scenario.as_deref(),
                &args.common.to_common(),
                args.cases,
                args.trace,
            )?;
            if !args.common.quiet {
                print_table(&out.loaded.scenario, &out.loaded.params, &out.results);
            }
            say!("results: {}", out.path.display());
            if let Some(report) = out.report {
                say!("report: {}", report.display());
            }
        }
        Command::Sweep(args) => {
            let out = commands::run_sweep(
                args.scenario.as_deref(),
                &args.vary,
                &args.alarms,
                &args.common.to_common(),
            )?;
            if !args.common.quiet {
                print_sweep(&out);
            }
            print_alarms(&out);
            say!("results: {}", out.path.display());
        }
        Command::Compare(args) => {
            let out = commands::run_compare(&args.scenarios, &args.common.to_common())?;
            if !args.common.quiet {
                print_comparison(&out);
            }
            say!("results: {}", out.path.display());
        }
        Command::Check { scenario, sets } => {
            let (loaded, source) = commands::load(scenario.as_deref(), &sets, Vec::new())?;
            print_check(&loaded, &source);
        }
        Command::Bench { quick } => run_bench(quick),
    }
    Ok(())
}

/// "mean (low–high)" with three significant digits.
fn cell(i: &avesim::stats::Interval) -> String {
    format!("{} ({}–{})", sig(i.mean), sig(i.low), sig(i.high))
}

fn print_sweep(out: &commands::SweepOutcome) {
    let shown = [
        "vhh_utilisation",
        "vhh_wait_days_mean",
        "late_escalation_share",
        "escalations_phase4_per_1000",
        "wijkteam_wait_days_mean",
    ];
    let p = &out.base.params;
    say!(
        "\nsweep of {} — {} points × {} replications, seed {}",
        out.base.scenario.name,
        out.grid.len(),
        p.run.replications,
        p.run.seed
    );
    say!(
        "{:<40}{}",
        "point",
        shown.map(|m| format!("{m:>30}")).join("")
    );
    for (k, r) in out.results.iter().enumerate() {
        let cells: String = shown
            .iter()
            .map(|m| {
                r.metric(m)
                    .map_or(format!("{:>30}", "-"), |i| format!("{:>30}", cell(i)))
            })
            .collect();
        say!("{:<40}{cells}", out.label(k));
    }
    say!();
}

fn print_alarms(out: &commands::SweepOutcome) {
    for (alarm, finding) in &out.alarms {
        match finding {
            AlarmFinding::First(k) => {
                let i = out.results[*k].metric(alarm.metric);
                say!(
                    "alarm {alarm}: first at {} (mean {}, 95% interval {}–{})",
                    out.label(*k),
                    i.map_or("-".into(), |i| sig(i.mean)),
                    i.map_or("-".into(), |i| sig(i.low)),
                    i.map_or("-".into(), |i| sig(i.high))
                );
            }
            AlarmFinding::NotReached(Some((k, m))) => {
                say!(
                    "alarm {alarm}: not reached (closest {} at {})",
                    sig(*m),
                    out.label(*k)
                )
            }
            AlarmFinding::NotReached(None) => say!("alarm {alarm}: not reached"),
        }
    }
}

fn print_comparison(out: &commands::CompareOutcome) {
    let shown = [
        "escalations_phase4_per_1000",
        "late_escalation_share",
        "vhh_utilisation",
        "vhh_wait_days_mean",
        "zsm_informed_share",
    ];
    say!("\ncomparison — {}", out.facts);
    say!(
        "{:<34}{}",
        "scenario",
        shown.map(|m| format!("{m:>31}")).join("")
    );
    for (k, r) in out.results.iter().enumerate() {
        let cells: String = shown
            .iter()
            .map(|m| {
                let d = (k > 0)
                    .then(|| out.differences[k - 1].iter().find(|d| d.metric == *m))
                    .flatten();
                let mark = if d.is_some_and(|d| d.excludes_zero()) {
                    "*"
                } else {
                    " "
                };
                r.metric(m)
                    .map_or(format!("{:>31}", "-"), |i| format!("{:>30}{mark}", cell(i)))
            })
            .collect();
        say!("{:<34}{cells}", r.name);
    }
    let first = out.results.first().map_or("", |r| r.name.as_str());
    say!("* paired difference from {first} excludes zero. Every metric: comparison.md");
}

fn print_table(scenario: &Scenario, params: &Params, results: &experiment::RunResults) {
    say!(
        "\n{} — {} replications × {} days (warm-up {}), seed {}, {} threads, {:.1} s",
        scenario.name,
        params.run.replications,
        params.run.horizon_days,
        params.run.warmup_days,
        params.run.seed,
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
    // Loading is linear in the file's size: 50,000 unknown keys get their answer at once.
    let mut many = String::from("name = \"many\"\n[run]\n");
    for i in 0..50_000 {
        many.push_str(&format!("k{i} = {i} # note\n"));
    }
    let start = Instant::now();
    let refused = scenario::load_str(&many, "many.toml", None, &[]).is_err();
    say!(
        "load_50000_keys bytes={} wall_s={:.4} refused={refused}",
        many.len(),
        start.elapsed().as_secs_f64()
    );
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
