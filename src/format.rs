//! The one place numbers become text: CSV fields, values in charts, tables and reports,
//! percentages, and numbers quoted in messages. Each function writes exactly what the
//! earlier per-file formatters wrote, so outputs stay byte-identical.

/// A CSV field: shortest round-trip form, empty for NaN, `inf`/`-inf` for infinities.
pub fn csv(v: f64) -> String {
    let mut out = String::new();
    csv_into(&mut out, v);
    out
}

/// [`csv()`] into a buffer the caller reuses (cleared first): no allocation per field.
pub fn csv_into(out: &mut String, v: f64) {
    use std::fmt::Write as _;
    out.clear();
    if v.is_infinite() {
        out.push_str(if v > 0.0 { "inf" } else { "-inf" });
    } else if !v.is_nan() {
        let _ = write!(out, "{v}");
    }
}

/// Three significant digits (at most six decimals), without scientific notation.
fn three_significant(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let digits = (2 - v.abs().log10().floor() as i32).clamp(0, 6) as usize;
    let text = format!("{v:.digits$}");
    // Below the sixth decimal a value is nothing to a reader: "0", not "-0.000000".
    if text.bytes().all(|b| matches!(b, b'0' | b'.' | b'-')) {
        "0".into()
    } else {
        text
    }
}

/// A value for people (charts, report, comparison tables): three significant digits, "–"
/// when not defined.
pub fn value(v: f64) -> String {
    if v.is_finite() {
        three_significant(v)
    } else {
        "–".into()
    }
}

/// A value in a terminal table: three significant digits, "-" when not defined.
pub fn terminal(v: f64) -> String {
    if v.is_nan() {
        "-".into()
    } else {
        three_significant(v)
    }
}

/// A share as a percentage with three significant digits ("12.5%"), "–" when not defined.
pub fn pct(v: f64) -> String {
    if v.is_finite() {
        format!("{}%", value(100.0 * v))
    } else {
        "–".into()
    }
}

/// A number quoted in a message: plain for everyday magnitudes, scientific for huge or tiny
/// ones (`1e308`, not 309 digits).
pub fn message(v: f64) -> String {
    let a = v.abs();
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "inf".into() } else { "-inf".into() }
    } else if a != 0.0 && !(1e-6..1e9).contains(&a) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_formatter_writes_what_its_readers_expect() {
        assert_eq!(csv(f64::NAN), "");
        assert_eq!(csv(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(value(1234.5), "1234");
        assert_eq!(value(0.012345), "0.0123");
        assert_eq!(value(-1e-12), "0");
        assert_eq!(value(-0.0), "0");
        assert_eq!(value(f64::NAN), "–");
        assert_eq!(terminal(f64::NAN), "-");
        assert_eq!(pct(0.125), "12.5%");
        assert_eq!(message(1e308), "1e308");
        assert_eq!(message(-2.5e-9), "-2.5e-9");
        assert_eq!(message(36500.0), "36500");
    }
}
