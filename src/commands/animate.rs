//! `avesim animate`: a year at the desks as one self-contained page, two setups side by side
//! on the same families (common random numbers).

use std::path::PathBuf;

use super::story::{Setups, short};
use super::{CommandError, Common, commit, internal, result_dir, run_err};
use crate::both;
use crate::experiment::animate::record;
use crate::output::animate::{Reel, write_animation};
use crate::scenario::Loaded;

/// What to animate.
#[derive(Debug, Clone, Default)]
pub struct AnimateRequest {
    /// The scenario and the other setup, side by side.
    pub setups: Setups,
    /// A calendar year to play (default: the first 365 days after the warm-up).
    pub year: Option<i16>,
    /// The replication (0-based).
    pub replication: Option<u32>,
}

/// What `avesim animate` wrote.
pub struct AnimateOutcome {
    /// The result folder.
    pub path: PathBuf,
    /// The page.
    pub page: PathBuf,
    /// Cases moved and size of the page in bytes.
    pub steps: usize,
    /// Size of the page (bytes).
    pub bytes: u64,
}

/// The window to play: first day and number of days.
fn window(loaded: &Loaded, year: Option<i16>) -> Result<(u32, u32), CommandError> {
    let run = &loaded.params.run;
    let Some(y) = year else {
        let from = run.warmup_days;
        return Ok((from, 365.min(run.horizon_days.saturating_sub(from)).max(1)));
    };
    let first = run.date_of_day(0).year();
    let last = run.date_of_day(i64::from(run.horizon_days) - 1).year();
    let date = jiff::civil::Date::new(y, 1, 1)
        .ok()
        .filter(|_| (first..=last).contains(&y));
    let Some(date) = date else {
        return Err(CommandError::Input(both!(
            "--year {y}: the run covers {first} to {last}",
            "--year {y}: de run loopt van {first} tot {last}"
        )));
    };
    let from = (run.hours_until(date) / 24.0).max(0.0) as u32;
    let days = 365.min(run.horizon_days.saturating_sub(from)).max(1);
    Ok((from, days))
}

