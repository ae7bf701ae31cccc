package sandbox

import (
	"sort"
	"strconv"
	"strings"

	"coulisses/sandbox/answer"
)

// « jeunes-18-35 » and the age helpers shared with other questions.

// ageSource is how a file gives the buyer's age.
type ageSource struct {
	expr   Expr      // age in years (implausible values, < 0 or > 110, unknown)
	cols   []*Column // columns used
	how    string    // for Answer.Used
	band   *Column   // a text column of age bands (« 18-24 ans »), if that is all there is
	atShow bool      // age at the show date (false: at the purchase date)
}

// ageExpr finds the age: an age column, or a birth year or date with the
// show date (else the purchase date), or a text column of age bands.
// cols is nil when the file has no age at all.
func ageExpr(f *Frame) (Expr, []*Column, *ageSource) {
	src := findAge(f)
	if src == nil {
		return Expr{}, nil, nil
	}
	return src.expr, src.cols, src
}

func findAge(f *Frame) *ageSource {
	if c := roleCol(f, RoleAge); c != nil && c.stor != storDict {
		return &ageSource{expr: plausibleAge(Num(c)), cols: []*Column{c}, how: "âge déclaré", atShow: true}
	}
	birth := roleCol(f, RoleBirthYear)
	if birth == nil || birth.stor == storDict {
		birth = roleCol(f, RoleBirthDate)
	}
	if birth != nil && birth.stor != storDict {
		at, atShow := roleCol(f, RoleShowDate), true
		if !isDate(at) {
			at, atShow = roleCol(f, RolePurchaseDate), false
		}
		if isDate(at) {
			how := "âge à la date de la représentation"
			if !atShow {
				how = "âge à la date d'achat"
			}
			return &ageSource{expr: plausibleAge(AgeAt(birth, at)), cols: []*Column{birth, at}, how: how, atShow: atShow}
		}
	}
	if c := roleCol(f, RoleAge); c != nil && c.stor == storDict {
		return &ageSource{expr: bandMidpoint(c), cols: []*Column{c}, how: "tranche d'âge déclarée", band: c, atShow: true}
	}
	return nil
}

// plausibleAge makes ages below 0 or above 110 unknown.
func plausibleAge(e Expr) Expr {
	return Expr{Name: "âge", eval: func(lo, hi int, v []float64, ok []bool) {
		e.eval(lo, hi, v, ok)
		for i := range ok[:hi-lo] {
			if ok[i] && (v[i] < 0 || v[i] > 110) {
				ok[i] = false
			}
		}
	}}
}

// parseBand reads an age band: « 18-24 ans », « 25 à 34 ans », « 65 ans et
// plus », « 65+ », « moins de 18 ans », « 40 ».
func parseBand(s string) (lo, hi float64, ok bool) {
	l := strings.ToLower(s)
	var nums []float64
	for i := 0; i < len(l); {
		if l[i] >= '0' && l[i] <= '9' {
			j := i
			for j < len(l) && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			v, _ := strconv.Atoi(l[i:j])
			nums = append(nums, float64(v))
			i = j
			continue
		}
		i++
	}
	switch {
	case len(nums) >= 2:
		return nums[0], nums[1], nums[1] >= nums[0]
	case len(nums) == 1 && (strings.Contains(l, "moins") || strings.Contains(l, "<") || strings.Contains(l, "under")):
		return 0, nums[0] - 1, true
	case len(nums) == 1 && (strings.Contains(l, "plus") || strings.Contains(l, "+") || strings.Contains(l, "over") || strings.Contains(l, ">")):
		return nums[0], 100, true
	case len(nums) == 1:
		return nums[0], nums[0], true
	}
	return 0, 0, false
}

// bandMidpoint reads a text column of age bands as the middle of each band.
func bandMidpoint(c *Column) Expr {
	dict := c.Dict()
	mid := make([]float64, len(dict))
	has := make([]bool, len(dict))
	for k, s := range dict {
		if lo, hi, ok := parseBand(s); ok {
			mid[k], has[k] = (lo+hi)/2, true
		}
	}
	var codes []int32
	return Expr{Name: "âge", eval: func(lo, hi int, v []float64, ok []bool) {
		if codes == nil {
			codes = textCodes(c)
		}
		for i := lo; i < hi; i++ {
			k := codes[i]
			ok[i-lo] = k >= 0 && has[k]
			if ok[i-lo] {
				v[i-lo] = mid[k]
			}
		}
	}}
}

