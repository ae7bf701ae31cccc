package sandbox

import (
	"context"
	"errors"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The .xlsx reader: archive/zip from the standard library and a small XML
// tokenizer (xmlReader, below), nothing else. It reads the workbook's sheet list, the shared strings, the
// number formats that mark dates, and streams the chosen sheet's cells into
// record batches for the same header/types/refine stages as CSV. Dates
// (numbers with a date format) become ISO text, booleans TRUE/FALSE,
// numbers their stored decimal text; record lines are the sheet's row
// numbers, so « Ligne 12 » is Excel's row 12.

// maxXLSXEntry bounds an uncompressed part (zip bombs).
const maxXLSXEntry = 1 << 30

type xlsxBook struct {
	zr      *zipArchive
	sheets  []string
	targets []string // part path of each sheet
	strings []string
	dateFmt []uint8 // per style index: 0 not a date, 1 date, 2 date-time
}

func importXLSX(ctx context.Context, data []byte, opts Options) (*Frame, *Report, error) {
	zr, err := newZipReader(data)
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

func (b *xlsxBook) part(name string) *zipFile {
	name = strings.TrimPrefix(name, "/")
	for _, f := range b.zr.File {
		if f.Name == name || strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

func (b *xlsxBook) decoder(name string) (*xmlReader, io.Closer, *ImportError) {
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
	return newXMLReader(io.LimitReader(rc, maxXLSXEntry)), rc, nil
}

func openXLSX(zr *zipArchive) (*xlsxBook, *ImportError) {
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
			k, e := dec.next()
			if e != nil {
				break
			}
			if k == 's' && dec.is("Relationship") {
				t := dec.attr("Target")
				if !strings.HasPrefix(t, "/") {
					t = path.Join("xl", t)
				}
				rels[dec.attr("Id")] = t
			}
		}
		c.Close()
	}
	dec, c, err := b.decoder("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	for {
		k, e := dec.next()
		if e != nil {
			break
		}
		if k == 's' && dec.is("sheet") {
			t := rels[dec.attr("id")]
			if t == "" {
				t = "xl/worksheets/sheet" + strconv.Itoa(len(b.sheets)+1) + ".xml"
			}
			b.sheets = append(b.sheets, dec.attr("name"))
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
		k, e := dec.next()
		if e == io.EOF {
			return nil
		}
		if e != nil {
			return newErr(ErrXLSX, 0, "", "sharedStrings")
		}
		switch k {
		case 's':
			switch string(dec.name) {
			case "si":
				cur.Reset()
			case "t":
				inT = true
			case "rPh": // phonetic runs are not part of the text
				inRPh = true
			}
		case 'e':
			switch string(dec.name) {
			case "si":
				b.strings = append(b.strings, cur.String())
			case "t":
				inT = false
			case "rPh":
				inRPh = false
			}
		case 't':
			if inT && !inRPh {
				cur.Write(dec.text)
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
		k, e := dec.next()
		if e != nil {
			return
		}
		switch k {
		case 's':
			switch string(dec.name) {
			case "numFmt":
				id, _ := strconv.Atoi(dec.attr("numFmtId"))
				custom[id] = dec.attr("formatCode")
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(dec.attr("numFmtId"))
					b.dateFmt = append(b.dateFmt, dateKind(id, custom[id]))
				}
			}
		case 'e':
			if dec.is("cellXfs") {
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
	dec    *xmlReader
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
	dec := s.dec
	for {
		k, err := dec.next()
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
		switch k {
		case 's':
			switch string(dec.name) {
			case "row":
				inRow = true
				if r, err := strconv.ParseInt(dec.attr("r"), 10, 64); err == nil {
					s.rowNum = r
				} else {
					s.rowNum++
				}
				row.line = s.rowNum
			case "c":
				ctype, cref = dec.attr("t"), dec.attr("r")
				style, _ = strconv.Atoi(dec.attr("s"))
				val.Reset()
			case "v":
				inV = true
			case "is":
				inIs = true
			case "t":
				inT = inIs
			}
		case 'e':
			switch string(dec.name) {
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
		case 't':
			if inV || inT {
				val.Write(dec.text)
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

// ---- XML ----

// xmlReader is the small streaming XML tokenizer the .xlsx reader needs:
// start and end tags (local names, namespace prefixes dropped), attributes,
// text with the predefined and numeric entities decoded, CDATA; it skips
// declarations, processing instructions, comments and doctypes. Like
// encoding/xml's RawToken in non-strict mode it does not check that tags
// match, keeps unknown entities as written and accepts unquoted attribute
// values. It replaces encoding/xml in the engine, where the decoder cost
// ~180 KB of gzip-compressed WebAssembly.
type xmlReader struct {
	r   io.Reader
	buf []byte
	pos int
	end int
	eof bool
	err error

	kind  byte   // 's' start tag, 'e' end tag, 't' text
	name  []byte // local name of the tag (valid until the next call)
	text  []byte // text (valid until the next call)
	attrs []xmlSpan
	abuf  []byte // attribute names and values
	empty bool   // the last start tag was <x/>: an end tag comes next
}

type xmlSpan struct{ ns, ne, vs, ve int32 } // name and value in abuf

var errXML = errors.New("xml: malformed")

func newXMLReader(r io.Reader) *xmlReader {
	return &xmlReader{r: r, buf: make([]byte, 64<<10)}
}

// byte returns the next input byte.
func (x *xmlReader) byte() (byte, bool) {
	if x.pos == x.end && !x.fill() {
		return 0, false
	}
	c := x.buf[x.pos]
	x.pos++
	return c, true
}

func (x *xmlReader) fill() bool {
	if x.eof {
		return false
	}
	n, err := x.r.Read(x.buf)
	x.pos, x.end = 0, n
	if err != nil {
		x.eof = true
		if err != io.EOF {
			x.err = err
		}
	}
	if n == 0 {
		if x.eof {
			return false
		}
		return x.fill()
	}
	return true
}

func (x *xmlReader) unread() { x.pos-- } // after a successful byte()

// attr returns the value of the attribute with local name name ("" if none).
func (x *xmlReader) attr(name string) string {
	for _, a := range x.attrs {
		if string(x.abuf[a.ns:a.ne]) == name {
			return string(x.abuf[a.vs:a.ve])
		}
	}
	return ""
}

// is reports whether the current tag's local name is name.
func (x *xmlReader) is(name string) bool { return string(x.name) == name }

// next reads the next token; io.EOF at the end of the input, errXML (or
// the reader's error) on malformed input.
func (x *xmlReader) next() (byte, error) {
	if x.empty {
		x.empty = false
		x.kind = 'e'
		return 'e', nil
	}
	for {
		c, ok := x.byte()
		if !ok {
			return 0, x.endErr()
		}
		if c != '<' {
			x.unread()
			x.text = x.text[:0]
			for {
				c, ok := x.byte()
				if !ok {
					break
				}
				if c == '<' {
					x.unread()
					break
				}
				x.text = x.textByte(x.text, c)
			}
			x.kind = 't'
			return 't', nil
		}
		c, ok = x.byte()
		if !ok {
			return 0, x.malformed()
		}
		switch c {
		case '/':
			if err := x.readName(); err != nil {
				return 0, err
			}
			for {
				c, ok := x.byte()
				if !ok {
					return 0, x.malformed()
				}
				if c == '>' {
					break
				}
			}
			x.kind = 'e'
			return 'e', nil
		case '?':
			if err := x.skipPast("?>"); err != nil {
				return 0, err
			}
		case '!':
			c, ok := x.byte()
			if !ok {
				return 0, x.malformed()
			}
			switch c {
			case '-':
				if err := x.skipPast("-->"); err != nil {
					return 0, err
				}
			case '[': // <![CDATA[ … ]]>
				for _, want := range []byte("CDATA[") {
					if c, ok := x.byte(); !ok || c != want {
						return 0, x.malformed()
					}
				}
				x.text = x.text[:0]
				for {
					c, ok := x.byte()
					if !ok {
						return 0, x.malformed()
					}
					x.text = append(x.text, c)
					if n := len(x.text); n >= 3 && x.text[n-1] == '>' && x.text[n-2] == ']' && x.text[n-3] == ']' {
						x.text = x.text[:n-3]
						break
					}
				}
				x.kind = 't'
				return 't', nil
			default: // <!DOCTYPE …>
				if err := x.skipPast(">"); err != nil {
					return 0, err
				}
			}
		default:
			x.unread()
			return x.readStart()
		}
	}
}

func (x *xmlReader) endErr() error {
	if x.err != nil {
		return x.err
	}
	return io.EOF
}

func (x *xmlReader) malformed() error {
	if x.err != nil {
		return x.err
	}
	return errXML
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// readName reads a tag name into x.name, keeping the part after the last ':'.
func (x *xmlReader) readName() error {
	x.name = x.name[:0]
	for {
		c, ok := x.byte()
		if !ok {
			return x.malformed()
		}
		if isXMLSpace(c) || c == '>' || c == '/' || c == '=' {
			x.unread()
			break
		}
		if c == ':' {
			x.name = x.name[:0]
			continue
		}
		x.name = append(x.name, c)
	}
	if len(x.name) == 0 {
		return x.malformed()
	}
	return nil
}

func (x *xmlReader) skipSpace() (byte, bool) {
	for {
		c, ok := x.byte()
		if !ok || !isXMLSpace(c) {
			return c, ok
		}
	}
}

// readStart reads a start tag and its attributes.
func (x *xmlReader) readStart() (byte, error) {
	if err := x.readName(); err != nil {
		return 0, err
	}
	x.attrs, x.abuf = x.attrs[:0], x.abuf[:0]
	for {
		c, ok := x.skipSpace()
		if !ok {
			return 0, x.malformed()
		}
		switch c {
		case '>':
			x.kind = 's'
			return 's', nil
		case '/':
			if c, ok := x.byte(); !ok || c != '>' {
				return 0, x.malformed()
			}
			x.kind, x.empty = 's', true
			return 's', nil
		}
		// an attribute: name [= value]
		var a xmlSpan
		a.ns = int32(len(x.abuf))
		for {
			if c == ':' {
				x.abuf = x.abuf[:a.ns]
			} else {
				x.abuf = append(x.abuf, c)
			}
			c, ok = x.byte()
			if !ok {
				return 0, x.malformed()
			}
			if isXMLSpace(c) || c == '=' || c == '>' || c == '/' {
				break
			}
		}
		a.ne = int32(len(x.abuf))
		if isXMLSpace(c) {
			c, ok = x.skipSpace()
			if !ok {
				return 0, x.malformed()
			}
		}
		a.vs = a.ne
		if c != '=' { // a name alone (non-strict): value is the name
			x.unread()
			x.abuf = append(x.abuf, x.abuf[a.ns:a.ne]...)
			a.vs, a.ve = a.ne, int32(len(x.abuf))
			x.attrs = append(x.attrs, a)
			continue
		}
		c, ok = x.skipSpace()
		if !ok {
			return 0, x.malformed()
		}
		if c == '"' || c == '\'' {
			q := c
			for {
				c, ok := x.byte()
				if !ok {
					return 0, x.malformed()
				}
				if c == q {
					break
				}
				if c == '<' {
					return 0, x.malformed()
				}
				x.abuf = x.textByte(x.abuf, c)
			}
		} else { // unquoted (non-strict)
			for {
				if isXMLSpace(c) || c == '>' {
					x.unread()
					break
				}
				x.abuf = x.textByte(x.abuf, c)
				c, ok = x.byte()
				if !ok {
					return 0, x.malformed()
				}
			}
		}
		a.ve = int32(len(x.abuf))
		x.attrs = append(x.attrs, a)
	}
}

// textByte appends text byte c to b: entities decoded, CR LF and lone CR
// read as LF (as XML requires).
func (x *xmlReader) textByte(b []byte, c byte) []byte {
	switch c {
	case '&':
		return x.entity(b)
	case '\r':
		if n, ok := x.byte(); ok && n != '\n' {
			x.unread()
		}
		return append(b, '\n')
	}
	return append(b, c)
}

// entity decodes the entity after '&' (kept as written if unknown).
func (x *xmlReader) entity(b []byte) []byte {
	var name [12]byte
	n := 0
	for n < len(name) {
		c, ok := x.byte()
		if !ok {
			break
		}
		if c == ';' {
			if r, ok := entityRune(name[:n]); ok {
				return utf8.AppendRune(b, r)
			}
			b = append(append(b, '&'), name[:n]...)
			return append(b, ';')
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#') {
			x.unread()
			break
		}
		name[n] = c
		n++
	}
	return append(append(b, '&'), name[:n]...)
}

func entityRune(s []byte) (rune, bool) {
	switch string(s) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(s) < 2 || s[0] != '#' {
		return 0, false
	}
	base, d := rune(10), s[1:]
	if d[0] == 'x' {
		base, d = 16, d[1:]
	}
	if len(d) == 0 {
		return 0, false
	}
	var r rune
	for _, c := range d {
		var v rune
		switch {
		case c >= '0' && c <= '9':
			v = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			v = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			v = rune(c-'A') + 10
		default:
			return 0, false
		}
		r = r*base + v
		if r > utf8.MaxRune {
			return 0, false
		}
	}
	if !utf8.ValidRune(r) {
		return 0, false
	}
	return r, true
}

// skipPast skips the input up to and including s (at most 3 bytes).
func (x *xmlReader) skipPast(s string) error {
	var tail [3]byte
	n := 0
	for {
		c, ok := x.byte()
		if !ok {
			return x.malformed()
		}
		tail[0], tail[1], tail[2] = tail[1], tail[2], c
		n++
		if n >= len(s) && string(tail[3-len(s):]) == s {
			return nil
		}
	}
}
