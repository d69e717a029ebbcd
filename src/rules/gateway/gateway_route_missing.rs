//! GWY001 `gateway-route-missing`.

use std::collections::BTreeMap;

use ipnet::IpNet;

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{is_unknown, EndpointKind, Estate, PrefixList, Route, RouteTable, RouteTarget, Subnet, VpcEndpoint};
use crate::rules::connectivity::{ids, item_origin, table_ref};
use crate::rules::placement::{gateway_covers, gateways_in, Clients, Routes, Workloads};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Subnets with workloads whose route table does not take the VPC's gateway endpoint
    ///
    /// ## What it does
    /// For every gateway endpoint (S3, DynamoDB), looks at the subnets of its VPC that hold
    /// workloads: network interfaces other than those of endpoints and load balancers
    /// (describe-network-interfaces). It reports, on the endpoint, the route tables of those subnets
    /// (their explicit association, else the VPC's main table) that no gateway endpoint of the same
    /// service serves, naming each table and its subnets. When the input lists no network interface
    /// of the VPC at all (a Terraform plan, an export without describe-network-interfaces), every
    /// subnet counts, and the finding says so.
    ///
    /// It also reports, on the route table, a route whose destination lies inside one of the
    /// service's address ranges (describe-prefix-lists `Cidrs`) and goes elsewhere: the most
    /// specific route wins, so that part of the service's traffic bypasses the endpoint.
    ///
    /// It does not know what a subnet is meant for: a subnet whose S3 traffic is meant to take a NAT
    /// gateway or an S3 interface endpoint is reported all the same (suppress it on the endpoint).
    /// Route tables whose association is known only after apply, and endpoints whose route tables
    /// are, are not judged.
    ///
    /// ## Why is this bad?
    /// "Subnets that are not associated with the specified route tables do not use the endpoint"
    /// (VPC user guide): their S3 or DynamoDB traffic goes out through a NAT gateway, billed per
    /// gigabyte, or fails in a private subnet, and an endpoint policy meant to guard the data is
    /// never applied to it.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-0a1", "VpcEndpointType": "Gateway",
    ///   "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.s3", "State": "available",
    ///   "RouteTableIds": ["rtb-public"]}]}
    /// ```
    /// with instances in `subnet-app`, whose route table `rtb-app` is not listed.
    ///
    /// Use instead:
    /// ```sh
    /// aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1 --add-route-table-ids rtb-app
    /// ```
    /// In Terraform, list the table in `route_table_ids` or add an
    /// `aws_vpc_endpoint_route_table_association`.
    ///
    /// ## References
    /// - [Gateway endpoints: routing](https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-routing)
    /// - [Gateway endpoints for Amazon S3](https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html)
    GWY001 "gateway-route-missing" {
        category: Correctness,
        severity: Warning,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let workloads = Workloads::new(estate);
    let routes = Routes::new(estate);
    let mut out = Vec::new();
    for ep in estate.endpoints.values() {
        if ep.kind != EndpointKind::Gateway
            || refs::is_gone(&ep.state)
            || is_unknown(ep.vpc_id.as_str())
            || is_unknown(&ep.service_name)
        {
            continue;
        }
        let peers: Vec<&VpcEndpoint> = gateways_in(estate, &ep.vpc_id, &ep.service_name).collect();
        // The VPC's gateway endpoints of one service share the work: reported once, on the first.
        if peers.first().map(|p| &p.id) != Some(&ep.id) {
            continue;
        }
        let undecided = peers.iter().any(|p| {
            !p.origin.known("RouteTableIds")
                || p.route_table_ids.iter().any(|t| is_unknown(t.as_str()))
        });
        if undecided {
            continue;
        }
        let clients = workloads.clients(estate, &ep.vpc_id);
        let mut missing: BTreeMap<&str, (&RouteTable, Vec<&Subnet>)> = BTreeMap::new();
        let mut covered: BTreeMap<&str, (&RouteTable, Vec<&Subnet>)> = BTreeMap::new();
        for s in &clients.subnets {
            let Some(t) = routes.table_of(s) else {
                continue;
            };
            let into = if peers.iter().any(|p| gateway_covers(p, t)) {
                &mut covered
            } else {
                &mut missing
            };
            into.entry(t.id.as_str()).or_insert((t, Vec::new())).1.push(s);
        }
        if !missing.is_empty() {
            out.push(missing_finding(ep, &clients, &missing));
        }
        for (t, subnets) in covered.values() {
            out.extend(shadowed(estate, ep, t, subnets));
        }
    }
    out
}

