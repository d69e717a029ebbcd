//! Where a resource was read from.

use std::fmt;
use std::sync::Arc;

/// Index of an input file in the run's [`crate::source::SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// How the source spells the members of a resource's object.
///
/// Rules name members the way the AWS CLI does (`PrivateDnsEnabled`, `SubnetIds`); a Terraform
/// plan spells the same attributes in snake case (`private_dns_enabled`, `subnet_ids`) and names
/// a few differently (`security_group_ids` for `Groups`). [`Origin::member`] translates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Naming {
    /// The AWS CLI's member names, used as given.
    #[default]
    Aws,
    /// A Terraform resource type's attributes: the listed `(AWS name, attribute)` renames, else
    /// the snake case of the AWS name.
    Terraform(&'static [(&'static str, &'static str)]),
}

impl Naming {
    /// The source's name of the member that the AWS CLI calls `name`.
    pub fn translate(self, name: &str) -> String {
        match self {
            Naming::Aws => name.to_owned(),
            Naming::Terraform(renames) => renames
                .iter()
                .find(|(aws, _)| *aws == name)
                .map(|(_, tf)| (*tf).to_owned())
                .unwrap_or_else(|| snake_case(name)),
        }
    }
}

impl Naming {
    /// Whether the source renames `name` itself (not only by snake case).
    pub fn renames(self, name: &str) -> bool {
        match self {
            Naming::Aws => false,
            Naming::Terraform(renames) => renames.iter().any(|(aws, _)| *aws == name),
        }
    }
}

/// `PrivateDnsEnabled` → `private_dns_enabled`; digits and indices pass through.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower = i > 0 && chars.get(i - 1).is_some_and(|p| !p.is_ascii_uppercase());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let prev_upper = i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_uppercase);
            if i > 0 && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

/// What a Terraform plan adds to a resource's origin.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Planned {
    /// The resource's address (`module.net.aws_subnet.private["a"]`).
    pub address: Box<str>,
    /// Members (source names) whose value is not in the resource's own object, and where they
    /// were read instead: a value known only after apply points at the `configuration`
    /// expression that references it; a policy set by `aws_vpc_endpoint_policy` at that
    /// resource's value.
    pub relocated: Vec<(Box<str>, Origin)>,
    /// Members (source names) whose value Terraform knows only after apply and that could not
    /// be followed to a planned resource: the model holds a marker (see [`super::unknown`]), an
    /// empty value or `None` for them, never a guess.
    pub unknown: Vec<Box<str>>,
}

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
    /// How the object spells its members.
    pub naming: Naming,
    /// Set for resources read from a Terraform plan.
    pub planned: Option<Arc<Planned>>,
}

impl Origin {
    /// Origin of `file` at `pointer`.
    pub fn new(file: FileId, pointer: impl Into<Box<str>>) -> Self {
        Self {
            file,
            pointer: pointer.into(),
            naming: Naming::Aws,
            planned: None,
        }
    }

    /// Pointer to a member of this object (`field` is a member name or array index; `/` and `~`
    /// are escaped as RFC 6901 requires), spelled as the source spells it.
    ///
    /// ```
    /// use vpclint::model::{FileId, Origin};
    /// let tags = Origin::new(FileId(0), "/Vpcs/3").child("Tags");
    /// assert_eq!(&*tags.pointer, "/Vpcs/3/Tags");
    /// assert_eq!(&*tags.child("a/b~c").pointer, "/Vpcs/3/Tags/a~1b~0c");
    /// ```
    pub fn child(&self, field: impl fmt::Display) -> Origin {
        let field = field.to_string().replace('~', "~0").replace('/', "~1");
        self.at(format!("{}/{field}", self.pointer))
    }

    /// Pointer to a nested item: a relative pointer (already-escaped segments joined with `/`)
    /// or a [`Rel`], which may name a place of its own.
    pub fn path<R: RelPath + ?Sized>(&self, rel: &R) -> Origin {
        rel.item_origin(self)
    }

    /// The member that the AWS CLI calls `name` (`PrivateDnsEnabled`), as this source spells and
    /// places it: translated by the naming, and followed to where it was read if elsewhere.
    pub fn member(&self, name: &str) -> Origin {
        let own = self.naming.translate(name);
        if let Some(p) = &self.planned {
            if let Some((_, to)) = p.relocated.iter().find(|(k, _)| **k == *own) {
                return to.clone();
            }
        }
        self.child(own)
    }

    /// Like [`Origin::member`] for a path that the naming renames as a whole, into a relative
    /// pointer of the source's own (`AliasTarget/DNSName` → `alias/0/name`).
    pub fn member_path(&self, name: &str) -> Origin {
        let own = self.naming.translate(name);
        if let Some(p) = &self.planned {
            if let Some((_, to)) = p.relocated.iter().find(|(k, _)| **k == *own) {
                return to.clone();
            }
        }
        self.at(format!("{}/{own}", self.pointer))
    }

    /// Whether the value of the member the AWS CLI calls `name` is known: false for a planned
    /// attribute that Terraform knows only after apply and that could not be resolved.
    pub fn known(&self, name: &str) -> bool {
        let own = self.naming.translate(name);
        self.planned
            .as_ref()
            .is_none_or(|p| !p.unknown.iter().any(|k| **k == *own))
    }

    /// The Terraform address, for a resource read from a plan.
    pub fn address(&self) -> Option<&str> {
        self.planned
            .as_ref()
            .map(|p| &*p.address)
            .filter(|a| !a.is_empty())
    }

