//! Source positions for findings.
//!
//! Resources remember only `(file, JSON pointer)`: exports can be hundreds of
//! megabytes, and only the few resources that end up with a finding ever need a
//! position. Those pointers are resolved here, lazily, in a single forward pass
//! over a file for all of its pointers at once ([`locate_all`]); byte offsets
//! then become 1-based line and column through [`LineIndex`].
//!
//! Some values are JSON documents stored as JSON strings (a VPC endpoint's
//! `"PolicyDocument": "{\"Version\": ...}"`). A finding inside such a policy must
//! point at the offending text in the file, not at the whole string, so a
//! [`Target`] can carry a second pointer into the decoded document, and
//! [`Decoded`] maps positions in decoded text back through every escape to the
//! raw bytes. An embedded document may itself be escaped once more (API Gateway
//! prints a REST API's resource policy as `"{\\\"Version\\\": ...}"`): when the
//! decoded text is the body of a JSON string rather than a document, it is
//! decoded again ([`escaped_again`]) and positions map back through both levels.
//! Other nesting composes by hand: locate the string, decode it, treat the
//! decoded text as the next "file".
//!
//! Semantics shared by everything here:
//! - Pointers follow RFC 6901 (`~1` is `/`, `~0` is `~`); array indices are
//!   decimal without leading zeros, and `-` never resolves.
//! - When an object repeats a member name, the *last* occurrence wins, because
//!   that is the value `serde_json` kept when the resources were loaded.
//! - Whitespace is JSON whitespace (space, tab, `\n`, `\r`); a leading byte
//!   order mark is skipped, offsets still count it.
//! - Broken input never panics: scanning stops at the first syntax error on a
//!   requested path; targets fully read before that point keep their spans and
//!   every other target is `None`. Values that no pointer descends into are only
//!   checked for string termination and bracket matching, which is what keeps the
//!   pass fast.

mod embedded;
mod lines;
mod locate;

pub use embedded::{escaped_again, Decoded};
pub use lines::{line_cols, LineIndex};
pub use locate::locate_all;

/// Byte range `[start, end)` in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

/// Which part of the JSON member a pointer names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The whole value: a string including its quotes, an object from `{` to
    /// `}`, an array from `[` to `]`, or the literal/number itself.
    #[default]
    Value,
    /// The member name, quotes included, of the pointer's last segment. Array
    /// elements and the document root have no name, so for them this falls back
    /// to the value span rather than failing: a finding still gets a position.
    Key,
    /// The character at this byte offset of the innermost text (the decoded
    /// document of an embedded target, else the raw text of the value), for
    /// places no pointer can name, such as a syntax error inside an embedded
    /// policy. The pointers are not followed past the outer string: only the
    /// value they name must exist. Offsets past the end clamp to it.
    Offset(usize),
}

/// What to locate.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    /// RFC 6901 pointer into the file (`""` is the whole document).
    pub pointer: String,
    /// If set, the value at `pointer` is a JSON string whose decoded text is a
    /// JSON document, and this is a pointer into that document; the resulting
    /// span still refers to bytes of the file.
    pub inner: Option<String>,
    /// Which part to return; applies to the innermost pointer only (the outer
    /// string of an embedded document is always taken as a value).
    pub part: Part,
}
