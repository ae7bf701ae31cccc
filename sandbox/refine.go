package sandbox

import (
	"encoding/binary"
	"strings"
)

// Stage 5: refine. Every record of the file goes through the column types
// chosen on the sample, batch by batch and column by column (tight loops
// that V8 optimises after their first call). Types are confirmed on the
// full column: an Integer column meeting a decimal becomes Decimal, a Date
// column meeting a time becomes DateTime, a numeric Identifier meeting a
// code becomes text; values that still do not fit are kept as invalid
// (counted and listed); a column where more than 10 % of the values do not
// fit is kept as text instead. Trailing total rows are set aside at the end.

// ---- column building ----

func (c *Column) init(capHint int) {
	c.stor = storageOf(c.Type)
	c.init2(capHint)
}

// initWidth is the integer width a column of type t starts with (widened
// on import when a value needs more).
func initWidth(t Type) uint8 {
	switch t {
	case Boolean:
		return 1
	case Integer:
		return 2
	}
	return 4 // Date (days), DateTime (seconds until 2038), numeric Identifier
}

func (c *Column) init2(capHint int) {
	c.init3(capHint, 0)
}

// init3 allocates the storage; w is the starting width (0: by type).
func (c *Column) init3(capHint int, w uint8) {
	c.valid = make(Bitmap, 0, capHint/64+1)
	switch c.stor {
	case storInt:
		if w == 0 {
			w = initWidth(c.Type)
		}
		c.makeInts(w, capHint)
	case storFloat:
		c.f64 = make([]float64, 0, capHint)
	default:
		if w == 0 {
			w = 1
		}
		c.makeCodes(w, capHint)
	}
}

func (c *Column) nextRow() int {
	i := c.n
	if i&63 == 0 {
		c.valid = append(c.valid, 0)
	}
	c.n++
	return i
}

func (c *Column) appendMissing() {
	c.nextRow()
	switch c.stor {
	case storInt:
		c.pushIntW(0)
	case storFloat:
		c.f64 = append(c.f64, 0)
	default:
		c.pushCodeW(0)
	}
}

func (c *Column) appendInt(v int64) {
	c.pushInt(v)
	i := c.nextRow()
	c.valid[i>>6] |= 1 << (uint(i) & 63)
}

func (c *Column) appendFloat(v float64) {
	i := c.nextRow()
	c.f64 = append(c.f64, v)
	c.valid[i>>6] |= 1 << (uint(i) & 63)
}

func (c *Column) appendText(b []byte) {
	code := c.dictTab.code(&c.dict, b)
	c.pushCode(code)
	i := c.nextRow()
	c.valid[i>>6] |= 1 << (uint(i) & 63)
}

func (c *Column) appendTyped(iv int64, fv float64) {
	if c.stor == storFloat {
		c.appendFloat(fv)
	} else {
		c.appendInt(iv)
	}
}

func (c *Column) appendInvalid(raw string, row int, line int64) {
	c.appendMissing()
	c.nInvalid++
	c.invalid = append(c.invalid, Invalid{Row: row, Line: line, Value: raw})
}

// add parses one raw cell and appends it.
func (c *Column) add(raw []byte, line int64) {
	b := trimSpace(raw)
	if isMissing(b) {
		c.appendMissing()
		return
	}
	if c.stor == storDict {
		c.appendText(b)
		return
	}
	iv, fv, ok := c.parse(b)
	if ok {
		c.appendTyped(iv, fv)
		return
	}
	// promotions that keep every value exact
	switch c.Type {
	case Integer:
		if n, ok := parseNumber(b, c.dec); ok && !n.pct {
			c.promoteDecimal()
			c.appendFloat(n.float())
			return
		}
	case Date:
		if p, ok := parseDate(b, c.dateOrd); ok && p.hasTime {
			c.promoteDateTime()
			c.appendInt(p.days*86400 + p.secs)
			return
		}
	case Identifier:
		c.toDict()
		c.appendText(b)
		return
	}
	c.appendInvalid(string(b), c.n, line)
}

