package chart

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"coulisses/sandbox/answer"
)

var allKinds = []answer.ChartKind{answer.Bar, answer.Columns, answer.StackedBar, answer.Line, answer.Histogram, answer.Heatmap}

func many(n int, long bool) ([]string, []*float64, []*float64) {
	cats := make([]string, n)
	a, b := make([]*float64, n), make([]*float64, n)
	for i := range cats {
		cats[i] = "Catégorie " + strconv.Itoa(i+1)
		if long {
			cats[i] = strings.Repeat("Très long libellé de catégorie ", 3)[:78] + strconv.Itoa(i%10)
		}
		a[i] = answer.V(float64((i*7919)%1000 + 1))
		b[i] = answer.V(float64((i*104729)%700 + 3))
	}
	return cats, a, b
}

// edgeCases are charts that must never break the drawing.
func edgeCases() []struct {
	name string
	c    answer.Chart
} {
	type ec = struct {
		name string
		c    answer.Chart
	}
	var out []ec
	longTitle := strings.Repeat("Un titre vraiment très long qui ne tient pas sur une ligne ", 4)
	c200, a200, b200 := many(200, false)
	cl, al, bl := many(8, true)
	for _, k := range allKinds {
		out = append(out,
			ec{string(k) + "-empty", answer.Chart{Kind: k, Title: "Vide"}},
			ec{string(k) + "-nil", answer.Chart{Kind: k, Title: "Tout manque", Categories: []string{"a", "b"}, Series: []answer.Series{{Name: "s", Values: []*float64{nil, nil}}}}},
			ec{string(k) + "-short", answer.Chart{Kind: k, Title: "Série trop courte", Categories: []string{"a", "b", "c"}, Series: []answer.Series{{Name: "s", Values: vals(1)}}, Format: answer.Int}},
			ec{string(k) + "-one", answer.Chart{Kind: k, Title: "Une catégorie", Categories: []string{"Seule"}, Series: []answer.Series{{Name: "s", Values: vals(42)}}, Format: answer.Int}},
			ec{string(k) + "-negative", answer.Chart{Kind: k, Title: "Évolution du chiffre d'affaires", Format: answer.Euros, Categories: []string{"Théâtre", "Danse", "Musique", "Cirque"}, Series: []answer.Series{{Name: "2025", Values: vals(-1250.5, 830, -90, 2400)}, {Name: "2026", Values: vals(300, -1700, 450, nan)}}}},
			ec{string(k) + "-huge", answer.Chart{Kind: k, Title: "Très grands nombres", Format: answer.Int, Categories: []string{"a", "b", "c"}, Series: []answer.Series{{Name: "s", Values: vals(1e9, 2.5e9, 7e8)}}}},
			ec{string(k) + "-long", answer.Chart{Kind: k, Title: longTitle, XLabel: strings.Repeat("axe ", 30), YLabel: strings.Repeat("valeurs ", 20), Format: answer.Percent, Categories: cl, Series: []answer.Series{{Name: strings.Repeat("Nom de série très long ", 4), Values: al}, {Name: "<b>&\"'", Values: bl}}}},
			ec{string(k) + "-200", answer.Chart{Kind: k, Title: "Deux cents catégories", Format: answer.Int, Categories: c200, Series: []answer.Series{{Name: "A", Values: a200}, {Name: "B", Values: b200}}}},
			ec{string(k) + "-200-one", answer.Chart{Kind: k, Title: "Deux cents catégories, une série", Format: answer.Decimal, Categories: c200, Series: []answer.Series{{Name: "A", Values: a200}}}},
			ec{string(k) + "-flat", answer.Chart{Kind: k, Title: "Tout à zéro", Format: answer.Percent, Categories: []string{"a", "b"}, Series: []answer.Series{{Name: "s", Values: vals(0, 0)}}}},
			ec{string(k) + "-ctrl", answer.Chart{Kind: k, Title: "Caractères \x00\x1b interdits \xff", Categories: []string{"a\x01", "\ufffe"}, Series: []answer.Series{{Name: "\x02", Values: vals(1, 2)}}}},
			ec{string(k) + "-many-series", answer.Chart{Kind: k, Title: "Huit séries", Format: answer.Int, Categories: []string{"a", "b", "c"}, Series: func() []answer.Series {
				var s []answer.Series
				for i := range 8 {
					s = append(s, answer.Series{Name: "Série " + strconv.Itoa(i+1), Values: vals(float64(i+1), float64(10-i), float64(i*i))})
				}
				return s
			}()}},
		)
	}
	return out
}

// TestDump writes every sample and edge case at 320, 640 and 1000 px to
// $CHART_DUMP (for a look in a browser); it is skipped otherwise.
func TestDump(t *testing.T) {
	dir := os.Getenv("CHART_DUMP")
	if dir == "" {
		t.Skip("CHART_DUMP not set")
	}
	all := edgeCases()
	for _, s := range samples {
		all = append(all, struct {
			name string
			c    answer.Chart
		}{s.name, s.c})
	}
	for _, e := range all {
		for _, w := range []float64{320, 640} {
			name := e.name + "-" + strconv.Itoa(int(w)) + ".svg"
			if err := os.WriteFile(filepath.Join(dir, name), []byte(SVG(e.c, Options{Width: w})), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
