package content

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	r := NewRenderer()
	tests := []struct {
		name, md string
		want     []string // substrings of the HTML
		not      []string // forbidden substrings
	}{
		{
			name: "guillemets et espaces insécables",
			md:   `Il dit "bonjour" : vraiment ? Oui ; 36 % des 12 345 abonnés !`,
			want: []string{"«\u00a0bonjour\u00a0»", "\u00a0: vraiment", "vraiment\u202f?", "Oui\u202f;", "36\u202f%", "12\u202f345", "abonnés\u202f!"},
		},
		{
			name: "guillemets déjà typographiés",
			md:   `Le « bon moment » compte.`,
			want: []string{"«\u00a0bon moment\u00a0»"},
		},
		{
			name: "apostrophe",
			md:   `L'essentiel`,
			want: []string{"L’essentiel"},
		},
		{
			name: "tableau GFM",
			md:   "| Canal | Ventes |\n|---|---:|\n| Web | 12 |\n",
			want: []string{"<table>", "<th>Canal</th>", `<td style="text-align:right">12</td>`},
		},
		{
			name: "note de bas de page",
			md:   "Un chiffre[^1].\n\n[^1]: Sa source.\n",
			want: []string{`href="#note-fn:1"`, `id="note-fn:1"`, "Sa source."},
		},
		{
			name: "ancres de titres",
			md:   "## À retenir\n\n## L'essentiel\n\n## À retenir\n",
			want: []string{`<h2 id="a-retenir">`, `<h2 id="l-essentiel">`, `<h2 id="a-retenir-1">`},
		},
		{
			name: "HTML brut supprimé",
			md:   "Texte <script>alert(1)</script> fin.\n\n<div onclick=\"x()\">bloc</div>\n\n<img src=x onerror=alert(1)>\n",
			want: []string{"Texte", "fin."},
			not:  []string{"<script", "onclick", "onerror", "<div onclick", "raw HTML"},
		},
		{
			name: "lien javascript: réduit à son texte",
			md:   "[clic](javascript:alert(1)) et [data](data:text/html,x) et [http](http://exemple.fr)",
			want: []string{"clic", "data", "http"},
			not:  []string{"javascript:", "data:text", "href=\"http://", "<a"},
		},
		{
			name: "liens internes, glossaire, bac à sable, externes",
			md:   "[fiche](/fiches/rgpd) [opt-in](glossaire:opt-in) [essai](/bac-a-sable?jeu=theatre&question=opt-in) [CNIL](https://www.cnil.fr/)",
			want: []string{
				`<a href="/fiches/rgpd">fiche</a>`,
				`<a class="terme" href="#def-opt-in" aria-describedby="def-opt-in">opt-in</a>`,
				`<a class="essayer" href="/bac-a-sable?jeu=theatre&amp;question=opt-in">essai</a>`,
				`<a class="externe" href="https://www.cnil.fr/" rel="noopener noreferrer">CNIL<span class="sr-only"> (site externe)</span></a>`,
			},
		},
		{
			name: "images remplacées par leur texte",
			md:   "![un graphique](https://exemple.fr/x.png)",
			want: []string{`<span class="image-absente">un graphique</span>`},
			not:  []string{"<img"},
		},
		{
			name: "code intact",
			md:   "Tapez `a ; b : c` puis continuez.",
			want: []string{"<code>a ; b : c</code>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := r.Render([]byte(tt.md))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(html, `<div class="prose">`) || !strings.HasSuffix(html, `</div>`) {
				t.Errorf("not wrapped in one root: %q", html)
			}
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("missing %q in\n%s", w, html)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(html, n) {
					t.Errorf("forbidden %q in\n%s", n, html)
				}
			}
		})
	}
}

func TestTypography(t *testing.T) {
	got := Typography(`Le "bon" moment : l'heure ?`)
	want := "Le «\u00a0bon\u00a0» moment\u00a0: l’heure\u202f?"
	if got != want {
		t.Errorf("Typography = %q, want %q", got, want)
	}
}

func TestRenderInline(t *testing.T) {
	got := NewRenderer().RenderInline("Un **mot** : oui.")
	if got != "Un <strong>mot</strong>\u00a0: oui." {
		t.Errorf("RenderInline = %q", got)
	}
}
