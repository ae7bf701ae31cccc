package sandbox

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func importString(t *testing.T, s string, opts Options) (*Frame, *Report) {
	t.Helper()
	if opts.Today.IsZero() {
		opts.Today = today
	}
	f, rep, err := Import(context.Background(), strings.NewReader(s), int64(len(s)), opts)
	if err != nil {
		t.Fatal(err)
	}
	return f, rep
}

func TestRoles(t *testing.T) {
	tests := []struct {
		name string
		typ  Type
		want Role
	}{
		{"N° commande", Identifier, RoleOrderID},
		{"Numéro de commande", Identifier, RoleOrderID},
		{"Order #", Identifier, RoleOrderID},
		{"N° client", Identifier, RoleCustomerID},
		{"Customer ID", Identifier, RoleCustomerID},
		{"Contact number", Identifier, RoleCustomerID},
		{"Date d'achat", DateTime, RolePurchaseDate},
		{"Order Date", DateTime, RolePurchaseDate},
		{"Date de représentation", DateTime, RoleShowDate},
		{"Performance date", Date, RoleShowDate},
		{"Spectacle", Text, RoleEvent},
		{"Event Name", Text, RoleEvent},
		{"Discipline", Text, RoleDiscipline},
		{"Genre", Text, RoleDiscipline},
		{"Salle", Text, RoleVenue},
		{"Prix", Decimal, RolePrice},
		{"Montant TTC", Decimal, RolePrice},
		{"Total Paid", Decimal, RolePrice},
		{"Quantité", Integer, RoleQuantity},
		{"Canal de vente", Text, RoleChannel},
		{"Tarif", Text, RoleTariff},
		{"Ticket Type", Text, RoleTariff},
		{"Code postal", Postcode, RolePostcode},
		{"CP", Postcode, RolePostcode},
		{"Zip Code", Postcode, RolePostcode},
		{"Année de naissance", Integer, RoleBirthYear},
		{"Date de naissance", Date, RoleBirthDate},
		{"Âge", Integer, RoleAge},
		{"Courriel", Text, RoleEmail},
		{"E-mail", Text, RoleEmail},
		{"Téléphone portable", Text, RolePhone},
		{"Nom", Text, RoleName},
		{"Prénom", Text, RoleName},
		{"Adresse", Text, RoleAddress},
		{"Opt-in newsletter", Boolean, RoleOptIn},
		{"Consentement", Boolean, RoleOptIn},
		{"Commentaire", Text, RoleNone},
	}
	for _, tt := range tests {
		if got := suggestRole(tt.name, tt.typ, nil); got != tt.want {
			t.Errorf("suggestRole(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := suggestRole("Contact", Text, []string{"a@b.fr", "c@d.com", "e@f.org"}); got != RoleCustomerID {
		t.Errorf("name wins over content: %q", got)
	}
	if got := suggestRole("Colonne 3", Text, []string{"a@b.fr", "c@d.com", "e@f.org"}); got != RoleEmail {
		t.Errorf("content e-mail: %q", got)
	}
}

func TestQuality(t *testing.T) {
	csv := "N° billet;N° client;Date d'achat;Date de représentation;Prix;Année de naissance;Courriel\n" +
		"1;10;01/03/2025;10/03/2025;12,00;1980;a@b.fr\n" +
		"2;10;02/03/2025;10/03/2025;-5,00;2031;a@b.fr\n" +
		"2;11;12/03/2025;10/03/2025;15,00;1880;c@d.fr\n" +
		"3;12;01/07/2025;10/03/2026;15,00;;e@f.fr\n" +
		"3;12;01/07/2025;10/03/2026;15,00;;e@f.fr\n"
	_, rep := importString(t, csv, Options{})
	q := rep.Quality
	if q.Rows != 5 || q.Columns != 7 || q.DuplicateRows != 1 || q.MissingCells != 2 {
		t.Errorf("quality = %+v", q)
	}
	ids := map[string]IDStats{}
	for _, s := range q.IDs {
		ids[s.Column] = s
	}
	if s := ids["N° billet"]; s.Distinct != 3 || s.Duplicates != 2 {
		t.Errorf("ids billet: %+v", s)
	}
	sus := map[string]int{}
	for _, s := range q.Suspicious {
		sus[s.Kind] = s.Count
	}
	want := map[string]int{"negative_price": 1, "future_birth_year": 1, "old_birth_year": 1, "future_date": 2, "purchase_after_show": 1}
	for k, v := range want {
		if sus[k] != v {
			t.Errorf("suspicious %s = %d, want %d (%+v)", k, sus[k], v, q.Suspicious)
		}
	}
	if len(q.PersonalData) != 1 || q.PersonalData[0].Kind != RoleEmail {
		t.Errorf("personal data: %+v", q.PersonalData)
	}
}

func TestOverrides(t *testing.T) {
	csv := "Code;Montant;Quand\n007;12,5;01/02/2024\n123;abc;03/02/2024\n042;3;x\n"
	f, rep := importString(t, csv, Options{Types: map[string]Type{"montant": Decimal}, Roles: map[string]Role{"Code": RoleCustomerID}})
	if c := f.Col("Code"); c.Type != Identifier || c.String(0) != "007" || c.Role != RoleCustomerID {
		t.Errorf("code: %v %q %q", c.Type, c.String(0), c.Role)
	}
	if rep.Columns[1].Type != Decimal || rep.Columns[1].Invalid != 1 || rep.Columns[1].Invalids[0].Value != "abc" || rep.Columns[1].Invalids[0].Line != 3 {
		t.Errorf("montant: %+v", rep.Columns[1])
	}
	// SetType: text → integer, values that don't fit listed
	inv, err := f.SetType("Code", Integer)
	if err != nil || len(inv) != 0 || f.Col("Code").Int(2) != 42 {
		t.Errorf("SetType integer: %v %v", inv, err)
	}
	inv, err = f.SetType("Quand", Date)
	if err != nil || len(inv) != 1 || inv[0].Value != "x" || inv[0].Row != 2 || inv[0].Line != 4 {
		t.Errorf("SetType date: %+v %v", inv, err)
	}
	if c := f.Col("Quand"); c.Type != Date || c.Int(0) != DaysFromCivil(2024, 2, 1) || c.InvalidCount() != 1 {
		t.Errorf("date column: %v %d", c.Type, c.Int(0))
	}
	inv, err = f.SetType("Quand", Text)
	if err != nil || len(inv) != 0 || f.Col("Quand").String(2) != "x" || f.Col("Quand").String(0) != "2024-02-01" {
		t.Errorf("SetType text: %v %v %q", inv, err, f.Col("Quand").String(2))
	}
	if _, err := f.SetType("Nope", Text); !errors.Is(err, ErrUnknownCol) {
		t.Errorf("unknown column: %v", err)
	}
	if err := f.SetRole("Montant", RolePrice); err != nil || f.Col("Montant").Role != RolePrice {
		t.Error("SetRole")
	}
	if _, _, err := Import(context.Background(), strings.NewReader(csv), -1, Options{Types: map[string]Type{"Nope": Text}}); !errors.Is(err, ErrUnknownCol) {
		t.Errorf("override of an unknown column: %v", err)
	}
}

// neverRead fails the test if the import reads it.
type neverRead struct{ t *testing.T }

func (n neverRead) Read([]byte) (int, error) {
	n.t.Fatal("read a file above the limit")
	return 0, io.EOF
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "a;b;c\n"[i%6]
	}
	return len(p), nil
}

func TestLimitsAndCancel(t *testing.T) {
	if _, _, err := Import(context.Background(), neverRead{t}, 2<<30, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("2 GB: %v", err)
	}
	// unknown size: stops at the limit while streaming
	if _, _, err := Import(context.Background(), zeros{}, -1, Options{MaxBytes: 8 << 20}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("stream over the limit: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Import(ctx, zeros{}, -1, Options{}); !errors.Is(err, ErrCanceled) {
		t.Errorf("canceled: %v", err)
	}
	if _, _, err := Import(context.Background(), strings.NewReader("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), -1, Options{}); !errors.Is(err, ErrOldExcel) {
		t.Errorf("xls: %v", err)
	}
	if _, _, err := Import(context.Background(), strings.NewReader("  \r\n\r\n"), -1, Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("blank: %v", err)
	}
}

func TestMixedEncodingLine(t *testing.T) {
	_, rep, err := importFile(t, "mixed_encoding.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range rep.Warnings {
		if w.Kind == WarnMixedEncoding && w.Line != 22 {
			t.Errorf("mixed encoding at line %d, want 22", w.Line)
		}
	}
}

func TestRaggedAndBlank(t *testing.T) {
	csv := "a;b;c\n1;2;3\n\n4;5\n6;7;8;9\n10;11;12;\n;;\n"
	f, rep := importString(t, csv, Options{})
	if f.NumRows() != 4 || rep.BlankRows != 2 || rep.Complete {
		t.Errorf("rows %d blank %d complete %v", f.NumRows(), rep.BlankRows, rep.Complete)
	}
	var w *ImportError
	for _, x := range rep.Warnings {
		if x.Kind == WarnRaggedRows {
			w = x
		}
	}
	if w == nil || w.Count != 2 || w.Line != 4 {
		t.Errorf("ragged warning: %+v", w)
	}
}

func TestLargeStreaming(t *testing.T) {
	var b strings.Builder
	b.WriteString("\uFEFFid;prix;date\r\n")
	for i := 0; i < 200000; i++ {
		b.WriteString("1")
		b.WriteString(strings.Repeat("0", 0))
		b.WriteString(";")
		b.WriteString("12,50;31/12/2024 20:30\r\n")
	}
	s := b.String()
	var calls int
	f, rep, err := Import(context.Background(), strings.NewReader(s), int64(len(s)), Options{Progress: func(_, _ int64) { calls++ }, Today: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if f.NumRows() != 200000 || rep.Quality.DuplicateRows != 199999 || calls == 0 {
		t.Errorf("rows %d dups %d progress calls %d", f.NumRows(), rep.Quality.DuplicateRows, calls)
	}
}

// countDuplicates against a map, with many equal values and near misses.
func TestCountDuplicates(t *testing.T) {
	var hs []uint64
	want := 0
	seen := map[uint64]bool{}
	x := uint64(12345)
	for i := 0; i < 300000; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		h := x
		switch i % 10 {
		case 0:
			h = 42 // one value many times
		case 1:
			h = x &^ 0xff // shares all but the low byte with others
		case 2:
			h = uint64(i%1000) << 40 // equal top bytes, some equal values
		}
		if seen[h] {
			want++
		}
		seen[h] = true
		hs = append(hs, h)
	}
	if got := countDuplicates(hs); got != want {
		t.Errorf("countDuplicates = %d, want %d", got, want)
	}
	if !slices.IsSorted(hs) {
		t.Error("not sorted")
	}
}
