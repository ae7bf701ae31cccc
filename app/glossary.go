package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/content"
)

// PathGlossary is the glossary page.
const PathGlossary = "/glossaire"

// Glossary lists every term with its definition and the fiches using it.
type Glossary struct {
	app.Compo
}

// OnNav sets the title.
func (g *Glossary) OnNav(ctx app.Context) { setTitle(ctx, "Glossaire") }

// Render arranges the page.
func (g *Glossary) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathFiches, contentError(err))
	}
	return layout(PathFiches,
		app.H1().Text("Glossaire"),
		app.P().Class("chapo").Text("Les mots des données des publics, définis simplement. Chaque terme renvoie aux fiches qui l'emploient."),
		app.Dl().Class("glossaire").Body(app.Range(corp.Glossary).Slice(func(i int) app.UI {
			t := corp.Glossary[i]
			return app.Div().Class("terme-def").ID("terme-"+t.Slug).Body(
				app.Dt().Text(t.Term),
				app.Dd().Body(
					app.P().Text(content.Typography(t.Definition)),
					app.If(len(t.See) > 0, func() app.UI {
						return app.P().Class("voir").Body(
							app.Text("Voir aussi : "),
							app.Range(t.See).Slice(func(j int) app.UI {
								s := corp.Term(t.See[j])
								if s == nil {
									return nil
								}
								return app.A().Href("#terme-" + s.Slug).Text(s.Term + " ")
							}),
						)
					}),
					app.If(len(t.Fiches) > 0, func() app.UI {
						return app.P().Class("voir").Body(
							app.Text("Dans les fiches : "),
							app.Range(t.Fiches).Slice(func(j int) app.UI {
								f := corp.Fiche(t.Fiches[j])
								if f == nil {
									return nil
								}
								return app.A().Href(u("/fiches/" + f.Slug)).Title(f.Title).Text(f.ID + " ")
							}),
						)
					}),
				),
			)
		})),
	)
}
