package sandbox

import (
	"math"
	"sort"
	"strconv"
)

// Analysis kernels: small building blocks over a Frame that the guided
// questions and free exploration combine. Every kernel walks the rows in
// chunks of ChunkRows (V8 optimises a WebAssembly function on its next
// call, so many short calls beat one long loop), over typed slices, with
// no per-cell interface.
//
//	t := f.GroupBy(nil, sandbox.ByWeekday(achat), sandbox.Count(), sandbox.Sum(prix))
//	jeunes := sandbox.Between(sandbox.AgeAt(naissance, seance), 18, 35)
//	t = f.GroupBy(nil, sandbox.ByValue(discipline), sandbox.Share(jeunes))
//	rows := f.Top(10, f.Where(sandbox.Equals(canal, "Web")), sandbox.Desc(prix), sandbox.Asc(commande))

// ChunkRows is the number of rows a kernel handles per inner call.
const ChunkRows = 1 << 14

// Expr is a numeric value computed for each row (a column, a year, an age…).
type Expr struct {
	Name string
	eval func(lo, hi int, v []float64, ok []bool)
	col  *Column // set by Num: aggregates read the column directly
}

// Num reads a numeric, date or boolean column as an Expr (dates: days;
// date-times: seconds).
func Num(c *Column) Expr {
	var buf []int64
	return Expr{Name: c.Name, col: c, eval: func(lo, hi int, v []float64, ok []bool) {
		switch c.stor {
		case storFloat:
			for i := lo; i < hi; i++ {
				v[i-lo], ok[i-lo] = c.f64[i], c.valid.Get(i)
			}
		case storInt:
			ints := c.intChunk(lo, hi, &buf)
			for i := lo; i < hi; i++ {
				v[i-lo], ok[i-lo] = float64(ints[i-lo]), c.valid.Get(i)
			}
		default:
			for i := lo; i < hi; i++ {
				ok[i-lo] = false
			}
		}
	}}
}

// dayOf returns a Date or DateTime column's value at i as days.
func (c *Column) dayOf(i int) int64 {
	if c.Type == DateTime {
		return floorDiv(c.intAt(i), 86400)
	}
	return c.intAt(i)
}

// YearOf is the calendar year of a Date or DateTime column.
func YearOf(c *Column) Expr {
	return Expr{Name: "année(" + c.Name + ")", eval: func(lo, hi int, v []float64, ok []bool) {
		if c.stor != storInt {
			for i := range ok[:hi-lo] {
				ok[i] = false
			}
			return
		}
		for i := lo; i < hi; i++ {
			if ok[i-lo] = c.valid.Get(i); ok[i-lo] {
				y, _, _ := CivilFromDays(c.dayOf(i))
				v[i-lo] = float64(y)
			}
		}
	}}
}

// AgeAt is the age in whole years at the date of at (a Date or DateTime
// column, e.g. the show date), from birth: a birth year (Integer column,
// age = year(at) − birth year) or a birth date (full years).
func AgeAt(birth, at *Column) Expr {
	var years []int16 // year of each day of at's range (built on first use)
	var base int64
	var abuf, bbuf []int64
	return Expr{Name: "âge", eval: func(lo, hi int, v []float64, ok []bool) {
		if at.stor != storInt || birth.stor == storDict {
			for k := range ok[:hi-lo] {
				ok[k] = false
			}
			return
		}
		if years == nil {
			years, base = yearTable(at)
		}
		byYear := birth.Type != Date && birth.Type != DateTime
		dt := at.Type == DateTime
		ats := at.intChunk(lo, hi, &abuf)
		av, bv := at.valid, birth.valid
		if byYear && birth.stor == storInt && lo&63 == 0 {
			bs := birth.intChunk(lo, hi, &bbuf)
			ageFromYear(ats, bs, av, bv, lo, dt, years, base, v, ok)
			return
		}
		for i := lo; i < hi; i++ {
			k := i - lo
			ok[k] = bv.Get(i) && av.Get(i)
			if !ok[k] {
				continue
			}
			d := ats[k]
			if dt {
				d = floorDiv(d, 86400)
			}
			if byYear {
				var y int
				if j := d - base; j >= 0 && j < int64(len(years)) {
					y = int(years[j])
				} else {
					y, _, _ = CivilFromDays(d)
				}
				v[k] = float64(y) - birth.Float(i)
				continue
			}
			y, m, dd := CivilFromDays(d)
			by, bm, bd := CivilFromDays(birth.dayOf(i))
			age := y - by
			if m < bm || m == bm && dd < bd {
				age--
			}
			v[k] = float64(age)
		}
	}}
}

