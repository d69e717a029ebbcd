//! The span target: a random JSON document holding a random document as an escaped string (once
//! or twice, as API Gateway does), written with random escapes and whitespace; every span the
//! locator returns must slice the file, on character boundaries, to the text it claims. Also the
//! string decoder's span mapping on its own, and the locator on any text with any pointers.

use arbitrary::{Arbitrary, Unstructured};
use serde_json::Value;
use vpclint::span::{escaped_again, locate_all, Decoded, Part, Span, Target};

use crate::invariants::span_in;

/// A JSON value, as `arbitrary` builds it.
#[derive(Arbitrary, Debug, Clone)]
pub enum J {
    /// `null`
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<J>),
    /// An object (names may repeat).
    Obj(Vec<(String, J)>),
}

/// How the text is written.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Style {
    /// Indentation: none (compact), or this many spaces (tabs when odd).
    indent: u8,
    /// Write every non-ASCII character as `\uXXXX` (surrogate pairs above the BMP).
    ascii: bool,
    /// Write `/` as `\/`.
    slash: bool,
    /// CRLF line ends.
    crlf: bool,
}

fn escape(s: &str, style: Style, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if style.slash => out.push_str("\\/"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (style.ascii && !c.is_ascii()) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write(j: &J, style: Style, level: usize, out: &mut String) {
    let newline = |level: usize, out: &mut String| {
        if style.indent > 0 {
            out.push_str(if style.crlf { "\r\n" } else { "\n" });
            let unit = if style.indent % 2 == 1 { "\t" } else { " " };
            for _ in 0..level * usize::from(style.indent % 5) {
                out.push_str(unit);
            }
        }
    };
    match j {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Int(i) => out.push_str(&i.to_string()),
        J::Str(s) => escape(s, style, out),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(level + 1, out);
                write(item, style, level + 1, out);
            }
            if !items.is_empty() {
                newline(level, out);
            }
            out.push(']');
        }
        J::Obj(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(level + 1, out);
                escape(k, style, out);
                out.push_str(if style.indent > 0 { ": " } else { ":" });
                write(v, style, level + 1, out);
            }
            if !members.is_empty() {
                newline(level, out);
            }
            out.push('}');
        }
    }
}

fn segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Every pointer of `v` with its value (a repeated name: serde_json keeps the last, as the
/// locator does).
fn pointers(v: &Value, prefix: String, out: &mut Vec<(String, Value)>) {
    out.push((prefix.clone(), v.clone()));
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{prefix}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                pointers(item, format!("{prefix}/{}", segment(k)), out);
            }
        }
        _ => {}
    }
}

fn last_segment(pointer: &str) -> Option<String> {
    let (_, last) = pointer.rsplit_once('/')?;
    Some(last.replace("~1", "/").replace("~0", "~"))
}

/// The document a string holds, as the policy loader reads it: its text, or the text decoded
/// once more when it is escaped again.
fn inner_text(s: &str) -> String {
    escaped_again(s).map_or_else(|| s.to_owned(), |d| d.text)
}

/// Decodes a JSON string body taken from the file, once per level of embedding.
fn decode_levels(raw: &str, levels: usize) -> Option<String> {
    let mut text = raw.to_owned();
    for _ in 0..levels {
        text = Decoded::new(&text)?.text;
    }
    Some(text)
}

/// The structured case.
#[derive(Arbitrary, Debug)]
struct Embedded {
    outer: Vec<(String, J)>,
    at: u8,
    name: String,
    inner: J,
    twice: bool,
    outer_style: Style,
    inner_style: Style,
    offsets: Vec<u16>,
}

