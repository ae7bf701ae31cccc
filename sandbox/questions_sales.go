package sandbox

import (
	"math"
	"strings"

	"coulisses/sandbox/answer"
)

// « panier » (average basket, tariff and channel mix) and « opt-in »
// (consent share, by channel).

func basketCols(f *Frame) (price *Column, q *requirements) {
	q = &requirements{f: f}
	price = q.one(RolePrice, "pour additionner les recettes")
	if price != nil && price.stor == storDict {
		q.missing = append(q.missing, answer.Need{Role: string(RolePrice), Label: RoleLabel(RolePrice), Why: "la colonne « " + price.Name + " » n'est pas lue comme un nombre : choisissez le type décimal"})
	}
	return
}

// askBasket: average basket (revenue ÷ orders), average paid ticket price
// (revenue ÷ paid tickets), tickets per order, and the tariff and channel
// mixes.
func askBasket(f *Frame, p Params) *answer.Answer {
	a := newAnswer("panier")
	price, q := basketCols(f)
	if a.Missing = q.missing; len(a.Missing) > 0 {
		return a
	}
	used(a, price, "montant de chaque ligne, additionné")
	sel := f.Where(Present(price))
	n := f.selCount(sel)
	a.Rows = n
	missingCaveat(a, f.rows-n, f.rows, "montant")
	if n == 0 {
		return empty(a, "Aucune ligne n'a de montant : le panier moyen ne peut pas être calculé.")
	}
	tickets, qty := ticketsAgg(f)
	if qty != nil {
		used(a, qty, "nombre de billets de chaque ligne")
	}
	paid := and2(sel, f.Where(Not(Between(Num(price), math.Inf(-1), 0))))
	g := f.grid(sel, allKey("Ensemble"), tickets, Sum(price))
	totT, totR := g.vals[0][0], g.vals[1][0]
	paidT := f.grid(paid, allKey("Ensemble"), tickets).vals[0][0]
	free := totT - paidT
	order := roleCol(f, RoleOrderID)
	summary := answer.Table{Title: "Panier moyen et prix moyen", Columns: []answer.Column{col("Indicateur", answer.Text), col("Calcul", answer.Text), col("Valeur", answer.Decimal)}}
	summary.Rows = append(summary.Rows, []any{"Recette", "somme des montants", totR}, []any{"Billets", pick(qty != nil, "somme des quantités", "nombre de lignes"), totT})
	avgTicket := ratio(totR, paidT)
	if order != nil {
		used(a, order, "commandes distinctes")
		orders := f.grid(sel, allKey("Ensemble"), CountDistinct(order)).vals[0][0]
		basket := ratio(totR, orders)
		summary.Rows = append(summary.Rows, []any{"Commandes", "numéros de commande distincts", orders},
			[]any{"Panier moyen", "recette ÷ commandes", num(basket)},
			[]any{"Billets par commande", "billets ÷ commandes", num(ratio(totT, orders))})
		a.Sentence = "Le panier moyen est de " + frEuros(basket) + " par commande, pour " + frDec(ratio(totT, orders), 1) + " billet" + pick(ratio(totT, orders) >= 2, "s", "") + " par commande en moyenne ; un billet payant coûte en moyenne " + frEuros(avgTicket) + "."
	} else {
		a.Sentence = "Un billet payant coûte en moyenne " + frEuros(avgTicket) + "."
		a.Caveats = append(a.Caveats, "Le fichier n'a pas de numéro de commande : le panier moyen (recette ÷ commandes) ne peut pas être calculé, seul le prix moyen du billet l'est. Ne confondez pas les deux.")
	}
	summary.Rows = append(summary.Rows, []any{"Prix moyen d'un billet payant", "recette ÷ billets payants", num(avgTicket)})
	if free > 0 {
		summary.Rows = append(summary.Rows, []any{"Billets à 0 € (invitations, exonérations)", "", free})
		a.Caveats = append(a.Caveats, plural(int(free), "billet est", "billets sont")+" à 0 € ou moins (invitations, exonérations, remboursements) : "+pick(free == 1, "il compte", "ils comptent")+" dans le nombre de billets et les commandes, pas dans le prix moyen d'un billet payant.")
	}
	a.Tables = append(a.Tables, summary)
	// mixes
	var parts []string
	for _, m := range []struct {
		role       Role
		name, what string
	}{{RoleTariff, "Tarif", "tarif"}, {RoleChannel, "Canal", "canal"}} {
		c := roleCol(f, m.role)
		if c == nil {
			continue
		}
		used(a, c, "part des billets et de la recette par "+m.what)
		mg := f.grid(sel, byValue(c), tickets, Sum(price))
		labels := mg.labels()
		tk, rv := mg.vals[0], mg.vals[1]
		mt := answer.Table{Title: "Mix par " + m.what, Columns: []answer.Column{col(m.name, answer.Text), col("Billets", answer.Int), col("Part des billets", answer.Percent), col("Recette", answer.Euros), col("Part de la recette", answer.Percent), col("Prix moyen", answer.Euros)}}
		keep, rest, hasRest := topN(labels, tk, 50, tk, rv)
		for _, i := range keep {
			if tk[i] == 0 {
				continue
			}
			mt.Rows = append(mt.Rows, []any{labels[i], tk[i], tk[i] / totT, rv[i], num(ratio(rv[i], totR)), num(ratio(rv[i], tk[i]))})
		}
		if hasRest {
			mt.Rows = append(mt.Rows, []any{othersLabel, rest[0], rest[0] / totT, rest[1], num(ratio(rest[1], totR)), num(ratio(rest[1], rest[0]))})
		}
		a.Tables = append(a.Tables, mt)
		ck, crest, chas := topN(labels, tk, chartTop, tk)
		var cats []string
		var vals []float64
		for _, i := range ck {
			if tk[i] > 0 {
				cats, vals = append(cats, labels[i]), append(vals, tk[i]/totT)
			}
		}
		if chas {
			cats, vals = append(cats, othersLabel), append(vals, crest[0]/totT)
		}
		a.Charts = append(a.Charts, answer.Chart{Kind: answer.Bar, Title: "Part des billets par " + m.what, XLabel: "Part des billets", Categories: cats, Series: []answer.Series{series("Billets", vals)}, Format: answer.Percent})
		if len(ck) > 0 {
			parts = append(parts, "le "+m.what+" le plus fréquent est « "+labels[ck[0]]+" » ("+frPct(tk[ck[0]]/totT)+" des billets)")
		}
	}
	if len(parts) > 0 {
		a.Sentence += " " + capitalize(strings.Join(parts, " ; ")) + "."
	}
	return a
}

