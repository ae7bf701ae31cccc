package sandbox

import (
	"coulisses/sandbox/answer"
)

// « origine »: where the audience comes from, by French département or
// Canadian forward sortation area.

func originCols(f *Frame) (pc *Column, q *requirements) {
	q = &requirements{f: f}
	pc = q.one(RolePostcode, "pour situer chaque acheteur par son département (ou sa zone postale au Canada)")
	return
}

// countUnit chooses what an origin counts: distinct customers, else
// distinct orders, else tickets.
func countUnit(f *Frame) (agg Agg, c *Column, plural, one string) {
	if c := roleCol(f, RoleCustomerID); c != nil {
		return CountDistinct(c), c, "acheteurs", "acheteur"
	}
	if c := roleCol(f, RoleOrderID); c != nil {
		return CountDistinct(c), c, "commandes", "commande"
	}
	a, q := ticketsAgg(f)
	if q != nil {
		return a, q, "billets", "billet"
	}
	return a, nil, "lignes", "ligne"
}

// askOrigin: the share of each département (or FSA), top N and « Autres »,
// optionally by discipline or channel.
func askOrigin(f *Frame, p Params) *answer.Answer {
	a := newAnswer("origine")
	pc, q := originCols(f)
	if a.Missing = q.missing; len(a.Missing) > 0 {
		return a
	}
	ids, places, unknown, fixed := placeIDs(pc)
	used(a, pc, "département (2 premiers chiffres ; Corse 2A/2B ; outre-mer 3 chiffres) ou zone postale canadienne (3 premiers caractères)")
	_, unitCol, unit, _ := countUnit(f)
	if unitCol != nil {
		used(a, unitCol, unit+" distincts comptés")
	}
	labels := make([]string, len(places))
	for i, pl := range places {
		labels[i] = pl.Label()
	}
	sel := f.Where(Present(pc))
	rows := 0
	for _, id := range ids {
		if id >= 0 {
			rows++
		}
	}
	a.Rows = rows
	missingCaveat(a, f.rows-f.selCount(sel), f.rows, "code postal")
	if unknown > 0 {
		a.Caveats = append(a.Caveats, plural(unknown, "code postal n'a pas été reconnu", "codes postaux n'ont pas été reconnus")+" (ni français ni canadien, ou mal saisis) : "+pick(unknown == 1, "il n'est pas compté.", "ils ne sont pas comptés."))
	}
	if fixed > 0 {
		a.Caveats = append(a.Caveats, plural(fixed, "code postal à 4 chiffres a été complété", "codes postaux à 4 chiffres ont été complétés")+" d'un zéro initial (1000 → 01000), perdu sans doute dans un tableur. S'il s'agit de codes belges, suisses ou luxembourgeois, ils sont mal placés.")
	}
	if rows == 0 {
		return empty(a, "Aucun code postal n'a pu être rattaché à un département ou à une zone postale : la question ne peut pas être calculée.")
	}
	cnt := countPer(f, nil, ids, len(places), unitCol)
	all := make([]int32, len(ids))
	forChunks(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			all[i] = -1
			if ids[i] >= 0 {
				all[i] = 0
			}
		}
	})
	total := countPer(f, nil, all, 1, unitCol)[0]
	top := p.Top
	if top <= 0 {
		top = 10
	}
	// table: every place (up to 200), largest first
	t := answer.Table{Title: "Origine des " + unit, Columns: []answer.Column{col("Origine", answer.Text), col("Code", answer.Text), col(capitalize(unit), answer.Int), col("Part", answer.Percent)}}
	keep, rest, hasRest := topN(labels, cnt, 200, cnt)
	for _, i := range keep {
		if cnt[i] == 0 {
			continue
		}
		t.Rows = append(t.Rows, []any{places[i].Name, places[i].Code, cnt[i], cnt[i] / total})
	}
	if hasRest {
		t.Rows = append(t.Rows, []any{othersLabel, "", rest[0], rest[0] / total})
	}
	a.Tables = append(a.Tables, t)
	// chart: top N + Autres
	ck, crest, chasRest := topN(labels, cnt, top, cnt)
	var cats []string
	var vals []float64
	topShare := 0.0
	for _, i := range ck {
		if cnt[i] == 0 {
			continue
		}
		cats, vals = append(cats, labels[i]), append(vals, cnt[i]/total)
		topShare += cnt[i] / total
	}
	if chasRest {
		cats, vals = append(cats, othersLabel), append(vals, crest[0]/total)
	}
	a.Charts = append(a.Charts, answer.Chart{Kind: answer.Bar, Title: "Part des " + unit + " par origine", XLabel: "Part des " + unit, Categories: cats, Series: []answer.Series{series(capitalize(unit), vals)}, Format: answer.Percent})
	first := ck[0]
	pl := places[first]
	what := "département"
	switch pl.Kind {
	case PlaceCanada:
		what = "zone postale"
	case PlaceOverseas, PlaceMonaco:
		what = "territoire"
	}
	a.Sentence = "Premier " + what + " d'origine : " + pl.Label() + ", avec " + frPct(cnt[first]/total) + " des " + unit + " dont le code postal est reconnu"
	if chasRest {
		a.Sentence += " ; les " + frInt(len(ck)) + " premiers réunissent " + frPct(topShare) + "."
	} else {
		a.Sentence += "."
	}
	// zones
	zones := []string{"France métropolitaine", "Outre-mer", "Monaco", "Canada"}
	zk := make([]int32, len(places))
	for i, pl := range places {
		switch pl.Kind {
		case PlaceFrance:
			zk[i] = 0
		case PlaceOverseas:
			zk[i] = 1
		case PlaceMonaco:
			zk[i] = 2
		default:
			zk[i] = 3
		}
	}
	zids := make([]int32, len(ids))
	forChunks(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			id := ids[i]
			zids[i] = -1
			if id >= 0 {
				zids[i] = zk[id]
			}
		}
	})
	zc := countPer(f, nil, zids, len(zones), unitCol)
	nz := 0
	for _, v := range zc {
		if v > 0 {
			nz++
		}
	}
	if nz > 1 {
		zt := answer.Table{Title: "Grandes zones", Columns: []answer.Column{col("Zone", answer.Text), col(capitalize(unit), answer.Int), col("Part", answer.Percent)}}
		for z, v := range zc {
			if v > 0 {
				zt.Rows = append(zt.Rows, []any{zones[z], v, v / total})
			}
		}
		a.Tables = append(a.Tables, zt)
	}
	// small cells: what a shared table would have to group
	small := 0
	for _, v := range cnt {
		if v > 0 && v < 10 {
			small++
		}
	}
	if small > 0 {
		a.Caveats = append(a.Caveats, plural(small, "origine compte", "origines comptent")+" moins de 10 "+unit+" : avant de partager un tableau par origine, regroupez-les (par exemple en « "+othersLabel+" »), sinon des personnes pourraient être reconnues.")
	}
	if unit != "acheteurs" {
		a.Caveats = append(a.Caveats, "Sans identifiant client, ce sont des "+unit+" qui sont comptées, pas des personnes : une famille venue de loin pèse une seule ligne, un habitué en pèse beaucoup.")
	}
	// by discipline or channel
	disc, chn := roleCol(f, RoleDiscipline), roleCol(f, RoleChannel)
	a.Variants = variants(p.By, "ensemble", "none", true, "par discipline", "discipline", disc != nil, "par canal", "channel", chn != nil)
	var byCol *Column
	var byName string
	switch {
	case p.By == "discipline" && disc != nil:
		byCol, byName = disc, "Discipline"
	case p.By == "channel" && chn != nil:
		byCol, byName = chn, "Canal"
	}
	if byCol != nil {
		used(a, byCol, "répartition de l'origine pour chaque "+lowerFirst(byName))
		originBy(f, a, ids, ck, labels, byCol, byName, unitCol, unit)
	}
	return a
}

