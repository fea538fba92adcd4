//! `avesim story`: one family's story for a classroom — picked by the kind of story a
//! trainer asks for, or by number — told under the scenario and, with `--versus`, under
//! another setup on common random numbers, with how typical that contrast is.

use std::path::{Path, PathBuf};

use super::{
    CommandError, Common, commit, flag_overrides, internal, load_with, result_dir, run_err_at,
};
use crate::both;
use crate::experiment::story::{
    self, Direction, FamilyId, KINDS, Kind, Story, Summary, Typical, compare_outcome, typical,
};
use crate::experiment::thread_count;
use crate::lang::Lang;
use crate::output::story::{Book, Entry, Told, write_index, write_story};
use crate::scenario::{Loaded, Params};

/// The setups a trainer's command shows: the scenario and, if asked for, another beside it.
#[derive(Debug, Clone, Default)]
pub struct Setups {
    /// The scenario (a file or a region's name; the embedded default without it).
    pub scenario: Option<PathBuf>,
    /// The other setup: a scenario file or region.
    pub versus: Option<PathBuf>,
    /// Overrides for the other setup (`--versus-set`); alone, the other setup is the
    /// scenario with these changes.
    pub versus_sets: Vec<String>,
}

impl Setups {
    /// The scenario (with `--with` and `--set`) and, if asked for, the other setup with the
    /// changes made to it.
    #[allow(clippy::type_complexity)]
    pub(crate) fn load(
        &self,
        common: &Common,
    ) -> Result<(Loaded, Option<(Loaded, Vec<String>)>), CommandError> {
        let (told, _) = load_with(
            self.scenario.as_deref(),
            &common.with,
            &common.sets,
            flag_overrides(common)?,
        )?;
        Ok((told, other_setup(self, common)?))
    }
}

/// What story to tell.
#[derive(Debug, Clone, Default)]
pub struct StoryRequest {
    /// The scenario told and the other setup.
    pub setups: Setups,
    /// A kind of story (`late`, ...; `list` lists them).
    pub kind: Option<String>,
    /// A family by number (`812`, `zsm_referral:3`).
    pub family: Option<String>,
    /// The replication to tell from (0-based, as in cases.csv).
    pub replication: Option<u32>,
    /// A set of this many contrasting families for one lesson.
    pub set_of: Option<u32>,
}

/// What `avesim story` did.
pub enum StoryOutcome {
    /// `--kind list`: the kinds with how common each is (a table to print).
    Listed(Vec<story::KindCount>),
    /// A story (or a set) written.
    Written {
        /// The result folder.
        path: PathBuf,
        /// The page to open.
        page: PathBuf,
        /// One line per family told.
        told: Vec<String>,
        /// Warnings (an exception chosen by number).
        warnings: Vec<String>,
    },
}

fn kind_named(name: &str) -> Result<Kind, CommandError> {
    Kind::named(&name.to_lowercase()).ok_or_else(|| {
        let known = KINDS.iter().map(|k| k.id).collect::<Vec<_>>().join(", ");
        let guess = KINDS
            .iter()
            .map(|k| (strsim::jaro_winkler(&name.to_lowercase(), k.id), k.id))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map_or(String::new(), |(_, id)| id.to_string());
        if guess.is_empty() {
            CommandError::Input(both!(
                "--kind {name}: no such kind of story; the kinds are {known} (--kind list says how common each is)",
                "--kind {name}: zo'n soort verhaal bestaat niet; de soorten zijn {known} (--kind list zegt hoe vaak elk voorkomt)"
            ))
        } else {
            CommandError::Input(both!(
                "--kind {name}: no such kind of story; did you mean `{guess}`? The kinds are {known}",
                "--kind {name}: zo'n soort verhaal bestaat niet; bedoelt u `{guess}`? De soorten zijn {known}"
            ))
        }
    })
}

/// The label of a setup as a reader knows it.
fn label(lang: Lang, loaded: &Loaded, sets: &[String]) -> String {
    let d = loaded.scenario.description_in(lang);
    let base = if d.is_empty() {
        loaded.scenario.name.clone()
    } else {
        format!("{}: {d}", loaded.scenario.name)
    };
    if sets.is_empty() {
        base
    } else {
        format!("{base} ({})", sets.join(", "))
    }
}

/// The setup in a few words: its description (or name), with the changes made to it.
pub(crate) fn short(lang: Lang, loaded: &Loaded, sets: &[String]) -> String {
    let d = loaded.scenario.description_in(lang);
    let base = if d.is_empty() {
        loaded.scenario.name.as_str()
    } else {
        d
    };
    if sets.is_empty() {
        base.to_string()
    } else {
        format!("{base} ({})", sets.join(", "))
    }
}

