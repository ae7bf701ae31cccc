package sandbox

import (
	"bytes"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"coulisses/sandbox/answer"
)

// Shareable aggregates and the comparison with peers (the Quartier des
// spectacles idea, without pooling rows): each venue exports a small CSV of
// indicators by discipline, where no cell counts fewer than k people, and
// loads its partners' files to see its own figures beside the pool's.
//
// The file (UTF-8, « ; », decimal comma) starts with « # » metadata lines,
// then a header and one row per indicator and discipline:
//
//	# coulisses-agregats;1
//	# lieu;Théâtre des Carmes
//	# periode;01/09/2023;30/06/2025
//	# k;10
//	# unite;personnes
//	# genere-par;Coulisses 1.0
//	indicateur;discipline;numerateur;denominateur;personnes;masque
//	acheteurs;Théâtre;1234;;1234;non
//	part_18_35;Théâtre;212;1010;1010;non
//	part_18_35;Lectures;;;;oui
//
// « personnes » is the number of people behind the cell (tickets when the
// export has no customer id: « # unite;billets »). k is 10 by default and
// never below 2: a cell under k people is masked (primary suppression),
// and so is, within the same indicator, at least one more cell — the
// smallest — whenever a masked cell could be recomputed from the
// « Ensemble » row minus the published ones (one masked cell alone, or
// masked cells totalling fewer than k people): complementary suppression,
// as in fiche 3.03. When no other cell can be masked, the « Ensemble »
// row is masked too. The volume indicators (people, tickets, amounts,
// lead times), which publish the same counts under different names, share
// their masks.

// AggFormatVersion is the version of the shareable-aggregates format.
const AggFormatVersion = 1

// DefaultK is the default suppression threshold; MinK the lowest allowed.
const (
	DefaultK = 10
	MinK     = 2
)

// MinPoolVenues is the number of venues a pooled figure needs before it is
// shown (fiche 6.02: « un agrégat seulement si 3 lieux au moins y
// contribuent »).
const MinPoolVenues = 3

const aggHeader = "indicateur;discipline;numerateur;denominateur;personnes;masque"

// AggFile is a shareable-aggregates file, written or read.
type AggFile struct {
	Name      string // file name (when loaded)
	Venue     string
	Period    string // « 01/09/2023 – 30/06/2025 »
	K         int
	Unit      string // « personnes » or « billets »
	Generator string
	Cells     []AggCell
}

// Masked counts the masked cells.
func (a *AggFile) Masked() int {
	n := 0
	for _, c := range a.Cells {
		if c.Masked {
			n++
		}
	}
	return n
}

// volume indicators share their masks (they publish the same counts).
var volumeIndicators = map[string]bool{"acheteurs": true, "billets": true, "prix_moyen": true, "panier_moyen": true, "achat_7j": true, "delai_moyen": true}

// suppress masks the cells under k people and the complementary cells.
func suppress(cells []AggCell, k int) {
	byInd := map[string][]int{}
	var order []string
	for i := range cells {
		ind := cells[i].Indicator
		if _, ok := byInd[ind]; !ok {
			order = append(order, ind)
		}
		byInd[ind] = append(byInd[ind], i)
	}
	// primary
	for i := range cells {
		if cells[i].Persons < float64(k) {
			cells[i].Masked, cells[i].Primary = true, true
		}
	}
	complement := func(idx []int) {
		var total = -1
		var groups []int
		for _, i := range idx {
			if cells[i].Group == ensembleLabel {
				total = i
			} else {
				groups = append(groups, i)
			}
		}
		for {
			var masked []int
			sumP := 0.0
			for _, i := range groups {
				if cells[i].Masked {
					masked = append(masked, i)
					sumP += cells[i].Persons
				}
			}
			if len(masked) == 0 || total >= 0 && cells[total].Masked {
				return
			}
			if total < 0 && len(masked) > 0 && len(masked) == len(groups) {
				return
			}
			if len(masked) >= 2 && sumP >= float64(k) {
				return
			}
			// mask the smallest published cell, else the total
			best := -1
			for _, i := range groups {
				if !cells[i].Masked && (best < 0 || cells[i].Persons < cells[best].Persons || cells[i].Persons == cells[best].Persons && cells[i].Group < cells[best].Group) {
					best = i
				}
			}
			if best < 0 {
				if total >= 0 {
					cells[total].Masked = true
				}
				return
			}
			cells[best].Masked = true
		}
	}
	for round := 0; round < 4; round++ {
		for _, ind := range order {
			complement(byInd[ind])
		}
		// volume indicators share masks
		shared := map[string]bool{}
		for i := range cells {
			if cells[i].Masked && volumeIndicators[cells[i].Indicator] {
				shared[cells[i].Group] = true
			}
		}
		changed := false
		for i := range cells {
			if volumeIndicators[cells[i].Indicator] && shared[cells[i].Group] && !cells[i].Masked {
				cells[i].Masked, changed = true, true
			}
		}
		if !changed {
			break
		}
	}
}

