//! Remedies: what a fix changes, as data. A rule says which resource to change and how; the
//! report renders each action once, as an AWS CLI command, or as a change to the Terraform
//! configuration when the resource came from a plan (its [`ResourceRef::address`]).

use ipnet::IpNet;

mod dns;
mod transit;

pub use dns::DnsChange;
pub use transit::TransitChange;

use super::resource::ResourceRef;
use crate::model::Protocol;
use crate::net::{AddrSet, PortSet};

/// A fix: prose and actions, in reading order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Remedy {
    /// The pieces, rendered one after the other.
    pub pieces: Vec<Piece>,
}

/// One piece of a remedy.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Words that read the same whatever the resource came from.
    Say(String),
    /// A change, rendered in the terms of the resource's source.
    Do(Box<Action>),
}

impl Remedy {
    /// A remedy of words alone.
    pub fn say(text: impl Into<String>) -> Self {
        Self::default().then_say(text)
    }

    /// A remedy that starts with `action`.
    pub fn act(action: Action) -> Self {
        Self::default().then(action)
    }

    /// Appends words.
    pub fn then_say(mut self, text: impl Into<String>) -> Self {
        let text = text.into();
        if !text.is_empty() {
            self.pieces.push(Piece::Say(text));
        }
        self
    }

    /// Appends an action.
    pub fn then(mut self, action: Action) -> Self {
        self.pieces.push(Piece::Do(Box::new(action)));
        self
    }

    /// Appends the actions with `sep` between them.
    pub fn then_all(mut self, actions: impl IntoIterator<Item = Action>, sep: &str) -> Self {
        for (i, a) in actions.into_iter().enumerate() {
            if i > 0 {
                self = self.then_say(sep);
            }
            self = self.then(a);
        }
        self
    }

    /// Whether the remedy says nothing.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }
}

