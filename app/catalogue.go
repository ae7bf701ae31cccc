package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/content"
)

// Catalogue lists the fiches by chapter, with filters by role, level and
// competence, and an offline full-text search over fiches and glossary.
type Catalogue struct {
	app.Compo
	role, level, competence string
	query                   string
	hits                    []content.Hit
	searchTook              time.Duration
}

// OnNav reads the filters from the URL (?role=billetterie&niveau=…&competence=…&q=…).
func (c *Catalogue) OnNav(ctx app.Context) {
	setTitle(ctx, "Fiches")
	q := ctx.Page().URL().Query()
	c.role, c.level, c.competence = q.Get("role"), q.Get("niveau"), q.Get("competence")
	c.setQuery(q.Get("q"))
}

func (c *Catalogue) setQuery(q string) {
	c.query = q
	c.hits = nil
	if strings.TrimSpace(q) == "" {
		return
	}
	corp, err := corpus()
	if err != nil {
		return
	}
	start := time.Now()
	c.hits = corp.Search(q, 20)
	c.searchTook = time.Since(start)
}

// Render arranges the page.
func (c *Catalogue) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathFiches, contentError(err))
	}
	visible := c.filter(corp)
	return layout(PathFiches,
		app.H1().Text("Fiches"),
		app.P().Class("chapo").Text(fmt.Sprintf("%d fiches courtes pour comprendre, collecter, protéger, analyser et partager les données des publics. Chacune se lit en moins de dix minutes et se termine par un quiz.", len(corp.Fiches))),
		app.Form().Class("recherche").Role("search").OnSubmit(func(ctx app.Context, e app.Event) { e.PreventDefault() }).Body(
			app.Label().For("recherche").Text("Rechercher dans les fiches et le glossaire"),
			app.Input().ID("recherche").Type("search").Name("q").Value(c.query).
				AutoComplete(false).Placeholder("par exemple : consentement, panier moyen, données").
				OnInput(c.onSearch),
		),
		app.If(strings.TrimSpace(c.query) != "", func() app.UI { return c.renderHits() }),
		app.Section().Class("filtres").Aria("label", "Filtres").Body(
			filterSelect("filtre-role", "Métier", c.role, content.Roles, c.onFilter(&c.role)),
			filterSelect("filtre-niveau", "Niveau", c.level, content.Levels, c.onFilter(&c.level)),
			filterSelect("filtre-competence", "Compétence", c.competence, competenceLabels(corp), c.onFilter(&c.competence)),
			app.P().ID("nombre-fiches").Class("compte").Aria("live", "polite").Text(countText(len(visible), len(corp.Fiches))),
		),
		app.Range(corp.Chapters).Slice(func(i int) app.UI {
			ch := corp.Chapters[i]
			var fiches []*content.Fiche
			for _, f := range visible {
				if f.Chapter == ch.Slug {
					fiches = append(fiches, f)
				}
			}
			if len(fiches) == 0 {
				return nil
			}
			id := "chapitre-" + ch.Slug
			return app.Section().Class("chapitre").Aria("labelledby", id).Body(
				app.H2().ID(id).Text(fmt.Sprintf("%d. %s", ch.Number, ch.Title)),
				app.P().Class("intro").Text(ch.Intro),
				app.Ul().Class("liste-fiches").Body(app.Range(fiches).Slice(func(j int) app.UI {
					return ficheItem(fiches[j])
				})),
			)
		}),
		app.P().Body(app.A().Href(u(PathGlossary)).Text("Consulter le glossaire complet")),
	)
}

func (c *Catalogue) filter(corp *content.Corpus) []*content.Fiche {
	var out []*content.Fiche
	for _, f := range corp.Fiches {
		if c.role != "" && !slices.Contains(f.Roles, c.role) {
			continue
		}
		if c.level != "" && f.Level != c.level {
			continue
		}
		if c.competence != "" && !slices.Contains(f.Competences, c.competence) {
			continue
		}
		out = append(out, f)
	}
	return out
}

