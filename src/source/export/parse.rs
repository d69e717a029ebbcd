//! Typed deserialization of one file: a single streaming pass that dispatches on each top-level
//! key, so a valid file costs no more than deserializing its records.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::records as rec;
use crate::source::kinds::{
    Kind, ADDITIONAL_ROUTES_KEY, AIVEN_PRIVATELINK_KEYS, AIVEN_SERVICE_KEYS, ATTRIBUTE_KEYS,
    IGNORED_KEYS, ZONE_VPCS_KEY,
};

/// The records of one file, by kind. A file may hold several kinds (one per top-level key).
#[derive(Default, Debug)]
pub struct Records {
    pub vpcs: Vec<rec::Vpc>,
    /// describe-vpc-attribute outputs with the pointer of each object.
    pub attributes: Vec<(String, rec::VpcAttribute)>,
    pub subnets: Vec<rec::Subnet>,
    pub security_groups: Vec<rec::SecurityGroup>,
    pub security_group_rules: Vec<rec::SecurityGroupRule>,
    pub nacls: Vec<rec::NetworkAcl>,
    pub route_tables: Vec<rec::RouteTable>,
    pub interfaces: Vec<rec::NetworkInterface>,
    pub endpoints: Vec<rec::VpcEndpoint>,
    pub services: Vec<rec::ServiceDetail>,
    pub service_configurations: Vec<rec::ServiceConfiguration>,
    pub permissions: Vec<rec::AllowedPrincipal>,
    pub connections: Vec<rec::VpcEndpointConnection>,
    pub peerings: Vec<rec::VpcPeeringConnection>,
    pub azs: Vec<rec::AvailabilityZone>,
    pub prefix_lists: Vec<rec::PrefixList>,
    /// `avn service get` outputs with the pointer of each object.
    pub aiven_services: Vec<(String, rec::AivenService)>,
    /// Aiven PrivateLink resources with the pointer of each object.
    pub aiven_privatelinks: Vec<(String, rec::AivenPrivatelink)>,
    /// Aiven PrivateLink connections with the pointer of each object.
    pub aiven_connections: Vec<(String, rec::AivenConnection)>,
    pub rest_apis: Vec<rec::RestApi>,
    pub load_balancers: Vec<rec::LoadBalancer>,
    pub listeners: Vec<rec::Listener>,
    pub dhcp_options: Vec<rec::DhcpOptions>,
    pub hosted_zones: Vec<rec::HostedZone>,
    /// get-hosted-zone's zone and, beside it, its VPC associations.
    pub hosted_zone: Option<rec::HostedZone>,
    pub zone_vpcs: Option<Vec<rec::ZoneVpc>>,
    pub record_sets: Vec<rec::ResourceRecordSet>,
    pub resolver_rules: Vec<rec::ResolverRule>,
    pub rule_associations: Vec<rec::ResolverRuleAssociation>,
    pub resolver_endpoints: Vec<rec::ResolverEndpoint>,
    pub organization_accounts: Vec<rec::OrgAccount>,
    pub transit_gateways: Vec<rec::TransitGateway>,
    pub tgw_attachments: Vec<rec::TransitGatewayAttachment>,
    pub tgw_route_tables: Vec<rec::TransitGatewayRouteTable>,
    pub tgw_routes: Vec<rec::TransitGatewayRoute>,
    pub tgw_associations: Vec<rec::TgwRouteTableLink>,
    pub tgw_propagations: Vec<rec::TgwRouteTableLink>,
    /// search-transit-gateway-routes said more routes match than it printed.
    pub truncated: bool,
    /// Kinds seen, in order of appearance.
    pub kinds: Vec<Kind>,
    /// Top-level keys that belong to no kind.
    pub unknown_keys: Vec<String>,
}

/// Deserializes a whole file; the text is already known to be UTF-8, which `from_str` then does
/// not check again.
pub fn records(text: &str) -> Result<Records, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let records = TopLevel.deserialize(&mut de)?;
    de.end()?;
    Ok(records)
}

