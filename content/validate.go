package content

import (
	"bytes"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Limits the validator enforces.
const (
	MinWords         = 600
	MaxWords         = 1500
	MinGlossaryTerms = 40
	MinQuizQuestions = 3
	MaxQuizQuestions = 5
	MinPositioning   = 12
	MaxPositioning   = 20
)

// RequiredPaths are the paths every corpus must offer.
var RequiredPaths = []string{"essentiels", "direction", "billetterie", "communication", "relations-publics", "administratif-juridique"}

// RequiredSections are the headings every fiche body must contain.
var RequiredSections = []string{"L'essentiel", "À retenir"}

type validator struct {
	c  *Corpus
	ps *problems
}

func (v validator) catalogue() {
	seen := map[string]bool{}
	for i, ch := range v.c.Chapters {
		if !slugRe.MatchString(ch.Slug) || ch.Title == "" || ch.Number != i+1 {
			v.ps.add("chapitres.yaml", 0, "chapitre %d (%q) : slug, titre et numéro (dans l'ordre, à partir de 1) sont obligatoires", i+1, ch.Slug)
		}
		if seen[ch.Slug] {
			v.ps.add("chapitres.yaml", 0, "chapitre %q en double", ch.Slug)
		}
		seen[ch.Slug] = true
	}
	for _, c := range v.c.Competences {
		if !slugRe.MatchString(c.Slug) || c.Label == "" || c.Ridsdale == "" || c.DigComp == "" {
			v.ps.add("competences.yaml", 0, "compétence %q : slug, label, ridsdale et digcomp sont obligatoires", c.Slug)
		}
	}
	for _, d := range v.c.Sandbox.Datasets {
		if !slugRe.MatchString(d.Slug) || d.Title == "" || d.File == "" {
			v.ps.add("bac-a-sable.yaml", 0, "jeu de données %q : slug, titre et fichier sont obligatoires", d.Slug)
		}
	}
	for _, q := range v.c.Sandbox.Questions {
		if !slugRe.MatchString(q.Slug) || q.Title == "" {
			v.ps.add("bac-a-sable.yaml", 0, "question %q : slug et titre sont obligatoires", q.Slug)
		}
		if q.Fiche != "" && v.c.Fiche(q.Fiche) == nil {
			v.ps.add("bac-a-sable.yaml", 0, "la question %q renvoie à la fiche %q, qui n'existe pas", q.Slug, q.Fiche)
		}
	}
}

func (v validator) fiches(nodes []*node) {
	ids, slugs := map[string]string{}, map[string]string{}
	for i, f := range v.c.Fiches {
		n := nodes[i]
		at := func(key string) int { return keyLine(n, key) }
		file := f.File
		if !idRe.MatchString(f.ID) {
			v.ps.add(file, at("id"), "id %q invalide : attendu « chapitre.numéro », par exemple \"2.03\"", f.ID)
		} else if prev, dup := ids[f.ID]; dup {
			v.ps.add(file, at("id"), "id %q déjà utilisé par %s", f.ID, prev)
		}
		ids[f.ID] = file
		if !slugRe.MatchString(f.Slug) {
			v.ps.add(file, at("slug"), "slug %q invalide : minuscules, chiffres et tirets seulement", f.Slug)
		} else if prev, dup := slugs[f.Slug]; dup {
			v.ps.add(file, at("slug"), "slug %q déjà utilisé par %s", f.Slug, prev)
		}
		slugs[f.Slug] = file
		if want := f.ID + "-" + f.Slug; fileBase(file) != want {
			v.ps.add(file, 0, "le fichier devrait s'appeler fiches/%s.md", want)
		}
		for key, val := range map[string]string{"title": f.Title, "summary": f.Summary} {
			if strings.TrimSpace(val) == "" {
				v.ps.add(file, at(key), "champ %s obligatoire", key)
			}
		}
		if ch := v.c.Chapter(f.Chapter); ch == nil {
			v.ps.add(file, at("chapter"), "chapitre %q inconnu (voir chapitres.yaml)", f.Chapter)
		} else if idRe.MatchString(f.ID) && !strings.HasPrefix(f.ID, strconv.Itoa(ch.Number)+".") {
			v.ps.add(file, at("chapter"), "l'id %s ne correspond pas au chapitre %d « %s »", f.ID, ch.Number, ch.Title)
		}
		if len(f.Roles) == 0 {
			v.ps.add(file, at("roles"), "au moins un rôle est obligatoire")
		}
		for j, r := range f.Roles {
			if !hasLabel(Roles, r) {
				v.ps.add(file, itemLine(n, "roles", j), "rôle %q inconnu (rôles permis : %s)", r, labelSlugs(Roles))
			}
		}
		if !hasLabel(Levels, f.Level) {
			v.ps.add(file, at("level"), "niveau %q inconnu (niveaux permis : %s)", f.Level, labelSlugs(Levels))
		}
		if f.Minutes <= 0 || f.Minutes > 30 {
			v.ps.add(file, at("minutes"), "temps de lecture %d invalide (1 à 30 minutes)", f.Minutes)
		}
		if len(f.Competences) == 0 {
			v.ps.add(file, at("competences"), "au moins une compétence est obligatoire")
		}
		for j, c := range f.Competences {
			if v.c.Competence(c) == nil {
				v.ps.add(file, itemLine(n, "competences", j), "compétence %q inconnue (voir competences.yaml)", c)
			}
		}
		if k := len(f.Objectives); k < 2 || k > 4 {
			v.ps.add(file, at("objectives"), "%d objectifs : il en faut de 2 à 4", k)
		}
		for j, r := range f.Related {
			if r == f.ID {
				v.ps.add(file, itemLine(n, "related", j), "une fiche ne peut pas se citer elle-même dans related")
			} else if v.c.Fiche(r) == nil {
				v.ps.add(file, itemLine(n, "related", j), "related : la fiche %q n'existe pas", r)
			}
		}
		if f.Sandbox != nil {
			v.sandboxLink(file, at("sandbox"), f.Sandbox.Dataset, f.Sandbox.Question)
		}
		if k := len(f.Discussion); k > 4 {
			v.ps.add(file, at("discussion"), "%d questions de discussion : 4 au plus", k)
		}
		for j, q := range f.Discussion {
			if !strings.HasSuffix(strings.TrimSpace(q), "?") {
				v.ps.add(file, itemLine(n, "discussion", j), "une question de discussion se termine par « ? »")
			}
		}
		if len(f.Sources) == 0 {
			v.ps.add(file, at("sources"), "au moins une source est obligatoire")
		}
		for j, s := range f.Sources {
			if s.Author == "" || s.Title == "" || s.Where == "" {
				v.ps.add(file, itemLine(n, "sources", j), "source incomplète : author, title et where sont obligatoires")
			}
			if s.Year != 0 && (s.Year < 1900 || s.Year > 2100) {
				v.ps.add(file, itemLine(n, "sources", j), "source : année %d invalide (omettez year si la source n'est pas datée)", s.Year)
			}
		}
		if f.Words < MinWords || f.Words > MaxWords {
			v.ps.add(file, f.BodyLine, "%d mots : une fiche en compte de %d à %d", f.Words, MinWords, MaxWords)
		}
		v.body(f)
	}
}

func (v validator) sandboxLink(file string, line int, dataset, question string) {
	if v.c.Dataset(dataset) == nil {
		v.ps.add(file, line, "bac à sable : jeu de données %q inconnu (voir bac-a-sable.yaml)", dataset)
	}
	if question != "" && v.c.Question(question) == nil {
		v.ps.add(file, line, "bac à sable : question %q inconnue (voir bac-a-sable.yaml)", question)
	}
}

// body checks the Markdown of a fiche: sections, links, raw HTML, images.
func (v validator) body(f *Fiche) {
	src := []byte(f.Body)
	doc := DefaultRenderer().Parse(src)
	lineOf := func(n ast.Node) int { return f.BodyLine + nodeLine(n, src) }
	headings := map[string]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings[strings.TrimSpace(plainText(n, src))] = true
			if n.Level == 1 {
				v.ps.add(f.File, lineOf(n), "titre de niveau 1 interdit dans le corps : le titre de la fiche vient de l'en-tête (utilisez ##)")
			}
		case *ast.HTMLBlock, *ast.RawHTML:
			v.ps.add(f.File, lineOf(n), "HTML brut interdit : il serait supprimé au rendu")
		case *ast.Image:
			v.ps.add(f.File, lineOf(n), "image interdite : elle ne s'afficherait pas hors ligne")
		case *ast.AutoLink:
			if k, _ := ClassifyLink(string(n.URL(src))); k != LinkExternal {
				v.ps.add(f.File, lineOf(n), "lien %q refusé : seuls les liens https:// sont permis", n.URL(src))
			}
		case *ast.Link:
			v.link(f, string(n.Destination), lineOf(n))
		}
		return ast.WalkContinue, nil
	})
	for _, want := range RequiredSections {
		found := false
		for h := range headings {
			if normaliseHeading(h) == normaliseHeading(want) {
				found = true
			}
		}
		if !found {
			v.ps.add(f.File, f.BodyLine, "section « ## %s » manquante", want)
		}
	}
	hasExample := false
	for h := range headings {
		if strings.HasPrefix(normaliseHeading(h), "exemple") {
			hasExample = true
		}
	}
	if !hasExample {
		v.ps.add(f.File, f.BodyLine, "section « ## Exemple : … » manquante")
	}
}

