//! The planned instances of a plan, indexed, and the resolution of values known only after
//! apply through the `configuration` section's references: `subnet_ids = [aws_subnet.a.id]`
//! means the subnet planned at `aws_subnet.a` of the same module instance; `var.x` follows the
//! module call's argument into the parent module; `module.net.subnet_ids` follows the output
//! into the called module; `each.value` the `for_each` expression; `data.aws_subnet.a[each.key].id`
//! the id Terraform read for that data source while planning (`prior_state`);
//! `aiven_aws_privatelink.x.aws_service_name` the name Aiven gave, or the link's marker when the
//! plan creates it. What cannot be followed (locals, data sources read only at apply, functions
//! over literals) leaves the result incomplete: callers report it as unknown, never guess.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use super::address::{config_path, module_prefix, most_specific, parse_address, ModulePath};
use super::address::{ParsedRef, Reference};
use super::attrs::Attrs;
use super::plan::{ConfigModule, ConfigResource, Expr, InstanceKey, Plan, PlannedModule};
use super::plan::{PlannedResource, ResourceChange, Unknown};

/// Depth at which following references stops (a cycle, or a configuration too deep to matter).
const MAX_DEPTH: usize = 24;

/// A planned resource instance with what the plan says about it elsewhere.
pub struct Instance<'a> {
    /// The planned resource.
    pub res: &'a PlannedResource,
    /// Pointer of its `values` in the file (the resource object's pointer plus `/values`; the
    /// object's own when it has no `values`).
    pub values_pointer: String,
    /// The module instance it lives in.
    pub module: Rc<ModulePath>,
    /// The module instance's address prefix (`module.net["a"]`, empty for the root).
    pub prefix: Rc<str>,
    /// Its change, when the plan lists one.
    pub change: Option<&'a ResourceChange>,
    /// Its configuration block and the block's pointer.
    pub config: Option<(&'a ConfigResource, Rc<str>)>,
    /// Its id: the planned one of an existing resource, else its address.
    pub id: String,
}

impl Instance<'_> {
    /// Pointer of the resource object (whose `address` member names it).
    pub fn pointer(&self) -> &str {
        self.values_pointer
            .strip_suffix("/values")
            .unwrap_or(&self.values_pointer)
    }

    /// The unknown-tree of its planned values.
    pub fn unknown(&self) -> &Unknown {
        self.change
            .map_or(&Unknown::Known, |c| &c.change.after_unknown)
    }

    /// The configuration expression of an argument and its pointer.
    pub fn expression(&self, attr: &str) -> Option<(&Expr, String)> {
        let (cfg, pointer) = self.config.as_ref()?;
        let e = cfg.expressions.get(attr)?;
        Some((e, format!("{pointer}/expressions/{}", escape(attr))))
    }

    /// Whether the plan creates it (as opposed to updating or keeping an existing resource, or
    /// reading a data source).
    pub fn created(&self) -> bool {
        !self.res.is_data()
            && self
                .change
                .is_none_or(|c| c.change.actions.iter().any(|a| a == "create"))
    }
}

/// RFC 6901 escaping of one segment.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// What a reference resolved to.
#[derive(Debug, Default, PartialEq)]
pub struct Resolved {
    /// Ids, in order, without repeats.
    pub ids: Vec<String>,
    /// False when part of the expression could not be followed.
    pub complete: bool,
}

impl Resolved {
    fn incomplete() -> Self {
        Resolved {
            ids: Vec::new(),
            complete: false,
        }
    }

    fn merge(&mut self, other: Resolved) {
        for id in other.ids {
            if !self.ids.contains(&id) {
                self.ids.push(id);
            }
        }
        self.complete &= other.complete;
    }

    /// The single id of a complete resolution.
    pub fn single(&self) -> Option<&str> {
        match self.ids.as_slice() {
            [one] if self.complete => Some(one.as_str()),
            _ => None,
        }
    }
}

/// Where references are evaluated: a module instance, and the key and `for_each` of the block
/// that holds the expression.
#[derive(Clone, Copy)]
struct Scope<'s> {
    prefix: &'s str,
    module: &'s [(String, Option<InstanceKey>)],
    key: Option<&'s InstanceKey>,
    for_each: Option<&'s Expr>,
}

