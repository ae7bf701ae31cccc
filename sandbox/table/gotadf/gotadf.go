// Package gotadf adapts the sandbox's small tables (package table: results
// and previews) to gota (v0.12.0) DataFrames, and offers gota's describe,
// sort, filter and CSV export on them.
//
// It is not linked into the browser engine (package table does the same
// in plain Go there): describe, sort and CSV export through gota are too
// slow in WebAssembly at 5,000 rows, and the filter, fast enough, would
// take engine.wasm further past its 1.5 MB budget. The figures are in
// sandbox/bench/README.md. Native tools and the benchmarks use it.
package gotadf

import (
	"io"
	"math"

	"coulisses/sandbox/table"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// FromTable builds a DataFrame: numeric columns as Float series (NaN
// missing), text columns as String series ("" missing).
func FromTable(t *table.Table) dataframe.DataFrame {
	ss := make([]series.Series, len(t.Columns))
	for j := range t.Columns {
		c := &t.Columns[j]
		if c.Text != nil {
			els := make([]any, len(c.Text))
			for i, s := range c.Text {
				if s == "" {
					els[i] = nil
				} else {
					els[i] = s
				}
			}
			ss[j] = series.New(els, series.String, c.Name)
			continue
		}
		ss[j] = series.New(c.Num, series.Float, c.Name)
	}
	return dataframe.New(ss...)
}

// ToTable converts a DataFrame back: Float and Int series as numbers,
// the others as text (missing values as NaN or "").
func ToTable(df dataframe.DataFrame) *table.Table {
	names := df.Names()
	types := df.Types()
	t := &table.Table{Columns: make([]table.Column, len(names))}
	for j, name := range names {
		s := df.Col(name)
		c := table.Column{Name: name}
		n := s.Len()
		switch types[j] {
		case series.Float, series.Int:
			c.Num = make([]float64, n)
			for i := 0; i < n; i++ {
				e := s.Elem(i)
				if e.IsNA() {
					c.Num[i] = math.NaN()
				} else {
					c.Num[i] = e.Float()
				}
			}
		default:
			c.Text = make([]string, n)
			for i := 0; i < n; i++ {
				if e := s.Elem(i); !e.IsNA() {
					c.Text[i] = e.String()
				}
			}
		}
		t.Columns[j] = c
	}
	return t
}

// Describe is gota's Describe (mean, median, stddev, min, 25%, 50%, 75%,
// max; a column with a missing value gets NaN for mean, stddev and the
// quantiles).
func Describe(df dataframe.DataFrame) dataframe.DataFrame { return df.Describe() }

// Sort orders by one column (gota's Arrange: stable, missing values last).
func Sort(df dataframe.DataFrame, col string, desc bool) dataframe.DataFrame {
	if desc {
		return df.Arrange(dataframe.RevSort(col))
	}
	return df.Arrange(dataframe.Sort(col))
}

var comparators = map[table.Op]series.Comparator{
	table.Eq: series.Eq, table.Ne: series.Neq,
	table.Less: series.Less, table.LessEq: series.LessEq,
	table.Greater: series.Greater, table.GreatEq: series.GreaterEq,
}

// Filter keeps the rows whose column col compares to v (gota's Filter).
// Contains, which gota lacks, goes through a comparison function.
func Filter(df dataframe.DataFrame, col string, op table.Op, v any) dataframe.DataFrame {
	if op == table.Contains {
		s, _ := v.(string)
		return df.Filter(dataframe.F{Colname: col, Comparator: series.CompFunc, Comparando: func(e series.Element) bool {
			return !e.IsNA() && contains(e.String(), s)
		}})
	}
	return df.Filter(dataframe.F{Colname: col, Comparator: comparators[op], Comparando: v})
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// WriteCSV is gota's CSV export: ',' between fields, numbers with a point
// and six decimals, "NaN" for missing numbers.
func WriteCSV(df dataframe.DataFrame, w io.Writer) error { return df.WriteCSV(w) }

// FilterSeries is table.Filter with gota doing the comparison: a Series of
// the one column, Series.Compare, and the rows gathered in plain Go (no
// DataFrame; the cheapest way to keep gota for filters).
func FilterSeries(t *table.Table, col string, op table.Op, v any) *table.Table {
	c := t.Col(col)
	if c == nil || !kindMatches(c, v) {
		return t.Take(nil)
	}
	var s series.Series
	if c.Text != nil {
		els := make([]any, len(c.Text))
		for i, x := range c.Text {
			if x != "" {
				els[i] = x
			}
		}
		s = series.New(els, series.String, c.Name)
	} else {
		s = series.New(c.Num, series.Float, c.Name)
	}
	var mask series.Series
	if op == table.Contains {
		sub, _ := v.(string)
		mask = s.Compare(series.CompFunc, func(e series.Element) bool {
			return !e.IsNA() && contains(e.String(), sub)
		})
	} else {
		cmp, ok := comparators[op]
		if !ok {
			return t.Take(nil)
		}
		mask = s.Compare(cmp, v)
	}
	keep, err := mask.Bool()
	if err != nil {
		return t.Take(nil)
	}
	var idx []int
	for i, k := range keep {
		if k {
			idx = append(idx, i)
		}
	}
	return t.Take(idx)
}

func kindMatches(c *table.Column, v any) bool {
	if c.Text != nil {
		_, ok := v.(string)
		return ok
	}
	_, ok := v.(float64)
	return ok
}