// ClampK returns k within the allowed range (0: DefaultK) and whether it
// had to be raised.
func ClampK(k int) (int, bool) {
	if k == 0 {
		return DefaultK, false
	}
	if k < MinK {
		return MinK, true
	}
	return k, false
}

// ShareableAggregates computes the pooled indicators of f, masks the cells
// under k people and their complements, and returns the file, with an
// answer previewing what it shares.
func ShareableAggregates(f *Frame, venue string, k int, generator string) (*ExportFile, *answer.Answer, error) {
	if f == nil {
		return nil, nil, &AnalysisError{Kind: ErrNoData}
	}
	k, raised := ClampK(k)
	venue = strings.TrimSpace(strings.Map(func(r rune) rune {
		switch r {
		case ';':
			return ','
		case '\r', '\n', '\t':
			return ' '
		}
		return r
	}, venue))
	if venue == "" {
		venue = "Lieu sans nom"
	}
	cells, groups, unit := computeIndicators(f)
	suppress(cells, k)
	af := &AggFile{Venue: venue, Period: framePeriod(f), K: k, Unit: unit, Generator: generator, Cells: cells}
	data := af.Encode()
	a := &answer.Answer{Question: "agregats", Title: "Agrégats partageables", Rows: f.rows}
	a.Sentence = "Le fichier partage " + plural(len(Indicators), "indicateur", "indicateurs") + " au plus, pour " + plural(len(groups)-1, "discipline", "disciplines") + " et l'ensemble ; " + plural(af.Masked(), "case est masquée", "cases sont masquées") + " (seuil k = " + itoa(k) + " " + unit + ")."
	if len(groups) == 1 {
		a.Sentence = "Le fichier partage les indicateurs de l'ensemble (pas de colonne « discipline ») ; " + plural(af.Masked(), "case est masquée", "cases sont masquées") + " (seuil k = " + itoa(k) + " " + unit + ")."
	}
	a.Tables = []answer.Table{af.previewTable()}
	a.Caveats = append(a.Caveats, "Aucune case ne compte moins de "+itoa(k)+" "+unit+" ; quand une case est masquée, une deuxième l'est aussi dans le même indicateur, pour qu'elle ne se recalcule pas à partir du total.")
	if raised {
		a.Caveats = append(a.Caveats, "Le seuil demandé était inférieur à "+itoa(MinK)+" : il a été relevé à "+itoa(MinK)+", le minimum. Un seuil de "+itoa(DefaultK)+" est recommandé.")
	} else if k < DefaultK {
		a.Caveats = append(a.Caveats, "Le seuil k = "+itoa(k)+" est plus bas que la valeur recommandée ("+itoa(DefaultK)+") : vérifiez-le avec vos partenaires (il ne peut pas descendre sous "+itoa(MinK)+").")
	}
	if unit == "billets" {
		a.Caveats = append(a.Caveats, "Le fichier n'a pas d'identifiant client : le seuil porte sur des billets, pas sur des personnes, ce qui protège moins. Ajoutez un identifiant (pseudonymisé) si vous le pouvez.")
	}
	a.Caveats = append(a.Caveats, "Aucune ligne individuelle ne sort : seulement des totaux, des effectifs et des taux par discipline. Le fichier porte le nom du lieu et la période.")
	return &ExportFile{Name: "coulisses-agregats-" + slugify(venue) + ".csv", MIME: MIMECSV, Data: data}, a, nil
}

