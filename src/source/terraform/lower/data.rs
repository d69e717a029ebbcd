//! Data sources whose attributes the provider spells differently from the managed form:
//! `data "aws_route_table"` (`routes`, `associations`) and `data "aws_vpc_endpoint_service"`
//! (the service's details, as describe-vpc-endpoint-services gives them). Terraform read them
//! while planning, so they are existing infrastructure, known in full.

use super::{nonempty, tags, Lowering};
use crate::model::{EndpointService, Route, RouteTable, RtbId, SubnetId, VpcId};
use crate::source::region;
use crate::source::terraform::attrs::{DataEndpointService, DataRouteTable};
use crate::source::terraform::naming;
use crate::source::terraform::plan::Unknown;
use crate::source::terraform::resolve::Instance;

impl Lowering<'_> {
    /// `data "aws_route_table"`: its routes (AWS's `local` ones are added for every table), the
    /// subnets its associations name, and whether it is its VPC's main table.
    pub(super) fn data_route_table(&mut self, inst: &Instance<'_>, a: &DataRouteTable) {
        let mut m = self.members(inst);
        let vpc = self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m);
        let mut routes = Vec::new();
        for (j, r) in a.routes.iter().flatten().enumerate() {
            let rel = format!("routes/{j}");
            let pointer = format!("{}/{rel}", inst.values_pointer);
            let destination = match (nonempty(&r.cidr_block), nonempty(&r.ipv6_cidr_block)) {
                (Some(c), _) => self.cidr(c, || format!("{pointer}/cidr_block"), Some(false)),
                (None, Some(c)) => {
                    self.cidr(c, || format!("{pointer}/ipv6_cidr_block"), Some(true))
                }
                (None, None) => None,
            };
            // What Terraform read is known: no target waits for apply.
            let target =
                self.route_target(inst, &r.targets(), &Unknown::Known, Some("routes"), &mut m);
            routes.push(Route {
                destination,
                prefix_list: nonempty(&r.destination_prefix_list_id).map(str::to_owned),
                target,
                state: None,
                rel: rel.into(),
            });
        }
        let associations = a.associations.iter().flatten();
        let main = associations.clone().any(|x| x.main == Some(true));
        let subnet_ids = associations
            .filter_map(|x| nonempty(&x.subnet_id))
            .map(|s| SubnetId(s.to_owned()))
            .collect();
        let scope = self.scope(inst, &a.owner_id, None);
        let origin = self.origin(inst, naming::DATA_ROUTE_TABLE, m);
        self.partial.route_tables.push(RouteTable {
            id: RtbId(inst.id.clone()),
            vpc_id: VpcId(vpc),
            scope,
            main,
            subnet_ids,
            routes,
            tags: tags(&a.tags),
            origin,
        });
    }

    /// `data "aws_vpc_endpoint_service"`: the details of a service, as the reading account sees
    /// them (private DNS names, zones, acceptance), for the endpoints that connect to it.
    pub(super) fn data_endpoint_service(&mut self, inst: &Instance<'_>, a: &DataEndpointService) {
        let Some(name) = nonempty(&a.service_name) else {
            return;
        };
        let m = self.members(inst);
        let mut dns: Vec<String> = a.private_dns_names.clone().unwrap_or_default();
        if let Some(d) = nonempty(&a.private_dns_name) {
            if !dns.iter().any(|x| x == d) {
                dns.insert(0, d.to_owned());
            }
        }
        dns.retain(|d| !d.is_empty());
        let scope = self.scope(inst, &None, region::from_service_name(name));
        let origin = self.origin(inst, naming::DATA_ENDPOINT_SERVICE, m);
        self.partial.services.push(EndpointService {
            name: name.to_owned(),
            service_id: nonempty(&a.service_id).map(str::to_owned),
            service_types: nonempty(&a.service_type)
                .map(str::to_owned)
                .into_iter()
                .collect(),
            private_dns_names: dns,
            policy_supported: a.vpc_endpoint_policy_supported,
            acceptance_required: a.acceptance_required,
            owner: nonempty(&a.owner).map(str::to_owned),
            azs: a.availability_zones.clone().unwrap_or_default(),
            // The provider's data source has no zone ids.
            az_ids: Vec::new(),
            ip_address_types: a.supported_ip_address_types.clone().unwrap_or_default(),
            scope,
            origin,
        });
    }
}
