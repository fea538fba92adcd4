//! Shards: a sweep, comparison, sensitivity or uncertainty study split into parts that a
//! scheduler runs side by side (`--shard K/N`), and merged back (`avesim merge DIR…`) into
//! exactly the folder the unsplit command writes.
//!
//! A study is a list of jobs: every replication of every scenario it runs, in the order the
//! unsplit command runs them. Shard K of N runs the jobs whose number leaves K − 1 over when
//! divided by N, and keeps each job's [`ReplicationOutput`] as it came out of the model.
//! `merge` runs the same command again, but takes each replication's output from the shards
//! instead of simulating it; the outputs go through the same aggregation in the same order,
//! so every file is the same, byte for byte, except `run.json` (which says how long it took
//! and on how many threads).
//!
//! What makes shards belong together is a fingerprint: the avesim version and every
//! scenario's parameters, exactly. Shards with different fingerprints, commands or numbers of
//! shards, a missing or doubled shard, or a shard whose outputs do not match what its
//! `shard.json` says, are refused.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::{CommandError, Common, commit, internal, run_err};
use crate::both;
use crate::experiment::{self, RunResults};
use crate::lang::{Lang, Text};
use crate::model::ReplicationOutput;
use crate::output::ResultDir;
use crate::scenario::{Params, Scenario};

/// The description of a shard in its folder.
pub const SHARD_FILE: &str = "shard.json";
/// The outputs of a shard's replications (postcard, in job order).
pub const OUTPUTS_FILE: &str = "outputs.bin";

/// Which part of a study to run: shard `k` (1-based) of `n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardSpec {
    /// This shard, 1 ..= n.
    pub k: u32,
    /// Number of shards.
    pub n: u32,
    /// The command line that made it, without `--shard` and `--out` (merge runs it again).
    pub command: Vec<String>,
}

/// The scheduler variables `--shard auto/N` reads, in order.
pub const SCHEDULER_VARIABLES: [&str; 2] = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"];

impl ShardSpec {
    /// Parse `K/N` (1 <= K <= N) or `auto/N`, reading the scheduler's variables for `auto`.
    pub fn parse(text: &str, command: Vec<String>) -> Result<Self, Text> {
        Self::parse_with(text, command, |name| std::env::var(name).ok())
    }

