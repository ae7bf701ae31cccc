package sandbox

import (
	"encoding/json"
	"strings"
	"testing"
)

func recipe(t testing.TB, js string) *Recipe {
	t.Helper()
	r, err := DecodeRecipe([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func explore(t testing.TB, f *Frame, js string) *Exploration {
	t.Helper()
	e, err := Explore(f, recipe(t, js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return e
}

// Explorations of the ticket fixture (questions_test.go lists its rows),
// counted by hand.
func TestExploreByHand(t *testing.T) {
	f := fixture(t, "questions_billetterie.csv")
	ncols := len(f.Columns())
	cases := []struct {
		recipe string
		rows   int // Answer.Rows
		cells  []want
		steps  []string
	}{
		{`{"steps":[{"op":"filter","col":{"role":"discipline"},"cmp":"eq","values":["Danse"]}]}`, 3, nil, []string{"Filtrer : Discipline = Danse"}},
		{`{"steps":[{"op":"filter","col":{"name":"discipline"},"cmp":"in","values":["danse","OPÉRA"]}]}`, 5, nil, nil}, // 3 + 2, case and accents forgiven
		{`{"steps":[{"op":"filter","col":{"name":"Spectacle"},"cmp":"contains","values":["sel"]}]}`, 3, nil, nil},      // Giselle ×3
		{`{"steps":[{"op":"filter","col":{"name":"Année de naissance"},"cmp":"missing"}]}`, 1, nil, nil},
		{`{"steps":[{"op":"filter","col":{"name":"Opt-in"},"cmp":"eq","values":["oui"]}]}`, 4, nil, nil}, // rows 1, 2, 5, 7
		// Mon: rows 1, 2, 7 → 3 lines, 35 €; Tue: row 8 → 1, 30 €; Thu: row 5 → 1, 25 €; Sat: rows 3, 4, 6 → 3, 70 €
		{`{"steps":[{"op":"derive","kind":"weekday"},{"op":"group","by":[{"name":"jour d'achat"}],"aggs":[{"fn":"count"},{"fn":"sum","col":{"role":"price"}},{"fn":"share"}]}]}`, 8, []want{
			{"Résultat", "Lundi", "Nombre de lignes", 3}, {"Résultat", "Lundi", "Somme de Prix", 35}, {"Résultat", "Samedi", "Somme de Prix", 70},
			{"Résultat", "Mardi", "Part des lignes", 1.0 / 8},
		}, []string{"Ajouter la colonne « jour d'achat » (jour de la semaine de « Date d'achat »)", "Grouper par jour d'achat : nombre de lignes, somme de Prix, part des lignes"}},
		// Théâtre 2023-2024: 20 + 15 + 20 = 55; Danse 2023-2024: 10, 2024-2025: 25 + 0; Opéra 2024-2025: 40 + 30
		{`{"steps":[{"op":"derive","kind":"season"},{"op":"pivot","by":[{"role":"discipline"}],"columns":{"name":"saison de représentation"},"aggs":[{"fn":"sum","col":{"role":"price"}}]}]}`, 8, []want{
			{"Résultat", "Théâtre", "2023-2024", 55}, {"Résultat", "Théâtre", "2024-2025", 0}, {"Résultat", "Danse", "2024-2025", 25}, {"Résultat", "Opéra", "Total", 70},
		}, []string{"Ajouter la colonne « saison de représentation » (saison (de septembre à août) de « Date de représentation »)", "Tableau croisé : Discipline × saison de représentation, somme de Prix"}},
		// leads 11, 11, 6 | 0, 10, 6 | 31, 28 (see questions_test.go); buyers 501, 502 | 503, 501, 505 | 504, 502
		{`{"steps":[{"op":"derive","kind":"leadtime"},{"op":"group","by":[{"role":"discipline"}],"aggs":[{"fn":"median","col":{"name":"délai d'achat"}},{"fn":"mean","col":{"name":"délai d'achat"}},{"fn":"max","col":{"name":"délai d'achat"}},{"fn":"distinct","col":{"role":"customer_id"}}]},{"op":"sort","key":"Médiane de délai d'achat","desc":true}]}`, 8, []want{
			{"Résultat", "Théâtre", "Médiane de délai d'achat", 11}, {"Résultat", "Danse", "Médiane de délai d'achat", 6}, {"Résultat", "Opéra", "Médiane de délai d'achat", 29.5},
			{"Résultat", "Danse", "Moyenne de délai d'achat", 16.0 / 3}, {"Résultat", "Opéra", "Maximum de délai d'achat", 31},
			{"Résultat", "Danse", "Valeurs distinctes de N° client", 3}, {"Résultat", "Opéra", "Valeurs distinctes de N° client", 2},
		}, nil},
		// two keys: Plein × Web rows 1, 5, 6; Réduit × Web row 2; Réduit × Téléphone row 8
		{`{"steps":[{"op":"group","by":[{"role":"tariff"},{"role":"channel"}],"aggs":[{"fn":"count"},{"fn":"min","col":{"role":"price"}}]}]}`, 8, nil, []string{"Grouper par Tarif et Canal : nombre de lignes, minimum de Prix"}},
		// ages at the show: 34, 34, 74, 24, 34, 39, –, 74 → mean of the 7 known = 313 / 7 by opt-in
		{`{"steps":[{"op":"derive","kind":"age"},{"op":"derive","kind":"ageband"},{"op":"group","by":[{"name":"tranche d'âge"}],"aggs":[{"fn":"count"}]}]}`, 8, []want{
			{"Résultat", "18–35", "Nombre de lignes", 4}, {"Résultat", "36–49", "Nombre de lignes", 1}, {"Résultat", "≥ 65", "Nombre de lignes", 2},
		}, nil},
		{`{"steps":[{"op":"derive","kind":"departement"},{"op":"group","by":[{"name":"département"}]},{"op":"filter","col":{"name":"Nombre de lignes"},"cmp":"ge","values":["2"]}]}`, 8, []want{
			{"Résultat", "Rhône (69)", "Nombre de lignes", 3}, {"Résultat", "Corse-du-Sud (2A)", "Nombre de lignes", 2},
		}, []string{"Ajouter la colonne « département » (département (ou zone postale) de « Code postal »)", "Grouper par département : nombre de lignes", "Filtrer le résultat : Nombre de lignes ≥ 2"}},
		// prices ≥ 20: rows 1, 3, 5, 6, 8 → five rows; by price descending, the first three: 40, 30, 25
		{`{"steps":[{"op":"filter","col":{"name":"Prix"},"cmp":"ge","values":["20,00"]},{"op":"sort","col":{"role":"price"},"desc":true},{"op":"limit","n":3}]}`, 5, nil, []string{"Filtrer : Prix ≥ 20,00", "Trier par Prix, ordre décroissant", "Garder les 3 premières lignes"}},
		// purchases from 1 to 14 October 2024 (whole days): rows 5, 6, 7
		{`{"steps":[{"op":"filter","col":{"role":"purchase_date"},"cmp":"between","values":["01/10/2024","2024-10-14"]}]}`, 3, nil, nil},
		{`{"steps":[{"op":"filter","col":{"role":"purchase_date"},"cmp":"lt","values":["10/10/2024 18:00"]}]}`, 4, nil, nil}, // rows 1–4
	}
	for _, c := range cases {
		e := explore(t, f, c.recipe)
		a := e.Answer
		if a.Rows != c.rows {
			t.Errorf("%s: rows %d, want %d", c.recipe, a.Rows, c.rows)
		}
		checkCells(t, a, c.cells)
		if c.steps != nil && strings.Join(a.Steps, " | ") != strings.Join(c.steps, " | ") {
			t.Errorf("steps %q, want %q", a.Steps, c.steps)
		}
		checkAnswerShape(t, a)
		if len(f.Columns()) != ncols {
			t.Fatal("Explore modified the frame")
		}
	}
	// the row listing: sorted, limited
	e := explore(t, f, cases[11].recipe)
	tb := e.Answer.Tables[0]
	pi := -1
	for i, c := range tb.Columns {
		if c.Name == "Prix" {
			pi = i
		}
	}
	if len(tb.Rows) != 3 || tb.Rows[0][pi] != 40.0 || tb.Rows[1][pi] != 30.0 || tb.Rows[2][pi] != 25.0 {
		t.Errorf("sorted rows %v", tb.Rows)
	}
}

// A recipe names columns by role: saved on one export, it applies to the
// next even when the columns are renamed.
func TestRecipeCanonicalAndReapplied(t *testing.T) {
	f := fixture(t, "questions_billetterie.csv")
	e := explore(t, f, `{"steps":[{"op":"filter","col":{"name":"Discipline"},"cmp":"eq","values":["Danse"]},{"op":"group","by":[{"name":"Canal"}],"aggs":[{"fn":"sum","col":{"name":"Prix"}}]}]}`)
	js, _ := json.Marshal(e.Recipe)
	wantJS := `{"version":1,"steps":[{"op":"filter","col":{"role":"discipline","name":"Discipline"},"cmp":"eq","values":["Danse"]},{"op":"group","by":[{"role":"channel","name":"Canal"}],"aggs":[{"fn":"sum","col":{"role":"price","name":"Prix"}}]}]}`
	if string(js) != wantJS {
		t.Errorf("canonical recipe\n %s\nwant\n %s", js, wantJS)
	}
	renamed := "Genre;Mode de vente;Montant TTC\nDanse;Web;10,00\nDanse;Web;5,00\nThéâtre;Web;7,00\nDanse;Guichet;2,50\n"
	g := importBytes(t, []byte(renamed))
	e2, err := Explore(g, recipe(t, string(js)))
	if err != nil {
		t.Fatal(err)
	}
	checkCells(t, e2.Answer, []want{{"Résultat", "Web", "Somme de Montant TTC", 15}, {"Résultat", "Guichet", "Somme de Montant TTC", 2.5}})
	// a column the file lacks: the step is named
	_, err = Explore(g, recipe(t, `{"steps":[{"op":"derive","kind":"weekday"}]}`))
	ae, ok := err.(*AnalysisError)
	if !ok || ae.Step != 1 || !strings.HasPrefix(ae.French(), "Étape 1 : ") {
		t.Errorf("error %v", err)
	}
}

func TestDecodeRecipeErrors(t *testing.T) {
	for _, js := range []string{
		`not json`,
		`{"version":99,"steps":[]}`,
		`{"steps":[{"op":"explode"}]}`,
		`{"steps":[{"op":"filter","cmp":"eq","values":["x"]}]}`,
		`{"steps":[{"op":"filter","col":{"name":"a"},"cmp":"between","values":["1"]}]}`,
		`{"steps":[{"op":"group","by":[]}]}`,
		`{"steps":[{"op":"group","by":[{"name":"a"}]},{"op":"group","by":[{"name":"b"}]}]}`,
		`{"steps":[{"op":"group","by":[{"name":"a"}]},{"op":"derive","kind":"age"}]}`,
		`{"steps":[{"op":"group","by":[{"name":"a"}],"aggs":[{"fn":"sum"}]}]}`,
		`{"steps":[{"op":"limit","n":0}]}`,
		`{"steps":[],"extra":1}`,
	} {
		_, err := DecodeRecipe([]byte(js))
		ae, ok := err.(*AnalysisError)
		if !ok || ae.Kind != ErrRecipe || ae.French() == "" {
			t.Errorf("%s: %v", js, err)
		}
	}
}

// FuzzRecipe: any recipe decodes or fails cleanly, and applying a valid
// one to a small file never panics.
func FuzzRecipe(f *testing.F) {
	for _, js := range []string{
		`{"steps":[{"op":"filter","col":{"role":"discipline"},"cmp":"eq","values":["Danse"]}]}`,
		`{"steps":[{"op":"derive","kind":"season"},{"op":"pivot","by":[{"role":"discipline"}],"columns":{"name":"saison de représentation"},"aggs":[{"fn":"median","col":{"role":"price"}}]}]}`,
		`{"steps":[{"op":"derive","kind":"leadtime"},{"op":"group","by":[{"name":"délai d'achat"},{"role":"channel"}],"aggs":[{"fn":"distinct","col":{"role":"customer_id"}}]},{"op":"sort","key":"Canal"},{"op":"limit","n":2}]}`,
		`{"steps":[{"op":"filter","col":{"name":"Date d'achat"},"cmp":"ge","values":["31/02/2024"]}]}`,
	} {
		f.Add([]byte(js))
	}
	fr := fixture(f, "questions_billetterie.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeRecipe(data)
		if err != nil {
			if _, ok := err.(*AnalysisError); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		e, err := Explore(fr, r)
		if err != nil {
			if _, ok := err.(*AnalysisError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if _, err := json.Marshal(e.Answer); err != nil {
			t.Fatalf("answer does not marshal: %v", err)
		}
		if _, err := e.Export("csv"); err != nil {
			t.Fatal(err)
		}
	})
}

func importBytes(t testing.TB, data []byte) *Frame {
	t.Helper()
	f, _ := importData(t, data)
	return f
}
