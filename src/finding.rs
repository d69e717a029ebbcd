//! Findings: what a rule reports. Plain data; the report stage resolves places and renders.

use std::fmt;

use crate::meta::RuleMeta;
pub use crate::meta::Severity;
use crate::model::{FileId, Origin, Scope};
use crate::span::{Part, Target};

/// The resource a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResourceRef {
    /// `vpc`, `subnet`, `vpc-endpoint`, `vpc-peering-connection`, …
    pub kind: &'static str,
    /// Its id.
    pub id: String,
    /// Account, when known.
    pub account: Option<String>,
    /// Region, when known.
    pub region: Option<String>,
    /// Terraform address, for a resource read from a plan (`module.net.aws_vpc_endpoint.api`);
    /// a resource that Terraform has yet to create has its address as id too.
    pub address: Option<String>,
}

impl ResourceRef {
    /// A resource of `kind` with `id` in `scope`.
    pub fn new(kind: &'static str, id: impl fmt::Display, scope: &Scope) -> Self {
        Self {
            kind,
            id: id.to_string(),
            account: scope.account.clone(),
            region: scope.region.clone(),
            address: None,
        }
    }

    /// A resource read at `origin`: [`ResourceRef::new`] plus its Terraform address, if any.
    pub fn at(kind: &'static str, id: impl fmt::Display, scope: &Scope, origin: &Origin) -> Self {
        let mut r = Self::new(kind, id, scope);
        r.address = origin.address().map(str::to_owned);
        r
    }

    /// `id`, or `id` and the address when they differ: how reports name the resource.
    pub fn display_name(&self) -> String {
        match &self.address {
            Some(a) if *a != self.id => format!("{} {a}", self.id),
            _ => self.id.clone(),
        }
    }

    /// The resource's ARN, when its kind has one and its account and region are known.
    pub fn arn(&self) -> Option<String> {
        let region = self.region.as_deref()?;
        let account = self.account.as_deref()?;
        if !EC2_KINDS.contains(&self.kind) {
            return None;
        }
        let partition = if region.starts_with("cn-") {
            "aws-cn"
        } else if region.starts_with("us-gov-") {
            "aws-us-gov"
        } else {
            "aws"
        };
        Some(format!(
            "arn:{partition}:ec2:{region}:{account}:{}/{}",
            self.kind, self.id
        ))
    }
}

/// Kinds of EC2 resources, whose ARN is `arn:PARTITION:ec2:REGION:ACCOUNT:KIND/ID`; also the
/// kinds that carry tags and that custom rules can target.
pub const EC2_KINDS: &[&str] = &[
    "vpc",
    "subnet",
    "security-group",
    "network-acl",
    "route-table",
    "network-interface",
    "vpc-endpoint",
    "vpc-endpoint-service",
    "vpc-peering-connection",
];

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
    /// A concrete fix, with the real ids.
    pub help: String,
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
            help: String::new(),
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

    /// Sets the help text.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_need_account_and_region() {
        let mut r = ResourceRef {
            kind: "vpc-endpoint",
            id: "vpce-1".into(),
            account: Some("123456789012".into()),
            region: Some("cn-north-1".into()),
            address: None,
        };
        assert_eq!(
            r.arn().as_deref(),
            Some("arn:aws-cn:ec2:cn-north-1:123456789012:vpc-endpoint/vpce-1")
        );
        r.region = Some("eu-west-1".into());
        assert_eq!(
            r.arn().as_deref(),
            Some("arn:aws:ec2:eu-west-1:123456789012:vpc-endpoint/vpce-1")
        );
        r.account = None;
        assert_eq!(r.arn(), None);
    }
}
