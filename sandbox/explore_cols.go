package sandbox

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"coulisses/sandbox/answer"
)

// Columns as the exploration sees them: the file's columns plus derived
// ones (age, weekday, season, lead time…). Derived columns live beside
// the frame, never in it, so Apply stays pure.

// vcol is a column of the exploration view.
type vcol struct {
	name string
	col  *Column // a column of the file, or nil for a derived one
	how  string  // derived: how it is computed (French)

	// derived numeric values (age, lead time, year)
	nums  []float64
	valid Bitmap
	unit  answer.Format // how derived numbers read (Int, Days)

	// derived categories (weekday, month, season, age band, département)
	codes  []int32 // -1: missing
	labels []string
}

func (v *vcol) role() Role {
	if v.col != nil {
		return v.col.Role
	}
	return RoleNone
}

// isCategorical: text columns and derived categories.
func (v *vcol) isCategorical() bool {
	if v.col != nil {
		return v.col.stor == storDict
	}
	return v.codes != nil
}

func (v *vcol) isDate() bool { return v.col != nil && isDate(v.col) }

// valueFormat is how a value of this column reads in a table.
func (v *vcol) valueFormat() answer.Format {
	switch {
	case v.col == nil && v.codes == nil:
		return v.unit
	case v.col == nil:
		return answer.Text
	case v.col.Role == RolePrice:
		return answer.Euros
	}
	switch v.col.Type {
	case Integer:
		return answer.Int
	case Decimal:
		return answer.Decimal
	case Percent:
		return answer.Percent
	case Boolean:
		return answer.Text
	}
	return answer.Text
}

// numbers returns the column's values as numbers (dates: days or seconds)
// with their validity.
func (v *vcol) numbers(n int) ([]float64, Bitmap) {
	if v.col == nil {
		return v.nums, v.valid
	}
	c := v.col
	vals := make([]float64, n)
	valid := NewBitmap(n)
	if c.stor == storDict {
		return vals, valid
	}
	forChunks(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if c.Valid(i) {
				vals[i] = c.Float(i)
				valid.Set(i)
			}
		}
	})
	return vals, valid
}

// groups returns the group of each row (-1: missing), the group labels
// and whether the groups have a natural order (weekdays, seasons,
// numbers, dates): then the ids follow that order.
func (v *vcol) groups(f *Frame) (ids []int32, labels []string, ordinal bool) {
	if v.col == nil {
		if v.codes != nil {
			return v.codes, v.labels, true
		}
		// derived numbers: one group per distinct value, in order
		return numberGroups(v.nums, v.valid, f.rows, v.unit)
	}
	c := v.col
	ids, lab := keyIDs(f, byValue(c))
	labels = make([]string, lab.n)
	for g := range labels {
		labels[g] = lab.label(g)
	}
	if c.stor == storDict {
		return ids, labels, false
	}
	// numbers and dates: sort the groups by value, label them the French way
	keys := make([]float64, len(labels))
	for g, l := range labels {
		keys[g] = canonicalSortKey(c, l)
	}
	order := make([]int, len(labels))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return keys[order[x]] < keys[order[y]] })
	rank := make([]int32, len(labels))
	out := make([]string, len(labels))
	for r, g := range order {
		rank[g] = int32(r)
		out[r] = frenchValue(c, labels[g])
	}
	forChunks(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if ids[i] >= 0 {
				ids[i] = rank[ids[i]]
			}
		}
	})
	return ids, out, true
}