//go:noinline
func maskedPhrase(n int) string {
	if n == 0 {
		return "aucune case n'est masquée"
	}
	return plural(n, "case est masquée", "cases sont masquées")
}

// previewTable shows the cells as the file has them.
func (af *AggFile) previewTable() answer.Table {
	t := answer.Table{Title: "Agrégats partageables — " + af.Venue, Columns: []answer.Column{col("Indicateur", answer.Text), col("Discipline", answer.Text), col("Valeur", answer.Decimal), col(capitalize(af.Unit), answer.Int), col("Masquée", answer.Text)}}
	for _, c := range af.Cells {
		ind, _ := indicatorByCode(c.Indicator)
		if c.Masked {
			why := "oui (moins de " + itoa(af.K) + ")"
			if !c.Primary {
				why = "oui (complémentaire)"
			}
			t.Rows = append(t.Rows, []any{ind.Label, c.Group, nil, nil, why})
			continue
		}
		t.Rows = append(t.Rows, []any{ind.Label, c.Group, num(c.Value()), c.Persons, "non"})
	}
	t.Note = "Les valeurs sont des nombres, des taux (0 à 1) ou des montants selon l'indicateur."
	return t
}

// framePeriod is the span of the show dates (else the purchase dates).
func framePeriod(f *Frame) string {
	for _, r := range []Role{RoleShowDate, RolePurchaseDate} {
		c := roleCol(f, r)
		if !isDate(c) {
			continue
		}
		lo, hi, ok := c.intRange()
		if !ok {
			continue
		}
		if c.Type == DateTime {
			lo, hi = floorDiv(lo, 86400), floorDiv(hi, 86400)
		}
		return FormatDateFR(lo) + ";" + FormatDateFR(hi)
	}
	return ""
}

// Encode writes the file.
func (af *AggFile) Encode() []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF# coulisses-agregats;" + itoa(AggFormatVersion) + "\r\n")
	b.WriteString("# lieu;" + af.Venue + "\r\n")
	if af.Period != "" {
		b.WriteString("# periode;" + af.Period + "\r\n")
	}
	b.WriteString("# k;" + itoa(af.K) + "\r\n")
	b.WriteString("# unite;" + af.Unit + "\r\n")
	if af.Generator != "" {
		b.WriteString("# genere-par;" + af.Generator + "\r\n")
	}
	b.WriteString(aggHeader + "\r\n")
	var row []byte
	for _, c := range af.Cells {
		row = row[:0]
		row = append(row, c.Indicator...)
		row = append(row, ';')
		row = csvField(row, strings.ReplaceAll(c.Group, ";", ","))
		row = append(row, ';')
		if c.Masked {
			row = append(row, ";;;oui"...)
		} else {
			row = appendDecComma(row, c.Num, 6)
			row = append(row, ';')
			if !math.IsNaN(c.Den) {
				row = appendDecComma(row, c.Den, 6)
			}
			row = append(row, ';')
			row = appendDecComma(row, c.Persons, 0)
			row = append(row, ";non"...)
		}
		b.Write(row)
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

//go:noinline
func slugify(s string) string {
	s = foldKey(s)
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" {
		return "lieu"
	}
	if len(out) > 40 {
		out = strings.TrimSuffix(out[:40], "-")
	}
	return out
}

// ---- reading ----

// maxAggBytes bounds a shareable-aggregates file.
const maxAggBytes = 2 << 20

