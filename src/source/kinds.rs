//! The kinds of AWS CLI output vpclint accepts, recognised by their top-level key.

/// One accepted kind of input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `aws ec2 describe-vpcs`
    Vpcs,
    /// `aws ec2 describe-vpc-attribute`
    VpcAttribute,
    /// `aws ec2 describe-subnets`
    Subnets,
    /// `aws ec2 describe-security-groups`
    SecurityGroups,
    /// `aws ec2 describe-security-group-rules`
    SecurityGroupRules,
    /// `aws ec2 describe-network-acls`
    NetworkAcls,
    /// `aws ec2 describe-route-tables`
    RouteTables,
    /// `aws ec2 describe-network-interfaces`
    NetworkInterfaces,
    /// `aws ec2 describe-vpc-endpoints`
    VpcEndpoints,
    /// `aws ec2 describe-vpc-endpoint-services`
    VpcEndpointServices,
    /// `aws ec2 describe-vpc-endpoint-service-configurations`
    ServiceConfigurations,
    /// `aws ec2 describe-vpc-endpoint-service-permissions`
    ServicePermissions,
    /// `aws ec2 describe-vpc-endpoint-connections`
    EndpointConnections,
    /// `aws ec2 describe-vpc-peering-connections`
    PeeringConnections,
    /// `aws ec2 describe-availability-zones`
    AvailabilityZones,
    /// `aws ec2 describe-prefix-lists`
    PrefixLists,
    /// `avn service get NAME --json`: an Aiven service (an object with `service_type`).
    AivenService,
    /// `avn service privatelink aws get NAME --json`: an array holding the service's PrivateLink
    /// resource (objects with `aws_service_name`, `principals`).
    AivenPrivatelink,
    /// `avn service privatelink aws connection list NAME --json`: an array of connections
    /// (objects with `privatelink_connection_id`).
    AivenConnections,
    /// `aws apigateway get-rest-apis`
    RestApis,
    /// `aws elbv2 describe-load-balancers`
    LoadBalancers,
    /// `aws elbv2 describe-listeners`
    Listeners,
    /// `aws ec2 describe-dhcp-options`
    DhcpOptions,
    /// `aws route53 list-hosted-zones`
    HostedZones,
    /// `aws route53 get-hosted-zone`: one zone and its VPC associations.
    HostedZone,
    /// `aws route53 list-resource-record-sets`: the records of the zone named by the file's
    /// folder.
    RecordSets,
    /// `aws route53resolver list-resolver-rules`
    ResolverRules,
    /// `aws route53resolver list-resolver-rule-associations`
    ResolverRuleAssociations,
    /// `aws route53resolver list-resolver-endpoints`
    ResolverEndpoints,
    /// `aws organizations list-accounts`: the accounts of the organisation, which are trusted.
    OrganizationAccounts,
    /// `aws ec2 describe-transit-gateways`
    TransitGateways,
    /// `aws ec2 describe-transit-gateway-attachments`
    TgwAttachments,
    /// `aws ec2 describe-transit-gateway-route-tables`
    TgwRouteTables,
    /// `aws ec2 search-transit-gateway-routes`: the routes of the table named by the file's
    /// folder.
    TgwRoutes,
    /// `aws ec2 get-transit-gateway-route-table-associations`, in the table's folder.
    TgwAssociations,
    /// `aws ec2 get-transit-gateway-route-table-propagations`, in the table's folder.
    TgwPropagations,
}

/// Top-level keys that AWS CLI outputs carry beside their data and that mean nothing here.
/// (`position` is API Gateway's pagination token, `NextMarker` Elastic Load Balancing's.)
/// Route 53 pages with `Marker`/`IsTruncated`/`MaxItems` (record sets with `NextRecord*`), Route 53
/// Resolver with `MaxResults`; get-hosted-zone prints a public zone's `DelegationSet`.
pub const IGNORED_KEYS: &[&str] = &[
    "NextToken",
    "ServiceNames",
    "position",
    "NextMarker",
    "MaxResults",
    "IsTruncated",
    "MaxItems",
    "Marker",
    "NextRecordName",
    "NextRecordType",
    "NextRecordIdentifier",
    "DelegationSet",
    ADDITIONAL_ROUTES_KEY,
];

