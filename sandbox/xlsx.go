package sandbox

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
)

// The .xlsx reader: archive/zip + encoding/xml from the standard library,
// nothing else. It reads the workbook's sheet list, the shared strings, the
// number formats that mark dates, and streams the chosen sheet's cells into
// record batches for the same header/types/refine stages as CSV. Dates
// (numbers with a date format) become ISO text, booleans TRUE/FALSE,
// numbers their stored decimal text; record lines are the sheet's row
// numbers, so « Ligne 12 » is Excel's row 12.

// maxXLSXEntry bounds an uncompressed part (zip bombs).
const maxXLSXEntry = 1 << 30

type xlsxBook struct {
	zr      *zip.Reader
	sheets  []string
	targets []string // part path of each sheet
	strings []string
	dateFmt []uint8 // per style index: 0 not a date, 1 date, 2 date-time
}

func importXLSX(ctx context.Context, data []byte, opts Options) (*Frame, *Report, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, newErr(ErrXLSX, 0, "", "zip")
	}
	book, ierr := openXLSX(zr)
	if ierr != nil {
		return nil, nil, ierr
	}
	idx := 0
	if opts.Sheet != "" {
		idx = -1
		for i, s := range book.sheets {
			if s == opts.Sheet || normName(s) == normName(opts.Sheet) {
				idx = i
				break
			}
		}
		if idx < 0 {
			return nil, nil, &ImportError{Kind: ErrSheet, Column: opts.Sheet, Detail: strings.Join(book.sheets, ", ")}
		}
	}
	if len(book.sheets) == 0 {
		return nil, nil, newErr(ErrXLSX, 0, "", "aucune feuille")
	}
	src, err := book.openSheet(book.targets[idx])
	if err != nil {
		return nil, nil, err
	}
	// sample: the first records, then replay them before the rest
	var sample [][]string
	var pre []xlsxRow
	for len(sample) < 2000 {
		row, ok, err := src.nextRow()
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			break
		}
		pre = append(pre, row)
		sample = append(sample, row.cells)
	}
	src.replay = pre
	d := dialect{dec: '.'}
	d.fields, _ = fieldMode(sample)
	if d.fields == 0 {
		return nil, nil, newErr(ErrEmpty, 0, "", "")
	}
	rep := &Report{Encoding: "xlsx", Sheet: book.sheets[idx], Sheets: book.sheets, Complete: true, Warnings: []*ImportError{}}
	fr, err := importRecords(ctx, src, sample, d, opts, rep, -1, func() int64 { return int64(len(data)) })
	if err != nil {
		return nil, nil, err
	}
	rep.Bytes = int64(len(data))
	rep.Delimiter, rep.Quote, rep.LineEnding = "", "", ""
	finishReport(fr, rep, opts)
	return fr, rep, nil
}

