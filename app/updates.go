package app

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/fr"
	"coulisses/app/learn"
	"coulisses/app/update"
	"coulisses/content"
	"coulisses/wasm/browser"
	"coulisses/worker/manifest"
)

// ActionContent follows a change of the content shown (an update applied)
// or of what the app knows about updates (a check started or ended).
const ActionContent = "coulisses/contenu"

// Timeouts of update requests: the manifest is small, a file may be large.
const (
	manifestTimeout = 20 * time.Second
	fileTimeout     = 60 * time.Second
)

// updates is the content-update state of this session.
var updates struct {
	sync.Mutex
	u        *update.Updater
	started  bool
	checking bool
	// last is the outcome of the last check of this session (nil before).
	last *update.Result
	// banner is the update applied this session, until dismissed.
	banner *update.Result
	// gen counts the corpora shown; reconciled is the one the progress
	// was last reconciled with (quiz scores reset when a quiz changed).
	gen, reconciled int
}

// OpenContent builds the updater from the environment the server passed
// (COULISSES_UPDATE_ORIGIN, COULISSES_UPDATE_KEY, COULISSES_CONTENT_VERSION)
// and returns the content to show at start: the applied update, if any and
// intact, else the shipped bundle. Call it before the first render (it
// waits for IndexedDB).
func OpenContent(bundle []byte) (*content.Corpus, error) {
	cfg := update.Config{
		Origin:     app.Getenv("COULISSES_UPDATE_ORIGIN"),
		AppVersion: app.Getenv("GOAPP_VERSION"),
	}
	if key, err := manifest.ParsePublicKey(app.Getenv("COULISSES_UPDATE_KEY")); err == nil {
		cfg.PublicKey = key
	}
	cfg.ShippedVersion, _ = strconv.ParseInt(app.Getenv("COULISSES_CONTENT_VERSION"), 10, 64)
	u := update.New(cfg, browserStore{}, browserFetcher{}, bundle, nil)
	corp, err := u.Open()
	updates.Lock()
	updates.u = u
	updates.gen++
	updates.Unlock()
	return corp, err
}

// UpdatedFile returns a file of the content shown by its manifest path
// (e.g. a dataset brought by an update), if an updater is running.
func UpdatedFile(path string) ([]byte, bool) {
	if u := updater(); u != nil {
		return u.File(path)
	}
	return nil, false
}

func updater() *update.Updater {
	updates.Lock()
	defer updates.Unlock()
	return updates.u
}

// startUpdates runs once the first page is on screen (Status.OnMount):
// progress is reconciled with the content shown, then, when online and
// due, a check runs in the background.
func startUpdates(ctx app.Context) {
	reconcileProgress(ctx)
	updates.Lock()
	first := !updates.started
	updates.started = true
	updates.Unlock()
	if first && online() {
		checkUpdates(ctx, false)
	}
}

func online() bool {
	return app.Window().Get("navigator").Get("onLine").Bool()
}

// checkUpdates checks for an update in the background (at most one check
// at a time), when due or when forced (« Vérifier les mises à jour »).
func checkUpdates(ctx app.Context, force bool) {
	u := updater()
	if u == nil || !u.Enabled() || (!force && !u.Due()) {
		return
	}
	updates.Lock()
	if updates.checking {
		updates.Unlock()
		return
	}
	updates.checking = true
	updates.Unlock()
	ctx.NewAction(ActionContent)
	ctx.Async(func() {
		r := u.Check(force)
		updates.Lock()
		updates.checking = false
		if r.Outcome != update.NotDue {
			updates.last = &r
		}
		if r.Outcome == update.Applied {
			// Verified and stored: from now on every page shows it.
			SetCorpus(r.Corpus, nil)
			updates.banner = &r
			updates.gen++
		}
		updates.Unlock()
		ctx.NewAction(ActionContent)
		if r.Outcome == update.Applied {
			// Pages that follow progress show it against the new content.
			ctx.NewAction(ActionProgress)
		}
	})
}

