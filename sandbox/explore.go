package sandbox

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"coulisses/sandbox/answer"
)

// Free exploration: a Recipe applied to a Frame gives an Answer (a table,
// a chart, the columns used, the caveats and the steps in French).

// exploreView is the state while a recipe is applied.
type exploreView struct {
	f    *Frame
	cols []*vcol
	sel  Bitmap // selected rows (nil: all)

	res     *resultTable // after group or pivot
	order   []int32      // row listing order (nil: file order)
	limit   int
	sortKey string
	used    []answer.Used
	caveats []string
	steps   []string
}

// resultTable is a grouped result: key columns then aggregate columns.
type resultTable struct {
	cols     []answer.Column
	rows     [][]any
	keys     int    // number of key columns
	ordinal  bool   // the first key has a natural order
	additive []bool // per column: values add up (counts, sums) for « Autres »
	pivot    bool
	firstKey *vcol
}

// Exploration is the outcome of Explore: the answer to show, the recipe
// in canonical form (columns named by role when they have one) and what
// exports need (the whole result, not only the rows shown).
type Exploration struct {
	Answer *answer.Answer
	Recipe *Recipe
	full   *answer.Table // grouped result, every row
	view   *exploreView  // row listing: the selected rows in order
}

// maxShownRows bounds the rows an answer carries (exports carry all).
const maxShownRows = 200

// Explore applies a recipe to f. It never modifies f. Errors are
// *AnalysisError (ErrRecipe) naming the step.
func Explore(f *Frame, r *Recipe) (*Exploration, error) {
	if f == nil {
		return nil, &AnalysisError{Kind: ErrNoData}
	}
	if r == nil {
		r = &Recipe{Version: RecipeVersion}
	}
	if err := validateRecipe(r); err != nil {
		return nil, err
	}
	v := &exploreView{f: f}
	for _, c := range f.cols {
		v.cols = append(v.cols, &vcol{name: c.Name, col: c})
	}
	canon := &Recipe{Version: RecipeVersion, Steps: make([]Step, len(r.Steps))}
	for i := range r.Steps {
		s := r.Steps[i] // copy: canonical refs are written into it
		if err := v.apply(&s, i+1); err != nil {
			return nil, err
		}
		canon.Steps[i] = s
	}
	a := v.answer()
	e := &Exploration{Answer: a, Recipe: canon}
	if v.res != nil {
		full := v.table("", 0)
		e.full = &full
	} else {
		e.view = v
	}
	return e, nil
}

// resolve finds the column a ref names and rewrites the ref canonically.
func (v *exploreView) resolve(r ColRef, step int) (*vcol, error) {
	if r.Role != "" {
		for _, c := range v.cols {
			if c.col != nil && string(c.col.Role) == r.Role {
				return c, nil
			}
		}
	}
	if r.Name != "" {
		for _, c := range v.cols {
			if c.name == r.Name {
				return c, nil
			}
		}
		k := foldKey(r.Name)
		for _, c := range v.cols {
			if foldKey(c.name) == k {
				return c, nil
			}
		}
	}
	what := "« " + r.Name + " »"
	if r.Role != "" {
		what = "« " + RoleLabel(Role(r.Role)) + " »"
		if r.Name != "" {
			what += " (« " + r.Name + " »)"
		}
	}
	return nil, &AnalysisError{Kind: ErrRecipe, Step: step, Column: r.Name, Detail: "unknown column",
		Message: "La colonne " + what + " n'existe pas dans ce fichier : choisissez la colonne qui en tient lieu, ou retirez cette étape."}
}

// canonRef names a column by role (when it has one) and name.
//
//go:noinline
func canonRef(c *vcol) ColRef {
	if c.col != nil && c.col.Role != RoleNone {
		return ColRef{Role: string(c.col.Role), Name: c.col.Name}
	}
	return ColRef{Name: c.name}
}

// colName is how a step description names a column.
func colName(c *vcol) string { return c.name }

func (v *exploreView) use(c *vcol, how string) {
	u := answer.Used{Column: c.name, Role: string(c.role()), How: how}
	for _, x := range v.used {
		if x == u {
			return
		}
	}
	v.used = append(v.used, u)
}

func (v *exploreView) apply(s *Step, step int) error {
	switch s.Op {
	case "filter":
		if v.res != nil {
			return v.filterResult(s, step)
		}
		c, err := v.resolve(*s.Col, step)
		if err != nil {
			return err
		}
		ref := canonRef(c)
		s.Col = &ref
		sel, desc, err := v.filter(c, s, step)
		if err != nil {
			return err
		}
		v.sel = and2(v.sel, sel)
		v.steps = append(v.steps, "Filtrer : "+desc)
		v.use(c, "filtre : "+desc)
	case "derive":
		c, err := derive(v.f, v, s, step)
		if err != nil {
			return err
		}
		for _, x := range v.cols {
			if x.name == c.name {
				c.name += " (2)"
			}
		}
		src, _ := deriveSources(v, s, step)
		s.From = s.From[:0]
		for _, x := range src {
			s.From = append(s.From, canonRef(x))
			v.use(x, "source de la colonne calculée « "+c.name+" »")
		}
		v.cols = append(v.cols, c)
		v.steps = append(v.steps, "Ajouter la colonne « "+c.name+" » ("+c.how+")")
	case "group", "pivot":
		return v.group(s, step)
	case "sort":
		return v.sortStep(s, step)
	case "limit":
		v.limit = s.N
		v.steps = append(v.steps, "Garder les "+frInt(s.N)+" premières lignes")
		if v.res != nil && len(v.res.rows) > s.N {
			v.res.rows = v.res.rows[:s.N]
		}
	}
	return nil
}

