// Package chart draws the sandbox's charts (answer.Chart) as standalone,
// accessible SVG: bar, column, stacked bar, line, histogram and heat map,
// with French number formats, a text summary (Summary) and the data as a
// table (DataTable) for the accessible table under each chart.
//
// The SVG has a viewBox and width="100%", so it scales to its container;
// give Options.Width the container's width in CSS pixels to keep text at
// its nominal size (12 px labels, 16 px title). Styles are presentation
// attributes only (the app's Content-Security-Policy forbids inline
// styles), with a system font stack, so a downloaded SVG looks the same.
// The root has role="img" and aria-labelledby pointing to its <title> (the
// chart's title) and <desc> (Summary).
//
// Axes: XLabel names the categories (the horizontal axis of columns, lines
// and histograms, the vertical one of bars, the columns of a heat map) and
// YLabel names the values (the rows of a heat map). Value axes of bars,
// columns, stacked bars and histograms always start at zero; a line's axis
// starts at zero unless its values are far from it.
//
// The package is pure Go (no go-app, no syscall/js, no fmt) and builds for
// js/wasm.
package chart

import (
	"strconv"
	"strings"

	"coulisses/sandbox/answer"
)

// Options tune the drawing. The zero value is ready to use.
type Options struct {
	// ID prefixes the ids of the <title> and <desc> elements ("-titre",
	// "-desc"), which must be unique in the page; by default "graphique-"
	// and a hash of the chart.
	ID string
	// Class, when not empty, is the root's class attribute, for the
	// app's style sheet (margins, maximum width).
	Class string
	// Width is the width of the viewBox in CSS pixels: 640 by default, at
	// least 280. The height follows from the content.
	Width float64
	// MaxCategories is how many categories a bar, column or stacked bar
	// chart shows at most (default 12); the others are folded into
	// « Autres (n) » drawn last, or left out, as follows. Lines, histograms
	// and heat maps never fold: their categories are ordered.
	//
	// The categories kept are the MaxCategories largest: by Counts when
	// given, else by the sum of the absolute values of their series. The
	// folded ones become one « Autres » category only when its value means
	// something:
	//   - counts (Format Int) and values declared Additive are summed;
	//   - other values (shares, rates, averages: Percent, Decimal, Euros,
	//     Days) are folded only when Counts are given, as the mean weighted
	//     by the counts, Σ(value × count) / Σ count — the share, rate or
	//     average over all the folded groups together;
	//   - otherwise the smaller categories are left out and a note under
	//     the chart says how many (a sum of shares or rates would be
	//     meaningless: 40 % + 30 % of two groups is not 70 % of anything).
	// Folding only happens with at least MaxCategories + 2 categories.
	// Summary and DataTable always cover every category.
	MaxCategories int
	// Counts, aligned with the categories, is the number of individuals
	// (tickets, buyers, respondents…) behind each category's values: the
	// base of a share or rate, or the number of items averaged. Ignored
	// when its length differs from the number of categories.
	Counts []float64
	// Additive declares that values add up across categories (totals such
	// as revenue in euros), so folded categories are summed. Int values
	// are always additive.
	Additive bool
}

func (o Options) defaults(c answer.Chart) Options {
	if o.Width == 0 {
		o.Width = 640
	}
	o.Width = max(280, min(o.Width, 4000))
	if o.MaxCategories <= 0 {
		o.MaxCategories = 12
	}
	if o.ID == "" {
		o.ID = "graphique-" + hash(c)
	}
	return o
}

// hash is FNV-1a over the chart's kind, title, categories and series
// names, in base 36.
func hash(c answer.Chart) string {
	h := uint32(2166136261)
	add := func(s string) {
		for i := 0; i < len(s); i++ {
			h ^= uint32(s[i])
			h *= 16777619
		}
		h ^= 0xff
		h *= 16777619
	}
	add(string(c.Kind))
	add(c.Title)
	for _, s := range c.Categories {
		add(s)
	}
	for _, s := range c.Series {
		add(s.Name)
	}
	return strconv.FormatUint(uint64(h), 36)
}

// Layout constants, in CSS pixels.
const (
	pad       = 12.0 // around the chart
	titleSize = 16.0
	titleLine = 20.0
	fontSize  = 12.0 // labels, ticks, legend
	smallSize = 11.0 // values inside shapes, cramped labels
	lineH     = 14.0 // wrapped label lines
)

// fontFamily is the app's system font stack.
const fontFamily = `system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif`

// frame is a chart being drawn, top to bottom.
type frame struct {
	w   svgw
	W   float64 // viewBox width
	y   float64 // top of the free space
	d   *data
	c   answer.Chart
	o   Options
	ids string
}