/// A change to one resource (or a look at it), in the vocabulary of the AWS APIs.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Turn an interface endpoint's private DNS on or off.
    EndpointPrivateDns {
        /// The endpoint.
        endpoint: ResourceRef,
        /// On or off.
        on: bool,
    },
    /// Add subnets to an interface endpoint; none known gives a placeholder.
    EndpointSubnets {
        /// The endpoint.
        endpoint: ResourceRef,
        /// The subnets to add.
        add: Vec<ResourceRef>,
    },
    /// Take subnets out of an interface endpoint.
    EndpointRemoveSubnets {
        /// The endpoint.
        endpoint: ResourceRef,
        /// The subnets to take out.
        remove: Vec<ResourceRef>,
    },
    /// Add route tables to a gateway endpoint, so that the subnets they serve take it.
    GatewayRouteTables {
        /// The gateway endpoint.
        endpoint: ResourceRef,
        /// The route tables to add.
        add: Vec<ResourceRef>,
    },
    /// Create a gateway endpoint to a service, on route tables of a VPC.
    CreateGatewayEndpoint {
        /// The VPC.
        vpc: ResourceRef,
        /// The service name (`com.amazonaws.eu-west-1.s3`).
        service: String,
        /// The route tables it serves.
        tables: Vec<ResourceRef>,
    },
    /// Change an endpoint's IP address type, its DNS record IP type, or both.
    EndpointIpAddressType {
        /// The endpoint.
        endpoint: ResourceRef,
        /// The IP address type to set (`ipv4`, `dualstack`, `ipv6`).
        ip_address_type: Option<String>,
        /// The DNS record IP type to set.
        dns_record_ip_type: Option<String>,
    },
    /// Turn an S3 interface endpoint's private DNS for inbound Resolver endpoints only on or off.
    EndpointInboundOnlyDns {
        /// The endpoint.
        endpoint: ResourceRef,
        /// On or off.
        on: bool,
    },
    /// Add a statement to an endpoint's policy.
    PolicyStatement {
        /// The endpoint.
        endpoint: ResourceRef,
        /// The statement, as JSON.
        statement: String,
    },
    /// Replace an endpoint's policy with a corrected document.
    EndpointPolicy {
        /// The endpoint.
        endpoint: ResourceRef,
    },
    /// Delete an endpoint.
    DeleteEndpoint {
        /// The endpoint.
        endpoint: ResourceRef,
    },
    /// Look at an endpoint's state.
    DescribeEndpoint {
        /// The endpoint.
        endpoint: ResourceRef,
    },
    /// Create an interface endpoint to a service, in a region.
    CreateEndpoint {
        /// The region the endpoint must be in.
        region: String,
        /// The service name.
        service: String,
    },
    /// Replace endpoints that use the wrong service with one that uses `service`.
    ReplaceEndpoints {
        /// The endpoints to replace.
        wrong: Vec<ResourceRef>,
        /// The region of the service.
        region: String,
        /// The right service name.
        service: String,
    },
    /// Change how a VPC resolves names.
    Dns(DnsChange),
    /// Change a transit gateway's attachments, associations, propagations or routes.
    Transit(TransitChange),
    /// Turn DNS attributes of a VPC on.
    VpcDns {
        /// The VPC.
        vpc: ResourceRef,
        /// Turn `enableDnsSupport` on.
        support: bool,
        /// Turn `enableDnsHostnames` on.
        hostnames: bool,
    },
    /// Add a security group rule.
    Authorize(Authorize),
    /// Narrow security group rules that admit every address to the clients: revoke them, then
    /// admit the clients' blocks (in a plan, edit the rule's blocks in place).
    Narrow {
        /// The rules to revoke.
        revokes: Vec<Revoke>,
        /// The rule that admits the clients instead, when their blocks are known.
        instead: Option<Authorize>,
    },
    /// Add a NACL entry that allows traffic.
    NaclEntry(NaclEntry),
    /// Move a NACL deny entry to a free number and allow traffic in its place.
    NaclMove(NaclMove),
    /// Add (or replace) a route.
    Route(Route),
    /// Accept a peering connection.
    AcceptPeering {
        /// The peering.
        peering: ResourceRef,
    },
    /// Create a peering between two VPCs.
    CreatePeering {
        /// The requester VPC.
        vpc: String,
        /// The accepter VPC.
        peer: String,
    },
    /// Give one of two peered VPCs other address blocks.
    Readdress {
        /// The peering between them.
        peering: ResourceRef,
    },
    /// Take a secondary CIDR block off a VPC.
    DisassociateCidr {
        /// The VPC.
        vpc: ResourceRef,
        /// The association id of the block.
        association: String,
    },
    /// Change the principals allowed to connect to an endpoint service.
    ServicePrincipals {
        /// The service, or for a planned permission, the permission resource.
        service: ResourceRef,
        /// Principals to take away.
        remove: Vec<String>,
        /// Principals to allow.
        add: Vec<String>,
    },
    /// Make connections to an endpoint service need acceptance.
    ServiceAcceptance {
        /// The service.
        service: ResourceRef,
    },
    /// Accept or reject a pending endpoint connection, in the service owner's account.
    Connection {
        /// The service id.
        service: String,
        /// The endpoint id.
        endpoint: String,
        /// Accept (true) or reject.
        accept: bool,
    },
    /// Replace a REST API's resource policy and deploy the API again.
    ApiPolicy {
        /// The REST API.
        api: ResourceRef,
    },
    /// Turn on Aiven's PrivateLink access for components of a service.
    AivenAccess {
        /// The Aiven service (Terraform address for a planned one).
        service: ResourceRef,
        /// Its type (`kafka`), which names its user configuration block.
        service_type: String,
        /// Components (`kafka`, `kafka_connect`, …).
        components: Vec<String>,
    },
    /// Look at an Aiven service's PrivateLink.
    AivenPrivatelinkGet {
        /// The Aiven service name.
        service: String,
    },
    /// Let Aiven discover endpoints to its PrivateLink again.
    AivenPrivatelinkRefresh {
        /// The Aiven service name.
        service: String,
    },
    /// Replace the principals of an Aiven PrivateLink.
    AivenPrincipals {
        /// The Aiven PrivateLink (the service; Terraform address for a planned one).
        privatelink: ResourceRef,
        /// The principals to keep.
        principals: Vec<String>,
    },
    /// Remove an Aiven PrivateLink.
    AivenPrivatelinkDelete {
        /// The PrivateLink (named by its service; placed where the link was read).
        privatelink: ResourceRef,
    },
    /// Peer with an Aiven project VPC.
    AivenPeering,
    /// Give vpclint an Aiven service's details.
    AivenServiceGet {
        /// The Aiven service name.
        service: String,
    },
}

