package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/content"
)

// Sandbox is the bac à sable: staff analyse their own exports, on the
// device.
type Sandbox struct {
	app.Compo
}

// OnNav sets the title.
func (s *Sandbox) OnNav(ctx app.Context) { setTitle(ctx, "Bac à sable") }

// Render arranges the page.
func (s *Sandbox) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathSandbox, contentError(err))
	}
	return layout(PathSandbox,
		app.H1().Text("Bac à sable"),
		app.P().Class("chapo").Text("Déposez l'export CSV ou Excel de votre billetterie ou de votre CRM et obtenez des réponses à vos questions. Le fichier est lu et analysé dans votre navigateur : rien n'est envoyé."),
		app.H2().Text("Jeux d'exemple"),
		app.Ul().Class("cartes").Body(app.Range(corp.Sandbox.Datasets).Slice(func(i int) app.UI {
			d := corp.Sandbox.Datasets[i]
			return app.Li().Class("carte").Body(
				app.H3().Text(d.Title),
				app.P().Text(content.Typography(d.Summary)),
			)
		})),
		app.H2().Text("Questions guidées"),
		app.Ul().Body(app.Range(corp.Sandbox.Questions).Slice(func(i int) app.UI {
			return app.Li().Text(corp.Sandbox.Questions[i].Title)
		})),
	)
}