// ageBandEdges cut ages into « < 18 », « 18–35 », « 36–49 », « 50–64 », « ≥ 65 ».
var ageBandEdges = []float64{18, 36, 50, 65}

// ageBandKey groups by age band (a file's own text bands if it has only those).
func ageBandKey(e Expr) Key { return ByBands(e, ageBandEdges...) }

func ageKeyOf(f *Frame, src *ageSource) Key {
	if src.band != nil {
		return sortedTextKey(src.band, bandOrder)
	}
	k := ageBandKey(src.expr)
	k.Name = "tranche d'âge"
	return k
}

// bandOrder orders text bands by their lower bound.
func bandOrder(a, b string) bool {
	la, _, oka := parseBand(a)
	lb, _, okb := parseBand(b)
	if oka != okb {
		return oka
	}
	if la != lb {
		return la < lb
	}
	return a < b
}

// sortedTextKey groups a text column by value, groups ordered by less.
func sortedTextKey(c *Column, less func(a, b string) bool) Key {
	return Key{Name: c.Name, prepare: func(f *Frame) (labeler, func(int, int, []int32)) {
		dict := c.Dict()
		order := make([]int, len(dict))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(x, y int) bool { return less(dict[order[x]], dict[order[y]]) })
		rank := make([]int32, len(dict))
		labels := make([]string, len(dict))
		for r, k := range order {
			rank[k] = int32(r)
			labels[r] = dict[k]
		}
		_, fill := byValue(c).prepare(f)
		return fixed(labels), func(lo, hi int, out []int32) {
			fill(lo, hi, out)
			for i, k := range out[:hi-lo] {
				if k >= 0 {
					out[i] = rank[k]
				}
			}
		}
	}}
}

func youthCols(f *Frame) (src *ageSource, q *requirements) {
	q = &requirements{f: f}
	src = findAge(f)
	if src == nil {
		b := roleCol(f, RoleBirthYear)
		if b == nil {
			b = roleCol(f, RoleBirthDate)
		}
		if b != nil && b.stor != storDict {
			q.one(RoleShowDate, "pour calculer l'âge de l'acheteur à la date de la représentation")
		} else {
			q.any("pour calculer l'âge de l'acheteur à la date de la représentation", RoleBirthYear, RoleBirthDate, RoleAge)
		}
	}
	return
}

// youthCounts are, per group (index ng: everyone), the people (or
// tickets) whose age is known, those in the band asked, and those in each
// age band.
type youthCounts struct {
	known, young []float64
	bands        [][]float64 // bands[g][b]
}

// countYouth counts people once per group (a customer id) or tickets.
func countYouth(f *Frame, src *ageSource, gids []int32, ng int, bandIDs []int32, nb int, ageLo, ageHi float64, cust *Column) youthCounts {
	r := youthCounts{known: make([]float64, ng+1), young: make([]float64, ng+1), bands: make([][]float64, ng+1)}
	for g := range r.bands {
		r.bands[g] = make([]float64, nb)
	}
	ages := make([]float64, f.rows)
	ok := make([]bool, f.rows)
	for l := 0; l < f.rows; l += ChunkRows {
		h := min(l+ChunkRows, f.rows)
		src.expr.eval(l, h, ages[l:h], ok[l:h])
	}
	flagsOf := func(i int) (uint32, bool) {
		if !ok[i] || bandIDs[i] < 0 || bandIDs[i] >= 30 {
			return 0, false
		}
		fl := uint32(1) << uint(bandIDs[i])
		if ages[i] >= ageLo && ages[i] <= ageHi {
			fl |= 1 << 30
		}
		return fl, true
	}
	add := func(g int, fl uint32, w float64) {
		r.known[g] += w
		if fl&(1<<30) != 0 {
			r.young[g] += w
		}
		for b := 0; b < nb && b < 30; b++ {
			if fl&(1<<uint(b)) != 0 {
				r.bands[g][b] += w
			}
		}
	}
	if cust == nil {
		var qty *Column
		if q := roleCol(f, RoleQuantity); q != nil && q.stor != storDict {
			qty = q
		}
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				fl, known := flagsOf(i)
				if !known {
					continue
				}
				w := 1.0
				if qty != nil && qty.Valid(i) {
					w = qty.Float(i)
				}
				add(ng, fl, w)
				if gids != nil && gids[i] >= 0 {
					add(int(gids[i]), fl, w)
				}
			}
		})
		return r
	}
	cids, lab := keyIDs(f, byValue(cust))
	all := make([]uint32, lab.n)
	var pairs *pairTable
	if gids != nil {
		pairs = newPairTable(ng, lab.n, f.rows)
	}
	forChunks(f.rows, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			c := cids[i]
			if c < 0 || !ok[i] || bandIDs[i] < 0 || bandIDs[i] >= 30 {
				continue
			}
			fl := uint32(1) << uint(bandIDs[i])
			if ages[i] >= ageLo && ages[i] <= ageHi {
				fl |= 1 << 30
			}
			all[c] |= fl | pairPresent
			if pairs != nil && gids[i] >= 0 {
				pairs.or(gids[i], c, fl)
			}
		}
	})
	forChunks(len(all), func(l, h int) {
		for _, fl := range all[l:h] {
			if fl != 0 {
				add(ng, fl, 1)
			}
		}
	})
	if pairs != nil {
		pairs.each(func(g int, fl uint32) { add(g, fl, 1) })
	}
	return r
}

