package sandbox

import (
	"math"

	"coulisses/sandbox/answer"
)

// « jour-achat » and « delai-achat »: when people buy.

func weekdayCols(f *Frame) (purchase, price *Column, q *requirements) {
	q = &requirements{f: f}
	purchase = q.one(RolePurchaseDate, "pour savoir quel jour (et à quelle heure) chaque billet a été acheté")
	price = roleCol(f, RolePrice)
	if price != nil && price.stor == storDict {
		price = nil
	}
	return
}

// askWeekday: tickets and revenue by weekday of purchase, the weekday ×
// hour heat map when purchase dates have times, optionally by channel.
func askWeekday(f *Frame, p Params) *answer.Answer {
	a := newAnswer("jour-achat")
	purchase, price, q := weekdayCols(f)
	if a.Missing = q.missing; len(a.Missing) > 0 {
		return a
	}
	if !isDate(purchase) {
		a.Missing = []answer.Need{{Role: string(RolePurchaseDate), Label: RoleLabel(RolePurchaseDate), Why: "la colonne « " + purchase.Name + " » n'est pas lue comme une date : choisissez le type date"}}
		return a
	}
	tickets, qty := ticketsAgg(f)
	sel := f.Where(Present(purchase))
	n := f.selCount(sel)
	a.Rows = n
	missingCaveat(a, f.rows-n, f.rows, "date d'achat")
	if n == 0 {
		return empty(a, "Aucune ligne n'a de date d'achat : la question ne peut pas être calculée sur ce fichier.")
	}
	aggs := []Agg{tickets}
	if price != nil {
		aggs = append(aggs, Sum(price))
	}
	g := f.grid(sel, ByWeekday(purchase), aggs...)
	tk := g.vals[0]
	total := sum(tk)
	used(a, purchase, "jour de la semaine de l'achat")
	if qty != nil {
		used(a, qty, "nombre de billets de chaque ligne")
	}
	t := answer.Table{Title: "Billets par jour d'achat", Columns: []answer.Column{col("Jour d'achat", answer.Text), col("Billets", answer.Int), col("Part des billets", answer.Percent)}}
	var rev []float64
	revTotal := 0.0
	if price != nil {
		used(a, price, "somme des montants par jour")
		rev = g.vals[1]
		revTotal = sum(rev)
		t.Columns = append(t.Columns, col("Recette", answer.Euros), col("Part de la recette", answer.Percent))
	}
	for d := 0; d < 7; d++ {
		row := []any{weekdayLabelsFR[d], tk[d], num(ratio(tk[d], total))}
		if price != nil {
			row = append(row, rev[d], num(ratio(rev[d], revTotal)))
		}
		t.Rows = append(t.Rows, row)
	}
	a.Tables = append(a.Tables, t)
	a.Charts = append(a.Charts, answer.Chart{Kind: answer.Columns, Title: "Billets par jour d'achat", XLabel: "Jour d'achat", YLabel: "Billets",
		Categories: weekdayLabelsFR, Series: []answer.Series{series("Billets", tk)}, Format: answer.Int})
	hi, lo := argmax(tk), argmin(tk)
	a.Sentence = "On achète le plus de billets le " + weekdaysFR[hi] + " (" + frPct(tk[hi]/total) + " des billets) et le moins le " + weekdaysFR[lo] + " (" + frPct(tk[lo]/total) + ")."

	// weekday × hour, when the dates carry times
	if purchase.Type == DateTime {
		hg := f.grid(sel, crossKey(ByWeekday(purchase), ByHour(purchase)), tickets)
		cells := hg.vals[0]
		hours := make([]float64, 24)
		for k, v := range cells {
			hours[k%24] += v
		}
		h0, h1 := 24, -1
		for h, v := range hours {
			if v > 0 {
				h0, h1 = min(h0, h), max(h1, h)
			}
		}
		if h1 > h0 || h0 > 0 { // not all at midnight: real times
			cats := make([]string, 0, h1-h0+1)
			for h := h0; h <= h1; h++ {
				cats = append(cats, itoa(h)+" h")
			}
			ht := answer.Table{Title: "Billets par jour et heure d'achat", Columns: []answer.Column{col("Jour d'achat", answer.Text)}}
			for _, c := range cats {
				ht.Columns = append(ht.Columns, col(c, answer.Int))
			}
			ch := answer.Chart{Kind: answer.Heatmap, Title: "Billets par jour et heure d'achat", XLabel: "Heure d'achat", YLabel: "Jour d'achat", Categories: cats, Format: answer.Int}
			best, bestV := 0, -1.0
			for d := 0; d < 7; d++ {
				row := []any{weekdayLabelsFR[d]}
				vs := make([]float64, 0, len(cats))
				for h := h0; h <= h1; h++ {
					v := cells[d*24+h]
					row = append(row, v)
					vs = append(vs, v)
					if v > bestV {
						best, bestV = d*24+h, v
					}
				}
				ht.Rows = append(ht.Rows, row)
				ch.Series = append(ch.Series, series(weekdayLabelsFR[d], vs))
			}
			a.Tables = append(a.Tables, ht)
			a.Charts = append(a.Charts, ch)
			ph := argmax(hours)
			a.Sentence += " Les achats culminent entre " + itoa(ph) + " h et " + itoa(ph+1) + " h (" + frPct(hours[ph]/total) + " des billets) ; le créneau le plus chargé de la semaine est le " + weekdaysFR[best/24] + " de " + itoa(best%24) + " h à " + itoa(best%24+1) + " h."
			used(a, purchase, "heure de l'achat")
		} else {
			a.Caveats = append(a.Caveats, "Les dates d'achat sont toutes à minuit : le fichier ne donne pas l'heure des achats, la répartition par heure n'est pas possible.")
		}
	} else {
		a.Caveats = append(a.Caveats, "La date d'achat ne comporte pas d'heure : la répartition par heure n'est pas possible.")
	}

	// by channel
	chn := roleCol(f, RoleChannel)
	if chn != nil {
		a.Variants = variants(p.By, "tous canaux", "none", true, "par canal", "channel", true)
	}
	if p.By == "channel" && chn != nil {
		weekdayByGroup(f, a, sel, purchase, byValue(chn), "Canal", tickets, p)
		used(a, chn, "répartition par canal de vente")
	}
	peakDayCaveat(f, a, sel, purchase, tickets, total)
	if total < smallGroups {
		a.Caveats = append(a.Caveats, "Seulement "+plural(int(total), "billet", "billets")+" : la répartition par jour tient au hasard de quelques achats.")
	}
	return a
}

