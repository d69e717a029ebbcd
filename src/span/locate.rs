//! Resolving many JSON pointers in one forward pass over a text.
//!
//! The requested pointers are merged into a trie. The scanner walks the text
//! once, parsing structure only inside containers that lie on some requested
//! path; every other value is skipped by a byte loop that tracks nothing but
//! string state and bracket nesting. Both the descent and the skipping are
//! iterative, so nesting depth (100,000 `[` is a legal, if hostile, file) costs
//! heap, never stack.

use crate::span::embedded::{decode_into, escaped_again, Decoded};
use crate::span::{Part, Span, Target};

/// Locates every target in `text` in one pass over the text (plus one decode per
/// distinct embedded string). Result `i` belongs to `targets[i]`; `None` when the
/// pointer does not exist or the text is not valid JSON there.
///
/// Also `None`: a malformed pointer (non-empty without a leading `/`, or a `~`
/// not followed by `0` or `1`), an `inner` pointer whose outer value is not a
/// string or does not decode, and any target not fully read before the first
/// syntax error on a requested path (see the module docs of `span`).
#[must_use]
pub fn locate_all(text: &str, targets: &[Target]) -> Vec<Option<Span>> {
    // The outer string of an embedded document is needed whole; `part` is
    // applied to the inner pointer below. An offset is applied to the value
    // once it is found.
    let outer: Vec<Request> = targets
        .iter()
        .map(|t| Request {
            pointer: &t.pointer,
            part: match (&t.inner, t.part) {
                (Some(_), _) | (None, Part::Offset(_)) => Part::Value,
                (None, part) => part,
            },
            decoded_later: t.inner.is_some(),
        })
        .collect();
    let mut results = locate_pointers(text, &outer);

    let mut embedded: Vec<(Span, usize, &str)> = Vec::new();
    for (i, target) in targets.iter().enumerate() {
        match (&target.inner, target.part) {
            (Some(inner), _) => {
                if let Some(span) = results[i].take() {
                    embedded.push((span, i, inner.as_str()));
                }
            }
            (None, Part::Offset(offset)) => {
                results[i] = results[i].and_then(|value| {
                    let raw = text.get(value.start..value.end)?;
                    let at = point(raw, offset);
                    Some(Span {
                        start: value.start + at.start,
                        end: value.start + at.end,
                    })
                });
            }
            (None, _) => {}
        }
    }
    // Sorting groups targets sharing one string, so each string decodes once.
    embedded.sort_unstable();
    for group in embedded.chunk_by(|a, b| a.0 == b.0) {
        let Some(&(span, _, _)) = group.first() else {
            continue;
        };
        let Some(raw) = string_body(text, span) else {
            continue;
        };
        let Some(decoded) = Decoded::new(raw) else {
            continue;
        };
        // A document escaped twice is decoded once more; its spans map back
        // through the second decoding first.
        let twice = escaped_again(&decoded.text);
        let document = twice.as_ref().map_or(decoded.text.as_str(), |d| &d.text);
        let to_raw = |s: Span| {
            let s = twice.as_ref().map_or(s, |d| d.map_span(s));
            let raw_span = decoded.map_span(s);
            // `raw` starts one byte after the opening quote.
            Span {
                start: span.start + 1 + raw_span.start,
                end: span.start + 1 + raw_span.end,
            }
        };
        let by_pointer: Vec<&(Span, usize, &str)> = group
            .iter()
            .filter(|(_, i, _)| !matches!(targets[*i].part, Part::Offset(_)))
            .collect();
        let requests: Vec<Request> = by_pointer
            .iter()
            .map(|&&(_, i, inner)| Request {
                pointer: inner,
                part: targets[i].part,
                decoded_later: false,
            })
            .collect();
        let found = locate_pointers(document, &requests);
        for (&&(_, i, _), found) in by_pointer.iter().zip(found) {
            results[i] = found.map(to_raw);
        }
        for &(_, i, _) in group {
            if let Part::Offset(offset) = targets[i].part {
                results[i] = Some(to_raw(point(document, offset)));
            }
        }
    }
    results
}

/// The one-character span at byte `offset` of `text` (clamped to the end, where
/// it is empty; inside a character, the whole character).
fn point(text: &str, offset: usize) -> Span {
    let mut start = offset.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let len = text
        .get(start..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8);
    Span {
        start,
        end: start + len,
    }
}

/// The text between the quotes if `span` covers a string literal.
fn string_body(text: &str, span: Span) -> Option<&str> {
    let literal = text.get(span.start..span.end)?;
    literal.strip_prefix('"')?.strip_suffix('"')
}

/// One pointer for [`locate_pointers`].
struct Request<'p> {
    pointer: &'p str,
    part: Part,
    /// The caller decodes this string value itself (an embedded document), so
    /// validating it here would decode it twice.
    decoded_later: bool,
}

/// One-level version of [`locate_all`]: plain pointers, no embedded documents.
fn locate_pointers(text: &str, requests: &[Request]) -> Vec<Option<Span>> {
    let mut results = vec![None; requests.len()];
    if requests.is_empty() {
        return results;
    }
    let trie = Trie::build(requests);
    let mut scan = Scan {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        trie: &trie,
        requests,
        results: &mut results,
        clock: 0,
        entered: vec![0; trie.nodes.len()],
        recorded: vec![0; requests.len()],
        stack: Vec::new(),
        kinds: Vec::new(),
        scratch: String::new(),
    };
    // A syntax error only ends the scan early: what was resolved before it is
    // still right, everything else stays `None`.
    let _ = scan.run();
    scan.drop_replaced();
    results
}

/// Requested pointers merged by common prefix. Node 0 is the document root,
/// and every node comes after its parent.
struct Trie {
    nodes: Vec<Node>,
}

struct Node {
    /// Child segments as member names, sorted by bytes for binary search.
    keys: Vec<(Box<str>, usize)>,
    /// Child segments that are also valid array indices, sorted numerically:
    /// elements arrive in index order, so a cursor replaces any search.
    indices: Vec<(usize, usize)>,
    /// Requests whose pointer ends exactly here.
    ends: Vec<usize>,
    /// Some request ending here reports a string as is, so it must be checked.
    validate: bool,
    parent: usize,
}

impl Node {
    fn new(parent: usize) -> Node {
        Node {
            keys: Vec::new(),
            indices: Vec::new(),
            ends: Vec::new(),
            validate: false,
            parent,
        }
    }
}

impl Trie {
    fn build(requests: &[Request]) -> Trie {
        let mut parsed: Vec<(Vec<String>, usize)> = requests
            .iter()
            .enumerate()
            .filter_map(|(i, r)| parse_pointer(r.pointer).map(|segs| (segs, i)))
            .collect();
        // In sorted order, each new pointer only adds nodes after the prefix it
        // shares with the previous one, and children come out sorted by name.
        parsed.sort_unstable();
        let mut nodes = vec![Node::new(0)];
        let mut path = vec![0];
        let mut prev: &[String] = &[];
        for (segs, request) in &parsed {
            let common = prev.iter().zip(segs).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for seg in &segs[common..] {
                let parent = path.last().copied().unwrap_or(0);
                let id = nodes.len();
                nodes.push(Node::new(parent));
                nodes[parent].keys.push((seg.as_str().into(), id));
                if let Some(index) = parse_index(seg) {
                    nodes[parent].indices.push((index, id));
                }
                path.push(id);
            }
            let last = path.last().copied().unwrap_or(0);
            nodes[last].ends.push(*request);
            nodes[last].validate |= !requests[*request].decoded_later;
            prev = segs;
        }
        for node in &mut nodes {
            node.indices.sort_unstable();
        }
        Trie { nodes }
    }
}

