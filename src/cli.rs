//! The command line's options, as `clap` reads them (the binary's, not the library's): one
//! struct per subcommand, and the options several share.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use avesim::commands;
use avesim::lang::Lang;

use crate::notice;

/// Simulate AVE escalation between wijkteams, Veiligheidshuis and ZSM.
#[derive(Parser)]
#[command(name = "avesim", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// Language of reports, charts and tables: nl or en (default: the system's locale,
    /// LC_ALL, LC_MESSAGES or LANG; nl_* gives Dutch).
    #[arg(long, global = true, value_parser = parse_lang)]
    pub(crate) lang: Option<Lang>,
}

pub(crate) fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("`{s}`: use nl or en"))
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
    /// range, then each at the ends of its range (sensitivity.csv, tornado.csv, report.html).
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
    /// Merge the shards of a sweep, comparison, sensitivity or uncertainty study (each run
    /// with --shard K/N) into exactly the folder the unsplit command writes.
    Merge(MergeArgs),
    /// Measure speed: engine M/M/3 customers/s and the Leeuwarden default's events/s.
    Bench {
        /// Fewer customers and replications, for a quick look.
        #[arg(long)]
        quick: bool,
    },
}

/// Splitting a study over machines or processes.
#[derive(Args, Default)]
pub(crate) struct ShardArgs {
    /// Run only part K of N of the study and write it for `avesim merge` (auto/N: K from
    /// SLURM_ARRAY_TASK_ID in a Slurm job array, or JOB_COMPLETION_INDEX in a Kubernetes
    /// Indexed Job).
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<String>,
    /// Shards read by `avesim merge`: each replication's output comes from them.
    #[arg(skip)]
    pub(crate) merged: Option<std::sync::Arc<commands::Merged>>,
}

impl ShardArgs {
    /// Whole, one shard, or merged; a shard keeps the command line (with the language it ran
    /// in, so that the merge writes the same words) for `avesim merge`.
    pub(crate) fn split(&self, lang: Lang) -> Result<commands::Split, commands::CommandError> {
        if let Some(merged) = &self.merged {
            return Ok(commands::Split::Merge(merged.clone()));
        }
        let Some(text) = &self.shard else {
            return Ok(commands::Split::Whole);
        };
        let args: Vec<String> = std::env::args().skip(1).collect();
        let mut command = commands::command_without_shard(&args);
        if !command
            .iter()
            .any(|a| a == "--lang" || a.starts_with("--lang="))
        {
            command.extend(["--lang".to_string(), lang.code().to_string()]);
        }
        commands::ShardSpec::parse(text, command)
            .map(commands::Split::Shard)
            .map_err(commands::CommandError::Input)
    }
}

#[derive(Args)]
pub(crate) struct MergeArgs {
    /// The shard folders, all N of them (in any order).
    #[arg(required = true, value_name = "DIR")]
    pub(crate) dirs: Vec<PathBuf>,
    /// Output folder (default: the folder the unsplit command writes).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Replace an existing output folder (only one avesim made).
    #[arg(long)]
    pub(crate) force: bool,
    /// Print only where the results are.
    #[arg(long)]
    pub(crate) quiet: bool,
}

/// Options every simulating command takes.
#[derive(Args)]
pub(crate) struct CommonArgs {
    /// Output folder (default: a folder under output/ named after the scenario).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Replications (overrides run.replications).
    #[arg(long)]
    pub(crate) reps: Option<u32>,
    /// Master seed, the same for every scenario and point (overrides run.seed).
    #[arg(long)]
    pub(crate) seed: Option<u64>,
    /// Worker threads (0 = all cores; default run.threads); results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=1024))]
    pub(crate) threads: Option<u32>,
    /// Override a scenario key, e.g. --set growth.multiplier=3 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub(crate) sets: Vec<String>,
    /// Replace an existing output folder.
    #[arg(long)]
    pub(crate) force: bool,
    /// No progress bar and no table.
    #[arg(long)]
    pub(crate) quiet: bool,
    /// Skip the charts (and, for run, report.html).
    #[arg(long)]
    pub(crate) no_charts: bool,
    /// Run even if the estimate says it takes more than an hour.
    #[arg(long)]
    pub(crate) allow_long: bool,
}

