//! Numbers beyond the range of a 64-bit float (`1e400`). serde_json refuses them in the members
//! the loader reads, with a message that names neither the number nor the member, and skips
//! them unchecked in the members it ignores. Both are input errors that name the number.

use serde_json::Value;

/// The first bytes of a string that stands in for a number out of range: DEL, which AWS never
/// writes, then the number's index. The marker has the number's length, so that byte offsets in
/// the patched text are those of the file.
const MARK: char = '\u{7f}';

/// Whether `text` may hold a number out of range: a number token (after `:`, `[`, `,` or
/// white space, before `,`, `]`, `}`, white space or the end) with an exponent of three digits or
/// more. A memchr scan, about a twentieth of the time of a parse, so that every file can be
/// checked; a hit (`"x 1e999 y"` in a description gives one) is confirmed by
/// [`has_number_out_of_range`].
///
/// An integer of more than 308 digits without exponent is out of range too, and is not seen here
/// when it sits in an ignored member: finding it would take a look at every byte.
pub(super) fn may_hold_number_out_of_range(text: &str) -> bool {
    let bytes = text.as_bytes();
    let delimits =
        |b: &u8| b.is_ascii_whitespace() || matches!(b, b':' | b'[' | b',' | b']' | b'}');
    memchr::memchr2_iter(b'e', b'E', bytes).any(|i| {
        // Most `e`s follow a letter: rejected before anything else is looked at.
        let after_digit = i
            .checked_sub(1)
            .and_then(|j| bytes.get(j))
            .is_some_and(|b| b.is_ascii_digit() || *b == b'.');
        if !after_digit {
            return false;
        }
        let mantissa = bytes.get(..i).unwrap_or_default();
        let digits = mantissa
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-'))
            .count();
        // Ids such as `sg-01e999a` have letters before or after.
        let starts_token = digits > 0
            && mantissa
                .len()
                .checked_sub(digits + 1)
                .and_then(|j| mantissa.get(j))
                .is_some_and(delimits);
        let exponent = match bytes.get(i + 1..).unwrap_or_default() {
            [b'+', rest @ ..] => rest,
            rest => rest,
        };
        let exponent_digits = exponent.iter().take_while(|b| b.is_ascii_digit()).count();
        let ends_token = exponent.get(exponent_digits).is_none_or(delimits);
        starts_token && exponent_digits >= 3 && ends_token
    })
}

/// Whether parsing `text` fails on a number out of range.
pub(super) fn has_number_out_of_range(text: &str) -> bool {
    matches!(serde_json::from_str::<Value>(text), Err(e) if is_out_of_range(&e))
}

fn is_out_of_range(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("number out of range")
}

/// A number out of range, found by [`parse`].
pub(super) struct OutOfRange {
    /// Byte offset of its first character.
    pub start: usize,
    /// The number as written.
    pub text: String,
    /// Pointer of the member that holds it, when the rest of the file parsed.
    pub pointer: Option<String>,
}

/// At most this many numbers are reported per file: each costs a parse of the whole file.
const MAX_NUMBERS: usize = 20;

/// Parses `text` into a value, each number out of range replaced by a string marker so that the
/// rest of the file is still read; returns the value (or the first other syntax error) and every
/// number replaced.
pub(super) fn parse(text: &str) -> (Result<Value, serde_json::Error>, Vec<OutOfRange>) {
    let mut patched = text.to_owned();
    let mut numbers: Vec<OutOfRange> = Vec::new();
    loop {
        let e = match serde_json::from_str::<Value>(&patched) {
            Ok(value) => {
                locate_markers(&value, &mut String::new(), &mut numbers);
                return (Ok(value), numbers);
            }
            Err(e) => e,
        };
        let span = is_out_of_range(&e)
            .then(|| number_at(&patched, e.line(), e.column()))
            .flatten();
        let Some((start, end)) = span.filter(|_| numbers.len() < MAX_NUMBERS) else {
            return (Err(e), numbers);
        };
        let marker = format!("\"{MARK}{}", numbers.len());
        let Some(pad) = (end - start).checked_sub(marker.len() + 1) else {
            return (Err(e), numbers);
        };
        numbers.push(OutOfRange {
            start,
            text: patched.get(start..end).unwrap_or_default().to_owned(),
            pointer: None,
        });
        patched.replace_range(start..end, &format!("{marker}{}\"", " ".repeat(pad)));
    }
}

/// The byte span of the number that ends at serde_json's (line, column).
fn number_at(text: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let is_number = |b: &u8| b.is_ascii_digit() || matches!(b, b'e' | b'E' | b'+' | b'-' | b'.');
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let bytes = text.as_bytes();
    let at = (line_start + column).min(bytes.len());
    let start = at
        - bytes
            .get(..at)?
            .iter()
            .rev()
            .take_while(|b| is_number(b))
            .count();
    let end = at + bytes.get(at..)?.iter().take_while(|b| is_number(b)).count();
    (start < end).then_some((start, end))
}

/// Records the pointer of each marker in `value`.
fn locate_markers(value: &Value, pointer: &mut String, numbers: &mut [OutOfRange]) {
    let len = pointer.len();
    match value {
        Value::String(s) => {
            let index = s
                .strip_prefix(MARK)
                .and_then(|rest| rest.trim_end().parse::<usize>().ok());
            if let Some(n) = index.and_then(|i| numbers.get_mut(i)) {
                n.pointer = Some(pointer.clone());
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointer.push_str(&format!("/{i}"));
                locate_markers(item, pointer, numbers);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                locate_markers(item, pointer, numbers);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_small_exponents_are_no_candidates() {
        for text in [
            r#"{"GroupId": "sg-01e999", "Id": "vpce-0a9e4001b"}"#,
            r#"{"A": 1e30, "B": -2.5E-999, "C": "1e400"}"#,
        ] {
            assert!(!may_hold_number_out_of_range(text), "{text}");
        }
        for text in [r#"{"A": 1e400}"#, "[1,-2.5E+999]", r#"{"A":1e0400 }"#] {
            assert!(may_hold_number_out_of_range(text), "{text}");
        }
    }

    #[test]
    fn every_number_out_of_range_is_found_with_its_member() {
        let text = r#"{"A": [1e400, 2], "B": {"C": -9E+999}, "D": 1e300}"#;
        let (value, numbers) = parse(text);
        assert!(value.is_ok());
        let found: Vec<(usize, &str, Option<&str>)> = numbers
            .iter()
            .map(|n| (n.start, n.text.as_str(), n.pointer.as_deref()))
            .collect();
        assert_eq!(
            found,
            vec![(7, "1e400", Some("/A/0")), (29, "-9E+999", Some("/B/C"))]
        );
    }
}
