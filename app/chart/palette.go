package chart

import (
	"math"
	"strconv"
)

// Colours. Text and background are the app's (wasm/app/web/coulisses.css).
const (
	background = "#fbf8f3" // --fond
	ink        = "#1d1a17" // --texte
	inkSoft    = "#4a443e" // --texte-doux
	rule       = "#d9d1c7" // --bord: grid lines
	black      = "#000000"
	white      = "#ffffff"
)

// palette colours the series, in order. Each has a contrast of at least
// 3:1 with the background (WCAG 1.4.11), lightness varies by at least 10
// from one to the next (L* 28, 38, 50, 16, 56, 42), there is no red/green
// pair, and every pair stays apart (CIELAB
// ΔE ≥ 17) under simulated protanopia, deuteranopia and tritanopia
// (palette_test.go checks all three). Beyond six series the colours repeat
// (lines then also change dash).
var palette = [...]string{
	"#7a1f2b", // bordeaux (--accent) 9.6:1
	"#1a5aa6", // blue 6.5:1
	"#c0570f", // burnt orange 4.3:1
	"#2b1c5a", // indigo 14.0:1
	"#a476b4", // mauve 3.4:1
	"#6b6358", // warm grey 5.6:1
}

func seriesColour(i int) string { return palette[i%len(palette)] }

// heat is the heat map's single-hue sequential scale (bordeaux), light to
// dark, with even steps of lightness (L* 95, 79, 59, 38, 16).
var heat = [...]string{"#f9eef0", "#eab8c0", "#cf7483", "#a03246", "#4f121b"}

// heatColour returns the colour of t in [0, 1] on the heat scale.
func heatColour(t float64) string {
	if math.IsNaN(t) {
		t = 0
	}
	t = math.Max(0, math.Min(1, t))
	p := t * float64(len(heat)-1)
	i := int(p)
	if i >= len(heat)-1 {
		return heat[len(heat)-1]
	}
	a, b := rgb(heat[i]), rgb(heat[i+1])
	f := p - float64(i)
	var c [3]float64
	for k := range c {
		c[k] = a[k] + (b[k]-a[k])*f
	}
	return hex(c)
}

// rgb parses #rrggbb into components 0–255.
func rgb(h string) [3]float64 {
	v, _ := strconv.ParseUint(h[1:], 16, 32)
	return [3]float64{float64(v >> 16 & 255), float64(v >> 8 & 255), float64(v & 255)}
}

func hex(c [3]float64) string {
	const digits = "0123456789abcdef"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for k, x := range c {
		n := int(math.Round(math.Max(0, math.Min(255, x))))
		b[1+2*k], b[2+2*k] = digits[n>>4], digits[n&15]
	}
	return string(b)
}

// luminance is the WCAG relative luminance of #rrggbb.
func luminance(h string) float64 {
	c := rgb(h)
	var l [3]float64
	for k, x := range c {
		x /= 255
		if x <= 0.04045 {
			l[k] = x / 12.92
		} else {
			l[k] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// textOn returns the colour of text drawn on fill: white, the app's ink,
// or black where neither reaches 4.5:1, whichever contrasts most.
func textOn(fill string) string {
	if cw, ci := contrast(white, fill), contrast(ink, fill); cw >= ci {
		if cw >= 4.5 || cw >= contrast(black, fill) {
			return white
		}
	} else if ci >= 4.5 {
		return ink
	}
	return black
}
