package content

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer turns fiche Markdown into safe HTML: GFM tables, footnotes,
// heading anchors, French typography, and no raw HTML ever (content can
// arrive by update). Build it once with NewRenderer and share it.
type Renderer struct {
	md goldmark.Markdown
}

var (
	defaultRenderer     *Renderer
	defaultRendererOnce sync.Once
)

// DefaultRenderer returns the shared renderer.
func DefaultRenderer() *Renderer {
	defaultRendererOnce.Do(func() { defaultRenderer = NewRenderer() })
	return defaultRenderer
}

// NewRenderer configures goldmark once for the whole app.
func NewRenderer() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.NewFootnote(
				extension.WithFootnoteIDPrefix("note-"),
				extension.WithFootnoteLinkTitle("Note "),
				extension.WithFootnoteBacklinkTitle("Retour au texte"),
				extension.WithFootnoteBacklinkHTML("↩"),
			),
			extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
				extension.LeftDoubleQuote:  "«\u00a0",
				extension.RightDoubleQuote: "\u00a0»",
				extension.LeftSingleQuote:  "‘",
				extension.RightSingleQuote: "’",
				extension.Apostrophe:       "’",
				extension.EnDash:           "–",
				extension.EmDash:           "—",
				extension.Ellipsis:         "…",
				extension.LeftAngleQuote:   "«\u00a0",
				extension.RightAngleQuote:  "\u00a0»",
			})),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(frenchSpacing{}, 999)),
		),
		// html.WithUnsafe is never set: raw HTML is dropped.
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(safeNodes{}, 100)),
		),
	)
	return &Renderer{md: md}
}

// Parse parses Markdown into a goldmark AST (used by the validator too).
func (r *Renderer) Parse(src []byte) ast.Node {
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{seen: map[string]int{}}))
	return r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

// Render returns the HTML of a Markdown document, wrapped in a single
// <div class="prose"> (go-app's Raw needs one root element).
func (r *Renderer) Render(src []byte) (string, error) {
	doc := r.Parse(src)
	var b bytes.Buffer
	b.WriteString(`<div class="prose">`)
	if err := r.md.Renderer().Render(&b, src, doc); err != nil {
		return "", fmt.Errorf("rendu Markdown : %w", err)
	}
	b.WriteString(`</div>`)
	return b.String(), nil
}

// RenderInline renders a short Markdown string (a quiz explanation, a
// glossary definition) as HTML without the enclosing paragraph.
func (r *Renderer) RenderInline(src string) string {
	out, err := r.Render([]byte(src))
	if err != nil {
		return ""
	}
	out = strings.TrimSuffix(strings.TrimPrefix(out, `<div class="prose">`), `</div>`)
	out = strings.TrimSpace(out)
	if strings.Count(out, "<p>") == 1 && strings.HasPrefix(out, "<p>") && strings.HasSuffix(out, "</p>") {
		out = strings.TrimSuffix(strings.TrimPrefix(out, "<p>"), "</p>")
	}
	return out
}

// Typography applies French typography to plain text: « » with no-break
// spaces, narrow no-break space before ; ! ? and %, no-break space before
// a colon, apostrophes, and thin spaces in digit groups (12 345).
func Typography(s string) string {
	return frenchText(straightQuotes(s))
}

// straightQuotes turns "…" pairs into « … » and ' into ’.
func straightQuotes(s string) string {
	var b strings.Builder
	open := true
	for _, r := range s {
		switch r {
		case '"':
			if open {
				b.WriteString("«\u00a0")
			} else {
				b.WriteString("\u00a0»")
			}
			open = !open
		case '\'':
			b.WriteRune('’')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// frenchText fixes the spaces around French punctuation in plain text:
// a no-break space after « and before » and :, a narrow no-break space
// before ; ! ? and %, and narrow no-break spaces in digit groups.
func frenchText(s string) string {
	if !strings.ContainsAny(s, ":;!?%«»0123456789") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '«' {
			b.WriteString("«\u00a0")
			for i+1 < len(rs) && isSpace(rs[i+1]) {
				i++
			}
			continue
		}
		if !isSpace(r) {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(rs) && isSpace(rs[j]) {
			j++
		}
		next := rune(0)
		if j < len(rs) {
			next = rs[j]
		}
		switch {
		case next == ':' || next == '»':
			b.WriteRune('\u00a0')
		case next == ';' || next == '!' || next == '?' || next == '%':
			b.WriteRune('\u202f')
		case j == i+1 && r == ' ' && i > 0 && isDigit(rs[i-1]) && digitGroupAt(rs, j):
			b.WriteRune('\u202f')
		default:
			b.WriteString(string(rs[i:j]))
		}
		i = j - 1
	}
	return b.String()
}

// digitGroupAt reports whether rs[j:] starts with exactly three digits.
func digitGroupAt(rs []rune, j int) bool {
	if j+3 > len(rs) {
		return false
	}
	for k := j; k < j+3; k++ {
		if !isDigit(rs[k]) {
			return false
		}
	}
	return j+3 == len(rs) || !isDigit(rs[j+3])
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// frenchSpacing rewrites the text nodes of a document with frenchText.
type frenchSpacing struct{}

func (frenchSpacing) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML:
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*ast.Text); ok && !t.HardLineBreak() {
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		raw := string(t.Segment.Value(src))
		fixed := frenchText(raw)
		// goldmark splits text before "!" (a possible image): a space that
		// ends this node may precede punctuation that starts the next one.
		if trimmed := strings.TrimRight(fixed, " "); trimmed != fixed && trimmed != "" {
			switch next := firstByte(t.NextSibling(), src); next {
			case ':', '»':
				fixed = trimmed + "\u00a0"
			case ';', '!', '?', '%':
				fixed = trimmed + "\u202f"
			}
		}
		if fixed == raw {
			continue
		}
		if t.SoftLineBreak() {
			fixed += "\n"
		}
		t.Parent().ReplaceChild(t.Parent(), t, ast.NewString([]byte(fixed)))
	}
}

// firstByte returns the first byte of a text or string node, or 0.
func firstByte(n ast.Node, src []byte) byte {
	var b []byte
	switch n := n.(type) {
	case *ast.Text:
		b = n.Segment.Value(src)
	case *ast.String:
		b = n.Value
	}
	if len(b) == 0 {
		return 0
	}
	if bytes.HasPrefix(b, []byte("»")) {
		return '»'
	}
	return b[0]
}

// headingIDs generates heading anchors from folded text: « À retenir » →
// "a-retenir"; duplicates get a numeric suffix.
type headingIDs struct{ seen map[string]int }

func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := Slugify(string(value))
	if id == "" {
		id = "section"
	}
	if n := h.seen[id]; n > 0 {
		h.seen[id] = n + 1
		id = fmt.Sprintf("%s-%d", id, n)
	} else {
		h.seen[id] = 1
	}
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)]++ }

