//! Dutch for everything a person reads: a run's report, its charts and the terminal table in
//! Dutch contain none of the English texts of the same run in English. Identifiers (metric
//! ids, keys) and the study's own words and titles (`<q>`, `<cite>`) are left out of the
//! comparison.

use std::collections::BTreeSet;
use std::path::Path;

use avesim::commands::{self, Common};
use avesim::lang::Lang;
use avesim::output::terminal;

/// Short runs in `lang` into `out`, with charts and reports.
fn common(lang: Lang, out: &Path) -> Common {
    Common {
        out: Some(out.to_path_buf()),
        reps: Some(3),
        seed: Some(7),
        threads: Some(1),
        sets: vec!["run.horizon_days=400".into(), "run.warmup_days=60".into()],
        charts: true,
        lang,
        ..Default::default()
    }
}

fn run(lang: Lang, out: &Path) -> commands::RunOutcome {
    commands::run(None, &common(lang, out), false, false).unwrap()
}

/// Remove every `<tag>…</tag>` element of a kind (with its content).
fn drop_elements(mut s: String, tag: &str) -> String {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    while let Some(a) = s.find(&open) {
        let Some(b) = s[a..].find(&close) else { break };
        s.replace_range(a..a + b + close.len(), " ");
    }
    s
}

/// The pieces of running text between tags that hold at least two words of letters.
fn segments(html: &str) -> BTreeSet<String> {
    let mut s = html.to_string();
    for tag in ["style", "code", "q", "cite"] {
        s = drop_elements(s, tag);
    }
    let mut out = BTreeSet::new();
    let mut rest = s.as_str();
    while let Some(a) = rest.find('>') {
        rest = &rest[a + 1..];
        let end = rest.find('<').unwrap_or(rest.len());
        let text = rest[..end].trim();
        let words = text
            .split_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .count();
        if words >= 2 {
            out.insert(text.to_string());
        }
        rest = &rest[end..];
    }
    out
}

/// Texts that are the same in both languages (names, the study's terms).
const SAME_IN_BOTH: &[&str] = &[
    "opschalingen naar AVE 3",
    "opschalingen naar AVE 4 (bij escalatie)",
    "opschaling naar AVE 3",
    "opschaling naar AVE 4 (bij escalatie)",
    "Opschaling naar AVE 3",
    "AVE 2 (wijkteam)",
    "AVE 3 (procesregie Veiligheidshuis)",
    "AVE 4 (burgemeester, driehoek)",
    "Caseload per wijkteam",
    // Units that are the words a scenario file writes, and one that is Dutch as it is.
    "advice | procesregie",
    "ave | informal | crisis_only",
    "bridged | shared | joint",
    "factor per consult",
];

fn untranslated(en: &BTreeSet<String>, nl: &BTreeSet<String>) -> Vec<String> {
    en.intersection(nl)
        .filter(|s| !SAME_IN_BOTH.contains(&s.as_str()))
        .filter(|s| !s.starts_with("leeuwarden") && !s.starts_with("team "))
        // File names and `key=value` overrides are identifiers.
        .filter(|s| !s.contains("charts/") && !s.contains('='))
        // "alarm: metric_id > value" (alarm is Dutch too; the rest is what the user typed).
        .filter(|s| !s.starts_with("alarm: "))
        .cloned()
        .collect()
}

