// Package answer is the contract between the sandbox engine (which
// computes, in its Web Worker) and the app (which shows): the JSON shape of
// an answer to a guided question or an exploration — a sentence, tables,
// charts, the columns used and the caveats. It has no dependencies, so the
// app can import it without pulling in the engine.
package answer

// Answer is the engine's reply to a guided question or an exploration step.
type Answer struct {
	// Question is the guided question slug (content/bac-a-sable.yaml), or
	// "exploration".
	Question string `json:"question"`
	Title    string `json:"title"`
	// Sentence states the answer in plain French, with French number
	// formats (it is shown first, and read first by screen readers).
	Sentence string  `json:"sentence"`
	Tables   []Table `json:"tables,omitempty"`
	Charts   []Chart `json:"charts,omitempty"`
	// Used says which columns the answer used and how.
	Used []Used `json:"used,omitempty"`
	// Caveats lists what the reader must keep in mind (missing values
	// excluded, small groups, approximations).
	Caveats []string `json:"caveats,omitempty"`
	// Fiche is the ID of the fiche that explains the question.
	Fiche string `json:"fiche,omitempty"`
	// Missing lists the roles the question needs and the file lacks; when
	// not empty, the answer has no tables or charts and the UI asks the
	// user to map a column to each role.
	Missing []Need `json:"missing,omitempty"`
	// Empty is true when the question applies but no row qualifies.
	Empty bool `json:"empty,omitempty"`
	// Rows is the number of rows the answer is computed on.
	Rows int `json:"rows"`
	// Steps describes, in French and in order, the steps of the recipe an
	// exploration answer comes from (« Filtrer : discipline = Danse »,
	// « Grouper par jour d'achat »…); empty for guided questions.
	Steps []string `json:"steps,omitempty"`
	// Variants lists other ways to ask the same question of this file
	// (« par canal », « par tranche d'âge »…): the UI offers them and asks
	// again with their Params merged into the question's params.
	Variants []Variant `json:"variants,omitempty"`
}

// Variant is another way to ask a guided question (a breakdown the file
// allows).
type Variant struct {
	Label  string            `json:"label"`            // e.g. « par canal »
	Params map[string]string `json:"params"`           // e.g. {"by": "channel"}
	Active bool              `json:"active,omitempty"` // the variant this answer shows
}

// Used describes one column an answer used.
type Used struct {
	Column string `json:"column"`
	Role   string `json:"role"`
	How    string `json:"how"` // e.g. "jour de la semaine de la date d'achat"
}

// Need is a role a question needs.
type Need struct {
	Role  string `json:"role"`
	Label string `json:"label"` // French name of the role
	Why   string `json:"why"`   // what the question does with it
}

// Format says how to show a number.
type Format string

// Formats of numbers.
const (
	Int     Format = "int"     // 12 345
	Decimal Format = "decimal" // 12 345,6
	Percent Format = "percent" // a share 0–1 shown as 36,4 %
	Euros   Format = "euros"   // 1 234,50 €
	Days    Format = "days"    // 12 j
	Text    Format = "text"
)

// Column is a table column.
type Column struct {
	Name   string `json:"name"`
	Format Format `json:"format"`
}

// Table is a small result table (at most a few hundred rows: the engine
// groups before it sends). Cells are strings for Text columns and numbers
// otherwise; nil is a missing value.
type Table struct {
	Title   string   `json:"title"`
	Columns []Column `json:"columns"`
	Rows    [][]any  `json:"rows"`
	// Note is a line shown under the table (e.g. « 3 groupes de moins de
	// 10 personnes masqués »).
	Note string `json:"note,omitempty"`
}

// ChartKind is a type of chart.
type ChartKind string

// Chart kinds the app draws.
const (
	Bar        ChartKind = "bar"        // horizontal bars, one series
	Columns    ChartKind = "column"     // vertical bars, one or more series side by side
	StackedBar ChartKind = "stackedbar" // horizontal bars stacked by series (shares)
	Line       ChartKind = "line"       // one or more series over ordered categories
	Histogram  ChartKind = "histogram"  // bins given as categories ("0–6 j", …)
	Heatmap    ChartKind = "heatmap"    // Series = rows, Categories = columns
)

// Chart is data to draw; the app chooses scales, colours and layout.
type Chart struct {
	Kind       ChartKind `json:"kind"`
	Title      string    `json:"title"`
	XLabel     string    `json:"xLabel,omitempty"`
	YLabel     string    `json:"yLabel,omitempty"`
	Categories []string  `json:"categories"`
	Series     []Series  `json:"series"`
	Format     Format    `json:"format"`
}

// Series is one named list of values, aligned with the chart's categories.
// NaN is not valid JSON: a missing value is null (nil in Values).
type Series struct {
	Name   string     `json:"name"`
	Values []*float64 `json:"values"`
}

// V returns a pointer to v, for Series values.
func V(v float64) *float64 { return &v }
