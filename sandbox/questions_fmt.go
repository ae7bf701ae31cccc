package sandbox

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"coulisses/sandbox/answer"
)

// Helpers shared by the guided questions, the exploration and the peers
// comparison: French number formats for sentences, French names of roles,
// table and chart builders, top-N with « Autres ».

// nnbsp is the narrow no-break space French typography puts between
// thousands and before %, € and units.
const nnbsp = "\u202f"

// frInt formats an integer the French way: 12 345.
//
//go:noinline
func frInt(n int) string {
	s := itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(nnbsp)
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// frDec formats v with prec decimals and a decimal comma: 12 345,6.
//
//go:noinline
func frDec(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', prec, 64)
	ip, fp, _ := strings.Cut(s, ".")
	n, _ := strconv.Atoi(ip)
	out := frInt(n)
	if len(ip) > 18 {
		out = ip
	}
	if fp != "" {
		out += "," + fp
	}
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = "-" + out
	}
	return out
}

// frPct formats a share 0–1 as a percentage with one decimal: 36,4 %.
// Whole percentages drop the decimal (50 %).
//
//go:noinline
func frPct(share float64) string {
	v := share * 100
	r := math.Round(v*10) / 10
	if r == math.Trunc(r) {
		return frDec(r, 0) + nnbsp + "%"
	}
	return frDec(r, 1) + nnbsp + "%"
}

// frEuros formats an amount: 1 234,50 €.
//
//go:noinline
func frEuros(v float64) string { return frDec(v, 2) + nnbsp + "€" }

// frDays formats a number of days: « 1 jour », « 12 jours », « 4,5 jours ».
//
//go:noinline
func frDays(v float64) string {
	r := math.Round(v*10) / 10
	s := frDec(r, 0)
	if r != math.Trunc(r) {
		s = frDec(r, 1)
	}
	if math.Abs(r) < 2 {
		return s + " jour"
	}
	return s + " jours"
}

// plural returns one or many after n.
//
//go:noinline
func plural(n int, one, many string) string {
	if n == 1 || n == 0 {
		return frInt(n) + " " + one
	}
	return frInt(n) + " " + many
}

// roleFR names each role in French (pickers, Need labels, recipe
// descriptions).
var roleFR = map[Role]string{
	RoleCustomerID:   "identifiant client",
	RoleOrderID:      "numéro de commande",
	RolePurchaseDate: "date d'achat",
	RoleShowDate:     "date de représentation",
	RoleEvent:        "spectacle",
	RoleDiscipline:   "discipline",
	RoleVenue:        "salle",
	RolePrice:        "montant",
	RoleQuantity:     "quantité",
	RoleChannel:      "canal de vente",
	RoleTariff:       "tarif",
	RolePostcode:     "code postal",
	RoleCity:         "ville",
	RoleBirthYear:    "année de naissance",
	RoleBirthDate:    "date de naissance",
	RoleAge:          "âge",
	RoleEmail:        "adresse électronique",
	RolePhone:        "téléphone",
	RoleName:         "nom",
	RoleAddress:      "adresse postale",
	RoleOptIn:        "consentement (opt-in)",
	RoleInfoSource:   "sources d'information",
}

// RoleLabel returns the French name of a role (the role's code if unknown).
//
//go:noinline
func RoleLabel(r Role) string {
	if s, ok := roleFR[r]; ok {
		return s
	}
	return string(r)
}

// RoleInfoSource marks a survey column listing how the respondent heard of
// the show (« réseaux sociaux ; presse »…), used by the « information »
// question. The importer does not suggest it from names (a name like
// « Source » suggests the sales channel): the question finds such a
// column itself, or the user maps it.
const RoleInfoSource Role = "info_source"

func init() {
	// offer the role in pickers (roles.go lists the importer's roles)
	for _, r := range Roles {
		if r == RoleInfoSource {
			return
		}
	}
	Roles = append(Roles, RoleInfoSource)
}

