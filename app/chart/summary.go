package chart

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"coulisses/app/fr"
	"coulisses/sandbox/answer"
)

// Summary states what the chart shows in plain French with French number
// formats: the leader, the runner-up and the last of bars and columns
// (with their share of the total for counts), the trend and maximum of
// lines, the most frequent bin of histograms, the strongest and weakest
// cells of heat maps. It covers every category (no folding). It is the
// SVG's <desc> and is meant to be shown under the chart.
func Summary(c answer.Chart) string {
	d := clean(c)
	if d.empty() || len(d.cats) == 0 {
		return "Aucune donnée à afficher."
	}
	var b strings.Builder
	switch c.Kind {
	case answer.Line:
		sumLine(&b, d)
	case answer.Heatmap:
		sumHeat(&b, d)
	case answer.StackedBar:
		sumStacked(&b, d)
	case answer.Histogram:
		sumHist(&b, d, unitOf(c))
	default:
		if len(d.series) == 1 {
			sumRanking(&b, d, unitOf(c))
		} else {
			sumSeries(&b, d)
		}
	}
	sumMissing(&b, d)
	return strings.TrimSpace(b.String())
}

// unitOf is the noun that follows counts in sentences, from YLabel:
// « Billets » or « Nombre de billets » → « billets ». Only for counts and
// plain numbers (euros, days and percentages carry their own unit).
func unitOf(c answer.Chart) string {
	switch c.Format {
	case answer.Int, answer.Decimal, answer.Text, "":
	default:
		return ""
	}
	u := strings.TrimSpace(c.YLabel)
	low := strings.ToLower(u)
	for _, p := range []string{"nombre de ", "nombre d'", "nombre d’"} {
		if strings.HasPrefix(low, p) {
			u = u[len(p):]
		}
	}
	if u == "" || len(strings.Fields(u)) > 3 {
		return ""
	}
	return strings.ToLower(u[:1]) + u[1:]
}

// valU is a value followed by its unit.
func valU(d *data, v float64, unit string) string {
	s := formatValue(d.format, v)
	if unit != "" {
		s += " " + unit
	}
	return s
}

// point is a category's value in one series.
type point struct {
	i int
	v float64
}

func points(s series) []point {
	var ps []point
	for i, ok := range s.ok {
		if ok {
			ps = append(ps, point{i, s.v[i]})
		}
	}
	return ps
}

// total returns the sum of a series and whether shares of it make sense
// (counts, none negative, total above zero).
func total(d *data, s series) (float64, bool) {
	var t float64
	for i, ok := range s.ok {
		if ok {
			if s.v[i] < 0 {
				return 0, false
			}
			t += s.v[i]
		}
	}
	return t, d.format == answer.Int && t > 0
}

func sumRanking(b *strings.Builder, d *data, unit string) {
	s := d.series[0]
	ps := points(s)
	t, shares := total(d, s)
	val := func(p point) string { return valU(d, p.v, unit) }
	share := func(p point) string { return fr.Percent(p.v/t, 1) }
	if len(ps) == 1 {
		b.WriteString("Une seule valeur : " + d.cats[ps[0].i] + ", " + val(ps[0]) + ". ")
		return
	}
	sort.SliceStable(ps, func(a, c int) bool { return ps[a].v > ps[c].v })
	first, second, last := ps[0], ps[1], ps[len(ps)-1]
	same := formatValue(d.format, first.v) == formatValue(d.format, second.v)
	if same {
		b.WriteString(capitalize(d.cats[first.i]) + " et " + d.cats[second.i] + " arrivent ex aequo en tête avec " + val(first))
		if shares {
			b.WriteString(" (" + share(first) + " chacun)")
		}
		b.WriteString(". ")
	} else {
		b.WriteString(capitalize(d.cats[first.i]) + " arrive en tête avec " + val(first))
		if shares {
			b.WriteString(" (" + share(first) + " du total)")
		}
		b.WriteString(", devant " + d.cats[second.i] + " (" + val(second))
		if shares {
			b.WriteString(" ; " + share(second))
		}
		b.WriteString("). ")
	}
	if len(ps) > 2 {
		b.WriteString(capitalize(d.cats[last.i]) + " ferme la marche avec " + val(last))
		if shares {
			b.WriteString(" (" + share(last) + ")")
		}
		b.WriteString(". ")
	}
	if shares {
		b.WriteString("Total : " + valU(d, t, unit) + " sur " + strconv.Itoa(len(ps)) + " catégories. ")
	}
}

