package app

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/fr"
	"coulisses/content"
	"coulisses/sandbox/answer"
	"coulisses/wasm/browser"
)

// savedRecipe is a recipe kept on the device, to apply to next month's
// export.
type savedRecipe struct {
	Name   string        `json:"nom"`
	Saved  string        `json:"enregistree_le"`
	Recipe answer.Recipe `json:"recette"`
}

// recipesKey is the IndexedDB key of the saved recipes.
const recipesKey = "recettes"

// decodeRecipe reads the canonical recipe the engine returns with an
// exploration answer.
func decodeRecipe(raw []byte) *answer.Recipe {
	var m struct {
		Recipe *answer.Recipe `json:"recipe"`
	}
	if json.Unmarshal(raw, &m) != nil || m.Recipe == nil {
		return nil
	}
	return m.Recipe
}

// stepDraft holds the fields of the « add a step » form.
type stepDraft struct {
	Op, Col, Cmp, Value, Value2, Kind, From2, By2, Fn, FnCol, Key string
	Desc                                                          bool
	N                                                             string
}

// Choices of the step form.
var (
	stepOps = []labelled{{"filter", "Filtrer les lignes"}, {"derive", "Ajouter une colonne calculée"}, {"group", "Grouper et compter"}, {"pivot", "Tableau croisé"}, {"sort", "Trier le résultat"}, {"limit", "Garder les premières lignes"}}
	cmps    = []labelled{{"eq", "est égal à"}, {"ne", "est différent de"}, {"contains", "contient"}, {"lt", "est inférieur à"}, {"le", "est inférieur ou égal à"}, {"gt", "est supérieur à"}, {"ge", "est supérieur ou égal à"}, {"between", "est entre"}, {"present", "est renseigné"}, {"missing", "est vide"}}
	derives = []labelled{{"weekday", "jour de la semaine"}, {"hour", "heure"}, {"month", "mois"}, {"monthofyear", "mois de l'année"}, {"season", "saison (septembre à août)"}, {"year", "année"}, {"age", "âge (naissance → date)"}, {"ageband", "tranche d'âge (naissance → date)"}, {"leadtime", "délai d'achat (achat → représentation)"}, {"departement", "département (code postal)"}}
	aggs    = []labelled{{"count", "nombre de lignes"}, {"distinct", "valeurs distinctes de"}, {"sum", "somme de"}, {"mean", "moyenne de"}, {"median", "médiane de"}, {"min", "minimum de"}, {"max", "maximum de"}, {"share", "part (en %)"}}
)

type labelled struct{ Value, Label string }

// twoColumns reports whether a derived kind reads two columns.
func twoColumns(kind string) bool { return kind == "age" || kind == "ageband" || kind == "leadtime" }

// ref names a report column: by role when it has one.
func (s *Sandbox) ref(name string) *answer.ColRef {
	if name == "" {
		return nil
	}
	for _, c := range s.report.Columns {
		if c.Name == name && c.Role != "" {
			return &answer.ColRef{Role: c.Role, Name: c.Name}
		}
	}
	return &answer.ColRef{Name: name}
}

