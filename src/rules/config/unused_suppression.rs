//! CFG001 `unused-suppression`.
//!
//! The rule's own check finds `vpclint:ignore` tags that name no rule at all, which needs nothing
//! but the Estate. Suppressions that matched no finding of a rule that ran, and expired ones, can
//! only be known after the other rules: the filter stage ([`crate::filter`]) reports those as
//! findings of this rule.

use crate::finding::{Finding, Remedy, ResourceRef, Spot};
use crate::model::IGNORE_TAG;
use crate::rules::{declare_rule, self, Context};

declare_rule! {
    /// A suppression that suppresses nothing: it matches no finding, names no rule, or has expired
    ///
    /// ## What it does
    /// Reports suppressions that no longer do anything, so that stale ones get cleaned up:
    ///
    /// - a `[[suppress]]` entry of `vpclint.toml` whose rule ran and reported nothing on any resource
    ///   the entry's `resource` matches;
    /// - a `[[suppress]]` entry whose `expires` date has passed: from the day after that date it no
    ///   longer applies, the findings it hid are reported again, and the entry itself is reported;
    /// - a `vpclint:ignore` tag that names a rule which ran and reported nothing on the tagged resource;
    /// - a `vpclint:ignore` tag that names no rule at all (a typo), with the closest rule name.
    ///
    /// A suppression of a rule that did not run (deselected with `select` or `ignore`) is not reported:
    /// vpclint cannot know whether it would match. The finding points at the `[[suppress]]` table in
    /// `vpclint.toml` or at the tag's value in the export.
    ///
    /// ## Why is this bad?
    /// A suppression is a reviewed exception. Once the resource is fixed or deleted, the exception stays
    /// behind and silently hides the next, unreviewed problem of the same rule on the same resource. A
    /// misspelt rule name in a tag suppresses nothing while looking as if it did.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-0a1", "VpcEndpointType": "Interface",
    ///   "VpcId": "vpc-1", "ServiceName": "com.amazonaws.us-east-1.sts", "State": "available",
    ///   "SubnetIds": ["subnet-a", "subnet-b"],
    ///   "Tags": [{"Key": "vpclint:ignore", "Value": "singel-az-endpoint"}]}]}
    /// ```
    ///
    /// Use instead: the rule's name or code as `vpclint rules` lists it (`single-az-endpoint` or
    /// `VPCE002`), and delete the tag once the endpoint has subnets in two zones.
    ///
    /// ## References
    /// - vpclint README, "Suppressions"
    CFG001 "unused-suppression" {
        category: Hygiene,
        severity: Info,
        input: Estate,
        check: check,
    }
}


fn check(cx: &Context<'_>) -> Vec<Finding> {
    let known = |name: &str| {
        rules::ALL
            .iter()
            .map(|r| &r.meta)
            .chain(cx.custom_rules.iter().copied())
            .any(|r| r.name == name || r.code.eq_ignore_ascii_case(name))
    };
    let mut out = Vec::new();
    for t in cx.estate.tagged_with(IGNORE_TAG) {
        let Some((index, names)) = t.ignored_rules() else {
            continue;
        };
        for name in names.iter().filter(|n| !known(n)) {
            let closest = rules::ALL
                .iter()
                .map(|r| &r.meta)
                .chain(cx.custom_rules.iter().copied())
                .map(|r| (strsim::levenshtein(name, r.name), r.name))
                .min()
                .filter(|(d, _)| *d <= 3);
            let hint = closest
                .map(|(_, n)| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            let message = format!(
                "Tag `{IGNORE_TAG}` on `{}` names `{name}`, which is not a vpclint rule{hint}",
                t.id
            );
            out.push(
                Finding::new(&RULE, ResourceRef::at(t.kind, t.id, &t.scope, t.origin), message)
                    .at(
                        Spot::member(t.origin, &t.tag_value_rel(index)),
                        "unknown rule",
                    )
                    .remedy(Remedy::say("Name rules by the names or codes that `vpclint rules` lists, separated by commas"))
                    .key(*name),
            );
        }
    }
    out
}
