//! The input schemas, derived from the serde types that read the inputs, so that a schema and its
//! loader cannot drift apart. `src/source/schemas/*.json` are these texts, committed for users
//! and editors to point at; a test regenerates them and fails on any difference.

use schemars::generate::SchemaSettings;
use schemars::transform::transform_subschemas;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};

use super::records as rec;
use crate::source::kinds::Kind;

/// Pagination beside the list, in the service's own words.
const PAGE_TOKEN: &str = "Pagination token, present when the call stopped before the last page \
    (AWS CLI `--max-items` or `--no-paginate`): the list may then be incomplete.";

/// The AWS CLI's token, where the service has a pagination member of its own.
const CLI_TOKEN: &str =
    "Pagination token of the AWS CLI's own paginator (`--max-items`): the list may then be incomplete.";

/// The JSON Schema of `kind`, as `vpclint schema KIND` prints it.
pub fn derived_schema(kind: Kind) -> String {
    // Inlined rather than referenced: a nullable reference would be an `anyOf`, whose one error
    // at the parent hides which member of the object is wrong.
    let settings = SchemaSettings::draft2020_12().with(|s| s.inline_subschemas = true);
    let mut g = settings.into_generator();
    let mut schema = match kind {
        Kind::VpcAttribute => g.root_schema_for::<rec::VpcAttribute>(),
        Kind::AivenService => g.root_schema_for::<rec::AivenService>(),
        Kind::AivenPrivatelink => g.root_schema_for::<rec::AivenPrivatelink>(),
        Kind::AivenConnections => g.root_schema_for::<rec::AivenConnection>(),
        Kind::Vpcs => cli_output::<rec::Vpc>(kind, &mut g, "Information about the VPCs."),
        Kind::Subnets => cli_output::<rec::Subnet>(kind, &mut g, "Information about the subnets."),
        Kind::SecurityGroups => {
            cli_output::<rec::SecurityGroup>(kind, &mut g, "Information about the security groups.")
        }
        Kind::SecurityGroupRules => cli_output::<rec::SecurityGroupRule>(
            kind,
            &mut g,
            "Information about security group rules.",
        ),
        Kind::NetworkAcls => {
            cli_output::<rec::NetworkAcl>(kind, &mut g, "Information about the network ACLs.")
        }
        Kind::RouteTables => {
            cli_output::<rec::RouteTable>(kind, &mut g, "Information about the route tables.")
        }
        Kind::NetworkInterfaces => cli_output::<rec::NetworkInterface>(
            kind,
            &mut g,
            "Information about the network interfaces.",
        ),
        Kind::VpcEndpoints => {
            cli_output::<rec::VpcEndpoint>(kind, &mut g, "Information about the VPC endpoints.")
        }
        Kind::VpcEndpointServices => {
            cli_output::<rec::ServiceDetail>(kind, &mut g, "Information about the service.")
        }
        Kind::ServiceConfigurations => {
            cli_output::<rec::ServiceConfiguration>(kind, &mut g, "Information about the services.")
        }
        Kind::ServicePermissions => cli_output::<rec::AllowedPrincipal>(
            kind,
            &mut g,
            "Information about the allowed principals.",
        ),
        Kind::EndpointConnections => cli_output::<rec::VpcEndpointConnection>(
            kind,
            &mut g,
            "Information about the VPC endpoint connections.",
        ),
        Kind::PeeringConnections => cli_output::<rec::VpcPeeringConnection>(
            kind,
            &mut g,
            "Information about the VPC peering connections.",
        ),
        Kind::AvailabilityZones => cli_output::<rec::AvailabilityZone>(
            kind,
            &mut g,
            "Information about the Availability Zones, Local Zones, and Wavelength Zones.",
        ),
        Kind::PrefixLists => {
            cli_output::<rec::PrefixList>(kind, &mut g, "All available prefix lists.")
        }
        Kind::RestApis => {
            cli_output::<rec::RestApi>(kind, &mut g, "The current page of REST APIs.")
        }
        Kind::LoadBalancers => {
            cli_output::<rec::LoadBalancer>(kind, &mut g, "Information about the load balancers.")
        }
        Kind::Listeners => {
            cli_output::<rec::Listener>(kind, &mut g, "Information about the listeners.")
        }
        Kind::DhcpOptions => {
            cli_output::<rec::DhcpOptions>(kind, &mut g, "Information about the DHCP options sets.")
        }
        Kind::HostedZones => cli_output::<rec::HostedZone>(
            kind,
            &mut g,
            "A complex type that contains general information about the hosted zone.",
        ),
        Kind::HostedZone => hosted_zone(&mut g),
        Kind::RecordSets => cli_output::<rec::ResourceRecordSet>(
            kind,
            &mut g,
            "Information about multiple resource record sets.",
        ),
        Kind::ResolverRules => cli_output::<rec::ResolverRule>(
            kind,
            &mut g,
            "The Resolver rules that were created using the current Amazon Web Services account \
             and that match the specified filters, if any.",
        ),
        Kind::ResolverRuleAssociations => cli_output::<rec::ResolverRuleAssociation>(
            kind,
            &mut g,
            "The associations that were created between Resolver rules and VPCs using the \
             current Amazon Web Services account, and that match the specified filters, if any.",
        ),
        Kind::ResolverEndpoints => cli_output::<rec::ResolverEndpoint>(
            kind,
            &mut g,
            "The Resolver endpoints that were created by using the current Amazon Web Services \
             account, and that match the specified filters, if any.",
        ),
        Kind::OrganizationAccounts => {
            cli_output::<rec::OrgAccount>(kind, &mut g, "A list of objects in the organization.")
        }
        Kind::TransitGateways => cli_output::<rec::TransitGateway>(
            kind,
            &mut g,
            "Information about the transit gateways.",
        ),
        Kind::TgwAttachments => cli_output::<rec::TransitGatewayAttachment>(
            kind,
            &mut g,
            "Information about the attachments.",
        ),
        Kind::TgwRouteTables => cli_output::<rec::TransitGatewayRouteTable>(
            kind,
            &mut g,
            "Information about the transit gateway route tables.",
        ),
        Kind::TgwRoutes => cli_output::<rec::TransitGatewayRoute>(
            kind,
            &mut g,
            "Information about the routes of the transit gateway route table named by the \
             file's folder (tgw-rtb-.../search-transit-gateway-routes.json).",
        ),
        Kind::TgwAssociations => cli_output::<rec::TgwRouteTableLink>(
            kind,
            &mut g,
            "Information about the associations of the transit gateway route table named by the \
             file's folder.",
        ),
        Kind::TgwPropagations => cli_output::<rec::TgwRouteTableLink>(
            kind,
            &mut g,
            "Information about the route table propagations of the transit gateway route table \
             named by the file's folder.",
        ),
    };
    tidy(&mut schema);
    schema.insert(
        "$id".into(),
        format!("https://vpclint.dev/schema/{}.json", kind.name()).into(),
    );
    schema.insert(
        "title".into(),
        format!("vpclint input: {}", kind.name()).into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The object an AWS CLI call prints: the list of `T` under the kind's key, which `about`
/// describes, and paging members.
fn cli_output<T: JsonSchema>(kind: Kind, g: &mut SchemaGenerator, about: &str) -> Schema {
    let items = g.subschema_for::<T>();
    let key = kind.key().unwrap_or_default();
    let mut properties = Map::new();
    properties.insert(
        key.into(),
        json_schema!({"description": about, "type": "array", "items": items}).into(),
    );
    for (member, schema) in paging(kind) {
        properties.insert(member.into(), schema.into());
    }
    let description = format!(
        "The unmodified output of `{}`, recognised by its top-level key `{key}`. Other top-level \
         keys are not checked here (the loader decides which are allowed); unknown members of \
         items are accepted, since AWS adds fields over time.",
        kind.command()
    );
    json_schema!({
        "$schema": g.settings().meta_schema,
        "description": description,
        "type": "object",
        "properties": properties,
        "required": [key],
    })
}

/// get-hosted-zone prints one zone (not a list) and, for a private zone, its VPCs.
fn hosted_zone(g: &mut SchemaGenerator) -> Schema {
    let zone = g.subschema_for::<rec::HostedZone>();
    let vpcs = g.subschema_for::<rec::ZoneVpc>();
    let kind = Kind::HostedZone;
    let description = format!(
        "The unmodified output of `{}`, recognised by its top-level key `HostedZone`; its \
         record sets (list-resource-record-sets) go beside it, in a folder named after the \
         zone's id. Unknown members of items are accepted, since AWS adds fields over time.",
        kind.command()
    );
    json_schema!({
        "$schema": g.settings().meta_schema,
        "description": description,
        "type": "object",
        "properties": {
            "HostedZone": zone,
            "VPCs": {
                "description": "A complex type that contains information about the VPCs that \
                    are associated with the specified hosted zone.",
                "type": "array",
                "items": vpcs,
            },
            "DelegationSet": {
                "description": "The name servers of a public hosted zone (not read).",
                "type": "object",
            },
        },
        "required": ["HostedZone"],
    })
}

/// The members a call prints beside its list when it stopped early, which the loader accepts
/// unread (see `kinds::IGNORED_KEYS`).
fn paging(kind: Kind) -> Vec<(&'static str, Schema)> {
    let token = |about: &str| json_schema!({"description": about, "type": "string"});
    let flag = || {
        json_schema!({
            "description": "Whether the call stopped before the last page: the list may then be \
                incomplete.",
            "type": "boolean",
        })
    };
    let count = || {
        json_schema!({
            "description": "The page size the call was made with; Route 53 prints it as a \
                string, Route 53 Resolver as a number.",
            "type": ["integer", "string"],
        })
    };
    match kind {
        Kind::AvailabilityZones | Kind::HostedZone => Vec::new(),
        Kind::HostedZones => vec![
            ("Marker", token(PAGE_TOKEN)),
            ("NextMarker", token(PAGE_TOKEN)),
            ("IsTruncated", flag()),
            ("MaxItems", count()),
            ("NextToken", token(CLI_TOKEN)),
        ],
        Kind::RecordSets => vec![
            ("NextRecordName", token(PAGE_TOKEN)),
            ("NextRecordType", token(PAGE_TOKEN)),
            ("NextRecordIdentifier", token(PAGE_TOKEN)),
            ("IsTruncated", flag()),
            ("MaxItems", count()),
            ("NextToken", token(CLI_TOKEN)),
        ],
        Kind::TgwRoutes => vec![(
            "AdditionalRoutesAvailable",
            json_schema!({
                "description": "Whether more routes match the filters than the call returned \
                    (at most 1,000): the list is then incomplete.",
                "type": "boolean",
            }),
        )],
        Kind::ResolverRules | Kind::ResolverRuleAssociations | Kind::ResolverEndpoints => {
            vec![("MaxResults", count()), ("NextToken", token(PAGE_TOKEN))]
        }
        Kind::RestApis => vec![
            ("position", token(PAGE_TOKEN)),
            ("NextToken", token(CLI_TOKEN)),
        ],
        Kind::LoadBalancers | Kind::Listeners => {
            vec![
                ("NextMarker", token(PAGE_TOKEN)),
                ("NextToken", token(CLI_TOKEN)),
            ]
        }
        Kind::VpcEndpointServices => vec![
            (
                "ServiceNames",
                json_schema!({
                    "description": "The names of the services described; a name with several \
                        service types (e.g. S3 Interface and Gateway) appears once per \
                        ServiceDetails entry.",
                    "type": "array",
                    "items": {"type": "string"},
                }),
            ),
            ("NextToken", token(PAGE_TOKEN)),
        ],
        _ => vec![("NextToken", token(PAGE_TOKEN))],
    }
}

/// Doc comments are wrapped at 100 columns: a description is one line per paragraph. A serde
/// default is how the loader fills an absent member, not something the input says.
fn tidy(schema: &mut Schema) {
    if let Some(Value::String(text)) = schema.get_mut("description") {
        *text = text
            .split("\n\n")
            .map(|paragraph| paragraph.replace('\n', " "))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    schema.remove("default");
    transform_subschemas(&mut tidy, schema);
}
