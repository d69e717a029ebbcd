//! Randomised agreement of the evaluator's two modes: on random NACL entry tables, security
//! group rule tables (CIDR and group peers, prefix lists, port ranges, protocols -1/6/17, IPv4
//! and IPv6) and route tables (local, peering, gateway and blackhole routes), the quick mode's
//! verdicts must be the explaining mode's. The fixtures agree by construction of their authors;
//! random tables find the corners nobody wrote down.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};

use super::eval::{self, Addrs, Quick};
use super::flow::{Source, Target};
use super::packets::{protocol_numbers, AddrSet, Lattice as _, PacketSet, PortSet};
use super::Network;
use crate::model::{Protocol, SgId};

/// splitmix64: small, deterministic, and good enough to spread cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Port bounds chosen so that ranges overlap, nest and abut often.
const PORTS: [u16; 8] = [0, 22, 443, 444, 1023, 1024, 8080, 65535];

fn port_range(rng: &mut Rng) -> (u16, u16) {
    let (a, b) = (*rng.pick(&PORTS), *rng.pick(&PORTS));
    (a.min(b), a.max(b))
}

/// A block in the estate's small address space (two VPCs: 10.0.0.0/17 and 10.0.128.0/17,
/// 2001:db8::/57 and 2001:db8:0:80::/57), or the world.
fn block(rng: &mut Rng, v6: bool) -> String {
    if v6 {
        let len = *rng.pick(&[0u8, 56, 57, 60, 64, 120, 128]);
        if len == 0 {
            return "::/0".into();
        }
        let group = rng.below(256) & (0xffu64 << (64u8.saturating_sub(len).min(8)) & 0xff);
        let low = if len == 128 { rng.below(4) * 64 } else { 0 };
        format!("2001:db8:0:{group:x}::{low:x}/{len}")
    } else {
        let len = *rng.pick(&[0u8, 16, 17, 20, 24, 26, 28, 32]);
        if len == 0 {
            return "0.0.0.0/0".into();
        }
        let third = rng.below(256) as u32;
        let fourth = rng.below(256) as u32;
        let addr = (10u32 << 24) | (third << 8) | fourth;
        let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
        let a = addr & mask;
        format!(
            "{}.{}.{}.{}/{len}",
            a >> 24,
            (a >> 16) & 255,
            (a >> 8) & 255,
            a & 255
        )
    }
}

fn protocol(rng: &mut Rng) -> &'static str {
    const PROTOCOLS: [&str; 4] = ["-1", "6", "17", "tcp"];
    PROTOCOLS[rng.below(4) as usize]
}

fn nacl_entries(rng: &mut Rng) -> Vec<Value> {
    // Half the tables end in allow-all entries, so that whole flows get through often enough.
    let open = rng.chance(50);
    (0..rng.below(7))
        .map(|_| {
            let p = protocol(rng);
            let v6 = rng.chance(30);
            let mut e = json!({"RuleNumber": 1 + rng.below(200), "Egress": rng.chance(50),
                "Protocol": p, "RuleAction": if rng.chance(65) { "allow" } else { "deny" }});
            e[if v6 { "Ipv6CidrBlock" } else { "CidrBlock" }] = block(rng, v6).into();
            if p != "-1" {
                let (a, b) = port_range(rng);
                e["PortRange"] = json!({"From": a, "To": b});
            }
            e
        })
        .chain(
            open.then(|| {
                [false, true].into_iter().flat_map(|egress| {
                    [("CidrBlock", "0.0.0.0/0"), ("Ipv6CidrBlock", "::/0")].map(|(key, all)| {
                        json!({"RuleNumber": 250, "Egress": egress, "Protocol": "-1",
                        "RuleAction": "allow", key: all})
                    })
                })
            })
            .into_iter()
            .flatten(),
        )
        .collect()
}