    /// [`parse`](Self::parse) with the environment given (for tests).
    pub fn parse_with(
        text: &str,
        command: Vec<String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, Text> {
        let bad = || {
            both!(
                "--shard {text}: give K/N with 1 <= K <= N (for example 2/8), or auto/N to take K from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX",
                "--shard {text}: geef K/N met 1 <= K <= N (bijvoorbeeld 2/8), of auto/N om K uit SLURM_ARRAY_TASK_ID of JOB_COMPLETION_INDEX te halen"
            )
        };
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let n: u32 = n.trim().parse().map_err(|_| bad())?;
        let k: u32 = if k.trim() == "auto" {
            scheduler_index(&env, n)?
        } else {
            k.trim().parse().map_err(|_| bad())?
        };
        if n == 0 || k == 0 || k > n {
            return Err(bad());
        }
        Ok(Self { k, n, command })
    }

    /// True when job number `job` (0-based, over the whole study) is this shard's.
    pub fn owns(&self, job: usize) -> bool {
        job % self.n as usize == (self.k - 1) as usize
    }
}

/// K from the scheduler: a Slurm job array's task id counted from the array's first id
/// (`--array=1-N` and `--array=0-(N-1)` both work), or a Kubernetes Indexed Job's completion
/// index (0-based).
fn scheduler_index(env: &impl Fn(&str) -> Option<String>, n: u32) -> Result<u32, Text> {
    let number = |name: &str| -> Result<Option<i64>, Text> {
        match env(name) {
            None => Ok(None),
            Some(v) => v.trim().parse::<i64>().map(Some).map_err(|_| {
                both!(
                    "--shard auto/{n}: {name} is \"{v}\", not a whole number",
                    "--shard auto/{n}: {name} is \"{v}\", geen geheel getal"
                )
            }),
        }
    };
    let k = if let Some(id) = number("SLURM_ARRAY_TASK_ID")? {
        let first = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(if id == 0 { 0 } else { 1 });
        id - first + 1
    } else if let Some(index) = number("JOB_COMPLETION_INDEX")? {
        index + 1
    } else {
        return Err(both!(
            "--shard auto/{n}: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give the shard as K/{n}",
            "--shard auto/{n}: SLURM_ARRAY_TASK_ID (een Slurm-job-array) en JOB_COMPLETION_INDEX (een Kubernetes Indexed Job) zijn geen van beide gezet; geef de shard als K/{n}"
        ));
    };
    u32::try_from(k)
        .ok()
        .filter(|&k| (1..=n).contains(&k))
        .ok_or_else(|| {
            both!(
                "--shard auto/{n}: the scheduler's index gives shard {k}, outside 1 to {n}; is the array or the Job's completions {n} long?",
                "--shard auto/{n}: de index van de planner geeft shard {k}, buiten 1 tot {n}; is de array of het aantal completions van de Job {n} lang?"
            )
        })
}

/// Whether a command runs whole, as one shard, or from merged shards.
#[derive(Debug, Clone, Default)]
pub enum Split {
    /// Run everything here.
    #[default]
    Whole,
    /// Run one shard and write it.
    Shard(ShardSpec),
    /// Take every replication's output from merged shards.
    Merge(Arc<Merged>),
}

/// Shards read back, checked complete and belonging together.
#[derive(Debug)]
pub struct Merged {
    /// The command line the shards were run with (without `--shard` and `--out`).
    pub command: Vec<String>,
    /// Number of shards.
    pub shards: u32,
    fingerprint: String,
    jobs_total: usize,
    outputs: HashMap<(u32, u32), ReplicationOutput>,
}

/// One shard's replications, ready to be written.
pub struct Part {
    spec: ShardSpec,
    fingerprint: String,
    jobs_total: usize,
    outputs: Vec<(u32, u32, ReplicationOutput)>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct ShardFacts {
    kind: String,
    avesim_version: String,
    command: Vec<String>,
    fingerprint: String,
    shard: u32,
    shards: u32,
    jobs_total: usize,
    jobs: usize,
    outputs_sha256: String,
}

const KIND: &str = "avesim shard";

/// The language the shards were run in (`--lang` in the first readable shard's command), so
/// that `merge` speaks it, also when it refuses.
pub fn shard_lang(dirs: &[PathBuf]) -> Option<Lang> {
    dirs.iter().find_map(|dir| {
        let text = std::fs::read_to_string(dir.join(SHARD_FILE)).ok()?;
        let facts: ShardFacts = serde_json::from_str(&text).ok()?;
        let c = &facts.command;
        c.iter()
            .enumerate()
            .find_map(|(i, a)| match a.strip_prefix("--lang") {
                Some("") => c.get(i + 1).and_then(|v| Lang::parse(v)),
                Some(rest) => rest.strip_prefix('=').and_then(Lang::parse),
                None => None,
            })
    })
}

/// The fingerprint of a study: the avesim version and every point's name and parameters
/// (their debug form writes every number exactly).
fn fingerprint(points: &[(&Scenario, &Params)], keep_series: bool) -> String {
    let mut h = Sha256::new();
    h.update(format!(
        "avesim {}\nseries {keep_series}\n",
        env!("CARGO_PKG_VERSION")
    ));
    for (s, p) in points {
        h.update(format!("{}\n{p:?}\n", s.name));
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What [`run_points`] did.
pub(crate) enum Ran {
    /// Every point's results.
    Whole(Vec<RunResults>),
    /// This shard's replications (the command writes them with [`finish_shard`]).
    Part(Part),
}

/// Run a study's points (quietly, on common random numbers), whole, as a shard, or from
/// merged shards.
pub(crate) fn run_points(
    points: &[(&Scenario, &Params)],
    common: &Common,
    keep_series: bool,
    label: &str,
    dir: &ResultDir,
) -> Result<Ran, CommandError> {
    let opts = common.options();
    match &common.split {
        Split::Whole => experiment::run_many(points, &opts, keep_series, label)
            .map(Ran::Whole)
            .map_err(|e| run_err(e, dir)),
        Split::Shard(spec) => {
            let jobs: Vec<(usize, u32)> = all_jobs(points)
                .enumerate()
                .filter(|(j, _)| spec.owns(*j))
                .map(|(_, job)| job)
                .collect();
            let outputs =
                experiment::run_jobs(points, &jobs, &opts, label).map_err(|e| run_err(e, dir))?;
            Ok(Ran::Part(Part {
                spec: spec.clone(),
                fingerprint: fingerprint(points, keep_series),
                jobs_total: all_jobs(points).count(),
                outputs: jobs
                    .iter()
                    .zip(outputs)
                    .map(|(&(i, rep), mut o)| {
                        if !keep_series {
                            // Not aggregated without series: the largest part, left out.
                            o.daily = Vec::new();
                        }
                        (i as u32, rep, o)
                    })
                    .collect(),
            }))
        }
        Split::Merge(merged) => {
            if merged.fingerprint != fingerprint(points, keep_series)
                || merged.jobs_total != all_jobs(points).count()
            {
                return Err(CommandError::Input(both!(
                    "the shards were run on other scenarios or parameters than these (a scenario file or avesim changed since); run the shards again",
                    "de shards zijn gedraaid met andere scenario's of parameters dan deze (een scenariobestand of avesim is sindsdien veranderd); draai de shards opnieuw"
                )));
            }
            let from_shards = |i: usize, rep: u32| {
                merged
                    .outputs
                    .get(&(i as u32, rep))
                    .cloned()
                    .ok_or_else(|| {
                        experiment::RunError::Threads(format!(
                            "replication {rep} of point {i} is in no shard"
                        ))
                    })
            };
            experiment::run_many_with(points, &opts, keep_series, label, &from_shards)
                .map(Ran::Whole)
                .map_err(|e| run_err(e, dir))
        }
    }
}

/// Every (point, replication) of a study, in the order the unsplit command runs them.
fn all_jobs<'a>(points: &'a [(&Scenario, &Params)]) -> impl Iterator<Item = (usize, u32)> + 'a {
    points
        .iter()
        .enumerate()
        .flat_map(|(i, (_, p))| (0..p.run.replications).map(move |r| (i, r)))
}

/// Write a shard into its folder and move it into place. Returns the "error" that ends the
/// command there: not a failure, the shard is done ([`CommandError::ShardWritten`]).
pub(crate) fn finish_shard(dir: ResultDir, part: Part, common: &Common) -> CommandError {
    match write_shard(&dir, &part) {
        Ok(()) => match commit(dir, common) {
            Ok(path) => CommandError::ShardWritten {
                path,
                k: part.spec.k,
                n: part.spec.n,
                jobs: part.outputs.len(),
                jobs_total: part.jobs_total,
            },
            Err(e) => e,
        },
        Err(e) => internal(format!("writing the shard: {e}")),
    }
}

fn write_shard(dir: &ResultDir, part: &Part) -> std::io::Result<()> {
    let bytes = postcard::to_stdvec(&part.outputs).map_err(std::io::Error::other)?;
    std::fs::write(dir.path().join(OUTPUTS_FILE), &bytes)?;
    let facts = ShardFacts {
        kind: KIND.into(),
        avesim_version: env!("CARGO_PKG_VERSION").into(),
        command: part.spec.command.clone(),
        fingerprint: part.fingerprint.clone(),
        shard: part.spec.k,
        shards: part.spec.n,
        jobs_total: part.jobs_total,
        jobs: part.outputs.len(),
        outputs_sha256: hex(&Sha256::digest(&bytes)),
    };
    let text = serde_json::to_string_pretty(&facts).map_err(std::io::Error::other)?;
    std::fs::write(dir.path().join(SHARD_FILE), text + "\n")
}

/// Read shard folders and check that they belong together and are complete.
pub fn read_shards(dirs: &[PathBuf]) -> Result<Merged, CommandError> {
    let refuse = |t: Text| CommandError::Input(t);
    if dirs.is_empty() {
        return Err(refuse(both!(
            "give the shard folders to merge",
            "geef de shardmappen om samen te voegen"
        )));
    }
    let mut read: Vec<(PathBuf, ShardFacts)> = Vec::new();
    for dir in dirs {
        let shown = dir.display();
        let text = std::fs::read_to_string(dir.join(SHARD_FILE)).map_err(|_| {
            refuse(both!(
                "{shown} is not a shard (it has no {SHARD_FILE}; shards are written with --shard K/N)",
                "{shown} is geen shard (er staat geen {SHARD_FILE} in; shards schrijf je met --shard K/N)"
            ))
        })?;
        let facts: ShardFacts = serde_json::from_str(&text)
            .ok()
            .filter(|f: &ShardFacts| f.kind == KIND)
            .ok_or_else(|| {
                refuse(both!(
                    "{shown}/{SHARD_FILE} is not an avesim shard description",
                    "{shown}/{SHARD_FILE} is geen beschrijving van een avesim-shard"
                ))
            })?;
        read.push((dir.clone(), facts));
    }
    let (first_dir, first) = &read[0];
    let version = env!("CARGO_PKG_VERSION");
    for (dir, f) in &read {
        let (shown, other) = (dir.display(), first_dir.display());
        if f.avesim_version != version {
            let v = &f.avesim_version;
            return Err(refuse(both!(
                "{shown} was made by avesim {v}; this is avesim {version}: run the shards with this version",
                "{shown} is gemaakt door avesim {v}; dit is avesim {version}: draai de shards met deze versie"
            )));
        }
        if f.command != first.command || f.shards != first.shards {
            return Err(refuse(both!(
                "{shown} and {other} do not belong together: they come from different commands or numbers of shards",
                "{shown} en {other} horen niet bij elkaar: ze komen van verschillende opdrachten of aantallen shards"
            )));
        }
        if f.fingerprint != first.fingerprint || f.jobs_total != first.jobs_total {
            return Err(refuse(both!(
                "{shown} and {other} do not belong together: their scenarios, seed or design differ",
                "{shown} en {other} horen niet bij elkaar: hun scenario's, seed of opzet verschillen"
            )));
        }
    }
    let n = first.shards;
    let mut seen = vec![None::<&Path>; n as usize];
    for (dir, f) in &read {
        if f.shard == 0 || f.shard > n {
            let (shown, k) = (dir.display(), f.shard);
            return Err(refuse(both!(
                "{shown} says it is shard {k} of {n}",
                "{shown} zegt shard {k} van {n} te zijn"
            )));
        }
        if let Some(before) = seen[(f.shard - 1) as usize] {
            let (a, b, k) = (before.display(), dir.display(), f.shard);
            return Err(refuse(both!(
                "shard {k} of {n} is given twice: {a} and {b}",
                "shard {k} van {n} is twee keer gegeven: {a} en {b}"
            )));
        }
        seen[(f.shard - 1) as usize] = Some(dir);
    }
    let missing: Vec<String> = (1..=n)
        .filter(|k| seen[(k - 1) as usize].is_none())
        .map(|k| k.to_string())
        .collect();
    if !missing.is_empty() {
        let list = missing.join(", ");
        return Err(refuse(if missing.len() == 1 {
            both!(
                "shard {list} of {n} is missing: merge needs all {n}",
                "shard {list} van {n} ontbreekt: samenvoegen vraagt alle {n}"
            )
        } else {
            both!(
                "shards {list} of {n} are missing: merge needs all {n}",
                "shards {list} van {n} ontbreken: samenvoegen vraagt alle {n}"
            )
        }));
    }
    let mut outputs = HashMap::with_capacity(first.jobs_total);
    for (dir, f) in &read {
        let shown = dir.display();
        let incomplete = || {
            refuse(both!(
                "{shown} is incomplete or damaged: its {OUTPUTS_FILE} does not match its {SHARD_FILE}; run that shard again",
                "{shown} is onvolledig of beschadigd: de {OUTPUTS_FILE} past niet bij de {SHARD_FILE}; draai die shard opnieuw"
            ))
        };
        let bytes = std::fs::read(dir.join(OUTPUTS_FILE)).map_err(|_| incomplete())?;
        if hex(&Sha256::digest(&bytes)) != f.outputs_sha256 {
            return Err(incomplete());
        }
        let part: Vec<(u32, u32, ReplicationOutput)> =
            postcard::from_bytes(&bytes).map_err(|_| incomplete())?;
        if part.len() != f.jobs {
            return Err(incomplete());
        }
        for (i, rep, o) in part {
            outputs.insert((i, rep), o);
        }
    }
    if outputs.len() != first.jobs_total {
        let (held, total) = (outputs.len(), first.jobs_total);
        return Err(refuse(both!(
            "the shards hold {held} of the study's {total} replications; run the shards again",
            "de shards bevatten {held} van de {total} herhalingen van de studie; draai de shards opnieuw"
        )));
    }
    Ok(Merged {
        command: first.command.clone(),
        shards: n,
        fingerprint: first.fingerprint.clone(),
        jobs_total: first.jobs_total,
        outputs,
    })
}

/// The command line without `--shard` and `--out` (and their values): what `merge` runs.
pub fn command_without_shard(args: &[String]) -> Vec<String> {
    let mut kept = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
            continue;
        }
        match a.as_str() {
            "--shard" | "--out" => skip = true,
            _ if a.starts_with("--shard=") || a.starts_with("--out=") => {}
            _ => kept.push(a.clone()),
        }
    }
    kept
}

