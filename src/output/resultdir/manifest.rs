//! The manifest of a result folder: every file avesim wrote, with its size and SHA-256. A
//! folder is avesim's to replace only while its files still match: a `summary.csv` an
//! advisor edited, or a note saved next to the charts, is the advisor's work and is kept.

use crate::both;
use crate::lang::Text;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The manifest's file name inside a result folder.
pub const MANIFEST: &str = ".avesim-manifest.json";

/// The marker inside a folder avesim is still writing (removed once the manifest is in).
pub const MARKER: &str = ".avesim-writing";

/// What a manifest says about one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the contents, lower-case hex.
    pub sha256: String,
}

/// The manifest: which avesim wrote the folder and every file with its hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always "avesim result folder".
    pub kind: String,
    /// The avesim version that wrote the folder.
    pub avesim_version: String,
    /// Relative path (with `/`) to entry.
    pub files: BTreeMap<String, Entry>,
    /// Every folder inside, by relative path (`charts`).
    pub dirs: Vec<String>,
}

const KIND: &str = "avesim result folder";

/// Why a folder may not be replaced, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotOurs {
    /// No manifest: not written by avesim (or by a version before manifests).
    NoManifest,
    /// A manifest that cannot be read.
    BadManifest(String),
    /// Files added or changed since avesim wrote them (a few names).
    Changed(Vec<Text>),
}

impl NotOurs {
    /// Why, in both languages (it completes "… because ").
    pub fn text(&self) -> Text {
        match self {
            NotOurs::NoManifest => both!(
                "it is not a result folder avesim wrote (it has no {MANIFEST})",
                "het geen map met resultaten is die avesim schreef (er staat geen {MANIFEST} in)"
            ),
            NotOurs::BadManifest(why) => both!(
                "its {MANIFEST} cannot be read ({why})",
                "de {MANIFEST} erin niet te lezen is ({why})"
            ),
            NotOurs::Changed(what) => {
                let en = what
                    .iter()
                    .map(|t| t.en.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                let nl = what
                    .iter()
                    .map(|t| t.nl.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                both!(
                    "it holds files avesim did not write or that changed since ({en})",
                    "er bestanden in staan die avesim niet schreef of die sindsdien veranderden ({nl})"
                )
            }
        }
    }
}

impl std::fmt::Display for NotOurs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

/// Size and SHA-256 of a file; with `sync`, also make sure it is on disk.
fn sha256_of(path: &Path, sync: bool) -> std::io::Result<(u64, String)> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        h.update(&buf[..n]);
    }
    if sync {
        f.sync_all()?;
    }
    let hex = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok((bytes, hex))
}

/// Every entry under `dir` (not following links), relative, sorted; the manifest excluded.
fn walk(dir: &Path) -> std::io::Result<Vec<(String, PathBuf, std::fs::FileType)>> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), dir.to_path_buf())];
    while let Some((prefix, path)) = stack.pop() {
        for entry in std::fs::read_dir(&path)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            if rel == MANIFEST || rel == MARKER {
                continue;
            }
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push((rel.clone(), entry.path()));
            }
            out.push((rel, entry.path(), kind));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Make a folder's entries durable (where the platform can).
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Hash every file in `dir`, flush it to disk, and write the manifest into it.
pub fn write(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries = walk(dir)?;
    // Hashing and flushing each file is independent of the others: side by side, the
    // manifest the same whatever the order.
    let files = entries
        .par_iter()
        .filter(|(_, _, kind)| kind.is_file())
        .map(|(rel, path, _)| {
            sha256_of(path, true).map(|(bytes, sha256)| (rel.clone(), Entry { bytes, sha256 }))
        })
        .collect::<std::io::Result<BTreeMap<_, _>>>()?;
    let mut dirs = Vec::new();
    for (rel, path, kind) in entries {
        if kind.is_dir() {
            sync_dir(&path);
            dirs.push(rel);
        }
    }
    let m = Manifest {
        kind: KIND.into(),
        avesim_version: env!("CARGO_PKG_VERSION").into(),
        files,
        dirs,
    };
    let json = serde_json::to_string_pretty(&m).map_err(std::io::Error::other)?;
    let path = dir.join(MANIFEST);
    std::fs::write(&path, json + "\n")?;
    File::open(&path)?.sync_all()?;
    sync_dir(dir);
    Ok(())
}

/// Whether `dir` has a manifest at all (a cheap first look).
pub fn present(dir: &Path) -> bool {
    dir.join(MANIFEST).is_file()
}

/// Check that `dir` holds only what its manifest lists, unchanged. Files the manifest lists
/// that are gone are fine: nothing of the user's is lost by replacing the folder.
pub fn verify(dir: &Path) -> Result<(), NotOurs> {
    let text = match std::fs::read_to_string(dir.join(MANIFEST)) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(NotOurs::NoManifest),
        Err(e) => return Err(NotOurs::BadManifest(e.to_string())),
    };
    let m: Manifest =
        serde_json::from_str(&text).map_err(|e| NotOurs::BadManifest(e.to_string()))?;
    if m.kind != KIND {
        return Err(NotOurs::BadManifest(format!("kind is `{}`", m.kind)));
    }
    let entries = walk(dir).map_err(|e| NotOurs::BadManifest(e.to_string()))?;
    let mut problems = Vec::new();
    for (rel, path, kind) in entries {
        if problems.len() >= 3 {
            problems.push(Text::same("…"));
            break;
        }
        if kind.is_dir() {
            if !m.dirs.contains(&rel) {
                problems.push(both!("folder {rel} added", "map {rel} toegevoegd"));
            }
            continue;
        }
        let listed = m.files.get(&rel);
        match (kind.is_file(), listed) {
            (true, Some(want)) => match sha256_of(&path, false) {
                Ok((bytes, sha)) if bytes == want.bytes && sha == want.sha256 => {}
                Ok(_) => problems.push(both!("{rel} changed", "{rel} veranderd")),
                Err(e) => problems.push(both!(
                    "{rel} cannot be read: {e}",
                    "{rel} is niet te lezen: {e}"
                )),
            },
            (true, None) => problems.push(both!("{rel} added", "{rel} toegevoegd")),
            (false, _) => problems.push(both!(
                "{rel} is not a plain file",
                "{rel} is geen gewoon bestand"
            )),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(NotOurs::Changed(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_verifies_until_a_file_is_changed_or_added() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("charts")).unwrap();
        std::fs::write(dir.path().join("summary.csv"), "metric,mean\na,1\n").unwrap();
        std::fs::write(dir.path().join("charts/x.svg"), "<svg/>").unwrap();
        assert_eq!(verify(dir.path()), Err(NotOurs::NoManifest));
        write(dir.path()).unwrap();
        assert_eq!(verify(dir.path()), Ok(()));
        std::fs::remove_file(dir.path().join("charts/x.svg")).unwrap();
        assert_eq!(verify(dir.path()), Ok(()), "a removed file loses nothing");
        std::fs::write(dir.path().join("summary.csv"), "metric,mean\na,2\n").unwrap();
        assert!(
            matches!(verify(dir.path()), Err(NotOurs::Changed(w)) if w[0].en.contains("summary.csv changed"))
        );
        write(dir.path()).unwrap();
        std::fs::write(dir.path().join("charts/notes.txt"), "mine").unwrap();
        assert!(
            matches!(verify(dir.path()), Err(NotOurs::Changed(w)) if w[0].en.contains("charts/notes.txt added"))
        );
    }
}