// filter builds the selection of a filter step on rows.
func (v *exploreView) filter(c *vcol, s *Step, step int) (Bitmap, string, error) {
	n := v.f.rows
	sel := NewBitmap(n)
	desc := colName(c) + " " + filterCmps[s.Cmp]
	switch s.Cmp {
	case "present", "missing":
		want := s.Cmp == "present"
		present := v.presence(c)
		forChunks(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if present(i) == want {
					sel.Set(i)
				}
			}
		})
		return sel, desc, nil
	}
	if c.isCategorical() {
		ids, labels, _ := c.groups(v.f)
		want := make([]bool, len(labels))
		if s.Cmp == "contains" {
			k := foldKey(s.Values[0])
			for g, l := range labels {
				want[g] = strings.Contains(foldKey(l), k)
			}
			desc += " « " + s.Values[0] + " »"
		} else {
			if s.Cmp != "eq" && s.Cmp != "ne" && s.Cmp != "in" && s.Cmp != "notin" {
				return nil, "", recipeErr(step, "la colonne « "+c.name+" » contient du texte : on peut la filtrer par égalité, liste de valeurs ou « contient », pas par « "+filterCmps[s.Cmp]+" »")
			}
			for _, val := range s.Values {
				found := false
				for g, l := range labels {
					if l == val {
						want[g], found = true, true
					}
				}
				if !found { // forgiving: case and accents
					k := foldKey(val)
					for g, l := range labels {
						if foldKey(l) == k {
							want[g] = true
						}
					}
				}
			}
			desc = colName(c) + " " + map[string]string{"eq": "=", "ne": "≠", "in": "parmi", "notin": "hors de"}[s.Cmp] + " " + strings.Join(s.Values, ", ")
			if s.Cmp == "ne" || s.Cmp == "notin" {
				for g := range want {
					want[g] = !want[g]
				}
			}
		}
		forChunks(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if g := ids[i]; g >= 0 && want[g] {
					sel.Set(i)
				}
			}
		})
		return sel, desc, nil
	}
	// numbers, dates, booleans
	vals, valid := c.numbers(n)
	if c.col != nil && c.col.Type == Boolean {
		want := map[string]float64{}
		for _, val := range s.Values {
			b, ok := parseBool([]byte(strings.TrimSpace(val)))
			if !ok {
				return nil, "", recipeErr(step, "« "+val+" » n'est pas une valeur oui/non")
			}
			if b {
				want["1"] = 1
			} else {
				want["0"] = 0
			}
		}
		neg := s.Cmp == "ne" || s.Cmp == "notin"
		if s.Cmp != "eq" && s.Cmp != "ne" && s.Cmp != "in" && s.Cmp != "notin" {
			return nil, "", recipeErr(step, "une colonne oui/non se filtre par égalité")
		}
		forChunks(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if !valid.Get(i) {
					continue
				}
				_, in := want[itoa(int(vals[i]))]
				if in != neg {
					sel.Set(i)
				}
			}
		})
		return sel, desc + " " + strings.Join(s.Values, ", "), nil
	}
	// bounds: each value as [lo, hi] in the column's units
	bounds := make([][2]float64, len(s.Values))
	for k, val := range s.Values {
		lo, hi, ok := v.parseBound(c, val)
		if !ok {
			what := "un nombre"
			if c.isDate() {
				what = "une date (jj/mm/aaaa)"
			}
			return nil, "", recipeErr(step, "« "+val+" » n'est pas "+what+" : la colonne « "+c.name+" » ne peut pas être filtrée ainsi")
		}
		bounds[k] = [2]float64{lo, hi}
	}
	var test func(x float64) bool
	switch s.Cmp {
	case "eq", "in":
		test = func(x float64) bool {
			for _, b := range bounds {
				if x >= b[0] && x <= b[1] {
					return true
				}
			}
			return false
		}
	case "ne", "notin":
		test = func(x float64) bool {
			for _, b := range bounds {
				if x >= b[0] && x <= b[1] {
					return false
				}
			}
			return true
		}
	case "lt":
		test = func(x float64) bool { return x < bounds[0][0] }
	case "le":
		test = func(x float64) bool { return x <= bounds[0][1] }
	case "gt":
		test = func(x float64) bool { return x > bounds[0][1] }
	case "ge":
		test = func(x float64) bool { return x >= bounds[0][0] }
	case "between":
		lo, hi := math.Min(bounds[0][0], bounds[1][0]), math.Max(bounds[0][1], bounds[1][1])
		test = func(x float64) bool { return x >= lo && x <= hi }
	case "contains":
		return nil, "", recipeErr(step, "« contient » s'applique au texte ; la colonne « "+c.name+" » contient des nombres ou des dates")
	}
	forChunks(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if valid.Get(i) && test(vals[i]) {
				sel.Set(i)
			}
		}
	})
	if s.Cmp == "between" {
		desc += " " + s.Values[0] + " et " + s.Values[1]
	} else {
		desc += " " + strings.Join(s.Values, ", ")
	}
	return sel, desc, nil
}