/// RFC 6901 pointer to unescaped segments; `None` if malformed.
fn parse_pointer(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    pointer
        .strip_prefix('/')?
        .split('/')
        .map(unescape_segment)
        .collect()
}

fn unescape_segment(segment: &str) -> Option<String> {
    if !segment.contains('~') {
        return Some(segment.to_owned());
    }
    let mut out = String::with_capacity(segment.len());
    let mut chars = segment.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            // Decoding left to right is what makes "~01" mean "~1", not "/".
            match chars.next()? {
                '0' => out.push('~'),
                '1' => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Array index per RFC 6901: "0" or digits without a leading zero.
fn parse_index(segment: &str) -> Option<usize> {
    let bytes = segment.as_bytes();
    let canonical = !bytes.is_empty()
        && bytes.iter().all(u8::is_ascii_digit)
        && (bytes[0] != b'0' || bytes.len() == 1);
    if canonical {
        segment.parse().ok()
    } else {
        None
    }
}

/// A container on a requested path that the scanner is inside of.
#[derive(Clone, Copy)]
struct Frame {
    node: usize,
    object: bool,
    /// Offset of the opening bracket.
    open: usize,
    /// Member name span if this container is an object member.
    key: Option<Span>,
    /// No member or element has been read yet (so no comma is expected).
    first: bool,
    /// Arrays: index of the next element.
    next_index: usize,
    /// Arrays: position in the node's sorted `indices`.
    cursor: usize,
}

struct Scan<'t, 'r> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    trie: &'r Trie,
    requests: &'r [Request<'r>],
    results: &'r mut [Option<Span>],
    /// Counts value entries; orders `entered` against `recorded`.
    clock: u64,
    /// Per node: clock of its latest entry.
    entered: Vec<u64>,
    /// Per request: clock when its result was last written.
    recorded: Vec<u64>,
    stack: Vec<Frame>,
    /// Bracket kinds (1 bit each, set = object) of containers being skipped;
    /// kept across skips so skipping stops allocating once it has grown.
    kinds: Vec<u64>,
    /// Reused buffer for decoding escaped member names.
    scratch: String,
}

impl Scan<'_, '_> {
    fn run(&mut self) -> Option<()> {
        // Editors on Windows like to prepend a byte order mark; offsets stay
        // relative to the text as given, so just step over it.
        if self.text.starts_with('\u{feff}') {
            self.pos = '\u{feff}'.len_utf8();
        }
        self.skip_ws();
        self.enter(0, None)?;
        let trie = self.trie;
        while let Some(&top) = self.stack.last() {
            self.skip_ws();
            let c = self.peek()?;
            let close = if top.object { b'}' } else { b']' };
            if c == close {
                self.pos += 1;
                self.stack.pop();
                let span = Span {
                    start: top.open,
                    end: self.pos,
                };
                self.record(top.node, span, top.key);
                continue;
            }
            if !top.first {
                if c != b',' {
                    return None;
                }
                self.pos += 1;
                self.skip_ws();
            }
            if top.object {
                let key_start = self.pos;
                if self.peek()? != b'"' {
                    return None;
                }
                let (key_end, escaped) = skip_string(self.bytes, key_start + 1)?;
                let child = self.lookup(top.node, key_start + 1, key_end - 1, escaped)?;
                self.pos = key_end;
                self.skip_ws();
                if self.peek()? != b':' {
                    return None;
                }
                self.pos += 1;
                self.skip_ws();
                self.update_top(|f| f.first = false);
                let key = Span {
                    start: key_start,
                    end: key_end,
                };
                match child {
                    Some(id) => self.enter(id, Some(key))?,
                    None => self.skip_value()?,
                }
            } else {
                let index = top.next_index;
                let indices = &trie.nodes[top.node].indices;
                let mut cursor = top.cursor;
                while indices.get(cursor).is_some_and(|&(i, _)| i < index) {
                    cursor += 1;
                }
                let Some(&(wanted, id)) = indices.get(cursor) else {
                    // Nothing more is requested here: skip to the closing
                    // bracket, which the next iteration consumes.
                    self.pos = skip_nested(self.bytes, self.pos, false, &mut self.kinds)?;
                    continue;
                };
                self.update_top(|f| {
                    f.first = false;
                    f.next_index = index + 1;
                    f.cursor = cursor;
                });
                if wanted == index {
                    self.enter(id, None)?;
                } else {
                    self.skip_value()?;
                }
            }
        }
        Some(())
    }

    fn update_top(&mut self, change: impl FnOnce(&mut Frame)) {
        if let Some(top) = self.stack.last_mut() {
            change(top);
        }
    }

    /// Handles the value at `pos` for trie node `node`: descends into it if a
    /// request goes deeper, otherwise skips it and records it.
    fn enter(&mut self, node: usize, key: Option<Span>) -> Option<()> {
        let trie = self.trie;
        let n = &trie.nodes[node];
        self.clock += 1;
        self.entered[node] = self.clock;
        let start = self.pos;
        let c = self.peek()?;
        let object = c == b'{';
        if (object && !n.keys.is_empty()) || (c == b'[' && !n.indices.is_empty()) {
            self.stack.push(Frame {
                node,
                object,
                open: start,
                key,
                first: true,
                next_index: 0,
                cursor: 0,
            });
            self.pos += 1;
            return Some(());
        }
        self.skip_value()?;
        if c == b'"' && n.validate {
            // A reported string must be a real JSON string, escapes included.
            let body = self.text.get(start + 1..self.pos - 1)?;
            self.scratch.clear();
            if !decode_into(body, &mut self.scratch, None) {
                return None;
            }
        }
        let span = Span {
            start,
            end: self.pos,
        };
        self.record(node, span, key);
        Some(())
    }

    fn record(&mut self, node: usize, value: Span, key: Option<Span>) {
        let trie = self.trie;
        for &r in &trie.nodes[node].ends {
            self.results[r] = Some(match (self.requests[r].part, key) {
                (Part::Key, Some(key)) => key,
                _ => value,
            });
            self.recorded[r] = self.clock;
        }
    }

    /// A repeated member replaces the earlier one wholesale (as in `serde_json`),
    /// so a result is stale if any node on its path was entered again after the
    /// result was written. Checking once at the end, rather than clearing
    /// subtrees on every repeat, keeps hostile files with thousands of
    /// duplicate members linear.
    fn drop_replaced(&mut self) {
        let trie = self.trie;
        // Latest entry of the node or any ancestor; parents precede children.
        let mut latest = vec![0; trie.nodes.len()];
        for (id, node) in trie.nodes.iter().enumerate() {
            let inherited = if id == 0 { 0 } else { latest[node.parent] };
            latest[id] = self.entered[id].max(inherited);
            for &r in &node.ends {
                if self.recorded[r] < latest[id] {
                    self.results[r] = None;
                }
            }
        }
    }

