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
#[path = "locate_tests.rs"]
mod tests;
