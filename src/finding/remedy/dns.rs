//! Changes to name resolution: private hosted zones, their records and VPC associations,
//! Resolver rule associations and DHCP options.

use crate::finding::ResourceRef;

/// A change to how a VPC resolves names.
#[derive(Clone, Debug, PartialEq)]
pub enum DnsChange {
    /// Associate a private hosted zone with a VPC.
    AssociateZone {
        /// The zone id.
        zone: String,
        /// The VPC.
        vpc: ResourceRef,
    },
    /// Disassociate a private hosted zone from a VPC.
    DisassociateZone {
        /// The zone id.
        zone: String,
        /// The VPC.
        vpc: ResourceRef,
    },
    /// Create a private hosted zone named `name`, associated with `vpc`, whose apex aliases
    /// `target` (an endpoint's regional DNS name).
    CreateAliasZone {
        /// The zone's name.
        name: String,
        /// The VPC to associate.
        vpc: ResourceRef,
        /// The endpoint.
        endpoint: ResourceRef,
        /// The endpoint DNS name to alias, when known.
        target: Option<String>,
    },
    /// Point a record of a zone at an endpoint's DNS name (an alias).
    AliasRecord {
        /// The zone id.
        zone: String,
        /// The record's name.
        name: String,
        /// The endpoint DNS name to alias, when known.
        target: Option<String>,
        /// The record's Terraform address, when a plan declares it (`aws_route53_record.x`).
        record: Option<String>,
        /// The endpoint to alias, when one is known.
        endpoint: Option<ResourceRef>,
    },
    /// Remove a Resolver rule's association with a VPC.
    DisassociateRule {
        /// The rule.
        rule: String,
        /// The VPC.
        vpc: ResourceRef,
    },
    /// Give a VPC DHCP options whose name servers are the Amazon-provided resolver.
    AmazonProvidedDns {
        /// The VPC.
        vpc: ResourceRef,
    },
}
