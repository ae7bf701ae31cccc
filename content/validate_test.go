package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// overlay returns the valid fixture corpus with the files of
// testdata/broken/<name> laid over it.
func overlay(t *testing.T, name string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for _, dir := range []string{"testdata/valid", filepath.Join("testdata/broken", name)} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil && name != "" {
			t.Fatal(err)
		}
	}
	return m
}

func TestLoadValidFixture(t *testing.T) {
	c, err := Load(os.DirFS("testdata/valid"))
	if err != nil {
		t.Fatalf("Load(valid) = %v", err)
	}
	if len(c.Fiches) != 2 || c.Fiches[0].ID != "1.01" || c.Fiches[1].ID != "3.01" {
		t.Fatalf("fiches = %v", c.Fiches)
	}
	f := c.FicheBySlug("premiere-fiche")
	if got, want := strings.Join(f.Terms, ","), "opt-in,consentement"; got != want {
		t.Errorf("Terms = %q, want %q", got, want)
	}
	if got := c.Term("opt-in").Fiches; len(got) != 2 {
		t.Errorf("opt-in used by %v, want both fiches", got)
	}
	if f.Words < MinWords {
		t.Errorf("fixture has %d words", f.Words)
	}
}

func TestLoadReportsProblemsWithFileAndLine(t *testing.T) {
	const fiche = "fiches/1.01-premiere-fiche.md"
	tests := []struct {
		fixture string
		file    string
		line    int // 0: any line
		want    string
	}{
		{"unknown-role", fiche, 7, `rôle "marketing" inconnu`},
		{"unknown-level", fiche, 8, `niveau "expert" inconnu`},
		{"unknown-competence", fiche, 10, `compétence "deviner" inconnue`},
		{"missing-summary", fiche, 0, "champ summary obligatoire"},
		{"related-nowhere", fiche, 14, `related : la fiche "9.99" n'existe pas`},
		{"duplicate-id", "fiches/1.02-autre.md", 2, `id "1.01" déjà utilisé`},
		{"duplicate-slug", "fiches/1.02-premiere-fiche.md", 3, `slug "premiere-fiche" déjà utilisé`},
		{"dead-fiche-link", fiche, 30, `lien vers la fiche "nulle-part", qui n'existe pas`},
		{"undefined-term", fiche, 24, `terme de glossaire "inconnu" non défini`},
		{"raw-html", fiche, 40, "HTML brut interdit"},
		{"javascript-link", fiche, 30, `lien "javascript:alert(1)" refusé`},
		{"bad-yaml", fiche, 4, "YAML invalide"},
		{"no-front-matter", fiche, 1, "en-tête YAML absent"},
		{"too-short", fiche, 24, "mots : une fiche en compte de 600 à 1500"},
		{"missing-section", fiche, 0, "section « ## À retenir » manquante"},
		{"quiz-two-correct", "quiz/1.01.yaml", 7, "exactement une juste (ici 3 options, 2 justes)"},
		{"quiz-no-explanation", "quiz/1.01.yaml", 13, "text et explanation sont obligatoires"},
		{"quiz-duplicate-id", "quiz/1.01.yaml", 15, `id de question "1.01-1" déjà utilisé`},
		{"quiz-no-table", "quiz/1.01.yaml", 0, "au moins une question doit faire interpréter un tableau"},
		{"quiz-unknown-type", "quiz/1.01.yaml", 16, `type "libre" inconnu`},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			_, err := Load(overlay(t, tt.fixture))
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Load = %v, want a ValidationError", err)
			}
			for _, p := range verr.Problems {
				if p.File == tt.file && strings.Contains(p.Msg, tt.want) && (tt.line == 0 || p.Line == tt.line) {
					return
				}
			}
			t.Errorf("no problem %s:%d %q in\n%v", tt.file, tt.line, tt.want, verr)
		})
	}
}
