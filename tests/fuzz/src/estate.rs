//! The whole `check` on a small estate of several accounts and regions that `arbitrary` builds
//! from the fuzzer's bytes, written as AWS CLI JSON files into a temporary folder: odd but valid
//! models (VPCs without CIDR blocks, single-port and empty port ranges, peerings of a VPC with
//! itself, cycles of peerings and transit gateway routes, endpoints in no subnet).

use std::collections::BTreeMap;

use arbitrary::{Arbitrary, Unstructured};
use serde_json::{json, Value};

use crate::invariants::{self, Files};
use crate::loaders::default_settings;
use crate::TempDir;

const ACCOUNTS: [&str; 2] = ["123456789012", "210987654321"];
const REGIONS: [&str; 2] = ["eu-west-1", "us-east-1"];

/// An IPv4 block: address and prefix length, the host bits cleared as AWS requires.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Block {
    addr: u32,
    len: u8,
}

impl Block {
    fn cidr(self) -> String {
        let len = u32::from(self.len % 33);
        let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
        let a = std::net::Ipv4Addr::from(self.addr & mask);
        format!("{a}/{len}")
    }
}

/// A protocol as the AWS CLI writes it.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Proto {
    Tcp,
    Udp,
    Icmp,
    All,
    Number(u8),
}

impl Proto {
    fn name(self) -> String {
        match self {
            Proto::Tcp => "tcp".into(),
            Proto::Udp => "udp".into(),
            Proto::Icmp => "icmp".into(),
            Proto::All => "-1".into(),
            Proto::Number(n) => n.to_string(),
        }
    }

    fn number(self) -> String {
        match self {
            Proto::Tcp => "6".into(),
            Proto::Udp => "17".into(),
            Proto::Icmp => "1".into(),
            Proto::All => "-1".into(),
            Proto::Number(n) => n.to_string(),
        }
    }
}

/// Ports: all, one (a zero-length range), a range, or an inverted (empty) one.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Ports {
    All,
    One(u16),
    Range(u16, u16),
    Service,
    Kafka,
}