/// The other setup: `--versus` (with `--versus-set`), or the scenario with `--versus-set`;
/// with the changes made to it.
pub(crate) fn other_setup(
    setups: &Setups,
    common: &Common,
) -> Result<Option<(Loaded, Vec<String>)>, CommandError> {
    let (scenario, versus, versus_sets) = (
        setups.scenario.as_deref(),
        setups.versus.as_deref(),
        &setups.versus_sets,
    );
    if versus.is_none() && versus_sets.is_empty() {
        return Ok(None);
    }
    let (path, mut sets) = match versus {
        Some(p) => (Some(p), Vec::new()),
        None => (scenario, common.sets.clone()),
    };
    // Parsed as `--versus-set`, so that a mistake names that flag.
    let mut extra = versus_sets
        .iter()
        .map(|s| crate::scenario::Override::parse_as("--versus-set", s))
        .collect::<Result<Vec<_>, _>>()?;
    extra.extend(flag_overrides(common)?);
    let with = if versus.is_some() {
        &[][..]
    } else {
        &common.with[..]
    };
    let (loaded, _) = load_with(path, with, &sets, extra)?;
    sets.extend(versus_sets.iter().cloned());
    Ok(Some((loaded, sets)))
}

/// The honest example of `kind` in replication order: the first tellable family of the kind
/// whose contrast goes the usual way (any, without another setup).
fn choose(
    kind: Kind,
    params: &Params,
    told: &[Vec<Summary>],
    other: Option<&[Vec<Summary>]>,
    usual: Option<Direction>,
    skip: &[FamilyId],
) -> Option<(u32, FamilyId)> {
    let mut fallback = None;
    for (rep, cases) in told.iter().enumerate() {
        for s in story::tellable(params, cases) {
            if !kind.fits(s) || skip.contains(&s.id) {
                continue;
            }
            let direction = other.and_then(|o| {
                o[rep]
                    .iter()
                    .find(|b| b.same_family(s))
                    .map(|b| compare_outcome(s, b))
            });
            if other.is_some() && direction.is_none() {
                continue;
            }
            fallback.get_or_insert((rep as u32, s.id));
            if usual.is_none() || direction == usual {
                return Some((rep as u32, s.id));
            }
        }
    }
    fallback
}

struct Setup<'a> {
    loaded: &'a Loaded,
    label: String,
    short: String,
    summaries: Vec<Vec<Summary>>,
}