    /// Child of `node` named by the member name `bytes[start..end]` (raw, without
    /// quotes). Outer `None` is a syntax error; inner `None` means not requested.
    fn lookup(
        &mut self,
        node: usize,
        start: usize,
        end: usize,
        escaped: bool,
    ) -> Option<Option<usize>> {
        let raw = self.bytes.get(start..end)?;
        let name: &[u8] = if escaped {
            self.scratch.clear();
            if !decode_into(self.text.get(start..end)?, &mut self.scratch, None) {
                return None;
            }
            self.scratch.as_bytes()
        } else if raw.iter().any(|&b| b < 0x20) {
            return None;
        } else {
            raw
        };
        let keys = &self.trie.nodes[node].keys;
        let found = keys.binary_search_by(|(k, _)| k.as_bytes().cmp(name));
        Some(found.ok().map(|i| keys[i].1))
    }

    fn skip_value(&mut self) -> Option<()> {
        let c = self.peek()?;
        self.pos = match c {
            b'"' => skip_string(self.bytes, self.pos + 1)?.0,
            b'{' | b'[' => skip_nested(self.bytes, self.pos + 1, c == b'{', &mut self.kinds)? + 1,
            // Only a top-level scalar may end the text: inside a container a
            // cut-off `2` could have been `23`.
            _ => scalar_end(self.bytes, self.pos, self.stack.is_empty())?,
        };
        Some(())
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }
}

/// Skips a string body starting just after the opening quote; returns the offset
/// just past the closing quote and whether the body contains a backslash.
fn skip_string(bytes: &[u8], mut i: usize) -> Option<(usize, bool)> {
    let mut escaped = false;
    loop {
        // Vectorised: strings are most of a file's bytes, and policies make some of them long.
        i += memchr::memchr2(b'"', b'\\', bytes.get(i..)?)?;
        if bytes.get(i) == Some(&b'"') {
            return Some((i + 1, escaped));
        }
        escaped = true;
        i += 2;
    }
}

/// Bytes the skipping loop must look at; everything else passes untouched.
const INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[b'{' as usize] = true;
    table[b'}' as usize] = true;
    table[b'[' as usize] = true;
    table[b']' as usize] = true;
    table
};

/// Skips the contents of a container whose opening bracket (object if `object`)
/// is just before `i`; returns the offset of its matching closing bracket.
/// Nesting is tracked in `kinds`, a bit stack on the heap, so any depth is fine.
fn skip_nested(bytes: &[u8], mut i: usize, object: bool, kinds: &mut Vec<u64>) -> Option<usize> {
    set_kind(kinds, 0, object);
    let mut depth = 1;
    loop {
        while bytes.get(i).is_some_and(|&b| !INTERESTING[usize::from(b)]) {
            i += 1;
        }
        let c = *bytes.get(i)?;
        match c {
            b'"' => i = skip_string(bytes, i + 1)?.0,
            b'{' | b'[' => {
                set_kind(kinds, depth, c == b'{');
                depth += 1;
                i += 1;
            }
            _ => {
                depth -= 1;
                if kind(kinds, depth) != (c == b'}') {
                    return None;
                }
                if depth == 0 {
                    return Some(i);
                }
                i += 1;
            }
        }
    }
}

fn set_kind(kinds: &mut Vec<u64>, depth: usize, object: bool) {
    let word = depth / 64;
    if word >= kinds.len() {
        kinds.resize(word + 1, 0);
    }
    let bit = 1u64 << (depth % 64);
    if object {
        kinds[word] |= bit;
    } else {
        kinds[word] &= !bit;
    }
}

fn kind(kinds: &[u64], depth: usize) -> bool {
    kinds
        .get(depth / 64)
        .is_some_and(|w| (w >> (depth % 64)) & 1 == 1)
}

/// End of the literal or number at `start`, which must be followed by a
/// delimiter (or the end of the text, if `may_end_text`) so that `12x` or
/// `truex` is rejected rather than cut short.
fn scalar_end(bytes: &[u8], start: usize, may_end_text: bool) -> Option<usize> {
    let rest = bytes.get(start..)?;
    let len = if rest.starts_with(b"true") || rest.starts_with(b"null") {
        4
    } else if rest.starts_with(b"false") {
        5
    } else {
        number_len(rest)?
    };
    let end = start + len;
    match bytes.get(end) {
        None if may_end_text => Some(end),
        Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}') => Some(end),
        _ => None,
    }
}

