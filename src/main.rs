//! The `avesim` command line: parse, call the library, print what it returns, and map errors
//! to exit codes (0 ok, 2 bad input, 1 internal error).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use avesim::commands::{self, CommandError};
use avesim::lang::Lang;
use avesim::output::terminal;
use avesim::text::one_line;

/// Print text to stdout; a closed stdout (`avesim check | head`) is not an error.
fn print(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().write_all(text.as_bytes());
}

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
    /// Language of reports, charts and tables: nl or en (default: the system's locale,
    /// LC_ALL, LC_MESSAGES or LANG; nl_* gives Dutch).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("`{s}`: use nl or en"))
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario (the embedded Leeuwarden default without SCENARIO) and write results.
    Run(RunArgs),
    /// Run a grid of parameter values on common random numbers and chart each metric against it.
    Sweep(SweepArgs),
    /// Run several scenarios on common random numbers and give paired differences from the first.
    Compare(CompareArgs),
    /// Rank the study's recommendations for a region against the region as it is.
    Advise(AdviseArgs),
    /// Tell one family's story for a classroom, and with --versus the same family under
    /// another setup (story.html, story.md, timeline.png/svg, story.json).
    Story(StoryArgs),
    /// Play a year at the desks in the browser, two setups side by side on the same families
    /// (animation.html, self-contained).
    Animate(AnimateArgs),
    /// Which assumptions carry a result: Morris screening of every assumption with a plausible
    /// range (sensitivity.csv).
    Sensitivity(SensitivityArgs),
    /// Validate a scenario and print every parameter as it will be used.
    Check {
        /// Scenario file (TOML); the embedded default without it.
        scenario: Option<PathBuf>,
        /// Lay a what-if or recommendation file on the scenario (repeatable).
        #[arg(long = "with", value_name = "FILE")]
        with: Vec<PathBuf>,
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

/// Layers laid on a scenario.
#[derive(Args)]
struct WithArgs {
    /// Lay a what-if or recommendation file on the scenario, e.g.
    /// --with scenarios/recommendations/07-criteria.toml, or a built-in recommendation by
    /// name, e.g. --with criteria (repeatable).
    #[arg(long = "with", value_name = "FILE")]
    with: Vec<PathBuf>,
}

impl CommonArgs {
    fn to_common(&self, lang: Lang) -> commands::Common {
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
            lang,
            alarms: Vec::new(),
            with: Vec::new(),
        }
    }
}

#[derive(Args)]
struct RunArgs {
    /// Scenario file (TOML), or a region of the study by name (breda, groningen, ...).
    scenario: Option<PathBuf>,
    #[command(flatten)]
    layers: WithArgs,
    #[command(flatten)]
    common: CommonArgs,
    /// Also write cases.csv (one row per case, every replication).
    #[arg(long)]
    cases: bool,
    /// Also write trace.csv (every event of replication 0).
    #[arg(long)]
    trace: bool,
    /// Name the first calendar year in which a metric passes a threshold, e.g.
    /// --alarm 'vhh_wait_days_mean>7' (quote it: the shell reads > as a redirect;
    /// default: vhh_hours_utilisation>0.9, vhh_wait_days_mean>7 and wijkteam_wait_days_mean>14).
    #[arg(long = "alarm", value_name = "METRIC>VALUE")]
    alarms: Vec<String>,
}

#[derive(Args)]
struct SweepArgs {
    /// Scenario file (TOML); the embedded default without it.
    scenario: Option<PathBuf>,
    /// A key and its values: key=v1,v2,... or key=from..to:steps (repeat for a grid).
    #[arg(long = "vary", value_name = "KEY=VALUES", required = true)]
    vary: Vec<String>,
    /// Name the first point where a metric passes a threshold, e.g.
    /// --alarm 'vhh_hours_utilisation>0.9' (quote it: the shell reads > as a redirect;
    /// default: vhh_hours_utilisation>0.9, vhh_wait_days_mean>7 and wijkteam_wait_days_mean>14).
    #[arg(long = "alarm", value_name = "METRIC>VALUE")]
    alarms: Vec<String>,
    #[command(flatten)]
    layers: WithArgs,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args)]
struct AdviseArgs {
    /// A region of the study (leeuwarden, breda, groningen, hollands-midden, midden-brabant,
    /// midden-limburg, rotterdam) or a scenario file.
    region: String,
    /// Metrics to rank by, the first orders the table (default:
    /// acute_crises_per_1000,late_upscaling_share,vhh_wait_days_mean,zsm_informed_share).
    #[arg(long, value_name = "METRIC,...")]
    metrics: Vec<String>,
    /// Every recommendation, not only those the study gives for this region.
    #[arg(long)]
    all: bool,
    /// Only this recommendation (its name, e.g. criteria; repeatable).
    #[arg(long, value_name = "NAME")]
    only: Vec<String>,
    /// A folder of recommendation files instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    recommendations: Option<PathBuf>,
    /// At the region's own size (scenarios/own-size/REGION.toml) instead of the shared
    /// population at Leeuwarden's size.
    #[arg(long)]
    own_size: bool,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args)]
