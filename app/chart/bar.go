package chart

import (
	"math"

	"coulisses/app/fr"
	"coulisses/sandbox/answer"
)

// bars draws horizontal bars: one bar per category and series side by
// side (bar), or the series stacked in one bar per category (stackedbar).
func (f *frame) bars(stacked bool) {
	d := f.d
	n, ns := len(d.cats), len(d.series)
	W := f.W
	f.legend(false)

	// Domain: zero-based; stacks sum their positive and negative parts.
	var lo, hi float64
	totals := make([]float64, n)
	if stacked {
		for i := range d.cats {
			var pos, neg float64
			for _, s := range d.series {
				if s.ok[i] {
					if s.v[i] >= 0 {
						pos += s.v[i]
					} else {
						neg += s.v[i]
					}
				}
			}
			totals[i] = pos + neg
			lo, hi = math.Min(lo, neg), math.Max(hi, pos)
		}
	} else {
		lo, hi = d.extent()
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}

	// Value labels at the end of the bars (for stacks: the total, unless
	// they are shares).
	showTotals := stacked && d.format != answer.Percent
	valSize := fontSize
	if !stacked && ns > 1 {
		valSize = smallSize
	}
	var posW, negW float64
	for i := range d.cats {
		if stacked {
			if showTotals {
				w := width(formatValue(d.format, totals[i]), valSize) + 6
				posW = math.Max(posW, w)
			}
			continue
		}
		for _, s := range d.series {
			if !s.ok[i] {
				posW = math.Max(posW, width("–", valSize)+6)
				continue
			}
			w := width(formatValue(d.format, s.v[i]), valSize) + 6
			if s.v[i] < 0 {
				negW = math.Max(negW, w)
			} else {
				posW = math.Max(posW, w)
			}
		}
	}

	// Category labels on the left, wrapped on two lines, at most 38 % of
	// the width; then the plot gets what is left, at least 45 %.
	maxLabel := math.Max(60, math.Min(0.38*W, 260))
	var labels [][]string
	var labelW float64
	for {
		labels, labelW = labels[:0], 0
		for _, c := range d.cats {
			ls := wrap(c, maxLabel, fontSize, 2)
			labels = append(labels, ls)
			labelW = math.Max(labelW, widest(ls, fontSize))
		}
		if W-2*pad-labelW-8-posW-negW >= 0.45*W || maxLabel <= 60 {
			break
		}
		maxLabel = math.Max(60, maxLabel*0.8)
	}

	x0 := pad + labelW + 10 + negW
	x1 := W - pad - posW
	a := newAxis(lo, hi, int((x1-x0)/60), x1-x0, false, f)
	// The last tick label is centred on x1: keep it inside.
	if half := width(a.labels[len(a.labels)-1], fontSize)/2 + 2; W-pad-x1 < half {
		x1 = W - pad - half
		a = newAxis(lo, hi, int((x1-x0)/60), x1-x0, false, f)
	}
	if half := width(a.labels[0], fontSize)/2 + 2; x0-half < pad+labelW+4 && a.lo < 0 {
		x0 = pad + labelW + 4 + half
	}
	sc := linear{a.lo, a.hi, x0, x1}
	zero := sc.at(0)

	if f.c.XLabel != "" {
		f.header(f.c.XLabel, pad)
	}
	top := f.y + 4

	// Rows.
	thick := 18.0
	if stacked {
		thick = 20
	} else if ns > 1 {
		thick = 14
	}
	band := thick
	if !stacked {
		band = thick*float64(ns) + 2*float64(ns-1)
	}
	rowY := make([]float64, n+1)
	y := top
	for i := range d.cats {
		rowY[i] = y
		h := math.Max(band+10, float64(len(labels[i]))*lineH+10)
		y += h
	}
	rowY[n] = y
	bottom := y

	tickH := f.gridX(a, sc, top, bottom)
	for i := range d.cats {
		mid := (rowY[i] + rowY[i+1]) / 2
		ls := labels[i]
		f.w.lines(pad+labelW, mid-float64(len(ls)-1)*lineH/2+4, txt{size: fontSize, fill: ink, anchor: "end"}, ls, lineH, d.cats[i])
		if stacked {
			f.stack(i, sc, mid-thick/2, thick, showTotals, totals[i])
			continue
		}
		by := mid - band/2
		for k, s := range d.series {
			yy := by + float64(k)*(thick+2)
			if !s.ok[i] {
				f.w.text(zero+4, yy+thick/2+4, txt{size: valSize, fill: inkSoft}, "–", "")
				continue
			}
			x := sc.at(s.v[i])
			f.w.rect(math.Min(x, zero), yy, math.Abs(x-zero), thick, seriesColour(k))
			label := formatValue(d.format, s.v[i])
			if s.v[i] < 0 {
				f.w.text(x-4, yy+thick/2+4, txt{size: valSize, fill: ink, anchor: "end"}, label, "")
			} else {
				f.w.text(x+4, yy+thick/2+4, txt{size: valSize, fill: ink}, label, "")
			}
		}
	}
	f.w.line(zero, top-2, zero, bottom+2, ink, 1)
	f.y = bottom + tickH + 4
	f.footer(f.c.YLabel, x0, x1)
}

// stack draws category i's stacked bar at y: positive values to the right
// of zero, negative ones to the left, each segment labelled inside when
// its value fits.
func (f *frame) stack(i int, sc linear, y, thick float64, showTotal bool, total float64) {
	d := f.d
	pos, neg := 0.0, 0.0
	end := sc.at(0)
	for k, s := range d.series {
		if !s.ok[i] || s.v[i] == 0 {
			continue
		}
		var a, b float64
		if s.v[i] > 0 {
			a, b = pos, pos+s.v[i]
			pos = b
		} else {
			a, b = neg+s.v[i], neg
			neg = a
		}
		xa, xb := sc.at(a), sc.at(b)
		col := seriesColour(k)
		f.w.s("<rect")
		f.w.a("x", xa)
		f.w.a("y", y)
		f.w.a("width", math.Max(0, xb-xa))
		f.w.a("height", thick)
		f.w.as("fill", col)
		f.w.s(` stroke="` + background + `" stroke-width="1"/>`)
		end = math.Max(end, xb)
		label := formatValue(d.format, s.v[i])
		if width(label, smallSize)+6 > xb-xa && d.format == answer.Percent {
			label = fr.Percent(s.v[i], 0)
		}
		if (!showTotal || len(d.series) > 1) && width(label, smallSize)+6 <= xb-xa {
			f.w.text((xa+xb)/2, y+thick/2+4, txt{size: smallSize, fill: textOn(col), anchor: "middle"}, label, "")
		}
	}
	if showTotal {
		label := formatValue(d.format, total)
		any := false
		for _, s := range d.series {
			any = any || s.ok[i]
		}
		if !any {
			label = "–"
		}
		f.w.text(end+4, y+thick/2+4, txt{size: fontSize, fill: ink}, label, "")
	}
}