/// Length of the JSON number at the start of `s` (any magnitude: only the
/// grammar matters here, the value is never computed).
fn number_len(s: &[u8]) -> Option<usize> {
    let digits = |from: usize| {
        s.get(from..)
            .map_or(0, |t| t.iter().take_while(|b| b.is_ascii_digit()).count())
    };
    let mut i = usize::from(s.first() == Some(&b'-'));
    match s.get(i)? {
        b'0' => i += 1,
        b'1'..=b'9' => i += digits(i),
        _ => return None,
    }
    if s.get(i) == Some(&b'.') {
        let n = digits(i + 1);
        if n == 0 {
            return None;
        }
        i += 1 + n;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits(i);
        if n == 0 {
            return None;
        }
        i += n;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::LineIndex;

    fn t(pointer: &str) -> Target {
        Target {
            pointer: pointer.to_owned(),
            inner: None,
            part: Part::Value,
        }
    }

    fn key(pointer: &str) -> Target {
        Target {
            part: Part::Key,
            ..t(pointer)
        }
    }

    fn emb(pointer: &str, inner: &str, part: Part) -> Target {
        Target {
            pointer: pointer.to_owned(),
            inner: Some(inner.to_owned()),
            part,
        }
    }

    /// The located text of one target, or None.
    fn find(text: &str, target: Target) -> Option<&str> {
        let spans = locate_all(text, &[target]);
        assert_eq!(spans.len(), 1);
        spans[0].map(|s| &text[s.start..s.end])
    }

    fn val<'a>(text: &'a str, pointer: &str) -> Option<&'a str> {
        find(text, t(pointer))
    }

    const DOC: &str = r#"{
  "a": {"b": [10, {"c": "x"}, [true, false]], "d": null},
  "e/f": 1, "g~h": 2, "~1": 3, "": 4, " ": 5,
  "s": "str \"q\" \u00e9",
  "n": -12.5e+3,
  "empty": {}, "arr": []
}"#;

    #[test]
    fn values_of_every_kind() {
        assert_eq!(val(DOC, ""), Some(DOC));
        assert_eq!(val(DOC, "/a/b/0"), Some("10"));
        assert_eq!(val(DOC, "/a/b/1"), Some(r#"{"c": "x"}"#));
        assert_eq!(val(DOC, "/a/b/1/c"), Some(r#""x""#));
        assert_eq!(val(DOC, "/a/b/2/1"), Some("false"));
        assert_eq!(val(DOC, "/a/b"), Some(r#"[10, {"c": "x"}, [true, false]]"#));
        assert_eq!(val(DOC, "/a/d"), Some("null"));
        assert_eq!(val(DOC, "/s"), Some(r#""str \"q\" \u00e9""#));
        assert_eq!(val(DOC, "/n"), Some("-12.5e+3"));
        assert_eq!(val(DOC, "/empty"), Some("{}"));
        assert_eq!(val(DOC, "/arr"), Some("[]"));
    }

    #[test]
    fn key_versus_value() {
        assert_eq!(find(DOC, key("/a/b")), Some(r#""b""#));
        assert_eq!(find(DOC, key("/a/b/1/c")), Some(r#""c""#));
        assert_eq!(find(DOC, key("/s")), Some(r#""s""#));
        // No member name: fall back to the value.
        assert_eq!(find(DOC, key("/a/b/0")), Some("10"));
        assert_eq!(find(DOC, key("")), Some(DOC));
        assert_eq!(find(DOC, key("/a/missing")), None);
    }

    #[test]
    fn pointer_escapes() {
        assert_eq!(val(DOC, "/e~1f"), Some("1"));
        assert_eq!(val(DOC, "/g~0h"), Some("2"));
        assert_eq!(val(DOC, "/~01"), Some("3"), "~01 is the name ~1, not /");
        assert_eq!(val(DOC, "/"), Some("4"), "the empty member name");
        assert_eq!(val(DOC, "/ "), Some("5"));
        assert_eq!(val(DOC, "/e/f"), None);
        assert_eq!(val(DOC, "/g~2h"), None, "invalid escape");
        assert_eq!(val(DOC, "/g~"), None, "dangling tilde");
        assert_eq!(val(DOC, "a"), None, "no leading slash");
    }

    #[test]
    fn escaped_member_names_in_the_text() {
        let text = r#"{"\u0061b": 1, "x\/y": 2, "q\"": 3, "\ud83d\ude00": 4, "é": 5}"#;
        assert_eq!(val(text, "/ab"), Some("1"));
        assert_eq!(val(text, "/x~1y"), Some("2"));
        assert_eq!(val(text, "/q\""), Some("3"));
        assert_eq!(val(text, "/😀"), Some("4"));
        assert_eq!(val(text, "/é"), Some("5"));
        assert_eq!(find(text, key("/ab")), Some(r#""\u0061b""#));
    }

    #[test]
    fn missing_and_out_of_range() {
        assert_eq!(val(DOC, "/zzz"), None);
        assert_eq!(val(DOC, "/a/b/3"), None);
        assert_eq!(val(DOC, "/a/b/99999999999999999999999"), None);
        assert_eq!(val(DOC, "/a/b/-"), None);
        assert_eq!(val(DOC, "/a/b/01"), None, "leading zero");
        assert_eq!(val(DOC, "/a/b/+1"), None);
        assert_eq!(val(DOC, "/a/b/x"), None);
        assert_eq!(val(DOC, "/n/0"), None, "cannot descend into a number");
        assert_eq!(val(DOC, "/s/0"), None, "cannot descend into a string");
        assert_eq!(val(DOC, "/arr/0"), None);
        assert_eq!(val("[1]", "/0/0"), None);
        assert_eq!(
            val(r#"{"0": "obj"}"#, "/0"),
            Some(r#""obj""#),
            "digits name members too"
        );
    }

    #[test]
    fn results_follow_target_order_and_share_prefixes() {
        let targets = [
            t("/a/b/1/c"),
            t("/nope"),
            key("/a/d"),
            t("/a/b/0"),
            t("/a/b/1/c"),
        ];
        let spans = locate_all(DOC, &targets);
        let texts: Vec<Option<&str>> = spans
            .iter()
            .map(|s| s.map(|s| &DOC[s.start..s.end]))
            .collect();
        assert_eq!(
            texts,
            [
                Some(r#""x""#),
                None,
                Some(r#""d""#),
                Some("10"),
                Some(r#""x""#)
            ]
        );
        assert!(locate_all(DOC, &[]).is_empty());
    }

    #[test]
    fn duplicate_members_last_wins() {
        let text = r#"{"a": 1, "b": {"c": 2}, "a": [3], "b": {"d": 4}}"#;
        assert_eq!(val(text, "/a"), Some("[3]"));
        assert_eq!(val(text, "/a/0"), Some("3"));
        assert_eq!(val(text, "/b/d"), Some("4"));
        assert_eq!(val(text, "/b/c"), None, "the earlier b was replaced whole");
        assert_eq!(find(text, key("/a")), Some(r#""a""#));
        let spans = locate_all(text, &[key("/a")]);
        assert_eq!(spans[0].map(|s| s.start), text.rfind("\"a\""));
    }

    #[test]
    fn duplicate_members_with_errors_and_arrays() {
        assert_eq!(val(r#"{"a": [1, 2], "a": [3]}"#, "/a/1"), None);
        assert_eq!(val(r#"{"a": [1, 2], "a": [3]}"#, "/a/0"), Some("3"));
        // The replacing member is broken: nothing of the replaced one survives.
        assert_eq!(val(r#"{"a": 1, "a": ["#, "/a"), None);
        assert_eq!(val(r#"{"a": {"b": 1}, "a": "#, "/a/b"), None);
        assert_eq!(val(r#"{"a": {"b": 1}, "a": {"c": 2"#, "/a/b"), None);
        // Fully read before the error, in the replacing member.
        assert_eq!(val(r#"{"a": {"b": 1}, "a": {"b": 2, "#, "/a/b"), Some("2"));
        // Duplicates deeper than the requested member do not matter.
        assert_eq!(val(r#"{"a": {"b": 1, "b": 2}, "c": 3}"#, "/c"), Some("3"));
        assert_eq!(
            val(r#"{"a": {"b": 1, "b": 2}, "c": 3}"#, "/a"),
            Some(r#"{"b": 1, "b": 2}"#)
        );
    }

    #[test]
    fn many_duplicates_stay_linear() {
        // Each repeat must not cost the number of targets below it.
        let repeats = 20_000;
        let mut text = String::from("{");
        for i in 0..repeats {
            text.push_str(&format!(r#""a": {{"k{}": {i}}}, "#, i % 1000));
        }
        text.push_str(r#""end": true}"#);
        let targets: Vec<Target> = (0..1000).map(|k| t(&format!("/a/k{k}"))).collect();
        let spans = locate_all(&text, &targets);
        let last = (repeats - 1) % 1000;
        for (k, span) in spans.iter().enumerate() {
            if k == last {
                let s = span.expect("last repeat");
                assert_eq!(&text[s.start..s.end], (repeats - 1).to_string());
            } else {
                assert_eq!(*span, None, "k{k}");
            }
        }
    }

    #[test]
    fn whitespace_everywhere() {
        let text = " \t\r\n{ \"a\" \n:\r\n[ 1 ,\t2 ] , \"b\" : { } }\n ";
        assert_eq!(val(text, "/a/1"), Some("2"));
        assert_eq!(val(text, "/b"), Some("{ }"));
        assert_eq!(val(text, ""), Some(text.trim()));
        assert_eq!(val("  7  ", ""), Some("7"));
        let bom = "\u{feff}{\"a\": 1}";
        assert_eq!(val(bom, "/a"), Some("1"));
        assert_eq!(val(bom, ""), Some("{\"a\": 1}"));
        assert_eq!(val("{\"a\": \u{feff}1}", "/a"), None, "only a leading BOM");
    }

    #[test]
    fn invalid_json() {
        for text in [
            "",
            "   ",
            "nope",
            "{a: 1}",
            r#"{"a" 1}"#,
            r#"{"a": tru}"#,
            r#"{"a": 12x}"#,
            r#"{"a": 01}"#,
            r#"{"a": 1.}"#,
            r#"{"a": -}"#,
            r#"{"a": 1e}"#,
            r#"{"a": "\x"}"#,
            "{\"a\": \"tab\there\"}",
            r#"{"a": [1}"#,
            r#"["a", }"#,
            r#"{"b": 1,, "a": 2}"#,
            r#"{"b" 1, "a": 2}"#,
        ] {
            assert_eq!(val(text, "/a"), None, "{text:?}");
        }
        // Errors after a value do not take back a value already read...
        assert_eq!(val(r#"{"a": 1, "b" 2}"#, "/a"), Some("1"));
        assert_eq!(val(r#"{"a": 1 "b": 2}"#, "/a"), Some("1"));
        assert_eq!(val(r#"{"a": "x"]"#, "/a"), Some(r#""x""#));
        assert_eq!(val(r#"{"a": "x",}"#, "/a"), Some(r#""x""#));
        // ...but an enclosing container read structurally is never complete.
        let text = r#"{"a": 1, "b" 2}"#;
        assert_eq!(locate_all(text, &[t(""), t("/a")])[0], None);
        // A value nobody descends into is only checked for string and bracket
        // structure: that is the price of the fast skip.
        assert_eq!(val("{a: 1}", ""), Some("{a: 1}"));
        assert_eq!(val(r#"{"x": [1,, 2], "a": 1}"#, "/a"), Some("1"));
        for text in [
            "",
            "nope",
            "{",
            r#"{"a": [1}"#,
            r#"["a", }"#,
            r#"{"a": "x"]"#,
            "]",
            "\"open",
        ] {
            assert_eq!(val(text, ""), None, "{text:?}");
        }
        // A mismatched bracket inside a skipped value is still caught.
        assert_eq!(val(r#"{"x": [1, {"y": 2]}, "a": 1}"#, "/a"), None);
        assert_eq!(val(r#"{"x": [1, {"y": 2}], "a": 1}"#, "/a"), Some("1"));
    }

    #[test]
    fn truncated_input() {
        let full = r#"{"a": {"b": [1, 2, "three"]}, "c": "end"}"#;
        let pointers = ["", "/a", "/a/b", "/a/b/2", "/c"];
        let complete: Vec<&str> = pointers
            .iter()
            .map(|p| val(full, p).expect("complete"))
            .collect();
        for cut in 0..full.len() {
            let text = &full[..cut];
            let mut targets: Vec<Target> = pointers.iter().map(|p| t(p)).collect();
            targets.push(key("/c"));
            let spans = locate_all(text, &targets);
            assert_eq!(spans[0], None, "cut {cut}: the root is never complete");
            // Values completely read before the cut may stay resolved, but then
            // they are exactly the bytes of the complete document.
            for (i, want) in complete.iter().enumerate() {
                if let Some(s) = spans[i] {
                    assert_eq!(&text[s.start..s.end], *want, "cut {cut}");
                    assert!(s.end <= cut);
                }
            }
        }
        assert_eq!(val(r#"{"a": 1, "c": "en"#, "/c"), None);
        assert_eq!(val(r#"{"a": "unterminated"#, "/a"), None);
        assert_eq!(val(r#"{"a": "ends in backslash\"#, "/a"), None);
        assert_eq!(val(r#"{"z": "unterminated, "a": 1}"#, "/a"), None);
        assert_eq!(val(r#"{"a": [1, 2"#, "/a"), None);
        assert_eq!(
            val(r#"{"a": [1, 2"#, "/a/1"),
            None,
            "2 might continue as 23"
        );
        assert_eq!(val(r#"{"a": [1, 2"#, "/a/0"), Some("1"));
        assert_eq!(val("[[[[[[", "/0"), None);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 100_000;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(val(&text, "").map(str::len), Some(2 * depth));
        assert_eq!(val(&text, "/0").map(str::len), Some(2 * depth - 2));
        // A pointer as deep as the data descends iteratively too.
        let deep = "/0".repeat(depth - 1);
        assert_eq!(val(&text, &deep), Some("[]"));
        assert_eq!(val(&text, &format!("{deep}/0")), None);
        // Truncated and mismatched deep inputs.
        let open = "[".repeat(depth);
        assert_eq!(val(&open, ""), None);
        assert_eq!(val(&open, &deep), None);
        let objects = format!("{}1{}", "{\"k\":".repeat(depth), "}".repeat(depth));
        assert_eq!(val(&objects, &"/k".repeat(depth)), Some("1"));
        let wrong = format!("{}{}", "[".repeat(depth), "}".repeat(depth));
        assert_eq!(val(&wrong, ""), None);
        assert_eq!(val(&format!("{{\"a\": {wrong}, \"b\": 2}}"), "/b"), None);
    }

    #[test]
    fn huge_numbers() {
        let big = format!(
            "{}.{}e{}",
            "9".repeat(10_000),
            "1".repeat(5000),
            "9".repeat(100)
        );
        let text = format!("{{\"x\": {big}, \"y\": [{big}]}}");
        assert_eq!(val(&text, "/x"), Some(big.as_str()));
        assert_eq!(val(&text, "/y/0"), Some(big.as_str()));
    }

    #[test]
    fn non_string_embedded_and_bad_inner() {
        let text = r#"{"p": {"x": 1}, "s": "{\"a\": 1}", "bad": "{\"a\": \u12}"}"#;
        assert_eq!(
            find(text, emb("/p", "/x", Part::Value)),
            None,
            "not a string"
        );
        assert_eq!(find(text, emb("/s", "/b", Part::Value)), None);
        assert_eq!(
            find(text, emb("/s", "a", Part::Value)),
            None,
            "malformed inner"
        );
        assert_eq!(
            find(text, emb("/bad", "", Part::Value)),
            None,
            "undecodable string"
        );
        assert_eq!(
            val(text, "/bad"),
            None,
            "a plain string target is validated too"
        );
        assert_eq!(find(text, emb("/missing", "", Part::Value)), None);
        assert_eq!(
            find(text, emb("/s", "", Part::Value)),
            Some(r#"{\"a\": 1}"#)
        );
        assert_eq!(find(text, emb("/s", "", Part::Key)), Some(r#"{\"a\": 1}"#));
        assert_eq!(find(text, emb("/s", "/a", Part::Key)), Some(r#"\"a\""#));
        assert_eq!(find(text, emb("/s", "/a", Part::Value)), Some("1"));
        let not_json = r#"{"s": "just words"}"#;
        assert_eq!(find(not_json, emb("/s", "", Part::Value)), None);
    }

    #[test]
    fn embedded_escapes_map_exactly() {
        // Escapes of the outer string sit before and inside the located values:
        // \n \r \t become whitespace of the inner document, \\ and \/ and \uXXXX
        // become characters of its strings, and \\b, \\n are escapes of the inner
        // document itself (so \b and \f never appear raw in it, which JSON forbids).
        let text = r#"{"doc": "{\n\t\"k\u00e9\\\\\/\\b\\f\": \r\n \"v\ud83d\ude00é\\n\", \"n\": [1, \"\u00e9\"]}"}"#;
        assert_eq!(
            find(text, emb("/doc", "/ké\\~1\u{8}\u{c}", Part::Key)),
            Some(r#"\"k\u00e9\\\\\/\\b\\f\""#)
        );
        assert_eq!(
            find(text, emb("/doc", "/ké\\~1\u{8}\u{c}", Part::Value)),
            Some(r#"\"v\ud83d\ude00é\\n\""#)
        );
        assert_eq!(
            find(text, emb("/doc", "/n/1", Part::Value)),
            Some(r#"\"\u00e9\""#)
        );
        assert_eq!(find(text, emb("/doc", "/n", Part::Key)), Some(r#"\"n\""#));
        assert_eq!(find(text, emb("/doc", "/n/0", Part::Key)), Some("1"));
        assert_eq!(
            find(text, emb("/doc", "", Part::Value)),
            Some(&text[9..text.len() - 2]),
            "the root of the inner document"
        );
        // Raw control characters in an inner string are invalid JSON there.
        let bad = r#"{"doc": "{\"k\b\": 1}"}"#;
        assert_eq!(find(bad, emb("/doc", "/k\u{8}", Part::Value)), None);
    }

    #[test]
    fn several_inner_targets_share_one_string() {
        let text = r#"[{"P": "{\"A\": [1, 2], \"B\": {}}"}, {"P": "{\"A\": [3]}"}]"#;
        let targets = [
            emb("/0/P", "/A/1", Part::Value),
            emb("/1/P", "/A/0", Part::Value),
            emb("/0/P", "/B", Part::Key),
            t("/1/P"),
            emb("/0/P", "/A/2", Part::Value),
        ];
        let spans = locate_all(text, &targets);
        let texts: Vec<Option<&str>> = spans
            .iter()
            .map(|s| s.map(|s| &text[s.start..s.end]))
            .collect();
        assert_eq!(
            texts,
            [
                Some("2"),
                Some("3"),
                Some(r#"\"B\""#),
                Some(r#""{\"A\": [3]}""#),
                None
            ]
        );
    }

    /// API Gateway's resource policy: a JSON string whose decoded text is the
    /// body of another string; the inner pointer goes through both levels.
    #[test]
    fn doubly_escaped_embedded_document() {
        let text = r#"{"items": [{"policy": "{\\\"Statement\\\":[{\\\"Principal\\\":\\\"*\\\",\\\"Resource\\\":\\\"arn:a\\\/*\\\"}]}"}]}"#;
        assert_eq!(
            find(
                text,
                emb("/items/0/policy", "/Statement/0/Principal", Part::Key)
            ),
            Some(r#"\\\"Principal\\\""#)
        );
        assert_eq!(
            find(
                text,
                emb("/items/0/policy", "/Statement/0/Resource", Part::Value)
            ),
            Some(r#"\\\"arn:a\\\/*\\\""#)
        );
        assert_eq!(
            find(text, emb("/items/0/policy", "/Statement/1", Part::Value)),
            None
        );
    }

    #[test]
    fn offsets_inside_values_and_embedded_documents() {
        let text = r#"{"s": "ab\u00e9d", "doc": "{\"a\" 1}", "twice": "{\\\"a\\\" 1}"}"#;
        let at = |t: Target| find(text, t);
        let off = |pointer: &str, inner: Option<&str>, n: usize| Target {
            pointer: pointer.to_owned(),
            inner: inner.map(str::to_owned),
            part: Part::Offset(n),
        };
        // Raw text of the value: the quote is offset 0.
        assert_eq!(at(off("/s", None, 3)), Some("\\"));
        assert_eq!(at(off("/s", None, 99)), Some(""));
        // Decoded document: `1` is at offset 5 of `{"a" 1}`.
        assert_eq!(at(off("/doc", Some(""), 5)), Some("1"));
        assert_eq!(at(off("/doc", Some("/ignored"), 1)), Some("\\\""));
        assert_eq!(at(off("/twice", Some(""), 5)), Some("1"));
        assert_eq!(at(off("/twice", Some(""), 1)), Some("\\\\\\\""));
        assert_eq!(at(off("/missing", Some(""), 1)), None);
    }

    /// Two levels of escaping: the policy is a string inside a document that is
    /// itself a string in the file. `Target` carries one level; the second is
    /// composed by hand with `Decoded`, treating each decoded text as a file.
    #[test]
    fn double_escaped_policy_composes() {
        let text = r#"{"Outer": "{\"Policy\": \"{\\\"Statement\\\": [{\\\"Principal\\\": \\\"*\\\"}]}\"}"}"#;
        // Level 1 in the file.
        let outer = locate_all(text, &[t("/Outer")])[0].expect("outer");
        let d1 = Decoded::new(&text[outer.start + 1..outer.end - 1]).expect("level 1");
        // Level 2 inside the first decoded text.
        let policy = locate_all(&d1.text, &[t("/Policy")])[0].expect("policy");
        let d2 = Decoded::new(&d1.text[policy.start + 1..policy.end - 1]).expect("level 2");
        assert_eq!(d2.text, r#"{"Statement": [{"Principal": "*"}]}"#);
        // Level 3: the member, then map back outwards twice.
        let principal = locate_all(
            &d2.text,
            &[Target {
                part: Part::Key,
                ..t("/Statement/0/Principal")
            }],
        )[0]
        .expect("principal");
        let in_d1 = d2.map_span(principal);
        let in_d1 = Span {
            start: policy.start + 1 + in_d1.start,
            end: policy.start + 1 + in_d1.end,
        };
        let in_file = d1.map_span(in_d1);
        let in_file = Span {
            start: outer.start + 1 + in_file.start,
            end: outer.start + 1 + in_file.end,
        };
        assert_eq!(&text[in_file.start..in_file.end], r#"\\\"Principal\\\""#);
        assert_eq!(Some(in_file.start), text.find(r#"\\\"Principal"#));
        // The first two levels via `Target::inner` agree with the manual path.
        let via_inner =
            locate_all(text, &[emb("/Outer", "/Policy", Part::Value)])[0].expect("inner");
        let policy_in_file = d1.map_span(policy);
        assert_eq!(via_inner.start, outer.start + 1 + policy_in_file.start);
        assert_eq!(via_inner.end, outer.start + 1 + policy_in_file.end);
    }

    /// Byte-identical copy of
    /// examples/06-wildcard-principal-policy/describe-vpc-endpoints.json.
    const EXAMPLE_06: &str = r#"{
    "VpcEndpoints": [
        {
            "VpcEndpointId": "vpce-cb8e72535dc9126c3",
            "VpcEndpointType": "Interface",
            "VpcId": "vpc-6bcc92151ac325e30",
            "ServiceName": "com.amazonaws.eu-west-1.execute-api",
            "State": "available",
            "PolicyDocument": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"AllowInvoke\",\n      \"Effect\": \"Allow\",\n      \"Principal\": \"*\",\n      \"Action\": \"*\",\n      \"Resource\": \"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*\"\n    }\n  ]\n}\n",
            "RouteTableIds": [],
            "SubnetIds": [
                "subnet-ae1cc54fedc4ddb35",
                "subnet-fa6cdb271c6a54115"
            ],
            "Groups": [
                {
                    "GroupId": "sg-b4855c4ecf72c05e5",
                    "GroupName": "vpce-execute-api"
                }
            ],
            "PrivateDnsEnabled": true,
            "NetworkInterfaceIds": [
                "eni-aec6c7b43a2ff2d05",
                "eni-e1c1aec5dd17833c3"
            ],
            "DnsEntries": [
                {
                    "DnsName": "vpce-cb8e72535dc9126c3-10472e75.com.amazonaws.eu-west-1.execute-api",
                    "HostedZoneId": "A4B45F286572E"
                }
            ],
            "CreationTimestamp": "2026-11-22T01:10:08.000Z",
            "Tags": [
                {
                    "Key": "Name",
                    "Value": "execute-api"
                }
            ],
            "OwnerId": "123456789012"
        },
        {
            "VpcEndpointId": "vpce-d59c45d8812b5baab",
            "VpcEndpointType": "Gateway",
            "VpcId": "vpc-6bcc92151ac325e30",
            "ServiceName": "com.amazonaws.eu-west-1.s3",
            "State": "available",
            "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::example-app-artifacts\",\"arn:aws:s3:::example-app-artifacts/*\"],\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"123456789012\"}}}]}",
            "RouteTableIds": [
                "rtb-d104be1fa4a9bac7d"
            ],
            "SubnetIds": [],
            "Groups": [],
            "PrivateDnsEnabled": true,
            "NetworkInterfaceIds": [],
            "DnsEntries": [],
            "CreationTimestamp": "2026-11-22T01:10:09.000Z",
            "Tags": [
                {
                    "Key": "Name",
                    "Value": "s3-gateway"
                }
            ],
            "OwnerId": "123456789012"
        }
    ]
}
"#;

    #[test]
    fn example_06_wildcard_principal() {
        assert_eq!(
            EXAMPLE_06.len(),
            2717,
            "the constant must stay byte-identical to the example"
        );
        let targets = [
            emb(
                "/VpcEndpoints/0/PolicyDocument",
                "/Statement/0/Principal",
                Part::Key,
            ),
            emb(
                "/VpcEndpoints/0/PolicyDocument",
                "/Statement/0/Principal",
                Part::Value,
            ),
            emb(
                "/VpcEndpoints/1/PolicyDocument",
                "/Statement/0/Principal",
                Part::Key,
            ),
        ];
        let spans = locate_all(EXAMPLE_06, &targets);
        let key = spans[0].expect("key");
        assert_eq!(key.start, 441);
        assert_eq!(&EXAMPLE_06[key.start..key.end], r#"\"Principal\""#);
        let lines = LineIndex::new(EXAMPLE_06);
        assert_eq!(lines.line_col(EXAMPLE_06, key.start), (9, 163));
        assert_eq!(
            lines.line_col(EXAMPLE_06, key.start + 2),
            (9, 165),
            "the letter P"
        );
        let value = spans[1].expect("value");
        assert_eq!(&EXAMPLE_06[key.end..value.start], ": ");
        assert_eq!(&EXAMPLE_06[value.start..value.end], r#"\"*\""#);
        // The minified policy of the second endpoint.
        let second = spans[2].expect("second");
        assert_eq!(&EXAMPLE_06[second.start..second.end], r#"\"Principal\""#);
        assert_eq!(lines.line_col(EXAMPLE_06, second.start).0, 47);
    }

    /// Small deterministic PRNG (xorshift), so the generated cases are stable.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    /// Random JSON with random whitespace, escaped and repeated member names.
    fn random_json(rng: &mut Rng, depth: usize, out: &mut String) {
        let ws = ["", " ", "\n  ", "\t", "\r\n"];
        let kind = if depth == 0 {
            rng.below(4)
        } else {
            rng.below(7)
        };
        match kind {
            0 => out.push_str(rng.pick(&["0", "-1.5e3", "12", "true", "false", "null"])),
            1 => out.push_str(rng.pick(&[
                r#""""#,
                r#""x""#,
                r#""\u00e9\n\"""#,
                r#""😀\ud83d\ude00""#,
            ])),
            2 | 3 => out.push_str(rng.pick(&["[]", "{}", "7"])),
            4 | 5 => {
                out.push('{');
                for i in 0..rng.below(5) {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(rng.pick(&ws));
                    // Raw spellings of the names a, a/b, ~x, é, "" and "q".
                    out.push_str(rng.pick(&[
                        r#""a""#,
                        r#""\u0061""#,
                        r#""a/b""#,
                        r#""a\/b""#,
                        r#""~x""#,
                        r#""é""#,
                        r#""\u00e9""#,
                        r#""""#,
                        r#""\"q\"""#,
                    ]));
                    out.push_str(rng.pick(&ws));
                    out.push(':');
                    out.push_str(rng.pick(&ws));
                    random_json(rng, depth - 1, out);
                    out.push_str(rng.pick(&ws));
                }
                out.push('}');
            }
            _ => {
                out.push('[');
                for i in 0..rng.below(4) {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(rng.pick(&ws));
                    random_json(rng, depth - 1, out);
                    out.push_str(rng.pick(&ws));
                }
                out.push(']');
            }
        }
    }

    /// Reference parser for the differential test: plain recursive descent,
    /// fine for the shallow generated documents.
    enum RefValue {
        Leaf,
        Object(Vec<(String, Span, RefNode)>),
        Array(Vec<RefNode>),
    }

    struct RefNode {
        span: Span,
        value: RefValue,
    }

    fn ref_ws(b: &[u8], mut i: usize) -> usize {
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        i
    }

    fn ref_string_end(b: &[u8], mut i: usize) -> usize {
        i += 1;
        while b[i] != b'"' {
            i += if b[i] == b'\\' { 2 } else { 1 };
        }
        i + 1
    }

    fn ref_parse(text: &str, i: usize) -> (RefNode, usize) {
        let b = text.as_bytes();
        let start = i;
        match b[i] {
            b'{' => {
                let mut members = Vec::new();
                let mut i = ref_ws(b, i + 1);
                while b[i] != b'}' {
                    let key_end = ref_string_end(b, i);
                    let name = Decoded::new(&text[i + 1..key_end - 1]).expect("name").text;
                    let colon = ref_ws(b, key_end);
                    let (node, end) = ref_parse(text, ref_ws(b, colon + 1));
                    members.push((
                        name,
                        Span {
                            start: i,
                            end: key_end,
                        },
                        node,
                    ));
                    i = ref_ws(b, end);
                    if b[i] == b',' {
                        i = ref_ws(b, i + 1);
                    }
                }
                let span = Span { start, end: i + 1 };
                (
                    RefNode {
                        span,
                        value: RefValue::Object(members),
                    },
                    i + 1,
                )
            }
            b'[' => {
                let mut items = Vec::new();
                let mut i = ref_ws(b, i + 1);
                while b[i] != b']' {
                    let (node, end) = ref_parse(text, i);
                    items.push(node);
                    i = ref_ws(b, end);
                    if b[i] == b',' {
                        i = ref_ws(b, i + 1);
                    }
                }
                let span = Span { start, end: i + 1 };
                (
                    RefNode {
                        span,
                        value: RefValue::Array(items),
                    },
                    i + 1,
                )
            }
            b'"' => {
                let end = ref_string_end(b, i);
                (
                    RefNode {
                        span: Span { start, end },
                        value: RefValue::Leaf,
                    },
                    end,
                )
            }
            _ => {
                let end = i + b[i..]
                    .iter()
                    .position(|c| matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                    .unwrap_or(b.len() - i);
                (
                    RefNode {
                        span: Span { start, end },
                        value: RefValue::Leaf,
                    },
                    end,
                )
            }
        }
    }

    /// Every pointer that names some member or element, shadowed ones included.
    fn ref_pointers(node: &RefNode, prefix: &str, out: &mut Vec<String>) {
        out.push(prefix.to_owned());
        match &node.value {
            RefValue::Leaf => {}
            RefValue::Object(members) => {
                for (name, _, child) in members {
                    let segment = name.replace('~', "~0").replace('/', "~1");
                    ref_pointers(child, &format!("{prefix}/{segment}"), out);
                }
            }
            RefValue::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    ref_pointers(child, &format!("{prefix}/{i}"), out);
                }
            }
        }
    }

    /// Resolves with serde_json's semantics: the last repeated member wins.
    fn ref_resolve(root: &RefNode, pointer: &str, part: Part) -> Option<Span> {
        let mut node = root;
        let mut key = None;
        for segment in pointer.split('/').skip(1) {
            let name = segment.replace("~1", "/").replace("~0", "~");
            match &node.value {
                RefValue::Object(members) => {
                    let (_, k, child) = members.iter().rev().find(|(n, _, _)| *n == name)?;
                    key = Some(*k);
                    node = child;
                }
                RefValue::Array(items) => {
                    node = items.get(parse_index(&name)?)?;
                    key = None;
                }
                RefValue::Leaf => return None,
            }
        }
        match (part, key) {
            (Part::Key, Some(k)) => Some(k),
            _ => Some(node.span),
        }
    }

    /// All pointers of random documents at once, checked against the reference.
    #[test]
    fn differential_against_reference_parser() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for round in 0..300 {
            let mut text = String::from(rng.pick(&["", " ", "\n"]));
            random_json(&mut rng, 4, &mut text);
            text.push_str(rng.pick(&["", "\n", " \r\n"]));
            let (root, _) = ref_parse(&text, ref_ws(text.as_bytes(), 0));
            let mut pointers = Vec::new();
            ref_pointers(&root, "", &mut pointers);
            pointers.push("/nope".to_owned());
            pointers.push("/0/nope".to_owned());
            let mut targets: Vec<Target> = pointers.iter().map(|p| t(p)).collect();
            targets.extend(pointers.iter().map(|p| key(p)));
            let spans = locate_all(&text, &targets);
            for (target, span) in targets.iter().zip(&spans) {
                let want = ref_resolve(&root, &target.pointer, target.part);
                assert_eq!(*span, want, "round {round}: {target:?} in {text:?}");
            }
        }
    }

    /// Cut and damaged inputs: never a panic, and every span is inside the text
    /// on char boundaries.
    #[test]
    fn damaged_inputs_never_panic() {
        let targets = [
            emb(
                "/VpcEndpoints/0/PolicyDocument",
                "/Statement/0/Principal",
                Part::Key,
            ),
            emb(
                "/VpcEndpoints/1/PolicyDocument",
                "/Statement/0/Action/1",
                Part::Value,
            ),
            key("/VpcEndpoints/0/Groups/0/GroupName"),
            t("/VpcEndpoints/1"),
            t(""),
        ];
        let check = |text: &str| {
            for span in locate_all(text, &targets).into_iter().flatten() {
                assert!(span.start <= span.end && span.end <= text.len());
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        };
        let mut rng = Rng(7);
        for cut in 0..=EXAMPLE_06.len() {
            check(&EXAMPLE_06[..cut]);
            let mut damaged = EXAMPLE_06.as_bytes().to_vec();
            let at = rng.below(damaged.len());
            damaged[at] = b"\"{}[],:\\ 0tu"[rng.below(12)];
            if let Ok(damaged) = String::from_utf8(damaged) {
                check(&damaged);
            }
        }
    }

    /// Synthetic export: `endpoints` VPC endpoints, pretty-printed like the AWS CLI.
    fn synthetic(endpoints: usize) -> String {
        let mut text = String::from("{\n    \"VpcEndpoints\": [\n");
        for i in 0..endpoints {
            if i > 0 {
                text.push_str(",\n");
            }
            text.push_str(&format!(
                r#"        {{
            "VpcEndpointId": "vpce-{i:017x}",
            "VpcEndpointType": "Interface",
            "VpcId": "vpc-6bcc92151ac325e30",
            "ServiceName": "com.amazonaws.eu-west-1.execute-api",
            "State": "available",
            "PolicyDocument": "{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::bucket-{i}/*\"]}}]}}",
            "SubnetIds": ["subnet-ae1cc54fedc4ddb35", "subnet-fa6cdb271c6a54115"],
            "Groups": [{{"GroupId": "sg-b4855c4ecf72c05e5", "GroupName": "vpce-é-{i}"}}],
            "PrivateDnsEnabled": true,
            "DnsEntries": [{{"DnsName": "vpce-{i}.execute-api", "HostedZoneId": "A4B45F286572E"}}],
            "Tags": [{{"Key": "Name", "Value": "endpoint \"{i}\""}}],
            "OwnerId": "123456789012"
        }}"#
            ));
        }
        text.push_str("\n    ]\n}\n");
        text
    }

    #[test]
    fn synthetic_small_agrees_with_expectations() {
        let text = synthetic(50);
        let spans = locate_all(
            &text,
            &[
                emb(
                    "/VpcEndpoints/49/PolicyDocument",
                    "/Statement/0/Resource/0",
                    Part::Value,
                ),
                key("/VpcEndpoints/7/Groups/0/GroupName"),
                t("/VpcEndpoints/50"),
            ],
        );
        let s = spans[0].expect("resource");
        assert_eq!(&text[s.start..s.end], r#"\"arn:aws:s3:::bucket-49/*\""#);
        let s = spans[1].expect("group name");
        assert_eq!(&text[s.start..s.end], r#""GroupName""#);
        assert_eq!(spans[2], None);
    }

    /// Release-mode timing on ~100 MB:
    /// `cargo test --release -- --ignored --nocapture large_file_timing`.
    #[test]
    #[ignore = "timing; run in release mode"]
    #[allow(clippy::print_stdout)]
    fn large_file_timing() {
        let count = 115_000;
        let text = synthetic(count);
        let mut targets = Vec::new();
        for i in (0..count).step_by(count / 5_000) {
            targets.push(emb(
                &format!("/VpcEndpoints/{i}/PolicyDocument"),
                "/Statement/0/Principal",
                Part::Key,
            ));
            targets.push(key(&format!("/VpcEndpoints/{}/Tags/0/Value", i + 1)));
        }
        let started = std::time::Instant::now();
        let spans = locate_all(&text, &targets);
        let locate = started.elapsed();
        assert!(spans.iter().all(Option::is_some));
        let started = std::time::Instant::now();
        let lines = LineIndex::new(&text);
        let positions: Vec<(usize, usize)> = spans
            .iter()
            .flatten()
            .map(|s| lines.line_col(&text, s.start))
            .collect();
        let index = started.elapsed();
        assert_eq!(positions.len(), targets.len());
        println!(
            "{:.1} MB, {} targets: locate_all {:?}, LineIndex::new + line_col {:?}",
            text.len() as f64 / 1e6,
            targets.len(),
            locate,
            index
        );
    }
}