// parse reads a trimmed, non-missing cell under the column's type.
func (c *Column) parse(b []byte) (iv int64, fv float64, ok bool) {
	switch c.Type {
	case Integer:
		if v, ok := canonicalDigits(b); ok {
			return v, 0, true
		}
		n, ok := parseNumber(b, c.dec)
		if ok && n.frac == 0 && !n.pct {
			if n.neg {
				return -n.mant, 0, true
			}
			return n.mant, 0, true
		}
	case Decimal, Percent:
		n, ok := parseNumber(b, c.dec)
		if ok {
			v := n.float()
			if c.Type == Percent {
				v /= 100
			}
			if c.scale != 0 {
				v *= c.scale
			}
			return 0, v, true
		}
	case Date:
		p, ok := parseDate(b, c.dateOrd)
		if ok && (!p.hasTime || p.secs == 0) {
			return p.days, 0, true
		}
	case DateTime:
		p, ok := parseDate(b, c.dateOrd)
		if ok {
			return p.days*86400 + p.secs, 0, true
		}
	case Boolean:
		if v, ok := parseBool(b); ok {
			if v {
				return 1, 0, true
			}
			return 0, 0, true
		}
	case Identifier:
		if v, ok := canonicalDigits(b); ok {
			return v, 0, true
		}
	default:
		return 0, 0, true
	}
	return 0, 0, false
}

func (c *Column) promoteDecimal() {
	n := c.storedLen()
	f := make([]float64, n, max(c.storedCap(), n+1))
	for i := range f {
		f[i] = float64(c.intAt(i))
	}
	c.i8, c.i16, c.i32, c.i64 = nil, nil, nil, nil
	c.f64, c.w = f, 0
	c.Type, c.stor = Decimal, storFloat
	if c.Format == "" {
		c.Format = "decimal " + string(c.dec)
	}
	c.rangeDone = false
}

func (c *Column) promoteDateTime() {
	n := c.storedLen()
	w := c.w
	for i := 0; i < n; i++ {
		w = max(w, intWidth(c.intAt(i)*86400))
	}
	if w > c.w {
		c.widenInts(w)
	}
	for i := 0; i < n; i++ {
		c.setInt(i, c.intAt(i)*86400)
	}
	c.Type = DateTime
	if !strings.HasSuffix(c.Format, "hh:mm") {
		c.Format += " hh:mm"
	}
	c.rangeDone = false
}

// rebuildDict turns the column into a dictionary text column whose row i
// holds text(i) (ok=false: missing).
func (c *Column) rebuildDict(text func(i int) (string, bool)) {
	n := c.n
	nc := Column{Name: c.Name, Type: c.Type, Role: c.Role, Format: c.Format, stor: storDict, dec: c.dec, dateOrd: c.dateOrd}
	nc.init2(n)
	for i := 0; i < n; i++ {
		if s, ok := text(i); ok {
			nc.appendText([]byte(s))
		} else {
			nc.appendMissing()
		}
	}
	nc.invalid, nc.nInvalid = c.invalid, c.nInvalid
	*c = nc
}

// toDict stores a numeric Identifier as text (exact: canonical digits).
func (c *Column) toDict() {
	old := *c
	c.rebuildDict(func(i int) (string, bool) {
		if !old.valid.Get(i) {
			return "", false
		}
		return old.format(i), true
	})
	c.Format = ""
}

// demoteText keeps the column as text: valid values in canonical form,
// invalid ones as they were written.
func (c *Column) demoteText() {
	old := *c
	raw := make(map[int]string, len(old.invalid))
	for _, iv := range old.invalid {
		raw[iv.Row] = iv.Value
	}
	c.rebuildDict(func(i int) (string, bool) {
		if old.valid.Get(i) {
			return old.format(i), true
		}
		s, ok := raw[i]
		return s, ok
	})
	c.Type, c.Format = Text, ""
	c.invalid, c.nInvalid = nil, 0
}

