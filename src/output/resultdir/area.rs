//! The output area: the folder that holds result folders. A run writing result folder `X`
//! holds an exclusive lock on `.X.avesim-lock` next to it, writes into its own
//! `.X.avesim-<pid>-<nonce>.tmp`, and swaps that into place. The lock dies with the process,
//! so a hidden folder whose lock nobody holds was left by a run that was stopped: the next
//! run in the area restores or removes it, and never touches a folder whose lock is held.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use crate::both;
use crate::lang::Text;

/// Suffix of lock files.
const LOCK: &str = ".avesim-lock";
/// The infix of per-process temporary and set-aside folders.
const INFIX: &str = ".avesim-";

/// The lock file of result folder `name` in `parent`.
pub fn lock_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}{LOCK}"))
}

/// A fresh per-process name for a temporary (`tmp`) or set-aside (`old`) folder.
pub fn private_path(parent: &Path, name: &str, kind: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    parent.join(format!(
        ".{name}{INFIX}{}-{nanos:08x}{n:x}.{kind}",
        std::process::id()
    ))
}

/// An exclusive lock on one result folder's lock file; released (and the file removed)
/// when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: Option<File>,
}

impl Lock {
    /// Try to take the lock of result folder `name`; `Ok(None)` if another process holds it.
    pub fn try_take(parent: &Path, name: &str) -> io::Result<Option<Lock>> {
        let path = lock_path(parent, name);
        // A holder that finishes removes the file; if we locked a file that was removed in
        // between, the lock protects nothing, so try again with the file now at the path.
        for _ in 0..16 {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
                Err(std::fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    // A file system without locks: carry on unprotected, as before locks.
                    return Ok(Some(Lock {
                        path,
                        file: Some(file),
                    }));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
            if same_file(&file, &path) {
                return Ok(Some(Lock {
                    path,
                    file: Some(file),
                }));
            }
        }
        Err(io::Error::other(format!(
            "{} keeps being replaced by other processes",
            path.display()
        )))
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove while still holding the lock, so nobody locks a file about to vanish unseen.
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

/// What a hidden entry in the output area is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Hidden {
    Lock,
    /// A per-process temporary folder (results being written, or an old folder swapped out).
    Tmp,
    /// A result folder set aside while being replaced.
    Old,
    /// A temporary folder of avesim 0.1 (`.X.tmp-PID`, `.X.tmp-PID.old`), with its process id.
    Legacy {
        pid: u32,
        old: bool,
    },
}

/// The result folder name and kind of a hidden entry, if it is one of avesim's.
fn classify(file_name: &str) -> Option<(String, Hidden)> {
    let rest = file_name.strip_prefix('.')?;
    if let Some(name) = rest.strip_suffix(LOCK) {
        return (!name.is_empty()).then(|| (name.to_string(), Hidden::Lock));
    }
    for (suffix, kind) in [(".tmp", Hidden::Tmp), (".old", Hidden::Old)] {
        if let Some(stem) = rest.strip_suffix(suffix)
            && let Some((name, tag)) = stem.rsplit_once(INFIX)
            && let Some((pid, nonce)) = tag.split_once('-')
            && !name.is_empty()
            && !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && !nonce.is_empty()
            && nonce.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Some((name.to_string(), kind));
        }
    }
    let (stem, old) = match rest.strip_suffix(".old") {
        Some(s) => (s, true),
        None => (rest, false),
    };
    let (name, pid) = stem.rsplit_once(".tmp-")?;
    let pid: u32 = pid.parse().ok()?;
    (!name.is_empty()).then(|| (name.to_string(), Hidden::Legacy { pid, old }))
}

/// Whether process `pid` is running (only known on Linux; elsewhere assume it is).
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Files avesim 0.1 wrote into a result folder (for recognising its temporary folders).
fn legacy_file(rel: &str) -> bool {
    const FILES: [&str; 14] = [
        "summary.csv",
        "replications.csv",
        "timeseries.csv",
        "hourly.csv",
        "distributions.csv",
        "scenario.resolved.toml",
        "run.json",
        "cases.csv",
        "trace.csv",
        "report.html",
        "sweep.csv",
        "comparison.csv",
        "differences.csv",
        "comparison.md",
    ];
    if FILES.contains(&rel) {
        return true;
    }
    if let Some(chart) = rel.strip_prefix("charts/") {
        return !chart.contains('/') && (chart.ends_with(".png") || chart.ends_with(".svg"));
    }
    rel.strip_prefix("cases-")
        .and_then(|r| r.strip_suffix(".part"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a folder holds nothing but what avesim 0.1 wrote.
fn only_legacy_files(dir: &Path) -> bool {
    let mut stack = vec![(String::new(), dir.to_path_buf())];
    while let Some((prefix, path)) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&path) else {
            return false;
        };
        for entry in rd.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            match entry.file_type() {
                Ok(t) if t.is_dir() && rel == "charts" => stack.push((rel, entry.path())),
                Ok(t) if t.is_file() && legacy_file(&rel) => {}
                _ => return false,
            }
        }
    }
    true
}

/// Whether a hidden entry is provably one avesim left: the right kind of entry, with the
/// marker or the manifest avesim writes into its folders. Anything else with a similar name
/// is the user's and is never touched.
fn provably_ours(path: &Path, kind: &Hidden) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    match kind {
        Hidden::Lock => meta.is_file() && meta.len() == 0,
        // Results being written carry the marker; after an exchange the old results sit
        // under the temporary name with their manifest.
        Hidden::Tmp => {
            meta.is_dir()
                && (path.join(super::manifest::MARKER).is_file() || super::manifest::present(path))
        }
        Hidden::Old => meta.is_dir() && super::manifest::present(path),
        Hidden::Legacy { .. } => meta.is_dir() && only_legacy_files(path),
    }
}