/// Every planned instance, indexed for resolution.
pub struct Index<'a> {
    /// The instances, in `planned_values` order.
    pub instances: Vec<Instance<'a>>,
    /// Instances by module prefix, then resource, in order.
    by_resource: HashMap<String, HashMap<String, Vec<usize>>>,
    /// Module instances (path and prefix) by parent prefix, then call name.
    module_instances: HashMap<String, HashMap<String, Vec<(ModulePath, String)>>>,
    /// The parsed references of each expression, by the expression's address: configuration
    /// blocks are shared by every instance of a module, so each is parsed once.
    parsed: RefCell<HashMap<usize, Rc<Vec<ParsedRef>>>>,
    /// Configuration modules by path (`net.inner`).
    config_modules: HashMap<String, &'a ConfigModule>,
    /// Root variables: whether each value is empty.
    root_variables: &'a BTreeMap<String, bool>,
}

impl<'a> Index<'a> {
    /// Indexes a plan.
    pub fn new(plan: &'a Plan) -> Self {
        let changes: HashMap<&str, &ResourceChange> = plan
            .changes
            .iter()
            .map(|c| (c.address.as_str(), c))
            .collect();
        let mut config_modules = HashMap::new();
        let mut config_resources = HashMap::new();
        if let Some(cfg) = &plan.configuration {
            walk_config(
                &cfg.root_module,
                String::new(),
                "/configuration/root_module".to_owned(),
                &mut config_modules,
                &mut config_resources,
            );
        }
        let mut index = Index {
            instances: Vec::new(),
            by_resource: HashMap::new(),
            module_instances: HashMap::new(),
            parsed: RefCell::new(HashMap::new()),
            config_modules,
            root_variables: &plan.variables,
        };
        let mut seen_modules = HashSet::new();
        let mut seen = HashSet::new();
        for (root, pointer) in [
            (&plan.planned, "/planned_values/root_module"),
            (&plan.prior, "/prior_state/values/root_module"),
        ] {
            if let Some(root) = root {
                index.walk_planned(
                    root,
                    pointer,
                    &changes,
                    &config_resources,
                    &mut seen_modules,
                    &mut seen,
                );
            }
        }
        index
    }