struct TopLevel;

impl<'de> DeserializeSeed<'de> for TopLevel {
    type Value = Records;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Records, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopLevel {
    type Value = Records;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the JSON printed by an AWS CLI describe call or an `avn ... --json` command")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Records, A::Error> {
        let mut r = Records::default();
        let mut attribute = rec::VpcAttribute::default();
        let mut is_attribute = false;
        // Aiven outputs have no key of their own: their members are read as they come, and
        // whether the object is one is decided at the end, from the members it had.
        let mut aiven = rec::AivenService::default();
        let mut link = rec::AivenPrivatelink::default();
        let mut aiven_keys: Vec<String> = Vec::new();
        let mut other_keys: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let kind = Kind::from_key(&key);
            if let Some(kind) = kind {
                r.kinds.push(kind);
            }
            match kind {
                Some(Kind::Vpcs) => r.vpcs = map.next_value()?,
                Some(Kind::Subnets) => r.subnets = map.next_value()?,
                Some(Kind::SecurityGroups) => r.security_groups = map.next_value()?,
                Some(Kind::SecurityGroupRules) => r.security_group_rules = map.next_value()?,
                Some(Kind::NetworkAcls) => r.nacls = map.next_value()?,
                Some(Kind::RouteTables) => r.route_tables = map.next_value()?,
                Some(Kind::NetworkInterfaces) => r.interfaces = map.next_value()?,
                Some(Kind::VpcEndpoints) => r.endpoints = map.next_value()?,
                Some(Kind::VpcEndpointServices) => r.services = map.next_value()?,
                Some(Kind::ServiceConfigurations) => r.service_configurations = map.next_value()?,
                Some(Kind::ServicePermissions) => r.permissions = map.next_value()?,
                Some(Kind::EndpointConnections) => r.connections = map.next_value()?,
                Some(Kind::PeeringConnections) => r.peerings = map.next_value()?,
                Some(Kind::AvailabilityZones) => r.azs = map.next_value()?,
                Some(Kind::PrefixLists) => r.prefix_lists = map.next_value()?,
                Some(Kind::RestApis) => r.rest_apis = map.next_value()?,
                Some(Kind::LoadBalancers) => r.load_balancers = map.next_value()?,
                Some(Kind::Listeners) => r.listeners = map.next_value()?,
                Some(Kind::DhcpOptions) => r.dhcp_options = map.next_value()?,
                Some(Kind::HostedZones) => r.hosted_zones = map.next_value()?,
                Some(Kind::HostedZone) => r.hosted_zone = Some(map.next_value()?),
                Some(Kind::RecordSets) => r.record_sets = map.next_value()?,
                Some(Kind::ResolverRules) => r.resolver_rules = map.next_value()?,
                Some(Kind::ResolverRuleAssociations) => r.rule_associations = map.next_value()?,
                Some(Kind::ResolverEndpoints) => r.resolver_endpoints = map.next_value()?,
                Some(Kind::TransitGateways) => r.transit_gateways = map.next_value()?,
                Some(Kind::TgwAttachments) => r.tgw_attachments = map.next_value()?,
                Some(Kind::TgwRouteTables) => r.tgw_route_tables = map.next_value()?,
                Some(Kind::TgwRoutes) => r.tgw_routes = map.next_value()?,
                Some(Kind::TgwAssociations) => r.tgw_associations = map.next_value()?,
                Some(Kind::TgwPropagations) => r.tgw_propagations = map.next_value()?,
                // Read whatever the order of the members; without `HostedZone` it is unknown.
                None if key == ZONE_VPCS_KEY => r.zone_vpcs = Some(map.next_value()?),
                None if key == ADDITIONAL_ROUTES_KEY => r.truncated = map.next_value()?,
                Some(Kind::OrganizationAccounts) => {
                    r.organization_accounts = map.next_value()?;
                }
                Some(
                    Kind::VpcAttribute
                    | Kind::AivenService
                    | Kind::AivenPrivatelink
                    | Kind::AivenConnections,
                )
                | None => {
                    if ATTRIBUTE_KEYS.contains(&key.as_str()) {
                        is_attribute = true;
                        match key.as_str() {
                            "VpcId" => attribute.vpc_id = map.next_value()?,
                            "EnableDnsSupport" => {
                                attribute.enable_dns_support = map.next_value()?
                            }
                            _ => attribute.enable_dns_hostnames = map.next_value()?,
                        }
                        continue;
                    }
                    match key.as_str() {
                        "service_name" => aiven.service_name = map.next_value()?,
                        "service_type" => aiven.service_type = map.next_value()?,
                        "cloud_name" => aiven.cloud_name = map.next_value()?,
                        "state" => aiven.state = map.next_value()?,
                        "user_config" => aiven.user_config = map.next_value()?,
                        "components" => aiven.components = map.next_value()?,
                        "aws_service_id" => link.aws_service_id = map.next_value()?,
                        "aws_service_name" => link.aws_service_name = map.next_value()?,
                        "principals" => link.principals = map.next_value()?,
                        _ => {
                            if !IGNORED_KEYS.contains(&key.as_str()) {
                                other_keys.push(key);
                            }
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    }
                    aiven_keys.push(key);
                }
            }
        }
        let has = |keys: &[&str]| aiven_keys.iter().any(|k| keys.contains(&k.as_str()));
        let is_service = AIVEN_SERVICE_KEYS
            .iter()
            .all(|k| aiven_keys.iter().any(|a| a == k));
        let is_link = !is_service && has(AIVEN_PRIVATELINK_KEYS);
        if r.kinds.is_empty() && !is_attribute && (is_service || is_link) {
            // An Aiven object: its other members (acl, users, node states, …) are not used.
            if is_service {
                r.kinds.push(Kind::AivenService);
                r.aiven_services.push((String::new(), aiven));
            } else {
                r.kinds.push(Kind::AivenPrivatelink);
                link.state = aiven.state;
                r.aiven_privatelinks.push((String::new(), link));
            }
        } else {
            r.unknown_keys.extend(aiven_keys);
            r.unknown_keys.extend(other_keys);
        }
        if r.zone_vpcs.is_some() && r.hosted_zone.is_none() {
            r.unknown_keys.push(ZONE_VPCS_KEY.into());
        }
        if is_attribute {
            r.kinds.push(Kind::VpcAttribute);
            r.attributes.push((String::new(), attribute));
        }
        Ok(r)
    }

