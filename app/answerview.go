package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/chart"
	"coulisses/app/fr"
	"coulisses/content"
	"coulisses/sandbox/answer"
	"coulisses/wasm/browser"
)

// renderAnswer shows an answer: the sentence first, then its charts (each
// with its data table and summary), its tables, the columns it used, its
// caveats and the fiche that explains it. Missing roles become a form.
func renderAnswer(corp *content.Corpus, a *answer.Answer, took time.Duration, r *importReport) app.UI {
	title := a.Title
	if q := corp.Question(a.Question); q != nil && title == "" {
		title = q.Title
	}
	fiche := corp.Fiche(a.Fiche)
	if fiche == nil {
		if q := corp.Question(a.Question); q != nil {
			fiche = corp.Fiche(q.Fiche)
		}
	}
	return app.Article().Class("carte-reponse").DataSet("question", a.Question).DataSet("duree-ms", took.Milliseconds()).Body(
		app.H3().ID("titre-reponse").TabIndex(-1).Text(title),
		app.P().Class("phrase").Text(content.Typography(a.Sentence)),
		app.If(len(a.Missing) > 0, func() app.UI { return missingRoles(a, r) }),
		app.If(a.Empty, func() app.UI {
			return app.P().Class("alerte").Text("Aucune ligne ne répond à cette question dans ce fichier.")
		}),
		app.Range(a.Charts).Slice(func(i int) app.UI { return chartFigure(a.Charts[i], fmt.Sprintf("graphique-%d", i)) }),
		app.Range(a.Tables).Slice(func(i int) app.UI { return resultTable(a.Tables[i]) }),
		app.If(len(a.Used) > 0, func() app.UI {
			return app.Div().Class("colonnes-utilisees").Body(
				app.H4().Text("Colonnes utilisées"),
				app.Ul().Body(app.Range(a.Used).Slice(func(i int) app.UI {
					u := a.Used[i]
					return app.Li().Text(fmt.Sprintf("« %s » (%s) : %s", u.Column, roleLabel(u.Role), u.How))
				})),
			)
		}),
		app.If(len(a.Caveats) > 0, func() app.UI {
			return app.Div().Class("precautions").Body(
				app.H4().Text("Précautions de lecture"),
				app.Ul().Body(app.Range(a.Caveats).Slice(func(i int) app.UI { return app.Li().Text(content.Typography(a.Caveats[i])) })),
			)
		}),
		app.P().Class("meta-reponse").Body(
			app.Text(fmt.Sprintf("Calculé sur %s lignes en %s, sur cet appareil. ", fr.Int(int64(a.Rows)), tookText(took))),
			app.If(fiche != nil, func() app.UI {
				return app.A().Href(u("/fiches/" + fiche.Slug)).Text("Comprendre : fiche " + fiche.ID + " « " + fiche.Title + " »")
			}),
		),
	)
}

// missingRoles explains which columns a question needs and how to map them.
func missingRoles(a *answer.Answer, r *importReport) app.UI {
	return app.Div().Class("roles-manquants").Role("alert").Body(
		app.P().Text("Pour répondre, Coulisses a besoin de colonnes qu'il n'a pas reconnues :"),
		app.Ul().Body(app.Range(a.Missing).Slice(func(i int) app.UI {
			n := a.Missing[i]
			return app.Li().Body(app.Strong().Text(n.Label), app.Text(" — "+n.Why))
		})),
		app.P().Text("Si votre fichier contient ces informations, indiquez la colonne correspondante dans le tableau « Colonnes, types et rôles » ci-dessous (liste « Rôle ») : la question sera recalculée aussitôt."),
	)
}

// resultTable renders an answer table with French number formats.
func resultTable(t answer.Table) app.UI {
	return app.Div().Class("tableau-defilant").Body(app.Table().Class("tableau-resultat").Body(
		app.Caption().Text(t.Title),
		app.THead().Body(app.Tr().Body(app.Range(t.Columns).Slice(func(i int) app.UI {
			return app.Th().Scope("col").Text(t.Columns[i].Name)
		}))),
		app.TBody().Body(app.Range(t.Rows).Slice(func(r int) app.UI {
			row := t.Rows[r]
			return app.Tr().Body(app.Range(row).Slice(func(c int) app.UI {
				f := answer.Text
				if c < len(t.Columns) {
					f = t.Columns[c].Format
				}
				text := formatCell(row[c], f)
				if c == 0 {
					return app.Th().Scope("row").Text(text)
				}
				return app.Td().Class("nombre").Text(text)
			}))
		})),
	), app.If(t.Note != "", func() app.UI { return app.P().Class("aide").Text(t.Note) }))
}

// formatCell formats a table cell per its column format.
func formatCell(v any, f answer.Format) string {
	switch x := v.(type) {
	case nil:
		return "–"
	case string:
		return x
	case float64:
		return formatNumber(x, f)
	case bool:
		if x {
			return "oui"
		}
		return "non"
	}
	return fmt.Sprint(v)
}

// formatNumber formats a number per an answer format.
func formatNumber(x float64, f answer.Format) string {
	switch f {
	case answer.Int:
		return fr.Decimal(x, 0)
	case answer.Percent:
		return fr.Percent(x, 1)
	case answer.Euros:
		return fr.Euros(x)
	case answer.Days:
		return fr.Decimal(x, 1) + "\u00a0j"
	}
	return fr.Decimal(x, 2)
}

// chartFigure shows a chart with its summary, its data table and its
// downloads (SVG and PNG, made on the device).
func chartFigure(c answer.Chart, id string) app.UI {
	svg := drawChart(c, id)
	summary := chartSummary(c)
	name := fileSlug(c.Title)
	return app.Figure().Class("graphique").ID(id).Body(
		app.Div().Class("svg").Body(app.Raw(svg)),
		app.FigCaption().Body(
			app.Strong().Text(c.Title),
			app.P().Class("resume-graphique").Text(summary),
		),
		app.Div().Class("boutons no-print").Body(
			app.Button().Class("bouton petit").Text("Télécharger en SVG").Aria("label", "Télécharger le graphique « "+c.Title+" » en SVG").
				OnClick(func(ctx app.Context, e app.Event) {
					browser.Download(name+".svg", "image/svg+xml", chart.File(svg))
				}),
			app.Button().Class("bouton petit").Text("Télécharger en PNG").Aria("label", "Télécharger le graphique « "+c.Title+" » en PNG").
				OnClick(func(ctx app.Context, e app.Event) {
					ctx.Async(func() {
						if png, err := browser.SVGToPNG(svg, 0); err == nil {
							browser.Download(name+".png", "image/png", png)
						}
					})
				}),
		),
		app.Details().Body(
			app.Summary().Text("Voir les données du graphique"),
			resultTable(chartTable(c)),
		),
	)
}

// fileSlug makes a file name from a title: « Ventes par jour » → "ventes-par-jour".
func fileSlug(title string) string {
	s := content.Slugify(title)
	if s == "" {
		return "coulisses"
	}
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	return s
}