// truncate drops rows from n on.
func (c *Column) truncate(n int) {
	if n >= c.n {
		return
	}
	c.n = n
	c.valid = c.valid[:(n+63)/64]
	if r := n & 63; r != 0 {
		c.valid[len(c.valid)-1] &= 1<<uint(r) - 1
	}
	c.rangeDone = false
	switch c.stor {
	case storInt:
		c.i8, c.i16, c.i32, c.i64 = cut(c.i8, n), cut(c.i16, n), cut(c.i32, n), cut(c.i64, n)
	case storFloat:
		c.f64 = c.f64[:n]
	default:
		c.c8, c.c16, c.c32 = cut(c.c8, n), cut(c.c16, n), cut(c.c32, n)
		// drop dictionary entries only the dropped rows used
		used := make([]bool, len(c.dict))
		for i := 0; i < n; i++ {
			if c.valid.Get(i) {
				used[c.codeAt(i)] = true
			}
		}
		remap := make([]uint32, len(c.dict))
		var dict []string
		for k, u := range used {
			if u {
				remap[k] = uint32(len(dict))
				dict = append(dict, c.dict[k])
			}
		}
		for i := 0; i < n; i++ {
			code := uint32(0)
			if c.valid.Get(i) {
				code = remap[c.codeAt(i)]
			}
			c.setCode(i, code)
		}
		c.dict = dict
		c.dictTab = strTable{}
	}
	k := 0
	for _, iv := range c.invalid {
		if iv.Row < n {
			c.invalid[k] = iv
			k++
		}
	}
	c.nInvalid -= len(c.invalid) - k
	c.invalid = c.invalid[:k]
}

// cut reslices s to n values if it is in use.
func cut[T any](s []T, n int) []T {
	if s == nil {
		return nil
	}
	return s[:n]
}

// setCode overwrites row i's code (which must fit width c.w).
func (c *Column) setCode(i int, code uint32) {
	switch c.w {
	case 1:
		c.c8[i] = uint8(code)
	case 2:
		c.c16[i] = uint16(code)
	default:
		c.c32[i] = code
	}
}

// finish releases building state.
func (c *Column) finish() {
	c.dictTab = strTable{}
}

// ---- the refine pass ----

type refiner struct {
	cols     []*Column
	width    int
	skip     int // records still to skip (preamble, header)
	rows     int
	lines    lineMap
	hashes   []uint64
	examples [][]string

	blank                 int
	short, long           int
	firstShort, firstLong int64
	tail                  []tailRec
	demoted               []string
	ks                    []int32
	cumExtra              int64
}

type tailRec struct {
	fields []string
	line   int64
}

func newRefiner(cols []*Column, skip int, capHint int) *refiner {
	rf := &refiner{cols: cols, width: len(cols), skip: skip}
	rf.examples = make([][]string, len(cols))
	rf.hashes = make([]uint64, 0, capHint)
	rf.lines.base = -1
	return rf
}

