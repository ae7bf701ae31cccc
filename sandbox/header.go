package sandbox

import (
	"strconv"
	"strings"
)

// Stage 3: the header. detectHeader skips preamble lines (titles such as
// "Export du 12/03/2024" above the table) and decides whether the first
// remaining row names the columns: it does when one of its cells does not
// fit the type that the rows below it have (DuckDB's rule), or, for
// all-text tables, when its cells are distinct and non-empty.

type headerInfo struct {
	skip  int      // preamble records before the header (or the first data row)
	has   bool     // the record at skip is a header
	names []string // column names
}

func detectHeader(recs [][]string, d dialect, forced *bool) headerInfo {
	h := headerInfo{}
	min := d.fields
	if min >= 3 {
		min = d.fields - 1 // a header without the trailing delimiter of the data rows
	}
	for h.skip < len(recs) && h.skip < 20 && (len(recs[h.skip]) < min || isBlankRow(recs[h.skip])) {
		h.skip++
	}
	if h.skip == len(recs) {
		h.skip = 0
	}
	rest := recs[h.skip:]
	if len(rest) == 0 {
		return h
	}
	first := rest[0]
	width := d.fields
	if len(first) > width {
		width = len(first)
	}
	if forced != nil {
		h.has = *forced
	} else if len(rest) == 1 {
		h.has = looksLikeHeader(first)
	} else {
		guesses := inferSample(rest[1:], width, nil, d)
		typed, misfit := 0, 0
		for c, g := range guesses {
			if g.t.isTextual() && !g.numericID || g.n == 0 {
				continue
			}
			typed++
			v := ""
			if c < len(first) {
				v = first[c]
			}
			b := trimSpace([]byte(v))
			if isMissing(b) {
				continue
			}
			if !g.fits(b) {
				misfit++
			}
		}
		if typed > 0 {
			h.has = misfit > 0
		} else {
			h.has = looksLikeHeader(first)
		}
	}
	h.names = make([]string, width)
	seen := map[string]int{}
	for c := range h.names {
		name := ""
		if h.has && c < len(first) {
			name = strings.TrimSpace(strings.TrimPrefix(first[c], "\uFEFF"))
			name = strings.Join(strings.Fields(name), " ")
		}
		if name == "" {
			name = "Colonne " + strconv.Itoa(c+1)
		}
		if k := seen[name]; k > 0 {
			seen[name] = k + 1
			name = name + " (" + strconv.Itoa(k+1) + ")"
		} else {
			seen[name] = 1
		}
		h.names[c] = name
	}
	return h
}

// looksLikeHeader: every non-empty cell is text that is not a number or a
// date, and non-empty cells are distinct.
func looksLikeHeader(row []string) bool {
	seen := map[string]bool{}
	nonEmpty := 0
	for _, v := range row {
		b := trimSpace([]byte(v))
		if len(b) == 0 {
			continue
		}
		nonEmpty++
		if _, ok := parseNumber(b, ','); ok {
			return false
		}
		if _, ok := parseNumber(b, '.'); ok {
			return false
		}
		if _, ok := parseDate(b, orderDMY); ok {
			return false
		}
		if seen[string(b)] {
			return false
		}
		seen[string(b)] = true
	}
	return nonEmpty > 0
}

func isBlankRow(r []string) bool {
	for _, v := range r {
		if len(trimSpace([]byte(v))) > 0 {
			return false
		}
	}
	return true
}