fn sg_rules(rng: &mut Rng) -> Vec<Value> {
    let open = rng.chance(40);
    (0..rng.below(4))
        .map(|_| {
            let p = protocol(rng);
            let mut r = json!({"IpProtocol": p, "IpRanges": [], "Ipv6Ranges": [],
                "UserIdGroupPairs": [], "PrefixListIds": []});
            if p != "-1" {
                let (a, b) = port_range(rng);
                r["FromPort"] = a.into();
                r["ToPort"] = b.into();
            }
            match rng.below(10) {
                0..=3 => r["IpRanges"] = json!([{"CidrIp": block(rng, false)}]),
                4..=5 => r["Ipv6Ranges"] = json!([{"CidrIpv6": block(rng, true)}]),
                6..=8 => {
                    r["UserIdGroupPairs"] = json!([{"GroupId": format!("sg-{}", rng.below(4))}])
                }
                _ => r["PrefixListIds"] = json!([{"PrefixListId": "pl-1"}]),
            }
            r
        })
        .chain(open.then(|| {
            json!({"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                "Ipv6Ranges": [{"CidrIpv6": "::/0"}], "UserIdGroupPairs": [], "PrefixListIds": []})
        }))
        .collect()
}

/// A random estate: two VPCs of two subnets each, maybe peered, with random NACLs, route
/// tables, security groups and network interfaces.
fn estate(rng: &mut Rng) -> Value {
    let mut vpcs = Vec::new();
    let mut subnets = Vec::new();
    let mut nacls = Vec::new();
    let mut tables = Vec::new();
    let mut enis = Vec::new();
    let v4 = |v: u64| format!("10.0.{}.0/17", v * 128);
    let v6 = |v: u64| format!("2001:db8:0:{:x}::/57", v * 128);
    for v in 0..2u64 {
        let other = 1 - v;
        vpcs.push(json!({"VpcId": format!("vpc-{v}"), "CidrBlock": v4(v), "OwnerId": "111122223333",
            "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": v6(v), "Ipv6CidrBlockState": {"State": "associated"}}]}));
        for k in 0..2u64 {
            let s = v * 2 + k;
            subnets.push(json!({"SubnetId": format!("subnet-{s}"), "VpcId": format!("vpc-{v}"),
                "CidrBlock": format!("10.0.{}.0/24", v * 128 + k), "AvailabilityZone": "eu-west-1a",
                "OwnerId": "111122223333",
                "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": format!("2001:db8:0:{:x}::/64", v * 128 + k),
                    "Ipv6CidrBlockState": {"State": "associated"}}]}));
            for i in 0..2u64 {
                let mut addrs = json!([]);
                if rng.chance(50) {
                    addrs = json!([{"Ipv6Address": format!("2001:db8:0:{:x}::{:x}", v * 128 + k, 16 + i)}]);
                }
                let groups: Vec<Value> = (0..4)
                    .filter(|_| rng.chance(40))
                    .map(|g| json!({"GroupId": format!("sg-{g}")}))
                    .collect();
                enis.push(json!({"NetworkInterfaceId": format!("eni-{s}-{i}"), "SubnetId": format!("subnet-{s}"),
                    "VpcId": format!("vpc-{v}"), "OwnerId": "111122223333",
                    "PrivateIpAddress": format!("10.0.{}.{}", v * 128 + k, 16 + i),
                    "PrivateIpAddresses": [{"PrivateIpAddress": format!("10.0.{}.{}", v * 128 + k, 16 + i)}],
                    "Groups": groups, "InterfaceType": "interface", "Ipv6Addresses": addrs}));
            }
        }
        // A NACL for the VPC (sometimes none: assumed to allow) and one for its second subnet.
        if rng.chance(85) {
            nacls.push(
                json!({"NetworkAclId": format!("acl-{v}"), "VpcId": format!("vpc-{v}"),
                "IsDefault": true, "Entries": nacl_entries(rng), "Associations": []}),
            );
        }
        if rng.chance(60) {
            nacls.push(
                json!({"NetworkAclId": format!("acl-{v}-1"), "VpcId": format!("vpc-{v}"),
                "IsDefault": false, "Entries": nacl_entries(rng),
                "Associations": [{"SubnetId": format!("subnet-{}", v * 2 + 1)}]}),
            );
        }
        let mut routes = Vec::new();
        if rng.chance(80) {
            routes.push(json!({"DestinationCidrBlock": v4(v), "GatewayId": "local"}));
            routes.push(json!({"DestinationIpv6CidrBlock": v6(v), "GatewayId": "local"}));
        }
        for _ in 0..rng.below(4) {
            let six = rng.chance(30);
            let dest = if rng.chance(60) {
                if six {
                    v6(other)
                } else {
                    v4(other)
                }
            } else {
                block(rng, six)
            };
            let key = if six {
                "DestinationIpv6CidrBlock"
            } else {
                "DestinationCidrBlock"
            };
            let mut r = json!({key: dest});
            match rng.below(4) {
                0 | 1 => r["VpcPeeringConnectionId"] = "pcx-0".into(),
                2 => r["GatewayId"] = "igw-1".into(),
                _ => {
                    r["VpcPeeringConnectionId"] = "pcx-0".into();
                    r["State"] = "blackhole".into();
                }
            }
            routes.push(r);
        }
        if rng.chance(90) {
            tables.push(
                json!({"RouteTableId": format!("rtb-{v}"), "VpcId": format!("vpc-{v}"),
                "Associations": [{"Main": true}], "Routes": routes}),
            );
        }
    }
    let groups: Vec<Value> = (0..4)
        .map(|g| {
            json!({"GroupId": format!("sg-{g}"), "VpcId": "vpc-0", "OwnerId": "111122223333",
            "IpPermissions": sg_rules(rng), "IpPermissionsEgress": sg_rules(rng)})
        })
        .collect();
    let status = if rng.chance(80) {
        "active"
    } else {
        "pending-acceptance"
    };
    json!({"Vpcs": vpcs, "Subnets": subnets, "SecurityGroups": groups, "NetworkAcls": nacls,
        "RouteTables": tables, "NetworkInterfaces": enis,
        "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-0", "Status": {"Code": status},
            "RequesterVpcInfo": {"VpcId": "vpc-0", "CidrBlock": v4(0)},
            "AccepterVpcInfo": {"VpcId": "vpc-1", "CidrBlock": v4(1)}}]})
}

