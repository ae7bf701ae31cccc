// Package content loads, validates and renders what Coulisses teaches: the
// learning sheets (fiches), the glossary, the quizzes, the role paths, the
// positioning test and the sandbox catalogue. The same code runs on the
// server (prerendering, `make content-check`, update bundles) and in the
// browser (content that arrives by update), so nothing here knows about
// either.
package content

import (
	"sort"
	"sync"
)

// Roles are the jobs a fiche or a path is written for.
var Roles = []Label{
	{"direction", "Direction"},
	{"billetterie", "Billetterie"},
	{"communication", "Communication"},
	{"relations-publics", "Relations avec les publics"},
	{"juridique", "Administratif et juridique"},
}

// Levels are the difficulty levels, from first steps to expert.
var Levels = []Label{
	{"decouverte", "Découverte"},
	{"intermediaire", "Intermédiaire"},
	{"avance", "Avancé"},
}

// Label pairs a slug with its French display name.
type Label struct {
	Slug, Name string
}

// Corpus is the whole validated content.
type Corpus struct {
	Chapters    []Chapter
	Competences []Competence
	Fiches      []*Fiche // sorted by ID
	Glossary    []*Term  // sorted by folded term
	Quizzes     map[string]*Quiz
	Paths       []*Path
	Positioning *Quiz
	Sandbox     SandboxCatalogue

	byID, bySlug map[string]*Fiche
	terms        map[string]*Term
	index        *Index
	indexOnce    sync.Once
}

// Chapter groups fiches; the first number of a fiche ID is its chapter.
type Chapter struct {
	Slug   string `yaml:"slug" json:"slug"`
	Number int    `yaml:"number" json:"number"`
	Title  string `yaml:"title" json:"title"`
	Intro  string `yaml:"intro" json:"intro"`
}

// Competence is one of the data-literacy competences fiches train.
type Competence struct {
	Slug        string `yaml:"slug" json:"slug"`
	Label       string `yaml:"label" json:"label"`
	Description string `yaml:"description" json:"description"`
	Ridsdale    string `yaml:"ridsdale" json:"ridsdale"`
	DigComp     string `yaml:"digcomp" json:"digcomp"`
}

// Fiche is one learning sheet.
type Fiche struct {
	ID          string       `yaml:"id" json:"id"`
	Slug        string       `yaml:"slug" json:"slug"`
	Title       string       `yaml:"title" json:"title"`
	Chapter     string       `yaml:"chapter" json:"chapter"`
	Summary     string       `yaml:"summary" json:"summary"`
	Roles       []string     `yaml:"roles" json:"roles"`
	Level       string       `yaml:"level" json:"level"`
	Minutes     int          `yaml:"minutes" json:"minutes"`
	Competences []string     `yaml:"competences" json:"competences"`
	Objectives  []string     `yaml:"objectives" json:"objectives"`
	Related     []string     `yaml:"related" json:"related"`
	Sandbox     *SandboxLink `yaml:"sandbox" json:"sandbox"`
	// Discussion holds open questions for workshop groups (Mode atelier).
	Discussion []string `yaml:"discussion" json:"discussion"`
	Sources    []Source `yaml:"sources" json:"sources"`

	// File is the path of the fiche in its file system.
	File string `yaml:"-" json:"-"`
	// Body is the Markdown after the front matter; BodyLine is the line
	// of the file it starts on.
	Body     string `yaml:"-" json:"-"`
	BodyLine int    `yaml:"-" json:"-"`
	// Words counts the words of the body.
	Words int `yaml:"-" json:"-"`
	// Terms lists the glossary slugs the body links to, in order of first use.
	Terms []string `yaml:"-" json:"-"`
}

// SandboxLink opens the sandbox on a dataset and a guided question.
type SandboxLink struct {
	Dataset  string `yaml:"dataset" json:"dataset"`
	Question string `yaml:"question" json:"question"`
}

// Source is a reference a fiche draws on.
type Source struct {
	Author string `yaml:"author" json:"author"`
	Title  string `yaml:"title" json:"title"`
	Year   int    `yaml:"year" json:"year"`
	Where  string `yaml:"where" json:"where"`
}

// Term is a glossary entry.
type Term struct {
	Slug       string   `yaml:"slug" json:"slug"`
	Term       string   `yaml:"term" json:"term"`
	Definition string   `yaml:"definition" json:"definition"`
	See        []string `yaml:"see" json:"see"`
	// Fiches lists the IDs of the fiches that link to the term.
	Fiches []string `yaml:"-" json:"-"`
}