// LinkKind classifies a link destination found in content.
type LinkKind int

// Link kinds.
const (
	LinkInvalid  LinkKind = iota // anything else: rendered as plain text
	LinkFiche                    // /fiches/<slug>
	LinkGlossary                 // glossaire:<slug>
	LinkSandbox                  // /bac-a-sable?jeu=…&question=…
	LinkInternal                 // another page of the app (/parcours, /fiches…)
	LinkExternal                 // https://…
)

// ClassifyLink says what a link destination points to and returns its
// target: the fiche or glossary slug, or the destination itself.
func ClassifyLink(dest string) (LinkKind, string) {
	switch {
	case strings.HasPrefix(dest, "glossaire:"):
		slug := strings.TrimPrefix(dest, "glossaire:")
		if slugRe.MatchString(slug) {
			return LinkGlossary, slug
		}
	case strings.HasPrefix(dest, "/fiches/"):
		slug, frag, _ := strings.Cut(strings.TrimPrefix(dest, "/fiches/"), "#")
		_ = frag
		if slugRe.MatchString(slug) {
			return LinkFiche, slug
		}
	case strings.HasPrefix(dest, "/bac-a-sable"):
		if u, err := url.Parse(dest); err == nil && u.Path == "/bac-a-sable" {
			return LinkSandbox, dest
		}
	case dest == "/" || dest == "/fiches" || dest == "/parcours" || dest == "/a-propos" ||
		strings.HasPrefix(dest, "/parcours/"):
		return LinkInternal, dest
	case strings.HasPrefix(dest, "https://"):
		if u, err := url.Parse(dest); err == nil && u.Host != "" {
			return LinkExternal, dest
		}
	}
	return LinkInvalid, dest
}

// safeNodes renders links, images and raw HTML the Coulisses way.
type safeNodes struct{}

func (safeNodes) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindImage, renderImage)
	reg.Register(ast.KindRawHTML, skipNode)
	reg.Register(ast.KindHTMLBlock, skipNode)
}

func skipNode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

func renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	kind, target := ClassifyLink(string(n.Destination))
	if !entering {
		switch kind {
		case LinkInvalid:
		case LinkExternal:
			w.WriteString(`<span class="sr-only"> (site externe)</span></a>`)
		default:
			w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	}
	esc := func(s string) string { return string(util.EscapeHTML([]byte(s))) }
	switch kind {
	case LinkGlossary:
		fmt.Fprintf(w, `<a class="terme" href="#def-%s" aria-describedby="def-%s">`, target, target)
	case LinkFiche, LinkInternal:
		fmt.Fprintf(w, `<a href="%s">`, esc(string(n.Destination)))
	case LinkSandbox:
		fmt.Fprintf(w, `<a class="essayer" href="%s">`, esc(string(n.Destination)))
	case LinkExternal:
		fmt.Fprintf(w, `<a class="externe" href="%s" rel="noopener noreferrer">`, esc(string(util.URLEscape(n.Destination, true))))
	}
	return ast.WalkContinue, nil
}

func renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	label := string(n.Label(src))
	if kind, _ := ClassifyLink(string(n.URL(src))); kind == LinkExternal {
		fmt.Fprintf(w, `<a class="externe" href="%s" rel="noopener noreferrer">%s</a>`,
			util.EscapeHTML(util.URLEscape(n.URL(src), true)), util.EscapeHTML([]byte(label)))
		return ast.WalkContinue, nil
	}
	w.Write(util.EscapeHTML([]byte(label)))
	return ast.WalkContinue, nil
}

// renderImage renders only the alternative text: images would need the
// network and break the offline promise.
func renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<span class="image-absente">`)
	} else {
		w.WriteString(`</span>`)
	}
	return ast.WalkContinue, nil
}