// ParseAggregates reads and checks a shareable-aggregates file. Errors are
// *AnalysisError of kind ErrPeers with the line and a French sentence.
func ParseAggregates(name string, data []byte) (*AggFile, error) {
	var fail func(line int, msg string) error // not inlined at each call (engine size)
	fail = func(line int, msg string) error {
		return &AnalysisError{Kind: ErrPeers, File: name, Line: line, Detail: msg, Message: msg}
	}
	if len(data) > maxAggBytes {
		return nil, fail(0, "Le fichier est trop volumineux pour un fichier d'agrégats ("+itoa(len(data)>>10)+" Ko) : ce n'est sans doute pas le bon fichier.")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		data = latin1ToUTF8(data)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	af := &AggFile{Name: name}
	fields := func(l string) []string {
		fs := splitSemi(l)
		for len(fs) > 1 && strings.TrimSpace(fs[len(fs)-1]) == "" { // a spreadsheet pads with ;;;
			fs = fs[:len(fs)-1]
		}
		for i := range fs {
			fs[i] = strings.TrimSpace(fs[i])
		}
		return fs
	}
	i := 0
	for i < len(lines) && strings.TrimSpace(strings.Trim(lines[i], ";")) == "" {
		i++
	}
	if i >= len(lines) {
		return nil, fail(0, "Le fichier est vide.")
	}
	first := fields(lines[i])
	if len(first) < 2 || strings.TrimSpace(strings.TrimPrefix(first[0], "#")) != "coulisses-agregats" {
		return nil, fail(i+1, "Ce fichier n'est pas un fichier d'agrégats Coulisses : sa première ligne devrait être « # coulisses-agregats;1 ». Demandez à votre partenaire le fichier produit par « Exporter des agrégats partageables ».")
	}
	v, err := strconv.Atoi(first[1])
	if err != nil || v < 1 {
		return nil, fail(i+1, "La version du format (« "+first[1]+" ») n'est pas lisible.")
	}
	if v > AggFormatVersion {
		return nil, fail(i+1, "Ce fichier a été produit par une version plus récente de Coulisses (format "+first[1]+") : mettez l'application à jour pour le lire.")
	}
	i++
	header := false
	seen := map[string]int{}
	kLine := 0
	for ; i < len(lines); i++ {
		ln := i + 1
		raw := lines[i]
		if strings.TrimSpace(strings.Trim(raw, ";")) == "" {
			continue
		}
		fs := fields(raw)
		if !header && strings.HasPrefix(strings.TrimSpace(raw), "#") {
			key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(fs[0], "#")))
			val := ""
			if len(fs) > 1 {
				val = strings.Join(fs[1:], ";")
			}
			switch key {
			case "lieu":
				af.Venue = val
			case "periode", "période":
				af.Period = strings.Join(fs[1:], " – ")
			case "k":
				k, err := strconv.Atoi(val)
				if err != nil {
					return nil, fail(ln, "Le seuil k (« "+val+" ») n'est pas un nombre entier.")
				}
				af.K, kLine = k, ln
			case "unite", "unité":
				if val != "personnes" && val != "billets" {
					return nil, fail(ln, "L'unité « "+val+" » est inconnue (attendu : personnes ou billets).")
				}
				af.Unit = val
			case "genere-par", "généré-par":
				af.Generator = val
			}
			continue
		}
		if !header {
			if strings.Join(fs, ";") != aggHeader {
				return nil, fail(ln, "L'en-tête du tableau devrait être « "+aggHeader+" » : le fichier a été modifié ou ne vient pas de Coulisses.")
			}
			header = true
			continue
		}
		if len(fs) < 6 {
			for len(fs) < 6 {
				fs = append(fs, "")
			}
		}
		if len(fs) > 6 {
			return nil, fail(ln, "La ligne compte "+itoa(len(fs))+" champs au lieu de 6.")
		}
		c := AggCell{Indicator: fs[0], Group: fs[1], Line: ln, Den: math.NaN()}
		ind, known := indicatorByCode(c.Indicator)
		if c.Group == "" {
			return nil, fail(ln, "La discipline est vide.")
		}
		key := c.Indicator + "\x00" + foldKey(c.Group)
		if prev, dup := seen[key]; dup {
			return nil, fail(ln, "L'indicateur « "+c.Indicator+" » pour « "+c.Group+" » apparaît deux fois (déjà ligne "+itoa(prev)+").")
		}
		seen[key] = ln
		switch strings.ToLower(fs[5]) {
		case "oui":
			c.Masked = true
			if fs[2] != "" || fs[3] != "" || fs[4] != "" {
				return nil, fail(ln, "Une case masquée ne doit contenir aucune valeur : le fichier est incohérent.")
			}
		case "non":
			num, ok := parseAggNumber(fs[2])
			if !ok {
				return nil, fail(ln, "Le numérateur « "+fs[2]+" » n'est pas un nombre.")
			}
			c.Num = num
			if fs[3] != "" {
				den, ok := parseAggNumber(fs[3])
				if !ok || den <= 0 {
					return nil, fail(ln, "Le dénominateur « "+fs[3]+" » n'est pas un nombre positif.")
				}
				c.Den = den
			} else if known && ind.Ratio {
				return nil, fail(ln, "L'indicateur « "+c.Indicator+" » est un taux ou une moyenne : il lui faut un dénominateur.")
			}
			p, ok := parseAggNumber(fs[4])
			if !ok || p < 0 {
				return nil, fail(ln, "L'effectif « "+fs[4]+" » n'est pas un nombre.")
			}
			c.Persons = p
		default:
			return nil, fail(ln, "La colonne « masque » vaut « "+fs[5]+" » (attendu : oui ou non).")
		}
		if !known {
			continue // an indicator of a newer version: ignored
		}
		af.Cells = append(af.Cells, c)
	}
	switch {
	case af.Venue == "":
		return nil, fail(0, "Le nom du lieu (ligne « # lieu;… ») manque.")
	case kLine == 0:
		return nil, fail(0, "Le seuil k (ligne « # k;10 ») manque : sans lui, rien ne garantit que le fichier protège les personnes. Il est refusé.")
	case af.K < MinK:
		return nil, fail(kLine, "Le seuil k = "+itoa(af.K)+" est inférieur à "+itoa(MinK)+" : le fichier pourrait désigner des personnes, il est refusé.")
	case !header:
		return nil, fail(0, "L'en-tête du tableau (« "+aggHeader+" ») manque.")
	}
	if af.Unit == "" {
		af.Unit = "personnes"
	}
	for _, c := range af.Cells {
		if !c.Masked && c.Persons < float64(af.K) {
			return nil, fail(c.Line, "La case « "+c.Indicator+" » / « "+c.Group+" » compte "+trimDec(c.Persons)+" "+af.Unit+", sous le seuil k = "+itoa(af.K)+" annoncé par le fichier : il est incohérent, il est refusé.")
		}
	}
	return af, nil
}