    /// A top-level array: describe-vpc-attribute outputs, Aiven's PrivateLink resource (`avn
    /// service privatelink aws get` prints it in an array) or Aiven's connection list; each
    /// element is classified by its members.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Records, A::Error> {
        let mut r = Records::default();
        let mut i = 0usize;
        while let Some(item) = seq.next_element::<rec::ArrayItem>()? {
            let pointer = format!("/{i}");
            i += 1;
            let kind = classify(&item);
            if !r.kinds.contains(&kind) {
                r.kinds.push(kind);
            }
            match kind {
                Kind::AivenConnections => r.aiven_connections.push((
                    pointer,
                    rec::AivenConnection {
                        privatelink_connection_id: item.privatelink_connection_id,
                        vpc_endpoint_id: item.vpc_endpoint_id,
                        dns_name: item.dns_name,
                        state: item.state,
                    },
                )),
                Kind::AivenPrivatelink => r.aiven_privatelinks.push((
                    pointer,
                    rec::AivenPrivatelink {
                        aws_service_id: item.aws_service_id,
                        aws_service_name: item.aws_service_name,
                        principals: item.principals.unwrap_or_default(),
                        state: item.state,
                    },
                )),
                _ => r.attributes.push((
                    pointer,
                    rec::VpcAttribute {
                        vpc_id: item.vpc_id,
                        enable_dns_support: item.enable_dns_support,
                        enable_dns_hostnames: item.enable_dns_hostnames,
                    },
                )),
            }
        }
        if r.kinds.is_empty() {
            // `[]`: an empty connection list, or no attributes; either way nothing to load.
            r.kinds.push(Kind::VpcAttribute);
        }
        Ok(r)
    }
}

