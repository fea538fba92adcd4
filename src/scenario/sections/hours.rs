//! Weekly opening hours of a desk (`[wijkteam.hours]`, `[advice.hours]`, `[vhh.hours]`,
//! `[zsm.hours]`) and their calendar.

use serde::{Deserialize, Serialize};

use crate::both;
use crate::engine::Calendar;
use crate::lang::Text;
use crate::scenario::check::{Invalid, bad};
use crate::scenario::register::{Evidence, Key, key};

/// Weekly opening hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hours {
    /// Open weekdays: "mon" .. "sun".
    pub days: Vec<String>,
    /// Opening time "HH:MM" (00:00 to 24:00, before `close`).
    pub open: String,
    /// Closing time "HH:MM" (00:00 to 24:00, after `open`).
    pub close: String,
}

impl Hours {
    /// Hours on the given weekdays.
    pub fn new(days: &[&str], open: &str, close: &str) -> Self {
        Self {
            days: days.iter().map(|d| d.to_string()).collect(),
            open: open.into(),
            close: close.into(),
        }
    }
    /// Monday to Friday, 08:30 to 17:00.
    pub fn office() -> Self {
        Self::new(&["mon", "tue", "wed", "thu", "fri"], "08:30", "17:00")
    }
}

impl Default for Hours {
    fn default() -> Self {
        Self::office()
    }
}

/// All seven weekdays, for desks open every day.
pub const ALL_DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The register rows of a desk's `hours.days`, `hours.open` and `hours.close`, with the
/// evidence for that desk's hours and the Dutch of its note (`""` where it has none).
pub const fn rows(evidence: Evidence, note_nl: &'static str) -> [Key; 3] {
    [
        key(
            "hours.days",
            "weekdays",
            "open weekdays (mon..sun)",
            evidence,
        )
        .nl("open dagen van de week (mon..sun)", note_nl, ""),
        key(
            "hours.open",
            "HH:MM, 00:00 to 24:00, before close",
            "opening time",
            evidence,
        )
        .nl("openingstijd", note_nl, ""),
        key(
            "hours.close",
            "HH:MM, 00:00 to 24:00, after open",
            "closing time",
            evidence,
        )
        .nl("sluitingstijd", note_nl, ""),
    ]
}

/// The one way the allowed opening hours are stated, in every message and document.
pub const HOURS_RULE: &str = "opening hours are \"HH:MM\" from 00:00 to 24:00, open before close";
/// [`HOURS_RULE`] in Dutch.
pub const HOURS_RULE_NL: &str =
    "openingstijden zijn \"UU:MM\" van 00:00 tot 24:00, open vóór dicht";

fn clock(key: &str, s: &str) -> Result<f64, Invalid> {
    let parsed = s.split_once(':').and_then(|(h, m)| {
        let h: u32 = h.trim().parse().ok()?;
        let m: u32 = m.trim().parse().ok()?;
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h as f64 + m as f64 / 60.0)
    });
    parsed.ok_or_else(|| {
        bad(
            key,
            both!(
                "`{s}` is not a time: {HOURS_RULE}",
                "`{s}` is geen tijd: {HOURS_RULE_NL}"
            ),
        )
    })
}

pub(crate) fn calendar(key: &str, h: &Hours) -> Result<Calendar, Invalid> {
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let mut days = [false; 7];
    for d in &h.days {
        let lower = d.to_ascii_lowercase();
        let Some(i) = NAMES.iter().position(|n| lower.starts_with(n)) else {
            return Err(bad(
                &format!("{key}.days"),
                both!(
                    "`{d}` is not a weekday: allowed mon, tue, wed, thu, fri, sat, sun",
                    "`{d}` is geen weekdag: toegestaan mon, tue, wed, thu, fri, sat, sun"
                ),
            ));
        };
        days[i] = true;
    }
    if !days.iter().any(|&d| d) {
        return Err(bad(
            &format!("{key}.days"),
            Text::new(
                "needs at least one open weekday",
                "vraagt minstens één open weekdag",
            ),
        ));
    }
    let open = clock(&format!("{key}.open"), &h.open)?;
    let close = clock(&format!("{key}.close"), &h.close)?;
    if close <= open {
        return Err(bad(&format!("{key}.close"), {
            let (open, close) = (&h.open, &h.close);
            both!(
                "closes at {close} but opens at {open}: {HOURS_RULE}",
                "sluit om {close} maar opent om {open}: {HOURS_RULE_NL}"
            )
        }));
    }
    Calendar::new(days, open, close)
        .map_err(|e| bad(key, both!("{e}: {HOURS_RULE}", "{e}: {HOURS_RULE_NL}")))
}
