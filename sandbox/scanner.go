package sandbox

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
)

// scanner splits decoded UTF-8 text into records and fields, RFC 4180
// style with the leniency real exports need: CRLF, LF or CR line endings,
// quoted fields holding delimiters, doubled quotes and newlines, stray
// quotes inside unquoted fields kept as text. It works on a large window of
// bytes and hands out batches of records whose fields are spans into that
// window (doubled quotes are unescaped in place), so that no field is copied.
type scanner struct {
	batch
	r     io.Reader
	start int // next unparsed byte
	end   int // end of data in buf
	eof   bool
	delim byte
	quote byte // 0: no quoting
	nl    byte // byte counted as a line break inside quoted fields

	line     int64 // line where the next record starts (1-based)
	maxBytes int   // a record larger than this is an error

	consumed int64 // decoded bytes dropped from the front of buf so far

	pending []int32 // fields of the current record with doubled quotes
}

type span struct{ s, e int32 }

// batch is a set of records whose fields are spans into buf. The scanner
// and the xlsx reader both produce batches; refine.go consumes them.
type batch struct {
	buf    []byte
	fields []span
	recs   []record
}

// batchSource yields batches until it returns false.
type batchSource interface {
	next() (bool, error)
	current() *batch
}

func (s *scanner) current() *batch { return &s.batch }

// field returns the bytes of field j of a record of the batch.
func (b *batch) field(rec *record, j int) []byte {
	sp := b.fields[int(rec.f0)+j]
	return b.buf[sp.s:sp.e]
}

type record struct {
	f0, nf int32 // fields[f0 : f0+nf]
	line   int64 // line where it starts
	lines  int32 // physical lines it spans (1 for most)
	s, e   int32 // bytes of the record in buf
}

const (
	scanBufSize  = 1 << 20
	maxRecordLen = 16 << 20
	maxBatchRecs = 1 << 13 // small batches: their fields stay in cache and take little memory
)

func newScanner(r io.Reader, delim, quote byte, bufSize int) *scanner {
	if bufSize <= 0 {
		bufSize = scanBufSize
	}
	return &scanner{r: r, batch: batch{buf: make([]byte, bufSize)}, delim: delim, quote: quote, nl: '\n', line: 1, maxBytes: maxRecordLen}
}

// reserve sizes the batch for records of about width fields, so that it
// does not grow (and leave copies behind) while the import runs.
func (s *scanner) reserve(width int) {
	s.fields = make([]span, 0, min(maxBatchRecs*(width+1), 1<<19))
	s.recs = make([]record, 0, maxBatchRecs)
}