// weekdayByGroup adds, for each group, the share of its tickets bought on
// each weekday (a table and a heat map).
func weekdayByGroup(f *Frame, a *answer.Answer, sel Bitmap, purchase *Column, key Key, name string, tickets Agg, p Params) {
	ck, ng := compactKey(f, sel, key)
	g := f.grid(sel, crossKey(ck, ByWeekday(purchase)), tickets)
	labs, _ := keyLabels(ck, f)
	tot := make([]float64, ng)
	for k, v := range g.vals[0] {
		tot[k/7] += v
	}
	top := p.Top
	if top <= 0 {
		top = chartTop
	}
	keep, _, _ := topN(labs, tot, top)
	t := answer.Table{Title: "Part des billets de chaque jour, par " + lowerFirst(name), Columns: []answer.Column{col(name, answer.Text), col("Billets", answer.Int)}}
	for _, d := range weekdayLabelsFR {
		t.Columns = append(t.Columns, col(d, answer.Percent))
	}
	ch := answer.Chart{Kind: answer.Heatmap, Title: "Part des billets de chaque jour, par " + lowerFirst(name), XLabel: "Jour d'achat", YLabel: name, Categories: weekdayLabelsFR, Format: answer.Percent}
	for _, k := range keep {
		row := []any{labs[k], tot[k]}
		vs := make([]float64, 7)
		for d := 0; d < 7; d++ {
			vs[d] = ratio(g.vals[0][k*7+d], tot[k])
			row = append(row, num(vs[d]))
		}
		t.Rows = append(t.Rows, row)
		ch.Series = append(ch.Series, series(labs[k], vs))
	}
	if len(keep) < ng {
		t.Note = "Les " + frInt(ng-len(keep)) + " groupes les plus petits ne sont pas montrés."
	}
	a.Tables = append(a.Tables, t)
	a.Charts = append(a.Charts, ch)
	sizes := make([]float64, len(keep))
	ls := make([]string, len(keep))
	for i, k := range keep {
		sizes[i], ls[i] = tot[k], labs[k]
	}
	smallCaveat(a, ls, sizes, "billets")
}

