//! Where every value of a loaded scenario was set: the file and line (or `--set` argument)
//! and the comment on that line, which is the file's own statement of where the value comes
//! from. Recording is linear in the file's size.

/// Where a key's value was set: the file (or `--set` argument), its line, and the comment
/// written on that line (the file's own statement of where the value comes from).
#[derive(Debug, Clone, PartialEq)]
pub struct SetAt {
    /// The file or `--set ...` argument.
    pub origin: String,
    /// 1-based line, for files.
    pub line: Option<usize>,
    /// The comment on that line, if any.
    pub comment: Option<String>,
    /// A table that merges key by key with the layer below (not a replacement).
    pub merges: bool,
}

/// Where every key of a loaded scenario was set (keys left at their defaults are absent).
#[derive(Debug, Default, Clone)]
pub struct Provenance {
    pub(crate) entries: std::collections::BTreeMap<String, SetAt>,
}

impl Provenance {
    /// Record where `key` was set. A replaced value forgets where its old sub-keys were
    /// set; a merging table keeps them (only the keys it sets itself change).
    pub(crate) fn record(&mut self, key: String, at: SetAt) {
        if !at.merges {
            // Sub-keys sort right after `key.`; '/' is the character after '.'.
            let children: Vec<String> = self
                .entries
                .range(format!("{key}.")..format!("{key}/"))
                .map(|(k, _)| k.clone())
                .collect();
            for k in children {
                self.entries.remove(&k);
            }
        }
        self.entries.insert(key, at);
    }

    /// Where `key` was set, or its nearest recorded parent (a table header, an inline table).
    pub fn find(&self, key: &str) -> Option<&SetAt> {
        let mut probe = key;
        loop {
            if let Some(at) = self.entries.get(probe) {
                return Some(at);
            }
            match probe.rfind('.') {
                Some(i) => probe = &probe[..i],
                None => return None,
            }
        }
    }

    /// Where the first sub-key of `key` was set (a table that exists only through its keys,
    /// such as one made by `--set table.key=value`).
    pub fn first_child(&self, key: &str) -> Option<&SetAt> {
        self.entries
            .range(format!("{key}.")..format!("{key}/"))
            .map(|(_, at)| at)
            .next()
    }

    /// Where exactly `key` was set (no parent lookup).
    pub fn exact(&self, key: &str) -> Option<&SetAt> {
        self.entries.get(key)
    }
}

/// The comment on a TOML line: the text after the first `#` outside a string.
fn comment_of(line: &str) -> Option<String> {
    let mut in_str: Option<char> = None;
    let mut escaped = false;
    for (i, ch) in line.char_indices() {
        match in_str {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if ch == '\\' && q == '"' {
                    escaped = true;
                } else if ch == q {
                    in_str = None;
                }
            }
            None if ch == '"' || ch == '\'' => in_str = Some(ch),
            None if ch == '#' => {
                let text = line[i + 1..].trim();
                return (!text.is_empty()).then(|| text.to_string());
            }
            None => {}
        }
    }
    None
}

/// Line numbers and line texts of a source, found by offset in logarithmic time (loading
/// stays linear in the file's size however many keys it has).
pub(crate) struct Lines<'a> {
    src: &'a str,
    /// Byte offset of the start of every line.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Self { src, starts }
    }

    /// The 1-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset.min(self.src.len()))
    }

    /// The text of 1-based line `line`, without its newline.
    pub(crate) fn text(&self, line: usize) -> &'a str {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(self.src.len(), |&e| e - 1);
        &self.src[start..end]
    }
}

pub(crate) fn line_of(src: &str, offset: usize) -> usize {
    Lines::new(src).line_of(offset)
}

pub(crate) fn record_spans(
    lines: &Lines<'_>,
    origin: &str,
    prefix: &str,
    table: &toml::de::DeTable<'_>,
    prov: &mut Provenance,
) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        let line = lines.line_of(k.span().start);
        let at = SetAt {
            origin: origin.to_string(),
            line: Some(line),
            comment: comment_of(lines.text(line)),
            merges: v
                .get_ref()
                .as_table()
                .is_some_and(|t| !t.contains_key("dist")),
        };
        prov.record(key.clone(), at);
        if let Some(inner) = v.get_ref().as_table() {
            record_spans(lines, origin, &key, inner, prov);
        }
    }
}
