package sandbox

import (
	"sort"
	"strings"

	"coulisses/sandbox/answer"
)

// « information »: how the audience hears of the shows, from a survey
// export whose cells may hold several answers (« Presse ; Réseaux
// sociaux »). Answers are split on ; , / and |, read into a few canonical
// sources, and counted once per respondent.

// infoSources are the canonical sources and the words that point to them
// (accent-folded, lower case; a word matches a whole token or a run of
// tokens).
var infoSources = []struct {
	label string
	words []string
}{
	{"Bouche-à-oreille", []string{"bouche a oreille", "bouche oreille", "amis", "ami", "amie", "famille", "proches", "proche", "entourage", "collegue", "collegues", "recommandation", "conseil"}},
	{"Réseaux sociaux", []string{"reseaux sociaux", "reseau social", "reseaux", "facebook", "instagram", "tiktok", "twitter", "linkedin", "youtube", "snapchat", "bluesky", "mastodon", "threads", "rs"}},
	{"Lettre d'information", []string{"lettre d information", "lettre information", "newsletter", "infolettre", "courriel", "e mail", "email", "mail", "mailing"}},
	{"Site internet", []string{"site internet", "site web", "site", "internet", "web", "google", "moteur de recherche", "en ligne"}},
	{"Presse", []string{"presse", "journal", "journaux", "article", "magazine", "quotidien", "critique", "hebdomadaire", "presse ecrite"}},
	{"Radio, télévision", []string{"radio", "television", "tele", "tv", "podcast"}},
	{"Affiches, tracts", []string{"affiche", "affiches", "affichage", "flyer", "flyers", "tract", "tracts", "panneau", "abribus"}},
	{"Programme de saison", []string{"programme", "brochure", "plaquette", "livret", "programme de saison"}},
	{"Office de tourisme", []string{"office de tourisme", "office tourisme", "tourisme"}},
	{"Déjà venu, abonné", []string{"abonne", "abonnee", "abonnement", "habitue", "habituee", "deja venu", "deja venue", "fidele"}},
}

// splitAnswers splits a multi-answer cell on ; , / and |.
func splitAnswers(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '/' || r == '|' })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sourceTokens folds accents, lowers, and splits on anything but letters
// and digits.
func sourceTokens(s string) []string {
	s = strings.ToLower(foldAccents(s))
	return strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
}

// InfoSource maps one answer to its canonical source (« Facebook » →
// « Réseaux sociaux »); ok false when no word matches.
func InfoSource(answer string) (string, bool) {
	toks := sourceTokens(answer)
	for _, src := range infoSources {
		for _, w := range src.words {
			if hasRun(toks, strings.Fields(w)) {
				return src.label, true
			}
		}
	}
	return "", false
}

