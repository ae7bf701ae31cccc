package chart

import "math"

// vplot is the frame of a chart with a vertical value axis and categories
// along the bottom: columns, histograms and lines.
type vplot struct {
	a        axis
	sc       linear // values → y
	x0, x1   float64
	sw       float64 // slot width per category
	top, bot float64
	foot     float64 // space under the plot for labels of negative values
	cats     catLabels
}

// vlayout places a vertical value axis over [lo, hi] and the category
// labels; headroom is extra space above the plot for value labels.
func (f *frame) vlayout(lo, hi float64, ordered bool, headroom, foot float64) vplot {
	d := f.d
	n := len(d.cats)
	W := f.W
	if f.c.YLabel != "" {
		f.header(f.c.YLabel, pad)
	}
	ph := math.Max(170, math.Min(W*0.42, 300))
	var p vplot
	p.a = newAxis(lo, hi, int(ph/40), ph, true, f)
	p.x0 = pad + p.a.maxW + 8
	p.x1 = W - pad
	p.x0, p.x1, p.cats = placeCats(d.cats, p.x0, p.x1, ordered, W)
	p.sw = (p.x1 - p.x0) / float64(n)
	p.top = f.y + 6 + headroom
	p.bot = p.top + ph
	p.foot = foot
	p.sc = linear{p.a.lo, p.a.hi, p.bot, p.top}
	f.gridY(p.a, p.sc, p.x0, p.x1)
	return p
}

// placeCats lays out the category labels under [x0, x1], narrowing it so
// that the first and last labels stay inside the chart, and lays them out
// again in the narrower slots.
func placeCats(cats []string, x0, x1 float64, ordered bool, W float64) (float64, float64, catLabels) {
	n := len(cats)
	var l catLabels
	for range 4 {
		sw := (x1 - x0) / float64(n)
		l = layoutCats(cats, sw, ordered)
		nx0, nx1 := x0, x1
		if l.rotate {
			// Rotated labels hang left of their slot: keep them inside.
			nx0 = math.Max(x0, math.Min(pad+l.left-sw/2, W/2))
		} else {
			nx0, nx1 = fitEdges(l, x0, x1, n, W)
		}
		if nx0-x0 < 0.5 && x1-nx1 < 0.5 {
			break
		}
		x0, x1 = nx0, nx1
	}
	return x0, x1, l
}

// fitEdges moves x0 right and x1 left so that the first and last
// horizontal category labels, centred on their slots, stay inside the
// chart.
func fitEdges(l catLabels, x0, x1 float64, n int, W float64) (float64, float64) {
	for i, ls := range l.lines {
		if len(ls) == 0 {
			continue
		}
		half := widest(ls, fontSize) / 2
		if c := x0 + (float64(i)+0.5)*(x1-x0)/float64(n); c-half < pad {
			// c moves by (1 - (i+0.5)/n) of x0's move.
			x0 += (pad - (c - half)) / (1 - (float64(i)+0.5)/float64(n))
		}
		break
	}
	for i := len(l.lines) - 1; i >= 0; i-- {
		ls := l.lines[i]
		if len(ls) == 0 {
			continue
		}
		half := widest(ls, fontSize) / 2
		if c := x0 + (float64(i)+0.5)*(x1-x0)/float64(n); c+half > W-pad {
			x1 -= (c + half - (W - pad)) / ((float64(i) + 0.5) / float64(n))
		}
		break
	}
	return x0, x1
}

// finish draws the baseline, the category labels and the category axis
// name under a vertical plot.
func (f *frame) finish(p vplot) {
	if p.a.lo <= 0 && p.a.hi >= 0 {
		z := p.sc.at(0)
		f.w.line(p.x0, z, p.x1, z, ink, 1)
	} else {
		f.w.line(p.x0, p.bot, p.x1, p.bot, rule, 1)
	}
	f.drawCats(p.cats, f.d.cats, p.x0, p.sw, p.bot+p.foot+4)
	f.y = p.bot + p.foot + 4 + p.cats.height + 2
	f.footer(f.c.XLabel, p.x0, p.x1)
}

// columns draws vertical bars, the series side by side in each category,
// or a histogram: adjacent columns, one per bin.
func (f *frame) columns(hist bool) {
	d := f.d
	n, ns := len(d.cats), len(d.series)
	f.legend(false)
	lo, hi := d.extent()
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)

	// Value labels above (below for negatives) the columns, if every one
	// fits the column's width.
	W := f.W
	estSW := (W - 2*pad - 50) / float64(n)
	colW := estSW * 0.8 / float64(ns)
	if hist {
		colW = estSW / float64(ns)
	}
	size := fontSize
	if ns > 1 {
		size = smallSize
	}
	fits := true
	for _, s := range d.series {
		for i := range d.cats {
			if s.ok[i] && width(formatValue(d.format, s.v[i]), size) > colW+(estSW*0.2)*btof(ns == 1) {
				fits = false
			}
		}
	}
	headroom, foot := 0.0, 0.0
	if fits {
		headroom = 14
		if lo < 0 {
			foot = 14
		}
	}
	p := f.vlayout(lo, hi, hist, headroom, foot)
	if hist {
		colW = p.sw / float64(ns)
	} else {
		colW = math.Min(p.sw*0.8, 64*float64(ns)) / float64(ns)
	}
	zero := p.sc.at(0)
	for i := range d.cats {
		gx := p.x0 + float64(i)*p.sw + (p.sw-colW*float64(ns))/2
		for k, s := range d.series {
			x := gx + float64(k)*colW
			if !s.ok[i] {
				if fits {
					f.w.text(x+colW/2, zero-4, txt{size: size, fill: inkSoft, anchor: "middle"}, "–", "")
				}
				continue
			}
			y := p.sc.at(s.v[i])
			col := seriesColour(k)
			if hist || ns > 1 {
				f.w.s("<rect")
				f.w.a("x", x)
				f.w.a("y", math.Min(y, zero))
				f.w.a("width", colW)
				f.w.a("height", math.Abs(zero-y))
				f.w.as("fill", col)
				if colW >= 4 {
					f.w.s(` stroke="` + background + `" stroke-width="1"`)
				}
				f.w.s("/>")
			} else {
				f.w.rect(x, math.Min(y, zero), colW, math.Abs(zero-y), col)
			}
			if fits {
				label := formatValue(d.format, s.v[i])
				if s.v[i] < 0 {
					f.w.text(x+colW/2, y+size+2, txt{size: size, fill: ink, anchor: "middle"}, label, "")
				} else {
					f.w.text(x+colW/2, y-4, txt{size: size, fill: ink, anchor: "middle"}, label, "")
				}
			}
		}
	}
	f.finish(p)
	if !fits && d.note == "" {
		d.note = "Valeurs exactes dans le tableau."
	}
}

func btof(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
