//! The `terraform show -json` plan document, as serde types: one streaming pass that keeps what
//! the Estate needs and skips the rest (`after`, `before` except its id, the managed resources of
//! `prior_state`, `sensitive_values`, constant values of the configuration).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::attrs::Attrs;

/// What the loader reads of a plan.
#[derive(Default, Debug)]
pub struct Plan {
    /// `format_version`; hand-written plans (checkov's fixtures) may lack it.
    pub format_version: Option<String>,
    /// `planned_values.root_module`, when `planned_values` is present.
    pub planned: Option<PlannedModule>,
    /// The data sources of `prior_state.values.root_module`: what Terraform read while planning
    /// (its managed resources are in `planned_values` already).
    pub prior: Option<PlannedModule>,
    /// `resource_changes`.
    pub changes: Vec<ResourceChange>,
    /// `configuration`.
    pub configuration: Option<Configuration>,
    /// Root module variables (`variables`): whether each value is empty (`null`, `[]`, `{}`,
    /// `""`).
    pub variables: BTreeMap<String, bool>,
    /// `errored`: Terraform could not finish planning.
    pub errored: bool,
    /// `complete: false`: some changes are deferred to a later plan.
    pub incomplete: bool,
    /// A top-level `values` (the JSON of a state, not a plan).
    pub state_values: bool,
    /// Keys of a `terraform plan -json` UI message (`@level`, `@message`).
    pub ui_message: bool,
}

/// Reads a plan document (from text already checked to be UTF-8, which spares the parser
/// checking each string again).
pub fn parse(text: &str) -> Result<Plan, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let plan = TopLevel.deserialize(&mut de)?;
    de.end()?;
    Ok(plan)
}

struct TopLevel;

impl<'de> DeserializeSeed<'de> for TopLevel {
    type Value = Plan;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Plan, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopLevel {
    type Value = Plan;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the JSON object printed by `terraform show -json plan.out`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Plan, A::Error> {
        let mut plan = Plan::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key.0.as_ref() {
                "format_version" => plan.format_version = map.next_value()?,
                "planned_values" => {
                    let v: PlannedValues = map.next_value()?;
                    plan.planned = Some(v.root_module.unwrap_or_default());
                }
                "prior_state" => {
                    let v: Option<PriorState> = map.next_value()?;
                    plan.prior = v
                        .and_then(|v| v.values)
                        .and_then(|v| v.root_module)
                        .map(PriorModule::into_planned);
                }
                "resource_changes" => {
                    plan.changes = map.next_value::<Option<Vec<_>>>()?.unwrap_or_default()
                }
                "configuration" => plan.configuration = map.next_value()?,
                "variables" => {
                    let vars: Option<BTreeMap<String, RootVariable>> = map.next_value()?;
                    plan.variables = vars
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(k, v)| (k, v.value.0))
                        .collect();
                }
                "errored" => plan.errored = map.next_value::<Option<bool>>()? == Some(true),
                "complete" => plan.incomplete = map.next_value::<Option<bool>>()? == Some(false),
                "values" => {
                    plan.state_values = true;
                    map.next_value::<IgnoredAny>()?;
                }
                "@level" | "@message" => {
                    plan.ui_message = true;
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(plan)
    }
}

/// An object key, borrowed from the input unless it holds an escape.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// The attributes whose unknown-tree the loader consults; the others are not kept.
const WATCHED: &[&str] = &[
    "subnet_ids",
    "route_table_ids",
    "security_group_ids",
    "policy",
    "ingress",
    "egress",
    "route",
    "security_groups",
    "vpc_peering_connection_id",
    "gateway_id",
    "nat_gateway_id",
    "transit_gateway_id",
    "network_interface_id",
    "instance_id",
    "egress_only_gateway_id",
    "local_gateway_id",
    "carrier_gateway_id",
    "core_network_arn",
    "vpc_endpoint_id",
    "endpoint_configuration",
    "vpc_endpoint_ids",
    // Name resolution: an endpoint's DNS names, a record's values, a rule's targets, an
    // options set's servers.
    "dns_entry",
    "records",
    "target_ip",
    "domain_name_servers",
];

#[derive(Deserialize, Default)]
struct PlannedValues {
    root_module: Option<PlannedModule>,
}

#[derive(Deserialize)]
struct RootVariable {
    #[serde(default)]
    value: Emptiness,
}

/// A module of `planned_values`.
#[derive(Deserialize, Default, Debug)]
pub struct PlannedModule {
    /// `module.net`, `module.sg["a"]`; absent for the root module.
    pub address: Option<String>,
    /// Its resources.
    #[serde(default)]
    pub resources: Vec<PlannedResource>,
    /// Its child modules.
    #[serde(default)]
    pub child_modules: Vec<PlannedModule>,
}

/// An instance key: `[0]` or `["a"]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InstanceKey {
    /// `count` index.
    Int(i64),
    /// `for_each` key.
    Str(String),
}

impl fmt::Display for InstanceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstanceKey::Int(i) => write!(f, "[{i}]"),
            InstanceKey::Str(s) => {
                f.write_str("[")?;
                fmt::Debug::fmt(s, f)?;
                f.write_str("]")
            }
        }
    }
}