/// Layers laid on a scenario.
#[derive(Args)]
pub(crate) struct WithArgs {
    /// Lay a what-if or recommendation file on the scenario, e.g.
    /// --with scenarios/recommendations/07-criteria.toml, or a built-in recommendation by
    /// name, e.g. --with criteria (repeatable).
    #[arg(long = "with", value_name = "FILE")]
    pub(crate) with: Vec<PathBuf>,
}

impl CommonArgs {
    pub(crate) fn to_common(&self, lang: Lang) -> commands::Common {
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
            split: commands::Split::Whole,
        }
    }
}

#[derive(Args)]
pub(crate) struct RunArgs {
    /// Scenario file (TOML), or a region of the study by name (breda, groningen, ...).
    pub(crate) scenario: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) layers: WithArgs,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
    /// Also write cases.csv (one row per case, every replication).
    #[arg(long)]
    pub(crate) cases: bool,
    /// Also write trace.csv (every event of replication 0).
    #[arg(long)]
    pub(crate) trace: bool,
    /// Name the first calendar year in which a metric passes a threshold, e.g.
    /// --alarm 'vhh_wait_days_mean>7' (quote it: the shell reads > as a redirect;
    /// default: vhh_hours_utilisation>0.9, vhh_wait_days_mean>7 and wijkteam_wait_days_mean>14).
    #[arg(long = "alarm", value_name = "METRIC>VALUE")]
    pub(crate) alarms: Vec<String>,
}

