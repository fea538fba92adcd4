//! Result folders that never lose anyone's work.
//!
//! Results are written into a hidden per-process folder next to the destination and moved
//! into place only when complete. An existing folder is replaced (with `--force`) only when
//! it is recognisably one avesim wrote and still holds only what avesim wrote: its manifest
//! ([`manifest`]) lists every file with its SHA-256, so an edited `summary.csv` or an added
//! note makes the folder the user's and it is refused. The replacement is one atomic
//! exchange where the platform has one; elsewhere, and after any crash, the next run in the
//! same output area restores or removes what was left ([`area`]).

use std::io;
use std::path::{Path, PathBuf};

pub mod area;
pub mod manifest;

use area::{Lock, Swap};

/// Why a result folder could not be prepared or committed.
#[derive(Debug, thiserror::Error)]
pub enum ResultDirError {
    /// The destination cannot or may not be used; the text says why and what to do.
    #[error("{0}")]
    Refused(String),
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

/// A result folder being written.
#[derive(Debug)]
pub struct ResultDir {
    dest: PathBuf,
    tmp: PathBuf,
    /// The destination existed and was checked replaceable.
    replace: bool,
    committed: bool,
    notes: Vec<String>,
    // Dropped last: the temporary folder is gone before the lock is released.
    _lock: Lock,
}

/// A file-system failure the user can fix by choosing another place, in plain words.
fn user_fixable(e: &io::Error) -> Option<&'static str> {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotADirectory => Some("a part of that path is a file, not a folder"),
        K::InvalidFilename => Some("the name is too long for the file system"),
        K::PermissionDenied => Some("permission denied"),
        K::ReadOnlyFilesystem => Some("the file system is read-only"),
        _ => None,
    }
}

fn io_err(what: &'static str, path: &Path, e: io::Error) -> ResultDirError {
    match user_fixable(&e) {
        Some(why) => ResultDirError::Refused(format!(
            "cannot write results to {}: {why}; choose another --out",
            path.display()
        )),
        None => ResultDirError::Io {
            what,
            path: path.to_path_buf(),
            source: e,
        },
    }
}

impl ResultDir {
    /// Take the destination's lock, clean what stopped runs left in its output area, check
    /// the destination (an existing one only with `force`, and only if it is avesim's and
    /// unchanged), and create the temporary folder.
    pub fn create(dest: &Path, force: bool) -> Result<Self, ResultDirError> {
        let shown = dest.display();
        let Some(name) = dest.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return Err(ResultDirError::Refused(format!(
                "--out {shown} names no folder of its own: give a new folder name, e.g. --out output/my-run"
            )));
        };
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        if let Err(e) = std::fs::create_dir_all(&parent) {
            if let Some(file) = parent
                .ancestors()
                .find(|a| std::fs::metadata(a).is_ok_and(|m| !m.is_dir()))
            {
                return Err(ResultDirError::Refused(format!(
                    "cannot write results to {shown}: {} is a file, not a folder; choose another --out",
                    file.display()
                )));
            }
            return Err(io_err("cannot create", dest, e));
        }
        let lock = match Lock::try_take(&parent, &name) {
            Ok(Some(lock)) => lock,
            Ok(None) => {
                return Err(ResultDirError::Refused(format!(
                    "another avesim run is writing this folder ({shown}); wait for it to finish or choose another --out"
                )));
            }
            Err(e) => return Err(io_err("cannot lock", dest, e)),
        };
        let notes = area::clean_stale(&parent, &name);
        let replace = match std::fs::symlink_metadata(dest) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let dangling = std::fs::metadata(dest).is_err();
                return Err(ResultDirError::Refused(format!(
                    "{shown} is a symbolic link{}; avesim writes results only into a real folder: choose another --out",
                    if dangling {
                        " to a place that does not exist"
                    } else {
                        ""
                    }
                )));
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(ResultDirError::Refused(format!(
                    "{shown} is a file, not a result folder; avesim leaves it as it is: choose another --out"
                )));
            }
            Ok(_) if !force => {
                let hint = if manifest::present(dest) {
                    "choose another --out, or add --force to replace it"
                } else {
                    "choose another --out (it is not a result folder avesim wrote, so --force will not replace it either)"
                };
                return Err(ResultDirError::Refused(format!(
                    "{shown} already exists; {hint}"
                )));
            }
            Ok(_) => {
                manifest::verify(dest).map_err(|why| {
                    ResultDirError::Refused(format!(
                        "--force refused: {shown} may not be replaced because {why}, so it may hold your own work; move it away yourself or choose another --out"
                    ))
                })?;
                true
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(io_err("cannot look at", dest, e)),
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
                Err(e) => return Err(io_err("cannot create", &tmp, e)),
            }
        }
        Ok(Self {
            dest: dest.to_path_buf(),
            tmp,
            replace,
            committed: false,
            notes,
            _lock: lock,
        })
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
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Write the manifest and move the complete results into place.
    pub fn commit(mut self) -> Result<PathBuf, ResultDirError> {
        manifest::write(&self.tmp)
            .map_err(|e| io_err("cannot write the manifest in", &self.tmp, e))?;
        let shown = self.dest.display().to_string();
        if self.replace {
            manifest::verify(&self.dest).map_err(|why| {
                ResultDirError::Refused(format!(
                    "--force refused: {shown} changed while avesim was running and may not be replaced now because {why}; run again with another --out"
                ))
            })?;
            match area::exchange(&self.tmp, &self.dest)
                .map_err(|e| io_err("cannot swap into place", &self.dest, e))?
            {
                Swap::Exchanged => {
                    // The temporary name now holds the old results; a failure here leaves
                    // a stale folder that the next run removes.
                    let _ = std::fs::remove_dir_all(&self.tmp);
                }
                Swap::Unsupported => {
                    let parent = self.tmp.parent().unwrap_or(Path::new("."));
                    let name = self
                        .dest
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    let old = area::private_path(parent, &name, "old");
                    std::fs::rename(&self.dest, &old)
                        .map_err(|e| io_err("cannot move aside", &self.dest, e))?;
                    if let Err(e) = std::fs::rename(&self.tmp, &self.dest) {
                        let _ = std::fs::rename(&old, &self.dest);
                        return Err(io_err("cannot rename", &self.tmp, e));
                    }
                    let _ = std::fs::remove_dir_all(&old);
                }
            }
        } else {
            area::rename_new(&self.tmp, &self.dest).map_err(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists || e.kind() == io::ErrorKind::DirectoryNotEmpty {
                    ResultDirError::Refused(format!(
                        "{shown} was created by something else while avesim was running; nothing was replaced: run again with another --out"
                    ))
                } else {
                    io_err("cannot rename", &self.tmp, e)
                }
            })?;
        }
        self.committed = true;
        Ok(self.dest.clone())
    }
}

impl Drop for ResultDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}
