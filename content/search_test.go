//go:build !wasm

package content

import (
	"strings"
	"testing"
)

func searchCorpus() *Corpus {
	c := &Corpus{
		Fiches: []*Fiche{
			{ID: "1.01", Slug: "donnees", Title: "Les données des publics", Summary: "Trois familles de données.",
				Body: "## L'essentiel\n\nUne donnée personnelle identifie une personne.\n"},
			{ID: "3.01", Slug: "rgpd-et-consentement", Title: "RGPD et consentement", Summary: "Recueillir un accord valable.",
				Body: "## L'essentiel\n\nLe consentement est libre, spécifique, éclairé et univoque. Les opt-in se prouvent.\n"},
			{ID: "5.02", Slug: "e-mailing", Title: "L'e-mailing personnalisé", Summary: "Écrire aux bonnes personnes.",
				Body: "## L'essentiel\n\nSans consentement préalable, pas de lettre d'information commerciale.\n"},
		},
		Glossary: []*Term{
			{Slug: "opt-in", Term: "Opt-in", Definition: "Accord explicite pour recevoir des messages."},
			{Slug: "panier-moyen", Term: "Panier moyen", Definition: "Chiffre d'affaires divisé par le nombre de commandes."},
		},
	}
	return c
}

func TestSearch(t *testing.T) {
	c := searchCorpus()
	tests := []struct {
		query string
		first string // ID of the expected first hit
		count int    // expected number of hits (-1: any)
	}{
		{"donnees", "1.01", 1},                // accents
		{"DONNÉE", "1.01", 1},                 // case and singular
		{"consentement", "3.01", 2},           // title beats body
		{"consent", "3.01", 2},                // prefix
		{"paniers moyens", "panier-moyen", 1}, // plurals, glossary
		{"opt-in", "opt-in", -1},
		{"zzz", "", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		hits := c.Search(tt.query, 10)
		if tt.count >= 0 && len(hits) != tt.count {
			t.Errorf("Search(%q) = %d hits %v, want %d", tt.query, len(hits), hits, tt.count)
			continue
		}
		if tt.first != "" && (len(hits) == 0 || hits[0].ID != tt.first) {
			t.Errorf("Search(%q) first = %v, want %s", tt.query, hits, tt.first)
		}
	}
}

func TestSearchExcerptHighlightsMatches(t *testing.T) {
	hits := searchCorpus().Search("consentement", 1)
	if len(hits) != 1 {
		t.Fatal(hits)
	}
	var marked []string
	var all strings.Builder
	for _, s := range hits[0].Excerpt {
		all.WriteString(s.Text)
		if s.Match {
			marked = append(marked, s.Text)
		}
	}
	if len(marked) == 0 || marked[0] != "consentement" {
		t.Errorf("marked = %q in %q", marked, all.String())
	}
	if !strings.Contains(all.String(), "libre, spécifique") {
		t.Errorf("excerpt = %q", all.String())
	}
}

func TestSearchAllWordsFirst(t *testing.T) {
	hits := searchCorpus().Search("consentement lettre", 10)
	if len(hits) != 1 || hits[0].ID != "5.02" {
		t.Errorf("hits = %v, want only 5.02 (both words)", hits)
	}
}

func BenchmarkSearch(b *testing.B) {
	c, _ := Load(Files) // the shipped corpus, valid or not yet
	c.Search("x", 1)    // build the index outside the timing
	queries := []string{"consentement", "donnees personnelles", "panier moyen", "rgpd", "qualité des données", "mutualisation quartier"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Search(queries[i%len(queries)], 20)
	}
}

func BenchmarkIndex(b *testing.B) {
	c, _ := Load(Files)
	for i := 0; i < b.N; i++ {
		NewIndex(c)
	}
}
