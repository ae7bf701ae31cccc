package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/learn"
	"coulisses/content"
)

// PathWorkshop is the trainers' page.
const PathWorkshop = "/atelier"

// workshopMinutes is the length of the session the plan is built for.
const workshopMinutes = 180

// WorkshopPage (Mode atelier) prints a 3-hour session plan built from a
// path's fiches and sandbox exercises, with timings and discussion
// questions.
type WorkshopPage struct {
	app.Compo
	path  string
	start int // minutes after midnight
}

// OnNav reads ?parcours=…&debut=9h30.
func (w *WorkshopPage) OnNav(ctx app.Context) {
	setTitle(ctx, "Mode atelier")
	q := ctx.Page().URL().Query()
	w.path = q.Get("parcours")
	if w.path == "" {
		w.path = learn.EssentialsPath
	}
	w.start = 9*60 + 30
	if m, ok := parseClock(q.Get("debut")); ok {
		w.start = m
	}
}

// Render arranges the page.
func (w *WorkshopPage) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathParcours, contentError(err))
	}
	path := corp.Path(w.path)
	if path == nil {
		path = corp.Paths[0]
	}
	plan := learn.PlanWorkshop(corp, path, workshopMinutes)
	return layout(PathParcours,
		app.Div().Class("no-print").Body(
			app.H1().Text("Mode atelier"),
			app.P().Class("chapo").Text("Un déroulé de séance de 3 heures, construit à partir d'un parcours : lectures, discussions en petits groupes, exercices dans le bac à sable et quiz. Imprimez-le pour animer un atelier, même sans réseau : Coulisses fonctionne depuis une clé USB."),
			app.Div().Class("filtres").Body(
				app.Div().Class("champ").Body(
					app.Label().For("atelier-parcours").Text("Parcours"),
					app.Select().ID("atelier-parcours").OnChange(func(ctx app.Context, e app.Event) { w.path = ctx.JSSrc().Get("value").String() }).Body(
						app.Range(corp.Paths).Slice(func(i int) app.UI {
							p := corp.Paths[i]
							return app.Option().Value(p.Slug).Selected(p.Slug == path.Slug).Text(p.Title)
						}),
					),
				),
				app.Div().Class("champ").Body(
					app.Label().For("atelier-debut").Text("Début de la séance"),
					app.Input().Type("time").ID("atelier-debut").Value(clock(w.start)).OnChange(func(ctx app.Context, e app.Event) {
						if m, ok := parseClock(ctx.JSSrc().Get("value").String()); ok {
							w.start = m
						}
					}),
				),
				app.Button().ID("imprimer-atelier").Class("bouton principal").Text("Imprimer le déroulé").OnClick(printPage),
			),
		),
		app.Article().Class("deroule").Aria("labelledby", "titre-deroule").Body(
			app.H2().ID("titre-deroule").Text("Atelier « "+path.Title+" » — "+frClock(w.start)+" à "+frClock(w.start+workshopMinutes)),
			app.P().Text(fmt.Sprintf("%d fiches travaillées en séance%s. Matériel : Coulisses sur chaque poste (clé USB ou adresse locale), les jeux d'exemple, de quoi noter.", len(plan.Covered), laterText(plan))),
			app.Div().Class("tableau-defilant").Body(app.Table().Class("tableau-deroule").Body(
				app.Caption().Text("Déroulé minute par minute"),
				app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Horaire"), app.Th().Scope("col").Text("Séquence"), app.Th().Scope("col").Text("Consignes"))),
				app.TBody().Body(app.Range(plan.Steps).Slice(func(i int) app.UI {
					s := plan.Steps[i]
					return app.Tr().Class("etape-"+s.Kind).Body(
						app.Th().Scope("row").Text(frClock(w.start+s.Start)+" – "+frClock(w.start+s.Start+s.Minutes)),
						app.Td().Body(app.Strong().Text(stepTitle(corp, s)), app.Br(), app.Span().Class("aide").Text(fmt.Sprintf("%d min", s.Minutes))),
						app.Td().Body(
							app.If(s.Kind == learn.StepExercise, func() app.UI {
								q := corp.Question(s.Question)
								d := corp.Dataset(s.Dataset)
								label := "Ouvrir le bac à sable"
								if q != nil && d != nil {
									label = q.Title + " (jeu « " + d.Title + " »)"
								}
								return app.P().Body(app.A().Href(u(SandboxURL(s.Dataset, s.Question))).Text(label))
							}),
							app.Ul().Body(app.Range(s.Prompts).Slice(func(j int) app.UI { return app.Li().Text(content.Typography(s.Prompts[j])) })),
						),
					)
				})),
			)),
		),
	)
}

func stepTitle(corp *content.Corpus, s learn.Step) string {
	if s.FicheID == "" || s.Kind == learn.StepReading {
		return s.Title
	}
	if f := corp.Fiche(s.FicheID); f != nil {
		return s.Title + " — fiche " + f.ID
	}
	return s.Title
}

func laterText(p learn.Workshop) string {
	if len(p.Later) == 0 {
		return ""
	}
	return " ; à lire ensuite : " + strings.Join(p.Later, ", ")
}

// clock formats minutes after midnight as "09:30" (for <input type=time>).
func clock(m int) string { return fmt.Sprintf("%02d:%02d", (m/60)%24, m%60) }

// frClock formats minutes after midnight the French way: "9 h 30".
func frClock(m int) string {
	h, mm := (m/60)%24, m%60
	if mm == 0 {
		return fmt.Sprintf("%d\u00a0h", h)
	}
	return fmt.Sprintf("%d\u00a0h\u00a0%02d", h, mm)
}

// parseClock reads "09:30", "9h30" or "9 h 30".
func parseClock(s string) (int, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "h", ":", "H", ":").Replace(strings.TrimSpace(s))
	hs, ms, _ := strings.Cut(s, ":")
	h, err1 := strconv.Atoi(hs)
	m := 0
	var err2 error
	if ms != "" {
		m, err2 = strconv.Atoi(ms)
	}
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}
