package gotadf

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"coulisses/sandbox"
	"coulisses/sandbox/synth"
	"coulisses/sandbox/table"
)

func synthFrame(t testing.TB, rows int) *sandbox.Frame {
	var buf bytes.Buffer
	synth.Write(&buf, rows, 7)
	f, _, err := sandbox.Import(context.Background(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Fixtures at the sizes the app handles: previews of 50 and 1,000 rows
// (12 columns), results of 100 and 5,000 groups (a label, 3 numbers).
type fixture struct {
	name string
	t    *table.Table
	num  string // a numeric column to sort and filter on
	cut  float64
}

var fixtures []fixture

func loadFixtures(tb testing.TB) []fixture {
	if fixtures != nil {
		return fixtures
	}
	f := synthFrame(tb, 60000)
	res := f.GroupBy(nil, sandbox.ByValue(f.ByRole(sandbox.RolePostcode)), sandbox.Count(), sandbox.Sum(f.ByRole(sandbox.RolePrice)), sandbox.Mean(f.ByRole(sandbox.RolePrice)))
	full := table.FromResult(res)
	take := func(n int) *table.Table {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return full.Take(idx)
	}
	fixtures = []fixture{
		{"preview50", table.Head(f, 50), "Prix", 20},
		{"preview1000", table.Head(f, 1000), "Prix", 20},
		{"result100", take(100), res.Names[1], 30},
		{"result5000", take(5000), res.Names[1], 30},
	}
	return fixtures
}

// Without missing values, gota and plain Go agree on every statistic,
// order and filter.
func TestSameAsGota(t *testing.T) {
	for _, fx := range loadFixtures(t) {
		// gota's describe gives NaN for a column with a missing value:
		// compare on the numeric columns without one
		var cols []table.Column
		for _, c := range fx.t.Columns {
			if c.IsText() {
				continue
			}
			ok := true
			for _, v := range c.Num {
				ok = ok && !math.IsNaN(v)
			}
			if ok {
				cols = append(cols, c)
			}
		}
		tb := &table.Table{Columns: cols}
		plain := tb.Describe()
		gd := ToTable(Describe(FromTable(tb)))
		for _, c := range cols {
			p, g := plain.Col(c.Name).Num, gd.Col(c.Name).Num
			for k, name := range table.DescribeRows[1:] {
				a, b := p[k+1], g[k]
				if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(b)) {
					t.Errorf("%s %s %s: plain %v, gota %v", fx.name, c.Name, name, a, b)
				}
			}
		}
		ps := fx.t.Sort(fx.num, true)
		gs := ToTable(Sort(FromTable(fx.t), fx.num, true))
		if !sameColumn(ps.Columns[0], gs.Columns[0]) {
			t.Errorf("%s: sort differs", fx.name)
		}
		pf := fx.t.Filter(fx.num, table.Greater, fx.cut)
		gf := ToTable(Filter(FromTable(fx.t), fx.num, table.Greater, fx.cut))
		if pf.Len() != gf.Len() || !sameColumn(pf.Columns[0], gf.Columns[0]) {
			t.Errorf("%s: filter %d vs %d rows", fx.name, pf.Len(), gf.Len())
		}
	}
}

func sameColumn(a, b table.Column) bool {
	if a.IsText() != b.IsText() || a.Len() != b.Len() {
		return false
	}
	for i := 0; i < a.Len(); i++ {
		if a.IsText() && a.Text[i] != b.Text[i] || !a.IsText() && a.Num[i] != b.Num[i] && !(math.IsNaN(a.Num[i]) && math.IsNaN(b.Num[i])) {
			return false
		}
	}
	return true
}

// FilterSeries (gota's comparison) and table.Filter (plain Go) agree,
// missing values included.
func TestFilterSeries(t *testing.T) {
	nan := math.NaN()
	tb := &table.Table{Columns: []table.Column{
		{Name: "ville", Text: []string{"Lyon", "", "Paris", "=SOMME(A1)", "Nantes; ouest"}},
		{Name: "n", Num: []float64{3, 1, nan, 2, 5}},
		{Name: "prix", Num: []float64{12.5, 8, 30, nan, 0.1}},
	}}
	for _, c := range []struct {
		col string
		op  table.Op
		v   any
	}{{"prix", table.GreatEq, 8.0}, {"n", table.Ne, 2.0}, {"n", table.Less, 3.0}, {"ville", table.Eq, "Lyon"}, {"ville", table.Ne, "Lyon"},
		{"ville", table.Contains, "a"}, {"ville", table.Greater, "M"}, {"ville", table.LessEq, "Lyon"}, {"n", table.Eq, "2"},
		{"nope", table.Eq, 1.0}, {"n", table.Op("~"), 1.0}} {
		g, p := FilterSeries(tb, c.col, c.op, c.v), tb.Filter(c.col, c.op, c.v)
		if strings.Join(g.Col("ville").Text, ",") != strings.Join(p.Col("ville").Text, ",") {
			t.Errorf("filter %v: gota %q, plain %q", c, g.Col("ville").Text, p.Col("ville").Text)
		}
	}
	for _, fx := range loadFixtures(t) {
		g, p := FilterSeries(fx.t, fx.num, table.Greater, fx.cut), fx.t.Filter(fx.num, table.Greater, fx.cut)
		if g.Len() != p.Len() || !sameColumn(g.Columns[0], p.Columns[0]) {
			t.Errorf("%s: FilterSeries %d rows, Filter %d", fx.name, g.Len(), p.Len())
		}
	}
}

func TestGotaCSV(t *testing.T) {
	var b bytes.Buffer
	tb := &table.Table{Columns: []table.Column{{Name: "a", Text: []string{"x", ""}}, {Name: "b", Num: []float64{1.5, math.NaN()}}}}
	if err := WriteCSV(FromTable(tb), &b); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); !strings.HasPrefix(got, "a,b\nx,1.500000\n") {
		t.Errorf("gota csv %q", got)
	}
}

// Benchmarks: go test -bench . ./sandbox/table/gotadf (natively), and the
// same under Node with GOOS=js GOARCH=wasm and -exec go_js_wasm_exec
// (make gota-bench runs both).

func benchOps(b *testing.B, plain bool) {
	for _, fx := range loadFixtures(b) {
		df := FromTable(fx.t)
		var sink bytes.Buffer
		ops := []struct {
			name  string
			plain func()
			gota  func()
		}{
			{"convert", nil, func() { FromTable(fx.t) }},
			{"describe", func() { fx.t.Describe() }, func() { Describe(df) }},
			{"sort", func() { fx.t.Sort(fx.num, true) }, func() { Sort(df, fx.num, true) }},
			{"filter", func() { fx.t.Filter(fx.num, table.Greater, fx.cut) }, func() { Filter(df, fx.num, table.Greater, fx.cut) }},
			{"filter-series", nil, func() { FilterSeries(fx.t, fx.num, table.Greater, fx.cut) }},
			{"roundtrip-sort", nil, func() { ToTable(Sort(FromTable(fx.t), fx.num, true)) }},
			{"roundtrip-filter", nil, func() { ToTable(Filter(FromTable(fx.t), fx.num, table.Greater, fx.cut)) }},
			{"csv", func() { sink.Reset(); fx.t.WriteCSV(&sink) }, func() { sink.Reset(); WriteCSV(df, &sink) }},
		}
		for _, op := range ops {
			if plain && op.plain == nil {
				continue
			}
			fn := op.gota
			if plain {
				fn = op.plain
			}
			b.Run(op.name+"/"+fx.name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					fn()
				}
			})
		}
	}
}

func BenchmarkPlain(b *testing.B) { benchOps(b, true) }
func BenchmarkGota(b *testing.B)  { benchOps(b, false) }