// fill reads more data into the window, compacting it first.
func (s *scanner) fill() error {
	if s.start > 0 {
		s.consumed += int64(s.start)
		n := copy(s.buf, s.buf[s.start:s.end])
		s.start, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.maxBytes {
			return io.ErrShortBuffer
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for s.end < len(s.buf) && !s.eof {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			break
		}
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
	}
	return nil
}

// next parses the next batch of records. It returns false at the end of the
// input (with a nil error) or on error.
func (s *scanner) next() (bool, error) {
	s.fields = s.fields[:0]
	s.recs = s.recs[:0]
	for {
		for len(s.recs) < maxBatchRecs {
			if s.parseFast(maxBatchRecs) {
				break // batch full
			}
			// the next record needs the general parser (or more input)
			ok, err := s.parseRecord()
			if err != nil {
				return false, err
			}
			if !ok {
				break
			}
		}
		if len(s.recs) > 0 {
			return true, nil
		}
		if s.eof && s.start >= s.end {
			return false, nil
		}
		startLine := s.line
		if err := s.fill(); err != nil {
			if err == io.ErrShortBuffer {
				if s.inQuote() {
					return false, newErr(ErrQuote, startLine, "", "")
				}
				return false, newErr(ErrLineTooLong, startLine, "", "")
			}
			return false, err
		}
	}
}

// inQuote reports whether the unparsed window starts an unterminated quoted field.
func (s *scanner) inQuote() bool {
	if s.quote == 0 {
		return false
	}
	n := bytes.Count(s.buf[s.start:s.end], []byte{s.quote})
	return n%2 == 1
}

// parseRecord parses one record at s.start. It returns false when the
// window holds no complete record (more input needed, or end of input).
func (s *scanner) parseRecord() (bool, error) {
	buf := s.buf[:s.end]
	i := s.start
	if i >= len(buf) {
		return false, nil
	}
	f0 := len(s.fields)
	s.pending = s.pending[:0]
	extra := int32(0)
	delim, quote := s.delim, s.quote
	for {
		// one field starting at i
		if i < len(buf) && quote != 0 && buf[i] == quote {
			j := i + 1
			dbl := false
			for {
				k := bytes.IndexByte(buf[j:], quote)
				if k < 0 {
					if s.eof {
						e := newErr(ErrQuote, s.line, "", excerpt(buf[i:]))
						e.field = len(s.fields) - f0 + 1
						return false, e
					}
					return s.incomplete(f0)
				}
				j += k
				if j+1 < len(buf) && buf[j+1] == quote {
					dbl = true
					j += 2
					continue
				}
				if j+1 == len(buf) && !s.eof {
					return s.incomplete(f0)
				}
				break
			}
			// content is buf[i+1:j]; closing quote at j
			extra += int32(bytes.Count(buf[i+1:j], []byte{s.nl}))
			fs, fe := i+1, j
			i = j + 1
			if i < len(buf) && buf[i] != delim && buf[i] != '\n' && buf[i] != '\r' {
				// text after the closing quote: keep the raw field
				fs = fs - 1
				for i < len(buf) && buf[i] != delim && buf[i] != '\n' && buf[i] != '\r' {
					i++
				}
				if i == len(buf) && !s.eof {
					return s.incomplete(f0)
				}
				fe = i
				dbl = false
			}
			if dbl {
				s.pending = append(s.pending, int32(len(s.fields)))
			}
			s.fields = append(s.fields, span{int32(fs), int32(fe)})
		} else {
			// inline SWAR search for the delimiter, '\n' or '\r'
			j := i
			md := uint64(0x0101010101010101) * uint64(delim)
			for j+8 <= len(buf) {
				w := binary.LittleEndian.Uint64(buf[j:])
				x, y, z := w^md, w^0x0a0a0a0a0a0a0a0a, w^0x0d0d0d0d0d0d0d0d
				if t := ((x-0x0101010101010101)&^x | (y-0x0101010101010101)&^y | (z-0x0101010101010101)&^z) & 0x8080808080808080; t != 0 {
					j += bits.TrailingZeros64(t) / 8
					goto found
				}
				j += 8
			}
			for j < len(buf) {
				if c := buf[j]; c == delim || c == '\n' || c == '\r' {
					break
				}
				j++
			}
		found:
			if j == len(buf) && !s.eof {
				return s.incomplete(f0)
			}
			s.fields = append(s.fields, span{int32(i), int32(j)})
			i = j
		}
		// after a field: delimiter, end of line or end of input
		if i >= len(buf) {
			break
		}
		c := buf[i]
		if c == delim {
			i++
			if i == len(buf) && s.eof {
				s.fields = append(s.fields, span{int32(i), int32(i)})
				break
			}
			continue
		}
		if c == '\r' {
			if i+1 == len(buf) && !s.eof {
				return s.incomplete(f0)
			}
			i++
			if i < len(buf) && buf[i] == '\n' {
				i++
			}
			break
		}
		// '\n'
		i++
		break
	}
	for _, fi := range s.pending {
		sp := &s.fields[fi]
		w := sp.s
		for r := sp.s; r < sp.e; r++ {
			c := buf[r]
			buf[w] = c
			w++
			if c == quote && r+1 < sp.e && buf[r+1] == quote {
				r++
			}
		}
		sp.e = w
	}
	s.recs = append(s.recs, record{f0: int32(f0), nf: int32(len(s.fields) - f0), line: s.line, lines: 1 + extra, s: int32(s.start), e: int32(i)})
	s.line += 1 + int64(extra)
	s.start = i
	return true, nil
}

// parseFast parses records at s.start while they are plain: fields
// unquoted, or quoted without doubled quotes or line breaks, and a line
// break after the record within the window. It stops at the first other
// record, leaving it to parseRecord, and reports whether the batch holds
// max records. One call parses many records with the scanner's state in
// locals (WebAssembly calls are costly).
func (s *scanner) parseFast(max int) bool {
	buf := s.buf[:s.end]
	fields, recs := s.fields, s.recs
	i, line := s.start, s.line
	delim, quote := s.delim, s.quote
	md := uint64(0x0101010101010101) * uint64(delim)
	n := len(buf)
	for len(recs) < max {
		rs, f0 := i, len(fields)
		for {
			if i < n && quote != 0 && buf[i] == quote {
				k := bytes.IndexByte(buf[i+1:], quote)
				if k < 0 {
					goto bail
				}
				j := i + 1 + k
				if j+1 >= n {
					goto bail
				}
				if c := buf[j+1]; c != delim && c != '\n' && c != '\r' {
					goto bail // doubled quote, or text after the closing quote
				}
				for _, c := range buf[i+1 : j] {
					if c == '\n' || c == '\r' {
						goto bail
					}
				}
				fields = append(fields, span{int32(i + 1), int32(j)})
				i = j + 1
			} else {
				// SWAR search for the delimiter, '\n' or '\r'
				j := i
				for j+8 <= n {
					w := binary.LittleEndian.Uint64(buf[j:])
					x, y, z := w^md, w^0x0a0a0a0a0a0a0a0a, w^0x0d0d0d0d0d0d0d0d
					if t := ((x-0x0101010101010101)&^x | (y-0x0101010101010101)&^y | (z-0x0101010101010101)&^z) & 0x8080808080808080; t != 0 {
						j += bits.TrailingZeros64(t) / 8
						goto found
					}
					j += 8
				}
				for j < n {
					if c := buf[j]; c == delim || c == '\n' || c == '\r' {
						goto found
					}
					j++
				}
				goto bail // the window ends inside the record
			found:
				fields = append(fields, span{int32(i), int32(j)})
				i = j
			}
			switch buf[i] {
			case delim:
				i++
				continue
			case '\r':
				if i+1 >= n {
					goto bail
				}
				i++
				if buf[i] == '\n' {
					i++
				}
			default: // '\n'
				i++
			}
			break
		}
		recs = append(recs, record{f0: int32(f0), nf: int32(len(fields) - f0), line: line, lines: 1, s: int32(rs), e: int32(i)})
		line++
		continue
	bail:
		fields = fields[:f0]
		i = rs
		break
	}
	s.fields, s.recs = fields, recs
	s.start, s.line = i, line
	return len(recs) >= max
}

func (s *scanner) incomplete(f0 int) (bool, error) {
	s.fields = s.fields[:f0]
	return false, nil
}

// excerpt returns the first characters of b for error details.
func excerpt(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
		for len(b) > 0 && b[len(b)-1]&0xC0 == 0x80 {
			b = b[:len(b)-1]
		}
		if len(b) > 0 && b[len(b)-1] >= 0xC0 {
			b = b[:len(b)-1]
		}
		return string(b) + "…"
	}
	return string(b)
}