func (rf *refiner) consume(b *batch) {
	recs := b.recs
	ks := rf.ks[:0]
	for k := range recs {
		rec := &recs[k]
		if rf.skip > 0 {
			rf.skip--
			continue
		}
		if rec.nf <= 1 || len(trimSpace(b.field(rec, 0))) == 0 {
			if b.isBlank(rec) {
				rf.blank++
				continue
			}
		}
		row := rf.rows + len(ks)
		ks = append(ks, int32(k))
		if rf.lines.base < 0 {
			rf.lines.base = rec.line
		}
		if want := rf.lines.base + int64(row) + rf.cumExtra; rec.line != want {
			rf.lines.addExtra(row, rec.line-want)
			rf.cumExtra += rec.line - want
		}
		nf := int(rec.nf)
		if nf < rf.width {
			if rf.short == 0 {
				rf.firstShort = rec.line
			}
			rf.short++
		} else if nf > rf.width {
			for j := rf.width; j < nf; j++ {
				if len(trimSpace(b.field(rec, j))) > 0 {
					if rf.long == 0 {
						rf.firstLong = rec.line
					}
					rf.long++
					break
				}
			}
		}
		e := rec.e
		for e > rec.s && (b.buf[e-1] == '\n' || b.buf[e-1] == '\r') {
			e--
		}
		rf.hashes = append(rf.hashes, hashBytes(b.buf[rec.s:e]))
	}
	rf.ks = ks
	for ci, c := range rf.cols {
		ex := rf.examples[ci]
		for _, k := range ks {
			if len(ex) >= 3 || rf.rows >= exampleRows {
				break
			}
			if rec := &recs[k]; ci < int(rec.nf) {
				ex = addExample(ex, b.field(rec, ci))
			}
		}
		rf.examples[ci] = ex
		done := 0
		for done < len(ks) {
			t, st, w := c.Type, c.stor, c.w
			k := fastCells(c, b, ks[done:], ci)
			done += k
			// a slow cell that changed the type or storage ends the fast
			// loops; one that only widened the storage restarts them
			if k == 0 || c.Type != t || c.stor != st || c.w == w {
				break
			}
		}
		for _, k := range ks[done:] {
			rec := &recs[k]
			if ci >= int(rec.nf) {
				c.appendMissing()
				continue
			}
			c.add(b.field(rec, ci), rec.line)
		}
		if c.nInvalid > 50 && c.nInvalid*10 > c.n && !c.Type.isTextual() {
			rf.demoted = append(rf.demoted, c.Name)
			c.demoteText()
		}
	}
	rf.rows += len(ks)
	// keep the last records for footer detection
	start := len(ks) - 3
	if start < 0 {
		start = 0
	}
	for _, k := range ks[start:] {
		rec := &recs[k]
		t := tailRec{line: rec.line, fields: make([]string, rec.nf)}
		for j := range t.fields {
			t.fields[j] = string(b.field(rec, j))
		}
		rf.tail = append(rf.tail, t)
	}
	if len(rf.tail) > 3 {
		rf.tail = append(rf.tail[:0], rf.tail[len(rf.tail)-3:]...)
	}
}

// The fast loops below handle the common cells of a column in a batch and
// return how many records they consumed. They keep the column's storage in
// locals (the WebAssembly backend does not keep struct fields in
// registers) and hand any other cell to Column.add through slowCell; they
// stop after a slow cell that changed the column's type, storage or width
// (consume then restarts them, or goes on with Column.add).

// fastCells runs the fast loop suited to c.
func fastCells(c *Column, b *batch, ks []int32, ci int) int {
	switch c.stor {
	case storInt:
		switch c.Type {
		case Integer, Identifier:
			// (integers start at two bytes: no one-byte loop; fewer
			// instantiations keep engine.wasm small)
			switch c.w {
			case 2:
				return addIntFast(c, &c.i16, b, ks, ci)
			case 4:
				return addIntFast(c, &c.i32, b, ks, ci)
			case 8:
				return addIntFast(c, &c.i64, b, ks, ci)
			}
		case Date, DateTime:
			if c.w == 4 { // dates, and date-times from 1901 to 2038
				return addDateFast(c, &c.i32, b, ks, ci)
			}
		case Boolean:
			if c.w == 1 {
				return addBoolFast(c, b, ks, ci)
			}
		}
	case storDict:
		switch c.w {
		case 1:
			return addDictFast(c, &c.c8, b, ks, ci)
		case 2:
			return addDictFast(c, &c.c16, b, ks, ci)
		}
		return addDictFast(c, &c.c32, b, ks, ci)
	case storFloat:
		return addFloatFast(c, b, ks, ci)
	}
	return 0
}

// slowCell hands one cell to Column.add and reports whether the column
// still suits the fast loop (same type, storage and width).
func slowCell(c *Column, b *batch, rec *record, ci int) bool {
	t, st, w := c.Type, c.stor, c.w
	if ci >= int(rec.nf) {
		c.appendMissing()
	} else {
		c.add(b.field(rec, ci), rec.line)
	}
	return c.Type == t && c.stor == st && c.w == w
}

