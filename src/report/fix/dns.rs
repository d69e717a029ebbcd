//! Name resolution changes in words: Route 53 and Route 53 Resolver commands, or the Terraform
//! resources that make the change when the VPC is one a plan manages.

use super::{hcl_id, managed};
use crate::finding::remedy::DnsChange;
use crate::finding::ResourceRef;

/// `VPCRegion=eu-west-1,VPCId=vpc-1` (Route 53 needs the region of a VPC).
fn vpc_arg(vpc: &ResourceRef) -> String {
    format!(
        "VPCRegion={},VPCId={}",
        vpc.region.as_deref().unwrap_or("<region>"),
        vpc.id
    )
}

/// How a configuration names a zone's id: `aws_route53_zone.x.zone_id` for a zone the plan
/// creates (its id is its address; Route 53's ids have no dots), the quoted id otherwise.
fn zone_hcl(zone: &str) -> String {
    if zone.contains('.') {
        format!("{zone}.zone_id")
    } else {
        format!("\"{zone}\"")
    }
}

/// The change, once.
pub(super) fn change(change: &DnsChange) -> String {
    match change {
        DnsChange::AssociateZone { zone, vpc } => match managed(vpc) {
            Some(_) => format!(
                "add an `aws_route53_zone_association` with `zone_id = {}` and `vpc_id = {}`",
                zone_hcl(zone),
                hcl_id(vpc)
            ),
            None => format!(
                "`aws route53 associate-vpc-with-hosted-zone --hosted-zone-id {zone} --vpc {}`",
                vpc_arg(vpc)
            ),
        },
        DnsChange::DisassociateZone { zone, vpc } => match managed(vpc) {
            Some(_) => format!(
                "remove the `vpc` block or `aws_route53_zone_association` that associates `{zone}` with {}",
                hcl_id(vpc)
            ),
            None => format!(
                "`aws route53 disassociate-vpc-from-hosted-zone --hosted-zone-id {zone} --vpc {}`",
                vpc_arg(vpc)
            ),
        },
        DnsChange::CreateAliasZone {
            name,
            vpc,
            endpoint,
            target,
        } => {
            // A planned endpoint's DNS names are given at apply: the configuration names them.
            if let (None, Some(address)) = (target, managed(endpoint)) {
                return format!(
                    "add an `aws_route53_zone` with `name = \"{name}\"` and a `vpc` block with `vpc_id = {}`, and an `aws_route53_record` for `{name}` of type A with an `alias` block whose `name = {address}.dns_entry[0].dns_name` and `zone_id = {address}.dns_entry[0].hosted_zone_id`",
                    hcl_id(vpc)
                );
            }
            let target = target.as_deref().unwrap_or("<endpoint-regional-dns-name>");
            match managed(vpc).or(managed(endpoint)) {
                Some(_) => format!(
                    "add an `aws_route53_zone` with `name = \"{name}\"` and a `vpc` block with `vpc_id = {}`, and an `aws_route53_record` for `{name}` of type A with an `alias` to `{target}` (`{}`'s `dns_entry[0]`)",
                    hcl_id(vpc),
                    endpoint.display_name()
                ),
                None => format!(
                    "`aws route53 create-hosted-zone --name {name} --vpc {} --caller-reference {name}-1`, then `aws route53 change-resource-record-sets --hosted-zone-id <new-zone-id> --change-batch '{}'`",
                    vpc_arg(vpc),
                    alias_batch(name, target)
                ),
            }
        }
        DnsChange::AliasRecord {
            zone,
            name,
            target,
            record: Some(record),
            endpoint,
        } => {
            // In the plan's own terms: the endpoint's attributes when the plan manages it.
            let (dns_name, zone_id) = match endpoint.as_ref().and_then(managed) {
                Some(address) => (
                    format!("{address}.dns_entry[0].dns_name"),
                    format!("{address}.dns_entry[0].hosted_zone_id"),
                ),
                None => (
                    format!(
                        "\"{}\"",
                        target.as_deref().unwrap_or("<endpoint-regional-dns-name>")
                    ),
                    "\"<endpoint-dns-zone-id>\"".to_owned(),
                ),
            };
            format!(
                "set the `alias` of `{record}` (`{name}` in `{zone}`) to `name = {dns_name}` and `zone_id = {zone_id}`"
            )
        }
        DnsChange::AliasRecord {
            zone, name, target, ..
        } => {
            let target = target.as_deref().unwrap_or("<endpoint-regional-dns-name>");
            format!(
                "`aws route53 change-resource-record-sets --hosted-zone-id {zone} --change-batch '{}'`",
                alias_batch(name, target)
            )
        }
        DnsChange::DisassociateRule { rule, vpc } => match managed(vpc) {
            Some(_) => format!(
                "remove the `aws_route53_resolver_rule_association` of rule `{rule}` with {}",
                hcl_id(vpc)
            ),
            None => format!(
                "`aws route53resolver disassociate-resolver-rule --resolver-rule-id {rule} --vpc-id {}`",
                vpc.id
            ),
        },
        DnsChange::AmazonProvidedDns { vpc } => match managed(vpc) {
            Some(_) => format!(
                "associate {} with an `aws_vpc_dhcp_options` whose `domain_name_servers = [\"AmazonProvidedDNS\"]` (`aws_vpc_dhcp_options_association`)",
                hcl_id(vpc)
            ),
            None => format!(
                "`aws ec2 create-dhcp-options --dhcp-configurations Key=domain-name-servers,Values=AmazonProvidedDNS`, then `aws ec2 associate-dhcp-options --dhcp-options-id <dopt-id> --vpc-id {}`",
                vpc.id
            ),
        },
    }
}

