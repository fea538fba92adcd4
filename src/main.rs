//! The `avesim` command line: parse, call the library, print what it returns, and map errors
//! to exit codes (0 ok, 2 bad input, 1 internal error).

use std::process::ExitCode;

use clap::Parser;

use avesim::commands::{self, CommandError};
use avesim::lang::Lang;
use avesim::output::terminal;
use avesim::text::one_line;

mod cli;
use cli::{Cli, Command};

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
    // `merge` speaks the language the shards were run in, unless told otherwise.
    let shards_lang = match &cli.command {
        Command::Merge(args) if cli.lang.is_none() => commands::shard_lang(&args.dirs),
        _ => None,
    };
    let lang = cli.lang.or(shards_lang).unwrap_or_else(Lang::from_env);
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
        Ok(Err(e @ CommandError::ShardWritten { .. })) => {
            say!("{}", e.in_lang(lang));
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            let lead = match e {
                CommandError::Input(_) => lang.pick("error: ", "fout: "),
                CommandError::Internal(_) => lang.pick("internal error: ", "interne fout: "),
                CommandError::Interrupted { .. } | CommandError::ShardWritten { .. } => "",
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
                    split: args.shard.split(lang)?,
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
            let out = commands::run_uncertain(
                &args.scenarios,
                &request,
                &commands::Common {
                    split: args.shard.split(lang)?,
                    ..args.common.to_common(lang)
                },
            )?;
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
                            "{} aannames getrokken; vastgehouden zoals elk scenario ze zet: {}",
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
            say!(
                "{}: {}",
                lang.pick("report", "rapport"),
                out.path.join("report.html").display()
            );
        }
        Command::Compare(args) => {
            let out = commands::run_compare(
                &args.scenarios,
                &commands::Common {
                    split: args.shard.split(lang)?,
                    ..args.common.to_common(lang)
                },
            )?;
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
                uncertain: args.uncertain,
                draw_reps: args.draw_reps,
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
                            lang.num(&out.steps.to_string()),
                            lang.num(&format!("{:.1}", out.bytes as f64 / 1e6))
                        )
                    )
                );
            }
            say!("{results}: {}", out.path.display());
            say!("{}: {}", lang.pick("page", "pagina"), out.page.display());
        }
        Command::Merge(args) => {
            let merged = std::sync::Arc::new(commands::read_shards(&args.dirs)?);
            let mut argv = vec!["avesim".to_string()];
            argv.extend(merged.command.iter().cloned());
            if let Some(out) = &args.out {
                argv.extend(["--out".to_string(), out.display().to_string()]);
            }
            for (wanted, flag) in [(args.force, "--force"), (args.quiet, "--quiet")] {
                if wanted && !argv.iter().any(|a| a == flag) {
                    argv.push(flag.to_string());
                }
            }
            let mut again = Cli::try_parse_from(&argv).map_err(|e| {
                let why = one_line(&e.to_string());
                CommandError::Input(avesim::both!(
                    "the shards' command no longer reads: {why}",
                    "de opdracht van de shards is niet meer te lezen: {why}"
                ))
            })?;
            let shard = match &mut again.command {
                Command::Sweep(a) => &mut a.shard,
                Command::Compare(a) => &mut a.shard,
                Command::Sensitivity(a) => &mut a.shard,
                _ => {
                    return Err(CommandError::Input(avesim::both!(
                        "the shards come from a command that cannot be split",
                        "de shards komen van een opdracht die niet te splitsen is"
                    )));
                }
            };
            shard.merged = Some(merged);
            let lang = again.lang.unwrap_or(lang);
            return dispatch(again, lang);
        }
        Command::Sensitivity(args) => {
            let request = commands::SensitivityRequest {
                scenario: args.scenario.clone(),
                trajectories: args.trajectories,
                levels: args.levels,
                tornado_reps: args.tornado_reps,
                versus: args.versus.clone(),
            };
            let common = commands::Common {
                with: args.layers.with.clone(),
                split: args.shard.split(lang)?,
                ..args.common.to_common(lang)
            };
            let out = commands::sensitivity(&request, &common)?;
            if let (Some(c), false) = (&out.compared, args.common.quiet) {
                say!(
                    "{}",
                    lang.pick(
                        format!("Screened: the paired difference {c} (what the two set differently is held)."),
                        format!("Verkend: het gepaarde verschil {c} (wat de twee verschillend zetten, blijft staan)."),
                    )
                );
            }
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
                if args.trajectories < 10 && !out.ranked.is_empty() {
                    let t = args.trajectories;
                    say!(
                        "{}",
                        lang.pick(
                            format!("Only {t} trajectories: each mu* rests on {t} elementary effects, so the intervals are wide and the order rough; 10 (the default) or more for a ranking to rely on."),
                            format!("Slechts {t} trajecten: elke mu* rust op {t} elementaire effecten, dus de intervallen zijn breed en de volgorde is grof; voor een rangorde waarop u kunt bouwen: 10 (de standaard) of meer."),
                        )
                    );
                }
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
            let report = out.path.join("report.html");
            if report.is_file() {
                say!("{}: {}", lang.pick("report", "rapport"), report.display());
            }
        }
        Command::Check {
            scenario,
            with,
            sets,
        } => {
            let (loaded, source) =
                commands::load_with(scenario.as_deref(), &with, &sets, Vec::new())?;
            commands::say_notes(&loaded, lang);
            let outside = commands::check_ranges(scenario.as_deref(), &with, &sets, &loaded)?;
            print(&terminal::check_listing(lang, &loaded, &source));
            for note in &outside {
                eprintln!("{}: {}", lang.pick("note", "let op"), note.get(lang));
            }
        }
        Command::Bench { quick } => commands::bench(quick, &mut |line| say!("{line}")),
    }
    Ok(())
}
