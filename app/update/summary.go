package update

import (
	"fmt"
	"strings"

	"coulisses/worker/manifest"
)

// Summary counts what an update changes, per kind of file.
type Summary struct {
	Fiches   Count `json:"fiches"`
	Quizzes  Count `json:"quiz"`
	Datasets Count `json:"jeux"`
	Glossary bool  `json:"glossaire,omitempty"`
	// Other counts the other files (chapters, paths, competences, sandbox
	// catalogue, positioning test) added, changed or removed.
	Other int `json:"autres,omitempty"`
}

// Count is the number of files of one kind added, changed and removed.
type Count struct {
	Added   int `json:"nouveaux,omitempty"`
	Changed int `json:"modifies,omitempty"`
	Removed int `json:"retires,omitempty"`
}

func (c Count) empty() bool { return c.Added == 0 && c.Changed == 0 && c.Removed == 0 }

// Summarize counts a manifest diff per kind of file.
func Summarize(c manifest.Changes) Summary {
	var s Summary
	count := func(paths []string, bump func(*Count)) {
		for _, p := range paths {
			switch manifest.KindOf(p) {
			case manifest.KindFiche:
				bump(&s.Fiches)
			case manifest.KindQuiz:
				bump(&s.Quizzes)
			case manifest.KindDataset:
				bump(&s.Datasets)
			case manifest.KindGlossary:
				s.Glossary = true
			default:
				s.Other++
			}
		}
	}
	count(c.Added, func(n *Count) { n.Added++ })
	count(c.Changed, func(n *Count) { n.Changed++ })
	count(c.Removed, func(n *Count) { n.Removed++ })
	return s
}

// String says it in French for the learner: « 3 fiches modifiées,
// 1 nouvelle », « 1 nouvelle fiche, 2 quiz modifiés, glossaire mis à jour ».
func (s Summary) String() string {
	var parts []string
	parts = append(parts, s.Fiches.french("fiche", "fiches", true)...)
	parts = append(parts, s.Quizzes.french("quiz", "quiz", false)...)
	parts = append(parts, s.Datasets.french("jeu de données", "jeux de données", false)...)
	if s.Glossary {
		parts = append(parts, "glossaire mis à jour")
	}
	if s.Other > 0 {
		parts = append(parts, fmt.Sprintf("%d autre%s fichier%s mis à jour", s.Other, plural(s.Other), plural(s.Other)))
	}
	if len(parts) == 0 {
		return "aucun changement visible"
	}
	return strings.Join(parts, ", ")
}

// french words a Count: the noun goes with the first number given, the
// others agree with it (« 3 fiches modifiées, 1 nouvelle, 1 retirée »).
func (c Count) french(one, many string, feminine bool) []string {
	if c.empty() {
		return nil
	}
	adj := func(n int, masc, fem string) string {
		w := masc
		if feminine {
			w = fem
		}
		switch {
		case n < 2:
			return w
		case strings.HasSuffix(w, "eau"):
			return w + "x" // nouveaux
		}
		return w + "s"
	}
	noun := func(n int) string {
		if n > 1 {
			return many
		}
		return one
	}
	var parts []string
	named := false
	if c.Changed > 0 {
		parts = append(parts, fmt.Sprintf("%d %s %s", c.Changed, noun(c.Changed), adj(c.Changed, "modifié", "modifiée")))
		named = true
	}
	if c.Added > 0 {
		if named {
			parts = append(parts, fmt.Sprintf("%d %s", c.Added, adj(c.Added, "nouveau", "nouvelle")))
		} else {
			parts = append(parts, fmt.Sprintf("%d %s %s", c.Added, adj(c.Added, "nouveau", "nouvelle"), noun(c.Added)))
			named = true
		}
	}
	if c.Removed > 0 {
		if named {
			parts = append(parts, fmt.Sprintf("%d %s", c.Removed, adj(c.Removed, "retiré", "retirée")))
		} else {
			parts = append(parts, fmt.Sprintf("%d %s %s", c.Removed, noun(c.Removed), adj(c.Removed, "retiré", "retirée")))
		}
	}
	return parts
}