// splitSemi splits a line on « ; » outside double quotes.
func splitSemi(l string) []string {
	var out []string
	var b strings.Builder
	inQ := false
	for i := 0; i < len(l); i++ {
		ch := l[i]
		switch {
		case ch == '"' && inQ && i+1 < len(l) && l[i+1] == '"':
			b.WriteByte('"')
			i++
		case ch == '"':
			inQ = !inQ
		case ch == ';' && !inQ:
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(ch)
		}
	}
	return append(out, b.String())
}

//go:noinline
func parseAggNumber(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	return parseFilterNumber(s)
}

// latin1ToUTF8 reads Windows-1252 (a file saved again by a spreadsheet).
func latin1ToUTF8(b []byte) []byte {
	const cp1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"
	hi := []rune(cp1252)
	var out []byte
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xa0:
			out = utf8.AppendRune(out, hi[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

// ---- comparing ----

// ComparePeers sets the indicators of f (nil: none) beside the pool of the
// partner files, by discipline. A pooled figure adds the partners'
// numerators and denominators over their published cells, and is shown
// only when at least MinPoolVenues venues contribute to it.
func ComparePeers(f *Frame, files []*AggFile) (*answer.Answer, error) {
	if len(files) == 0 {
		return nil, &AnalysisError{Kind: ErrPeers, Message: "Aucun fichier de partenaire n'a été chargé."}
	}
	a := &answer.Answer{Question: "comparaison", Title: "Se comparer aux lieux partenaires", Fiche: "6.01"}
	type pool struct {
		num, den, persons float64
		venues            int
		masked            int
		label             string
	}
	pools := map[string]*pool{} // indicator + folded group
	var groupOrder []string
	groupLabel := map[string]string{}
	totalPersons := 0.0
	ft := answer.Table{Title: "Fichiers des partenaires", Columns: []answer.Column{col("Lieu", answer.Text), col("Période", answer.Text), col("Seuil k", answer.Int), col("Unité", answer.Text), col("Cases masquées", answer.Int), col("Fichier", answer.Text)}}
	venues := map[string]bool{}
	for _, af := range files {
		ft.Rows = append(ft.Rows, []any{af.Venue, strings.ReplaceAll(af.Period, ";", " – "), float64(af.K), af.Unit, float64(af.Masked()), af.Name})
		if venues[foldKey(af.Venue)] {
			a.Caveats = append(a.Caveats, "Le lieu « "+af.Venue+" » apparaît dans plusieurs fichiers : il compte plusieurs fois dans le pot commun.")
		}
		venues[foldKey(af.Venue)] = true
		for _, c := range af.Cells {
			g := foldKey(c.Group)
			if _, ok := groupLabel[g]; !ok {
				groupLabel[g] = c.Group
				groupOrder = append(groupOrder, g)
			}
			key := c.Indicator + "\x00" + g
			p := pools[key]
			if p == nil {
				p = &pool{label: c.Group}
				pools[key] = p
			}
			if c.Masked {
				p.masked++
				continue
			}
			p.venues++
			p.num += c.Num
			if !math.IsNaN(c.Den) {
				p.den += c.Den
			}
			p.persons += c.Persons
			if c.Indicator == "acheteurs" && c.Group == ensembleLabel || c.Indicator == "billets" && c.Group == ensembleLabel && af.Unit == "billets" {
				totalPersons += c.Persons
			}
		}
	}
	// own figures
	own := map[string]AggCell{}
	if f != nil {
		cells, groups, _ := computeIndicators(f)
		for _, c := range cells {
			own[c.Indicator+"\x00"+foldKey(c.Group)] = c
		}
		for _, g := range groups {
			k := foldKey(g)
			if _, ok := groupLabel[k]; !ok {
				groupLabel[k] = g
				groupOrder = append(groupOrder, k)
			}
		}
		a.Rows = f.rows
	}
	// Ensemble last
	sort.SliceStable(groupOrder, func(x, y int) bool {
		ex, ey := groupLabel[groupOrder[x]] == ensembleLabel, groupLabel[groupOrder[y]] == ensembleLabel
		return !ex && ey
	})
	a.Sentence = "Le pot commun réunit " + plural(len(files), "fichier", "fichiers") + " de " + plural(len(venues), "lieu", "lieux")
	if totalPersons > 0 {
		a.Sentence += " (" + frInt(int(totalPersons)) + " acheteurs au total, une même personne comptant dans chaque lieu où elle est venue)"
	}
	a.Sentence += "."
	masked := 0
	for _, ind := range Indicators {
		t := answer.Table{Title: ind.Label, Columns: []answer.Column{col("Discipline", answer.Text), col("Vous", answerFormat(ind.Format)), col("Partenaires", answerFormat(ind.Format)), col("Lieux", answer.Int), col("Personnes (partenaires)", answer.Int), col("Cases masquées", answer.Int)}}
		var cats []string
		var mine, theirs []float64
		seen := false
		for _, g := range groupOrder {
			key := ind.Code + "\x00" + g
			p := pools[key]
			oc, hasOwn := own[key]
			if p == nil && !hasOwn {
				continue
			}
			seen = true
			row := []any{groupLabel[g], nil, nil, 0.0, nil, 0.0}
			mv, pv := math.NaN(), math.NaN()
			if hasOwn {
				mv = oc.Value()
				row[1] = num(mv)
			}
			if p != nil {
				row[3], row[5] = float64(p.venues), float64(p.masked)
				masked += p.masked
				if p.venues >= MinPoolVenues {
					if ind.Ratio {
						pv = ratio(p.num, p.den)
					} else {
						pv = p.num
					}
					row[2], row[4] = num(pv), p.persons
				}
			}
			t.Rows = append(t.Rows, row)
			if ind.Ratio && groupLabel[g] != "" {
				cats, mine, theirs = append(cats, groupLabel[g]), append(mine, mv), append(theirs, pv)
			}
		}
		if !seen {
			continue
		}
		if !ind.Ratio {
			t.Note = "Pour les volumes, « Partenaires » est la somme des lieux : comparez plutôt les taux et les moyennes."
		}
		a.Tables = append(a.Tables, t)
		if ind.Ratio && len(cats) > 0 && len(cats) <= 2*chartTop {
			ch := answer.Chart{Kind: answer.Columns, Title: ind.Label, Categories: cats, Format: answerFormat(ind.Format), Series: []answer.Series{series("Partenaires", theirs)}}
			if f != nil {
				ch.Series = append([]answer.Series{series("Vous", mine)}, ch.Series...)
			}
			a.Charts = append(a.Charts, ch)
		}
	}
	a.Tables = append(a.Tables, ft)
	// the headline: the share of 18–35 overall, if both sides have it
	if oc, ok := own["part_18_35\x00"+foldKey(ensembleLabel)]; ok {
		if p := pools["part_18_35\x00"+foldKey(ensembleLabel)]; p != nil && p.venues >= MinPoolVenues {
			a.Sentence += " Votre part des 18–35 ans est de " + frPct(oc.Value()) + ", contre " + frPct(ratio(p.num, p.den)) + " pour l'ensemble des partenaires."
		}
	}
	a.Caveats = append(a.Caveats, "Un chiffre des partenaires n'est montré que si "+itoa(MinPoolVenues)+" lieux au moins y contribuent : en dessous, il désignerait presque un lieu.")
	if masked > 0 {
		a.Caveats = append(a.Caveats, plural(masked, "case des partenaires est masquée", "cases des partenaires sont masquées")+" (moins de k personnes, ou masque complémentaire) : les chiffres du pot commun sont calculés sans elles.")
	}
	periods := map[string]bool{}
	ks := map[int]bool{}
	for _, af := range files {
		periods[af.Period] = true
		ks[af.K] = true
	}
	if len(periods) > 1 {
		a.Caveats = append(a.Caveats, "Les fichiers ne couvrent pas tous la même période : comparez des saisons comparables.")
	}
	if len(ks) > 1 {
		a.Caveats = append(a.Caveats, "Les partenaires n'ont pas tous choisi le même seuil k.")
	}
	a.Caveats = append(a.Caveats, "Chaque lieu calcule ses chiffres sur son propre export : les disciplines, les tarifs et l'identification des personnes ne sont pas forcément définis de la même façon partout. Mettez-vous d'accord sur les définitions (fiche 6.02).")
	return a, nil
}

//go:noinline
func answerFormat(f string) answer.Format {
	switch f {
	case "int":
		return answer.Int
	case "percent":
		return answer.Percent
	case "euros":
		return answer.Euros
	case "days":
		return answer.Days
	}
	return answer.Decimal
}
