package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Status shows what the visitor must know about the app itself: a new
// version is ready (« Nouvelle version disponible — recharger ») or the
// device is offline. Mounting it marks the document as rendered by the
// WebAssembly client (html[data-client="pret"]).
type Status struct {
	app.Compo
	updateAvailable bool
	offline         bool
}

// OnMount runs in the browser only.
func (s *Status) OnMount(ctx app.Context) {
	doc := app.Window().Get("document").Get("documentElement")
	doc.Call("setAttribute", "data-client", "pret")
	s.updateAvailable = ctx.AppUpdateAvailable()
	s.offline = !app.Window().Get("navigator").Get("onLine").Bool()
	online := app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { s.offline = false })
		return nil
	})
	offline := app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { s.offline = true })
		return nil
	})
	app.Window().Call("addEventListener", "online", online)
	app.Window().Call("addEventListener", "offline", offline)
}

// OnAppUpdate is called by go-app when a new version has been installed.
func (s *Status) OnAppUpdate(ctx app.Context) {
	s.updateAvailable = ctx.AppUpdateAvailable()
}

// Render shows the prompts, if any.
func (s *Status) Render() app.UI {
	return app.Div().Class("etat").Aria("live", "polite").Body(
		app.If(s.updateAvailable, func() app.UI {
			return app.P().Class("bandeau maj").Body(
				app.Text("Nouvelle version disponible — "),
				app.Button().Class("lien").ID("recharger").Text("recharger").OnClick(s.reload),
			)
		}),
		app.If(s.offline, func() app.UI {
			return app.P().Class("bandeau hors-ligne").Text("Hors ligne : tout fonctionne, rien n'est envoyé.")
		}),
	)
}

func (s *Status) reload(ctx app.Context, e app.Event) {
	ctx.Reload()
}
