//! Typed deserialization of one file: a single streaming pass that dispatches on each top-level
//! key, so a valid file costs no more than deserializing its records.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::kinds::{Kind, ATTRIBUTE_KEYS, IGNORED_KEYS};
use super::records as rec;

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
    pub rest_apis: Vec<rec::RestApi>,
    /// Kinds seen, in order of appearance.
    pub kinds: Vec<Kind>,
    /// Top-level keys that belong to no kind.
    pub unknown_keys: Vec<String>,
}

/// Deserializes a whole file.
pub fn records(bytes: &[u8]) -> Result<Records, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
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
        f.write_str("the JSON object printed by an AWS CLI describe call, or an array of describe-vpc-attribute outputs")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Records, A::Error> {
        let mut r = Records::default();
        let mut attribute = rec::VpcAttribute::default();
        let mut is_attribute = false;
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
                Some(Kind::RestApis) => r.rest_apis = map.next_value()?,
                Some(Kind::VpcAttribute) | None => {
                    if ATTRIBUTE_KEYS.contains(&key.as_str()) {
                        is_attribute = true;
                        match key.as_str() {
                            "VpcId" => attribute.vpc_id = map.next_value()?,
                            "EnableDnsSupport" => {
                                attribute.enable_dns_support = map.next_value()?
                            }
                            _ => attribute.enable_dns_hostnames = map.next_value()?,
                        }
                    } else {
                        if !IGNORED_KEYS.contains(&key.as_str()) {
                            r.unknown_keys.push(key);
                        }
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
        }
        if is_attribute {
            r.kinds.push(Kind::VpcAttribute);
            r.attributes.push((String::new(), attribute));
        }
        Ok(r)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Records, A::Error> {
        let mut r = Records::default();
        while let Some(attribute) = seq.next_element::<rec::VpcAttribute>()? {
            let pointer = format!("/{}", r.attributes.len());
            r.attributes.push((pointer, attribute));
        }
        r.kinds.push(Kind::VpcAttribute);
        Ok(r)
    }
}