// requirements collects the columns a question needs and, for the roles
// the file lacks, the Need entries of the answer.
type requirements struct {
	f       *Frame
	missing []answer.Need
}

// one returns the column with role r, or records the need.
func (q *requirements) one(r Role, why string) *Column {
	if c := roleCol(q.f, r); c != nil {
		return c
	}
	q.missing = append(q.missing, answer.Need{Role: string(r), Label: RoleLabel(r), Why: why})
	return nil
}

// any returns the first column holding one of the roles, or records a need
// for the first role.
func (q *requirements) any(why string, rs ...Role) *Column {
	for _, r := range rs {
		if c := roleCol(q.f, r); c != nil {
			return c
		}
	}
	q.missing = append(q.missing, answer.Need{Role: string(rs[0]), Label: RoleLabel(rs[0]), Why: why})
	return nil
}

// newAnswer starts the answer of a guided question.
//
//go:noinline
func newAnswer(slug string) *answer.Answer {
	q := questionBySlug(slug)
	return &answer.Answer{Question: slug, Title: q.Title, Fiche: q.Fiche}
}

// used records that the answer used column c, and how.
//
//go:noinline
func used(a *answer.Answer, c *Column, how string) {
	if c == nil {
		return
	}
	for _, u := range a.Used {
		if u.Column == c.Name && u.How == how {
			return
		}
	}
	a.Used = append(a.Used, answer.Used{Column: c.Name, Role: string(c.Role), How: how})
}

// empty marks an answer whose question applies but where no row qualifies.
//
//go:noinline
func empty(a *answer.Answer, why string) *answer.Answer {
	a.Empty = true
	a.Sentence = why
	a.Tables, a.Charts = nil, nil
	return a
}

// missingCaveat adds « N lignes sans <what> ne sont pas comptées » when n > 0.
//
//go:noinline
func missingCaveat(a *answer.Answer, n int, total int, what string) {
	if n <= 0 {
		return
	}
	s := plural(n, "ligne", "lignes") + " sur " + frInt(total) + " (" + frPct(float64(n)/float64(max(total, 1))) + ") "
	if n == 1 {
		s += "n'a pas " + de(what) + " : elle n'est pas comptée."
	} else {
		s += "n'ont pas " + de(what) + " : elles ne sont pas comptées."
	}
	a.Caveats = append(a.Caveats, s)
}

// variants lists the breakdowns a question offers on this file: pairs
// of label and "by" value, included when ok; the first pair is the
// default (active when by matches none of the others). Nil when there is
// nothing to choose.
//
//go:noinline
func variants(by string, opts ...any) []answer.Variant {
	var out []answer.Variant
	active := -1
	for i := 0; i+2 < len(opts); i += 3 {
		label, val, ok := opts[i].(string), opts[i+1].(string), opts[i+2].(bool)
		if !ok {
			continue
		}
		if val == by {
			active = len(out)
		}
		out = append(out, answer.Variant{Label: label, Params: map[string]string{"by": val}})
	}
	if len(out) < 2 {
		return nil
	}
	if active < 0 {
		active = 0
	}
	out[active].Active = true
	return out
}

// de puts « de » or « d' » before a noun: « de code postal », « d'âge connu ».
//
//go:noinline
func de(what string) string {
	for _, r := range what {
		if strings.ContainsRune("aeiouyhâàéèêëîïôöûüAEIOUYHÂÀÉÈÊÎÏÔÛ", r) {
			return "d'" + what
		}
		break
	}
	return "de " + what
}

// smallGroups is the size under which a share is flagged as fragile (the
// fiches: « sous quelques dizaines de personnes, raisonnez en effectifs »).
const smallGroups = 30

