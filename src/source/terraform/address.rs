//! Terraform addresses (`module.net["a"].aws_subnet.private[0]`) and the references of the
//! configuration (`aws_subnet.private["a"].id`, `module.net.subnet_ids`, `var.vpc_id`).

use super::plan::InstanceKey;

/// One step of a traversal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// `.name`
    Attr(String),
    /// `[0]` or `["a"]`
    Index(InstanceKey),
    /// `[*]` or `.*`
    Splat,
}

/// Splits `a.b["c"][0].d` into steps; `None` when it is not a traversal.
pub fn steps(s: &str) -> Option<Vec<Step>> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut expect_name = true;
    while i < bytes.len() {
        match bytes.get(i)? {
            b'[' => {
                let close = index_end(s, i + 1)?;
                let inner = s.get(i + 1..close)?;
                out.push(if inner == "*" {
                    Step::Splat
                } else if inner.starts_with('"') {
                    Step::Index(InstanceKey::Str(serde_json::from_str(inner).ok()?))
                } else {
                    Step::Index(InstanceKey::Int(inner.parse().ok()?))
                });
                i = close + 1;
                expect_name = false;
            }
            b'.' if !expect_name => {
                i += 1;
                expect_name = true;
            }
            _ if expect_name => {
                let end = s.get(i..)?.find(['.', '[']).map_or(bytes.len(), |e| e + i);
                let name = s.get(i..end)?;
                if name.is_empty() {
                    return None;
                }
                out.push(if name == "*" {
                    Step::Splat
                } else {
                    Step::Attr(name.to_owned())
                });
                i = end;
                expect_name = false;
            }
            _ => return None,
        }
    }
    (!out.is_empty() && !expect_name).then_some(out)
}

/// The position of the `]` that closes an index starting at `from` (quotes respected).
fn index_end(s: &str, from: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = from;
    if bytes.get(i) == Some(&b'"') {
        i += 1;
        loop {
            match bytes.get(i)? {
                b'\\' => i += 2,
                b'"' => break,
                _ => i += 1,
            }
        }
        i += 1;
    }
    let rest = s.get(i..)?;
    rest.find(']').map(|e| e + i)
}

/// A module instance: the calls from the root, each with its instance key.
pub type ModulePath = Vec<(String, Option<InstanceKey>)>;

/// `module.a["x"].module.b` for a module path (`""` for the root module).
pub fn module_prefix(path: &[(String, Option<InstanceKey>)]) -> String {
    let mut s = String::new();
    for (call, key) in path {
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str("module.");
        s.push_str(call);
        if let Some(k) = key {
            s.push_str(&k.to_string());
        }
    }
    s
}

/// The configuration module of a module instance: its call names joined by `.`.
pub fn config_path(path: &[(String, Option<InstanceKey>)]) -> String {
    path.iter()
        .map(|(c, _)| c.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

/// A resource instance's address, taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// The module instance it lives in.
    pub module: ModulePath,
    /// `aws_subnet.private` (or `data.aws_vpc.main`).
    pub resource: String,
    /// Its `count` index or `for_each` key.
    pub key: Option<InstanceKey>,
}

/// Parses a resource instance address.
pub fn parse_address(s: &str) -> Option<Address> {
    let steps = steps(s)?;
    let mut it = steps.into_iter().peekable();
    let mut module = Vec::new();
    let mut names = Vec::new();
    let mut key = None;
    while let Some(step) = it.next() {
        match step {
            Step::Attr(a) if a == "module" && names.is_empty() => {
                let Some(Step::Attr(call)) = it.next() else {
                    return None;
                };
                let k = match it.peek() {
                    Some(Step::Index(_)) => match it.next() {
                        Some(Step::Index(k)) => Some(k),
                        _ => None,
                    },
                    _ => None,
                };
                module.push((call, k));
            }
            Step::Attr(a) => names.push(a),
            Step::Index(k) if key.is_none() && names.len() >= 2 => key = Some(k),
            _ => return None,
        }
    }
    let valid = names.len() == 2 || (names.len() == 3 && names.first()? == "data");
    valid.then(|| Address {
        module,
        resource: names.join("."),
        key,
    })
}

/// What a reference of the configuration names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference {
    /// A resource or data source of the same module: `aws_subnet.a`, `aws_subnet.a["x"].id`,
    /// `data.aws_subnet.a[each.key].id` (whose `resource` is `data.aws_subnet.a`).
    Resource {
        resource: String,
        key: Option<InstanceKey>,
        attr: Option<String>,
    },
    /// An output of a called module: `module.net.subnet_ids["c"]`.
    ModuleOutput {
        call: String,
        key: Option<InstanceKey>,
        output: Option<String>,
        index: Option<InstanceKey>,
    },
    /// `var.NAME`
    Var(String),
    /// `each.value`, and the attribute taken of it (`each.value.vpc_id`).
    EachValue(Option<String>),
    /// `each.key` or `count.index`: selects the instance with the referencing one's key.
    Selector,
    /// `local.*`, `path.*`, `self.*`, `terraform.*`: not followed.
    Opaque,
}

/// A parsed reference with its steps (to compare how specific two references are).
#[derive(Clone, Debug)]
pub struct ParsedRef {
    /// The steps.
    pub steps: Vec<Step>,
    /// What it names.
    pub target: Reference,
}