// link checks one link of a fiche and records glossary use.
func (v validator) link(f *Fiche, dest string, line int) {
	kind, target := ClassifyLink(dest)
	switch kind {
	case LinkInvalid:
		v.ps.add(f.File, line, "lien %q refusé : liens permis vers /fiches/<slug>, glossaire:<terme>, /bac-a-sable?…, /parcours/… ou https://", dest)
	case LinkFiche:
		if v.c.FicheBySlug(target) == nil {
			v.ps.add(f.File, line, "lien vers la fiche %q, qui n'existe pas", target)
		}
	case LinkInternal:
		if p, ok := strings.CutPrefix(target, "/parcours/"); ok && v.c.Path(p) == nil {
			v.ps.add(f.File, line, "lien vers le parcours %q, qui n'existe pas", p)
		}
	case LinkGlossary:
		if v.c.Term(target) == nil {
			v.ps.add(f.File, line, "terme de glossaire %q non défini dans glossaire.yaml", target)
		}
	case LinkSandbox:
		u, _ := url.Parse(target)
		q := u.Query()
		if q.Get("jeu") == "" {
			v.ps.add(f.File, line, "lien vers le bac à sable sans jeu de données (?jeu=…)")
		} else {
			v.sandboxLink(f.File, line, q.Get("jeu"), q.Get("question"))
		}
	}
}

