//! Input problems of one file, and their places resolved against its text: shared by the
//! loaders.

use std::path::{Path, PathBuf};
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

/// A file that is not the JSON it should be, at the place serde_json stopped in `text` (its
/// message without the place, which has its own field).
pub fn json_syntax(
    kind: InputErrorKind,
    path: impl Into<PathBuf>,
    text: &str,
    what: &str,
    e: &serde_json::Error,
) -> InputError {
    let path = path.into();
    let problem = Problem {
        kind,
        message: format!("{what}: {}", strip_position(e)),
        expected: String::new(),
        at: At::LineCol(e.line(), e.column()),
    };
    let mut errors = finish(&path, text, vec![problem]);
    match (errors.pop(), e.line()) {
        (Some(err), line) if line > 0 => err,
        (Some(err), _) => InputError {
            position: None,
            snippet: None,
            ..err
        },
        (None, _) => InputError::at_path(kind, path, format!("{what}: {}", strip_position(e))),
    }
}

/// The text of a file read as `bytes`, or the error at its first byte that is not UTF-8.
pub fn utf8_text(path: &Path, bytes: Vec<u8>) -> Result<String, Box<InputError>> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = e.utf8_error().valid_up_to();
        let byte = bytes.get(valid).copied().unwrap_or_default();
        let prefix = String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default());
        let problem = Problem {
            kind: InputErrorKind::NotUtf8,
            message: format!("invalid UTF-8 byte 0x{byte:02x}"),
            expected: "UTF-8 text".into(),
            at: At::Offset(valid),
        };
        let error = finish(path, &prefix, vec![problem]).pop();
        Box::new(error.unwrap_or_else(|| {
            InputError::at_path(InputErrorKind::NotUtf8, path, "not UTF-8 text")
        }))
    })
}
