//! Byte offset to 1-based line and column.

/// Characters are counted per block of this many bytes when the index is built,
/// so a column on a very long line (a minified 100 MB export is one line) costs
/// at most two partial blocks instead of a scan from the line start.
const BLOCK: usize = 4096;

/// Line starts of a text, to turn byte offsets into 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Offset of the first byte of every line; always starts with 0.
    starts: Vec<usize>,
    /// `chars_before[k]` = number of chars starting in `text[..k * BLOCK]`.
    chars_before: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text` in one pass. Lines are split on `\n` only, so in a CRLF
    /// file the `\r` is just the last char of its line.
    #[must_use]
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut chars_before = Vec::with_capacity(bytes.len() / BLOCK + 2);
        chars_before.push(0);
        let mut chars = 0;
        for (k, block) in bytes.chunks(BLOCK).enumerate() {
            let base = k * BLOCK;
            push_line_starts(block, base, &mut starts);
            chars += count_chars(block);
            chars_before.push(chars);
        }
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// 1-based (line, column); the column counts Unicode scalar values (chars)
    /// from the line start, +1. An offset inside a multi-byte char counts as that
    /// char. Offsets past the end clamp to the end.
    ///
    /// `text` must be the text the index was built from; it is taken again
    /// rather than stored so the index does not borrow a 100 MB buffer. A
    /// different text gives meaningless numbers but never panics.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.starts.get(line - 1).copied().unwrap_or(0).min(offset);
        let bytes = text.as_bytes();
        let column = if offset - line_start <= 2 * BLOCK {
            count_chars(bytes.get(line_start..offset).unwrap_or_default())
        } else {
            self.chars_upto(bytes, offset)
                .saturating_sub(self.chars_upto(bytes, line_start))
        };
        (line, column + 1)
    }

    /// Number of chars starting in `bytes[..offset]`.
    fn chars_upto(&self, bytes: &[u8], offset: usize) -> usize {
        let k = (offset / BLOCK).min(self.chars_before.len().saturating_sub(1));
        let before = self.chars_before.get(k).copied().unwrap_or(0);
        before + count_chars(bytes.get(k * BLOCK..offset).unwrap_or_default())
    }
}

/// 1-based (line, column) of each offset, as [`LineIndex::line_col`] gives them, found in one
/// pass over `text` without an index: a large file's index costs more memory than the file's
/// few findings are worth.
#[must_use]
pub fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let fixed: Vec<usize> = offsets
        .iter()
        .map(|&o| {
            let mut o = o.min(text.len());
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            o
        })
        .collect();
    let mut order: Vec<(usize, usize)> = fixed.iter().copied().zip(0..).collect();
    order.sort_unstable();
    let mut out = vec![(1, 1); offsets.len()];
    // The line of `at`, and the chars from that line's start to `at`.
    let (mut at, mut line, mut column) = (0, 1, 0);
    for (offset, i) in order {
        let segment = bytes.get(at..offset).unwrap_or_default();
        // memchr's searches are vectorised: a one-line 30 MB plan is one long segment.
        match memchr::memrchr(b'\n', segment) {
            Some(last) => {
                let (through, after) = segment.split_at(last + 1);
                line += memchr::memchr_iter(b'\n', through).count();
                column = count_chars(after);
            }
            None => column += count_chars(segment),
        }
        at = offset;
        if let Some(slot) = out.get_mut(i) {
            *slot = (line, column + 1);
        }
    }
    out
}

/// Appends the offset after every `\n` in `block`, which starts at `base`.
fn push_line_starts(block: &[u8], base: usize, starts: &mut Vec<usize>) {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = block.chunks_exact(8);
    let mut at = base;
    for word in &mut words {
        // Most 8-byte words hold no newline; test them as one integer (SWAR).
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let x = u64::from_le_bytes(bytes) ^ (LOW * u64::from(b'\n'));
        if x.wrapping_sub(LOW) & !x & HIGH != 0 {
            starts.extend(
                word.iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == b'\n')
                    .map(|(j, _)| at + j + 1),
            );
        }
        at += 8;
    }
    starts.extend(
        words
            .remainder()
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .map(|(j, _)| at + j + 1),
    );
}

/// Counts chars by counting bytes that are not UTF-8 continuation bytes; unlike
/// `str::chars().count()` this works on any byte range, including block edges
/// that cut a char in two.
fn count_chars(bytes: &[u8]) -> usize {
    bytecount::num_chars(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference implementation: straightforward, slow.
    fn naive(text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, text[line_start..offset].chars().count() + 1)
    }

    #[test]
    fn simple_lines() {
        let text = "ab\ncd\n\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(
            idx.line_col(text, 2),
            (1, 3),
            "the newline is the last char of its line"
        );
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 4), (2, 2));
        assert_eq!(idx.line_col(text, 6), (3, 1));
        assert_eq!(idx.line_col(text, 7), (4, 1));
        assert_eq!(idx.line_col(text, 8), (4, 2), "end of text");
        assert_eq!(idx.line_col(text, 1000), (4, 2), "clamped");
    }

    #[test]
    fn crlf() {
        let text = "{\r\n  \"a\": 1\r\n}\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1), (1, 2), "the \\r is a char on line 1");
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 5), (2, 3), "the opening quote of \"a\"");
        assert_eq!(idx.line_col(text, text.find('}').expect("brace")), (3, 1));
    }

    #[test]
    fn multibyte_columns() {
        let text = "é日😀x\nñ";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 1), (1, 1), "inside é counts as é");
        assert_eq!(idx.line_col(text, 2), (1, 2));
        assert_eq!(idx.line_col(text, 4), (1, 2), "inside 日");
        assert_eq!(idx.line_col(text, 5), (1, 3));
        assert_eq!(idx.line_col(text, 8), (1, 3), "inside 😀");
        assert_eq!(idx.line_col(text, 9), (1, 4), "x");
        assert_eq!(idx.line_col(text, 11), (2, 1));
        assert_eq!(idx.line_col(text, 12), (2, 1), "inside ñ");
        assert_eq!(idx.line_col(text, 13), (2, 2));
    }

    #[test]
    fn one_pass_agrees_with_the_index() {
        for text in [
            "ab\ncd\n\nx",
            "{\r\n  \"a\": 1\r\n}\r\n",
            "é日😀x\nñ",
            "",
            "\n\n",
        ] {
            let idx = LineIndex::new(text);
            let offsets: Vec<usize> = (0..=text.len() + 2).rev().chain([1, 1, 0]).collect();
            let want: Vec<(usize, usize)> =
                offsets.iter().map(|&o| idx.line_col(text, o)).collect();
            assert_eq!(line_cols(text, &offsets), want, "{text:?}");
            for (&o, got) in offsets.iter().zip(&want) {
                assert_eq!(naive(text, o), *got, "{text:?} at {o}");
            }
        }
    }

    #[test]
    fn empty_text() {
        let idx = LineIndex::new("");
        assert_eq!(idx.line_col("", 0), (1, 1));
        assert_eq!(idx.line_col("", 5), (1, 1));
    }

    #[test]
    fn long_lines_match_naive_across_blocks() {
        // Multi-byte chars straddle block edges; one line spans many blocks.
        let mut text = String::new();
        for i in 0..9000 {
            text.push(match i % 7 {
                0 => 'é',
                1 => '日',
                2 => '😀',
                3 if i % 1000 == 3 => '\n',
                _ => 'a',
            });
        }
        text.push_str(&"x".repeat(3 * BLOCK));
        let idx = LineIndex::new(&text);
        for offset in (0..=text.len() + 2)
            .step_by(7)
            .chain([text.len(), 4095, 4096, 8192])
        {
            assert_eq!(
                idx.line_col(&text, offset),
                naive(&text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn mismatched_text_does_not_panic() {
        let idx = LineIndex::new(&"a\n".repeat(10_000));
        let other = "日本";
        for offset in 0..20 {
            let (line, col) = idx.line_col(other, offset);
            assert!(line >= 1 && col >= 1);
        }
    }
}
