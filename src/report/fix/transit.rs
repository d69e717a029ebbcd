//! Transit gateway changes in words: the AWS CLI commands that make them, or, when the
//! attachment (or VPC) is one a plan creates, the Terraform resources and arguments that do.

use crate::finding::remedy::TransitChange;
use crate::model::is_unknown;

/// Whether an id is a plan's: a resource address, or the marker of an attribute known only
/// after apply.
fn planned(id: &str) -> bool {
    is_unknown(id) || (id.starts_with("aws_") && id.contains('.'))
}

/// How a configuration names an id: `ADDRESS.id`, the attribute behind an unknown marker, or
/// the quoted id.
fn hcl(id: &str) -> String {
    if let Some(attr) = id
        .strip_prefix("(known after apply: ")
        .and_then(|s| s.strip_suffix(')'))
    {
        return attr.to_owned();
    }
    if planned(id) {
        format!("{id}.id")
    } else {
        format!("\"{id}\"")
    }
}

/// The gateway whose default route table `table` is, when it is one a plan creates.
fn default_table_of(table: &str) -> Option<&str> {
    table
        .strip_prefix("(known after apply: ")?
        .strip_suffix(".association_default_route_table_id)")
}

/// The change, once.
pub(super) fn change(change: &TransitChange) -> String {
    match change {
        TransitChange::Attach { tgw, vpc } if planned(vpc) => format!(
            "add an `aws_ec2_transit_gateway_vpc_attachment` with `transit_gateway_id = {}`, `vpc_id = {}` and a subnet in each Availability Zone of the VPC's clients in `subnet_ids`",
            hcl(tgw),
            hcl(vpc)
        ),
        TransitChange::Attach { tgw, vpc } => format!(
            "`aws ec2 create-transit-gateway-vpc-attachment --transit-gateway-id {tgw} --vpc-id {vpc} --subnet-ids <a subnet in each Availability Zone of the VPC's clients>`"
        ),
        TransitChange::Accept { attachment } => format!(
            "`aws ec2 accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id {attachment}`"
        ),
        TransitChange::Associate { table, attachment } if planned(attachment) => {
            match table.as_deref() {
                Some(t) if default_table_of(t).is_some() => format!(
                    "set `transit_gateway_default_route_table_association = true` in `{attachment}`"
                ),
                t => format!(
                    "add an `aws_ec2_transit_gateway_route_table_association` with `transit_gateway_attachment_id = {}` and `transit_gateway_route_table_id = {}`",
                    hcl(attachment),
                    t.map_or_else(|| "<table>".to_owned(), hcl)
                ),
            }
        }
        TransitChange::Associate { table, attachment } => format!(
            "`aws ec2 associate-transit-gateway-route-table --transit-gateway-route-table-id {} --transit-gateway-attachment-id {attachment}`",
            table.as_deref().unwrap_or("<tgw-rtb-id>")
        ),
        TransitChange::Propagate { table, attachment } if planned(attachment) => {
            match default_table_of(table) {
                Some(_) => format!(
                    "set `transit_gateway_default_route_table_propagation = true` in `{attachment}`"
                ),
                None => format!(
                    "add an `aws_ec2_transit_gateway_route_table_propagation` with `transit_gateway_attachment_id = {}` and `transit_gateway_route_table_id = {}`",
                    hcl(attachment),
                    hcl(table)
                ),
            }
        }
        TransitChange::Propagate { table, attachment } => format!(
            "`aws ec2 enable-transit-gateway-route-table-propagation --transit-gateway-route-table-id {table} --transit-gateway-attachment-id {attachment}`"
        ),
        TransitChange::Route {
            table,
            destination,
            attachment,
            replace,
        } if planned(table) => format!(
            "{} an `aws_ec2_transit_gateway_route` with `destination_cidr_block = \"{destination}\"`, `transit_gateway_route_table_id = {}` and `transit_gateway_attachment_id = {}`",
            if *replace { "change to" } else { "add" },
            hcl(table),
            attachment.as_deref().map_or_else(|| "<attachment>".to_owned(), hcl)
        ),
        TransitChange::Route {
            table,
            destination,
            attachment,
            replace,
        } => format!(
            "`aws ec2 {}-transit-gateway-route --transit-gateway-route-table-id {table} --destination-cidr-block {destination} --transit-gateway-attachment-id {}`",
            if *replace { "replace" } else { "create" },
            attachment.as_deref().unwrap_or("<tgw-attach-id>")
        ),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_planned_attachment_gets_terraform_words() {
        let default =
            "(known after apply: aws_ec2_transit_gateway.core.association_default_route_table_id)";
        let propagate = |table: &str, attachment: &str| {
            change(&TransitChange::Propagate {
                table: table.into(),
                attachment: attachment.into(),
            })
        };
        assert_eq!(
            propagate(default, "aws_ec2_transit_gateway_vpc_attachment.spoke"),
            "set `transit_gateway_default_route_table_propagation = true` in `aws_ec2_transit_gateway_vpc_attachment.spoke`"
        );
        assert_eq!(
            propagate("aws_ec2_transit_gateway_route_table.spokes", "aws_ec2_transit_gateway_vpc_attachment.spoke"),
            "add an `aws_ec2_transit_gateway_route_table_propagation` with `transit_gateway_attachment_id = aws_ec2_transit_gateway_vpc_attachment.spoke.id` and `transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id`"
        );
        assert_eq!(
            propagate("tgw-rtb-1", "tgw-attach-2"),
            "`aws ec2 enable-transit-gateway-route-table-propagation --transit-gateway-route-table-id tgw-rtb-1 --transit-gateway-attachment-id tgw-attach-2`"
        );
        let route = change(&TransitChange::Route {
            table: default.into(),
            destination: "10.2.0.0/16".parse().unwrap(),
            attachment: Some("aws_ec2_transit_gateway_vpc_attachment.spoke".into()),
            replace: false,
        });
        assert_eq!(
            route,
            "add an `aws_ec2_transit_gateway_route` with `destination_cidr_block = \"10.2.0.0/16\"`, `transit_gateway_route_table_id = aws_ec2_transit_gateway.core.association_default_route_table_id` and `transit_gateway_attachment_id = aws_ec2_transit_gateway_vpc_attachment.spoke.id`"
        );
    }
}