#[derive(Args)]
pub(crate) struct SweepArgs {
    /// Scenario file (TOML); the embedded default without it.
    pub(crate) scenario: Option<PathBuf>,
    /// A key and its values: key=v1,v2,... or key=from..to:steps (repeat for a grid).
    #[arg(long = "vary", value_name = "KEY=VALUES", required = true)]
    pub(crate) vary: Vec<String>,
    /// Name the first point where a metric passes a threshold, e.g.
    /// --alarm 'vhh_hours_utilisation>0.9' (quote it: the shell reads > as a redirect;
    /// default: vhh_hours_utilisation>0.9, vhh_wait_days_mean>7 and wijkteam_wait_days_mean>14).
    #[arg(long = "alarm", value_name = "METRIC>VALUE")]
    pub(crate) alarms: Vec<String>,
    #[command(flatten)]
    pub(crate) layers: WithArgs,
    #[command(flatten)]
    pub(crate) shard: ShardArgs,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

#[derive(Args)]
pub(crate) struct AdviseArgs {
    /// A region of the study (leeuwarden, breda, groningen, hollands-midden, midden-brabant,
    /// midden-limburg, rotterdam) or a scenario file.
    pub(crate) region: String,
    /// Metrics to rank by, the first orders the table (default:
    /// acute_crises_per_1000,late_upscaling_share,vhh_wait_days_mean,zsm_informed_share).
    #[arg(long, value_name = "METRIC,...")]
    pub(crate) metrics: Vec<String>,
    /// Every recommendation, not only those the study gives for this region.
    #[arg(long)]
    pub(crate) all: bool,
    /// Only this recommendation (its name, e.g. criteria; repeatable).
    #[arg(long, value_name = "NAME")]
    pub(crate) only: Vec<String>,
    /// A folder of recommendation files instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub(crate) recommendations: Option<PathBuf>,
    /// At the region's own size (scenarios/own-size/REGION.toml) instead of the shared
    /// population at Leeuwarden's size.
    #[arg(long)]
    pub(crate) own_size: bool,
    /// Also draw the assumptions N times from their ranges (the recommendations' own effect
    /// sizes among them) and say, per recommendation, in what share of draws it helps:
    /// "whatever the assumptions", "under most", or "only if …".
    #[arg(long, value_name = "N")]
    pub(crate) uncertain: Option<usize>,
    /// With --uncertain: replications per scenario per draw.
    #[arg(long, default_value_t = 5)]
    pub(crate) draw_reps: u32,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

#[derive(Args)]
pub(crate) struct SensitivityArgs {
    /// Scenario file (TOML), or a region of the study by name; the embedded default without it.
    pub(crate) scenario: Option<PathBuf>,
    /// Morris trajectories (each runs every assumption once more).
    #[arg(long, default_value_t = 10)]
    pub(crate) trajectories: usize,
    /// Levels of the Morris grid (even).
    #[arg(long, default_value_t = 4)]
    pub(crate) levels: u32,
    /// Replications of each one-at-a-time run at the ends of a range (the tornado).
    #[arg(long, default_value_t = 6)]
    pub(crate) tornado_reps: u32,
    /// Screen the paired difference of another setup from the scenario instead: a scenario
    /// file, or a recommendation laid on the scenario (a file, or a built-in one by name, e.g.
    /// criteria; its own effect, recommendation.NAME.effect from 0 to 1, is screened too) —
    /// which assumptions carry the answer "does it help?".
    #[arg(long, value_name = "FILE")]
    pub(crate) versus: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) layers: WithArgs,
    #[command(flatten)]
    pub(crate) shard: ShardArgs,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

/// The scenario and, beside it, another setup (`story`, `animate`).
#[derive(Args)]
pub(crate) struct SetupArgs {
    /// Scenario file (TOML), or a region of the study by name; the embedded default without it.
    pub(crate) scenario: Option<PathBuf>,
    /// Another setup beside it, on the same families: a scenario file or a region's name, e.g.
    /// scenarios/what-if/no-agreed-criteria.toml or scenarios/what-if/overflow-200.toml.
    #[arg(long, value_name = "OTHER.toml")]
    pub(crate) versus: Option<PathBuf>,
    /// Change a key of the other setup only (repeatable); without --versus the other setup
    /// is the scenario with these changes. --set changes the scenario itself.
    #[arg(long = "versus-set", value_name = "KEY=VALUE")]
    pub(crate) versus_sets: Vec<String>,
}

impl SetupArgs {
    pub(crate) fn to_setups(&self) -> commands::Setups {
        commands::Setups {
            scenario: self.scenario.clone(),
            versus: self.versus.clone(),
            versus_sets: self.versus_sets.clone(),
        }
    }
}

#[derive(Args)]
pub(crate) struct StoryArgs {
    #[command(flatten)]
    pub(crate) setups: SetupArgs,
    /// The kind of story: late, stalled, over-the-fence, kept-in-wijk, ave4, complex, vhh-plan,
    /// simmering, zsm-blind, zsm-informed, zsm-referral, overflow, quiet, any
    /// (`--kind list` says how common each is).
    #[arg(long)]
    pub(crate) kind: Option<String>,
    /// A family by number (origin_index in cases.csv), or vhh_direct:N / zsm_referral:N.
    #[arg(long)]
    pub(crate) family: Option<String>,
    /// The replication to take --family from (0-based, as in cases.csv; default 0).
    #[arg(long)]
    pub(crate) replication: Option<u32>,
    /// Pick this many contrasting families for one lesson (one folder each, and index.html).
    #[arg(long, value_name = "N")]
    pub(crate) set_of: Option<u32>,
    #[command(flatten)]
    pub(crate) layers: WithArgs,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

#[derive(Args)]
pub(crate) struct AnimateArgs {
    #[command(flatten)]
    pub(crate) setups: SetupArgs,
    /// The calendar year to play (default: the first 365 days after the warm-up).
    #[arg(long)]
    pub(crate) year: Option<i16>,
    /// The replication to play (0-based; default 0).
    #[arg(long)]
    pub(crate) replication: Option<u32>,
    #[command(flatten)]
    pub(crate) layers: WithArgs,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

#[derive(Args)]
pub(crate) struct CompareArgs {
    /// Scenario files; the first is the baseline of the paired differences.
    #[arg(required = true, num_args = 2..)]
    pub(crate) scenarios: Vec<PathBuf>,
    /// Draw the assumptions N times from their ranges (Latin hypercube) and say in what share
    /// of draws each scenario beats the first, and which assumption flips it.
    #[arg(long, value_name = "N")]
    pub(crate) uncertain: Option<usize>,
    /// With --uncertain: replications per scenario per draw.
    #[arg(long, default_value_t = 5)]
    pub(crate) draw_reps: u32,
    /// With --uncertain: the share of each range drawn, around the scenario's value (1 = the
    /// whole plausible range; 0 = none, every draw is the scenario itself).
    #[arg(long, default_value_t = 1.0)]
    pub(crate) uncertain_width: f64,
    #[command(flatten)]
    pub(crate) shard: ShardArgs,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}
