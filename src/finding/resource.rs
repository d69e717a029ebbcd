//! Which resource a finding is about.

use std::fmt;

use crate::model::{Origin, Scope};

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
