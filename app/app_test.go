//go:build !wasm

package app

import (
	"os"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/content"
)

func TestMain(m *testing.M) {
	SetCorpus(content.Default())
	os.Exit(m.Run())
}

// render loads a component in a test engine and returns its HTML.
func render(t *testing.T, c app.Composer) string {
	t.Helper()
	e := app.NewTestEngine()
	if err := e.Load(c); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return app.HTMLString(c)
}

func TestLayoutMarksCurrentArea(t *testing.T) {
	html := render(t, &Catalogue{})
	for _, want := range [][]string{
		{"a", `class="lien-evitement"`, `href="#contenu"`},
		{"nav", `aria-label="Navigation principale"`},
		{"a", `href="/fiches"`, `aria-current="page"`},
		{"main", `id="contenu"`, `tabindex="-1"`},
	} {
		if !hasTag(html, want[0], want[1:]...) {
			t.Errorf("no <%s> with %v", want[0], want[1:])
		}
	}
	if strings.Contains(html, `href="/parcours" aria-current`) {
		t.Error("two current areas")
	}
}

func TestHomeSaysWhatTheAppIsFor(t *testing.T) {
	html := render(t, &Home{})
	for _, want := range []string{"<h1>Coulisses</h1>", "ne quitte votre appareil", `href="/bac-a-sable"`, `href="/a-propos"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q", want)
		}
	}
}

func TestCatalogueFilters(t *testing.T) {
	corp, _ := corpus()
	c := &Catalogue{}
	all := render(t, c)
	if n := strings.Count(all, `class="fiche-resume"`); n != len(corp.Fiches) {
		t.Errorf("%d fiches listed, want %d", n, len(corp.Fiches))
	}
	c = &Catalogue{role: "juridique", level: "avance"}
	filtered := render(t, c)
	want := 0
	for _, f := range corp.Fiches {
		if f.Level == "avance" && contains(f.Roles, "juridique") {
			want++
		}
	}
	if n := strings.Count(filtered, `class="fiche-resume"`); n != want || want == 0 {
		t.Errorf("filtered: %d listed, want %d", n, want)
	}
}

func TestCatalogueSearch(t *testing.T) {
	c := &Catalogue{}
	c.setQuery("consentement")
	html := render(t, c)
	if !strings.Contains(html, "résultats pour « consentement »") || !strings.Contains(html, "<mark>") {
		t.Fatalf("no highlighted results in %.300s", html)
	}
	first := strings.Index(html, `class="liste-resultats"`)
	if first < 0 || !strings.Contains(html[first:first+600], "/fiches/rgpd-et-consentement") {
		t.Errorf("the RGPD fiche is not the first result")
	}
}

func TestFichePage(t *testing.T) {
	corp, _ := corpus()
	f := corp.FicheBySlug("rgpd-et-consentement")
	body, _ := content.DefaultRenderer().Render([]byte(f.Body))
	html := render(t, &FichePage{slug: f.Slug, html: body})
	for _, want := range []string{
		"<h1 id=\"titre-fiche\">",
		"Objectifs",
		`class="terme" href="#def-`,
		"Fiches liées",
		"Sources",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q", want)
		}
	}
	for _, want := range [][]string{
		{"dd", `id="def-` + f.Terms[0] + `"`, `tabindex="-1"`},
		{"a", `rel="prev"`},
		{"a", `rel="next"`},
		{"a", `href="/bac-a-sable?jeu=newsletter&amp;question=opt-in"`},
	} {
		if !hasTag(html, want[0], want[1:]...) {
			t.Errorf("no <%s> with %v", want[0], want[1:])
		}
	}
}

func TestUnknownFiche(t *testing.T) {
	p := &FichePage{slug: "n-existe-pas"}
	if html := render(t, p); !strings.Contains(html, "Fiche introuvable") {
		t.Error("no not-found message")
	}
}

func TestDuration(t *testing.T) {
	for in, want := range map[int]string{45: "45\u00a0min", 60: "1\u00a0h", 95: "1\u00a0h\u00a035"} {
		if got := duration(in); got != want {
			t.Errorf("duration(%d) = %q, want %q", in, got, want)
		}
	}
}

// hasTag reports whether html has a <tag> whose attributes include all
// of attrs, in any order (go-app does not order attributes).
func hasTag(html, tag string, attrs ...string) bool {
	for rest := html; ; {
		i := strings.Index(rest, "<"+tag+" ")
		if i < 0 {
			return false
		}
		rest = rest[i:]
		end := strings.Index(rest, ">")
		open := rest[:end]
		ok := true
		for _, a := range attrs {
			ok = ok && strings.Contains(open, a)
		}
		if ok {
			return true
		}
		rest = rest[end:]
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestWorkshopPage(t *testing.T) {
	html := render(t, &WorkshopPage{path: "essentiels", start: 9*60 + 30})
	for _, want := range []string{"Mode atelier", "9\u00a0h\u00a030 – 9\u00a0h\u00a045", "Accueil et attentes", "Pause", "Bilan et suite", "12\u00a0h\u00a030"} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q", want)
		}
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]int{"09:30": 570, "9h30": 570, "9 h 30": 570, "14h": 840} {
		if got, ok := parseClock(in); !ok || got != want {
			t.Errorf("parseClock(%q) = %d, %v", in, got, ok)
		}
	}
	if _, ok := parseClock("25:00"); ok {
		t.Error("25:00 accepted")
	}
}

func TestQuizFormRendersEveryQuestionType(t *testing.T) {
	corp, _ := corpus()
	q := corp.Quizzes["1.01"]
	html := render(t, &QuizForm{Quiz: q, IDPrefix: "t-", Submit: "Valider"})
	if n := strings.Count(html, "<fieldset"); n != len(q.Questions) {
		t.Errorf("%d fieldsets for %d questions", n, len(q.Questions))
	}
	for _, qq := range q.Questions {
		switch qq.Type {
		case "unique", "vrai-faux":
			if !hasTag(html, "input", `type="radio"`, `name="t-q-`+domID(qq.ID)+`"`) {
				t.Errorf("%s: no radio", qq.ID)
			}
		case "multiple":
			if !hasTag(html, "input", `type="checkbox"`, `name="t-q-`+domID(qq.ID)+`"`) {
				t.Errorf("%s: no checkbox", qq.ID)
			}
		case "ordre":
			if !strings.Contains(html, `aria-label="Monter : `) {
				t.Errorf("%s: no move buttons", qq.ID)
			}
		}
	}
	if strings.Contains(html, `class="explication`) {
		t.Error("explanations shown before answering")
	}
}

func TestQuizFormShowsExplanationsAfterGrading(t *testing.T) {
	corp, _ := corpus()
	q := corp.Quizzes["3.01"]
	f := &QuizForm{Quiz: q, IDPrefix: "t-", Submit: "Valider"}
	f.OnInit()
	f.submitted = true
	f.result = learnGradeAllWrong(q)
	html := render(t, f)
	options := 0
	for _, qq := range q.Questions {
		options += len(qq.Options)
	}
	if n := strings.Count(html, `class="explication`); n != options {
		t.Errorf("%d explanations for %d options", n, options)
	}
	if !strings.Contains(html, "Quiz non réussi") {
		t.Error("no verdict")
	}
}

func TestPositioningPageAsksForTheRoleFirst(t *testing.T) {
	html := render(t, &PositioningPage{})
	if !strings.Contains(html, "Votre métier") || !hasTag(html, "input", `type="radio"`, `value="billetterie"`) {
		t.Error("no role choice")
	}
	if strings.Contains(html, "<fieldset class=\"question") {
		t.Error("questions shown before starting")
	}
}
