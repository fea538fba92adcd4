//! `results.xlsx` holds the same numbers as the CSVs, as numbers, one sheet per table, and is
//! byte-identical whatever the thread count.

use std::path::Path;

use avesim::commands::{self, Common};
use calamine::{Data, Reader, Xlsx, open_workbook};

fn run(out: &Path, threads: u32) {
    let common = Common {
        out: Some(out.to_path_buf()),
        reps: Some(3),
        seed: Some(11),
        threads: Some(threads),
        sets: vec!["run.horizon_days=800".into(), "run.warmup_days=100".into()],
        charts: false,
        ..Default::default()
    };
    commands::run(None, &common, false, false).unwrap();
}

fn csv_column(path: &Path, col: &str) -> Vec<Option<f64>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let k = r.headers().unwrap().iter().position(|h| h == col).unwrap();
    r.records()
        .map(|rec| rec.unwrap()[k].parse::<f64>().ok())
        .collect()
}

#[test]
fn the_workbook_holds_the_csv_numbers_as_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    run(&a, 1);
    run(&b, 2);
    let bytes = |p: &Path| std::fs::read(p.join("results.xlsx")).unwrap();
    assert_eq!(
        bytes(&a),
        bytes(&b),
        "results.xlsx differs with the thread count"
    );

    let mut book: Xlsx<_> = open_workbook(a.join("results.xlsx")).unwrap();
    let names = book.sheet_names();
    for sheet in [
        "summary",
        "replications",
        "yearly",
        "timeseries",
        "hourly",
        "distributions",
    ] {
        assert!(
            names.iter().any(|n| n == sheet),
            "{sheet} missing: {names:?}"
        );
    }
    let summary = book.worksheet_range("summary").unwrap();
    let means: Vec<Option<f64>> = summary
        .rows()
        .skip(1)
        .map(|row| match row[3] {
            Data::Float(v) => Some(v),
            Data::Empty => None,
            ref other => panic!("a mean that is not a number: {other:?}"),
        })
        .collect();
    assert_eq!(means, csv_column(&a.join("summary.csv"), "mean"));

    // The yearly sheet is wide (a column per measure); yearly.csv is long.
    let yearly = book.worksheet_range("yearly").unwrap();
    let head: Vec<String> = yearly
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let entered = head
        .iter()
        .position(|h| h.starts_with("cases_entered ["))
        .unwrap();
    let from_sheet: Vec<f64> = yearly
        .rows()
        .skip(1)
        .map(|r| match r[entered] {
            Data::Float(v) => v,
            ref other => panic!("{other:?}"),
        })
        .collect();
    let mut r = csv::Reader::from_path(a.join("yearly.csv")).unwrap();
    let from_csv: Vec<f64> = r
        .records()
        .map(|x| x.unwrap())
        .filter(|x| &x[4] == "cases_entered")
        .map(|x| x[6].parse().unwrap())
        .collect();
    assert_eq!(from_sheet, from_csv);
    assert_eq!(from_sheet.len(), 2);
}

#[test]
fn a_comparison_workbook_holds_its_tables_as_numbers_with_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    let common = Common {
        out: Some(out.clone()),
        reps: Some(3),
        seed: Some(11),
        threads: Some(2),
        sets: vec!["run.horizon_days=600".into(), "run.warmup_days=100".into()],
        charts: false,
        lang: avesim::lang::Lang::Nl,
        ..Default::default()
    };
    let scenarios = [
        std::path::PathBuf::from("scenarios/leeuwarden.toml"),
        std::path::PathBuf::from("scenarios/what-if/no-advice.toml"),
    ];
    commands::run_compare(&scenarios, &common).unwrap();
    let mut book: Xlsx<_> = open_workbook(out.join("results.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["over", "comparison", "differences"],
        "an about sheet, then one sheet per CSV table"
    );
    for (sheet, file, col) in [
        ("comparison", "comparison.csv", "mean"),
        ("differences", "differences.csv", "mean_difference"),
    ] {
        let range = book.worksheet_range(sheet).unwrap();
        let head: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let k = head.iter().position(|h| h == col).unwrap();
        let label = head.iter().position(|h| h == "omschrijving").unwrap();
        let want = csv_column(&out.join(file), col);
        let got: Vec<Option<f64>> = range
            .rows()
            .skip(1)
            .map(|r| match &r[k] {
                Data::Float(v) => Some(*v),
                _ => None,
            })
            .collect();
        assert_eq!(got, want, "{sheet}: the numbers of {file}, as numbers");
        let first = range.rows().nth(1).unwrap();
        assert!(
            matches!(&first[label], Data::String(s) if !s.is_empty()),
            "{sheet}: each metric id has its Dutch label"
        );
    }
}