// canonicalSortKey orders canonical text (yyyy-mm-dd[ hh:mm:ss], 12.5,
// true/false) by value.
func canonicalSortKey(c *Column, s string) float64 {
	switch c.Type {
	case Date, DateTime:
		d, ok := parseFilterDate(s)
		if !ok {
			return math.Inf(1)
		}
		return float64(d.days*86400 + d.secs)
	case Boolean:
		if s == "true" {
			return 1
		}
		return 0
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil {
		return math.Inf(1)
	}
	return v
}

// frenchValue turns a canonical value into French: 15/03/2024, 12,5, oui.
func frenchValue(c *Column, s string) string {
	switch c.Type {
	case Date, DateTime:
		if d, ok := parseFilterDate(s); ok {
			out := FormatDateFR(d.days)
			if c.Type == DateTime {
				out += " " + pad2(int(d.secs/3600)) + ":" + pad2(int(d.secs/60%60))
			}
			return out
		}
	case Boolean:
		if s == "true" {
			return "oui"
		}
		return "non"
	case Integer, Decimal:
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return trimDec(v)
		}
	case Percent:
		if v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64); err == nil {
			return trimDec(v) + nnbsp + "%"
		}
	}
	return s
}

// trimDec formats a number with up to two decimals, French style.
//
//go:noinline
func trimDec(v float64) string {
	s := frDec(v, 2)
	if strings.Contains(s, ",") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ",")
	}
	return s
}

// numberGroups makes one group per distinct derived number, in order.
func numberGroups(nums []float64, valid Bitmap, n int, unit answer.Format) ([]int32, []string, bool) {
	seen := map[float64]int32{}
	var vals []float64
	for i := 0; i < n; i++ {
		if valid.Get(i) {
			if _, ok := seen[nums[i]]; !ok {
				seen[nums[i]] = 0
				vals = append(vals, nums[i])
			}
		}
	}
	sortFloats(vals)
	labels := make([]string, len(vals))
	for r, v := range vals {
		seen[v] = int32(r)
		labels[r] = trimDec(v)
		if unit == answer.Days {
			labels[r] = frDays(v)
		}
	}
	ids := make([]int32, n)
	forChunks(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			ids[i] = -1
			if valid.Get(i) {
				ids[i] = seen[nums[i]]
			}
		}
	})
	return ids, labels, true
}

// display returns row i's value for a table cell: a number for numeric
// columns, French text otherwise, nil when missing.
func (v *vcol) display(i int) any {
	if v.col == nil {
		if v.codes != nil {
			if v.codes[i] < 0 {
				return nil
			}
			return v.labels[v.codes[i]]
		}
		if !v.valid.Get(i) {
			return nil
		}
		return v.nums[i]
	}
	c := v.col
	if !c.Valid(i) {
		return nil
	}
	switch c.Type {
	case Integer, Decimal, Percent:
		return c.Float(i)
	case Date:
		return FormatDateFR(c.Int(i))
	case DateTime:
		s := c.Int(i)
		d := floorDiv(s, 86400)
		r := s - d*86400
		return FormatDateFR(d) + " " + pad2(int(r/3600)) + ":" + pad2(int(r/60%60))
	case Boolean:
		if c.Int(i) != 0 {
			return "oui"
		}
		return "non"
	}
	return c.String(i)
}

// ---- derived columns ----