fn size_of(path: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![path.to_path_buf()];
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                stack.extend(rd.flatten().map(|e| e.path()));
            }
        } else {
            total += meta.len();
        }
    }
    total
}

/// "12 MB", "3.4 MB", "80 kB", "120 bytes".
fn size_words(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 10e6 {
        format!("{:.0} MB", b / 1e6)
    } else if b >= 1e6 {
        format!("{:.1} MB", b / 1e6)
    } else if b >= 1e3 {
        format!("{:.0} kB", b / 1e3)
    } else {
        format!("{bytes} bytes")
    }
}

/// Restore or remove what stopped runs left in `parent`. `own` is the result folder whose
/// lock the caller holds; every other name is cleaned only if its lock can be taken now.
/// Returns one sentence per thing done.
pub fn clean_stale(parent: &Path, own: &str) -> Vec<Text> {
    let Ok(rd) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut groups: std::collections::BTreeMap<String, Vec<(PathBuf, Hidden)>> = Default::default();
    for entry in rd.flatten() {
        let file_name = entry.file_name();
        let Some((name, kind)) = classify(&file_name.to_string_lossy()) else {
            continue;
        };
        if provably_ours(&entry.path(), &kind) {
            groups.entry(name).or_default().push((entry.path(), kind));
        }
    }
    let mut notes = Vec::new();
    for (name, entries) in groups {
        let leftovers: Vec<&(PathBuf, Hidden)> =
            entries.iter().filter(|(_, k)| *k != Hidden::Lock).collect();
        if leftovers.is_empty() && name == own {
            continue;
        }
        let _lock = if name == own {
            None
        } else {
            match Lock::try_take(parent, &name) {
                Ok(Some(lock)) => Some(lock),
                // Held: a run is writing that folder now; its hidden folders are its own.
                Ok(None) | Err(_) => continue,
            }
        };
        let dest = parent.join(&name);
        // A run stopped halfway through replacing: the old folder is set aside and the
        // destination is missing. Put the old one back first.
        if std::fs::symlink_metadata(&dest).is_err() {
            let mut olds: Vec<&PathBuf> = leftovers
                .iter()
                // Set aside only after it was checked: a complete result folder.
                .filter(|(_, k)| {
                    *k == Hidden::Old
                        || matches!(k, Hidden::Legacy { old: true, pid } if !alive(*pid))
                })
                .map(|(p, _)| p)
                .collect();
            olds.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
            if let Some(old) = olds.last()
                && std::fs::rename(old, &dest).is_ok()
            {
                let (dest, old) = (dest.display(), old.display());
                notes.push(both!(
                    "restored {dest} from {old}, where an earlier avesim run that was stopped while replacing it had set it aside",
                    "{dest} teruggezet uit {old}, waar een eerdere run van avesim die tijdens het vervangen werd gestopt hem had neergezet"
                ));
            }
        }
        for (path, kind) in leftovers {
            if let Hidden::Legacy { pid, .. } = kind
                && alive(*pid)
            {
                continue;
            }
            if std::fs::symlink_metadata(path).is_err() {
                continue; // restored above
            }
            let bytes = size_of(path);
            let removed = if path.is_dir() {
                std::fs::remove_dir_all(path)
            } else {
                std::fs::remove_file(path)
            };
            if removed.is_ok() {
                let (path, size) = (path.display(), size_words(bytes));
                notes.push(both!(
                    "removed {path} ({size}), left by an earlier avesim run that was stopped before it finished",
                    "{path} verwijderd ({size}), achtergelaten door een eerdere run van avesim die werd gestopt voordat hij klaar was"
                ));
            }
        }
    }
    notes
}

/// How a finished temporary folder replaced the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swap {
    /// Atomically exchanged: `tmp` now holds the old folder.
    Exchanged,
    /// The platform cannot exchange; move aside, rename, remove.
    Unsupported,
}

