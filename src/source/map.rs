//! The run's input files, and the lazy resolution of (file, pointer) to line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::error::Position;
use crate::model::FileId;
use crate::span::{line_cols, locate_all, LineIndex, Span, Target};

/// A place in a file resolved from a pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// Byte span.
    pub span: Span,
    /// Line and column.
    pub position: Position,
}

struct SourceFile {
    path: PathBuf,
    text: OnceLock<Option<Arc<String>>>,
}

/// Every input file of a run, by [`FileId`]. Texts of files are not kept after loading; they are
/// read again only for files that a finding or an error points into. Documents read from AWS
/// have no file: their text stays in memory.
#[derive(Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Registers a file.
    pub fn add(&mut self, path: PathBuf) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile {
            path,
            text: OnceLock::new(),
        });
        id
    }

    /// Registers a document held in memory (read from AWS); its text is kept for the run.
    pub fn add_text(&mut self, path: PathBuf, text: Arc<String>) -> FileId {
        let id = self.add(path);
        if let Some(f) = self.files.last() {
            // A fresh OnceLock: setting it cannot fail.
            let _ = f.text.set(Some(text));
        }
        id
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file's path as the user named it.
    pub fn path(&self, id: FileId) -> &Path {
        self.files
            .get(id.0 as usize)
            .map_or(Path::new(""), |f| f.path.as_path())
    }

    /// Keeps a file's text, read while loading, for the places of its findings.
    pub fn keep(&self, id: FileId, text: Arc<String>) {
        if let Some(file) = self.files.get(id.0 as usize) {
            let _ = file.text.set(Some(text));
        }
    }

    /// The file's text, read again on first use; `None` if it can no longer be read.
    pub fn text(&self, id: FileId) -> Option<Arc<String>> {
        let file = self.files.get(id.0 as usize)?;
        file.text
            .get_or_init(|| {
                let bytes = std::fs::read(&file.path).ok()?;
                String::from_utf8(bytes).ok().map(Arc::new)
            })
            .clone()
    }

    /// Resolves every request, reading each file once and scanning it once for all of its
    /// pointers; files are processed in parallel.
    pub fn resolve(&self, requests: &[(FileId, Target)]) -> Vec<Option<Resolved>> {
        let chains: Vec<(FileId, &[Target])> = requests
            .iter()
            .map(|(file, target)| (*file, std::slice::from_ref(target)))
            .collect();
        self.resolve_first(&chains)
            .into_iter()
            .map(|r| r.map(|(_, r)| r))
            .collect()
    }

    /// For each request, a chain of targets in order of preference: the first one its file
    /// holds is resolved, with its index in the chain. Every chain of a file is located in the
    /// same single pass over the file, and only the chosen spans are turned into lines and
    /// columns.
    pub fn resolve_first(&self, requests: &[(FileId, &[Target])]) -> Vec<Chosen> {
        let mut by_file: BTreeMap<FileId, Vec<usize>> = BTreeMap::new();
        for (i, (file, _)) in requests.iter().enumerate() {
            by_file.entry(*file).or_default().push(i);
        }
        let groups: Vec<(FileId, Vec<usize>)> = by_file.into_iter().collect();
        let resolved: Vec<Vec<(usize, Chosen)>> = groups
            .par_iter()
            .map(|(file, idx)| {
                let Some(text) = self.text(*file) else {
                    return idx.iter().map(|i| (*i, None)).collect();
                };
                let chains: Vec<&[Target]> = idx
                    .iter()
                    .map(|i| requests.get(*i).map_or(&[][..], |(_, chain)| *chain))
                    .collect();
                let targets: Vec<Target> = chains.iter().flat_map(|c| c.iter().cloned()).collect();
                let mut spans = locate_all(&text, &targets).into_iter();
                let chosen: Vec<Option<(usize, Span)>> = chains
                    .iter()
                    .map(|chain| {
                        spans
                            .by_ref()
                            .take(chain.len())
                            .enumerate()
                            .fold(None, |first, (k, span)| first.or(span.map(|s| (k, s))))
                    })
                    .collect();
                let offsets: Vec<usize> = chosen
                    .iter()
                    .flatten()
                    .flat_map(|(_, s)| [s.start, s.end])
                    .collect();
                let mut positions = line_cols(&text, &offsets).into_iter();
                let mut next = || positions.next().unwrap_or((1, 1));
                idx.iter()
                    .zip(chosen)
                    .map(|(i, chosen)| {
                        let placed = chosen.map(|(k, span)| {
                            let (start, end) = (next(), next());
                            (k, at(span, start, end))
                        });
                        (*i, placed)
                    })
                    .collect()
            })
            .collect();
        let mut out = vec![None; requests.len()];
        for (i, r) in resolved.into_iter().flatten() {
            if let Some(slot) = out.get_mut(i) {
                *slot = r;
            }
        }
        out
    }
}

/// The target chosen from a chain (its index in the chain), and its place.
pub type Chosen = Option<(usize, Resolved)>;

/// Line and column of a span.
pub fn resolved(text: &str, lines: &LineIndex, span: Span) -> Resolved {
    at(
        span,
        lines.line_col(text, span.start),
        lines.line_col(text, span.end),
    )
}

/// A span with the (line, column) of its start and end.
fn at(
    span: Span,
    (line, column): (usize, usize),
    (end_line, end_column): (usize, usize),
) -> Resolved {
    Resolved {
        span,
        position: Position {
            line,
            column,
            end_line,
            end_column,
        },
    }
}
