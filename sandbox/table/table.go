// Package table holds the small tables the sandbox shows and exports: the
// result of a question (a few groups to a few thousand) and previews of
// imported rows (50 to 1,000). It describes, sorts and filters them and
// writes them as CSV for a French spreadsheet, in plain Go.
//
// The big work (importing, grouping a million rows) is the engine's, in
// package sandbox; these tables come out of it. The gota adapter
// (package gotadf) offers the same operations through gota; it is kept
// out of the browser engine: see sandbox/bench/README.md for the figures
// behind that choice.
package table

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"coulisses/sandbox"
)

// Column is a column of numbers (NaN: missing) or, if Text is set, of
// text ("": missing).
type Column struct {
	Name string
	Num  []float64
	Text []string
}

// IsText reports whether the column holds text.
func (c *Column) IsText() bool { return c.Text != nil }

// Len returns the number of values.
func (c *Column) Len() int {
	if c.Text != nil {
		return len(c.Text)
	}
	return len(c.Num)
}

// Missing reports whether row i has no value.
func (c *Column) Missing(i int) bool {
	if c.Text != nil {
		return c.Text[i] == ""
	}
	return math.IsNaN(c.Num[i])
}

// Table is a small table of equal-length columns.
type Table struct {
	Columns []Column
}

// Len returns the number of rows.
func (t *Table) Len() int {
	if len(t.Columns) == 0 {
		return 0
	}
	return t.Columns[0].Len()
}

