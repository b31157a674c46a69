//! Byte-level detection for ledger files: encoding (UTF-8, UTF-8 with BOM, UTF-16 LE/BE
//! with BOM or recognisable without it) and the field delimiter. UTF-16 is transcoded to
//! UTF-8 on the fly, so a file is never held in memory whole.

use std::io::{self, Read};

/// The text encoding of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

/// How many bytes detection looks at.
pub(crate) const PEEK: usize = 64 * 1024;

/// Reads up to `limit` bytes (fewer only at end of input).
pub(crate) fn read_prefix<R: Read>(reader: &mut R, limit: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(limit.min(PEEK));
    reader.by_ref().take(limit as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// The encoding of a file from its first bytes, and the length of its byte-order mark.
/// Without a BOM, a zero in every other byte of the first line means UTF-16.
pub fn detect_encoding(head: &[u8]) -> (Encoding, usize) {
    match head {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8Bom, 3),
        [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
        [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => (Encoding::Utf16Le, 0),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => (Encoding::Utf16Be, 0),
        _ => (Encoding::Utf8, 0),
    }
}

/// The delimiter of a CSV file: whichever of `;`, tab and `,` occurs most often outside
/// quotes in the first line (ties in that order; `;` when none occurs).
pub fn detect_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => break,
            b';' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [semi, tab, comma] = counts;
    if semi >= tab && semi >= comma {
        b';'
    } else if tab >= comma {
        b'\t'
    } else {
        b','
    }
}

/// Transcodes UTF-16 to UTF-8 while reading. Unpaired surrogates become U+FFFD.
#[derive(Debug)]
pub struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    input: Vec<u8>,
    output: Vec<u8>,
    out_pos: usize,
    pending_high: Option<u16>,
    eof: bool,
}

impl<R: Read> Utf16Reader<R> {
    pub fn new(inner: R, big_endian: bool) -> Self {
        Utf16Reader {
            inner,
            big_endian,
            input: Vec::new(),
            output: Vec::new(),
            out_pos: 0,
            pending_high: None,
            eof: false,
        }
    }

    fn push_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.output
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    fn refill(&mut self) -> io::Result<()> {
        self.output.clear();
        self.out_pos = 0;
        while self.output.is_empty() && !self.eof {
            let mut chunk = [0u8; 8192];
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                self.eof = true;
                if self.pending_high.take().is_some() || !self.input.is_empty() {
                    self.push_char(char::REPLACEMENT_CHARACTER);
                }
                self.input.clear();
                break;
            }
            self.input
                .extend_from_slice(chunk.get(..n).unwrap_or_default());
            let whole = self.input.len() / 2 * 2;
            let units: Vec<u16> = self
                .input
                .get(..whole)
                .unwrap_or_default()
                .chunks_exact(2)
                .map(|p| match p {
                    [a, b] if self.big_endian => u16::from_be_bytes([*a, *b]),
                    [a, b] => u16::from_le_bytes([*a, *b]),
                    _ => 0,
                })
                .collect();
            self.input.drain(..whole);
            for u in units {
                match (self.pending_high.take(), u) {
                    (Some(h), 0xDC00..=0xDFFF) => {
                        let c = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                        self.push_char(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                    }
                    (prev, 0xD800..=0xDBFF) => {
                        if prev.is_some() {
                            self.push_char(char::REPLACEMENT_CHARACTER);
                        }
                        self.pending_high = Some(u);
                    }
                    (prev, _) => {
                        if prev.is_some() {
                            self.push_char(char::REPLACEMENT_CHARACTER);
                        }
                        self.push_char(
                            char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER),
                        );
                    }
                }
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_pos >= self.output.len() {
            self.refill()?;
        }
        let rest = self.output.get(self.out_pos..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), rest.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn utf16(s: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units: Vec<u16> = (if bom { "\u{feff}" } else { "" })
            .encode_utf16()
            .chain(s.encode_utf16())
            .collect();
        for u in units {
            out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn detects_encodings() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFa;b"), (Encoding::Utf8Bom, 3));
        assert_eq!(
            detect_encoding(&utf16("a;b", false, true)),
            (Encoding::Utf16Le, 2)
        );
        assert_eq!(
            detect_encoding(&utf16("a;b", true, true)),
            (Encoding::Utf16Be, 2)
        );
        assert_eq!(
            detect_encoding(&utf16("a;b", false, false)),
            (Encoding::Utf16Le, 0)
        );
        assert_eq!(detect_encoding(b"a;b"), (Encoding::Utf8, 0));
    }

    #[test]
    fn transcodes_utf16_with_surrogates_across_reads() {
        let text = "Förvaltning;😀;Åäö\r\n".repeat(2000);
        for be in [false, true] {
            let mut out = String::new();
            Utf16Reader::new(std::io::Cursor::new(utf16(&text, be, false)), be)
                .read_to_string(&mut out)
                .unwrap();
            assert_eq!(out, text);
        }
    }

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter(b"a,b,c\r1;2"), b',');
        assert_eq!(detect_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter(b"\"a;x\",b,c"), b',');
    }
}