    /// Records that the member the AWS CLI calls `name` was read at `to` (a policy attached by a
    /// separate resource).
    pub fn relocate(&mut self, name: &str, to: Origin) {
        let own: Box<str> = self.naming.translate(name).into();
        let planned = Arc::make_mut(self.planned.get_or_insert_with(|| {
            Arc::new(Planned {
                address: Box::from(""),
                relocated: Vec::new(),
                unknown: Vec::new(),
            })
        }));
        planned.relocated.retain(|(k, _)| *k != own);
        planned.unknown.retain(|k| *k != own);
        planned.relocated.push((own, to));
    }

    /// Records that the member the AWS CLI calls `name` is known only after apply.
    pub fn set_unknown(&mut self, name: &str) {
        let own: Box<str> = self.naming.translate(name).into();
        if let Some(p) = self.planned.as_mut() {
            let p = Arc::make_mut(p);
            if !p.unknown.contains(&own) {
                p.unknown.push(own);
            }
        }
    }

    /// The same file and naming at another pointer; the plan details belong to the resource's
    /// own object, not to its members.
    fn at(&self, pointer: String) -> Origin {
        Origin {
            file: self.file,
            pointer: pointer.into(),
            naming: self.naming,
            planned: None,
        }
    }
}

/// Where a nested item (an SG rule, NACL entry, route or CIDR block) was read.
///
/// Usually a pointer relative to its resource's object (`Entries/3`); Terraform also declares
/// such items as resources of their own (`aws_security_group_rule`, `aws_route`,
/// `aws_network_acl_rule`, …), which may even sit in another file than the group they belong
/// to: then the item has an origin of its own. Either way `resource.origin.path(&item.rel)`
/// gives its place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rel {
    /// Pointer relative to the resource's object.
    Member(Box<str>),
    /// A peer of a security group's permission in the AWS CLI shape,
    /// `{permissions}/{permission}/{peers}/{peer}` (`IpPermissions/0/IpRanges/1`): kept as
    /// numbers, since a large estate has millions of rules and few ever need their place.
    Peer {
        /// `IpPermissions` or `IpPermissionsEgress`.
        permissions: &'static str,
        /// Index of the permission.
        permission: u32,
        /// `IpRanges`, `Ipv6Ranges`, `PrefixListIds` or `UserIdGroupPairs`.
        peers: &'static str,
        /// Index of the peer in that list.
        peer: u32,
    },
    /// A place of its own.
    Own(Origin),
}

impl From<&str> for Rel {
    fn from(s: &str) -> Self {
        Rel::Member(s.into())
    }
}

impl From<String> for Rel {
    fn from(s: String) -> Self {
        Rel::Member(s.into())
    }
}

impl From<Origin> for Rel {
    fn from(o: Origin) -> Self {
        Rel::Own(o)
    }
}

/// Something [`Origin::path`] can follow from a resource's origin.
pub trait RelPath {
    /// The origin of the item, given its resource's.
    fn item_origin(&self, base: &Origin) -> Origin;
}

impl RelPath for str {
    fn item_origin(&self, base: &Origin) -> Origin {
        base.at(format!("{}/{self}", base.pointer))
    }
}

impl RelPath for Box<str> {
    fn item_origin(&self, base: &Origin) -> Origin {
        (**self).item_origin(base)
    }
}

impl RelPath for String {
    fn item_origin(&self, base: &Origin) -> Origin {
        self.as_str().item_origin(base)
    }
}

impl RelPath for Rel {
    fn item_origin(&self, base: &Origin) -> Origin {
        match self {
            Rel::Member(rel) => rel.item_origin(base),
            Rel::Peer {
                permissions,
                permission,
                peers,
                peer,
            } => base.at(format!(
                "{}/{permissions}/{permission}/{peers}/{peer}",
                base.pointer
            )),
            Rel::Own(origin) => origin.clone(),
        }
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

/// The marker that stands for a value Terraform knows only after apply and that could not be
/// followed to a planned resource: unique per resource and attribute, so two unknown values
/// never compare equal, and readable in a message.
pub fn unknown(address: &str, attribute: &str) -> String {
    format!("(known after apply: {address}.{attribute})")
}

/// Whether a value (an id, an Availability Zone, a service name) is such a marker.
pub fn is_unknown(value: &str) -> bool {
    value.starts_with("(known after apply")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_aws_names() {
        for (aws, tf) in [
            ("PrivateDnsEnabled", "private_dns_enabled"),
            ("SubnetIds", "subnet_ids"),
            ("VpcEndpointType", "vpc_endpoint_type"),
            ("CidrBlock", "cidr_block"),
            ("Ipv6CidrBlock", "ipv6_cidr_block"),
            ("State", "state"),
            ("VPCId", "vpc_id"),
            ("0", "0"),
        ] {
            assert_eq!(Naming::Terraform(&[]).translate(aws), tf);
        }
        assert_eq!(
            Naming::Terraform(&[("Groups", "security_group_ids")]).translate("Groups"),
            "security_group_ids"
        );
        assert_eq!(Naming::Aws.translate("Groups"), "Groups");
    }

    #[test]
    fn member_follows_relocation_and_rel_follows_own_place() {
        let mut o = Origin::new(FileId(0), "/planned_values/root_module/resources/2/values");
        o.naming = Naming::Terraform(&[]);
        assert_eq!(
            &*o.member("PrivateDnsEnabled").pointer,
            "/planned_values/root_module/resources/2/values/private_dns_enabled"
        );
        o.relocate("SubnetIds", Origin::new(FileId(0), "/configuration/x"));
        assert_eq!(&*o.member("SubnetIds").pointer, "/configuration/x");
        assert_eq!(
            &*o.path(&Rel::from("ingress/0")).pointer,
            "/planned_values/root_module/resources/2/values/ingress/0"
        );
        let own = Origin::new(FileId(1), "/a");
        assert_eq!(o.path(&Rel::Own(own.clone())), own);
    }
}
