package sandbox

import (
	"math"

	"coulisses/sandbox/answer"
)

// « fidelite »: who comes back. A visit is a distinct representation a
// customer came to: a distinct (show date, show) pair; without a show date,
// a distinct order; without an order id, a distinct purchase day.

// custStats holds, per customer, what the loyalty questions need.
type custStats struct {
	n        int     // customers (groups of the customer key)
	ids      []int32 // customer of each row (-1: none)
	label    func(int) string
	visits   []int32   // distinct visits
	first    []int32   // row of the first visit (earliest day; -1 if none)
	firstDay []int64   // day of the first visit
	lastDay  []int64   // day of the last visit
	seasons  []uint64  // bit s: came in season season0+s
	spend    []float64 // sum of amounts
	season0  int
	nSeasons int
	dateCol  *Column // the date visits are dated by
	visitHow string  // how a visit is defined, for Answer.Used
	rows     int     // rows with a customer
	active   []bool  // customer has at least one row
}

// customerStats walks the rows once per need. dateCol is the show date,
// else the purchase date (nil if neither: no seasons, no recency).
func customerStats(f *Frame, cust *Column) *custStats {
	ids, lab := keyIDs(f, byValue(cust))
	s := &custStats{n: lab.n, ids: ids, label: lab.label}
	s.visits = make([]int32, s.n)
	s.first = make([]int32, s.n)
	s.firstDay = make([]int64, s.n)
	s.lastDay = make([]int64, s.n)
	s.seasons = make([]uint64, s.n)
	s.spend = make([]float64, s.n)
	s.active = make([]bool, s.n)
	for i := range s.first {
		s.first[i] = -1
		s.firstDay[i] = math.MaxInt64
		s.lastDay[i] = math.MinInt64
	}
	show, purchase := roleCol(f, RoleShowDate), roleCol(f, RolePurchaseDate)
	order, event := roleCol(f, RoleOrderID), roleCol(f, RoleEvent)
	price := roleCol(f, RolePrice)
	if price != nil && price.stor == storDict {
		price = nil
	}
	date := show
	if !isDate(date) {
		date = purchase
	}
	if !isDate(date) {
		date = nil
	}
	s.dateCol = date
	// the visit key of each row, as a dense id
	var vkey func(i int) (uint64, bool)
	switch {
	case isDate(show):
		var ev []int32
		if event != nil {
			ev, _ = keyIDs(f, byValue(event))
		}
		s.visitHow = "une venue = une représentation distincte (date de représentation"
		if event != nil {
			s.visitHow += " et spectacle"
		}
		s.visitHow += ")"
		d0 := minDay(show)
		vkey = func(i int) (uint64, bool) {
			d, ok := dayAt(show, i)
			if !ok {
				return 0, false
			}
			e := uint64(0)
			if ev != nil && ev[i] >= 0 {
				e = uint64(ev[i]) + 1
			}
			if off := uint64(d - d0); off < 1<<18 && e < 1<<24 {
				return off<<24 | e, true
			}
			return 1<<63 | uint64(d)<<24 ^ e, true // goes to the map
		}
	case order != nil:
		oid, _ := keyIDs(f, byValue(order))
		s.visitHow = "une venue = une commande distincte (le fichier n'a pas de date de représentation)"
		vkey = func(i int) (uint64, bool) { return uint64(oid[i]), oid[i] >= 0 }
	case date != nil:
		s.visitHow = "une venue = un jour d'achat distinct"
		d0 := minDay(date)
		vkey = func(i int) (uint64, bool) {
			d, ok := dayAt(date, i)
			return uint64(d - d0), ok
		}
	default:
		s.visitHow = "une venue = une ligne du fichier"
		vkey = func(i int) (uint64, bool) { return uint64(i), true }
	}
	if date != nil {
		lo, _, ok := date.intRange()
		if ok {
			if date.Type == DateTime {
				lo = floorDiv(lo, 86400)
			}
			s.season0 = seasonOf(lo)
		}
	}
	seen := map[[2]uint64]struct{}{}
	set := newU64Set(f.rows)
	forChunks(f.rows, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			c := ids[i]
			if c < 0 {
				continue
			}
			s.rows++
			s.active[c] = true
			if price != nil && price.Valid(i) {
				s.spend[c] += price.Float(i)
			}
			if k, ok := vkey(i); ok {
				// exact pair key when it fits, else a map
				if k < 1<<42 && c < 1<<21 {
					if set.add(uint64(c)<<42 | k) {
						s.visits[c]++
					}
				} else if _, dup := seen[[2]uint64{uint64(c), k}]; !dup {
					seen[[2]uint64{uint64(c), k}] = struct{}{}
					s.visits[c]++
				}
			}
			if d, ok := dayAt(date, i); ok {
				if d < s.firstDay[c] {
					s.firstDay[c], s.first[c] = d, int32(i)
				}
				if d > s.lastDay[c] {
					s.lastDay[c] = d
				}
				if k := seasonOf(d) - s.season0; k >= 0 && k < 64 {
					s.seasons[c] |= 1 << uint(k)
					s.nSeasons = max(s.nSeasons, k+1)
				}
			} else if s.first[c] < 0 {
				s.first[c] = int32(i)
			}
		}
	})
	return s
}

