package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/wasm/browser"
)

// WipeButton erases everything the app stored on this device, after an
// explicit confirmation.
type WipeButton struct {
	app.Compo
	confirming bool
	busy       bool
	message    string
	failed     bool
}

// Render shows the button, then the confirmation step, then the outcome.
func (w *WipeButton) Render() app.UI {
	return app.Div().Class("effacement").Body(
		app.If(!w.confirming, func() app.UI {
			return app.Button().ID("tout-effacer").Class("bouton danger").Text("Tout effacer sur cet appareil").OnClick(w.ask)
		}).Else(func() app.UI {
			return app.Div().Class("confirmation").Role("group").Aria("labelledby", "confirmation-effacement").Body(
				app.P().ID("confirmation-effacement").Text("Effacer définitivement votre progression, vos notes, vos jeux de données, vos recettes et la clé de pseudonymisation ? Cette action est irréversible."),
				app.Button().ID("confirmer-effacement").Class("bouton danger").Disabled(w.busy).Text("Oui, tout effacer").OnClick(w.wipe),
				app.Button().Class("bouton").Text("Annuler").OnClick(w.cancel),
			)
		}),
		app.P().Class("message").Role("status").Body(app.If(w.message != "", func() app.UI {
			cls := "succes"
			if w.failed {
				cls = "erreur"
			}
			return app.Span().Class(cls).Text(w.message)
		})),
	)
}

func (w *WipeButton) ask(ctx app.Context, e app.Event) {
	w.confirming = true
	w.message = ""
}

func (w *WipeButton) cancel(ctx app.Context, e app.Event) {
	w.confirming = false
}

func (w *WipeButton) wipe(ctx app.Context, e app.Event) {
	w.busy = true
	ctx.Async(func() {
		err := browser.Wipe()
		ctx.Dispatch(func(ctx app.Context) {
			w.busy = false
			w.confirming = false
			if err != nil {
				w.failed = true
				w.message = "L'effacement a échoué : " + err.Error() + ". Fermez les autres onglets de Coulisses et réessayez."
				return
			}
			w.failed = false
			w.message = "Tout a été effacé de cet appareil."
			resetProgressInMemory()
			ctx.NewAction(ActionWiped)
			ctx.NewAction(ActionProgress)
		})
	})
}

// ActionWiped is broadcast after a wipe, so that components holding
// personal state (progress, datasets) forget it.
const ActionWiped = "coulisses/efface"
