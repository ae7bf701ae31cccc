package chart

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text is measured, not rendered: widths are estimates calibrated on
// DejaVu Sans, the widest of the fonts system-ui commonly resolves to
// (Linux); Segoe UI, Roboto, San Francisco or Arial are 10–15 % narrower,
// so labels laid side by side never touch.

// ascii holds the advances of the printable ASCII characters (32–126) in
// thousandths of an em.
var ascii = [95]uint16{
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
	636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
	1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
	603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
	500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
	635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
}

// em returns the advance of r in ems.
func em(r rune) float64 {
	switch {
	case r >= 32 && r < 127:
		return float64(ascii[r-32]) / 1000
	case r == '\u202f' || r == '\u2009':
		return 0.2
	case r == '\u00a0' || r == '’':
		return 0.318
	case r == '…' || r == '—':
		return 1
	case r == '\u2212': // minus sign
		return 0.838
	case r == '–':
		return 0.5
	case r == '«' || r == '»' || r == '€':
		return 0.636
	case r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)):
		return 1
	case unicode.IsUpper(r):
		return 0.75
	}
	return 0.64
}

// width estimates the width of s at font size size.
func width(s string, size float64) float64 {
	var w float64
	for _, r := range s {
		w += em(r)
	}
	return w * size
}

// bold is the factor to apply to the size when measuring semi-bold text
// (font-weight 600).
const bold = 1.12

// truncate shortens s with an ellipsis so it fits in max.
func truncate(s string, max, size float64) string {
	if width(s, size) <= max {
		return s
	}
	ell := width("…", size)
	var w float64
	for i, r := range s {
		w += em(r) * size
		if w+ell > max {
			return strings.TrimRight(s[:i], " ") + "…"
		}
	}
	return s
}

// wrap breaks s into at most maxLines lines no wider than max, breaking
// at spaces (and inside words longer than a line); when the text does not
// fit, the last line ends with an ellipsis.
func wrap(s string, max, size float64, maxLines int) []string {
	if maxLines < 1 {
		maxLines = 1
	}
	var out []string
	cur := ""
	for _, wd := range strings.Fields(s) {
		for wd != "" {
			try := wd
			if cur != "" {
				try = cur + " " + wd
			}
			if width(try, size) <= max {
				cur, wd = try, ""
				continue
			}
			if cur != "" {
				out = append(out, cur)
				cur = ""
				continue
			}
			// A word longer than the line: cut it.
			var head string
			head, wd = cut(wd, max, size)
			out = append(out, head)
		}
	}
	if cur != "" || len(out) == 0 {
		out = append(out, cur)
	}
	if len(out) > maxLines {
		out = out[:maxLines]
		out[maxLines-1] = truncate(out[maxLines-1]+"…", max, size)
	}
	return out
}

// cut splits a word at the last rune that fits in max (at least one rune).
func cut(wd string, max, size float64) (string, string) {
	var w float64
	for i, r := range wd {
		w += em(r) * size
		if w > max && i > 0 {
			return wd[:i], wd[i:]
		}
	}
	return wd, ""
}

// widest returns the width of the widest line.
func widest(ls []string, size float64) float64 {
	var m float64
	for _, l := range ls {
		if w := width(l, size); w > m {
			m = w
		}
	}
	return m
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