/// The member of search-transit-gateway-routes beside `Routes` that says the list stopped at
/// 1,000 routes.
pub const ADDITIONAL_ROUTES_KEY: &str = "AdditionalRoutesAvailable";

/// The member of get-hosted-zone beside `HostedZone` that lists a private zone's VPCs.
pub const ZONE_VPCS_KEY: &str = "VPCs";

/// The keys of a describe-vpc-attribute output.
pub const ATTRIBUTE_KEYS: &[&str] = &["VpcId", "EnableDnsSupport", "EnableDnsHostnames"];

/// Members that make an object an Aiven service (`avn service get`): it has both.
pub const AIVEN_SERVICE_KEYS: [&str; 2] = ["service_name", "service_type"];

/// Members of Aiven's AWS PrivateLink resource (`avn service privatelink aws get`); any one makes
/// an object one.
pub const AIVEN_PRIVATELINK_KEYS: &[&str] = &["aws_service_id", "aws_service_name", "principals"];

/// Members of an Aiven PrivateLink connection (`avn service privatelink aws connection list`);
/// any one makes an object one.
pub const AIVEN_CONNECTION_KEYS: &[&str] = &["privatelink_connection_id", "vpc_endpoint_id"];

impl Kind {
    /// Every kind, in the order `vpclint schema` lists them.
    pub const ALL: [Kind; 36] = [
        Kind::Vpcs,
        Kind::VpcAttribute,
        Kind::Subnets,
        Kind::SecurityGroups,
        Kind::SecurityGroupRules,
        Kind::NetworkAcls,
        Kind::RouteTables,
        Kind::NetworkInterfaces,
        Kind::VpcEndpoints,
        Kind::VpcEndpointServices,
        Kind::ServiceConfigurations,
        Kind::ServicePermissions,
        Kind::EndpointConnections,
        Kind::PeeringConnections,
        Kind::AvailabilityZones,
        Kind::PrefixLists,
        Kind::AivenService,
        Kind::AivenPrivatelink,
        Kind::AivenConnections,
        Kind::RestApis,
        Kind::LoadBalancers,
        Kind::Listeners,
        Kind::DhcpOptions,
        Kind::HostedZones,
        Kind::HostedZone,
        Kind::RecordSets,
        Kind::ResolverRules,
        Kind::ResolverRuleAssociations,
        Kind::ResolverEndpoints,
        Kind::OrganizationAccounts,
        Kind::TransitGateways,
        Kind::TgwAttachments,
        Kind::TgwRouteTables,
        Kind::TgwRoutes,
        Kind::TgwAssociations,
        Kind::TgwPropagations,
    ];

