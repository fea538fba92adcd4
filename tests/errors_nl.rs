//! Error messages in Dutch: each kind of bad input, given with `--lang nl`, gets one line
//! starting `fout:`, exit code 2, and none of the English message's words; the same input
//! with `--lang en` gets the English line. The inputs cover every place messages are made:
//! a `--set` value, a scenario file, an unknown key, opening hours, a missing file, `--vary`,
//! `--alarm`, and an output folder that is not avesim's.

use std::path::Path;
use std::process::Command;

/// Run avesim in `dir` with `args` in `lang`: (exit code, stderr).
fn avesim(dir: &Path, lang: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_avesim"))
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .arg("--lang")
        .arg(lang)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Words of the English messages that Dutch must not contain.
const ENGLISH: &[&str] = &[
    "error:",
    "expected",
    "allowed",
    " got ",
    "must",
    "choose another",
    "is not a",
    "unknown key",
    "did you mean",
    "not found",
    "already exists",
    "with a decimal point",
    "needs",
    "opening hours are",
];

#[test]
fn every_kind_of_bad_input_is_told_in_dutch_with_the_dutch_flag() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("comma.toml"),
        "name = \"x\"\n[criteria]\nadherence = 0,8\n",
    )
    .unwrap();
    std::fs::create_dir(d.join("mine")).unwrap();
    std::fs::write(d.join("mine/notes.txt"), "my own work").unwrap();
    let cases: &[&[&str]] = &[
        &["check", "--set", "criteria.adherence=1.5"],
        &["check", "--set", "criteria.adherence=\"0.8\""],
        &["check", "--set", "criteria.adhrence=0.5"],
        &["check", "--set", "vhh.hours.open=25:00"],
        &["check", "--set", "run.horizon_days=0"],
        &["check", "comma.toml"],
        &["check", "missing.toml"],
        &["check", "--set", "novalue"],
        &["sweep", "--vary", "growth.multiplier"],
        &[
            "sweep",
            "--vary",
            "growth.multiplier=1,2",
            "--alarm",
            "nope>1",
        ],
        &["run", "--out", "mine", "--reps", "2", "--quiet"],
    ];
    for args in cases {
        let (code_en, en) = avesim(d, "en", args);
        let (code_nl, nl) = avesim(d, "nl", args);
        assert_eq!((code_en, code_nl), (2, 2), "{args:?}: {en} / {nl}");
        assert!(en.starts_with("error: "), "{args:?}: {en}");
        assert!(nl.starts_with("fout: "), "{args:?}: {nl}");
        assert_eq!(nl.trim_end().lines().count(), 1, "{args:?}: {nl}");
        let lower = nl.to_lowercase();
        let left: Vec<&&str> = ENGLISH.iter().filter(|w| lower.contains(*w)).collect();
        assert!(left.is_empty(), "{args:?}: English {left:?} in {nl}");
    }
    assert!(std::fs::read_to_string(d.join("mine/notes.txt")).unwrap() == "my own work");
}
