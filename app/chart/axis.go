package chart

import (
	"math"
	"strings"
)

// axis is a value axis: its nice domain, ticks and their labels.
type axis struct {
	lo, hi, step float64
	ticks        []float64
	labels       []string
	maxW         float64 // widest tick label
}

// newAxis builds a value axis over [lo, hi] with at most maxTicks
// intervals, widening the step until the tick labels fit along room, the
// axis length: side by side on a horizontal axis, one line each on a
// vertical one.
func newAxis(lo, hi float64, maxTicks int, room float64, vertical bool, f *frame) axis {
	maxTicks = max(1, min(maxTicks, 10))
	for {
		var a axis
		a.lo, a.hi, a.step = niceDomain(lo, hi, maxTicks)
		a.ticks = ticks(a.lo, a.hi, a.step)
		format := tickFormat(f.d.format, a.step, math.Max(math.Abs(a.lo), math.Abs(a.hi)))
		for _, t := range a.ticks {
			s := format(t)
			a.labels = append(a.labels, s)
			a.maxW = math.Max(a.maxW, width(s, fontSize))
		}
		need := a.maxW + 12
		if vertical {
			need = fontSize + 8
		}
		intervals := float64(len(a.ticks) - 1)
		if maxTicks == 1 || intervals < 1 || need <= room/intervals {
			return a
		}
		maxTicks--
	}
}

// gridX draws the vertical grid lines of a horizontal value axis between
// top and bottom and the tick labels under it; it returns the labels'
// height.
func (f *frame) gridX(a axis, sc linear, top, bottom float64) float64 {
	for i, t := range a.ticks {
		x := sc.at(t)
		if t != 0 {
			f.w.line(x, top, x, bottom, rule, 1)
		}
		f.w.text(x, bottom+fontSize+3, txt{size: fontSize, fill: inkSoft, anchor: "middle"}, a.labels[i], "")
	}
	return fontSize + 7
}

// gridY draws the horizontal grid lines of a vertical value axis between
// x0 and x1, with tick labels left of x0.
func (f *frame) gridY(a axis, sc linear, x0, x1 float64) {
	for i, t := range a.ticks {
		y := sc.at(t)
		if t != 0 {
			f.w.line(x0, y, x1, y, rule, 1)
		}
		f.w.text(x0-6, y+4, txt{size: fontSize, fill: inkSoft, anchor: "end"}, a.labels[i], "")
	}
}

// catLabels is how the category labels under a horizontal axis are laid
// out: every step-th label, on lines (wrapped) or rotated by -45°.
type catLabels struct {
	lines  [][]string
	step   int
	rotate bool
	height float64 // vertical space they take
	left   float64 // how far the first label reaches left of its slot centre
}

// layoutCats chooses how to write n category labels in slots of width sw:
// on one line, wrapped on two, thinned (ordered categories: only every
// k-th) or rotated (nominal categories), truncated with an ellipsis when
// they are still too long (the full label is the tooltip and is in the
// table).
func layoutCats(cats []string, sw float64, ordered bool) catLabels {
	var one float64
	for _, c := range cats {
		one = math.Max(one, width(c, fontSize))
	}
	l := catLabels{step: 1}
	if one <= sw-4 {
		for _, c := range cats {
			l.lines = append(l.lines, []string{c})
		}
		l.height = fontSize + 6
		return l
	}
	if sw-4 >= 36 {
		ok := true
		var ls [][]string
		for _, c := range cats {
			w := wrap(c, sw-4, fontSize, 2)
			if joinLines(w) != joinWords(c) {
				ok = false
				break
			}
			ls = append(ls, w)
		}
		if ok {
			l.lines = ls
			l.height = fontSize + lineH + 6
			return l
		}
	}
	if ordered {
		maxW := math.Min(one, 130)
		l.step = max(1, int(math.Ceil((maxW+12)/sw)))
		for i, c := range cats {
			if i%l.step == 0 {
				l.lines = append(l.lines, []string{truncate(c, float64(l.step)*sw-12, fontSize)})
			} else {
				l.lines = append(l.lines, nil)
			}
		}
		l.height = fontSize + 6
		return l
	}
	l.rotate = true
	l.step = max(1, int(math.Ceil((lineH+2)/sw)))
	maxW := math.Min(one, 140)
	var longest float64
	for i, c := range cats {
		if i%l.step != 0 {
			l.lines = append(l.lines, nil)
			continue
		}
		s := truncate(c, maxW, fontSize)
		l.lines = append(l.lines, []string{s})
		w := width(s, fontSize)
		longest = math.Max(longest, w)
		if reach := w*math.Sqrt2/2 - float64(i)*sw; reach > l.left {
			l.left = reach
		}
	}
	l.height = longest*math.Sqrt2/2 + fontSize + 6
	return l
}

func joinWords(s string) string { return strings.Join(strings.Fields(s), " ") }

// drawCats writes category labels under a horizontal axis at y, centred
// on x0 + (i + 0.5) × sw.
func (f *frame) drawCats(l catLabels, cats []string, x0, sw, y float64) {
	for i, ls := range l.lines {
		if len(ls) == 0 {
			continue
		}
		x := x0 + (float64(i)+0.5)*sw
		if l.rotate {
			f.w.text(x+3, y+fontSize-2, txt{size: fontSize, fill: ink, anchor: "end", rotate: -45}, ls[0], cats[i])
			continue
		}
		f.w.lines(x, y+fontSize, txt{size: fontSize, fill: ink, anchor: "middle"}, ls, lineH, cats[i])
	}
}
