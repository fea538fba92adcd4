//! The language people read: Dutch or English. Everything a person reads — reports, chart
//! titles and labels, terminal tables, warnings — is written in both, side by side where it
//! is used (`lang.pick("…", "…")`), so that a text without its translation does not compile
//! and a reviewer reads both at once. Identifiers in files (metric ids, CSV headers, scenario
//! keys) stay English and stable.
//!
//! Without `--lang`, avesim follows the system's locale as command-line tools do: the first
//! of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides; a value starting
//! with `nl` (`nl_NL.UTF-8`, `nl_BE`, `nl`) gives Dutch, anything else English.

use std::fmt;

/// A language people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Dutch, in the study's words.
    Nl,
}

impl Lang {
    /// Parse `--lang`: `nl` or `en` (also `nl_NL`, `NL`, `dutch`, `nederlands`, `english`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s == "nl"
            || s.starts_with("nl_")
            || s.starts_with("nl-")
            || s == "dutch"
            || s == "nederlands"
        {
            Some(Lang::Nl)
        } else if s == "en" || s.starts_with("en_") || s.starts_with("en-") || s == "english" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language of the locale variables as given (`LC_ALL`, `LC_MESSAGES`, `LANG`, in
    /// that order; the first set and not empty decides).
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        let chosen = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.trim().is_empty());
        match chosen {
            Some(v) if v.trim().to_ascii_lowercase().starts_with("nl") => Lang::Nl,
            _ => Lang::En,
        }
    }

    /// The language of this process's locale.
    pub fn from_env() -> Lang {
        let var = |k: &str| std::env::var(k).ok();
        Lang::from_locale(
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    }

    /// One of two texts.
    pub fn pick<T>(self, en: T, nl: T) -> T {
        match self {
            Lang::En => en,
            Lang::Nl => nl,
        }
    }

    /// A number a user may type back (a range in `check`): Dutch writes a decimal comma but
    /// no point between thousands (`3650`, not `3.650`, which TOML reads as 3.65).
    pub fn num_plain(self, text: &str) -> String {
        match self {
            Lang::En => text.to_string(),
            Lang::Nl => text.replace('.', ","),
        }
    }

    /// Where a scenario came from, as people read it: `embedded scenarios/base.toml` is
    /// `ingebouwd scenarios/base.toml` in Dutch; a file path or `--set …` stays as it is.
    pub fn origin(self, origin: &str) -> String {
        match (self, origin.strip_prefix("embedded ")) {
            (Lang::Nl, Some(rest)) => format!("ingebouwd {rest}"),
            _ => origin.to_string(),
        }
    }

    /// The code for `<html lang>`.
    pub fn code(self) -> &'static str {
        self.pick("en", "nl")
    }

    /// A number written for people: Dutch writes a decimal comma and a point between
    /// thousands (`0,625`, `4.023`); English as [`crate::format`] wrote it. Applies to text
    /// made by [`crate::format`] (never to years or seeds); files for machines keep the point.
    pub fn num(self, text: &str) -> String {
        match self {
            Lang::En => text.to_string(),
            Lang::Nl => group_thousands(&text.replace('.', ","), '.'),
        }
    }
}

/// Put `sep` between thousands in every run of four or more digits that is an integer part
/// (not after a decimal comma).
fn group_thousands(text: &str, sep: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let decimals = i > 0 && chars[i - 1] == ',';
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run = &chars[start..i];
            for (k, c) in run.iter().enumerate() {
                if !decimals && k > 0 && run.len() >= 4 && (run.len() - k).is_multiple_of(3) {
                    out.push(sep);
                }
                out.push(*c);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A text people read, held in both languages until it is shown (error messages, which are
/// made before anyone knows where they will be read). Shown as English where no language is
/// at hand (`Display`, logs, tests).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// English.
    pub en: String,
    /// Dutch.
    pub nl: String,
}

impl Text {
    /// A text in English and Dutch.
    pub fn new(en: impl Into<String>, nl: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            nl: nl.into(),
        }
    }

    /// A text that reads the same in both (a file name, a message from a library).
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            en: s.clone(),
            nl: s,
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.nl)
    }

    /// Both parts changed by `f` (quoting, shortening numbers).
    pub fn map(&self, f: impl Fn(&str) -> String) -> Text {
        Text {
            en: f(&self.en),
            nl: f(&self.nl),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// A [`Text`] from two format strings, English first: `both!("got {v}", "kreeg {v}")`.
#[macro_export]
macro_rules! both {
    ($en:literal, $nl:literal $(,)?) => {
        $crate::lang::Text::new(format!($en), format!($nl))
    };
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_as_command_line_tools_do() {
        assert_eq!(Lang::from_locale(None, None, Some("nl_NL.UTF-8")), Lang::Nl);
        assert_eq!(
            Lang::from_locale(Some("C"), None, Some("nl_NL.UTF-8")),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(Some(""), Some("nl_BE"), Some("en_GB")),
            Lang::Nl
        );
        assert_eq!(Lang::from_locale(None, None, None), Lang::En);
        assert_eq!(Lang::from_locale(None, None, Some("de_DE.UTF-8")), Lang::En);
        assert_eq!(Lang::parse("NL"), Some(Lang::Nl));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::Nl.num("0.625 – 1.5"), "0,625 – 1,5");
        assert_eq!(Lang::Nl.num("4023 – 12345.678"), "4.023 – 12.345,678");
        assert_eq!(Lang::Nl.num("0.0001234"), "0,0001234");
        assert_eq!(Lang::En.num("4023"), "4023");
    }
}