/// The kind of one element of a top-level array, by the members it has.
fn classify(item: &rec::ArrayItem) -> Kind {
    if item.privatelink_connection_id.is_some() || item.vpc_endpoint_id.is_some() {
        Kind::AivenConnections
    } else if item.aws_service_id.is_some()
        || item.aws_service_name.is_some()
        || item.principals.is_some()
    {
        Kind::AivenPrivatelink
    } else {
        Kind::VpcAttribute
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn arrays_are_told_apart_by_their_members() {
        let attrs =
            records(r#"[{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}}]"#).unwrap();
        assert_eq!(attrs.kinds, vec![Kind::VpcAttribute]);
        assert_eq!(attrs.attributes.len(), 1);

        let link = records(
            r#"[{"aws_service_id": null, "aws_service_name": null,
                 "principals": ["arn:aws:iam::012345678901:user/mwf"], "state": "creating"}]"#,
        )
        .unwrap();
        assert_eq!(link.kinds, vec![Kind::AivenPrivatelink]);
        let (pointer, l) = &link.aiven_privatelinks[0];
        assert_eq!(pointer, "/0");
        assert_eq!(l.state.as_deref(), Some("creating"));
        assert!(link.attributes.is_empty());

        let conns = records(
            r#"[{"dns_name": "vpce-1-x.vpce-svc-1.eu-west-1.vpce.amazonaws.com",
                 "privatelink_connection_id": "plc1", "state": "active", "vpc_endpoint_id": "vpce-1"},
                {"privatelink_connection_id": "plc2", "state": "active", "vpc_endpoint_id": "vpce-2"}]"#,
        )
        .unwrap();
        assert_eq!(conns.kinds, vec![Kind::AivenConnections]);
        let ids: Vec<&str> = conns
            .aiven_connections
            .iter()
            .map(|(p, _)| p.as_str())
            .collect();
        assert_eq!(ids, vec!["/0", "/1"]);

        let empty = records("[]").unwrap();
        assert!(empty.attributes.is_empty() && empty.aiven_connections.is_empty());
    }

    #[test]
    fn an_aiven_service_object_keeps_only_what_is_read() {
        let r = records(
            r#"{"acl": [], "service_name": "my-kafka", "service_type": "kafka",
                "cloud_name": "aws-eu-west-1", "state": "RUNNING", "users": [{"username": "avnadmin"}],
                "user_config": {"kafka_version": "3.8", "privatelink_access": {"kafka": true}},
                "components": [{"component": "kafka", "port": 12691, "route": "dynamic"}]}"#,
        )
        .unwrap();
        assert_eq!(r.kinds, vec![Kind::AivenService]);
        assert!(r.unknown_keys.is_empty());
        let (_, s) = &r.aiven_services[0];
        assert_eq!(s.service_name.as_deref(), Some("my-kafka"));
        assert_eq!(s.components.len(), 1);
    }

    #[test]
    fn aiven_members_beside_aws_keys_are_unknown() {
        let r = records(r#"{"Vpcs": [], "service_name": "x", "service_type": "kafka"}"#).unwrap();
        assert!(r.aiven_services.is_empty());
        assert_eq!(r.unknown_keys, vec!["service_name", "service_type"]);
        let r = records(r#"{"service_name": "x", "plan": "business-4"}"#).unwrap();
        assert_eq!(r.unknown_keys, vec!["service_name", "plan"]);
    }
}