// ---- opt-in ----

// optInYes and optInNo are the (folded) values read as consent or refusal.
var optInYes = []string{"oui", "o", "yes", "y", "1", "true", "vrai", "x", "opt-in", "optin", "abonne", "abonnee", "inscrit", "inscrite", "accepte", "consentement", "d'accord"}
var optInNo = []string{"non", "n", "no", "0", "false", "faux", "opt-out", "optout", "desabonne", "desabonnee", "desinscrit", "desinscrite", "refus", "refuse"}

// optInValue reads a consent cell: 1 yes, 0 no, -1 unknown.
func optInValue(s string) int8 {
	k := strings.ToLower(strings.TrimSpace(foldAccents(s)))
	for _, y := range optInYes {
		if k == y {
			return 1
		}
	}
	for _, n := range optInNo {
		if k == n {
			return 0
		}
	}
	return -1
}

// foldAccents removes French accents (é → e).
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f, ok := accentFold[r]; ok {
			b.WriteString(f)
		} else if f, ok := accentFold[r+('a'-'A')]; ok && r >= 'À' && r <= 'Ý' {
			b.WriteString(strings.ToUpper(f))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// optInCond reads the opt-in column as a condition, and lists the values
// read as yes and as no (for the answer's transparency).
func optInCond(c *Column) (cond Cond, yes, no, unknown []string) {
	if c.stor == storDict {
		dict := c.Dict()
		v := make([]int8, len(dict))
		for k, s := range dict {
			v[k] = optInValue(s)
			switch v[k] {
			case 1:
				yes = append(yes, s)
			case 0:
				no = append(no, s)
			default:
				unknown = append(unknown, s)
			}
		}
		_, fill := byValue(c).prepare(nil)
		var ids []int32
		return Cond{Name: c.Name, eval: func(lo, hi int, out []int8) {
			if len(ids) < hi-lo {
				ids = make([]int32, hi-lo)
			}
			fill(lo, hi, ids)
			for i, k := range ids[:hi-lo] {
				out[i] = -1
				if k >= 0 {
					out[i] = v[k]
				}
			}
		}}, yes, no, unknown
	}
	return Cond{Name: c.Name, eval: func(lo, hi int, out []int8) {
		for i := lo; i < hi; i++ {
			out[i-lo] = -1
			if c.Valid(i) {
				if c.Float(i) != 0 {
					out[i-lo] = 1
				} else {
					out[i-lo] = 0
				}
			}
		}
	}}, []string{"oui (vrai, 1)"}, []string{"non (faux, 0)"}, nil
}

func optInCols(f *Frame) (opt *Column, q *requirements) {
	q = &requirements{f: f}
	opt = q.one(RoleOptIn, "pour savoir qui a accepté de recevoir vos messages")
	return
}

// consentRows reads the consent of each row (1 yes, 0 no, -1 unknown) and
// selects the rows that count: with a customer id (else an e-mail
// address), each person's most recent readable consent (latest purchase
// date, else last row); otherwise every readable row.
func consentRows(f *Frame, cond Cond) (vals []int8, sel Bitmap, cust, date *Column) {
	vals = make([]int8, f.rows)
	forChunks(f.rows, func(lo, hi int) { cond.eval(lo, hi, vals[lo:hi]) })
	sel = NewBitmap(f.rows)
	cust = roleCol(f, RoleCustomerID)
	if cust == nil {
		cust = roleCol(f, RoleEmail)
	}
	if cust == nil {
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if vals[i] >= 0 {
					sel.Set(i)
				}
			}
		})
		return vals, sel, nil, nil
	}
	ids, lab := keyIDs(f, byValue(cust))
	best := make([]int32, lab.n)
	bestDay := make([]int64, lab.n)
	for i := range best {
		best[i], bestDay[i] = -1, math.MinInt64
	}
	date = roleCol(f, RolePurchaseDate)
	if !isDate(date) {
		date = nil
	}
	forChunks(f.rows, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			c := ids[i]
			if c < 0 || vals[i] < 0 {
				continue
			}
			d, ok := dayAt(date, i)
			if !ok {
				d = math.MinInt64 + 1
			}
			if d >= bestDay[c] {
				best[c], bestDay[c] = int32(i), d
			}
		}
	})
	for _, r := range best {
		if r >= 0 {
			sel.Set(int(r))
		}
	}
	return vals, sel, cust, date
}

