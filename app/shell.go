package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// layout wraps a page: skip link, header with the main navigation, the
// main region, the footer and the app status (update prompt, offline).
// current is the path of the area the page belongs to.
func layout(current string, body ...app.UI) app.UI {
	return app.Div().Class("site").Body(
		app.A().Class("lien-evitement").Href("#contenu").Text("Aller au contenu").OnClick(focusMain),
		app.Header().Class("entete").Body(
			app.A().Class("marque").Href(u(PathHome)).Body(
				app.Img().Src("/web/icons/icon.svg").Alt("").Role("presentation").Aria("hidden", true).Width(32).Height(32),
				app.Span().Text("Coulisses"),
			),
			app.Nav().Aria("label", "Navigation principale").Body(
				app.Ul().Class("nav").Body(
					app.Range(areas).Slice(func(i int) app.UI {
						a := areas[i]
						link := app.A().Href(u(a.Path)).Text(a.Label)
						if current == a.Path {
							link = link.Aria("current", "page")
						}
						return app.Li().Body(link)
					}),
				),
			),
		),
		&Status{},
		app.Main().ID("contenu").TabIndex(-1).Body(body...),
		app.Footer().Class("pied").Body(
			app.P().Body(
				app.Text("Coulisses fonctionne hors ligne. Vos données restent sur cet appareil — "),
				app.A().Href(u(PathAbout+"#confidentialite")).Text("confidentialité"),
				app.Text("."),
			),
		),
	)
}

// focusMain moves the keyboard focus to the main region (skip link).
func focusMain(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if m := app.Window().GetElementByID("contenu"); m.Truthy() {
		m.Call("focus")
	}
}

// areaOf returns the navigation area a path belongs to.
func areaOf(path string) string {
	for _, a := range areas {
		if path == a.Path || strings.HasPrefix(path, a.Path+"/") {
			return a.Path
		}
	}
	return PathHome
}

// setTitle sets the document title: « Coulisses » alone on the home page,
// « Page · Coulisses » elsewhere.
func setTitle(ctx app.Context, title string) {
	if title == "" {
		ctx.Page().SetTitle("Coulisses")
		return
	}
	ctx.Page().SetTitle(title + " · Coulisses")
}
