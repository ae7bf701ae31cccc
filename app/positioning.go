package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/fr"
	"coulisses/app/learn"
	"coulisses/content"
)

// PathPositioning is the positioning test page.
const PathPositioning = "/positionnement"

// PositioningPage runs the optional positioning test: the learner says
// their job, answers, and gets a level per competence and a path to start.
type PositioningPage struct {
	app.Compo
	role    string
	started bool
	result  *learn.Positioning
	roleErr bool
}

// OnNav sets the title.
func (p *PositioningPage) OnNav(ctx app.Context) { setTitle(ctx, "Test de positionnement") }

// Render arranges the page.
func (p *PositioningPage) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathParcours, contentError(err))
	}
	test := corp.Positioning
	history := progress().Positioning
	return layout(PathParcours,
		app.H1().Text("Test de positionnement"),
		app.P().Class("chapo").Text(fmt.Sprintf("Facultatif : %d questions, une dizaine de minutes, pour savoir par où commencer. Vous obtenez un niveau par compétence et un parcours conseillé. Vous pouvez le repasser quand vous voulez ; chaque résultat est gardé avec sa date, sur cet appareil seulement.", len(test.Questions))),
		app.If(p.result != nil, func() app.UI { return p.renderResult(corp, *p.result, true) }),
		app.If(!p.started && p.result == nil, func() app.UI { return p.renderStart() }),
		app.If(p.started, func() app.UI {
			return app.Section().Aria("labelledby", "titre-questions").Body(
				app.H2().ID("titre-questions").Text("Les questions"),
				&QuizForm{Quiz: test, IDPrefix: "pos-", Submit: "Voir mon profil", OnDone: p.done},
			)
		}),
		app.If(len(history) > 0, func() app.UI { return p.renderHistory(corp, history) }),
	)
}

func (p *PositioningPage) renderStart() app.UI {
	return app.Section().Class("carte").Aria("labelledby", "titre-metier").Body(
		app.H2().ID("titre-metier").Text("Votre métier"),
		app.FieldSet().Body(
			app.Legend().Text("Dans quel service travaillez-vous ? (pour vous conseiller un parcours)"),
			app.Range(content.Roles).Slice(func(i int) app.UI {
				r := content.Roles[i]
				id := "metier-" + r.Slug
				return app.Div().Class("option").Body(
					app.Input().Type("radio").Name("metier").ID(id).Value(r.Slug).Checked(p.role == r.Slug).
						OnChange(func(ctx app.Context, e app.Event) { p.role = r.Slug; p.roleErr = false }),
					app.Label().For(id).Text(r.Name),
				)
			}),
		),
		app.If(p.roleErr, func() app.UI {
			return app.P().Class("erreur").Role("alert").Text("Choisissez votre métier pour commencer.")
		}),
		app.Button().ID("commencer-test").Class("bouton principal").Text("Commencer le test").OnClick(p.start),
	)
}

func (p *PositioningPage) start(ctx app.Context, e app.Event) {
	if p.role == "" {
		p.roleErr = true
		return
	}
	p.started = true
	p.result = nil
}

func (p *PositioningPage) done(ctx app.Context, answers map[string]learn.Answer, r learn.Result) {
	corp, err := corpus()
	if err != nil {
		return
	}
	profile := learn.Position(corp.Positioning, answers)
	res := learn.Positioning{Role: p.role, Profile: profile, Recommended: learn.Recommend(profile, p.role)}
	updateProgress(ctx, func(s *learn.State, now time.Time) { s.AddPositioning(res, now) })
	res.At = now().UTC().Format(time.RFC3339)
	p.result = &res
	p.started = false
	ctx.ScrollTo("titre-profil")
}

// renderResult shows a profile and the recommended path.
func (p *PositioningPage) renderResult(corp *content.Corpus, res learn.Positioning, fresh bool) app.UI {
	path := corp.Path(res.Recommended)
	return app.Section().Class("profil").Aria("labelledby", "titre-profil").Body(
		app.H2().ID("titre-profil").TabIndex(-1).Text("Votre profil"),
		app.P().Text(fmt.Sprintf("Résultat global : %s des points.", fr.Percent(res.Profile.Overall, 0))),
		profileTable(corp, res.Profile.Levels),
		app.If(path != nil, func() app.UI {
			return app.Div().Class("conseil").Body(
				app.P().Body(
					app.Text("Parcours conseillé pour commencer : "),
					app.A().Href(u(PathParcours+"/"+path.Slug)).Text(path.Title),
					app.Text(". "+content.Typography(path.Summary)),
				),
				&FollowButton{Path: path.Slug},
			)
		}),
		app.If(fresh, func() app.UI {
			return app.Button().Class("bouton").Text("Repasser le test").OnClick(func(ctx app.Context, e app.Event) {
				p.result, p.started = nil, false
			})
		}),
	)
}

// profileTable lists a level per competence.
func profileTable(corp *content.Corpus, levels map[string]string) app.UI {
	return app.Table().Class("tableau-profil").Body(
		app.Caption().Text("Niveau par compétence"),
		app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Compétence"), app.Th().Scope("col").Text("Niveau"))),
		app.TBody().Body(app.Range(corp.Competences).Slice(func(i int) app.UI {
			c := corp.Competences[i]
			level, ok := levels[c.Slug]
			if !ok {
				return nil
			}
			return app.Tr().Body(
				app.Th().Scope("row").Body(app.Span().Text(c.Label), app.Span().Class("aide").Text(" — "+c.Description)),
				app.Td().Class("niveau "+level).Text(content.LevelName(level)),
			)
		})),
	)
}

func (p *PositioningPage) renderHistory(corp *content.Corpus, history []learn.Positioning) app.UI {
	return app.Section().Aria("labelledby", "titre-historique").Body(
		app.H2().ID("titre-historique").Text("Vos résultats précédents"),
		app.Ul().Class("historique").Body(app.Range(history).Slice(func(i int) app.UI {
			h := history[len(history)-1-i]
			rec := h.Recommended
			if path := corp.Path(rec); path != nil {
				rec = path.Title
			}
			return app.Li().Text(fmt.Sprintf("%s — %s des points, métier : %s, parcours conseillé : %s",
				fr.RFC3339Date(h.At), fr.Percent(h.Profile.Overall, 0), content.RoleName(h.Role), rec))
		})),
	)
}

// FollowButton adds a path to (or removes it from) the followed paths.
type FollowButton struct {
	app.Compo
	Path string
}

// OnMount refreshes the button when progress changes.
func (b *FollowButton) OnMount(ctx app.Context) {
	ctx.Handle(ActionProgress, func(ctx app.Context, a app.Action) {})
}

// Render shows the button.
func (b *FollowButton) Render() app.UI {
	following := progress().Follows(b.Path)
	label := "Suivre ce parcours"
	if following {
		label = "Parcours suivi ✓ (ne plus suivre)"
	}
	return app.Button().Class("bouton principal suivre").Aria("pressed", following).Text(label).OnClick(func(ctx app.Context, e app.Event) {
		updateProgress(ctx, func(s *learn.State, now time.Time) {
			if s.Follows(b.Path) {
				s.Unfollow(b.Path, now)
			} else {
				s.Follow(b.Path, now)
			}
		})
	})
}
