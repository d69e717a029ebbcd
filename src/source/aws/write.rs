//! `export --out DIR`: each account written whole or not at all. An account's documents go to a
//! folder under `DIR/.vpclint-partial/` (which `check` never walks), which is then renamed to
//! `DIR/ACCOUNT/`: an interrupted export leaves only accounts that were read completely, and
//! `--resume` can take every `DIR/ACCOUNT/` folder as done.

use std::io;
use std::path::{Path, PathBuf};

use crate::source::{InputError, InputErrorKind, PARTIAL_DIR};

/// Where an export goes.
pub struct ExportDir {
    out: PathBuf,
}

impl ExportDir {
    /// Prepares `out`: created when missing; what an interrupted export left half-written is
    /// removed.
    pub fn open(out: &Path) -> Result<ExportDir, Vec<InputError>> {
        let partial = out.join(PARTIAL_DIR);
        if partial.exists() {
            std::fs::remove_dir_all(&partial).map_err(|e| io_error(&partial, &e))?;
        }
        std::fs::create_dir_all(out).map_err(|e| io_error(out, &e))?;
        Ok(ExportDir {
            out: out.to_path_buf(),
        })
    }

    /// The accounts already exported: every `DIR/ACCOUNT/` folder (each was renamed into place
    /// whole).
    pub fn exported(&self) -> Result<Vec<String>, Vec<InputError>> {
        let entries = std::fs::read_dir(&self.out).map_err(|e| io_error(&self.out, &e))?;
        let mut out: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|name| crate::source::region::is_account(name))
            .collect();
        out.sort();
        Ok(out)
    }

    /// Writes one file at `rel` (relative to DIR) through a temporary name and a rename, so that
    /// a reader never sees half of it.
    pub fn put_file(&self, rel: &Path, text: &str) -> Result<(), Vec<InputError>> {
        let path = self.out.join(rel);
        let tmp = self.out.join(PARTIAL_DIR).join(rel);
        if let Some(dir) = tmp.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
        }
        std::fs::write(&tmp, text).map_err(|e| io_error(&tmp, &e))?;
        std::fs::rename(&tmp, &path).map_err(|e| io_error(&path, &e))
    }

    /// Writes an account's documents (`ACCOUNT/REGION/FILE`) and puts them in place as
    /// `DIR/ACCOUNT/`. The regions of an earlier export of the account that this one did not
    /// read are kept; a region read again is replaced whole (files of a service since deleted
    /// would otherwise be read as current).
    pub fn put_account(
        &self,
        account: &str,
        documents: &[(PathBuf, String)],
    ) -> Result<(), Vec<InputError>> {
        let staging = self.out.join(PARTIAL_DIR);
        let fresh = staging.join(account);
        for (rel, text) in documents {
            let path = staging.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
            }
            std::fs::write(&path, text).map_err(|e| io_error(&path, &e))?;
        }
        std::fs::create_dir_all(&fresh).map_err(|e| io_error(&fresh, &e))?;
        let target = self.out.join(account);
        if !target.exists() {
            return std::fs::rename(&fresh, &target).map_err(|e| io_error(&target, &e));
        }
        // Regions of the earlier export that were not read now move into the new folder.
        for entry in std::fs::read_dir(&target)
            .map_err(|e| io_error(&target, &e))?
            .flatten()
        {
            let kept = fresh.join(entry.file_name());
            if !kept.exists() {
                std::fs::rename(entry.path(), &kept).map_err(|e| io_error(&kept, &e))?;
            }
        }
        let old = staging.join(format!("{account}.old"));
        std::fs::rename(&target, &old).map_err(|e| io_error(&target, &e))?;
        std::fs::rename(&fresh, &target).map_err(|e| io_error(&target, &e))?;
        std::fs::remove_dir_all(&old).map_err(|e| io_error(&old, &e))
    }

    /// Removes the staging folder once every account is in place.
    pub fn close(self) -> Result<(), Vec<InputError>> {
        let staging = self.out.join(PARTIAL_DIR);
        match std::fs::remove_dir_all(&staging) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error(&staging, &e)),
            _ => Ok(()),
        }
    }
}

/// A failed write, as the one error of a list (what the export's callers collect).
fn io_error(path: &Path, e: &io::Error) -> Vec<InputError> {
    vec![InputError::at_path(
        InputErrorKind::Io,
        path,
        format!("cannot write: {e}"),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path) -> Vec<String> {
        let mut out: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                e.path()
                    .strip_prefix(dir)
                    .ok()
                    .map(|p| p.display().to_string())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn accounts_are_replaced_whole_and_other_regions_kept() {
        let dir = std::env::temp_dir().join(format!("vpclint-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = ExportDir::open(&dir).unwrap_or_else(|e| panic!("{e:?}"));
        let doc = |p: &str| (PathBuf::from(p), "{}\n".to_owned());
        let first = [
            doc("111111111111/eu-west-1/a.json"),
            doc("111111111111/eu-west-1/old.json"),
            doc("111111111111/us-east-1/a.json"),
        ];
        assert!(out.put_account("111111111111", &first).is_ok());
        let again = [doc("111111111111/eu-west-1/a.json")];
        assert!(out.put_account("111111111111", &again).is_ok());
        assert!(out.put_file(Path::new("org.json"), "{}\n").is_ok());
        assert_eq!(out.exported().ok(), Some(vec!["111111111111".to_owned()]));
        assert!(out.close().is_ok());
        assert_eq!(
            tree(&dir),
            [
                "111111111111/eu-west-1/a.json",
                "111111111111/us-east-1/a.json",
                "org.json"
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