// deriveSources picks the source columns of a derived column: From if
// given, else by role.
func deriveSources(view *exploreView, s *Step, step int) ([]*vcol, error) {
	var out []*vcol
	for _, r := range s.From {
		v, err := view.resolve(r, step)
		if err != nil {
			return nil, err
		}
		if v.col == nil {
			return nil, recipeErr(step, "une colonne calculée ne peut pas servir de source (« "+v.name+" »)")
		}
		out = append(out, v)
	}
	var byRole func(rs ...Role) *vcol // not inlined at each call (engine size)
	byRole = func(rs ...Role) *vcol {
		for _, r := range rs {
			for _, v := range view.cols {
				if v.col != nil && v.col.Role == r {
					return v
				}
			}
		}
		return nil
	}
	var need func(v *vcol, what string) (*vcol, error) // not inlined at each call (engine size)
	need = func(v *vcol, what string) (*vcol, error) {
		if v == nil {
			return nil, recipeErr(step, "le fichier n'a pas de colonne « "+what+" » pour calculer la colonne « "+deriveKinds[s.Kind]+" » : indiquez-la")
		}
		return v, nil
	}
	var err error
	switch s.Kind {
	case "age", "ageband":
		if len(out) == 0 {
			b := byRole(RoleAge, RoleBirthYear, RoleBirthDate)
			if b, err = need(b, "année de naissance"); err != nil {
				return nil, err
			}
			out = append(out, b)
		}
		if len(out) == 1 && out[0].col.Role != RoleAge && !(out[0].col.stor == storDict) {
			at := byRole(RoleShowDate, RolePurchaseDate)
			if at, err = need(at, "date de représentation"); err != nil {
				return nil, err
			}
			out = append(out, at)
		}
	case "weekday", "hour", "month", "monthofyear", "year":
		if len(out) == 0 {
			d := byRole(RolePurchaseDate, RoleShowDate)
			if d, err = need(d, "date d'achat"); err != nil {
				return nil, err
			}
			out = append(out, d)
		}
	case "season":
		if len(out) == 0 {
			d := byRole(RoleShowDate, RolePurchaseDate)
			if d, err = need(d, "date de représentation"); err != nil {
				return nil, err
			}
			out = append(out, d)
		}
	case "leadtime":
		if len(out) == 0 {
			p, err := need(byRole(RolePurchaseDate), "date d'achat")
			if err != nil {
				return nil, err
			}
			sh, err := need(byRole(RoleShowDate), "date de représentation")
			if err != nil {
				return nil, err
			}
			out = append(out, p, sh)
		}
		if len(out) != 2 {
			return nil, recipeErr(step, "le délai d'achat se calcule entre deux dates (achat, représentation)")
		}
	case "departement":
		if len(out) == 0 {
			p, err := need(byRole(RolePostcode), "code postal")
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	for _, v := range out {
		date := s.Kind != "departement" && s.Kind != "age" && s.Kind != "ageband"
		if date && !isDate(v.col) || s.Kind == "leadtime" && !isDate(v.col) {
			return nil, recipeErr(step, "la colonne « "+v.name+" » n'est pas lue comme une date : la colonne « "+deriveKinds[s.Kind]+" » ne peut pas être calculée")
		}
	}
	if s.Kind == "hour" && out[0].col.Type != DateTime {
		return nil, recipeErr(step, "la colonne « "+out[0].name+" » n'a pas d'heure")
	}
	return out, nil
}

// dateSuffix names a date column in a derived column's name: « d'achat »,
// « de représentation », else « (Nom) ».
func dateSuffix(v *vcol) string {
	switch v.role() {
	case RolePurchaseDate:
		return " d'achat"
	case RoleShowDate:
		return " de représentation"
	}
	return " (" + v.name + ")"
}

// derive computes a derived column.
func derive(f *Frame, view *exploreView, s *Step, step int) (*vcol, error) {
	src, err := deriveSources(view, s, step)
	if err != nil {
		return nil, err
	}
	n := f.rows
	v := &vcol{}
	var cats func(labels []string, fn func(i int) int32) // not inlined at each call (engine size)
	cats = func(labels []string, fn func(i int) int32) {
		v.labels = labels
		v.codes = make([]int32, n)
		forChunks(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				v.codes[i] = fn(i)
			}
		})
	}
	var nums func(fn func(i int) (float64, bool)) // not inlined at each call (engine size)
	nums = func(fn func(i int) (float64, bool)) {
		v.nums = make([]float64, n)
		v.valid = NewBitmap(n)
		forChunks(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if x, ok := fn(i); ok {
					v.nums[i] = x
					v.valid.Set(i)
				}
			}
		})
	}
	c0 := src[0].col
	switch s.Kind {
	case "age", "ageband":
		var e Expr
		if len(src) == 1 {
			if c0.stor == storDict {
				e = bandMidpoint(c0)
			} else {
				e = plausibleAge(Num(c0))
			}
			v.how = "âge lu dans « " + c0.Name + " »"
		} else {
			e = plausibleAge(AgeAt(c0, src[1].col))
			v.how = "âge à la date de « " + src[1].name + " », de « " + c0.Name + " »"
		}
		vals := make([]float64, n)
		ok := make([]bool, n)
		forChunks(n, func(lo, hi int) { e.eval(lo, hi, vals[lo:hi], ok[lo:hi]) })
		if s.Kind == "age" {
			v.name, v.unit = "âge", answer.Int
			nums(func(i int) (float64, bool) { return vals[i], ok[i] })
		} else {
			v.name = "tranche d'âge"
			labels, _ := keyLabels(ByBands(e, ageBandEdges...), f)
			cats(labels, func(i int) int32 {
				if !ok[i] {
					return -1
				}
				k := int32(sort.SearchFloat64s(ageBandEdges, vals[i]))
				if int(k) < len(ageBandEdges) && ageBandEdges[k] == vals[i] {
					k++
				}
				return k
			})
		}
	case "weekday":
		v.name, v.how = "jour"+dateSuffix(src[0]), "jour de la semaine de « "+c0.Name+" »"
		cats(weekdayLabelsFR, func(i int) int32 {
			if d, ok := dayAt(c0, i); ok {
				return int32(Weekday(d))
			}
			return -1
		})
	case "hour":
		v.name, v.how = "heure"+dateSuffix(src[0]), "heure de « "+c0.Name+" »"
		labels := make([]string, 24)
		for h := range labels {
			labels[h] = itoa(h) + " h"
		}
		cats(labels, func(i int) int32 {
			if !c0.Valid(i) {
				return -1
			}
			s := c0.Int(i)
			return int32((s - floorDiv(s, 86400)*86400) / 3600)
		})
	case "monthofyear":
		v.name, v.how = "mois de l'année"+dateSuffix(src[0]), "mois (janvier à décembre) de « "+c0.Name+" »"
		labels := make([]string, 12)
		for m := range labels {
			labels[m] = capitalize(monthsFR[m])
		}
		cats(labels, func(i int) int32 {
			if d, ok := dayAt(c0, i); ok {
				_, m, _ := CivilFromDays(d)
				return int32(m - 1)
			}
			return -1
		})
	case "month", "season", "year":
		// one category per month, season or year present, in order
		key := func(d int64) int {
			y, m, _ := CivilFromDays(d)
			switch s.Kind {
			case "month":
				return y*12 + m - 1
			case "season":
				return seasonOf(d)
			}
			return y
		}
		lo, hi := math.MaxInt, math.MinInt
		forChunks(n, func(a, b int) {
			for i := a; i < b; i++ {
				if d, ok := dayAt(c0, i); ok {
					k := key(d)
					lo, hi = min(lo, k), max(hi, k)
				}
			}
		})
		if hi < lo {
			lo, hi = 0, -1
		}
		if hi-lo > 100000 {
			return nil, recipeErr(step, "les dates de « "+c0.Name+" » couvrent une période trop longue")
		}
		labels := make([]string, hi-lo+1)
		for k := range labels {
			switch s.Kind {
			case "month":
				labels[k] = capitalize(monthsFR[(lo+k)%12]) + " " + itoa((lo+k)/12)
			case "season":
				labels[k] = seasonLabel(lo + k)
			default:
				labels[k] = itoa(lo + k)
			}
		}
		switch s.Kind {
		case "month":
			v.name, v.how = "mois"+dateSuffix(src[0]), "mois et année de « "+c0.Name+" »"
		case "season":
			v.name, v.how = "saison"+dateSuffix(src[0]), "saison (de septembre à août) de « "+c0.Name+" »"
		default:
			v.name, v.how = "année"+dateSuffix(src[0]), "année de « "+c0.Name+" »"
		}
		cats(labels, func(i int) int32 {
			if d, ok := dayAt(c0, i); ok {
				return int32(key(d) - lo)
			}
			return -1
		})
	case "leadtime":
		p, sh := c0, src[1].col
		v.name, v.unit = "délai d'achat", answer.Days
		v.how = "jours entre « " + p.Name + " » et « " + sh.Name + " »"
		nums(func(i int) (float64, bool) {
			a, ok1 := dayAt(p, i)
			b, ok2 := dayAt(sh, i)
			return float64(b - a), ok1 && ok2
		})
	case "departement":
		ids, places, _, _ := placeIDs(c0)
		labels := make([]string, len(places))
		for k, p := range places {
			labels[k] = p.Label()
		}
		// order by code
		order := make([]int, len(labels))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(x, y int) bool { return places[order[x]].Code < places[order[y]].Code })
		rank := make([]int32, len(order))
		sorted := make([]string, len(order))
		for r, k := range order {
			rank[k], sorted[r] = int32(r), labels[k]
		}
		v.name, v.how = "département", "département (ou zone postale) de « "+c0.Name+" »"
		cats(sorted, func(i int) int32 {
			if ids[i] < 0 {
				return -1
			}
			return rank[ids[i]]
		})
	}
	if s.As != "" {
		v.name = s.As
	}
	return v, nil
}