/// Record a year of the scenario (and the other setup) and write `animation.html`.
pub fn animate(req: &AnimateRequest, common: &Common) -> Result<AnimateOutcome, CommandError> {
    let lang = common.lang;
    let (told, other) = req.setups.load(common)?;
    let rep = req.replication.unwrap_or(0);
    if rep >= told.params.run.replications.max(1) && req.replication.is_some() {
        let last = told.params.run.replications.saturating_sub(1);
        return Err(CommandError::Input(both!(
            "--replication {rep}: the scenario has replications 0 to {last}",
            "--replication {rep}: het scenario heeft herhalingen 0 tot {last}"
        )));
    }
    let (from, days) = window(&told, req.year)?;
    let name = told.scenario.name.clone();
    // The folder names the year and the other setup, so that another lesson does not collide.
    let year = told.params.run.date_of_day(i64::from(from)).year();
    let versus = other
        .as_ref()
        .map_or(String::new(), |(l, _)| format!("-vs-{}", l.scenario.name));
    let dir = result_dir(common, format!("animate-{name}-{year}{versus}"))?;
    let mut setups: Vec<(String, &Loaded)> = vec![(short(lang, &told, &common.sets), &told)];
    if let Some((l, sets)) = &other {
        setups.push((short(lang, l, sets), l));
    }
    let movies = setups
        .iter()
        .map(|(_, l)| record(&l.params, rep, from, days).map_err(|e| run_err(e, &dir)))
        .collect::<Result<Vec<_>, _>>()?;
    let reels: Vec<Reel> = setups
        .iter()
        .zip(&movies)
        .map(|((label, _), movie)| Reel {
            label: label.clone(),
            movie,
        })
        .collect();
    let run = &told.params.run;
    let (start, end) = (
        run.date_of_day(i64::from(from)),
        run.date_of_day(i64::from(from + days) - 1),
    );
    let steps: usize = movies.iter().map(|m| m.steps.len()).sum();
    let title = lang
        .pick("A year at the desks", "Een jaar aan de tafels")
        .to_string();
    let seed = run.seed;
    // `1 januari 2015`: the long date without its weekday.
    let long = |d: jiff::civil::Date| {
        let t = f64::from(d.since(run.origin).map_or(0, |s| s.get_days())) * 24.0;
        let text = crate::output::story::long_date(lang, run, t);
        text.split_once(' ')
            .map_or(text.clone(), |(_, rest)| rest.to_string())
    };
    let (from_words, to_words) = (long(start), long(end));
    let both = if setups.len() > 1 {
        lang.pick(
            " Both setups play the same families: where the dots part, the setup made the difference.",
            " Beide opzetten spelen dezelfde gezinnen: waar de stippen uiteenlopen, maakte de opzet het verschil.",
        )
    } else {
        ""
    };
    let mut intro = vec![
        lang.pick(
            format!("From {from_words} to {to_words}. Every case in progress is a dot, coloured by its AVE phase; it moves when it changes desk.{both}"),
            format!("Van {from_words} tot {to_words}. Elke lopende casus is een stip in de kleur van zijn AVE-fase; de stip verplaatst zich als de casus van tafel wisselt.{both}"),
        ),
        lang.pick(
            format!("Nothing is sampled away: every case is drawn. Only this is summarised: the suspects unknown to the social domain at ZSM are a count and a bar (dozens a day), not dots; a consult's question shows as a dot at the advice function while the family stays at its wijkteam; a known family's visit to ZSM lasts hours, so ZSM shows the families of the last 24 hours; a box that is full says how many more there are. Replication {rep}, seed {seed}, the same random numbers for both setups."),
            format!("Er is niets weggelaten: elke casus wordt getekend. Alleen dit is samengevat: de verdachten bij ZSM die in het sociaal domein onbekend zijn, als aantal en balk (tientallen per dag), niet als stippen; een adviesvraag staat als stip bij de adviesfunctie terwijl het gezin bij zijn wijkteam blijft; het bezoek van een bekend gezin aan ZSM duurt uren, dus ZSM toont de gezinnen van de laatste 24 uur; een vol vak zegt hoeveel er nog meer zijn. Herhaling {rep}, seed {seed}, dezelfde toevalsgetallen voor beide opzetten."),
        ),
    ];
    if from < run.warmup_days {
        let warm = run.warmup_days;
        intro.push(lang.pick(
            format!("This year lies (partly) in the warm-up of {warm} days: the run starts empty, so the desks fill up as it goes; the measured years come after it."),
            format!("Dit jaar valt (deels) in de inloop van {warm} dagen: de run begint leeg, dus de tafels lopen gaandeweg vol; de gemeten jaren komen daarna."),
        ));
    }
    // A line that only grows: this setup does not settle, and the page says so.
    let mut warnings = Vec::new();
    for ((label, _), movie) in setups.iter().zip(&movies) {
        let (a, b) = movie.at_start_and_end(crate::experiment::animate::Place::VhhWaiting);
        if b > 20 && b as f64 > 1.5 * a as f64 {
            warnings.push(lang.pick(
                format!("Note: in \"{label}\" the line for procesregie grows all year, from {a} to {b} cases: the Veiligheidshuis cannot keep up, so this setup does not settle and its waits keep growing (avesim run warns about it too)."),
                format!("Let op: in \"{label}\" groeit de wachtrij voor procesregie het hele jaar, van {a} naar {b} casussen: het Veiligheidshuis kan het niet bijhouden, dus deze opzet komt niet in evenwicht en de wachttijden blijven oplopen (avesim run waarschuwt daar ook voor)."),
            ));
        }
    }
    let path = dir.path().join("animation.html");
    write_animation(
        lang,
        &path,
        &title,
        &intro,
        &warnings,
        &start.to_string(),
        &reels,
    )
    .map_err(internal)?;
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    let out = commit(dir, common)?;
    Ok(AnimateOutcome {
        page: out.join("animation.html"),
        path: out,
        steps,
        bytes,
    })
}