// askYouth: the share of buyers aged lo–hi (default 18–35) at the show
// date, overall and by discipline, among buyers whose age is known.
func askYouth(f *Frame, p Params) *answer.Answer {
	a := newAnswer("jeunes-18-35")
	src, q := youthCols(f)
	if a.Missing = q.missing; len(a.Missing) > 0 {
		return a
	}
	lo, hi := p.Min, p.Max
	if lo == 0 && hi == 0 {
		lo, hi = 18, 35
	}
	if hi < lo {
		lo, hi = hi, lo
	}
	band := fmtNum(lo) + "–" + fmtNum(hi) + " ans"
	for _, c := range src.cols {
		used(a, c, src.how)
	}
	_, cust, isPeople := peopleAgg(f)
	unit, buyer := "lignes", "de la personne qui a répondu ou commandé"
	if roleCol(f, RolePrice) != nil || roleCol(f, RoleOrderID) != nil {
		unit, buyer = "billets", "de la personne qui a commandé"
	}
	if isPeople {
		unit, buyer = "acheteurs", "de l'acheteur qui a commandé"
		used(a, cust, "acheteurs distincts")
	}
	bk := ageKeyOf(f, src)
	bandIDs, blab := keyIDs(f, bk)
	nb := min(blab.n, 30)
	bandLabels := make([]string, nb)
	for b := range bandLabels {
		bandLabels[b] = blab.label(b)
	}
	disc := roleCol(f, RoleDiscipline)
	var gids []int32
	var glabels []string
	if disc != nil {
		var glab labeler
		gids, glab = keyIDs(f, byValue(disc))
		glabels = make([]string, glab.n)
		for g := range glabels {
			glabels[g] = glab.label(g)
		}
	}
	ng := len(glabels)
	yc := countYouth(f, src, gids, ng, bandIDs, nb, lo, hi, cust)
	nKnown := 0
	for i, b := range bandIDs {
		_ = i
		if b >= 0 {
			nKnown++
		}
	}
	a.Rows = nKnown
	missingCaveat(a, f.rows-nKnown, f.rows, "âge connu")
	totK, totY := yc.known[ng], yc.young[ng]
	if totK == 0 {
		return empty(a, "Aucune ligne n'a d'âge connu : la part des "+band+" ne peut pas être calculée.")
	}
	a.Sentence = "Sur l'ensemble, " + frPct(totY/totK) + " des " + unit + " d'âge connu ont entre " + fmtNum(lo) + " et " + fmtNum(hi) + " ans " + pick(src.atShow, "à la date de la représentation", "à la date d'achat") + " (" + frInt(int(totY)) + " sur " + frInt(int(totK)) + ")."
	t := answer.Table{Title: "Part des " + band + " par discipline", Columns: []answer.Column{col("Discipline", answer.Text), col(capitalize(unit)+" d'âge connu", answer.Int), col("Dont "+band, answer.Int), col("Part des "+band, answer.Percent)}}
	var labels []string
	var shares, sizes []float64
	var order []int
	if disc != nil {
		used(a, disc, "part calculée discipline par discipline")
		order, _, _ = topN(glabels, yc.known[:ng], 1<<30)
		for _, g := range order {
			if yc.known[g] == 0 {
				continue
			}
			s := yc.young[g] / yc.known[g]
			t.Rows = append(t.Rows, []any{glabels[g], yc.known[g], yc.young[g], s})
			labels, shares, sizes = append(labels, glabels[g]), append(shares, s), append(sizes, yc.known[g])
		}
		// highest and lowest among groups large enough to speak of
		hiK, loK := -1, -1
		for i, s := range shares {
			if sizes[i] < smallGroups {
				continue
			}
			if hiK < 0 || s > shares[hiK] {
				hiK = i
			}
			if loK < 0 || s < shares[loK] {
				loK = i
			}
		}
		if hiK >= 0 && loK >= 0 && hiK != loK {
			a.Sentence += " La part est la plus forte pour « " + labels[hiK] + " » (" + frPct(shares[hiK]) + ") et la plus faible pour « " + labels[loK] + " » (" + frPct(shares[loK]) + ")."
		}
		for _, l := range labels {
			if ll := strings.ToLower(l); strings.Contains(ll, "jeune public") || strings.Contains(ll, "famille") || strings.Contains(ll, "enfant") {
				a.Caveats = append(a.Caveats, "Pour « "+l+" », c'est l'âge des parents ou des accompagnateurs qui est mesuré, pas celui des enfants.")
				break
			}
		}
	} else {
		a.Caveats = append(a.Caveats, "Le fichier n'a pas de colonne « discipline » : seule la part d'ensemble est calculée.")
	}
	t.Rows = append(t.Rows, []any{"Ensemble", totK, totY, totY / totK})
	a.Tables = append(a.Tables, t)
	chartL, chartS := labels, shares
	if len(chartL) > chartTop {
		chartL, chartS = chartL[:chartTop], chartS[:chartTop]
	}
	chartL = append(append([]string{}, chartL...), "Ensemble")
	chartS = append(append([]float64{}, chartS...), totY/totK)
	a.Charts = append(a.Charts, answer.Chart{Kind: answer.Bar, Title: "Part des " + band + " parmi les " + unit + " d'âge connu", XLabel: "Part des " + band, Categories: chartL, Series: []answer.Series{series("Part des "+band, chartS)}, Format: answer.Percent})

	// age bands by discipline
	bt := answer.Table{Title: "Répartition par tranche d'âge", Columns: []answer.Column{col(pick(disc != nil, "Discipline", "Public"), answer.Text), col(capitalize(unit)+" d'âge connu", answer.Int)}}
	bc := answer.Chart{Kind: answer.StackedBar, Title: "Répartition des " + unit + " d'âge connu par tranche d'âge", Format: answer.Percent}
	cols := make([][]float64, nb)
	rowsOrder := append([]int{}, order...)
	rowsOrder = append(rowsOrder, ng)
	for _, g := range rowsOrder {
		tot := yc.known[g]
		if tot == 0 {
			continue
		}
		name := "Ensemble"
		if g < ng {
			name = glabels[g]
		}
		row := []any{name, tot}
		for b := 0; b < nb; b++ {
			s := ratio(yc.bands[g][b], tot)
			row = append(row, num(s))
			cols[b] = append(cols[b], s)
		}
		bt.Rows = append(bt.Rows, row)
		bc.Categories = append(bc.Categories, name)
	}
	for b := 0; b < nb; b++ {
		bt.Columns = append(bt.Columns, col(bandLabels[b], answer.Percent))
		bc.Series = append(bc.Series, series(bandLabels[b], cols[b]))
	}
	if isPeople {
		bt.Note = "Un acheteur venu à plusieurs âges (un anniversaire entre deux spectacles) compte dans chacune de ses tranches : les parts peuvent dépasser 100 % au total."
	}
	a.Tables = append(a.Tables, bt)
	if len(bc.Categories) <= chartTop+1 {
		a.Charts = append(a.Charts, bc)
	}
	smallCaveat(a, labels, sizes, unit)
	a.Caveats = append(a.Caveats, "L'âge est celui "+buyer+", pas forcément celui de chaque spectateur. Et l'âge manque rarement au hasard : un achat rapide au guichet le renseigne moins souvent qu'un abonnement.")
	if !src.atShow {
		a.Caveats = append(a.Caveats, "Sans date de représentation, l'âge est calculé à la date d'achat.")
	}
	if src.band != nil {
		a.Caveats = append(a.Caveats, "Le fichier donne des tranches d'âge, pas des âges : une tranche compte dans les "+band+" si son milieu y tombe. C'est une approximation.")
	}
	return a
}