// parseBound reads a filter value in the column's units, as a closed
// range (a date without time on a date-time column is the whole day).
func (v *exploreView) parseBound(c *vcol, s string) (lo, hi float64, ok bool) {
	if c.isDate() {
		d, ok := parseFilterDate(s)
		if !ok {
			return 0, 0, false
		}
		if c.col.Type == Date {
			return float64(d.days), float64(d.days), true
		}
		if d.hasTime {
			x := float64(d.days*86400 + d.secs)
			return x, x, true
		}
		return float64(d.days * 86400), float64(d.days*86400 + 86399), true
	}
	x, ok := parseFilterNumber(s)
	if !ok {
		return 0, 0, false
	}
	if c.col != nil && c.col.Type == Percent {
		x /= 100
	}
	return x, x, true
}

// presence reports whether row i has a value in c.
func (v *exploreView) presence(c *vcol) func(i int) bool {
	switch {
	case c.col != nil:
		return c.col.Valid
	case c.codes != nil:
		return func(i int) bool { return c.codes[i] >= 0 }
	}
	return c.valid.Get
}

// ---- group and pivot ----

func (v *exploreView) group(s *Step, step int) error {
	f := v.f
	var keys []*vcol
	for k := range s.By {
		c, err := v.resolve(s.By[k], step)
		if err != nil {
			return err
		}
		s.By[k] = canonRef(c)
		keys = append(keys, c)
	}
	if s.Op == "pivot" {
		c, err := v.resolve(*s.Columns, step)
		if err != nil {
			return err
		}
		ref := canonRef(c)
		s.Columns = &ref
		keys = append(keys, c)
	}
	aggs := s.Aggs
	if len(aggs) == 0 {
		aggs = []AggSpec{{Fn: "count"}}
	}
	var aggCols []*vcol
	for k := range aggs {
		if aggs[k].Col == nil {
			aggCols = append(aggCols, nil)
			continue
		}
		c, err := v.resolve(*aggs[k].Col, step)
		if err != nil {
			return err
		}
		ref := canonRef(c)
		aggs[k].Col = &ref
		if aggs[k].Fn != "distinct" && c.isCategorical() && aggs[k].Fn != "share" {
			return recipeErr(step, "la colonne « "+c.name+" » contient du texte : on peut compter ses valeurs distinctes, pas en faire la "+aggFns[aggs[k].Fn])
		}
		if aggs[k].Fn == "share" && c.isCategorical() {
			return recipeErr(step, "la part se calcule sur les lignes ou sur une colonne de nombres")
		}
		if c.isDate() && (aggs[k].Fn == "sum" || aggs[k].Fn == "mean" || aggs[k].Fn == "share") {
			return recipeErr(step, "on ne fait pas la "+aggFns[aggs[k].Fn]+" de dates (« "+c.name+" »)")
		}
		aggCols = append(aggCols, c)
	}
	if s.Op == "group" && len(s.Aggs) == 0 {
		s.Aggs = aggs
	}
	// group ids
	ids0, labels0, ord0 := keys[0].groups(f)
	gids := ids0
	ng := len(labels0)
	var ids1 []int32
	var labels1 []string
	n1 := 1
	if len(keys) == 2 {
		ids1, labels1, _ = keys[1].groups(f)
		n1 = len(labels1)
		// compact both keys to the groups present in the selection
		c0, l0 := compactIDs(ids0, labels0, v.sel)
		c1, l1 := compactIDs(ids1, labels1, v.sel)
		ids0, labels0, ids1, labels1 = c0, l0, c1, l1
		n1 = len(labels1)
		if uint64(len(labels0))*uint64(n1) > maxCross {
			return recipeErr(step, "le croisement de « "+keys[0].name+" » et « "+keys[1].name+" » donne trop de combinaisons ("+frInt(len(labels0))+" × "+frInt(n1)+") : filtrez d'abord, ou regroupez par une colonne moins détaillée")
		}
		ng = len(labels0) * n1
		gids = make([]int32, f.rows)
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if ids0[i] < 0 || ids1[i] < 0 {
					gids[i] = -1
				} else {
					gids[i] = ids0[i]*int32(n1) + ids1[i]
				}
			}
		})
	}
	for _, k := range keys {
		v.use(k, "regroupement")
	}
	// aggregates
	counts := make([]float64, ng)
	forChunks(f.rows, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if g := gids[i]; g >= 0 && (v.sel == nil || v.sel.Get(i)) {
				counts[g]++
			}
		}
	})
	total := 0.0
	for _, c := range counts {
		total += c
	}
	vals := make([][]float64, len(aggs))
	var aggColsOut []answer.Column
	var additive []bool
	for k, a := range aggs {
		c := aggCols[k]
		name, format := aggName(a.Fn, c)
		aggColsOut = append(aggColsOut, col(name, format))
		additive = append(additive, a.Fn == "count" || a.Fn == "sum")
		if c != nil {
			v.use(c, aggFns[a.Fn])
		}
		vals[k] = v.aggregate(a.Fn, c, gids, ng, counts, total)
	}
	res := &resultTable{ordinal: ord0, firstKey: keys[0]}
	if s.Op == "pivot" {
		res.pivot = true
		agg := aggColsOut[0]
		res.cols = []answer.Column{col(capitalize(keys[0].name), answer.Text)}
		// columns: the pivot key's groups (at most 30 by total, rest « Autres » when additive)
		colTot := make([]float64, n1)
		for g := 0; g < ng; g++ {
			if counts[g] > 0 {
				colTot[g%n1] += vals[0][g]
			}
		}
		keep, _, hasRest := topN(labels1, colTot, 30)
		if !hasRest {
			keep = make([]int, 0, n1)
			for j := 0; j < n1; j++ {
				if colTot[j] != 0 || anyCount(counts, j, n1) {
					keep = append(keep, j)
				}
			}
		} else {
			sortInts(keep)
		}
		for _, j := range keep {
			res.cols = append(res.cols, col(labels1[j], agg.Format))
		}
		restCol := hasRest && additive[0]
		if restCol {
			res.cols = append(res.cols, col(othersLabel, agg.Format))
		}
		if additive[0] {
			res.cols = append(res.cols, col("Total", agg.Format))
		}
		res.keys = 1
		for r := range labels0 {
			rowTotal, rowCount := 0.0, 0.0
			for j := 0; j < n1; j++ {
				rowCount += counts[r*n1+j]
				rowTotal += vals[0][r*n1+j]
			}
			if rowCount == 0 {
				continue
			}
			row := []any{labels0[r]}
			kept := 0.0
			for _, j := range keep {
				g := r*n1 + j
				if counts[g] == 0 {
					row = append(row, zeroOrNil(additive[0]))
					continue
				}
				row = append(row, num(vals[0][g]))
				kept += vals[0][g]
			}
			if restCol {
				row = append(row, rowTotal-kept)
			}
			if additive[0] {
				row = append(row, rowTotal)
			}
			res.rows = append(res.rows, row)
		}
		v.steps = append(v.steps, "Tableau croisé : "+keys[0].name+" × "+keys[1].name+", "+lowerFirst(agg.Name))
	} else {
		res.keys = len(keys)
		for _, k := range keys {
			res.cols = append(res.cols, col(capitalize(k.name), answer.Text))
		}
		res.cols = append(res.cols, aggColsOut...)
		res.additive = append(make([]bool, len(keys)), additive...)
		for g := 0; g < ng; g++ {
			if counts[g] == 0 {
				continue
			}
			var row []any
			if len(keys) == 2 {
				row = []any{labels0[g/n1], labels1[g%n1]}
			} else {
				row = []any{labels0[g]}
			}
			for k := range aggs {
				x := vals[k][g]
				if aggCols[k] != nil && aggCols[k].isDate() && (aggs[k].Fn == "min" || aggs[k].Fn == "max" || aggs[k].Fn == "median") {
					row = append(row, exploreDateCell(aggCols[k], x))
					continue
				}
				row = append(row, num(x))
			}
			res.rows = append(res.rows, row)
		}
		// text keys: largest first; ordered keys keep their order
		if !ord0 && len(aggs) > 0 {
			ci := res.keys
			sort.SliceStable(res.rows, func(x, y int) bool { return cellNum(res.rows[x][ci]) > cellNum(res.rows[y][ci]) })
		}
		names := []string{}
		for _, k := range keys {
			names = append(names, k.name)
		}
		an := []string{}
		for _, c := range aggColsOut {
			an = append(an, lowerFirst(c.Name))
		}
		v.steps = append(v.steps, "Grouper par "+strings.Join(names, " et ")+" : "+strings.Join(an, ", "))
	}
	v.res = res
	small := 0
	for _, c := range counts {
		if c > 0 && c < 10 {
			small++
		}
	}
	if small > 0 {
		v.caveats = append(v.caveats, plural(small, "groupe compte", "groupes comptent")+" moins de 10 lignes : un chiffre calculé sur si peu de lignes est fragile, et ne se partage pas tel quel (des personnes pourraient être reconnues).")
	}
	return nil
}