// reconcileProgress resets the scores of quizzes that changed since they
// were answered (with a notice), once per corpus shown. A fiche removed
// from the content keeps its history.
func reconcileProgress(ctx app.Context) {
	updates.Lock()
	if updates.reconciled == updates.gen {
		updates.Unlock()
		return
	}
	updates.reconciled = updates.gen
	updates.Unlock()
	corp, err := corpus()
	if err != nil {
		return
	}
	ids := update.QuizResets(progress(), corp)
	if len(ids) == 0 {
		return
	}
	updateProgress(ctx, func(s *learn.State, now time.Time) { update.ResetQuizzes(s, corp, ids, now) })
}

// contentBanner returns the status line of an update applied this session,
// or nil.
func contentBanner() app.UI {
	updates.Lock()
	r := updates.banner
	updates.Unlock()
	if r == nil {
		return nil
	}
	dismiss := func(ctx app.Context, e app.Event) {
		updates.Lock()
		updates.banner = nil
		updates.Unlock()
		ctx.NewAction(ActionContent)
	}
	return app.P().Class("bandeau maj contenu-maj").Body(
		app.Text("Contenu mis à jour : "+r.Summary.String()+" — "),
		app.A().Href(u(PathAbout+"#mises-a-jour")).Text("voir les changements").OnClick(dismiss),
		app.Text(" · "),
		app.Button().Class("lien").Text("masquer").Aria("label", "Masquer ce message").OnClick(dismiss),
	)
}

// UpdatesPanel is the « Mises à jour du contenu » section of « À propos »:
// the version shown, the last check, a button to check now, the changelog
// of the last update and the diagnostics journal.
type UpdatesPanel struct {
	app.Compo
}

// OnMount follows checks and updates.
func (p *UpdatesPanel) OnMount(ctx app.Context) {
	ctx.Handle(ActionContent, func(ctx app.Context, a app.Action) {})
}

func (p *UpdatesPanel) check(ctx app.Context, e app.Event) {
	checkUpdates(ctx, true)
}

// Render shows the panel.
func (p *UpdatesPanel) Render() app.UI {
	updates.Lock()
	u, checking, last := updates.u, updates.checking, updates.last
	updates.Unlock()
	st := update.Status{Shipped: true}
	if u != nil {
		st = u.Status()
	}
	return app.Section().ID("mises-a-jour").Aria("labelledby", "titre-mises-a-jour").Body(
		app.H2().ID("titre-mises-a-jour").Text("Mises à jour du contenu"),
		app.P().ID("version-contenu").Text(versionLine(st)),
		app.Div().Body(app.If(u != nil && !st.Enabled, func() app.UI {
			return app.P().Text("Cette installation ne reçoit pas de mises à jour du contenu : elle garde celui livré avec l'application.")
		}).ElseIf(st.Enabled, func() app.UI {
			return app.Div().Body(
				app.P().Text(checkedLine(st)),
				app.P().Body(
					app.Button().ID("verifier-maj").Text("Vérifier les mises à jour").Disabled(checking).OnClick(p.check),
				),
				app.P().ID("resultat-maj").Role("status").Text(resultLine(last, checking)),
			)
		})),
		app.Div().Body(app.If(st.Last != nil && !st.Shipped, func() app.UI {
			l := st.Last
			return app.Div().Class("changements").Body(
				app.H3().Text("Dernière mise à jour"),
				app.P().Text(fmt.Sprintf("Reçue le %s : %s.", dateTime(l.At), l.Summary.String())),
				app.If(len(l.Changelog) > 0, func() app.UI {
					return app.Ul().Class("journal-changements").Body(app.Range(l.Changelog).Slice(func(i int) app.UI {
						return app.Li().Text(l.Changelog[i])
					}))
				}),
			)
		})),
		app.Div().Body(app.If(len(st.Journal) > 0, func() app.UI {
			return app.Details().Class("diagnostic-maj").Body(
				app.Summary().Text(fmt.Sprintf("Diagnostic des mises à jour (%d)", len(st.Journal))),
				app.P().Class("aide").Text("Ce journal reste sur cet appareil. Il aide votre formateur ou formatrice à comprendre un refus : le contenu affiché n'est remplacé que par une mise à jour entièrement vérifiée."),
				app.Ul().Body(app.Range(st.Journal).Slice(func(i int) app.UI {
					return journalItem(st.Journal[i])
				})),
			)
		})),
	)
}

