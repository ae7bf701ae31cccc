package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/learn"
	"coulisses/content"
)

// FichePage shows one fiche: objectives, body, the glossary terms it uses
// as accessible definitions, the sandbox exercise, related fiches,
// sources, previous and next.
type FichePage struct {
	app.Compo
	slug string
	html string
	err  error
}

// OnMount re-renders the fiche when an update changes the content.
func (p *FichePage) OnMount(ctx app.Context) {
	ctx.Handle(ActionContent, func(ctx app.Context, a app.Action) { p.load(ctx) })
}

// OnNav loads the fiche named by the URL.
func (p *FichePage) OnNav(ctx app.Context) {
	p.load(ctx)
}

// load reads and renders the fiche named by the URL.
func (p *FichePage) load(ctx app.Context) {
	p.slug = strings.TrimPrefix(pagePath(ctx), PathFiches+"/")
	p.html, p.err = "", nil
	corp, err := corpus()
	if err != nil {
		p.err = err
		return
	}
	f := corp.FicheBySlug(p.slug)
	if f == nil {
		setTitle(ctx, "Fiche introuvable")
		return
	}
	setTitle(ctx, f.Title)
	p.html, p.err = content.DefaultRenderer().Render([]byte(f.Body))
	p.html = prefixLinks(p.html)
	updateProgress(ctx, func(s *learn.State, now time.Time) { s.Last = f.ID })
}

// Render arranges the page.
func (p *FichePage) Render() app.UI {
	corp, err := corpus()
	if err == nil {
		err = p.err
	}
	if err != nil {
		return layout(PathFiches, contentError(err))
	}
	f := corp.FicheBySlug(p.slug)
	if f == nil {
		return layout(PathFiches,
			app.H1().Text("Fiche introuvable"),
			app.P().Text("Cette fiche n'existe pas ou a été renommée. Retrouvez toutes les fiches dans le catalogue."),
			app.P().Body(app.A().Href(u(PathFiches)).Text("Voir toutes les fiches")),
		)
	}
	ch := corp.Chapter(f.Chapter)
	prev, next := corp.Neighbours(f)
	return layout(PathFiches,
		app.Nav().Class("fil").Aria("label", "Fil d'Ariane").Body(
			app.Ol().Body(
				app.Li().Body(app.A().Href(u(PathFiches)).Text("Fiches")),
				app.Li().Body(app.A().Href(u(PathFiches+"#chapitre-"+ch.Slug)).Text(fmt.Sprintf("%d. %s", ch.Number, ch.Title))),
				app.Li().Aria("current", "page").Text(f.ID),
			),
		),
		app.Article().Class("fiche").Aria("labelledby", "titre-fiche").Body(
			app.Header().Class("entete-fiche").Body(
				app.P().Class("sur-titre").Text("Fiche "+f.ID),
				app.H1().ID("titre-fiche").Text(content.Typography(f.Title)),
				app.P().Class("chapo").Text(content.Typography(f.Summary)),
				ficheFacts(f),
				competenceList(corp, f),
			),
			app.Section().Class("objectifs").Aria("labelledby", "titre-objectifs").Body(
				app.H2().ID("titre-objectifs").Text("Objectifs"),
				app.Ul().Body(app.Range(f.Objectives).Slice(func(i int) app.UI {
					return app.Li().Text(content.Typography(f.Objectives[i]))
				})),
			),
			app.Div().Class("corps").OnClick(focusDefinition).Body(rawHTML(p.html)),
			app.If(len(f.Terms) > 0, func() app.UI { return termsSection(corp, f) }),
			sourcesSection(f),
		),
		&FicheTools{FicheID: f.ID},
		&FicheQuiz{FicheID: f.ID},
		app.If(f.Sandbox != nil, func() app.UI { return sandboxCallout(corp, f) }),
		app.If(len(f.Related) > 0, func() app.UI {
			return app.Section().Class("connexes").Aria("labelledby", "titre-connexes").Body(
				app.H2().ID("titre-connexes").Text("Fiches liées"),
				app.Ul().Class("liste-fiches").Body(app.Range(f.Related).Slice(func(i int) app.UI {
					if r := corp.Fiche(f.Related[i]); r != nil {
						return ficheItem(r)
					}
					return nil
				})),
			)
		}),
		app.Nav().Class("precedent-suivant").Aria("label", "Fiche précédente et suivante").Body(
			app.If(prev != nil, func() app.UI {
				return app.A().Rel("prev").Href(u("/fiches/"+prev.Slug)).Body(
					app.Span().Class("sens").Text("← Précédente"),
					app.Span().Text(prev.ID+" "+content.Typography(prev.Title)),
				)
			}),
			app.If(next != nil, func() app.UI {
				return app.A().Rel("next").Href(u("/fiches/"+next.Slug)).Body(
					app.Span().Class("sens").Text("Suivante →"),
					app.Span().Text(next.ID+" "+content.Typography(next.Title)),
				)
			}),
		),
	)
}

