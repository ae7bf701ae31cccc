package sandbox

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"coulisses/sandbox/answer"
)

// A minimal .xlsx writer: a stored (uncompressed) zip archive written
// here — archive/zip's writer brings a Deflate compressor that weighs on
// the engine's WebAssembly — and encoding/xml escaping, nothing else. One worksheet per table (header row in bold and frozen, numbers
// as numbers with a format: 12 345, 36,4 %, 1 234,50 €, dates as Excel
// dates), inline strings (no shared-strings part), and a last sheet « À
// lire » with the sentence, caveats, columns used and steps. The package's
// own reader (xlsx.go) reads the first sheet back; a test checks it.

// Cell styles (indexes into cellXfs of styles.xml).
const (
	xsDefault = iota
	xsHeader
	xsInt
	xsDecimal
	xsPercent
	xsEuros
	xsDays
	xsDate
	xsDateTime
	xsWrap
)

const xlsxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="5"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="#,##0.00\ &quot;€&quot;"/><numFmt numFmtId="166" formatCode="0.0"/><numFmt numFmtId="167" formatCode="dd/mm/yyyy"/><numFmt numFmtId="168" formatCode="dd/mm/yyyy\ hh:mm"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="10">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`

// WriteXLSX writes tables as a workbook (a is optional: the « À lire » sheet).
func WriteXLSX(w io.Writer, a *answer.Answer, tables ...answer.Table) error {
	var srcs []tableSource
	for _, t := range tables {
		srcs = append(srcs, sourceOf(t))
	}
	return writeXLSX(w, srcs, a)
}

func writeXLSX(w io.Writer, srcs []tableSource, a *answer.Answer) error {
	zw := &storeZip{w: w}
	names := sheetNames(srcs, a != nil)
	var add func(name, body string) error // not inlined at each call (engine size)
	add = func(name, body string) error { return zw.add(name, []byte(body)) }
	var ct, rels, sheets strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, n := range names {
		id := itoa(i + 1)
		ct.WriteString(`<Override PartName="/xl/worksheets/sheet` + id + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
		rels.WriteString(`<Relationship Id="rId` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + id + `.xml"/>`)
		sheets.WriteString(`<sheet name="` + xmlAttr(n) + `" sheetId="` + id + `" r:id="rId` + id + `"/>`)
	}
	ct.WriteString(`</Types>`)
	rels.WriteString(`<Relationship Id="rId` + itoa(len(names)+1) + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)
	if err := add("[Content_Types].xml", ct.String()); err != nil {
		return err
	}
	if err := add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`); err != nil {
		return err
	}
	if err := add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+sheets.String()+`</sheets></workbook>`); err != nil {
		return err
	}
	if err := add("xl/_rels/workbook.xml.rels", rels.String()); err != nil {
		return err
	}
	if err := add("xl/styles.xml", xlsxStyles); err != nil {
		return err
	}
	if a != nil {
		srcs = append(srcs[:len(srcs):len(srcs)], aboutSheet(a))
	}
	for i, s := range srcs {
		var sheet bytes.Buffer
		if err := writeSheet(&sheet, s); err != nil {
			return err
		}
		if err := zw.add("xl/worksheets/sheet"+itoa(i+1)+".xml", sheet.Bytes()); err != nil {
			return err
		}
	}
	return zw.close()
}

// sheetNames makes unique Excel sheet names (31 characters, no []:*?/\).
func sheetNames(srcs []tableSource, about bool) []string {
	var out []string
	seen := map[string]bool{}
	clean := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\`, r) {
				return '-'
			}
			return r
		}, s)
		s = strings.Trim(s, "' ")
		if s == "" {
			s = "Tableau"
		}
		if r := []rune(s); len(r) > 31 {
			s = strings.TrimSpace(string(r[:31]))
		}
		return s
	}
	for i, src := range srcs {
		n := clean(src.title)
		for k := 2; seen[strings.ToLower(n)]; k++ {
			suffix := " " + itoa(k)
			r := []rune(clean(src.title))
			if len(r)+len(suffix) > 31 {
				r = r[:31-len(suffix)]
			}
			n = string(r) + suffix
		}
		if n == "" {
			n = "Tableau " + itoa(i+1)
		}
		seen[strings.ToLower(n)] = true
		out = append(out, n)
	}
	if about {
		out = append(out, "À lire")
	}
	return out
}

// aboutSheet lists what the reader must know of an answer.
func aboutSheet(a *answer.Answer) tableSource {
	var rows [][]any
	var add func(k, v string) // not inlined at each call (engine size)
	add = func(k, v string) { rows = append(rows, []any{k, v}) }
	add("Question", a.Title)
	add("Réponse", a.Sentence)
	if a.Fiche != "" {
		add("Fiche", a.Fiche)
	}
	add("Lignes utilisées", itoa(a.Rows))
	for _, s := range a.Steps {
		add("Étape", s)
	}
	for _, u := range a.Used {
		add("Colonne utilisée", u.Column+" : "+u.How)
	}
	for _, c := range a.Caveats {
		add("À garder en tête", c)
	}
	for _, t := range a.Tables {
		if t.Note != "" {
			add("Note", t.Title+" : "+t.Note)
		}
	}
	add("Produit par", "Coulisses — bac à sable (calcul sur l'appareil, rien n'est envoyé)")
	return tableSource{title: "À lire", cols: []answer.Column{col("Rubrique", answer.Text), col("Contenu", answer.Text)}, n: len(rows),
		row: func(i int, _ []any) []any { return rows[i] }}
}

// writeSheet streams one worksheet.
func writeSheet(w io.Writer, s tableSource) error {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	b.WriteString(`<cols>`)
	for i, c := range s.cols {
		width := 14
		if c.Format == answer.Text {
			width = 24
		}
		if s.title == "À lire" && i == 1 {
			width = 100
		}
		n := itoa(i + 1)
		b.WriteString(`<col min="` + n + `" max="` + n + `" width="` + itoa(width) + `" customWidth="1"/>`)
	}
	b.WriteString(`</cols><sheetData>`)
	b.WriteString(`<row r="1">`)
	for i, c := range s.cols {
		inlineStr(&b, cellRef(i, 1), c.Name, xsHeader)
	}
	b.WriteString(`</row>`)
	var row []any
	wrap := s.title == "À lire"
	for r := 0; r < s.n; r++ {
		row = s.row(r, row)
		rn := itoa(r + 2)
		b.WriteString(`<row r="` + rn + `">`)
		for i, c := range s.cols {
			if i >= len(row) {
				break
			}
			ref := cellRef(i, r+2)
			switch x := row[i].(type) {
			case float64:
				if math.IsNaN(x) || math.IsInf(x, 0) {
					continue
				}
				b.WriteString(`<c r="` + ref + `" s="` + itoa(numStyle(c.Format, x)) + `"><v>` + strconv.FormatFloat(x, 'g', -1, 64) + `</v></c>`)
			case int:
				b.WriteString(`<c r="` + ref + `" s="` + itoa(xsInt) + `"><v>` + itoa(x) + `</v></c>`)
			case string:
				if serial, style, ok := excelSerial(x); ok && c.Format == answer.Text {
					b.WriteString(`<c r="` + ref + `" s="` + itoa(style) + `"><v>` + strconv.FormatFloat(serial, 'g', -1, 64) + `</v></c>`)
					continue
				}
				st := xsDefault
				if wrap {
					st = xsWrap
				}
				inlineStr(&b, ref, x, st)
			}
		}
		b.WriteString(`</row>`)
		if b.Len() > 1<<20 {
			if _, err := w.Write(b.Bytes()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	b.WriteString(`</sheetData></worksheet>`)
	_, err := w.Write(b.Bytes())
	return err
}

//go:noinline
func numStyle(f answer.Format, x float64) int {
	switch f {
	case answer.Int:
		if x == math.Trunc(x) {
			return xsInt
		}
		return xsDecimal
	case answer.Percent:
		return xsPercent
	case answer.Euros:
		return xsEuros
	case answer.Days:
		return xsDays
	case answer.Decimal:
		return xsDecimal
	}
	return xsDefault
}

// excelSerial reads « dd/mm/yyyy » or « dd/mm/yyyy hh:mm » (the way the
// answers write dates) as an Excel serial date.
func excelSerial(s string) (float64, int, bool) {
	if len(s) != 10 && len(s) != 16 || s[2] != '/' || s[5] != '/' {
		return 0, 0, false
	}
	d, ok := parseFilterDate(s)
	if !ok {
		return 0, 0, false
	}
	serial := float64(d.days+25569) + float64(d.secs)/86400
	if len(s) == 16 {
		return serial, xsDateTime, true
	}
	return serial, xsDate, true
}

//go:noinline
func inlineStr(b *bytes.Buffer, ref, s string, style int) {
	b.WriteString(`<c r="` + ref + `" t="inlineStr"`)
	if style != xsDefault {
		b.WriteString(` s="` + itoa(style) + `"`)
	}
	b.WriteString(`><is><t xml:space="preserve">`)
	escapeXML(b, s)
	b.WriteString(`</t></is></c>`)
}

// escapeXML writes s as XML character data: markup characters and
// whitespace that must survive as references escaped, characters XML does
// not allow replaced by U+FFFD (as encoding/xml.EscapeText does, without
// linking encoding/xml into the engine).
func escapeXML(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\t':
			b.WriteString("&#x9;")
		case r == '\n':
			b.WriteString("&#xA;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r < 0x20 || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
}

// cellRef is « A1 », « AB12 ».
//
//go:noinline
func cellRef(col, row int) string {
	var letters []byte
	for c := col + 1; c > 0; c = (c - 1) / 26 {
		letters = append([]byte{byte('A' + (c-1)%26)}, letters...)
	}
	return string(letters) + itoa(row)
}

//go:noinline
func xmlAttr(s string) string {
	var b bytes.Buffer
	escapeXML(&b, s)
	return b.String()
}

// storeZip writes a zip archive of stored entries (no compression).
type storeZip struct {
	w       io.Writer
	off     uint32
	central []byte
	n       uint16
	err     error
}

func (z *storeZip) add(name string, data []byte) error {
	if z.err != nil {
		return z.err
	}
	crc := crc32.ChecksumIEEE(data)
	size := uint32(len(data))
	var h []byte
	h = binary.LittleEndian.AppendUint32(h, 0x04034b50)
	h = binary.LittleEndian.AppendUint16(h, 20)         // version needed
	h = binary.LittleEndian.AppendUint16(h, 0x0800)     // UTF-8 names
	h = binary.LittleEndian.AppendUint16(h, 0)          // stored
	h = binary.LittleEndian.AppendUint32(h, 0x00210000) // 1980-01-01 00:00
	h = binary.LittleEndian.AppendUint32(h, crc)
	h = binary.LittleEndian.AppendUint32(h, size)
	h = binary.LittleEndian.AppendUint32(h, size)
	h = binary.LittleEndian.AppendUint16(h, uint16(len(name)))
	h = binary.LittleEndian.AppendUint16(h, 0)
	h = append(h, name...)
	c := binary.LittleEndian.AppendUint32(nil, 0x02014b50)
	c = binary.LittleEndian.AppendUint16(c, 20)
	c = append(c, h[4:28]...)                  // version needed … name length (same fields)
	c = binary.LittleEndian.AppendUint16(c, 0) // extra length
	c = binary.LittleEndian.AppendUint16(c, 0) // comment length
	c = binary.LittleEndian.AppendUint16(c, 0) // disk
	c = binary.LittleEndian.AppendUint16(c, 0) // internal attributes
	c = binary.LittleEndian.AppendUint32(c, 0) // external attributes
	c = binary.LittleEndian.AppendUint32(c, z.off)
	c = append(c, name...)
	z.central = append(z.central, c...)
	z.n++
	if _, z.err = z.w.Write(h); z.err != nil {
		return z.err
	}
	if _, z.err = z.w.Write(data); z.err != nil {
		return z.err
	}
	z.off += uint32(len(h)) + size
	return nil
}

func (z *storeZip) close() error {
	if z.err != nil {
		return z.err
	}
	e := binary.LittleEndian.AppendUint32(nil, 0x06054b50)
	e = binary.LittleEndian.AppendUint16(e, 0)
	e = binary.LittleEndian.AppendUint16(e, 0)
	e = binary.LittleEndian.AppendUint16(e, z.n)
	e = binary.LittleEndian.AppendUint16(e, z.n)
	e = binary.LittleEndian.AppendUint32(e, uint32(len(z.central)))
	e = binary.LittleEndian.AppendUint32(e, z.off)
	e = binary.LittleEndian.AppendUint16(e, 0)
	if _, err := z.w.Write(z.central); err != nil {
		return err
	}
	_, err := z.w.Write(e)
	return err
}
