//! Wildcards, ARNs and account ids: the comparisons policy evaluation needs.

/// Whether `text` matches `pattern`, where `*` matches any run of characters and `?` any one
/// character (IAM's wildcards in actions, resources and `...Like` conditions).
pub fn glob(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let eq = |a: char, b: char| {
        if ignore_case {
            a.to_lowercase().eq(b.to_lowercase())
        } else {
            a == b
        }
    };
    // Iterative matching with one backtrack point: linear in practice, never exponential.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || t.get(ti).is_some_and(|&x| eq(c, x)) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|&c| c == '*'))
}

/// Whether some text that starts with `prefix` matches `pattern`: the pattern can consume the
/// whole prefix (whatever follows can then be chosen to fit the rest of the pattern).
pub fn glob_accepts_prefix(pattern: &str, prefix: &str, ignore_case: bool) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let eq = |a: char, b: char| {
        if ignore_case {
            a.to_lowercase().eq(b.to_lowercase())
        } else {
            a == b
        }
    };
    // The set of pattern positions reachable after each prefix character.
    let close = |states: &mut Vec<usize>| {
        let mut i = 0;
        while i < states.len() {
            let s = states[i];
            if p.get(s) == Some(&'*') && !states.contains(&(s + 1)) {
                states.push(s + 1);
            }
            i += 1;
        }
    };
    let mut states = vec![0];
    close(&mut states);
    for c in prefix.chars() {
        let mut next = Vec::new();
        for &s in &states {
            match p.get(s) {
                Some('*') => next.push(s),
                Some(&x) if x == '?' || eq(x, c) => next.push(s + 1),
                _ => {}
            }
        }
        next.sort_unstable();
        next.dedup();
        close(&mut next);
        if next.is_empty() {
            return false;
        }
        states = next;
    }
    true
}

/// Whether a value is nothing but wildcards (`*`, `?`): it matches anything, or any value of
/// that length, and so names nothing.
pub fn is_wildcard_only(value: &str) -> bool {
    !value.is_empty() && value.chars().all(|c| c == '*' || c == '?')
}

/// An ARN split into its six fields (the resource may contain `:` and `/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    /// `aws`, `aws-cn`, `aws-us-gov`, …
    pub partition: &'a str,
    /// `iam`, `s3`, `execute-api`, …
    pub service: &'a str,
    /// Region, empty for global services.
    pub region: &'a str,
    /// Account id, empty for S3 buckets.
    pub account: &'a str,
    /// The rest.
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// Splits `arn:partition:service:region:account:resource`; `None` if `s` is not of that
    /// form (wildcards are allowed in every field).
    pub fn parse(s: &'a str) -> Option<Arn<'a>> {
        let mut parts = s.splitn(6, ':');
        if !parts.next()?.eq_ignore_ascii_case("arn") {
            return None;
        }
        let arn = Arn {
            partition: parts.next()?,
            service: parts.next()?,
            region: parts.next()?,
            account: parts.next()?,
            resource: parts.next()?,
        };
        (!arn.partition.is_empty() && !arn.service.is_empty()).then_some(arn)
    }
}

/// Whether `s` is a 12-digit AWS account id.
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The account a principal or condition value names: a bare account id, or the account field of
/// an ARN (`arn:aws:iam::123456789012:root`, `…:role/x`, `arn:aws:sts::…:assumed-role/…`).
/// `None` for wildcards, service principals and anything without an account.
pub fn account_of(value: &str) -> Option<&str> {
    if is_account_id(value) {
        return Some(value);
    }
    let arn = Arn::parse(value)?;
    is_account_id(arn.account).then_some(arn.account)
}

/// Policy variables (`${aws:username}`) in a value.
pub fn policy_variable(value: &str) -> Option<&str> {
    let start = value.find("${")?;
    let end = value.get(start..)?.find('}')?;
    value.get(start..start + end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_semantics() {
        for (p, t, want) in [
            ("*", "", true),
            ("*", "anything", true),
            ("s3:Get*", "s3:GetObject", true),
            ("s3:Get*", "s3:PutObject", false),
            ("s3:*Object", "s3:GetObject", true),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("a*b*c", "axxbyyc", true),
            ("a*b*c", "axxbyy", false),
            ("abc", "abcd", false),
            ("", "", true),
            ("**", "x", true),
        ] {
            assert_eq!(glob(p, t, false), want, "{p} vs {t}");
        }
        assert!(glob("EXECUTE-API:invoke", "execute-api:Invoke", true));
        assert!(!glob("EXECUTE-API:invoke", "execute-api:Invoke", false));
    }

    #[test]
    fn prefix_acceptance() {
        let api = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/";
        for (p, want) in [
            (
                "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*",
                true,
            ),
            (
                "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/*",
                true,
            ),
            ("arn:aws:execute-api:*:*:a1b2c3d4e5/*", true),
            ("arn:aws:execute-api:eu-west-1:123456789012:zzzz/*", false),
            (
                "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*",
                false,
            ),
            ("*", true),
            (
                "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5",
                false,
            ),
        ] {
            assert_eq!(glob_accepts_prefix(p, api, false), want, "{p}");
        }
    }

    #[test]
    fn arns_accounts_and_variables() {
        let a = Arn::parse("arn:aws:s3:::bucket/key:with:colons").expect("arn");
        assert_eq!(
            (a.service, a.account, a.resource),
            ("s3", "", "bucket/key:with:colons")
        );
        assert_eq!(Arn::parse("arn:aws:s3"), None);
        assert_eq!(Arn::parse("execute-api:/*"), None);
        assert_eq!(account_of("123456789012"), Some("123456789012"));
        assert_eq!(
            account_of("arn:aws:iam::210987654321:root"),
            Some("210987654321")
        );
        assert_eq!(
            account_of("arn:aws:sts::210987654321:assumed-role/r/s"),
            Some("210987654321")
        );
        assert_eq!(account_of("arn:aws:iam::*:root"), None);
        assert_eq!(account_of("*"), None);
        assert_eq!(account_of("12345678901"), None);
        assert_eq!(
            policy_variable("arn:aws:s3:::b/${aws:username}/*"),
            Some("${aws:username}")
        );
        assert_eq!(policy_variable("arn:aws:s3:::b/$x"), None);
        assert!(is_wildcard_only("*") && is_wildcard_only("?*") && !is_wildcard_only("o-*"));
    }
}