struct SensitivityArgs {
    /// Scenario file (TOML), or a region of the study by name; the embedded default without it.
    scenario: Option<PathBuf>,
    /// Morris trajectories (each runs every assumption once more).
    #[arg(long, default_value_t = 10)]
    trajectories: usize,
    /// Levels of the Morris grid (even).
    #[arg(long, default_value_t = 4)]
    levels: u32,
    /// Replications of each one-at-a-time run at the ends of a range (the tornado).
    #[arg(long, default_value_t = 10)]
    tornado_reps: u32,
    #[command(flatten)]
    layers: WithArgs,
    #[command(flatten)]
    common: CommonArgs,
}

/// The scenario and, beside it, another setup (`story`, `animate`).
#[derive(Args)]
struct SetupArgs {
    /// Scenario file (TOML), or a region of the study by name; the embedded default without it.
    scenario: Option<PathBuf>,
    /// Another setup beside it, on the same families: a scenario file or a region's name, e.g.
    /// scenarios/what-if/no-agreed-criteria.toml or scenarios/what-if/overflow-200.toml.
    #[arg(long, value_name = "OTHER.toml")]
    versus: Option<PathBuf>,
    /// Change a key of the other setup only (repeatable); without --versus the other setup
    /// is the scenario with these changes. --set changes the scenario itself.
    #[arg(long = "versus-set", value_name = "KEY=VALUE")]
    versus_sets: Vec<String>,
}

impl SetupArgs {
    fn to_setups(&self) -> commands::Setups {
        commands::Setups {
            scenario: self.scenario.clone(),
            versus: self.versus.clone(),
            versus_sets: self.versus_sets.clone(),
        }
    }
}

#[derive(Args)]
struct StoryArgs {
    #[command(flatten)]
    setups: SetupArgs,
    /// The kind of story: late, stalled, over-the-fence, kept-in-wijk, ave4, complex, vhh-plan,
    /// simmering, zsm-blind, zsm-informed, zsm-referral, overflow, quiet, any
    /// (`--kind list` says how common each is).
    #[arg(long)]
    kind: Option<String>,
    /// A family by number (origin_index in cases.csv), or vhh_direct:N / zsm_referral:N.
    #[arg(long)]
    family: Option<String>,
    /// The replication to take --family from (0-based, as in cases.csv; default 0).
    #[arg(long)]
    replication: Option<u32>,
    /// Pick this many contrasting families for one lesson (one folder each, and index.html).
    #[arg(long, value_name = "N")]
    set_of: Option<u32>,
    #[command(flatten)]
    layers: WithArgs,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args)]
struct AnimateArgs {
    #[command(flatten)]
    setups: SetupArgs,
    /// The calendar year to play (default: the first 365 days after the warm-up).
    #[arg(long)]
    year: Option<i16>,
    /// The replication to play (0-based; default 0).
    #[arg(long)]
    replication: Option<u32>,
    #[command(flatten)]
    layers: WithArgs,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args)]
struct CompareArgs {
    /// Scenario files; the first is the baseline of the paired differences.
    #[arg(required = true, num_args = 2..)]
    scenarios: Vec<PathBuf>,
    /// Draw the assumptions N times from their ranges (Latin hypercube) and say in what share
    /// of draws each scenario beats the first, and which assumption flips it.
    #[arg(long, value_name = "N")]
    uncertain: Option<usize>,
    /// With --uncertain: replications per scenario per draw.
    #[arg(long, default_value_t = 5)]
    draw_reps: u32,
    /// With --uncertain: the share of each range drawn, around the scenario's value (1 = the
    /// whole plausible range; 0 = none, every draw is the scenario itself).
    #[arg(long, default_value_t = 1.0)]
    uncertain_width: f64,
    #[command(flatten)]
    common: CommonArgs,
}

/// Each warning on stderr, one line each.
fn warn(lang: Lang, warnings: &[String]) {
    for w in warnings {
        eprintln!("{}: {}", lang.pick("warning", "waarschuwing"), one_line(w));
    }
}