impl Ports {
    fn bounds(self) -> Option<(i64, i64)> {
        match self {
            Ports::All => None,
            Ports::One(p) => Some((p.into(), p.into())),
            Ports::Range(a, b) => Some((a.into(), b.into())),
            Ports::Service => Some((443, 443)),
            Ports::Kafka => Some((10000, 31000)),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Permission {
    proto: Proto,
    ports: Ports,
    blocks: Vec<Block>,
    groups: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct Group {
    ingress: Vec<Permission>,
    egress: Vec<Permission>,
    tags: Vec<(u8, String)>,
}

#[derive(Arbitrary, Debug)]
struct Entry {
    number: u16,
    egress: bool,
    proto: Proto,
    allow: bool,
    block: Block,
    ports: Ports,
}

#[derive(Arbitrary, Debug)]
struct Nacl {
    entries: Vec<Entry>,
    subnets: Vec<u8>,
    default: bool,
}

#[derive(Arbitrary, Debug)]
enum Target {
    Local,
    Peering(u8),
    TransitGateway(u8),
    Internet,
    Nat,
    Interface(u8),
}

#[derive(Arbitrary, Debug)]
struct Route {
    block: Block,
    target: Target,
    blackhole: bool,
}

#[derive(Arbitrary, Debug)]
struct Table {
    main: bool,
    subnets: Vec<u8>,
    routes: Vec<Route>,
}

#[derive(Arbitrary, Debug)]
struct Subnet {
    block: Block,
    zone: u8,
}

#[derive(Arbitrary, Debug)]
struct Vpc {
    account: bool,
    region: bool,
    blocks: Vec<Block>,
    dns_support: Option<bool>,
    dns_hostnames: Option<bool>,
    subnets: Vec<Subnet>,
    groups: Vec<Group>,
    nacls: Vec<Nacl>,
    tables: Vec<Table>,
}

#[derive(Arbitrary, Debug)]
enum PeeringStatus {
    Active,
    PendingAcceptance,
    Deleted,
    Failed,
}

#[derive(Arbitrary, Debug)]
struct Peering {
    requester: u8,
    accepter: u8,
    status: PeeringStatus,
    dns: bool,
}

#[derive(Arbitrary, Debug)]
enum Service {
    Aws(u8),
    Offered(u8),
    Foreign,
}

#[derive(Arbitrary, Debug)]
enum Principal {
    Everyone,
    Account(bool),
    Root(bool),
    Foreign,
}

#[derive(Arbitrary, Debug)]
struct Statement {
    allow: bool,
    principal: Principal,
    action: u8,
    source_vpce: Option<bool>,
}

#[derive(Arbitrary, Debug)]
struct Endpoint {
    vpc: u8,
    kind: u8,
    service: Service,
    subnets: Vec<u8>,
    groups: Vec<u8>,
    private_dns: Option<bool>,
    state: u8,
    policy: Option<Vec<Statement>>,
    interfaces: bool,
}

#[derive(Arbitrary, Debug)]
struct Offered {
    vpc: u8,
    acceptance: bool,
    principals: Vec<Principal>,
    private_dns: bool,
}

/// The estate.
#[derive(Arbitrary, Debug)]
struct Model {
    vpcs: Vec<Vpc>,
    peerings: Vec<Peering>,
    endpoints: Vec<Endpoint>,
    offered: Vec<Offered>,
}

fn id(prefix: &str, n: usize) -> String {
    format!("{prefix}-{:017x}", 0x0a1b_2c3d_u64 + n as u64)
}

fn pick(n: u8, len: usize) -> Option<usize> {
    (len > 0).then(|| usize::from(n) % len)
}

const AWS_SERVICES: [&str; 5] = ["sts", "ssm", "execute-api", "s3", "kms"];
const STATES: [&str; 5] = [
    "available",
    "pendingAcceptance",
    "pending",
    "rejected",
    "failed",
];

/// The files of one account and region.
#[derive(Default)]
struct Folder {
    vpcs: Vec<Value>,
    attributes: Vec<Value>,
    subnets: Vec<Value>,
    groups: Vec<Value>,
    nacls: Vec<Value>,
    tables: Vec<Value>,
    interfaces: Vec<Value>,
    endpoints: Vec<Value>,
    peerings: Vec<Value>,
    services: Vec<Value>,
    configurations: Vec<Value>,
    permissions: Vec<(String, Vec<Value>)>,
}

struct Built {
    /// Global index of the VPC's first subnet, group and interface.
    subnets: Vec<(String, String)>,
    groups: Vec<String>,
}

fn principal(p: &Principal, account: &str) -> Value {
    match p {
        Principal::Everyone => json!("*"),
        Principal::Account(other) => {
            json!({"AWS": if *other { ACCOUNTS[1] } else { account }})
        }
        Principal::Root(other) => json!({
            "AWS": format!("arn:aws:iam::{}:root", if *other { ACCOUNTS[1] } else { account })
        }),
        Principal::Foreign => json!({"AWS": "arn:aws:iam::999999999999:role/x"}),
    }
}

impl Model {
    fn files(&self) -> BTreeMap<String, String> {
        let mut folders: BTreeMap<(usize, usize), Folder> = BTreeMap::new();
        let vpcs = &self.vpcs[..self.vpcs.len().min(6)];
        let mut vpc_ids = Vec::new();
        let mut places = Vec::new();
        let mut built = Vec::new();
        let (mut n_subnet, mut n_group, mut n_nacl, mut n_table) = (0, 0, 0, 0);
        for (v_index, v) in vpcs.iter().enumerate() {
            let place = (usize::from(v.account), usize::from(v.region));
            let (account, region) = (ACCOUNTS[place.0], REGIONS[place.1]);
            let f = folders.entry(place).or_default();
            let vpc_id = id("vpc", v_index);
            let blocks: Vec<String> = v.blocks.iter().take(3).map(|b| b.cidr()).collect();
            let mut vpc = json!({
                "VpcId": vpc_id,
                "OwnerId": account,
                "State": "available",
                "IsDefault": false,
                "CidrBlockAssociationSet": blocks.iter().enumerate().map(|(i, b)| json!({
                    "AssociationId": id("vpc-cidr-assoc", v_index * 4 + i),
                    "CidrBlock": b,
                    "CidrBlockState": {"State": "associated"},
                })).collect::<Vec<_>>(),
                "Tags": [],
            });
            if let Some(first) = blocks.first() {
                vpc["CidrBlock"] = json!(first);
            }
            f.vpcs.push(vpc);
            if let Some(b) = v.dns_support {
                f.attributes
                    .push(json!({"VpcId": vpc_id, "EnableDnsSupport": {"Value": b}}));
            }
            if let Some(b) = v.dns_hostnames {
                f.attributes
                    .push(json!({"VpcId": vpc_id, "EnableDnsHostnames": {"Value": b}}));
            }
            let mut subnets = Vec::new();
            for s in v.subnets.iter().take(4) {
                let sid = id("subnet", n_subnet);
                n_subnet += 1;
                let zone = format!("{region}{}", ['a', 'b', 'c'][usize::from(s.zone % 3)]);
                f.subnets.push(json!({
                    "SubnetId": sid,
                    "VpcId": vpc_id,
                    "OwnerId": account,
                    "CidrBlock": s.block.cidr(),
                    "AvailabilityZone": zone,
                    "State": "available",
                    "SubnetArn": format!("arn:aws:ec2:{region}:{account}:subnet/{sid}"),
                    "Tags": [],
                }));
                subnets.push((sid, zone));
            }
            let first_group = n_group;
            let groups: Vec<String> = v
                .groups
                .iter()
                .take(4)
                .map(|_| {
                    n_group += 1;
                    id("sg", n_group - 1)
                })
                .collect();
            let permission = |p: &Permission| {
                let mut out = json!({
                    "IpProtocol": p.proto.name(),
                    "IpRanges": p.blocks.iter().take(3).map(|b| json!({"CidrIp": b.cidr()})).collect::<Vec<_>>(),
                    "Ipv6Ranges": [],
                    "PrefixListIds": [],
                    "UserIdGroupPairs": p.groups.iter().take(2).filter_map(|g| {
                        pick(*g, groups.len()).map(|i| json!({"GroupId": groups[i], "UserId": account}))
                    }).collect::<Vec<_>>(),
                });
                if let Some((a, b)) = p.ports.bounds() {
                    out["FromPort"] = json!(a);
                    out["ToPort"] = json!(b);
                }
                out
            };
            for (i, g) in v.groups.iter().take(4).enumerate() {
                let gid = &groups[i];
                f.groups.push(json!({
                    "GroupId": gid,
                    "GroupName": format!("group-{}", first_group + i),
                    "Description": "fuzz",
                    "VpcId": vpc_id,
                    "OwnerId": account,
                    "IpPermissions": g.ingress.iter().take(4).map(permission).collect::<Vec<_>>(),
                    "IpPermissionsEgress": g.egress.iter().take(4).map(permission).collect::<Vec<_>>(),
                    "Tags": g.tags.iter().take(2).map(|(k, v)| json!({
                        "Key": (["Name", "vpclint:ignore", "owner"][usize::from(k % 3)]),
                        "Value": v,
                    })).collect::<Vec<_>>(),
                }));
            }
            for n in v.nacls.iter().take(2) {
                let nid = id("acl", n_nacl);
                n_nacl += 1;
                f.nacls.push(json!({
                    "NetworkAclId": nid,
                    "VpcId": vpc_id,
                    "OwnerId": account,
                    "IsDefault": n.default,
                    "Entries": n.entries.iter().take(6).map(|e| {
                        let mut out = json!({
                            "RuleNumber": i64::from(e.number % 32767) + 1,
                            "Egress": e.egress,
                            "Protocol": e.proto.number(),
                            "RuleAction": if e.allow { "allow" } else { "deny" },
                            "CidrBlock": e.block.cidr(),
                        });
                        if let Some((a, b)) = e.ports.bounds() {
                            out["PortRange"] = json!({"From": a, "To": b});
                        }
                        out
                    }).collect::<Vec<_>>(),
                    "Associations": n.subnets.iter().take(4).filter_map(|s| pick(*s, subnets.len())).map(|s| json!({
                        "NetworkAclAssociationId": id("aclassoc", n_nacl * 8 + s),
                        "NetworkAclId": nid,
                        "SubnetId": subnets[s].0,
                    })).collect::<Vec<_>>(),
                    "Tags": [],
                }));
            }
            for t in v.tables.iter().take(2) {
                let tid = id("rtb", n_table);
                n_table += 1;
                let mut associations: Vec<Value> = t
                    .subnets
                    .iter()
                    .take(4)
                    .filter_map(|s| pick(*s, subnets.len()))
                    .map(|s| json!({"Main": false, "SubnetId": subnets[s].0, "RouteTableId": tid}))
                    .collect();
                if t.main {
                    associations.push(json!({"Main": true, "RouteTableId": tid}));
                }
                let mut routes: Vec<Value> = blocks
                    .iter()
                    .map(|b| json!({"DestinationCidrBlock": b, "GatewayId": "local", "State": "active"}))
                    .collect();
                for r in t.routes.iter().take(4) {
                    let mut route = json!({
                        "DestinationCidrBlock": r.block.cidr(),
                        "State": if r.blackhole { "blackhole" } else { "active" },
                    });
                    match r.target {
                        Target::Local => route["GatewayId"] = json!("local"),
                        Target::Peering(p) => {
                            route["VpcPeeringConnectionId"] = json!(id("pcx", usize::from(p % 8)))
                        }
                        Target::TransitGateway(g) => {
                            route["TransitGatewayId"] = json!(id("tgw", usize::from(g % 2)))
                        }
                        Target::Internet => route["GatewayId"] = json!(id("igw", v_index)),
                        Target::Nat => route["NatGatewayId"] = json!(id("nat", v_index)),
                        Target::Interface(e) => {
                            route["NetworkInterfaceId"] = json!(id("eni", usize::from(e % 8)))
                        }
                    }
                    routes.push(route);
                }
                f.tables.push(json!({
                    "RouteTableId": tid,
                    "VpcId": vpc_id,
                    "OwnerId": account,
                    "Associations": associations,
                    "Routes": routes,
                    "Tags": [],
                }));
            }
            vpc_ids.push(vpc_id);
            places.push(place);
            built.push(Built { subnets, groups });
        }
        for (i, p) in self.peerings.iter().take(8).enumerate() {
            let (Some(r), Some(a)) = (
                pick(p.requester, vpc_ids.len()),
                pick(p.accepter, vpc_ids.len()),
            ) else {
                break;
            };
            let side = |v: usize| {
                let cidr = vpcs[v].blocks.first().map(|b| b.cidr());
                let mut info = json!({
                    "VpcId": vpc_ids[v],
                    "OwnerId": ACCOUNTS[places[v].0],
                    "Region": REGIONS[places[v].1],
                    "CidrBlockSet": vpcs[v].blocks.iter().take(3).map(|b| json!({"CidrBlock": b.cidr()})).collect::<Vec<_>>(),
                    "PeeringOptions": {"AllowDnsResolutionFromRemoteVpc": p.dns},
                });
                if let Some(c) = cidr {
                    info["CidrBlock"] = json!(c);
                }
                info
            };
            let (code, message) = match p.status {
                PeeringStatus::Active => ("active", "Active"),
                PeeringStatus::PendingAcceptance => ("pending-acceptance", "Pending Acceptance"),
                PeeringStatus::Deleted => ("deleted", "Deleted"),
                PeeringStatus::Failed => ("failed", "Failed"),
            };
            folders.entry(places[r]).or_default().peerings.push(json!({
                "VpcPeeringConnectionId": id("pcx", i),
                "RequesterVpcInfo": side(r),
                "AccepterVpcInfo": side(a),
                "Status": {"Code": code, "Message": message},
                "Tags": [],
            }));
        }
        let mut offered_names = Vec::new();
        for (i, o) in self.offered.iter().take(2).enumerate() {
            let Some(v) = pick(o.vpc, vpc_ids.len()) else {
                break;
            };
            let (account, region) = (ACCOUNTS[places[v].0], REGIONS[places[v].1]);
            let sid = id("vpce-svc", i);
            let name = format!("com.amazonaws.vpce.{region}.{sid}");
            let mut c = json!({
                "ServiceType": [{"ServiceType": "Interface"}],
                "ServiceId": sid,
                "ServiceName": name,
                "ServiceState": "Available",
                "AvailabilityZones": built[v].subnets.iter().map(|s| s.1.clone()).collect::<Vec<_>>(),
                "AcceptanceRequired": o.acceptance,
                "ManagesVpcEndpoints": false,
                "Tags": [],
            });
            if o.private_dns {
                c["PrivateDnsName"] = json!(format!("svc{i}.internal.example.com"));
            }
            let f = folders.entry(places[v]).or_default();
            f.configurations.push(c);
            let principals: Vec<Value> = o
                .principals
                .iter()
                .take(3)
                .map(|p| match principal(p, account) {
                    Value::Object(m) => m.get("AWS").cloned().unwrap_or(Value::Null),
                    other => other,
                })
                .map(|p| json!({"PrincipalType": "Account", "Principal": p}))
                .collect();
            f.permissions.push((sid.clone(), principals));
            offered_names.push((name, sid));
        }
        let mut n_eni = 0;
        for (i, e) in self.endpoints.iter().take(6).enumerate() {
            let Some(v) = pick(e.vpc, vpc_ids.len()) else {
                break;
            };
            let (account, region) = (ACCOUNTS[places[v].0], REGIONS[places[v].1]);
            let eid = id("vpce", i);
            let kind = ["Interface", "Gateway", "GatewayLoadBalancer"][usize::from(e.kind % 3)];
            let service = match e.service {
                Service::Aws(s) => {
                    format!(
                        "com.amazonaws.{region}.{}",
                        AWS_SERVICES[usize::from(s) % 5]
                    )
                }
                Service::Offered(s) => match pick(s, offered_names.len()) {
                    Some(k) => offered_names[k].0.clone(),
                    None => format!("com.amazonaws.{region}.sts"),
                },
                Service::Foreign => {
                    format!("com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0")
                }
            };
            let b = &built[v];
            let subnets: Vec<usize> = e
                .subnets
                .iter()
                .take(3)
                .filter_map(|s| pick(*s, b.subnets.len()))
                .collect();
            let groups: Vec<&String> = e
                .groups
                .iter()
                .take(2)
                .filter_map(|g| pick(*g, b.groups.len()))
                .map(|g| &b.groups[g])
                .collect();
            let mut enis = Vec::new();
            let f = folders.entry(places[v]).or_default();
            if e.interfaces && kind == "Interface" {
                for s in &subnets {
                    let eni = id("eni", n_eni);
                    n_eni += 1;
                    f.interfaces.push(json!({
                        "NetworkInterfaceId": eni,
                        "SubnetId": b.subnets[*s].0,
                        "VpcId": vpc_ids[v],
                        "AvailabilityZone": b.subnets[*s].1,
                        "OwnerId": account,
                        "InterfaceType": "vpc_endpoint",
                        "PrivateIpAddress": format!("10.0.{}.{}", n_eni / 200, n_eni % 200 + 4),
                        "Groups": groups.iter().map(|g| json!({"GroupId": g})).collect::<Vec<_>>(),
                        "TagSet": [],
                    }));
                    enis.push(eni);
                }
            }
            let mut endpoint = json!({
                "VpcEndpointId": eid,
                "VpcEndpointType": kind,
                "VpcId": vpc_ids[v],
                "ServiceName": service,
                "OwnerId": account,
                "State": STATES[usize::from(e.state) % STATES.len()],
                "RouteTableIds": [],
                "SubnetIds": subnets.iter().map(|s| &b.subnets[*s].0).collect::<Vec<_>>(),
                "Groups": groups.iter().map(|g| json!({"GroupId": g, "GroupName": "x"})).collect::<Vec<_>>(),
                "NetworkInterfaceIds": enis,
                "Tags": [],
            });
            if let Some(d) = e.private_dns {
                endpoint["PrivateDnsEnabled"] = json!(d);
            }
            if let Some(statements) = &e.policy {
                let statements: Vec<Value> = statements
                    .iter()
                    .take(3)
                    .map(|s| {
                        let mut out = json!({
                            "Effect": if s.allow { "Allow" } else { "Deny" },
                            "Principal": principal(&s.principal, account),
                            "Action": (["*", "execute-api:Invoke", "s3:GetObject", "sts:*"][usize::from(s.action % 4)]),
                            "Resource": "*",
                        });
                        if let Some(own) = s.source_vpce {
                            out["Condition"] = json!({"StringEquals": {
                                "aws:SourceVpce": if own { eid.clone() } else { id("vpce", 99) }
                            }});
                        }
                        out
                    })
                    .collect();
                let policy = json!({"Version": "2012-10-17", "Statement": statements});
                endpoint["PolicyDocument"] = json!(policy.to_string());
            }
            f.endpoints.push(endpoint);
        }
        for (place, f) in &mut folders {
            let region = REGIONS[place.1];
            for (k, s) in AWS_SERVICES.iter().enumerate() {
                f.services.push(json!({
                    "ServiceName": format!("com.amazonaws.{region}.{s}"),
                    "ServiceId": id("vpce-svc", 100 + place.1 * 10 + k),
                    "ServiceType": [{"ServiceType": "Interface"}],
                    "AvailabilityZones": [format!("{region}a"), format!("{region}b")],
                    "Owner": "amazon",
                    "PrivateDnsName": format!("{s}.{region}.amazonaws.com"),
                    "VpcEndpointPolicySupported": true,
                    "AcceptanceRequired": false,
                }));
            }
        }
        let mut out = BTreeMap::new();
        for ((a, r), f) in folders {
            let dir = format!("{}/{}", ACCOUNTS[a], REGIONS[r]);
            let mut put = |name: &str, key: &str, items: Vec<Value>| {
                let doc = json!({ key: items });
                out.insert(
                    format!("{dir}/{name}.json"),
                    serde_json::to_string_pretty(&doc).expect("a JSON value"),
                );
            };
            put("describe-vpcs", "Vpcs", f.vpcs);
            put("describe-subnets", "Subnets", f.subnets);
            put("describe-security-groups", "SecurityGroups", f.groups);
            put("describe-network-acls", "NetworkAcls", f.nacls);
            put("describe-route-tables", "RouteTables", f.tables);
            put(
                "describe-network-interfaces",
                "NetworkInterfaces",
                f.interfaces,
            );
            put("describe-vpc-endpoints", "VpcEndpoints", f.endpoints);
            put(
                "describe-vpc-peering-connections",
                "VpcPeeringConnections",
                f.peerings,
            );
            put(
                "describe-vpc-endpoint-services",
                "ServiceDetails",
                f.services,
            );
            put(
                "describe-vpc-endpoint-service-configurations",
                "ServiceConfigurations",
                f.configurations,
            );
            for (sid, principals) in f.permissions {
                out.insert(
                    format!("{dir}/permissions-{sid}.json"),
                    serde_json::to_string_pretty(&json!({ "AllowedPrincipals": principals }))
                        .expect("a JSON value"),
                );
            }
            if !f.attributes.is_empty() {
                out.insert(
                    format!("{dir}/vpc-attributes.json"),
                    serde_json::to_string_pretty(&Value::Array(f.attributes))
                        .expect("a JSON value"),
                );
            }
        }
        out
    }
}

/// The estate target.
pub fn estate(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(model) = Model::arbitrary(&mut u) else {
        return;
    };
    let written = model.files();
    if written.is_empty() {
        return;
    }
    let dir = TempDir::new();
    let mut files = Files::default();
    for (name, text) in &written {
        let path = dir.write(name, text.as_bytes());
        files.add(path, text.clone());
    }
    let root = [dir.path().to_path_buf()];
    let settings = default_settings();
    let first = vpclint::check(&root, settings);
    let json = invariants::report(&first, &files);
    let second = vpclint::check(&root, settings);
    let again = vpclint::report::render_json(&second);
    assert!(
        json == again,
        "the same estate gave two different reports:\n{json}\n---\n{again}"
    );
}

/// The files the estate target writes for `data`, for a look at what a crash saw.
pub fn files(data: &[u8]) -> BTreeMap<String, String> {
    let mut u = Unstructured::new(data);
    Model::arbitrary(&mut u)
        .map(|m| m.files())
        .unwrap_or_default()
}
