package sandbox

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"coulisses/sandbox/answer"
)

// Every guided question on small fixtures whose answers are counted by
// hand (the arithmetic is in the comments), not by the code under test.
//
// testdata/questions_billetterie.csv, 8 ticket rows:
//
//	row order cust purchase          show              show     disc     tariff     channel   price postcode birth opt-in
//	 1  1001  501  Mon 04/03/24 10:15 Fri 15/03/24 20h Phèdre   Théâtre  Plein      Web       20    69003    1990  Oui
//	 2  1001  501  Mon 04/03/24 10:15 Fri 15/03/24 20h Phèdre   Théâtre  Réduit     Web       15    69003    1990  Oui
//	 3  1002  502  Sat 09/03/24 12:30 Fri 15/03/24 20h Phèdre   Théâtre  Plein      Guichet   20    20090    1950  Non
//	 4  1003  503  Sat 09/03/24 12:45 Sat 09/03/24 20h Giselle  Danse    Jeune      Guichet   10    20200    2000  Non
//	 5  1004  501  Thu 10/10/24 18:00 Sun 20/10/24 16h Giselle  Danse    Plein      Web       25    69003    1990  Oui
//	 6  1005  504  Sat 12/10/24 12:10 Tue 12/11/24 20h Carmen   Opéra    Plein      Web       40    97411    1985  (empty)
//	 7  1006  505  Mon 14/10/24 09:00 Sun 20/10/24 16h Giselle  Danse    Invitation Guichet    0    75011    (empty) Oui
//	 8  1007  502  Tue 15/10/24 14:00 Tue 12/11/24 20h Carmen   Opéra    Réduit     Téléphone 30    20090    1950  Non

