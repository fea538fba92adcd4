//! The report of `avesim advise`: which of the study's recommendations would help a region
//! most, per metric, with the caveats the study itself puts first and the assumptions each
//! effect rests on.

use std::fmt::Write as _;
use std::path::Path;

use super::study::{shown, signed, signed_number};
use super::{Page, esc};
use crate::experiment::advise::{Advice, Advised, Place};
use crate::lang::Lang;
use crate::model::metrics::Metric;
use crate::output::charts::ChartInfo;
use crate::scenario::Scenario;

/// "−0,12 (−0,20 tot −0,04)": a difference with its interval, in the metric's unit.
fn difference(lang: Lang, m: Metric, p: &Place) -> String {
    let d = &p.difference.paired;
    let to = lang.pick("to", "tot");
    let f = |v: f64| signed(lang, m, v);
    format!(
        "{} ({} {to} {}){}",
        f(d.mean),
        f(d.low),
        f(d.high),
        noise(lang, p)
    )
}

/// A difference in a table cell: the estimate with its unit, and its interval in small type
/// under it (in the same unit).
fn cell(lang: Lang, m: Metric, p: &Place) -> String {
    let d = &p.difference.paired;
    let to = lang.pick("to", "tot");
    let f = |v: f64| signed_number(lang, m, v);
    format!(
        "{}{}<br><span class=\"small\">{} {to} {}</span>",
        signed(lang, m, d.mean),
        noise(lang, p),
        f(d.low),
        f(d.high)
    )
}

/// " (noise)" where the interval includes zero.
fn noise(lang: Lang, p: &Place) -> String {
    if p.real {
        String::new()
    } else {
        format!(
            " <span class=\"small\">({})</span>",
            lang.pick("noise", "ruis")
        )
    }
}

/// The name a reader sees: the layer's name with the study's recommendation numbers.
fn title(lang: Lang, a: &Advised) -> String {
    let n = a.numbers();
    let what = if n.is_empty() {
        lang.pick("not numbered in the study", "niet genummerd in de studie")
            .to_string()
    } else if n.contains('+') {
        lang.pick(format!("recommendations {n}"), format!("aanbevelingen {n}"))
    } else {
        lang.pick(format!("recommendation {n}"), format!("aanbeveling {n}"))
    };
    let fte = a
        .info
        .recommendation
        .as_ref()
        .and_then(|r| r.fte)
        .map_or(String::new(), |f| {
            format!("; {} fte", lang.num(&format!("{f}")))
        });
    format!(
        "<b>{}</b> <span class=\"small\">({what}; {} {}{fte}; <code>{}</code>)</span>",
        esc(a.info.title_in(lang)),
        lang.pick("grade", "bewijskracht"),
        esc(a.grade()),
        esc(&a.info.name)
    )
}