// sumSeries names, for each series, its highest and lowest category.
func sumSeries(b *strings.Builder, d *data) {
	for k, s := range d.series {
		if k == 4 {
			b.WriteString("Les " + strconv.Itoa(len(d.series)-4) + " autres séries sont détaillées dans le tableau. ")
			break
		}
		ps := points(s)
		if len(ps) == 0 {
			b.WriteString(seriesName(s.name, k) + " : aucune valeur. ")
			continue
		}
		hi, lo := ps[0], ps[0]
		for _, p := range ps {
			if p.v > hi.v {
				hi = p
			}
			if p.v < lo.v {
				lo = p
			}
		}
		b.WriteString(seriesName(s.name, k) + " : maximum pour " + d.cats[hi.i] + " (" + formatValue(d.format, hi.v) + ")")
		if lo.i != hi.i {
			b.WriteString(", minimum pour " + d.cats[lo.i] + " (" + formatValue(d.format, lo.v) + ")")
		}
		b.WriteString(". ")
	}
}

// sumStacked names, for each bar, its largest part.
func sumStacked(b *strings.Builder, d *data) {
	b.WriteString("Part la plus forte ")
	if len(d.cats) > 1 {
		b.WriteString("pour chaque ligne")
	}
	b.WriteString(" : ")
	shown := 0
	for i, c := range d.cats {
		best, bv := -1, 0.0
		for k, s := range d.series {
			if s.ok[i] && (best < 0 || s.v[i] > bv) {
				best, bv = k, s.v[i]
			}
		}
		if best < 0 {
			continue
		}
		if shown == 6 {
			b.WriteString(" ; les autres lignes sont détaillées dans le tableau")
			break
		}
		if shown > 0 {
			b.WriteString(" ; ")
		}
		b.WriteString(c + ", " + seriesName(d.series[best].name, best) + " (" + formatValue(d.format, bv) + ")")
		shown++
	}
	b.WriteString(". ")
}

// sumHist names the most frequent bin and, for counts, the bin where half
// of the total is reached.
func sumHist(b *strings.Builder, d *data, unit string) {
	for k, s := range d.series {
		if k == 2 {
			break
		}
		ps := points(s)
		if len(ps) == 0 {
			continue
		}
		if len(d.series) > 1 {
			b.WriteString(seriesName(s.name, k) + " : ")
		}
		top := ps[0]
		for _, p := range ps {
			if p.v > top.v {
				top = p
			}
		}
		t, shares := total(d, s)
		b.WriteString("classe la plus fréquente : " + d.cats[top.i] + ", avec " + valU(d, top.v, unit))
		if shares {
			b.WriteString(" (" + fr.Percent(top.v/t, 1) + " du total)")
			var cum float64
			for _, p := range ps {
				cum += p.v
				if cum >= t/2 {
					b.WriteString(". La moitié des effectifs se trouve dans les classes jusqu'à " + d.cats[p.i] + " incluse")
					break
				}
			}
			b.WriteString(". Total : " + valU(d, t, unit))
		}
		b.WriteString(". ")
	}
	s := b.String()
	b.Reset()
	b.WriteString(capitalize(s))
}

// sumLine gives, per series, the first and last values, the change and
// the maximum.
func sumLine(b *strings.Builder, d *data) {
	for k, s := range d.series {
		if k == 4 {
			b.WriteString("Les " + strconv.Itoa(len(d.series)-4) + " autres séries sont détaillées dans le tableau. ")
			break
		}
		ps := points(s)
		if len(ps) == 0 {
			continue
		}
		prefix := ""
		if len(d.series) > 1 {
			prefix = seriesName(s.name, k) + " : "
		}
		first, last := ps[0], ps[len(ps)-1]
		top := first
		for _, p := range ps {
			if p.v > top.v {
				top = p
			}
		}
		f := func(p point) string { return formatValue(d.format, p.v) + " (" + d.cats[p.i] + ")" }
		if len(ps) == 1 {
			b.WriteString(capitalize(prefix + "une seule valeur, " + f(first) + ". "))
			continue
		}
		b.WriteString(capitalize(prefix + "de " + f(first) + " à " + f(last) + ", " + change(d, first.v, last.v)))
		if top.i != first.i && top.i != last.i {
			b.WriteString(" ; maximum " + f(top))
		}
		b.WriteString(". ")
	}
}

