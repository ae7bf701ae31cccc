package chart

import (
	"math"
	"sort"
	"strconv"

	"coulisses/app/fr"
	"coulisses/sandbox/answer"
)

// data is a chart's values, cleaned: every series has one value per
// category, and a missing value (nil, NaN, ±Inf) is marked as such.
type data struct {
	kind   answer.ChartKind
	cats   []string
	series []series
	format answer.Format
	// note is a line drawn under the chart (fold or truncation).
	note string
}

type series struct {
	name string
	v    []float64
	ok   []bool
}

func clean(c answer.Chart) *data {
	d := &data{kind: c.Kind, cats: c.Categories, format: c.Format}
	for _, s := range c.Series {
		ds := series{name: s.Name, v: make([]float64, len(c.Categories)), ok: make([]bool, len(c.Categories))}
		for i := range c.Categories {
			if i < len(s.Values) && s.Values[i] != nil && !math.IsNaN(*s.Values[i]) && !math.IsInf(*s.Values[i], 0) {
				ds.v[i], ds.ok[i] = *s.Values[i], true
			}
		}
		d.series = append(d.series, ds)
	}
	return d
}

// empty reports whether there is no value to draw.
func (d *data) empty() bool {
	for _, s := range d.series {
		for _, ok := range s.ok {
			if ok {
				return false
			}
		}
	}
	return true
}

// extent returns the smallest and largest values (0, 0 when empty).
func (d *data) extent() (lo, hi float64) {
	first := true
	for _, s := range d.series {
		for i, ok := range s.ok {
			if !ok {
				continue
			}
			if first || s.v[i] < lo {
				lo = s.v[i]
			}
			if first || s.v[i] > hi {
				hi = s.v[i]
			}
			first = false
		}
	}
	return lo, hi
}

// fold keeps at most max categories of a bar, column or stacked bar chart
// and folds the others into « Autres ». See Options for the rule.
func (d *data) fold(o Options) {
	max := o.MaxCategories
	n := len(d.cats)
	if max <= 0 || n <= max+1 {
		return
	}
	switch d.kind {
	case answer.Bar, answer.Columns, answer.StackedBar:
	default:
		return
	}
	counts := o.Counts
	if len(counts) != n {
		counts = nil
	}
	// Rank the categories: by count when counts are given (the largest
	// groups), else by the sum of the absolute values of their series.
	key := make([]float64, n)
	for i := range key {
		if counts != nil {
			key[i] = counts[i]
			continue
		}
		for _, s := range d.series {
			if s.ok[i] {
				key[i] += math.Abs(s.v[i])
			}
		}
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return key[idx[a]] > key[idx[b]] })
	keep := make([]bool, n)
	for _, i := range idx[:max] {
		keep[i] = true
	}
	rest := n - max
	sum := o.Additive || d.format == answer.Int
	mean := !sum && counts != nil
	nd := &data{kind: d.kind, format: d.format}
	for i, c := range d.cats {
		if keep[i] {
			nd.cats = append(nd.cats, c)
		}
	}
	if sum || mean {
		nd.cats = append(nd.cats, "Autres ("+strconv.Itoa(rest)+")")
	}
	for _, s := range d.series {
		ns := series{name: s.name}
		var acc, w float64
		any := false
		for i := range d.cats {
			if keep[i] {
				ns.v = append(ns.v, s.v[i])
				ns.ok = append(ns.ok, s.ok[i])
				continue
			}
			if !s.ok[i] {
				continue
			}
			switch {
			case sum:
				acc += s.v[i]
				any = true
			case mean && counts[i] > 0:
				acc += s.v[i] * counts[i]
				w += counts[i]
				any = true
			}
		}
		if sum || mean {
			if mean && w > 0 {
				acc /= w
			}
			ns.v = append(ns.v, acc)
			ns.ok = append(ns.ok, any)
		}
		nd.series = append(nd.series, ns)
	}
	switch {
	case sum:
		nd.note = "« Autres » additionne les " + fr.Int(int64(rest)) + " catégories les plus petites ; détail dans le tableau."
	case mean:
		var total float64
		for i := range d.cats {
			if !keep[i] {
				total += counts[i]
			}
		}
		nd.note = "« Autres » regroupe " + fr.Int(int64(rest)) + " catégories (effectif " + fr.Decimal(total, 0) + "), valeur calculée sur leur ensemble ; détail dans le tableau."
	default:
		nd.note = fr.Int(int64(rest)) + " catégories non affichées (valeurs non additionnables) ; détail dans le tableau."
	}
	*d = *nd
}
