package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Problem is one thing wrong in the content, at a file and line.
type Problem struct {
	File string
	Line int // 0 when the problem concerns the whole file
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d : %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s : %s", p.File, p.Msg)
}

// ValidationError lists every problem found while loading content.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "contenu invalide (%d problème", len(e.Problems))
	if len(e.Problems) > 1 {
		b.WriteString("s")
	}
	b.WriteString(")")
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// problems accumulates Problems while loading.
type problems []Problem

func (ps *problems) add(file string, line int, format string, args ...any) {
	*ps = append(*ps, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

var (
	idRe   = regexp.MustCompile(`^[1-9]\.[0-9]{2}$`)
	slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Load reads and validates the whole content from fsys (laid out as the
// content/ directory). It returns the corpus, or a *ValidationError naming
// every problem with its file and line.
func Load(fsys fs.FS) (*Corpus, error) { return load(fsys, true) }

// Decode reads content without validating it, for content that was
// validated when it was built (the bundle the app ships): it only reports
// files it cannot parse. Use Load for anything else.
func Decode(fsys fs.FS) (*Corpus, error) { return load(fsys, false) }

func load(fsys fs.FS, validate bool) (*Corpus, error) {
	var ps problems
	c := &Corpus{Quizzes: map[string]*Quiz{}}

	yamlList(fsys, "chapitres.yaml", &c.Chapters, &ps)
	yamlList(fsys, "competences.yaml", &c.Competences, &ps)
	decodeFile(fsys, "bac-a-sable.yaml", &c.Sandbox, &ps)
	glossaryNodes := yamlList(fsys, "glossaire.yaml", &c.Glossary, &ps)
	pathNodes := yamlList(fsys, "parcours.yaml", &c.Paths, &ps)

	ficheFiles, _ := fs.Glob(fsys, "fiches/*.md")
	var ficheNodes []*node
	for _, name := range ficheFiles {
		f, node := loadFiche(fsys, name, &ps)
		if f != nil {
			c.Fiches = append(c.Fiches, f)
			ficheNodes = append(ficheNodes, node)
		}
	}
	sort.SliceStable(ficheNodes, func(i, j int) bool { return idLess(c.Fiches[i].ID, c.Fiches[j].ID) })
	sort.SliceStable(c.Fiches, func(i, j int) bool { return idLess(c.Fiches[i].ID, c.Fiches[j].ID) })

	quizFiles, _ := fs.Glob(fsys, "quiz/*.yaml")
	quizNodes := map[string]*node{}
	for _, name := range quizFiles {
		var q Quiz
		if node, ok := decodeFile(fsys, name, &q, &ps); ok {
			q.File = name
			if _, dup := c.Quizzes[q.Fiche]; dup {
				ps.add(name, keyLine(node, "fiche"), "un autre quiz porte déjà sur la fiche %q", q.Fiche)
				continue
			}
			c.Quizzes[q.Fiche] = &q
			quizNodes[q.Fiche] = node
		}
	}
	var positioning Quiz
	if node, ok := decodeFile(fsys, "positionnement.yaml", &positioning, &ps); ok {
		positioning.File = "positionnement.yaml"
		c.Positioning = &positioning
		quizNodes[""] = node
	}

	c.index_()
	c.linkTerms()
	if validate {
		v := validator{c: c, ps: &ps}
		v.catalogue()
		v.fiches(ficheNodes)
		v.glossary(glossaryNodes)
		v.quizzes(quizNodes)
		v.paths(pathNodes)
	}
	sort.SliceStable(c.Glossary, func(i, j int) bool { return Fold(c.Glossary[i].Term) < Fold(c.Glossary[j].Term) })

	if len(ps) > 0 {
		sort.SliceStable(ps, func(i, j int) bool {
			if ps[i].File != ps[j].File {
				return ps[i].File < ps[j].File
			}
			return ps[i].Line < ps[j].Line
		})
		return c, &ValidationError{Problems: ps}
	}
	return c, nil
}

// index_ builds the lookup maps.
func (c *Corpus) index_() {
	c.byID = map[string]*Fiche{}
	c.bySlug = map[string]*Fiche{}
	c.terms = map[string]*Term{}
	for _, f := range c.Fiches {
		if _, dup := c.byID[f.ID]; !dup {
			c.byID[f.ID] = f
		}
		if _, dup := c.bySlug[f.Slug]; !dup {
			c.bySlug[f.Slug] = f
		}
	}
	for _, t := range c.Glossary {
		if _, dup := c.terms[t.Slug]; !dup {
			c.terms[t.Slug] = t
		}
	}
}

// linkTerms records which glossary terms each fiche links to, in order of
// first use, and which fiches use each term.
func (c *Corpus) linkTerms() {
	const marker = "](glossaire:"
	for _, f := range c.Fiches {
		f.Terms = nil
		body := f.Body
		for {
			i := strings.Index(body, marker)
			if i < 0 {
				break
			}
			body = body[i+len(marker):]
			end := strings.IndexAny(body, ") \n")
			if end < 0 {
				break
			}
			slug := body[:end]
			t := c.terms[slug]
			if t == nil || slices.Contains(f.Terms, slug) {
				continue
			}
			f.Terms = append(f.Terms, slug)
			if !slices.Contains(t.Fiches, f.ID) {
				t.Fiches = append(t.Fiches, f.ID)
			}
		}
	}
}

// loadFiche parses one fiche file: front matter and body.
func loadFiche(fsys fs.FS, name string, ps *problems) (*Fiche, *node) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		ps.add(name, 0, "lecture impossible : %v", err)
		return nil, nil
	}
	front, body, bodyLine, ok := splitFrontMatter(data)
	if !ok {
		ps.add(name, 1, "en-tête YAML absent : le fichier doit commencer par une ligne « --- », puis l'en-tête, puis « --- »")
		return nil, nil
	}
	var f Fiche
	node, ok := decodeYAML(name, front, 1, &f, ps)
	if !ok {
		return nil, nil
	}
	f.File = name
	f.Body = string(body)
	f.BodyLine = bodyLine
	f.Words = countWords(f.Body)
	return &f, node
}

// splitFrontMatter separates "---\n<yaml>\n---\n<body>". bodyLine is the
// 1-based line where the body starts.
func splitFrontMatter(data []byte) (front, body []byte, bodyLine int, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, 0, false
	}
	rest := data[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(rest, []byte("\n---")) {
			end = len(rest) - 4
		} else {
			return nil, nil, 0, false
		}
	}
	front = rest[:end+1]
	body = rest[min(end+5, len(rest)):]
	bodyLine = 2 + bytes.Count(front, []byte("\n")) + 1
	return front, body, bodyLine, true
}

// decodeFile decodes a whole YAML file into v; ok is false on failure.
func decodeFile(fsys fs.FS, name string, v any, ps *problems) (*node, bool) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		ps.add(name, 0, "fichier manquant ou illisible : %v", err)
		return nil, false
	}
	return decodeYAML(name, data, 0, v, ps)
}