/// A note on stderr (what was cleaned up from an earlier stopped run).
fn notice(lang: Lang, msg: &str) {
    eprintln!("{}: {}", lang.pick("note", "let op"), one_line(msg));
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    if let Err(e) = avesim::interrupt::install() {
        eprintln!(
            "{}",
            lang.pick(
                format!("note: Ctrl-C will stop avesim at once, without cleaning up ({e})"),
                format!("let op: Ctrl-C stopt avesim meteen, zonder op te ruimen ({e})")
            )
        );
    }
    match std::panic::catch_unwind(|| dispatch(cli, lang)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            let lead = match e {
                CommandError::Input(_) => lang.pick("error: ", "fout: "),
                CommandError::Internal(_) => lang.pick("internal error: ", "interne fout: "),
                CommandError::Interrupted { .. } => "",
            };
            eprintln!("{lead}{}", one_line(&e.in_lang(lang)));
            ExitCode::from(e.exit_code())
        }
        Err(_) => {
            eprintln!(
                "{}",
                lang.pick(
                    "internal error: avesim stopped unexpectedly; please report this with the command you ran",
                    "interne fout: avesim stopte onverwacht; meld dit alstublieft, met het commando dat u gaf"
                )
            );
            ExitCode::from(1)
        }
    }
}

