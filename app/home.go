package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/content"
)

// Home is the landing page: what Coulisses is for, and the way in to each
// area.
type Home struct {
	app.Compo
}

// OnNav sets the title.
func (h *Home) OnNav(ctx app.Context) { setTitle(ctx, "") }

// OnMount refreshes the page when progress changes.
func (h *Home) OnMount(ctx app.Context) {
	ctx.Handle(ActionProgress, func(ctx app.Context, a app.Action) {})
}

// Render arranges the page.
func (h *Home) Render() app.UI {
	return layout(PathHome,
		app.Section().Class("accueil").Body(
			app.H1().Text("Coulisses"),
			app.P().Class("chapo").Text(
				"Coulisses aide les équipes des théâtres, salles de concert, festivals et musées à comprendre les données de leurs publics et à s'en servir avec discernement. "+
					"Vous y apprenez à votre rythme, puis vous analysez vos propres exports de billetterie sans qu'aucune donnée ne quitte votre appareil."),
		),
		resume(),
		app.Ul().Class("cartes").Body(
			card(PathFiches, "Fiches", "Des fiches courtes et sourcées : collecter, organiser, protéger, analyser, décider."),
			card(PathParcours, "Parcours", "Un chemin de lecture par métier, avec des quiz pour vérifier ce que vous avez compris."),
			card(PathSandbox, "Bac à sable", "Déposez un export CSV ou Excel et obtenez des réponses, sans rien envoyer."),
			card(PathAbout, "À propos", "Ce qui est conservé sur votre appareil, et comment tout effacer."),
		),
	)
}

// resume offers to pick up where the learner left off: the next fiche of a
// followed path, or the last fiche opened; first-timers get the
// positioning test.
func resume() app.UI {
	corp, err := corpus()
	if err != nil {
		return nil
	}
	s := progress()
	var next *content.Fiche
	var via *content.Path
	for _, slug := range s.Paths {
		if p := corp.Path(slug); p != nil {
			if f := corp.Fiche(s.NextInPath(p)); f != nil {
				next, via = f, p
				break
			}
		}
	}
	if next == nil && s.Last != "" {
		next = corp.Fiche(s.Last)
	}
	if next == nil {
		return app.Div().Class("reprise").Body(
			app.P().Text("Première visite ? Un test facultatif d'une dizaine de minutes vous indique par où commencer."),
			app.A().ID("faire-positionnement").Class("bouton principal").Href(u(PathPositioning)).Text("Faire le test de positionnement"),
		)
	}
	context := "Dernière fiche ouverte"
	if via != nil {
		done, total := s.PathProgress(via)
		context = fmt.Sprintf("Parcours %s : %d fiche%s faite%s sur %d", via.Title, done, plural(done), plural(done), total)
	}
	return app.Div().Class("reprise").Body(
		app.P().Text(context),
		app.A().ID("reprendre").Class("bouton principal").Href(u("/fiches/"+next.Slug)).Text("Reprendre : "+next.ID+" "+content.Typography(next.Title)),
		app.A().Class("bouton").Href(u(PathProgress)).Text("Ma progression"),
	)
}

// card is a link card to an area.
func card(href, title, text string) app.UI {
	return app.Li().Class("carte").Body(
		app.H2().Body(app.A().Href(u(href)).Text(title)),
		app.P().Text(text),
	)
}