func journalItem(e update.Entry) app.UI {
	label := map[string]string{update.LevelRejected: "Refusée", update.LevelFailed: "Échec", update.LevelInfo: "Info"}[e.Level]
	text := e.Message
	if n := e.Times(); n > 1 {
		text += fmt.Sprintf(" (%d fois)", n)
	}
	return app.Li().Class("entree-"+e.Kind).Body(
		app.Time().DateTime(e.At.UTC().Format(time.RFC3339)).Text(dateTime(e.At)),
		app.Text(" — "),
		app.Strong().Text(label),
		app.Text(" : "+text),
		app.If(e.Detail != "", func() app.UI {
			return app.Pre().Class("diagnostic").Text(e.Detail)
		}),
	)
}

func versionLine(st update.Status) string {
	switch {
	case !st.Shipped && st.Last != nil && st.Last.Version == st.Version:
		return fmt.Sprintf("Contenu : version %d, reçue le %s.", st.Version, dateTime(st.Last.At))
	case !st.Shipped:
		return fmt.Sprintf("Contenu : version %d, mise à jour sur cet appareil.", st.Version)
	case st.Version > 0:
		return fmt.Sprintf("Contenu : version %d, livrée avec l'application.", st.Version)
	}
	return "Contenu : version livrée avec l'application."
}

func checkedLine(st update.Status) string {
	if st.Checked.IsZero() {
		return "Pas encore de vérification : elle a lieu quand l'appareil est en ligne, au plus une fois par jour."
	}
	return "Dernière vérification : " + dateTime(st.Checked) + ". La suivante aura lieu dans la journée qui suit, quand l'appareil sera en ligne."
}

func resultLine(r *update.Result, checking bool) string {
	switch {
	case checking:
		return "Vérification en cours…"
	case r == nil:
		return ""
	}
	switch r.Outcome {
	case update.Applied:
		return "Contenu mis à jour : " + r.Summary.String() + "."
	case update.UpToDate, update.NotDue:
		return "Le contenu est à jour."
	case update.Offline:
		return "Hors ligne : vérification impossible pour le moment, rien n'a changé."
	case update.Rejected, update.Failed:
		if r.Entry != nil {
			return r.Entry.Message + " Le contenu actuel est conservé."
		}
	}
	return ""
}

// dateTime formats a time for people: "27 nov. 2026 à 09:12", local time.
func dateTime(t time.Time) string {
	t = t.Local()
	return fr.Date(t) + " à " + t.Format("15:04")
}

// browserStore is update.Store over IndexedDB.
type browserStore struct{}

func (browserStore) Get(key string) (string, bool, error) { return browser.Get(key) }
func (browserStore) Put(key, value string) error          { return browser.Put(key, value) }
func (browserStore) Delete(key string) error              { return browser.Delete(key) }
func (browserStore) Keys() ([]string, error)              { return browser.Keys() }

// browserFetcher is update.Fetcher over the browser's fetch.
type browserFetcher struct{}

func (browserFetcher) Get(url, etag string, max int64) (update.Response, error) {
	timeout := fileTimeout
	if max <= manifest.MaxEnvelopeSize {
		timeout = manifestTimeout
	}
	r, err := browser.HTTPGet(url, etag, max, timeout)
	return update.Response{Status: r.Status, ETag: r.ETag, Body: r.Body}, err
}