// ageFromYear is AgeAt for a birth year: v = year(at) − birth, ok where
// both are valid. lo is a multiple of 64.
func ageFromYear(ats, births []int64, av, bv Bitmap, lo int, dt bool, years []int16, base int64, v []float64, ok []bool) {
	n := len(ats)
	births, v, ok = births[:n], v[:n], ok[:n]
	nyears := int64(len(years))
	for b0 := 0; b0 < n; b0 += 64 {
		both := av[(lo+b0)>>6] & bv[(lo+b0)>>6]
		end := min(b0+64, n)
		for k := b0; k < end; k++ {
			okk := both>>uint(k-b0)&1 != 0
			ok[k] = okk
			if !okk {
				continue
			}
			d := ats[k]
			if dt {
				if uint64(d) < 1<<32 {
					d = int64(uint32(d) / 86400) // a multiplication, not a division
				} else {
					d = floorDiv(d, 86400)
				}
			}
			var y int64
			if j := d - base; uint64(j) < uint64(nyears) {
				y = int64(years[j])
			} else {
				yy, _, _ := CivilFromDays(d)
				y = int64(yy)
			}
			v[k] = float64(y - births[k])
		}
	}
}

// yearTable maps each day in a date column's range to its year (ranges up
// to about 270 years; wider columns fall back to CivilFromDays).
func yearTable(c *Column) ([]int16, int64) {
	lo, hi, _ := c.intRange()
	if c.Type == DateTime {
		lo, hi = floorDiv(lo, 86400), floorDiv(hi, 86400)
	}
	if hi < lo || hi-lo > 100000 {
		return []int16{}, 0
	}
	t := make([]int16, hi-lo+1)
	for d := lo; d <= hi; d++ {
		y, _, _ := CivilFromDays(d)
		t[d-lo] = int16(y)
	}
	return t, lo
}

// Cond is a row condition: true, false or unknown (a missing operand).
type Cond struct {
	Name string
	eval func(lo, hi int, out []int8) // 1 true, 0 false, -1 unknown
}

// Between: lo ≤ e ≤ hi.
func Between(e Expr, lo, hi float64) Cond {
	var sv []float64
	var sok []bool
	return Cond{Name: e.Name + " entre " + fmtNum(lo) + " et " + fmtNum(hi), eval: func(a, b int, out []int8) {
		v, ok := grow(&sv, &sok, b-a)
		e.eval(a, b, v, ok)
		for i := range out[:b-a] {
			switch {
			case !ok[i]:
				out[i] = -1
			case v[i] >= lo && v[i] <= hi:
				out[i] = 1
			default:
				out[i] = 0
			}
		}
	}}
}

// Equals: the column's value is v (text compared exactly; numbers and
// dates parsed from v as the column would parse them).
func Equals(c *Column, v string) Cond {
	return In(c, v)
}

// In: the column's value is one of vs.
func In(c *Column, vs ...string) Cond {
	name := c.Name + " = "
	for i, v := range vs {
		if i > 0 {
			name += ", "
		}
		name += v
	}
	if c.stor == storDict {
		want := make([]bool, len(c.dict))
		for _, v := range vs {
			for code, s := range c.dict {
				if s == v {
					want[code] = true
				}
			}
		}
		return Cond{Name: name, eval: func(lo, hi int, out []int8) {
			switch c.w {
			case 1:
				inCodes(c.c8[lo:hi], want, out)
			case 2:
				inCodes(c.c16[lo:hi], want, out)
			default:
				inCodes(c.c32[lo:hi], want, out)
			}
			for i := lo; i < hi; {
				if i&63 == 0 && i+64 <= hi && c.valid[i>>6] == ^uint64(0) {
					i += 64
					continue
				}
				if !c.valid.Get(i) {
					out[i-lo] = -1
				}
				i++
			}
		}}
	}
	var ints []int64
	var floats []float64
	for _, v := range vs {
		iv, fv, ok := c.parse(trimSpace([]byte(v)))
		if !ok {
			continue
		}
		ints, floats = append(ints, iv), append(floats, fv)
	}
	return Cond{Name: name, eval: func(lo, hi int, out []int8) {
		for i := lo; i < hi; i++ {
			if !c.valid.Get(i) {
				out[i-lo] = -1
				continue
			}
			out[i-lo] = 0
			for k := range ints {
				if c.stor == storInt && c.intAt(i) == ints[k] || c.stor == storFloat && c.f64[i] == floats[k] {
					out[i-lo] = 1
					break
				}
			}
		}
	}}
}

func inCodes[T codeStore](codes []T, want []bool, out []int8) {
	out = out[:len(codes)]
	for k, code := range codes {
		var x int8
		if want[code] {
			x = 1
		}
		out[k] = x
	}
}

// Present: the column has a value.
func Present(c *Column) Cond {
	return Cond{Name: c.Name + " renseigné", eval: func(lo, hi int, out []int8) {
		for i := lo; i < hi; i++ {
			if c.valid.Get(i) {
				out[i-lo] = 1
			} else {
				out[i-lo] = 0
			}
		}
	}}
}

// And: every condition is true (unknown if none is false and one is unknown).
func And(cs ...Cond) Cond {
	return Cond{Name: "et", eval: func(lo, hi int, out []int8) {
		tmp := make([]int8, hi-lo)
		for i := range out[:hi-lo] {
			out[i] = 1
		}
		for _, c := range cs {
			c.eval(lo, hi, tmp)
			for i, t := range tmp {
				if t == 0 || out[i] == 0 {
					out[i] = 0
				} else if t < 0 {
					out[i] = -1
				}
			}
		}
	}}
}

