//! Stable fingerprints: what identifies a finding across runs, for baselines and SARIF
//! `partialFingerprints`.
//!
//! A fingerprint hashes the rule code, the resource's kind and id, and a discriminator that tells
//! apart several findings of one rule on one resource: the finding's [`key`](crate::finding::Finding::key)
//! if the rule set one, else the pointer inside an embedded document (a policy statement). It
//! never hashes a file name, a line, a column, an array index of the export or a message, so it
//! survives reordered and re-exported files and edits elsewhere. Findings that still share a
//! fingerprint get `-2`, `-3`, … in report order.

use std::collections::BTreeMap;

use super::Placed;
use crate::finding::Finding;

/// Prefix of the fingerprint scheme; SARIF names it as the `partialFingerprints` key.
pub const SCHEME: &str = "vpclint/v1";

/// FNV-1a, 64 bits: tiny, and fixed by its specification, so fingerprints written by one
/// version of vpclint are read by the next (std's hashers promise no such thing).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The fingerprint of one finding, before duplicates are numbered.
pub fn base(f: &Finding) -> String {
    let discriminator = if f.key.is_empty() {
        f.spot
            .as_ref()
            .and_then(|s| s.target.inner.as_deref())
            .unwrap_or_default()
    } else {
        f.key.as_str()
    };
    let text = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{discriminator}",
        f.rule.code, f.resource.kind, f.resource.id
    );
    format!("{:016x}", fnv1a(text.as_bytes()))
}

/// Gives every finding its fingerprint; `findings` must be in report order.
pub fn assign(findings: &mut [Placed]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for p in findings {
        let b = base(&p.finding);
        let n = seen.entry(b.clone()).or_insert(0);
        *n += 1;
        p.fingerprint = if *n == 1 { b } else { format!("{b}-{n}") };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