type intStore interface {
	~int8 | ~int16 | ~int32 | ~int64
}
type codeStore interface{ ~uint8 | ~uint16 | ~uint32 }

func addIntFast[T intStore](c *Column, dst *[]T, b *batch, ks []int32, ci int) int {
	out, valid, n := *dst, c.valid, c.n
	buf, fields, recs := b.buf, b.fields, b.recs
	for k, r := range ks {
		rec := &recs[r]
		if ci < int(rec.nf) {
			sp := fields[int(rec.f0)+ci]
			f := buf[sp.s:sp.e]
			if l := len(f); l > 0 && l <= 8 && cap(f) >= 8 && (f[0] != '0' || l == 1) {
				// digits8, inlined by hand
				const zeros = 0x3030303030303030
				x := binary.LittleEndian.Uint64(f[:8])<<(8*uint(8-l)) | zeros>>(8*uint(l))
				if (x&0xF0F0F0F0F0F0F0F0)|(((x+0x0606060606060606)&0xF0F0F0F0F0F0F0F0)>>4) == 0x3333333333333333 {
					x -= zeros
					x = (x*10 + x>>8) & 0x00FF00FF00FF00FF
					x = (x*100 + x>>16) & 0x0000FFFF0000FFFF
					x = (x*10000 + x>>32) & 0xFFFFFFFF
					if v := int64(x); int64(T(v)) == v {
						out = append(out, T(v))
						if n&63 == 0 {
							valid = append(valid, 0)
						}
						valid[n>>6] |= 1 << (uint(n) & 63)
						n++
						continue
					}
				}
			} else if v, ok := canonicalDigits(f); ok && int64(T(v)) == v {
				out = append(out, T(v))
				if n&63 == 0 {
					valid = append(valid, 0)
				}
				valid[n>>6] |= 1 << (uint(n) & 63)
				n++
				continue
			}
			if len(f) == 0 { // missing
				out = append(out, 0)
				if n&63 == 0 {
					valid = append(valid, 0)
				}
				n++
				continue
			}
		}
		*dst, c.valid, c.n = out, valid, n
		if !slowCell(c, b, rec, ci) {
			return k + 1
		}
		out, valid, n = *dst, c.valid, c.n
	}
	*dst, c.valid, c.n = out, valid, n
	return len(ks)
}

func addDateFast[T ~int32 | ~int64](c *Column, dst *[]T, b *batch, ks []int32, ci int) int {
	dt := c.Type == DateTime
	dmy := c.dateOrd == orderDMY
	out, valid, n := *dst, c.valid, c.n
	buf, fields, recs := b.buf, b.fields, b.recs
	for k, r := range ks {
		rec := &recs[r]
		if ci < int(rec.nf) {
			sp := fields[int(rec.f0)+ci]
			f := buf[sp.s:sp.e]
			if l := len(f); dmy && (l == 16 && f[10] == ' ' && f[13] == ':' || l == 10) && f[2] == '/' && f[5] == '/' {
				// dd/mm/yyyy[ hh:mm], dateCell's fast path inlined by hand
				d0, d1, m0, m1 := f[0]-'0', f[1]-'0', f[3]-'0', f[4]-'0'
				y0, y1, y2, y3 := f[6]-'0', f[7]-'0', f[8]-'0', f[9]-'0'
				if d0 <= 9 && d1 <= 9 && m0 <= 9 && m1 <= 9 && y0 <= 9 && y1 <= 9 && y2 <= 9 && y3 <= 9 {
					d, m, y := int(d0)*10+int(d1), int(m0)*10+int(m1), int(y0)*1000+int(y1)*100+int(y2)*10+int(y3)
					if yi := uint(y - tableYear0); m >= 1 && m <= 12 && d >= 1 && (d <= 28 || d <= daysIn(y, m)) && yi < uint(len(yearDays)) {
						leap := 0
						if isLeapTab[yi] {
							leap = 1
						}
						v := int64(yearDays[yi]) + int64(monthDays[leap][m-1]) + int64(d-1)
						okv := true
						if l == 16 {
							h0, h1, i0, i1 := f[11]-'0', f[12]-'0', f[14]-'0', f[15]-'0'
							h := int64(h0)*10 + int64(h1)
							secs := h*3600 + int64(i0)*600 + int64(i1)*60
							switch {
							case h0 > 2 || h1 > 9 || i0 > 5 || i1 > 9 || h > 23:
								okv = false
							case dt:
								v = v*86400 + secs
							case secs != 0:
								okv = false
							}
						} else if dt {
							v *= 86400
						}
						if okv && int64(T(v)) == v {
							out = append(out, T(v))
							if n&63 == 0 {
								valid = append(valid, 0)
							}
							valid[n>>6] |= 1 << (uint(n) & 63)
							n++
							continue
						}
					}
				}
			} else if v, ok := dateCell(f, dt, dmy, c.dateOrd); ok && int64(T(v)) == v {
				out = append(out, T(v))
				if n&63 == 0 {
					valid = append(valid, 0)
				}
				valid[n>>6] |= 1 << (uint(n) & 63)
				n++
				continue
			}
			if len(f) == 0 { // missing
				out = append(out, 0)
				if n&63 == 0 {
					valid = append(valid, 0)
				}
				n++
				continue
			}
		}
		*dst, c.valid, c.n = out, valid, n
		if !slowCell(c, b, rec, ci) {
			return k + 1
		}
		out, valid, n = *dst, c.valid, c.n
	}
	*dst, c.valid, c.n = out, valid, n
	return len(ks)
}