/// Atomically exchange two folders (Linux renameat2 RENAME_EXCHANGE, macOS RENAME_SWAP).
#[cfg(any(target_os = "linux", target_os = "macos"))]
pub fn exchange(a: &Path, b: &Path) -> io::Result<Swap> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(Swap::Exchanged),
        Err(e)
            if e == rustix::io::Errno::INVAL
                || e == rustix::io::Errno::NOSYS
                || e == rustix::io::Errno::NOTSUP =>
        {
            Ok(Swap::Unsupported)
        }
        Err(e) => Err(e.into()),
    }
}

/// Elsewhere there is no atomic exchange.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<Swap> {
    Ok(Swap::Unsupported)
}

/// Rename `from` to `to` only if `to` does not exist (atomically where the platform can).
#[cfg(any(target_os = "linux", target_os = "macos"))]
pub fn rename_new(from: &Path, to: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
        Ok(()) => Ok(()),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {
            rename_if_absent(from, to)
        }
        Err(e) => Err(e.into()),
    }
}

/// Elsewhere: check, then rename.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
pub fn rename_new(from: &Path, to: &Path) -> io::Result<()> {
    rename_if_absent(from, to)
}

fn rename_if_absent(from: &Path, to: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(io::Error::from(io::ErrorKind::AlreadyExists));
    }
    std::fs::rename(from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_entries_are_recognised_by_name() {
        assert_eq!(
            classify(".run-1.avesim-lock"),
            Some(("run-1".into(), Hidden::Lock))
        );
        assert_eq!(
            classify(".a.b.avesim-123-00ff1.tmp"),
            Some(("a.b".into(), Hidden::Tmp))
        );
        assert_eq!(
            classify(".x.avesim-9-a.old"),
            Some(("x".into(), Hidden::Old))
        );
        assert_eq!(
            classify(".x.tmp-42.old"),
            Some(("x".into(), Hidden::Legacy { pid: 42, old: true }))
        );
        assert_eq!(classify(".gitkeep"), None);
        assert_eq!(classify(".x.avesim-notapid-a.tmp"), None);
        assert_eq!(classify("x.avesim-1-a.tmp"), None);
    }

    #[test]
    fn a_held_lock_cannot_be_taken_twice_and_is_removed_when_released() {
        let dir = tempfile::tempdir().unwrap();
        let a = Lock::try_take(dir.path(), "r").unwrap().unwrap();
        assert!(Lock::try_take(dir.path(), "r").unwrap().is_none());
        drop(a);
        assert!(!lock_path(dir.path(), "r").exists());
        assert!(Lock::try_take(dir.path(), "r").unwrap().is_some());
    }

    #[test]
    fn only_what_avesim_provably_left_is_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // Look-alikes that are the user's: a file, a folder without marker, a legacy-named
        // folder with a note in it.
        std::fs::write(d.join(".x.avesim-1-a.tmp"), "mine").unwrap();
        std::fs::create_dir(d.join(".y.avesim-1-b.tmp")).unwrap();
        std::fs::create_dir(d.join(".drafts.tmp-4000000.old")).unwrap();
        std::fs::write(d.join(".drafts.tmp-4000000.old/ch1.txt"), "mine").unwrap();
        std::fs::write(d.join(".thesis.tmp-99999"), "mine").unwrap();
        let notes = clean_stale(d, "mine");
        assert!(notes.is_empty(), "{notes:?}");
        for kept in [
            ".x.avesim-1-a.tmp",
            ".y.avesim-1-b.tmp",
            ".drafts.tmp-4000000.old/ch1.txt",
            ".thesis.tmp-99999",
        ] {
            assert!(d.join(kept).exists(), "{kept} was touched");
        }
        assert!(!d.join("drafts").exists());
        // A legacy temporary folder with only avesim's files is cleaned.
        std::fs::create_dir_all(d.join(".old.tmp-4000001/charts")).unwrap();
        std::fs::write(d.join(".old.tmp-4000001/summary.csv"), "x").unwrap();
        std::fs::write(d.join(".old.tmp-4000001/charts/a.png"), "x").unwrap();
        let notes = clean_stale(d, "mine");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].en.contains("bytes"), "{notes:?}");
        assert!(!d.join(".old.tmp-4000001").exists());
    }

    #[test]
    fn stale_folders_are_removed_unless_their_lock_is_held() {
        let dir = tempfile::tempdir().unwrap();
        let busy = private_path(dir.path(), "busy", "tmp");
        let stale = private_path(dir.path(), "stale", "tmp");
        std::fs::create_dir(&busy).unwrap();
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(busy.join(super::super::manifest::MARKER), "").unwrap();
        std::fs::write(stale.join(super::super::manifest::MARKER), "").unwrap();
        let held = Lock::try_take(dir.path(), "busy").unwrap().unwrap();
        let notes = clean_stale(dir.path(), "mine");
        assert!(busy.exists(), "a running writer's folder is left alone");
        assert!(!stale.exists());
        assert_eq!(notes.len(), 1, "{notes:?}");
        drop(held);
        clean_stale(dir.path(), "mine");
        assert!(!busy.exists());
    }
}
