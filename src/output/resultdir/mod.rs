//! Result folders that never lose anyone's work.
//!
//! Results are written into a hidden per-process folder next to the destination and moved
//! into place only when complete and flushed to disk. An existing folder is replaced (with
//! `--force`) only when it is recognisably one avesim wrote and still holds only what avesim
//! wrote: its manifest ([`manifest`]) lists every file with its SHA-256 and every folder, so
//! an edited `summary.csv`, an added note or folder makes it the user's and it is refused.
//! The replacement is one atomic exchange where the platform has one; the old folder is
//! checked once more after the exchange, and kept next to the new one if something was
//! added to it meanwhile. After any crash, the next run in the same output area restores or
//! removes what was left ([`area`]). A destination that changes while avesim runs is left
//! alone and the new results go next to it.

use std::io;
use std::path::{Component, Path, PathBuf};

pub mod area;
pub mod manifest;

use area::{Lock, Swap};

use crate::both;
use crate::lang::Text;

/// Why a result folder could not be prepared or committed.
#[derive(Debug, thiserror::Error)]
pub enum ResultDirError {
    /// The destination cannot or may not be used; the text says why and what to do.
    #[error("{0}")]
    Refused(Text),
    /// A file-system operation failed.
    #[error("{what} {path}: {source}")]
    Io {
        /// What was attempted.
        what: &'static str,
        /// Where.
        path: PathBuf,
        /// Cause.
        source: io::Error,
    },
}

/// Where the results went, and anything the user should know about it.
#[derive(Debug, Clone)]
pub struct Committed {
    /// The result folder.
    pub path: PathBuf,
    /// One sentence per thing worth telling (an old folder kept, results put elsewhere).
    pub notes: Vec<Text>,
}

/// A result folder being written.
#[derive(Debug)]
pub struct ResultDir {
    dest: PathBuf,
    tmp: PathBuf,
    /// The destination existed and was checked replaceable.
    replace: bool,
    committed: bool,
    notes: Vec<Text>,
    /// Folders created for the destination's parent, deepest first (removed again, if
    /// still empty, when nothing is committed).
    created: Vec<PathBuf>,
    /// Released after the temporary folder is gone.
    lock: Option<Lock>,
}

/// Longest folder name accepted (bytes), leaving room for the hidden temporary name.
const MAX_NAME_BYTES: usize = 200;

/// A file-system failure the user can fix, in plain words with what to do.
fn user_fixable(e: &io::Error) -> Option<Text> {
    use io::ErrorKind as K;
    let (en, nl) = match e.kind() {
        K::NotADirectory => (
            "a part of that path is a file, not a folder; choose another --out",
            "een deel van dat pad is een bestand, geen map; kies een andere --out",
        ),
        K::InvalidFilename => (
            "the name is too long for the file system; choose another --out",
            "de naam is te lang voor het bestandssysteem; kies een andere --out",
        ),
        K::PermissionDenied => (
            "permission denied; choose another --out",
            "geen toestemming; kies een andere --out",
        ),
        K::ReadOnlyFilesystem => (
            "the file system is read-only; choose another --out",
            "het bestandssysteem is alleen-lezen; kies een andere --out",
        ),
        K::StorageFull | K::QuotaExceeded => (
            "there is not enough disk space; free some space or choose another --out",
            "er is niet genoeg schijfruimte; maak ruimte vrij of kies een andere --out",
        ),
        K::NotFound => (
            "a part of that path does not exist; choose another --out",
            "een deel van dat pad bestaat niet; kies een andere --out",
        ),
        _ => return None,
    };
    Some(Text::new(en, nl))
}

fn io_err(what: &'static str, path: &Path, e: io::Error) -> ResultDirError {
    match user_fixable(&e) {
        Some(why) => {
            let (path, en, nl) = (path.display(), why.en, why.nl);
            ResultDirError::Refused(both!(
                "cannot write results to {path}: {en}",
                "kan de resultaten niet schrijven naar {path}: {nl}"
            ))
        }
        None => ResultDirError::Io {
            what,
            path: path.to_path_buf(),
            source: e,
        },
    }
}

/// The path without `.` components (`output/run/.` is `output/run`).
fn normalise(dest: &Path) -> PathBuf {
    dest.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect::<PathBuf>()
        .components()
        .collect()
}

