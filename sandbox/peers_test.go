package sandbox

import (
	"archive/zip"
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestExportCSV(t *testing.T) {
	f := fixture(t, "questions_billetterie.csv")
	a := ask(t, f, "jour-achat", Params{})
	ef, err := ExportAnswer(a, "csv")
	if err != nil {
		t.Fatal(err)
	}
	s := string(ef.Data)
	if !strings.HasPrefix(s, "\uFEFFBillets par jour d'achat\r\nJour d'achat;Billets;Part des billets (%);Recette (€);Part de la recette (%)\r\nLundi;3;37,5;35,00;21,875\r\n") {
		t.Errorf("CSV starts %q", s[:min(len(s), 200)])
	}
	if ef.Name != "coulisses-jour-achat.csv" || ef.MIME != MIMECSV {
		t.Errorf("%s %s", ef.Name, ef.MIME)
	}
	// formulas are defused, fields with ; quoted
	var b []byte
	b = csvField(b, "=HYPERLINK(1)")
	b = append(b, '|')
	b = csvField(b, "-12,5")
	b = append(b, '|')
	b = csvField(b, `a;"b"`)
	if string(b) != `'=HYPERLINK(1)|-12,5|"a;""b"""` {
		t.Errorf("fields %s", b)
	}
	// the exploration's export holds every row, not only the rows shown
	g := synthFrame(t, 1000)
	e, err := Explore(g, &Recipe{})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := e.Export("csv")
	if n := bytes.Count(x.Data, []byte("\r\n")); n != 1001 {
		t.Errorf("%d lines, want 1001", n)
	}
}

// The XLSX export is a valid workbook that our own reader imports back.
func TestExportXLSXRoundTrip(t *testing.T) {
	f := fixture(t, "questions_billetterie.csv")
	a := ask(t, f, "panier", Params{})
	ef, err := ExportAnswer(a, "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(ef.Data), int64(len(ef.Data)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, zf := range zr.File {
		names[zf.Name] = true
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := buf.ReadFrom(rc); err != nil {
			t.Fatalf("%s: %v", zf.Name, err) // checksum errors show here
		}
		rc.Close()
	}
	for _, n := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet" + itoa(len(a.Tables)+1) + ".xml"} {
		if !names[n] {
			t.Errorf("missing part %s", n)
		}
	}
	back := importBytes(t, ef.Data)
	if back.NumRows() != len(a.Tables[0].Rows) || back.Col("Indicateur") == nil {
		t.Fatalf("re-import: %d rows, columns %v", back.NumRows(), back.Columns())
	}
	// the mix table is sheet 2: read it by name
	e, _ := Explore(f, &Recipe{Steps: []Step{{Op: "derive", Kind: "weekday"}, {Op: "group", By: []ColRef{{Name: "jour d'achat"}}, Aggs: []AggSpec{{Fn: "sum", Col: &ColRef{Role: "price"}}}}}})
	x, _ := e.Export("xlsx")
	g := importBytes(t, x.Data)
	c := g.Col("Somme de Prix")
	if c == nil || g.NumRows() != 4 || c.Float(0) != 35 {
		t.Fatalf("re-imported exploration: %d rows, %v", g.NumRows(), c)
	}
	// dates stay dates
	e, _ = Explore(f, &Recipe{Steps: []Step{{Op: "limit", N: 2}}})
	x, _ = e.Export("xlsx")
	g = importBytes(t, x.Data)
	if d := g.Col("Date d'achat"); d == nil || d.Type != DateTime || d.String(0) != "2024-03-04 10:15:00" {
		t.Errorf("dates: %+v", d)
	}
	if names := sheetNames([]tableSource{{title: "Mix: par tarif?"}, {title: "Mix: par tarif?"}, {title: strings.Repeat("x", 40)}}, true); strings.Join(names, "|") != "Mix- par tarif-|Mix- par tarif- 2|"+strings.Repeat("x", 31)+"|À lire" {
		t.Errorf("sheet names %q", names)
	}
}

// aggFile writes a small shareable-aggregates file by hand.
func aggFile(venue string, k int, rows ...string) []byte {
	return []byte("# coulisses-agregats;1\n# lieu;" + venue + "\n# periode;01/09/2024;30/06/2025\n# k;" + itoa(k) + "\n# unite;personnes\nindicateur;discipline;numerateur;denominateur;personnes;masque\n" + strings.Join(rows, "\n") + "\n")
}

