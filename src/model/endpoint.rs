//! VPC endpoints, endpoint services and their permissions and connections.

use super::{EniId, Origin, Protocol, RtbId, Scope, SgId, SubnetId, Tags, VpcId, VpceId};

/// `VpcEndpointType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EndpointKind {
    /// PrivateLink interface endpoint: ENIs in subnets, security groups, optional private DNS.
    Interface,
    /// Gateway endpoint (S3, DynamoDB): route-table entries, no ENIs.
    Gateway,
    /// Gateway Load Balancer endpoint.
    GatewayLoadBalancer,
    /// Any type this version does not model (`Resource`, `ServiceNetwork`, …).
    Other,
}

/// A VPC endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct VpcEndpoint {
    /// `vpce-…`
    pub id: VpceId,
    /// Type.
    pub kind: EndpointKind,
    /// The VPC it lives in.
    pub vpc_id: VpcId,
    /// Account and region.
    pub scope: Scope,
    /// Service name (`com.amazonaws.eu-west-1.execute-api`, `com.amazonaws.vpce.eu-west-1.vpce-svc-…`).
    pub service_name: String,
    /// `available`, `pendingAcceptance`, `pending`, `rejected`, `failed`, `deleting`, …
    pub state: String,
    /// `LastError` as (code, message), when AWS reports one.
    pub last_error: Option<(String, String)>,
    /// The endpoint policy document, as the JSON string AWS returns.
    pub policy: Option<String>,
    /// Subnets with an endpoint network interface.
    pub subnet_ids: Vec<SubnetId>,
    /// Route tables (gateway endpoints).
    pub route_table_ids: Vec<RtbId>,
    /// The endpoint's own security groups, which apply to all its network interfaces.
    pub groups: Vec<SgId>,
    /// `PrivateDnsEnabled` as reported; meaningful for interface endpoints only.
    pub private_dns_enabled: Option<bool>,
    /// `IpAddressType`: `ipv4`, `dualstack` or `ipv6`, when the export has it.
    pub ip_address_type: Option<String>,
    /// `DnsOptions.DnsRecordIpType`: `ipv4`, `dualstack`, `ipv6` or `service-defined`.
    pub dns_record_ip_type: Option<String>,
    /// `DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint` (S3 interface endpoints): private
    /// DNS answers only queries that arrive through an inbound Resolver endpoint, and the VPC's
    /// own S3 traffic takes its gateway endpoint.
    pub private_dns_only_inbound: Option<bool>,
    /// The endpoint's network interfaces.
    pub eni_ids: Vec<EniId>,
    /// The endpoint's own DNS names (`DnsEntries`: the regional name first, then one per zone),
    /// lower case without the trailing dot; what an alias record in a private zone names.
    pub dns_names: Vec<String>,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

/// Whether an endpoint in this state is gone or going, so that its configuration no longer
/// matters.
pub fn state_is_gone(state: &str) -> bool {
    matches!(
        state.to_ascii_lowercase().as_str(),
        "deleting" | "deleted" | "rejected" | "failed" | "expired"
    )
}

impl VpcEndpoint {
    /// Whether private DNS is in effect: only interface endpoints have it (some sources report
    /// `true` for gateway endpoints, which means nothing).
    pub fn private_dns_on(&self) -> bool {
        self.kind == EndpointKind::Interface && self.private_dns_enabled == Some(true)
    }

    /// Its first DNS name that is known (a planned endpoint's are given at apply, and its marker
    /// stands for them).
    pub fn known_dns_name(&self) -> Option<String> {
        self.dns_names
            .iter()
            .find(|n| !super::is_unknown(n))
            .cloned()
    }
}

/// A service that endpoints can connect to, from describe-vpc-endpoint-services.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointService {
    /// Service name.
    pub name: String,
    /// `vpce-svc-…`
    pub service_id: Option<String>,
    /// `Interface`, `Gateway`, `GatewayLoadBalancer`.
    pub service_types: Vec<String>,
    /// Private DNS names the service offers.
    pub private_dns_names: Vec<String>,
    /// Whether the service accepts endpoint policies.
    pub policy_supported: Option<bool>,
    /// Whether connections need the owner's acceptance.
    pub acceptance_required: Option<bool>,
    /// `amazon` or an account id.
    pub owner: Option<String>,
    /// Availability Zones the service is offered in (names as the reading account sees them).
    pub azs: Vec<String>,
    /// The same zones by id (`euw1-az1`), which name one physical zone in every account; empty
    /// when the output predates `AvailabilityZoneIds`.
    pub az_ids: Vec<String>,
    /// `SupportedIpAddressTypes`: `ipv4`, `ipv6`; empty when not reported.
    pub ip_address_types: Vec<String>,
    /// The account that read the details, and the region.
    pub scope: Scope,
    /// Where it was read.
    pub origin: Origin,
}

/// A service this account provides, from describe-vpc-endpoint-service-configurations.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceConfiguration {
    /// `vpce-svc-…`
    pub service_id: String,
    /// Service name.
    pub service_name: Option<String>,
    /// Account and region.
    pub scope: Scope,
    /// Whether connections need acceptance.
    pub acceptance_required: Option<bool>,
    /// Private DNS name.
    pub private_dns_name: Option<String>,
    /// `Available`, `Pending`, `Failed`, …
    pub state: Option<String>,
    /// Availability Zones.
    pub azs: Vec<String>,
    /// ARNs of the Network Load Balancers behind the service, whose listeners are its ports.
    pub nlb_arns: Vec<String>,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

/// A load balancer, from `aws elbv2 describe-load-balancers`.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadBalancer {
    /// Its ARN.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// Account and region.
    pub scope: Scope,
    /// Where it was read.
    pub origin: Origin,
}

/// A listener of a load balancer, from `aws elbv2 describe-listeners`.
#[derive(Clone, Debug, PartialEq)]
pub struct Listener {
    /// Its ARN.
    pub arn: String,
    /// The ARN of its load balancer.
    pub load_balancer_arn: String,
    /// What it carries: TCP, UDP, or both (`TCP_UDP`); TLS counts as TCP.
    pub protocols: Vec<Protocol>,
    /// The port it listens on.
    pub port: u16,
    /// Where it was read.
    pub origin: Origin,
}

/// A principal allowed to connect to an endpoint service.
#[derive(Clone, Debug, PartialEq)]
pub struct ServicePermission {
    /// The ARN or `*`.
    pub principal: String,
    /// `All`, `Service`, `OrganizationUnit`, `Account`, `User`, `Role`.
    pub principal_type: Option<String>,
    /// The service, when the output names it.
    pub service_id: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// A connection from an endpoint to a service this account provides.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointConnection {
    /// `vpce-svc-…`
    pub service_id: Option<String>,
    /// The connecting endpoint.
    pub endpoint_id: VpceId,
    /// Account of the endpoint.
    pub endpoint_owner: Option<String>,
    /// `pendingAcceptance`, `available`, `rejected`, …
    pub state: String,
    /// Where it was read.
    pub origin: Origin,
}