// dateCell reads a plain date (days) or date-time (seconds) cell; ok is
// false for anything Column.add must look at.
func dateCell(f []byte, dt, dmy bool, ord dateOrder) (int64, bool) {
	var v int64
	// inline fast path for dd/mm/yyyy[ hh:mm]
	if l := len(f); dmy && (l == 16 && f[10] == ' ' && f[13] == ':' || l == 10) && f[2] == '/' && f[5] == '/' {
		d0, d1, m0, m1 := f[0]-'0', f[1]-'0', f[3]-'0', f[4]-'0'
		y0, y1, y2, y3 := f[6]-'0', f[7]-'0', f[8]-'0', f[9]-'0'
		if d0 > 9 || d1 > 9 || m0 > 9 || m1 > 9 || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 {
			return 0, false
		}
		d, m, y := int(d0)*10+int(d1), int(m0)*10+int(m1), int(y0)*1000+int(y1)*100+int(y2)*10+int(y3)
		if m < 1 || m > 12 || d < 1 || d > 28 && d > daysIn(y, m) || y < 1000 {
			return 0, false
		}
		v = daysFromCivil(y, m, d)
		if l == 16 {
			h0, h1, i0, i1 := f[11]-'0', f[12]-'0', f[14]-'0', f[15]-'0'
			if h0 > 2 || h1 > 9 || i0 > 5 || i1 > 9 {
				return 0, false
			}
			h := int64(h0)*10 + int64(h1)
			if h > 23 {
				return 0, false
			}
			secs := h*3600 + int64(i0)*600 + int64(i1)*60
			if !dt {
				if secs != 0 {
					return 0, false
				}
			} else {
				v = v*86400 + secs
			}
		} else if dt {
			v *= 86400
		}
		return v, true
	}
	if len(f) == 0 {
		return 0, false
	}
	p, ok := parseDate(f, ord)
	if !ok || !dt && p.hasTime && p.secs != 0 {
		return 0, false
	}
	v = p.days
	if dt {
		v = v*86400 + p.secs
	}
	return v, true
}

