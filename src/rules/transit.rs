//! What the rules that trace clients (VPCE001, DNS006) say about a transit gateway that drops an
//! endpoint's traffic: where, why, and the change that lets it through.

use ipnet::IpNet;

use crate::finding::remedy::{RouteVia, TransitChange};
use crate::finding::{Action, Remedy, ResourceRef, Spot};
use crate::model::{Estate, TgwId, VpcId};
use crate::net::{Network, Reason};

/// The peering or transit gateway that joins two VPCs: a peering first, as AWS prefers the
/// route through it when both exist.
pub fn link_between(network: &Network<'_>, a: &VpcId, b: &VpcId) -> Option<RouteVia> {
    if let Some((p, _)) = network.peers(a).iter().find(|(_, other)| *other == b) {
        return Some(RouteVia::Peering(p.id.to_string()));
    }
    network
        .transit_neighbours(a)
        .iter()
        .find(|(_, other)| *other == b)
        .map(|(t, _)| RouteVia::TransitGateway(t.to_string()))
}

/// Where a transit gateway reason was read: the route, the table's list, the attachment or the
/// gateway. `None` for other reasons, or when the input lacks it.
pub fn reason_spot(estate: &Estate, r: &Reason) -> Option<Spot> {
    let propagations = |table: &str| {
        let p = estate.tgw_propagations.get(table)?;
        Some(Spot::member(
            &p.origin,
            "TransitGatewayRouteTablePropagations",
        ))
    };
    match r {
        Reason::TgwNoAttachment { tgw, .. } => estate
            .transit_gateways
            .get(tgw)
            .map(|g| Spot::value(&g.origin)),
        Reason::TgwAttachmentDown { attachment, .. } => estate
            .tgw_attachments
            .get(attachment)
            .map(|a| Spot::member(&a.origin, "State")),
        Reason::TgwNotAssociated { attachment } => estate
            .tgw_attachments
            .get(attachment)
            .map(|a| Spot::value(&a.origin)),
        Reason::TgwRoutesNotRead { table } => estate
            .tgw_route_tables
            .get(table)
            .map(|t| Spot::value(&t.origin)),
        Reason::TgwNoRoute { table, .. } => estate
            .tgw_routes
            .get(table)
            .map(|l| Spot::member(&l.origin, "Routes"))
            .or_else(|| propagations(table)),
        Reason::TgwBlackhole { table, index }
        | Reason::TgwRoute { table, index, .. }
        | Reason::TgwRouteElsewhere { table, index, .. } => match index {
            Some(i) => {
                let l = estate.tgw_routes.get(table)?;
                Some(Spot::value(&l.origin.path(&l.routes.get(*i)?.rel)))
            }
            None => propagations(table),
        },
        _ => None,
    }
}

/// The transit gateway a reason is about; `None` for other reasons.
pub fn reason_tgw(estate: &Estate, r: &Reason) -> Option<TgwId> {
    match r {
        Reason::TgwNoAttachment { tgw, .. } => Some(tgw.clone()),
        Reason::TgwAttachmentDown { attachment, .. } | Reason::TgwNotAssociated { attachment } => {
            estate
                .tgw_attachments
                .get(attachment)
                .map(|a| a.tgw_id.clone())
        }
        Reason::TgwRoutesNotRead { table }
        | Reason::TgwNoRoute { table, .. }
        | Reason::TgwBlackhole { table, .. }
        | Reason::TgwRoute { table, .. }
        | Reason::TgwRouteElsewhere { table, .. } => {
            estate.tgw_route_tables.get(table).map(|t| t.tgw_id.clone())
        }
        _ => None,
    }
}