// minDay is the earliest day of a date column (0 if none).
func minDay(c *Column) int64 {
	lo, _, ok := c.intRange()
	if !ok {
		return 0
	}
	if c.Type == DateTime {
		return floorDiv(lo, 86400)
	}
	return lo
}

// customers counts the customers with at least one row.
func (s *custStats) customers() int {
	n := 0
	for _, a := range s.active {
		if a {
			n++
		}
	}
	return n
}

// visitBands are the bands of the visits-per-customer distribution.
var visitBands = []struct {
	label  string
	lo, hi int32
}{{"1 venue", 1, 1}, {"2 venues", 2, 2}, {"3 venues", 3, 3}, {"4 ou 5 venues", 4, 5}, {"6 à 9 venues", 6, 9}, {"10 venues et plus", 10, math.MaxInt32}}

func loyaltyCols(f *Frame) (cust *Column, q *requirements) {
	q = &requirements{f: f}
	cust = q.one(RoleCustomerID, "pour reconnaître une même personne d'un achat à l'autre")
	return
}

// askLoyalty: the repeat rate, the visits per customer and the season to
// season retention, optionally by discipline of the first show or tariff.
func askLoyalty(f *Frame, p Params) *answer.Answer {
	a := newAnswer("fidelite")
	cust, q := loyaltyCols(f)
	if a.Missing = q.missing; len(a.Missing) > 0 {
		return a
	}
	s := customerStats(f, cust)
	used(a, cust, "même identifiant = même personne")
	a.Rows = s.rows
	missingCaveat(a, f.rows-s.rows, f.rows, "identifiant client (ventes anonymes, au guichet souvent)")
	n := s.customers()
	if n == 0 {
		return empty(a, "Aucune ligne n'a d'identifiant client : on ne peut pas savoir qui revient.")
	}
	if s.dateCol != nil {
		used(a, s.dateCol, "saison de chaque venue (de septembre à août)")
	}
	if c := roleCol(f, RoleEvent); c != nil && isDate(roleCol(f, RoleShowDate)) {
		used(a, c, "spectacle de chaque venue")
	}
	if c := roleCol(f, RoleOrderID); c != nil && !isDate(roleCol(f, RoleShowDate)) {
		used(a, c, "commande de chaque venue")
	}
	// distribution of visits
	bands := make([]float64, len(visitBands))
	repeat := 0
	forChunks(s.n, func(lo, hi int) {
		for c := lo; c < hi; c++ {
			if !s.active[c] {
				continue
			}
			v := max(s.visits[c], 1)
			if v >= 2 {
				repeat++
			}
			for b, vb := range visitBands {
				if v >= vb.lo && v <= vb.hi {
					bands[b]++
				}
			}
		}
	})
	rate := float64(repeat) / float64(n)
	a.Sentence = "Sur " + plural(n, "acheteur identifié", "acheteurs identifiés") + ", " + frPct(rate) + " sont venus au moins deux fois (" + frInt(repeat) + " personnes)."
	t := answer.Table{Title: "Nombre de venues par acheteur", Columns: []answer.Column{col("Venues", answer.Text), col("Acheteurs", answer.Int), col("Part", answer.Percent)}}
	cats := make([]string, len(visitBands))
	shares := make([]float64, len(visitBands))
	for b, vb := range visitBands {
		cats[b], shares[b] = vb.label, bands[b]/float64(n)
		t.Rows = append(t.Rows, []any{vb.label, bands[b], shares[b]})
	}
	t.Note = "Définition : " + s.visitHow + "."
	a.Tables = append(a.Tables, t)
	a.Charts = append(a.Charts, answer.Chart{Kind: answer.Histogram, Title: "Répartition des acheteurs selon leur nombre de venues", XLabel: "Venues", YLabel: "Part des acheteurs", Categories: cats, Series: []answer.Series{series("Acheteurs", shares)}, Format: answer.Percent})

	// season to season retention
	if s.nSeasons >= 2 {
		rt := answer.Table{Title: "Retour d'une saison à l'autre", Columns: []answer.Column{col("Saison", answer.Text), col("Acheteurs", answer.Int), col("Revenus la saison suivante", answer.Int), col("Taux de retour", answer.Percent), col("Déjà venus la saison précédente", answer.Int)}}
		var pairs []string
		var rates []float64
		for k := 0; k < s.nSeasons; k++ {
			var in, back, prev float64
			forChunks(s.n, func(lo, hi int) {
				for c := lo; c < hi; c++ {
					m := s.seasons[c]
					if m&(1<<uint(k)) == 0 {
						continue
					}
					in++
					if k+1 < s.nSeasons && m&(1<<uint(k+1)) != 0 {
						back++
					}
					if k > 0 && m&(1<<uint(k-1)) != 0 {
						prev++
					}
				}
			})
			row := []any{seasonLabel(s.season0 + k), in, nil, nil, nil}
			if k+1 < s.nSeasons && in > 0 {
				row[2], row[3] = back, back/in
				pairs = append(pairs, seasonLabel(s.season0+k)+" → "+seasonLabel(s.season0+k+1))
				rates = append(rates, back/in)
			}
			if k > 0 {
				row[4] = prev
			}
			if in > 0 {
				rt.Rows = append(rt.Rows, row)
			}
		}
		rt.Note = "Taux de retour : part des acheteurs d'une saison revenus la saison suivante (saison de septembre à août)."
		a.Tables = append(a.Tables, rt)
		if len(rates) > 0 {
			a.Charts = append(a.Charts, answer.Chart{Kind: answer.Line, Title: "Taux de retour d'une saison à la suivante", YLabel: "Taux de retour", Categories: pairs, Series: []answer.Series{series("Taux de retour", rates)}, Format: answer.Percent})
			last := len(rates) - 1
			a.Sentence += " D'une saison à l'autre, " + frPct(rates[last]) + " des acheteurs de " + seasonLabel(s.season0+last) + " sont revenus en " + seasonLabel(s.season0+last+1) + "."
		}
		seasonCoverageCaveat(a, s)
	} else if s.dateCol != nil {
		a.Caveats = append(a.Caveats, "Le fichier ne couvre qu'une saison : le retour d'une saison à l'autre ne peut pas être mesuré.")
	}

	// by discipline of the first show, or first tariff
	disc, tar := roleCol(f, RoleDiscipline), roleCol(f, RoleTariff)
	a.Variants = variants(p.By, "ensemble", "none", true, "selon la discipline du premier spectacle", "discipline", disc != nil, "selon le premier tarif", "tariff", tar != nil)
	var by *Column
	var byName, byHow string
	switch {
	case p.By == "discipline" && disc != nil:
		by, byName, byHow = disc, "Discipline du premier spectacle", "discipline de la première venue"
	case p.By == "tariff" && tar != nil:
		by, byName, byHow = tar, "Premier tarif", "tarif de la première venue"
	}
	if by != nil {
		used(a, by, byHow)
		gids, lab := keyIDs(f, byValue(by))
		cnt := make([]float64, lab.n)
		rep := make([]float64, lab.n)
		forChunks(s.n, func(lo, hi int) {
			for c := lo; c < hi; c++ {
				if !s.active[c] || s.first[c] < 0 {
					continue
				}
				g := gids[s.first[c]]
				if g < 0 {
					continue
				}
				cnt[g]++
				if s.visits[c] >= 2 {
					rep[g]++
				}
			}
		})
		labels, _ := keyLabels(byValue(by), f)
		keep, _, _ := topN(labels, cnt, 1<<30)
		bt := answer.Table{Title: "Taux de retour selon la " + lowerFirst(byName), Columns: []answer.Column{col(byName, answer.Text), col("Acheteurs", answer.Int), col("Venus au moins deux fois", answer.Int), col("Part", answer.Percent)}}
		var cl []string
		var cv, sizes []float64
		for _, g := range keep {
			if cnt[g] == 0 {
				continue
			}
			bt.Rows = append(bt.Rows, []any{labels[g], cnt[g], rep[g], rep[g] / cnt[g]})
			cl, cv, sizes = append(cl, labels[g]), append(cv, rep[g]/cnt[g]), append(sizes, cnt[g])
		}
		a.Tables = append(a.Tables, bt)
		if len(cl) > chartTop {
			cl, cv = cl[:chartTop], cv[:chartTop]
		}
		a.Charts = append(a.Charts, answer.Chart{Kind: answer.Bar, Title: "Part des acheteurs venus au moins deux fois, selon la " + lowerFirst(byName), Categories: cl, Series: []answer.Series{series("Part", cv)}, Format: answer.Percent})
		smallCaveat(a, cl, sizes, "acheteurs")
		a.Caveats = append(a.Caveats, "Un écart entre groupes ne dit pas d'où il vient : le public lui-même, ou ce que le lieu a fait (abonnement, tarif, relance).")
	}
	a.Caveats = append(a.Caveats, "Le taux dépend de l'identification des personnes : une spectatrice enregistrée sous deux identifiants passe pour deux personnes, et les ventes anonymes échappent au calcul. Il est donc le plus souvent sous-estimé ; suivez-le avec la même méthode d'une saison à l'autre.")
	return a
}

