package sandbox

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"strconv"
	"time"
)

// DefaultMaxBytes is the largest file Import accepts when Options.MaxBytes
// is zero: 512 MiB, about four million rows of a typical ticketing export.
// The browser engine is 32-bit WebAssembly (4 GiB at most, never given
// back), and a larger file would not be analysed in seconds anyway.
const DefaultMaxBytes = 512 << 20

// Options tune an import. The zero value sniffs everything.
type Options struct {
	// Progress, if set, is called after each batch with the bytes read so
	// far and the rows parsed so far.
	Progress func(bytesRead, rows int64)
	// Sheet chooses an .xlsx sheet by name ("" means the first sheet).
	Sheet string
	// Types forces column types by column name (the user's override).
	Types map[string]Type
	// Roles forces column roles by column name (the user's choice).
	Roles map[string]Role
	// MaxBytes refuses larger files (0: DefaultMaxBytes).
	MaxBytes int64
	// Delimiter forces the field delimiter (0: sniffed).
	Delimiter byte
	// Header forces the presence (true) or absence (false) of a header row.
	Header *bool
	// Today is the reference date of quality checks (zero: time.Now()).
	Today time.Time
}

// Report describes an import: what was detected, each column, the quality
// report and the warnings. It marshals to the JSON that `make inspect` prints.
type Report struct {
	Encoding   string         `json:"encoding"`
	BOM        bool           `json:"bom"`
	Delimiter  string         `json:"delimiter"`
	Quote      string         `json:"quote"`
	LineEnding string         `json:"line_ending"`
	Decimal    string         `json:"decimal"`
	Header     bool           `json:"header"`
	Sheet      string         `json:"sheet,omitempty"`
	Sheets     []string       `json:"sheets,omitempty"`
	Rows       int            `json:"rows"`
	FooterRows int            `json:"footer_rows"`
	Footer     []string       `json:"footer,omitempty"`
	Preamble   int            `json:"preamble_rows"`
	BlankRows  int            `json:"blank_rows"`
	Bytes      int64          `json:"bytes"`
	Columns    []ColumnReport `json:"columns"`
	Quality    *Quality       `json:"quality,omitempty"`
	Warnings   []*ImportError `json:"warnings"`
	// Complete is false when some rows could not be read as the others
	// (ragged rows with extra fields): the frame holds what could be read.
	Complete bool `json:"complete"`

	reportExtras
}

// ColumnReport describes one column.
type ColumnReport struct {
	Name     string    `json:"name"`
	Type     Type      `json:"type"`
	Role     Role      `json:"role"`
	Format   string    `json:"format,omitempty"`
	Missing  int       `json:"missing"`
	Invalid  int       `json:"invalid"`
	Examples []string  `json:"examples"`
	Invalids []Invalid `json:"invalid_values,omitempty"`
}

// countingReader counts bytes, enforces the size limit, reports progress
// and checks the context.
type countingReader struct {
	r      io.Reader
	n      int64
	max    int64
	ctx    context.Context
	tooBig bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, newErr(ErrCanceled, 0, "", "")
	}
	if c.tooBig { // io.ReadFull drops an error that comes with a full read: repeat it
		return 0, newErr(ErrTooLarge, 0, "", strconv.FormatInt(c.max, 10))
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		c.tooBig = true
		return n, newErr(ErrTooLarge, 0, "", strconv.FormatInt(c.max, 10))
	}
	return n, err
}

const headSize = 256 << 10