impl<'de> Deserialize<'de> for InstanceKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = InstanceKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a count index or a for_each key")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<InstanceKey, E> {
                Ok(InstanceKey::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<InstanceKey, E> {
                i64::try_from(v)
                    .map(InstanceKey::Int)
                    .map_err(|_| E::custom("count index out of range"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<InstanceKey, E> {
                Ok(InstanceKey::Str(v.to_owned()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A resource instance of `planned_values`.
#[derive(Debug, Default)]
pub struct PlannedResource {
    /// Full address.
    pub address: String,
    /// `managed` or `data`.
    pub mode: String,
    /// Resource type.
    pub resource_type: String,
    /// `count` index or `for_each` key.
    pub index: Option<InstanceKey>,
    /// The planned attributes of the types vpclint reads.
    pub attrs: Attrs,
    /// Whether the object has no `values` member (every attribute known only after apply): its
    /// places are then the resource object's own.
    pub values_absent: bool,
    /// Its index in the file's `resources` list, when the list was filtered (`prior_state`'s,
    /// of which only the data sources are kept): the places of the others follow their index in
    /// the kept list, which is the file's.
    pub position: Option<usize>,
}

impl<'de> Deserialize<'de> for PlannedResource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ResourceVisitor { data_only: false })
    }
}

/// Reads a resource object; with `data_only`, the `values` of managed resources are skipped
/// (those of `prior_state`, which `planned_values` repeats).
struct ResourceVisitor {
    data_only: bool,
}

impl ResourceVisitor {
    fn wanted(&self, r: &PlannedResource) -> bool {
        !self.data_only || r.is_data()
    }
}

impl<'de> Visitor<'de> for ResourceVisitor {
    type Value = PlannedResource;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a planned resource object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PlannedResource, A::Error> {
        let mut r = PlannedResource::default();
        // `values` normally follows `mode` and `type` (Terraform writes them in that order, and
        // so does any tool that sorts keys); otherwise it is read generically first.
        let mut early: Option<serde_json::Value> = None;
        let mut seen_type = false;
        let mut seen_values = false;
        while let Some(key) = map.next_key::<Key>()? {
            seen_values |= key.0.as_ref() == "values";
            match key.0.as_ref() {
                "address" => r.address = map.next_value()?,
                "mode" => r.mode = map.next_value()?,
                "type" => {
                    r.resource_type = map.next_value()?;
                    seen_type = true;
                }
                "index" => r.index = map.next_value()?,
                "values" if seen_type && !self.wanted(&r) => {
                    map.next_value::<IgnoredAny>()?;
                }
                "values" if seen_type => {
                    r.attrs = map.next_value_seed(Attrs::seed(&r.resource_type, r.is_data()))?
                }
                "values" => early = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        // Terraform leaves `values` out when every attribute is known only after apply (an
        // `aws_vpc_endpoint_route_table_association` of resources it creates): the resource
        // still exists, with every value to follow through `configuration`.
        let absent = !seen_values && early.is_none();
        r.values_absent = absent;
        let early = early.or_else(|| absent.then(|| serde_json::Value::Object(Default::default())));
        if let Some(v) = early.filter(|_| self.wanted(&r)) {
            r.attrs = Attrs::seed(&r.resource_type, r.is_data())
                .deserialize(v)
                .map_err(de::Error::custom)?;
        }
        Ok(r)
    }
}

impl PlannedResource {
    /// Whether it is a data source (`mode: "data"`).
    pub fn is_data(&self) -> bool {
        self.mode == "data"
    }
}

/// `prior_state`.
#[derive(Deserialize)]
struct PriorState {
    values: Option<PriorValues>,
}

#[derive(Deserialize)]
struct PriorValues {
    root_module: Option<PriorModule>,
}

/// A module of `prior_state`, whose managed resources are read without their values.
#[derive(Deserialize)]
struct PriorModule {
    address: Option<String>,
    #[serde(default)]
    resources: Vec<PriorResource>,
    #[serde(default)]
    child_modules: Vec<PriorModule>,
}

impl PriorModule {
    /// The module with its data sources only.
    fn into_planned(self) -> PlannedModule {
        PlannedModule {
            address: self.address,
            resources: self
                .resources
                .into_iter()
                .enumerate()
                .map(|(i, r)| PlannedResource {
                    position: Some(i),
                    ..r.0
                })
                .filter(PlannedResource::is_data)
                .collect(),
            child_modules: self
                .child_modules
                .into_iter()
                .map(PriorModule::into_planned)
                .collect(),
        }
    }
}

struct PriorResource(PlannedResource);

impl<'de> Deserialize<'de> for PriorResource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ResourceVisitor { data_only: true })
            .map(PriorResource)
    }
}

/// An entry of `resource_changes`.
#[derive(Deserialize, Debug)]
pub struct ResourceChange {
    /// Full address.
    pub address: String,
    /// `managed` or `data`.
    #[serde(default)]
    pub mode: String,
    /// Resource type.
    #[serde(rename = "type", default)]
    pub resource_type: String,
    /// The change.
    pub change: Change,
}

/// `resource_changes[].change`.
#[derive(Deserialize, Debug)]
pub struct Change {
    /// `create`, `update`, `delete`, `no-op`, `read`, `forget`, in order.
    #[serde(default)]
    pub actions: Vec<String>,
    /// What exists today; only its id is kept.
    pub before: Option<Before>,
    /// Which attributes Terraform knows only after apply.
    #[serde(default)]
    pub after_unknown: Unknown,
}

/// `change.before`, of which only the id matters (a resource the plan destroys).
#[derive(Deserialize, Debug)]
pub struct Before {
    /// The id of the existing resource.
    pub id: Option<String>,
}

/// The shape of `after_unknown`, keeping only the paths that hold `true`.
#[derive(Debug, Default, Clone, PartialEq)]
pub enum Unknown {
    /// Nothing unknown here.
    #[default]
    Known,
    /// The whole value is unknown.
    All,
    /// Some of the watched members are (the others are known, or not consulted).
    Members(Vec<(&'static str, Unknown)>),
    /// Some elements are (by position).
    Elements(Vec<Unknown>),
}

impl Unknown {
    /// The member `name` of an object's unknown-tree.
    pub fn member(&self, name: &str) -> &Unknown {
        match self {
            Unknown::Members(m) => m
                .iter()
                .find(|(k, _)| *k == name)
                .map_or(&Unknown::Known, |(_, u)| u),
            Unknown::All => &Unknown::All,
            _ => &Unknown::Known,
        }
    }

    /// Element `i` of a list's unknown-tree.
    pub fn element(&self, i: usize) -> &Unknown {
        match self {
            Unknown::Elements(e) => e.get(i).unwrap_or(&Unknown::Known),
            Unknown::All => &Unknown::All,
            _ => &Unknown::Known,
        }
    }

    /// Whether the whole value is unknown.
    pub fn is_all(&self) -> bool {
        *self == Unknown::All
    }
}

impl<'de> Deserialize<'de> for Unknown {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Unknown;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an after_unknown value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Unknown, E> {
                Ok(if v { Unknown::All } else { Unknown::Known })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Unknown, E> {
                Ok(Unknown::Known)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unknown, A::Error> {
                let mut members = Vec::new();
                while let Some(k) = map.next_key::<Key>()? {
                    match WATCHED.iter().find(|w| **w == k.0) {
                        Some(name) => {
                            let u: Unknown = map.next_value()?;
                            if u != Unknown::Known {
                                members.push((*name, u));
                            }
                        }
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(if members.is_empty() {
                    Unknown::Known
                } else {
                    Unknown::Members(members)
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unknown, A::Error> {
                let mut elements = Vec::new();
                while let Some(u) = seq.next_element::<Unknown>()? {
                    elements.push(u);
                }
                Ok(if elements.iter().all(|u| *u == Unknown::Known) {
                    Unknown::Known
                } else {
                    Unknown::Elements(elements)
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// `configuration`.
#[derive(Deserialize, Debug, Default)]
pub struct Configuration {
    /// Providers by configuration key (`aws`, `aws.east`).
    #[serde(default)]
    pub provider_config: BTreeMap<String, ProviderConfig>,
    /// The root module.
    #[serde(default)]
    pub root_module: ConfigModule,
}

/// `configuration.provider_config.KEY`.
#[derive(Deserialize, Debug, Default)]
pub struct ProviderConfig {
    /// Its arguments; only `region` is read.
    #[serde(default)]
    pub expressions: BTreeMap<String, Expr>,
}

/// A module of the configuration.
#[derive(Deserialize, Debug, Default)]
pub struct ConfigModule {
    /// Its resource blocks.
    #[serde(default)]
    pub resources: Vec<ConfigResource>,
    /// Its module calls, by name.
    #[serde(default)]
    pub module_calls: BTreeMap<String, ModuleCall>,
    /// Its outputs, by name.
    #[serde(default)]
    pub outputs: BTreeMap<String, Output>,
    /// Its variables: whether each default is empty.
    #[serde(default)]
    pub variables: BTreeMap<String, Variable>,
}

/// `module_calls.NAME`.
#[derive(Deserialize, Debug, Default)]
pub struct ModuleCall {
    /// Arguments passed to the module's variables.
    #[serde(default)]
    pub expressions: BTreeMap<String, Expr>,
    /// `for_each`.
    pub for_each_expression: Option<Expr>,
    /// The called module.
    #[serde(default)]
    pub module: ConfigModule,
}

/// `outputs.NAME`.
#[derive(Deserialize, Debug, Default)]
pub struct Output {
    /// Its value.
    pub expression: Option<Expr>,
}

/// `variables.NAME` of a module.
#[derive(Deserialize, Debug, Default)]
pub struct Variable {
    /// Whether the default is empty or absent.
    #[serde(default)]
    pub default: Emptiness,
}

/// A resource block of the configuration.
#[derive(Deserialize, Debug, Default)]
pub struct ConfigResource {
    /// Address inside its module (`aws_subnet.private`).
    pub address: String,
    /// `managed` or `data`.
    #[serde(default)]
    pub mode: String,
    /// `aws`, `aws.east`, `net:aws`.
    pub provider_config_key: Option<String>,
    /// Arguments and blocks.
    #[serde(default)]
    pub expressions: BTreeMap<String, Expr>,
    /// `for_each`.
    pub for_each_expression: Option<Expr>,
}

/// An expression of the configuration: what it references (values known at plan time are in
/// `planned_values` already), or nested blocks.
#[derive(Debug, Default, Clone)]
pub enum Expr {
    /// `{"references": [...]}`.
    Refs(Vec<String>),
    /// `{"constant_value": ...}`: a string constant (the provider's `region`), and whether the
    /// value is empty (`null`, `[]`, `{}`, `""`).
    Constant(Option<String>, bool),
    /// A nested block: its arguments.
    Block(BTreeMap<String, Expr>),
    /// Several nested blocks.
    Blocks(Vec<Expr>),
    /// Anything else (`{}` for an expression without references, such as `jsonencode({...})`).
    #[default]
    Other,
}

impl Expr {
    /// Every reference in the expression and its nested blocks.
    pub fn references(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Refs(r) => out.extend(r.iter().map(String::as_str)),
            Expr::Block(m) => m.values().for_each(|e| e.collect(out)),
            Expr::Blocks(v) => v.iter().for_each(|e| e.collect(out)),
            Expr::Constant(..) | Expr::Other => {}
        }
    }
}

impl<'de> Deserialize<'de> for Expr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Expr;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a configuration expression")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Expr, A::Error> {
                let mut block = BTreeMap::new();
                let mut out = None;
                while let Some(k) = map.next_key::<Key>()? {
                    match k.0.as_ref() {
                        "references" => out = Some(Expr::Refs(map.next_value()?)),
                        "constant_value" => {
                            let c = map.next_value::<StringConst>()?;
                            out = Some(Expr::Constant(c.0, c.1))
                        }
                        _ => {
                            block.insert(k.0.into_owned(), map.next_value::<Expr>()?);
                        }
                    }
                }
                Ok(match out {
                    Some(e) => e,
                    None if block.is_empty() => Expr::Other,
                    None => Expr::Block(block),
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Expr, A::Error> {
                let mut v = Vec::new();
                while let Some(e) = seq.next_element::<Expr>()? {
                    v.push(e);
                }
                Ok(Expr::Blocks(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Expr, E> {
                Ok(Expr::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// A constant: the string when it is one, and whether it is empty.
struct StringConst(Option<String>, bool);

impl<'de> Deserialize<'de> for StringConst {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StringConst;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a constant value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StringConst, E> {
                Ok(StringConst(Some(v.to_owned()), v.is_empty()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<StringConst, E> {
                Ok(StringConst(None, false))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<StringConst, E> {
                Ok(StringConst(None, false))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<StringConst, E> {
                Ok(StringConst(None, false))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<StringConst, E> {
                Ok(StringConst(None, false))
            }
            fn visit_unit<E: de::Error>(self) -> Result<StringConst, E> {
                Ok(StringConst(None, true))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StringConst, A::Error> {
                let mut empty = true;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
                    empty = false;
                }
                Ok(StringConst(None, empty))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StringConst, A::Error> {
                let mut empty = true;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    empty = false;
                }
                Ok(StringConst(None, empty))
            }
        }
        d.deserialize_any(V)
    }
}

/// Whether a value is empty (`null`, `[]`, `{}`, `""`), which is all the loader needs to know of
/// a variable's value: an empty one adds nothing to the expressions that use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emptiness(pub bool);

impl Default for Emptiness {
    fn default() -> Self {
        Emptiness(true)
    }
}

impl<'de> Deserialize<'de> for Emptiness {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Emptiness;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Emptiness, E> {
                Ok(Emptiness(v.is_empty()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Emptiness, E> {
                Ok(Emptiness(false))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Emptiness, E> {
                Ok(Emptiness(false))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Emptiness, E> {
                Ok(Emptiness(false))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Emptiness, E> {
                Ok(Emptiness(false))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Emptiness, E> {
                Ok(Emptiness(true))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Emptiness, A::Error> {
                let mut empty = true;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
                    empty = false;
                }
                Ok(Emptiness(empty))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Emptiness, A::Error> {
                let mut empty = true;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    empty = false;
                }
                Ok(Emptiness(empty))
            }
        }
        d.deserialize_any(V)
    }
}