// seasonCoverageCaveat warns when the first or last season is partial.
func seasonCoverageCaveat(a *answer.Answer, s *custStats) {
	lo, hi, ok := s.dateCol.intRange()
	if !ok {
		return
	}
	if s.dateCol.Type == DateTime {
		lo, hi = floorDiv(lo, 86400), floorDiv(hi, 86400)
	}
	var partial []string
	if y, m, _ := CivilFromDays(lo); m != 9 && m != 10 {
		_ = y
		partial = append(partial, seasonLabel(seasonOf(lo))+" (première date : "+FormatDateFR(lo)+")")
	}
	if _, m, _ := CivilFromDays(hi); m < 5 || m > 8 {
		partial = append(partial, seasonLabel(seasonOf(hi))+" (dernière date : "+FormatDateFR(hi)+")")
	}
	for _, p := range partial {
		a.Caveats = append(a.Caveats, "La saison "+p+" semble incomplète dans le fichier : son nombre d'acheteurs et son taux de retour ne se comparent pas aux autres.")
	}
}

// FormatDateFR formats a day count as dd/mm/yyyy.
//
//go:noinline
func FormatDateFR(days int64) string {
	y, m, d := CivilFromDays(days)
	return pad2(d) + "/" + pad2(m) + "/" + itoa(y)
}

//go:noinline
func pad2(v int) string {
	if v < 10 {
		return "0" + itoa(v)
	}
	return itoa(v)
}