/// What the terminal says when a shard is written.
pub fn shard_written_line(
    lang: Lang,
    path: &Path,
    k: u32,
    n: u32,
    jobs: usize,
    total: usize,
) -> String {
    let p = path.display();
    lang.pick(
        format!("shard {k} of {n}: {jobs} of {total} replications written to {p}; when all {n} are done: avesim merge <the {n} folders> (from the source folder: cargo run --release -- merge …)"),
        format!("shard {k} van {n}: {jobs} van {total} herhalingen geschreven naar {p}; als alle {n} klaar zijn: avesim merge <de {n} mappen> (vanuit de bronmap: cargo run --release -- merge …)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_string())
        }
    }

    #[test]
    fn shard_numbers_and_scheduler_indices() {
        let k = |text: &str, vars: &'static [(&'static str, &'static str)]| {
            ShardSpec::parse_with(text, Vec::new(), env(vars)).map(|s| s.k)
        };
        assert_eq!(k("2/4", &[]), Ok(2));
        assert!(k("0/4", &[]).is_err() && k("5/4", &[]).is_err() && k("2", &[]).is_err());
        assert!(k("auto/4", &[]).is_err());
        // Slurm: --array=1-4 gives ids 1..4; --array=0-3 gives 0..3.
        assert_eq!(
            k(
                "auto/4",
                &[("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1")]
            ),
            Ok(1)
        );
        assert_eq!(
            k(
                "auto/4",
                &[("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "0")]
            ),
            Ok(4)
        );
        assert_eq!(k("auto/4", &[("SLURM_ARRAY_TASK_ID", "0")]), Ok(1));
        assert!(
            k(
                "auto/4",
                &[("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "1")]
            )
            .is_err()
        );
        // Kubernetes Indexed Job: 0-based.
        assert_eq!(k("auto/4", &[("JOB_COMPLETION_INDEX", "0")]), Ok(1));
        assert_eq!(k("auto/4", &[("JOB_COMPLETION_INDEX", "3")]), Ok(4));
        assert!(k("auto/4", &[("JOB_COMPLETION_INDEX", "x")]).is_err());
    }

    #[test]
    fn every_job_is_in_exactly_one_shard() {
        let n = 3;
        let specs: Vec<ShardSpec> = (1..=n)
            .map(|k| ShardSpec {
                k,
                n,
                command: Vec::new(),
            })
            .collect();
        for job in 0..100 {
            assert_eq!(specs.iter().filter(|s| s.owns(job)).count(), 1);
        }
    }

    #[test]
    fn the_command_loses_only_shard_and_out() {
        let args: Vec<String> = [
            "sweep",
            "--shard",
            "1/2",
            "--out=x",
            "--vary",
            "a=1,2",
            "--out",
            "y",
            "--shard=auto/2",
            "--set",
            "b=1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            command_without_shard(&args),
            ["sweep", "--vary", "a=1,2", "--set", "b=1"]
        );
    }
}