func anyCount(counts []float64, j, n1 int) bool {
	for g := j; g < len(counts); g += n1 {
		if counts[g] > 0 {
			return true
		}
	}
	return false
}

//go:noinline
func zeroOrNil(additive bool) any {
	if additive {
		return 0.0
	}
	return nil
}

// compactIDs renumbers groups to those present among the selected rows.
func compactIDs(ids []int32, labels []string, sel Bitmap) ([]int32, []string) {
	present := make([]int32, len(labels))
	for i, g := range ids {
		if g >= 0 && (sel == nil || sel.Get(i)) {
			present[g] = 1
		}
	}
	var out []string
	for g := range present {
		if present[g] != 0 {
			present[g] = int32(len(out))
			out = append(out, labels[g])
		} else {
			present[g] = -1
		}
	}
	nids := make([]int32, len(ids))
	forChunks(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			nids[i] = -1
			if g := ids[i]; g >= 0 {
				nids[i] = present[g]
			}
		}
	})
	return nids, out
}

//go:noinline
func exploreDateCell(c *vcol, x float64) any {
	if math.IsNaN(x) {
		return nil
	}
	if c.col.Type == DateTime {
		d := floorDiv(int64(x), 86400)
		r := int64(x) - d*86400
		return FormatDateFR(d) + " " + pad2(int(r/3600)) + ":" + pad2(int(r/60%60))
	}
	return FormatDateFR(int64(x))
}

