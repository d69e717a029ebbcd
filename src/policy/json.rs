//! A small JSON parser that keeps the span of every value and member name, and a pretty-printer
//! that keeps member order.
//!
//! `serde_json` gives neither spans nor (without a feature) member order, and a policy finding
//! must name the exact member inside the decoded policy text; policies are at most a few tens of
//! kilobytes, so a direct recursive-descent parser with a depth limit is enough.

use crate::span::{Decoded, Span};

/// How deep arrays and objects may nest before the parser gives up; IAM policies nest four or
/// five levels, so this only stops hostile input from exhausting the stack.
const MAX_DEPTH: usize = 64;

/// A JSON value with its span in the parsed text.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// What it is.
    pub kind: Kind,
    /// Byte span of the whole value (quotes and brackets included).
    pub span: Span,
}

/// The kinds of JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, decoded.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, members in written order (duplicates kept).
    Object(Vec<Member>),
}

/// One member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The decoded name.
    pub key: String,
    /// Span of the name, quotes included.
    pub key_span: Span,
    /// The value.
    pub value: Value,
}

/// Why a text is not JSON, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the offending character (the text's length at the end of input).
    pub offset: usize,
    /// What was wrong, as a sentence fragment.
    pub message: String,
}

impl Value {
    /// The value's name in messages: `an object`, `a string`, ….
    pub fn describe(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Parses `text` as one JSON document.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    if text.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    p.ws();
    let value = p.value(0)?;
    p.ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected text after the end of the document"));
    }
    Ok(value)
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError {
            // A string ending in a lone backslash steps past the end.
            offset: self.pos.min(self.bytes.len()),
            message: message.to_owned(),
        }
    }

    fn ws(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        let start = self.pos;
        let kind = match self.peek() {
            None => return Err(self.error("unexpected end of the document, expected a value")),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Kind::String(self.string()?),
            Some(b't') => self.literal("true", Kind::Bool(true))?,
            Some(b'f') => self.literal("false", Kind::Bool(false))?,
            Some(b'n') => self.literal("null", Kind::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.error("expected a value")),
        };
        Ok(Value {
            kind,
            span: Span {
                start,
                end: self.pos,
            },
        })
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Result<Kind, SyntaxError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn number(&mut self) -> Result<Kind, SyntaxError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos - from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let first = self.peek();
        let n = digits(self);
        if n == 0 {
            return Err(self.error("expected a digit"));
        }
        if first == Some(b'0') && n > 1 {
            self.pos = start + usize::from(self.bytes.get(start) == Some(&b'-')) + 1;
            return Err(self.error("a number cannot have a leading zero"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.error("expected a digit after the decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        Ok(Kind::Number(
            self.text
                .get(start..self.pos)
                .unwrap_or_default()
                .to_owned(),
        ))
    }

    /// A string at `pos` (the opening quote); returns it decoded.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        let body_start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => break,
                Some(b'\\') => self.pos += 2,
                Some(c) if c < 0x20 => {
                    return Err(self.error("control character inside a string; escape it"))
                }
                Some(_) => self.pos += 1,
            }
        }
        let body = self.text.get(body_start..self.pos).unwrap_or_default();
        let Some(decoded) = Decoded::new(body) else {
            self.pos = bad_escape(body).map_or(body_start, |i| body_start + i);
            return Err(self.error("invalid escape sequence in a string"));
        };
        self.pos += 1;
        Ok(decoded.text)
    }

    fn array(&mut self, depth: usize) -> Result<Kind, SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.error("arrays and objects nested too deeply"));
        }
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Kind::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Kind::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Kind, SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.error("arrays and objects nested too deeply"));
        }
        self.pos += 1;
        let mut members = Vec::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Kind::Object(members));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a member name in double quotes"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span {
                start: key_start,
                end: self.pos,
            };
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:` after the member name"));
            }
            self.pos += 1;
            self.ws();
            let value = self.value(depth + 1)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Kind::Object(members));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }
}

/// Offset of the first invalid escape in a string body.
fn bad_escape(body: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(rel) = body.get(i..)?.find('\\') {
        let at = i + rel;
        let rest = body.get(at..)?;
        let len = if rest.get(1..2) == Some("u") {
            // A surrogate pair is one escape of 12 bytes.
            let pair = rest.get(2..4).is_some_and(|h| {
                h.eq_ignore_ascii_case("d8")
                    || h.eq_ignore_ascii_case("d9")
                    || h.eq_ignore_ascii_case("da")
                    || h.eq_ignore_ascii_case("db")
            });
            if pair {
                12
            } else {
                6
            }
        } else {
            2
        };
        let unit = rest.get(..len.min(rest.len())).unwrap_or(rest);
        if Decoded::new(unit).is_none() {
            return Some(at);
        }
        i = at + unit.len();
    }
    None
}

/// `value` as indented JSON (4 spaces, member order kept), the way the AWS CLI prints documents.
pub fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write_pretty(value, 0, &mut out);
    out.push('\n');
    out
}

fn write_pretty(value: &Value, indent: usize, out: &mut String) {
    let pad = |n: usize, out: &mut String| out.extend(std::iter::repeat_n(' ', n * 4));
    match &value.kind {
        Kind::Null => out.push_str("null"),
        Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Kind::Number(n) => out.push_str(n),
        Kind::String(s) => write_string(s, out),
        Kind::Array(items) if items.is_empty() => out.push_str("[]"),
        Kind::Object(members) if members.is_empty() => out.push_str("{}"),
        Kind::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(indent + 1, out);
                write_pretty(item, indent + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(indent, out);
            out.push(']');
        }
        Kind::Object(members) => {
            out.push_str("{\n");
            for (i, m) in members.iter().enumerate() {
                pad(indent + 1, out);
                write_string(&m.key, out);
                out.push_str(": ");
                write_pretty(&m.value, indent + 1, out);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            pad(indent, out);
            out.push('}');
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, span: Span) -> &str {
        &text[span.start..span.end]
    }

    #[test]
    fn spans_of_members_and_values() {
        let text = r#" {"a": [1, -2.5e3, "x\"y"], "b\u0041": {"c": null, "d": true}} "#;
        let v = parse(text).expect("valid");
        let Kind::Object(members) = &v.kind else {
            panic!("object")
        };
        assert_eq!(at(text, v.span), text.trim());
        assert_eq!(at(text, members[0].key_span), r#""a""#);
        assert_eq!(at(text, members[0].value.span), r#"[1, -2.5e3, "x\"y"]"#);
        assert_eq!(members[1].key, "bA");
        let Kind::Array(items) = &members[0].value.kind else {
            panic!("array")
        };
        assert_eq!(items[1].kind, Kind::Number("-2.5e3".into()));
        assert_eq!(items[2].as_str(), Some("x\"y"));
    }

    #[test]
    fn errors_point_at_the_offending_character() {
        for (text, offset, message) in [
            (r#"{"a": 1,}"#, 8, "expected a member name in double quotes"),
            (r#"{"a" 1}"#, 5, "expected `:` after the member name"),
            (r#"{"a": 1"#, 7, "expected `,` or `}`"),
            ("[1 2]", 3, "expected `,` or `]`"),
            ("[01]", 2, "a number cannot have a leading zero"),
            (r#"["a\qb"]"#, 3, "invalid escape sequence in a string"),
            ("{} x", 3, "unexpected text after the end of the document"),
            ("", 0, "unexpected end of the document, expected a value"),
            ("[tru]", 1, "expected a value"),
            (
                "\"a\nb\"",
                2,
                "control character inside a string; escape it",
            ),
            // Found by the `policy` fuzz target: a lone backslash at the end stepped past it.
            ("{\"a\\", 4, "unterminated string"),
        ] {
            let e = parse(text).expect_err("invalid");
            assert_eq!(
                (e.offset, e.message.as_str()),
                (offset, message),
                "{text:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        let e = parse(&text).expect_err("too deep");
        assert_eq!(e.message, "arrays and objects nested too deeply");
    }

    #[test]
    fn pretty_keeps_order_and_escapes() {
        let v = parse(r#"{"Version":"2012-10-17","Statement":[{"Sid":"a\"b","N":[],"O":{}}]}"#)
            .expect("valid");
        assert_eq!(
            pretty(&v),
            "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Sid\": \"a\\\"b\",\n            \"N\": [],\n            \"O\": {}\n        }\n    ]\n}\n"
        );
        assert_eq!(parse(&pretty(&v)).map(|p| pretty(&p)), Ok(pretty(&v)));
    }
}
