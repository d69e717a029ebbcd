//! Input errors: the check could not run on this input as given.

use std::path::PathBuf;
use std::sync::Arc;

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
