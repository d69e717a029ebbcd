//! Routing through transit gateways, indexed once: which attachment a VPC uses on a gateway, the
//! route table that attachment is associated with, and each table's routes (as
//! search-transit-gateway-routes lists them, or derived from the table's propagations).
//!
//! AWS semantics, as evaluated here: traffic a VPC route sends to a transit gateway enters it
//! through the VPC's attachment, is routed by the table associated with that attachment (longest
//! prefix; a static route beats a propagated one of the same prefix) and leaves through the
//! route's attachment. A blackhole route, a missing route, a missing or unavailable attachment and
//! an attachment associated with no table drop it. A route to an attachment of another VPC, a VPN
//! or a peered gateway leads on where vpclint does not follow: unknown, never guessed.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{Estate, TgwAttachment, TgwId, VpcId};

use super::eval::block_span;
use super::verdict::{Outcome, Reason, TransitStep as Step};
use ipnet::IpNet;

/// The transit gateway indexes of an Estate.
#[derive(Default)]
pub(crate) struct Transit<'e> {
    /// Gateways the input says something about: a route to any other is not followed.
    known: HashSet<&'e str>,
    /// Each gateway's attachment of each VPC, by (gateway, VPC); ordered, since the neighbours
    /// are listed from it.
    vpc_attachments: BTreeMap<(&'e str, &'e str), Attach<'e>>,
    /// Each attachment's associated route table.
    association: HashMap<&'e str, &'e str>,
    /// Each table's routes.
    tables: HashMap<&'e str, Table>,
    /// Each VPC's neighbours: the VPCs of the input attached to the same gateways, with the
    /// gateway, in (gateway, VPC) id order.
    neighbours: HashMap<&'e VpcId, Vec<(&'e TgwId, &'e VpcId)>>,
    /// Attachments by id, as described.
    attachments: HashMap<&'e str, &'e TgwAttachment>,
}

/// A VPC's attachment to a gateway.
#[derive(Clone, Copy)]
struct Attach<'e> {
    id: &'e str,
    /// The described attachment (absent when only a table's associations name it).
    described: Option<&'e TgwAttachment>,
}

/// A table's routes as a look-up reads them.
#[derive(Default)]
struct Table {
    routes: Vec<Fact>,
    /// The routes were read in full: a destination no route covers is dropped. Routes derived
    /// from propagations miss the static ones, and a truncated list misses some.
    complete: bool,
}

/// One route.
struct Fact {
    dest: ((bool, u128, u128), u8),
    blackhole: bool,
    is_static: bool,
    /// Index into the table's listed routes; `None` for a route derived from a propagation.
    index: Option<usize>,
    /// The first attachment it sends to, and that attachment's VPC.
    target: Option<(String, Option<String>)>,
}

