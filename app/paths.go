package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/fr"
	"coulisses/app/learn"
	"coulisses/content"
)

// Paths lists the reading paths, one per role plus the essentials.
type Paths struct {
	app.Compo
}

// OnNav sets the title.
func (p *Paths) OnNav(ctx app.Context) { setTitle(ctx, "Parcours") }

// OnMount refreshes the page when progress changes.
func (p *Paths) OnMount(ctx app.Context) {
	ctx.Handle(ActionProgress, func(ctx app.Context, a app.Action) {})
}

// positioningInvite suggests the positioning test, or reminds its date.
func positioningInvite() app.UI {
	last := progress().LatestPositioning()
	if last == nil {
		return app.P().Class("invite").Body(
			app.Text("Vous ne savez pas par où commencer ? "),
			app.A().Href(u(PathPositioning)).Text("Faites le test de positionnement"),
			app.Text(" : il vous conseille un parcours."),
		)
	}
	return app.P().Class("invite").Body(
		app.Text("Dernier test de positionnement : "+fr.RFC3339Date(last.At)+". "),
		app.A().Href(u(PathPositioning)).Text("Le repasser"),
	)
}

// pathProgressBar shows how much of a path is done.
func pathProgressBar(p *content.Path) app.UI {
	done, total := progress().PathProgress(p)
	label := fmt.Sprintf("%d fiche%s faite%s sur %d", done, plural(done), plural(done), total)
	if progress().Follows(p.Slug) {
		label += " · parcours suivi"
	}
	return app.Div().Class("avancement").Body(
		app.Progress().Max(total).Value(done).Aria("label", "Avancement : "+label),
		app.Span().Text(label),
	)
}

// Render arranges the page.
func (p *Paths) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathParcours, contentError(err))
	}
	return layout(PathParcours,
		app.H1().Text("Parcours"),
		app.P().Class("chapo").Text("Un parcours est une suite de fiches choisies pour un métier, dans un ordre de lecture. Suivez-en un ou plusieurs, à votre rythme : une fiche compte comme faite quand elle est lue et que son quiz est réussi."),
		positioningInvite(),
		app.P().Body(
			app.A().Href(u(PathProgress)).Text("Ma progression"),
			app.Text(" · Formateur ou formatrice ? "),
			app.A().Href(u(PathWorkshop)).Text("Mode atelier : un déroulé de séance de 3 heures"),
		),
		app.Ul().Class("cartes").Body(app.Range(corp.Paths).Slice(func(i int) app.UI {
			path := corp.Paths[i]
			return app.Li().Class("carte").Body(
				app.H2().Body(app.A().Href(u(PathParcours+"/"+path.Slug)).Text(path.Title)),
				app.P().Text(content.Typography(path.Summary)),
				app.P().Class("faits").Text(pathFacts(corp, path)),
				pathProgressBar(path),
			)
		})),
	)
}

func pathFacts(corp *content.Corpus, p *content.Path) string {
	minutes := 0
	for _, id := range p.Fiches {
		if f := corp.Fiche(id); f != nil {
			minutes += f.Minutes
		}
	}
	return fmt.Sprintf("%d fiches · environ %s", len(p.Fiches), duration(minutes))
}

// duration formats minutes the French way: « 45 min », « 1 h 20 ».
func duration(minutes int) string {
	if minutes < 60 {
		return fmt.Sprintf("%d\u00a0min", minutes)
	}
	h, m := minutes/60, minutes%60
	if m == 0 {
		return fmt.Sprintf("%d\u00a0h", h)
	}
	return fmt.Sprintf("%d\u00a0h\u00a0%02d", h, m)
}

// PathPage shows one path: its fiches in order with reading time.
type PathPage struct {
	app.Compo
	slug string
}

// OnMount refreshes the page when progress changes.
func (p *PathPage) OnMount(ctx app.Context) {
	ctx.Handle(ActionProgress, func(ctx app.Context, a app.Action) {})
}

// OnNav reads the path slug from the URL.
func (p *PathPage) OnNav(ctx app.Context) {
	p.slug = strings.TrimPrefix(pagePath(ctx), PathParcours+"/")
	if corp, err := corpus(); err == nil {
		if path := corp.Path(p.slug); path != nil {
			setTitle(ctx, "Parcours "+path.Title)
			return
		}
	}
	setTitle(ctx, "Parcours introuvable")
}

// Render arranges the page.
func (p *PathPage) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathParcours, contentError(err))
	}
	path := corp.Path(p.slug)
	if path == nil {
		return layout(PathParcours,
			app.H1().Text("Parcours introuvable"),
			app.P().Body(app.A().Href(u(PathParcours)).Text("Voir tous les parcours")),
		)
	}
	state := progress()
	done, total := state.PathProgress(path)
	next := corp.Fiche(state.NextInPath(path))
	return layout(PathParcours,
		app.P().Class("sur-titre").Body(app.A().Href(u(PathParcours)).Text("Parcours")),
		app.H1().Text(path.Title),
		app.P().Class("chapo").Text(content.Typography(path.Summary)),
		app.P().Class("faits").Text(pathFacts(corp, path)),
		pathProgressBar(path),
		app.Div().Class("boutons").Body(
			&FollowButton{Path: path.Slug},
			app.If(next != nil, func() app.UI {
				label := "Commencer : " + next.Title
				if done > 0 || state.Peek(next.ID).Read {
					label = "Reprendre : " + next.Title
				}
				return app.A().ID("reprendre-parcours").Class("bouton").Href(u("/fiches/" + next.Slug)).Text(label)
			}),
			app.A().Class("bouton").Href(u(PathWorkshop+"?parcours="+path.Slug)).Text("Mode atelier"),
			app.If(done == total && total > 0, func() app.UI {
				return app.A().ID("attestation").Class("bouton").Href(u(PathParcours + "/" + path.Slug + "/attestation")).Text("Imprimer mon attestation")
			}),
		),
		app.Ol().Class("etapes").Body(app.Range(path.Fiches).Slice(func(i int) app.UI {
			f := corp.Fiche(path.Fiches[i])
			if f == nil {
				return nil
			}
			return app.Li().Class("fiche-resume").Body(
				app.H3().Body(app.A().Href(u("/fiches/"+f.Slug)).Body(
					app.Span().Class("numero").Text(f.ID+" "),
					app.Text(content.Typography(f.Title)),
				)),
				ficheFacts(f),
				ficheStatus(state.Peek(f.ID)),
			)
		})),
	)
}

// ficheStatus says where the learner is on a fiche.
func ficheStatus(fp learn.FicheProgress) app.UI {
	var parts []string
	switch {
	case fp.Read:
		parts = append(parts, "lue")
	default:
		parts = append(parts, "à lire")
	}
	switch {
	case fp.Passed():
		parts = append(parts, fmt.Sprintf("quiz réussi (%d\u00a0%%)", fp.Best))
	case fp.Attempts > 0:
		parts = append(parts, fmt.Sprintf("quiz à refaire (meilleur score %d\u00a0%%)", fp.Best))
	default:
		parts = append(parts, "quiz à faire")
	}
	cls := "statut"
	if fp.Read && fp.Passed() {
		cls += " fait"
	}
	return app.P().Class(cls).Text(strings.Join(parts, " · "))
}
