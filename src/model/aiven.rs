//! Aiven services reached over AWS PrivateLink: the service, its PrivateLink resource (the
//! endpoint service Aiven runs for it) and the connections Aiven sees on it.

use super::{Origin, Protocol};

/// The port pool Aiven's PrivateLink load balancer gives Kafka brokers: a Kafka client reaches
/// each broker on its own port in this range, so the endpoint's security groups must admit all of
/// it ("Use AWS PrivateLink with Aiven services", <https://aiven.io/docs/platform/howto/use-aws-privatelinks>).
pub const KAFKA_PRIVATELINK_PORTS: (u16, u16) = (10000, 31000);

/// An Aiven service, from `avn service get NAME --json`, with what was read about its
/// PrivateLink from the outputs in the same folder.
#[derive(Clone, Debug, PartialEq)]
pub struct AivenService {
    /// `service_name` (`my-kafka`).
    pub name: String,
    /// `service_type` (`kafka`, `pg`, `cassandra`, …).
    pub service_type: String,
    /// `cloud_name` (`aws-eu-west-1`).
    pub cloud_name: String,
    /// `state` (`RUNNING`, `REBUILDING`, …).
    pub state: String,
    /// `user_config.privatelink_access`: per component, whether PrivateLink access is on;
    /// `None` when the user config has no `privatelink_access` at all.
    pub privatelink_access: Option<Vec<PrivatelinkAccess>>,
    /// `components`: how each component is reached on each route.
    pub components: Vec<AivenComponent>,
    /// The AWS PrivateLink resource, when its output was given.
    pub privatelink: Option<AivenPrivatelink>,
    /// PrivateLink connections Aiven sees, when their list was given.
    pub connections: Vec<AivenConnection>,
    /// Where the service object was read.
    pub origin: Origin,
}

/// One `privatelink_access.<component>` setting.
#[derive(Clone, Debug, PartialEq)]
pub struct PrivatelinkAccess {
    /// The component (`kafka`, `kafka_connect`, `pg`, …).
    pub component: String,
    /// Whether it is on (`null` reads as off).
    pub enabled: bool,
    /// Pointer of the value, relative to the service object.
    pub rel: String,
}

/// One element of a service's `components`.
#[derive(Clone, Debug, PartialEq)]
pub struct AivenComponent {
    /// `component` (`kafka`, `schema_registry`, `pg`, `pgbouncer`, …).
    pub component: String,
    /// `host`.
    pub host: Option<String>,
    /// `port`.
    pub port: Option<u16>,
    /// `route`: `dynamic`, `public`, `private` or `privatelink`.
    pub route: String,
    /// `usage`: `primary` or `replica`.
    pub usage: Option<String>,
    /// `privatelink_connection_id`, on `privatelink` routes.
    pub privatelink_connection_id: Option<String>,
    /// Pointer of the element, relative to the service object.
    pub rel: String,
}

/// Aiven's AWS PrivateLink resource for a service (`avn service privatelink aws get`).
#[derive(Clone, Debug, PartialEq)]
pub struct AivenPrivatelink {
    /// `aws_service_id` (`vpce-svc-…`); unset while `creating`.
    pub aws_service_id: Option<String>,
    /// `aws_service_name` (`com.amazonaws.vpce.eu-west-1.vpce-svc-…`); unset while `creating`.
    pub aws_service_name: Option<String>,
    /// `principals`: ARNs allowed to connect endpoints.
    pub principals: Vec<String>,
    /// `state`: `creating`, `active`, `deleting`.
    pub state: String,
    /// Where it was read.
    pub origin: Origin,
}

/// One Aiven PrivateLink connection (`avn service privatelink aws connection list`).
#[derive(Clone, Debug, PartialEq)]
pub struct AivenConnection {
    /// `privatelink_connection_id` (`plc…`).
    pub id: Option<String>,
    /// `vpc_endpoint_id`: the consumer's endpoint.
    pub vpc_endpoint_id: Option<String>,
    /// `dns_name`: the endpoint's DNS name.
    pub dns_name: Option<String>,
    /// `state` (`active` when traffic can flow).
    pub state: String,
    /// Where it was read.
    pub origin: Origin,
}

