package sandbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

var today = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

func importFile(t *testing.T, name string, opts Options) (*Frame, *Report, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if opts.Today.IsZero() {
		opts.Today = today
	}
	return Import(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
}

type colWant struct {
	name    string
	typ     Type
	role    Role
	missing int
	invalid int
	ex0     string
}

func TestImportFixtures(t *testing.T) {
	tests := []struct {
		file                     string
		enc, delim, dec, lineEnd string
		rows, footer, preamble   int
		cols                     []colWant
		warn                     []Kind
	}{
		{file: "fr_cp1252_footer.csv", enc: EncCP1252, delim: ";", dec: ",", lineEnd: "crlf", rows: 40, footer: 1,
			cols: []colWant{
				{"N° commande", Identifier, RoleOrderID, 0, 0, "1000"},
				{"N° client", Identifier, RoleCustomerID, 0, 0, "200"},
				{"Date d'achat", DateTime, RolePurchaseDate, 0, 0, "01/03/2024 10:00"},
				{"Date de représentation", DateTime, RoleShowDate, 0, 0, "01/04/2024 20:30"},
				{"Spectacle", Text, RoleEvent, 0, 0, "Le Misanthrope"},
				{"Discipline", Text, RoleDiscipline, 0, 0, "Théâtre"},
				{"Tarif", Text, RoleTariff, 0, 0, "Plein"},
				{"Canal", Text, RoleChannel, 0, 0, "Web"},
				{"Prix", Decimal, RolePrice, 0, 0, "12,50"},
				{"Code postal", Postcode, RolePostcode, 0, 0, "01000"},
				{"Année de naissance", Integer, RoleBirthYear, 6, 0, "1951"},
				{"Opt-in", Boolean, RoleOptIn, 0, 0, "Non"},
			}, warn: []Kind{WarnFooter}},
		{file: "excel_unicode_utf16le.txt", enc: EncUTF16LE, delim: "\t", lineEnd: "crlf", rows: 25,
			cols: []colWant{
				{"Nom", Text, RoleName, 0, 0, "Dupont"},
				{"Prénom", Text, RoleName, 0, 0, "Élise"},
				{"E-mail", Text, RoleEmail, 0, 0, "élise.dupont@exemple.fr"},
				{"Téléphone", Text, RolePhone, 0, 0, "06 00 34 56 78"},
				{"Date de naissance", Date, RoleBirthDate, 0, 0, "01/01/1960"},
				{"Ville", Text, RoleCity, 0, 0, "Lyon"},
				{"Code postal", Postcode, RolePostcode, 0, 0, "69001"},
				{"Nombre de billets", Integer, RoleQuantity, 0, 0, "1"},
			}},
		{file: "secutix_pipe.csv", enc: EncUTF8, delim: "|", lineEnd: "lf", rows: 30,
			cols: []colWant{
				{"Order ID", Identifier, RoleOrderID, 0, 0, "5000000"},
				{"Contact number", Identifier, RoleCustomerID, 0, 0, "900000"},
				{"Performance date", DateTime, RoleShowDate, 0, 0, "01.01.2024 19:30"},
				{"Event", Text, RoleEvent, 0, 0, "Don Giovanni"},
				{"Genre", Text, RoleDiscipline, 0, 0, "Opéra"},
				{"Amount (cents)", Decimal, RolePrice, 0, 0, "2500"},
				{"Is subscriber", Boolean, RoleNone, 0, 0, "TRUE"},
				{"Sales channel", Text, RoleChannel, 0, 0, "Internet"},
			}},
		{file: "eventbrite_comma.csv", enc: EncUTF8, delim: ",", dec: ".", lineEnd: "crlf", rows: 30,
			cols: []colWant{
				{"Order #", Identifier, RoleOrderID, 0, 0, "3100000"},
				{"Order Date", DateTime, RolePurchaseDate, 0, 0, "1/1/24 8:00"},
				{"Quantity", Integer, RoleQuantity, 0, 0, "1"},
				{"Total Paid", Decimal, RolePrice, 0, 0, "25.00"},
				{"Event Name", Text, RoleEvent, 0, 0, "Jazz Night, Vol. 0"},
			}},
		{file: "quebec_fsa.csv", enc: EncUTF8, delim: ";", dec: ",", lineEnd: "lf", rows: 20,
			cols: []colWant{
				{"No client", Identifier, RoleCustomerID, 0, 0, "40000"},
				{"Code postal", Postcode, RolePostcode, 0, 0, "H2X 1Y4"},
				{"Date de l'achat", Date, RolePurchaseDate, 0, 0, "2024-05-01"},
				{"Montant", Decimal, RolePrice, 0, 0, "45,00 $"},
				{"Courriel", Text, RoleEmail, 0, 0, "luc0@courriel.ca"},
				{"Salle", Text, RoleVenue, 0, 0, "Salle Wilfrid-Pelletier"},
			}},
		{file: "preamble_cr_multiline.csv", enc: EncUTF8, delim: ";", lineEnd: "cr", rows: 10, preamble: 2,
			cols: []colWant{
				{"Date", Date, RoleShowDate, 0, 0, "01/03/2024"},
				{"Commentaire", Text, RoleNone, 0, 0, "Très bien\rmerci"},
				{"Quantité", Integer, RoleQuantity, 0, 0, "1"},
			}, warn: []Kind{WarnPreamble}},
		{file: "invalid_values.csv", enc: EncUTF8, delim: ";", lineEnd: "lf", rows: 60,
			cols: []colWant{
				{"Date", Date, RoleShowDate, 0, 1, "01/01/2024"},
				{"Prix", Decimal, RolePrice, 0, 1, "0,00"},
				{"Quantité", Integer, RoleQuantity, 0, 1, "0"},
			}, warn: []Kind{WarnInvalidValues}},
		{file: "mixed_encoding.csv", enc: EncUTF8, delim: ";", lineEnd: "lf", rows: 22, warn: []Kind{WarnMixedEncoding}},
		{file: "one_column.csv", enc: EncUTF8, delim: "", lineEnd: "lf", rows: 3,
			cols: []colWant{{"Courriel", Text, RoleEmail, 0, 0, "ann@example.com"}}, warn: []Kind{WarnOneColumn}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, rep, err := importFile(t, tt.file, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Encoding != tt.enc || rep.Delimiter != tt.delim || rep.LineEnding != tt.lineEnd {
				t.Errorf("encoding/delimiter/line ending = %q %q %q, want %q %q %q", rep.Encoding, rep.Delimiter, rep.LineEnding, tt.enc, tt.delim, tt.lineEnd)
			}
			if tt.dec != "" && rep.Decimal != tt.dec {
				t.Errorf("decimal = %q, want %q", rep.Decimal, tt.dec)
			}
			if rep.Rows != tt.rows || f.NumRows() != tt.rows || rep.FooterRows != tt.footer || rep.Preamble != tt.preamble {
				t.Errorf("rows/footer/preamble = %d %d %d, want %d %d %d", rep.Rows, rep.FooterRows, rep.Preamble, tt.rows, tt.footer, tt.preamble)
			}
			byName := map[string]ColumnReport{}
			for _, c := range rep.Columns {
				byName[c.Name] = c
			}
			for _, w := range tt.cols {
				c, ok := byName[w.name]
				if !ok {
					t.Errorf("no column %q", w.name)
					continue
				}
				if c.Type != w.typ || c.Role != w.role || c.Missing != w.missing || c.Invalid != w.invalid {
					t.Errorf("column %q: type %v role %q missing %d invalid %d, want %v %q %d %d", w.name, c.Type, c.Role, c.Missing, c.Invalid, w.typ, w.role, w.missing, w.invalid)
				}
				if len(c.Examples) == 0 || c.Examples[0] != w.ex0 {
					t.Errorf("column %q: examples %q, want first %q", w.name, c.Examples, w.ex0)
				}
			}
			for _, k := range tt.warn {
				found := false
				for _, w := range rep.Warnings {
					if w.Kind == k {
						found = true
					}
				}
				if !found {
					t.Errorf("missing warning %s in %v", k, rep.Warnings)
				}
			}
		})
	}
}

func TestImportValues(t *testing.T) {
	f, _, err := importFile(t, "fr_cp1252_footer.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	prix := f.Col("Prix")
	if prix.Float(0) != 12.5 || prix.Float(3) != 1234 {
		t.Errorf("Prix = %v %v", prix.Float(0), prix.Float(3))
	}
	cp := f.Col("code postal")
	if cp.String(0) != "01000" || cp.String(4) != "06000" {
		t.Errorf("postcodes lost their zeros: %q %q", cp.String(0), cp.String(4))
	}
	d := f.Col("Date d'achat")
	if d.String(0) != "2024-03-01 10:00:00" {
		t.Errorf("date = %q", d.String(0))
	}
	if got := f.Col("Spectacle").String(1); got != `"Cœur; battant" – création` {
		t.Errorf("quoted title = %q", got)
	}
	if f.Line(0) != 2 || f.Line(39) != 41 {
		t.Errorf("lines %d %d", f.Line(0), f.Line(39))
	}
	sec, _, err := importFile(t, "secutix_pipe.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a := sec.Col("Amount (cents)"); a.Float(0) != 25 || a.Float(1) != 45.5 {
		t.Errorf("cents: %v %v", a.Float(0), a.Float(1))
	}
	if b := sec.Col("Is subscriber"); b.Int(0) != 1 || b.Int(1) != 0 {
		t.Errorf("booleans")
	}
	ev, _, err := importFile(t, "eventbrite_comma.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 12/13/24 (row 12: m=1, d=13 → 1/13/24)
	if got := ev.Col("Order Date").String(12); got != "2024-01-13 08:12:00" {
		t.Errorf("m/d/yy = %q", got)
	}
	pre, _, err := importFile(t, "preamble_cr_multiline.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if pre.Line(0) != 4 || pre.Line(1) != 6 {
		t.Errorf("multi-line records: lines %d %d", pre.Line(0), pre.Line(1))
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		file string
		kind Kind
		line int64
		col  string
	}{
		{"bad_empty.csv", ErrEmpty, 0, ""},
		{"bad_binary.csv", ErrBinary, 0, ""},
		{"bad_pdf.csv", ErrPDF, 0, ""},
		{"bad_ragged.csv", ErrFieldCount, 2, ""},
		{"bad_header_only.csv", ErrHeaderOnly, 0, ""},
		{"bad_unclosed_quote.csv", ErrQuote, 3, "Spectacle"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, rep, err := importFile(t, tt.file, Options{})
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want %s", err, tt.kind)
			}
			if f != nil || rep != nil {
				t.Error("partial results returned with an error")
			}
			var ie *ImportError
			if !errors.As(err, &ie) || ie.Line != tt.line || ie.Column != tt.col {
				t.Errorf("error %+v, want line %d column %q", ie, tt.line, tt.col)
			}
		})
	}
}

// Narrow storage widens when a later value needs it, in the fast loops and
// in Column.add, and the values read back exactly.
func TestWidening(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Quantité;Année;N° client;Date d'achat;Jour;Ville;Libellé;Flag\n")
	const n = 70000 // more than one batch of 65 536 records, more codes than 16 bits
	want := make([][]string, n)
	for i := 0; i < n; i++ {
		q := strconv.Itoa(i % 100)         // int8, then int16, then int32, then int64
		year := strconv.Itoa(1950 + i%60)  // int16
		id := strconv.Itoa(1000 + i)       // int32, then int64
		dt := "15/03/2024 20:30"           // int32 seconds, then beyond 2038
		day := "15/03/2024"                // Date, then a time: DateTime
		ville := "V" + strconv.Itoa(i%300) // 1-byte codes, then 2
		code := "L " + strconv.Itoa(i)     // 2-byte codes, then 4
		flag := []string{"oui", "non", ""}[i%3]
		switch {
		case i == 40000:
			q = "300"
		case i == 50000:
			q = "70000"
		case i == 60000:
			q = "5000000000"
		}
		if i == 45000 {
			id = "9000000000"
		}
		if i == 55000 {
			dt = "01/01/2050 10:00"
		}
		if i == 42000 {
			day = "16/03/2024 10:15"
		}
		fmt.Fprintf(&b, "%s;%s;%s;%s;%s;%s;%s;%s\n", q, year, id, dt, day, ville, code, flag)
		want[i] = []string{q, year, id, dt, day, ville, code, flag}
	}
	f, _, err := Import(context.Background(), bytes.NewReader(b.Bytes()), int64(b.Len()), Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if f.NumRows() != n {
		t.Fatalf("%d rows", f.NumRows())
	}
	cols := f.Columns()
	wantType := []Type{Integer, Integer, Identifier, DateTime, DateTime, Text, Text, Boolean}
	for j, c := range cols {
		if c.Type != wantType[j] {
			t.Errorf("%s: type %v, want %v", c.Name, c.Type, wantType[j])
		}
	}
	for i := 0; i < n; i++ {
		w := want[i]
		checks := []struct {
			c    *Column
			want string
		}{
			{cols[0], w[0]}, {cols[1], w[1]}, {cols[2], w[2]}, {cols[5], w[5]}, {cols[6], w[6]},
		}
		for _, ch := range checks {
			if got := ch.c.String(i); got != ch.want {
				t.Fatalf("row %d %s: %q, want %q", i, ch.c.Name, got, ch.want)
			}
		}
		if p, _ := parseDate([]byte(w[3]), orderDMY); cols[3].Int(i) != p.days*86400+p.secs {
			t.Fatalf("row %d date-time %d", i, cols[3].Int(i))
		}
		if p, _ := parseDate([]byte(w[4]), orderDMY); cols[4].Int(i) != p.days*86400+p.secs {
			t.Fatalf("row %d day %d", i, cols[4].Int(i))
		}
		if got := cols[7].String(i); got != map[string]string{"oui": "true", "non": "false", "": ""}[w[7]] {
			t.Fatalf("row %d flag %q", i, got)
		}
	}
	if cols[0].w != 8 || cols[2].w != 8 || cols[3].w != 8 || cols[6].w != 4 || cols[5].w != 2 || cols[7].w != 1 || cols[1].w != 2 {
		t.Errorf("widths %d %d %d %d %d %d %d", cols[0].w, cols[1].w, cols[2].w, cols[3].w, cols[5].w, cols[6].w, cols[7].w)
	}
	if got := len(cols[0].Ints()); got != n {
		t.Errorf("Ints: %d values", got)
	}
	if got := cols[6].Codes(); len(got) != n || cols[6].Dict()[got[n-1]] != "L 69999" {
		t.Errorf("Codes: %d values", len(got))
	}
}

// The eight-at-a-time digit parser agrees with the loop on every short
// string of a small alphabet (and a few longer ones).
func TestDigits8(t *testing.T) {
	alpha := []byte("0159/:\x00\xff")
	buf := make([]byte, 16)
	var rec func(l int)
	rec = func(l int) {
		if l > 0 {
			b := buf[:l]
			got, gok := canonicalDigits(b)
			want, wok := canonicalDigitsSlow(b)
			if got != want || gok != wok {
				t.Fatalf("%q: %d %v, want %d %v", b, got, gok, want, wok)
			}
		}
		if l == 5 {
			return
		}
		for _, c := range alpha {
			buf[l] = c
			rec(l + 1)
		}
	}
	rec(0)
	for _, s := range []string{"12345678", "99999999", "10000000", "00000001", "1234567", "123456789"} {
		b := append([]byte(s), "xxxxxxxx"...)[:len(s)]
		got, gok := canonicalDigits(b)
		want, wok := canonicalDigitsSlow(b)
		if got != want || gok != wok {
			t.Fatalf("%q: %d %v, want %d %v", s, got, gok, want, wok)
		}
	}
}