func (v validator) glossary(nodes []*node) {
	const file = "glossaire.yaml"
	if len(v.c.Glossary) < MinGlossaryTerms {
		v.ps.add(file, 0, "%d termes : le glossaire en compte au moins %d", len(v.c.Glossary), MinGlossaryTerms)
	}
	seen := map[string]bool{}
	for i, t := range v.c.Glossary {
		n := nodes[i]
		if !slugRe.MatchString(t.Slug) {
			v.ps.add(file, keyLine(n, "slug"), "slug %q invalide", t.Slug)
		}
		if seen[t.Slug] {
			v.ps.add(file, keyLine(n, "slug"), "terme %q défini deux fois", t.Slug)
		}
		seen[t.Slug] = true
		if strings.TrimSpace(t.Term) == "" || strings.TrimSpace(t.Definition) == "" {
			v.ps.add(file, n.Line, "terme %q : term et definition sont obligatoires", t.Slug)
		}
		for j, s := range t.See {
			if v.c.Term(s) == nil {
				v.ps.add(file, itemLine(n, "see", j), "renvoi vers le terme %q, qui n'est pas défini", s)
			}
		}
	}
}

func (v validator) quizzes(nodes map[string]*node) {
	ids := map[string]string{}
	for _, f := range v.c.Fiches {
		if v.c.Quizzes[f.ID] == nil {
			v.ps.add(f.File, 0, "aucun quiz : ajoutez quiz/%s.yaml", f.ID)
		}
	}
	for fiche, q := range v.c.Quizzes {
		n := nodes[fiche]
		if v.c.Fiche(fiche) == nil {
			v.ps.add(q.File, keyLine(n, "fiche"), "le quiz porte sur la fiche %q, qui n'existe pas", fiche)
		}
		if want := fiche + ".yaml"; !strings.HasSuffix(q.File, "/"+want) {
			v.ps.add(q.File, 0, "le fichier devrait s'appeler quiz/%s", want)
		}
		if k := len(q.Questions); k < MinQuizQuestions || k > MaxQuizQuestions {
			v.ps.add(q.File, keyLine(n, "questions"), "%d questions : un quiz en compte de %d à %d", k, MinQuizQuestions, MaxQuizQuestions)
		}
		tables := 0
		for i, qq := range q.Questions {
			if qq.Table != nil {
				tables++
			}
			v.question(q.File, questionNode(n, i), qq, ids, false)
		}
		if tables == 0 {
			v.ps.add(q.File, keyLine(n, "questions"), "au moins une question doit faire interpréter un tableau (champ table)")
		}
	}
	if p := v.c.Positioning; p != nil {
		n := nodes[""]
		if k := len(p.Questions); k < MinPositioning || k > MaxPositioning {
			v.ps.add(p.File, keyLine(n, "questions"), "%d questions : le test de positionnement en compte de %d à %d", k, MinPositioning, MaxPositioning)
		}
		covered := map[string]bool{}
		for i, qq := range p.Questions {
			covered[qq.Competence] = true
			v.question(p.File, questionNode(n, i), qq, ids, true)
		}
		for _, c := range v.c.Competences {
			if !covered[c.Slug] {
				v.ps.add(p.File, 0, "aucune question ne porte sur la compétence %q", c.Slug)
			}
		}
	}
}