func (b *xlsxBook) part(name string) *zip.File {
	name = strings.TrimPrefix(name, "/")
	for _, f := range b.zr.File {
		if f.Name == name || strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

func (b *xlsxBook) decoder(name string) (*xml.Decoder, io.Closer, *ImportError) {
	f := b.part(name)
	if f == nil {
		return nil, nil, newErr(ErrXLSX, 0, "", name+" manquant")
	}
	if f.UncompressedSize64 > maxXLSXEntry {
		return nil, nil, newErr(ErrTooLarge, 0, "", strconv.FormatUint(f.UncompressedSize64, 10))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, newErr(ErrXLSX, 0, "", name)
	}
	dec := xml.NewDecoder(io.LimitReader(rc, maxXLSXEntry))
	dec.Strict = false
	return dec, rc, nil
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func openXLSX(zr *zip.Reader) (*xlsxBook, *ImportError) {
	b := &xlsxBook{zr: zr}
	if b.part("xl/workbook.xml") == nil {
		if b.part("content.xml") != nil {
			return nil, newErr(ErrXLSX, 0, "", "format OpenDocument .ods")
		}
		return nil, newErr(ErrXLSX, 0, "", "archive zip sans classeur Excel")
	}
	// relationships: id → target
	rels := map[string]string{}
	if dec, c, err := b.decoder("xl/_rels/workbook.xml.rels"); err == nil {
		for {
			tok, e := dec.RawToken()
			if e != nil {
				break
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
				t := attr(se, "Target")
				if !strings.HasPrefix(t, "/") {
					t = path.Join("xl", t)
				}
				rels[attr(se, "Id")] = t
			}
		}
		c.Close()
	}
	dec, c, err := b.decoder("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	for {
		tok, e := dec.RawToken()
		if e != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "sheet" {
			id := ""
			for _, a := range se.Attr {
				if a.Name.Local == "id" {
					id = a.Value
				}
			}
			t := rels[id]
			if t == "" {
				t = "xl/worksheets/sheet" + strconv.Itoa(len(b.sheets)+1) + ".xml"
			}
			b.sheets = append(b.sheets, attr(se, "name"))
			b.targets = append(b.targets, t)
		}
	}
	c.Close()
	if b.part("xl/sharedStrings.xml") != nil {
		if err := b.readSharedStrings(); err != nil {
			return nil, err
		}
	}
	if b.part("xl/styles.xml") != nil {
		b.readStyles()
	}
	return b, nil
}

func (b *xlsxBook) readSharedStrings() *ImportError {
	dec, c, err := b.decoder("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	defer c.Close()
	var cur strings.Builder
	inT, inRPh := false, false
	for {
		tok, e := dec.RawToken()
		if e == io.EOF {
			return nil
		}
		if e != nil {
			return newErr(ErrXLSX, 0, "", "sharedStrings")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
			case "t":
				inT = true
			case "rPh": // phonetic runs are not part of the text
				inRPh = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				b.strings = append(b.strings, cur.String())
			case "t":
				inT = false
			case "rPh":
				inRPh = false
			}
		case xml.CharData:
			if inT && !inRPh {
				cur.Write(t)
			}
		}
	}
}

func (b *xlsxBook) readStyles() {
	dec, c, err := b.decoder("xl/styles.xml")
	if err != nil {
		return
	}
	defer c.Close()
	custom := map[int]string{}
	inXfs := false
	for {
		tok, e := dec.RawToken()
		if e != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				id, _ := strconv.Atoi(attr(t, "numFmtId"))
				custom[id] = attr(t, "formatCode")
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					b.dateFmt = append(b.dateFmt, dateKind(id, custom[id]))
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
}

// dateKind: 0 not a date, 1 date, 2 date and time.
func dateKind(id int, code string) uint8 {
	switch {
	case id >= 14 && id <= 17, id >= 27 && id <= 31, id >= 34 && id <= 36, id >= 50 && id <= 58:
		return 1
	case id == 22:
		return 2
	case id >= 18 && id <= 21, id >= 45 && id <= 47, id == 32 || id == 33:
		return 0 // times of day only: kept as numbers
	}
	if code == "" {
		return 0
	}
	// drop quoted text, escapes and [colour]/[$-locale] sections
	var s strings.Builder
	inQ, inB := false, false
	for i := 0; i < len(code); i++ {
		ch := code[i]
		switch {
		case inQ:
			inQ = ch != '"'
		case inB:
			inB = ch != ']'
		case ch == '"':
			inQ = true
		case ch == '[':
			inB = true
		case ch == '\\' || ch == '_' || ch == '*':
			i++
		default:
			s.WriteByte(lowerASCII(ch))
		}
	}
	f := s.String()
	hasD := strings.ContainsAny(f, "dy") || strings.Contains(f, "mmm") || (strings.Contains(f, "m") && !strings.ContainsAny(f, "hs"))
	hasT := strings.ContainsAny(f, "hs")
	switch {
	case hasD && hasT:
		return 2
	case hasD && !strings.Contains(f, "0") && !strings.Contains(f, "#"):
		return 1
	}
	return 0
}

// ---- sheet streaming ----

type xlsxRow struct {
	cells []string
	line  int64
}

type xlsxSheet struct {
	book   *xlsxBook
	dec    *xml.Decoder
	closer io.Closer
	replay []xlsxRow
	b      batch
	done   bool
	rowNum int64
	err    error
}

func (b *xlsxBook) openSheet(target string) (*xlsxSheet, error) {
	dec, c, err := b.decoder(target)
	if err != nil {
		return nil, err
	}
	return &xlsxSheet{book: b, dec: dec, closer: c}, nil
}

func (s *xlsxSheet) current() *batch { return &s.b }

// next fills a batch with up to maxBatchRecs rows.
func (s *xlsxSheet) next() (bool, error) {
	s.b.buf = s.b.buf[:0]
	s.b.fields = s.b.fields[:0]
	s.b.recs = s.b.recs[:0]
	for len(s.b.recs) < maxBatchRecs/4 && len(s.b.buf) < scanBufSize {
		var row xlsxRow
		if len(s.replay) > 0 {
			row = s.replay[0]
			s.replay = s.replay[1:]
		} else {
			r, ok, err := s.nextRow()
			if err != nil {
				return false, err
			}
			if !ok {
				break
			}
			row = r
		}
		f0 := len(s.b.fields)
		start := len(s.b.buf)
		for _, c := range row.cells {
			st := len(s.b.buf)
			s.b.buf = append(s.b.buf, c...)
			s.b.fields = append(s.b.fields, span{int32(st), int32(len(s.b.buf))})
		}
		s.b.recs = append(s.b.recs, record{f0: int32(f0), nf: int32(len(row.cells)), line: row.line, lines: 1, s: int32(start), e: int32(len(s.b.buf))})
	}
	return len(s.b.recs) > 0, nil
}

// colIndex turns "AB12" into 27 (0-based column).
func colIndex(ref string) int {
	n := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		if c >= 'A' && c <= 'Z' {
			n = n*26 + int(c-'A'+1)
		} else if c >= 'a' && c <= 'z' {
			n = n*26 + int(c-'a'+1)
		} else {
			break
		}
	}
	return n - 1
}

// nextRow reads the next <row> of the sheet.
func (s *xlsxSheet) nextRow() (xlsxRow, bool, error) {
	if s.done {
		return xlsxRow{}, false, nil
	}
	var row xlsxRow
	inRow := false
	var ctype, cref string
	var style int
	var val strings.Builder
	inV, inT, inIs := false, false, false
	for {
		tok, err := s.dec.RawToken()
		if err == io.EOF {
			s.done = true
			s.closer.Close()
			if inRow {
				return row, true, nil
			}
			return row, false, nil
		}
		if err != nil {
			s.done = true
			s.closer.Close()
			return row, false, newErr(ErrXLSX, s.rowNum, "", "feuille illisible")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				inRow = true
				if r, err := strconv.ParseInt(attr(t, "r"), 10, 64); err == nil {
					s.rowNum = r
				} else {
					s.rowNum++
				}
				row.line = s.rowNum
			case "c":
				ctype, cref = attr(t, "t"), attr(t, "r")
				style, _ = strconv.Atoi(attr(t, "s"))
				val.Reset()
			case "v":
				inV = true
			case "is":
				inIs = true
			case "t":
				inT = inIs
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "t":
				inT = false
			case "is":
				inIs = false
			case "c":
				idx := len(row.cells)
				if cref != "" {
					idx = colIndex(cref)
				}
				if idx < 0 || idx > 16384 {
					idx = len(row.cells)
				}
				for len(row.cells) < idx {
					row.cells = append(row.cells, "")
				}
				text := s.book.cellText(ctype, style, val.String())
				if idx < len(row.cells) {
					row.cells[idx] = text
				} else {
					row.cells = append(row.cells, text)
				}
			case "row":
				return row, true, nil
			}
		case xml.CharData:
			if inV || inT {
				val.Write(t)
			}
		}
	}
}

// cellText renders a cell's value as the text the CSV stages read.
func (b *xlsxBook) cellText(t string, style int, v string) string {
	switch t {
	case "s":
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 || i >= len(b.strings) {
			return v
		}
		return b.strings[i]
	case "inlineStr", "str", "e", "d":
		return v
	case "b":
		if v == "1" {
			return "TRUE"
		}
		return "FALSE"
	}
	if style >= 0 && style < len(b.dateFmt) && b.dateFmt[style] != 0 && v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err == nil && f > -700000 && f < 3000000 {
			return excelDate(f, b.dateFmt[style] == 2)
		}
	}
	return v
}

// excelDate formats an Excel serial date (days since 1899-12-30).
func excelDate(f float64, withTime bool) string {
	days := math.Floor(f)
	secs := int64(math.Round((f - days) * 86400))
	d := int64(days) - 25569
	if secs >= 86400 {
		d++
		secs -= 86400
	}
	if !withTime && secs == 0 {
		return FormatDate(d)
	}
	return FormatDateTime(d*86400 + secs)
}
