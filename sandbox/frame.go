package sandbox

import (
	"math"
	"strconv"
	"strings"
)

// Type is the inferred (or user-chosen) type of a column.
type Type uint8

// Column types. Postcode and Identifier are text types: leading zeros are
// never lost. Date values are days since 1970-01-01; DateTime values are
// seconds since 1970-01-01 00:00 (wall clock, no time zone). Percent values
// are stored as fractions (12,5 % → 0.125).
const (
	Text Type = iota
	Integer
	Decimal
	Percent
	Date
	DateTime
	Boolean
	Postcode
	Identifier
)

var typeNames = [...]string{"text", "integer", "decimal", "percent", "date", "datetime", "boolean", "postcode", "identifier"}

// String returns the type's code as printed by inspect ("integer", "date"…).
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "type(" + strconv.Itoa(int(t)) + ")"
}

// ParseType returns the Type whose String is s (also accepts a few French
// names: "texte", "entier", "décimal", "pourcentage", "date-heure",
// "booléen", "code postal", "identifiant").
func ParseType(s string) (Type, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, n := range typeNames {
		if n == s {
			return Type(i), true
		}
	}
	switch s {
	case "texte", "string":
		return Text, true
	case "entier", "int":
		return Integer, true
	case "décimal", "decimal number", "nombre", "float", "montant":
		return Decimal, true
	case "pourcentage", "%":
		return Percent, true
	case "date-heure", "date et heure", "timestamp":
		return DateTime, true
	case "booléen", "booleen", "bool":
		return Boolean, true
	case "code postal", "code_postal":
		return Postcode, true
	case "identifiant", "id":
		return Identifier, true
	}
	return 0, false
}

// MarshalText implements encoding.TextMarshaler.
func (t Type) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *Type) UnmarshalText(b []byte) error {
	v, ok := ParseType(string(b))
	if !ok {
		return &ImportError{Kind: ErrUnknownCol, Detail: "unknown type " + strconv.Quote(string(b))}
	}
	*t = v
	return nil
}

// isTextual reports whether values of t are stored as dictionary strings
// (Identifier may also use integer storage, see Column.numericID).
func (t Type) isTextual() bool { return t == Text || t == Postcode || t == Identifier }

// storage is how a column's values are held.
type storage uint8

const (
	storDict  storage = iota // codes into dict
	storInt                  // ints (Integer, Date, DateTime, Boolean, numeric Identifier)
	storFloat                // floats (Decimal, Percent)
)

func storageOf(t Type) storage {
	switch t {
	case Integer, Date, DateTime, Boolean:
		return storInt
	case Decimal, Percent:
		return storFloat
	}
	return storDict
}

// Bitmap is a validity (or selection) bitmap: bit i set means row i is valid
// (or selected).
type Bitmap []uint64

// NewBitmap returns a bitmap for n rows, all bits clear.
func NewBitmap(n int) Bitmap { return make(Bitmap, (n+63)/64) }

// Get reports bit i.
func (b Bitmap) Get(i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }

// Set sets bit i.
func (b Bitmap) Set(i int) { b[i>>6] |= 1 << (uint(i) & 63) }

// Clear clears bit i.
func (b Bitmap) Clear(i int) { b[i>>6] &^= 1 << (uint(i) & 63) }

// Count returns the number of set bits among the first n.
func (b Bitmap) Count(n int) int {
	c := 0
	full := n >> 6
	for i := 0; i < full; i++ {
		c += popcount(b[i])
	}
	if r := n & 63; r != 0 {
		c += popcount(b[full] & (1<<uint(r) - 1))
	}
	return c
}

func popcount(x uint64) int {
	x -= (x >> 1) & 0x5555555555555555
	x = (x>>2)&0x3333333333333333 + x&0x3333333333333333
	x += x >> 4
	x &= 0x0f0f0f0f0f0f0f0f
	return int((x * 0x0101010101010101) >> 56)
}

func (b Bitmap) grow(n int) Bitmap {
	w := (n + 63) / 64
	for len(b) < w {
		b = append(b, 0)
	}
	return b
}