// placeSel selects the rows whose place is known.
func placeSel(ids []int32, n int) Bitmap {
	b := NewBitmap(n)
	forChunks(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			id := ids[i]
			if id >= 0 {
				b.Set(i)
			}
		}
	})
	return b
}

// originBy adds, for each group of byCol, the share of the top origins.
func originBy(f *Frame, a *answer.Answer, ids []int32, topIdx []int, labels []string, byCol *Column, byName string, unitCol *Column, unit string) {
	if len(topIdx) > 5 {
		topIdx = topIdx[:5]
	}
	rank := map[int32]int32{}
	for r, i := range topIdx {
		rank[int32(i)] = int32(r)
	}
	no := len(topIdx) + 1 // + Autres
	oids := make([]int32, len(ids))
	forChunks(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			id := ids[i]
			oids[i] = -1
			if id >= 0 {
				if r, ok := rank[id]; ok {
					oids[i] = r
				} else {
					oids[i] = int32(no - 1)
				}
			}
		}
	})
	olabels := make([]string, no)
	for r, i := range topIdx {
		olabels[r] = labels[i]
	}
	olabels[no-1] = othersLabel
	sel := placeSel(ids, f.rows)
	gk, ng := compactKey(f, sel, byValue(byCol))
	gl, _ := keyLabels(gk, f)
	gids, _ := keyIDs(f, gk)
	tot := countPer(f, sel, gids, ng, unitCol)
	cross := make([]int32, len(gids))
	forChunks(len(gids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			cross[i] = -1
			if gids[i] >= 0 && oids[i] >= 0 {
				cross[i] = gids[i]*int32(no) + oids[i]
			}
		}
	})
	cc := countPer(f, sel, cross, ng*no, unitCol)
	t := answer.Table{Title: "Origine des " + unit + " par " + lowerFirst(byName), Columns: []answer.Column{col(byName, answer.Text), col(capitalize(unit), answer.Int)}}
	for _, l := range olabels {
		t.Columns = append(t.Columns, col(l, answer.Percent))
	}
	ch := answer.Chart{Kind: answer.StackedBar, Title: "Origine des " + unit + " par " + lowerFirst(byName), Format: answer.Percent}
	keep, _, _ := topN(gl, tot, chartTop)
	cols := make([][]float64, no)
	for _, k := range keep {
		row := []any{gl[k], tot[k]}
		for o := 0; o < no; o++ {
			s := ratio(cc[k*no+o], tot[k])
			row = append(row, num(s))
			cols[o] = append(cols[o], s)
		}
		t.Rows = append(t.Rows, row)
		ch.Categories = append(ch.Categories, gl[k])
	}
	for o := 0; o < no; o++ {
		ch.Series = append(ch.Series, series(olabels[o], cols[o]))
	}
	if len(keep) < ng {
		t.Note = "Les " + frInt(ng-len(keep)) + " groupes les plus petits ne sont pas montrés."
	}
	a.Tables = append(a.Tables, t)
	a.Charts = append(a.Charts, ch)
	if unit == "acheteurs" {
		a.Caveats = append(a.Caveats, "Par "+lowerFirst(byName)+", un acheteur venu pour plusieurs groupes compte dans chacun : les effectifs ne s'additionnent pas.")
	}
}