// buildStep turns the form into a recipe step, or says what is missing.
func (s *Sandbox) buildStep() (answer.Step, string) {
	d := s.draft
	st := answer.Step{Op: d.Op}
	switch d.Op {
	case "filter":
		if d.Col == "" {
			return st, "Choisissez la colonne à filtrer."
		}
		st.Col, st.Cmp = s.ref(d.Col), orDefault(d.Cmp, "eq")
		switch st.Cmp {
		case "present", "missing":
		case "between":
			if d.Value == "" || d.Value2 == "" {
				return st, "Indiquez les deux bornes."
			}
			st.Values = []string{d.Value, d.Value2}
		default:
			if d.Value == "" {
				return st, "Indiquez la valeur."
			}
			st.Values = []string{d.Value}
		}
	case "derive":
		kind := orDefault(d.Kind, "weekday")
		if d.Col == "" {
			return st, "Choisissez la colonne d'origine."
		}
		st.Kind, st.From = kind, []answer.ColRef{*s.ref(d.Col)}
		if twoColumns(kind) {
			if d.From2 == "" {
				return st, "Choisissez la seconde colonne (date de référence)."
			}
			st.From = append(st.From, *s.ref(d.From2))
		}
	case "group", "pivot":
		if d.Col == "" {
			return st, "Choisissez la colonne qui forme les groupes."
		}
		st.By = []answer.ColRef{*s.ref(d.Col)}
		if d.By2 != "" {
			if d.Op == "pivot" {
				st.Columns = s.ref(d.By2)
			} else {
				st.By = append(st.By, *s.ref(d.By2))
			}
		} else if d.Op == "pivot" {
			return st, "Choisissez la colonne du tableau croisé."
		}
		fn := orDefault(d.Fn, "count")
		agg := answer.AggSpec{Fn: fn}
		if fn != "count" && !(fn == "share" && d.FnCol == "") {
			if d.FnCol == "" {
				return st, "Choisissez la colonne à agréger."
			}
			agg.Col = s.ref(d.FnCol)
		}
		if d.Op == "group" && fn != "count" {
			st.Aggs = []answer.AggSpec{{Fn: "count"}, agg}
		} else {
			st.Aggs = []answer.AggSpec{agg}
		}
	case "sort":
		if d.Key == "" {
			return st, "Choisissez la colonne de tri."
		}
		st.Key, st.Desc = d.Key, d.Desc
	case "limit":
		n, err := strconv.Atoi(strings.TrimSpace(d.N))
		if err != nil || n <= 0 {
			return st, "Indiquez un nombre de lignes (par exemple 10)."
		}
		st.N = n
	default:
		return st, "Choisissez le type d'étape."
	}
	return st, ""
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// explore applies the current recipe.
func (s *Sandbox) explore(ctx app.Context) {
	if len(s.recipe.Steps) == 0 {
		s.exploreAns, s.exploreErr = nil, ""
		return
	}
	s.recipe.Version = 1
	s.send("explore", "explore", map[string]any{"recipe": s.recipe})
}

func (s *Sandbox) addStep(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st, msg := s.buildStep()
	if msg != "" {
		s.exploreErr = msg
		return
	}
	s.recipe.Steps = append(s.recipe.Steps, st)
	s.redo = nil
	s.explore(ctx)
}

func (s *Sandbox) undo(ctx app.Context, e app.Event) {
	if n := len(s.recipe.Steps); n > 0 {
		s.redo = append(s.redo, s.recipe.Steps[n-1])
		s.recipe.Steps = s.recipe.Steps[:n-1]
		s.explore(ctx)
	}
}

func (s *Sandbox) redoStep(ctx app.Context, e app.Event) {
	if n := len(s.redo); n > 0 {
		s.recipe.Steps = append(s.recipe.Steps, s.redo[n-1])
		s.redo = s.redo[:n-1]
		s.explore(ctx)
	}
}

func (s *Sandbox) clearRecipe(ctx app.Context, e app.Event) {
	s.recipe, s.redo, s.exploreAns, s.exploreErr = answer.Recipe{}, nil, nil, ""
}

// loadRecipes reads the saved recipes.
func (s *Sandbox) loadRecipes(ctx app.Context) {
	own := s.ctx
	own.Async(func() {
		raw, ok, err := browser.Get(recipesKey)
		var list []savedRecipe
		if err == nil && ok {
			json.Unmarshal([]byte(raw), &list)
		}
		own.Dispatch(func(ctx app.Context) { s.saved = list })
	})
}

func (s *Sandbox) storeRecipes() {
	data, _ := json.Marshal(s.saved)
	own := s.ctx
	own.Async(func() {
		err := browser.Put(recipesKey, string(data))
		own.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.toolMsg, s.toolErr = "La recette n'a pas pu être enregistrée : "+err.Error(), true
			}
		})
	})
}

func (s *Sandbox) saveRecipe(ctx app.Context, e app.Event) {
	e.PreventDefault()
	name := strings.TrimSpace(s.recipeName)
	if name == "" {
		name = "Recette du " + fr.Date(time.Now())
	}
	var kept []savedRecipe
	for _, r := range s.saved {
		if r.Name != name {
			kept = append(kept, r)
		}
	}
	s.saved = append(kept, savedRecipe{Name: name, Saved: time.Now().UTC().Format(time.RFC3339), Recipe: s.recipe})
	s.recipeName = ""
	s.storeRecipes()
	s.toolMsg, s.toolErr = "Recette « "+name+" » enregistrée sur cet appareil : appliquez-la à votre prochain export.", false
}

func (s *Sandbox) applySaved(r savedRecipe) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s.recipe, s.redo = r.Recipe, nil
		s.explore(ctx)
	}
}

func (s *Sandbox) deleteSaved(name string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		var kept []savedRecipe
		for _, r := range s.saved {
			if r.Name != name {
				kept = append(kept, r)
			}
		}
		s.saved = kept
		s.storeRecipes()
	}
}

// draftField returns a handler writing a form field of the draft.
func (s *Sandbox) draftField(f *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*f = ctx.JSSrc().Get("value").String()
		if *f == noRole {
			*f = ""
		}
	}
}

