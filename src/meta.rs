//! What describes a rule apart from what it checks: its code, name, category, default severity
//! and document. A leaf: findings, the configuration, custom rules and the reports name rules
//! through it without depending on the rules themselves.

use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Likely a problem.
    Warning,
    /// Traffic will fail, or access is wide open.
    Error,
}

impl Severity {
    /// `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning`, `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of problem a rule finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Traffic will fail.
    Correctness,
    /// Access wider than intended.
    Security,
    /// Works today, fails when a zone does.
    Resilience,
    /// Untidy or misleading.
    Hygiene,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 4] = [
        Category::Correctness,
        Category::Security,
        Category::Resilience,
        Category::Hygiene,
    ];

    /// Lower-case name used in selectors and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Security => "security",
            Category::Resilience => "resilience",
            Category::Hygiene => "hygiene",
        }
    }
}

/// A rule's description, declared once in the rule's file (`declare_rule!`): the registry,
/// `vpclint rules`/`explain`, configuration selectors, SARIF descriptors and `rules/*.md` all read
/// it.
#[derive(Debug)]
pub struct RuleMeta {
    /// Short stable code (`VPCE002`).
    pub code: &'static str,
    /// Stable kebab-case name (`single-az-endpoint`).
    pub name: &'static str,
    /// Category.
    pub category: Category,
    /// Default severity.
    pub severity: Severity,
    /// One line: what the rule detects.
    pub summary: &'static str,
    /// The document below its title (`## What it does` …), as the rule's doc comment holds it:
    /// each line may carry the one space that follows `///`.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The one-line summary.
    pub fn summary(&self) -> &'static str {
        self.summary
    }

    /// The document: its title, then its sections.
    pub fn body(&self) -> String {
        let mut out = format!("# {} ({})\n", self.name, self.code);
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// `rules/CODE-name.md`: front matter, then [`RuleMeta::body`].
    pub fn document(&self) -> String {
        format!(
            "---\ncode: {}\nname: {}\nseverity: {}\ncategory: {}\nsummary: {}\n---\n{}",
            self.code,
            self.name,
            self.severity,
            self.category.as_str(),
            self.summary,
            self.body()
        )
    }
}