func TestAggregatesRoundTripAndPool(t *testing.T) {
	f := fixture(t, "questions_billetterie.csv")
	ef, a, err := ShareableAggregates(f, "Théâtre; A", 2, "Coulisses test")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Tables) == 0 || !strings.Contains(strings.Join(a.Caveats, " "), "k = 2") {
		t.Errorf("preview: %d tables, caveats %q", len(a.Tables), a.Caveats)
	}
	af, err := ParseAggregates(ef.Name, ef.Data)
	if err != nil {
		t.Fatal(err.(*AnalysisError).French())
	}
	if af.Venue != "Théâtre, A" || af.K != 2 || len(af.Cells) == 0 {
		t.Errorf("parsed %+v", af)
	}
	// the fixture has 5 buyers: with k = 2, « acheteurs / Ensemble » is published with 5 people
	found := false
	for _, c := range af.Cells {
		if c.Indicator == "acheteurs" && c.Group == ensembleLabel {
			found = !c.Masked && c.Num == 5 && c.Persons == 5
		}
		if !c.Masked && c.Persons < 2 {
			t.Errorf("cell %+v under k", c)
		}
	}
	if !found {
		t.Error("acheteurs / Ensemble not published as 5")
	}
	// pooling by hand: part_18_35 overall 10/40, 30/60, 5/20 → 45/120 = 0,375, 3 venues, 120 people
	files := []*AggFile{}
	for i, r := range []string{"part_18_35;Ensemble;10;40;40;non", "part_18_35;Ensemble;30;60;60;non", "part_18_35;Ensemble;5;20;20;non\npart_18_35;Danse;;;;oui"} {
		af, err := ParseAggregates("f.csv", aggFile("Lieu "+itoa(i), 10, r))
		if err != nil {
			t.Fatal(err.(*AnalysisError).French())
		}
		files = append(files, af)
	}
	cmp, err := ComparePeers(nil, files)
	if err != nil {
		t.Fatal(err)
	}
	checkCells(t, cmp, []want{
		{"Part des 18–35 ans", "Ensemble", "Partenaires", 0.375},
		{"Part des 18–35 ans", "Ensemble", "Lieux", 3},
		{"Part des 18–35 ans", "Ensemble", "Personnes (partenaires)", 120},
		{"Part des 18–35 ans", "Danse", "Cases masquées", 1},
		{"Part des 18–35 ans", "Danse", "Partenaires", math.NaN()},
	})
	// with two venues only, the pooled figure is not shown
	cmp2, _ := ComparePeers(f, files[:2])
	checkCells(t, cmp2, []want{{"Part des 18–35 ans", "Ensemble", "Partenaires", math.NaN()}, {"Part des 18–35 ans", "Ensemble", "Vous", 0.5}})
}

func TestParseAggregatesErrors(t *testing.T) {
	ok := "part_18_35;Ensemble;10;40;40;non"
	for name, data := range map[string][]byte{
		"not ours":       []byte("a;b;c\n1;2;3\n"),
		"newer version":  []byte("# coulisses-agregats;9\n"),
		"no k":           []byte("# coulisses-agregats;1\n# lieu;X\nindicateur;discipline;numerateur;denominateur;personnes;masque\n" + ok + "\n"),
		"k below 2":      aggFile("X", 1, ok),
		"under k":        aggFile("X", 50, ok),
		"masked values":  aggFile("X", 10, "part_18_35;Ensemble;1;;;oui"),
		"duplicate":      aggFile("X", 10, ok, ok),
		"bad number":     aggFile("X", 10, "part_18_35;Ensemble;dix;40;40;non"),
		"no denominator": aggFile("X", 10, "part_18_35;Ensemble;10;;40;non"),
		"bad mask":       aggFile("X", 10, "part_18_35;Ensemble;10;40;40;peut-être"),
		"bad header":     []byte("# coulisses-agregats;1\n# lieu;X\n# k;10\nindicator;group\n"),
		"no venue":       []byte("# coulisses-agregats;1\n# k;10\nindicateur;discipline;numerateur;denominateur;personnes;masque\n"),
		"empty":          nil,
	} {
		_, err := ParseAggregates(name, data)
		ae, isAE := err.(*AnalysisError)
		if !isAE || ae.Kind != ErrPeers || !strings.Contains(ae.French(), "Fichier « "+name+" »") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// saved again by a spreadsheet: Windows-1252, padded with ;;; — still read
	latin := []byte("# coulisses-agregats;1;;;;\r\n# lieu;Th\xe9\xe2tre;;;;\r\n# k;10;;;;\r\nindicateur;discipline;numerateur;denominateur;personnes;masque\r\npart_18_35;Th\xe9\xe2tre;10;40;40;non\r\nnouvel_indicateur;Danse;1;;12;non\r\n")
	af, err := ParseAggregates("latin.csv", latin)
	if err != nil {
		t.Fatal(err.(*AnalysisError).French())
	}
	if af.Venue != "Théâtre" || len(af.Cells) != 1 || af.Cells[0].Group != "Théâtre" {
		t.Errorf("%+v", af)
	}
}

// FuzzAggregates: any file is read or refused cleanly; a file read writes
// back to a file read the same.
func FuzzAggregates(f *testing.F) {
	f.Add(aggFile("X", 10, "part_18_35;Ensemble;10;40;40;non", "billets;Danse;;;;oui"))
	f.Add([]byte("# coulisses-agregats;1\n# lieu;\"a;b\"\n# k;2\nindicateur;discipline;numerateur;denominateur;personnes;masque\nacheteurs;\"x;y\";3;;3;non\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		af, err := ParseAggregates("fuzz.csv", data)
		if err != nil {
			if ae, ok := err.(*AnalysisError); !ok || ae.French() == "" {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		if af.K < MinK {
			t.Fatalf("k = %d accepted", af.K)
		}
		for _, c := range af.Cells {
			if !c.Masked && c.Persons < float64(af.K) {
				t.Fatalf("cell under k accepted: %+v", c)
			}
		}
		if _, err := ComparePeers(nil, []*AggFile{af}); err != nil {
			t.Fatal(err)
		}
	})
}