// columnSelect is a labelled select of the file's columns.
func (s *Sandbox) columnSelect(id, label string, value *string, optional bool) app.UI {
	opts := []labelled{}
	if optional {
		opts = append(opts, labelled{noRole, "(aucune)"})
	}
	for _, c := range s.report.Columns {
		opts = append(opts, labelled{c.Name, c.Name})
	}
	return choiceSelect(id, label, opts, *value, s.draftField(value))
}

// choiceSelect is a labelled select.
func choiceSelect(id, label string, opts []labelled, value string, onChange app.EventHandler) app.UI {
	return app.Div().Class("champ").Body(
		app.Label().For(id).Text(label),
		app.Select().ID(id).OnChange(onChange).Body(
			app.Option().Value(noRole).Selected(value == "").Text("— choisir —"),
			app.Range(opts).Slice(func(i int) app.UI {
				o := opts[i]
				return app.Option().Value(o.Value).Selected(o.Value == value).Text(o.Label)
			}),
		),
	)
}

func (s *Sandbox) renderExplore(corp *content.Corpus) app.UI {
	d := &s.draft
	var resultCols []labelled
	if s.exploreAns != nil && len(s.exploreAns.Tables) > 0 {
		for _, c := range s.exploreAns.Tables[0].Columns {
			resultCols = append(resultCols, labelled{c.Name, c.Name})
		}
	}
	return app.Section().Class("exploration").Aria("labelledby", "titre-exploration").Body(
		app.H2().ID("titre-exploration").Text("Exploration libre"),
		app.P().Text("Composez votre propre analyse, étape par étape : filtrer, ajouter une colonne calculée (âge, jour, mois, saison, délai…), grouper, croiser, trier. Les étapes forment une recette que vous pouvez enregistrer et appliquer à l'export du mois prochain."),
		app.Form().Class("etape").OnSubmit(s.addStep).Body(
			choiceSelect("etape-type", "Étape", stepOps, d.Op, s.draftField(&d.Op)),
			app.Div().Class("champs-etape").Body(
				app.If(d.Op == "filter", func() app.UI {
					return app.Div().Class("filtres-ligne").Body(
						s.columnSelect("etape-colonne", "Colonne", &d.Col, false),
						choiceSelect("etape-comparaison", "Condition", cmps, d.Cmp, s.draftField(&d.Cmp)),
						app.Div().Class("champ").Body(app.Label().For("etape-valeur").Text("Valeur"), app.Input().Type("text").ID("etape-valeur").Value(d.Value).OnChange(s.draftField(&d.Value))),
						app.If(d.Cmp == "between", func() app.UI {
							return app.Div().Class("champ").Body(app.Label().For("etape-valeur2").Text("et"), app.Input().Type("text").ID("etape-valeur2").Value(d.Value2).OnChange(s.draftField(&d.Value2)))
						}),
					)
				}),
				app.If(d.Op == "derive", func() app.UI {
					return app.Div().Class("filtres-ligne").Body(
						choiceSelect("etape-calcul", "Calcul", derives, d.Kind, s.draftField(&d.Kind)),
						s.columnSelect("etape-colonne", "À partir de", &d.Col, false),
						app.If(twoColumns(d.Kind), func() app.UI {
							return s.columnSelect("etape-colonne2", "Date de référence", &d.From2, false)
						}),
					)
				}),
				app.If(d.Op == "group" || d.Op == "pivot", func() app.UI {
					second := "Et par (facultatif)"
					if d.Op == "pivot" {
						second = "En colonnes"
					}
					return app.Div().Class("filtres-ligne").Body(
						s.columnSelect("etape-colonne", "Grouper par", &d.Col, false),
						s.columnSelect("etape-colonne2", second, &d.By2, d.Op == "group"),
						choiceSelect("etape-agregat", "Calculer", aggs, d.Fn, s.draftField(&d.Fn)),
						app.If(d.Fn != "" && d.Fn != "count", func() app.UI {
							return s.columnSelect("etape-agregat-colonne", "Colonne", &d.FnCol, d.Fn == "share")
						}),
					)
				}),
				app.If(d.Op == "sort", func() app.UI {
					return app.Div().Class("filtres-ligne").Body(
						choiceSelect("etape-tri", "Trier par", resultCols, d.Key, s.draftField(&d.Key)),
						app.Div().Class("option").Body(
							app.Input().Type("checkbox").ID("etape-decroissant").Checked(d.Desc).OnChange(func(ctx app.Context, e app.Event) { d.Desc = ctx.JSSrc().Get("checked").Bool() }),
							app.Label().For("etape-decroissant").Text("du plus grand au plus petit"),
						),
					)
				}),
				app.If(d.Op == "limit", func() app.UI {
					return app.Div().Class("champ").Body(app.Label().For("etape-n").Text("Nombre de lignes"), app.Input().Type("number").ID("etape-n").Min(1).Value(d.N).OnChange(s.draftField(&d.N)))
				}),
			),
			app.Button().Type("submit").ID("ajouter-etape").Class("bouton principal").Text("Ajouter l'étape"),
		),
		app.Div().Class("recette").Body(
			app.H3().Text("Recette"),
			app.If(len(s.recipe.Steps) == 0, func() app.UI { return app.P().Class("aide").Text("Aucune étape pour l'instant.") }),
			app.Ol().ID("etapes-recette").Body(app.Range(s.recipe.Steps).Slice(func(i int) app.UI {
				text := s.recipe.Steps[i].Op
				if s.exploreAns != nil && i < len(s.exploreAns.Steps) {
					text = s.exploreAns.Steps[i]
				}
				return app.Li().Text(text)
			})),
			app.Div().Class("boutons").Body(
				app.Button().ID("annuler-etape").Class("bouton").Disabled(len(s.recipe.Steps) == 0).Text("Annuler la dernière étape").OnClick(s.undo),
				app.Button().ID("retablir-etape").Class("bouton").Disabled(len(s.redo) == 0).Text("Rétablir").OnClick(s.redoStep),
				app.Button().Class("bouton").Disabled(len(s.recipe.Steps) == 0).Text("Tout recommencer").OnClick(s.clearRecipe),
			),
			app.If(len(s.recipe.Steps) > 0, func() app.UI {
				return app.Form().Class("boutons").OnSubmit(s.saveRecipe).Body(
					app.Label().For("nom-recette").Text("Nom de la recette"),
					app.Input().Type("text").ID("nom-recette").Value(s.recipeName).Placeholder("ex. Jeunes par discipline").OnChange(func(ctx app.Context, e app.Event) { s.recipeName = ctx.JSSrc().Get("value").String() }),
					app.Button().Type("submit").ID("enregistrer-recette").Class("bouton").Text("Enregistrer la recette"),
				)
			}),
			app.If(len(s.saved) > 0, func() app.UI {
				return app.Div().Body(
					app.H4().Text("Recettes enregistrées sur cet appareil"),
					app.Ul().Class("recettes").Body(app.Range(s.saved).Slice(func(i int) app.UI {
						r := s.saved[i]
						return app.Li().Body(
							app.Text(r.Name+" ("+count(int64(len(r.Recipe.Steps)), "étape", "étapes")+", "+fr.RFC3339Date(r.Saved)+") "),
							app.Button().Class("bouton petit").Text("Appliquer").Aria("label", "Appliquer la recette « "+r.Name+" »").OnClick(s.applySaved(r)),
							app.Button().Class("bouton petit").Text("Supprimer").Aria("label", "Supprimer la recette « "+r.Name+" »").OnClick(s.deleteSaved(r.Name)),
						)
					})),
				)
			}),
		),
		app.Div().ID("resultat-exploration").Aria("live", "polite").Body(
			app.If(s.exploreErr != "", func() app.UI { return app.P().Class("alerte").Role("alert").Text(s.exploreErr) }),
			app.If(s.exploreAns != nil && len(s.recipe.Steps) > 0, func() app.UI {
				return app.Div().Body(
					renderAnswer(corp, s.exploreAns, 0, s.report),
					s.exportButtons("explore"),
				)
			}),
		),
	)
}

