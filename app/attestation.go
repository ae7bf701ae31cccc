package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/fr"
	"coulisses/content"
)

// AttestationPage prints a certificate for a completed path: the name the
// learner types, the date, the fiches and their scores. No account, no
// server: it is a page to print or save as PDF.
type AttestationPage struct {
	app.Compo
	slug string
	name string
}

// OnNav reads the path slug from /parcours/{slug}/attestation.
func (a *AttestationPage) OnNav(ctx app.Context) {
	a.slug = strings.TrimSuffix(strings.TrimPrefix(pagePath(ctx), PathParcours+"/"), "/attestation")
	setTitle(ctx, "Attestation")
}

// OnMount refreshes the page when progress changes.
func (a *AttestationPage) OnMount(ctx app.Context) {
	ctx.Handle(ActionProgress, func(ctx app.Context, act app.Action) {})
}

// Render arranges the page.
func (a *AttestationPage) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathParcours, contentError(err))
	}
	path := corp.Path(a.slug)
	if path == nil {
		return layout(PathParcours, app.H1().Text("Parcours introuvable"), app.P().Body(app.A().Href(u(PathParcours)).Text("Voir les parcours")))
	}
	state := progress()
	done, total := state.PathProgress(path)
	if done < total {
		return layout(PathParcours,
			app.H1().Text("Attestation — "+path.Title),
			app.P().Role("status").Text(fmt.Sprintf("Le parcours n'est pas encore terminé : %d fiche%s faite%s sur %d. Une fiche est faite quand elle est lue et que son quiz est réussi (70 %%).", done, plural(done), plural(done), total)),
			app.P().Body(app.A().Class("bouton").Href(u(PathParcours+"/"+path.Slug)).Text("Revenir au parcours")),
		)
	}
	minutes := 0
	for _, id := range path.Fiches {
		if f := corp.Fiche(id); f != nil {
			minutes += f.Minutes
		}
	}
	name := strings.TrimSpace(a.name)
	return layout(PathParcours,
		app.Div().Class("no-print").Body(
			app.H1().Text("Attestation — "+path.Title),
			app.P().Text("Saisissez votre nom tel qu'il doit figurer sur l'attestation, puis imprimez-la ou enregistrez-la en PDF. Rien n'est envoyé : le nom n'est même pas enregistré."),
			app.Label().For("nom-attestation").Text("Nom et prénom"),
			app.Input().Type("text").ID("nom-attestation").AutoComplete(true).Value(a.name).OnInput(a.typeName),
			app.Button().ID("imprimer").Class("bouton principal").Disabled(name == "").Text("Imprimer l'attestation").OnClick(printPage),
		),
		app.Article().Class("attestation").Aria("label", "Attestation à imprimer").Body(
			app.P().Class("sur-titre").Text("Coulisses — autoformation à la culture des données"),
			app.H2().Text("Attestation de parcours"),
			app.P().Class("certifie").Body(
				app.Text("Nous attestons que "),
				app.Strong().ID("nom-imprime").Text(orDots(name)),
				app.Text(" a suivi le parcours « "+path.Title+" » ("+duration(minutes)+" de lecture) et réussi le quiz de chacune de ses fiches."),
			),
			app.Table().Body(
				app.Caption().Text("Fiches du parcours et meilleur score au quiz"),
				app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Fiche"), app.Th().Scope("col").Text("Score"), app.Th().Scope("col").Text("Réussi le"))),
				app.TBody().Body(app.Range(path.Fiches).Slice(func(i int) app.UI {
					f := corp.Fiche(path.Fiches[i])
					if f == nil {
						return nil
					}
					fp := state.Peek(f.ID)
					at := ""
					if fp.Quiz != nil {
						at = fr.RFC3339Date(fp.Quiz.At)
					}
					return app.Tr().Body(
						app.Th().Scope("row").Text(f.ID+" "+content.Typography(f.Title)),
						app.Td().Text(fmt.Sprintf("%d\u00a0%%", fp.Best)),
						app.Td().Text(at),
					)
				})),
			),
			app.P().Class("date").Text("Fait le "+fr.LongDate(now())+"."),
			app.P().Class("mention").Text("Attestation établie sur l'appareil de l'apprenant, à partir de sa progression enregistrée localement ; elle ne vaut pas certification."),
		),
	)
}

func (a *AttestationPage) typeName(ctx app.Context, e app.Event) {
	a.name = ctx.JSSrc().Get("value").String()
}

func orDots(s string) string {
	if s == "" {
		return "…………………………"
	}
	return s
}

// printPage opens the browser's print dialog.
func printPage(ctx app.Context, e app.Event) {
	app.Window().Call("print")
}
