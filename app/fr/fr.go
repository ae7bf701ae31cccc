// Package fr formats numbers, percentages and dates the French way:
// 12 345,6 ; 36 % ; 27 nov. 2026. Separators are the typographic ones: a
// narrow no-break space (U+202F) between digit groups and before %, so a
// figure never breaks across lines.
package fr

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// NNBSP is the narrow no-break space used in numbers and before %.
const NNBSP = "\u202f"

// Int formats an integer: 12 345.
func Int(n int64) string {
	return group(strconv.FormatInt(n, 10))
}

// group inserts a narrow no-break space every three digits of a decimal
// integer string (optionally signed) and uses the minus sign − for negatives.
func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(NNBSP)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Decimal formats a number with at most prec decimals, dropping trailing
// zeros: Decimal(12345.6, 1) = "12 345,6", Decimal(3, 2) = "3". Numbers
// beyond the int64 range keep all their digits.
func Decimal(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', prec, 64)
	ip, dp, _ := strings.Cut(s, ".")
	dp = strings.TrimRight(dp, "0")
	out := group(ip)
	if dp != "" {
		out += "," + dp
	}
	if v < 0 && (strings.Trim(ip, "0") != "" || dp != "") {
		out = "−" + out
	}
	return out
}

// Percent formats a share (0.364 → "36,4 %") with prec decimals at most.
func Percent(share float64, prec int) string {
	return Decimal(share*100, prec) + NNBSP + "%"
}

// Euros formats an amount: "1 234,50 €" (always two decimals when not whole).
func Euros(v float64) string {
	if v == math.Trunc(v) {
		return Decimal(v, 0) + "\u00a0€"
	}
	s := Decimal(v, 2)
	if i := strings.LastIndex(s, ","); i >= 0 && len(s)-i == 2 {
		s += "0"
	}
	return s + "\u00a0€"
}

// Days formats a duration in days: "12 j", "3,5 j".
func Days(v float64, prec int) string { return Decimal(v, prec) + "\u00a0j" }

// Points formats a difference of two percentages in percentage points,
// always signed: "+3,2 points", "−0,5 point", "0 point".
func Points(diff float64, prec int) string {
	s := Decimal(diff*100, prec)
	if s != "0" && !strings.HasPrefix(s, "−") {
		s = "+" + s
	}
	unit := "\u00a0point"
	if p := math.Pow(10, float64(prec)); math.Round(math.Abs(diff*100)*p)/p >= 2 {
		unit += "s"
	}
	return s + unit
}

var months = [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}

var monthsLong = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// Date formats a date with an abbreviated month: "27 nov. 2026".
func Date(t time.Time) string {
	return strconv.Itoa(t.Day()) + "\u00a0" + months[t.Month()-1] + "\u00a0" + strconv.Itoa(t.Year())
}

// LongDate formats a date in full: "1er décembre 2026".
func LongDate(t time.Time) string {
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return day + "\u00a0" + monthsLong[t.Month()-1] + "\u00a0" + strconv.Itoa(t.Year())
}

// Month formats a month: "nov. 2026".
func Month(t time.Time) string { return months[t.Month()-1] + "\u00a0" + strconv.Itoa(t.Year()) }

var weekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

// Weekday names a day of the week in French, lower case: "lundi".
func Weekday(d time.Weekday) string { return weekdays[d] }

// RFC3339Date formats an RFC 3339 timestamp as Date, or returns "" if it
// does not parse.
func RFC3339Date(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return ""
	}
	return Date(t.Local())
}
