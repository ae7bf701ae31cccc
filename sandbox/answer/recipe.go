package answer

// A recipe is the list of steps of a free exploration (filters, derived
// columns, a grouping or a pivot, a sort, a limit): plain JSON the app saves
// and applies again to next month's export. Columns are named by role when
// they have one, else by name. The engine validates and applies recipes
// (sandbox.DecodeRecipe, sandbox.Explore); the app builds them.

// Recipe is a list of exploration steps.
type Recipe struct {
	Version int    `json:"version"`
	Steps   []Step `json:"steps"`
}

// ColRef names a column: by role if Role is set and the file has a column
// with that role, else by Name (exact, then ignoring case and accents).
type ColRef struct {
	Role string `json:"role,omitempty"`
	Name string `json:"name,omitempty"`
}

// Step is one step of a recipe. Op says which fields apply:
//
//	filter  Col, Cmp, Values   keep the rows (or, after a grouping, the
//	                           result rows) where the condition holds
//	derive  Kind, From, As     add a column computed from others
//	group   By (1 or 2), Aggs  one row per group (or pair of groups)
//	pivot   By (1), Columns, Aggs (1)   groups of By in rows, of Columns in columns
//	sort    Key or Col, Desc   order the result (Key: a result column) or the rows (Col)
//	limit   N                  keep the first N rows
type Step struct {
	Op string `json:"op"`

	Col    *ColRef  `json:"col,omitempty"`
	Cmp    string   `json:"cmp,omitempty"`
	Values []string `json:"values,omitempty"`

	Kind string   `json:"kind,omitempty"`
	From []ColRef `json:"from,omitempty"`
	As   string   `json:"as,omitempty"`

	By      []ColRef  `json:"by,omitempty"`
	Aggs    []AggSpec `json:"aggs,omitempty"`
	Columns *ColRef   `json:"columns,omitempty"`

	Key  string `json:"key,omitempty"`
	Desc bool   `json:"desc,omitempty"`

	N int `json:"n,omitempty"`
}

// AggSpec is an aggregate of a group or pivot step: count (rows), distinct
// (distinct values of Col), sum, mean, median, min, max (of numeric Col),
// share (of the rows, or of the sum of Col, in the whole selection).
type AggSpec struct {
	Fn  string  `json:"fn"`
	Col *ColRef `json:"col,omitempty"`
}