// isBlank reports whether a record has no non-blank field.
func (b *batch) isBlank(rec *record) bool {
	for j := 0; j < int(rec.nf); j++ {
		if len(trimSpace(b.field(rec, j))) > 0 {
			return false
		}
	}
	return true
}

// readRecords parses text (a sample) into string records with the given
// dialect. When final is false the last, possibly cut, line is dropped.
func readRecords(text []byte, delim, quote byte, final bool, max int) ([][]string, []int64, error) {
	if !final {
		if k := bytes.LastIndexAny(text, "\r\n"); k >= 0 {
			text = text[:k+1]
		} else {
			return nil, nil, nil
		}
	}
	sc := newScanner(bytes.NewReader(text), delim, quote, len(text)+16)
	var out [][]string
	var lines []int64
	for len(out) < max {
		ok, err := sc.next()
		if err != nil && !final {
			err = nil // a quoted field cut by the end of the sample
			ok = len(sc.recs) > 0
		}
		if !ok && err == nil {
			break
		}
		for k := range sc.recs {
			rec := &sc.recs[k]
			row := make([]string, rec.nf)
			for j := range row {
				row[j] = string(sc.field(rec, j))
			}
			out = append(out, row)
			lines = append(lines, rec.line)
			if len(out) >= max {
				break
			}
		}
		if err != nil || !ok {
			return out, lines, err
		}
	}
	return out, lines, nil
}

// findSpecial returns the index of the first delimiter, '\n' or '\r' at or
// after j (len(buf) if none), eight bytes at a time.
func findSpecial(buf []byte, j int, delim byte) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	md := lo * uint64(delim)
	for j+8 <= len(buf) {
		w := binary.LittleEndian.Uint64(buf[j:])
		x, y, z := w^md, w^(lo*'\n'), w^(lo*'\r')
		if t := ((x-lo)&^x | (y-lo)&^y | (z-lo)&^z) & hi; t != 0 {
			return j + bits.TrailingZeros64(t)/8
		}
		j += 8
	}
	for ; j < len(buf); j++ {
		if c := buf[j]; c == delim || c == '\n' || c == '\r' {
			return j
		}
	}
	return j
}
