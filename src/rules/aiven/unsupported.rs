//! AIV001 `aiven-privatelink-unsupported`.

use super::{endpoints_of, service_ref, support};
use crate::finding::{Finding, Severity, Spot};
use crate::rules::{refs, Category, Context, RuleDef};

/// PrivateLink set up for an Aiven service type that does not support it.
pub static RULE: RuleDef = RuleDef {
    code: "AIV001",
    name: "aiven-privatelink-unsupported",
    category: Category::Correctness,
    severity: Severity::Error,
    doc: include_str!("../../../rules/AIV001-aiven-privatelink-unsupported.md"),
    check,
};

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let mut out = Vec::new();
    for s in estate.aiven_services.values() {
        let Some(product) = support::unsupported(&s.service_type) else {
            continue;
        };
        let access: Vec<&str> = s
            .privatelink_access
            .iter()
            .flatten()
            .filter(|a| a.enabled)
            .map(|a| a.component.as_str())
            .collect();
        let endpoints = endpoints_of(estate, s);
        if s.privatelink.is_none() && access.is_empty() && endpoints.is_empty() {
            continue;
        }
        let mut f = Finding::new(
            &RULE,
            service_ref(s),
            format!(
                "Aiven service `{}` is of type `{}` ({product}), which does not support AWS PrivateLink",
                s.name, s.service_type
            ),
        )
        .at(
            Spot::member(&s.origin, "service_type"),
            "no PrivateLink for this type",
        )
        .help(format!(
            "Reach `{}` through VPC peering with its project VPC instead (`avn vpc peering-connection create`), and remove what was set up for PrivateLink: `avn service privatelink aws delete {}` (types without PrivateLink per {}, checked {})",
            s.name,
            s.name,
            support::SOURCE,
            support::CHECKED
        ));
        if let Some(link) = &s.privatelink {
            f = f.related(
                service_ref(s),
                Some(Spot::value(&link.origin)),
                "PrivateLink resource created for it",
            );
        }
        for a in s.privatelink_access.iter().flatten().filter(|a| a.enabled) {
            f = f.related(
                service_ref(s),
                Some(Spot::member(&s.origin, &a.rel)),
                format!("privatelink_access.{} is on", a.component),
            );
        }
        for ep in endpoints {
            f = f.related(
                refs::endpoint(ep),
                Some(Spot::member(&ep.origin, "ServiceName")),
                "endpoint to its PrivateLink",
            );
        }
        out.push(f);
    }
    out
}