/// A security group rule to add.
#[derive(Clone, Debug, PartialEq)]
pub struct Authorize {
    /// The group; `None` when the resource has no group listed (a placeholder is shown).
    pub group: Option<ResourceRef>,
    /// Outbound rather than inbound.
    pub egress: bool,
    /// The protocol.
    pub protocol: Protocol,
    /// The ports, one rule per range.
    pub ports: PortSet,
    /// Who to admit.
    pub peers: Peers,
    /// The planned group's rules are separate `aws_vpc_security_group_*_rule` resources
    /// (Terraform does not mix them with inline blocks).
    pub rule_resources: bool,
}

/// The peers of a security group rule.
#[derive(Clone, Debug, PartialEq)]
pub enum Peers {
    /// Address blocks.
    Blocks(AddrSet),
    /// A security group; `None` when unknown (a placeholder is shown).
    Group(Option<ResourceRef>),
}

/// A security group rule to remove.
#[derive(Clone, Debug, PartialEq)]
pub struct Revoke {
    /// The group.
    pub group: ResourceRef,
    /// The rule's id, when the input has one.
    pub rule_id: Option<String>,
    /// The protocol.
    pub protocol: Protocol,
    /// The ports, when the rule has a range.
    pub ports: Option<(i32, i32)>,
    /// The block the rule admits.
    pub block: IpNet,
}

/// What a NACL entry matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryMatch {
    /// The protocol.
    pub protocol: Protocol,
    /// The ports (TCP and UDP).
    pub ports: Option<(u16, u16)>,
    /// The block.
    pub block: IpNet,
}

/// A NACL entry that allows traffic, at a free number.
#[derive(Clone, Debug, PartialEq)]
pub struct NaclEntry {
    /// The NACL.
    pub acl: ResourceRef,
    /// Outbound rather than inbound.
    pub egress: bool,
    /// The rule number.
    pub number: i32,
    /// What it matches.
    pub matches: EntryMatch,
    /// The planned NACL's entries are separate `aws_network_acl_rule` resources.
    pub rule_resources: bool,
}

/// A deny entry to move to a free number, with the allows that take its place.
#[derive(Clone, Debug, PartialEq)]
pub struct NaclMove {
    /// The NACL.
    pub acl: ResourceRef,
    /// Outbound rather than inbound.
    pub egress: bool,
    /// The deny's number.
    pub from: i32,
    /// The free number it moves to.
    pub to: i32,
    /// What the deny matches.
    pub deny: EntryMatch,
    /// The deny's own resource (an `aws_network_acl_rule`), when it is one.
    pub deny_rule: Option<ResourceRef>,
    /// The allows: the first takes the deny's number.
    pub allows: Vec<(i32, EntryMatch)>,
    /// The planned NACL's entries are separate `aws_network_acl_rule` resources.
    pub rule_resources: bool,
}

/// A route to create or replace.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// The route table.
    pub table: ResourceRef,
    /// Replace an existing route rather than create one.
    pub replace: bool,
    /// The destination.
    pub destination: IpNet,
    /// The peering or transit gateway to route through; `None` when unknown (a placeholder is
    /// shown).
    pub via: Option<RouteVia>,
}

/// What a route sends traffic through.
#[derive(Clone, Debug, PartialEq)]
pub enum RouteVia {
    /// A peering connection, `pcx-…`.
    Peering(String),
    /// A transit gateway, `tgw-…`.
    TransitGateway(String),
}