// exportButtons offers CSV and XLSX downloads of a question's or an
// exploration's result, made in the engine on this device.
func (s *Sandbox) exportButtons(from string) app.UI {
	export := func(what string) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			fields := map[string]any{"what": what}
			if from == "question" {
				fields["source"] = s.question
				if len(s.params) > 0 {
					fields["params"] = s.params
				}
			} else {
				fields["source"] = map[string]any{"recipe": s.recipe}
			}
			s.send("export", "export", fields)
		}
	}
	return app.Div().Class("boutons exports no-print").Body(
		app.Button().Class("bouton").DataSet("export", from+"-csv").Text("Exporter en CSV (Excel)").OnClick(export("csv")),
		app.Button().Class("bouton").DataSet("export", from+"-xlsx").Text("Exporter en XLSX").OnClick(export("xlsx")),
	)
}

// renderVariants offers the other breakdowns of a guided question.
func (s *Sandbox) renderVariants() app.UI {
	if s.ans == nil || len(s.ans.Variants) == 0 {
		return app.Div()
	}
	return app.Div().Class("variantes").Role("group").Aria("label", "Autres façons de poser la question").Body(
		app.Range(s.ans.Variants).Slice(func(i int) app.UI {
			v := s.ans.Variants[i]
			return app.Button().Class("bouton petit").Aria("pressed", v.Active).Text(v.Label).
				OnClick(func(ctx app.Context, e app.Event) { s.ask(ctx, s.question, v.Params) })
		}),
	)
}
