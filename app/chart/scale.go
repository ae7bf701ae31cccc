package chart

import "math"

// linear maps the domain [d0, d1] onto the range [r0, r1].
type linear struct{ d0, d1, r0, r1 float64 }

func (s linear) at(v float64) float64 {
	if s.d1 == s.d0 {
		return s.r0
	}
	return s.r0 + (v-s.d0)/(s.d1-s.d0)*(s.r1-s.r0)
}

// niceStep returns a step of the 1-2-5 sequence (…, 0.5, 1, 2, 5, 10, …)
// that cuts span into at most maxTicks intervals.
func niceStep(span float64, maxTicks int) float64 {
	if maxTicks < 1 {
		maxTicks = 1
	}
	if !(span > 0) || math.IsInf(span, 0) {
		return 1
	}
	raw := span / float64(maxTicks)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// niceDomain extends [lo, hi] to multiples of a 1-2-5 step, with at most
// maxTicks intervals. An empty or flat domain becomes [0, 1] or is widened
// around its value, keeping zero when it was included.
func niceDomain(lo, hi float64, maxTicks int) (float64, float64, float64) {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		lo, hi = 0, 1
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		switch {
		case lo == 0:
			hi = 1
		case lo > 0:
			lo, hi = lo-math.Abs(lo)*0.1, hi+math.Abs(hi)*0.1
		default:
			lo, hi = lo-math.Abs(lo)*0.1, hi+math.Abs(hi)*0.1
		}
	}
	step := niceStep(hi-lo, maxTicks)
	for {
		nlo, nhi := math.Floor(lo/step+1e-9)*step, math.Ceil(hi/step-1e-9)*step
		if int((nhi-nlo)/step+0.5) <= maxTicks || maxTicks < 1 {
			return nlo, nhi, step
		}
		step = niceStep(step*1.5, 1)
	}
}

// ticks lists the multiples of step in [lo, hi].
func ticks(lo, hi, step float64) []float64 {
	if !(step > 0) {
		return []float64{lo}
	}
	var out []float64
	for i := math.Ceil(lo/step - 1e-9); i <= math.Floor(hi/step+1e-9) && len(out) < 100; i++ {
		v := i * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		out = append(out, v)
	}
	return out
}

// decimals is the number of decimals needed to write the multiples of step.
func decimals(step float64) int {
	for d := 0; d < 10; d++ {
		x := step * math.Pow(10, float64(d))
		if math.Abs(x-math.Round(x)) < 1e-6*math.Max(1, x) {
			return d
		}
	}
	return 10
}