impl<'e> Transit<'e> {
    /// Indexes the Estate's transit gateways.
    pub(crate) fn build(estate: &'e Estate) -> Self {
        let mut t = Transit::default();
        t.known
            .extend(estate.transit_gateways.keys().map(TgwId::as_str));
        for a in estate.tgw_attachments.values() {
            t.known.insert(a.tgw_id.as_str());
            t.attachments.insert(&a.id, a);
            if let Some(table) = &a.association {
                t.association.insert(&a.id, table);
            }
            if a.resource_type == "vpc" {
                let slot = t
                    .vpc_attachments
                    .entry((a.tgw_id.as_str(), a.resource_id.as_str()));
                // A VPC has one attachment per gateway; an available one wins over history.
                let attach = Attach {
                    id: &a.id,
                    described: Some(a),
                };
                match slot {
                    std::collections::btree_map::Entry::Vacant(v) => {
                        v.insert(attach);
                    }
                    std::collections::btree_map::Entry::Occupied(mut o) => {
                        if a.is_available() {
                            o.insert(attach);
                        }
                    }
                }
            }
        }
        for links in estate.tgw_associations.values() {
            let Some(table) = estate.tgw_route_tables.get(&links.table_id) else {
                continue;
            };
            t.known.insert(table.tgw_id.as_str());
            for l in links.links.iter().filter(|l| l.in_force()) {
                t.association.entry(&l.attachment_id).or_insert(&table.id);
                if l.resource_type == "vpc" {
                    t.vpc_attachments
                        .entry((table.tgw_id.as_str(), l.resource_id.as_str()))
                        .or_insert(Attach {
                            id: &l.attachment_id,
                            described: None,
                        });
                }
            }
        }
        for table in estate.tgw_route_tables.values() {
            t.known.insert(table.tgw_id.as_str());
            let listed = estate.tgw_routes.get(&table.id);
            let propagations = estate.tgw_propagations.get(&table.id);
            if listed.is_none() && propagations.is_none() {
                continue;
            }
            let mut routes: Vec<Fact> = listed
                .into_iter()
                .flat_map(|l| l.routes.iter().enumerate())
                .filter_map(|(i, r)| {
                    let dest = r.destination?;
                    Some(Fact {
                        dest: (block_span(&dest), dest.prefix_len()),
                        blackhole: r.is_blackhole(),
                        is_static: r.route_type.eq_ignore_ascii_case("static"),
                        index: Some(i),
                        target: r
                            .targets
                            .first()
                            .map(|x| (x.attachment_id.clone(), x.vpc().map(|v| v.0))),
                    })
                })
                .collect();
            // Routes the list leaves out: those the table's propagations give (the blocks of
            // each propagating VPC).
            let with_propagated = listed.is_some_and(|l| l.with_propagated);
            if !with_propagated {
                for l in propagations
                    .into_iter()
                    .flat_map(|p| &p.links)
                    .filter(|l| l.in_force() && l.resource_type == "vpc")
                {
                    let Some(v) = estate.vpcs.get(&VpcId(l.resource_id.clone())) else {
                        continue;
                    };
                    routes.extend(v.cidrs.iter().map(|c| Fact {
                        dest: (block_span(&c.block), c.block.prefix_len()),
                        blackhole: false,
                        is_static: false,
                        index: None,
                        target: Some((l.attachment_id.clone(), Some(l.resource_id.clone()))),
                    }));
                }
            }
            // A missing route drops the traffic when the list is whole: the search's output, or
            // a plan's static routes with the propagations they leave out.
            let complete = match listed {
                Some(l) => {
                    !l.truncated
                        && l.routes.iter().all(|r| r.destination.is_some())
                        && (l.with_propagated || propagations.is_some())
                }
                None => false,
            };
            t.tables.insert(&table.id, Table { routes, complete });
        }
        // Neighbours: the input's VPCs with an available attachment on the same gateway.
        let mut by_gateway: BTreeMap<&str, Vec<&'e VpcId>> = BTreeMap::new();
        for ((tgw, vpc), a) in &t.vpc_attachments {
            if a.described.is_some_and(|d| !d.is_available()) {
                continue;
            }
            if let Some((id, _)) = estate.vpcs.get_key_value(&VpcId((*vpc).to_owned())) {
                by_gateway.entry(tgw).or_default().push(id);
            }
        }
        // In (gateway, VPC) order: gateways in order, each one's VPCs in order.
        for (tgw, mut vpcs) in by_gateway {
            vpcs.sort();
            let Some(tgw_id) = tgw_ref(estate, tgw) else {
                continue;
            };
            for a in &vpcs {
                for b in &vpcs {
                    if a != b {
                        t.neighbours.entry(a).or_default().push((tgw_id, b));
                    }
                }
            }
        }
        t
    }

    /// Whether the input says anything about the gateway.
    pub(crate) fn knows(&self, tgw: &TgwId) -> bool {
        self.known.contains(tgw.as_str())
    }

    /// The VPCs attached to the same gateways as `vpc`, with the gateway.
    pub(crate) fn neighbours(&self, vpc: &VpcId) -> &[(&'e TgwId, &'e VpcId)] {
        self.neighbours.get(vpc).map_or(&[], Vec::as_slice)
    }

