package sandbox

import "encoding/binary"

// Stage 4: types on a sample. inferColumn tries, in order, boolean, number
// (integer, decimal, percent; decimal comma or point decided by votes),
// date and date-time, postcode and identifier, and falls back to text. A
// type is kept when at least 98 % of the sample's non-missing values fit
// it; refine.go then confirms it on every row.

// guess is the type chosen for a column and how to read its values.
type guess struct {
	t         Type
	dec       byte      // decimal separator
	ord       dateOrder // for d/m/y vs m/d/y dates
	scale     float64   // 0.01 for amounts in cents, else 0
	n         int       // non-missing values in the sample
	numericID bool      // Identifier made of canonical digit strings
	format    string
}

// misfitAllowed is how many sample values may not fit a type.
func misfitAllowed(n int) int {
	if n >= 10 {
		return n/50 + 1
	}
	return 0
}

// inferSample infers the type of each of width columns from sample rows.
// names may be nil (no name hints).
func inferSample(rows [][]string, width int, names []string, d dialect) []guess {
	fileDec := byte(',')
	if d.delim == ',' {
		fileDec = '.'
	}
	if d.dec != 0 {
		fileDec = d.dec
	}
	out := make([]guess, width)
	vals := make([][]byte, 0, len(rows))
	for c := 0; c < width; c++ {
		vals = vals[:0]
		for _, r := range rows {
			if c < len(r) {
				if b := trimSpace([]byte(r[c])); !isMissing(b) {
					vals = append(vals, b)
				}
			}
		}
		name := ""
		if names != nil {
			name = names[c]
		}
		out[c] = inferColumn(vals, name, fileDec)
	}
	return out
}

// decimalVotes counts values whose writing shows a decimal comma or point.
func decimalVotes(vals [][]byte) (comma, dot int) {
	for _, b := range vals {
		lc, ld := -1, -1
		nc, nd := 0, 0
		for i, c := range b {
			switch c {
			case ',':
				lc, nc = i, nc+1
			case '.':
				ld, nd = i, nd+1
			}
		}
		switch {
		case nc > 0 && nd > 0:
			if lc > ld {
				comma++
			} else {
				dot++
			}
		case nc == 1:
			if digitsAfter(b, lc) != 3 {
				comma++
			}
		case nd == 1:
			if digitsAfter(b, ld) != 3 {
				dot++
			}
		case nc > 1:
			dot++ // 1,234,567
		case nd > 1:
			comma++ // 1.234.567
		}
	}
	return
}

func digitsAfter(b []byte, i int) int {
	n := 0
	for i++; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		n++
	}
	return n
}

func inferColumn(vals [][]byte, name string, fileDec byte) guess {
	g := guess{t: Text, dec: fileDec, n: len(vals)}
	n := len(vals)
	if n == 0 {
		if name != "" && isPostcodeName(name) {
			g.t = Postcode
		}
		return g
	}
	allow := misfitAllowed(n)
	if name != "" && isPostcodeName(name) {
		g.t = Postcode
		return g
	}
	// boolean
	{
		bad, zero, one, digitsOnly := 0, false, false, true
		for _, b := range vals {
			v, ok := parseBool(b)
			if !ok {
				bad++
				continue
			}
			if b[0] >= '0' && b[0] <= '9' {
				if v {
					one = true
				} else {
					zero = true
				}
			} else {
				digitsOnly = false
			}
		}
		if bad <= allow && (!digitsOnly || zero && one && !isQuantityName(name)) {
			g.t = Boolean
			return g
		}
	}
	// numbers
	{
		comma, dot := decimalVotes(vals)
		switch {
		case comma > dot:
			g.dec = ','
		case dot > comma:
			g.dec = '.'
		}
		bad, ints, pct, lead0, fancy := 0, 0, 0, 0, 0
		for _, b := range vals {
			num, ok := parseNumber(b, g.dec)
			if !ok {
				bad++
				continue
			}
			if num.pct {
				pct++
			}
			if num.frac == 0 && !num.pct {
				ints++
			}
			if num.lead0 {
				lead0++
			}
			if num.grp || num.cur || num.neg || num.pct || num.frac > 0 || num.digits > 18 {
				fancy++
			}
		}
		if bad <= allow {
			cents := name != "" && isCentsName(name)
			switch {
			case lead0 > 0 && fancy == 0:
				g.t = Identifier
				g.format = "digits"
			case name != "" && isIDName(name) && fancy == 0 && !cents:
				g.t, g.numericID = Identifier, true
				g.format = "digits"
			case pct >= n-bad-allow && pct > 0:
				g.t = Percent
				g.format = "percent " + string(g.dec)
			case ints == n-bad && !cents:
				g.t = Integer
			default:
				g.t = Decimal
				g.format = "decimal " + string(g.dec)
				if cents {
					g.scale = 0.01
					g.format = "cents"
				}
			}
			return g
		}
	}
	// dates
	{
		a12, b12 := false, false
		for _, b := range vals {
			p, ok := parseDate(b, orderDMY)
			if !ok {
				p, ok = parseDate(b, orderMDY)
			}
			if ok && p.style == '/' {
				if p.a > 12 {
					a12 = true
				}
				if p.b > 12 {
					b12 = true
				}
			}
		}
		if b12 && !a12 {
			g.ord = orderMDY
		}
		bad, withTime := 0, 0
		var style byte
		mixed := false
		yy := false
		for _, b := range vals {
			p, ok := parseDate(b, g.ord)
			if !ok {
				bad++
				continue
			}
			if p.hasTime {
				withTime++
			}
			if style == 0 {
				style, yy = p.style, p.yy
			} else if style != p.style {
				mixed = true
			}
		}
		if bad <= allow {
			g.t = Date
			if withTime > 0 {
				g.t = DateTime
			}
			g.format = dateFormat(style, g.ord, yy, mixed, withTime > 0)
			return g
		}
	}
	// Québec / Canadian postcodes (H2X 1Y4), identifiers
	{
		fsa, token := 0, 0
		for _, b := range vals {
			if isCanadianPostcode(b) {
				fsa++
			}
			if isToken(b) {
				token++
			}
		}
		if fsa >= n-allow {
			g.t = Postcode
			return g
		}
		if name != "" && isIDName(name) && token >= n-allow {
			g.t = Identifier
			return g
		}
	}
	return g
}

