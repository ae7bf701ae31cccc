package chart

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"testing"

	"coulisses/app/fr"
	"coulisses/sandbox/answer"
)

// node is a parsed SVG element.
type node struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []node     `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) num(t *testing.T, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attr(name), 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.XMLName.Local, name, n.attr(name), err)
	}
	return v
}

// walk calls f on n and its descendants.
func (n node) walk(f func(node)) {
	f(n)
	for _, c := range n.Children {
		c.walk(f)
	}
}

func (n node) all(name string) []node {
	var out []node
	n.walk(func(c node) {
		if c.XMLName.Local == name {
			out = append(out, c)
		}
	})
	return out
}

// texts lists the text of every <text> element (without its tooltip).
func (n node) texts() []string {
	var out []string
	for _, t := range n.all("text") {
		out = append(out, t.Text)
	}
	return out
}

// parse checks that s is one well-formed SVG element and returns it.
func parse(t *testing.T, s string) node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	var root node
	if err := d.Decode(&root); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, s)
	}
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); !ok || strings.TrimSpace(string(cd)) != "" {
			t.Fatalf("content after </svg>: %v", tok)
		}
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root is %v", root.XMLName)
	}
	return root
}

// checkSVG checks what every chart must have: well-formed, scalable,
// accessible, no style attributes or elements, nothing drawn outside the
// viewBox horizontally.
func checkSVG(t *testing.T, s string) node {
	t.Helper()
	root := parse(t, s)
	vb := strings.Fields(root.attr("viewBox"))
	if len(vb) != 4 || vb[0] != "0" || vb[1] != "0" {
		t.Fatalf("viewBox %q", root.attr("viewBox"))
	}
	if root.attr("width") != "100%" || root.attr("role") != "img" {
		t.Errorf("width=%q role=%q", root.attr("width"), root.attr("role"))
	}
	ids := strings.Fields(root.attr("aria-labelledby"))
	if len(ids) != 2 {
		t.Fatalf("aria-labelledby=%q", root.attr("aria-labelledby"))
	}
	byID := map[string]node{}
	root.walk(func(n node) {
		if id := n.attr("id"); id != "" {
			byID[id] = n
		}
		if n.attr("style") != "" || n.XMLName.Local == "style" {
			t.Errorf("style attribute or element in <%s>", n.XMLName.Local)
		}
	})
	if byID[ids[0]].XMLName.Local != "title" || strings.TrimSpace(byID[ids[0]].Text) == "" {
		t.Errorf("aria-labelledby %q is not a non-empty <title>", ids[0])
	}
	if byID[ids[1]].XMLName.Local != "desc" || strings.TrimSpace(byID[ids[1]].Text) == "" {
		t.Errorf("aria-labelledby %q is not a non-empty <desc>", ids[1])
	}
	if root.Children[0].XMLName.Local != "title" || root.Children[1].XMLName.Local != "desc" {
		t.Errorf("<title> and <desc> must come first")
	}
	w, _ := strconv.ParseFloat(vb[2], 64)
	h, _ := strconv.ParseFloat(vb[3], 64)
	if !(w > 0 && h > 0) {
		t.Fatalf("viewBox %q", root.attr("viewBox"))
	}
	// Horizontal text must stay inside the width, and texts on the same
	// baseline must not overlap.
	type span struct {
		l, r float64
		s    string
	}
	rows := map[float64][]span{}
	for _, tx := range root.all("text") {
		if tx.attr("transform") != "" {
			continue
		}
		x := tx.num(t, "x")
		size := tx.num(t, "font-size")
		tw := width(tx.Text, size)
		if tx.attr("font-weight") != "" {
			tw = width(tx.Text, size*bold)
		}
		var left float64
		switch tx.attr("text-anchor") {
		case "middle":
			left = x - tw/2
		case "end":
			left = x - tw
		default:
			left = x
		}
		rows[tx.num(t, "y")] = append(rows[tx.num(t, "y")], span{left, left + tw, tx.Text})
		if left < -0.5 || left+tw > w+0.5 {
			t.Errorf("text %q from %.1f to %.1f, outside 0–%.0f", tx.Text, left, left+tw, w)
		}
		if y := tx.num(t, "y"); y < 0 || y > h {
			t.Errorf("text %q at y=%.1f, outside 0–%.0f", tx.Text, y, h)
		}
	}
	for y, spans := range rows {
		for i, a := range spans {
			for _, b := range spans[i+1:] {
				if a.l < b.r-0.5 && b.l < a.r-0.5 {
					t.Errorf("texts %q and %q overlap at y=%.1f", a.s, b.s, y)
				}
			}
		}
	}
	for _, r := range root.all("rect") {
		x, rw := r.num(t, "x"), r.num(t, "width")
		if x < -0.5 || x+rw > w+0.5 || rw < 0 || r.num(t, "height") < 0 {
			t.Errorf("rect x=%.1f width=%.1f outside 0–%.0f", x, rw, w)
		}
	}
	return root
}

func TestEveryChartIsValid(t *testing.T) {
	cases := edgeCases()
	for _, s := range samples {
		cases = append(cases, struct {
			name string
			c    answer.Chart
		}{s.name, s.c})
	}
	for _, e := range cases {
		for _, w := range []float64{320, 640, 1000} {
			t.Run(e.name+"/"+strconv.Itoa(int(w)), func(t *testing.T) {
				checkSVG(t, SVG(e.c, Options{Width: w}))
				if Summary(e.c) == "" {
					t.Error("empty summary")
				}
				tb := DataTable(e.c)
				for _, row := range tb.Rows {
					if len(row) != len(tb.Columns) {
						t.Fatalf("row %v has %d cells for %d columns", row, len(row), len(tb.Columns))
					}
				}
			})
		}
	}
}

// rectsOf returns the rectangles filled with colour.
func rectsOf(root node, colour string) []node {
	var out []node
	for _, r := range root.all("rect") {
		if r.attr("fill") == colour {
			out = append(out, r)
		}
	}
	return out
}

func TestBarsProportionalFromZero(t *testing.T) {
	c := samples[0].c // bar: weekdays
	root := checkSVG(t, SVG(c, Options{}))
	rs := rectsOf(root, palette[0])
	if len(rs) != len(c.Categories) {
		t.Fatalf("%d bars for %d categories", len(rs), len(c.Categories))
	}
	x0 := rs[0].num(t, "x")
	ratio := rs[0].num(t, "width") / *c.Series[0].Values[0]
	for i, r := range rs {
		if r.num(t, "x") != x0 {
			t.Errorf("bar %d starts at %v, not at the zero line %v", i, r.num(t, "x"), x0)
		}
		if got, want := r.num(t, "width"), *c.Series[0].Values[i]*ratio; math.Abs(got-want) > 0.6 {
			t.Errorf("bar %d width %.1f, want %.1f (proportional)", i, got, want)
		}
	}
	// The zero line is at the bars' start.
	zero := false
	for _, l := range root.all("line") {
		if l.attr("stroke") == ink && l.num(t, "x1") == x0 && l.num(t, "x2") == x0 {
			zero = true
		}
	}
	if !zero {
		t.Error("no zero line where bars start")
	}
}

func TestColumnsProportionalFromZero(t *testing.T) {
	c := answer.Chart{Kind: answer.Columns, Title: "Colonnes", Format: answer.Int,
		Categories: []string{"a", "b", "c", "d"},
		Series:     []answer.Series{{Name: "n", Values: vals(1510, 120, 870, 3)}}}
	root := checkSVG(t, SVG(c, Options{}))
	rs := rectsOf(root, palette[0])
	if len(rs) != 4 {
		t.Fatalf("%d columns", len(rs))
	}
	base := rs[0].num(t, "y") + rs[0].num(t, "height")
	ratio := rs[0].num(t, "height") / 1510
	for i, r := range rs {
		if b := r.num(t, "y") + r.num(t, "height"); math.Abs(b-base) > 0.11 {
			t.Errorf("column %d ends at %.1f, not on the baseline %.1f", i, b, base)
		}
		if got, want := r.num(t, "height"), *c.Series[0].Values[i]*ratio; math.Abs(got-want) > 0.6 {
			t.Errorf("column %d height %.1f, want %.1f", i, got, want)
		}
	}
	// A value axis that does not start at zero would make 120 look tiny
	// next to 870 or huge next to 3: check the lowest tick is 0.
	if !contains(root.texts(), "0") {
		t.Errorf("no 0 tick: %q", root.texts())
	}
}

func TestNegativeBarsGoLeft(t *testing.T) {
	c := answer.Chart{Kind: answer.Bar, Title: "Écarts", Format: answer.Decimal,
		Categories: []string{"a", "b"}, Series: []answer.Series{{Values: vals(-2, 4)}}}
	root := checkSVG(t, SVG(c, Options{}))
	rs := rectsOf(root, palette[0])
	if len(rs) != 2 {
		t.Fatalf("%d bars", len(rs))
	}
	neg, pos := rs[0], rs[1]
	if end := neg.num(t, "x") + neg.num(t, "width"); math.Abs(end-pos.num(t, "x")) > 0.11 {
		t.Errorf("negative bar ends at %.1f, positive starts at %.1f: not the same zero", end, pos.num(t, "x"))
	}
	if got := neg.num(t, "width") * 2; math.Abs(got-pos.num(t, "width")) > 0.6 {
		t.Errorf("widths %.1f and %.1f not in ratio 1:2", neg.num(t, "width"), pos.num(t, "width"))
	}
	if !contains(root.texts(), "−2") {
		t.Errorf("no −2 label: %q", root.texts())
	}
}

func TestFrenchFormats(t *testing.T) {
	n := fr.NNBSP
	tests := []struct {
		name  string
		c     answer.Chart
		want  []string
		never []string
	}{
		{"int ticks and labels", samples[0].c, []string{"1" + n + "200", "1" + n + "234", "0"}, []string{"1200", "1,200", "1.2"}},
		{"percent", samples[2].c, []string{"20" + n + "%", "100" + n + "%", "52" + n + "%"}, []string{"0.2", "52%"}},
		{"euros", answer.Chart{Kind: answer.Columns, Format: answer.Euros, Categories: []string{"a", "b"}, Series: []answer.Series{{Values: vals(1234.5, 80)}}},
			[]string{"1" + n + "234,50\u00a0€", "80\u00a0€", "1" + n + "000\u00a0€"}, []string{"1234.5"}},
		{"decimal", answer.Chart{Kind: answer.Bar, Format: answer.Decimal, Categories: []string{"a", "b"}, Series: []answer.Series{{Values: vals(12345.6, 0.25)}}},
			[]string{"12" + n + "345,6", "0,25"}, []string{"12345.6", "0.25"}},
		{"days", answer.Chart{Kind: answer.Histogram, Format: answer.Days, Categories: []string{"a", "b"}, Series: []answer.Series{{Values: vals(3.5, 12)}}},
			[]string{"3,5\u00a0j", "12\u00a0j"}, nil},
		{"billions", answer.Chart{Kind: answer.Bar, Format: answer.Int, Categories: []string{"a", "b"}, Series: []answer.Series{{Values: vals(1e9, 2.5e9)}}},
			[]string{"1\u00a0Md", "2" + n + "500" + n + "000" + n + "000", "0"}, []string{"e+09"}},
		{"millions", answer.Chart{Kind: answer.Line, Format: answer.Euros, Categories: []string{"a", "b"}, Series: []answer.Series{{Values: vals(1.2e6, 2.6e6)}}},
			[]string{"1\u00a0M€", "0,5\u00a0M€", "0\u00a0€"}, []string{"000€", "500" + n + "000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := checkSVG(t, SVG(tt.c, Options{}))
			texts := root.texts()
			for _, w := range tt.want {
				if !contains(texts, w) {
					t.Errorf("no text %q in %q", w, texts)
				}
			}
			for _, s := range texts {
				for _, bad := range tt.never {
					if strings.Contains(s, bad) {
						t.Errorf("text %q contains %q", s, bad)
					}
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestFold(t *testing.T) {
	cats := make([]string, 20)
	counts := make([]float64, 20)
	var ints, shares []float64
	for i := range cats {
		cats[i] = "c" + strconv.Itoa(i)
		ints = append(ints, float64(100-i))         // c0 largest … c19 smallest
		shares = append(shares, 0.1+float64(i)/100) // c19 largest share
		counts[i] = float64(1000 - 10*i)
	}
	mk := func(f answer.Format, v []float64) answer.Chart {
		return answer.Chart{Kind: answer.Bar, Title: "Plis", Format: f, Categories: cats, Series: []answer.Series{{Name: "s", Values: vals(v...)}}}
	}
	labels := func(root node) (cats []string) {
		for _, tx := range root.all("text") {
			if tx.attr("text-anchor") == "end" && strings.HasPrefix(tx.Text, "c") || strings.HasPrefix(tx.Text, "Autres") {
				cats = append(cats, tx.Text)
			}
		}
		return cats
	}
	t.Run("counts are summed", func(t *testing.T) {
		root := checkSVG(t, SVG(mk(answer.Int, ints), Options{}))
		got := labels(root)
		if len(got) != 13 || got[12] != "Autres (8)" || got[0] != "c0" || got[11] != "c11" {
			t.Fatalf("categories %q", got)
		}
		// 88 + 87 + … + 81 = 676
		if !contains(root.texts(), "676") {
			t.Errorf("no « Autres » sum 676 in %q", root.texts())
		}
		if !strings.Contains(strings.Join(root.texts(), " "), "additionne") {
			t.Error("no note on the fold")
		}
	})
	t.Run("shares without counts are truncated", func(t *testing.T) {
		root := checkSVG(t, SVG(mk(answer.Percent, shares), Options{MaxCategories: 5}))
		got := labels(root)
		if len(got) != 5 || got[0] != "c15" || got[4] != "c19" {
			t.Fatalf("categories %q", got)
		}
		if !strings.Contains(strings.Join(root.texts(), " "), "15 catégories non affichées") {
			t.Errorf("no truncation note in %q", root.texts())
		}
	})
	t.Run("shares with counts fold as a weighted mean", func(t *testing.T) {
		root := checkSVG(t, SVG(mk(answer.Percent, shares), Options{MaxCategories: 5, Counts: counts}))
		got := labels(root)
		// The largest groups by count are c0…c4.
		if len(got) != 6 || got[0] != "c0" || got[5] != "Autres (15)" {
			t.Fatalf("categories %q", got)
		}
		var num, den float64
		for i := 5; i < 20; i++ {
			num += shares[i] * counts[i]
			den += counts[i]
		}
		if want := fr.Percent(num/den, 1); !contains(root.texts(), want) {
			t.Errorf("no weighted mean %q in %q", want, root.texts())
		}
	})
	t.Run("additive euros are summed", func(t *testing.T) {
		root := checkSVG(t, SVG(mk(answer.Euros, ints), Options{MaxCategories: 12, Additive: true}))
		if !contains(root.texts(), "676\u00a0€") {
			t.Errorf("no sum in %q", root.texts())
		}
	})
	t.Run("no fold for one extra category", func(t *testing.T) {
		c := mk(answer.Int, ints[:13])
		c.Categories = cats[:13]
		root := checkSVG(t, SVG(c, Options{}))
		if got := labels(root); len(got) != 13 || got[12] != "c12" {
			t.Errorf("categories %q", got)
		}
	})
	t.Run("lines never fold", func(t *testing.T) {
		c := mk(answer.Int, ints)
		c.Kind = answer.Line
		root := checkSVG(t, SVG(c, Options{}))
		if strings.Contains(strings.Join(root.texts(), " "), "Autres") {
			t.Error("a line folded")
		}
	})
	t.Run("summary and table keep every category", func(t *testing.T) {
		c := mk(answer.Int, ints)
		if n := len(DataTable(c).Rows); n != 20 {
			t.Errorf("table has %d rows", n)
		}
		if s := Summary(c); !strings.Contains(s, "C19 ferme la marche") {
			t.Errorf("summary %q", s)
		}
	})
}

func TestLegend(t *testing.T) {
	root := checkSVG(t, SVG(samples[1].c, Options{})) // column, 3 series
	texts := root.texts()
	for _, s := range samples[1].c.Series {
		if !contains(texts, s.Name) {
			t.Errorf("legend lacks %q", s.Name)
		}
	}
	for i := range 3 {
		if len(rectsOf(root, palette[i])) < 4 {
			t.Errorf("series %d not drawn in %s", i, palette[i])
		}
	}
	root = checkSVG(t, SVG(samples[0].c, Options{})) // bar, 1 series
	if contains(root.texts(), "Billets") && len(rectsOf(root, palette[0])) != 7 {
		t.Error("a single series got a legend swatch")
	}
}

func TestAccessibleNames(t *testing.T) {
	c := samples[0].c
	s := SVG(c, Options{ID: "g1", Class: "graphique"})
	root := checkSVG(t, s)
	if root.attr("class") != "graphique" {
		t.Errorf("class=%q", root.attr("class"))
	}
	if root.attr("aria-labelledby") != "g1-titre g1-desc" {
		t.Errorf("aria-labelledby=%q", root.attr("aria-labelledby"))
	}
	if got := strings.TrimSpace(root.Children[0].Text); got != c.Title {
		t.Errorf("title %q", got)
	}
	if got := root.Children[1].Text; got != Summary(c) {
		t.Errorf("desc %q, want the summary %q", got, Summary(c))
	}
	// Default ids differ between charts and are stable.
	a, b := SVG(samples[0].c, Options{}), SVG(samples[1].c, Options{})
	if parse(t, a).attr("aria-labelledby") == parse(t, b).attr("aria-labelledby") {
		t.Error("two charts share their ids")
	}
	if a != SVG(samples[0].c, Options{}) {
		t.Error("drawing is not deterministic")
	}
}

func TestLongLabelsTruncatedWithTooltip(t *testing.T) {
	long := strings.Repeat("Libellé très long ", 5)[:80]
	for _, k := range allKinds {
		c := answer.Chart{Kind: k, Title: "Long", Format: answer.Int, Categories: []string{long, "b"}, Series: []answer.Series{{Name: long, Values: vals(3, 4)}}}
		root := checkSVG(t, SVG(c, Options{Width: 320}))
		found, cut := false, false
		for _, tx := range root.all("text") {
			for _, ch := range tx.Children {
				if ch.XMLName.Local == "title" && ch.Text == long {
					found = true
				}
			}
			cut = cut || strings.HasSuffix(tx.Text, "…")
		}
		if !found || !cut {
			t.Errorf("%s: tooltip with the full label %v, shortened with an ellipsis %v", k, found, cut)
		}
	}
}

func TestLineGaps(t *testing.T) {
	c := samples[3].c // line with a missing value in series 2
	root := checkSVG(t, SVG(c, Options{}))
	paths := root.all("path")
	if len(paths) != 2 {
		t.Fatalf("%d paths", len(paths))
	}
	if m := strings.Count(paths[1].attr("d"), "M"); m != 2 {
		t.Errorf("series with a gap has %d subpaths, want 2: %s", m, paths[1].attr("d"))
	}
	if m := strings.Count(paths[0].attr("d"), "M"); m != 1 {
		t.Errorf("full series has %d subpaths", m)
	}
}

func TestHeatmapCells(t *testing.T) {
	c := samples[5].c
	root := checkSVG(t, SVG(c, Options{}))
	cells := 0
	for _, r := range root.all("rect") {
		if r.num(t, "width") > 20 && r.num(t, "height") >= 22 && r.attr("stroke") != "" {
			cells++
		}
	}
	if want := len(c.Categories) * len(c.Series); cells < want {
		t.Errorf("%d cells, want %d", cells, want)
	}
	// The strongest value is printed on the darkest colour in white.
	for _, tx := range root.all("text") {
		if tx.attr("text-anchor") != "middle" {
			continue // legend, row labels
		}
		if tx.Text == "58" && tx.attr("fill") != white {
			t.Errorf("58 printed in %s", tx.attr("fill"))
		}
		if tx.Text == "2" && tx.attr("fill") == white {
			t.Errorf("2 printed in white on a light cell")
		}
	}
}

func TestSummary(t *testing.T) {
	n := fr.NNBSP
	tests := []struct {
		name string
		c    answer.Chart
		want string
	}{
		{"bar", samples[0].c, "Samedi arrive en tête avec 1" + n + "234 billets (22,1" + n + "% du total), devant vendredi (1" + n + "100 billets ; 19,7" + n + "%). Lundi ferme la marche avec 312 billets (5,6" + n + "%). Total : 5" + n + "582 billets sur 7 catégories."},
		{"line", answer.Chart{Kind: answer.Line, Format: answer.Int, Categories: []string{"janv.", "févr.", "mars"}, Series: []answer.Series{{Values: vals(100, 180, 150)}}},
			"De 100 (janv.) à 150 (mars), hausse de 50" + n + "% ; maximum 180 (févr.)."},
		{"line percent", answer.Chart{Kind: answer.Line, Format: answer.Percent, Categories: []string{"2024", "2025"}, Series: []answer.Series{{Name: "18–35 ans", Values: vals(0.2, 0.232)}, {Name: "65 ans et plus", Values: vals(0.3, 0.3)}}},
			"18–35 ans : de 20" + n + "% (2024) à 23,2" + n + "% (2025), +3,2\u00a0points. 65 ans et plus : de 30" + n + "% (2024) à 30" + n + "% (2025), stable."},
		{"heatmap", answer.Chart{Kind: answer.Heatmap, Format: answer.Int, Categories: []string{"10 h", "20 h"}, Series: []answer.Series{{Name: "lundi", Values: vals(3, 9)}, {Name: "samedi", Values: vals(12, 1)}}},
			"Case la plus forte : samedi, 10 h (12). Case la plus faible : samedi, 20 h (1). Ligne au total le plus élevé : samedi (13) ; colonne : 10 h (15)."},
		{"stacked", samples[2].c, "Part la plus forte pour chaque ligne : Théâtre, Internet (52" + n + "%) ; Danse, Internet (61" + n + "%) ; Musique, Internet (58" + n + "%) ; Cirque, Internet (44" + n + "%) ; Jeune public, Scolaires et groupes (35" + n + "%)."},
		{"histogram", samples[4].c, "Classe la plus fréquente : 0–6 j, avec 2" + n + "310 billets (27,3" + n + "% du total). La moitié des effectifs se trouve dans les classes jusqu'à 14–20 j incluse. Total : 8" + n + "470 billets."},
		{"columns", samples[1].c, "2023-2024 : maximum pour Internet (5" + n + "890), minimum pour Revendeurs (860). 2024-2025 : maximum pour Internet (6" + n + "840), minimum pour Revendeurs (910). 2025-2026 : maximum pour Internet (7" + n + "710), minimum pour Téléphone (940). Une valeur manque."},
		{"tie", answer.Chart{Kind: answer.Bar, Format: answer.Int, Categories: []string{"a", "b"}, Series: []answer.Series{{Values: vals(5, 5)}}},
			"A et b arrivent ex aequo en tête avec 5 (50" + n + "% chacun). Total : 10 sur 2 catégories."},
		{"one", answer.Chart{Kind: answer.Columns, Format: answer.Euros, Categories: []string{"a"}, Series: []answer.Series{{Values: vals(12.5)}}}, "Une seule valeur : a, 12,50\u00a0€."},
		{"empty", answer.Chart{Kind: answer.Bar}, "Aucune donnée à afficher."},
	}
	for _, tt := range tests {
		if got := Summary(tt.c); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestDataTable(t *testing.T) {
	tb := DataTable(samples[1].c)
	if len(tb.Columns) != 4 || tb.Columns[0].Name != "Canal de vente" || tb.Columns[0].Format != answer.Text || tb.Columns[3].Name != "2025-2026" || tb.Columns[3].Format != answer.Int {
		t.Errorf("columns %+v", tb.Columns)
	}
	if len(tb.Rows) != 4 || tb.Rows[0][0] != "Guichet" || tb.Rows[0][1] != 4210.0 || tb.Rows[3][3] != nil {
		t.Errorf("rows %v", tb.Rows)
	}
	if tb.Note == "" {
		t.Error("no note for the missing value")
	}
	hm := DataTable(samples[5].c)
	if len(hm.Rows) != 7 || len(hm.Columns) != 17 || hm.Columns[0].Name != "Jour" || hm.Columns[1].Name != "8 h" || hm.Rows[6][6] != nil {
		t.Errorf("heat map table %v %v", hm.Columns, hm.Rows)
	}
}

func TestFile(t *testing.T) {
	svg := SVG(samples[0].c, Options{Width: 500})
	f := string(File(svg))
	if !strings.HasPrefix(f, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<svg ") {
		t.Errorf("no XML declaration: %.60q", f)
	}
	root := parse(t, strings.SplitN(f, "\n", 2)[1])
	vb := strings.Fields(root.attr("viewBox"))
	if root.attr("width") != "500" || root.attr("height") != vb[3] {
		t.Errorf("width=%q height=%q viewBox=%q", root.attr("width"), root.attr("height"), root.attr("viewBox"))
	}
	if got := string(File("<svg/>")); !strings.Contains(got, "<svg/>") {
		t.Errorf("File of a foreign SVG: %q", got)
	}
}
