//! Security group and NACL evaluation over packet sets, with the entry or rule that decided
//! each part.

use crate::model::{NaclAction, NetworkAcl, Protocol, SgId, SgPeer, SgRule};

use super::packets::{AddrSet, PacketSet};
use super::trace::Reason;
use super::Network;

/// The port range of a rule for TCP and UDP (`None`: every port).
pub(crate) fn rule_ports(
    protocol: Protocol,
    from: Option<i32>,
    to: Option<i32>,
) -> Option<(u16, u16)> {
    if !matches!(protocol, Protocol::Tcp | Protocol::Udp) {
        return None;
    }
    let from = u16::try_from(from?).ok()?;
    let to = u16::try_from(to?).ok()?;
    Some((from, to))
}

/// How a NACL treats `packets` (addresses: the remote side of the subnet, the source for
/// inbound entries and the destination for outbound ones): each part with the entry that
/// decided it, in rule-number order, and whether it was allowed.
pub(crate) fn nacl(
    nacl: &NetworkAcl,
    egress: bool,
    packets: &PacketSet,
) -> Vec<(Reason, bool, PacketSet)> {
    let mut entries: Vec<(usize, &crate::model::NaclEntry)> = nacl
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.egress == egress)
        .collect();
    entries.sort_by_key(|(_, e)| e.rule_number);
    let mut rest = packets.clone();
    let mut out = Vec::new();
    for (index, e) in entries {
        if rest.is_empty() {
            break;
        }
        let ports = e
            .ports
            .and_then(|(a, b)| rule_ports(e.protocol, Some(a), Some(b)));
        let matched = rest.and(&PacketSet::new(e.protocol, ports, &AddrSet::net(&e.cidr)));
        if matched.is_empty() {
            continue;
        }
        rest = rest.minus(&matched);
        let allow = e.action == NaclAction::Allow;
        out.push((
            Reason::NaclEntry {
                nacl: nacl.id.clone(),
                index,
                rule_number: e.rule_number,
                allow,
            },
            allow,
            matched,
        ));
    }
    if !rest.is_empty() {
        // AWS ends every NACL with `*` deny; moto's exports of custom NACLs omit it.
        out.push((
            Reason::NaclDefaultDeny {
                nacl: nacl.id.clone(),
            },
            false,
            rest,
        ));
    }
    out
}

/// What a set of security groups does with `packets` (addresses: the peer).
pub(crate) struct SgOutcome {
    /// Admitted parts, each with the first rule that admits it.
    pub admitted: Vec<(Reason, PacketSet)>,
    /// Parts only a prefix list could admit; its entries are not in the input.
    pub unknown: Vec<(Reason, PacketSet)>,
    /// What no rule admits.
    pub rest: PacketSet,
}

impl Network<'_> {
    /// Evaluates the inbound (or outbound) rules of `groups` on `packets`. A rule naming a group
    /// matches a peer in that group (`peer_groups`) whole, and otherwise the addresses of the
    /// group's members.
    pub(crate) fn security_groups(
        &self,
        groups: &[SgId],
        egress: bool,
        packets: &PacketSet,
        peer_groups: &[SgId],
    ) -> SgOutcome {
        let mut rest = packets.clone();
        let mut admitted = Vec::new();
        let mut unknown = Vec::new();
        for gid in groups {
            let Some(g) = self.group(gid) else {
                if !rest.is_empty() {
                    unknown.push((Reason::GroupNotExported { sg: gid.clone() }, rest.clone()));
                }
                continue;
            };
            let rules: &[SgRule] = if egress { &g.egress } else { &g.ingress };
            for (index, r) in rules.iter().enumerate() {
                if rest.is_empty() {
                    break;
                }
                let ports = rule_ports(r.protocol, r.from_port, r.to_port);
                let reason = Reason::SgRule {
                    sg: gid.clone(),
                    index,
                    egress,
                };
                let addrs = match &r.peer {
                    SgPeer::Cidr(n) => AddrSet::net(n),
                    SgPeer::Group(h) if peer_groups.contains(h) => AddrSet::all(),
                    SgPeer::Group(h) => self.member_addrs(h),
                    SgPeer::PrefixList(pl) => {
                        let m = rest.and(&PacketSet::new(r.protocol, ports, &AddrSet::all()));
                        if !m.is_empty() {
                            unknown.push((
                                Reason::PrefixList {
                                    sg: gid.clone(),
                                    index,
                                    egress,
                                    list: pl.clone(),
                                },
                                m,
                            ));
                        }
                        continue;
                    }
                };
                let m = rest.and(&PacketSet::new(r.protocol, ports, &addrs));
                if !m.is_empty() {
                    rest = rest.minus(&m);
                    admitted.push((reason, m));
                }
            }
        }
        // A part a prefix list might admit is undecided, not blocked.
        let maybe = unknown
            .iter()
            .fold(PacketSet::empty(), |acc, (_, p)| acc.or(p));
        let unknown = unknown
            .into_iter()
            .map(|(r, p)| (r, p.and(&rest)))
            .filter(|(_, p)| !p.is_empty())
            .collect();
        SgOutcome {
            admitted,
            unknown,
            rest: rest.minus(&maybe),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{FileId, NaclEntry, NaclId, Origin, Scope, Tags, VpcId};

    fn entry(
        n: i32,
        egress: bool,
        allow: bool,
        cidr: &str,
        ports: Option<(i32, i32)>,
    ) -> NaclEntry {
        NaclEntry {
            rule_number: n,
            egress,
            protocol: if ports.is_some() {
                Protocol::Tcp
            } else {
                Protocol::All
            },
            action: if allow {
                NaclAction::Allow
            } else {
                NaclAction::Deny
            },
            cidr: cidr.parse().unwrap(),
            ports,
            rel: "".into(),
        }
    }

    fn acl(entries: Vec<NaclEntry>) -> NetworkAcl {
        NetworkAcl {
            id: NaclId::from("acl-1"),
            vpc_id: VpcId::from("vpc-1"),
            scope: Scope::default(),
            is_default: false,
            entries,
            subnet_ids: Vec::new(),
            tags: Tags::default(),
            origin: Origin::new(FileId(0), ""),
        }
    }

    #[test]
    fn lowest_number_wins_and_the_end_denies() {
        let a = acl(vec![
            entry(200, false, true, "10.0.0.0/16", None),
            entry(100, false, false, "10.0.2.0/24", Some((443, 443))),
        ]);
        let req = PacketSet::new(
            Protocol::Tcp,
            Some((443, 443)),
            &AddrSet::net(&"10.0.0.0/8".parse().unwrap()),
        );
        let got: Vec<(String, bool, String)> = nacl(&a, false, &req)
            .into_iter()
            .map(|(r, allow, p)| (format!("{r:?}"), allow, p.render()))
            .collect();
        assert_eq!(got.len(), 3);
        assert!(got[0].0.contains("rule_number: 100"));
        assert_eq!(got[0].2, "TCP 443 from 10.0.2.0/24");
        assert!(!got[0].1);
        assert!(got[1].1);
        assert_eq!(got[1].2, "TCP 443 from 10.0.0.0/23, 10.0.3.0/24, 10.0.4.0/22, 10.0.8.0/21, 10.0.16.0/20, 10.0.32.0/19, 10.0.64.0/18, 10.0.128.0/17");
        assert!(got[2].0.contains("NaclDefaultDeny"));
        assert!(!got[2].1);
        // Outbound entries do not apply inbound.
        assert_eq!(
            nacl(
                &acl(vec![entry(100, true, true, "0.0.0.0/0", None)]),
                false,
                &req
            )
            .len(),
            1
        );
    }
}