/// An UPSERT of an A alias at `name` to `target`; the alias's hosted zone is the endpoint's
/// (its `DnsEntries[0].HostedZoneId`).
fn alias_batch(name: &str, target: &str) -> String {
    format!(
        "{{\"Changes\":[{{\"Action\":\"UPSERT\",\"ResourceRecordSet\":{{\"Name\":\"{name}\",\"Type\":\"A\",\"AliasTarget\":{{\"HostedZoneId\":\"<endpoint-dns-zone-id>\",\"DNSName\":\"{target}\",\"EvaluateTargetHealth\":false}}}}}}]}}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scope;

    fn vpc(address: Option<&str>) -> ResourceRef {
        let scope = Scope {
            account: None,
            region: Some("eu-west-1".into()),
        };
        let mut r = ResourceRef::new("vpc", "vpc-1", &scope);
        r.address = address.map(str::to_owned);
        r
    }

    #[test]
    fn zone_associations_as_commands_or_terraform() {
        let assoc = |v| DnsChange::AssociateZone {
            zone: "Z1".into(),
            vpc: v,
        };
        assert_eq!(
            change(&assoc(vpc(None))),
            "`aws route53 associate-vpc-with-hosted-zone --hosted-zone-id Z1 --vpc VPCRegion=eu-west-1,VPCId=vpc-1`"
        );
        assert_eq!(
            change(&assoc(vpc(Some("aws_vpc.spoke")))),
            "add an `aws_route53_zone_association` with `zone_id = \"Z1\"` and `vpc_id = \"vpc-1\"`"
        );
        assert_eq!(
            change(&DnsChange::AssociateZone {
                zone: "aws_route53_zone.sqs".into(),
                vpc: vpc(Some("aws_vpc.spoke")),
            }),
            "add an `aws_route53_zone_association` with `zone_id = aws_route53_zone.sqs.zone_id` and `vpc_id = \"vpc-1\"`"
        );
        assert_eq!(
            change(&DnsChange::DisassociateZone {
                zone: "Z1".into(),
                vpc: vpc(None)
            }),
            "`aws route53 disassociate-vpc-from-hosted-zone --hosted-zone-id Z1 --vpc VPCRegion=eu-west-1,VPCId=vpc-1`"
        );
    }

    #[test]
    fn an_alias_zone_is_two_calls_or_two_resources() {
        let endpoint = ResourceRef::new("vpc-endpoint", "vpce-1", &Scope::default());
        let create = |v| DnsChange::CreateAliasZone {
            name: "sqs.eu-west-1.amazonaws.com".into(),
            vpc: v,
            endpoint: endpoint.clone(),
            target: Some("vpce-1-a.sqs.eu-west-1.vpce.amazonaws.com".into()),
        };
        let cli = change(&create(vpc(None)));
        assert!(cli.starts_with("`aws route53 create-hosted-zone --name sqs.eu-west-1.amazonaws.com --vpc VPCRegion=eu-west-1,VPCId=vpc-1"), "{cli}");
        assert!(
            cli.contains("\"DNSName\":\"vpce-1-a.sqs.eu-west-1.vpce.amazonaws.com\""),
            "{cli}"
        );
        let mut planned = endpoint.clone();
        planned.address = Some("aws_vpc_endpoint.sqs".into());
        assert_eq!(
            change(&DnsChange::CreateAliasZone {
                name: "sqs.eu-west-1.amazonaws.com".into(),
                vpc: vpc(Some("aws_vpc.spoke")),
                endpoint: planned,
                target: None,
            }),
            "add an `aws_route53_zone` with `name = \"sqs.eu-west-1.amazonaws.com\"` and a `vpc` block with `vpc_id = \"vpc-1\"`, and an `aws_route53_record` for `sqs.eu-west-1.amazonaws.com` of type A with an `alias` block whose `name = aws_vpc_endpoint.sqs.dns_entry[0].dns_name` and `zone_id = aws_vpc_endpoint.sqs.dns_entry[0].hosted_zone_id`"
        );
        let tf = change(&create(vpc(Some("aws_vpc.hub"))));
        assert!(
            tf.starts_with(
                "add an `aws_route53_zone` with `name = \"sqs.eu-west-1.amazonaws.com\"`"
            ),
            "{tf}"
        );
    }

    #[test]
    fn rules_records_and_dhcp() {
        assert_eq!(
            change(&DnsChange::DisassociateRule {
                rule: "rslvr-rr-1".into(),
                vpc: vpc(None)
            }),
            "`aws route53resolver disassociate-resolver-rule --resolver-rule-id rslvr-rr-1 --vpc-id vpc-1`"
        );
        assert!(change(&DnsChange::AliasRecord {
            zone: "Z1".into(),
            name: "sqs.eu-west-1.amazonaws.com".into(),
            target: None,
            record: None,
            endpoint: None,
        })
        .contains("--hosted-zone-id Z1"));
        let mut endpoint =
            ResourceRef::new("vpc-endpoint", "aws_vpc_endpoint.sqs", &Scope::default());
        endpoint.address = Some("aws_vpc_endpoint.sqs".into());
        assert_eq!(
            change(&DnsChange::AliasRecord {
                zone: "aws_route53_zone.sqs".into(),
                name: "sqs.eu-west-1.amazonaws.com".into(),
                target: None,
                record: Some("aws_route53_record.sqs".into()),
                endpoint: Some(endpoint),
            }),
            "set the `alias` of `aws_route53_record.sqs` (`sqs.eu-west-1.amazonaws.com` in `aws_route53_zone.sqs`) to `name = aws_vpc_endpoint.sqs.dns_entry[0].dns_name` and `zone_id = aws_vpc_endpoint.sqs.dns_entry[0].hosted_zone_id`"
        );
        assert!(
            change(&DnsChange::AmazonProvidedDns { vpc: vpc(None) }).ends_with("--vpc-id vpc-1`")
        );
        assert!(change(&DnsChange::AmazonProvidedDns {
            vpc: vpc(Some("aws_vpc.a"))
        })
        .contains("aws_vpc_dhcp_options"));
    }
}