/// Write `report.html` of an advice.
pub fn write_advice_report(
    lang: Lang,
    dir: &Path,
    advice: &Advice,
    baseline: &Scenario,
    sets: &[String],
    charts: &[ChartInfo],
    version: &str,
) -> std::io::Result<()> {
    let region = &region_title(&advice.region, lang);
    let mut page = Page::new(
        lang,
        &lang.pick(
            format!("what would help {region} most?"),
            format!("wat helpt {region} het meest?"),
        ),
        &advice.facts,
    );
    let reach = (advice.reach_without_vision * 100.0).round();
    let yes_no = |b: bool| {
        if b {
            lang.pick("yes", "ja")
        } else {
            lang.pick("no", "nee")
        }
    };
    let (v, c) = (yes_no(advice.vision), yes_no(advice.chain_commitment));
    let vision = lang.pick(
        format!("Two bestuurlijke preconditions, as the region file reads the study (one respondent): a bestuurlijke visie of the gemeenten on the cooperation between VHH and wijkteams (governance.vision: {v}), which recommendations 7 and 8 need; and bestuurlijk commitment across the chain around ZSM (governance.chain_commitment: {c}), which one system, uniform agreements and a contact person at ZSM (recommendations 1 to 3) need — in Noord-Nederland the study finds it missing (§7.1 l.4636-4642). Where a precondition is missing, a recommendation's gradual values get {reach}% of the way (governance.reach_without_vision, an assumption), because the study expects \"een oppervlakkige relatie waarvoor fundament ontbreekt\" (§7.1 l.4730-4731). Operational feedback and kijkdagen need neither."),
        format!("Twee bestuurlijke voorwaarden, zoals het regiobestand de studie leest (één respondent): een bestuurlijke visie van de gemeenten op de samenwerking tussen Veiligheidshuis en wijkteams (governance.vision: {v}), nodig voor aanbevelingen 7 en 8; en bestuurlijk commitment in de keten rond ZSM (governance.chain_commitment: {c}), nodig voor één systeem, uniforme afspraken en een contactpersoon bij ZSM (aanbevelingen 1 tot en met 3) — in Noord-Nederland ontbreekt dat volgens de studie (§7.1 l.4636-4642). Waar een voorwaarde ontbreekt, leggen de geleidelijk ingevoerde waarden van een aanbeveling {reach}% van de weg af (governance.reach_without_vision, een aanname), omdat de studie dan \"een oppervlakkige relatie waarvoor fundament ontbreekt\" verwacht (§7.1 l.4730-4731). Operationele feedback en kijkdagen hebben geen van beide nodig."),
    );
    let mut warnings = vec![
        lang.pick(
            "The study is a momentopname of 2015 (§7.4 l.4961) and rests on one respondent per region, mostly the VHH's manager (§6 l.3470): each region file, and so each advice, rests on one person's account.".to_string(),
            "De studie is een momentopname uit 2015 (§7.4 l.4961) en spreekt per regio met één respondent, meestal de manager van het Veiligheidshuis (§6 l.3470): elk regiobestand, en dus elk advies, rust op het verhaal van één persoon.".to_string(),
        ),
        lang.pick(
            "A practice does not travel without its context: copying the AVE model \"niet zondermeer aan te raden\" (§7.1 l.4595); the way of working must fit the \"couleur locale\" (l.4711). Read the ranking as a question to put to the region, not as an answer.".to_string(),
            "Een werkwijze reist niet zonder haar context: het AVE-model direct kopiëren is \"niet zondermeer aan te raden\" (§7.1 l.4595); de werkwijze moet aansluiten bij de \"couleur locale\" (l.4711). Lees de rangorde als een vraag aan de regio, niet als een antwoord.".to_string(),
        ),
        lang.pick(
            "Effect sizes are assumptions. The study says which way a recommendation works, not how much; the sizes are those written in each recommendation's file (grade B: the direction is the study's, the size assumed; grade C: the study does not propose it). The table shows what follows from those sizes, not a forecast. Each recommendation's sizes are listed at the end.".to_string(),
            "Effectgroottes zijn aannames. De studie zegt welke kant een aanbeveling op werkt, niet hoeveel; de groottes staan in het bestand van elke aanbeveling (bewijskracht B: de richting komt uit de studie, de grootte is aangenomen; bewijskracht C: de studie stelt het niet voor). De tabel laat zien wat uit die groottes volgt, geen voorspelling. De groottes per aanbeveling staan onderaan.".to_string(),
        ),
        vision,
        lang.pick(
            "Recommendation 6 (gemeenten forming a strategic vision) enters only as the first of these assumptions, and every recommendation is run once more with both preconditions the other way (the last column of the table). Recommendation 10 (national support for gemeenten: VNG, Gemeente van de Toekomst) is outside what the model can test.".to_string(),
            "Aanbeveling 6 (gemeenten vormen een strategische visie) zit er alleen in als de eerste van deze aannames, en elke aanbeveling is nog eens doorgerekend met beide voorwaarden andersom (de laatste kolom van de tabel). Aanbeveling 10 (landelijke steun voor gemeenten: VNG, Gemeente van de Toekomst) valt buiten wat het model kan toetsen.".to_string(),
        ),
        if advice.region.ends_with("-own-size") {
            lang.pick(
                format!("{region}: the region at its own size as far as the study or a public source gives it (scenarios/own-size/); what is not known stays at Leeuwarden's, and the file says which."),
                format!("{region}: de regio op eigen schaal voor zover de studie of een openbare bron die geeft (scenarios/own-size/); wat niet bekend is, blijft zoals in Leeuwarden, en het bestand zegt welke."),
            )
        } else if advice.region == "leeuwarden" {
            lang.pick(
                "Leeuwarden is modelled at its own size: its nine wijkteams, the Veiligheidshuis Fryslân and ZSM Noord-Nederland.".to_string(),
                "Leeuwarden staat op eigen schaal: de negen wijkteams, het Veiligheidshuis Fryslân en ZSM Noord-Nederland.".to_string(),
            )
        } else {
            lang.pick(
                format!("Every region here has Leeuwarden's population and desks (scenarios/base.toml), so that regions differ only in how they are organised: the numbers are at Leeuwarden's size, not {region}'s. The option --own-size runs the region at its own size as far as it is known."),
                format!("Elke regio heeft hier de populatie en loketten van Leeuwarden (scenarios/base.toml), zodat regio's alleen verschillen in hoe ze georganiseerd zijn: de getallen gelden voor de omvang van Leeuwarden, niet die van {region}. De optie --own-size rekent de regio door op eigen schaal, voor zover bekend."),
            )
        },
    ];
    if !advice.not_for_region.is_empty() {
        let n = advice.not_for_region.join(", ");
        warnings.push(lang.pick(
            format!("Run on request, though the study does not give it for {region} (the region may have it already, and then it changes little or nothing): {n}."),
            format!("Op verzoek doorgerekend, al geeft de studie dit niet voor {region} (de regio heeft het misschien al, en dan verandert het weinig of niets): {n}."),
        ));
    }
    if !sets.is_empty() {
        let s = sets.join(", ");
        warnings.push(lang.pick(
            format!("Changed for the region and every recommendation with --set: {s}."),
            format!("Voor de regio en elke aanbeveling gewijzigd met --set: {s}."),
        ));
    }
    page.warnings(&warnings);

    // Findings: per metric the recommendation that helps most, and whether it is real.
    let mut findings = Vec::new();
    for (m, ranking) in advice.metrics.iter().zip(&advice.ranking) {
        let today = shown(lang, *m, advice.baseline.metric(*m).mean);
        let unit = m.short_unit(lang);
        let best = ranking.iter().find(|p| p.real && p.gain > 0.0);
        // A next one whose interval overlaps the best one's is about as strong.
        let close = best.and_then(|b| {
            ranking
                .iter()
                .skip_while(|p| p.index != b.index)
                .nth(1)
                .filter(|n| {
                    let (x, y) = (&b.difference.paired, &n.difference.paired);
                    n.real && n.gain > 0.0 && x.low <= y.high && y.low <= x.high
                })
        });
        let about = close.map_or(String::new(), |n| {
            lang.pick(
                format!(
                    " About as strong, the intervals overlapping: {}: {}.",
                    title(lang, &advice.advised[n.index]),
                    difference(lang, *m, n)
                ),
                format!(
                    " Ongeveer even sterk, de intervallen overlappen: {}: {}.",
                    title(lang, &advice.advised[n.index]),
                    difference(lang, *m, n)
                ),
            )
        });
        findings.push(match best {
            Some(p) => lang.pick(
                format!(
                    "<b>{}</b> (today {today}{unit}) — most helped by: {}: {}.{about}",
                    esc(m.label(lang)),
                    title(lang, &advice.advised[p.index]),
                    difference(lang, *m, p)
                ),
                format!(
                    "<b>{}</b> (nu {today}{unit}) — het meest geholpen door: {}: {}.{about}",
                    esc(m.label(lang)),
                    title(lang, &advice.advised[p.index]),
                    difference(lang, *m, p)
                ),
            ),
            None => lang.pick(
                format!(
                    "<b>{}</b> (today {today}{unit}): no recommendation improves it beyond the simulation's noise.",
                    esc(m.label(lang))
                ),
                format!(
                    "<b>{}</b> (nu {today}{unit}): geen aanbeveling verbetert dit meer dan de toevalsruis.",
                    esc(m.label(lang))
                ),
            ),
        });
    }
    // Capacity options side by side, per FTE (effects need not be proportional to staff).
    let per_fte: Vec<String> = advice.ranking[0]
        .iter()
        .filter_map(|p| {
            let a = &advice.advised[p.index];
            let fte = a.info.recommendation.as_ref()?.fte?;
            let m = advice.metrics[0];
            Some(format!(
                "{} {} {}",
                esc(a.info.title_in(lang)),
                signed(lang, m, p.difference.paired.mean / fte),
                lang.pick("per FTE", "per fte")
            ))
        })
        .collect();
    if per_fte.len() > 1 {
        let m = advice.metrics[0].label(lang);
        findings.push(lang.pick(
            format!("Capacity, FTE for FTE ({m}): {}. A rough guide: an effect need not grow in proportion to staff, and the stuurgroep in Fryslân does not want the VHH to grow into \"een te log instrument\" (§5.3.4 l.3356).", per_fte.join("; ")),
            format!("Capaciteit, fte voor fte ({m}): {}. Een ruwe maat: een effect groeit niet vanzelf evenredig met personeel, en de stuurgroep in Fryslân wil niet dat het Veiligheidshuis uitgroeit tot \"een te log instrument\" (§5.3.4 l.3356).", per_fte.join("; ")),
        ));
    }
    let first = advice.metrics[0].label(lang);
    findings.push(if advice.order_holds_without_vision_change() {
        lang.pick(
            format!("With both bestuurlijke preconditions the other way, the order by {first} of the recommendations beyond the noise stays the same."),
            format!("Met beide bestuurlijke voorwaarden andersom blijft de volgorde op {first} van de aanbevelingen die boven de ruis uitkomen gelijk."),
        )
    } else {
        lang.pick(
            format!("With both bestuurlijke preconditions the other way, the order by {first} changes: the assumption about governance carries the ranking (see the last column of the table)."),
            format!("Met beide bestuurlijke voorwaarden andersom verandert de volgorde op {first}: de aanname over bestuur draagt de rangorde (zie de laatste kolom van de tabel)."),
        )
    });
    page.findings(&findings);

    // The table, ordered by the first metric.
    let h = page.html();
    let _ = write!(
        h,
        "<h2 id=\"table\">{}</h2>\n<p>{}</p>\n",
        lang.pick("Recommendations, ranked", "Aanbevelingen, in rangorde"),
        lang.pick(
            format!("Ordered by the first metric ({first}), with no weights: first the recommendations that improve it beyond the simulation's noise, largest first, then those whose difference is noise, then any that make it worse. Each cell is the paired difference from {region} as it is, with its 95% interval; \"noise\" where the interval includes zero. The last column gives the rank by the first metric with both bestuurlijke preconditions the other way. A recommendation at the wijkteams can raise the share of ZSM decisions with context because more families then have VHH advice on file, not because ZSM reads better."),
            format!("Geordend op de eerste maat ({first}), zonder weging: eerst de aanbevelingen die deze meer verbeteren dan de toevalsruis, de grootste eerst, dan die waarvan het verschil ruis is, dan die het slechter maken. Elke cel is het gepaarde verschil met {region} zoals het is, met het 95%-interval; \"ruis\" waar het interval nul bevat. De laatste kolom geeft de plaats op de eerste maat met beide bestuurlijke voorwaarden andersom. Een aanbeveling bij de wijkteams kan het aandeel ZSM-beslissingen met context verhogen doordat meer gezinnen dan een advies van het Veiligheidshuis in het dossier hebben, niet doordat ZSM beter leest."),
        )
    );
    let mut head = vec![
        lang.pick("rank", "plaats").to_string(),
        lang.pick("recommendation", "aanbeveling").to_string(),
    ];
    for m in &advice.metrics {
        let today = shown(lang, *m, advice.baseline.metric(*m).mean);
        head.push(lang.pick(
            format!("{} (today {today})", m.label(lang)),
            format!("{} (nu {today})", m.label(lang)),
        ));
    }
    head.push(
        lang.pick(
            "rank with both bestuurlijke preconditions reversed",
            "plaats als beide bestuurlijke voorwaarden andersom zijn",
        )
        .to_string(),
    );

    let mut rows = Vec::new();
    for (rank, p) in advice.ranking[0].iter().enumerate() {
        let a = &advice.advised[p.index];
        let mut row = vec![((rank + 1).to_string(), true), (title(lang, a), false)];
        for (k, m) in advice.metrics.iter().enumerate() {
            let place = advice.ranking[k].iter().find(|q| q.index == p.index);
            row.push((place.map_or(String::new(), |q| cell(lang, *m, q)), true));
        }
        let other = advice
            .ranking_other_vision
            .iter()
            .position(|q| q.index == p.index)
            .map_or(String::new(), |r| (r + 1).to_string());
        row.push((other, true));
        rows.push(row);
    }
    page.table(&head, &rows);
    if let Some(d) = &advice.doubt {
        let (n, k, r) = (d.draws, d.assumptions, d.reps);
        let h = page.html();
        let _ = write!(
            h,
            "<h3 id=\"uncertain\">{}</h3>\n<p>{} {}</p>\n<ul>\n",
            lang.pick(
                format!("Does it hold if the assumptions are otherwise? ({})", advice.metrics[0].label(lang)),
                format!("Blijft de uitkomst overeind bij andere aannames? ({})", advice.metrics[0].label(lang)),
            ),
            esc(&lang.pick(
                format!("Every assumption graded B or C was drawn {n} times from its plausible range (a Latin hypercube design), each recommendation's own effect among them (from none to its targets; {k} in all); the region and each recommendation ran on every draw with {r} replications, with the same random numbers."),
                format!("Elke aanname met bewijskracht B of C is {n} keer uit de aannemelijke bandbreedte getrokken (steekproef volgens een Latin-hypercube-ontwerp), het eigen effect van elke aanbeveling daaronder (van geen effect tot haar doelwaarden; {k} in totaal); de regio en elke aanbeveling zijn bij elke trekking doorgerekend met {r} herhalingen, met dezelfde toevalsgetallen."),
            )),
            esc(super::uncertain::readings_explained(lang))
        );
        for p in &advice.ranking[0] {
            let a = &advice.advised[p.index];
            if let Some(c) = d.readings.get(p.index).and_then(|c| c.first()) {
                let _ = write!(
                    h,
                    "<li>{}: {} — {}",
                    title(lang, a),
                    esc(c.label.get(lang)),
                    esc(c.words.get(lang))
                );
                // On what it says it moves, too.
                let moved = d.moved.get(p.index).map_or(&[][..], Vec::as_slice);
                if !moved.is_empty() {
                    h.push_str("<ul>");
                    for (m, c) in moved {
                        let _ = write!(
                            h,
                            "<li>{}: {}</li>",
                            esc(m.label(lang)),
                            esc(c.words.get(lang))
                        );
                    }
                    h.push_str("</ul>");
                }
                h.push_str("</li>\n");
            }
        }
        h.push_str("</ul>\n");
    }

    page.charts(
        dir,
        charts,
        lang.pick(
            "advice.csv in this folder has every number; comparison.csv and differences.csv have every metric of every run.",
            "advice.csv in deze map heeft alle getallen; comparison.csv en differences.csv hebben elke maat van elke doorrekening.",
        ),
    )?;

    // What each effect rests on.
    let h = page.html();
    let _ = write!(
        h,
        "<h2 id=\"assumptions\">{}</h2>\n<p>{}</p>\n",
        lang.pick(
            "What each recommendation assumes",
            "Wat elke aanbeveling aanneemt"
        ),
        lang.pick(
            format!("The values each recommendation reaches at the end of its implementation period, ramped from {region}'s own, with the grade and source written beside them in its file. These sizes carry the differences above."),
            format!("De waarden die elke aanbeveling aan het eind van de invoeringsperiode bereikt, geleidelijk vanaf die van {region}, met de bewijskracht en bron zoals die in het bestand staan. Deze groottes dragen de verschillen hierboven."),
        )
    );
    for a in &advice.advised {
        let _ = write!(
            h,
            "<h3>{}</h3>\n<p>{}</p>\n",
            title(lang, a),
            esc(a.info.description_in(lang))
        );
        // What it moves on this region: the value at the start and the value reached.
        if !a.steps.is_empty() {
            let head = [
                lang.pick("value", "waarde").to_string(),
                lang.pick("at the start", "bij de start").to_string(),
                lang.pick("reached", "bereikt").to_string(),
                lang.pick("how", "hoe").to_string(),
            ];
            let rows: Vec<Vec<(String, bool)>> = a
                .steps
                .iter()
                .map(|st| {
                    let how = if st.count > 1 {
                        lang.pick(
                            format!("{} dated changes (a round, then fading)", st.count),
                            format!(
                                "{} gedateerde wijzigingen (een ronde, daarna wegebbend)",
                                st.count
                            ),
                        )
                    } else if st.over_days > 0.0 {
                        lang.pick(
                            format!("step by step over {} days", st.over_days),
                            format!("geleidelijk in {} dagen", st.over_days),
                        )
                    } else {
                        lang.pick("at once", "in één keer").to_string()
                    };
                    vec![
                        (format!("<code>{}</code>", esc(&st.key)), false),
                        (esc(&value_words(lang, &st.from)), true),
                        (esc(&value_words(lang, &st.to)), true),
                        (esc(&how), false),
                    ]
                })
                .collect();
            super::table_into(h, &head, &rows);
        }
        h.push_str("<ul>\n");
        for part in &a.parts {
            let Some(r) = &part.recommendation else {
                continue;
            };
            // A package's own row: the longest of its parts.
            let days = if std::ptr::eq(part, a.parts.last().unwrap_or(part)) {
                a.parts
                    .iter()
                    .filter_map(|p| p.recommendation.as_ref())
                    .map(|r| r.implementation_days)
                    .fold(r.implementation_days, f64::max)
            } else {
                r.implementation_days
            };
            let vision = match (r.needs_vision, r.needs_chain_commitment) {
                (true, true) => lang.pick(
                    "needs a bestuurlijke visie and the chain's commitment to land in full",
                    "heeft een bestuurlijke visie en commitment in de keten nodig om volledig te landen",
                ),
                (true, false) => lang.pick(
                    "needs a bestuurlijke visie of the gemeenten to land in full",
                    "heeft een bestuurlijke visie van de gemeenten nodig om volledig te landen",
                ),
                (false, true) => lang.pick(
                    "needs bestuurlijk commitment across the chain around ZSM to land in full",
                    "heeft bestuurlijk commitment in de keten rond ZSM nodig om volledig te landen",
                ),
                (false, false) => lang.pick(
                    "needs no bestuurlijke precondition",
                    "heeft geen bestuurlijke voorwaarde nodig",
                ),
            };
            let _ = write!(
                h,
                "<li><b>{}</b> — {}: {days} {}; {vision}. <code>{}</code>",
                esc(&part.name),
                lang.pick("implementation", "invoering"),
                lang.pick("days", "dagen"),
                esc(&match lang {
                    Lang::Nl => part.origin.replacen("embedded ", "ingebouwd: ", 1),
                    Lang::En => part.origin.clone(),
                })
            );
            if !part.target_notes.is_empty() {
                h.push_str("<ul>");
                for (key, note) in &part.target_notes {
                    // A note may give its reason in both languages (`english | nl: dutch`),
                    // and its range too.
                    let (note, range) = crate::scenario::note_and_range(note);
                    let mut note = match note.split_once(" | nl: ") {
                        Some((en, nl)) if lang == Lang::Nl => match grade_and_quote(en) {
                            g if g.ends_with('"') => format!("{g}; {nl}"),
                            g => format!("{g} {nl}"),
                        },
                        Some((en, _)) => en.to_string(),
                        None => note.to_string(),
                    };
                    if let Some(r) = range {
                        let _ = write!(
                            note,
                            " ({} {})",
                            lang.pick("plausible range", "aannemelijke bandbreedte"),
                            r.text(lang)
                        );
                    }
                    let _ = write!(h, "<li><code>{}</code>: {}</li>", esc(key), esc(&note));
                }
                h.push_str("</ul>");
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ul>\n");
    }
    let _ = writeln!(
        h,
        "<p class=\"small\">{}</p>",
        esc(baseline.description_in(lang))
    );
    page.write(dir, version)
}

/// A region's name as written: `hollands-midden` → "Hollands Midden", `groningen-own-size`
/// → "Groningen (eigen omvang)"; other scenario names as they are.
pub fn region_title(name: &str, lang: Lang) -> String {
    let known = [
        ("leeuwarden", "Leeuwarden"),
        ("breda", "Breda"),
        ("groningen", "Groningen"),
        ("hollands-midden", "Hollands Midden"),
        ("midden-brabant", "Midden-Brabant"),
        ("midden-limburg", "Midden-Limburg"),
        ("rotterdam", "Rotterdam"),
    ];
    let (base, own) = match name.strip_suffix("-own-size") {
        Some(b) => (b, true),
        None => (name, false),
    };
    let title = known
        .iter()
        .find(|(id, _)| *id == base)
        .map_or_else(|| base.to_string(), |(_, t)| (*t).to_string());
    if own {
        format!("{title} ({})", lang.pick("own size", "eigen omvang"))
    } else {
        title
    }
}

/// The grade and the quote that open a file comment (`[B §7.3 l.4905] "…"`), without the
/// English reason after them.
fn grade_and_quote(note: &str) -> &str {
    let Some(tag_end) = note.find(']') else {
        return "";
    };
    let rest = &note[tag_end + 1..];
    let trimmed = rest.trim_start();
    if let Some(quoted) = trimmed.strip_prefix('"')
        && let Some(close) = quoted.find('"')
    {
        let end = tag_end + 1 + (rest.len() - trimmed.len()) + 1 + close + 1;
        return &note[..end];
    }
    &note[..=tag_end]
}

/// A value as a reader sees it: yes/no for a switch, a number in the language's notation.
fn value_words(lang: Lang, v: &str) -> String {
    match v {
        "true" => lang.pick("yes", "ja").to_string(),
        "false" => lang.pick("no", "nee").to_string(),
        other => lang.num(other),
    }
}