    /// The kind's name on the command line (`vpclint schema vpc-endpoints`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Vpcs => "vpcs",
            Kind::VpcAttribute => "vpc-attribute",
            Kind::Subnets => "subnets",
            Kind::SecurityGroups => "security-groups",
            Kind::SecurityGroupRules => "security-group-rules",
            Kind::NetworkAcls => "network-acls",
            Kind::RouteTables => "route-tables",
            Kind::NetworkInterfaces => "network-interfaces",
            Kind::VpcEndpoints => "vpc-endpoints",
            Kind::VpcEndpointServices => "vpc-endpoint-services",
            Kind::ServiceConfigurations => "vpc-endpoint-service-configurations",
            Kind::ServicePermissions => "vpc-endpoint-service-permissions",
            Kind::EndpointConnections => "vpc-endpoint-connections",
            Kind::PeeringConnections => "vpc-peering-connections",
            Kind::AvailabilityZones => "availability-zones",
            Kind::PrefixLists => "prefix-lists",
            Kind::AivenService => "aiven-service",
            Kind::AivenPrivatelink => "aiven-privatelink-aws",
            Kind::AivenConnections => "aiven-privatelink-aws-connections",
            Kind::RestApis => "rest-apis",
            Kind::LoadBalancers => "load-balancers",
            Kind::Listeners => "listeners",
            Kind::DhcpOptions => "dhcp-options",
            Kind::HostedZones => "hosted-zones",
            Kind::HostedZone => "hosted-zone",
            Kind::RecordSets => "resource-record-sets",
            Kind::ResolverRules => "resolver-rules",
            Kind::ResolverRuleAssociations => "resolver-rule-associations",
            Kind::ResolverEndpoints => "resolver-endpoints",
            Kind::OrganizationAccounts => "organization-accounts",
            Kind::TransitGateways => "transit-gateways",
            Kind::TgwAttachments => "transit-gateway-attachments",
            Kind::TgwRouteTables => "transit-gateway-route-tables",
            Kind::TgwRoutes => "transit-gateway-routes",
            Kind::TgwAssociations => "transit-gateway-route-table-associations",
            Kind::TgwPropagations => "transit-gateway-route-table-propagations",
        }
    }

    /// The top-level key that identifies the kind; describe-vpc-attribute and the Aiven outputs
    /// have none of their own (they are recognised by their members).
    pub fn key(self) -> Option<&'static str> {
        Some(match self {
            Kind::Vpcs => "Vpcs",
            Kind::VpcAttribute
            | Kind::AivenService
            | Kind::AivenPrivatelink
            | Kind::AivenConnections => return None,
            Kind::Subnets => "Subnets",
            Kind::SecurityGroups => "SecurityGroups",
            Kind::SecurityGroupRules => "SecurityGroupRules",
            Kind::NetworkAcls => "NetworkAcls",
            Kind::RouteTables => "RouteTables",
            Kind::NetworkInterfaces => "NetworkInterfaces",
            Kind::VpcEndpoints => "VpcEndpoints",
            Kind::VpcEndpointServices => "ServiceDetails",
            Kind::ServiceConfigurations => "ServiceConfigurations",
            Kind::ServicePermissions => "AllowedPrincipals",
            Kind::EndpointConnections => "VpcEndpointConnections",
            Kind::PeeringConnections => "VpcPeeringConnections",
            Kind::AvailabilityZones => "AvailabilityZones",
            Kind::PrefixLists => "PrefixLists",
            Kind::RestApis => "items",
            Kind::LoadBalancers => "LoadBalancers",
            Kind::Listeners => "Listeners",
            Kind::DhcpOptions => "DhcpOptions",
            Kind::HostedZones => "HostedZones",
            Kind::HostedZone => "HostedZone",
            Kind::RecordSets => "ResourceRecordSets",
            Kind::ResolverRules => "ResolverRules",
            Kind::ResolverRuleAssociations => "ResolverRuleAssociations",
            Kind::ResolverEndpoints => "ResolverEndpoints",
            Kind::OrganizationAccounts => "Accounts",
            Kind::TransitGateways => "TransitGateways",
            Kind::TgwAttachments => "TransitGatewayAttachments",
            Kind::TgwRouteTables => "TransitGatewayRouteTables",
            Kind::TgwRoutes => "Routes",
            Kind::TgwAssociations => "Associations",
            Kind::TgwPropagations => "TransitGatewayRouteTablePropagations",
        })
    }

    /// The kind whose top-level key is `key`.
    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == Some(key))
    }

    /// The kind named `name` on the command line.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The CLI command that produces it.
    pub fn command(self) -> String {
        match self {
            Kind::AivenService => "avn service get NAME --json".into(),
            Kind::AivenPrivatelink => "avn service privatelink aws get NAME --json".into(),
            Kind::AivenConnections => {
                "avn service privatelink aws connection list NAME --json".into()
            }
            Kind::RestApis => "aws apigateway get-rest-apis --output json".into(),
            Kind::LoadBalancers => "aws elbv2 describe-load-balancers --output json".into(),
            Kind::OrganizationAccounts => "aws organizations list-accounts --output json".into(),
            Kind::Listeners => {
                "aws elbv2 describe-listeners --load-balancer-arn ARN --output json".into()
            }
            Kind::HostedZones => "aws route53 list-hosted-zones --output json".into(),
            Kind::HostedZone => "aws route53 get-hosted-zone --id ZONEID --output json".into(),
            Kind::RecordSets => {
                "aws route53 list-resource-record-sets --hosted-zone-id ZONEID --output json".into()
            }
            Kind::ResolverRules => "aws route53resolver list-resolver-rules --output json".into(),
            Kind::ResolverRuleAssociations => {
                "aws route53resolver list-resolver-rule-associations --output json".into()
            }
            Kind::ResolverEndpoints => {
                "aws route53resolver list-resolver-endpoints --output json".into()
            }
            Kind::TgwRoutes => {
                "aws ec2 search-transit-gateway-routes --transit-gateway-route-table-id \
                 TGWRTBID --filters Name=state,Values=active,blackhole --output json"
                    .into()
            }
            Kind::TgwAssociations => "aws ec2 get-transit-gateway-route-table-associations \
                 --transit-gateway-route-table-id TGWRTBID --output json"
                .into(),
            Kind::TgwPropagations => "aws ec2 get-transit-gateway-route-table-propagations \
                 --transit-gateway-route-table-id TGWRTBID --output json"
                .into(),
            other => format!("aws ec2 describe-{} --output json", other.cli_suffix()),
        }
    }

    fn cli_suffix(self) -> &'static str {
        match self {
            Kind::VpcAttribute => {
                "vpc-attribute --vpc-id VPC --attribute enableDnsSupport|enableDnsHostnames"
            }
            other => other.name(),
        }
    }

    /// The kind's JSON Schema, as shipped in the binary.
    pub fn schema(self) -> &'static str {
        match self {
            Kind::Vpcs => include_str!("schemas/vpcs.json"),
            Kind::VpcAttribute => include_str!("schemas/vpc-attribute.json"),
            Kind::Subnets => include_str!("schemas/subnets.json"),
            Kind::SecurityGroups => include_str!("schemas/security-groups.json"),
            Kind::SecurityGroupRules => include_str!("schemas/security-group-rules.json"),
            Kind::NetworkAcls => include_str!("schemas/network-acls.json"),
            Kind::RouteTables => include_str!("schemas/route-tables.json"),
            Kind::NetworkInterfaces => include_str!("schemas/network-interfaces.json"),
            Kind::VpcEndpoints => include_str!("schemas/vpc-endpoints.json"),
            Kind::VpcEndpointServices => include_str!("schemas/vpc-endpoint-services.json"),
            Kind::ServiceConfigurations => {
                include_str!("schemas/vpc-endpoint-service-configurations.json")
            }
            Kind::ServicePermissions => {
                include_str!("schemas/vpc-endpoint-service-permissions.json")
            }
            Kind::EndpointConnections => include_str!("schemas/vpc-endpoint-connections.json"),
            Kind::PeeringConnections => include_str!("schemas/vpc-peering-connections.json"),
            Kind::AvailabilityZones => include_str!("schemas/availability-zones.json"),
            Kind::PrefixLists => include_str!("schemas/prefix-lists.json"),
            Kind::AivenService => include_str!("schemas/aiven-service.json"),
            Kind::AivenPrivatelink => include_str!("schemas/aiven-privatelink-aws.json"),
            Kind::AivenConnections => {
                include_str!("schemas/aiven-privatelink-aws-connections.json")
            }
            Kind::RestApis => include_str!("schemas/rest-apis.json"),
            Kind::LoadBalancers => include_str!("schemas/load-balancers.json"),
            Kind::Listeners => include_str!("schemas/listeners.json"),
            Kind::DhcpOptions => include_str!("schemas/dhcp-options.json"),
            Kind::HostedZones => include_str!("schemas/hosted-zones.json"),
            Kind::HostedZone => include_str!("schemas/hosted-zone.json"),
            Kind::RecordSets => include_str!("schemas/resource-record-sets.json"),
            Kind::ResolverRules => include_str!("schemas/resolver-rules.json"),
            Kind::ResolverRuleAssociations => {
                include_str!("schemas/resolver-rule-associations.json")
            }
            Kind::ResolverEndpoints => include_str!("schemas/resolver-endpoints.json"),
            Kind::OrganizationAccounts => include_str!("schemas/organization-accounts.json"),
            Kind::TransitGateways => include_str!("schemas/transit-gateways.json"),
            Kind::TgwAttachments => include_str!("schemas/transit-gateway-attachments.json"),
            Kind::TgwRouteTables => include_str!("schemas/transit-gateway-route-tables.json"),
            Kind::TgwRoutes => include_str!("schemas/transit-gateway-routes.json"),
            Kind::TgwAssociations => {
                include_str!("schemas/transit-gateway-route-table-associations.json")
            }
            Kind::TgwPropagations => {
                include_str!("schemas/transit-gateway-route-table-propagations.json")
            }
        }
    }
}

/// Top-level keys that only Terraform writes.
pub const TERRAFORM_KEYS: &[&str] = &[
    "format_version",
    "terraform_version",
    "planned_values",
    "resource_changes",
    "prior_state",
    "configuration",
    "@level",
    "@message",
];