/// Tell one family in both setups and gather what its files say.
fn book<'a>(
    lang: Lang,
    (kind, rep, id): (Option<Kind>, u32, FamilyId),
    told: &'a Setup,
    other: Option<&'a Setup>,
    sets: (Vec<String>, Vec<String>),
    dest: &Path,
) -> Result<Book<'a>, CommandError> {
    let tell = |s: &Setup| -> Result<Option<Story>, CommandError> {
        story::tell(&s.loaded.params, rep, id).map_err(|e| run_err_at(e, dest))
    };
    let first = tell(told)?.ok_or_else(|| {
        let arrived = told.summaries.get(rep as usize).map_or(0, |c| {
            c.iter().filter(|s| s.id.origin == id.origin).count()
        });
        let shown = id.arg();
        CommandError::Input(both!(
            "--family {shown}: that family did not arrive in replication {rep} (families 0 to {arrived} did; one family number per arrival, as origin_index in cases.csv)",
            "--family {shown}: dat gezin kwam niet binnen in herhaling {rep} (gezinnen 0 tot {arrived} wel; één nummer per aanmelding, zoals origin_index in cases.csv)"
        ))
    })?;
    let summary = told
        .summaries
        .get(rep as usize)
        .and_then(|c| c.iter().find(|s| s.id == id));
    // The kind to measure typicality by: the one asked, or the first this family is of.
    let kind = kind.or_else(|| summary.and_then(|s| KINDS.iter().copied().find(|k| k.fits(s))));
    let mut sides = vec![Told {
        label: told.label.clone(),
        name: told.loaded.scenario.name.clone(),
        short: told.short.clone(),
        params: &told.loaded.params,
        story: first,
    }];
    let (mut parted, mut typical_of, mut direction) = (None, None::<Typical>, None);
    let mut typical_all = None;
    if let Some(other) = other {
        let second = tell(other)?;
        let same = second
            .as_ref()
            .zip(other.summaries.get(rep as usize))
            .and_then(|(_, c)| {
                let b = c.iter().find(|b| b.id == id)?;
                summary.filter(|a| a.same_family(b)).map(|a| (a, b))
            });
        let (Some(second), Some((a, b))) = (second, same) else {
            let shown = id.arg();
            return Err(CommandError::Input(both!(
                "family {shown} is not the same family under the other setup: it changes who arrives (arrival rates or growth), so one family cannot be followed in both; compare setups that leave [arrivals] and [growth] alone, or show the two setups with avesim animate",
                "gezin {shown} is in de andere opzet niet hetzelfde gezin: die verandert wie er binnenkomt (instroom of groei), dus één gezin is niet in beide te volgen; vergelijk opzetten die [arrivals] en [growth] laten zoals ze zijn, of laat de twee opzetten zien met avesim animate"
            )));
        };
        direction = Some(compare_outcome(a, b));
        parted = story::parted(&sides[0].story, &second);
        let from = f64::from(told.loaded.params.run.warmup_days) * 24.0;
        typical_of = kind.map(|k| typical(k, &told.summaries, &other.summaries, from));
        typical_all = KINDS
            .iter()
            .find(|k| k.id == "any")
            .map(|&k| typical(k, &told.summaries, &other.summaries, from));
        sides.push(Told {
            label: other.label.clone(),
            name: other.loaded.scenario.name.clone(),
            short: other.short.clone(),
            params: &other.loaded.params,
            story: second,
        });
    }
    let run = &told.loaded.params.run;
    let (reps, years, warm, seed) = (
        told.summaries.len(),
        f64::from(run.horizon_days) / 365.0,
        run.warmup_days,
        run.seed,
    );
    let years = lang.num(&format!("{years:.0}"));
    let hours = lang.pick(
        "In the model a signal, a doubt, a decision to scale or a crisis can come at any hour, so those show their date only; what a desk does shows its clock time. How soon a maatwerkoverleg meets and how long AVE 4 lasts are this scenario's assumptions, not norms of the study.",
        "In het model kan een signaal, een twijfel, een besluit tot op- of afschalen of een crisis op elk uur komen; daarom staat daarbij alleen de datum; bij wat een tafel doet staat ook de kloktijd. Hoe snel een maatwerkoverleg bijeenkomt en hoe lang AVE 4 duurt, zijn aannames van dit scenario, geen normen uit de studie.",
    );
    let method = if other.is_some() {
        lang.pick(
            format!("The story is replication {rep} of the scenario (seed {seed}). How typical the contrast is comes from {reps} replications of {years} years with the same random streams in both setups (common random numbers), over families that arrived after the warm-up of {warm} days; intervals treat replications, not families, as independent. {hours}"),
            format!("Het verhaal komt uit herhaling {rep} van het scenario (seed {seed}). Hoe gewoon het verschil is, komt uit {reps} herhalingen van {years} jaar met dezelfde toevalsreeksen in beide opzetten (gemeenschappelijke toevalsgetallen), over gezinnen die na de inloop van {warm} dagen binnenkwamen; de intervallen rekenen herhalingen als onafhankelijk, niet gezinnen. {hours}"),
        )
    } else {
        lang.pick(
            format!("The story is replication {rep} of the scenario (seed {seed}); the family arrived after the warm-up of {warm} days. {hours} Add --versus OTHER.toml to tell the same family under another setup, with how typical the contrast is."),
            format!("Het verhaal komt uit herhaling {rep} van het scenario (seed {seed}); het gezin kwam na de inloop van {warm} dagen binnen. {hours} Met --versus ANDER.toml vertelt avesim hetzelfde gezin in een andere opzet, met hoe gewoon het verschil is."),
        )
    };
    Ok(Book {
        kind,
        sides,
        parted,
        typical: typical_of,
        typical_all,
        direction,
        method,
        sets,
        in_set: false,
    })
}