/// The gateway, table or attachment a transit gateway reason is about, as a finding's resource.
pub fn reason_resource(estate: &Estate, tgw: &TgwId, r: &Reason) -> ResourceRef {
    let table = |id: &str| match estate.tgw_route_tables.get(id) {
        Some(t) => ResourceRef::at("transit-gateway-route-table", id, &t.scope, &t.origin),
        None => ResourceRef::new("transit-gateway-route-table", id, &Default::default()),
    };
    let attachment = |id: &str| match estate.tgw_attachments.get(id) {
        Some(a) => ResourceRef::at("transit-gateway-attachment", id, &a.scope, &a.origin),
        None => ResourceRef::new("transit-gateway-attachment", id, &Default::default()),
    };
    match r {
        Reason::TgwAttachmentDown { attachment: a, .. }
        | Reason::TgwNotAssociated { attachment: a } => attachment(a),
        Reason::TgwRoutesNotRead { table: t }
        | Reason::TgwNoRoute { table: t, .. }
        | Reason::TgwBlackhole { table: t, .. }
        | Reason::TgwRoute { table: t, .. }
        | Reason::TgwRouteElsewhere { table: t, .. } => table(t),
        _ => match estate.transit_gateways.get(tgw) {
            Some(g) => ResourceRef::at("transit-gateway", tgw, &g.scope, &g.origin),
            None => ResourceRef::new("transit-gateway", tgw, &Default::default()),
        },
    }
}

/// The change that lets traffic that `tgw` drops through to `far` (whose blocks are
/// `far_blocks`); `None` for a reason that drops nothing.
pub fn remedy(
    estate: &Estate,
    tgw: &TgwId,
    r: &Reason,
    far: &VpcId,
    far_blocks: &[IpNet],
) -> Option<Remedy> {
    // The far VPC's attachment on the gateway, which routes to it must name.
    let far_attachment = estate
        .tgw_attachments
        .values()
        .find(|a| a.tgw_id == *tgw && a.vpc().as_ref() == Some(far))
        .map(|a| a.id.clone());
    let attach = |vpc: &VpcId| {
        Action::Transit(TransitChange::Attach {
            tgw: tgw.to_string(),
            vpc: vpc.to_string(),
        })
    };
    Some(match r {
        Reason::TgwNoAttachment { vpc, .. } => {
            Remedy::say("Attach the VPC to the transit gateway: ").then(attach(vpc))
        }
        Reason::TgwAttachmentDown { attachment, state } => {
            if state.eq_ignore_ascii_case("pendingAcceptance") {
                Remedy::say("Accept the attachment in the transit gateway owner's account: ").then(
                    Action::Transit(TransitChange::Accept {
                        attachment: attachment.clone(),
                    }),
                )
            } else {
                Remedy::say(format!(
                    "Wait for the attachment to become available, or attach the VPC again if it is `{state}` for good: "
                ))
                .then(attach(far))
            }
        }
        Reason::TgwNotAssociated { attachment } => {
            // The table the far VPC's attachment uses is the one the hub-and-spoke pattern shares.
            let table = far_attachment
                .as_ref()
                .and_then(|a| estate.tgw_attachments.get(a))
                .and_then(|a| a.association.clone());
            Remedy::say("Associate the attachment with a route table: ").then(Action::Transit(
                TransitChange::Associate {
                    table,
                    attachment: attachment.clone(),
                },
            ))
        }
        Reason::TgwNoRoute { table, .. } => match &far_attachment {
            Some(a) => Remedy::say("Propagate the far VPC's attachment to the table: ")
                .then(Action::Transit(TransitChange::Propagate {
                    table: table.clone(),
                    attachment: a.clone(),
                }))
                .then_say(", or add a static route: ")
                .then_all(
                    far_blocks.iter().map(|b| {
                        Action::Transit(TransitChange::Route {
                            table: table.clone(),
                            destination: *b,
                            attachment: Some(a.clone()),
                            replace: false,
                        })
                    }),
                    " and ",
                ),
            None => Remedy::say("Attach the far VPC to the transit gateway: ").then(attach(far)),
        },
        Reason::TgwBlackhole { table, index } => {
            let listed = index.and_then(|i| estate.tgw_routes.get(table)?.routes.get(i));
            let destinations: Vec<IpNet> = match listed.and_then(|x| x.destination) {
                Some(d) => vec![d],
                None => far_blocks.to_vec(),
            };
            Remedy::say(
                "Replace the blackhole route with one to the far VPC's attachment (or delete it, if a propagated route covers the block): ",
            ).then_all(
                destinations.into_iter().map(|destination| {
                    Action::Transit(TransitChange::Route {
                        table: table.clone(),
                        destination,
                        attachment: far_attachment.clone(),
                        replace: true,
                    })
                }),
                " and ",
            )
        }
        _ => return None,
    })
}