//go:noinline
func cellNum(x any) float64 {
	if f, ok := x.(float64); ok {
		return f
	}
	return math.Inf(-1)
}

// aggName names an aggregate column and its format.
func aggName(fn string, c *vcol) (string, answer.Format) {
	if c == nil {
		switch fn {
		case "share":
			return "Part des lignes", answer.Percent
		}
		return "Nombre de lignes", answer.Int
	}
	f := c.valueFormat()
	if c.isDate() {
		f = answer.Text
	}
	switch fn {
	case "distinct":
		return "Valeurs distinctes de " + c.name, answer.Int
	case "sum":
		if f == answer.Int {
			return "Somme de " + c.name, answer.Int
		}
		return "Somme de " + c.name, f
	case "mean":
		if f == answer.Int {
			f = answer.Decimal
		}
		return "Moyenne de " + c.name, f
	case "median":
		if f == answer.Int {
			f = answer.Decimal
		}
		return "Médiane de " + c.name, f
	case "min":
		return "Minimum de " + c.name, f
	case "max":
		return "Maximum de " + c.name, f
	case "share":
		return "Part de " + c.name, answer.Percent
	}
	return fn, answer.Decimal
}

// aggregate computes one aggregate for every group.
func (v *exploreView) aggregate(fn string, c *vcol, gids []int32, ng int, counts []float64, total float64) []float64 {
	f := v.f
	out := make([]float64, ng)
	sel := v.sel
	in := func(i int) bool { return gids[i] >= 0 && (sel == nil || sel.Get(i)) }
	switch fn {
	case "count":
		copy(out, counts)
		return out
	case "share":
		if c == nil {
			for g := range out {
				out[g] = ratio(counts[g], total)
			}
			return out
		}
	case "distinct":
		ids, labels, _ := c.groups(f)
		t := newPairTable(ng, max(len(labels), 1), f.rows)
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if in(i) && ids[i] >= 0 {
					t.or(gids[i], ids[i], 0)
				}
			}
		})
		t.each(func(g int, _ uint32) { out[g]++ })
		return out
	}
	vals, valid := c.numbers(f.rows)
	switch fn {
	case "sum", "share", "mean":
		n := make([]float64, ng)
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if in(i) && valid.Get(i) {
					out[gids[i]] += vals[i]
					n[gids[i]]++
				}
			}
		})
		switch fn {
		case "mean":
			for g := range out {
				out[g] = ratio(out[g], n[g])
			}
		case "share":
			t := sum(out)
			for g := range out {
				out[g] = ratio(out[g], t)
			}
		}
	case "min", "max":
		for g := range out {
			out[g] = math.NaN()
		}
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if in(i) && valid.Get(i) {
					g := gids[i]
					x := vals[i]
					if math.IsNaN(out[g]) || fn == "min" && x < out[g] || fn == "max" && x > out[g] {
						out[g] = x
					}
				}
			}
		})
	case "median":
		// counting sort of the values by group, then a sort per group
		start := make([]int, ng+1)
		for i := 0; i < f.rows; i++ {
			if in(i) && valid.Get(i) {
				start[gids[i]+1]++
			}
		}
		for g := 0; g < ng; g++ {
			start[g+1] += start[g]
		}
		buf := make([]float64, start[ng])
		pos := append([]int{}, start[:ng]...)
		for i := 0; i < f.rows; i++ {
			if in(i) && valid.Get(i) {
				g := gids[i]
				buf[pos[g]] = vals[i]
				pos[g]++
			}
		}
		for g := 0; g < ng; g++ {
			s := buf[start[g]:start[g+1]]
			if len(s) == 0 {
				out[g] = math.NaN()
				continue
			}
			sortFloats(s)
			out[g] = (s[(len(s)-1)/2] + s[len(s)/2]) / 2
		}
	}
	return out
}

