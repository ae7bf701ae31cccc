package sandbox

import (
	"coulisses/sandbox/answer"
	"encoding/json"
	"strings"
)

// A recipe is the list of steps of a free exploration: filters, derived
// columns, a grouping or a pivot, a sort and a limit. It is plain JSON,
// saved by the app and applied again to next month's export: columns are
// named by role when they have one (« la colonne qui joue le rôle de
// date d'achat »), else by name. Undo and redo are the app popping and
// pushing steps; Apply is pure (the frame is never modified) and applies
// the whole list each time.
//
//	{"version":1,"steps":[
//	  {"op":"filter","col":{"role":"discipline"},"cmp":"eq","values":["Danse"]},
//	  {"op":"derive","kind":"weekday","from":[{"role":"purchase_date"}]},
//	  {"op":"group","by":[{"name":"jour d'achat"}],"aggs":[{"fn":"count"},{"fn":"sum","col":{"role":"price"}}]},
//	  {"op":"sort","key":"Nombre de lignes","desc":true}]}

// RecipeVersion is the version of the recipe format this engine writes.
const RecipeVersion = 1

// The recipe types live in sandbox/answer, the contract the app imports
// without the engine.
type (
	// Recipe is a list of exploration steps (answer.Recipe).
	Recipe = answer.Recipe
	// ColRef names a column by role or by name (answer.ColRef).
	ColRef = answer.ColRef
	// Step is one step of a recipe (answer.Step).
	Step = answer.Step
	// AggSpec is an aggregate of a group or pivot step (answer.AggSpec).
	AggSpec = answer.AggSpec
)

// Filter comparisons.
var filterCmps = map[string]string{
	"eq": "=", "ne": "≠", "in": "parmi", "notin": "hors de", "lt": "<", "le": "≤", "gt": ">", "ge": "≥",
	"between": "entre", "contains": "contient", "present": "renseigné", "missing": "vide",
}

// Derived column kinds and their French descriptions.
var deriveKinds = map[string]string{
	"age":         "âge",
	"ageband":     "tranche d'âge",
	"weekday":     "jour de la semaine",
	"hour":        "heure",
	"month":       "mois",
	"monthofyear": "mois de l'année",
	"season":      "saison",
	"year":        "année",
	"leadtime":    "délai d'achat",
	"departement": "département",
}

var aggFns = map[string]string{
	"count": "nombre de lignes", "distinct": "valeurs distinctes", "sum": "somme", "mean": "moyenne",
	"median": "médiane", "min": "minimum", "max": "maximum", "share": "part",
}

// Limits of a recipe (a recipe comes from storage or a shared file).
const (
	maxSteps      = 64
	maxValues     = 200
	maxRecipeJSON = 256 << 10
)

// DecodeRecipe reads and validates a recipe. Errors are *AnalysisError
// of kind ErrRecipe, with the step and a French message.
func DecodeRecipe(data []byte) (*Recipe, error) {
	if len(data) > maxRecipeJSON {
		return nil, recipeErr(0, "la recette est trop volumineuse ("+itoa(len(data)>>10)+" Ko)")
	}
	var r Recipe
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, recipeErr(0, "la recette n'est pas un JSON valide : "+err.Error())
	}
	if err := validateRecipe(&r); err != nil {
		return nil, err
	}
	return &r, nil
}

// Validate checks the recipe's structure (not its columns: those depend
// on the file it is applied to).
func validateRecipe(r *Recipe) error {
	if r.Version == 0 {
		r.Version = RecipeVersion
	}
	if r.Version > RecipeVersion {
		return recipeErr(0, "cette recette a été enregistrée par une version plus récente de Coulisses (format "+itoa(r.Version)+") : mettez l'application à jour")
	}
	if len(r.Steps) > maxSteps {
		return recipeErr(0, "la recette compte trop d'étapes ("+itoa(len(r.Steps))+", au plus "+itoa(maxSteps)+")")
	}
	grouped := false
	for i := range r.Steps {
		s := &r.Steps[i]
		n := i + 1
		var bad func(msg string) error // not inlined at each call (engine size)
		bad = func(msg string) error { return recipeErr(n, msg) }
		if len(s.Values) > maxValues {
			return bad("trop de valeurs (" + itoa(len(s.Values)) + ")")
		}
		switch s.Op {
		case "filter":
			if s.Col == nil || colEmpty(*s.Col) {
				return bad("le filtre ne dit pas sur quelle colonne il porte")
			}
			if _, ok := filterCmps[s.Cmp]; !ok {
				return bad("comparaison inconnue « " + s.Cmp + " »")
			}
			switch s.Cmp {
			case "present", "missing":
			case "between":
				if len(s.Values) != 2 {
					return bad("« entre » attend deux valeurs")
				}
			case "in", "notin":
				if len(s.Values) == 0 {
					return bad("« parmi » attend au moins une valeur")
				}
			default:
				if len(s.Values) != 1 {
					return bad("la comparaison « " + filterCmps[s.Cmp] + " » attend une valeur")
				}
			}
		case "derive":
			if grouped {
				return bad("une colonne ne peut pas être ajoutée après un regroupement")
			}
			if _, ok := deriveKinds[s.Kind]; !ok {
				return bad("colonne calculée inconnue « " + s.Kind + " »")
			}
			if len(s.From) > 2 {
				return bad("trop de colonnes sources")
			}
		case "group", "pivot":
			if grouped {
				return bad("la recette regroupe déjà les lignes : un seul regroupement par recette")
			}
			grouped = true
			if s.Op == "group" && (len(s.By) < 1 || len(s.By) > 2) {
				return bad("on regroupe par une ou deux colonnes")
			}
			if s.Op == "pivot" && (len(s.By) != 1 || s.Columns == nil || colEmpty(*s.Columns)) {
				return bad("un tableau croisé a une colonne en lignes et une en colonnes")
			}
			for _, b := range s.By {
				if colEmpty(b) {
					return bad("colonne de regroupement sans nom ni rôle")
				}
			}
			if len(s.Aggs) > 8 || s.Op == "pivot" && len(s.Aggs) > 1 {
				return bad("trop de calculs")
			}
			for _, a := range s.Aggs {
				if _, ok := aggFns[a.Fn]; !ok {
					return bad("calcul inconnu « " + a.Fn + " »")
				}
				if a.Fn != "count" && a.Fn != "share" && (a.Col == nil || colEmpty(*a.Col)) {
					return bad("le calcul « " + aggFns[a.Fn] + " » porte sur une colonne")
				}
			}
		case "sort":
			if s.Key == "" && (s.Col == nil || colEmpty(*s.Col)) {
				return bad("le tri ne dit pas sur quoi il porte")
			}
		case "limit":
			if s.N <= 0 || s.N > 1<<30 {
				return bad("le nombre de lignes à garder doit être positif")
			}
		default:
			return bad("étape inconnue « " + s.Op + " »")
		}
	}
	return nil
}

//go:noinline
func colEmpty(c ColRef) bool { return c.Role == "" && c.Name == "" }

//go:noinline
func recipeErr(step int, msg string) *AnalysisError {
	return &AnalysisError{Kind: ErrRecipe, Step: step, Detail: msg, Message: capitalize(msg) + "."}
}

// EncodeRecipe writes a recipe as JSON.
func EncodeRecipe(r *Recipe) ([]byte, error) { return json.Marshal(r) }