// Not negates a condition (unknown stays unknown).
func Not(c Cond) Cond {
	return Cond{Name: "non " + c.Name, eval: func(lo, hi int, out []int8) {
		c.eval(lo, hi, out)
		for i, t := range out[:hi-lo] {
			if t >= 0 {
				out[i] = 1 - t
			}
		}
	}}
}

// Where returns the rows where every condition is true, as a selection
// bitmap for the other kernels.
func (f *Frame) Where(cs ...Cond) Bitmap {
	sel := NewBitmap(f.rows)
	c := And(cs...)
	if len(cs) == 1 {
		c = cs[0]
	}
	out := make([]int8, min(ChunkRows, f.rows))
	for lo := 0; lo < f.rows; lo += ChunkRows {
		hi := min(lo+ChunkRows, f.rows)
		c.eval(lo, hi, out)
		for i, t := range out[:hi-lo] {
			if t == 1 {
				sel.Set(lo + i)
			}
		}
	}
	return sel
}

// ---- grouping ----

// Key assigns each row to a group (or to none when its value is missing).
type Key struct {
	Name    string
	prepare func(f *Frame) (labels labeler, fill func(lo, hi int, out []int32))
	// raw, if set, numbers the groups by value (an integer column over a
	// small range: group = value − smallest value), skipping the pass that
	// numbers them in order of appearance; for callers that need neither
	// labels nor that order (n may count values no row holds).
	raw func() (n int, fill func(lo, hi int, out []int32), ok bool)
}

// labeler names groups lazily: a high-cardinality key (customer ids) may
// have hundreds of thousands of groups whose labels nobody reads.
type labeler struct {
	n     int
	label func(g int) string
}

func fixed(ls []string) labeler {
	return labeler{len(ls), func(g int) string { return ls[g] }}
}

var weekdaysFR = []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
var monthsFR = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// ByWeekday groups a Date or DateTime column by weekday (lundi … dimanche).
func ByWeekday(c *Column) Key {
	return Key{Name: "jour", prepare: func(*Frame) (labeler, func(int, int, []int32)) {
		return fixed(weekdaysFR), func(lo, hi int, out []int32) {
			if c.stor != storInt {
				for k := range out[:hi-lo] {
					out[k] = -1
				}
				return
			}
			dt := c.Type == DateTime
			switch c.w {
			case 4:
				weekdays(c.i32[lo:hi], dt, out)
			case 8:
				weekdays(c.i64[lo:hi], dt, out)
			default:
				for i := lo; i < hi; i++ {
					d := c.intAt(i)
					if dt {
						d = floorDiv(d, 86400)
					}
					out[i-lo] = int32(Weekday(d))
				}
			}
			clearInvalid(c.valid, lo, hi, out)
		}
	}}
}

// weekdays writes the weekday (Monday 0) of days or, if secs, seconds.
func weekdays[T ~int32 | ~int64](xs []T, secs bool, out []int32) {
	out = out[:len(xs)]
	for k, v := range xs {
		if uint64(v) < 1<<32 { // 32-bit unsigned: divisions by constants become multiplications
			d := uint32(v)
			if secs {
				d /= 86400
			}
			out[k] = int32((d + 3) % 7)
			continue
		}
		d := int64(v)
		if secs {
			d = floorDiv(d, 86400)
		}
		out[k] = int32(Weekday(d))
	}
}

// ByMonth groups a Date or DateTime column by calendar month (janvier …).
func ByMonth(c *Column) Key {
	return Key{Name: "mois", prepare: func(*Frame) (labeler, func(int, int, []int32)) {
		return fixed(monthsFR), func(lo, hi int, out []int32) {
			for i := lo; i < hi; i++ {
				out[i-lo] = -1
				if c.valid.Get(i) && c.stor == storInt {
					_, m, _ := CivilFromDays(c.dayOf(i))
					out[i-lo] = int32(m - 1)
				}
			}
		}
	}}
}

// ByHour groups a DateTime column by hour of the day (0 h … 23 h).
func ByHour(c *Column) Key {
	labels := make([]string, 24)
	for h := range labels {
		labels[h] = strconv.Itoa(h) + " h"
	}
	return Key{Name: "heure", prepare: func(*Frame) (labeler, func(int, int, []int32)) {
		return fixed(labels), func(lo, hi int, out []int32) {
			for i := lo; i < hi; i++ {
				out[i-lo] = -1
				if c.valid.Get(i) && c.Type == DateTime {
					v := c.intAt(i)
					s := v - floorDiv(v, 86400)*86400
					out[i-lo] = int32(s / 3600)
				}
			}
		}
	}}
}

// ByBands groups an expression into bands: edges [18, 36, 60] make
// "< 18", "18–35", "36–59", "≥ 60".
func ByBands(e Expr, edges ...float64) Key {
	labels := make([]string, len(edges)+1)
	for k := range labels {
		switch {
		case k == 0:
			labels[k] = "< " + fmtNum(edges[0])
		case k == len(edges):
			labels[k] = "≥ " + fmtNum(edges[k-1])
		default:
			labels[k] = fmtNum(edges[k-1]) + "–" + fmtNum(edges[k]-1)
		}
	}
	return Key{Name: e.Name, prepare: func(*Frame) (labeler, func(int, int, []int32)) {
		var sv []float64
		var sok []bool
		return fixed(labels), func(lo, hi int, out []int32) {
			v, ok := grow(&sv, &sok, hi-lo)
			e.eval(lo, hi, v, ok)
			for i := range out[:hi-lo] {
				if !ok[i] {
					out[i] = -1
					continue
				}
				k := sort.SearchFloat64s(edges, v[i])
				if k < len(edges) && edges[k] == v[i] {
					k++
				}
				out[i] = int32(k)
			}
		}
	}}
}