// keyLabels returns the labels of a key's groups.
//
//go:noinline
func keyLabels(k Key, f *Frame) ([]string, int) {
	lab, _ := k.prepare(f)
	out := make([]string, lab.n)
	for i := range out {
		out[i] = lab.label(i)
	}
	return out, lab.n
}

// peakDayCaveat warns when one purchase date holds a large share of the
// tickets (a box-office opening, a flash sale): it weighs on its weekday.
func peakDayCaveat(f *Frame, a *answer.Answer, sel Bitmap, purchase *Column, tickets Agg, total float64) {
	d0, d1, ok := purchase.intRange()
	if !ok {
		return
	}
	if purchase.Type == DateTime {
		d0, d1 = floorDiv(d0, 86400), floorDiv(d1, 86400)
	}
	if d1-d0 > 200000 {
		return
	}
	ids := make([]int32, f.rows)
	forChunks(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			ids[i] = -1
			if d, ok := dayAt(purchase, i); ok && sel.Get(i) {
				ids[i] = int32(d - d0)
			}
		}
	})
	labels := make([]string, d1-d0+1)
	g := f.grid(sel, idsKey("jour", labels, ids), tickets)
	k := argmax(g.vals[0])
	if k < 0 || total < 100 {
		return
	}
	if share := g.vals[0][k] / total; share >= 0.05 {
		day := d0 + int64(k)
		y, m, d := CivilFromDays(day)
		a.Caveats = append(a.Caveats, "Le "+weekdaysFR[Weekday(day)]+" "+itoa(d)+" "+monthsFR[m-1]+" "+itoa(y)+" concentre à lui seul "+frPct(share)+" des billets (ouverture de la billetterie, vente exceptionnelle ?) : ce pic pèse sur son jour de la semaine.")
	}
}

// ---- délai d'achat ----

func leadCols(f *Frame) (purchase, show *Column, q *requirements) {
	q = &requirements{f: f}
	purchase = q.one(RolePurchaseDate, "pour connaître le jour de l'achat")
	show = q.one(RoleShowDate, "pour connaître le jour de la représentation (ou de la visite)")
	return
}

// leadBins are the lead-time bands: [lo, hi] days.
var leadBins = []struct {
	label  string
	lo, hi int
}{{"Le jour même", 0, 0}, {"1 à 7 jours", 1, 7}, {"8 à 14 jours", 8, 14}, {"15 à 30 jours", 15, 30}, {"31 à 60 jours", 31, 60}, {"61 à 90 jours", 61, 90}, {"Plus de 90 jours", 91, math.MaxInt32}}

// leadCap bounds the lead-time histogram (ten years; beyond, the exact
// value does not matter for a median).
const leadCap = 3650

// leadHist is a weighted histogram of lead times in days.
type leadHist struct {
	w   []float64 // w[d]: weight of lead time d (d = leadCap: leadCap or more)
	sum float64   // Σ weight × days, for the mean
	n   float64
}

func (h *leadHist) add(d int64, w float64) {
	if h.w == nil {
		h.w = make([]float64, leadCap+1)
	}
	h.sum += float64(d) * w
	h.n += w
	if d > leadCap {
		d = leadCap
	}
	h.w[d] += w
}

// quantile returns the value at position p (0-based, fractional positions
// between two values give the lower one).
func (h *leadHist) at(p float64) float64 {
	cum := 0.0
	for d, w := range h.w {
		cum += w
		if cum > p {
			return float64(d)
		}
	}
	return math.NaN()
}

// median averages the two middle values (0, 1, 1, 2, 3, 5, 7, 12, 60, 150
// → (3 + 5) / 2 = 4, as in fiche 4.02).
func (h *leadHist) median() float64 {
	if h.n == 0 {
		return math.NaN()
	}
	n := math.Round(h.n)
	if n == h.n {
		return (h.at(math.Floor((n-1)/2)) + h.at(math.Floor(n/2))) / 2
	}
	return h.at(h.n / 2)
}

func (h *leadHist) mean() float64 { return ratio(h.sum, h.n) }

