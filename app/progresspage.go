package app

import (
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/fr"
	"coulisses/app/learn"
	"coulisses/content"
	"coulisses/wasm/browser"
)

// PathProgress is the learner's progress page.
const PathProgress = "/progression"

// ProgressPage shows the learner's competence levels, fiches, bookmarks
// and notes, and lets them export, import or wipe it all.
type ProgressPage struct {
	app.Compo
	message string
	failed  bool
}

// OnNav sets the title.
func (p *ProgressPage) OnNav(ctx app.Context) { setTitle(ctx, "Ma progression") }

// OnMount refreshes the page when progress changes.
func (p *ProgressPage) OnMount(ctx app.Context) {
	ctx.Handle(ActionProgress, func(ctx app.Context, a app.Action) {})
}

// Render arranges the page.
func (p *ProgressPage) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathParcours, contentError(err))
	}
	s := progress()
	levels := learn.CompetenceLevels(corp, s)
	var read, passed int
	var bookmarks, notes []*content.Fiche
	for _, f := range corp.Fiches {
		fp := s.Peek(f.ID)
		if fp.Read {
			read++
		}
		if fp.Passed() {
			passed++
		}
		if fp.Bookmark {
			bookmarks = append(bookmarks, f)
		}
		if fp.Note != "" {
			notes = append(notes, f)
		}
	}
	return layout(PathParcours,
		app.H1().Text("Ma progression"),
		app.P().Class("chapo").Text(fmt.Sprintf("%d fiche%s lue%s sur %d, %d quiz réussi%s. Tout est enregistré sur cet appareil seulement.", read, plural(read), plural(read), len(corp.Fiches), passed, plural(passed))),
		// Conditional blocks sit in fixed containers: go-app diffs children
		// by position, and the wipe button below must keep its state.
		app.Div().Body(app.If(len(s.Notices) > 0, func() app.UI {
			return app.Ul().Class("avis").Body(app.Range(s.Notices).Slice(func(i int) app.UI { return app.Li().Text(s.Notices[i]) }))
		})),
		app.Section().Aria("labelledby", "titre-competences").Body(
			app.H2().ID("titre-competences").Text("Vos compétences"),
			app.If(len(levels) == 0, func() app.UI {
				return app.P().Body(app.Text("Pas encore de niveau : passez le "), app.A().Href(u(PathPositioning)).Text("test de positionnement"), app.Text(" ou réussissez des quiz."))
			}).Else(func() app.UI {
				return app.Div().Body(
					profileTable(corp, levels),
					app.P().Class("aide").Text("Le niveau combine votre dernier test de positionnement et vos quiz : une compétence est au niveau d'une fiche quand vous avez répondu juste à au moins 70 % des questions qui la concernent dans les fiches de ce niveau ou au-dessus."),
				)
			}),
		),
		app.Div().Body(app.If(len(bookmarks) > 0, func() app.UI {
			return app.Section().Aria("labelledby", "titre-favoris").Body(
				app.H2().ID("titre-favoris").Text("Vos favoris"),
				app.Ul().Class("liste-fiches").Body(app.Range(bookmarks).Slice(func(i int) app.UI { return ficheItem(bookmarks[i]) })),
			)
		})),
		app.Div().Body(app.If(len(notes) > 0, func() app.UI {
			return app.Section().Aria("labelledby", "titre-notes").Body(
				app.H2().ID("titre-notes").Text("Vos notes"),
				app.Dl().Class("notes").Body(app.Range(notes).Slice(func(i int) app.UI {
					f := notes[i]
					return app.Div().Body(
						app.Dt().Body(app.A().Href(u("/fiches/"+f.Slug)).Text(f.ID+" "+content.Typography(f.Title))),
						app.Dd().Text(s.Peek(f.ID).Note),
					)
				})),
			)
		})),
		app.Section().Class("sauvegarde").Aria("labelledby", "titre-sauvegarde").Body(
			app.H2().ID("titre-sauvegarde").Text("Sauvegarder ou transférer"),
			app.P().Text("Exportez votre progression dans un fichier pour la garder ou la reprendre sur un autre appareil. À l'import, le fichier est vérifié : s'il n'est pas valable, rien n'est remplacé."),
			app.Div().Class("boutons").Body(
				app.Button().ID("exporter").Class("bouton").Text("Exporter ma progression").OnClick(p.export),
				app.Label().For("importer").Class("bouton").Text("Importer une progression"),
				app.Input().Type("file").ID("importer").Class("sr-only").Accept(".json,application/json").OnChange(p.importFile),
			),
			app.P().ID("message-sauvegarde").Class("message").Role("status").Body(app.If(p.message != "", func() app.UI {
				cls := "succes"
				if p.failed {
					cls = "erreur"
				}
				return app.Span().Class(cls).Text(p.message)
			})),
			&WipeButton{},
		),
	)
}

func (p *ProgressPage) export(ctx app.Context, e app.Event) {
	data, err := progress().Export()
	if err == nil {
		err = browser.Download("coulisses-progression-"+time.Now().Format("2006-01-02")+".json", "application/json", data)
	}
	if err != nil {
		p.failed, p.message = true, "L'export a échoué : "+err.Error()
		return
	}
	p.failed, p.message = false, "Progression exportée ("+fr.Int(int64(len(data)))+" octets)."
}

func (p *ProgressPage) importFile(ctx app.Context, e app.Event) {
	file := ctx.JSSrc().Get("files").Index(0)
	input := ctx.JSSrc()
	ctx.Async(func() {
		data, err := browser.ReadFile(file)
		var s *learn.State
		if err == nil {
			s, err = learn.Import(data)
		}
		ctx.Dispatch(func(ctx app.Context) {
			input.Set("value", "")
			if err != nil {
				p.failed, p.message = true, importMessage(err)
				return
			}
			replaceProgress(ctx, s)
			p.failed, p.message = false, "Progression importée : elle remplace celle de cet appareil."
		})
	})
}

// importMessage turns an import error into a French sentence.
func importMessage(err error) string {
	const keep = " Votre progression actuelle n'a pas été modifiée."
	switch {
	case errors.Is(err, learn.ErrNotJSON):
		return "Ce fichier n'est pas une sauvegarde lisible (JSON invalide ou fichier tronqué)." + keep
	case errors.Is(err, learn.ErrNotProgress):
		return "Ce fichier n'est pas une sauvegarde de progression Coulisses." + keep
	case errors.Is(err, learn.ErrFutureSchema):
		return "Cette sauvegarde vient d'une version plus récente de Coulisses : mettez l'application à jour, puis réessayez." + keep
	case errors.Is(err, learn.ErrCorrupted):
		return "Cette sauvegarde est abîmée ou incomplète (" + err.Error() + ")." + keep
	}
	return "Import impossible : " + err.Error() + "." + keep
}
