//! Transit gateway records to model resources: gateways, attachments, route tables, and each
//! table's routes, associations and propagations, which sit in the table's folder.

use super::{tags, Lowering};
use crate::model::{
    TgwAttachment, TgwId, TgwLink, TgwLinks, TgwRoute, TgwRouteTable, TgwRoutes, TgwTarget,
    TransitGateway,
};
use crate::source::export::parse::Records;
use crate::source::export::records as rec;
use crate::source::kinds::Kind;
use crate::source::partial::Partial;
use crate::source::region;

/// What a transit gateway route table id looks like (`tgw-rtb-` and hex digits).
fn is_table_id(id: &str) -> bool {
    id.strip_prefix("tgw-rtb-")
        .is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The AWS CLI command of a per-table output, as users type it.
fn call(kind: Kind) -> &'static str {
    match kind {
        Kind::TgwRoutes => "search-transit-gateway-routes",
        Kind::TgwAssociations => "get-transit-gateway-route-table-associations",
        _ => "get-transit-gateway-route-table-propagations",
    }
}

impl Lowering {
    /// Lowers the transit gateway records of one file. `folder` is the name of the file's
    /// folder: a route table's routes, associations and propagations do not name their table,
    /// the folder does.
    pub(super) fn transit(&mut self, r: &mut Records, folder: Option<&str>, p: &mut Partial) {
        for (i, t) in std::mem::take(&mut r.transit_gateways)
            .into_iter()
            .enumerate()
        {
            let arn = t.transit_gateway_arn.unwrap_or_default();
            p.transit_gateways.push(TransitGateway {
                id: TgwId(t.transit_gateway_id),
                state: t.state.unwrap_or_default(),
                scope: self.scope(t.owner_id.as_deref(), region::from_arn(&arn)),
                tags: tags(t.tags),
                origin: self.origin(format!("/TransitGateways/{i}")),
            });
        }
        for (i, a) in std::mem::take(&mut r.tgw_attachments)
            .into_iter()
            .enumerate()
        {
            let association = a
                .association
                .filter(|x| x.state.as_deref() == Some("associated"))
                .and_then(|x| x.transit_gateway_route_table_id);
            p.tgw_attachments.push(TgwAttachment {
                id: a.transit_gateway_attachment_id,
                tgw_id: TgwId(a.transit_gateway_id),
                resource_type: a.resource_type.unwrap_or_default(),
                resource_id: a.resource_id.unwrap_or_default(),
                state: a.state.unwrap_or_default(),
                association,
                scope: self.scope(a.resource_owner_id.as_deref(), None),
                tags: tags(a.tags),
                origin: self.origin(format!("/TransitGatewayAttachments/{i}")),
            });
        }
        for (i, t) in std::mem::take(&mut r.tgw_route_tables)
            .into_iter()
            .enumerate()
        {
            p.tgw_route_tables.push(TgwRouteTable {
                id: t.transit_gateway_route_table_id,
                tgw_id: TgwId(t.transit_gateway_id),
                state: t.state.unwrap_or_default(),
                scope: self.scope(None, None),
                tags: tags(t.tags),
                origin: self.origin(format!("/TransitGatewayRouteTables/{i}")),
            });
        }
        let per_table = [
            Kind::TgwRoutes,
            Kind::TgwAssociations,
            Kind::TgwPropagations,
        ];
        let Some(kind) = per_table.into_iter().find(|k| r.kinds.contains(k)) else {
            return;
        };
        let key = kind.key().unwrap_or_default();
        let Some(table) = folder.filter(|f| is_table_id(f)) else {
            self.invalid(
                format!("/{key}"),
                format!(
                    "the output of {} does not name its transit gateway route table, and its \
                     folder `{}` is not a route table id",
                    call(kind),
                    folder.unwrap_or_default()
                ),
                "the file in a folder named after its table's id, beside the region's \
                 describe-transit-gateway-route-tables output \
                 (tgw-rtb-0123456789abcdef0/search-transit-gateway-routes.json)",
            );
            return;
        };
        if r.kinds.contains(&Kind::TgwRoutes) {
            let routes = std::mem::take(&mut r.tgw_routes);
            p.tgw_routes
                .push(self.tgw_routes(table, routes, r.truncated));
        }
        if r.kinds.contains(&Kind::TgwAssociations) {
            let links = std::mem::take(&mut r.tgw_associations);
            p.tgw_associations
                .push(self.links(table, links, "/Associations"));
        }
        if r.kinds.contains(&Kind::TgwPropagations) {
            let links = std::mem::take(&mut r.tgw_propagations);
            p.tgw_propagations.push(self.links(
                table,
                links,
                "/TransitGatewayRouteTablePropagations",
            ));
        }
    }

    fn tgw_routes(
        &mut self,
        table: &str,
        routes: Vec<rec::TransitGatewayRoute>,
        truncated: bool,
    ) -> TgwRoutes {
        let mut out = Vec::with_capacity(routes.len());
        for (i, x) in routes.into_iter().enumerate() {
            let destination = x
                .destination_cidr_block
                .as_deref()
                .and_then(|c| self.cidr(c, || format!("/Routes/{i}/DestinationCidrBlock"), None));
            out.push(TgwRoute {
                destination,
                prefix_list: x.prefix_list_id,
                targets: x
                    .transit_gateway_attachments
                    .into_iter()
                    .filter_map(|a| {
                        Some(TgwTarget {
                            attachment_id: a.transit_gateway_attachment_id?,
                            resource_id: a.resource_id.unwrap_or_default(),
                            resource_type: a.resource_type.unwrap_or_default(),
                        })
                    })
                    .collect(),
                route_type: x.route_type.unwrap_or_default(),
                state: x.state.unwrap_or_default(),
                rel: format!("Routes/{i}").into(),
            });
        }
        TgwRoutes {
            table_id: table.to_owned(),
            routes: out,
            truncated,
            with_propagated: true,
            origin: self.origin(String::new()),
        }
    }

    fn links(&mut self, table: &str, links: Vec<rec::TgwRouteTableLink>, key: &str) -> TgwLinks {
        TgwLinks {
            table_id: table.to_owned(),
            links: links
                .into_iter()
                .enumerate()
                .map(|(i, l)| TgwLink {
                    attachment_id: l.transit_gateway_attachment_id,
                    resource_id: l.resource_id.unwrap_or_default(),
                    resource_type: l.resource_type.unwrap_or_default(),
                    state: l.state.unwrap_or_default(),
                    rel: format!("{}/{i}", key.trim_start_matches('/')).into(),
                })
                .collect(),
            origin: self.origin(String::new()),
        }
    }
}
