//! CFG001 `unused-suppression`.
//!
//! The rule's own check finds `vpclint:ignore` tags that name no rule at all, which needs nothing
//! but the Estate. Suppressions that matched no finding of a rule that ran, and expired ones, can
//! only be known after the other rules: the filter stage ([`crate::filter`]) reports those as
//! findings of this rule.

use crate::finding::{Finding, ResourceRef, Severity, Spot};
use crate::model::IGNORE_TAG;
use crate::rules::{self, Category, Context, RuleDef};

/// A suppression that no longer suppresses anything.
pub static RULE: RuleDef = RuleDef {
    code: "CFG001",
    name: "unused-suppression",
    category: Category::Hygiene,
    severity: Severity::Info,
    doc: include_str!("../../../rules/CFG001-unused-suppression.md"),
    check,
};

/// Edit distance, to suggest the rule a misspelt name meant.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev + usize::from(ca != *cb);
            prev = row.get(j + 1).copied().unwrap_or(0);
            let best = substitute
                .min(prev + 1)
                .min(row.get(j).copied().unwrap_or(0) + 1);
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let known = |name: &str| {
        rules::ALL
            .iter()
            .chain(cx.custom_rules)
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
                .chain(cx.custom_rules)
                .map(|r| (distance(name, r.name), r.name))
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
                    .help("Name rules by the names or codes that `vpclint rules` lists, separated by commas")
                    .key(*name),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("singel-az-endpoint", "single-az-endpoint"), 2);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
