package sandbox

import (
	"coulisses/sandbox/answer"
)

// « rfm »: a recency × frequency grid with the amount spent beside it, as
// in fiche 4.03. Recency: came during the latest season of the file, or
// only before (with a single season: the last 180 days, or before).
// Frequency: 1 visit, 2 or 3, 4 or more (a visit as in « fidelite »).
// Monetary: total and average spending per segment, shown but not used
// to cut segments (the fiche: for a public-service venue the amount
// favours full-price buyers).

// rfmSegment is one cell of the grid.
type rfmSegment struct {
	name, desc string
	recent     bool
	flo, fhi   int32
}

var rfmSegments = []rfmSegment{
	{"Piliers", "Venus récemment et souvent : à remercier, à associer (accès prioritaire, avis demandé).", true, 4, 1 << 30},
	{"Réguliers", "Venus récemment, deux ou trois fois : à accompagner vers l'habitude.", true, 2, 3},
	{"Nouveaux", "Une seule venue, récente : le passage à la deuxième venue est l'enjeu principal.", true, 1, 1},
	{"Anciens piliers", "Venus souvent, mais pas récemment : une prise de nouvelles personnelle s'impose.", false, 4, 1 << 30},
	{"Anciens habitués", "Venus deux ou trois fois, pas récemment : à reconquérir, en demandant ce qui les retient.", false, 2, 3},
	{"Venus une fois", "Une seule venue, ancienne : ne pas les relancer sans fin (durées de conservation).", false, 1, 1},
}

func rfmCols(f *Frame) (cust *Column, q *requirements) {
	q = &requirements{f: f}
	cust = q.one(RoleCustomerID, "pour reconnaître une même personne d'un achat à l'autre")
	if !isDate(roleCol(f, RoleShowDate)) && !isDate(roleCol(f, RolePurchaseDate)) {
		q.any("pour savoir quand chaque acheteur est venu pour la dernière fois", RoleShowDate, RolePurchaseDate)
	}
	return
}

// rfmRecentDays is the recency cut when the file covers a single season.
const rfmRecentDays = 180