// Path is an ordered reading list for a role.
type Path struct {
	Slug    string   `yaml:"slug" json:"slug"`
	Title   string   `yaml:"title" json:"title"`
	Role    string   `yaml:"role" json:"role"`
	Summary string   `yaml:"summary" json:"summary"`
	Fiches  []string `yaml:"fiches" json:"fiches"`
}

// SandboxCatalogue lists the sample datasets and guided questions.
type SandboxCatalogue struct {
	Datasets  []Dataset  `yaml:"datasets" json:"datasets"`
	Questions []Question `yaml:"questions" json:"questions"`
}

// Dataset is a bundled sample dataset.
type Dataset struct {
	Slug    string `yaml:"slug" json:"slug"`
	Title   string `yaml:"title" json:"title"`
	File    string `yaml:"file" json:"file"`
	Summary string `yaml:"summary" json:"summary"`
}

// Question is a guided question of the sandbox.
type Question struct {
	Slug  string `yaml:"slug" json:"slug"`
	Title string `yaml:"title" json:"title"`
	Fiche string `yaml:"fiche" json:"fiche"`
}

// NewCorpus assembles a corpus from parts, without validation (tests,
// tools). Load is the way to read real content.
func NewCorpus(fiches []*Fiche, quizzes map[string]*Quiz, glossary []*Term) *Corpus {
	c := &Corpus{Fiches: fiches, Quizzes: quizzes, Glossary: glossary}
	if c.Quizzes == nil {
		c.Quizzes = map[string]*Quiz{}
	}
	c.index_()
	return c
}

// Fiche returns the fiche with the given ID, or nil.
func (c *Corpus) Fiche(id string) *Fiche { return c.byID[id] }

// FicheBySlug returns the fiche with the given slug, or nil.
func (c *Corpus) FicheBySlug(slug string) *Fiche { return c.bySlug[slug] }

// Term returns the glossary entry with the given slug, or nil.
func (c *Corpus) Term(slug string) *Term { return c.terms[slug] }

// Path returns the path with the given slug, or nil.
func (c *Corpus) Path(slug string) *Path {
	for _, p := range c.Paths {
		if p.Slug == slug {
			return p
		}
	}
	return nil
}

// Chapter returns the chapter with the given slug, or nil.
func (c *Corpus) Chapter(slug string) *Chapter {
	for i := range c.Chapters {
		if c.Chapters[i].Slug == slug {
			return &c.Chapters[i]
		}
	}
	return nil
}

// Competence returns the competence with the given slug, or nil.
func (c *Corpus) Competence(slug string) *Competence {
	for i := range c.Competences {
		if c.Competences[i].Slug == slug {
			return &c.Competences[i]
		}
	}
	return nil
}

// Dataset returns the sample dataset with the given slug, or nil.
func (c *Corpus) Dataset(slug string) *Dataset {
	for i := range c.Sandbox.Datasets {
		if c.Sandbox.Datasets[i].Slug == slug {
			return &c.Sandbox.Datasets[i]
		}
	}
	return nil
}

// Question returns the guided question with the given slug, or nil.
func (c *Corpus) Question(slug string) *Question {
	for i := range c.Sandbox.Questions {
		if c.Sandbox.Questions[i].Slug == slug {
			return &c.Sandbox.Questions[i]
		}
	}
	return nil
}

// ChapterFiches returns the fiches of a chapter, in ID order.
func (c *Corpus) ChapterFiches(chapter string) []*Fiche {
	var out []*Fiche
	for _, f := range c.Fiches {
		if f.Chapter == chapter {
			out = append(out, f)
		}
	}
	return out
}

// Neighbours returns the fiches before and after f in reading order (nil at
// either end).
func (c *Corpus) Neighbours(f *Fiche) (prev, next *Fiche) {
	i := sort.Search(len(c.Fiches), func(i int) bool { return !idLess(c.Fiches[i].ID, f.ID) })
	if i > 0 {
		prev = c.Fiches[i-1]
	}
	if i+1 < len(c.Fiches) {
		next = c.Fiches[i+1]
	}
	return prev, next
}

// Routes lists the URL of every page that depends on content.
func (c *Corpus) Routes() []string {
	var r []string
	for _, f := range c.Fiches {
		r = append(r, "/fiches/"+f.Slug)
	}
	for _, p := range c.Paths {
		r = append(r, "/parcours/"+p.Slug, "/parcours/"+p.Slug+"/attestation")
	}
	return r
}

// RoleName returns the display name of a role slug.
func RoleName(slug string) string { return labelName(Roles, slug) }

// LevelName returns the display name of a level slug.
func LevelName(slug string) string { return labelName(Levels, slug) }

func labelName(labels []Label, slug string) string {
	for _, l := range labels {
		if l.Slug == slug {
			return l.Name
		}
	}
	return slug
}