// ---- filter values ----

// parseFilterNumber reads « 12,5 », « 1 234,50 € », « 12.5 », « 40 % ».
func parseFilterNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	s = dropRunes(s, " \u00a0\u202f€$%")
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	} else if strings.Contains(s, ",") && strings.Contains(s, ".") {
		if strings.LastIndex(s, ",") > strings.LastIndex(s, ".") { // 1.234,50
			s = strings.ReplaceAll(s, ".", "")
			s = strings.Replace(s, ",", ".", 1)
		} else { // 1,234.50
			s = strings.ReplaceAll(s, ",", "")
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
}

type filterDate struct {
	days, secs int64
	hasTime    bool
}

// parseFilterDate reads « 15/03/2024 », « 15/03/2024 20:00 », « 2024-03-15 »,
// « 2024-03-15 20:00:00 ».
func parseFilterDate(s string) (filterDate, bool) {
	s = strings.TrimSpace(s)
	date, tm, _ := strings.Cut(s, " ")
	if i := strings.IndexByte(date, 'T'); i > 0 {
		date, tm = date[:i], date[i+1:]
	}
	var y, m, d int
	var err1, err2, err3 error
	switch {
	case strings.Count(date, "/") == 2:
		p := strings.Split(date, "/")
		d, err1 = strconv.Atoi(p[0])
		m, err2 = strconv.Atoi(p[1])
		y, err3 = strconv.Atoi(p[2])
	case strings.Count(date, "-") == 2:
		p := strings.Split(date, "-")
		y, err1 = strconv.Atoi(p[0])
		m, err2 = strconv.Atoi(p[1])
		d, err3 = strconv.Atoi(p[2])
	default:
		return filterDate{}, false
	}
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 1 || y > 9999 {
		return filterDate{}, false
	}
	fd := filterDate{days: DaysFromCivil(y, m, d)}
	if tm = strings.TrimSpace(tm); tm != "" {
		p := strings.Split(tm, ":")
		if len(p) < 2 || len(p) > 3 {
			return filterDate{}, false
		}
		h, e1 := strconv.Atoi(p[0])
		mi, e2 := strconv.Atoi(p[1])
		sec := 0
		var e3 error
		if len(p) == 3 {
			sec, e3 = strconv.Atoi(p[2])
		}
		if e1 != nil || e2 != nil || e3 != nil || h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0 {
			return filterDate{}, false
		}
		fd.secs, fd.hasTime = int64(h*3600+mi*60+sec), true
	}
	return fd, true
}

// foldKey lowers and removes accents, for forgiving text matches.
//
//go:noinline
func foldKey(s string) string { return strings.ToLower(strings.TrimSpace(foldAccents(s))) }
