//! `[arrivals]`: The three external arrival streams (the fourth, offences, comes from case dynamics).

use serde::{Deserialize, Serialize};

use crate::both;
use crate::engine::HOURS_PER_DAY;
use crate::lang::Text;
use crate::scenario::check::{Invalid, bad, nonneg, weight};
use crate::scenario::register::{c, cal, key, p};

/// One Poisson arrival stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stream {
    /// Mean arrivals per day.
    pub per_day: f64,
    /// Relative rate Monday..Sunday (scaled to average 1).
    pub weekly_profile: Vec<f64>,
}

impl Stream {
    /// A flat stream of `per_day` arrivals a day.
    pub fn flat(per_day: f64) -> Self {
        Self {
            per_day,
            weekly_profile: vec![1.0; 7],
        }
    }
}

impl Default for Stream {
    fn default() -> Self {
        Self::flat(0.0)
    }
}

/// Evidence of a flat weekly profile.
const FLAT: &str = "flat: the study gives no weekly pattern";

section! {
    /// The three external arrival streams (the fourth, offences, comes from case dynamics).
    pub struct Arrivals {
        /// Social cases entering phase 2 at the wijkteams.
        social: Stream = Stream::flat(11.0) => [
            key("social.per_day", "cases/day", "families entering AVE 2 at the wijkteams", cal("Leeuwarden brought almost half of the VHH's casework in 2012–2014, before AVE (§5.1 l.2423); about 4,000 new wijkteam cases a year")).range(5.0, 20.0, "9 teams of ~12 workers with caseloads of 15-30 and stays of months").nl("gezinnen die bij de wijkteams in AVE 2 instromen", "Leeuwarden was in 2012–2014, vóór AVE, goed voor bijna de helft van de ingebrachte casuïstiek van het Veiligheidshuis (§5.1 l.2423); ongeveer 4.000 nieuwe wijkteamcasussen per jaar", "9 teams van ~12 medewerkers met een caseload van 15-30 en casussen die maanden lopen"),
            key("social.weekly_profile", "factor Mon..Sun", "relative arrival rate per weekday (rescaled to mean 1)", c(FLAT)).range(0.0, 2.0, "per-day factors").nl("relatieve instroom per dag van de week (herschaald naar gemiddeld 1)", "vlak: de studie geeft geen weekpatroon", "factoren per dag"),
        ],
        /// Suspects at ZSM unknown to the social domain.
        zsm_unknown: Stream = Stream::flat(55.0) => [
            key("zsm_unknown.per_day", "suspects/day", "suspects at ZSM unknown to the social domain", p("2015-16", "about 200,000 ZSM cases a year nationally over ten locations (Kamerstuk 29279 nr. 334, 6 July 2016), ~55 a day per location; the study's own clue for ZSM Noord-Nederland is one coordinator's 'honderd zaken op een dag' (§5.2.1 l.2666)")).range(34.0, 100.0, "a tenth of the national volume in 2013 (~40 a day) up to the coordinator's 'honderd zaken op een dag'").nl("verdachten bij ZSM die niet bekend zijn in het sociaal domein", "landelijk ongeveer 200.000 ZSM-zaken per jaar over tien locaties (Kamerstuk 29279 nr. 334, 6 juli 2016), ~55 per dag per locatie; de aanwijzing in de studie zelf voor ZSM Noord-Nederland is 'honderd zaken op een dag' van één procescoördinator (§5.2.1 l.2666)", "een tiende van het landelijke volume in 2013 (~40 per dag) tot de 'honderd zaken op een dag' van de procescoördinator"),
            key("zsm_unknown.weekly_profile", "factor Mon..Sun", "relative arrival rate per weekday (rescaled to mean 1)", c(FLAT)).range(0.0, 2.0, "per-day factors").nl("relatieve instroom per dag van de week (herschaald naar gemiddeld 1)", "vlak: de studie geeft geen weekpatroon", "factoren per dag"),
        ],
        /// Direct VHH referrals from other partners and municipalities.
        vhh_direct: Stream = Stream::flat(0.40) => [
            key("vhh_direct.per_day", "cases/day", "direct VHH referrals from police, Veilig Thuis, GGZ and the other 23 municipalities", cal("Leeuwarden brings almost half of the VHH's casework (A, §5.1 l.2423); out of sample: 58% in 2018 (P 2018, VHH Fryslân Kerngegevens)")).range(0.4, 0.7, "145-255 a year: Leeuwarden's share from 56% (the calibrated value) down to 46% (measured with avesim run); 'bijna 50%' is inside").nl("rechtstreekse aanmeldingen bij het Veiligheidshuis door politie, Veilig Thuis, GGZ en de andere 23 gemeenten", "Leeuwarden was in 2012–2014, vóór AVE, goed voor bijna de helft van de ingebrachte casuïstiek van het Veiligheidshuis (§5.1 l.2423); het model komt uit op 56%, erboven; ter controle, niet geijkt: 58% in 2018 (P 2018, VHH Fryslân Kerngegevens)", "145-255 per jaar: het aandeel van Leeuwarden van 56% (de geijkte waarde) tot 46% (gemeten met avesim run); 'bijna 50%' valt erbinnen"),
            key("vhh_direct.weekly_profile", "factor Mon..Sun", "relative arrival rate per weekday (rescaled to mean 1)", c(FLAT)).range(0.0, 2.0, "per-day factors").nl("relatieve instroom per dag van de week (herschaald naar gemiddeld 1)", "vlak: de studie geeft geen weekpatroon", "factoren per dag"),
        ],
    }
}

