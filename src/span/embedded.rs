//! Decoding a JSON string literal while remembering where each decoded byte came
//! from, so positions found in an embedded document can be reported in the file.

use crate::span::Span;

/// A JSON string literal's decoded text and, for each decoded byte, the byte
/// offset in the raw literal where the character (or escape sequence) that
/// produced it starts; one extra final entry = offset just past the last raw char.
///
/// Every byte of a multi-byte character maps to the start of that character,
/// whether it was written literally or as `\uXXXX` (a surrogate pair maps to
/// the start of its first escape). Since each raw character or escape yields
/// exactly one decoded character, character starts are strictly increasing,
/// which is what lets [`Decoded::map_span`] find where a character's escape ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded string.
    pub text: String,
    /// `text.len() + 1` entries; see the type documentation.
    offsets: Vec<usize>,
}

impl Decoded {
    /// `raw` is the literal WITHOUT its surrounding quotes, exactly as in the file.
    ///
    /// Returns `None` when `raw` is not a valid JSON string body: an unknown or
    /// truncated escape, a lone or mismatched surrogate, an unescaped `"`, or an
    /// unescaped control character (all of which `serde_json` rejects too).
    #[must_use]
    pub fn new(raw: &str) -> Option<Decoded> {
        let mut text = String::with_capacity(raw.len());
        let mut offsets = Vec::with_capacity(raw.len() + 1);
        decode_into(raw, &mut text, Some(&mut offsets)).then_some(Decoded { text, offsets })
    }

    /// Raw offset (relative to `raw`) of the char containing decoded byte `i`;
    /// for `i == text.len()`, the raw end. Larger `i` clamp to the raw end so a
    /// stale index degrades to "end of string" instead of panicking.
    #[must_use]
    pub fn raw_offset(&self, i: usize) -> usize {
        self.offsets
            .get(i)
            .or(self.offsets.last())
            .copied()
            .unwrap_or(0)
    }

    /// Maps a span in the decoded text to a span in raw: start -> start of the
    /// escape that produced the first char, end -> end of the escape that
    /// produced the last char.
    ///
    /// Offsets inside a multi-byte character widen to the whole character, and
    /// offsets past the end clamp to it; an empty span stays empty.
    #[must_use]
    pub fn map_span(&self, span: Span) -> Span {
        let len = self.text.len();
        let start = span.start.min(len);
        let end = span.end.min(len).max(start);
        let raw_start = self.raw_offset(start);
        if end == start {
            return Span {
                start: raw_start,
                end: raw_start,
            };
        }
        // The last character's escape ends where the next character's begins;
        // skip the remaining bytes of the last character, which share its start.
        let last = self.raw_offset(end - 1);
        let mut next = end;
        while next < len && self.raw_offset(next) == last {
            next += 1;
        }
        Span {
            start: raw_start,
            end: self.raw_offset(next),
        }
    }
}

/// The document inside `text` when `text` is not a JSON document but the body of
/// a JSON string holding one: an object or array whose first member starts with a
/// backslash (`{\"Version\": ...}`, `{\n  \"Version\"...`). No JSON document
/// can start that way, since only whitespace, `"`, `}` or `]` (or a value, in an
/// array) may follow the opening bracket; so the test never mistakes a document
/// for an escaped one. `None` when `text` is not escaped or does not decode.
#[must_use]
pub fn escaped_again(text: &str) -> Option<Decoded> {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let rest = text.trim_start_matches(is_ws);
    let rest = rest.strip_prefix('{').or_else(|| rest.strip_prefix('['))?;
    if !rest.trim_start_matches(is_ws).starts_with('\\') {
        return None;
    }
    Decoded::new(text)
}

/// Decodes the JSON string body `raw` by appending to `out`; with `offsets`,
/// also appends one raw start offset per decoded byte plus the final raw end.
///
/// Shared with the locator, which needs the same validation and decoding for
/// member names without paying for an offset table. Returns `false` on invalid
/// input; `out` and `offsets` then hold a partial result.
pub(crate) fn decode_into(raw: &str, out: &mut String, offsets: Option<&mut Vec<usize>>) -> bool {
    decode_impl(raw, out, offsets).is_some()
}

fn decode_impl(raw: &str, out: &mut String, mut offsets: Option<&mut Vec<usize>>) -> Option<()> {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\\' {
            let start = i;
            let (ch, len) = decode_escape(bytes, i)?;
            i += len;
            let before = out.len();
            out.push(ch);
            if let Some(offsets) = offsets.as_deref_mut() {
                offsets.resize(offsets.len() + (out.len() - before), start);
            }
        } else if c == b'"' || c < 0x20 {
            return None;
        } else {
            // Copy a whole run of literal text at once: escapes are rare in most
            // strings, and the run ends on an ASCII byte, hence a char boundary.
            let run = bytes[i..]
                .iter()
                .position(|&b| b == b'\\' || b == b'"' || b < 0x20)
                .map_or(bytes.len(), |n| i + n);
            let literal = raw.get(i..run)?;
            out.push_str(literal);
            if let Some(offsets) = offsets.as_deref_mut() {
                for (at, ch) in literal.char_indices() {
                    offsets.resize(offsets.len() + ch.len_utf8(), i + at);
                }
            }
            i = run;
        }
    }
    if let Some(offsets) = offsets {
        offsets.push(bytes.len());
    }
    Some(())
}