fn missing_finding(
    ep: &VpcEndpoint,
    clients: &Clients<'_>,
    missing: &BTreeMap<&str, (&RouteTable, Vec<&Subnet>)>,
) -> Finding {
    let tables: Vec<String> = missing
        .values()
        .map(|(t, subnets)| {
            let ids: Vec<&str> = subnets.iter().map(|s| s.id.as_str()).collect();
            format!("`{}` ({})", t.id, ids_of(&ids))
        })
        .collect();
    let every = if clients.every_subnet {
        format!(
            " (the input lists no network interface of `{}`, so every subnet counts)",
            ep.vpc_id
        )
    } else {
        String::new()
    };
    let message = format!(
        "Gateway endpoint {} is not on the route table{} of subnets with workloads: {}{every}; their traffic to the service does not take the endpoint",
        refs::describe(ep),
        if tables.len() > 1 { "s" } else { "" },
        tables.join(", ")
    );
    let add: Vec<_> = missing.values().map(|(t, _)| table_ref(t)).collect();
    let help = Remedy::say("Add the route tables to the endpoint: ").then(Action::GatewayRouteTables {
        endpoint: refs::endpoint(ep),
        add,
    });
    let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
        .at(
            Spot::member(&ep.origin, "RouteTableIds"),
            "the route tables that get the endpoint's route",
        )
        .remedy(help);
    for (t, subnets) in missing.values() {
        let ids: Vec<&str> = subnets.iter().map(|s| s.id.as_str()).collect();
        let main = if t.main { "main " } else { "" };
        f = f.related(
            table_ref(t),
            Some(Spot::value(&t.origin)),
            format!("{main}route table of {}, without the endpoint's route", ids_of(&ids)),
        );
        for s in subnets {
            f = f.related(
                refs::subnet(s),
                Some(Spot::value(&s.origin)),
                format!("subnet with workloads, routed by `{}`", t.id),
            );
        }
    }
    f
}

/// `` `a`, `b` ``.
fn ids_of(items: &[&str]) -> String {
    ids(items)
}

/// The service's prefix list: the one named after it in its region, else the one the table's
/// route to the endpoint names.
fn prefix_list<'e>(estate: &'e Estate, ep: &VpcEndpoint, t: &RouteTable) -> Option<&'e PrefixList> {
    estate
        .prefix_list_named(&ep.service_name, ep.scope.region.as_deref())
        .or_else(|| {
            t.routes
                .iter()
                .filter(|r| matches!(&r.target, RouteTarget::Other(id) if id == ep.id.as_str()))
                .find_map(|r| r.prefix_list.as_deref().and_then(|p| estate.prefix_list(p)))
        })
}

/// Routes of a table that serves the endpoint but that are more specific than the prefix-list
/// route for part of the service's ranges, and so win for that part.
fn shadowed(
    estate: &Estate,
    ep: &VpcEndpoint,
    t: &RouteTable,
    subnets: &[&Subnet],
) -> Vec<Finding> {
    let Some(pl) = prefix_list(estate, ep, t) else {
        return Vec::new();
    };
    t.routes
        .iter()
        .filter(|r| !matches!(&r.target, RouteTarget::Local))
        .filter(|r| !matches!(&r.target, RouteTarget::Other(id) if id == ep.id.as_str()))
        .filter_map(|r| {
            let d = r.destination?;
            let range = pl.cidrs.iter().find(|c| c.contains(&d))?;
            Some(shadow_finding(ep, t, pl, r, d, *range, subnets))
        })
        .collect()
}

fn shadow_finding(
    ep: &VpcEndpoint,
    t: &RouteTable,
    pl: &PrefixList,
    r: &Route,
    d: IpNet,
    range: IpNet,
    subnets: &[&Subnet],
) -> Finding {
    let target = match &r.target {
        RouteTarget::Local => "another target".to_owned(),
        other if !other.id().is_empty() => other.id().to_owned(),
        _ => "another target".to_owned(),
    };
    let ids: Vec<&str> = subnets.iter().map(|s| s.id.as_str()).collect();
    let message = format!(
        "Route table `{}` sends `{d}` to `{target}`: inside `{range}` of prefix list `{}` (`{}`), that route is more specific than the route to gateway endpoint `{}` and wins, so this traffic from {} bypasses the endpoint",
        t.id,
        pl.id,
        pl.name,
        ep.id,
        ids_of(&ids)
    );
    let help = Remedy::say(format!(
        "Remove the route to `{d}` from `{}`, or narrow it so that it leaves the service's ranges to the endpoint",
        t.id
    ));
    Finding::new(&RULE, table_ref(t), message)
        .at(
            Spot::value(&item_origin(&t.origin, &r.rel)),
            "more specific than the endpoint's prefix-list route",
        )
        .key(d.to_string())
        .remedy(help)
        .related(
            refs::endpoint(ep),
            Some(Spot::value(&ep.origin)),
            "gateway endpoint whose route loses",
        )
        .related(
            crate::finding::ResourceRef::at("prefix-list", &pl.id, &pl.scope, &pl.origin),
            Some(Spot::value(&pl.origin)),
            format!("`{range}` is one of the service's ranges"),
        )
}
