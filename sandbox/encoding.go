package sandbox

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// Stage 1: the byte encoding. sniffEncoding looks at the first bytes of the
// file (BOMs, NUL patterns, UTF-8 validity) and rejects what is not text;
// newDecoder turns the byte stream into UTF-8 as it is read.

// Encoding names as reported by Report.Encoding.
const (
	EncUTF8    = "utf-8"
	EncCP1252  = "windows-1252"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
)

type encodingInfo struct {
	name   string
	bom    int // length of the byte-order mark to skip
	utf8ok bool
}

// sniffEncoding decides the encoding from the head of the file. final says
// head is the whole file. It returns ErrPDF, ErrOldExcel or ErrBinary for
// files that are not text (zip archives are handled by the caller).
func sniffEncoding(head []byte, final bool) (encodingInfo, *ImportError) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return encodingInfo{name: EncUTF8, bom: 3}, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return encodingInfo{name: EncUTF16LE, bom: 2}, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return encodingInfo{name: EncUTF16BE, bom: 2}, nil
	}
	if err := sniffBinary(head); err != nil {
		return encodingInfo{}, err
	}
	// UTF-16 without BOM: NULs on every other byte of an ASCII-heavy text.
	if len(head) >= 4 {
		var evenNul, oddNul int
		n := len(head)
		if n > 4096 {
			n = 4096
		}
		for i := 0; i+1 < n; i += 2 {
			if head[i] == 0 {
				evenNul++
			}
			if head[i+1] == 0 {
				oddNul++
			}
		}
		pairs := n / 2
		if oddNul > pairs*3/5 && evenNul == 0 {
			return encodingInfo{name: EncUTF16LE}, nil
		}
		if evenNul > pairs*3/5 && oddNul == 0 {
			return encodingInfo{name: EncUTF16BE}, nil
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return encodingInfo{}, newErr(ErrBinary, 0, "", "octets nuls")
	}
	h := head
	if !final {
		h = h[:len(h)-incompleteTail(h)]
	}
	if utf8.Valid(h) {
		return encodingInfo{name: EncUTF8, utf8ok: true}, nil
	}
	// Invalid UTF-8 in the head: Windows-1252 (a superset of ISO-8859-1),
	// unless most high bytes still form UTF-8 sequences (a mostly UTF-8 file
	// with a few stray bytes).
	good, bad := 0, 0
	for i := 0; i < len(h); {
		if h[i] < 0x80 {
			i++
			continue
		}
		r, sz := utf8.DecodeRune(h[i:])
		if r == utf8.RuneError && sz <= 1 {
			bad++
			i++
		} else {
			good++
			i += sz
		}
	}
	if good > 4*bad {
		return encodingInfo{name: EncUTF8, utf8ok: true}, nil
	}
	return encodingInfo{name: EncCP1252}, nil
}

// sniffBinary recognises common non-text files by their magic numbers, and
// other binary content by its control bytes.
func sniffBinary(head []byte) *ImportError {
	has := func(p string) bool { return bytes.HasPrefix(head, []byte(p)) }
	switch {
	case has("%PDF"):
		return newErr(ErrPDF, 0, "", "PDF")
	case has("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"):
		return newErr(ErrOldExcel, 0, "", "xls")
	case has("\x89PNG"), has("\xFF\xD8\xFF"), has("GIF8"):
		return newErr(ErrBinary, 0, "", "image")
	case has("\x1F\x8B"):
		return newErr(ErrBinary, 0, "", "gzip")
	case has("PK\x03\x04"), has("PK\x05\x06"):
		return newErr(ErrBinary, 0, "", "zip")
	case has("\x7FELF"), has("MZ\x90\x00"):
		return newErr(ErrBinary, 0, "", "programme")
	case has("{\\rtf"):
		return newErr(ErrBinary, 0, "", "rtf")
	}
	n := len(head)
	if n > 8192 {
		n = 8192
	}
	ctrl := 0
	for _, c := range head[:n] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0 {
			ctrl++
		}
	}
	if n > 0 && ctrl*20 > n {
		return newErr(ErrBinary, 0, "", "caractères de contrôle")
	}
	return nil
}

// incompleteTail returns how many bytes at the end of b start a UTF-8
// sequence that is cut off.
func incompleteTail(b []byte) int {
	for k := 1; k <= 3 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < 0x80 {
			return 0
		}
		if c >= 0xC0 { // lead byte
			need := 2
			if c >= 0xF0 {
				need = 4
			} else if c >= 0xE0 {
				need = 3
			}
			if need > k {
				return k
			}
			return 0
		}
	}
	return 0
}

// cp1252 maps bytes 0x80–0x9F to runes (the rest of Latin-1 maps to itself).
var cp1252 = [32]rune{
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
}

func cp1252Rune(c byte) rune {
	if c >= 0x80 && c < 0xA0 {
		return cp1252[c-0x80]
	}
	return rune(c)
}

// decoder turns a byte stream into UTF-8. For the UTF-8 and Windows-1252
// families it decodes valid UTF-8 sequences as UTF-8 and other high bytes
// as Windows-1252, counting what does not belong to the detected encoding
// (mixed encodings) instead of failing.
type decoder struct {
	r       io.Reader
	enc     encodingInfo
	carry   []byte // undecoded bytes from the previous read
	out     []byte // decoded bytes not yet returned
	raw     []byte
	eof     bool
	mixed   int64 // bytes or sequences that did not fit the encoding
	mixedAt int64 // decoded offset of the first one (-1: none)
	offset  int64 // decoded bytes returned so far
	err     error // a read error, returned once the decoded bytes are out
}