// Col returns the column named name, or nil.
func (t *Table) Col(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// FromResult turns a group-by result into a table: the group labels, then
// one numeric column per aggregate.
func FromResult(r *sandbox.Table) *Table {
	t := &Table{Columns: make([]Column, 0, 1+len(r.Names))}
	t.Columns = append(t.Columns, Column{Name: r.KeyName, Text: slices.Clone(r.Keys)})
	for a, name := range r.Names {
		t.Columns = append(t.Columns, Column{Name: name, Num: slices.Clone(r.Values[a])})
	}
	if t.Columns[0].Text == nil {
		t.Columns[0].Text = []string{}
	}
	return t
}

// Preview copies rows of a frame (in that order): integers, decimals,
// percents and booleans as numbers, the other types as their canonical
// text (dates as yyyy-mm-dd…).
func Preview(f *sandbox.Frame, rows []int) *Table {
	cols := f.Columns()
	t := &Table{Columns: make([]Column, len(cols))}
	for j, c := range cols {
		col := Column{Name: c.Name}
		switch c.Type {
		case sandbox.Integer, sandbox.Decimal, sandbox.Percent, sandbox.Boolean:
			col.Num = make([]float64, len(rows))
			for k, i := range rows {
				if c.Valid(i) {
					col.Num[k] = c.Float(i)
				} else {
					col.Num[k] = math.NaN()
				}
			}
		default:
			col.Text = make([]string, len(rows))
			for k, i := range rows {
				col.Text[k] = c.String(i)
			}
		}
		t.Columns[j] = col
	}
	return t
}

// Head returns the first n rows of the frame as a preview.
func Head(f *sandbox.Frame, n int) *Table {
	n = min(n, f.NumRows())
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	return Preview(f, rows)
}

// Take returns the rows idx of t, in that order.
func (t *Table) Take(idx []int) *Table {
	out := &Table{Columns: make([]Column, len(t.Columns))}
	for j := range t.Columns {
		c := &t.Columns[j]
		nc := Column{Name: c.Name}
		if c.Text != nil {
			nc.Text = make([]string, len(idx))
			for k, i := range idx {
				nc.Text[k] = c.Text[i]
			}
		} else {
			nc.Num = make([]float64, len(idx))
			for k, i := range idx {
				nc.Num[k] = c.Num[i]
			}
		}
		out.Columns[j] = nc
	}
	return out
}

// Sort returns the table ordered by the column named col (ascending, or
// descending if desc); ties keep their order and missing values come last.
// Text is compared byte by byte. An unknown column leaves the order as is.
func (t *Table) Sort(col string, desc bool) *Table {
	idx := make([]int, t.Len())
	for i := range idx {
		idx[i] = i
	}
	c := t.Col(col)
	if c == nil {
		return t.Take(idx)
	}
	sign := 1
	if desc {
		sign = -1
	}
	if c.Text != nil {
		v := c.Text
		slices.SortStableFunc(idx, func(a, b int) int {
			ma, mb := v[a] == "", v[b] == ""
			switch {
			case ma || mb:
				return cmpMissing(ma, mb)
			}
			return sign * strings.Compare(v[a], v[b])
		})
	} else {
		v := c.Num
		slices.SortStableFunc(idx, func(a, b int) int {
			ma, mb := math.IsNaN(v[a]), math.IsNaN(v[b])
			switch {
			case ma || mb:
				return cmpMissing(ma, mb)
			}
			return sign * cmp.Compare(v[a], v[b])
		})
	}
	return t.Take(idx)
}

func cmpMissing(ma, mb bool) int {
	switch {
	case ma && mb:
		return 0
	case ma:
		return 1
	}
	return -1
}

// Op is a comparison for Filter.
type Op string

// Comparisons. Contains is for text (case-sensitive).
const (
	Eq       Op = "="
	Ne       Op = "!="
	Less     Op = "<"
	LessEq   Op = "<="
	Greater  Op = ">"
	GreatEq  Op = ">="
	Contains Op = "contains"
)

// Filter returns the rows whose value in column col compares to v (a
// float64 for numbers, a string for text). Missing values never match
// (not even Ne). An unknown column, an unknown comparison or a value of
// the wrong kind matches nothing. (gotadf.FilterSeries does the same
// through gota; see sandbox/bench/README.md for why the engine uses this.)
func (t *Table) Filter(col string, op Op, v any) *Table {
	var idx []int
	c := t.Col(col)
	switch {
	case c == nil:
	case c.Text != nil:
		s, ok := v.(string)
		if !ok {
			break
		}
		for i, x := range c.Text {
			if x != "" && matchText(x, op, s) {
				idx = append(idx, i)
			}
		}
	default:
		f, ok := v.(float64)
		if !ok {
			break
		}
		for i, x := range c.Num {
			if !math.IsNaN(x) && match(x, op, f) {
				idx = append(idx, i)
			}
		}
	}
	return t.Take(idx)
}

// match compares x to v with op (Contains only applies to text).
func match[T cmp.Ordered](x T, op Op, v T) bool {
	switch op {
	case Eq:
		return x == v
	case Ne:
		return x != v
	case Less:
		return x < v
	case LessEq:
		return x <= v
	case Greater:
		return x > v
	case GreatEq:
		return x >= v
	}
	return false
}

func matchText(x string, op Op, v string) bool {
	if op == Contains {
		return strings.Contains(x, v)
	}
	return match(x, op, v)
}

// DescribeRows names the rows of Describe: the values counted, then the
// statistics gota's Describe shows (quantiles as the smallest value with
// at least that fraction of values at or below it; median the middle
// value or the mean of the two middle ones; standard deviation with n−1).
var DescribeRows = []string{"count", "mean", "median", "stddev", "min", "25%", "50%", "75%", "max"}

// Describe summarises each column over its non-missing values: a first
// text column "column" names the statistics (DescribeRows), then one
// column per column of t, numeric; text columns get only their count (the
// other statistics are missing).
func (t *Table) Describe() *Table {
	out := &Table{Columns: []Column{{Name: "column", Text: slices.Clone(DescribeRows)}}}
	var buf []float64
	for j := range t.Columns {
		c := &t.Columns[j]
		st := make([]float64, len(DescribeRows))
		for k := range st {
			st[k] = math.NaN()
		}
		if c.Text != nil {
			n := 0
			for _, s := range c.Text {
				if s != "" {
					n++
				}
			}
			st[0] = float64(n)
		} else {
			buf = buf[:0]
			for _, x := range c.Num {
				if !math.IsNaN(x) {
					buf = append(buf, x)
				}
			}
			describe(buf, st)
		}
		out.Columns = append(out.Columns, Column{Name: c.Name, Num: st})
	}
	return out
}

// describe fills st (DescribeRows order) from the values x (reordered).
func describe(x []float64, st []float64) {
	n := len(x)
	st[0] = float64(n)
	if n == 0 {
		return
	}
	sum := 0.0
	for _, v := range x {
		sum += v
	}
	mean := sum / float64(n)
	st[1] = mean
	if n > 1 {
		// corrected two-pass algorithm, as gonum's stat.Variance
		ss, comp := 0.0, 0.0
		for _, v := range x {
			d := v - mean
			ss += d * d
			comp += d
		}
		st[3] = math.Sqrt((ss - comp*comp/float64(n)) / float64(n-1))
	}
	slices.Sort(x)
	if n%2 == 1 {
		st[2] = x[n/2]
	} else {
		st[2] = (x[n/2-1] + x[n/2]) * 0.5
	}
	st[4] = x[0]
	st[5] = quantile(x, 0.25)
	st[6] = quantile(x, 0.5)
	st[7] = quantile(x, 0.75)
	st[8] = x[n-1]
}

// quantile is the empirical quantile of sorted x: the smallest value with
// at least a fraction p of the values at or below it.
func quantile(x []float64, p float64) float64 {
	n := float64(len(x))
	i := int(math.Ceil(p*n)) - 1
	return x[max(i, 0)]
}