// filterResult filters the rows of a grouped result on one of its columns.
func (v *exploreView) filterResult(s *Step, step int) error {
	ci := -1
	for i, c := range v.res.cols {
		if foldKey(c.Name) == foldKey(s.Col.Name) {
			ci = i
		}
	}
	if ci < 0 {
		return recipeErr(step, "le résultat n'a pas de colonne « "+s.Col.Name+" »")
	}
	name := v.res.cols[ci].Name
	desc := name + " " + filterCmps[s.Cmp]
	var keep func(x any) bool
	switch s.Cmp {
	case "present":
		keep = func(x any) bool { return x != nil }
	case "missing":
		keep = func(x any) bool { return x == nil }
	case "eq", "ne", "in", "notin", "contains":
		set := map[string]bool{}
		for _, val := range s.Values {
			set[foldKey(val)] = true
		}
		keep = func(x any) bool {
			var str string
			switch t := x.(type) {
			case string:
				str = t
			case float64:
				str = strconv.FormatFloat(t, 'f', -1, 64)
				if n, ok := parseFilterNumber(s.Values[0]); ok && len(s.Values) == 1 && s.Cmp != "contains" {
					return (t == n) == (s.Cmp == "eq" || s.Cmp == "in")
				}
			}
			k := foldKey(str)
			if s.Cmp == "contains" {
				return strings.Contains(k, foldKey(s.Values[0]))
			}
			return set[k] == (s.Cmp == "eq" || s.Cmp == "in")
		}
		desc += " " + strings.Join(s.Values, ", ")
	default:
		var b [2]float64
		for k, val := range s.Values {
			x, ok := parseFilterNumber(val)
			if !ok {
				return recipeErr(step, "« "+val+" » n'est pas un nombre")
			}
			if v.res.cols[ci].Format == answer.Percent {
				x /= 100
			}
			b[k] = x
		}
		keep = func(x any) bool {
			f, ok := x.(float64)
			if !ok {
				return false
			}
			switch s.Cmp {
			case "lt":
				return f < b[0]
			case "le":
				return f <= b[0]
			case "gt":
				return f > b[0]
			case "ge":
				return f >= b[0]
			}
			return f >= math.Min(b[0], b[1]) && f <= math.Max(b[0], b[1])
		}
		if s.Cmp == "between" {
			desc += " " + s.Values[0] + " et " + s.Values[1]
		} else {
			desc += " " + s.Values[0]
		}
	}
	rows := v.res.rows[:0:0]
	for _, r := range v.res.rows {
		if keep(r[ci]) {
			rows = append(rows, r)
		}
	}
	v.res.rows = rows
	s.Col = &ColRef{Name: name}
	v.steps = append(v.steps, "Filtrer le résultat : "+desc)
	return nil
}

// ---- sort ----

func (v *exploreView) sortStep(s *Step, step int) error {
	dir := "croissant"
	if s.Desc {
		dir = "décroissant"
	}
	if v.res != nil {
		key := s.Key
		if key == "" && s.Col != nil {
			key = s.Col.Name
		}
		ci := -1
		for i, c := range v.res.cols {
			if foldKey(c.Name) == foldKey(key) {
				ci = i
			}
		}
		if ci < 0 {
			return recipeErr(step, "le résultat n'a pas de colonne « "+key+" » pour trier")
		}
		s.Key, s.Col = v.res.cols[ci].Name, nil
		rows := v.res.rows
		sort.SliceStable(rows, func(x, y int) bool {
			a, b := rows[x][ci], rows[y][ci]
			if a == nil || b == nil {
				return b == nil && a != nil
			}
			af, aok := a.(float64)
			bf, bok := b.(float64)
			if aok && bok {
				if s.Desc {
					return af > bf
				}
				return af < bf
			}
			as, bs := toStr(a), toStr(b)
			if s.Desc {
				return collate(as) > collate(bs)
			}
			return collate(as) < collate(bs)
		})
		v.res.ordinal = false
		v.steps = append(v.steps, "Trier par "+lowerFirst(v.res.cols[ci].Name)+", ordre "+dir)
		return nil
	}
	var ref ColRef
	if s.Col != nil {
		ref = *s.Col
	} else {
		ref = ColRef{Name: s.Key}
	}
	c, err := v.resolve(ref, step)
	if err != nil {
		return err
	}
	cr := canonRef(c)
	s.Col, s.Key = &cr, ""
	v.order = v.sortRows(c, s.Desc)
	v.use(c, "tri")
	v.steps = append(v.steps, "Trier par "+c.name+", ordre "+dir)
	return nil
}

//go:noinline
func toStr(x any) string {
	switch t := x.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	}
	return ""
}

// collate is a sort key for French text (accents after their letter).
//
//go:noinline
func collate(s string) string { return foldKey(s) + "\x00" + s }