    /// What `tgw` does with traffic from `from` to `dest` in `to`.
    pub(crate) fn step(&self, tgw: &TgwId, from: &VpcId, dest: &IpNet, to: &VpcId) -> Step {
        let drop = |reason| Step {
            outcome: Outcome::Dropped,
            reason,
        };
        let Some(attach) = self.vpc_attachments.get(&(tgw.as_str(), from.as_str())) else {
            return drop(Reason::TgwNoAttachment {
                tgw: tgw.clone(),
                vpc: from.clone(),
            });
        };
        if let Some(a) = attach.described.filter(|a| !a.is_available()) {
            return drop(Reason::TgwAttachmentDown {
                attachment: a.id.clone(),
                state: a.state.clone(),
            });
        }
        let Some(table) = self.association.get(attach.id) else {
            return drop(Reason::TgwNotAssociated {
                attachment: attach.id.to_owned(),
            });
        };
        let Some(routes) = self.tables.get(table) else {
            return Step {
                outcome: Outcome::Unknown,
                reason: Reason::TgwRoutesNotRead {
                    table: (*table).to_owned(),
                },
            };
        };
        let (v6, lo, hi) = block_span(dest);
        let mut best: Option<&Fact> = None;
        for f in &routes.routes {
            let ((f6, first, last), len) = f.dest;
            if f6 != v6 || first > lo || hi > last {
                continue;
            }
            let better = best
                .is_none_or(|b| len > b.dest.1 || (len == b.dest.1 && f.is_static && !b.is_static));
            if better {
                best = Some(f);
            }
        }
        let table = (*table).to_owned();
        let Some(route) = best else {
            return Step {
                outcome: if routes.complete {
                    Outcome::Dropped
                } else {
                    Outcome::Unknown
                },
                reason: Reason::TgwNoRoute { table, dest: *dest },
            };
        };
        if route.blackhole {
            return drop(Reason::TgwBlackhole {
                table,
                index: route.index,
            });
        }
        // An active route that names no attachment (moto lists none): where it leads is unknown.
        let Some((attachment, vpc)) = &route.target else {
            return Step {
                outcome: Outcome::Unknown,
                reason: Reason::TgwRouteElsewhere {
                    table,
                    index: route.index,
                    attachment: String::new(),
                },
            };
        };
        if vpc.as_deref() != Some(to.as_str()) {
            return Step {
                outcome: Outcome::Unknown,
                reason: Reason::TgwRouteElsewhere {
                    table,
                    index: route.index,
                    attachment: attachment.clone(),
                },
            };
        }
        if let Some(a) = self
            .attachments
            .get(attachment.as_str())
            .filter(|a| !a.is_available())
        {
            return drop(Reason::TgwAttachmentDown {
                attachment: a.id.clone(),
                state: a.state.clone(),
            });
        }
        Step {
            outcome: Outcome::Admitted,
            reason: Reason::TgwRoute {
                table,
                index: route.index,
                attachment: attachment.clone(),
            },
        }
    }
}

/// The gateway's id as the Estate holds it (described, or named by an attachment).
fn tgw_ref<'e>(estate: &'e Estate, tgw: &str) -> Option<&'e TgwId> {
    estate
        .transit_gateways
        .get_key_value(&TgwId(tgw.to_owned()))
        .map(|(k, _)| k)
        .or_else(|| {
            estate
                .tgw_attachments
                .values()
                .find(|a| a.tgw_id.as_str() == tgw)
                .map(|a| &a.tgw_id)
        })
}

/// A transit gateway reason in words (`None` for other reasons): what the route, attachment or
/// table did, naming each.
pub fn transit_words(estate: &Estate, r: &Reason) -> Option<String> {
    // A plan's new gateway's default table has no id before apply: named by its gateway.
    let name = |table: &str| match table
        .strip_prefix("(known after apply: ")
        .and_then(|t| t.strip_suffix(".association_default_route_table_id)"))
    {
        Some(tgw) => format!("the default route table of `{tgw}`"),
        None => format!("`{table}`"),
    };
    let route = |table: &str, index: &Option<usize>, what: &str| -> String {
        let listed = index.and_then(|i| estate.tgw_routes.get(table)?.routes.get(i));
        match listed {
            Some(x) => {
                let dest = x
                    .destination
                    .map(|d| d.to_string())
                    .or_else(|| x.prefix_list.clone())
                    .unwrap_or_default();
                let to = x
                    .targets
                    .first()
                    .map(|t| format!(" → `{}` ({})", t.attachment_id, t.resource_id))
                    .unwrap_or_default();
                format!("{} {what} {dest}{to} in {}", x.route_type, name(table))
            }
            None => format!("{what} in {}, from its propagations", name(table)),
        }
    };
    Some(match r {
        Reason::TgwNoAttachment { tgw, vpc } => {
            format!("transit gateway `{tgw}` has no attachment for `{vpc}`")
        }
        Reason::TgwAttachmentDown { attachment, state } => {
            format!("attachment `{attachment}` is `{state}`")
        }
        Reason::TgwNotAssociated { attachment } => {
            format!("attachment `{attachment}` is associated with no transit gateway route table")
        }
        Reason::TgwRoutesNotRead { table } => format!(
            "the routes of {} are not in the input (search-transit-gateway-routes in a `{table}/` \
             folder)",
            name(table)
        ),
        Reason::TgwNoRoute { table, dest } => format!("no route in {} covers {dest}", name(table)),
        Reason::TgwBlackhole { table, index } => route(table, index, "blackhole route"),
        Reason::TgwRoute { table, index, .. } => route(table, index, "route"),
        Reason::TgwRouteElsewhere {
            table,
            index,
            attachment,
        } if attachment.is_empty() => format!(
            "{}, which names no attachment: where it leads is unknown",
            route(table, index, "route")
        ),
        Reason::TgwRouteElsewhere { table, index, .. } => format!(
            "{}, not to the target's VPC (vpclint does not follow it further)",
            route(table, index, "route")
        ),
        _ => return None,
    })
}