// askOptIn: the share of people who consented, overall and by channel.
// With a customer id, each customer counts once, with their most recent
// consent (latest purchase date, else last row).
func askOptIn(f *Frame, p Params) *answer.Answer {
	a := newAnswer("opt-in")
	opt, q := optInCols(f)
	if a.Missing = q.missing; len(a.Missing) > 0 {
		return a
	}
	cond, yes, no, unk := optInCond(opt)
	used(a, opt, "accord lu dans les valeurs : "+strings.Join(limitList(yes, 6), ", ")+" ; refus : "+strings.Join(limitList(no, 6), ", "))
	vals, sel, cust, date := consentRows(f, cond)
	unit := "personnes"
	if cust != nil {
		used(a, cust, "chaque personne compte une fois, avec son consentement le plus récent")
		if date != nil {
			used(a, date, "consentement le plus récent")
		}
	} else {
		unit = "lignes"
	}
	known := f.selCount(sel)
	a.Rows = known
	unknownRows := 0
	forChunks(len(vals), func(lo, hi int) {
		for _, v := range vals[lo:hi] {
			if v < 0 {
				unknownRows++
			}
		}
	})
	if unknownRows > 0 {
		s := plural(unknownRows, "ligne n'a", "lignes n'ont") + " pas de consentement lisible (vide"
		if len(unk) > 0 {
			s += ", ou « " + strings.Join(limitList(unk, 4), " », « ") + " »"
		}
		a.Caveats = append(a.Caveats, s+") : "+pick(unknownRows == 1, "elle n'est pas comptée.", "elles ne sont pas comptées."))
	}
	if known == 0 {
		return empty(a, "Aucune valeur de consentement n'a pu être lue (oui/non, 1/0, vrai/faux) : le taux ne peut pas être calculé.")
	}
	yesCond := Cond{Name: "opt-in", eval: func(lo, hi int, out []int8) { copy(out[:hi-lo], vals[lo:hi]) }}
	og := f.grid(sel, allKey("Ensemble"), Share(yesCond), Count())
	rate, total := og.vals[0][0], og.vals[1][0]
	a.Sentence = capitalize(frPct(rate)) + " des " + unit + " ont donné leur accord (" + frInt(int(math.Round(rate*total))) + " sur " + frInt(int(total)) + ") : c'est la taille réelle du public auquel vous pouvez écrire."
	t := answer.Table{Title: "Taux d'opt-in", Columns: []answer.Column{col("Canal", answer.Text), col(capitalize(unit), answer.Int), col("Ont donné leur accord", answer.Int), col("Taux d'opt-in", answer.Percent)}}
	chn := roleCol(f, RoleChannel)
	var labels []string
	var rates, sizes []float64
	if chn != nil {
		used(a, chn, "taux par canal (d'achat ou d'inscription)")
		cg := f.grid(sel, byValue(chn), Share(yesCond), Count())
		all := cg.labels()
		keep, _, _ := topN(all, cg.vals[1], 1<<30)
		for _, i := range keep {
			if cg.vals[1][i] == 0 {
				continue
			}
			r, n := cg.vals[0][i], cg.vals[1][i]
			t.Rows = append(t.Rows, []any{all[i], n, math.Round(r * n), num(r)})
			labels, rates, sizes = append(labels, all[i]), append(rates, r), append(sizes, n)
		}
		if len(labels) > 1 {
			hiK, loK := argmax(rates), argmin(rates)
			a.Sentence += " Par canal, le taux va de " + frPct(rates[loK]) + " (" + labels[loK] + ") à " + frPct(rates[hiK]) + " (" + labels[hiK] + ")."
		}
		smallCaveat(a, labels, sizes, unit)
		a.Caveats = append(a.Caveats, "Un écart entre canaux tient souvent à la formulation de la question et au moment où elle est posée, autant qu'au public.")
	}
	t.Rows = append(t.Rows, []any{"Ensemble", total, math.Round(rate * total), rate})
	if chn == nil {
		t.Columns[0].Name = ""
	}
	a.Tables = append(a.Tables, t)
	cl, cr := labels, rates
	if len(cl) > chartTop {
		cl, cr = cl[:chartTop], cr[:chartTop]
	}
	cl = append(append([]string{}, cl...), "Ensemble")
	cr = append(append([]float64{}, cr...), rate)
	a.Charts = append(a.Charts, answer.Chart{Kind: answer.Bar, Title: "Taux d'opt-in" + pick(chn != nil, " par canal", ""), XLabel: "Part des " + unit + " ayant donné leur accord", Categories: cl, Series: []answer.Series{series("Taux d'opt-in", cr)}, Format: answer.Percent})
	a.Caveats = append(a.Caveats, "Un accord n'est valable que s'il a été donné librement, pour une finalité précise, et si vous pouvez le prouver : une case précochée ne vaut pas consentement.")
	return a
}

// limitList keeps the first n values of a sorted copy, « … » after.
//
//go:noinline
func limitList(vs []string, n int) []string {
	out := append([]string{}, vs...)
	sortStrings(out)
	if len(out) > n {
		out = append(out[:n], "…")
	}
	return out
}