// yamlDoc decodes a whole YAML file into v.
func yamlDoc(fsys fs.FS, name string, v any, ps *problems) *node {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		ps.add(name, 0, "fichier manquant ou illisible : %v", err)
		return nil
	}
	root, _ := decodeYAML(name, data, 0, v, ps)
	return root
}

// yamlList decodes a YAML file holding a list and returns one node per item.
func yamlList[T any](fsys fs.FS, name string, v *[]T, ps *problems) []*node {
	root := yamlDoc(fsys, name, v, ps)
	if root == nil {
		// Decoded without positions (in the browser), or not at all.
		return make([]*node, len(*v))
	}
	if root.Kind != sequenceNode || len(root.Content) != len(*v) {
		ps.add(name, root.Line, "une liste est attendue")
		*v = nil
		return nil
	}
	return root.Content
}

// keyLine returns the line of key in a mapping node (or the node's line).
func keyLine(n *node, key string) int {
	if n == nil {
		return 0
	}
	if n.Kind == mappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i].Line
			}
		}
	}
	return n.Line
}

// itemLine returns the line of the i-th item of the sequence under key.
func itemLine(n *node, key string, i int) int {
	if n == nil {
		return 0
	}
	if n.Kind == mappingNode {
		for k := 0; k+1 < len(n.Content); k += 2 {
			if n.Content[k].Value == key {
				seq := n.Content[k+1]
				if seq.Kind == sequenceNode && i < len(seq.Content) {
					return seq.Content[i].Line
				}
				return seq.Line
			}
		}
	}
	return n.Line
}

// idLess orders fiche IDs numerically: 1.02 < 1.10 < 2.01.
func idLess(a, b string) bool {
	ca, na, _ := strings.Cut(a, ".")
	cb, nb, _ := strings.Cut(b, ".")
	if ca != cb {
		x, _ := strconv.Atoi(ca)
		y, _ := strconv.Atoi(cb)
		return x < y
	}
	x, _ := strconv.Atoi(na)
	y, _ := strconv.Atoi(nb)
	return x < y
}

// countWords counts the words of a Markdown text, ignoring markup.
func countWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

// fileBase returns the file name without directory and extension.
func fileBase(name string) string {
	return strings.TrimSuffix(path.Base(name), path.Ext(name))
}
