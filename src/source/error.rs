//! Input errors: the check could not run on this input as given.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::problem::{finish, strip_position, At, Problem};
use crate::span::Span;

/// What kind of input problem it is; stable names for machine output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputErrorKind {
    /// The path could not be read.
    Io,
    /// A directory without any `.json` file.
    NoInput,
    /// Zero bytes or only whitespace.
    Empty,
    /// Not UTF-8.
    NotUtf8,
    /// Not JSON.
    Syntax,
    /// JSON, but not of any accepted kind.
    UnknownKind,
    /// A value of the wrong type or shape (schema violation).
    Schema,
    /// A value of the right type that is not valid (CIDR, protocol, …).
    InvalidValue,
    /// The same id with different content.
    Conflict,
    /// Data that cannot be tied to what it belongs to (an Aiven PrivateLink output without its
    /// service's output beside it).
    Unattributed,
    /// `vpclint.toml` is wrong.
    Config,
    /// A custom rule file is wrong.
    CustomRule,
    /// A baseline file cannot be read or written.
    Baseline,
    /// A call to AWS failed (denied, unreachable, rejected credentials, …).
    Aws,
}

impl InputErrorKind {
    /// Stable name, used in `short` and `json` output.
    pub fn name(self) -> &'static str {
        match self {
            InputErrorKind::Io => "io",
            InputErrorKind::NoInput => "no-input",
            InputErrorKind::Empty => "empty-file",
            InputErrorKind::NotUtf8 => "not-utf8",
            InputErrorKind::Syntax => "invalid-json",
            InputErrorKind::UnknownKind => "unknown-kind",
            InputErrorKind::Schema => "schema",
            InputErrorKind::InvalidValue => "invalid-value",
            InputErrorKind::Conflict => "conflicting-duplicate",
            InputErrorKind::Unattributed => "unattributed",
            InputErrorKind::Config => "config",
            InputErrorKind::CustomRule => "custom-rule",
            InputErrorKind::Baseline => "baseline",
            InputErrorKind::Aws => "aws",
        }
    }
}

/// A resolved position in a file: 1-based line and column (in characters), end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column just past the end.
    pub end_column: usize,
}

/// One problem with the input, with its place.
#[derive(Clone, Debug)]
pub struct InputError {
    /// Kind.
    pub kind: InputErrorKind,
    /// File (or directory) as the user named it.
    pub path: PathBuf,
    /// Where in the file, when it is about a place in it.
    pub position: Option<Position>,
    /// JSON pointer of the value, when known.
    pub pointer: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What was expected instead.
    pub expected: Option<String>,
    /// The file's text and the byte span, for a snippet in human output.
    pub snippet: Option<(Arc<String>, Span)>,
}

impl InputError {
    /// An error about a whole path.
    pub fn at_path(
        kind: InputErrorKind,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            path: path.into(),
            position: None,
            pointer: None,
            message: message.into(),
            expected: None,
            snippet: None,
        }
    }

    /// A file that is not the JSON it should be, at the place serde_json stopped in `text` (its
    /// message without the place, which has its own field).
    pub fn json_syntax(
        kind: InputErrorKind,
        path: impl Into<PathBuf>,
        text: &str,
        what: &str,
        e: &serde_json::Error,
    ) -> Self {
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
    pub fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Box<InputError>> {
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

    /// `message; expected …`, the one-line form of the text-based formats.
    pub fn one_line(&self) -> String {
        match &self.expected {
            Some(x) => format!("{}; expected {x}", self.message),
            None => self.message.clone(),
        }
    }

    /// Adds what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Sort key: file, then place, so errors print in reading order.
    pub fn sort_key(&self) -> (&PathBuf, Option<&Position>, &str) {
        (&self.path, self.position.as_ref(), &self.message)
    }
}