func (c *Catalogue) onSearch(ctx app.Context, e app.Event) {
	c.setQuery(ctx.JSSrc().Get("value").String())
}

func (c *Catalogue) onFilter(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*field = ctx.JSSrc().Get("value").String()
		if *field == allValue {
			*field = ""
		}
	}
}

func (c *Catalogue) renderHits() app.UI {
	return app.Section().Class("resultats").Aria("labelledby", "titre-resultats").Body(
		app.H2().ID("titre-resultats").Aria("live", "polite").Text(hitsTitle(len(c.hits), c.query)),
		app.Ol().Class("liste-resultats").Body(app.Range(c.hits).Slice(func(i int) app.UI {
			h := c.hits[i]
			kind := "Fiche " + h.ID
			if h.Kind == "terme" {
				kind = "Glossaire"
			}
			return app.Li().Body(
				app.P().Class("sur-titre").Text(kind),
				app.A().Href(u(h.URL)).Text(h.Title),
				app.P().Class("extrait").Body(app.Range(h.Excerpt).Slice(func(j int) app.UI {
					s := h.Excerpt[j]
					if s.Match {
						return app.Mark().Text(s.Text)
					}
					return app.Text(s.Text)
				})),
			)
		})),
	)
}

func hitsTitle(n int, q string) string {
	switch n {
	case 0:
		return "Aucun résultat pour « " + strings.TrimSpace(q) + " »"
	case 1:
		return "1 résultat pour « " + strings.TrimSpace(q) + " »"
	}
	return fmt.Sprintf("%d résultats pour « %s »", n, strings.TrimSpace(q))
}

func countText(shown, total int) string {
	if shown == total {
		return fmt.Sprintf("%d fiches", total)
	}
	if shown <= 1 {
		return fmt.Sprintf("%d fiche sur %d", shown, total)
	}
	return fmt.Sprintf("%d fiches sur %d", shown, total)
}

// ficheItem is one fiche in a list: title, summary and reading facts.
func ficheItem(f *content.Fiche) app.UI {
	return app.Li().Class("fiche-resume").Body(
		app.H3().Body(app.A().Href(u("/fiches/"+f.Slug)).Body(
			app.Span().Class("numero").Text(f.ID+" "),
			app.Text(content.Typography(f.Title)),
		)),
		app.P().Text(content.Typography(f.Summary)),
		ficheFacts(f),
	)
}

// ficheFacts shows reading time, level and roles.
func ficheFacts(f *content.Fiche) app.UI {
	roles := make([]string, len(f.Roles))
	for i, r := range f.Roles {
		roles[i] = content.RoleName(r)
	}
	return app.Ul().Class("faits").Body(
		app.Li().Text(fmt.Sprintf("%d min de lecture", f.Minutes)),
		app.Li().Text("Niveau : "+content.LevelName(f.Level)),
		app.Li().Text("Pour : "+strings.Join(roles, ", ")),
	)
}

// allValue is the value of the « Tous » option (go-app drops empty
// attribute values, and an option without a value submits its text).
const allValue = "tous"

// filterSelect is a labelled <select> with an « all » option.
func filterSelect(id, label, value string, options []content.Label, onChange app.EventHandler) app.UI {
	return app.Div().Class("champ").Body(
		app.Label().For(id).Text(label),
		app.Select().ID(id).OnChange(onChange).Body(
			app.Option().Value(allValue).Selected(value == "").Text("Tous"),
			app.Range(options).Slice(func(i int) app.UI {
				o := options[i]
				return app.Option().Value(o.Slug).Selected(value == o.Slug).Text(o.Name)
			}),
		),
	)
}

func competenceLabels(c *content.Corpus) []content.Label {
	out := make([]content.Label, len(c.Competences))
	for i, comp := range c.Competences {
		out[i] = content.Label{Slug: comp.Slug, Name: comp.Label}
	}
	return out
}
