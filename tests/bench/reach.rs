//! Cost of the connectivity analysis on synthetic estates of growing size: N VPCs of 6 subnets,
//! 2 interface endpoints each (3 subnets), VPCs peered in pairs with routes both ways and the
//! peer's block admitted. Prints the number of traces (which must grow linearly with N: clients
//! are per VPC and its peers, never the whole estate) and the times.
//! Run: `cargo bench --bench reach`.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::path::PathBuf;
use std::time::Instant;

use serde_json::json;

fn write_estate(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vpclint-reach-bench-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (mut vpcs, mut subnets, mut sgs, mut nacls, mut rtbs, mut eps, mut pcxs) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for v in 0..n {
        let cidr = format!("10.{}.{}.0/24", v / 16, (v % 16) * 16);
        let base = |k: usize| format!("10.{}.{}.{}/28", v / 16, (v % 16) * 16, k * 16);
        let peer = v ^ 1;
        let peer_cidr = format!("10.{}.{}.0/24", peer / 16, (peer % 16) * 16);
        vpcs.push(
            json!({"VpcId": format!("vpc-{v}"), "CidrBlock": cidr, "OwnerId": "111122223333"}),
        );
        let ids: Vec<String> = (0..6).map(|k| format!("subnet-{v}-{k}")).collect();
        for (k, id) in ids.iter().enumerate() {
            subnets.push(json!({"SubnetId": id, "VpcId": format!("vpc-{v}"), "CidrBlock": base(k),
                "AvailabilityZone": format!("eu-west-1{}", ["a", "b", "c"][k % 3]), "OwnerId": "111122223333"}));
        }
        sgs.push(json!({"GroupId": format!("sg-{v}"), "VpcId": format!("vpc-{v}"), "IpPermissions": [
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": cidr}, {"CidrIp": peer_cidr}]}]}));
        nacls.push(json!({"NetworkAclId": format!("acl-{v}"), "VpcId": format!("vpc-{v}"), "IsDefault": true,
            "Associations": ids.iter().map(|s| json!({"SubnetId": s})).collect::<Vec<_>>(),
            "Entries": [
                {"RuleNumber": 100, "Egress": false, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"},
                {"RuleNumber": 100, "Egress": true, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"}]}));
        let pcx = format!("pcx-{}", v.min(peer));
        rtbs.push(json!({"RouteTableId": format!("rtb-{v}"), "VpcId": format!("vpc-{v}"), "Associations": [{"Main": true}],
            "Routes": [{"DestinationCidrBlock": cidr, "GatewayId": "local"},
                       {"DestinationCidrBlock": peer_cidr, "VpcPeeringConnectionId": pcx}]}));
        if v < peer && peer < n {
            pcxs.push(
                json!({"VpcPeeringConnectionId": pcx, "Status": {"Code": "active"},
                "RequesterVpcInfo": {"VpcId": format!("vpc-{v}"), "CidrBlock": cidr},
                "AccepterVpcInfo": {"VpcId": format!("vpc-{peer}"), "CidrBlock": peer_cidr}}),
            );
        }
        for e in 0..2 {
            eps.push(json!({"VpcEndpointId": format!("vpce-{v}-{e}"), "VpcEndpointType": "Interface",
                "VpcId": format!("vpc-{v}"), "ServiceName": format!("com.amazonaws.eu-west-1.svc{e}"),
                "State": "available", "SubnetIds": [&ids[0], &ids[1], &ids[2]],
                "Groups": [{"GroupId": format!("sg-{v}")}]}));
        }
    }
    for (name, key, items) in [
        ("vpcs", "Vpcs", vpcs),
        ("subnets", "Subnets", subnets),
        ("sgs", "SecurityGroups", sgs),
        ("nacls", "NetworkAcls", nacls),
        ("rtbs", "RouteTables", rtbs),
        ("eps", "VpcEndpoints", eps),
        ("pcx", "VpcPeeringConnections", pcxs),
    ] {
        std::fs::write(
            dir.join(format!("{name}.json")),
            serde_json::to_string_pretty(&json!({key: items})).unwrap(),
        )
        .unwrap();
    }
    dir
}

fn main() {
    for n in [100, 200, 400, 800] {
        let dir = write_estate(n);
        let t = Instant::now();
        for e in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let _: serde_json::Value = serde_json::from_str(&text).unwrap();
        }
        let parse = t.elapsed();
        let loaded = vpclint::source::load(std::slice::from_ref(&dir)).unwrap();
        let t = Instant::now();
        let net = vpclint::net::Network::build(&loaded.estate);
        let build = t.elapsed();
        let t = Instant::now();
        let access = net.endpoint_access(&Default::default());
        let analysis = t.elapsed();
        let traces: usize = access
            .iter()
            .flat_map(|a| a.clients.iter())
            .map(|c| c.interfaces.len())
            .sum();
        let t = Instant::now();
        let report = vpclint::check(
            std::slice::from_ref(&dir),
            &vpclint::config::Settings::default(),
        );
        let check = t.elapsed();
        println!(
            "{n:>4} VPCs: {traces:>6} traces ({:.1} per VPC) | Value parse {parse:>10.2?} | network build {build:>10.2?} | access analysis {analysis:>10.2?} | full check {check:>10.2?} ({} findings)",
            traces as f64 / n as f64,
            report.findings.len()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
