package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Status shows what the visitor must know about the app itself: a new
// version is ready (« Nouvelle version disponible — recharger »), the
// content was updated (« Contenu mis à jour : … », see updates.go) or the
// device is offline. Mounting it marks the document as rendered by the
// WebAssembly client (html[data-client="pret"]).
type Status struct {
	app.Compo
	updateAvailable bool
	offline         bool
	noStorage       bool
	onOnline        app.Func
	onOffline       app.Func
}

// OnMount runs in the browser only.
func (s *Status) OnMount(ctx app.Context) {
	doc := app.Window().Get("document").Get("documentElement")
	doc.Call("setAttribute", "data-client", "pret")
	s.updateAvailable = isUpdate(ctx)
	s.noStorage = storageFailed()
	ctx.Handle(ActionStorage, func(ctx app.Context, a app.Action) { s.noStorage = storageFailed() })
	// Content updates: shown here, checked after the first render.
	ctx.Handle(ActionContent, func(ctx app.Context, a app.Action) { reconcileProgress(ctx) })
	startUpdates(ctx)
	s.offline = !app.Window().Get("navigator").Get("onLine").Bool()
	s.onOnline = app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) {
			s.offline = false
			checkUpdates(ctx, false)
		})
		return nil
	})
	s.onOffline = app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { s.offline = true })
		return nil
	})
	app.Window().Call("addEventListener", "online", s.onOnline)
	app.Window().Call("addEventListener", "offline", s.onOffline)
}

// OnDismount removes the listeners.
func (s *Status) OnDismount() {
	if s.onOnline != nil {
		app.Window().Call("removeEventListener", "online", s.onOnline)
		app.Window().Call("removeEventListener", "offline", s.onOffline)
		s.onOnline.Release()
		s.onOffline.Release()
		s.onOnline, s.onOffline = nil, nil
	}
}

// OnAppUpdate is called by go-app when a new version has been installed.
func (s *Status) OnAppUpdate(ctx app.Context) {
	s.updateAvailable = isUpdate(ctx)
}

// isUpdate tells a real update from the first installation of the service
// worker, which go-app also reports as an update.
func isUpdate(ctx app.Context) bool {
	return ctx.AppUpdateAvailable() && app.Window().Get("coulissesControlledAtLoad").Truthy()
}

// Render shows the prompts, if any.
func (s *Status) Render() app.UI {
	updated := contentBanner()
	return app.Div().Class("etat").Aria("live", "polite").Body(
		app.If(s.updateAvailable, func() app.UI {
			return app.P().Class("bandeau maj").Body(
				app.Text("Nouvelle version disponible — "),
				app.Button().Class("lien").ID("recharger").Text("recharger").OnClick(s.reload),
			)
		}),
		app.If(updated != nil, func() app.UI { return updated }),
		app.If(s.noStorage, func() app.UI {
			return app.P().Class("bandeau stockage").Role("alert").Text("Votre navigateur refuse l'enregistrement (navigation privée ou espace plein) : l'application fonctionne, mais votre progression ne sera pas conservée après la fermeture de cette page. Exportez-la depuis « Ma progression » pour la garder.")
		}),
		app.If(s.offline, func() app.UI {
			return app.P().Class("bandeau hors-ligne").Text("Hors ligne : tout fonctionne, rien n'est envoyé.")
		}),
	)
}

func (s *Status) reload(ctx app.Context, e app.Event) {
	ctx.Reload()
}