/// Refuse a folder name that cannot be shown or typed back: blank, with spaces around it,
/// with control characters, or too long.
fn check_name(shown: &str, name: &str) -> Result<(), ResultDirError> {
    let refuse = |why: Text| {
        let (shown, en, nl) = (crate::text::one_line(shown), why.en, why.nl);
        Err(ResultDirError::Refused(both!(
            "--out {shown}: {en}; choose another --out",
            "--out {shown}: {nl}; kies een andere --out"
        )))
    };
    if name.trim().is_empty() {
        return refuse(Text::new(
            "the folder name is blank",
            "de naam van de map is leeg",
        ));
    }
    if name.trim() != name {
        return refuse(Text::new(
            "the folder name starts or ends with a space",
            "de naam van de map begint of eindigt met een spatie",
        ));
    }
    if name.chars().any(char::is_control) {
        return refuse(Text::new(
            "the folder name contains a control character (such as a line break)",
            "de naam van de map bevat een stuurteken (zoals een regeleinde)",
        ));
    }
    if name.len() > MAX_NAME_BYTES {
        let n = name.chars().count();
        return refuse(both!(
            "the folder name is {n} characters long; use at most {MAX_NAME_BYTES}",
            "de naam van de map is {n} tekens lang; gebruik er hoogstens {MAX_NAME_BYTES}"
        ));
    }
    Ok(())
}

/// Create `parent` and return the folders that had to be created, deepest first.
fn create_parent(parent: &Path, shown: &str) -> Result<Vec<PathBuf>, ResultDirError> {
    let missing: Vec<PathBuf> = parent
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && std::fs::symlink_metadata(a).is_err())
        .map(Path::to_path_buf)
        .collect();
    if let Err(e) = std::fs::create_dir_all(parent) {
        // Something in the way that is not a folder: a file or a broken link.
        if let Some(blocker) = parent.ancestors().find(|a| {
            std::fs::symlink_metadata(a).is_ok() && !std::fs::metadata(a).is_ok_and(|m| m.is_dir())
        }) {
            let link = std::fs::symlink_metadata(blocker).is_ok_and(|m| m.is_symlink());
            let blocker = blocker.display();
            return Err(ResultDirError::Refused(if link {
                both!(
                    "cannot write results to {shown}: {blocker} is a link to a place that does not exist; choose another --out",
                    "kan de resultaten niet schrijven naar {shown}: {blocker} verwijst naar een plek die niet bestaat; kies een andere --out"
                )
            } else {
                both!(
                    "cannot write results to {shown}: {blocker} is a file, not a folder; choose another --out",
                    "kan de resultaten niet schrijven naar {shown}: {blocker} is een bestand, geen map; kies een andere --out"
                )
            }));
        }
        return Err(io_err("cannot create", parent, e));
    }
    Ok(missing)
}

/// The first name next to `dest` made by `name_k` for k = 1, 2, ... that does not exist.
fn free_name(dest: &Path, name_k: impl Fn(&str, u32) -> String) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(|| "results".into(), |n| n.to_string_lossy().into_owned());
    (1..)
        .map(|k| dest.with_file_name(name_k(&name, k)))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .expect("some free name")
}

/// `dest-2`, `dest-3`, ...: where new results go when the destination changed meanwhile.
fn free_sibling(dest: &Path) -> PathBuf {
    free_name(dest, |name, k| format!("{name}-{}", k + 1))
}

/// `dest.previous`, `dest.previous-2`, ...: where an old folder that gained a file is kept.
fn free_previous(dest: &Path) -> PathBuf {
    free_name(dest, |name, k| {
        if k == 1 {
            format!("{name}.previous")
        } else {
            format!("{name}.previous-{k}")
        }
    })
}