func addDictFast[T codeStore](c *Column, dst *[]T, b *batch, ks []int32, ci int) int {
	buf, fields, recs := b.buf, b.fields, b.recs
	t := &c.dictTab
	out, valid, n := *dst, c.valid, c.n
	limit := uint32(T(0) - 1) // largest code of this width
	if c.Type == Postcode && t.digits == nil {
		t.digits = make([]uint32, 100000)
	}
	digitsTab := t.digits
	for k, r := range ks {
		rec := &recs[r]
		if ci >= int(rec.nf) {
			goto slow
		}
		{
			sp := fields[int(rec.f0)+ci]
			f := buf[sp.s:sp.e]
			l := len(f)
			if l == 0 {
				out = append(out, 0) // missing
				if n&63 == 0 {
					valid = append(valid, 0)
				}
				n++
				continue
			}
			if c0, cl := f[0], f[l-1]; c0 <= ' ' || c0 == 0xC2 || c0 == 0xE2 || cl <= ' ' || cl == 0xA0 || cl == 0xAF {
				goto slow
			}
			if l <= 8 {
				switch f[0] | 0x20 {
				case 'n', '#', '-', '(', 'm':
					if isMissing(f) {
						goto slow
					}
				}
			}
			var code uint32
			if l == 5 && digitsTab != nil && cap(f) >= 8 {
				// French postcodes: a direct table (they are many, and
				// the hash table's slots would not stay in cache)
				if v, ok := digits8(f[:8], 5); ok {
					if code = digitsTab[v]; code != 0 {
						code--
					} else {
						code = t.codeShort(&c.dict, f)
						digitsTab[v] = code + 1
					}
					goto have
				}
			}
			if l <= 15 && cap(f) >= 16 && t.short != nil {
				// inline probe of the short-string table (hits are the norm)
				w := f[:16]
				k1 := binary.LittleEndian.Uint64(w)
				k2 := binary.LittleEndian.Uint64(w[8:])
				if l < 8 {
					k1 &= 1<<(8*uint(l)) - 1
					k2 = 0
				} else {
					k2 &= 1<<(8*uint(l-8)) - 1
				}
				k2 |= uint64(l) << 56
				i := uint32((k1*0x9E3779B97F4A7C15^k2*0xC2B2AE3D27D4EB4F)>>32) & t.smask
				for {
					s := &t.short[i]
					if s.k1 == k1 && s.k2 == k2 && s.code != 0 {
						code = s.code - 1
						break
					}
					if s.code == 0 {
						code = t.codeKey(&c.dict, f, k1, k2)
						break
					}
					i = (i + 1) & t.smask
				}
			} else if l <= 15 && cap(f) >= 16 {
				code = t.codeShort(&c.dict, f)
			} else {
				code = t.code(&c.dict, f)
			}
		have:
			if code > limit {
				// the dictionary outgrew the width: widen, append, restart
				*dst, c.valid, c.n = out, valid, n
				c.pushCode(code)
				i := c.nextRow()
				c.valid[i>>6] |= 1 << (uint(i) & 63)
				return k + 1
			}
			out = append(out, T(code))
			if n&63 == 0 {
				valid = append(valid, 0)
			}
			valid[n>>6] |= 1 << (uint(n) & 63)
			n++
			continue
		}
	slow:
		*dst, c.valid, c.n = out, valid, n
		if !slowCell(c, b, rec, ci) {
			return k + 1
		}
		out, valid, n = *dst, c.valid, c.n
	}
	*dst, c.valid, c.n = out, valid, n
	return len(ks)
}

func addBoolFast(c *Column, b *batch, ks []int32, ci int) int {
	out, valid, n := c.i8, c.valid, c.n
	buf, fields, recs := b.buf, b.fields, b.recs
	for k, r := range ks {
		rec := &recs[r]
		if ci < int(rec.nf) {
			sp := fields[int(rec.f0)+ci]
			f := buf[sp.s:sp.e]
			if v, ok := parseBool(f); ok {
				var x int8
				if v {
					x = 1
				}
				out = append(out, x)
				if n&63 == 0 {
					valid = append(valid, 0)
				}
				valid[n>>6] |= 1 << (uint(n) & 63)
				n++
				continue
			}
			if len(f) == 0 { // missing
				out = append(out, 0)
				if n&63 == 0 {
					valid = append(valid, 0)
				}
				n++
				continue
			}
		}
		c.i8, c.valid, c.n = out, valid, n
		if !slowCell(c, b, rec, ci) {
			return k + 1
		}
		out, valid, n = c.i8, c.valid, c.n
	}
	c.i8, c.valid, c.n = out, valid, n
	return len(ks)
}