func fixture(t testing.TB, name string) *Frame {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f, _, err := Import(context.Background(), strings.NewReader(string(data)), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func ask(t testing.TB, f *Frame, slug string, p Params) *answer.Answer {
	t.Helper()
	a, err := Ask(f, slug, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Missing) > 0 {
		t.Fatalf("%s: missing %+v", slug, a.Missing)
	}
	return a
}

// table returns the answer's table whose title starts with prefix.
func table(t testing.TB, a *answer.Answer, prefix string) answer.Table {
	t.Helper()
	for _, tb := range a.Tables {
		if strings.HasPrefix(tb.Title, prefix) {
			return tb
		}
	}
	titles := []string{}
	for _, tb := range a.Tables {
		titles = append(titles, tb.Title)
	}
	t.Fatalf("%s: no table %q in %q", a.Question, prefix, titles)
	return answer.Table{}
}

// cellOf returns the number in column colName of the row whose first cell is label.
func cellOf(t testing.TB, tb answer.Table, label, colName string) float64 {
	t.Helper()
	ci := -1
	for i, c := range tb.Columns {
		if c.Name == colName {
			ci = i
		}
	}
	if ci < 0 {
		t.Fatalf("table %q: no column %q", tb.Title, colName)
	}
	for _, r := range tb.Rows {
		if r[0] == label {
			switch v := r[ci].(type) {
			case float64:
				return v
			case int:
				return float64(v)
			case nil:
				return math.NaN()
			}
			t.Fatalf("table %q row %q col %q: %T", tb.Title, label, colName, r[ci])
		}
	}
	t.Fatalf("table %q: no row %q", tb.Title, label)
	return 0
}

type want struct {
	table, row, col string
	v               float64
}

func checkCells(t *testing.T, a *answer.Answer, ws []want) {
	t.Helper()
	for _, w := range ws {
		got := cellOf(t, table(t, a, w.table), w.row, w.col)
		if math.Abs(got-w.v) > 1e-9 && !(math.IsNaN(got) && math.IsNaN(w.v)) {
			t.Errorf("%s / %s / %s / %s = %v, want %v", a.Question, w.table, w.row, w.col, got, w.v)
		}
	}
}

func TestQuestionsByHand(t *testing.T) {
	f := fixture(t, "questions_billetterie.csv")
	cases := []struct {
		slug   string
		p      Params
		rows   int
		cells  []want
		phrase string // a fragment of the sentence
	}{
		{"jour-achat", Params{}, 8, []want{
			// Mon: rows 1, 2, 7 → 3 tickets, 20 + 15 + 0 = 35 €; Sat: rows 3, 4, 6 → 3, 20 + 10 + 40 = 70 €
			{"Billets par jour d'achat", "Lundi", "Billets", 3},
			{"Billets par jour d'achat", "Lundi", "Recette", 35},
			{"Billets par jour d'achat", "Samedi", "Billets", 3},
			{"Billets par jour d'achat", "Samedi", "Recette", 70},
			{"Billets par jour d'achat", "Mardi", "Part des billets", 1.0 / 8},
			{"Billets par jour d'achat", "Samedi", "Part de la recette", 70.0 / 160},
			{"Billets par jour d'achat", "Dimanche", "Billets", 0},
			// hours: 12:30 and 12:45 on Saturday, 12:10 on Saturday → Samedi 12 h = 3
			{"Billets par jour et heure", "Samedi", "12 h", 3},
			{"Billets par jour et heure", "Lundi", "10 h", 2},
			{"Billets par jour et heure", "Lundi", "9 h", 1},
		}, "entre 12 h et 13 h (37,5\u202f% des billets)"},
		{"delai-achat", Params{}, 8, []want{
			// leads: 11, 11, 6, 0, 10, 31, 6, 28 days → sorted 0 6 6 10 11 11 28 31
			{"Délai entre", "Le jour même", "Billets", 1},
			{"Délai entre", "1 à 7 jours", "Billets", 2},
			{"Délai entre", "8 à 14 jours", "Billets", 3},
			{"Délai entre", "15 à 30 jours", "Billets", 1},
			{"Délai entre", "31 à 60 jours", "Billets", 1},
			{"Délai entre", "31 à 60 jours", "Part cumulée", 1},
			{"Délai d'achat : médiane", "Délai médian", "Valeur", 10.5}, // (10 + 11) / 2
			{"Délai d'achat : médiane", "Délai moyen", "Valeur", 103.0 / 8},
			// Théâtre 11, 11, 6 → median 11; Danse 0, 10, 6 → 6; Opéra 31, 28 → 29.5
			{"Délai d'achat par discipline", "Théâtre", "Délai médian", 11},
			{"Délai d'achat par discipline", "Théâtre", "Délai moyen", 28.0 / 3},
			{"Délai d'achat par discipline", "Danse", "Délai médian", 6},
			{"Délai d'achat par discipline", "Opéra", "Délai médian", 29.5},
			{"Délai d'achat par discipline", "Danse", "Achetés dans les 7 derniers jours", 2.0 / 3},
		}, "10,5 jours ou moins"},
		{"jeunes-18-35", Params{}, 7, []want{
			// ages at the show: 501 34, 502 74, 503 24, 504 39, 505 unknown
			// Théâtre: 501 (young), 502 → 1 of 2; Danse: 503, 501 (both young; 505 unknown) → 2 of 2;
			// Opéra: 504, 502 → 0 of 2; everyone: 501, 502, 503, 504 → 2 of 4
			{"Part des 18–35 ans", "Théâtre", "Acheteurs d'âge connu", 2},
			{"Part des 18–35 ans", "Théâtre", "Dont 18–35 ans", 1},
			{"Part des 18–35 ans", "Danse", "Part des 18–35 ans", 1},
			{"Part des 18–35 ans", "Opéra", "Part des 18–35 ans", 0},
			{"Part des 18–35 ans", "Ensemble", "Acheteurs d'âge connu", 4},
			{"Part des 18–35 ans", "Ensemble", "Part des 18–35 ans", 0.5},
			// bands, everyone: 18–35: 501, 503; 36–49: 504; ≥ 65: 502 → 2/4, 1/4, 1/4
			{"Répartition par tranche d'âge", "Ensemble", "18–35", 0.5},
			{"Répartition par tranche d'âge", "Ensemble", "36–49", 0.25},
			{"Répartition par tranche d'âge", "Ensemble", "≥ 65", 0.25},
			{"Répartition par tranche d'âge", "Opéra", "≥ 65", 0.5},
		}, "50\u202f% des acheteurs d'âge connu"},
		{"jeunes-18-35", Params{Min: 30, Max: 40}, 7, []want{
			// 30–40: 501 (34), 504 (39) → everyone 2 of 4; Opéra 504 → 1 of 2
			{"Part des 30–40 ans", "Ensemble", "Dont 30–40 ans", 2},
			{"Part des 30–40 ans", "Opéra", "Part des 30–40 ans", 0.5},
		}, ""},
		{"origine", Params{}, 8, []want{
			// one customer each: 501 Rhône 69, 502 Corse-du-Sud 2A (20090), 503 Haute-Corse 2B (20200),
			// 504 La Réunion 974 (97411), 505 Paris 75
			{"Origine des acheteurs", "Rhône", "Acheteurs", 1},
			{"Origine des acheteurs", "Corse-du-Sud", "Acheteurs", 1},
			{"Origine des acheteurs", "Haute-Corse", "Part", 0.2},
			{"Origine des acheteurs", "La Réunion", "Acheteurs", 1},
			{"Origine des acheteurs", "Paris", "Acheteurs", 1},
			{"Grandes zones", "France métropolitaine", "Acheteurs", 4},
			{"Grandes zones", "Outre-mer", "Part", 0.2},
		}, ""},
		{"origine", Params{By: "discipline"}, 8, []want{
			// Théâtre: 501 (69), 502 (2A) → 2 buyers
			{"Origine des acheteurs par discipline", "Théâtre", "Acheteurs", 2},
			{"Origine des acheteurs par discipline", "Danse", "Acheteurs", 3},
		}, ""},
		{"fidelite", Params{}, 8, []want{
			// visits (distinct show date + show): 501 Phèdre 15/03 + Giselle 20/10 → 2; 502 Phèdre + Carmen → 2;
			// 503, 504, 505 → 1. 5 buyers, 2 came twice.
			{"Nombre de venues", "1 venue", "Acheteurs", 3},
			{"Nombre de venues", "2 venues", "Acheteurs", 2},
			{"Nombre de venues", "2 venues", "Part", 0.4},
			// 2023-2024: 501, 502, 503; 2024-2025: 501, 502, 504, 505 → 2 of 3 came back
			{"Retour d'une saison", "2023-2024", "Acheteurs", 3},
			{"Retour d'une saison", "2023-2024", "Revenus la saison suivante", 2},
			{"Retour d'une saison", "2023-2024", "Taux de retour", 2.0 / 3},
			{"Retour d'une saison", "2024-2025", "Acheteurs", 4},
			{"Retour d'une saison", "2024-2025", "Déjà venus la saison précédente", 2},
		}, "40\u202f% sont venus au moins deux fois"},
		{"fidelite", Params{By: "discipline"}, 8, []want{
			// first show: 501 Théâtre, 502 Théâtre, 503 Danse, 504 Opéra, 505 Danse
			{"Taux de retour selon", "Théâtre", "Acheteurs", 2},
			{"Taux de retour selon", "Théâtre", "Part", 1},
			{"Taux de retour selon", "Danse", "Part", 0},
		}, ""},
		{"panier", Params{}, 8, []want{
			// 160 € over 7 orders (1001…1007), 8 tickets of which 7 paid
			{"Panier moyen", "Recette", "Valeur", 160},
			{"Panier moyen", "Commandes", "Valeur", 7},
			{"Panier moyen", "Panier moyen", "Valeur", 160.0 / 7},
			{"Panier moyen", "Billets par commande", "Valeur", 8.0 / 7},
			{"Panier moyen", "Prix moyen d'un billet payant", "Valeur", 160.0 / 7},
			// Plein: rows 1, 3, 5, 6 → 4 tickets, 20 + 20 + 25 + 40 = 105 €
			{"Mix par tarif", "Plein", "Billets", 4},
			{"Mix par tarif", "Plein", "Recette", 105},
			{"Mix par tarif", "Réduit", "Prix moyen", 22.5}, // (15 + 30) / 2
			{"Mix par canal", "Web", "Part des billets", 0.5},
			{"Mix par canal", "Guichet", "Recette", 30},
		}, "22,86\u202f€ par commande"},
		{"opt-in", Params{}, 4, []want{
			// latest row per buyer: 501 row 5 Oui (Web), 502 row 8 Non (Téléphone), 503 row 4 Non (Guichet),
			// 504 unknown (not counted), 505 row 7 Oui (Guichet) → 2 of 4
			{"Taux d'opt-in", "Ensemble", "Personnes", 4},
			{"Taux d'opt-in", "Ensemble", "Taux d'opt-in", 0.5},
			{"Taux d'opt-in", "Guichet", "Taux d'opt-in", 0.5},
			{"Taux d'opt-in", "Web", "Ont donné leur accord", 1},
			{"Taux d'opt-in", "Téléphone", "Taux d'opt-in", 0},
		}, "50\u202f% des personnes"},
		{"rfm", Params{}, 8, []want{
			// recent = came in 2024-2025. 501 (2 visits, recent) and 502 (2, recent) → Réguliers, 60 + 50 €;
			// 504, 505 (1, recent) → Nouveaux, 40 + 0 €; 503 (1, March only) → Venus une fois, 10 €
			{"Segments RFM", "Réguliers", "Acheteurs", 2},
			{"Segments RFM", "Réguliers", "Recette", 110},
			{"Segments RFM", "Nouveaux", "Acheteurs", 2},
			{"Segments RFM", "Nouveaux", "Dépense moyenne", 20},
			{"Segments RFM", "Venus une fois", "Acheteurs", 1},
			{"Segments RFM", "Piliers", "Acheteurs", 0},
			{"Segments RFM", "Réguliers", "Part de la recette", 110.0 / 160},
			{"Grille récence", "Venus en 2024-2025", "2 ou 3 venues", 2},
			{"Grille récence", "Venus seulement avant", "1 venue", 1},
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.slug+"/"+c.p.By, func(t *testing.T) {
			a := ask(t, f, c.slug, c.p)
			if a.Rows != c.rows {
				t.Errorf("rows %d, want %d", a.Rows, c.rows)
			}
			checkCells(t, a, c.cells)
			if !strings.Contains(a.Sentence, c.phrase) {
				t.Errorf("sentence %q lacks %q", a.Sentence, c.phrase)
			}
			if a.Fiche == "" || a.Title == "" || len(a.Used) == 0 || len(a.Charts) == 0 {
				t.Errorf("incomplete answer: fiche %q title %q used %d charts %d", a.Fiche, a.Title, len(a.Used), len(a.Charts))
			}
			checkAnswerShape(t, a)
		})
	}
}

// checkAnswerShape: every row has as many cells as columns, every series as
// many values as categories.
func checkAnswerShape(t *testing.T, a *answer.Answer) {
	t.Helper()
	for _, tb := range a.Tables {
		for _, r := range tb.Rows {
			if len(r) != len(tb.Columns) {
				t.Errorf("table %q: row %v has %d cells for %d columns", tb.Title, r, len(r), len(tb.Columns))
			}
		}
	}
	for _, ch := range a.Charts {
		for _, s := range ch.Series {
			if len(s.Values) != len(ch.Categories) {
				t.Errorf("chart %q: series %q has %d values for %d categories", ch.Title, s.Name, len(s.Values), len(ch.Categories))
			}
		}
	}
}

// The survey fixture, 8 responses (the 7th left the sources empty):
//
//	18-24: « Instagram; Bouche-à-oreille » → réseaux, bouche-à-oreille;  18-24: « Facebook » → réseaux
//	25-34: « Presse / Radio » → presse, radio-télé;  50-64: « Lettre d'information » → lettre
//	50-64: « Newsletter | amis » → lettre, bouche-à-oreille;  65+: « Le Progrès (journal) » → presse
//	65+: (empty);  25-34: « Affiche, Site internet » → affiches, site
func TestInformationByHand(t *testing.T) {
	f := fixture(t, "questions_enquete.csv")
	a := ask(t, f, "information", Params{})
	if a.Rows != 7 {
		t.Errorf("respondents %d, want 7", a.Rows)
	}
	checkCells(t, a, []want{
		{"Sources d'information citées", "Réseaux sociaux", "Répondants la citant", 2},
		{"Sources d'information citées", "Bouche-à-oreille", "Part des répondants", 2.0 / 7},
		{"Sources d'information citées", "Presse", "Répondants la citant", 2},
		{"Sources d'information citées", "Lettre d'information", "Répondants la citant", 2},
		{"Sources d'information citées", "Radio, télévision", "Répondants la citant", 1},
		{"Sources d'information citées", "Affiches, tracts", "Répondants la citant", 1},
		{"Sources d'information citées", "Site internet", "Répondants la citant", 1},
		// by band: 18-24 has 2 respondents, both cite social networks; 65+ has 1 respondent (the other is empty)
		{"Sources d'information par tranche", "Réseaux sociaux", "18-24 ans (2)", 1},
		{"Sources d'information par tranche", "Bouche-à-oreille", "18-24 ans (2)", 0.5},
		{"Sources d'information par tranche", "Lettre d'information", "50-64 ans (2)", 1},
		{"Sources d'information par tranche", "Presse", "65 ans et plus (1)", 1},
	})
	checkAnswerShape(t, a)
	// the ticket questions do not apply to a survey
	for _, slug := range []string{"jour-achat", "fidelite", "panier"} {
		b, err := Ask(f, slug, Params{})
		if err != nil || len(b.Missing) == 0 || len(b.Tables) > 0 {
			t.Errorf("%s on a survey: err %v, missing %v, %d tables", slug, err, b.Missing, len(b.Tables))
		}
	}
}

// The subscriber list, 6 rows, no customer id (the e-mail identifies):
// Site web Oui, oui; Guichet Non, Désinscrit; Jeu-concours Non; Salon « NSP » (unreadable).
func TestOptInTextByHand(t *testing.T) {
	f := fixture(t, "questions_abonnes.csv")
	a := ask(t, f, "opt-in", Params{})
	checkCells(t, a, []want{
		{"Taux d'opt-in", "Site web", "Taux d'opt-in", 1},
		{"Taux d'opt-in", "Guichet", "Taux d'opt-in", 0}, // « Désinscrit » reads as a refusal
		{"Taux d'opt-in", "Ensemble", "Personnes", 5},
		{"Taux d'opt-in", "Ensemble", "Taux d'opt-in", 0.4}, // 2 of 5
	})
	if len(a.Caveats) == 0 || !strings.Contains(strings.Join(a.Caveats, " "), "NSP") {
		t.Errorf("caveats %q should name the unreadable value", a.Caveats)
	}
	// origin without customer or order ids counts rows: Rhône 2 (69001, 69002), Isère 1, Ain 1 (01000),
	// Corse-du-Sud 1 (20000); one row without postcode
	o := ask(t, f, "origine", Params{})
	checkCells(t, o, []want{
		{"Origine des lignes", "Rhône", "Lignes", 2},
		{"Origine des lignes", "Rhône", "Part", 0.4},
		{"Origine des lignes", "Ain", "Lignes", 1},
		{"Origine des lignes", "Corse-du-Sud", "Lignes", 1},
	})
}

func TestQuestionMissingAndEmpty(t *testing.T) {
	f := fixture(t, "questions_abonnes.csv")
	a, err := Ask(f, "jour-achat", Params{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Missing) != 1 || a.Missing[0].Role != string(RolePurchaseDate) || a.Missing[0].Label == "" || a.Missing[0].Why == "" {
		t.Errorf("missing %+v", a.Missing)
	}
	if !strings.Contains(a.Sentence, "date d'achat") {
		t.Errorf("sentence %q", a.Sentence)
	}
	st := Available(f)
	if len(st) != len(Questions) {
		t.Fatalf("%d statuses", len(st))
	}
	for _, s := range st {
		if s.Slug == "opt-in" && len(s.Missing) > 0 || s.Slug == "fidelite" && len(s.Missing) == 0 {
			t.Errorf("%s: missing %v", s.Slug, s.Missing)
		}
	}
	if _, err := Ask(f, "nope", Params{}); err == nil {
		t.Error("unknown question accepted")
	}
	// every row filtered out: a question that applies but has nothing to count
	g := fixture(t, "questions_billetterie.csv")
	for _, c := range g.Columns() {
		if c.Role == RolePostcode {
			c.Role = RoleNone
		}
	}
	g.Col("Spectacle").Role = RolePostcode // titles are no postcodes
	o := ask(t, g, "origine", Params{})
	if !o.Empty || len(o.Tables) != 0 || o.Sentence == "" {
		t.Errorf("origin on titles: empty %v, %d tables, %q", o.Empty, len(o.Tables), o.Sentence)
	}
}

func TestFrenchFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{frInt(1234567), "1\u202f234\u202f567"},
		{frInt(-1234), "-1\u202f234"},
		{frDec(1234.5, 1), "1\u202f234,5"},
		{frDec(-0.04, 1), "0,0"},
		{frPct(0.364), "36,4\u202f%"},
		{frPct(0.5), "50\u202f%"},
		{frEuros(1234.5), "1\u202f234,50\u202f€"},
		{frDays(1), "1 jour"},
		{frDays(10.5), "10,5 jours"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestPlaces(t *testing.T) {
	for _, c := range []struct{ in, code, name string }{
		{"69003", "69", "Rhône"}, {"01000", "01", "Ain"}, {"1000", "01", "Ain"},
		{"20000", "2A", "Corse-du-Sud"}, {"20199", "2A", "Corse-du-Sud"}, {"20200", "2B", "Haute-Corse"}, {"20999", "2B", "Haute-Corse"},
		{"97100", "971", "Guadeloupe"}, {"97200", "972", "Martinique"}, {"97300", "973", "Guyane"}, {"97411", "974", "La Réunion"},
		{"97500", "975", "Saint-Pierre-et-Miquelon"}, {"97600", "976", "Mayotte"}, {"98000", "980", "Monaco"},
		{"75 011", "75", "Paris"}, {"F-75011", "75", "Paris"}, {"75011 PARIS CEDEX", "75", "Paris"},
		{"H2X 1Y4", "H2X", "Montréal (QC)"}, {"g1r4p5", "G1R", "Est du Québec (QC)"}, {"J4K", "J4K", "Ouest et sud du Québec (QC)"},
	} {
		p, ok := PlaceOf(c.in)
		if !ok || p.Code != c.code || p.Name != c.name {
			t.Errorf("%q → %+v %v, want %s %s", c.in, p, ok, c.code, c.name)
		}
	}
	for _, bad := range []string{"", "abc", "00000", "123", "99000", "H2X 1Y", "D1A 1A1"} {
		if p, ok := PlaceOf(bad); ok {
			t.Errorf("%q read as %+v", bad, p)
		}
	}
}

func TestInfoSourceAndBands(t *testing.T) {
	for in, want := range map[string]string{"Instagram": "Réseaux sociaux", "bouche-à-oreille": "Bouche-à-oreille", "Lettre d'info": "", "Lettre d'information": "Lettre d'information",
		"Newsletter": "Lettre d'information", "Le Monde (journal)": "Presse", "France Inter": "", "radio": "Radio, télévision", "Par des amis": "Bouche-à-oreille"} {
		got, _ := InfoSource(in)
		if got != want {
			t.Errorf("InfoSource(%q) = %q, want %q", in, got, want)
		}
	}
	if got := splitAnswers(" a ; b,c / d | e ;; "); strings.Join(got, "+") != "a+b+c+d+e" {
		t.Errorf("split %q", got)
	}
	for in, want := range map[string][2]float64{"18-24 ans": {18, 24}, "25 à 34 ans": {25, 34}, "65 ans et plus": {65, 100}, "Moins de 18 ans": {0, 17}, "65+": {65, 100}} {
		lo, hi, ok := parseBand(in)
		if !ok || lo != want[0] || hi != want[1] {
			t.Errorf("band %q = %v %v %v", in, lo, hi, ok)
		}
	}
}

// The guided questions are those of content/bac-a-sable.yaml, with the
// same titles and fiches.
func TestQuestionsMatchContent(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "content", "bac-a-sable.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Datasets  []struct{ Slug, File string }
		Questions []struct{ Slug, Fiche, Title string }
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Questions) != len(Questions) {
		t.Fatalf("%d questions in the YAML, %d here", len(doc.Questions), len(Questions))
	}
	for i, q := range doc.Questions {
		if Questions[i] != (QuestionInfo{q.Slug, q.Title, q.Fiche}) {
			t.Errorf("question %d: YAML %+v, engine %+v", i, q, Questions[i])
		}
		if _, ok := questionFuncs[q.Slug]; !ok {
			t.Errorf("%s: no implementation", q.Slug)
		}
	}
	for _, d := range doc.Datasets {
		if _, err := os.Stat(filepath.Join("..", "content", "datasets", d.File)); err != nil {
			t.Errorf("dataset %s: %v", d.Slug, err)
		}
	}
}