impl AivenService {
    /// The AWS region of the service's cloud (`aws-eu-west-1` → `eu-west-1`); `None` for other
    /// clouds.
    pub fn aws_region(&self) -> Option<&str> {
        self.cloud_name.strip_prefix("aws-")
    }

    /// The endpoint service name endpoints must use, once the PrivateLink resource has one.
    pub fn aws_service_name(&self) -> Option<&str> {
        self.privatelink
            .as_ref()
            .and_then(|p| p.aws_service_name.as_deref())
    }

    /// Whether `privatelink_access.<component>` is on.
    pub fn access_enabled(&self, component: &str) -> bool {
        self.privatelink_access
            .iter()
            .flatten()
            .any(|a| a.component == component && a.enabled)
    }

    /// The traffic an interface endpoint to this service must admit, as (protocol, first port,
    /// last port): for Kafka the whole broker port pool, otherwise the ports of the components
    /// Aiven publishes on the `privatelink` route. Sorted, without duplicates.
    pub fn required_ports(&self) -> Vec<(Protocol, u16, u16)> {
        if self.service_type == "kafka" {
            let (from, to) = KAFKA_PRIVATELINK_PORTS;
            return vec![(Protocol::Tcp, from, to)];
        }
        let mut out: Vec<(Protocol, u16, u16)> = self
            .components
            .iter()
            .filter(|c| c.route == "privatelink")
            .filter_map(|c| c.port)
            .map(|p| (Protocol::Tcp, p, p))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FileId;

    fn service(service_type: &str, components: &[(&str, &str, u16)]) -> AivenService {
        AivenService {
            name: "my-svc".into(),
            service_type: service_type.into(),
            cloud_name: "aws-eu-west-1".into(),
            state: "RUNNING".into(),
            privatelink_access: None,
            components: components
                .iter()
                .enumerate()
                .map(|(i, (component, route, port))| AivenComponent {
                    component: (*component).into(),
                    host: None,
                    port: Some(*port),
                    route: (*route).into(),
                    usage: Some("primary".into()),
                    privatelink_connection_id: None,
                    rel: format!("components/{i}"),
                })
                .collect(),
            privatelink: None,
            connections: Vec::new(),
            origin: Origin::new(FileId(0), ""),
        }
    }

    #[test]
    fn kafka_needs_the_broker_port_pool() {
        let s = service("kafka", &[("kafka", "privatelink", 13041)]);
        assert_eq!(s.required_ports(), vec![(Protocol::Tcp, 10000, 31000)]);
    }

    #[test]
    fn other_types_need_their_privatelink_component_ports() {
        let s = service(
            "pg",
            &[
                ("pg", "dynamic", 13039),
                ("pgbouncer", "privatelink", 13040),
                ("pg", "privatelink", 13039),
                ("pg", "privatelink", 13039),
            ],
        );
        assert_eq!(
            s.required_ports(),
            vec![(Protocol::Tcp, 13039, 13039), (Protocol::Tcp, 13040, 13040)]
        );
        assert!(service("pg", &[("pg", "dynamic", 13039)])
            .required_ports()
            .is_empty());
    }

    #[test]
    fn an_endpoint_service_name_finds_its_aiven_service() {
        let mut s = service("kafka", &[]);
        s.privatelink = Some(AivenPrivatelink {
            aws_service_id: Some("vpce-svc-0b16e88f3b706aaf1".into()),
            aws_service_name: Some(
                "com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf1".into(),
            ),
            principals: vec!["arn:aws:iam::012345678901:user/mwf".into()],
            state: "active".into(),
            origin: Origin::new(FileId(1), "/0"),
        });
        let mut estate = crate::model::Estate::default();
        estate.aiven_services.insert(s.name.clone(), s);
        estate.index();
        let found = estate
            .aiven_service_for("com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf1")
            .map(|s| (s.name.as_str(), s.required_ports()));
        assert_eq!(found, Some(("my-svc", vec![(Protocol::Tcp, 10000, 31000)])));
        assert!(estate
            .aiven_service_for("com.amazonaws.vpce.eu-west-1.vpce-svc-0000000000000000")
            .is_none());
    }

    #[test]
    fn region_comes_from_the_cloud_name() {
        let mut s = service("pg", &[]);
        assert_eq!(s.aws_region(), Some("eu-west-1"));
        s.cloud_name = "google-europe-west1".into();
        assert_eq!(s.aws_region(), None);
    }
}