// ByValue groups by each distinct value of a column (text by dictionary
// code; integers, dates and identifiers through a dense table when their
// range is small, a hash table otherwise).
func ByValue(c *Column) Key {
	return Key{Name: c.Name, raw: func() (int, func(int, int, []int32), bool) {
		if c.stor != storInt {
			return 0, nil, false
		}
		base, hi, _ := c.intRange()
		if hi < base || uint64(hi-base) >= uint64(4*c.n+1024) {
			return 0, nil, false
		}
		return int(hi-base) + 1, func(lo, hi int, out []int32) { rawOffsets(c, base, lo, hi, out) }, true
	}, prepare: func(*Frame) (labeler, func(int, int, []int32)) {
		if c.stor == storDict {
			return fixed(c.dict), func(lo, hi int, out []int32) {
				switch c.w {
				case 1:
					codesToIDs(c.c8[lo:hi], out)
				case 2:
					codesToIDs(c.c16[lo:hi], out)
				default:
					codesToIDs(c.c32[lo:hi], out)
				}
				clearInvalid(c.valid, lo, hi, out)
			}
		}
		if c.stor == storInt {
			if base, hi, _ := c.intRange(); hi >= base && uint64(hi-base) < uint64(4*c.n+1024) {
				// a dense table value → group, numbered in order of appearance
				table := make([]int32, hi-base+1)
				var rows []int32
				for lo := 0; lo < c.n; lo += ChunkRows {
					rows = numberValues(c, table, base, lo, min(lo+ChunkRows, c.n), rows)
				}
				return labeler{len(rows), func(g int) string { return c.format(int(rows[g])) }},
					func(lo, hi int, out []int32) { lookupIDs(c, table, base, lo, hi, out) }
			}
		}
		ids, rows := denseIDs(c)
		return labeler{len(rows), func(g int) string { return c.format(int(rows[g])) }},
			func(lo, hi int, out []int32) { copy(out[:hi-lo], ids[lo:hi]) }
	}}
}

// rawOffsets writes value − base for rows lo..hi (-1 when missing).
func rawOffsets(c *Column, base int64, lo, hi int, out []int32) {
	switch c.w {
	case 1:
		offsets(c.i8[lo:hi], c.valid, lo, base, out)
	case 2:
		offsets(c.i16[lo:hi], c.valid, lo, base, out)
	case 4:
		offsets(c.i32[lo:hi], c.valid, lo, base, out)
	default:
		offsets(c.i64[lo:hi], c.valid, lo, base, out)
	}
}

// A call per chunk, not inlined: V8 runs a WebAssembly function's optimised code from its next call.
//
//go:noinline
func offsets[T intStore](xs []T, valid Bitmap, lo int, base int64, out []int32) {
	out = out[:len(xs)]
	for k, v := range xs {
		out[k] = int32(int64(v) - base)
	}
	clearInvalid(valid, lo, lo+len(xs), out)
}

// numberValues gives the values of rows lo..hi not yet in table the next
// group numbers (table[v-base] = group+1) and appends their rows to rows.
//
//go:noinline
func numberValues(c *Column, table []int32, base int64, lo, hi int, rows []int32) []int32 {
	var buf []int64
	n := int32(len(rows))
	for k, v := range c.intChunk(lo, hi, &buf) {
		if i := lo + k; c.valid.Get(i) {
			if t := &table[v-base]; *t == 0 {
				n++
				*t = n
				rows = append(rows, int32(i))
			}
		}
	}
	return rows
}

// lookupIDs writes the group of rows lo..hi (-1 when missing).
func lookupIDs(c *Column, table []int32, base int64, lo, hi int, out []int32) {
	switch c.w {
	case 1:
		lookupTable(c.i8[lo:hi], c.valid, lo, table, base, out)
	case 2:
		lookupTable(c.i16[lo:hi], c.valid, lo, table, base, out)
	case 4:
		lookupTable(c.i32[lo:hi], c.valid, lo, table, base, out)
	default:
		lookupTable(c.i64[lo:hi], c.valid, lo, table, base, out)
	}
}

// A call per chunk, not inlined: V8 runs a WebAssembly function's optimised code from its next call.
//
//go:noinline
func lookupTable[T intStore](xs []T, valid Bitmap, lo int, table []int32, base int64, out []int32) {
	out = out[:len(xs)]
	for k, v := range xs {
		if valid.Get(lo + k) {
			out[k] = table[int64(v)-base] - 1
		} else {
			out[k] = -1
		}
	}
}

func codesToIDs[T codeStore](codes []T, out []int32) {
	out = out[:len(codes)]
	for k, code := range codes {
		out[k] = int32(code)
	}
}

