package sandbox

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// xlsxCell is a test cell: a string (shared), a float64 (number), a
// bool, or xlsxDate (a serial number with a date style).
type xlsxDate float64

// makeXLSX writes a minimal workbook with the given sheets (test helper).
func makeXLSX(t testing.TB, sheets map[string][][]any, order []string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	var shared []string
	sidx := map[string]int{}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	var wb, rels strings.Builder
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, name := range order {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, name, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		var sh strings.Builder
		sh.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		for r, row := range sheets[name] {
			fmt.Fprintf(&sh, `<row r="%d">`, r+1)
			for c, v := range row {
				ref := fmt.Sprintf("%c%d", 'A'+c, r+1)
				switch x := v.(type) {
				case nil:
				case string:
					k, ok := sidx[x]
					if !ok {
						k = len(shared)
						sidx[x] = k
						shared = append(shared, x)
					}
					fmt.Fprintf(&sh, `<c r="%s" t="s"><v>%d</v></c>`, ref, k)
				case float64:
					fmt.Fprintf(&sh, `<c r="%s"><v>%v</v></c>`, ref, x)
				case bool:
					b := 0
					if x {
						b = 1
					}
					fmt.Fprintf(&sh, `<c r="%s" t="b"><v>%d</v></c>`, ref, b)
				case xlsxDate:
					fmt.Fprintf(&sh, `<c r="%s" s="1"><v>%v</v></c>`, ref, float64(x))
				}
			}
			sh.WriteString(`</row>`)
		}
		sh.WriteString(`</sheetData></worksheet>`)
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), sh.String())
	}
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	put("xl/workbook.xml", wb.String())
	put("xl/_rels/workbook.xml.rels", rels.String())
	var ss strings.Builder
	ss.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for _, s := range shared {
		ss.WriteString(`<si><t xml:space="preserve">`)
		xmlEscape(&ss, s)
		ss.WriteString(`</t></si>`)
	}
	ss.WriteString(`</sst>`)
	put("xl/sharedStrings.xml", ss.String())
	put("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func xmlEscape(b *strings.Builder, s string) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	b.WriteString(r.Replace(s))
}

func billetterieXLSX(t testing.TB) []byte {
	ventes := [][]any{{"N° commande", "Date d'achat", "Spectacle", "Prix", "Code postal", "Opt-in"}}
	for i := 0; i < 30; i++ {
		// 45366.8125 = 2024-03-15 19:30
		ventes = append(ventes, []any{float64(1000 + i), xlsxDate(45366.8125 + float64(i)), []string{"Phèdre", "Cœur & âme", "<Ondine>"}[i%3], 12.5 + float64(i%3), []string{"01000", "75011"}[i%2], i%2 == 0})
	}
	ventes = append(ventes, []any{"Total", nil, nil, 450.0, nil, nil})
	notes := [][]any{{"Note"}, {"Saison 2024-2025"}}
	return makeXLSX(t, map[string][][]any{"Notes": notes, "Ventes": ventes}, []string{"Notes", "Ventes"})
}