// sortRows orders the selected rows by c (missing values last, ties in
// file order).
func (v *exploreView) sortRows(c *vcol, desc bool) []int32 {
	n := v.f.rows
	rows := make([]int32, 0, v.f.selCount(v.sel))
	for i := 0; i < n; i++ {
		if v.sel == nil || v.sel.Get(i) {
			rows = append(rows, int32(i))
		}
	}
	var key []float64
	var valid func(i int) bool
	if c.isCategorical() {
		ids, labels, ordinal := c.groups(v.f)
		rank := make([]float64, len(labels))
		order := make([]int, len(labels))
		for i := range order {
			order[i] = i
		}
		if !ordinal {
			sort.SliceStable(order, func(x, y int) bool { return collate(labels[order[x]]) < collate(labels[order[y]]) })
		}
		for r, g := range order {
			rank[g] = float64(r)
		}
		key = make([]float64, n)
		for i, g := range ids {
			if g >= 0 {
				key[i] = rank[g]
			}
		}
		valid = func(i int) bool { return ids[i] >= 0 }
	} else {
		var vb Bitmap
		key, vb = c.numbers(n)
		valid = vb.Get
	}
	sort.SliceStable(rows, func(x, y int) bool {
		a, b := int(rows[x]), int(rows[y])
		va, vb := valid(a), valid(b)
		if va != vb {
			return va
		}
		if !va {
			return false
		}
		if desc {
			return key[a] > key[b]
		}
		return key[a] < key[b]
	})
	return rows
}

// ---- the answer ----

// table builds the result table, limited to max rows (0: all).
func (v *exploreView) table(title string, max int) answer.Table {
	t := answer.Table{Title: title, Columns: v.res.cols}
	rows := v.res.rows
	if v.limit > 0 && len(rows) > v.limit {
		rows = rows[:v.limit]
	}
	if max > 0 && len(rows) > max {
		t.Note = frInt(len(rows)) + " lignes : les " + frInt(max) + " premières sont montrées ; l'export les contient toutes."
		rows = rows[:max]
	}
	t.Rows = rows
	return t
}

func (v *exploreView) answer() *answer.Answer {
	f := v.f
	a := &answer.Answer{Question: "exploration", Title: "Exploration libre", Steps: v.steps, Used: v.used, Caveats: v.caveats}
	nsel := f.selCount(v.sel)
	a.Rows = nsel
	if v.sel != nil {
		a.Sentence = plural(nsel, "ligne", "lignes") + " sur " + frInt(f.rows) + " (" + frPct(ratio(float64(nsel), float64(max(f.rows, 1)))) + ") " + pick(nsel == 1, "correspond", "correspondent") + " aux filtres."
		a.Caveats = append(a.Caveats, "Un filtre écarte les lignes sans valeur dans la colonne filtrée (sauf le filtre « vide »).")
	} else {
		a.Sentence = "Le fichier compte " + plural(f.rows, "ligne", "lignes") + "."
	}
	if nsel == 0 {
		a.Empty = true
		a.Sentence = "Aucune ligne ne correspond aux filtres."
		return a
	}
	if v.res == nil {
		// row listing
		t := answer.Table{Title: "Lignes"}
		for _, c := range v.cols {
			t.Columns = append(t.Columns, col(c.name, listFormat(c)))
		}
		n := nsel
		if v.limit > 0 {
			n = min(n, v.limit)
		}
		shown := 0
		v.eachRow(func(i int) bool {
			row := make([]any, len(v.cols))
			for k, c := range v.cols {
				row[k] = c.display(i)
			}
			t.Rows = append(t.Rows, row)
			shown++
			return shown < min(n, maxShownRows)
		})
		if n > shown {
			t.Note = frInt(n) + " lignes : les " + frInt(shown) + " premières sont montrées ; l'export les contient toutes."
		}
		a.Tables = []answer.Table{t}
		return a
	}
	t := v.table("Résultat", 500)
	a.Tables = []answer.Table{t}
	if len(v.res.rows) == 0 {
		a.Empty = true
		a.Sentence += " Aucun groupe ne reste après les filtres."
		return a
	}
	ng := len(v.res.rows)
	if v.limit > 0 {
		ng = min(ng, v.limit)
	}
	a.Sentence += " Le résultat compte " + plural(ng, "groupe", "groupes") + "."
	if ch, ok := v.chart(); ok {
		a.Charts = []answer.Chart{ch}
	}
	if !v.res.pivot && v.res.keys == 1 && len(v.res.cols) > 1 && !v.res.ordinal {
		top := v.res.rows[0]
		a.Sentence += " En tête : « " + toStr(top[0]) + " » (" + v.res.cols[1].Name + " : " + formatValue(top[1], v.res.cols[1].Format) + ")."
	}
	return a
}

// listFormat is the format of a listed column.
func listFormat(c *vcol) answer.Format {
	if c.isDate() {
		return answer.Text
	}
	return c.valueFormat()
}