fn ports(rng: &mut Rng) -> PortSet {
    let (a, b) = port_range(rng);
    let (c, d) = port_range(rng);
    PortSet::range(a, b).union(&PortSet::range(c, d))
}

/// A random set of remote addresses, IPv4, IPv6 or both.
fn addrs(rng: &mut Rng) -> AddrSet {
    let mut out = AddrSet::default();
    for _ in 0..1 + rng.below(2) {
        let six = rng.chance(40);
        out = out.union(&AddrSet::net(&block(rng, six).parse().unwrap()));
    }
    out
}

/// What the estates' walks and flows showed: how often each verdict came up.
#[derive(Default, Debug)]
struct Tally {
    nacl_yes: usize,
    nacl_no: usize,
    sg_yes: usize,
    sg_no: usize,
    flow_yes: usize,
    flow_slow: usize,
}

fn check_estate(rng: &mut Rng, dir: &std::path::Path, tally: &mut Tally) {
    std::fs::write(dir.join("estate.json"), estate(rng).to_string()).unwrap();
    let loaded = crate::source::load(&[dir.to_path_buf()]).expect("a random estate loads");
    let estate = &loaded.estate;
    let net = Network::build(estate);
    let groups: Vec<SgId> = (0..4).map(|g| SgId(format!("sg-{g}"))).collect();
    for _ in 0..40 {
        let protocol = *rng.pick(&[Protocol::Tcp, Protocol::Udp]);
        let number = protocol_numbers(protocol).0;
        let ports = ports(rng);
        let remote = addrs(rng);
        let packets = PacketSet::service(protocol, &ports, &remote);
        let at = || format!("{protocol:?} {} {}", ports.render(), remote.render());
        // NACL first match: the quick mode admits exactly when the first entry that touches
        // the flow takes all of it and allows it.
        for acl in estate.nacls.values() {
            for egress in [false, true] {
                let entries = eval::nacl_order(acl, egress);
                let quick =
                    eval::nacl_admits(&entries, Quick::new(number, &ports, Addrs::all(&remote)));
                let explained = eval::nacl(acl, &entries, &packets);
                let whole = matches!(explained.as_slice(), [(_, true, p)] if *p == packets);
                assert_eq!(
                    quick,
                    whole,
                    "{} egress {egress}: {}\n{explained:?}",
                    acl.id,
                    at()
                );
                if quick {
                    tally.nacl_yes += 1
                } else {
                    tally.nacl_no += 1
                }
            }
        }
        // Security groups: the quick mode admits when one rule admits all; then the
        // explanation admits all too, and an explanation in one admitted part means the quick
        // mode admits.
        let n = 1 + rng.below(2) as usize;
        let start = rng.below(4) as usize;
        let mine: Vec<SgId> = groups.iter().cycle().skip(start).take(n).cloned().collect();
        let peers: Vec<SgId> = groups.iter().filter(|_| rng.chance(30)).cloned().collect();
        let egress = rng.chance(50);
        let quick = net.groups_admit(
            &mine,
            egress,
            Quick::new(number, &ports, Addrs::all(&remote)),
            &peers,
        );
        let out = net.security_groups(&mine, egress, &packets, &peers);
        let all = out.rest.is_empty() && out.unknown.is_empty();
        let one = matches!(out.admitted.as_slice(), [(_, p)] if *p == packets);
        assert!(
            !quick || all,
            "quick admits, explanation does not: {mine:?} {}",
            at()
        );
        assert!(
            !one || quick,
            "one rule admits all, quick does not: {mine:?} {}",
            at()
        );
        if quick {
            tally.sg_yes += 1
        } else {
            tally.sg_no += 1
        }
        // Whole flows, routes included: what the quick mode passes, the trace delivers whole.
        let enis: Vec<_> = estate.interfaces.values().collect();
        let (from, to) = (*rng.pick(&enis), *rng.pick(&enis));
        let subnet = |e: &crate::model::NetworkInterface| {
            e.subnet_id.as_ref().and_then(|s| estate.subnets.get(s))
        };
        let Some(target_subnet) = subnet(to) else {
            continue;
        };
        let source = if rng.chance(30) {
            let s = subnet(from);
            Source {
                addrs: s
                    .map(|s| AddrSet::nets(&super::subnet_blocks(s)))
                    .unwrap_or_default(),
                subnet: s,
                groups: Vec::new(),
            }
        } else {
            Source {
                addrs: AddrSet::ips(&from.addresses),
                subnet: subnet(from),
                groups: net.groups_of(from).to_vec(),
            }
        };
        let target = Target {
            subnet: target_subnet,
            addrs: AddrSet::ips(&to.addresses),
            groups: net.groups_of(to),
        };
        let trace = net.trace(&source, &target, protocol, &ports);
        match net.problems(&source, &target, protocol, &ports) {
            None => {
                let problems = trace.clone().into_problems();
                assert!(
                    trace.reachable() && problems.hops.is_empty(),
                    "{} -> {}: {}\n{trace:#?}",
                    from.id,
                    to.id,
                    at()
                );
                tally.flow_yes += 1;
            }
            Some(p) => {
                assert_eq!(p, trace.into_problems());
                tally.flow_slow += 1;
            }
        }
    }
}

/// 150 random estates × 40 random flows: each flow meets every NACL both ways, one random set
/// of security groups, and one random (source, target) pair end to end.
#[test]
fn quick_and_explaining_modes_agree_on_random_tables() {
    let dir = std::env::temp_dir().join(format!("vpclint-agree-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(0x5eed_1234);
    let mut tally = Tally::default();
    for _ in 0..150 {
        check_estate(&mut rng, &dir, &mut tally);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let t = &tally;
    assert!(
        t.nacl_yes > 1000
            && t.nacl_no > 1000
            && t.sg_yes > 300
            && t.sg_no > 300
            && t.flow_yes > 100
            && t.flow_slow > 100,
        "too few of some verdict to mean anything: {t:?}"
    );
}