#[test]
fn the_dutch_report_charts_and_table_have_no_english_left() {
    let tmp = tempfile::tempdir().unwrap();
    let en = run(Lang::En, &tmp.path().join("en"));
    let nl = run(Lang::Nl, &tmp.path().join("nl"));
    let read = |dir: &Path, f: &str| std::fs::read_to_string(dir.join(f)).unwrap();

    let en_report = read(&en.path, "report.html");
    let nl_report = read(&nl.path, "report.html");
    assert!(nl_report.contains("<html lang=\"nl\">"));
    let left = untranslated(&segments(&en_report), &segments(&nl_report));
    assert!(left.is_empty(), "English in the Dutch report: {left:#?}");
    // The register's heading and explanation are Dutch, and so is the footer.
    assert!(nl_report.contains("Register van aannames"));
    assert!(nl_report.contains("Gemaakt met avesim"));

    for chart in [
        "opschaling",
        "phases",
        "vhh_pressure",
        "wijkteam_pressure",
        "zsm_pressure",
        "time_to_opschaling",
        "headline",
    ] {
        let f = format!("charts/{chart}.svg");
        let left = untranslated(
            &segments(&read(&en.path, &f)),
            &segments(&read(&nl.path, &f)),
        );
        assert!(
            left.is_empty(),
            "English in the Dutch chart {chart}: {left:#?}"
        );
    }

    let table = |lang, out: &commands::RunOutcome| {
        terminal::run_table(lang, &out.loaded.scenario, &out.loaded.params, &out.results)
    };
    let (en_table, nl_table) = (table(Lang::En, &en), table(Lang::Nl, &nl));
    for english in [
        "metric",
        "mean",
        "replications",
        "unit",
        "per 1000 cases entered",
        "share",
    ] {
        assert!(en_table.contains(english), "{english}");
        assert!(
            !nl_table.contains(english),
            "`{english}` in the Dutch table:\n{nl_table}"
        );
    }
    // Dutch writes a decimal comma.
    assert!(nl_table.contains("0,"), "{nl_table}");

    // `check`'s listing: every parameter's note, unit and source in Dutch.
    let listing = |lang, out: &commands::RunOutcome| {
        terminal::check_listing(lang, &out.loaded, "embedded scenarios/leeuwarden.toml")
    };
    let notes = |text: &str| -> BTreeSet<String> {
        text.lines()
            .filter_map(|l| l.split_once("    # ").map(|(_, c)| c))
            // The study's quotes are Dutch in both; what surrounds them is compared.
            .flat_map(|c| {
                c.split('"')
                    .step_by(2)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .map(|c| c.trim_matches([' ', ';', ':', '(', ')']).to_string())
            .filter(|c| c.split_whitespace().count() >= 3 && !c.contains('='))
            .collect()
    };
    let (en_list, nl_list) = (listing(Lang::En, &en), listing(Lang::Nl, &nl));
    let (en_notes, nl_notes) = (notes(&en_list), notes(&nl_list));
    let same: Vec<&String> = en_notes
        .intersection(&nl_notes)
        .filter(|s| !s.starts_with('[') && !s.contains("scenarios/"))
        .collect();
    assert!(
        same.is_empty(),
        "English in the Dutch check listing: {same:#?}"
    );
}

#[test]
fn the_segments_helper_finds_english_when_it_is_there() {
    // The test above can fail: the same report in English twice shares every segment.
    let html = "<h2>What was run</h2><p>Mean over 3 replications</p><code>vhh_wait</code>";
    let s = segments(html);
    assert_eq!(untranslated(&s, &s).len(), 2);
}

#[test]
fn the_dutch_reports_of_a_comparison_and_a_sweep_have_no_english_left() {
    let tmp = tempfile::tempdir().unwrap();
    let common = |lang, out: &str| common(lang, &tmp.path().join(out));
    let files = [
        std::path::PathBuf::from("scenarios/leeuwarden.toml"),
        std::path::PathBuf::from("scenarios/what-if/no-advice.toml"),
    ];
    let vary = ["overflow.extra_per_year=0,0.3".to_string()];
    let mut reports = Vec::new();
    for (lang, tag) in [(Lang::En, "en"), (Lang::Nl, "nl")] {
        let c = commands::run_compare(&files, &common(lang, &format!("c-{tag}"))).unwrap();
        let s = commands::run_sweep(None, &vary, &[], &common(lang, &format!("s-{tag}"))).unwrap();
        let read = |p: &Path| std::fs::read_to_string(p.join("report.html")).unwrap();
        reports.push((read(&c.path), read(&s.path)));
    }
    let (en, nl) = (&reports[0], &reports[1]);
    for (e, n, what) in [(&en.0, &nl.0, "comparison"), (&en.1, &nl.1, "sweep")] {
        assert!(n.contains("Belangrijkste bevindingen"), "{what}");
        let left = untranslated(&segments(e), &segments(n));
        assert!(
            left.is_empty(),
            "English in the Dutch {what} report: {left:#?}"
        );
    }
}