// SVG draws the chart as a standalone <svg> element. It never panics and
// always returns well-formed SVG, whatever the data (empty, all missing,
// negative, huge, long labels, hundreds of categories).
func SVG(c answer.Chart, o Options) string {
	o = o.defaults(c)
	d := clean(c)
	d.fold(o)
	f := &frame{W: o.Width, y: pad, d: d, c: c, o: o}
	f.title(c.Title)
	if d.empty() || len(d.cats) == 0 {
		f.noData()
	} else {
		switch c.Kind {
		case answer.Bar:
			f.bars(false)
		case answer.StackedBar:
			f.bars(true)
		case answer.Line:
			f.lineChart()
		case answer.Histogram:
			f.columns(true)
		case answer.Heatmap:
			f.heatmap()
		default:
			f.columns(false)
		}
	}
	f.noteLine(d.note)
	H := f.y + pad

	var out svgw
	out.s(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	out.num(f.W)
	out.s(" ")
	out.num(H)
	out.s(`" width="100%"`)
	if o.Class != "" {
		out.as("class", o.Class)
	}
	out.s(` role="img"`)
	out.as("aria-labelledby", o.ID+"-titre "+o.ID+"-desc")
	out.as("font-family", fontFamily)
	out.s(`><title`)
	out.as("id", o.ID+"-titre")
	out.s(">")
	title := c.Title
	if title == "" {
		title = "Graphique"
	}
	out.esc(title)
	out.s(`</title><desc`)
	out.as("id", o.ID+"-desc")
	out.s(">")
	out.esc(Summary(c))
	out.s("</desc>")
	out.rect(0, 0, f.W, H, background)
	out.b = append(out.b, f.w.b...)
	out.s("</svg>")
	return string(out.b)
}

// title draws the chart's title, wrapped on up to three lines.
func (f *frame) title(t string) {
	if t == "" {
		return
	}
	ls := wrap(t, f.W-2*pad, titleSize*bold, 3)
	f.w.lines(pad, f.y+titleSize-2, txt{size: titleSize, fill: ink, bold: true}, ls, titleLine, t)
	f.y += float64(len(ls))*titleLine + 6
}

// header draws a small axis name at the top left (the name of the value
// axis above a vertical axis, or of the categories above bar labels).
func (f *frame) header(s string, x float64) {
	if s == "" {
		return
	}
	ls := wrap(s, f.W-x-pad, fontSize*bold, 2)
	f.w.lines(x, f.y+fontSize, txt{size: fontSize, fill: inkSoft, bold: true}, ls, lineH, s)
	f.y += float64(len(ls))*lineH + 10
}

// footer draws an axis name centred under [x0, x1].
func (f *frame) footer(s string, x0, x1 float64) {
	if s == "" {
		return
	}
	ls := wrap(s, f.W-2*pad, fontSize*bold, 2)
	x := (x0 + x1) / 2
	half := widest(ls, fontSize*bold) / 2
	x = max(pad+half, min(x, f.W-pad-half))
	f.w.lines(x, f.y+fontSize, txt{size: fontSize, fill: inkSoft, anchor: "middle", bold: true}, ls, lineH, s)
	f.y += float64(len(ls))*lineH + 4
}

// legend names the series when there are several: a swatch (or, for
// lines, a stroke and its marker) and the name, flowing on as many lines
// as needed.
func (f *frame) legend(line bool) {
	if len(f.d.series) < 2 {
		return
	}
	sw := 14.0
	if line {
		sw = 24
	}
	x, y := pad, f.y
	for i, s := range f.d.series {
		name := seriesName(s.name, i)
		label := truncate(name, f.W-2*pad-sw-6, fontSize)
		iw := sw + 6 + width(label, fontSize)
		if x > pad && x+iw > f.W-pad {
			x, y = pad, y+lineH+6
		}
		col := seriesColour(i)
		if line {
			f.w.s("<line")
			f.w.a("x1", x)
			f.w.a("y1", y+7)
			f.w.a("x2", x+sw)
			f.w.a("y2", y+7)
			f.w.as("stroke", col)
			f.w.s(` stroke-width="2.5"`)
			if i >= len(palette) {
				f.w.s(` stroke-dasharray="6 3"`)
			}
			f.w.s("/>")
			marker(&f.w, i, x+sw/2, y+7)
		} else {
			f.w.rect(x, y+1, 12, 12, col)
		}
		f.w.text(x+sw+6, y+11, txt{size: fontSize, fill: ink}, label, name)
		x += iw + 16
	}
	f.y = y + lineH + 10
}

func seriesName(name string, i int) string {
	if name == "" {
		return "Série " + strconv.Itoa(i+1)
	}
	return name
}

// noteLine draws a note under the chart.
func (f *frame) noteLine(s string) {
	if s == "" {
		return
	}
	f.y += 4
	ls := wrap(s, f.W-2*pad, fontSize, 4)
	f.w.lines(pad, f.y+fontSize, txt{size: fontSize, fill: inkSoft}, ls, lineH+2, "")
	f.y += float64(len(ls)) * (lineH + 2)
}

// noData fills the plot with « Aucune donnée à afficher ».
func (f *frame) noData() {
	f.w.rectStroke(pad, f.y, f.W-2*pad, 80, background, rule)
	f.w.text(f.W/2, f.y+44, txt{size: fontSize + 1, fill: inkSoft, anchor: "middle"}, "Aucune donnée à afficher", "")
	f.y += 80
}

// File returns an SVG drawn by SVG as a file to download: an XML
// declaration, and the root's width="100%" replaced by the viewBox's size
// in pixels, so that image viewers and office suites open it at its size.
func File(svg string) []byte {
	const decl = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	const vb = `viewBox="0 0 `
	i := strings.Index(svg, vb)
	end := strings.IndexByte(svg, '>')
	if i < 0 || end < i {
		return []byte(decl + svg + "\n")
	}
	j := strings.IndexByte(svg[i+len(vb):], '"')
	w, h, ok := strings.Cut(svg[i+len(vb):i+len(vb)+j], " ")
	if j < 0 || !ok {
		return []byte(decl + svg + "\n")
	}
	root := strings.Replace(svg[:end], ` width="100%"`, ` width="`+w+`" height="`+h+`"`, 1)
	return []byte(decl + root + svg[end:] + "\n")
}
