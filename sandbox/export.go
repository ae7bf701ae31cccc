package sandbox

import (
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"

	"coulisses/sandbox/answer"
)

// Exports of results. CSV is written for French Excel: UTF-8 with a byte
// order mark (without it Excel reads Windows-1252), « ; » between fields,
// a decimal comma, CRLF line ends, percentages as numbers of percent
// (36,4 in a column « … (%) »), dates as dd/mm/yyyy. Text cells that
// start like a formula (= + - @) get a leading apostrophe, so that a
// spreadsheet does not run them. XLSX is written by xlsxwrite.go.

// ExportFile is a file ready to download.
type ExportFile struct {
	Name string // « coulisses-jour-achat.csv »
	MIME string
	Data []byte
}

// MIME types of exports.
const (
	MIMECSV  = "text/csv;charset=utf-8"
	MIMEXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// tableSource is a table to write, row by row (a grouped result or every
// selected row of an exploration, without building them all in memory).
type tableSource struct {
	title string
	cols  []answer.Column
	n     int
	row   func(i int, dst []any) []any
}

func sourceOf(t answer.Table) tableSource {
	return tableSource{title: t.Title, cols: t.Columns, n: len(t.Rows), row: func(i int, _ []any) []any { return t.Rows[i] }}
}

// ExportAnswer writes an answer's tables as "csv" or "xlsx". The XLSX
// workbook has one sheet per table and a last sheet « À lire » with the
// sentence, the caveats, the columns used and the steps.
func ExportAnswer(a *answer.Answer, format string) (*ExportFile, error) {
	var srcs []tableSource
	for _, t := range a.Tables {
		srcs = append(srcs, sourceOf(t))
	}
	return export(srcs, a, "coulisses-"+a.Question, format)
}

// Export writes an exploration's whole result (every group, or every
// selected row with the derived columns) as "csv" or "xlsx".
func (e *Exploration) Export(format string) (*ExportFile, error) {
	var src tableSource
	if e.full != nil {
		src = sourceOf(*e.full)
		src.title = "Résultat"
	} else {
		v := e.view
		rows := make([]int32, 0, v.f.selCount(v.sel))
		v.eachRow(func(i int) bool {
			rows = append(rows, int32(i))
			return v.limit <= 0 || len(rows) < v.limit
		})
		src = tableSource{title: "Lignes", n: len(rows)}
		for _, c := range v.cols {
			src.cols = append(src.cols, col(c.name, listFormat(c)))
		}
		src.row = func(i int, dst []any) []any {
			dst = dst[:0]
			for _, c := range v.cols {
				dst = append(dst, c.display(int(rows[i])))
			}
			return dst
		}
	}
	return export([]tableSource{src}, e.Answer, "coulisses-exploration", format)
}

func export(srcs []tableSource, a *answer.Answer, base, format string) (*ExportFile, error) {
	var buf bytes.Buffer
	switch format {
	case "csv":
		if err := writeCSV(&buf, srcs); err != nil {
			return nil, err
		}
		return &ExportFile{Name: base + ".csv", MIME: MIMECSV, Data: buf.Bytes()}, nil
	case "xlsx":
		if err := writeXLSX(&buf, srcs, a); err != nil {
			return nil, err
		}
		return &ExportFile{Name: base + ".xlsx", MIME: MIMEXLSX, Data: buf.Bytes()}, nil
	}
	return nil, &AnalysisError{Kind: ErrExport, Detail: "format " + format, Message: "Format d'export inconnu « " + format + " » : choisissez CSV ou Excel (.xlsx)."}
}

// WriteCSV writes tables as French-Excel CSV: with several tables, each
// starts with its title on a line of its own and ends with a blank line.
func WriteCSV(w io.Writer, tables ...answer.Table) error {
	var srcs []tableSource
	for _, t := range tables {
		srcs = append(srcs, sourceOf(t))
	}
	return writeCSV(w, srcs)
}

func writeCSV(w io.Writer, srcs []tableSource) error {
	var b []byte
	b = append(b, "\uFEFF"...)
	var row []any
	for k, s := range srcs {
		if len(srcs) > 1 {
			if k > 0 {
				b = append(b, '\r', '\n')
			}
			b = csvField(b, s.title)
			b = append(b, '\r', '\n')
		}
		for i, c := range s.cols {
			if i > 0 {
				b = append(b, ';')
			}
			name := c.Name
			if c.Format == answer.Percent {
				name += " (%)"
			}
			if c.Format == answer.Euros {
				name += " (€)"
			}
			b = csvField(b, name)
		}
		b = append(b, '\r', '\n')
		for r := 0; r < s.n; r++ {
			row = s.row(r, row)
			for i, c := range s.cols {
				if i > 0 {
					b = append(b, ';')
				}
				if i < len(row) {
					b = csvCell(b, row[i], c.Format)
				}
			}
			b = append(b, '\r', '\n')
			if len(b) > 1<<20 {
				if _, err := w.Write(b); err != nil {
					return err
				}
				b = b[:0]
			}
		}
	}
	_, err := w.Write(b)
	return err
}

// csvCell writes one value: numbers with a decimal comma (percentages
// in percent), text quoted when needed.
func csvCell(b []byte, v any, f answer.Format) []byte {
	switch x := v.(type) {
	case nil:
		return b
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return b
		}
		switch f {
		case answer.Percent:
			return appendDecComma(b, x*100, 4)
		case answer.Euros:
			return appendDecComma(b, x, 2)
		case answer.Int:
			if x == math.Trunc(x) && math.Abs(x) < 1e15 {
				return strconv.AppendInt(b, int64(x), 10)
			}
		}
		return appendDecComma(b, x, 6)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case string:
		return csvField(b, x)
	case bool:
		if x {
			return append(b, "oui"...)
		}
		return append(b, "non"...)
	}
	return b
}

// appendDecComma writes v with at most prec decimals (trailing zeros
// dropped, except for two-decimal amounts) and a decimal comma.
//
//go:noinline
func appendDecComma(b []byte, v float64, prec int) []byte {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if prec != 2 && strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return append(b, strings.Replace(s, ".", ",", 1)...)
}

// csvField quotes a text field when it holds ; " or a line break, and
// defuses formula-like text.
//
//go:noinline
func csvField(b []byte, s string) []byte {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		if _, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err != nil {
			s = "'" + s
		}
	}
	if !strings.ContainsAny(s, ";\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}
