package sandbox

import "strconv"

// This file holds the cell parsers shared by types.go (sample), refine.go
// (all rows) and Frame.SetType: numbers in French and English notations,
// dates in the usual export formats, booleans and missing-value markers.
// They work on bytes and never allocate.

// trimSpace removes ASCII blanks, U+00A0 and U+202F at both ends.
func trimSpace(b []byte) []byte {
	if n := len(b); n > 0 {
		f, l := b[0], b[n-1]
		if f > ' ' && f != 0xC2 && f != 0xE2 && l > ' ' && l != 0xA0 && l != 0xAF {
			return b // the common case: nothing to trim
		}
	}
	return trimSpaceSlow(b)
}

func trimSpaceSlow(b []byte) []byte {
	for len(b) > 0 {
		switch {
		case b[0] == ' ' || b[0] == '\t':
			b = b[1:]
		case len(b) >= 2 && b[0] == 0xC2 && b[1] == 0xA0:
			b = b[2:]
		case len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x80 && b[2] == 0xAF:
			b = b[3:]
		default:
			goto right
		}
	}
right:
	for n := len(b); n > 0; n = len(b) {
		switch {
		case b[n-1] == ' ' || b[n-1] == '\t' || b[n-1] == '\r' || b[n-1] == '\n':
			b = b[:n-1]
		case n >= 2 && b[n-2] == 0xC2 && b[n-1] == 0xA0:
			b = b[:n-2]
		case n >= 3 && b[n-3] == 0xE2 && b[n-2] == 0x80 && b[n-1] == 0xAF:
			b = b[:n-3]
		default:
			return b
		}
	}
	return b
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 32
	}
	return c
}

// eqFold reports whether b equals the lower-case ASCII word s, ignoring case.
func eqFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		if lowerASCII(b[i]) != s[i] {
			return false
		}
	}
	return true
}

var missingTokens = []string{"na", "n/a", "#n/a", "null", "none", "nan", "-", "--", "(vide)", "nc", "n.c.", "#valeur!", "#value!"}

// isMissing reports whether a (trimmed) cell means "no value".
func isMissing(b []byte) bool {
	if len(b) == 0 {
		return true
	}
	if len(b) > 8 {
		return false
	}
	switch b[0] | 0x20 {
	case 'n', '#', '-', '(':
	default:
		return false
	}
	for _, t := range missingTokens {
		if eqFold(b, t) {
			return true
		}
	}
	return false
}

// parseBool parses oui/non, vrai/faux, true/false, yes/no, 1/0, O/N, Y/N.
func parseBool(b []byte) (v bool, ok bool) {
	switch len(b) {
	case 1:
		switch lowerASCII(b[0]) {
		case '1', 'o', 'y', 'v':
			return true, true
		case '0', 'n', 'f':
			return false, true
		}
	case 2:
		if eqFold(b, "no") {
			return false, true
		}
	case 3:
		if eqFold(b, "oui") || eqFold(b, "yes") {
			return true, true
		}
		if eqFold(b, "non") {
			return false, true
		}
	case 4:
		if eqFold(b, "vrai") || eqFold(b, "true") {
			return true, true
		}
		if eqFold(b, "faux") {
			return false, true
		}
	case 5:
		if eqFold(b, "false") {
			return false, true
		}
	}
	return false, false
}

// stripCurrency removes a currency sign or code at either end (and the
// blanks next to it). It reports whether one was found.
func stripCurrency(b []byte) ([]byte, bool) {
	found := false
	for {
		n := len(b)
		switch {
		case n >= 3 && b[n-3] == 0xE2 && b[n-2] == 0x82 && b[n-1] == 0xAC: // €
			b = trimSpace(b[:n-3])
		case n >= 1 && b[n-1] == '$':
			b = trimSpace(b[:n-1])
		case n >= 2 && b[n-2] == 0xC2 && b[n-1] == 0xA3: // £
			b = trimSpace(b[:n-2])
		case n >= 4 && b[n-4] == ' ' && isCurrencyCode(b[n-3:]):
			b = trimSpace(b[:n-3])
		case n >= 3 && b[0] == 0xE2 && b[1] == 0x82 && b[2] == 0xAC:
			b = trimSpace(b[3:])
		case n >= 1 && b[0] == '$':
			b = trimSpace(b[1:])
		case n >= 2 && b[0] == 0xC2 && b[1] == 0xA3:
			b = trimSpace(b[2:])
		case n >= 4 && b[3] == ' ' && isCurrencyCode(b[:3]):
			b = trimSpace(b[3:])
		case n >= 3 && (b[n-2] == 'C' || b[n-2] == 'c') && (b[n-1] == 'A' || b[n-1] == 'a') && b[n-3] == ' ' && found:
			b = trimSpace(b[:n-2]) // "12,00 $ CA"
		default:
			return b, found
		}
		found = true
	}
}