func questionNode(n *node, i int) *node {
	if n == nil || n.Kind != mappingNode {
		return nil
	}
	for k := 0; k+1 < len(n.Content); k += 2 {
		if n.Content[k].Value == "questions" {
			if seq := n.Content[k+1]; seq.Kind == sequenceNode && i < len(seq.Content) {
				return seq.Content[i]
			}
		}
	}
	return nil
}

// question checks one quiz or positioning question.
func (v validator) question(file string, n *node, q QuizQuestion, ids map[string]string, positioning bool) {
	at := func(key string) int { return keyLine(n, key) }
	if q.ID == "" {
		v.ps.add(file, lineOfNode(n), "question sans id")
	} else if prev, dup := ids[q.ID]; dup {
		v.ps.add(file, at("id"), "id de question %q déjà utilisé dans %s", q.ID, prev)
	}
	ids[q.ID] = file
	if strings.TrimSpace(q.Question) == "" {
		v.ps.add(file, at("question"), "question %s : énoncé manquant", q.ID)
	}
	if v.c.Competence(q.Competence) == nil {
		v.ps.add(file, at("competence"), "question %s : compétence %q inconnue", q.ID, q.Competence)
	}
	if positioning && !hasLabel(Levels, q.Level) {
		v.ps.add(file, at("level"), "question %s : niveau %q inconnu (%s)", q.ID, q.Level, labelSlugs(Levels))
	}
	opts, correct := len(q.Options), q.CorrectCount()
	switch q.Type {
	case Single:
		if opts < 3 || opts > 5 || correct != 1 {
			v.ps.add(file, at("options"), "question %s (unique) : 3 à 5 options dont exactement une juste (ici %d options, %d justes)", q.ID, opts, correct)
		}
	case Multiple:
		if opts < 3 || opts > 6 || correct < 2 || correct == opts {
			v.ps.add(file, at("options"), "question %s (multiple) : 3 à 6 options, au moins deux justes et au moins une fausse (ici %d options, %d justes)", q.ID, opts, correct)
		}
	case TrueFalse:
		if opts != 2 || correct != 1 || Fold(q.Options[0].Text) != "vrai" || Fold(q.Options[1].Text) != "faux" {
			v.ps.add(file, at("options"), "question %s (vrai-faux) : deux options « Vrai » puis « Faux », exactement une juste", q.ID)
		}
	case Ordering:
		if opts < 3 || opts > 6 || correct != 0 {
			v.ps.add(file, at("options"), "question %s (ordre) : 3 à 6 options dans le bon ordre, sans champ correct", q.ID)
		}
	default:
		v.ps.add(file, at("type"), "question %s : type %q inconnu (unique, multiple, vrai-faux, ordre)", q.ID, q.Type)
	}
	for j, o := range q.Options {
		if strings.TrimSpace(o.Text) == "" || strings.TrimSpace(o.Explanation) == "" {
			v.ps.add(file, itemLine(n, "options", j), "question %s, option %d : text et explanation sont obligatoires", q.ID, j+1)
		}
	}
	if t := q.Table; t != nil {
		if len(t.Columns) < 2 || len(t.Rows) < 2 || t.Caption == "" {
			v.ps.add(file, at("table"), "question %s : le tableau veut une légende (caption), au moins 2 colonnes et 2 lignes", q.ID)
		}
		for r, row := range t.Rows {
			if len(row) != len(t.Columns) {
				v.ps.add(file, at("table"), "question %s : la ligne %d du tableau a %d cellules pour %d colonnes", q.ID, r+1, len(row), len(t.Columns))
			}
		}
		switch t.Chart {
		case "":
		case "barres":
			for r, row := range t.Rows {
				if len(row) > 1 {
					if _, ok := ParseNumber(row[1]); !ok {
						v.ps.add(file, at("table"), "question %s : chart barres, mais la ligne %d n'a pas un nombre en 2e colonne (%q)", q.ID, r+1, row[1])
					}
				}
			}
		default:
			v.ps.add(file, at("table"), "question %s : chart %q inconnu (barres)", q.ID, t.Chart)
		}
	}
}

