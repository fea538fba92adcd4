//! `results.xlsx`: the run's tables as one workbook, numbers as numbers (so a Dutch-locale
//! Excel reads them as it reads its own), one sheet per table, the unit in every header. The
//! creation time is pinned to the run's start date, so the file is byte-identical for the
//! same scenario and seed. Case-level output stays in `cases.csv`: at 30 replications it has
//! more rows than a sheet holds, and the "about" sheet says so.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::files::RunFacts;
use crate::experiment::RunResults;
use crate::lang::Lang;
use crate::model::metrics::METRICS;
use crate::model::yearly::{COLUMNS, years};
use crate::scenario::Params;

/// The most rows a sheet holds (Excel's limit, header included).
pub const SHEET_ROWS: u32 = 1_048_576;

fn header(sheet: &mut Worksheet, names: &[String], bold: &Format) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, name, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A number, or nothing for a value that is not defined.
fn number(sheet: &mut Worksheet, row: u32, col: u16, v: f64) -> Result<(), XlsxError> {
    if v.is_finite() {
        sheet.write_number(row, col, v)?;
    }
    Ok(())
}

/// Write `results.xlsx` into `dir`.
pub fn write_xlsx(
    lang: Lang,
    dir: &Path,
    params: &Params,
    results: &RunResults,
    facts: &RunFacts,
    cases_rows: Option<u64>,
) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let d = params.run.start_date;
    let created = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let t = |en: &str, nl: &str| lang.pick(en, nl).to_string();

    // About the run.
    let about = book.add_worksheet().set_name(lang.pick("about", "over"))?;
    let mut rows: Vec<(String, String)> = vec![
        (t("scenario", "scenario"), facts.scenario.clone()),
        (t("source", "bron"), lang.origin(&facts.source)),
        ("seed".into(), facts.seed.to_string()),
        (
            t("replications", "herhalingen"),
            facts.replications.to_string(),
        ),
        (
            t("days per replication", "dagen per herhaling"),
            facts.horizon_days.to_string(),
        ),
        (
            t("of which warm-up", "waarvan inloopperiode"),
            facts.warmup_days.to_string(),
        ),
        (
            t("changed with --set", "gewijzigd met --set"),
            facts.changes.join(", "),
        ),
        ("avesim".into(), facts.avesim_version.to_string()),
    ];
    for w in &facts.warnings {
        rows.push((t("warning", "waarschuwing"), w.text.clone()));
    }
    rows.push((
        t("case-level output", "uitvoer per casus"),
        match cases_rows {
            Some(n) if n + 1 > u64::from(SHEET_ROWS) => lang.pick(
                format!("cases.csv: {n} rows, more than an Excel sheet holds ({SHEET_ROWS}); open it in a tool for large data, or run fewer replications"),
                format!("cases.csv: {n} regels, meer dan een Excel-blad bevat ({SHEET_ROWS}); open het in een programma voor grote bestanden, of reken met minder herhalingen"),
            ),
            Some(n) => lang.pick(
                format!("cases.csv: {n} rows (not in this workbook)"),
                format!("cases.csv: {n} regels (niet in deze werkmap)"),
            ),
            None => t("none (run with --cases)", "geen (reken met --cases)"),
        },
    ));
    for (r, (k, v)) in rows.iter().enumerate() {
        about.write_string_with_format(r as u32, 0, k, &bold)?;
        about.write_string(r as u32, 1, v)?;
    }
    about.set_column_width(0, 24)?;
    about.set_column_width(1, 100)?;

    // Headline metrics.
    let sheet = book.add_worksheet().set_name("summary")?;
    header(
        sheet,
        &[
            "metric".into(),
            t("label", "omschrijving"),
            "unit".into(),
            "mean".into(),
            "ci95_low".into(),
            "ci95_high".into(),
            "replications".into(),
        ],
        &bold,
    )?;
    for (r, (m, row)) in METRICS.iter().zip(&results.summary).enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, m.name)?;
        sheet.write_string(r, 1, m.metric.label(lang))?;
        sheet.write_string(r, 2, m.metric.unit_text(lang))?;
        number(sheet, r, 3, row.interval.mean)?;
        number(sheet, r, 4, row.interval.low)?;
        number(sheet, r, 5, row.interval.high)?;
        sheet.write_number(r, 6, row.interval.n as f64)?;
    }
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(1, 45)?;
    sheet.set_column_width(2, 28)?;

    // Each replication: one row each, a column per metric.
    let sheet = book.add_worksheet().set_name("replications")?;
    let mut names = vec!["replication".to_string()];
    names.extend(METRICS.iter().map(|m| format!("{} [{}]", m.name, m.unit)));
    header(sheet, &names, &bold)?;
    for (r, values) in results.replications.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_number(row, 0, r as f64)?;
        for (c, &v) in values.iter().enumerate() {
            number(sheet, row, c as u16 + 1, v)?;
        }
    }

    // Year by year.
    let sheet = book.add_worksheet().set_name("yearly")?;
    let mut names = vec![
        "year".to_string(),
        "first_date".into(),
        "last_date".into(),
        "days".into(),
    ];
    for c in COLUMNS {
        names.push(format!("{} [{}]", c.name, c.unit));
        names.push(format!("{} ci95_low", c.name));
        names.push(format!("{} ci95_high", c.name));
    }
    header(sheet, &names, &bold)?;
    for (r, (y, row)) in years(&params.run).iter().zip(&results.yearly).enumerate() {
        let rr = r as u32 + 1;
        sheet.write_number(rr, 0, f64::from(y.year))?;
        sheet.write_string(
            rr,
            1,
            params.run.date_of_day(i64::from(y.first_day)).to_string(),
        )?;
        sheet.write_string(
            rr,
            2,
            params.run.date_of_day(i64::from(y.last_day)).to_string(),
        )?;
        sheet.write_number(rr, 3, f64::from(y.last_day - y.first_day + 1))?;
        for (k, i) in row.iter().enumerate() {
            let c = 4 + 3 * k as u16;
            number(sheet, rr, c, i.mean)?;
            number(sheet, rr, c + 1, i.low)?;
            number(sheet, rr, c + 2, i.high)?;
        }
    }

    // Daily series: one row per day, a column per series (means; intervals in timeseries.csv).
    if !results.series.is_empty() {
        let sheet = book.add_worksheet().set_name("timeseries")?;
        let mut names = vec!["day".to_string(), "date".into()];
        names.extend(results.series.iter().map(|s| s.name()));
        header(sheet, &names, &bold)?;
        let days = results.daily.first().map_or(0, Vec::len);
        for day in 0..days {
            let r = day as u32 + 1;
            sheet.write_number(r, 0, day as f64)?;
            sheet.write_string(r, 1, params.run.date_of_day(day as i64).to_string())?;
            for (c, series) in results.daily.iter().enumerate() {
                number(sheet, r, c as u16 + 2, series[day].mean)?;
            }
        }
    }

    // ZSM queue by hour of day.
    let sheet = book.add_worksheet().set_name("hourly")?;
    header(
        sheet,
        &[
            "hour".into(),
            "zsm_waiting [suspects]".into(),
            "ci95_low".into(),
            "ci95_high".into(),
        ],
        &bold,
    )?;
    for (h, i) in results.zsm_queue_by_hour.iter().enumerate() {
        let r = h as u32 + 1;
        sheet.write_number(r, 0, h as f64)?;
        number(sheet, r, 1, i.mean)?;
        number(sheet, r, 2, i.low)?;
        number(sheet, r, 3, i.high)?;
    }

    // Time to opschaling.
    let sheet = book.add_worksheet().set_name("distributions")?;
    header(
        sheet,
        &[
            "series".into(),
            "bin_low [days]".into(),
            "bin_high [days]".into(),
            "mean_count [cases per replication]".into(),
            "ci95_low".into(),
            "ci95_high".into(),
        ],
        &bold,
    )?;
    let mut r = 1u32;
    for (name, binned) in [
        ("time_to_ave3_complex", &results.time_to_ave3),
        ("time_to_late_incident", &results.time_to_late),
    ] {
        for (b, i) in binned.bins.iter().enumerate() {
            sheet.write_string(r, 0, name)?;
            sheet.write_number(r, 1, b as f64 * binned.width_days)?;
            sheet.write_number(r, 2, (b + 1) as f64 * binned.width_days)?;
            number(sheet, r, 3, i.mean)?;
            number(sheet, r, 4, i.low)?;
            number(sheet, r, 5, i.high)?;
            r += 1;
        }
    }

    save(&mut book, dir)
}