// focusDefinition moves the focus to a glossary definition when a term
// link of the body is activated (mouse or keyboard), so that keyboard and
// screen-reader users land on the definition, not only the scroll.
func focusDefinition(ctx app.Context, e app.Event) {
	target := e.Get("target")
	if !target.Truthy() {
		return
	}
	link := target.Call("closest", "a.terme")
	if !link.Truthy() {
		return
	}
	href := link.Call("getAttribute", "href").String()
	if def := app.Window().GetElementByID(strings.TrimPrefix(href, "#")); def.Truthy() {
		e.PreventDefault()
		def.Call("focus")
		def.Call("scrollIntoView", map[string]any{"block": "center"})
	}
}

func competenceList(corp *content.Corpus, f *content.Fiche) app.UI {
	return app.P().Class("competences").Body(
		app.Text("Compétences : "),
		app.Range(f.Competences).Slice(func(i int) app.UI {
			label := f.Competences[i]
			if c := corp.Competence(label); c != nil {
				label = c.Label
			}
			sep := ""
			if i < len(f.Competences)-1 {
				sep = ", "
			}
			return app.Text(label + sep)
		}),
	)
}

// termsSection lists the definitions of the glossary terms a fiche links
// to; each link in the body points to its definition (aria-describedby).
func termsSection(corp *content.Corpus, f *content.Fiche) app.UI {
	return app.Section().Class("termes").Aria("labelledby", "titre-termes").Body(
		app.H2().ID("titre-termes").Text("Termes employés dans cette fiche"),
		app.Dl().Body(app.Range(f.Terms).Slice(func(i int) app.UI {
			t := corp.Term(f.Terms[i])
			if t == nil {
				return nil
			}
			return app.Div().Class("terme-def").Body(
				app.Dt().Body(app.A().Href(u(PathGlossary+"#terme-"+t.Slug)).Text(t.Term)),
				app.Dd().ID("def-"+t.Slug).TabIndex(-1).Text(content.Typography(t.Definition)),
			)
		})),
	)
}

func sandboxCallout(corp *content.Corpus, f *content.Fiche) app.UI {
	href := SandboxURL(f.Sandbox.Dataset, f.Sandbox.Question)
	label := "Ouvrir le bac à sable"
	if q := corp.Question(f.Sandbox.Question); q != nil {
		label = "Essayer : " + q.Title
	}
	dataset := ""
	if d := corp.Dataset(f.Sandbox.Dataset); d != nil {
		dataset = " sur le jeu d'exemple « " + d.Title + " »"
	}
	return app.Aside().Class("essayer-encadre").Aria("labelledby", "titre-essayer").Body(
		app.H2().ID("titre-essayer").Text("Passez à la pratique"),
		app.P().Text("Appliquez cette fiche"+dataset+", ou sur votre propre export : rien ne quitte votre appareil."),
		app.A().Class("bouton principal").Href(u(href)).Text(label),
	)
}

// SandboxURL returns the link that opens the sandbox on a dataset and question.
func SandboxURL(dataset, question string) string {
	u := PathSandbox + "?jeu=" + dataset
	if question != "" {
		u += "&question=" + question
	}
	return u
}

func sourcesSection(f *content.Fiche) app.UI {
	return app.Section().Class("sources").Aria("labelledby", "titre-sources").Body(
		app.H2().ID("titre-sources").Text("Sources"),
		app.Ul().Body(app.Range(f.Sources).Slice(func(i int) app.UI {
			s := f.Sources[i]
			year := "s. d."
			if s.Year > 0 {
				year = fmt.Sprint(s.Year)
			}
			return app.Li().Body(
				app.Text(content.Typography(s.Author)+", "),
				app.Cite().Text(content.Typography(s.Title)),
				app.Text(", "+content.Typography(s.Where)+", "+year+"."),
			)
		})),
	)
}