func isCurrencyCode(b []byte) bool {
	return eqFold(b, "eur") || eqFold(b, "cad") || eqFold(b, "usd") || eqFold(b, "chf") || eqFold(b, "gbp")
}

// number is a parsed number: mant / 10^frac, negated if neg.
type number struct {
	mant   int64
	frac   int // digits after the decimal separator
	neg    bool
	pct    bool // ended with %
	cur    bool // carried a currency sign
	grp    bool // used a thousands separator
	lead0  bool // an integer part with a leading zero and more digits ("007")
	digits int  // integer-part digits
}

func (n number) float() float64 {
	v := float64(n.mant)
	if n.frac > 0 {
		v /= pow10[n.frac]
	}
	if n.neg {
		v = -v
	}
	return v
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// isGroupSep reports whether the bytes at b start a thousands separator
// (other than dec) and returns its length.
func groupSepLen(b []byte, dec byte) int {
	switch b[0] {
	case ' ', '\'':
		return 1
	case '.', ',':
		if b[0] != dec {
			return 1
		}
	case 0xC2:
		if len(b) > 1 && b[1] == 0xA0 {
			return 2
		}
	case 0xE2:
		if len(b) > 2 && b[1] == 0x80 && b[2] == 0xAF {
			return 3
		}
	}
	return 0
}

// parseNumber parses a trimmed cell as a number whose decimal separator is
// dec (',' or '.'). Thousands separators (space, U+00A0, U+202F, apostrophe,
// and the other of ',' '.') must separate groups of three digits.
func parseNumber(b []byte, dec byte) (n number, ok bool) {
	if len(b) == 0 {
		return n, false
	}
	// fast path: plain digits
	if len(b) <= 18 {
		var m int64
		i := 0
		for ; i < len(b); i++ {
			c := b[i] - '0'
			if c > 9 {
				break
			}
			m = m*10 + int64(c)
		}
		if i == len(b) {
			n.mant, n.digits = m, len(b)
			n.lead0 = len(b) > 1 && b[0] == '0'
			return n, true
		}
	}
	if b[len(b)-1] == '%' {
		n.pct = true
		b = trimSpace(b[:len(b)-1])
	}
	b, n.cur = stripCurrency(b)
	if len(b) == 0 {
		return n, false
	}
	if b[0] == '-' || b[0] == '+' {
		n.neg = b[0] == '-'
		b = trimSpace(b[1:])
		if !n.cur {
			b, n.cur = stripCurrency(b)
		}
	} else if len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x88 && b[2] == 0x92 { // U+2212 minus
		n.neg = true
		b = b[3:]
	}
	if len(b) == 0 {
		return n, false
	}
	i := 0
	group := -1 // digits since the last thousands separator, -1 before any
	sig := 0
	for i < len(b) {
		c := b[i]
		if c >= '0' && c <= '9' {
			if sig >= 18 {
				return n, false
			}
			if n.mant != 0 || c != '0' {
				sig++
			}
			n.mant = n.mant*10 + int64(c-'0')
			n.digits++
			if group >= 0 {
				group++
			}
			i++
			continue
		}
		if c == dec {
			break
		}
		if l := groupSepLen(b[i:], dec); l > 0 && n.digits > 0 {
			if group >= 0 && group != 3 || group < 0 && n.digits > 3 {
				return n, false
			}
			n.grp = true
			group = 0
			i += l
			continue
		}
		return n, false
	}
	if n.digits == 0 && (i >= len(b) || b[i] != dec) {
		return n, false
	}
	if group >= 0 && group != 3 {
		return n, false
	}
	if n.digits > 1 && b[0] == '0' && !n.grp {
		n.lead0 = true
	}
	if i < len(b) { // decimal part
		i++
		if i == len(b) {
			return n, false
		}
		for ; i < len(b); i++ {
			c := b[i] - '0'
			if c > 9 || n.frac >= 18 || sig >= 18 {
				return n, false
			}
			n.mant = n.mant*10 + int64(c)
			n.frac++
			if n.mant != 0 {
				sig++
			}
		}
	}
	return n, true
}

// dateOrder is how a column's x/y/yyyy dates are ordered.
type dateOrder uint8

const (
	orderDMY dateOrder = iota // French default: 31/12/2024
	orderMDY                  // US style, Eventbrite: 12/31/24
)

// dateParts is a parsed date or date-time.
type dateParts struct {
	days    int64 // days since 1970-01-01
	secs    int64 // seconds into the day
	hasTime bool
	style   byte // 'i' ISO y-m-d, '/' '.' '-' for d?m?y styles
	a, b    int  // first two numbers of a d/m/y date (for order detection)
	yy      bool // two-digit year
}

// atoiN reads up to max digits at b[i:], returning the value, the next
// index and the number of digits read.
func atoiN(b []byte, i, max int) (v, j, n int) {
	j = i
	for j < len(b) && n < max {
		c := b[j] - '0'
		if c > 9 {
			break
		}
		v = v*10 + int(c)
		j++
		n++
	}
	return
}

// twoDigitPivot is the two-digit year at and below which years are 20yy.
var twoDigitPivot = 40

// parseDate parses dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy, yyyy-mm-dd,
// yyyy/mm/dd and m/d/yy (with ord), optionally followed by a time
// (hh:mm, hh:mm:ss, hh:mm:ss.fff, 14h30, with a 'T' or blanks, an optional
// AM/PM and an ignored zone).
func parseDate(b []byte, ord dateOrder) (p dateParts, ok bool) {
	if len(b) < 6 || b[0] < '0' || b[0] > '9' {
		return p, false
	}
	// fast path: dd/mm/yyyy and dd/mm/yyyy hh:mm, the French export layout
	if (len(b) == 10 || len(b) == 16 && b[10] == ' ' && b[13] == ':') && b[2] == '/' && b[5] == '/' && ord == orderDMY {
		d, ok1 := dig2(b[0], b[1])
		m, ok2 := dig2(b[3], b[4])
		y1, ok3 := dig2(b[6], b[7])
		y2, ok4 := dig2(b[8], b[9])
		y := y1*100 + y2
		if ok1 && ok2 && ok3 && ok4 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) && y >= 1000 {
			p.style, p.a, p.b = '/', d, m
			p.days = daysFromCivil(y, m, d)
			if len(b) == 10 {
				return p, true
			}
			h, ok5 := dig2(b[11], b[12])
			mi, ok6 := dig2(b[14], b[15])
			if ok5 && ok6 && h <= 23 && mi <= 59 {
				p.secs, p.hasTime = int64(h*3600+mi*60), true
				return p, true
			}
		}
	}
	var y, m, d int
	x, i, nx := atoiN(b, 0, 4)
	if i >= len(b) {
		return p, false
	}
	sep := b[i]
	if sep != '/' && sep != '-' && sep != '.' {
		return p, false
	}
	yv, j, ny := atoiN(b, i+1, 2)
	if ny == 0 || j >= len(b) || b[j] != sep {
		return p, false
	}
	z, k, nz := atoiN(b, j+1, 4)
	if nz == 0 {
		return p, false
	}
	if nx == 4 { // y-m-d
		if nz > 2 {
			return p, false
		}
		y, m, d = x, yv, z
		p.style = 'i'
	} else {
		if nx > 2 || (nz != 2 && nz != 4) {
			return p, false
		}
		p.style, p.a, p.b = sep, x, yv
		if sep == '/' && ord == orderMDY {
			m, d = x, yv
		} else {
			d, m = x, yv
		}
		y = z
		if nz == 2 {
			p.yy = true
			if y <= twoDigitPivot {
				y += 2000
			} else {
				y += 1900
			}
		}
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 1000 {
		return p, false
	}
	p.days = daysFromCivil(y, m, d)
	if k == len(b) {
		return p, true
	}
	// time part
	if b[k] == 'T' || b[k] == ' ' {
		k++
		for k < len(b) && b[k] == ' ' {
			k++
		}
		if k+1 < len(b) && b[k] == 0xC3 && b[k+1] == 0xA0 { // "à "
			k += 2
			for k < len(b) && b[k] == ' ' {
				k++
			}
		}
	} else {
		return p, false
	}
	h, k2, nh := atoiN(b, k, 2)
	if nh == 0 || k2 >= len(b) || (b[k2] != ':' && b[k2] != 'h' && b[k2] != 'H') {
		return p, false
	}
	mi, k3, nm := atoiN(b, k2+1, 2)
	if nm != 2 {
		if nm == 0 && k3 == len(b) && b[k2] != ':' { // "14h"
			mi = 0
		} else {
			return p, false
		}
	}
	s := 0
	k = k3
	if k < len(b) && b[k] == ':' {
		var ns int
		s, k, ns = atoiN(b, k+1, 2)
		if ns != 2 {
			return p, false
		}
		if k < len(b) && (b[k] == '.' || b[k] == ',') {
			k++
			for k < len(b) && b[k] >= '0' && b[k] <= '9' {
				k++
			}
		}
	}
	for k < len(b) && b[k] == ' ' {
		k++
	}
	if k+1 < len(b) && (eqFold(b[k:k+2], "am") || eqFold(b[k:k+2], "pm")) {
		pm := lowerASCII(b[k]) == 'p'
		if h < 1 || h > 12 {
			return p, false
		}
		if h == 12 {
			h = 0
		}
		if pm {
			h += 12
		}
		k += 2
	}
	if k < len(b) { // zone: Z, +01:00, -0500
		if b[k] == 'Z' && k+1 == len(b) {
			k++
		} else if b[k] == '+' || b[k] == '-' {
			_, k4, n4 := atoiN(b, k+1, 2)
			k = k4
			if n4 == 2 && k < len(b) && b[k] == ':' {
				k++
			}
			_, k, _ = atoiN(b, k, 2)
		}
	}
	if k != len(b) || h > 23 || mi > 59 || s > 60 {
		return p, false
	}
	p.secs = int64(h*3600 + mi*60 + s)
	p.hasTime = true
	return p, true
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns days since 1970-01-01 (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if uint(y-tableYear0) < uint(len(yearDays)) && uint(m-1) < 12 {
		// table lookups: the formula's divisions are slow in WebAssembly
		t := &monthDays[0]
		if isLeapTab[y-tableYear0] {
			t = &monthDays[1]
		}
		return int64(yearDays[y-tableYear0]) + int64(t[m-1]) + int64(d-1)
	}
	return daysFromCivilSlow(y, m, d)
}

// Tables for daysFromCivil over the years export dates use.
const tableYear0 = 1800

var (
	yearDays  [400]int32 // days from 1970-01-01 to January 1st of tableYear0+i
	isLeapTab [400]bool
	monthDays = [2][12]int32{
		{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334},
		{0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335},
	}
)

func init() {
	for i := range yearDays {
		yearDays[i] = int32(daysFromCivilSlow(tableYear0+i, 1, 1))
		isLeapTab[i] = isLeap(tableYear0 + i)
	}
}

func daysFromCivilSlow(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// CivilFromDays returns the year, month and day of a day count since 1970-01-01.
func CivilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	yy := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	if m <= 2 {
		yy++
	}
	return int(yy), m, d
}

// DaysFromCivil returns the days since 1970-01-01 of a calendar date (the
// storage of Date columns).
func DaysFromCivil(y, m, d int) int64 { return daysFromCivil(y, m, d) }

// Weekday returns the ISO weekday index of a day count: 0 = Monday … 6 = Sunday.
func Weekday(days int64) int {
	w := (days + 3) % 7
	if w < 0 {
		w += 7
	}
	return int(w)
}

// FormatDate formats a day count as yyyy-mm-dd.
func FormatDate(days int64) string {
	y, m, d := CivilFromDays(days)
	var b [10]byte
	put4(b[0:], y)
	b[4] = '-'
	put2(b[5:], m)
	b[7] = '-'
	put2(b[8:], d)
	return string(b[:])
}

// FormatDateTime formats seconds since 1970-01-01 as yyyy-mm-dd hh:mm:ss.
func FormatDateTime(secs int64) string {
	days := secs / 86400
	s := secs % 86400
	if s < 0 {
		s += 86400
		days--
	}
	var b [9]byte
	b[0] = ' '
	put2(b[1:], int(s/3600))
	b[3] = ':'
	put2(b[4:], int(s/60%60))
	b[6] = ':'
	put2(b[7:], int(s%60))
	return FormatDate(days) + string(b[:])
}

func put2(b []byte, v int) { b[0], b[1] = byte('0'+v/10%10), byte('0'+v%10) }
func put4(b []byte, v int) {
	if v < 0 || v > 9999 {
		copy(b, strconv.Itoa(v))
		return
	}
	put2(b, v/100)
	put2(b[2:], v%100)
}

func dig2(a, b byte) (int, bool) {
	a, b = a-'0', b-'0'
	return int(a)*10 + int(b), a <= 9 && b <= 9
}