/// Write `results.xlsx` of a sweep or a comparison into `dir`: an "about" sheet (`about`:
/// label and value per row), then one sheet per CSV table in `dir` named in `tables` (the
/// file's stem names the sheet), numbers as numbers, and next to each metric id its label in
/// `lang`. `created` pins the creation time (the run's start date).
pub fn write_study_xlsx(
    lang: Lang,
    dir: &Path,
    created: jiff::civil::Date,
    about: &[(String, String)],
    tables: &[&str],
) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let d = created;
    let created = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name(lang.pick("about", "over"))?;
    for (r, (k, v)) in about.iter().enumerate() {
        sheet.write_string_with_format(r as u32, 0, k, &bold)?;
        sheet.write_string(r as u32, 1, v)?;
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 100)?;
    for file in tables {
        let path = dir.join(file);
        let mut reader = csv::Reader::from_path(&path).map_err(|e| XlsxError::IoError(e.into()))?;
        let head: Vec<String> = reader
            .headers()
            .map_err(|e| XlsxError::IoError(e.into()))?
            .iter()
            .map(str::to_string)
            .collect();
        let metric_col = head.iter().position(|h| h == "metric");
        let mut names = head.clone();
        if let Some(k) = metric_col {
            names.insert(k + 1, lang.pick("label", "omschrijving").to_string());
        }
        let stem = Path::new(file)
            .file_stem()
            .map_or_else(|| (*file).to_string(), |s| s.to_string_lossy().into_owned());
        let sheet = book.add_worksheet().set_name(&stem)?;
        header(sheet, &names, &bold)?;
        for (r, record) in reader.records().enumerate() {
            let record = record.map_err(|e| XlsxError::IoError(e.into()))?;
            let r = r as u32 + 1;
            let mut c = 0u16;
            for (k, field) in record.iter().enumerate() {
                match field.parse::<f64>() {
                    Ok(v) if v.is_finite() => sheet.write_number(r, c, v)?,
                    Ok(_) => sheet,
                    Err(_) => sheet.write_string(r, c, field)?,
                };
                c += 1;
                if Some(k) == metric_col {
                    let label =
                        crate::model::Metric::from_name(field).map_or("", |m| m.label(lang));
                    sheet.write_string(r, c, label)?;
                    c += 1;
                }
            }
        }
        sheet.set_column_width(metric_col.map_or(0, |k| k as u16), 40)?;
        if let Some(k) = metric_col {
            sheet.set_column_width(k as u16 + 1, 45)?;
        }
    }
    save(&mut book, dir)
}

/// Save as `results.xlsx` with zip level 2: about half the time of the default level 6 for
/// about a tenth more bytes (rust_xlsxwriter's own measurements); the workbook is the same.
fn save(book: &mut Workbook, dir: &Path) -> Result<(), XlsxError> {
    book.set_zip_compression_level(2);
    book.save(dir.join("results.xlsx"))
}
