//! Condition operators: every family of the IAM policy language, with the `...IfExists` suffix
//! and the `ForAnyValue:` / `ForAllValues:` set qualifiers.

/// An operator without qualifier or suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseOperator {
    /// `StringEquals`
    StringEquals,
    /// `StringNotEquals`
    StringNotEquals,
    /// `StringEqualsIgnoreCase`
    StringEqualsIgnoreCase,
    /// `StringNotEqualsIgnoreCase`
    StringNotEqualsIgnoreCase,
    /// `StringLike`
    StringLike,
    /// `StringNotLike`
    StringNotLike,
    /// `NumericEquals`
    NumericEquals,
    /// `NumericNotEquals`
    NumericNotEquals,
    /// `NumericLessThan`
    NumericLessThan,
    /// `NumericLessThanEquals`
    NumericLessThanEquals,
    /// `NumericGreaterThan`
    NumericGreaterThan,
    /// `NumericGreaterThanEquals`
    NumericGreaterThanEquals,
    /// `DateEquals`
    DateEquals,
    /// `DateNotEquals`
    DateNotEquals,
    /// `DateLessThan`
    DateLessThan,
    /// `DateLessThanEquals`
    DateLessThanEquals,
    /// `DateGreaterThan`
    DateGreaterThan,
    /// `DateGreaterThanEquals`
    DateGreaterThanEquals,
    /// `Bool`
    Bool,
    /// `BinaryEquals`
    BinaryEquals,
    /// `IpAddress`
    IpAddress,
    /// `NotIpAddress`
    NotIpAddress,
    /// `ArnEquals`
    ArnEquals,
    /// `ArnLike`
    ArnLike,
    /// `ArnNotEquals`
    ArnNotEquals,
    /// `ArnNotLike`
    ArnNotLike,
    /// `Null` (cannot take `IfExists`)
    Null,
}

use BaseOperator as B;

const BASES: [(&str, BaseOperator); 27] = [
    ("StringEquals", B::StringEquals),
    ("StringNotEquals", B::StringNotEquals),
    ("StringEqualsIgnoreCase", B::StringEqualsIgnoreCase),
    ("StringNotEqualsIgnoreCase", B::StringNotEqualsIgnoreCase),
    ("StringLike", B::StringLike),
    ("StringNotLike", B::StringNotLike),
    ("NumericEquals", B::NumericEquals),
    ("NumericNotEquals", B::NumericNotEquals),
    ("NumericLessThan", B::NumericLessThan),
    ("NumericLessThanEquals", B::NumericLessThanEquals),
    ("NumericGreaterThan", B::NumericGreaterThan),
    ("NumericGreaterThanEquals", B::NumericGreaterThanEquals),
    ("DateEquals", B::DateEquals),
    ("DateNotEquals", B::DateNotEquals),
    ("DateLessThan", B::DateLessThan),
    ("DateLessThanEquals", B::DateLessThanEquals),
    ("DateGreaterThan", B::DateGreaterThan),
    ("DateGreaterThanEquals", B::DateGreaterThanEquals),
    ("Bool", B::Bool),
    ("BinaryEquals", B::BinaryEquals),
    ("IpAddress", B::IpAddress),
    ("NotIpAddress", B::NotIpAddress),
    ("ArnEquals", B::ArnEquals),
    ("ArnLike", B::ArnLike),
    ("ArnNotEquals", B::ArnNotEquals),
    ("ArnNotLike", B::ArnNotLike),
    ("Null", B::Null),
];

/// `ForAnyValue:` or `ForAllValues:`, for keys with several values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetQualifier {
    /// True if any value of the request matches.
    ForAnyValue,
    /// True if every value of the request matches, and also when the key is absent.
    ForAllValues,
}

/// A parsed condition operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operator {
    /// Set qualifier, if any.
    pub qualifier: Option<SetQualifier>,
    /// The operator family member.
    pub base: BaseOperator,
    /// `...IfExists`: also true when the key is absent from the request.
    pub if_exists: bool,
}

impl Operator {
    /// Parses an operator name such as `ForAnyValue:StringLikeIfExists`. Names are matched
    /// exactly, as AWS spells them; `NullIfExists` does not exist.
    pub fn parse(name: &str) -> Option<Operator> {
        let (qualifier, rest) = if let Some(r) = name.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), r)
        } else if let Some(r) = name.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), r)
        } else {
            (None, name)
        };
        let (rest, if_exists) = match rest.strip_suffix("IfExists") {
            Some(r) => (r, true),
            None => (rest, false),
        };
        let base = BASES.iter().find(|(n, _)| *n == rest).map(|(_, b)| *b)?;
        if base == B::Null && if_exists {
            return None;
        }
        Some(Operator {
            qualifier,
            base,
            if_exists,
        })
    }

    /// A positive string or ARN match: the request value must equal (or match) a listed one.
    pub fn is_positive_match(self) -> bool {
        matches!(
            self.base,
            B::StringEquals | B::StringEqualsIgnoreCase | B::StringLike | B::ArnEquals | B::ArnLike
        )
    }

    /// A negated string or ARN match: true when the request value matches none of the listed.
    pub fn is_negated_match(self) -> bool {
        matches!(
            self.base,
            B::StringNotEquals
                | B::StringNotEqualsIgnoreCase
                | B::StringNotLike
                | B::ArnNotEquals
                | B::ArnNotLike
        )
    }

    /// Whether `*` and `?` in values are wildcards.
    pub fn uses_wildcards(self) -> bool {
        matches!(
            self.base,
            B::StringLike | B::StringNotLike | B::ArnLike | B::ArnNotLike
        )
    }

    /// Whether string comparison ignores case.
    pub fn ignores_case(self) -> bool {
        matches!(
            self.base,
            B::StringEqualsIgnoreCase | B::StringNotEqualsIgnoreCase
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_with_suffix_and_qualifiers() {
        for (name, _) in BASES {
            let op = Operator::parse(name).expect(name);
            assert_eq!((op.qualifier, op.if_exists), (None, false));
            if name != "Null" {
                assert!(Operator::parse(&format!("{name}IfExists")).is_some_and(|o| o.if_exists));
            }
            for q in ["ForAnyValue:", "ForAllValues:"] {
                assert!(
                    Operator::parse(&format!("{q}{name}")).is_some(),
                    "{q}{name}"
                );
            }
        }
        let op = Operator::parse("ForAllValues:StringNotLikeIfExists").expect("valid");
        assert_eq!(
            op,
            Operator {
                qualifier: Some(SetQualifier::ForAllValues),
                base: B::StringNotLike,
                if_exists: true
            }
        );
        assert!(op.is_negated_match() && op.uses_wildcards());
        for bad in [
            "NullIfExists",
            "StringEqual",
            "stringequals",
            "ForSomeValues:StringEquals",
            "IfExists",
            "",
            "ForAnyValue:",
        ] {
            assert_eq!(Operator::parse(bad), None, "{bad}");
        }
    }
}