// Import reads a CSV/TSV/text export or an .xlsx workbook into a Frame.
// size is the file size if known (-1 otherwise): files above the limit are
// refused before anything is read. The returned error is an *ImportError
// (errors.Is(err, ErrQuote) …) or the context's error wrapped as
// ErrCanceled; on error no partial Frame is returned.
func Import(ctx context.Context, r io.Reader, size int64, opts Options) (*Frame, *Report, error) {
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if size > max {
		return nil, nil, newErr(ErrTooLarge, 0, "", strconv.FormatInt(size, 10))
	}
	cr := &countingReader{r: r, max: max, ctx: ctx}
	hs := int64(headSize)
	if size >= 0 && size < hs {
		hs = size + 1
	}
	head := make([]byte, hs)
	n, err := io.ReadFull(cr, head)
	head = head[:n]
	final := false
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		final = true
	case err != nil:
		return nil, nil, asImportError(err)
	}
	if len(bytes.TrimSpace(head)) == 0 && final {
		return nil, nil, newErr(ErrEmpty, 0, "", "")
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		data := head
		if !final {
			rest, err := io.ReadAll(cr)
			if err != nil {
				return nil, nil, asImportError(err)
			}
			data = append(head, rest...)
		}
		return importXLSX(ctx, data, opts)
	}
	enc, ierr := sniffEncoding(head, final)
	if ierr != nil {
		return nil, nil, ierr
	}
	rep := &Report{Encoding: enc.name, BOM: enc.bom > 0, Complete: true, Warnings: []*ImportError{}}
	// decoded head for sniffing
	hd := newDecoder(bytes.NewReader(head[enc.bom:]), enc)
	headText, _ := io.ReadAll(hd)
	if len(bytes.TrimSpace(headText)) == 0 && final {
		return nil, nil, newErr(ErrEmpty, 0, "", "")
	}
	d := sniffDialect(headText, final)
	if opts.Delimiter != 0 {
		d.delim = opts.Delimiter
		recs, _, _ := readRecords(headText, d.delim, d.quote, final, sniffRows)
		d.fields, _ = fieldMode(recs)
	}
	sample, _, err := readRecords(headText, d.delim, d.quote, final, 2000)
	if err != nil {
		h := detectHeader(sample, d, opts.Header)
		return nil, nil, fixErrColumn(asImportError(err), h.names)
	}
	src := io.MultiReader(bytes.NewReader(head[enc.bom:]), cr)
	dec := newDecoder(src, enc)
	bufSize := scanBufSize
	if size >= 0 && size+4096 < int64(bufSize) {
		bufSize = int(size) + 4096
	}
	sc := newScanner(dec, d.delim, d.quote, bufSize)
	sc.nl = d.nl
	if len(sample) > 0 {
		w := 0
		for _, r := range sample {
			if len(r) > w {
				w = len(r)
			}
		}
		sc.reserve(w)
	}
	cs := &csvSource{scanner: sc, dec: dec}
	fr, err := importRecords(ctx, cs, sample, d, opts, rep, size, func() int64 { return cr.n })
	if err != nil {
		if cr.tooBig {
			return nil, nil, newErr(ErrTooLarge, 0, "", strconv.FormatInt(max, 10))
		}
		return nil, nil, err
	}
	rep.Bytes = cr.n
	if dec.mixed > 0 {
		w := &ImportError{Kind: WarnMixedEncoding, Count: dec.mixed, Detail: enc.name}
		w.Line = cs.mixedLine
		rep.Warnings = append(rep.Warnings, w)
	}
	sc.batch = batch{} // release the window before the quality pass
	finishReport(fr, rep, opts)
	return fr, rep, nil
}

func asImportError(err error) error {
	var ie *ImportError
	if errors.As(err, &ie) {
		return ie
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return newErr(ErrCanceled, 0, "", err.Error())
	}
	return &ImportError{Kind: ErrBinary, Detail: err.Error()}
}

