//! Findings: what a rule reports. Plain data; the report stage resolves places and renders.

use crate::meta::RuleMeta;
pub use crate::meta::Severity;
pub use remedy::{Action, Remedy};
pub use resource::{ResourceRef, EC2_KINDS};

pub mod remedy;
mod resource;

use crate::model::{FileId, Origin};
use crate::span::{Part, Target};

/// A place in an input file: a file and what to locate in it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Spot {
    /// The file.
    pub file: FileId,
    /// The pointer (and embedded pointer) to locate.
    pub target: Target,
}

impl Spot {
    /// The whole value at `origin`.
    pub fn value(origin: &Origin) -> Spot {
        Spot {
            file: origin.file,
            target: Target {
                pointer: origin.pointer.to_string(),
                inner: None,
                part: Part::Value,
            },
        }
    }

    /// The value of member `name` of the resource at `origin`, named as the AWS CLI names it
    /// (`PrivateDnsEnabled`): the origin translates it for sources that spell it differently
    /// (`private_dns_enabled` in a Terraform plan) and follows it to where it was read. Further
    /// `/`-separated segments (already escaped) descend into the member's value.
    pub fn member(origin: &Origin, name: &str) -> Spot {
        // A source may rename a nested path as a whole (Terraform's `alias/0/name` for
        // `AliasTarget/DNSName`).
        if name.contains('/') && origin.naming.renames(name) {
            return Spot::value(&origin.member_path(name));
        }
        let (first, rest) = match name.split_once('/') {
            Some((first, rest)) => (first, Some(rest)),
            None => (name, None),
        };
        let member = origin.member(first);
        match rest {
            Some(rest) => Spot::value(&member.path(rest)),
            None => Spot::value(&member),
        }
    }

    /// A string value of the resource at `origin` that holds a JSON document (a policy), and a
    /// pointer inside that document.
    pub fn embedded(origin: &Origin, name: &str, inner: impl Into<String>) -> Spot {
        let mut spot = Spot::member(origin, name);
        spot.target.inner = Some(inner.into());
        spot
    }
}

/// Another resource involved in a finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Related {
    /// The resource.
    pub resource: ResourceRef,
    /// Where it is defined, when it came from a file.
    pub spot: Option<Spot>,
    /// What it has to do with the finding.
    pub label: String,
}

/// One problem a rule found.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The rule.
    pub rule: &'static RuleMeta,
    /// Severity (the rule's, unless the finding or the configuration says otherwise).
    pub severity: Severity,
    /// One sentence fragment, no trailing period, ids in backticks.
    pub message: String,
    /// A concrete fix, with the real ids; the report renders it.
    pub remedy: Remedy,
    /// The resource at fault.
    pub resource: ResourceRef,
    /// The primary place.
    pub spot: Option<Spot>,
    /// Label on the primary place.
    pub label: String,
    /// Other resources involved.
    pub related: Vec<Related>,
    /// Tells apart findings of one rule on one resource (a custom rule's schema path), so that
    /// each keeps its own fingerprint; empty for most rules.
    pub key: String,
    /// A rule whose finding on the same resource says all this one says (a full-access policy
    /// covers the wildcard principal in it): this one is shown only where that one is not,
    /// because that rule did not run or its finding is suppressed.
    pub defers_to: Option<&'static RuleMeta>,
}

impl Finding {
    /// A finding of `rule` at its default severity.
    pub fn new(rule: &'static RuleMeta, resource: ResourceRef, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            message: message.into(),
            remedy: Remedy::default(),
            resource,
            spot: None,
            label: String::new(),
            related: Vec::new(),
            key: String::new(),
            defers_to: None,
        }
    }

    /// Sets the primary place and its label.
    pub fn at(mut self, spot: Spot, label: impl Into<String>) -> Self {
        self.spot = Some(spot);
        self.label = label.into();
        self
    }

    /// Sets the fix.
    pub fn remedy(mut self, remedy: Remedy) -> Self {
        self.remedy = remedy;
        self
    }

    /// Shows this finding only where `rule` reports nothing on the same resource.
    pub fn defer_to(mut self, rule: &'static RuleMeta) -> Self {
        self.defers_to = Some(rule);
        self
    }

    /// Sets the key that tells this finding apart from others of its rule on its resource.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = key.into();
        self
    }

    /// Overrides the severity for this finding.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Adds a related resource.
    pub fn related(
        mut self,
        resource: ResourceRef,
        spot: Option<Spot>,
        label: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            resource,
            spot,
            label: label.into(),
        });
        self
    }
}