// askRFM: the six recency × frequency segments with counts, amounts and
// plain-French descriptions.
func askRFM(f *Frame, p Params) *answer.Answer {
	a := newAnswer("rfm")
	cust, q := rfmCols(f)
	if a.Missing = q.missing; len(a.Missing) > 0 {
		return a
	}
	s := customerStats(f, cust)
	used(a, cust, "même identifiant = même personne")
	used(a, s.dateCol, "récence : date de la dernière venue")
	a.Rows = s.rows
	missingCaveat(a, f.rows-s.rows, f.rows, "identifiant client")
	n := s.customers()
	if n == 0 {
		return empty(a, "Aucune ligne n'a d'identifiant client : les acheteurs ne peuvent pas être segmentés.")
	}
	price := roleCol(f, RolePrice)
	if price != nil && price.stor == storDict {
		price = nil
	}
	if price != nil {
		used(a, price, "montant : somme dépensée par acheteur")
	}
	// recency cut
	var recentLabel, oldLabel string
	var isRecent func(c int) bool
	lastSeason := s.nSeasons - 1
	_, hiDay, _ := s.dateCol.intRange()
	if s.dateCol.Type == DateTime {
		hiDay = floorDiv(hiDay, 86400)
	}
	if s.nSeasons >= 2 {
		recentLabel = "Venus en " + seasonLabel(s.season0+lastSeason)
		oldLabel = "Venus seulement avant"
		isRecent = func(c int) bool { return s.seasons[c]&(1<<uint(lastSeason)) != 0 }
		used(a, s.dateCol, "récent = venu pendant la dernière saison du fichier ("+seasonLabel(s.season0+lastSeason)+")")
	} else {
		recentLabel = "Venus dans les " + frInt(rfmRecentDays) + " derniers jours"
		oldLabel = "Venus avant"
		isRecent = func(c int) bool { return s.lastDay[c] > hiDay-rfmRecentDays }
		used(a, s.dateCol, "récent = venu dans les "+frInt(rfmRecentDays)+" jours précédant la dernière date du fichier ("+FormatDateFR(hiDay)+")")
	}
	cnt := make([]float64, len(rfmSegments))
	spend := make([]float64, len(rfmSegments))
	totalSpend := 0.0
	forChunks(s.n, func(lo, hi int) {
		for c := lo; c < hi; c++ {
			if !s.active[c] {
				continue
			}
			r := isRecent(c)
			v := max(s.visits[c], 1)
			for k, seg := range rfmSegments {
				if seg.recent == r && v >= seg.flo && v <= seg.fhi {
					cnt[k]++
					spend[k] += s.spend[c]
					totalSpend += s.spend[c]
					break
				}
			}
		}
	})
	t := answer.Table{Title: "Segments RFM", Columns: []answer.Column{col("Segment", answer.Text), col("Description", answer.Text), col("Acheteurs", answer.Int), col("Part des acheteurs", answer.Percent)}}
	if price != nil {
		t.Columns = append(t.Columns, col("Recette", answer.Euros), col("Part de la recette", answer.Percent), col("Dépense moyenne", answer.Euros))
	}
	names := make([]string, len(rfmSegments))
	for k, seg := range rfmSegments {
		names[k] = seg.name
		row := []any{seg.name, seg.desc, cnt[k], cnt[k] / float64(n)}
		if price != nil {
			row = append(row, spend[k], num(ratio(spend[k], totalSpend)), num(ratio(spend[k], cnt[k])))
		}
		t.Rows = append(t.Rows, row)
	}
	t.Note = "Une venue : " + s.visitHow + "."
	a.Tables = append(a.Tables, t)
	a.Charts = append(a.Charts, answer.Chart{Kind: answer.Bar, Title: "Acheteurs par segment", XLabel: "Acheteurs", Categories: names, Series: []answer.Series{series("Acheteurs", cnt)}, Format: answer.Int})
	// the grid, as in fiche 4.03
	freq := []string{"1 venue", "2 ou 3 venues", "4 venues et plus"}
	grid := answer.Table{Title: "Grille récence × fréquence (acheteurs)", Columns: []answer.Column{col("Dernière venue", answer.Text), col(freq[0], answer.Int), col(freq[1], answer.Int), col(freq[2], answer.Int)},
		Rows: [][]any{{recentLabel, cnt[2], cnt[1], cnt[0]}, {oldLabel, cnt[5], cnt[4], cnt[3]}}}
	a.Tables = append(a.Tables, grid)
	a.Charts = append(a.Charts, answer.Chart{Kind: answer.Heatmap, Title: "Grille récence × fréquence", XLabel: "Fréquence", YLabel: "Récence", Categories: freq,
		Series: []answer.Series{series(recentLabel, []float64{cnt[2], cnt[1], cnt[0]}), series(oldLabel, []float64{cnt[5], cnt[4], cnt[3]})}, Format: answer.Int})
	a.Sentence = "Sur " + plural(n, "acheteur identifié", "acheteurs identifiés") + ", " + frInt(int(cnt[0])) + " sont des piliers (venus récemment et au moins quatre fois) et " + frInt(int(cnt[2])) + " des nouveaux (une seule venue, récente) : ce sont eux qu'il faut faire revenir une deuxième fois."
	if old := cnt[3] + cnt[4]; old > 0 {
		a.Sentence += " " + capitalize(frInt(int(old))) + " anciens habitués ne sont pas revenus récemment."
	}
	smallCaveat(a, names, cnt, "acheteurs")
	if price != nil {
		a.Caveats = append(a.Caveats, "Le montant est donné pour information, il ne sert pas à découper les segments : il favorise ceux qui paient plein tarif et relègue les tarifs réduits et solidaires, parfois précisément les publics que le projet veut toucher.")
	}
	if s.nSeasons >= 2 {
		seasonCoverageCaveat(a, s)
	}
	return a
}