func addFloatFast(c *Column, b *batch, ks []int32, ci int) int {
	dec := c.dec
	scale := c.scale
	pct := c.Type == Percent
	out, valid, n := c.f64, c.valid, c.n
	buf, fields, recs := b.buf, b.fields, b.recs
	for k, r := range ks {
		rec := &recs[r]
		if ci < int(rec.nf) {
			sp := fields[int(rec.f0)+ci]
			f := buf[sp.s:sp.e]
			// plain digits with at most one decimal separator: 12,50
			var m int64
			frac, seenDec, digits := 0, false, 0
			ok := len(f) > 0 && len(f) <= 16 && !pct
			for _, ch := range f {
				if d := ch - '0'; d <= 9 {
					m = m*10 + int64(d)
					digits++
					if seenDec {
						frac++
					}
				} else if ch == dec && !seenDec {
					seenDec = true
				} else {
					ok = false
					break
				}
			}
			if ok && digits > 0 && (!seenDec || frac > 0) {
				v := float64(m)
				if frac > 0 {
					v /= pow10[frac]
				}
				if scale != 0 {
					v *= scale
				}
				out = append(out, v)
				if n&63 == 0 {
					valid = append(valid, 0)
				}
				valid[n>>6] |= 1 << (uint(n) & 63)
				n++
				continue
			}
			if len(f) == 0 { // missing
				out = append(out, 0)
				if n&63 == 0 {
					valid = append(valid, 0)
				}
				n++
				continue
			}
		}
		c.f64, c.valid, c.n = out, valid, n
		if !slowCell(c, b, rec, ci) {
			return k + 1
		}
		out, valid, n = c.f64, c.valid, c.n
	}
	c.f64, c.valid, c.n = out, valid, n
	return len(ks)
}

// exampleRows bounds the rows searched for a column's three examples (a
// column with fewer distinct values would be searched to the end).
const exampleRows = 1 << 16

func addExample(ex []string, f []byte) []string {
	b := trimSpace(f)
	if isMissing(b) {
		return ex
	}
	for _, s := range ex {
		if s == string(b) {
			return ex
		}
	}
	return append(ex, string(b))
}

// footerWords start a total or trailer row (normalised).
var footerWords = []string{"total", "totaux", "sous total", "grand total", "somme", "nombre", "nb", "count", "sum", "moyenne", "average", "fin", "end", "rapport", "export", "genere", "generated", "lignes", "rows"}

// isFooter reports whether a trailing record is a total or trailer row.
func isFooter(fields []string, width int) bool {
	first, nonEmpty := "", 0
	for _, f := range fields {
		if t := strings.TrimSpace(f); t != "" {
			if first == "" {
				first = t
			}
			nonEmpty++
		}
	}
	if first == "" {
		return false
	}
	n := normName(first)
	for _, w := range footerWords {
		if n == w || strings.HasPrefix(n, w+" ") {
			return true
		}
	}
	return nonEmpty == 1 && width >= 3 && len(fields) < width
}

// finishFooter sets trailing footer rows aside and returns them.
func (rf *refiner) finishFooter() []tailRec {
	k := 0
	for i := len(rf.tail) - 1; i >= 0 && k < rf.rows; i-- {
		if !isFooter(rf.tail[i].fields, rf.width) {
			break
		}
		k++
	}
	if k == 0 {
		return nil
	}
	foot := rf.tail[len(rf.tail)-k:]
	rf.rows -= k
	for _, c := range rf.cols {
		c.truncate(rf.rows)
	}
	rf.hashes = rf.hashes[:rf.rows]
	for _, t := range foot {
		if len(t.fields) < rf.width {
			rf.short--
		}
	}
	return foot
}
