//! Transit gateways of a plan: `aws_ec2_transit_gateway`, its VPC attachments
//! (`aws_ec2_transit_gateway_vpc_attachment`), route tables (`aws_ec2_transit_gateway_route_table`)
//! with their static routes (`aws_ec2_transit_gateway_route`), associations and propagations
//! (`aws_ec2_transit_gateway_route_table_association` / `_propagation`): the records an export's
//! describe and search outputs fill (see `source::export::lower::transit`).
//!
//! A gateway that keeps its default route table association and propagation (the provider's
//! default) gets the table AWS creates for it; attachments that keep theirs (also the default)
//! join it. Its id is known only after apply for a new gateway: the table then stands under the
//! unknown marker of `association_default_route_table_id`, which a route's reference to that
//! attribute leads to as well. An attachment to a gateway the plan does not hold, whose defaults
//! are unknown, is associated with an unknown table, so nothing about its routes is guessed.

use std::collections::BTreeMap;

use super::{nonempty, Lowering};
use crate::model::{
    self, Origin, Rel, Scope, Tags, TgwAttachment, TgwId, TgwLink, TgwLinks, TgwRoute,
    TgwRouteTable, TgwRoutes, TgwTarget, TransitGateway,
};
use crate::source::terraform::attrs;
use crate::source::terraform::resolve::Instance;

/// The attribute that names an attachment's or a table's gateway.
const TGW: &str = "transit_gateway_id";

/// What the transit gateway resources leave to decide once every resource is lowered.
#[derive(Default)]
pub(super) struct Pending {
    /// The plan's gateways: their default tables for association and propagation (when
    /// enabled), their scope and place.
    gateways: BTreeMap<String, Gateway>,
    /// Attachments that keep the default association or propagation: (index into the partial's
    /// attachments, gateway, association, propagation).
    defaults: Vec<(usize, String, bool, bool)>,
    /// The plan's route tables, with their gateway, scope and place.
    tables: BTreeMap<String, (String, Scope, Origin)>,
    /// Static routes by table.
    routes: BTreeMap<String, Vec<TgwRoute>>,
    /// Associations by table.
    associations: BTreeMap<String, Vec<TgwLink>>,
    /// Propagations by table.
    propagations: BTreeMap<String, Vec<TgwLink>>,
}

struct Gateway {
    association: Option<String>,
    propagation: Option<String>,
    scope: Scope,
    origin: Origin,
}

