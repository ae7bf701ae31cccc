package chart

import (
	"math"

	"coulisses/app/fr"
	"coulisses/sandbox/answer"
)

// formatValue writes a value the French way for its format: 12 345 ;
// 12 345,6 ; 36,4 % ; 1 234,50 € ; 12 j.
func formatValue(f answer.Format, v float64) string {
	switch f {
	case answer.Int:
		return fr.Decimal(math.Round(v), 0)
	case answer.Decimal:
		if math.Abs(v) >= 10 {
			return fr.Decimal(v, 1)
		}
		return fr.Decimal(v, 2)
	case answer.Percent:
		return fr.Percent(v, 1)
	case answer.Euros:
		if math.Abs(v) >= 10000 {
			return fr.Euros(math.Round(v))
		}
		return fr.Euros(math.Round(v*100) / 100)
	case answer.Days:
		return fr.Days(v, 1)
	}
	return fr.Decimal(v, 2)
}

// tickFormat returns the formatter of the axis ticks, multiples of step,
// on a domain reaching maxAbs: the value's format with as many decimals as
// the step needs, and millions or billions abbreviated (2,5 M ; 1 Md).
func tickFormat(f answer.Format, step, maxAbs float64) func(float64) string {
	if f == answer.Percent {
		d := decimals(step * 100)
		return func(v float64) string { return fr.Percent(v, d) }
	}
	unit, suffix := 1.0, ""
	switch {
	case maxAbs >= 1e9:
		unit, suffix = 1e9, "\u00a0Md"
	case maxAbs >= 1e6:
		unit, suffix = 1e6, "\u00a0M"
	}
	d := decimals(step / unit)
	return func(v float64) string {
		s := fr.Decimal(v/unit, d)
		if v != 0 && suffix != "" {
			s += suffix
			if f == answer.Euros {
				return s + "€"
			}
		}
		switch f {
		case answer.Euros:
			return s + "\u00a0€"
		case answer.Days:
			return s + "\u00a0j"
		}
		return s
	}
}
