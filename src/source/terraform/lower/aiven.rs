//! The Aiven provider's types: services (`aiven_kafka`, `aiven_pg`, …, resources and data
//! sources) and `aiven_aws_privatelink`, tied to their service by name once every resource is
//! lowered.

use super::{nonempty, Lowering};
use crate::model::{self, AivenComponent, AivenPrivatelink, AivenService, PrivatelinkAccess};
use crate::source::terraform::attrs;
use crate::source::terraform::naming;
use crate::source::terraform::resolve::Instance;

impl Lowering<'_> {
    /// Gives each Aiven PrivateLink to the service of its name; a service the plan does not hold
    /// is added with what the link says of it (its type stays unknown: empty).
    pub(super) fn attach_links(&mut self) {
        for (name, link) in std::mem::take(&mut self.links) {
            match self
                .partial
                .aiven_services
                .iter_mut()
                .find(|s| s.name == name)
            {
                Some(s) => s.privatelink = Some(link),
                None => self.partial.aiven_services.push(AivenService {
                    name,
                    service_type: String::new(),
                    cloud_name: String::new(),
                    state: String::new(),
                    privatelink_access: None,
                    components: Vec::new(),
                    origin: link.origin.clone(),
                    privatelink: Some(link),
                    connections: Vec::new(),
                }),
            }
        }
    }

    /// An Aiven service: its type from the resource type, its cloud, state, components and the
    /// `privatelink_access` of its user config.
    pub(super) fn aiven_service(&mut self, inst: &Instance<'_>, a: &attrs::AivenService) {
        let mut m = self.members(inst);
        let name = match nonempty(&a.service_name) {
            Some(n) => n.to_owned(),
            None => {
                m.unknown.push("service_name".into());
                model::unknown(&inst.res.address, "service_name")
            }
        };
        let config_attr = format!("{}_user_config", a.service_type);
        let block = a.user_config.iter().flatten().next();
        let access = block.and_then(|b| b.privatelink_access.as_ref()).map(|l| {
            l.iter()
                .take(1)
                .flat_map(|settings| settings.iter())
                .map(|(component, v)| PrivatelinkAccess {
                    component: component.clone(),
                    enabled: v.as_bool() == Some(true) || v.as_str() == Some("true"),
                    rel: format!("{config_attr}/0/privatelink_access/0/{component}"),
                })
                .collect::<Vec<_>>()
        });
        // A user config known only after apply is not one without `privatelink_access`.
        if block.is_none() && inst.expression(&config_attr).is_some() {
            m.unknown.push("privatelink_access".into());
        }
        let components = a
            .components
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, c)| AivenComponent {
                component: c.component.clone().unwrap_or_default(),
                host: nonempty(&c.host).map(str::to_owned),
                port: c.port.and_then(|p| u16::try_from(p).ok()),
                route: c.route.clone().unwrap_or_default(),
                usage: nonempty(&c.usage).map(str::to_owned),
                privatelink_connection_id: None,
                rel: format!("components/{i}"),
            })
            .collect();
        let origin = self.origin(inst, naming::AIVEN, m);
        self.partial.aiven_services.push(AivenService {
            name,
            service_type: a.service_type.to_owned(),
            cloud_name: a.cloud_name.clone().unwrap_or_default(),
            state: a.state.clone().unwrap_or_default(),
            privatelink_access: access,
            components,
            privatelink: None,
            connections: Vec::new(),
            origin,
        });
    }

    /// `aiven_aws_privatelink`: the PrivateLink of the service the plan holds under that name,
    /// else of a service whose type the plan does not say (an empty `service_type`).
    pub(super) fn aiven_privatelink(&mut self, inst: &Instance<'_>, a: &attrs::AivenPrivatelink) {
        let mut m = self.members(inst);
        // A link the plan creates gets its endpoint service name from Aiven at apply; until
        // then it is known by the marker that the endpoints naming
        // `aiven_aws_privatelink.x.aws_service_name` resolve to, so they find their service.
        let aws_service_name = match nonempty(&a.aws_service_name) {
            Some(n) => n.to_owned(),
            None => {
                m.unknown.push("aws_service_name".into());
                model::unknown(&inst.res.address, "aws_service_name")
            }
        };
        let origin = self.origin(inst, naming::AIVEN, m);
        let link = AivenPrivatelink {
            aws_service_id: nonempty(&a.aws_service_id).map(str::to_owned),
            aws_service_name: Some(aws_service_name),
            principals: a.principals.clone().unwrap_or_default(),
            state: a.state.clone().unwrap_or_default(),
            origin,
        };
        let Some(name) = nonempty(&a.service_name) else {
            return;
        };
        self.links.push((name.to_owned(), link));
    }
}
