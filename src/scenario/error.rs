//! The error a scenario problem gives: where it is (file or `--set`, line, key) and what is
//! wrong and allowed, in both languages.

use std::fmt;

use crate::lang::{Lang, Text};
use crate::text::{one_line, short_numbers};

/// A scenario problem the user can fix: where it is and what is allowed.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    /// The file (or `--set ...` argument) the problem is in.
    pub origin: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Dotted key, when the problem is one key.
    pub key: Option<String>,
    /// What is wrong and what is allowed.
    pub message: Text,
}

impl ScenarioError {
    /// The whole message, on one line, in `lang`: where, then what is wrong.
    pub fn in_lang(&self, lang: Lang) -> String {
        // One line, whatever the file or the `--set` argument held.
        let mut s = short_numbers(&one_line(&lang.origin(&self.origin)));
        if let Some(line) = self.line {
            s.push_str(&format!(", {} {line}", lang.pick("line", "regel")));
        }
        if let Some(key) = &self.key {
            s.push_str(&format!(
                ", {} `{}`",
                lang.pick("key", "sleutel"),
                one_line(key)
            ));
        }
        s.push_str(": ");
        s.push_str(&short_numbers(&one_line(self.message.get(lang))));
        s
    }

    /// The whole message in both languages.
    pub fn text(&self) -> Text {
        Text::new(self.in_lang(Lang::En), self.in_lang(Lang::Nl))
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

impl std::error::Error for ScenarioError {}
