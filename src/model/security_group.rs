//! Security groups and their rules.

use ipnet::IpNet;

use super::{Origin, Rel, Scope, SgId, Tags, VpcId};

/// An IP protocol as security groups and NACLs name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Protocol {
    /// `-1`: every protocol and port.
    All,
    /// TCP (6).
    Tcp,
    /// UDP (17).
    Udp,
    /// ICMP (1).
    Icmp,
    /// ICMPv6 (58).
    Icmpv6,
    /// Any other protocol number.
    Number(u8),
}

impl Protocol {
    /// Parses the forms the EC2 API returns: `-1`, names, or numbers.
    pub fn parse(s: &str) -> Option<Protocol> {
        match s.to_ascii_lowercase().as_str() {
            "-1" | "all" => Some(Protocol::All),
            "tcp" | "6" => Some(Protocol::Tcp),
            "udp" | "17" => Some(Protocol::Udp),
            "icmp" | "1" => Some(Protocol::Icmp),
            "icmpv6" | "58" => Some(Protocol::Icmpv6),
            other => other.parse::<u8>().ok().map(Protocol::Number),
        }
    }
}

/// A security group.
#[derive(Clone, Debug, PartialEq)]
pub struct SecurityGroup {
    /// `sg-…`
    pub id: SgId,
    /// Group name.
    pub name: String,
    /// Owning VPC.
    pub vpc_id: Option<VpcId>,
    /// Account and region.
    pub scope: Scope,
    /// Inbound rules, one per peer.
    pub ingress: Vec<SgRule>,
    /// Outbound rules, one per peer.
    pub egress: Vec<SgRule>,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

/// One security group rule with a single peer (AWS's permissions list several peers per entry;
/// they are split here so each can be named on its own).
#[derive(Clone, Debug, PartialEq)]
pub struct SgRule {
    /// Protocol.
    pub protocol: Protocol,
    /// First port (or ICMP type); `None` when the protocol has no ports.
    pub from_port: Option<i32>,
    /// Last port (or ICMP code).
    pub to_port: Option<i32>,
    /// Source (ingress) or destination (egress).
    pub peer: SgPeer,
    /// `sgr-…` when read from describe-security-group-rules.
    pub rule_id: Option<String>,
    /// Where the peer was read: relative to the group's object, or the rule's own place when a
    /// separate resource declares it (`aws_security_group_rule`, `aws_vpc_security_group_*_rule`).
    pub rel: Rel,
}

/// The other side of a security group rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SgPeer {
    /// An IPv4 or IPv6 block.
    Cidr(IpNet),
    /// A managed prefix list `pl-…`.
    PrefixList(String),
    /// The members of another (or the same) security group.
    Group(SgId),
}