func newDecoder(r io.Reader, enc encodingInfo) *decoder {
	return &decoder{r: r, enc: enc, mixedAt: -1}
}

// Read implements io.Reader.
func (d *decoder) Read(p []byte) (int, error) {
	for {
		if len(d.out) > 0 {
			n := copy(p, d.out)
			d.out = d.out[n:]
			d.offset += int64(n)
			return n, nil
		}
		if d.err != nil {
			return 0, d.err
		}
		if d.eof {
			if len(d.carry) > 0 {
				d.out = d.convert(d.carry, true, d.out[:0])
				d.carry = d.carry[:0]
				continue
			}
			return 0, io.EOF
		}
		if d.enc.name == EncUTF8 || d.enc.name == EncCP1252 {
			if n, ok := d.readUTF8Fast(p); ok {
				d.offset += int64(n)
				return n, nil
			}
			continue
		}
		d.fillRaw(len(p)/2 + 4)
	}
}

// readUTF8Fast reads straight into p when the bytes are valid UTF-8 (the
// common case); otherwise it leaves converted bytes in d.out.
func (d *decoder) readUTF8Fast(p []byte) (int, bool) {
	if len(p) < 8 {
		d.fillRaw(len(p))
		return 0, false
	}
	c := copy(p, d.carry)
	d.carry = d.carry[:0]
	n, err := io.ReadFull(d.r, p[c:])
	n += c
	if err != nil {
		if err != io.ErrUnexpectedEOF && err != io.EOF {
			d.err = err
			return 0, false
		}
		d.eof = true
	}
	k := 0
	if !d.eof {
		k = incompleteTail(p[:n])
	}
	if d.enc.name == EncUTF8 && utf8.Valid(p[:n-k]) {
		d.carry = append(d.carry, p[n-k:n]...)
		if n-k == 0 && d.eof {
			return 0, false
		}
		return n - k, true
	}
	if d.enc.name == EncCP1252 && isASCII(p[:n]) {
		return n, true
	}
	d.out = d.convert(p[:n-k], d.eof, d.out[:0])
	d.carry = append(d.carry, p[n-k:n]...)
	return 0, false
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// fillRaw reads about n raw bytes and converts them into d.out.
func (d *decoder) fillRaw(n int) {
	if cap(d.raw) < n+len(d.carry) {
		d.raw = make([]byte, 0, n+len(d.carry))
	}
	raw := append(d.raw[:0], d.carry...)
	d.carry = d.carry[:0]
	m, err := io.ReadFull(d.r, raw[len(raw):n+len(raw)])
	raw = raw[:len(raw)+m]
	if err != nil {
		if err != io.EOF && err != io.ErrUnexpectedEOF {
			d.err = err
		}
		d.eof = true
	}
	d.out = d.convert(raw, d.eof, d.out[:0])
	d.raw = raw
}

// convert decodes src into dst; when !final, an incomplete sequence at the
// end of src is kept in d.carry.
func (d *decoder) convert(src []byte, final bool, dst []byte) []byte {
	switch d.enc.name {
	case EncUTF16LE, EncUTF16BE:
		be := d.enc.name == EncUTF16BE
		i := 0
		for ; i+1 < len(src); i += 2 {
			u := rune(src[i]) | rune(src[i+1])<<8
			if be {
				u = rune(src[i])<<8 | rune(src[i+1])
			}
			if u >= 0xD800 && u < 0xDC00 { // high surrogate
				if i+3 >= len(src) {
					if !final {
						break
					}
					dst = utf8.AppendRune(dst, utf8.RuneError)
					d.noteMixed(len(dst))
					continue
				}
				l := rune(src[i+2]) | rune(src[i+3])<<8
				if be {
					l = rune(src[i+2])<<8 | rune(src[i+3])
				}
				if l >= 0xDC00 && l < 0xE000 {
					dst = utf8.AppendRune(dst, 0x10000+(u-0xD800)<<10+(l-0xDC00))
					i += 2
					continue
				}
				dst = utf8.AppendRune(dst, utf8.RuneError)
				d.noteMixed(len(dst))
				continue
			}
			if u < 0x80 {
				dst = append(dst, byte(u))
			} else {
				dst = utf8.AppendRune(dst, u)
			}
		}
		if i < len(src) {
			if final {
				d.noteMixed(len(dst))
			} else {
				d.carry = append(d.carry, src[i:]...)
			}
		}
		return dst
	}
	if !final {
		k := incompleteTail(src)
		d.carry = append(d.carry, src[len(src)-k:]...)
		src = src[:len(src)-k]
	}
	for i := 0; i < len(src); {
		c := src[i]
		if c < 0x80 {
			dst = append(dst, c)
			i++
			continue
		}
		r, sz := utf8.DecodeRune(src[i:])
		if r != utf8.RuneError || sz > 1 {
			if d.enc.name == EncCP1252 {
				d.noteMixed(len(dst))
			}
			dst = append(dst, src[i:i+sz]...)
			i += sz
			continue
		}
		if d.enc.name == EncUTF8 {
			d.noteMixed(len(dst))
		}
		dst = utf8.AppendRune(dst, cp1252Rune(c))
		i++
	}
	return dst
}

func (d *decoder) noteMixed(at int) {
	if d.mixedAt < 0 {
		d.mixedAt = d.offset + int64(len(d.out)) + int64(at)
	}
	d.mixed++
}
