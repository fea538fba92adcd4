//! Atomic result folders: everything is written to a hidden temporary folder next to the
//! destination and renamed into place when complete. An existing folder is replaced only
//! with `force`, and only after the new results are complete.

use std::path::{Path, PathBuf};

/// Why a result folder could not be prepared or committed.
#[derive(Debug, thiserror::Error)]
pub enum ResultDirError {
    /// The destination exists and `--force` was not given.
    #[error("{0} already exists; choose another --out or add --force to replace it")]
    Exists(PathBuf),
    /// A file-system operation failed.
    #[error("{what} {path}: {source}")]
    Io {
        /// What was attempted.
        what: &'static str,
        /// Where.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
}

/// A result folder being written.
#[derive(Debug)]
pub struct ResultDir {
    dest: PathBuf,
    tmp: PathBuf,
    force: bool,
    committed: bool,
}

fn io<'a>(
    what: &'static str,
    path: &'a Path,
) -> impl FnOnce(std::io::Error) -> ResultDirError + 'a {
    move |source| ResultDirError::Io {
        what,
        path: path.to_path_buf(),
        source,
    }
}

impl ResultDir {
    /// Refuse an existing destination unless `force`; create the temporary folder.
    pub fn create(dest: &Path, force: bool) -> Result<Self, ResultDirError> {
        if dest.exists() && !force {
            return Err(ResultDirError::Exists(dest.to_path_buf()));
        }
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io("cannot create", parent))?;
        let name = dest
            .file_name()
            .map_or_else(|| "results".into(), |n| n.to_string_lossy().into_owned());
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(io("cannot clear", &tmp))?;
        }
        std::fs::create_dir(&tmp).map_err(io("cannot create", &tmp))?;
        Ok(Self {
            dest: dest.to_path_buf(),
            tmp,
            force,
            committed: false,
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

    /// Move the complete results into place.
    pub fn commit(mut self) -> Result<PathBuf, ResultDirError> {
        if self.dest.exists() {
            if !self.force {
                return Err(ResultDirError::Exists(self.dest.clone()));
            }
            let old = self.tmp.with_extension("old");
            std::fs::rename(&self.dest, &old).map_err(io("cannot move aside", &self.dest))?;
            std::fs::rename(&self.tmp, &self.dest).map_err(io("cannot rename", &self.tmp))?;
            std::fs::remove_dir_all(&old).map_err(io("cannot remove", &old))?;
        } else {
            std::fs::rename(&self.tmp, &self.dest).map_err(io("cannot rename", &self.tmp))?;
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