fn embedded(e: Embedded) {
    // The inner document, as the producer wrote it, then as a string (twice escaped: the string
    // of a string, as API Gateway prints a REST API's policy).
    let mut inner = String::new();
    write(&e.inner, e.inner_style, 0, &mut inner);
    let mut held = inner.clone();
    if e.twice {
        let mut s = String::new();
        escape(&held, e.inner_style, &mut s);
        held = s[1..s.len() - 1].to_owned();
    }
    let mut members = e.outer;
    let i = usize::from(e.at) % (members.len() + 1);
    members.insert(i, (e.name.clone(), J::Str(held.clone())));
    let mut text = String::new();
    write(&J::Obj(members), e.outer_style, 0, &mut text);
    let doc = match serde_json::from_str::<Value>(&text) {
        Ok(doc) => doc,
        // serde_json stops at 128 levels; the locator has no limit.
        Err(e) if e.to_string().contains("recursion limit") => return,
        Err(e) => panic!("the writer wrote no JSON ({e}): {text}"),
    };
    // Every value and member name of the file.
    let mut all = Vec::new();
    pointers(&doc, String::new(), &mut all);
    let targets: Vec<Target> = all
        .iter()
        .flat_map(|(p, _)| {
            [Part::Value, Part::Key].map(|part| Target {
                pointer: p.clone(),
                inner: None,
                part,
            })
        })
        .collect();
    let spans = locate_all(&text, &targets);
    for (t, span) in targets.iter().zip(&spans) {
        let Some(span) = *span else {
            panic!(
                "`{}` ({:?}) is in the file but not located",
                t.pointer, t.part
            );
        };
        span_in(&text, span, "outer");
        let slice = &text[span.start..span.end];
        let expected = &all.iter().find(|(p, _)| *p == t.pointer).expect("listed").1;
        let parent = t.pointer.rsplit_once('/').map(|(p, _)| p);
        let named = parent
            .and_then(|p| doc.pointer(p))
            .is_some_and(Value::is_object);
        match (t.part, last_segment(&t.pointer)) {
            (Part::Key, Some(name)) if named => {
                let key: Value = serde_json::from_str(slice).unwrap_or_else(|err| {
                    panic!("the name of `{}` sliced to `{slice}`: {err}", t.pointer)
                });
                assert_eq!(key, Value::String(name), "the name of `{}`", t.pointer);
            }
            _ => {
                let v: Value = serde_json::from_str(slice)
                    .unwrap_or_else(|err| panic!("`{}` sliced to `{slice}`: {err}", t.pointer));
                assert_eq!(&v, expected, "the value of `{}`", t.pointer);
            }
        }
    }
    // The embedded document, where the string that the file keeps under the name holds it
    // (the last member of that name).
    let pointer = format!("/{}", segment(&e.name));
    let Some(Value::String(held)) = doc.pointer(&pointer) else {
        return;
    };
    let levels = if escaped_again(held).is_some() { 2 } else { 1 };
    let inner_doc = inner_text(held);
    let Ok(inner_value) = serde_json::from_str::<Value>(&inner_doc) else {
        return;
    };
    let mut inner_all = Vec::new();
    pointers(&inner_value, String::new(), &mut inner_all);
    let mut targets: Vec<Target> = inner_all
        .iter()
        .map(|(p, _)| Target {
            pointer: pointer.clone(),
            inner: Some(p.clone()),
            part: Part::Value,
        })
        .collect();
    let offsets: Vec<usize> = e.offsets.iter().map(|o| usize::from(*o)).collect();
    targets.extend(offsets.iter().map(|o| Target {
        pointer: pointer.clone(),
        inner: Some(String::new()),
        part: Part::Offset(*o),
    }));
    let spans = locate_all(&text, &targets);
    for ((t, span), (p, expected)) in targets.iter().zip(&spans).zip(&inner_all) {
        let Some(span) = *span else {
            panic!("`{pointer}` then `{p}` is in the embedded document but not located");
        };
        span_in(&text, span, "embedded");
        let raw = &text[span.start..span.end];
        let Some(decoded) = decode_levels(raw, levels) else {
            panic!("`{p}` of the embedded document sliced to `{raw}`, which does not decode");
        };
        let v: Value = serde_json::from_str(&decoded).unwrap_or_else(|err| {
            panic!("`{p}` of the embedded document sliced to `{raw}` = `{decoded}`: {err}")
        });
        assert_eq!(
            &v,
            expected,
            "the embedded value of `{}`",
            t.inner.as_deref().unwrap_or("")
        );
    }
    for (t, span) in targets.iter().zip(&spans).skip(inner_all.len()) {
        let Some(span) = *span else {
            panic!("{:?} of the embedded document not located", t.part);
        };
        span_in(&text, span, "embedded offset");
    }
}

/// The decoder's span mapping: a decoded span maps to raw text that decodes to the same text.
#[derive(Arbitrary, Debug)]
struct Mapping {
    text: String,
    style: Style,
    spans: Vec<(u16, u16)>,
}

fn mapping(m: Mapping) {
    let mut literal = String::new();
    escape(&m.text, m.style, &mut literal);
    let raw = &literal[1..literal.len() - 1];
    let Some(d) = Decoded::new(raw) else {
        panic!("a string the writer escaped does not decode: {raw}");
    };
    assert_eq!(d.text, m.text, "decoding does not give the text back");
    for (a, b) in m.spans {
        let (mut a, mut b) = (
            usize::from(a).min(d.text.len()),
            usize::from(b).min(d.text.len()),
        );
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        while !d.text.is_char_boundary(a) {
            a -= 1;
        }
        while !d.text.is_char_boundary(b) {
            b += 1;
        }
        let mapped = d.map_span(Span { start: a, end: b });
        span_in(raw, mapped, "mapped span");
        let again = Decoded::new(&raw[mapped.start..mapped.end])
            .unwrap_or_else(|| panic!("mapped span {mapped:?} of `{raw}` does not decode"));
        assert_eq!(
            again.text,
            d.text[a..b],
            "span {a}..{b} maps to {mapped:?} of `{raw}`"
        );
    }
}

/// Any text, any targets: no panic, and spans inside the text on character boundaries.
#[derive(Arbitrary, Debug)]
struct Raw {
    text: String,
    targets: Vec<(String, Option<String>, u8, u16)>,
}

fn raw(r: Raw) {
    let targets: Vec<Target> = r
        .targets
        .into_iter()
        .map(|(pointer, inner, part, offset)| Target {
            pointer,
            inner,
            part: match part % 3 {
                0 => Part::Value,
                1 => Part::Key,
                _ => Part::Offset(usize::from(offset)),
            },
        })
        .collect();
    for span in locate_all(&r.text, &targets).into_iter().flatten() {
        span_in(&r.text, span, "raw");
    }
}

/// The span target: the first byte picks the case.
pub fn span(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let mut u = Unstructured::new(rest);
    match pick % 4 {
        0 | 1 => {
            if let Ok(e) = Embedded::arbitrary(&mut u) {
                embedded(e);
            }
        }
        2 => {
            if let Ok(m) = Mapping::arbitrary(&mut u) {
                mapping(m);
            }
        }
        _ => {
            if let Ok(r) = Raw::arbitrary(&mut u) {
                raw(r);
            }
        }
    }
}
