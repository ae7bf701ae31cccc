package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/content"
)

// Paths lists the reading paths, one per role plus the essentials.
type Paths struct {
	app.Compo
}

// OnNav sets the title.
func (p *Paths) OnNav(ctx app.Context) { setTitle(ctx, "Parcours") }

// Render arranges the page.
func (p *Paths) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathParcours, contentError(err))
	}
	return layout(PathParcours,
		app.H1().Text("Parcours"),
		app.P().Class("chapo").Text("Un parcours est une suite de fiches choisies pour un métier, dans un ordre de lecture. Suivez-en un ou plusieurs, à votre rythme."),
		app.Ul().Class("cartes").Body(app.Range(corp.Paths).Slice(func(i int) app.UI {
			path := corp.Paths[i]
			return app.Li().Class("carte").Body(
				app.H2().Body(app.A().Href(PathParcours+"/"+path.Slug).Text(path.Title)),
				app.P().Text(content.Typography(path.Summary)),
				app.P().Class("faits").Text(pathFacts(corp, path)),
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

// OnNav reads the path slug from the URL.
func (p *PathPage) OnNav(ctx app.Context) {
	p.slug = strings.TrimPrefix(ctx.Page().URL().Path, PathParcours+"/")
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
			app.P().Body(app.A().Href(PathParcours).Text("Voir tous les parcours")),
		)
	}
	return layout(PathParcours,
		app.P().Class("sur-titre").Body(app.A().Href(PathParcours).Text("Parcours")),
		app.H1().Text(path.Title),
		app.P().Class("chapo").Text(content.Typography(path.Summary)),
		app.P().Class("faits").Text(pathFacts(corp, path)),
		app.Ol().Class("etapes").Body(app.Range(path.Fiches).Slice(func(i int) app.UI {
			if f := corp.Fiche(path.Fiches[i]); f != nil {
				return ficheItem(f)
			}
			return nil
		})),
	)
}