// change words the move from a to b: a rise or fall in percent, in
// percentage points for shares, or as a difference when a is zero or
// negative.
func change(d *data, a, b float64) string {
	diff := b - a
	if formatValue(d.format, a) == formatValue(d.format, b) {
		return "stable"
	}
	if d.format == answer.Percent {
		return fr.Points(diff, 1)
	}
	word := "hausse"
	if diff < 0 {
		word = "baisse"
	}
	if a > 0 && b >= 0 {
		return word + " de " + fr.Percent(math.Abs(diff)/a, 1)
	}
	return word + " de " + formatValue(d.format, math.Abs(diff))
}

// sumHeat names the strongest and weakest cells, and for counts the row
// and column with the largest totals.
func sumHeat(b *strings.Builder, d *data) {
	type cell struct {
		r, c int
		v    float64
	}
	var hi, lo cell
	first := true
	rowT := make([]float64, len(d.series))
	colT := make([]float64, len(d.cats))
	for k, s := range d.series {
		for i, ok := range s.ok {
			if !ok {
				continue
			}
			v := s.v[i]
			rowT[k] += v
			colT[i] += v
			if first || v > hi.v {
				hi = cell{k, i, v}
			}
			if first || v < lo.v {
				lo = cell{k, i, v}
			}
			first = false
		}
	}
	name := func(c cell) string {
		return seriesName(d.series[c.r].name, c.r) + ", " + d.cats[c.c] + " (" + formatValue(d.format, c.v) + ")"
	}
	b.WriteString("Case la plus forte : " + name(hi) + ". ")
	if hi != lo {
		b.WriteString("Case la plus faible : " + name(lo) + ". ")
	}
	if d.format == answer.Int && len(d.series) > 1 && len(d.cats) > 1 {
		br, bc := 0, 0
		for k := range rowT {
			if rowT[k] > rowT[br] {
				br = k
			}
		}
		for i := range colT {
			if colT[i] > colT[bc] {
				bc = i
			}
		}
		b.WriteString("Ligne au total le plus élevé : " + seriesName(d.series[br].name, br) + " (" + formatValue(d.format, rowT[br]) + ") ; colonne : " + d.cats[bc] + " (" + formatValue(d.format, colT[bc]) + "). ")
	}
}

// sumMissing counts missing values.
func sumMissing(b *strings.Builder, d *data) {
	missing := 0
	for _, s := range d.series {
		for _, ok := range s.ok {
			if !ok {
				missing++
			}
		}
	}
	switch {
	case missing == 1:
		b.WriteString("Une valeur manque.")
	case missing > 1:
		b.WriteString(fr.Int(int64(missing)) + " valeurs manquent.")
	}
}

// DataTable returns the chart's data as a table for the accessible table
// under the chart: one row per category and one column per series (for
// heat maps, as drawn: one row per series, one column per category).
// Missing values are nil. It covers every category (no folding).
func DataTable(c answer.Chart) answer.Table {
	d := clean(c)
	t := answer.Table{Title: c.Title}
	first := c.XLabel
	if c.Kind == answer.Heatmap {
		first = c.YLabel
	}
	if first == "" {
		first = "Catégorie"
	}
	t.Columns = append(t.Columns, answer.Column{Name: first, Format: answer.Text})
	cell := func(s series, i int) any {
		if s.ok[i] {
			return s.v[i]
		}
		return nil
	}
	if c.Kind == answer.Heatmap {
		for _, cat := range d.cats {
			t.Columns = append(t.Columns, answer.Column{Name: cat, Format: c.Format})
		}
		for k, s := range d.series {
			row := []any{seriesName(s.name, k)}
			for i := range d.cats {
				row = append(row, cell(s, i))
			}
			t.Rows = append(t.Rows, row)
		}
	} else {
		for k, s := range d.series {
			name := s.name
			if name == "" {
				name = c.YLabel
			}
			if name == "" {
				name = seriesName("", k)
			}
			t.Columns = append(t.Columns, answer.Column{Name: name, Format: c.Format})
		}
		for i, cat := range d.cats {
			row := []any{cat}
			for _, s := range d.series {
				row = append(row, cell(s, i))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	missing := 0
	for _, s := range d.series {
		for _, ok := range s.ok {
			if !ok {
				missing++
			}
		}
	}
	if missing > 0 {
		t.Note = "– : valeur manquante."
	}
	return t
}