func dateFormat(style byte, ord dateOrder, yy, mixed, withTime bool) string {
	var f string
	y := "yyyy"
	if yy {
		y = "yy"
	}
	switch {
	case mixed:
		f = "mixed"
	case style == 'i':
		f = "yyyy-mm-dd"
	case style == '/' && ord == orderMDY:
		f = "mm/dd/" + y
	default:
		s := string(style)
		f = "dd" + s + "mm" + s + y
	}
	if withTime {
		f += " hh:mm"
	}
	return f
}

// isCanadianPostcode matches "H2X 1Y4" and "H2X1Y4".
func isCanadianPostcode(b []byte) bool {
	if len(b) == 7 && b[3] == ' ' {
		b = append(append([]byte{}, b[:3]...), b[4:]...)
	}
	if len(b) != 6 {
		return false
	}
	for i, c := range b {
		c = lowerASCII(c)
		letter := c >= 'a' && c <= 'z'
		digit := c >= '0' && c <= '9'
		if i%2 == 0 && !letter || i%2 == 1 && !digit {
			return false
		}
	}
	return true
}

// isToken: no blanks, at most 40 bytes, at least one digit.
func isToken(b []byte) bool {
	if len(b) > 40 {
		return false
	}
	digit := false
	for _, c := range b {
		if c == ' ' || c == '\t' {
			return false
		}
		if c >= '0' && c <= '9' {
			digit = true
		}
	}
	return digit
}

// fits reports whether a trimmed, non-missing cell fits the guess.
func (g guess) fits(b []byte) bool {
	switch g.t {
	case Boolean:
		_, ok := parseBool(b)
		return ok
	case Integer:
		n, ok := parseNumber(b, g.dec)
		return ok && n.frac == 0 && !n.pct
	case Decimal, Percent:
		_, ok := parseNumber(b, g.dec)
		return ok
	case Date, DateTime:
		_, ok := parseDate(b, g.ord)
		return ok
	case Identifier:
		if g.numericID {
			_, ok := canonicalDigits(b)
			return ok
		}
	case Postcode:
		return isCanadianPostcode(b) || isDigits(b)
	}
	return true
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// canonicalDigits parses a digit string without a leading zero (or "0")
// of at most 18 digits: the form an integer prints back exactly.
func canonicalDigits(b []byte) (int64, bool) {
	if l := len(b); l > 0 && l <= 8 && cap(b) >= 8 && (b[0] != '0' || l == 1) {
		return digits8(b[:8], l)
	}
	return canonicalDigitsSlow(b)
}

// digits8 parses the l digits at the start of w (8 readable bytes) eight
// at a time: no loop, no branch per digit.
func digits8(w []byte, l int) (int64, bool) {
	const zeros = 0x3030303030303030
	x := binary.LittleEndian.Uint64(w) << (8 * uint(8-l)) // the digits, last one in the top byte
	x |= zeros >> (8 * uint(l))                           // '0' bytes in front
	// every byte in '0'..'9'?
	if (x&0xF0F0F0F0F0F0F0F0)|(((x+0x0606060606060606)&0xF0F0F0F0F0F0F0F0)>>4) != 0x3333333333333333 {
		return 0, false
	}
	x -= zeros
	x = (x*10 + x>>8) & 0x00FF00FF00FF00FF
	x = (x*100 + x>>16) & 0x0000FFFF0000FFFF
	x = (x*10000 + x>>32) & 0xFFFFFFFF
	return int64(x), true
}

func canonicalDigitsSlow(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 || len(b) > 1 && b[0] == '0' {
		return 0, false
	}
	var v int64
	for _, c := range b {
		d := c - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + int64(d)
	}
	return v, true
}
