package table

import (
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteCSV writes the table for a French spreadsheet: UTF-8 with a BOM
// (Excel then reads the accents right), ';' between fields, CRLF, numbers
// with a decimal comma and no rounding, missing values empty. Text that
// holds ';', a quote or a line break is quoted; text that a spreadsheet
// would take for a formula (starting with = + - @, a tab or a CR) gets a
// leading apostrophe.
func (t *Table) WriteCSV(w io.Writer) error {
	b := make([]byte, 0, 64+t.Len()*len(t.Columns)*12)
	b = append(b, "\uFEFF"...)
	for j := range t.Columns {
		if j > 0 {
			b = append(b, ';')
		}
		b = appendText(b, t.Columns[j].Name)
	}
	b = append(b, '\r', '\n')
	n := t.Len()
	for i := 0; i < n; i++ {
		for j := range t.Columns {
			if j > 0 {
				b = append(b, ';')
			}
			c := &t.Columns[j]
			if c.Text != nil {
				b = appendText(b, c.Text[i])
				continue
			}
			b = appendNum(b, c.Num[i])
		}
		b = append(b, '\r', '\n')
	}
	_, err := w.Write(b)
	return err
}

func appendNum(b []byte, v float64) []byte {
	if math.IsNaN(v) {
		return b
	}
	if math.IsInf(v, 0) {
		if v > 0 {
			return append(b, "+inf"...)
		}
		return append(b, "-inf"...)
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	for k := start; k < len(b); k++ {
		if b[k] == '.' {
			b[k] = ','
			break
		}
	}
	return b
}

func appendText(b []byte, s string) []byte {
	if s == "" {
		return b
	}
	formula := false
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		formula = true
	}
	if !formula && !strings.ContainsAny(s, ";\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	if formula {
		b = append(b, '\'')
	}
	for k := 0; k < len(s); k++ {
		if s[k] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[k])
	}
	return append(b, '"')
}