// importRecords runs header, types and refine over a batch source whose
// first records are those of sample.
func importRecords(ctx context.Context, src batchSource, sample [][]string, d dialect, opts Options, rep *Report, size int64, bytesRead func() int64) (*Frame, error) {
	h := detectHeader(sample, d, opts.Header)
	first := h.skip
	if h.has {
		first++
	}
	data := sample[min(first, len(sample)):]
	// trailing total rows must not sway the types
	for k := 0; k < 3 && len(data) > 1 && len(sample) < 2000; k++ {
		if !isFooter(data[len(data)-1], len(h.names)) && !isBlankRow(data[len(data)-1]) {
			break
		}
		data = data[:len(data)-1]
	}
	nonBlank := 0
	for _, r := range data {
		if !isBlankRow(r) {
			nonBlank++
		}
	}
	if nonBlank == 0 && len(sample) < 2000 {
		if h.has {
			return nil, newErr(ErrHeaderOnly, 0, "", joinShort(h.names))
		}
		return nil, newErr(ErrEmpty, 0, "", "")
	}
	width := len(h.names)
	guesses := inferSample(data, width, h.names, d)
	if size > 16<<20 {
		// the columns are allocated next, for the whole file: let them
		// reuse the sniffing's garbage (the browser engine switches the
		// collector off during an import, and its memory never shrinks)
		runtime.GC()
	}
	cols := make([]*Column, width)
	avg := 100
	if len(sample) > 0 {
		total := 0
		for _, r := range sample {
			for _, f := range r {
				total += len(f) + 1
			}
		}
		avg = total/len(sample) + 1
	}
	capHint := 1024
	if size > 0 {
		capHint = int(size/int64(avg)) + 16
	}
	for c := range cols {
		g := guesses[c]
		col := &Column{Name: h.names[c], Type: g.t, dec: g.dec, dateOrd: g.ord, scale: g.scale, Format: g.format}
		if t, ok := lookupOverride(opts.Types, col.Name); ok && t != col.Type {
			col.Type, col.Format, col.scale = t, "", 0
			g.numericID = false
		}
		col.stor = storageOf(col.Type)
		if col.Type == Identifier && g.numericID {
			col.stor = storInt
		}
		col.init3(capHint, sampleWidth(col, data, c, capHint))
		cols[c] = col
	}
	for name := range opts.Types {
		if _, ok := lookupOverrideCol(cols, name); !ok {
			return nil, &ImportError{Kind: ErrUnknownCol, Column: name}
		}
	}
	rf := newRefiner(cols, first, capHint)
	for {
		if err := ctx.Err(); err != nil {
			return nil, newErr(ErrCanceled, 0, "", "")
		}
		ok, err := src.next()
		if err != nil {
			return nil, fixErrColumn(asImportError(err), h.names)
		}
		if !ok {
			break
		}
		rf.consume(src.current())
		if opts.Progress != nil {
			opts.Progress(bytesRead(), int64(rf.rows))
		}
	}
	if rf.rows == 0 {
		if h.has {
			return nil, newErr(ErrHeaderOnly, 0, "", joinShort(h.names))
		}
		return nil, newErr(ErrEmpty, 0, "", "")
	}
	src = nil // let the collector take the scanner's buffers before the quality pass
	foot := rf.finishFooter()
	if rf.rows == 0 {
		return nil, newErr(ErrHeaderOnly, 0, "", joinShort(h.names))
	}
	for _, c := range cols {
		c.finish()
	}
	// drop unnamed columns that are entirely empty (trailing delimiters)
	kept := cols[:0]
	for i, c := range cols {
		if c.Missing() == c.n && c.nInvalid == 0 && c.Name == "Colonne "+strconv.Itoa(i+1) && h.has {
			continue
		}
		kept = append(kept, c)
	}
	cols = kept
	fr := &Frame{cols: cols, rows: rf.rows, lines: rf.lines}
	if fr.lines.base < 0 {
		fr.lines.base = 0
	}
	rep.Delimiter = delimName(d.delim)
	if d.quote != 0 {
		rep.Quote = string(d.quote)
	}
	rep.LineEnding = d.lineEnding
	rep.Header = h.has
	rep.Rows = rf.rows
	rep.Preamble = h.skip
	rep.BlankRows = rf.blank
	rep.FooterRows = len(foot)
	for _, t := range foot {
		rep.Footer = append(rep.Footer, joinFields(t.fields, rep.Delimiter))
	}
	if len(foot) > 0 {
		rep.Warnings = append(rep.Warnings, &ImportError{Kind: WarnFooter, Line: foot[0].line, Count: int64(len(foot)), Detail: rep.Footer[0]})
	}
	if h.skip > 0 {
		rep.Warnings = append(rep.Warnings, &ImportError{Kind: WarnPreamble, Line: 1, Count: int64(h.skip), Detail: joinShort(sample[0])})
	}
	if rf.blank > 0 {
		rep.Warnings = append(rep.Warnings, &ImportError{Kind: WarnBlankRows, Count: int64(rf.blank)})
	}
	if rf.short+rf.long > 0 {
		line := rf.firstShort
		if rf.long > 0 && (line == 0 || rf.firstLong < line) {
			line = rf.firstLong
		}
		w := &ImportError{Kind: WarnRaggedRows, Line: line, Count: int64(rf.short + rf.long),
			Detail: strconv.Itoa(rf.short) + " short, " + strconv.Itoa(rf.long) + " long, expected " + strconv.Itoa(width)}
		if (rf.short+rf.long)*5 > rf.rows && rf.short+rf.long > 10 {
			return nil, &ImportError{Kind: ErrFieldCount, Line: line, Count: w.Count, Detail: w.Detail}
		}
		rep.Warnings = append(rep.Warnings, w)
		if rf.long > 0 {
			rep.Complete = false
		}
	}
	for _, name := range rf.demoted {
		rep.Warnings = append(rep.Warnings, &ImportError{Kind: WarnDemoted, Column: name})
	}
	rep.exampleCols = rf.examples
	rep.hashes = rf.hashes
	rep.exampleNames = make([]string, len(rf.examples))
	for i := range rf.examples {
		rep.exampleNames[i] = h.names[i]
	}
	return fr, nil
}

