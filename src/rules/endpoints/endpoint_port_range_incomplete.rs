//! VPCE004 `endpoint-port-range-incomplete`.

use crate::finding::remedy::Peers;
use crate::finding::{Action, Finding, Remedy, Spot};
use crate::net::packets::Lattice;
use crate::net::{AddrSet, ClientAccess, Component, EndpointAccess, Need, Network, PacketSet, PortSet};
use crate::rules::connectivity::{
    admit, client_drops, client_name, groups_phrase, list, sg_layer, sg_ref, sg_rules_spot,
};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// The service needs a port range and the endpoint's security groups admit only part of it
    ///
    /// ## What it does
    /// For interface endpoints whose service needs more than one port (a `[[service]]` entry such as
    /// Kafka's TCP 10000-31000), reports the clients that the endpoint's security groups admit on some of
    /// the ports and not on the others, and names the missing sub-ranges exactly (`20001-31000`). Clients
    /// and traffic are those of `endpoint-port-blocked`, which reports clients that get none of the range.
    ///
    /// ## Why is this bad?
    /// A partly open range works until the service hands out a port outside it: Kafka brokers behind
    /// PrivateLink are reached on one port each, so some brokers answer and others time out, which looks
    /// like a flaky cluster rather than a security group.
    ///
    /// ## Example
    /// ```toml
    /// [[service]]
    /// name = "com.amazonaws.vpce.eu-west-1.vpce-svc-0kafka"
    /// ports = ["10000-31000"]
    /// ```
    /// ```json
    /// {"SecurityGroups": [{"GroupId": "sg-k", "IpPermissions": [{"IpProtocol": "tcp",
    ///   "FromPort": 10000, "ToPort": 20000, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}]}]}
    /// ```
    ///
    /// Use instead: admit the missing ports too:
    /// ```sh
    /// aws ec2 authorize-security-group-ingress --group-id sg-k \
    ///   --ip-permissions 'IpProtocol=tcp,FromPort=20001,ToPort=31000,IpRanges=[{CidrIp=10.0.0.0/16}]'
    /// ```
    ///
    /// ## Configuration
    /// The range comes from `[[service]]` (`name`, `ports`, `protocol`); see `endpoint-port-blocked`.
    ///
    /// ## References
    /// - [Aiven for Apache Kafka over AWS PrivateLink](https://aiven.io/docs/platform/howto/use-aws-privatelinks)
    /// - [Security group rules](https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html)
    VPCE004 "endpoint-port-range-incomplete" {
        category: Correctness,
        severity: Error,
        input: Access,
        check: check,
    }
}

fn check(cx: &Context<'_>, _network: &Network<'_>, access: &[EndpointAccess<'_>]) -> Vec<Finding> {
    let mut out = Vec::new();
    for ea in access {
        let Need::Known(need) = &ea.need else {
            continue;
        };
        if need.ports.len() < 2 {
            continue;
        }
        let ep = ea.endpoint;
        // Clients that get some of the range and miss the rest, grouped by what they miss.
        let mut groups: Vec<(PortSet, Vec<(&ClientAccess<'_>, AddrSet)>)> = Vec::new();
        for c in &ea.clients {
            let drops = client_drops(c, |k| matches!(k, Component::TargetGroups { .. }));
            if drops.is_empty() {
                continue;
            }
            let (admitted, _) = sg_layer(c, need);
            let partial: PacketSet = drops.restrict(&admitted.addrs());
            if partial.is_empty() {
                continue;
            }
            let ports = partial.ports();
            let addrs = partial.addrs();
            match groups.iter_mut().find(|(p, _)| *p == ports) {
                Some((_, list)) => list.push((c, addrs)),
                None => groups.push((ports, vec![(c, addrs)])),
            }
        }
        if groups.is_empty() {
            continue;
        }
        let proto = if need.protocol == crate::model::Protocol::Udp {
            "UDP"
        } else {
            "TCP"
        };
        let parts: Vec<String> = groups
            .iter()
            .map(|(ports, clients)| {
                let who: Vec<String> = clients
                    .iter()
                    .map(|(c, a)| format!("{} ({})", client_name(c), a.render()))
                    .collect();
                format!("{proto} {} from {}", ports.render(), list(&who, 6))
            })
            .collect();
        let configured = need
            .configured
            .as_ref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let verb = if ep.groups.len() == 1 {
            "admits"
        } else {
            "admit"
        };
        let message = format!(
            "{} of interface endpoint {} {verb} only part of {}{configured}: missing {}",
            groups_phrase(&ep.groups),
            refs::describe(ep),
            need.render(),
            parts.join("; ")
        );
        let cmds: Vec<Action> = groups
            .iter()
            .map(|(ports, clients)| {
                let addrs = clients
                    .iter()
                    .fold(AddrSet::default(), |acc, (_, a)| acc.union(a));
                Action::Authorize(admit(
                    cx.estate,
                    ep.groups.first(),
                    false,
                    need.protocol,
                    ports,
                    Peers::Blocks(addrs),
                ))
            })
            .collect();
        let sgs: Vec<_> = ep
            .groups
            .iter()
            .filter_map(|g| cx.estate.security_groups.get(g))
            .collect();
        let spot = match sgs.as_slice() {
            [g] => sg_rules_spot(g, false),
            _ => None,
        }
        .unwrap_or_else(|| Spot::member(&ep.origin, "Groups"));
        let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
            .at(spot, format!("admits only part of {}", need.render()))
            .remedy(Remedy::say("Admit the missing ports: ").then_all(cmds, " and "));
        for g in sgs {
            f = f.related(
                sg_ref(g),
                sg_rules_spot(g, false),
                "security group of the endpoint",
            );
        }
        out.push(f);
    }
    out
}
