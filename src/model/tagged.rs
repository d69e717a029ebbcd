//! Every tagged resource of the Estate under one shape, for what reads tags whatever the kind:
//! `vpclint:ignore` suppressions and custom rules.

use std::borrow::Cow;

use super::{Estate, Origin, Scope, Tags};

/// The tag that suppresses rules on its resource: `vpclint:ignore = "rule-name[,rule-name]"`.
pub const IGNORE_TAG: &str = "vpclint:ignore";

/// A resource with its kind, id, tags and origin.
#[derive(Clone, Debug)]
pub struct Tagged<'a> {
    /// `vpc`, `subnet`, `security-group`, `network-acl`, `route-table`, `network-interface`,
    /// `vpc-endpoint`, `vpc-endpoint-service`, `vpc-peering-connection`: the kinds findings name.
    pub kind: &'static str,
    /// Its id.
    pub id: &'a str,
    /// Account and region: borrowed, since an estate has hundreds of thousands of resources.
    pub scope: Cow<'a, Scope>,
    /// Its tags.
    pub tags: &'a Tags,
    /// Where it was read.
    pub origin: &'a Origin,
    /// The member holding the tags in its AWS CLI shape (`Tags`, or `TagSet` for interfaces).
    pub tags_member: &'static str,
}

impl Tagged<'_> {
    /// Relative pointer of the value of the tag at `index` in `tags`.
    pub fn tag_value_rel(&self, index: usize) -> String {
        format!("{}/{index}/Value", self.tags_member)
    }

    /// The rules named by the `vpclint:ignore` tag, with the tag's index; names are trimmed,
    /// empty ones skipped.
    pub fn ignored_rules(&self) -> Option<(usize, Vec<&str>)> {
        let index = self.tags.0.iter().position(|(k, _)| k == IGNORE_TAG)?;
        let (_, value) = self.tags.0.get(index)?;
        let names = value
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        Some((index, names))
    }
}

impl Estate {
    /// Every resource that carries tags in its AWS CLI shape, grouped by kind, in id order.
    /// Security groups known only from describe-security-group-rules have no object of their
    /// own and are left out.
    pub fn tagged(&self) -> Vec<Tagged<'_>> {
        self.tagged_where(|_| true)
    }

    /// The tagged resources that carry the tag `key`, in the order of [`Estate::tagged`]: an
    /// estate has hundreds of thousands of resources and few suppressions.
    pub fn tagged_with(&self, key: &str) -> Vec<Tagged<'_>> {
        self.tagged_where(|tags| tags.0.iter().any(|(k, _)| k == key))
    }

    fn tagged_where<'a>(&'a self, keep: impl Fn(&Tags) -> bool) -> Vec<Tagged<'a>> {
        let mut out = Vec::new();
        let mut add = |t: Tagged<'a>| {
            if !t.origin.pointer.is_empty() && keep(t.tags) {
                out.push(t);
            }
        };
        for v in self.vpcs.values() {
            add(entry("vpc", v.id.as_str(), &v.scope, &v.tags, &v.origin));
        }
        for s in self.subnets.values() {
            add(entry("subnet", s.id.as_str(), &s.scope, &s.tags, &s.origin));
        }
        for g in self.security_groups.values() {
            let e = entry(
                "security-group",
                g.id.as_str(),
                &g.scope,
                &g.tags,
                &g.origin,
            );
            add(e);
        }
        for n in self.nacls.values() {
            add(entry(
                "network-acl",
                n.id.as_str(),
                &n.scope,
                &n.tags,
                &n.origin,
            ));
        }
        for t in self.route_tables.values() {
            add(entry(
                "route-table",
                t.id.as_str(),
                &t.scope,
                &t.tags,
                &t.origin,
            ));
        }
        for i in self.interfaces.values() {
            let mut e = entry(
                "network-interface",
                i.id.as_str(),
                &i.scope,
                &i.tags,
                &i.origin,
            );
            e.tags_member = "TagSet";
            add(e);
        }
        for e in self.endpoints.values() {
            add(entry(
                "vpc-endpoint",
                e.id.as_str(),
                &e.scope,
                &e.tags,
                &e.origin,
            ));
        }
        for c in self.service_configurations.values() {
            let id = c.service_id.as_str();
            add(entry(
                "vpc-endpoint-service",
                id,
                &c.scope,
                &c.tags,
                &c.origin,
            ));
        }
        for p in self.peerings.values() {
            let scope = Scope {
                account: p.requester.owner_id.clone(),
                region: p.requester.region.clone(),
            };
            add(Tagged {
                kind: "vpc-peering-connection",
                id: p.id.as_str(),
                scope: Cow::Owned(scope),
                tags: &p.tags,
                origin: &p.origin,
                tags_member: "Tags",
            });
        }
        out
    }
}

fn entry<'a>(
    kind: &'static str,
    id: &'a str,
    scope: &'a Scope,
    tags: &'a Tags,
    origin: &'a Origin,
) -> Tagged<'a> {
    Tagged {
        kind,
        id,
        scope: Cow::Borrowed(scope),
        tags,
        origin,
        tags_member: "Tags",
    }
}