// sampleWidth picks the starting width of a column's storage from the
// sample rows (a wider start avoids copying the column when it widens).
func sampleWidth(col *Column, rows [][]string, ci, capHint int) uint8 {
	switch col.stor {
	case storInt:
		w := initWidth(col.Type)
		for _, r := range rows {
			if ci < len(r) {
				if b := trimSpace([]byte(r[ci])); !isMissing(b) {
					if v, _, ok := col.parse(b); ok {
						w = max(w, intWidth(v))
					}
				}
			}
		}
		return w
	case storDict:
		seen := map[string]bool{}
		n := 0
		for _, r := range rows {
			if ci < len(r) {
				if b := trimSpace([]byte(r[ci])); !isMissing(b) {
					seen[string(b)] = true
					n++
				}
			}
		}
		switch d := len(seen); {
		case d*2 > n && n >= 500 && capHint > 1<<17:
			return 4 // mostly distinct values in a large file
		case d > 128:
			return 2
		}
		return 1
	}
	return 0
}

func lookupOverride[V any](m map[string]V, name string) (V, bool) {
	var zero V
	if v, ok := m[name]; ok {
		return v, true
	}
	k := normName(name)
	for n, v := range m {
		if normName(n) == k {
			return v, true
		}
	}
	return zero, false
}

func lookupOverrideCol(cols []*Column, name string) (*Column, bool) {
	for _, c := range cols {
		if c.Name == name || normName(c.Name) == normName(name) {
			return c, true
		}
	}
	return nil, false
}

// fixErrColumn names the column of an error that knows only its index.
func fixErrColumn(err error, names []string) error {
	var ie *ImportError
	if errors.As(err, &ie) && ie.Column == "" && ie.field > 0 && ie.field <= len(names) {
		ie.Column = names[ie.field-1]
	}
	return err
}

func delimName(d byte) string {
	if d == 0 {
		return ""
	}
	return string(d)
}

func joinFields(f []string, sep string) string {
	if sep == "" {
		sep = " "
	}
	s := ""
	for i, x := range f {
		if i > 0 {
			s += sep
		}
		s += x
	}
	return excerpt([]byte(s))
}

func joinShort(f []string) string { return joinFields(f, " | ") }

// csvSource is the scanner plus the decoder's mixed-encoding position,
// turned into a line number while the bytes are still in the window.
type csvSource struct {
	*scanner
	dec       *decoder
	mixedLine int64
}

func (c *csvSource) next() (bool, error) {
	ok, err := c.scanner.next()
	if ok && c.mixedLine == 0 && c.dec.mixedAt >= 0 {
		rel := c.dec.mixedAt - c.consumed
		for k := range c.recs {
			if int64(c.recs[k].e) > rel && int64(c.recs[k].s) <= rel {
				c.mixedLine = c.recs[k].line + int64(bytes.Count(c.buf[c.recs[k].s:rel], []byte{c.nl}))
				break
			}
		}
	}
	return ok, err
}
