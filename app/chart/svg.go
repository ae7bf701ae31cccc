package chart

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// svgw accumulates SVG markup. It formats numbers with strconv, not fmt,
// to keep the package small in app.wasm.
type svgw struct{ b []byte }

func (w *svgw) s(x string) { w.b = append(w.b, x...) }

// num writes a coordinate rounded to 0.1.
func (w *svgw) num(v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	w.b = strconv.AppendFloat(w.b, v, 'f', -1, 64)
}

// a writes ` name="v"` for a number.
func (w *svgw) a(name string, v float64) {
	w.b = append(w.b, ' ')
	w.b = append(w.b, name...)
	w.b = append(w.b, '=', '"')
	w.num(v)
	w.b = append(w.b, '"')
}

// as writes ` name="v"` for a string, escaped.
func (w *svgw) as(name, v string) {
	w.b = append(w.b, ' ')
	w.b = append(w.b, name...)
	w.b = append(w.b, '=', '"')
	w.esc(v)
	w.b = append(w.b, '"')
}

// esc writes text escaped for XML, dropping characters XML forbids
// (control characters, invalid UTF-8, U+FFFE, U+FFFF).
func (w *svgw) esc(s string) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
		case r == '&':
			w.s("&amp;")
		case r == '<':
			w.s("&lt;")
		case r == '>':
			w.s("&gt;")
		case r == '"':
			w.s("&quot;")
		case r == '\'':
			w.s("&#39;")
		case r == '\t' || r == '\n' || r == '\r':
			w.b = append(w.b, ' ')
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
		default:
			w.b = utf8.AppendRune(w.b, r)
		}
	}
}

// rect draws a filled rectangle.
func (w *svgw) rect(x, y, width, height float64, fill string) {
	w.s("<rect")
	w.a("x", x)
	w.a("y", y)
	w.a("width", math.Max(0, width))
	w.a("height", math.Max(0, height))
	w.as("fill", fill)
	w.s("/>")
}

// rectStroke draws a filled rectangle with a 1-unit outline.
func (w *svgw) rectStroke(x, y, width, height float64, fill, stroke string) {
	w.s("<rect")
	w.a("x", x)
	w.a("y", y)
	w.a("width", math.Max(0, width))
	w.a("height", math.Max(0, height))
	w.as("fill", fill)
	w.as("stroke", stroke)
	w.s(` stroke-width="1"/>`)
}

// line draws a segment.
func (w *svgw) line(x1, y1, x2, y2 float64, stroke string, width float64) {
	w.s("<line")
	w.a("x1", x1)
	w.a("y1", y1)
	w.a("x2", x2)
	w.a("y2", y2)
	w.as("stroke", stroke)
	w.a("stroke-width", width)
	w.s("/>")
}

// txt is a text element's style.
type txt struct {
	size   float64
	fill   string
	anchor string // start (default), middle, end
	bold   bool
	rotate float64 // degrees around the anchor point
}

// text draws one line of text whose baseline starts at (x, y). full, when
// not empty and different from s, becomes a tooltip (<title>).
func (w *svgw) text(x, y float64, st txt, s, full string) {
	w.s("<text")
	w.a("x", x)
	w.a("y", y)
	w.a("font-size", st.size)
	w.as("fill", st.fill)
	if st.anchor != "" && st.anchor != "start" {
		w.as("text-anchor", st.anchor)
	}
	if st.bold {
		w.s(` font-weight="600"`)
	}
	if st.rotate != 0 {
		w.s(` transform="rotate(`)
		w.num(st.rotate)
		w.b = append(w.b, ' ')
		w.num(x)
		w.b = append(w.b, ' ')
		w.num(y)
		w.s(`)"`)
	}
	w.s(">")
	if full != "" && full != s {
		w.s("<title>")
		w.esc(full)
		w.s("</title>")
	}
	w.esc(s)
	w.s("</text>")
}

// lines draws wrapped lines of text, the first baseline at y.
func (w *svgw) lines(x, y float64, st txt, ls []string, lineH float64, full string) {
	for i, l := range ls {
		f := ""
		if i == 0 && len(ls) > 0 {
			f = full
			if joinLines(ls) == full {
				f = ""
			}
		}
		w.text(x, y+float64(i)*lineH, st, l, f)
	}
}

func joinLines(ls []string) string {
	s := ""
	for i, l := range ls {
		if i > 0 {
			s += " "
		}
		s += l
	}
	return s
}
