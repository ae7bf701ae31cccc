package content

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Index is the offline full-text index of the fiches and the glossary.
// Matching ignores case and accents, strips French plurals and accepts
// prefixes (« consent » finds « consentement »).
type Index struct {
	docs     []indexDoc
	postings map[string][]posting
	stems    []string // sorted keys of postings, for prefix look-ups
}

type indexDoc struct {
	hit   Hit
	text  string   // plain text the excerpts come from
	words [][2]int // byte spans of the words of text
	stems []string // stem of each word
}

type posting struct {
	doc    int
	weight float64
}

// Hit is one search result.
type Hit struct {
	// Kind is "fiche" or "terme".
	Kind  string
	ID    string // fiche ID or term slug
	Title string
	URL   string
	Score float64
	// Excerpt is a passage of the text around the first match, cut into
	// segments; Match segments are the words that matched.
	Excerpt []Segment
}

// Segment is a piece of an excerpt.
type Segment struct {
	Text  string
	Match bool
}

// Field weights: a match in a title counts more than one in the body.
const (
	weightTitle    = 6
	weightSummary  = 3
	weightHeading  = 2
	weightBody     = 1
	weightTerm     = 6
	weightDefine   = 2
	excerptRunes   = 180
	prefixDiscount = 0.6
)

// Search returns the fiches and glossary terms matching query, best first.
// Every word of the query must match, unless no document matches them all:
// then documents matching some words are returned.
func (c *Corpus) Search(query string, limit int) []Hit {
	c.indexOnce.Do(func() { c.index = NewIndex(c) })
	return c.index.Search(query, limit)
}

// NewIndex indexes every fiche and glossary term of the corpus.
func NewIndex(c *Corpus) *Index {
	ix := &Index{postings: map[string][]posting{}}
	r := DefaultRenderer()
	for _, f := range c.Fiches {
		src := []byte(f.Body)
		headings, body := documentText(r.Parse(src), src)
		d := len(ix.docs)
		ix.docs = append(ix.docs, indexDoc{
			hit:  Hit{Kind: "fiche", ID: f.ID, Title: f.Title, URL: "/fiches/" + f.Slug},
			text: f.Summary + "\n" + body,
		})
		tf := map[string]float64{}
		addTokens(tf, f.Title, weightTitle)
		addTokens(tf, f.Summary+" "+strings.Join(f.Objectives, " "), weightSummary)
		addTokens(tf, strings.Join(headings, " "), weightHeading)
		addTokens(tf, body, weightBody)
		ix.add(d, tf)
	}
	for _, t := range c.Glossary {
		d := len(ix.docs)
		ix.docs = append(ix.docs, indexDoc{
			hit:  Hit{Kind: "terme", ID: t.Slug, Title: t.Term, URL: "/glossaire#terme-" + t.Slug},
			text: t.Definition,
		})
		tf := map[string]float64{}
		addTokens(tf, t.Term, weightTerm)
		addTokens(tf, t.Definition, weightDefine)
		ix.add(d, tf)
	}
	for i := range ix.docs {
		d := &ix.docs[i]
		d.words = wordSpans(d.text)
		d.stems = make([]string, len(d.words))
		for k, w := range d.words {
			d.stems[k] = Stem(Fold(d.text[w[0]:w[1]]))
		}
	}
	for s := range ix.postings {
		ix.stems = append(ix.stems, s)
	}
	sort.Strings(ix.stems)
	return ix
}

func (ix *Index) add(doc int, tf map[string]float64) {
	for stem, w := range tf {
		// Dampen repetitions: the tenth mention adds less than the first.
		ix.postings[stem] = append(ix.postings[stem], posting{doc: doc, weight: 1 + math.Log(w)})
	}
}

func addTokens(tf map[string]float64, s string, weight float64) {
	for _, tok := range Tokens(s) {
		tf[tok] += weight
	}
}