/// A Poisson arrival stream, per hour, with its weekly profile (mean 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArrivalParams {
    /// Base arrivals per hour.
    pub per_hour: f64,
    /// Relative rate per weekday, Monday first, averaging 1.
    pub profile: [f64; 7],
    /// Largest profile factor (for thinning).
    pub profile_max: f64,
}

/// The arrival streams as the model uses them.
#[derive(Debug, Clone, Copy)]
pub struct ArrivalsParams {
    /// Social cases entering phase 2.
    pub social: ArrivalParams,
    /// Unknown suspects at ZSM.
    pub zsm_unknown: ArrivalParams,
    /// Direct VHH referrals.
    pub vhh_direct: ArrivalParams,
}

fn stream(key: &str, s: &Stream) -> Result<ArrivalParams, Invalid> {
    let per_day = nonneg(&format!("{key}.per_day"), s.per_day)?;
    if per_day > 100_000.0 {
        return Err(bad(
            &format!("{key}.per_day"),
            Text::new(
                "must be at most 100000 a day",
                "mag hoogstens 100000 per dag zijn",
            ),
        ));
    }
    let pkey = format!("{key}.weekly_profile");
    if s.weekly_profile.len() != 7 {
        return Err(bad(&pkey, {
            let n = s.weekly_profile.len();
            both!(
                "needs 7 factors, Monday to Sunday, got {n}",
                "vraagt 7 factoren, maandag tot en met zondag, gegeven {n}"
            )
        }));
    }
    let mut profile = [0.0; 7];
    for (i, &f) in s.weekly_profile.iter().enumerate() {
        profile[i] = weight(&pkey, f)?;
    }
    let mean = profile.iter().sum::<f64>() / 7.0;
    if mean <= 0.0 {
        return Err(bad(
            &pkey,
            Text::new(
                "needs at least one factor > 0",
                "vraagt minstens één factor > 0",
            ),
        ));
    }
    for f in &mut profile {
        *f /= mean;
    }
    Ok(ArrivalParams {
        per_hour: per_day / HOURS_PER_DAY,
        profile,
        profile_max: profile.iter().cloned().fold(0.0, f64::max),
    })
}

impl Arrivals {
    pub(crate) fn compile(&self) -> Result<ArrivalsParams, Invalid> {
        Ok(ArrivalsParams {
            social: stream("arrivals.social", &self.social)?,
            zsm_unknown: stream("arrivals.zsm_unknown", &self.zsm_unknown)?,
            vhh_direct: stream("arrivals.vhh_direct", &self.vhh_direct)?,
        })
    }
}