func (h *leadHist) within(lo, hi int) float64 {
	t := 0.0
	for d := lo; d <= min(hi, leadCap); d++ {
		t += h.w[d]
	}
	return t
}

// leadHistograms computes, over the rows with both dates and a lead time ≥
// 0, the overall histogram and one per group of key (nil: none). It
// returns the number of rows with a negative lead time.
func leadHistograms(f *Frame, purchase, show *Column, key *Key) (all leadHist, groups []leadHist, labels []string, negative int, rows int) {
	var fill func(int, int, []int32)
	if key != nil {
		var lab labeler
		lab, fill = key.prepare(f)
		groups = make([]leadHist, lab.n)
		labels = make([]string, lab.n)
		for i := range labels {
			labels[i] = lab.label(i)
		}
	}
	var qty *Column
	if q := roleCol(f, RoleQuantity); q != nil && q.stor != storDict {
		qty = q
	}
	gid := make([]int32, min(ChunkRows, max(f.rows, 1)))
	for lo := 0; lo < f.rows; lo += ChunkRows {
		hi := min(lo+ChunkRows, f.rows)
		if fill != nil {
			fill(lo, hi, gid)
		}
		for i := lo; i < hi; i++ {
			pd, ok1 := dayAt(purchase, i)
			sd, ok2 := dayAt(show, i)
			if !ok1 || !ok2 {
				continue
			}
			d := sd - pd
			if d < 0 {
				negative++
				continue
			}
			rows++
			w := 1.0
			if qty != nil && qty.Valid(i) {
				w = qty.Float(i)
			}
			all.add(d, w)
			if fill != nil && gid[i-lo] >= 0 {
				groups[gid[i-lo]].add(d, w)
			}
		}
	}
	return
}