fn dispatch(cli: Cli, lang: Lang) -> Result<(), CommandError> {
    let results = lang.pick("results", "resultaten");
    match cli.command {
        Command::Run(args) => {
            let common = commands::Common {
                alarms: args.alarms.clone(),
                with: args.layers.with.clone(),
                ..args.common.to_common(lang)
            };
            let out = commands::run(args.scenario.as_deref(), &common, args.cases, args.trace)?;
            if !args.common.quiet {
                print(&terminal::run_table(
                    lang,
                    &out.loaded.scenario,
                    &out.loaded.params,
                    &out.results,
                ));
                if !args.common.sets.is_empty() {
                    say!(
                        "{}: {}",
                        lang.pick("changed with --set", "gewijzigd met --set"),
                        args.common.sets.join(", ")
                    );
                }
            }
            if let Some(first) = avesim::model::yearly::years(&out.loaded.params.run).first() {
                print(&terminal::year_alarm_lines(lang, &out.alarms, first.year));
            }
            warn(
                lang,
                &out.warnings
                    .iter()
                    .map(|w| w.text(lang))
                    .collect::<Vec<_>>(),
            );
            say!("{results}: {}", out.path.display());
            if let Some(report) = out.report {
                say!("{}: {}", lang.pick("report", "rapport"), report.display());
            }
        }
        Command::Sweep(args) => {
            let out = commands::run_sweep(
                args.scenario.as_deref(),
                &args.vary,
                &args.alarms,
                &commands::Common {
                    with: args.layers.with.clone(),
                    ..args.common.to_common(lang)
                },
            )?;
            if !args.common.quiet {
                print(&terminal::sweep_table(
                    lang,
                    &out.base.scenario.name,
                    &out.base.params,
                    &out.values(lang),
                    &out.keys(),
                    &out.results,
                ));
            }
            print(&terminal::alarm_lines(
                lang,
                &out.alarms,
                &out.labels(lang),
                &out.results,
            ));
            warn(lang, &out.warnings);
            say!("{results}: {}", out.path.display());
            let report = out.path.join("report.html");
            if report.exists() {
                say!("{}: {}", lang.pick("report", "rapport"), report.display());
            }
        }
        Command::Compare(args) if args.uncertain.is_some() => {
            let request = commands::UncertainRequest {
                draws: args.uncertain.unwrap_or(0),
                width: args.uncertain_width,
                reps: args.draw_reps,
            };
            let out =
                commands::run_uncertain(&args.scenarios, &request, &args.common.to_common(lang))?;
            if !args.common.quiet {
                say!(
                    "{}",
                    lang.pick(
                        format!(
                            "{} assumptions drawn; held as each scenario sets them: {}",
                            out.drawn.len(),
                            if out.held.is_empty() {
                                "none".to_string()
                            } else {
                                out.held.join(", ")
                            }
                        ),
                        format!(
                            "{} aannames getrokken; zoals elk scenario ze zet: {}",
                            out.drawn.len(),
                            if out.held.is_empty() {
                                "geen".to_string()
                            } else {
                                out.held.join(", ")
                            }
                        )
                    )
                );
                for j in out
                    .judged
                    .iter()
                    .filter(|j| avesim::experiment::advise::DEFAULT_METRICS.contains(&j.metric))
                {
                    say!(
                        "{} — {}: {}",
                        j.scenario,
                        j.metric.label(lang),
                        commands::reading_words(lang, j, &out.drawn)
                    );
                }
            }
            say!("{results}: {}", out.path.display());
        }
        Command::Compare(args) => {
            let out = commands::run_compare(&args.scenarios, &args.common.to_common(lang))?;
            if !args.common.quiet {
                print(&terminal::comparison_table(
                    lang,
                    &out.facts,
                    &out.results,
                    &out.differences,
                ));
            }
            warn(lang, &out.warnings);
            say!("{results}: {}", out.path.display());
            let report = out.path.join("report.html");
            if report.exists() {
                say!("{}: {}", lang.pick("report", "rapport"), report.display());
            }
        }
        Command::Advise(args) => {
            let request = commands::AdviseRequest {
                region: args.region.clone(),
                metrics: args.metrics.clone(),
                all: args.all,
                only: args.only.clone(),
                recommendations: args.recommendations.clone(),
                own_size: args.own_size,
            };
            let out = commands::advise(&request, &args.common.to_common(lang))?;
            if !args.common.quiet {
                print(&terminal::advice_table(lang, &out.advice));
            }
            say!("{results}: {}", out.path.display());
            let report = out.path.join("report.html");
            if report.exists() {
                say!("{}: {}", lang.pick("report", "rapport"), report.display());
            }
        }
        Command::Story(args) => {
            let request = commands::StoryRequest {
                setups: args.setups.to_setups(),
                kind: args.kind.clone(),
                family: args.family.clone(),
                replication: args.replication,
                set_of: args.set_of,
            };
            let common = commands::Common {
                with: args.layers.with.clone(),
                ..args.common.to_common(lang)
            };
            match commands::story(&request, &common)? {
                commands::StoryOutcome::Listed(counts) => {
                    print(&avesim::output::story::kinds_listing(lang, &counts));
                }
                commands::StoryOutcome::Written {
                    path,
                    page,
                    told,
                    warnings,
                } => {
                    if !args.common.quiet {
                        for t in &told {
                            say!("{t}");
                        }
                    }
                    warn(lang, &warnings);
                    say!("{results}: {}", path.display());
                    say!("{}: {}", lang.pick("page", "pagina"), page.display());
                }
            }
        }
        Command::Animate(args) => {
            let request = commands::AnimateRequest {
                setups: args.setups.to_setups(),
                year: args.year,
                replication: args.replication,
            };
            let common = commands::Common {
                with: args.layers.with.clone(),
                ..args.common.to_common(lang)
            };
            let out = commands::animate(&request, &common)?;
            if !args.common.quiet {
                say!(
                    "{}",
                    lang.pick(
                        format!(
                            "{} moves of cases, page {:.1} MB",
                            out.steps,
                            out.bytes as f64 / 1e6
                        ),
                        format!(
                            "{} verplaatsingen van casussen, pagina {} MB",
                            out.steps,
                            lang.num(&format!("{:.1}", out.bytes as f64 / 1e6))
                        )
                    )
                );
            }
            say!("{results}: {}", out.path.display());
            say!("{}: {}", lang.pick("page", "pagina"), out.page.display());
        }
        Command::Sensitivity(args) => {
            let request = commands::SensitivityRequest {
                scenario: args.scenario.clone(),
                trajectories: args.trajectories,
                levels: args.levels,
                tornado_reps: args.tornado_reps,
            };
            let common = commands::Common {
                with: args.layers.with.clone(),
                ..args.common.to_common(lang)
            };
            let out = commands::sensitivity(&request, &common)?;
            if !args.common.quiet {
                say!(
                    "{}",
                    lang.pick(
                        format!(
                            "{} points × {} replications; the assumptions that move each headline metric most (mu*: change over the assumption's range; 95% bootstrap interval):",
                            out.points, out.replications
                        ),
                        format!(
                            "{} punten × {} herhalingen; de aannames die elke hoofdmaat het meest bewegen (mu*: verandering over het bereik van de aanname; 95%-bootstrapinterval):",
                            out.points, out.replications
                        )
                    )
                );
                for (m, rows) in out.ranked.iter().take(4) {
                    say!("{}", m.name());
                    for r in rows.iter().take(3) {
                        say!(
                            "  {:<40} {:>10}  ({} – {})",
                            r.factor.key,
                            lang.num(&avesim::format::value(r.measures.mu_star)),
                            lang.num(&avesim::format::value(r.measures.mu_star_low)),
                            lang.num(&avesim::format::value(r.measures.mu_star_high))
                        );
                    }
                }
            }
            say!("{results}: {}", out.path.display());
        }
        Command::Check {
            scenario,
            with,
            sets,
        } => {
            let (loaded, source) =
                commands::load_with(scenario.as_deref(), &with, &sets, Vec::new())?;
            commands::say_notes(&loaded, lang);
            print(&terminal::check_listing(lang, &loaded, &source));
        }
        Command::Bench { quick } => commands::bench(quick, &mut |line| say!("{line}")),
    }
    Ok(())
}