// clearInvalid sets out[i-lo] = -1 where row i is not valid, a word of 64
// rows at a time.
func clearInvalid(valid Bitmap, lo, hi int, out []int32) {
	for i := lo; i < hi; {
		if i&63 == 0 && i+64 <= hi && valid[i>>6] == ^uint64(0) {
			i += 64
			continue
		}
		if !valid.Get(i) {
			out[i-lo] = -1
		}
		i++
	}
}

// denseIDs numbers the distinct values of a numeric column 0, 1, 2… in
// order of appearance (-1 for missing) through a hash map (ByValue uses a
// dense table when the range is small); rows[g] is a row holding group g.
func denseIDs(c *Column) (ids []int32, rows []int32) {
	ids = make([]int32, c.n)
	n := int32(0)
	m := make(map[uint64]int32)
	for i := 0; i < c.n; i++ {
		ids[i] = -1
		if !c.valid.Get(i) {
			continue
		}
		var k uint64
		if c.stor == storInt {
			k = uint64(c.intAt(i))
		} else {
			k = math.Float64bits(c.f64[i])
		}
		g, ok := m[k]
		if !ok {
			g = n
			n++
			m[k] = g
			rows = append(rows, int32(i))
		}
		ids[i] = g
	}
	return ids, rows
}

// ---- aggregates ----

type aggKind uint8

const (
	aggCount aggKind = iota
	aggSum
	aggMean
	aggMin
	aggMax
	aggShare
	aggDistinct
)

// Agg is an aggregate computed per group.
type Agg struct {
	Name string
	kind aggKind
	e    Expr
	cond Cond
	col  *Column
}

// Count counts the rows of each group.
func Count() Agg { return Agg{Name: "nombre", kind: aggCount} }

// Sum adds a numeric column (missing values skipped).
func Sum(c *Column) Agg { return Agg{Name: "somme " + c.Name, kind: aggSum, e: Num(c)} }

// SumOf adds an expression.
func SumOf(e Expr) Agg { return Agg{Name: "somme " + e.Name, kind: aggSum, e: e} }

// Mean averages a numeric column (missing values skipped).
func Mean(c *Column) Agg { return Agg{Name: "moyenne " + c.Name, kind: aggMean, e: Num(c)} }

// MeanOf averages an expression.
func MeanOf(e Expr) Agg { return Agg{Name: "moyenne " + e.Name, kind: aggMean, e: e} }

// Min is the smallest value of a numeric column.
func Min(c *Column) Agg { return Agg{Name: "min " + c.Name, kind: aggMin, e: Num(c)} }

// Max is the largest value of a numeric column.
func Max(c *Column) Agg { return Agg{Name: "max " + c.Name, kind: aggMax, e: Num(c)} }

// Share is the fraction of rows where the condition is true among the rows
// where it is known (true or false).
func Share(c Cond) Agg { return Agg{Name: "part " + c.Name, kind: aggShare, cond: c} }

// CountDistinct counts the distinct values of a column in each group.
func CountDistinct(c *Column) Agg {
	return Agg{Name: "distincts " + c.Name, kind: aggDistinct, col: c}
}

// Table is a small result: one label column (the groups) and one numeric
// column per aggregate.
type Table struct {
	KeyName string
	Keys    []string
	Names   []string
	Values  [][]float64 // Values[a][g]: aggregate a of group g
}

// Len returns the number of groups.
func (t *Table) Len() int {
	if len(t.Values) > 0 {
		return len(t.Values[0])
	}
	return len(t.Keys)
}

// Col returns the values of the aggregate named name, or nil.
func (t *Table) Col(name string) []float64 {
	for i, n := range t.Names {
		if n == name {
			return t.Values[i]
		}
	}
	return nil
}

// SortBy orders the groups by aggregate a (descending if desc), ties by label.
func (t *Table) SortBy(a int, desc bool) {
	idx := make([]int, len(t.Keys))
	for i := range idx {
		idx[i] = i
	}
	v := t.Values[a]
	sort.SliceStable(idx, func(x, y int) bool {
		p, q := v[idx[x]], v[idx[y]]
		if p != q {
			return p > q == desc
		}
		return t.Keys[idx[x]] < t.Keys[idx[y]]
	})
	keys := make([]string, len(idx))
	for i, k := range idx {
		keys[i] = t.Keys[k]
	}
	t.Keys = keys
	for a := range t.Values {
		col := make([]float64, len(idx))
		for i, k := range idx {
			col[i] = t.Values[a][k]
		}
		t.Values[a] = col
	}
}

// GroupBy computes the aggregates for each group of key over the selected
// rows (sel nil: all rows). Groups with no row are left out; rows whose key
// is missing are not counted.
func (f *Frame) GroupBy(sel Bitmap, key Key, aggs ...Agg) *Table {
	return f.groupBy(sel, key, true, aggs...)
}