func TestXLSX(t *testing.T) {
	data := billetterieXLSX(t)
	f, rep, err := Import(context.Background(), bytes.NewReader(data), int64(len(data)), Options{Sheet: "ventes", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sheet != "Ventes" || len(rep.Sheets) != 2 || rep.Rows != 30 || rep.FooterRows != 1 || rep.Encoding != "xlsx" {
		t.Fatalf("report: sheet %q %v rows %d footer %d", rep.Sheet, rep.Sheets, rep.Rows, rep.FooterRows)
	}
	want := map[string]Type{"N° commande": Identifier, "Date d'achat": DateTime, "Spectacle": Text, "Prix": Decimal, "Code postal": Postcode, "Opt-in": Boolean}
	for _, c := range rep.Columns {
		if want[c.Name] != c.Type {
			t.Errorf("%s: %v, want %v", c.Name, c.Type, want[c.Name])
		}
	}
	if got := f.Col("Date d'achat").String(0); got != "2024-03-15 19:30:00" {
		t.Errorf("date %q", got)
	}
	if got := f.Col("Spectacle").String(1); got != "Cœur & âme" {
		t.Errorf("shared string %q", got)
	}
	if got := f.Col("Code postal").String(0); got != "01000" {
		t.Errorf("postcode %q", got)
	}
	if f.Line(0) != 2 {
		t.Errorf("line = Excel row: %d", f.Line(0))
	}
	// first sheet by default
	_, rep, err = Import(context.Background(), bytes.NewReader(data), -1, Options{})
	if err != nil || rep.Sheet != "Notes" || rep.Rows != 1 {
		t.Errorf("default sheet: %v %+v", err, rep)
	}
	if _, _, err := Import(context.Background(), bytes.NewReader(data), -1, Options{Sheet: "Budget"}); !errors.Is(err, ErrSheet) {
		t.Errorf("missing sheet: %v", err)
	}
	if _, _, err := Import(context.Background(), bytes.NewReader(data[:len(data)/2]), -1, Options{}); !errors.Is(err, ErrXLSX) {
		t.Errorf("truncated xlsx: %v", err)
	}
	if os.Getenv("WRITE_XLSX_FIXTURE") != "" {
		os.WriteFile("testdata/billetterie.xlsx", data, 0o644)
	}
}

func TestDateKind(t *testing.T) {
	for code, want := range map[string]uint8{"dd/mm/yyyy": 1, "dd/mm/yyyy\\ hh:mm": 2, "0.00": 0, `#,##0.00\ "€"`: 0, "[$-40C]d mmmm yyyy": 1, "h:mm": 0, "General": 0, "mmm-yy": 1} {
		if got := dateKind(164, code); got != want {
			t.Errorf("dateKind(%q) = %d, want %d", code, got, want)
		}
	}
}

// xmlTokens lists the tokens of doc as read by xmlReader, and as read by
// encoding/xml's RawToken in non-strict mode (local names, text merged).
func xmlTokens(doc string) (got, want []string, gerr, werr error) {
	add := func(out []string, s string) []string {
		if strings.HasPrefix(s, "t:") && len(out) > 0 && strings.HasPrefix(out[len(out)-1], "t:") {
			out[len(out)-1] += s[2:]
			return out
		}
		return append(out, s)
	}
	x := newXMLReader(strings.NewReader(doc))
	for {
		k, err := x.next()
		if err != nil {
			if err != io.EOF {
				gerr = err
			}
			break
		}
		switch k {
		case 's':
			s := "s:" + string(x.name)
			for _, a := range x.attrs {
				s += " " + string(x.abuf[a.ns:a.ne]) + "=" + string(x.abuf[a.vs:a.ve])
			}
			got = add(got, s)
		case 'e':
			got = add(got, "e:"+string(x.name))
		case 't':
			if len(x.text) > 0 {
				got = add(got, "t:"+string(x.text))
			}
		}
	}
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if err != nil {
			if err != io.EOF {
				werr = err
			}
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s := "s:" + t.Name.Local
			for _, a := range t.Attr {
				s += " " + a.Name.Local + "=" + a.Value
			}
			want = add(want, s)
		case xml.EndElement:
			want = add(want, "e:"+t.Name.Local)
		case xml.CharData:
			if len(t) > 0 {
				want = add(want, "t:"+string(t))
			}
		}
	}
	return
}

func TestXMLReader(t *testing.T) {
	for _, doc := range []string{
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<sst xmlns="http://x" count="2"><si><t xml:space="preserve">Cœur &amp; âme &lt;3&gt; &quot;x&quot; &apos;y&apos;</t></si><si><r><t>a</t></r><rPh sb="0"><t>ふ</t></rPh></si></sst>`,
		`<x:worksheet xmlns:x="u" xmlns:r="v"><x:row r="3" spans='1:2'><x:c r="B3" t="inlineStr"><x:is><x:t>a&#233;&#x20AC;&bogus;&amp</x:t></x:is></x:c></x:row></x:worksheet>`,
		`<a><!-- comment --><!----><![CDATA[<raw> & ]]]]><![CDATA[>]]><?pi stuff?><b/>text` + "\r\nline\rend" + `</a>`,
		`<!DOCTYPE a><a k = "v" >x</a >`,
		`<c r="A1" s="1"><v>45366.8125</v></c>`,
	} {
		got, want, gerr, werr := xmlTokens(doc)
		if gerr != nil || werr != nil || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s\n got %q %v\nwant %q %v", doc, got, gerr, want, werr)
		}
	}
	for _, bad := range []string{`<a`, `<a b="x`, `<![CDATA[x`, `<!-- x`, `</`} {
		x := newXMLReader(strings.NewReader(bad))
		var err error
		for err == nil {
			_, err = x.next()
		}
		if err == io.EOF {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzXML: on documents built from the fuzz input (tags, attributes, text
// with entities, CDATA, comments), xmlReader and encoding/xml agree.
func FuzzXML(f *testing.F) {
	f.Add([]byte("\x00\x01abc\x02\x03&<>\x04\x05"))
	f.Add([]byte("\x01\x01\x01\x02\x02\x06\x07"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var b strings.Builder
		var open []string
		names := []string{"a", "x:b", "row", "c", "si", "t"}
		for i := 0; i < len(in); i++ {
			op, arg := in[i]%8, int(in[i]/8)
			switch op {
			case 0, 1: // open a tag with an attribute or two
				n := names[arg%len(names)]
				b.WriteString("<" + n)
				if arg%3 > 0 {
					fmt.Fprintf(&b, ` r="%d" x:t='v&amp;%d'`, arg, arg%5)
				}
				if arg%4 == 0 {
					b.WriteString("/>")
				} else {
					b.WriteString(">")
					open = append(open, n)
				}
			case 2: // close
				if len(open) > 0 {
					b.WriteString("</" + open[len(open)-1] + ">")
					open = open[:len(open)-1]
				}
			case 3: // text, made valid UTF-8
				if i+1 < len(in) {
					i++
					s := strings.ToValidUTF8(string(in[i:min(i+1+arg%5, len(in))]), "?")
					i += len(in[i:min(i+1+arg%5, len(in))]) - 1
					r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\x00", "0")
					b.WriteString(r.Replace(s))
				}
			case 4:
				b.WriteString([]string{"&lt;", "&#233;", "&#x20AC;", "&quot;", "\r\n", "\r"}[arg%6])
			case 5:
				b.WriteString("<![CDATA[" + []string{"", "a]b", "<x>", "]]"}[arg%4] + "]]>")
			case 6:
				b.WriteString("<!--" + []string{"", "-", "a-b", "<x>"}[arg%4] + "-->")
			case 7:
				b.WriteString("<?p " + []string{"", "?", "a"}[arg%3] + "?>")
			}
		}
		for len(open) > 0 {
			b.WriteString("</" + open[len(open)-1] + ">")
			open = open[:len(open)-1]
		}
		doc := b.String()
		got, want, gerr, werr := xmlTokens(doc)
		if werr != nil {
			return // not for this comparison
		}
		if gerr != nil || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("%q\n got %q %v\nwant %q", doc, got, gerr, want)
		}
	})
}