// Invalid is a value that did not fit its column's type. It is kept (the
// cell becomes missing in the typed column), counted and listed.
type Invalid struct {
	Row   int    `json:"row"`  // 0-based data row
	Line  int64  `json:"line"` // 1-based line in the file (0 if unknown)
	Value string `json:"value"`
}

// maxInvalidListed bounds how many invalid values a Report lists per
// column (the Column keeps them all).
const maxInvalidListed = 50

// Column is one typed column of a Frame. Values are held in typed slices
// (integers, floats or dictionary codes) with a validity bitmap; there is
// no per-cell interface. Integers and codes use the narrowest width their
// values need (1, 2, 4 or 8 bytes: a boolean takes one byte, a birth year
// two, an order id or a 2020s date-time four), chosen at import and
// widened there if a later value needs it.
type Column struct {
	Name string
	Type Type
	Role Role

	// Format describes how values were written, e.g. "dd/mm/yyyy hh:mm",
	// "decimal ,", "cents"; informative.
	Format string

	n     int
	stor  storage
	w     uint8 // bytes per integer (1, 2, 4, 8) or code (1, 2, 4)
	valid Bitmap
	// integer storage: the slice of width w
	i8  []int8
	i16 []int16
	i32 []int32
	i64 []int64
	// float storage
	f64 []float64
	// dictionary codes: the slice of width w
	c8       []uint8
	c16      []uint16
	c32      []uint32
	dict     []string
	dictTab  strTable
	invalid  []Invalid
	nInvalid int
	scale    float64 // applied to parsed numbers (0.01 for cents); 0 means 1
	dec      byte    // decimal separator for numbers
	dateOrd  dateOrder

	rangeDone        bool // intRange computed
	rangeLo, rangeHi int64
}

// Len returns the number of rows.
func (c *Column) Len() int { return c.n }

// Valid reports whether row i holds a value (false: missing or invalid).
func (c *Column) Valid(i int) bool { return c.valid.Get(i) }

// Validity returns the validity bitmap (do not modify).
func (c *Column) Validity() Bitmap { return c.valid }

// Missing returns the number of rows without a valid value, invalid ones
// included (see Invalid for those).
func (c *Column) Missing() int { return c.n - c.valid.Count(c.n) - c.nInvalid }

// InvalidCount returns how many values did not fit the column's type.
func (c *Column) InvalidCount() int { return c.nInvalid }

// Invalids lists the invalid values with their rows and lines, in row order.
func (c *Column) Invalids() []Invalid { return c.invalid }

// Ints returns the integer values (Integer, Boolean 0/1, Date as days,
// DateTime as seconds, numeric Identifier), or nil. Narrow columns are
// widened into a new slice: prefer Int(i) or the kernels in loops.
func (c *Column) Ints() []int64 {
	if c.stor != storInt {
		return nil
	}
	if c.w == 8 {
		return c.i64[:c.n]
	}
	out := make([]int64, c.n)
	for i := range out {
		out[i] = c.intAt(i)
	}
	return out
}

// Floats returns the float storage (Decimal, Percent), or nil.
func (c *Column) Floats() []float64 { return c.f64 }

// Codes returns the dictionary codes of a text column, or nil (a new slice
// when the codes are stored narrower than 4 bytes).
func (c *Column) Codes() []uint32 {
	if c.stor != storDict {
		return nil
	}
	if c.w == 4 {
		return c.c32[:c.n]
	}
	out := make([]uint32, c.n)
	for i := range out {
		out[i] = c.codeAt(i)
	}
	return out
}

// Dict returns the dictionary of a text column: Dict()[Codes()[i]] is row i's text.
func (c *Column) Dict() []string { return c.dict }

// IsNumericID reports whether an Identifier column holds canonical digit
// strings stored as integers (Ints is set, Codes is nil).
func (c *Column) IsNumericID() bool { return c.Type == Identifier && c.stor == storInt }

