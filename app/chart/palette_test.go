package chart

import (
	"math"
	"testing"
)

// Colour-vision deficiency simulation (Machado, Oliveira & Fernandes
// 2009, severity 1) in linear RGB, then CIELAB distance.
var cvd = map[string][9]float64{
	"protanopie":     {0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998},
	"deutéranopie":   {0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.011820, 0.042940, 0.968881},
	"tritanopie":     {1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.148370, 0.004733, 0.691367, 0.303900},
	"vision normale": {1, 0, 0, 0, 1, 0, 0, 0, 1},
}

func linRGB(h string) [3]float64 {
	c := rgb(h)
	for k, x := range c {
		x /= 255
		if x <= 0.04045 {
			c[k] = x / 12.92
		} else {
			c[k] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return c
}

func lab(c [3]float64) [3]float64 {
	x := (0.4124*c[0] + 0.3576*c[1] + 0.1805*c[2]) / 0.95047
	y := 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
	z := (0.0193*c[0] + 0.1192*c[1] + 0.9505*c[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

func simulate(h string, m [9]float64) [3]float64 {
	c := linRGB(h)
	var out [3]float64
	for k := range out {
		out[k] = math.Max(0, math.Min(1, m[3*k]*c[0]+m[3*k+1]*c[1]+m[3*k+2]*c[2]))
	}
	return lab(out)
}

func TestPaletteContrast(t *testing.T) {
	for _, c := range palette {
		if k := contrast(c, background); k < 3 {
			t.Errorf("%s: contrast %.2f:1 with the background, want ≥ 3:1", c, k)
		}
		if k := contrast(textOn(c), c); k < 4.5 {
			t.Errorf("text on %s: %.2f:1, want ≥ 4.5:1", c, k)
		}
	}
	if k := contrast(inkSoft, background); k < 4.5 {
		t.Errorf("secondary text %.2f:1", k)
	}
}

func TestPaletteColourBlindSafe(t *testing.T) {
	for name, m := range cvd {
		for i := range palette {
			for j := i + 1; j < len(palette); j++ {
				a, b := simulate(palette[i], m), simulate(palette[j], m)
				d := math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
				if d < 17 {
					t.Errorf("%s: %s and %s too close (ΔE %.1f)", name, palette[i], palette[j], d)
				}
			}
		}
	}
	// Consecutive series also differ in lightness.
	for i := 1; i < len(palette); i++ {
		a, b := lab(linRGB(palette[i-1])), lab(linRGB(palette[i]))
		if math.Abs(a[0]-b[0]) < 10 {
			t.Errorf("%s and %s: lightness %.0f and %.0f too close", palette[i-1], palette[i], a[0], b[0])
		}
	}
}

func TestHeatScale(t *testing.T) {
	prev := 101.0
	for i := 0; i <= 100; i++ {
		c := heatColour(float64(i) / 100)
		l := lab(linRGB(c))[0]
		if l > prev+0.01 {
			t.Errorf("heat scale not monotonic at %d%%: L* %.1f after %.1f", i, l, prev)
		}
		prev = l
		if k := contrast(textOn(c), c); k < 4.5 {
			t.Errorf("value on %s: %.2f:1, want ≥ 4.5:1", c, k)
		}
	}
	if heatColour(-1) != heat[0] || heatColour(2) != heat[len(heat)-1] || heatColour(math.NaN()) != heat[0] {
		t.Error("heat scale not clamped")
	}
}