// eachRow calls fn for the selected rows in order until it returns false.
func (v *exploreView) eachRow(fn func(i int) bool) {
	if v.order != nil {
		for _, i := range v.order {
			if !fn(int(i)) {
				return
			}
		}
		return
	}
	for i := 0; i < v.f.rows; i++ {
		if v.sel == nil || v.sel.Get(i) {
			if !fn(i) {
				return
			}
		}
	}
}

// formatValue writes a cell in French for a sentence.
//
//go:noinline
func formatValue(x any, f answer.Format) string {
	switch t := x.(type) {
	case string:
		return t
	case float64:
		switch f {
		case answer.Int:
			return frInt(int(math.Round(t)))
		case answer.Percent:
			return frPct(t)
		case answer.Euros:
			return frEuros(t)
		case answer.Days:
			return frDays(t)
		}
		return trimDec(t)
	}
	return "–"
}

// chart draws the first aggregate of a grouped result.
func (v *exploreView) chart() (answer.Chart, bool) {
	r := v.res
	rows := r.rows
	if v.limit > 0 && len(rows) > v.limit {
		rows = rows[:v.limit]
	}
	if r.pivot || r.keys == 2 {
		// heat map: first key in series, second in categories
		var cats []string
		var series []answer.Series
		if r.pivot {
			for _, c := range r.cols[1:] {
				if c.Name != "Total" {
					cats = append(cats, c.Name)
				}
			}
			if len(rows) > 30 || len(cats) > 31 {
				return answer.Chart{}, false
			}
			for _, row := range rows {
				vs := make([]float64, len(cats))
				for k := range cats {
					vs[k] = cellNumNaN(row[1+k])
				}
				series = append(series, seriesOf(toStr(row[0]), vs))
			}
			return answer.Chart{Kind: answer.Heatmap, Title: r.cols[0].Name + " × " + strings.Join(cats[:min(3, len(cats))], ", ") + pick(len(cats) > 3, "…", ""), Categories: cats, Series: series, Format: r.cols[1].Format}, true
		}
		idx := map[string]int{}
		for _, row := range rows {
			c := toStr(row[1])
			if _, ok := idx[c]; !ok {
				idx[c] = len(cats)
				cats = append(cats, c)
			}
		}
		byS := map[string][]float64{}
		var order []string
		for _, row := range rows {
			s := toStr(row[0])
			if _, ok := byS[s]; !ok {
				byS[s] = make([]float64, len(cats))
				for k := range byS[s] {
					byS[s][k] = math.NaN()
				}
				order = append(order, s)
			}
			byS[s][idx[toStr(row[1])]] = cellNumNaN(row[2])
		}
		if len(order) > 30 || len(cats) > 40 {
			return answer.Chart{}, false
		}
		for _, s := range order {
			series = append(series, seriesOf(s, byS[s]))
		}
		return answer.Chart{Kind: answer.Heatmap, Title: r.cols[2].Name + " par " + lowerFirst(r.cols[0].Name) + " et " + lowerFirst(r.cols[1].Name), XLabel: r.cols[1].Name, YLabel: r.cols[0].Name, Categories: cats, Series: series, Format: r.cols[2].Format}, true
	}
	if len(r.cols) < 2 {
		return answer.Chart{}, false
	}
	labels := make([]string, len(rows))
	vals := make([]float64, len(rows))
	for i, row := range rows {
		labels[i], vals[i] = toStr(row[0]), cellNumNaN(row[1])
	}
	kind := answer.Bar
	if r.ordinal {
		kind = answer.Columns
		if len(labels) > 40 {
			kind = answer.Line
		}
	} else if len(labels) > chartTop {
		keep, rest, hasRest := topN(labels, vals, chartTop, vals)
		var l2 []string
		var v2 []float64
		for _, k := range keep {
			l2, v2 = append(l2, labels[k]), append(v2, vals[k])
		}
		if hasRest && r.additive[1] {
			l2, v2 = append(l2, othersLabel), append(v2, rest[0])
		}
		labels, vals = l2, v2
	}
	if r.ordinal && len(labels) > 400 {
		return answer.Chart{}, false
	}
	return answer.Chart{Kind: kind, Title: r.cols[1].Name + " par " + lowerFirst(r.cols[0].Name), XLabel: r.cols[0].Name, YLabel: r.cols[1].Name, Categories: labels, Series: []answer.Series{seriesOf(r.cols[1].Name, vals)}, Format: r.cols[1].Format}, true
}

//go:noinline
func cellNumNaN(x any) float64 {
	if f, ok := x.(float64); ok {
		return f
	}
	return math.NaN()
}

//go:noinline
func seriesOf(name string, vs []float64) answer.Series { return series(name, vs) }

// DescribeSteps returns the French description of each step of a recipe
// applied to f (the same text as Answer.Steps).
func DescribeSteps(f *Frame, r *Recipe) ([]string, error) {
	e, err := Explore(f, r)
	if err != nil {
		return nil, err
	}
	return e.Answer.Steps, nil
}
