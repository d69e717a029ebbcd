//! Shared vocabulary of the placement rules: which subnets hold workloads, and whether a route
//! table carries a gateway endpoint's route.

use std::collections::{HashMap, HashSet};

use crate::model::{
    EndpointKind, Estate, NetworkInterface, RouteTable, RouteTarget, Subnet, SubnetId, VpcEndpoint,
    VpcId,
};
use crate::rules::refs;

/// Interface types that are not workloads: endpoints' and load balancers' own interfaces send no
/// traffic of their own to S3 or DynamoDB.
const NOT_WORKLOADS: &[&str] = &[
    "vpc_endpoint",
    "load_balancer",
    "network_load_balancer",
    "gateway_load_balancer",
    "gateway_load_balancer_endpoint",
];

/// Whether a network interface is a workload's (an instance, a Lambda function, a task, …).
fn is_workload(eni: &NetworkInterface) -> bool {
    eni.interface_type
        .as_deref()
        .is_none_or(|t| !NOT_WORKLOADS.contains(&t))
}

/// The subnets with workloads, and the VPCs whose network interfaces the input lists at all.
pub struct Workloads<'e> {
    subnets: HashSet<&'e SubnetId>,
    vpcs_listed: HashSet<&'e VpcId>,
}

/// The subnets of a VPC that a placement rule looks at.
pub struct Clients<'e> {
    /// The subnets, in id order.
    pub subnets: Vec<&'e Subnet>,
    /// The input lists no network interface of the VPC (a plan, or an export without
    /// describe-network-interfaces), so every subnet counts.
    pub every_subnet: bool,
}

impl<'e> Workloads<'e> {
    /// Reads every network interface once.
    pub fn new(estate: &'e Estate) -> Self {
        let mut w = Workloads {
            subnets: HashSet::new(),
            vpcs_listed: HashSet::new(),
        };
        for eni in estate.interfaces.values() {
            let vpc = eni.vpc_id.as_ref().or_else(|| {
                eni.subnet_id
                    .as_ref()
                    .and_then(|s| estate.subnets.get(s))
                    .map(|s| &s.vpc_id)
            });
            if let Some(v) = vpc {
                w.vpcs_listed.insert(v);
            }
            if let (Some(s), true) = (&eni.subnet_id, is_workload(eni)) {
                w.subnets.insert(s);
            }
        }
        w
    }

    /// The subnets of `vpc` with workloads; every subnet when the input lists none of its
    /// network interfaces.
    pub fn clients(&self, estate: &'e Estate, vpc: &VpcId) -> Clients<'e> {
        let every_subnet = !self.vpcs_listed.contains(vpc);
        let subnets = estate
            .subnets_of(vpc)
            .filter(|s| every_subnet || self.subnets.contains(&s.id))
            .collect();
        Clients {
            subnets,
            every_subnet,
        }
    }
}

/// The route table in force on each subnet: its explicit association, else its VPC's main table.
pub struct Routes<'e> {
    explicit: HashMap<&'e SubnetId, &'e RouteTable>,
    main: HashMap<&'e VpcId, &'e RouteTable>,
    by_vpc: HashMap<&'e VpcId, Vec<&'e RouteTable>>,
}

impl<'e> Routes<'e> {
    /// Reads every route table once.
    pub fn new(estate: &'e Estate) -> Self {
        let mut r = Routes {
            explicit: HashMap::new(),
            main: HashMap::new(),
            by_vpc: HashMap::new(),
        };
        for t in estate.route_tables.values() {
            if t.main {
                r.main.insert(&t.vpc_id, t);
            }
            for s in &t.subnet_ids {
                r.explicit.insert(s, t);
            }
            r.by_vpc.entry(&t.vpc_id).or_default().push(t);
        }
        r
    }

    /// The table that routes `s`, when the input has it.
    pub fn table_of(&self, s: &Subnet) -> Option<&'e RouteTable> {
        self.explicit
            .get(&s.id)
            .or_else(|| self.main.get(&s.vpc_id))
            .copied()
    }

    /// The route tables of `vpc`, in id order.
    pub fn tables_in(&self, vpc: &VpcId) -> &[&'e RouteTable] {
        self.by_vpc.get(vpc).map_or(&[], Vec::as_slice)
    }
}

/// Whether the gateway endpoint `ep` has its route in table `t`: the endpoint lists the table,
/// or the table has a route to the endpoint (describe-route-tables shows it with the service's
/// prefix list as destination).
pub fn gateway_covers(ep: &VpcEndpoint, t: &RouteTable) -> bool {
    ep.route_table_ids.contains(&t.id)
        || t.routes
            .iter()
            .any(|r| matches!(&r.target, RouteTarget::Other(id) if id == ep.id.as_str()))
}

/// The live gateway endpoints of `service` in `vpc`, in id order.
pub fn gateways_in<'e>(
    estate: &'e Estate,
    vpc: &VpcId,
    service: &str,
) -> impl Iterator<Item = &'e VpcEndpoint> + 'e {
    let service = service.to_owned();
    estate.endpoints_in(vpc).filter(move |e| {
        e.kind == EndpointKind::Gateway && e.service_name == service && !refs::is_gone(&e.state)
    })
}

/// `com.amazonaws.eu-west-1.s3` for an endpoint's region, when the region is known.
pub fn s3_service(ep: &VpcEndpoint) -> Option<String> {
    ep.scope
        .region
        .as_ref()
        .map(|r| format!("com.amazonaws.{r}.s3"))
}

/// Whether an IPv4 default route of `t` leaves the VPC through an internet or NAT gateway (or
/// a NAT instance), which can carry S3 traffic.
pub fn default_route_out(t: &RouteTable) -> bool {
    t.routes.iter().any(|r| {
        let default = r.destination.is_some_and(|d| d.prefix_len() == 0);
        let out = matches!(&r.target, RouteTarget::Other(id)
            if ["igw-", "nat-", "eigw-", "eni-", "i-"].iter().any(|p| id.starts_with(p)));
        default && out && r.state.as_deref() != Some("blackhole")
    })
}