// Search runs a query against the index; see Corpus.Search.
func (ix *Index) Search(query string, limit int) []Hit {
	terms := Tokens(query)
	if len(terms) == 0 {
		return nil
	}
	n := float64(len(ix.docs))
	scores := make([]float64, len(ix.docs))
	matched := make([]int, len(ix.docs))
	for _, term := range terms {
		best := map[int]float64{}
		for _, stem := range ix.matchingStems(term) {
			factor := 1.0
			if stem != term {
				factor = prefixDiscount
			}
			ps := ix.postings[stem]
			idf := math.Log(1 + n/float64(len(ps)))
			for _, p := range ps {
				if s := p.weight * idf * factor; s > best[p.doc] {
					best[p.doc] = s
				}
			}
		}
		for d, s := range best {
			scores[d] += s
			matched[d]++
		}
	}
	type ranked struct {
		doc   int
		score float64
	}
	var found []ranked
	for _, need := range []int{len(terms), 1} {
		for d, s := range scores {
			if matched[d] >= need && s > 0 {
				found = append(found, ranked{d, s * float64(matched[d]) / float64(len(terms))})
			}
		}
		if len(found) > 0 {
			break
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].score != found[j].score {
			return found[i].score > found[j].score
		}
		return ix.docs[found[i].doc].hit.ID < ix.docs[found[j].doc].hit.ID
	})
	if limit > 0 && len(found) > limit {
		found = found[:limit]
	}
	hits := make([]Hit, len(found))
	for i, f := range found {
		hits[i] = ix.docs[f.doc].hit
		hits[i].Score = f.score
		hits[i].Excerpt = ix.docs[f.doc].excerpt(terms)
	}
	return hits
}

// matchingStems returns the indexed stems equal to term or, for terms of
// three letters or more, starting with it.
func (ix *Index) matchingStems(term string) []string {
	var out []string
	if _, ok := ix.postings[term]; ok {
		out = append(out, term)
	}
	if utf8.RuneCountInString(term) < 3 {
		return out
	}
	i := sort.SearchStrings(ix.stems, term)
	for ; i < len(ix.stems) && strings.HasPrefix(ix.stems[i], term); i++ {
		if ix.stems[i] != term {
			out = append(out, ix.stems[i])
		}
	}
	return out
}

// excerpt cuts a passage of the document around the first matching word.
func (d *indexDoc) excerpt(terms []string) []Segment {
	text, words := d.text, d.words
	if len(words) == 0 {
		return nil
	}
	first := -1
	isMatch := make([]bool, len(words))
	for i, stem := range d.stems {
		for _, t := range terms {
			if stem == t || (utf8.RuneCountInString(t) >= 3 && strings.HasPrefix(stem, t)) {
				isMatch[i] = true
				if first < 0 {
					first = i
				}
			}
		}
	}
	first = max(first, 0)
	// Start a few words before the match, stop after excerptRunes runes.
	startWord := max(0, first-8)
	start := words[startWord][0]
	end := start
	for i := startWord; i < len(words) && utf8.RuneCountInString(text[start:words[i][1]]) <= excerptRunes; i++ {
		end = words[i][1]
	}
	var segs []Segment
	pos := start
	for i := startWord; i < len(words) && words[i][1] <= end; i++ {
		if !isMatch[i] {
			continue
		}
		if words[i][0] > pos {
			segs = append(segs, Segment{Text: text[pos:words[i][0]]})
		}
		segs = append(segs, Segment{Text: text[words[i][0]:words[i][1]], Match: true})
		pos = words[i][1]
	}
	if end > pos {
		segs = append(segs, Segment{Text: text[pos:end]})
	}
	if startWord > 0 {
		segs = append([]Segment{{Text: "… "}}, segs...)
	}
	if end < len(strings.TrimSpace(text)) {
		segs = append(segs, Segment{Text: " …"})
	}
	for i := range segs {
		segs[i].Text = strings.ReplaceAll(segs[i].Text, "\n", " ")
	}
	return segs
}

// wordSpans returns the byte spans of the words of s.
func wordSpans(s string) [][2]int {
	var spans [][2]int
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			spans = append(spans, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		spans = append(spans, [2]int{start, len(s)})
	}
	return spans
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Tokens splits text into searchable stems: folded, stop words removed,
// French plurals stripped.
func Tokens(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(Fold(s), func(r rune) bool { return !isWordRune(r) }) {
		if stopWords[w] {
			continue
		}
		out = append(out, Stem(w))
	}
	return out
}

// Stem reduces a folded French word to a crude stem: it strips a final
// plural s or x and a final e, so that « données », « donnée » and
// « donnees » share one stem. Short words are kept whole.
func Stem(w string) string {
	if len(w) > 3 && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	if len(w) > 4 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a au aux avec ce ces cet cette d dans de des du elle en est et il ils l la le les leur leurs lui mais me n ne on ou par pas pour qu que qui s sa se ses son sur t un une y c j m est sont ete etre plus tout tous`) {
		m[w] = true
	}
	return m
}()

// documentText returns the headings and the plain text of a parsed
// Markdown document, one line per block.
func documentText(doc ast.Node, src []byte) (headings []string, text string) {
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, plainText(n, src))
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			b.WriteString(plainText(n, src))
			b.WriteString("\n")
			return ast.WalkSkipChildren, nil
		}
		if n.Kind().String() == "TableCell" {
			b.WriteString(plainText(n, src))
			b.WriteString(" ")
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return headings, b.String()
}
