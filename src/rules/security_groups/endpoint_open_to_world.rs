//! SG001 `endpoint-open-to-world`.

use crate::finding::remedy::{Peers, Revoke};
use crate::finding::{Action, Finding, Remedy};
use crate::model::SgPeer;
use crate::net::packets::is_world;
use crate::net::{AddrSet, PacketSet, PortSet};
use crate::rules::connectivity::{admit, sg_ref, sg_rule_spot};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Interface endpoint whose security group admits 0.0.0.0/0 or ::/0
    ///
    /// ## What it does
    /// Reports interface endpoints (not being deleted) with a security group whose inbound rules admit
    /// `0.0.0.0/0` or `::/0`, on any protocol or port. Outbound rules are not considered: egress to
    /// anywhere is the default and says nothing about who can reach the endpoint.
    ///
    /// ## Why is this bad?
    /// An endpoint's address is private, but "private" covers every network that routes to the VPC:
    /// peered VPCs, transit gateways, VPNs and Direct Connect. A rule for every address lets all of them
    /// use the endpoint (and the IAM permissions of whoever calls through it), where the intent is
    /// nearly always the VPC's own clients. The endpoint policy is then the only control left.
    ///
    /// ## Example
    /// ```json
    /// {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [{"IpProtocol": "tcp",
    ///   "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
    /// ```
    ///
    /// Use instead: the clients' blocks or security groups:
    /// ```sh
    /// aws ec2 revoke-security-group-ingress --group-id sg-1 --security-group-rule-ids sgr-0123
    /// aws ec2 authorize-security-group-ingress --group-id sg-1 \
    ///   --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.30.0.0/16}]'
    /// ```
    ///
    /// ## References
    /// - [Control access to VPC endpoints using security groups](https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#interface-endpoint-security-groups)
    /// - [Security best practices for your VPC](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-best-practices.html)
    SG001 "endpoint-open-to-world" {
        category: Security,
        severity: Warning,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let mut out = Vec::new();
    for ep in estate.endpoints.values() {
        if !refs::is_live_interface(ep) {
            continue;
        }
        let mut open = Vec::new();
        for g in ep
            .groups
            .iter()
            .filter_map(|g| estate.security_groups.get(g))
        {
            for r in &g.ingress {
                if let SgPeer::Cidr(n) = &r.peer {
                    if is_world(n) {
                        open.push((g, r, *n));
                    }
                }
            }
        }
        let Some((g0, r0, _)) = open.first() else {
            continue;
        };
        let parts: Vec<String> = open
            .iter()
            .map(|(g, r, n)| {
                let ports = crate::net::eval_ports(r);
                let admits = PacketSet::new(r.protocol, ports, &AddrSet::net(n));
                format!("`{}` admits {}", g.id, admits.render())
            })
            .collect();
        let message = format!(
            "Interface endpoint {} is open to every address: security group {}",
            refs::describe(ep),
            parts.join("; ")
        );
        let vpc_block = estate
            .vpcs
            .get(&ep.vpc_id)
            .and_then(|v| v.cidrs.first())
            .map(|c| c.block);
        let revokes = open
            .iter()
            .map(|(g, r, n)| Revoke {
                group: sg_ref(g),
                rule_id: r.rule_id.clone(),
                protocol: r.protocol,
                ports: r.from_port.zip(r.to_port),
                block: *n,
            })
            .collect();
        let ports = r0
            .from_port
            .zip(r0.to_port)
            .and_then(|(a, z)| Some((u16::try_from(a).ok()?, u16::try_from(z).ok()?)));
        let instead = vpc_block.zip(ports).map(|(b, (a, z))| {
            admit(
                estate,
                Some(&g0.id),
                false,
                r0.protocol,
                &PortSet::range(a, z),
                Peers::Blocks(AddrSet::net(&b)),
            )
        });
        let help = Remedy::act(Action::Narrow { revokes, instead });
        let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
            .at(sg_rule_spot(g0, r0), "admits every address")
            .remedy(help);
        let mut seen = Vec::new();
        for (g, r, _) in &open {
            if !seen.contains(&&g.id) {
                seen.push(&g.id);
                f = f.related(
                    sg_ref(g),
                    Some(sg_rule_spot(g, r)),
                    "security group of the endpoint",
                );
            }
        }
        out.push(f);
    }
    out
}