/// Decodes the escape starting at the backslash `bytes[i]`; returns the
/// character and the raw length consumed (a surrogate pair is one 12-byte unit).
fn decode_escape(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let ch = match *bytes.get(i + 1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let first = hex4(bytes, i + 2)?;
            return match first {
                0xD800..=0xDBFF => {
                    if bytes.get(i + 6..i + 8)? != b"\\u" {
                        return None;
                    }
                    let second = hex4(bytes, i + 8)?;
                    if !(0xDC00..=0xDFFF).contains(&second) {
                        return None;
                    }
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    Some((char::from_u32(code)?, 12))
                }
                0xDC00..=0xDFFF => None,
                _ => Some((char::from_u32(first)?, 6)),
            };
        }
        _ => return None,
    };
    Some((ch, 2))
}

fn hex4(bytes: &[u8], i: usize) -> Option<u32> {
    bytes.get(i..i + 4)?.iter().try_fold(0u32, |acc, &b| {
        let digit = char::from(b).to_digit(16)?;
        Some(acc * 16 + digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(raw: &str) -> Decoded {
        Decoded::new(raw).expect("valid literal")
    }

    /// Raw slice covering the decoded span.
    fn raw_of<'a>(raw: &'a str, d: &Decoded, start: usize, end: usize) -> &'a str {
        let s = d.map_span(Span { start, end });
        &raw[s.start..s.end]
    }

    #[test]
    fn simple_escapes_decode_and_map() {
        let raw = r#"a\"b\\c\/d\be\ff\ng\rh\ti"#;
        let d = dec(raw);
        assert_eq!(d.text, "a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti");
        // Each escaped char maps to its two raw bytes, each letter to itself.
        let expected = [
            "a", r#"\""#, "b", r"\\", "c", r"\/", "d", r"\b", "e", r"\f", "f", r"\n", "g", r"\r",
            "h", r"\t", "i",
        ];
        for (i, want) in expected.iter().enumerate() {
            assert_eq!(raw_of(raw, &d, i, i + 1), *want, "decoded byte {i}");
        }
        assert_eq!(d.raw_offset(d.text.len()), raw.len());
    }

    #[test]
    fn unicode_escape_two_byte_char() {
        let raw = r"x\u00e9y";
        let d = dec(raw);
        assert_eq!(d.text, "xéy");
        assert_eq!(d.text.len(), 4);
        assert_eq!(d.raw_offset(1), 1);
        assert_eq!(
            d.raw_offset(2),
            1,
            "second byte of é maps to the escape start"
        );
        assert_eq!(d.raw_offset(3), 7);
        assert_eq!(
            d.map_span(Span { start: 1, end: 3 }),
            Span { start: 1, end: 7 }
        );
        // A span ending inside é widens to the whole escape.
        assert_eq!(
            d.map_span(Span { start: 0, end: 2 }),
            Span { start: 0, end: 7 }
        );
        assert_eq!(raw_of(raw, &d, 0, 4), raw);
    }

    #[test]
    fn uppercase_hex_and_ascii_unicode_escape() {
        let d = dec(r"\u00C9\u0041");
        assert_eq!(d.text, "ÉA");
        assert_eq!(
            d.map_span(Span { start: 2, end: 3 }),
            Span { start: 6, end: 12 }
        );
    }

    #[test]
    fn surrogate_pair() {
        let raw = r"a\ud83d\ude00b";
        let d = dec(raw);
        assert_eq!(d.text, "a😀b");
        assert_eq!(d.text.len(), 6);
        for i in 1..5 {
            assert_eq!(d.raw_offset(i), 1);
        }
        assert_eq!(d.raw_offset(5), 13);
        assert_eq!(
            d.map_span(Span { start: 1, end: 5 }),
            Span { start: 1, end: 13 }
        );
        assert_eq!(raw_of(raw, &d, 1, 5), r"\ud83d\ude00");
        assert_eq!(raw_of(raw, &d, 5, 6), "b");
    }

    #[test]
    fn literal_multibyte_maps_byte_for_byte() {
        let raw = "aé日😀\\n";
        let d = dec(raw);
        assert_eq!(d.text, "aé日😀\n");
        assert_eq!(raw_of(raw, &d, 1, 3), "é");
        assert_eq!(raw_of(raw, &d, 3, 6), "日");
        assert_eq!(raw_of(raw, &d, 6, 10), "😀");
        assert_eq!(raw_of(raw, &d, 10, 11), "\\n");
        assert_eq!(
            d.map_span(Span { start: 1, end: 3 }),
            Span { start: 1, end: 3 }
        );
        // Inside a literal char, offsets report the char start.
        assert_eq!(d.raw_offset(2), 1);
    }

    #[test]
    fn invalid_literals_are_rejected() {
        for raw in [
            r"\x",
            "\\",
            r"\u12",
            r"\u12g4",
            r"\ud83d",
            r"\ud83dx",
            r"\ud83d\u0041",
            r"\ude00",
            r"\ude00\ud83d",
            "a\"b",
            "a\nb",
            "\u{1}",
        ] {
            assert!(Decoded::new(raw).is_none(), "{raw:?} should be rejected");
        }
    }

    #[test]
    fn empty_and_clamping() {
        let d = dec("");
        assert_eq!(d.text, "");
        assert_eq!(d.raw_offset(0), 0);
        assert_eq!(d.raw_offset(99), 0);
        let d = dec(r"a\n");
        assert_eq!(d.raw_offset(99), 3);
        assert_eq!(
            d.map_span(Span { start: 5, end: 9 }),
            Span { start: 3, end: 3 }
        );
        assert_eq!(
            d.map_span(Span { start: 1, end: 1 }),
            Span { start: 1, end: 1 }
        );
        // Reversed spans collapse instead of panicking.
        assert_eq!(
            d.map_span(Span { start: 2, end: 1 }),
            Span { start: 3, end: 3 }
        );
    }

    /// Decodes, maps every decoded char back, and re-decodes the raw slice:
    /// it must give back exactly that char, at exactly the generated position.
    #[test]
    fn round_trip_property() {
        let pieces: &[(&str, char)] = &[
            ("a", 'a'),
            ("Z", 'Z'),
            (" ", ' '),
            (":", ':'),
            ("{", '{'),
            ("\\\"", '"'),
            ("\\\\", '\\'),
            ("\\/", '/'),
            ("\\b", '\u{8}'),
            ("\\f", '\u{c}'),
            ("\\n", '\n'),
            ("\\r", '\r'),
            ("\\t", '\t'),
            ("\\u0000", '\0'),
            ("\\u00e9", 'é'),
            ("\\u00E9", 'é'),
            ("\\u20ac", '€'),
            ("\\uFFFF", '\u{FFFF}'),
            ("\\ud83d\\ude00", '😀'),
            ("\\uDBFF\\uDFFF", '\u{10FFFF}'),
            ("é", 'é'),
            ("日", '日'),
            ("😀", '😀'),
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..500 {
            let count = (next() % 40) as usize;
            let mut raw = String::new();
            let mut expected = Vec::new();
            for _ in 0..count {
                let (piece, ch) = pieces[(next() % pieces.len() as u64) as usize];
                expected.push((raw.len(), raw.len() + piece.len(), ch));
                raw.push_str(piece);
            }
            let d = dec(&raw);
            let chars: Vec<(usize, char)> = d.text.char_indices().collect();
            assert_eq!(chars.len(), expected.len(), "round {round}: {raw:?}");
            for (&(at, ch), &(raw_start, raw_end, want)) in chars.iter().zip(&expected) {
                assert_eq!(ch, want);
                let span = d.map_span(Span {
                    start: at,
                    end: at + ch.len_utf8(),
                });
                assert_eq!(
                    span,
                    Span {
                        start: raw_start,
                        end: raw_end
                    },
                    "round {round}: {raw:?} char {ch:?}"
                );
                let again = dec(&raw[span.start..span.end]);
                assert_eq!(again.text, ch.to_string());
            }
            assert_eq!(d.raw_offset(d.text.len()), raw.len());
        }
    }

    #[test]
    fn escaped_again_only_for_string_bodies() {
        let once = r#"{\"Version\":\"2012-10-17\",\"R\":\"a\/*\"}"#;
        let d = escaped_again(once).expect("an escaped document");
        assert_eq!(d.text, r#"{"Version":"2012-10-17","R":"a/*"}"#);
        let pretty = "{\\n  \\\"A\\\": 1\\n}";
        assert_eq!(
            escaped_again(pretty).expect("escaped").text,
            "{\n  \"A\": 1\n}"
        );
        for not_escaped in [r#"{"A": 1}"#, " [1, 2]", "{}", "", "words", r#"\"{}"#] {
            assert!(escaped_again(not_escaped).is_none(), "{not_escaped:?}");
        }
        assert!(escaped_again(r#"{\x}"#).is_none(), "undecodable");
    }

    #[test]
    fn decode_into_without_offsets_matches() {
        let raw = r#"p\u00e9\"q\ud83d\ude00"#;
        let mut out = String::from("keep:");
        assert!(decode_into(raw, &mut out, None));
        assert_eq!(out, format!("keep:{}", dec(raw).text));
    }
}
