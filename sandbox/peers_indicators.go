package sandbox

import (
	"math"
)

// The indicators a venue can pool with others, by discipline and overall.
// Each is a numerator and, for rates and averages, a denominator: pooling
// adds numerators and denominators across venues (never averages their
// rates). Each cell also counts the people behind it, which decides
// whether it may be shared (k-suppression, peers.go).

// Indicator describes one pooled figure.
type Indicator struct {
	Code   string // in the file: « part_18_35 »
	Label  string // in French: « Part des 18–35 ans »
	Ratio  bool   // value = numerator ÷ denominator (else the numerator)
	Format string // answer format of the value: int, percent, euros, days
	Needs  string // what the file must have, in French
}

// Indicators lists the pooled indicators in file order.
var Indicators = []Indicator{
	{"acheteurs", "Acheteurs", false, "int", "un identifiant client"},
	{"billets", "Billets", false, "int", ""},
	{"prix_moyen", "Prix moyen d'un billet", true, "euros", "un montant"},
	{"panier_moyen", "Panier moyen", true, "euros", "un montant et un numéro de commande"},
	{"part_18_35", "Part des 18–35 ans", true, "percent", "un âge ou une année de naissance"},
	{"taux_retour", "Part des acheteurs venus au moins deux fois", true, "percent", "un identifiant client"},
	{"taux_optin", "Taux d'opt-in", true, "percent", "un consentement"},
	{"achat_7j", "Billets achetés dans les 7 derniers jours", true, "percent", "les dates d'achat et de représentation"},
	{"delai_moyen", "Délai d'achat moyen", true, "days", "les dates d'achat et de représentation"},
}

func indicatorByCode(code string) (Indicator, bool) {
	for _, ind := range Indicators {
		if ind.Code == code {
			return ind, true
		}
	}
	return Indicator{}, false
}

// AggCell is one cell of a shareable-aggregates table.
type AggCell struct {
	Indicator string
	Group     string  // discipline, or « Ensemble »
	Num, Den  float64 // Den is NaN for counts
	Persons   float64 // people (or tickets, see AggFile.Unit) behind the cell
	Masked    bool
	Primary   bool // masked because Persons < k (else: complementary)
	Line      int  // in a parsed file
}

// Value is Num ÷ Den for rates, Num for counts.
func (c AggCell) Value() float64 {
	if math.IsNaN(c.Den) {
		return c.Num
	}
	return ratio(c.Num, c.Den)
}

// ensembleLabel names the all-disciplines group.
const ensembleLabel = "Ensemble"