impl Lowering<'_> {
    /// `aws_ec2_transit_gateway`.
    pub(super) fn transit_gateway(&mut self, inst: &Instance<'_>, a: &attrs::TransitGateway) {
        let m = self.members(inst);
        let scope = self.scope(inst, &a.owner_id, None);
        let origin = self.origin(inst, model::Naming::Terraform(&[]), m);
        let table = |enabled: &Option<String>, id: &Option<String>, attr: &str| {
            (enabled.as_deref() != Some("disable")).then(|| {
                nonempty(id).map_or_else(|| model::unknown(&inst.res.address, attr), str::to_owned)
            })
        };
        let association = table(
            &a.default_route_table_association,
            &a.association_default_route_table_id,
            "association_default_route_table_id",
        );
        // A new gateway with both defaults creates one default table for both.
        let propagation = match (
            &association,
            nonempty(&a.propagation_default_route_table_id),
        ) {
            (Some(t), None) if a.default_route_table_propagation.as_deref() != Some("disable") => {
                Some(t.clone())
            }
            _ => table(
                &a.default_route_table_propagation,
                &a.propagation_default_route_table_id,
                "propagation_default_route_table_id",
            ),
        };
        self.transit.gateways.insert(
            inst.id.clone(),
            Gateway {
                association,
                propagation,
                scope: scope.clone(),
                origin: origin.clone(),
            },
        );
        self.partial.transit_gateways.push(TransitGateway {
            id: TgwId(inst.id.clone()),
            state: "available".into(),
            scope,
            tags: Tags::default(),
            origin,
        });
    }

    /// `aws_ec2_transit_gateway_vpc_attachment`.
    pub(super) fn tgw_attachment(&mut self, inst: &Instance<'_>, a: &attrs::TgwVpcAttachment) {
        let mut m = self.members(inst);
        let tgw = self.scalar(inst, TGW, nonempty(&a.transit_gateway_id), &mut m);
        let vpc = self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m);
        let scope = self.scope(inst, &a.vpc_owner_id, None);
        let origin = self.origin(inst, model::Naming::Terraform(&[]), m);
        self.transit.defaults.push((
            self.partial.tgw_attachments.len(),
            tgw.clone(),
            a.transit_gateway_default_route_table_association != Some(false),
            a.transit_gateway_default_route_table_propagation != Some(false),
        ));
        self.partial.tgw_attachments.push(TgwAttachment {
            id: inst.id.clone(),
            tgw_id: TgwId(tgw),
            resource_type: "vpc".into(),
            resource_id: vpc,
            state: "available".into(),
            association: None,
            scope,
            tags: Tags::default(),
            origin,
        });
    }

    /// `aws_ec2_transit_gateway_route_table`.
    pub(super) fn tgw_route_table(&mut self, inst: &Instance<'_>, a: &attrs::TgwRouteTable) {
        let mut m = self.members(inst);
        let tgw = self.scalar(inst, TGW, nonempty(&a.transit_gateway_id), &mut m);
        let scope = self.scope(inst, &None, None);
        let origin = self.origin(inst, model::Naming::Terraform(&[]), m);
        self.transit
            .tables
            .insert(inst.id.clone(), (tgw, scope, origin));
    }

    /// `aws_ec2_transit_gateway_route`: a static route of its table.
    pub(super) fn tgw_route(&mut self, inst: &Instance<'_>, a: &attrs::TgwRoute) {
        let mut m = self.members(inst);
        let table = self.table_id(inst, nonempty(&a.transit_gateway_route_table_id), &mut m);
        let blackhole = a.blackhole == Some(true);
        let attachment = if blackhole {
            None
        } else {
            Some(self.scalar(
                inst,
                "transit_gateway_attachment_id",
                nonempty(&a.transit_gateway_attachment_id),
                &mut m,
            ))
        };
        let pointer = format!("{}/destination_cidr_block", inst.values_pointer);
        let destination =
            nonempty(&a.destination_cidr_block).and_then(|c| self.cidr(c, || pointer, None));
        let origin = self.own(inst, model::Naming::Terraform(&[]), "");
        self.transit
            .routes
            .entry(table)
            .or_default()
            .push(TgwRoute {
                destination,
                prefix_list: None,
                targets: attachment
                    .map(|id| TgwTarget {
                        attachment_id: id,
                        resource_id: String::new(),
                        resource_type: String::new(),
                    })
                    .into_iter()
                    .collect(),
                route_type: "static".into(),
                state: if blackhole { "blackhole" } else { "active" }.into(),
                rel: Rel::Own(origin),
            });
    }

    /// `aws_ec2_transit_gateway_route_table_association` (`propagation` false) and
    /// `_propagation`.
    pub(super) fn tgw_table_link(
        &mut self,
        inst: &Instance<'_>,
        propagation: bool,
        a: &attrs::TgwTableLink,
    ) {
        let mut m = self.members(inst);
        let table = self.table_id(inst, nonempty(&a.transit_gateway_route_table_id), &mut m);
        let attachment = self.scalar(
            inst,
            "transit_gateway_attachment_id",
            nonempty(&a.transit_gateway_attachment_id),
            &mut m,
        );
        let origin = self.own(inst, model::Naming::Terraform(&[]), "");
        let link = TgwLink {
            attachment_id: attachment,
            resource_id: nonempty(&a.resource_id).unwrap_or_default().to_owned(),
            resource_type: nonempty(&a.resource_type).unwrap_or_default().to_owned(),
            state: if propagation { "enabled" } else { "associated" }.into(),
            rel: Rel::Own(origin),
        };
        let map = if propagation {
            &mut self.transit.propagations
        } else {
            &mut self.transit.associations
        };
        map.entry(table).or_default().push(link);
    }

    /// The `transit_gateway_route_table_id` of a route, association or propagation: planned,
    /// else the table its configuration names. A new gateway's default table is known only after
    /// apply: a reference to the gateway's `association_default_route_table_id` (or
    /// `propagation_default_…`) names it by the gateway's marker.
    fn table_id(&self, inst: &Instance<'_>, known: Option<&str>, m: &mut super::Members) -> String {
        const ATTR: &str = "transit_gateway_route_table_id";
        if known.is_none() {
            let refs = inst.expression(ATTR).map(|(e, _)| e.references());
            let gateway = refs.into_iter().flatten().find_map(|r| {
                let address = r
                    .strip_suffix(".association_default_route_table_id")
                    .or_else(|| r.strip_suffix(".propagation_default_route_table_id"))?;
                address
                    .starts_with("aws_ec2_transit_gateway.")
                    .then(|| address.to_owned())
            });
            if let Some(g) = gateway {
                return model::unknown(&g, "association_default_route_table_id");
            }
        }
        self.scalar(inst, ATTR, known, m)
    }

    /// Default tables, associations and propagations, and each table's lists.
    pub(super) fn finish_transit(&mut self) {
        let mut p = std::mem::take(&mut self.transit);
        // A route or link that names a gateway's default table names the gateway's attribute:
        // the reference leads to the gateway.
        rekey(&mut p.routes, &p.gateways);
        rekey(&mut p.associations, &p.gateways);
        rekey(&mut p.propagations, &p.gateways);
        for (tgw, g) in &p.gateways {
            for t in [&g.association, &g.propagation].into_iter().flatten() {
                p.tables
                    .entry(t.clone())
                    .or_insert_with(|| (tgw.clone(), g.scope.clone(), g.origin.clone()));
            }
        }
        // Each attachment's VPC, for the links that name only the attachment.
        let vpc_of: BTreeMap<String, String> = self
            .partial
            .tgw_attachments
            .iter()
            .map(|a| (a.id.clone(), a.resource_id.clone()))
            .collect();
        for (i, tgw, associate, propagate) in p.defaults {
            let Some(a) = self.partial.tgw_attachments.get_mut(i) else {
                continue;
            };
            let link = |state: &str| TgwLink {
                attachment_id: a.id.clone(),
                resource_id: a.resource_id.clone(),
                resource_type: "vpc".into(),
                state: state.into(),
                rel: Rel::Own(a.origin.clone()),
            };
            match p.gateways.get(&tgw) {
                Some(g) => {
                    if let (true, Some(t)) = (associate, &g.association) {
                        p.associations
                            .entry(t.clone())
                            .or_default()
                            .push(link("associated"));
                    }
                    if let (true, Some(t)) = (propagate, &g.propagation) {
                        p.propagations
                            .entry(t.clone())
                            .or_default()
                            .push(link("enabled"));
                    }
                }
                // A gateway outside the plan: its defaults are unknown.
                None if associate => {
                    a.association =
                        Some(model::unknown(&tgw, "association_default_route_table_id"));
                }
                None => {}
            }
        }
        for (table, links) in &mut p.associations {
            for l in links.iter_mut() {
                if l.resource_id.is_empty() {
                    if let Some(v) = vpc_of.get(&l.attachment_id) {
                        l.resource_id = v.clone();
                        l.resource_type = "vpc".into();
                    }
                }
                if let Some(a) = self
                    .partial
                    .tgw_attachments
                    .iter_mut()
                    .find(|a| a.id == l.attachment_id)
                {
                    a.association.get_or_insert_with(|| table.clone());
                }
            }
        }
        for links in p.propagations.values_mut() {
            for l in links.iter_mut().filter(|l| l.resource_id.is_empty()) {
                if let Some(v) = vpc_of.get(&l.attachment_id) {
                    l.resource_id = v.clone();
                    l.resource_type = "vpc".into();
                }
            }
        }
        // The plan holds every route and link of the tables it creates: each gets its lists,
        // empty or not. A route to an attachment names its VPC, as the search's output does.
        for (id, (tgw, scope, origin)) in p.tables {
            let mut routes = p.routes.remove(&id).unwrap_or_default();
            for r in &mut routes {
                for t in &mut r.targets {
                    if let Some(v) = vpc_of.get(&t.attachment_id) {
                        t.resource_id = v.clone();
                        t.resource_type = "vpc".into();
                    }
                }
            }
            self.partial.tgw_routes.push(TgwRoutes {
                table_id: id.clone(),
                routes,
                truncated: false,
                with_propagated: false,
                origin: origin.clone(),
            });
            for (map, out) in [
                (&mut p.associations, &mut self.partial.tgw_associations),
                (&mut p.propagations, &mut self.partial.tgw_propagations),
            ] {
                out.push(TgwLinks {
                    table_id: id.clone(),
                    links: map.remove(&id).unwrap_or_default(),
                    origin: origin.clone(),
                });
            }
            self.partial.tgw_route_tables.push(TgwRouteTable {
                id,
                tgw_id: TgwId(tgw),
                state: "available".into(),
                scope,
                tags: Tags::default(),
                origin,
            });
        }
    }
}

/// Moves the items listed under a gateway's id to its default association table: a reference
/// to the gateway's `association_default_route_table_id` leads to the gateway.
fn rekey<T>(map: &mut BTreeMap<String, Vec<T>>, gateways: &BTreeMap<String, Gateway>) {
    for (table, items) in std::mem::take(map) {
        let table = match gateways.get(&table) {
            Some(g) => g.association.clone().unwrap_or(table),
            None => table,
        };
        map.entry(table).or_default().extend(items);
    }
}