/// Tell a family's story (or a lesson's set), or list the kinds.
pub fn story(req: &StoryRequest, common: &Common) -> Result<StoryOutcome, CommandError> {
    let lang = common.lang;
    let listing = req.kind.as_deref() == Some("list");
    let kind = match req.kind.as_deref() {
        Some("list") | None => None,
        Some(k) => Some(kind_named(k)?),
    };
    let family = match req.family.as_deref() {
        None => None,
        Some(f) => Some(FamilyId::parse(f).ok_or_else(|| {
            CommandError::Input(both!(
                "--family {f}: give a family's number (origin_index in cases.csv, e.g. 812), or vhh_direct:N or zsm_referral:N for a case that did not start at a wijkteam",
                "--family {f}: geef het nummer van een gezin (origin_index in cases.csv, bijvoorbeeld 812), of vhh_direct:N of zsm_referral:N voor een casus die niet bij een wijkteam begon"
            ))
        })?),
    };
    if req.set_of.is_some() && family.is_some() {
        return Err(CommandError::Input(both!(
            "--set-of picks the families itself: leave out --family",
            "--set-of kiest de gezinnen zelf: laat --family weg"
        )));
    }
    if req.set_of == Some(0) {
        return Err(CommandError::Input(both!(
            "--set-of needs at least 1 family",
            "--set-of vraagt minstens 1 gezin"
        )));
    }
    let (told, other) = req.setups.load(common)?;
    let params = &told.params;
    let reps = params.run.replications;
    let threads = thread_count(params, &common.options());
    let name = &told.scenario.name;
    let dest = common
        .out
        .clone()
        .unwrap_or_else(|| Path::new("output").join(format!("story-{name}")));
    let told_summaries =
        story::summaries(params, reps, threads).map_err(|e| run_err_at(e, &dest))?;
    if listing {
        return Ok(StoryOutcome::Listed(story::counts(params, &told_summaries)));
    }
    if let Some(f) = family
        && req.replication.is_some_and(|r| r >= reps)
    {
        let r = req.replication.unwrap_or(0);
        let (shown, last) = (f.arg(), reps.saturating_sub(1));
        return Err(CommandError::Input(both!(
            "--replication {r}: the scenario runs replications 0 to {last} (add --reps to run more) for family {shown}",
            "--replication {r}: het scenario draait herhalingen 0 tot {last} (meer met --reps) voor gezin {shown}"
        )));
    }
    let other_summaries = match &other {
        Some((l, _)) => {
            Some(story::summaries(&l.params, reps, threads).map_err(|e| run_err_at(e, &dest))?)
        }
        None => None,
    };
    let told_setup = Setup {
        loaded: &told,
        label: label(lang, &told, &common.sets),
        short: short(lang, &told, &common.sets),
        summaries: told_summaries,
    };
    let other_setup = other
        .as_ref()
        .zip(other_summaries)
        .map(|((l, sets), s)| Setup {
            loaded: l,
            label: label(lang, l, sets),
            short: short(lang, l, sets),
            summaries: s,
        });
    let sets = (
        common.sets.clone(),
        other.as_ref().map_or_else(Vec::new, |o| o.1.clone()),
    );
    let from = f64::from(params.run.warmup_days) * 24.0;
    let usual = |k: Kind| {
        other_setup
            .as_ref()
            .map(|o| typical(k, &told_setup.summaries, &o.summaries, from).usual())
    };
    let other_sums = other_setup.as_ref().map(|o| o.summaries.as_slice());

    // Which families to tell: (kind, replication, family).
    let mut picks: Vec<(Option<Kind>, u32, FamilyId)> = Vec::new();
    if let Some(id) = family {
        let rep = req.replication.unwrap_or(0);
        let summary = told_setup
            .summaries
            .get(rep as usize)
            .and_then(|c| c.iter().find(|s| s.id == id));
        if let (Some(k), Some(s)) = (kind, summary)
            && !k.fits(s)
        {
            let fits = KINDS
                .iter()
                .filter(|k| k.id != "any" && k.fits(s))
                .map(|k| k.id)
                .collect::<Vec<_>>()
                .join(", ");
            let (shown, asked) = (id.arg(), k.id);
            return Err(CommandError::Input(if fits.is_empty() {
                both!(
                    "--family {shown} is not of the kind `{asked}` (nor of any other kind but `any`); leave out --kind, or choose another family",
                    "--family {shown} is niet van de soort `{asked}` (en van geen andere soort dan `any`); laat --kind weg, of kies een ander gezin"
                )
            } else {
                both!(
                    "--family {shown} is not of the kind `{asked}`: it is of the kind {fits}; leave out --kind, or choose another family",
                    "--family {shown} is niet van de soort `{asked}`: het is van de soort {fits}; laat --kind weg, of kies een ander gezin"
                )
            }));
        }
        picks.push((kind, rep, id));
    } else if let Some(n) = req.set_of {
        let mut kinds: Vec<Kind> = match kind {
            Some(k) => vec![k],
            None => KINDS.iter().copied().filter(|k| k.id != "any").collect(),
        };
        // With another setup, a lesson's first families come from kinds with a clear contrast
        // (most families of the kind fare better, or most worse), in teaching order; kinds
        // without one come after.
        if let Some(o) = &other_setup {
            let clear = |k: &Kind| {
                let t = typical(*k, &told_setup.summaries, &o.summaries, from);
                let u = t.usual();
                u != Direction::Same && t.shares[u.index()].share >= 0.5
            };
            let (first, rest): (Vec<Kind>, Vec<Kind>) = kinds.iter().partition(|k| clear(k));
            kinds = first.into_iter().chain(rest).collect();
        }
        let mut chosen: Vec<FamilyId> = Vec::new();
        // One family per kind first, then more of the same kinds, until `n`.
        'fill: for _round in 0..n {
            let before = picks.len();
            for &k in &kinds {
                if picks.len() as u32 >= n {
                    break 'fill;
                }
                if let Some((rep, id)) = choose(
                    k,
                    params,
                    &told_setup.summaries,
                    other_sums,
                    usual(k),
                    &chosen,
                ) {
                    chosen.push(id);
                    picks.push((Some(k), rep, id));
                }
            }
            if picks.len() == before {
                break;
            }
        }
    } else {
        let kinds: Vec<Kind> = match kind {
            Some(k) => vec![k],
            None => KINDS.to_vec(),
        };
        if let Some((k, (rep, id))) = kinds.iter().find_map(|&k| {
            choose(k, params, &told_setup.summaries, other_sums, usual(k), &[]).map(|c| (k, c))
        }) {
            picks.push((Some(k), rep, id));
        }
    }
    if picks.is_empty() {
        let found: Vec<&str> = story::counts(params, &told_setup.summaries)
            .iter()
            .filter(|c| c.per_year > 0.0 && c.kind.id != "any")
            .map(|c| c.kind.id)
            .collect();
        let found = found.join(", ");
        let asked = kind.map_or("", |k| k.id);
        return Err(CommandError::Input(both!(
            "no finished story of kind `{asked}` among families that arrived after the warm-up in {reps} replications of {name}; kinds that did occur: {found}. To get one, run more replications (--reps 100) or a setup where it happens more often (a region without agreed criteria, or --set for the mechanism)",
            "geen afgerond verhaal van de soort `{asked}` bij gezinnen die na de inloop binnenkwamen, in {reps} herhalingen van {name}; wel voorgekomen: {found}. Meer kans met meer herhalingen (--reps 100) of een opzet waarin het vaker gebeurt (een regio zonder afgesproken criteria, of --set voor het mechanisme)"
        )));
    }

    // The folder names what was told, so that another lesson does not collide with it.
    let versus = other
        .as_ref()
        .map_or(String::new(), |(l, _)| format!("-vs-{}", l.scenario.name));
    let dir = result_dir(
        common,
        match picks.as_slice() {
            [(_, _, id)] => format!("story-{name}-{}{versus}", id.arg().replace(':', "-")),
            _ => format!("story-{name}-set{versus}"),
        },
    )?;
    let mut told_lines = Vec::new();
    let mut warnings = Vec::new();
    let mut entries = Vec::new();
    let single = picks.len() == 1 && req.set_of.is_none();
    for (k, (kind, rep, id)) in picks.iter().enumerate() {
        let mut b = book(
            lang,
            (*kind, *rep, *id),
            &told_setup,
            other_setup.as_ref(),
            sets.clone(),
            dir.dest(),
        )?;
        b.in_set = !single;
        let folder = if single {
            dir.path().to_path_buf()
        } else {
            let f = dir
                .path()
                .join(format!("{}-{}", k + 1, b.kind.map_or("family", |k| k.id)));
            std::fs::create_dir_all(&f).map_err(internal)?;
            f
        };
        write_story(lang, &folder, &b).map_err(internal)?;
        let title = b.title(lang);
        told_lines.push(format!("{title}: {}", b.family_line(lang)));
        let typical_line = crate::output::story::this_family_line(lang, &b);
        if let Some((line, crate::output::story::Standing::Exception)) = &typical_line {
            warnings.push(line.clone());
        }
        entries.push(Entry {
            folder: folder
                .file_name()
                .map_or(String::new(), |f| f.to_string_lossy().into_owned()),
            title,
            family: b.family_line(lang),
            endings: b
                .sides
                .iter()
                .map(|s| {
                    format!(
                        "{}: {}",
                        s.short,
                        crate::output::story::ending(lang, &s.story)
                    )
                })
                .collect(),
            typical: typical_line,
        });
    }
    let page = if single {
        "story.html"
    } else {
        write_index(
            lang,
            dir.path(),
            &lang.pick(
                format!("A lesson's families — {name}"),
                format!("Gezinnen voor een les — {name}"),
            ),
            &entries,
        )
        .map_err(internal)?;
        "index.html"
    };
    let path = commit(dir, common)?;
    Ok(StoryOutcome::Written {
        page: path.join(page),
        path,
        told: told_lines,
        warnings,
    })
}