    /// Indexes the instances of one planned module instance (whose address is `prefix`, and
    /// configuration `config`), then its children. A data source that Terraform reads only at
    /// apply (`read` in its change) is left out, so references to it stay unknown; one that
    /// `planned_values` and `prior_state` both hold is indexed once (`seen` holds addresses).
    fn walk_planned(
        &mut self,
        module: &'a PlannedModule,
        pointer: &str,
        changes: &HashMap<&str, &'a ResourceChange>,
        config: &HashMap<String, HashMap<String, (&'a ConfigResource, Rc<str>)>>,
        seen_modules: &mut HashSet<String>,
        seen: &mut HashSet<&'a str>,
    ) {
        let path: Rc<ModulePath> = Rc::new(
            module
                .address
                .as_deref()
                .and_then(module_path)
                .unwrap_or_default(),
        );
        let prefix: Rc<str> = Rc::from(module_prefix(&path));
        let blocks = config.get(&config_path(&path));
        let by_resource = self.by_resource.entry(prefix.to_string()).or_default();
        for (i, res) in module.resources.iter().enumerate() {
            let change = changes.get(res.address.as_str()).copied();
            let read_at_apply = res.is_data()
                && change.is_some_and(|c| c.change.actions.iter().any(|a| a == "read"));
            let known = matches!(res.mode.as_str(), "managed" | "data" | "");
            if !known || read_at_apply || !seen.insert(res.address.as_str()) {
                continue;
            }
            // `module.x["k"].aws_subnet.a[0]`: the resource is what follows the module's address
            // and precedes the instance key.
            let local = match res.address.get(prefix.len()..) {
                Some(rest) if prefix.is_empty() => rest,
                Some(rest) => rest.strip_prefix('.').unwrap_or(rest),
                None => continue,
            };
            let resource = match (&res.index, local.find('[')) {
                (Some(_), Some(b)) => local.get(..b).unwrap_or(local),
                _ => local,
            };
            let n = self.instances.len();
            match by_resource.get_mut(resource) {
                Some(list) => list.push(n),
                None => {
                    by_resource.insert(resource.to_owned(), vec![n]);
                }
            }
            let i = res.position.unwrap_or(i);
            self.instances.push(Instance {
                res,
                values_pointer: if res.values_absent {
                    format!("{pointer}/resources/{i}")
                } else {
                    format!("{pointer}/resources/{i}/values")
                },
                module: path.clone(),
                prefix: prefix.clone(),
                change,
                config: blocks.and_then(|b| b.get(resource)).cloned(),
                id: res.attrs.id().unwrap_or(&res.address).to_owned(),
            });
        }
        for (i, child) in module.child_modules.iter().enumerate() {
            if let Some(child_path) = child.address.as_deref().and_then(module_path) {
                let child_prefix = module_prefix(&child_path);
                if seen_modules.insert(child_prefix.clone()) {
                    if let Some((call, _)) = child_path.last() {
                        self.module_instances
                            .entry(prefix.to_string())
                            .or_default()
                            .entry(call.clone())
                            .or_default()
                            .push((child_path.clone(), child_prefix));
                    }
                }
            }
            self.walk_planned(
                child,
                &format!("{pointer}/child_modules/{i}"),
                changes,
                config,
                seen_modules,
                seen,
            );
        }
    }

    /// The parsed, most specific references of an expression (cached).
    fn parsed(&self, expr: &Expr) -> Rc<Vec<ParsedRef>> {
        let key = std::ptr::from_ref(expr) as usize;
        if let Some(p) = self.parsed.borrow().get(&key) {
            return p.clone();
        }
        let p = Rc::new(most_specific(expr.references()));
        self.parsed.borrow_mut().insert(key, p.clone());
        p
    }

    /// Resolves an argument of an instance through its configuration expression.
    pub fn argument(&self, inst: &Instance<'_>, attr: &str) -> Option<Resolved> {
        let expr = inst.config.as_ref()?.0.expressions.get(attr)?;
        Some(self.eval(self.scope_of(inst), &self.parsed(expr), None, 0))
    }

    /// Resolves some references of an argument (in the instance's scope).
    pub fn argument_refs(&self, inst: &Instance<'_>, refs: &[&str]) -> Resolved {
        let parsed = most_specific(refs.iter().copied());
        self.eval(self.scope_of(inst), &parsed, None, 0)
    }

    fn scope_of<'s>(&'s self, inst: &'s Instance<'_>) -> Scope<'s> {
        Scope {
            prefix: &inst.prefix,
            module: &inst.module,
            key: inst.res.index.as_ref(),
            for_each: inst
                .config
                .as_ref()
                .and_then(|(c, _)| c.for_each_expression.as_ref()),
        }
    }

    fn eval(
        &self,
        scope: Scope<'_>,
        parsed: &[ParsedRef],
        select: Option<&InstanceKey>,
        depth: usize,
    ) -> Resolved {
        if depth > MAX_DEPTH {
            return Resolved::incomplete();
        }
        let selected = parsed.iter().any(|r| r.target == Reference::Selector);
        let select = select.or(if selected { scope.key } else { None });
        let mut out = Resolved {
            ids: Vec::new(),
            complete: true,
        };
        for r in parsed {
            out.merge(self.eval_one(scope, r, select, depth));
        }
        out
    }

    fn eval_one(
        &self,
        scope: Scope<'_>,
        r: &ParsedRef,
        select: Option<&InstanceKey>,
        depth: usize,
    ) -> Resolved {
        match &r.target {
            Reference::Resource {
                resource,
                key,
                attr,
            } => {
                let Some(list) = self
                    .by_resource
                    .get(scope.prefix)
                    .and_then(|m| m.get(resource))
                else {
                    return Resolved::incomplete();
                };
                let wanted = key.as_ref().or(select);
                let chosen: Vec<&Instance<'_>> = list
                    .iter()
                    .filter_map(|i| self.instances.get(*i))
                    .filter(|inst| wanted.is_none() || inst.res.index.as_ref() == wanted)
                    .collect();
                if chosen.is_empty() {
                    return Resolved::incomplete();
                }
                let mut out = Resolved {
                    ids: Vec::new(),
                    complete: true,
                };
                for inst in chosen {
                    out.merge(self.attribute(inst, attr.as_deref().unwrap_or("id"), depth + 1));
                }
                out
            }
            Reference::ModuleOutput {
                call,
                key,
                output,
                index,
            } => {
                let Some(output) = output else {
                    return Resolved::incomplete();
                };
                let mut child_path = config_path(scope.module);
                if !child_path.is_empty() {
                    child_path.push('.');
                }
                child_path.push_str(call);
                let Some(expr) = self
                    .config_modules
                    .get(&child_path)
                    .and_then(|m| m.outputs.get(output))
                    .and_then(|o| o.expression.as_ref())
                else {
                    return Resolved::incomplete();
                };
                let refs = self.parsed(expr);
                // An explicit key picks the module instance; a selector (`each.value` over an
                // output) picks inside the output, like an index.
                let wanted = key.as_ref();
                let inner = index.as_ref().or(select);
                let Some(instances) = self
                    .module_instances
                    .get(scope.prefix)
                    .and_then(|m| m.get(call))
                else {
                    return Resolved::incomplete();
                };
                let mut out = Resolved {
                    ids: Vec::new(),
                    complete: true,
                };
                let mut any = false;
                for (path, prefix) in instances {
                    let own_key = path.last().and_then(|(_, k)| k.as_ref());
                    if wanted.is_some() && own_key != wanted {
                        continue;
                    }
                    any = true;
                    let child = Scope {
                        prefix,
                        module: path,
                        key: None,
                        for_each: None,
                    };
                    out.merge(self.eval(child, &refs, inner, depth + 1));
                }
                if !any {
                    out.complete = false;
                }
                out
            }
            Reference::Var(name) => self.variable(scope, name, select, depth),
            Reference::EachValue(None) => match scope.for_each {
                Some(e) => self.eval(scope, &self.parsed(e), scope.key, depth + 1),
                None => Resolved::incomplete(),
            },
            // `for_each = module.net` (or a resource) and `each.value.vpc_id`: the attribute of
            // the instance with this key.
            Reference::EachValue(Some(attr)) => {
                let Some(e) = scope.for_each else {
                    return Resolved::incomplete();
                };
                let mut out = Resolved {
                    ids: Vec::new(),
                    complete: true,
                };
                for r in self.parsed(e).iter() {
                    let target = match r.target.clone() {
                        Reference::ModuleOutput {
                            call,
                            key: None,
                            output: None,
                            ..
                        } => Reference::ModuleOutput {
                            call,
                            key: scope.key.cloned(),
                            output: Some(attr.clone()),
                            index: None,
                        },
                        Reference::Resource {
                            resource,
                            key: None,
                            attr: None,
                        } => Reference::Resource {
                            resource,
                            key: scope.key.cloned(),
                            attr: Some(attr.clone()),
                        },
                        _ => return Resolved::incomplete(),
                    };
                    let r = ParsedRef {
                        steps: Vec::new(),
                        target,
                    };
                    out.merge(self.eval_one(scope, &r, None, depth + 1));
                }
                out
            }
            Reference::Selector => Resolved {
                ids: Vec::new(),
                complete: true,
            },
            Reference::Opaque => Resolved::incomplete(),
        }
    }

    /// `var.NAME` in a module instance: the argument of its call, evaluated in the parent.
    fn variable(
        &self,
        scope: Scope<'_>,
        name: &str,
        select: Option<&InstanceKey>,
        depth: usize,
    ) -> Resolved {
        let Some(((call, key), parent)) = scope.module.split_last() else {
            // A root variable is a value given to the plan: it holds no planned id.
            let empty = self.root_variables.get(name).copied().unwrap_or(true);
            return Resolved {
                ids: Vec::new(),
                complete: empty,
            };
        };
        let Some(module) = self.config_modules.get(&config_path(parent)) else {
            return Resolved::incomplete();
        };
        let Some(call_cfg) = module.module_calls.get(call) else {
            return Resolved::incomplete();
        };
        match call_cfg.expressions.get(name) {
            Some(Expr::Constant(_, empty)) => Resolved {
                ids: Vec::new(),
                complete: *empty,
            },
            Some(expr) => {
                let parent_prefix = module_prefix(parent);
                let parent_scope = Scope {
                    prefix: &parent_prefix,
                    module: parent,
                    key: key.as_ref(),
                    for_each: call_cfg.for_each_expression.as_ref(),
                };
                self.eval(parent_scope, &self.parsed(expr), select, depth + 1)
            }
            None => {
                let empty = call_cfg
                    .module
                    .variables
                    .get(name)
                    .is_none_or(|v| v.default.0);
                Resolved {
                    ids: Vec::new(),
                    complete: empty,
                }
            }
        }
    }

    /// The value of an attribute of a planned instance: its id, a planned id-valued attribute,
    /// or what the attribute's own expression resolves to.
    fn attribute(&self, inst: &Instance<'_>, attr: &str, depth: usize) -> Resolved {
        // The endpoint service name of an Aiven PrivateLink: Aiven gives it once the link
        // exists, so a link the plan creates stands for it by its marker.
        if let (Attrs::AivenPrivatelink(a), "aws_service_name") = (&inst.res.attrs, attr) {
            let name = a
                .aws_service_name
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| crate::model::unknown(&inst.res.address, attr));
            return Resolved {
                ids: vec![name],
                complete: true,
            };
        }
        // An endpoint's DNS names are given at apply: an alias to one the plan creates
        // (`aws_vpc_endpoint.x.dns_entry[0].dns_name`) stands for it by the endpoint's marker,
        // which the endpoint lists among its DNS names.
        if let (Attrs::Endpoint(a), "dns_entry") = (&inst.res.attrs, attr) {
            let name = a
                .dns_entry
                .iter()
                .flatten()
                .find_map(|d| d.dns_name.clone().filter(|n| !n.is_empty()))
                .unwrap_or_else(|| crate::model::unknown(&inst.res.address, attr));
            return Resolved {
                ids: vec![name],
                complete: true,
            };
        }
        // A zone's `zone_id` is its id.
        let attr = match (&inst.res.attrs, attr) {
            (Attrs::Zone(..), "zone_id") => "id",
            _ => attr,
        };
        if inst.res.is_data() {
            // What Terraform read; a data source's arguments are its query, not its result.
            let ids: Option<Vec<String>> = match (attr, &inst.res.attrs) {
                ("id", a) => a.id().map(|id| vec![id.to_owned()]),
                ("vpc_id", a) => a.vpc_id().map(|v| vec![v.to_owned()]),
                ("ids", Attrs::DataIds(d)) => d.ids.clone(),
                _ => None,
            };
            return match ids {
                Some(ids) => Resolved {
                    ids,
                    complete: true,
                },
                None => Resolved::incomplete(),
            };
        }
        if attr == "id" {
            return Resolved {
                ids: vec![inst.id.clone()],
                complete: true,
            };
        }
        if attr == "vpc_id" {
            if let Some(v) = inst.res.attrs.vpc_id() {
                return Resolved {
                    ids: vec![v.to_owned()],
                    complete: true,
                };
            }
        }
        match inst
            .config
            .as_ref()
            .and_then(|(c, _)| c.expressions.get(attr))
        {
            Some(expr) => self.eval(self.scope_of(inst), &self.parsed(expr), None, depth + 1),
            None => Resolved::incomplete(),
        }
    }
}

/// The module path of a module instance address (`module.a["x"].module.b`).
fn module_path(address: &str) -> Option<ModulePath> {
    // A module address is a resource address without the resource: parse it with a dummy one.
    parse_address(&format!("{address}.x_x.x")).map(|a| a.module)
}

fn walk_config<'a>(
    module: &'a ConfigModule,
    path: String,
    pointer: String,
    modules: &mut HashMap<String, &'a ConfigModule>,
    resources: &mut HashMap<String, HashMap<String, (&'a ConfigResource, Rc<str>)>>,
) {
    for (i, r) in module.resources.iter().enumerate() {
        if matches!(r.mode.as_str(), "managed" | "data" | "") {
            resources.entry(path.clone()).or_default().insert(
                r.address.clone(),
                (r, Rc::from(format!("{pointer}/resources/{i}"))),
            );
        }
    }
    for (name, call) in &module.module_calls {
        let child = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        walk_config(
            &call.module,
            child,
            format!("{pointer}/module_calls/{}/module", escape(name)),
            modules,
            resources,
        );
    }
    modules.insert(path, module);
}