// Float returns row i as a number (dates: days or seconds; booleans: 0/1;
// text: NaN). Check Valid first.
func (c *Column) Float(i int) float64 {
	switch c.stor {
	case storInt:
		return float64(c.intAt(i))
	case storFloat:
		return c.f64[i]
	}
	return math.NaN()
}

// Int returns row i as an integer (decimals truncated). Check Valid first.
func (c *Column) Int(i int) int64 {
	switch c.stor {
	case storInt:
		return c.intAt(i)
	case storFloat:
		return int64(c.f64[i])
	}
	return 0
}

// intAt returns the integer stored at row i (storInt columns).
func (c *Column) intAt(i int) int64 {
	switch c.w {
	case 1:
		return int64(c.i8[i])
	case 2:
		return int64(c.i16[i])
	case 4:
		return int64(c.i32[i])
	}
	return c.i64[i]
}

// codeAt returns the dictionary code of row i (storDict columns).
func (c *Column) codeAt(i int) uint32 {
	switch c.w {
	case 1:
		return uint32(c.c8[i])
	case 2:
		return uint32(c.c16[i])
	}
	return c.c32[i]
}

// intWidth returns the bytes needed to hold v.
func intWidth(v int64) uint8 {
	switch {
	case v == int64(int8(v)):
		return 1
	case v == int64(int16(v)):
		return 2
	case v == int64(int32(v)):
		return 4
	}
	return 8
}

// codeWidth returns the bytes needed to hold codes below n.
func codeWidth(n int) uint8 {
	switch {
	case n <= 1<<8:
		return 1
	case n <= 1<<16:
		return 2
	}
	return 4
}

// makeInts allocates integer storage of width w for capHint rows.
func (c *Column) makeInts(w uint8, capHint int) {
	c.i8, c.i16, c.i32, c.i64 = nil, nil, nil, nil
	c.w = w
	switch w {
	case 1:
		c.i8 = make([]int8, 0, capHint)
	case 2:
		c.i16 = make([]int16, 0, capHint)
	case 4:
		c.i32 = make([]int32, 0, capHint)
	default:
		c.w = 8
		c.i64 = make([]int64, 0, capHint)
	}
}

// makeCodes allocates code storage of width w for capHint rows.
func (c *Column) makeCodes(w uint8, capHint int) {
	c.c8, c.c16, c.c32 = nil, nil, nil
	c.w = w
	switch w {
	case 1:
		c.c8 = make([]uint8, 0, capHint)
	case 2:
		c.c16 = make([]uint16, 0, capHint)
	default:
		c.w = 4
		c.c32 = make([]uint32, 0, capHint)
	}
}

// storedLen is the number of values in the integer or code storage.
func (c *Column) storedLen() int {
	switch {
	case c.stor == storFloat:
		return len(c.f64)
	case c.stor == storDict:
		return max(len(c.c8), len(c.c16), len(c.c32))
	}
	return max(len(c.i8), len(c.i16), len(c.i32), len(c.i64))
}

// widenInts moves the integers to width w (larger than c.w).
func (c *Column) widenInts(w uint8) {
	old := *c
	n := old.storedLen()
	c.makeInts(w, max(old.storedCap(), n+1))
	for i := 0; i < n; i++ {
		c.pushIntW(old.intAt(i))
	}
}

// widenCodes moves the codes to width w (larger than c.w).
func (c *Column) widenCodes(w uint8) {
	old := *c
	n := old.storedLen()
	c.makeCodes(w, max(old.storedCap(), n+1))
	for i := 0; i < n; i++ {
		c.pushCodeW(old.codeAt(i))
	}
}

func (c *Column) storedCap() int {
	return max(cap(c.i8), cap(c.i16), cap(c.i32), cap(c.i64), cap(c.c8), cap(c.c16), cap(c.c32), cap(c.f64))
}

// pushIntW appends v, which fits width c.w.
func (c *Column) pushIntW(v int64) {
	switch c.w {
	case 1:
		c.i8 = append(c.i8, int8(v))
	case 2:
		c.i16 = append(c.i16, int16(v))
	case 4:
		c.i32 = append(c.i32, int32(v))
	default:
		c.i64 = append(c.i64, v)
	}
}