func (f *Frame) groupBy(sel Bitmap, key Key, wantLabels bool, aggs ...Agg) *Table {
	var labels labeler
	var fill func(lo, hi int, out []int32)
	if key.raw != nil && !wantLabels {
		if n, rf, ok := key.raw(); ok {
			labels, fill = labeler{n: n}, rf
		}
	}
	if fill == nil {
		labels, fill = key.prepare(f)
	}
	ng := labels.n
	t := &Table{KeyName: key.Name}
	rows := make([]int32, ng) // rows per group (int32: half the memory traffic)
	type state struct {
		a     []float64
		b     []float64
		dfill func(int, int, []int32)
		dset  *u64Set
		nd    int // distinct ids of the column (ids are 0…nd-1)
		last  []int32
		pairs bool
	}
	st := make([]state, len(aggs))
	for k, a := range aggs {
		s := &st[k]
		s.a = make([]float64, ng)
		switch a.kind {
		case aggMean, aggShare:
			s.b = make([]float64, ng)
		case aggMin:
			for g := range s.a {
				s.a[g] = math.Inf(1)
			}
		case aggMax:
			for g := range s.a {
				s.a[g] = math.Inf(-1)
			}
		case aggDistinct:
			// distinct values need ids, not an order: raw offsets if they fit
			k := ByValue(a.col)
			if n, rf, ok := k.raw(); ok {
				s.dfill, s.nd = rf, n
				break
			}
			var dl labeler
			dl, s.dfill = k.prepare(f)
			s.nd = dl.n
		}
		t.Names = append(t.Names, a.Name)
	}
	n := min(ChunkRows, f.rows)
	gid := make([]int32, n)
	// scratch only for the aggregates that need it (fewer allocations, fewer
	// collections in the worker)
	var vals []float64
	var ok []bool
	var conds []int8
	var dids []int32
	for _, a := range aggs {
		switch a.kind {
		case aggSum, aggMean, aggMin, aggMax:
			if vals == nil && !columnSum(a) {
				vals, ok = make([]float64, n), make([]bool, n)
			}
		case aggShare:
			if conds == nil {
				conds = make([]int8, n)
			}
		case aggDistinct:
			if dids == nil {
				dids = make([]int32, n)
			}
		}
	}
	// the first sum or mean of a column also counts the rows (one pass fewer)
	fused := -1
	for k, a := range aggs {
		if columnSum(a) {
			fused = k
			break
		}
	}
	for lo := 0; lo < f.rows; lo += ChunkRows {
		hi := min(lo+ChunkRows, f.rows)
		m := hi - lo
		fill(lo, hi, gid)
		if sel != nil {
			selectChunk(gid[:m], sel, lo)
		}
		if fused < 0 {
			countChunk(gid[:m], rows)
		}
		for k, a := range aggs {
			s := &st[k]
			switch a.kind {
			case aggSum, aggMean, aggMin, aggMax:
				if columnSum(a) {
					c := a.e.col
					var cnt []int32
					if k == fused {
						cnt = rows
					}
					sumColumn(a.kind == aggMean, gid[:m], c, lo, hi, s.a, s.b, cnt)
					continue
				}
				a.e.eval(lo, hi, vals, ok)
				numChunk(a.kind, gid[:m], vals, ok, s.a, s.b)
			case aggShare:
				a.cond.eval(lo, hi, conds)
				shareChunk(gid[:m], conds, s.a, s.b)
			case aggDistinct:
				s.dfill(lo, hi, dids)
				if !s.pairs {
					if s.last == nil {
						s.last = make([]int32, s.nd)
					}
					if !functionalChunk(gid[:m], dids, s.last, s.a) {
						s.pairs = true // a value seen in two groups: count exact pairs
						s.dset = newU64Set(f.rows)
						for g := range s.a {
							s.a[g] = 0
						}
						for lo2 := 0; lo2 < lo; lo2 += ChunkRows {
							hi2 := min(lo2+ChunkRows, f.rows)
							fill(lo2, hi2, gid)
							if sel != nil {
								for i := 0; i < hi2-lo2; i++ {
									if !sel.Get(lo2 + i) {
										gid[i] = -1
									}
								}
							}
							s.dfill(lo2, hi2, dids)
							pairChunk(gid[:hi2-lo2], dids, s.dset, s.a)
						}
						fill(lo, hi, gid)
						if sel != nil {
							for i := 0; i < m; i++ {
								if !sel.Get(lo + i) {
									gid[i] = -1
								}
							}
						}
						s.dfill(lo, hi, dids)
						pairChunk(gid[:m], dids, s.dset, s.a)
					}
				} else {
					pairChunk(gid[:m], dids, s.dset, s.a)
				}
			}
		}
	}
	if wantLabels {
		for g := 0; g < ng; g++ {
			if rows[g] != 0 {
				t.Keys = append(t.Keys, labels.label(g))
			}
		}
	}
	t.Values = make([][]float64, len(aggs))
	for k, a := range aggs {
		s := &st[k]
		for g := 0; g < ng; g++ {
			if rows[g] == 0 {
				continue
			}
			var v float64
			switch a.kind {
			case aggCount:
				v = float64(rows[g])
			case aggMean, aggShare:
				v = math.NaN()
				if s.b[g] > 0 {
					v = s.a[g] / s.b[g]
				}
			case aggMin, aggMax:
				v = s.a[g]
				if math.IsInf(v, 0) {
					v = math.NaN()
				}
			default:
				v = s.a[g]
			}
			t.Values[k] = append(t.Values[k], v)
		}
	}
	return t
}