// askLeadTime: the lead-time distribution, median and mean, by discipline
// or age band.
func askLeadTime(f *Frame, p Params) *answer.Answer {
	a := newAnswer("delai-achat")
	purchase, show, q := leadCols(f)
	if a.Missing = q.missing; len(a.Missing) > 0 {
		return a
	}
	for _, c := range []*Column{purchase, show} {
		if !isDate(c) {
			a.Missing = append(a.Missing, answer.Need{Role: string(c.Role), Label: RoleLabel(c.Role), Why: "la colonne « " + c.Name + " » n'est pas lue comme une date : choisissez le type date"})
		}
	}
	if len(a.Missing) > 0 {
		return a
	}
	used(a, purchase, "jour de l'achat")
	used(a, show, "jour de la représentation ; délai = jours entre les deux dates")
	by := p.By
	disc := roleCol(f, RoleDiscipline)
	age, ageCols, _ := ageExpr(f)
	chn := roleCol(f, RoleChannel)
	if by == "" {
		by = "discipline"
	}
	var key *Key
	var keyName string
	switch {
	case by == "discipline" && disc != nil:
		k := byValue(disc)
		key, keyName = &k, "Discipline"
		used(a, disc, "délai par discipline")
	case by == "age" && ageCols != nil:
		k := ageBandKey(age)
		key, keyName = &k, "Tranche d'âge"
		for _, c := range ageCols {
			used(a, c, "âge à la date de la représentation, par tranche")
		}
	case by == "channel" && chn != nil:
		k := byValue(chn)
		key, keyName = &k, "Canal"
		used(a, chn, "délai par canal de vente")
	default:
		by = "none"
	}
	a.Variants = variants(by, "ensemble", "none", true, "par discipline", "discipline", disc != nil, "par tranche d'âge", "age", ageCols != nil, "par canal", "channel", chn != nil)
	all, groups, labels, negative, rows := leadHistograms(f, purchase, show, key)
	a.Rows = rows
	missingCaveat(a, f.rows-rows-negative, f.rows, "date d'achat ou de représentation")
	if negative > 0 {
		a.Caveats = append(a.Caveats, plural(negative, "ligne a", "lignes ont")+" une date d'achat postérieure à la représentation (erreur de saisie ou d'export ?) : "+pick(negative == 1, "elle n'est pas comptée.", "elles ne sont pas comptées."))
	}
	if all.n == 0 {
		return empty(a, "Aucune ligne n'a à la fois une date d'achat et une date de représentation : le délai ne peut pas être calculé.")
	}
	med, mean := all.median(), all.mean()
	week := all.within(0, 7) / all.n
	if med == 0 {
		a.Sentence = "La moitié des billets au moins sont achetés le jour même de la représentation ou de la visite (délai médian : 0 jour). Le délai moyen est de " + frDays(mean)
	} else {
		a.Sentence = "La moitié des billets sont achetés " + frDays(med) + " ou moins avant la représentation (délai médian). Le délai moyen est de " + frDays(mean)
	}
	if mean > 1.5*med && mean-med >= 3 {
		a.Sentence += " : les achats très anticipés (abonnements, groupes) tirent la moyenne vers le haut"
	}
	a.Sentence += ". " + capitalize(frPct(week)) + " des billets sont achetés dans les 7 derniers jours, jour même compris."
	// distribution
	t := answer.Table{Title: "Délai entre l'achat et la représentation", Columns: []answer.Column{col("Délai", answer.Text), col("Billets", answer.Int), col("Part", answer.Percent), col("Part cumulée", answer.Percent)}}
	cats := make([]string, len(leadBins))
	shares := make([]float64, len(leadBins))
	cum := 0.0
	for i, b := range leadBins {
		v := all.within(b.lo, b.hi)
		cum += v
		cats[i], shares[i] = b.label, v/all.n
		t.Rows = append(t.Rows, []any{b.label, v, v / all.n, cum / all.n})
	}
	a.Tables = append(a.Tables, t)
	a.Charts = append(a.Charts, answer.Chart{Kind: answer.Histogram, Title: "Part des billets selon le délai d'achat", XLabel: "Jours avant la représentation", YLabel: "Part des billets", Categories: cats, Series: []answer.Series{series("Billets", shares)}, Format: answer.Percent})
	a.Tables = append(a.Tables, answer.Table{Title: "Délai d'achat : médiane et moyenne", Columns: []answer.Column{col("Indicateur", answer.Text), col("Valeur", answer.Days)},
		Rows: [][]any{{"Délai médian", med}, {"Délai moyen", num(mean)}}})
	if key != nil {
		gt := answer.Table{Title: "Délai d'achat par " + lowerFirst(keyName), Columns: []answer.Column{col(keyName, answer.Text), col("Billets", answer.Int), col("Délai médian", answer.Days), col("Délai moyen", answer.Days), col("Achetés dans les 7 derniers jours", answer.Percent)}}
		var cl []string
		var meds, sizes []float64
		order := make([]float64, len(groups))
		for i := range groups {
			order[i] = groups[i].n
		}
		keep, _, _ := topN(labels, order, 1<<30)
		if by == "age" {
			keep = keep[:0]
			for i := range groups {
				keep = append(keep, i)
			}
		}
		for _, i := range keep {
			h := &groups[i]
			if h.n == 0 {
				continue
			}
			gt.Rows = append(gt.Rows, []any{labels[i], h.n, h.median(), num(h.mean()), h.within(0, 7) / h.n})
			cl = append(cl, labels[i])
			meds = append(meds, h.median())
			sizes = append(sizes, h.n)
		}
		if len(cl) > chartTop {
			gt.Note = "Le graphique montre les " + frInt(chartTop) + " groupes les plus grands."
		}
		a.Tables = append(a.Tables, gt)
		sizesAll, labelsAll := sizes, cl
		if len(cl) > chartTop {
			cl, meds = cl[:chartTop], meds[:chartTop]
		}
		a.Charts = append(a.Charts, answer.Chart{Kind: answer.Bar, Title: "Délai médian par " + lowerFirst(keyName), XLabel: "Jours", Categories: cl, Series: []answer.Series{series("Délai médian", meds)}, Format: answer.Days})
		if k, j := argmax(meds), argmin(meds); k >= 0 && len(meds) > 1 && meds[k] != meds[j] {
			a.Sentence += " Par " + lowerFirst(keyName) + ", le délai médian va de " + frDays(meds[j]) + " (" + cl[j] + ") à " + frDays(meds[k]) + " (" + cl[k] + ")."
		}
		smallCaveat(a, labelsAll, sizesAll, "billets")
	}
	a.Caveats = append(a.Caveats, "Le délai compte les jours du calendrier entre la date d'achat et celle de la représentation : un achat la veille compte 1 jour.")
	return a
}

//go:noinline
func pick(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}