// pushInt appends v to the integer storage, widening it if needed.
func (c *Column) pushInt(v int64) {
	if w := intWidth(v); w > c.w {
		c.widenInts(w)
	}
	c.pushIntW(v)
}

// pushCodeW appends a code that fits width c.w.
func (c *Column) pushCodeW(code uint32) {
	switch c.w {
	case 1:
		c.c8 = append(c.c8, uint8(code))
	case 2:
		c.c16 = append(c.c16, uint16(code))
	default:
		c.c32 = append(c.c32, code)
	}
}

// pushCode appends a code, widening the storage if needed.
func (c *Column) pushCode(code uint32) {
	if w := codeWidth(int(code) + 1); w > c.w {
		c.widenCodes(w)
	}
	c.pushCodeW(code)
}

// setInt overwrites row i's integer (which must fit width c.w).
func (c *Column) setInt(i int, v int64) {
	switch c.w {
	case 1:
		c.i8[i] = int8(v)
	case 2:
		c.i16[i] = int16(v)
	case 4:
		c.i32[i] = int32(v)
	default:
		c.i64[i] = v
	}
}

// String returns row i as text in a canonical form ("" when missing):
// dates as yyyy-mm-dd, date-times as yyyy-mm-dd hh:mm[:ss], decimals with a
// point, booleans as true/false.
func (c *Column) String(i int) string {
	if !c.valid.Get(i) {
		return ""
	}
	return c.format(i)
}