// smallCaveat lists the groups under smallGroups people or rows.
//
//go:noinline
func smallCaveat(a *answer.Answer, labels []string, sizes []float64, unit string) {
	var small []string
	for i, n := range sizes {
		if n > 0 && n < smallGroups {
			small = append(small, labels[i]+" ("+frInt(int(n))+")")
		}
	}
	if len(small) == 0 {
		return
	}
	if len(small) > 6 {
		small = append(small[:6], "…")
	}
	a.Caveats = append(a.Caveats, "Petits effectifs, moins de "+frInt(smallGroups)+" "+unit+" : "+strings.Join(small, ", ")+". Une part calculée sur si peu de personnes varie beaucoup d'un achat à l'autre : lisez les effectifs avant les pourcentages.")
}

// num is a table cell holding a number (nil when NaN: JSON has no NaN).
//
//go:noinline
func num(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// ptr is a chart value (nil when NaN).
//
//go:noinline
func ptr(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return answer.V(v)
}

//go:noinline
func col(name string, f answer.Format) answer.Column { return answer.Column{Name: name, Format: f} }

// series builds a chart series from values.
//
//go:noinline
func series(name string, vs []float64) answer.Series {
	s := answer.Series{Name: name, Values: make([]*float64, len(vs))}
	for i, v := range vs {
		s.Values[i] = ptr(v)
	}
	return s
}

// chartTop is the number of categories a bar chart shows before the rest
// is gathered into « Autres ».
const chartTop = 12

// othersLabel names the gathered rest of a top-N.
const othersLabel = "Autres"

// topN keeps the n categories with the largest weight (ties: label order)
// and gathers the rest into « Autres ». Additive values (counts, sums) are
// added; ratio values are recomputed by the caller from the additive ones.
// It returns the kept indices (in descending weight order) and, if the
// rest is not empty, the sums of each column of add over the rest.
func topN(labels []string, weight []float64, n int, add ...[]float64) (keep []int, rest []float64, hasRest bool) {
	idx := make([]int, len(labels))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool {
		a, b := weight[idx[x]], weight[idx[y]]
		if a != b {
			return a > b
		}
		return labels[idx[x]] < labels[idx[y]]
	})
	if len(idx) <= n+1 { // « Autres » for a single category is pointless
		return idx, nil, false
	}
	keep = idx[:n]
	rest = make([]float64, len(add))
	for _, i := range idx[n:] {
		for k, col := range add {
			rest[k] += col[i]
		}
	}
	return keep, rest, true
}

// weekdayLabelsFR are the weekday labels with a capital (tables, charts).
var weekdayLabelsFR = []string{"Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"}

//go:noinline
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

//go:noinline
func quote(s string) string { return "« " + s + " »" }

// sum adds values, NaN skipped.
//
//go:noinline
func sum(vs []float64) float64 {
	t := 0.0
	for _, v := range vs {
		if !math.IsNaN(v) {
			t += v
		}
	}
	return t
}

//go:noinline
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// argmax returns the index of the largest value (first on ties), -1 if none.
//
//go:noinline
func argmax(vs []float64) int {
	k := -1
	for i, v := range vs {
		if !math.IsNaN(v) && (k < 0 || v > vs[k]) {
			k = i
		}
	}
	return k
}

// argmin returns the index of the smallest value (first on ties), -1 if none.
//
//go:noinline
func argmin(vs []float64) int {
	k := -1
	for i, v := range vs {
		if !math.IsNaN(v) && (k < 0 || v < vs[k]) {
			k = i
		}
	}
	return k
}

// itoa is strconv.Itoa, not inlined: answers format hundreds of numbers
// and every inlined copy weighs on the engine's WebAssembly size.
//
//go:noinline
func itoa(n int) string { return strconv.Itoa(n) }

// roleCol is f.ByRole, not inlined (see itoa).
//
//go:noinline
func roleCol(f *Frame, r Role) *Column { return f.ByRole(r) }

// byValue is ByValue, not inlined (see itoa).
//
//go:noinline
func byValue(c *Column) Key { return ByValue(c) }
