//! The one report builder: every command that produces results (`run`, `sweep`, `compare`)
//! writes `report.html` with it — one self-contained page (inline SVG and CSS, no network, no
//! JavaScript) in the chosen language: the title with every override, what a reader must
//! know first, key findings generated from the results, what was run, tables, charts, what
//! the model can and cannot tell you, and (for a run) the assumptions register. Readable on a
//! phone (tables reflow into cards, charts scroll sideways) and printable on A4.

use std::fmt::Write as _;
use std::path::Path;

use crate::lang::Lang;

use super::charts::ChartInfo;

mod advice;
mod limits;
mod run;
mod sensitivity;
mod study;
mod uncertain;

pub use advice::{region_title, write_advice_report};
pub use run::write_report;
pub use sensitivity::{Carried, write_sensitivity_report};
pub use study::{write_compare_report, write_sweep_report};
pub use uncertain::{Reading, Study, write_uncertain_report};

/// Escape text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const CSS: &str = "
body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;color:#222;max-width:1200px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em;overflow-wrap:anywhere}
p,li,td code{overflow-wrap:anywhere}td,code,td:first-child{overflow-wrap:break-word}h2{margin-top:2em;border-bottom:2px solid #1f77b4;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.6em 0}
th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f3f6f9}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
figure{margin:1.5em 0;page-break-inside:avoid}figure svg{width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.9em;color:#555}.small{font-size:.85em;color:#555}
.tag{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.85em;white-space:nowrap}
.gA{background:#dbeafe}.gB{background:#e0e7ff}.gP{background:#dcfce7}.gC{background:#fee2e2}.control{background:#eee}
q{font-style:italic}
.warn{border-left:6px solid #d62728;background:#fdecea;padding:.2em 1em;margin:1em 0}
.findings{border-left:6px solid #1f77b4;background:#eef5fb;padding:.2em 1em;margin:1em 0}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0;padding:0;font-size:10.5pt}figure svg{width:100%;max-width:100%;height:auto}figure{break-inside:avoid;page-break-inside:avoid}h2,h3{break-after:avoid;page-break-after:avoid}tr{break-inside:avoid}.warn,.findings{break-inside:avoid}}
@media print{body{max-width:none}h2{page-break-before:auto}}
@media (max-width:700px){td,code{overflow-wrap:anywhere}table.cards,table.cards tbody{display:block;width:100%}table.cards tr:first-child{display:none}table.cards tr{display:block;border-bottom:2px solid #ddd;padding:.3em 0}table.cards td{display:block;border:none;padding:.1em .3em;text-align:left}table.cards td::before{content:attr(data-label) \": \";font-weight:bold;font-size:.85em;color:#555}table.cards td.num{text-align:left;white-space:normal}table.cards td:empty{display:none}table.cards td[data-label=\"\"]::before{content:none}figure{overflow-x:auto}figure svg{width:1000px;max-width:none}}
";

/// A report page being built.
pub struct Page {
    lang: Lang,
    html: String,
}

impl Page {
    /// A page with its title (escaped here) and one line under it.
    pub fn new(lang: Lang, title: &str, subtitle: &str) -> Page {
        let report = lang.pick("avesim report", "avesim-rapport");
        Page::of_kind(lang, report, title, subtitle, "")
    }

    /// A page of another kind than a report (`avesim story`), with CSS of its own after the
    /// report's.
    pub fn of_kind(lang: Lang, report: &str, title: &str, subtitle: &str, css: &str) -> Page {
        let title = esc(title);
        let mut html = String::with_capacity(1 << 20);
        let _ = write!(
            html,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{report}: {title}</title>\n<style>{CSS}{css}</style>\n</head>\n<body>\n<h1>{report}: {title}</h1>\n<p>{}</p>\n",
            lang.code(),
            esc(subtitle)
        );
        Page { lang, html }
    }

    /// The page's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The HTML so far, to add a section of one's own.
    pub fn html(&mut self) -> &mut String {
        &mut self.html
    }

    /// What a reader must know before using the numbers (nothing when there is nothing).
    pub fn warnings(&mut self, texts: &[String]) {
        if texts.is_empty() {
            return;
        }
        let _ = writeln!(
            self.html,
            "<div class=\"warn\" id=\"warnings\"><p><b>{}</b></p><ul>",
            self.lang.pick(
                "Read this before using the numbers below:",
                "Lees dit voordat u de getallen hieronder gebruikt:"
            )
        );
        for t in texts {
            let _ = writeln!(self.html, "<li>{}</li>", esc(t));
        }
        self.html.push_str("</ul></div>\n");
    }

    /// Key findings, generated from the results (HTML items).
    pub fn findings(&mut self, items: &[String]) {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(
            self.html,
            "<div class=\"findings\" id=\"findings\"><p><b>{}</b></p><ul>",
            self.lang.pick("Key findings", "Belangrijkste bevindingen")
        );
        for i in items {
            let _ = writeln!(self.html, "<li>{i}</li>");
        }
        self.html.push_str("</ul></div>\n");
    }

    /// A table that reflows into cards on a phone: `head` and rows of (HTML, numeric?).
    pub fn table(&mut self, head: &[String], rows: &[Vec<(String, bool)>]) {
        table_into(&mut self.html, head, rows);
    }

    /// The charts drawn into `dir/charts/`, inline.
    pub fn charts(&mut self, dir: &Path, charts: &[ChartInfo], intro: &str) -> std::io::Result<()> {
        let _ = write!(
            self.html,
            "<h2 id=\"charts\">{}</h2>\n<p>{intro}</p>\n",
            self.lang.pick("Charts", "Grafieken")
        );
        for c in charts {
            let svg = std::fs::read_to_string(dir.join("charts").join(format!("{}.svg", c.stem)))?;
            let svg = match svg.find("<svg") {
                Some(i) => &svg[i..],
                None => svg.as_str(),
            };
            let _ = write!(
                self.html,
                "<figure id=\"chart-{stem}\">\n{svg}\n<figcaption><b>{}</b> — {} <span class=\"small\">(charts/{stem}.png, charts/{stem}.svg)</span></figcaption>\n</figure>\n",
                esc(&c.title),
                esc(&c.caption),
                stem = c.stem,
            );
        }
        Ok(())
    }

    /// Close the page with its footer and write it as `dir/report.html`.
    pub fn write(self, dir: &Path, version: &str) -> std::io::Result<()> {
        self.write_as(&dir.join("report.html"), version)
    }

    /// Close the page with its footer and write it to `path`.
    pub fn write_as(mut self, path: &Path, version: &str) -> std::io::Result<()> {
        let _ = write!(
            self.html,
            "<p class=\"small\">{}</p>\n</body>\n</html>\n",
            self.lang.pick(
                format!(
                    "Made by avesim {} — a discrete-event simulation of how cases move between wijkteams, Veiligheidshuis and ZSM under AVE (Aanpak ter Voorkoming van Escalatie). See docs/model.md for every rule and docs/outputs.md for every file.",
                    esc(version)
                ),
                format!(
                    "Gemaakt met avesim {} — een discrete-event-simulatie van hoe casussen onder AVE (Aanpak ter Voorkoming van Escalatie) tussen wijkteams, Veiligheidshuis en ZSM bewegen. Alle modelregels staan in docs/model.md, alle bestanden in docs/outputs.md (beide in het Engels).",
                    esc(version)
                )
            )
        );
        std::fs::write(path, self.html)
    }
}

/// A table that reflows into cards on a phone: `head` and rows of (HTML, numeric?).
pub fn table_into(html: &mut String, head: &[String], rows: &[Vec<(String, bool)>]) {
    let _ = write!(
        html,
        "<table class=\"cards\">\n<tr>{}</tr>\n",
        head.iter()
            .map(|x| format!("<th>{}</th>", esc(x)))
            .collect::<String>()
    );
    for row in rows {
        html.push_str("<tr>");
        for ((cell, numeric), label) in row.iter().zip(head) {
            let _ = write!(
                html,
                "<td{} data-label=\"{}\">{cell}</td>",
                if *numeric { " class=\"num\"" } else { "" },
                esc(label)
            );
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n");
}
