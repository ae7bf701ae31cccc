package chart

import "math"

// lineChart draws one line per series over ordered categories, broken
// where a value is missing, with markers (a different shape per series)
// when points are far enough apart, and values above the points of a
// single series when they fit.
func (f *frame) lineChart() {
	d := f.d
	n, ns := len(d.cats), len(d.series)
	f.legend(true)
	lo, hi := d.extent()
	// Start at zero unless the values are far from it.
	if lo >= 0 && (lo <= hi/2 || lo == hi) {
		lo = 0
	}
	if hi <= 0 && (hi >= lo/2 || lo == hi) {
		hi = 0
	}
	estSW := (f.W - 2*pad - 50) / float64(n)
	fits := ns == 1 && n <= 24
	if fits {
		s := d.series[0]
		for i := range d.cats {
			if s.ok[i] && width(formatValue(d.format, s.v[i]), smallSize) > estSW-4 {
				fits = false
			}
		}
	}
	headroom := 0.0
	if fits {
		headroom = 14
	}
	p := f.vlayout(lo, hi, true, headroom, 0)
	x := func(i int) float64 { return p.x0 + (float64(i)+0.5)*p.sw }
	markers := p.sw >= 8
	for k, s := range d.series {
		col := seriesColour(k)
		var path svgw
		open := false
		for i := range d.cats {
			if !s.ok[i] {
				open = false
				continue
			}
			if open {
				path.s(" L")
			} else {
				if len(path.b) > 0 {
					path.s(" ")
				}
				path.s("M")
			}
			path.num(x(i))
			path.s(" ")
			path.num(p.sc.at(s.v[i]))
			open = true
		}
		if len(path.b) > 0 {
			f.w.s(`<path fill="none" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"`)
			f.w.as("stroke", col)
			if k >= len(palette) {
				f.w.s(` stroke-dasharray="6 3"`)
			}
			f.w.as("d", string(path.b))
			f.w.s("/>")
		}
		for i := range d.cats {
			if !s.ok[i] {
				continue
			}
			alone := (i == 0 || !s.ok[i-1]) && (i == n-1 || !s.ok[i+1])
			if markers || alone {
				marker(&f.w, k, x(i), p.sc.at(s.v[i]))
			}
			if fits {
				f.w.text(x(i), p.sc.at(s.v[i])-8, txt{size: smallSize, fill: ink, anchor: "middle"}, formatValue(d.format, s.v[i]), "")
			}
		}
	}
	f.finish(p)
}

// marker draws series k's marker at (x, y): circle, square, triangle,
// diamond, then the same shapes again, outlined in the background colour.
func marker(w *svgw, k int, x, y float64) {
	col := seriesColour(k)
	const r = 3.5
	switch k % 4 {
	case 0:
		w.s("<circle")
		w.a("cx", x)
		w.a("cy", y)
		w.a("r", r)
	case 1:
		w.s("<rect")
		w.a("x", x-r)
		w.a("y", y-r)
		w.a("width", 2*r)
		w.a("height", 2*r)
	case 2:
		poly(w, x, y-r*1.2, x+r*1.15, y+r*0.8, x-r*1.15, y+r*0.8)
	default:
		poly(w, x, y-r*1.3, x+r*1.3, y, x, y+r*1.3, x-r*1.3, y)
	}
	w.as("fill", col)
	w.s(` stroke="` + background + `" stroke-width="1"/>`)
}

func poly(w *svgw, pts ...float64) {
	w.s(`<polygon points="`)
	for i, v := range pts {
		if i > 0 {
			w.s(" ")
		}
		w.num(math.Round(v*10) / 10)
	}
	w.s(`"`)
}
