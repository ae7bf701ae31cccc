package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Home is the landing page: what Coulisses is for, and the way in to each
// area.
type Home struct {
	app.Compo
}

// OnNav sets the title.
func (h *Home) OnNav(ctx app.Context) { setTitle(ctx, "") }

// Render arranges the page.
func (h *Home) Render() app.UI {
	return layout(PathHome,
		app.Section().Class("accueil").Body(
			app.H1().Text("Coulisses"),
			app.P().Class("chapo").Text(
				"Coulisses aide les équipes des théâtres, salles de concert, festivals et musées à comprendre les données de leurs publics et à s'en servir avec discernement. "+
					"Vous y apprenez à votre rythme, puis vous analysez vos propres exports de billetterie sans qu'aucune donnée ne quitte votre appareil."),
		),
		app.Ul().Class("cartes").Body(
			card(PathFiches, "Fiches", "Des fiches courtes et sourcées : collecter, organiser, protéger, analyser, décider."),
			card(PathParcours, "Parcours", "Un chemin de lecture par métier, avec des quiz pour vérifier ce que vous avez compris."),
			card(PathSandbox, "Bac à sable", "Déposez un export CSV ou Excel et obtenez des réponses, sans rien envoyer."),
			card(PathAbout, "À propos", "Ce qui est conservé sur votre appareil, et comment tout effacer."),
		),
	)
}

// card is a link card to an area.
func card(href, title, text string) app.UI {
	return app.Li().Class("carte").Body(
		app.H2().Body(app.A().Href(href).Text(title)),
		app.P().Text(text),
	)
}