func (c *Column) format(i int) string {
	switch c.stor {
	case storDict:
		return c.dict[c.codeAt(i)]
	case storFloat:
		v := c.f64[i]
		if c.Type == Percent {
			return strconv.FormatFloat(v*100, 'f', -1, 64) + "%"
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	v := c.intAt(i)
	switch c.Type {
	case Date:
		return FormatDate(v)
	case DateTime:
		return FormatDateTime(v)
	case Boolean:
		if v != 0 {
			return "true"
		}
		return "false"
	}
	return strconv.FormatInt(v, 10)
}

// Frame is an imported table: equal-length typed columns.
type Frame struct {
	cols  []*Column
	rows  int
	lines lineMap
}

// NumRows returns the number of data rows.
func (f *Frame) NumRows() int { return f.rows }

// Columns returns the columns in file order.
func (f *Frame) Columns() []*Column { return f.cols }

// Col returns the column named name (exact match first, then
// case/accent-insensitive), or nil.
func (f *Frame) Col(name string) *Column {
	for _, c := range f.cols {
		if c.Name == name {
			return c
		}
	}
	k := normName(name)
	for _, c := range f.cols {
		if normName(c.Name) == k {
			return c
		}
	}
	return nil
}

// ByRole returns the first column with role r, or nil.
func (f *Frame) ByRole(r Role) *Column {
	for _, c := range f.cols {
		if c.Role == r {
			return c
		}
	}
	return nil
}

// Line returns the 1-based line in the source file where data row i starts
// (0 for xlsx rows without line numbers).
func (f *Frame) Line(row int) int64 { return f.lines.line(row) }

// SetRole sets a column's role (the user confirms or changes the suggestion).
func (f *Frame) SetRole(col string, r Role) error {
	c := f.Col(col)
	if c == nil {
		return &ImportError{Kind: ErrUnknownCol, Column: col}
	}
	c.Role = r
	return nil
}

// SetType converts a column to type t and returns the values that do not
// fit (they become missing and are listed in the column's invalid values;
// nothing is dropped silently). Text columns are re-read exactly; numbers
// and dates go through their canonical text (12.5, 2024-03-15); invalid
// cells are re-read as they were written. For an exact re-reading of every
// original cell, import again with Options.Types.
func (f *Frame) SetType(col string, t Type) ([]Invalid, error) {
	c := f.Col(col)
	if c == nil {
		return nil, &ImportError{Kind: ErrUnknownCol, Column: col}
	}
	if c.Type == t {
		return nil, nil
	}
	old := *c
	nc := &Column{Name: c.Name, Role: c.Role, Type: t, dec: '.', dateOrd: c.dateOrd}
	raw := make(map[int]string, len(old.invalid))
	for _, iv := range old.invalid {
		raw[iv.Row] = iv.Value
	}
	if old.stor == storDict {
		// read numbers and dates the way the text is written
		sample := make([][]byte, 0, 200)
		for _, s := range old.dict {
			if len(sample) == cap(sample) {
				break
			}
			sample = append(sample, trimSpace([]byte(s)))
		}
		g := inferColumn(sample, "", ',')
		nc.dec, nc.dateOrd = g.dec, g.ord
	}
	if t == Identifier {
		nc.Type = Text // plain text storage; reported as identifier below
	}
	nc.init(old.n)
	var buf []byte
	for i := 0; i < old.n; i++ {
		switch {
		case old.valid.Get(i):
			if old.stor == storDict {
				buf = append(buf[:0], old.dict[old.codeAt(i)]...)
			} else {
				buf = append(buf[:0], old.format(i)...)
			}
		default:
			s, ok := raw[i]
			if !ok {
				nc.appendMissing()
				continue
			}
			buf = append(buf[:0], s...)
		}
		before := nc.nInvalid
		nc.add(buf, f.lines.line(i))
		if nc.nInvalid > before {
			nc.invalid[len(nc.invalid)-1].Row = i
		}
	}
	nc.Type = t
	nc.finish()
	*c = *nc
	return c.invalid, nil
}

// lineMap maps data rows to source lines: line = row + base, plus the extra
// lines taken by earlier multi-line records.
type lineMap struct {
	base  int64   // line of row 0
	rows  []int32 // rows from which extra lines apply (ascending)
	extra []int64 // cumulative extra lines from that row on
	none  bool    // no line information (xlsx)
}

func (m *lineMap) line(row int) int64 {
	if m.none {
		return 0
	}
	// binary search the last entry with rows[k] <= row
	lo, hi := 0, len(m.rows)
	for lo < hi {
		mid := (lo + hi) / 2
		if int(m.rows[mid]) <= row {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	var ex int64
	if lo > 0 {
		ex = m.extra[lo-1]
	}
	return m.base + int64(row) + ex
}

func (m *lineMap) addExtra(row int, n int64) {
	var prev int64
	if k := len(m.extra); k > 0 {
		prev = m.extra[k-1]
	}
	m.rows = append(m.rows, int32(row))
	m.extra = append(m.extra, prev+n)
}

// intChunk returns rows lo..hi of an integer column as int64s: the storage
// itself when it is 8 bytes wide, else the values widened into buf (grown
// as needed; pass the returned slice back in to reuse it).
func (c *Column) intChunk(lo, hi int, buf *[]int64) []int64 {
	if c.w == 8 {
		return c.i64[lo:hi]
	}
	if cap(*buf) < hi-lo {
		*buf = make([]int64, hi-lo)
	}
	out := (*buf)[:hi-lo]
	switch c.w {
	case 1:
		widen(out, c.i8[lo:hi])
	case 2:
		widen(out, c.i16[lo:hi])
	case 4:
		widen(out, c.i32[lo:hi])
	}
	return out
}

func widen[T intStore](dst []int64, src []T) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = int64(v)
	}
}

// codeChunk returns the codes of rows lo..hi as uint32s (see intChunk).
func (c *Column) codeChunk(lo, hi int, buf *[]uint32) []uint32 {
	if c.w == 4 {
		return c.c32[lo:hi]
	}
	if cap(*buf) < hi-lo {
		*buf = make([]uint32, hi-lo)
	}
	out := (*buf)[:hi-lo]
	switch c.w {
	case 1:
		widenCodes(out, c.c8[lo:hi])
	case 2:
		widenCodes(out, c.c16[lo:hi])
	}
	return out
}

func widenCodes[T codeStore](dst []uint32, src []T) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = uint32(v)
	}
}