impl ResultDir {
    /// Take the destination's lock, clean what stopped runs left in its output area, check
    /// the destination (an existing one only with `force`, and only if it is avesim's and
    /// unchanged), and create the temporary folder.
    pub fn create(dest: &Path, force: bool) -> Result<Self, ResultDirError> {
        let dest = normalise(dest);
        let shown = dest.display().to_string();
        let Some(name) = dest.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return Err(ResultDirError::Refused(both!(
                "--out {shown} names no folder of its own: give a new folder name, e.g. --out output/my-run",
                "--out {shown} noemt geen eigen map: geef een nieuwe mapnaam, bijvoorbeeld --out output/mijn-run"
            )));
        };
        check_name(&shown, &name)?;
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let created = create_parent(&parent, &shown)?;
        let remove_created = || {
            for dir in &created {
                let _ = std::fs::remove_dir(dir);
            }
        };
        let lock = match Lock::try_take(&parent, &name) {
            Ok(Some(lock)) => lock,
            Ok(None) => {
                return Err(ResultDirError::Refused(both!(
                    "another avesim run is writing this folder ({shown}); wait for it to finish or choose another --out",
                    "een andere run van avesim schrijft deze map ({shown}); wacht tot die klaar is of kies een andere --out"
                )));
            }
            Err(e) => {
                remove_created();
                let why = user_fixable(&e).unwrap_or_else(|| {
                    both!("{e}; choose another --out", "{e}; kies een andere --out")
                });
                let (parent, en, nl) = (parent.display(), why.en, why.nl);
                return Err(ResultDirError::Refused(both!(
                    "cannot write results in {parent}: {en}",
                    "kan de resultaten niet schrijven in {parent}: {nl}"
                )));
            }
        };
        let notes = area::clean_stale(&parent, &name);
        let replace = match std::fs::symlink_metadata(&dest) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let dangling = std::fs::metadata(&dest).is_err();
                let (en, nl) = if dangling {
                    (
                        " to a place that does not exist",
                        " naar een plek die niet bestaat",
                    )
                } else {
                    ("", "")
                };
                return Err(ResultDirError::Refused(both!(
                    "{shown} is a symbolic link{en}; avesim writes results only into a real folder: choose another --out",
                    "{shown} is een symbolische koppeling{nl}; avesim schrijft resultaten alleen in een echte map: kies een andere --out"
                )));
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(ResultDirError::Refused(both!(
                    "{shown} is a file, not a result folder; avesim leaves it as it is: choose another --out",
                    "{shown} is een bestand, geen map met resultaten; avesim laat het zoals het is: kies een andere --out"
                )));
            }
            Ok(_) if !force => {
                return Err(ResultDirError::Refused(if manifest::present(&dest) {
                    both!(
                        "{shown} already exists; choose another --out, or add --force to replace it",
                        "{shown} bestaat al; kies een andere --out, of voeg --force toe om de map te vervangen"
                    )
                } else {
                    both!(
                        "{shown} already exists; choose another --out (it is not a result folder avesim wrote, so --force will not replace it either)",
                        "{shown} bestaat al; kies een andere --out (het is geen map met resultaten die avesim schreef, dus ook --force vervangt hem niet)"
                    )
                }));
            }
            Ok(_) => {
                manifest::verify(&dest).map_err(|why| {
                    let why = why.text();
                    let (en, nl) = (why.en, why.nl);
                    ResultDirError::Refused(both!(
                        "--force refused: {shown} may not be replaced because {en}, so it may hold your own work; move it away yourself or choose another --out",
                        "--force geweigerd: {shown} mag niet worden vervangen omdat {nl}; de map kan dus uw eigen werk bevatten: verplaats hem zelf of kies een andere --out"
                    ))
                })?;
                true
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => {
                remove_created();
                return Err(io_err("cannot look at", &dest, e));
            }
        };
        let mut tmp = area::private_path(&parent, &name, "tmp");
        let mut tries = 0;
        loop {
            match std::fs::create_dir(&tmp) {
                Ok(()) => break,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 8 => {
                    tries += 1;
                    tmp = area::private_path(&parent, &name, "tmp");
                }
                Err(e) => {
                    remove_created();
                    return Err(io_err("cannot create", &tmp, e));
                }
            }
        }
        let this = Self {
            dest,
            tmp,
            replace,
            committed: false,
            notes,
            created,
            lock: Some(lock),
        };
        std::fs::write(this.tmp.join(manifest::MARKER), "")
            .map_err(|e| io_err("cannot create", &this.tmp, e))?;
        Ok(this)
    }

    /// The temporary folder to write into.
    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// The final destination.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// What was cleaned up or restored from earlier runs that were stopped, one sentence each.
    pub fn notes(&self) -> &[Text] {
        &self.notes
    }

    /// Put the finished results at a free name next to the destination, which changed or
    /// appeared while avesim ran and is left alone.
    fn commit_beside(mut self, why: Text) -> Result<Committed, ResultDirError> {
        let other = free_sibling(&self.dest);
        area::rename_new(&self.tmp, &other).map_err(|e| io_err("cannot rename", &self.tmp, e))?;
        self.committed = true;
        let (dest, there, en, nl) = (self.dest.display(), other.display(), why.en, why.nl);
        Ok(Committed {
            notes: vec![both!(
                "{dest} {en}, so it was left as it is; the new results are in {there}",
                "{dest} {nl}; de map is gelaten zoals hij was, de nieuwe resultaten staan in {there}"
            )],
            path: other,
        })
    }

    /// After the old folder was swapped out to `old`: remove it if it still holds only
    /// what avesim wrote; otherwise something was added or changed meanwhile, and it is kept.
    fn retire_old(&self, old: &Path, notes: &mut Vec<Text>) {
        match manifest::verify(old) {
            Ok(()) => {
                let _ = std::fs::remove_dir_all(old);
            }
            Err(why) => {
                let keep = free_previous(&self.dest);
                if std::fs::rename(old, &keep).is_ok() {
                    let (dest, kept, why) = (self.dest.display(), keep.display(), why.text());
                    let en = why.en.replacen("it holds", "it came to hold", 1);
                    let nl = why.nl;
                    notes.push(both!(
                        "while avesim replaced {dest}, {en}; the old folder is kept as {kept}",
                        "terwijl avesim {dest} verving, bleek: {nl}; de oude map is bewaard als {kept}"
                    ));
                }
            }
        }
    }

    /// Write the manifest and move the complete results into place.
    pub fn commit(mut self) -> Result<Committed, ResultDirError> {
        manifest::write(&self.tmp)
            .map_err(|e| io_err("cannot write the manifest in", &self.tmp, e))?;
        // From here the manifest marks the folder as avesim's.
        let _ = std::fs::remove_file(self.tmp.join(manifest::MARKER));
        let parent = self.tmp.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut notes = Vec::new();
        if self.replace {
            if let Err(why) = manifest::verify(&self.dest) {
                let why = why.text();
                let (en, nl) = (why.en, why.nl);
                return self.commit_beside(both!(
                    "changed while avesim was running ({en})",
                    "veranderde terwijl avesim draaide ({nl})"
                ));
            }
            match area::exchange(&self.tmp, &self.dest)
                .map_err(|e| io_err("cannot swap into place", &self.dest, e))?
            {
                Swap::Exchanged => {
                    // The temporary name now holds the old results.
                    self.committed = true;
                    let old = self.tmp.clone();
                    self.retire_old(&old, &mut notes);
                }
                Swap::Unsupported => {
                    let name = self
                        .dest
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    let old = area::private_path(&parent, &name, "old");
                    std::fs::rename(&self.dest, &old)
                        .map_err(|e| io_err("cannot move aside", &self.dest, e))?;
                    if let Err(e) = std::fs::rename(&self.tmp, &self.dest) {
                        let _ = std::fs::rename(&old, &self.dest);
                        return Err(io_err("cannot rename", &self.tmp, e));
                    }
                    self.committed = true;
                    self.retire_old(&old, &mut notes);
                }
            }
        } else {
            match area::rename_new(&self.tmp, &self.dest) {
                Ok(()) => self.committed = true,
                Err(e)
                    if e.kind() == io::ErrorKind::AlreadyExists
                        || e.kind() == io::ErrorKind::DirectoryNotEmpty =>
                {
                    return self.commit_beside(Text::new(
                        "was created by something else while avesim was running",
                        "werd door iets anders gemaakt terwijl avesim draaide",
                    ));
                }
                Err(e) => return Err(io_err("cannot rename", &self.tmp, e)),
            }
        }
        manifest::sync_dir(&parent);
        Ok(Committed {
            path: self.dest.clone(),
            notes,
        })
    }
}

