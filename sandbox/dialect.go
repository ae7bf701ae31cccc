package sandbox

import "bytes"

// Stage 2: the dialect. sniffDialect tries each candidate delimiter on a
// sample of decoded text and keeps the one that splits the most rows into
// the same, largest number of fields (DuckDB's "consistent rows × columns"
// idea).

// dialect is how records and fields are written.
type dialect struct {
	delim      byte   // 0 when the file has a single column
	quote      byte   // '"' (0: no quoting)
	lineEnding string // "crlf", "lf", "cr" or "mixed"
	nl         byte   // line break counted inside quoted fields
	fields     int    // the usual number of fields per record
	quoteErr   error  // a quoted field never closed (whole-file samples only)
	dec        byte   // default decimal separator (0: from the delimiter)
}

var delimCandidates = []byte{';', '\t', '|', ','}

const sniffRows = 300

// sniffDialect chooses the delimiter from a sample. final says the sample
// is the whole file.
func sniffDialect(text []byte, final bool) dialect {
	d := dialect{quote: '"', nl: '\n'}
	crlf := bytes.Count(text, []byte("\r\n"))
	cr := bytes.Count(text, []byte{'\r'}) - crlf
	lf := bytes.Count(text, []byte{'\n'}) - crlf
	switch {
	case crlf > 0 && cr == 0 && lf == 0:
		d.lineEnding = "crlf"
	case cr > 0 && crlf == 0 && lf == 0:
		d.lineEnding, d.nl = "cr", '\r'
	case lf > 0 && crlf == 0 && cr == 0:
		d.lineEnding = "lf"
	case crlf+cr+lf == 0:
		d.lineEnding = "lf"
	default:
		d.lineEnding = "mixed"
		if cr > lf+crlf {
			d.nl = '\r'
		}
	}
	bestScore := 0
	for _, c := range delimCandidates {
		recs, _, err := readRecords(text, c, '"', final, sniffRows)
		if err != nil { // an unclosed quote: judge the delimiter without quoting
			recs, _, _ = readRecords(text, c, 0, final, sniffRows)
		}
		mode, consistent := fieldMode(recs)
		if mode < 2 {
			continue
		}
		score := consistent * mode
		if score > bestScore {
			bestScore = score
			d.delim, d.fields, d.quoteErr = c, mode, err
		}
	}
	if d.delim == 0 {
		d.fields = 1
	}
	return d
}

// fieldMode returns the most common field count among non-blank records
// and how many records have it.
func fieldMode(recs [][]string) (mode, count int) {
	counts := map[int]int{}
	for _, r := range recs {
		if len(r) == 1 && len(bytes.TrimSpace([]byte(r[0]))) == 0 {
			continue
		}
		counts[len(r)]++
	}
	for n, c := range counts {
		if c > count || c == count && n > mode {
			mode, count = n, c
		}
	}
	return mode, count
}