// columnSum reports whether a is a sum or mean that sumColumn reads
// straight from its column.
func columnSum(a Agg) bool {
	c := a.e.col
	return c != nil && (a.kind == aggSum || a.kind == aggMean) && c.stor != storDict && c.w != 1
}

// A call per chunk, not inlined: V8 runs a WebAssembly function's optimised code from its next call.
//
//go:noinline
func countChunk(gid []int32, rows []int32) {
	for _, g := range gid {
		if g >= 0 {
			rows[g]++
		}
	}
}

// A call per chunk, not inlined: V8 runs a WebAssembly function's optimised code from its next call.
//
//go:noinline
func numChunk(kind aggKind, gid []int32, v []float64, ok []bool, a, b []float64) {
	switch kind {
	case aggSum:
		for i, g := range gid {
			if g >= 0 && ok[i] {
				a[g] += v[i]
			}
		}
	case aggMean:
		for i, g := range gid {
			if g >= 0 && ok[i] {
				a[g] += v[i]
				b[g]++
			}
		}
	case aggMin:
		for i, g := range gid {
			if g >= 0 && ok[i] && v[i] < a[g] {
				a[g] = v[i]
			}
		}
	case aggMax:
		for i, g := range gid {
			if g >= 0 && ok[i] && v[i] > a[g] {
				a[g] = v[i]
			}
		}
	}
}

// sumColumn adds the valid values of c's rows lo..hi to a[gid] (and counts
// them in b if mean, and counts every row of a group in cnt unless nil); lo
// is a multiple of 64 (chunks are).
func sumColumn(mean bool, gid []int32, c *Column, lo, hi int, a, b []float64, cnt []int32) {
	if c.stor == storFloat {
		sumValues(mean, gid, c.f64[lo:hi], c.valid, lo, a, b, cnt)
		return
	}
	switch c.w { // (no one-byte loop: booleans go through Num)
	case 2:
		sumValues(mean, gid, c.i16[lo:hi], c.valid, lo, a, b, cnt)
	case 4:
		sumValues(mean, gid, c.i32[lo:hi], c.valid, lo, a, b, cnt)
	default:
		sumValues(mean, gid, c.i64[lo:hi], c.valid, lo, a, b, cnt)
	}
}

// A call per chunk, not inlined: V8 runs a WebAssembly function's optimised code from its next call.
//
//go:noinline
func sumValues[T ~float64 | ~int8 | ~int16 | ~int32 | ~int64](mean bool, gid []int32, xs []T, valid Bitmap, lo int, a, b []float64, cnt []int32) {
	n := len(gid)
	xs = xs[:n]
	for b0 := 0; b0 < n; b0 += 64 {
		w := valid[(lo+b0)>>6]
		end := min(b0+64, n)
		switch {
		case w == ^uint64(0) && !mean && cnt != nil:
			for k := b0; k < end; k++ {
				if g := gid[k]; g >= 0 {
					a[g] += float64(xs[k])
					cnt[g]++
				}
			}
		case w == ^uint64(0) && !mean:
			for k := b0; k < end; k++ {
				if g := gid[k]; g >= 0 {
					a[g] += float64(xs[k])
				}
			}
		default:
			for k := b0; k < end; k++ {
				if g := gid[k]; g >= 0 {
					if cnt != nil {
						cnt[g]++
					}
					if w>>uint(k-b0)&1 != 0 {
						a[g] += float64(xs[k])
						if mean {
							b[g]++
						}
					}
				}
			}
		}
	}
}

// selectChunk drops (gid -1) the rows lo… not selected in sel.
//
//go:noinline
func selectChunk(gid []int32, sel Bitmap, lo int) {
	for i := range gid {
		if !sel.Get(lo + i) {
			gid[i] = -1
		}
	}
}

// A call per chunk, not inlined: V8 runs a WebAssembly function's optimised code from its next call.
//
//go:noinline
func shareChunk(gid []int32, c []int8, a, b []float64) {
	for i, g := range gid {
		if g >= 0 && c[i] >= 0 {
			a[g] += float64(c[i])
			b[g]++
		}
	}
}

// functionalChunk counts distinct values per group while each value
// belongs to one group only (last[v] remembers it); it returns false when a
// value shows up in a second group.
// A call per chunk, not inlined: V8 runs a WebAssembly function's optimised code from its next call.
//
//go:noinline
func functionalChunk(gid, ids, last []int32, a []float64) bool {
	for i, g := range gid {
		v := ids[i]
		if g < 0 || v < 0 {
			continue
		}
		switch last[v] {
		case 0:
			last[v] = g + 1
			a[g]++
		case g + 1:
		default:
			return false
		}
	}
	return true
}

// A call per chunk, not inlined: V8 runs a WebAssembly function's optimised code from its next call.
//
//go:noinline
func pairChunk(gid, ids []int32, set *u64Set, a []float64) {
	for i, g := range gid {
		v := ids[i]
		if g < 0 || v < 0 {
			continue
		}
		if set.add(uint64(g)<<32 | uint64(uint32(v)) + 1) {
			a[g]++
		}
	}
}

