package sandbox

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// The sample datasets (content/datasets, written by `make datasets`)
// import without warnings and answer the questions the fiches send them.
func TestSampleDatasets(t *testing.T) {
	for _, c := range []struct {
		file      string
		rows      int
		questions []string
	}{
		{"theatre-billetterie.csv", 8000, []string{"jour-achat", "delai-achat", "jeunes-18-35", "origine", "fidelite", "panier", "opt-in", "rfm"}},
		{"musee-billetterie-boutique.csv", 6000, []string{"jour-achat", "delai-achat", "jeunes-18-35", "origine", "fidelite", "panier", "opt-in", "rfm"}},
		{"newsletter-abonnes.csv", 2500, []string{"opt-in", "origine", "jeunes-18-35"}},
		{"enquete-satisfaction.csv", 700, []string{"information", "origine", "jeunes-18-35"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "content", "datasets", c.file))
			if err != nil {
				t.Fatal(err)
			}
			f, rep := importData(t, data)
			if rep.Rows != c.rows || len(rep.Warnings) != 0 {
				t.Errorf("%d rows (want %d), warnings %v", rep.Rows, c.rows, rep.Warnings)
			}
			for _, slug := range c.questions {
				a, err := Ask(f, slug, Params{})
				if err != nil || len(a.Missing) > 0 || a.Empty || len(a.Tables) == 0 || len(a.Charts) == 0 || a.Sentence == "" {
					t.Errorf("%s: err %v, missing %v, empty %v, %d tables, %d charts", slug, err, a.Missing, a.Empty, len(a.Tables), len(a.Charts))
				}
			}
			// every variant the answers offer works too
			for _, slug := range c.questions {
				a, _ := Ask(f, slug, Params{})
				for _, v := range a.Variants {
					b, err := Ask(f, slug, Params{By: v.Params["by"]})
					if err != nil || len(b.Tables) == 0 {
						t.Errorf("%s %v: %v", slug, v.Params, err)
					}
				}
			}
		})
	}
}

func importData(t testing.TB, data []byte) (*Frame, *Report) {
	t.Helper()
	f, rep, err := Import(context.Background(), bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f, rep
}