/// Parses one reference.
pub fn parse_reference(s: &str) -> Option<ParsedRef> {
    let steps = steps(s)?;
    let name = |i: usize| match steps.get(i) {
        Some(Step::Attr(a)) => Some(a.as_str()),
        _ => None,
    };
    let key = |i: usize| match steps.get(i) {
        Some(Step::Index(k)) => Some(k.clone()),
        _ => None,
    };
    let target = match name(0)? {
        "var" => Reference::Var(name(1)?.to_owned()),
        "each" if name(1) == Some("value") => Reference::EachValue(name(2).map(str::to_owned)),
        "each" | "count" => Reference::Selector,
        "local" | "path" | "self" | "terraform" => Reference::Opaque,
        "data" => {
            let resource = format!("data.{}.{}", name(1)?, name(2)?);
            let k = key(3);
            let at = if k.is_some() { 4 } else { 3 };
            Reference::Resource {
                resource,
                key: k,
                attr: name(at).map(str::to_owned),
            }
        }
        "module" => {
            let call = name(1)?.to_owned();
            let k = key(2);
            let at = if k.is_some() { 3 } else { 2 };
            let output = name(at).map(str::to_owned);
            Reference::ModuleOutput {
                call,
                key: k,
                output,
                index: key(at + 1),
            }
        }
        resource_type => {
            let resource = format!("{resource_type}.{}", name(1)?);
            let k = key(2);
            let at = if k.is_some() { 3 } else { 2 };
            Reference::Resource {
                resource,
                key: k,
                attr: name(at).map(str::to_owned),
            }
        }
    };
    Some(ParsedRef { steps, target })
}

/// The references of an expression, parsed, without the less specific forms that Terraform adds
/// for each (`aws_subnet.a` beside `aws_subnet.a.id`).
pub fn most_specific<'a>(refs: impl IntoIterator<Item = &'a str>) -> Vec<ParsedRef> {
    let parsed: Vec<ParsedRef> = refs.into_iter().filter_map(parse_reference).collect();
    let mut out: Vec<ParsedRef> = Vec::new();
    for (i, r) in parsed.iter().enumerate() {
        let shadowed = parsed
            .iter()
            .enumerate()
            .any(|(j, s)| j != i && s.steps.len() > r.steps.len() && s.steps.starts_with(&r.steps));
        let duplicate = out.iter().any(|o| o.steps == r.steps);
        if !shadowed && !duplicate {
            out.push(r.clone());
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn s(v: &str) -> InstanceKey {
        InstanceKey::Str(v.into())
    }

    #[test]
    fn addresses() {
        let a = parse_address(r#"module.net["a.b"].module.x[0].aws_subnet.private["k]"]"#).unwrap();
        assert_eq!(
            a.module,
            vec![
                ("net".to_owned(), Some(s("a.b"))),
                ("x".to_owned(), Some(InstanceKey::Int(0)))
            ]
        );
        assert_eq!(a.resource, "aws_subnet.private");
        assert_eq!(a.key, Some(s("k]")));
        assert_eq!(module_prefix(&a.module), r#"module.net["a.b"].module.x[0]"#);
        assert_eq!(config_path(&a.module), "net.x");
        let d = parse_address("data.aws_vpc.main").unwrap();
        assert_eq!((d.resource.as_str(), d.key), ("data.aws_vpc.main", None));
        assert!(parse_address("aws_vpc").is_none());
        assert!(parse_address("aws_vpc.a.b").is_none());
    }

    #[test]
    fn references() {
        let refs = most_specific([
            r#"aws_vpc_endpoint.api["sts"].id"#,
            r#"aws_vpc_endpoint.api["sts"]"#,
            "aws_vpc_endpoint.api",
            "module.net.subnet_ids",
            "module.net",
            "count.index",
            "var.x",
            "local.y",
            r#"data.aws_subnet.private["subnet-0a"].id"#,
            "data.aws_subnet.private",
            "data.aws_vpc.main",
        ]);
        let targets: Vec<Reference> = refs.into_iter().map(|r| r.target).collect();
        assert_eq!(
            targets,
            vec![
                Reference::Resource {
                    resource: "aws_vpc_endpoint.api".into(),
                    key: Some(s("sts")),
                    attr: Some("id".into())
                },
                Reference::ModuleOutput {
                    call: "net".into(),
                    key: None,
                    output: Some("subnet_ids".into()),
                    index: None
                },
                Reference::Selector,
                Reference::Var("x".into()),
                Reference::Opaque,
                Reference::Resource {
                    resource: "data.aws_subnet.private".into(),
                    key: Some(s("subnet-0a")),
                    attr: Some("id".into())
                },
                Reference::Resource {
                    resource: "data.aws_vpc.main".into(),
                    key: None,
                    attr: None
                },
            ]
        );
        let m = parse_reference(r#"module.net["a"].subnet_ids["c"]"#).unwrap();
        assert_eq!(
            m.target,
            Reference::ModuleOutput {
                call: "net".into(),
                key: Some(s("a")),
                output: Some("subnet_ids".into()),
                index: Some(s("c"))
            }
        );
    }
}
