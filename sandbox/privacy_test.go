package sandbox

import (
	"crypto/hmac"
	"crypto/sha256"
	stdbase32 "encoding/base32"
	"encoding/hex"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func TestHMACSHA256(t *testing.T) {
	// RFC 4231, test case 2
	got := hmacSHA256([]byte("Jefe"), []byte("what do ya want for nothing?"))
	if hex.EncodeToString(got[:]) != "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" {
		t.Errorf("RFC 4231 case 2: %x", got)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 300; n++ {
		key := make([]byte, r.IntN(150))
		msg := make([]byte, r.IntN(300))
		for i := range key {
			key[i] = byte(r.IntN(256))
		}
		for i := range msg {
			msg[i] = byte(r.IntN(256))
		}
		m := hmac.New(sha256.New, key)
		m.Write(msg)
		got := hmacSHA256(key, msg)
		if !hmac.Equal(got[:], m.Sum(nil)) {
			t.Fatalf("key %d bytes, msg %d bytes: differs from crypto/hmac", len(key), len(msg))
		}
		enc := stdbase32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(stdbase32.NoPadding)
		if base32(msg) != enc.EncodeToString(msg) {
			t.Fatalf("base32 of %d bytes differs", len(msg))
		}
	}
}

var tokenRE = regexp.MustCompile(`^ps_[a-z2-7]{16}$`)

// The same person gets the same token in two files pseudonymised with the
// same key, whatever the spelling; another key gives other tokens.
func TestPseudonymStability(t *testing.T) {
	a := importBytes(t, []byte("Courriel;No client;Téléphone;Prix\nAnne.Dupont@Example.org ;000123;+33 6 12 34 56 78;10\nzoe@example.org;42;0612345679;5\n"))
	b := importBytes(t, []byte("N° client;Adresse électronique;Portable;Montant\n123;anne.dupont@example.org;06 12 34 56 78;3\n"))
	pa, err := Pseudonymise(a, testKey, "Courriel", "No client", "Téléphone")
	if err != nil {
		t.Fatal(err)
	}
	pb, err := Pseudonymise(b, testKey, "Adresse électronique", "N° client", "Portable")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]string{{"Courriel", "Adresse électronique"}, {"No client", "N° client"}, {"Téléphone", "Portable"}} {
		ta, tb := pa.Col(c[0]).String(0), pb.Col(c[1]).String(0)
		if ta != tb || !tokenRE.MatchString(ta) {
			t.Errorf("%s %q vs %s %q", c[0], ta, c[1], tb)
		}
	}
	if pa.Col("Courriel").String(0) == pa.Col("Courriel").String(1) {
		t.Error("two people, one token")
	}
	other := make([]byte, KeySize)
	pc, _ := Pseudonymise(b, other, "Adresse électronique")
	if pc.Col("Adresse électronique").String(0) == pb.Col("Adresse électronique").String(0) {
		t.Error("another key gave the same token")
	}
	// the original frames are untouched
	if a.Col("Courriel").String(0) != "Anne.Dupont@Example.org" || a.Col("No client").Type == Identifier && a.Col("No client").String(0) == pa.Col("No client").String(0) {
		t.Error("Pseudonymise modified its input")
	}
	if _, err := Pseudonymise(a, []byte("short"), "Courriel"); err == nil {
		t.Error("a 5-byte key was accepted")
	}
	if _, err := Pseudonymise(a, testKey, "Nope"); err == nil {
		t.Error("unknown column accepted")
	}
}

// Pseudonymised, the ticket file answers « fidelite » the same way, and
// the subscriber list keeps one person per address.
func TestPseudonymisedAnswersAlike(t *testing.T) {
	f := fixture(t, "questions_billetterie.csv")
	before := ask(t, f, "fidelite", Params{})
	p, err := Pseudonymise(f, testKey, "N° client")
	if err != nil {
		t.Fatal(err)
	}
	after := ask(t, p, "fidelite", Params{})
	if before.Sentence != after.Sentence {
		t.Errorf("before %q\nafter  %q", before.Sentence, after.Sentence)
	}
	n := fixture(t, "questions_abonnes.csv")
	pn, _ := Pseudonymise(n, testKey, "Courriel")
	if c := pn.Col("Courriel"); c.Role != RoleCustomerID {
		t.Errorf("pseudonymised e-mail role %q, want customer_id", c.Role)
	}
	if a, b := ask(t, n, "opt-in", Params{}), ask(t, pn, "opt-in", Params{}); a.Sentence != b.Sentence {
		t.Errorf("opt-in changed: %q / %q", a.Sentence, b.Sentence)
	}
	dropped, err := Drop(pn, "Prénom", "Nom")
	if err != nil || dropped.Col("Nom") != nil || pn.Col("Nom") == nil {
		t.Errorf("drop: %v", err)
	}
	cols := PersonalColumns(n)
	kinds := map[string]string{}
	for _, c := range cols {
		kinds[c.Column] = c.Kind + "/" + c.Suggest
	}
	for col, want := range map[string]string{"Courriel": "direct/pseudonymise", "Prénom": "direct/drop", "Nom": "direct/drop", "Code postal": "quasi/generalise"} {
		if kinds[col] != want {
			t.Errorf("%s: %q, want %q", col, kinds[col], want)
		}
	}
	for _, c := range PersonalColumns(pn) {
		if c.Column == "Courriel" && !c.Pseudonymised {
			t.Error("pseudonymised column not recognised")
		}
	}
	rep := RefreshReport(dropped, &Report{Rows: 6, Quality: &Quality{DuplicateRows: 0}}, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(rep.Columns) != len(dropped.Columns()) || rep.Quality.Columns != len(dropped.Columns()) {
		t.Errorf("refreshed report: %d columns", len(rep.Columns))
	}
}

// k-suppression, by hand: every masked cell has a partner, and no masked
// set can be recomputed from the total.
func TestSuppression(t *testing.T) {
	type cell struct {
		group   string
		persons float64
	}
	mk := func(ind string, cs ...cell) []AggCell {
		var out []AggCell
		for _, c := range cs {
			out = append(out, AggCell{Indicator: ind, Group: c.group, Num: c.persons, Den: -1, Persons: c.persons})
		}
		return out
	}
	masked := func(cells []AggCell) string {
		var m []string
		for _, c := range cells {
			if c.Masked {
				m = append(m, c.Indicator+":"+c.group())
			}
		}
		return strings.Join(m, ",")
	}
	_ = masked
	for _, c := range []struct {
		name  string
		cells []AggCell
		want  string
	}{
		// B (4) is under k = 10; alone it would be total − A − C: C (30), the smallest, goes too
		{"one small", mk("part_18_35", cell{"A", 50}, cell{"B", 4}, cell{"C", 30}, cell{ensembleLabel, 84}), "B,C"},
		// B (3) and C (4) masked: together 7 < 10 people, still recomputable as a pair: D (40) too
		{"two small", mk("part_18_35", cell{"A", 50}, cell{"B", 3}, cell{"C", 4}, cell{"D", 40}, cell{ensembleLabel, 97}), "B,C,D"},
		// A (5) masked, B the only other: B masked; the total stays (it splits into two masked cells)
		{"pair", mk("part_18_35", cell{"A", 5}, cell{"B", 50}, cell{ensembleLabel, 55}), "A,B"},
		// one group only, under k: the group and the total
		{"alone", mk("part_18_35", cell{"A", 6}, cell{ensembleLabel, 6}), "A,Ensemble"},
		// one group under k and a larger total (rows without discipline): nothing else to mask but the total
		{"total", mk("part_18_35", cell{"A", 5}, cell{ensembleLabel, 60}), "A,Ensemble"},
		// nothing under k
		{"none", mk("part_18_35", cell{"A", 10}, cell{"B", 12}, cell{ensembleLabel, 22}), ""},
		// volume indicators share masks: B is masked in « billets », so in « prix_moyen » too (and its partner)
		{"shared", append(mk("billets", cell{"A", 40}, cell{"B", 8}, cell{"C", 20}, cell{ensembleLabel, 68}), mk("prix_moyen", cell{"A", 40}, cell{"B", 12}, cell{"C", 20}, cell{ensembleLabel, 72})...),
			"billets:B,billets:C,prix_moyen:B,prix_moyen:C"},
	} {
		suppress(c.cells, 10)
		var got []string
		for _, x := range c.cells {
			if x.Masked {
				if c.name == "shared" {
					got = append(got, x.Indicator+":"+x.Group)
				} else {
					got = append(got, x.Group)
				}
			}
		}
		if g := strings.Join(got, ","); g != c.want {
			t.Errorf("%s: masked %q, want %q", c.name, g, c.want)
		}
	}
	if k, raised := ClampK(1); k != MinK || !raised {
		t.Errorf("ClampK(1) = %d %v", k, raised)
	}
	if k, _ := ClampK(0); k != DefaultK {
		t.Errorf("ClampK(0) = %d", k)
	}
}

func (c AggCell) group() string { return c.Group }