impl Drop for ResultDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
        drop(self.lock.take());
        if !self.committed {
            // Folders made only for these results go too, if nothing else is in them.
            for dir in &self.created {
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result_folder(dir: &Path) {
        std::fs::create_dir_all(dir.join("charts")).unwrap();
        std::fs::write(dir.join("summary.csv"), "a,b\n").unwrap();
        manifest::write(dir).unwrap();
    }

    #[test]
    fn an_old_folder_that_gained_a_file_during_the_swap_is_kept_not_deleted() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("res");
        result_folder(&dest);
        let dir = ResultDir::create(&dest, true).unwrap();
        // As if the exchange had happened and a note was saved into the old folder just
        // before it: retire it.
        let old = tmp.path().join("old-results");
        result_folder(&old);
        std::fs::write(old.join("notes.txt"), "mine").unwrap();
        let mut notes = Vec::new();
        dir.retire_old(&old, &mut notes);
        let kept = tmp.path().join("res.previous");
        assert_eq!(
            std::fs::read_to_string(kept.join("notes.txt")).unwrap(),
            "mine"
        );
        assert!(
            notes[0].en.contains("notes.txt added") && notes[0].en.contains("res.previous"),
            "{notes:?}"
        );
        // An unchanged old folder is removed.
        result_folder(&old);
        dir.retire_old(&old, &mut notes);
        assert!(!old.exists());
    }

    #[test]
    fn a_destination_that_changes_during_the_run_is_left_and_the_results_go_beside_it() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("res");
        result_folder(&dest);
        let dir = ResultDir::create(&dest, true).unwrap();
        std::fs::write(dir.path().join("summary.csv"), "new\n").unwrap();
        std::fs::write(dest.join("summary.csv"), "edited meanwhile\n").unwrap();
        let done = dir.commit().unwrap();
        assert_eq!(done.path, tmp.path().join("res-2"));
        assert_eq!(
            std::fs::read_to_string(dest.join("summary.csv")).unwrap(),
            "edited meanwhile\n"
        );
        assert_eq!(
            std::fs::read_to_string(done.path.join("summary.csv")).unwrap(),
            "new\n"
        );
        assert!(
            done.notes[0].en.contains("left as it is"),
            "{:?}",
            done.notes
        );
    }

    #[test]
    fn folders_made_for_results_that_never_came_are_removed_again() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("a/b/res");
        let dir = ResultDir::create(&dest, false).unwrap();
        drop(dir);
        assert!(!tmp.path().join("a").exists());
    }
}