func (v validator) paths(nodes []*node) {
	const file = "parcours.yaml"
	seen := map[string]bool{}
	for i, p := range v.c.Paths {
		n := nodes[i]
		if !slugRe.MatchString(p.Slug) || seen[p.Slug] {
			v.ps.add(file, keyLine(n, "slug"), "parcours %q : slug invalide ou en double", p.Slug)
		}
		seen[p.Slug] = true
		if p.Title == "" || p.Summary == "" {
			v.ps.add(file, n.Line, "parcours %q : title et summary sont obligatoires", p.Slug)
		}
		if p.Role != "" && !hasLabel(Roles, p.Role) {
			v.ps.add(file, keyLine(n, "role"), "parcours %q : rôle %q inconnu", p.Slug, p.Role)
		}
		if len(p.Fiches) == 0 {
			v.ps.add(file, keyLine(n, "fiches"), "parcours %q : aucune fiche", p.Slug)
		}
		dup := map[string]bool{}
		for j, id := range p.Fiches {
			if v.c.Fiche(id) == nil {
				v.ps.add(file, itemLine(n, "fiches", j), "parcours %q : la fiche %q n'existe pas", p.Slug, id)
			}
			if dup[id] {
				v.ps.add(file, itemLine(n, "fiches", j), "parcours %q : la fiche %q apparaît deux fois", p.Slug, id)
			}
			dup[id] = true
		}
	}
	for _, want := range RequiredPaths {
		if !seen[want] {
			v.ps.add(file, 0, "parcours %q manquant", want)
		}
	}
}

// ParseNumber reads a number written the French or English way
// ("12 345,6", "41 %", "3.5"). It reports false if s is not a number.
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "%")
	s = strings.TrimSuffix(s, "€")
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f':
			return -1
		case ',':
			return '.'
		}
		return r
	}, s)
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

func hasLabel(labels []Label, slug string) bool {
	for _, l := range labels {
		if l.Slug == slug {
			return true
		}
	}
	return false
}

func labelSlugs(labels []Label) string {
	var s []string
	for _, l := range labels {
		s = append(s, l.Slug)
	}
	return strings.Join(s, ", ")
}

func lineOfNode(n *node) int {
	if n == nil {
		return 0
	}
	return n.Line
}

var spaces = regexp.MustCompile(`\s+`)

// normaliseHeading folds a heading for comparison: case, accents, apostrophes.
func normaliseHeading(s string) string {
	return strings.TrimSpace(spaces.ReplaceAllString(Fold(s), " "))
}

// nodeLine returns the 0-based line of a node within src: its first
// source position, or that of its enclosing block.
func nodeLine(n ast.Node, src []byte) int {
	off := firstOffset(n)
	for p := n.Parent(); off < 0 && p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			off = p.Lines().At(0).Start
		}
	}
	if off < 0 {
		return 0
	}
	return bytes.Count(src[:off], []byte("\n"))
}

// firstOffset returns the first byte offset of a node in the source, or -1.
func firstOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Start
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			return n.Segments.At(0).Start
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := firstOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

// plainText returns the text content of a node.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