// computeIndicators computes every indicator the frame allows, by
// discipline and overall (unmasked). unit is « personnes » with a customer
// id, « billets » otherwise.
func computeIndicators(f *Frame) (cells []AggCell, groups []string, unit string) {
	disc := roleCol(f, RoleDiscipline)
	var gids []int32
	ng := 0
	if disc != nil {
		var lab labeler
		gids, lab = keyIDs(f, byValue(disc))
		ng = lab.n
		groups = make([]string, ng)
		for g := range groups {
			groups[g] = lab.label(g)
		}
	}
	// group ng is everyone
	all := make([]int32, f.rows)
	full := make([]int32, f.rows)
	forChunks(f.rows, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			all[i] = int32(ng)
			full[i] = -1
			if gids != nil {
				full[i] = gids[i]
			}
		}
	})
	groups = append(groups, ensembleLabel)
	G := ng + 1
	cust := roleCol(f, RoleCustomerID)
	unit = "personnes"
	if cust == nil {
		unit = "billets"
	}
	// count per group (discipline groups and everyone), over sel; the ids
	// of each column are computed once
	type idsOf struct {
		ids []int32
		n   int
	}
	idCache := map[*Column]idsOf{}
	var per func(sel Bitmap, c *Column) []float64 // not inlined at each call (engine size)
	per = func(sel Bitmap, c *Column) []float64 {
		out := make([]float64, G)
		if c == nil {
			if ng > 0 {
				copy(out, countPer(f, sel, full, ng, nil))
			}
			out[ng] = countPer(f, sel, all, G, nil)[ng]
			return out
		}
		ic, ok := idCache[c]
		if !ok {
			var lab labeler
			ic.ids, lab = keyIDs(f, byValue(c))
			ic.n = lab.n
			idCache[c] = ic
		}
		if ng > 0 {
			copy(out, countPerIDs(f, sel, full, ng, ic.ids, ic.n))
		}
		// everyone: a dense mark per id
		seen := make([]bool, ic.n)
		n := 0
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if id := ic.ids[i]; id >= 0 && !seen[id] && (sel == nil || sel.Get(i)) {
					seen[id] = true
					n++
				}
			}
		})
		out[ng] = float64(n)
		return out
	}
	var weighted func(sel Bitmap, w func(i int) (float64, bool)) []float64 // not inlined at each call (engine size)
	weighted = func(sel Bitmap, w func(i int) (float64, bool)) []float64 {
		out := make([]float64, G)
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if sel != nil && !sel.Get(i) {
					continue
				}
				x, ok := w(i)
				if !ok {
					continue
				}
				out[ng] += x
				if gids != nil && gids[i] >= 0 {
					out[gids[i]] += x
				}
			}
		})
		return out
	}
	var qty *Column
	if q := roleCol(f, RoleQuantity); q != nil && q.stor != storDict {
		qty = q
	}
	tickets := func(i int) (float64, bool) {
		if qty != nil && qty.Valid(i) {
			return qty.Float(i), true
		}
		return 1, true
	}
	people := per(nil, cust)
	var add func(code string, num, den, persons []float64) // not inlined at each call (engine size)
	add = func(code string, num, den, persons []float64) {
		for g := 0; g < G; g++ {
			d := math.NaN()
			if den != nil {
				d = den[g]
				if d == 0 {
					continue
				}
			} else if num[g] == 0 && persons[g] == 0 {
				continue
			}
			cells = append(cells, AggCell{Indicator: code, Group: groups[g], Num: num[g], Den: d, Persons: persons[g]})
		}
	}
	tk := weighted(nil, tickets)
	if cust != nil {
		add("acheteurs", people, nil, people)
	}
	add("billets", tk, nil, people)
	price := roleCol(f, RolePrice)
	if price != nil && price.stor != storDict {
		paid := f.Where(Not(Between(Num(price), math.Inf(-1), 0)))
		rev := weighted(paid, func(i int) (float64, bool) { return price.Float(i), price.Valid(i) })
		paidT := weighted(paid, tickets)
		add("prix_moyen", rev, paidT, per(paid, cust))
		if order := roleCol(f, RoleOrderID); order != nil {
			orders := per(paid, order)
			add("panier_moyen", rev, orders, per(paid, cust))
		}
	}
	if src := findAge(f); src != nil {
		bandIDs, blab := keyIDs(f, ageKeyOf(f, src))
		yc := countYouth(f, src, gids, ng, bandIDs, min(blab.n, 30), 18, 35, cust)
		add("part_18_35", yc.young, yc.known, yc.known)
	}
	if cust != nil {
		s := customerStats(f, cust)
		back := NewBitmap(f.rows)
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if c := s.ids[i]; c >= 0 && s.visits[c] >= 2 {
					back.Set(i)
				}
			}
		})
		add("taux_retour", per(back, cust), people, people)
	}
	if opt := roleCol(f, RoleOptIn); opt != nil {
		cond, _, _, _ := optInCond(opt)
		vals, sel, _, _ := consentRows(f, cond)
		yes := NewBitmap(f.rows)
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if sel.Get(i) && vals[i] == 1 {
					yes.Set(i)
				}
			}
		})
		// one selected row per person (or every readable row): count rows
		one := func(int) (float64, bool) { return 1, true }
		num, den := weighted(yes, one), weighted(sel, one)
		add("taux_optin", num, den, den)
	}
	p, sh := roleCol(f, RolePurchaseDate), roleCol(f, RoleShowDate)
	if isDate(p) && isDate(sh) {
		lead := func(i int) (int64, bool) {
			a, ok1 := dayAt(p, i)
			b, ok2 := dayAt(sh, i)
			return b - a, ok1 && ok2 && b >= a
		}
		has := NewBitmap(f.rows)
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if _, ok := lead(i); ok {
					has.Set(i)
				}
			}
		})
		den := weighted(has, tickets)
		week := weighted(has, func(i int) (float64, bool) {
			d, _ := lead(i)
			w, _ := tickets(i)
			return w, d <= 7
		})
		days := weighted(has, func(i int) (float64, bool) {
			d, _ := lead(i)
			w, _ := tickets(i)
			return float64(d) * w, true
		})
		persons := per(has, cust)
		add("achat_7j", week, den, persons)
		add("delai_moyen", days, den, persons)
	}
	return cells, groups, unit
}
