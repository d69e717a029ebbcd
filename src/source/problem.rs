//! Input problems of one file, and their places resolved against its text: shared by the
//! loaders.

use std::path::Path;
use std::sync::Arc;

use super::error::{InputError, InputErrorKind};
use super::map::resolved;
use crate::span::{locate_all, LineIndex, Part, Span, Target};

/// serde_json appends " at line L column C"; the position is reported separately.
pub(crate) fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

/// Where a problem is.
pub(crate) enum At {
    /// A byte offset.
    Offset(usize),
    /// serde_json's 1-based line and byte column.
    LineCol(usize, usize),
    /// A JSON pointer and the part of its member.
    Pointer(String, Part),
}

/// One problem of a file, before its place is resolved.
pub(crate) struct Problem {
    /// Kind.
    pub kind: InputErrorKind,
    /// What is wrong.
    pub message: String,
    /// What was expected (empty: nothing to say).
    pub expected: String,
    /// Where.
    pub at: At,
}

/// Resolves every problem's place against the file's text.
pub(crate) fn finish(path: &Path, text: &str, problems: Vec<Problem>) -> Vec<InputError> {
    let lines = LineIndex::new(text);
    let targets: Vec<Target> = problems
        .iter()
        .filter_map(|p| match &p.at {
            At::Pointer(pointer, part) => Some(Target {
                pointer: pointer.clone(),
                inner: None,
                part: *part,
            }),
            _ => None,
        })
        .collect();
    let mut spans = locate_all(text, &targets).into_iter();
    let source = Arc::new(text.to_owned());
    let mut out: Vec<InputError> = problems
        .into_iter()
        .map(|p| {
            let (span, pointer) = match &p.at {
                At::Offset(o) => (Some(point(text, *o)), None),
                At::LineCol(line, col) => (Some(point(text, byte_offset(text, *line, *col))), None),
                At::Pointer(pointer, _) => (spans.next().flatten(), Some(pointer.clone())),
            };
            let position = span.map(|s| resolved(text, &lines, s).position);
            InputError {
                kind: p.kind,
                path: path.to_path_buf(),
                position,
                pointer,
                message: p.message,
                expected: (!p.expected.is_empty()).then_some(p.expected),
                snippet: span.map(|s| (source.clone(), s)),
            }
        })
        .collect();
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// A one-character span at `offset` (empty at the end of the text).
fn point(text: &str, offset: usize) -> Span {
    let offset = offset.min(text.len());
    let len = text
        .get(offset..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8);
    Span {
        start: offset,
        end: offset + len,
    }
}

/// Byte offset of serde_json's (line, column); its column counts bytes, and 0 means "before the
/// first character" (an error at the end of a line).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut offset = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
