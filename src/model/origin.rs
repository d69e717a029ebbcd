//! Where a resource was read from.

use std::fmt;

/// Index of an input file in the run's [`crate::source::SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// The place a resource was read from: a file and the RFC 6901 JSON pointer of its object.
///
/// Only the pointer is kept; byte spans are resolved lazily for the few resources that have a
/// finding, so loading costs no more than typed deserialization.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    /// The file.
    pub file: FileId,
    /// JSON pointer of the resource's object in that file.
    pub pointer: Box<str>,
}

impl Origin {
    /// Origin of `file` at `pointer`.
    pub fn new(file: FileId, pointer: impl Into<Box<str>>) -> Self {
        Self {
            file,
            pointer: pointer.into(),
        }
    }

    /// Pointer to a member of this object (`field` is a member name or array index; `/` and `~`
    /// are escaped as RFC 6901 requires).
    ///
    /// ```
    /// use vpclint::model::{FileId, Origin};
    /// let tags = Origin::new(FileId(0), "/Vpcs/3").child("Tags");
    /// assert_eq!(&*tags.pointer, "/Vpcs/3/Tags");
    /// assert_eq!(&*tags.child("a/b~c").pointer, "/Vpcs/3/Tags/a~1b~0c");
    /// ```
    pub fn child(&self, field: impl fmt::Display) -> Origin {
        let field = field.to_string().replace('~', "~0").replace('/', "~1");
        Origin::new(self.file, format!("{}/{field}", self.pointer))
    }

    /// Pointer to a nested member, given as already-escaped segments joined with `/`.
    pub fn path(&self, rel: &str) -> Origin {
        Origin::new(self.file, format!("{}/{rel}", self.pointer))
    }
}

/// The account and region a resource belongs to, when known.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Scope {
    /// 12-digit AWS account id.
    pub account: Option<String>,
    /// Region name such as `eu-west-1`.
    pub region: Option<String>,
}