func hasRun(toks, run []string) bool {
	for i := 0; i+len(run) <= len(toks); i++ {
		ok := true
		for k, w := range run {
			if toks[i+k] != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// findInfoSource returns the column holding the information sources: the
// one with role info_source, else a text column whose name speaks of it
// (« Comment avez-vous connu… », « Source d'information ») or whose values
// are mostly sources.
func findInfoSource(f *Frame) *Column {
	if c := roleCol(f, RoleInfoSource); c != nil {
		return c
	}
	var best *Column
	bestScore := 0.0
	for _, c := range f.cols {
		if c.stor != storDict || c.Role.Personal() || c.Role == RoleCustomerID || c.Role == RoleOrderID {
			continue
		}
		name := " " + normName(c.Name) + " "
		score := 0.0
		for _, w := range []string{" connu ", " informe ", " information ", " informes ", " entendu ", " decouvert ", " source ", " sources ", " canaux information ", " comment avez vous "} {
			if strings.Contains(name, w) {
				score += 1
			}
		}
		// content: share of dictionary entries (weighted by nothing: a
		// cheap look) that read as sources
		match, seen := 0, 0
		for _, s := range c.Dict() {
			if seen == 300 {
				break
			}
			seen++
			for _, part := range splitAnswers(s) {
				if _, ok := InfoSource(part); ok {
					match++
					break
				}
			}
		}
		if seen > 0 {
			score += 2 * float64(match) / float64(seen)
		}
		if score > bestScore && (score >= 1.2 || seen > 0 && float64(match)/float64(seen) >= 0.5) {
			best, bestScore = c, score
		}
	}
	return best
}

func informationCols(f *Frame) (src *Column, q *requirements) {
	q = &requirements{f: f}
	src = findInfoSource(f)
	if src == nil {
		q.missing = append(q.missing, answer.Need{Role: string(RoleInfoSource), Label: RoleLabel(RoleInfoSource), Why: "la réponse à « Comment avez-vous connu ce spectacle ? » (plusieurs réponses possibles, séparées par ; , / ou |)"})
	}
	return
}

// askInformation: the share of respondents citing each source, overall
// and by age band.
func askInformation(f *Frame, p Params) *answer.Answer {
	a := newAnswer("information")
	src, q := informationCols(f)
	if a.Missing = q.missing; len(a.Missing) > 0 {
		return a
	}
	used(a, src, "réponses séparées sur ; , / ou | et regroupées en grandes sources")
	// per dictionary entry: its sources (raw labels first)
	rawIdx := map[string]int{}
	var raw []string
	codes := textCodes(src)
	per := make([][]int, len(src.Dict()))
	for k, s := range src.Dict() {
		for _, part := range splitAnswers(s) {
			label, ok := InfoSource(part)
			if !ok {
				label = capitalize(strings.TrimSpace(part))
			}
			id, seen := rawIdx[label]
			if !seen {
				id = len(raw)
				rawIdx[label] = id
				raw = append(raw, label)
			}
			dup := false
			for _, x := range per[k] {
				dup = dup || x == id
			}
			if !dup {
				per[k] = append(per[k], id)
			}
		}
	}
	// first pass: respondents per raw label
	cnt := make([]float64, len(raw))
	respondents := 0
	forChunks(f.rows, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if codes[i] < 0 {
				continue
			}
			ids := per[codes[i]]
			if len(ids) == 0 {
				continue
			}
			respondents++
			for _, id := range ids {
				cnt[id]++
			}
		}
	})
	a.Rows = respondents
	missingCaveat(a, f.rows-respondents, f.rows, "réponse sur les sources d'information")
	if respondents == 0 {
		return empty(a, "Aucune réponse sur les sources d'information : la question ne peut pas être calculée.")
	}
	// final sources: canonical ones, free answers cited by at least 1 % of
	// respondents (at most chartTop sources), the rest in « Autres »
	canonical := map[string]bool{}
	for _, s := range infoSources {
		canonical[s.label] = true
	}
	order := make([]int, len(raw))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		if cnt[order[x]] != cnt[order[y]] {
			return cnt[order[x]] > cnt[order[y]]
		}
		return raw[order[x]] < raw[order[y]]
	})
	final := make([]int, len(raw))
	var labels []string
	others := -1
	for _, id := range order {
		if canonical[raw[id]] || (cnt[id] >= float64(respondents)/100 && len(labels) < chartTop) {
			final[id] = len(labels)
			labels = append(labels, raw[id])
			continue
		}
		if others < 0 {
			others = -2 // placed after the loop
		}
		final[id] = -1
	}
	if others == -2 {
		others = len(labels)
		labels = append(labels, othersLabel)
		for id := range final {
			if final[id] == -1 {
				final[id] = others
			}
		}
	}
	// second pass: respondents per final source, overall and by age band
	age := findAge(f)
	var bandIDs []int32
	var bandLabels []string
	if age != nil {
		bk := ageKeyOf(f, age)
		var lab labeler
		bandIDs, lab = keyIDs(f, bk)
		bandLabels = make([]string, lab.n)
		for i := range bandLabels {
			bandLabels[i] = lab.label(i)
		}
	}
	nl := len(labels)
	fc := make([]float64, nl)
	nb := len(bandLabels)
	bc := make([]float64, nb*nl)
	bresp := make([]float64, nb)
	mark := make([]int, nl)
	for i := range mark {
		mark[i] = -1
	}
	forChunks(f.rows, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if codes[i] < 0 {
				continue
			}
			ids := per[codes[i]]
			if len(ids) == 0 {
				continue
			}
			b := int32(-1)
			if bandIDs != nil {
				b = bandIDs[i]
			}
			if b >= 0 {
				bresp[b]++
			}
			for _, id := range ids {
				l := final[id]
				if mark[l] == i { // two raw answers in one source: once per respondent
					continue
				}
				mark[l] = i
				fc[l]++
				if b >= 0 {
					bc[int(b)*nl+l]++
				}
			}
		}
	})
	rank := make([]int, nl)
	for i := range rank {
		rank[i] = i
	}
	sort.SliceStable(rank, func(x, y int) bool {
		lx, ly := labels[rank[x]] == othersLabel, labels[rank[y]] == othersLabel
		if lx != ly {
			return ly
		}
		return fc[rank[x]] > fc[rank[y]]
	})
	t := answer.Table{Title: "Sources d'information citées", Columns: []answer.Column{col("Source", answer.Text), col("Répondants la citant", answer.Int), col("Part des répondants", answer.Percent)}}
	var cats []string
	var shares []float64
	for _, l := range rank {
		if fc[l] == 0 {
			continue
		}
		s := fc[l] / float64(respondents)
		t.Rows = append(t.Rows, []any{labels[l], fc[l], s})
		cats, shares = append(cats, labels[l]), append(shares, s)
	}
	t.Note = "Plusieurs réponses possibles : les parts ne s'additionnent pas."
	a.Tables = append(a.Tables, t)
	a.Charts = append(a.Charts, answer.Chart{Kind: answer.Bar, Title: "Part des répondants citant chaque source", XLabel: "Part des répondants", Categories: cats, Series: []answer.Series{series("Répondants", shares)}, Format: answer.Percent})
	a.Sentence = "La source la plus citée est « " + cats[0] + " » (" + frPct(shares[0]) + " des " + frInt(respondents) + " répondants)"
	if len(cats) > 2 {
		a.Sentence += ", devant « " + cats[1] + " » (" + frPct(shares[1]) + ") et « " + cats[2] + " » (" + frPct(shares[2]) + ")"
	}
	a.Sentence += ". Chaque répondant pouvait en citer plusieurs."
	if age != nil && nb > 0 {
		for _, c := range age.cols {
			used(a, c, "sources par tranche d'âge")
		}
		bt := answer.Table{Title: "Sources d'information par tranche d'âge (part des répondants de chaque tranche)", Columns: []answer.Column{col("Source", answer.Text)}}
		ch := answer.Chart{Kind: answer.Heatmap, Title: "Sources d'information par tranche d'âge", XLabel: "Tranche d'âge", YLabel: "Source", Format: answer.Percent}
		var bands []int
		for b := 0; b < nb; b++ {
			if bresp[b] > 0 {
				bands = append(bands, b)
				bt.Columns = append(bt.Columns, col(bandLabels[b]+" ("+frInt(int(bresp[b]))+")", answer.Percent))
				ch.Categories = append(ch.Categories, bandLabels[b])
			}
		}
		for _, l := range rank {
			if fc[l] == 0 {
				continue
			}
			row := []any{labels[l]}
			vs := make([]float64, 0, len(bands))
			for _, b := range bands {
				s := bc[b*nl+l] / bresp[b]
				row = append(row, s)
				vs = append(vs, s)
			}
			bt.Rows = append(bt.Rows, row)
			ch.Series = append(ch.Series, series(labels[l], vs))
		}
		bt.Note = "Entre parenthèses, le nombre de répondants de chaque tranche."
		a.Tables = append(a.Tables, bt)
		a.Charts = append(a.Charts, ch)
		// the top source of the youngest band with enough respondents
		for _, b := range bands {
			if bresp[b] < smallGroups {
				continue
			}
			best := -1
			for _, l := range rank {
				if labels[l] != othersLabel && (best < 0 || bc[b*nl+l] > bc[b*nl+best]) {
					best = l
				}
			}
			if best >= 0 && best != rank[0] {
				a.Sentence += " Chez les " + bandLabels[b] + ", c'est « " + labels[best] + " » qui arrive en tête (" + frPct(bc[b*nl+best]/bresp[b]) + ")."
			}
			break
		}
		sizes := make([]float64, len(bands))
		bl := make([]string, len(bands))
		for i, b := range bands {
			sizes[i], bl[i] = bresp[b], bandLabels[b]
		}
		smallCaveat(a, bl, sizes, "répondants")
	}
	a.Caveats = append(a.Caveats, "Une enquête décrit ceux qui y ont répondu, pas tout le public : les plus fidèles et les plus satisfaits répondent souvent davantage.")
	return a
}