// ---- distinct, top ----

// CountDistinct counts the distinct values of a column over the selected
// rows (sel nil: all rows).
func (f *Frame) CountDistinct(sel Bitmap, c *Column) int {
	_, fill := ByValue(c).prepare(f)
	seen := map[int32]struct{}{}
	var bits Bitmap
	buf := make([]int32, min(ChunkRows, f.rows))
	d := 0
	for lo := 0; lo < f.rows; lo += ChunkRows {
		hi := min(lo+ChunkRows, f.rows)
		fill(lo, hi, buf)
		for i, v := range buf[:hi-lo] {
			if v < 0 || sel != nil && !sel.Get(lo+i) {
				continue
			}
			if int(v) >= len(bits)*64 {
				if int(v) < 4*f.rows+64 {
					bits = bits.grow(max(int(v)+1, 2*len(bits)*64))
				} else {
					if _, ok := seen[v]; !ok {
						seen[v] = struct{}{}
						d++
					}
					continue
				}
			}
			if !bits.Get(int(v)) {
				bits.Set(int(v))
				d++
			}
		}
	}
	return d
}

// Order is a sort key for Top.
type Order struct {
	Col  *Column
	Desc bool
}

// Asc sorts by a column, smallest first (text: dictionary order of the bytes).
func Asc(c *Column) Order { return Order{Col: c} }

// Desc sorts by a column, largest first.
func Desc(c *Column) Order { return Order{Col: c, Desc: true} }

// cmpRow compares rows i and j under the orders; missing values sort last.
func cmpRow(orders []Order, i, j int) int {
	for _, o := range orders {
		c := o.Col
		vi, vj := c.valid.Get(i), c.valid.Get(j)
		if vi != vj {
			if vi {
				return -1
			}
			return 1
		}
		if !vi {
			continue
		}
		r := 0
		switch c.stor {
		case storInt:
			r = cmp3(c.intAt(i), c.intAt(j))
		case storFloat:
			r = cmp3(c.f64[i], c.f64[j])
		default:
			r = cmp3(c.dict[c.codeAt(i)], c.dict[c.codeAt(j)])
		}
		if o.Desc {
			r = -r
		}
		if r != 0 {
			return r
		}
	}
	return cmp3(i, j)
}

func cmp3[T int | int64 | float64 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Top returns the first n selected rows (sel nil: all) under the orders,
// ties broken by row number.
func (f *Frame) Top(n int, sel Bitmap, orders ...Order) []int {
	if n <= 0 || len(orders) == 0 {
		return nil
	}
	top := make([]int, 0, n+1)
	first := orders[0]
	for lo := 0; lo < f.rows; lo += ChunkRows {
		hi := min(lo+ChunkRows, f.rows)
		top = topChunk(orders, first, sel, lo, hi, n, top)
	}
	return top
}

// A call per chunk, not inlined: V8 runs a WebAssembly function's optimised code from its next call.
//
//go:noinline
func topChunk(orders []Order, first Order, sel Bitmap, lo, hi, n int, top []int) []int {
	c := first.Col
	for i := lo; i < hi; i++ {
		if sel != nil && !sel.Get(i) {
			continue
		}
		if len(top) == n {
			w := top[n-1]
			// quick reject on the first key
			if c.stor == storFloat && c.valid.Get(i) && c.valid.Get(w) {
				a, b := c.f64[i], c.f64[w]
				if first.Desc && a < b || !first.Desc && a > b {
					continue
				}
			}
			if cmpRow(orders, i, w) >= 0 {
				continue
			}
			top = top[:n-1]
		}
		k := len(top)
		top = append(top, i)
		for k > 0 && cmpRow(orders, top[k-1], i) > 0 {
			top[k] = top[k-1]
			k--
		}
		top[k] = i
	}
	return top
}

// grow returns buffers of n values, reusing the closure's own (a Cond or
// Key is used by one kernel at a time).
func grow(v *[]float64, ok *[]bool, n int) ([]float64, []bool) {
	if cap(*v) < n {
		*v, *ok = make([]float64, n), make([]bool, n)
	}
	return (*v)[:n], (*ok)[:n]
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// intRange returns the smallest and largest valid value of an integer-stored
// column (ok false if none), computed once: columns do not change after
// import (SetType builds a new column).
func (c *Column) intRange() (lo, hi int64, ok bool) {
	if !c.rangeDone {
		c.rangeLo, c.rangeHi = math.MaxInt64, math.MinInt64
		var buf []int64
		for lo := 0; lo < c.n; lo += ChunkRows {
			hi := min(lo+ChunkRows, c.n)
			for k, v := range c.intChunk(lo, hi, &buf) {
				if v < c.rangeLo || v > c.rangeHi {
					if c.valid.Get(lo + k) {
						c.rangeLo, c.rangeHi = min(c.rangeLo, v), max(c.rangeHi, v)
					}
				}
			}
		}
		c.rangeDone = true
	}
	return c.rangeLo, c.rangeHi, c.rangeHi >= c.rangeLo
}
