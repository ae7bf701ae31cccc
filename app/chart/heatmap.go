package chart

import "math"

// heatmap draws a grid: series as rows, categories as columns, each cell
// coloured on a single-hue scale (zero or the minimum is lightest) with
// its value printed when every value fits its cell, in white or dark text
// whichever contrasts most with the cell.
func (f *frame) heatmap() {
	d := f.d
	W := f.W
	nc, nr := len(d.cats), len(d.series)
	lo, hi := d.extent()
	if lo > 0 {
		lo = 0
	}

	// Colour scale legend: lowest value, five swatches, highest value.
	format := func(v float64) string { return formatValue(d.format, v) }
	{
		y := f.y
		l, h := format(lo), format(hi)
		x := pad
		f.w.text(x, y+11, txt{size: fontSize, fill: inkSoft}, l, "")
		x += width(l, fontSize) + 6
		for i := range 5 {
			f.w.rectStroke(x, y+1, 22, 12, heatColour(float64(i)/4), rule)
			x += 22
		}
		f.w.text(x+6, y+11, txt{size: fontSize, fill: inkSoft}, h, "")
		f.y += lineH + 10
	}

	// Row labels on the left.
	var rowW float64
	rows := make([]string, nr)
	maxRow := math.Max(50, math.Min(0.3*W, 200))
	for k, s := range d.series {
		rows[k] = truncate(seriesName(s.name, k), maxRow, fontSize)
		rowW = math.Max(rowW, width(rows[k], fontSize))
	}
	if f.c.YLabel != "" {
		f.header(f.c.YLabel, pad)
	}
	x0 := pad + rowW + 8
	x1 := W - pad
	x0, x1, cats := placeCats(d.cats, x0, x1, true, W)
	cw := (x1 - x0) / float64(nc)
	ch := math.Max(22, math.Min(cw*0.75, 34))

	fits := true
	for _, s := range d.series {
		for i := range d.cats {
			if s.ok[i] && width(format(s.v[i]), smallSize) > cw-4 {
				fits = false
			}
		}
	}

	top := f.y
	for k, s := range d.series {
		y := top + float64(k)*ch
		f.w.text(pad+rowW, y+ch/2+4, txt{size: fontSize, fill: ink, anchor: "end"}, rows[k], seriesName(s.name, k))
		for i := range d.cats {
			x := x0 + float64(i)*cw
			if !s.ok[i] {
				f.w.rectStroke(x, y, cw, ch, background, rule)
				if cw >= 10 {
					f.w.text(x+cw/2, y+ch/2+4, txt{size: smallSize, fill: inkSoft, anchor: "middle"}, "–", "")
				}
				continue
			}
			t := 0.0
			if hi > lo {
				t = (s.v[i] - lo) / (hi - lo)
			} else if s.v[i] != 0 {
				t = 0.5
			}
			col := heatColour(t)
			f.w.s("<rect")
			f.w.a("x", x)
			f.w.a("y", y)
			f.w.a("width", cw)
			f.w.a("height", ch)
			f.w.as("fill", col)
			if cw >= 6 {
				f.w.s(` stroke="` + background + `" stroke-width="1"`)
			}
			f.w.s("/>")
			if fits {
				f.w.text(x+cw/2, y+ch/2+4, txt{size: smallSize, fill: textOn(col), anchor: "middle"}, format(s.v[i]), "")
			}
		}
	}
	bottom := top + float64(nr)*ch
	f.drawCats(cats, d.cats, x0, cw, bottom+4)
	f.y = bottom + 4 + cats.height + 2
	f.footer(f.c.XLabel, x0, x1)
	if !fits && d.note == "" {
		d.note = "Valeurs exactes dans le tableau."
	}
}
