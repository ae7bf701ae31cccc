package synth

import (
	"bytes"
	"math"
	"strconv"
	"strings"
)

// The bac à sable's sample datasets (content/bac-a-sable.yaml): a
// theatre's ticketing export, a museum's ticketing and shop export, a
// newsletter subscriber list and a satisfaction survey. They are made up,
// deterministic (same bytes on every run: `make datasets` rewrites them
// and a test checks they are up to date) and small enough to ship inside
// the app. Text stays within Windows-1252 (accents, œ, no typographic
// quotes), so a user who saves them again from Excel loses nothing.

// Dataset is one sample file.
type Dataset struct {
	File string // name in content/datasets
	Data []byte
}

// Datasets generates the four sample files.
func Datasets() []Dataset {
	return []Dataset{
		{"theatre-billetterie.csv", theatre()},
		{"musee-billetterie-boutique.csv", museum()},
		{"newsletter-abonnes.csv", newsletter()},
		{"enquete-satisfaction.csv", survey()},
	}
}

// ---- helpers ----

func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// normal draws from N(mean, sd) (Box–Muller).
func (r *rng) normal(mean, sd float64) float64 {
	u1, u2 := r.float(), r.float()
	if u1 < 1e-12 {
		u1 = 1e-12
	}
	return mean + sd*math.Sqrt(-2*math.Log(u1))*math.Cos(2*math.Pi*u2)
}

// pick draws an index with the given weights.
func (r *rng) pick(weights ...float64) int {
	t := 0.0
	for _, w := range weights {
		t += w
	}
	x := r.float() * t
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func (r *rng) chance(p float64) bool { return r.float() < p }

func dateFR(days int64) string {
	y, m, d := civil(days)
	return pad2(d) + "/" + pad2(m) + "/" + strconv.Itoa(y)
}

func dateTimeFR(days int64, minutes int) string {
	return dateFR(days) + " " + pad2(minutes/60) + ":" + pad2(minutes%60)
}

func pad2(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

func weekday(days int64) int { return int(((days+3)%7 + 7) % 7) } // 0 Monday

// euros writes cents as « 12,50 ».
func euros(cents int) string {
	return strconv.Itoa(cents/100) + "," + pad2(cents%100)
}

// csvQuote quotes a field holding the separator, a quote or a line break.
func csvQuote(s string, sep byte) string {
	if !strings.ContainsAny(s, string(sep)+"\"\r\n") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

type table struct {
	b   bytes.Buffer
	sep byte
}

func newTable(sep byte, bom bool, header ...string) *table {
	t := &table{sep: sep}
	if bom {
		t.b.WriteString("\uFEFF")
	}
	t.row(header...)
	return t
}

func (t *table) row(fields ...string) {
	for i, f := range fields {
		if i > 0 {
			t.b.WriteByte(t.sep)
		}
		t.b.WriteString(csvQuote(f, t.sep))
	}
	t.b.WriteString("\r\n")
}

// ---- places ----

// postcode draws a home postcode around a venue: its city, its
// département, the neighbouring ones, Paris, the rest of France, Corsica
// and overseas.
func (r *rng) postcode(city []int, dep string, near []string) string {
	switch r.pick(45, 17, 14, 7, 13, 2, 1.5) {
	case 0:
		return strconv.Itoa(city[r.intn(len(city))])
	case 1:
		return dep + pad3(100+r.intn(800))
	case 2:
		return near[r.intn(len(near))] + pad3(r.intn(900)+10)
	case 3:
		return []string{"750", "920", "930", "940", "780", "910"}[r.intn(6)] + pad2(r.intn(20)+1)
	case 4:
		d := 1 + r.intn(95)
		if d == 20 {
			d = 21
		}
		return pad2(d) + pad3(r.intn(990)+10)
	case 5:
		if r.chance(0.5) {
			return "20" + pad3(r.intn(170)+10) // Corse-du-Sud
		}
		return "20" + pad3(200+r.intn(420)) // Haute-Corse
	}
	return []string{"97110", "97200", "97300", "97400", "97410", "97600"}[r.intn(6)]
}

func pad3(v int) string {
	s := strconv.Itoa(v)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}

var firstNames = []string{"Camille", "Léa", "Manon", "Chloé", "Inès", "Zoé", "Louise", "Jade", "Emma", "Alice", "Juliette", "Anaïs", "Hélène", "Élodie", "Nathalie", "Sophie", "Isabelle", "Françoise", "Martine", "Céline",
	"Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Raphaël", "Théo", "Nathan", "Paul", "Étienne", "François", "Jérôme", "Benoît", "Olivier", "Thierry", "Michel", "Gérard", "Noël", "Loïc"}
var lastNames = []string{"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
	"Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Perrin"}

// ascii folds a name for an e-mail address.
func ascii(s string) string {
	r := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "É", "e", "à", "a", "â", "a", "ï", "i", "î", "i", "ô", "o", "ç", "c", "ü", "u", "û", "u", "ö", "o")
	return strings.ToLower(r.Replace(s))
}

// ---- the theatre ----

type production struct {
	title, discipline string
	base              int     // full price, cents
	ageMean, ageSD    float64 // buyers' age
	season            int     // first year
	dates             []int64 // performances (days)
	hour              int     // minutes
}

var theatreTitles = []struct{ title, disc string }{
	{"Le Misanthrope", "Théâtre"}, {"Phèdre", "Théâtre"}, {"Cyrano de Bergerac", "Théâtre"}, {"La Cerisaie", "Théâtre"},
	{"Les Bonnes", "Théâtre"}, {"Ruy Blas", "Théâtre"}, {"Tartuffe; ou l'Imposteur", "Théâtre"}, {"En attendant Godot", "Théâtre"},
	{"Le Sacre du printemps", "Danse"}, {"Giselle", "Danse"}, {"May B", "Danse"}, {"Boléro; nouvelle création", "Danse"},
	{"Récital Fauré", "Musique"}, {"Quatuor Ébène", "Musique"}, {"Jazz au théâtre", "Musique"}, {"Les Quatre Saisons", "Musique"},
	{"Cirque des étoiles", "Cirque"}, {"Le Vide; essai de cirque", "Cirque"}, {"Acrobates", "Cirque"},
	{"Le Petit Prince", "Jeune public"}, {"Pinocchio", "Jeune public"}, {"Contes d'hiver", "Jeune public"}, {"Le Bal des sorcières", "Jeune public"},
}

var disciplineAge = map[string][2]float64{"Théâtre": {49, 15}, "Danse": {38, 13}, "Musique": {56, 14}, "Cirque": {41, 12}, "Jeune public": {39, 6}}

type customer struct {
	id       int
	birth    int // 0: unknown
	postcode string
	optin    bool
	loyalty  float64 // propensity to come back
	web      bool    // prefers the web
}

// theatre: three seasons of a multidisciplinary venue in Lyon, about 8 000
// tickets.
func theatre() []byte {
	r := rng(20240901)
	var prods []production
	for season := 2022; season <= 2024; season++ {
		start := daysFromCivil(season, 9, 20)
		for i, t := range theatreTitles {
			if r.chance(0.25) { // not every title every season
				continue
			}
			age := disciplineAge[t.disc]
			p := production{title: t.title, discipline: t.disc, base: 1200 + ((i*53+season*7)%26)*100, ageMean: age[0], ageSD: age[1], season: season}
			if t.disc == "Jeune public" {
				p.base = 800 + (i%3)*200
			}
			first := start + int64(r.intn(250))
			n := 1 + r.pick(30, 30, 20, 12, 8)
			if t.disc == "Théâtre" {
				n++
			}
			for k := 0; k < n; k++ {
				p.dates = append(p.dates, first+int64(k))
			}
			p.hour = 20 * 60
			if t.disc == "Jeune public" {
				p.hour = []int{10 * 60, 15 * 60, 16 * 60}[r.intn(3)]
			} else if weekday(first) == 6 {
				p.hour = 16 * 60
			}
			prods = append(prods, p)
		}
	}
	city := []int{69001, 69002, 69003, 69004, 69005, 69006, 69007, 69008, 69009, 69100, 69120, 69300, 69500}
	near := []string{"01", "38", "42", "71", "26", "73"}
	var custs []customer
	newCustomer := func() *customer {
		c := customer{id: 100001 + len(custs), postcode: r.postcode(city, "69", near), optin: r.chance(0.35), web: r.chance(0.6)}
		c.loyalty = math.Pow(r.float(), 2.2)
		custs = append(custs, c)
		return &custs[len(custs)-1]
	}
	t := newTable(';', true, "N° commande", "N° client", "Date d'achat", "Date de représentation", "Spectacle", "Discipline", "Tarif", "Canal", "Prix", "Code postal", "Année de naissance", "Opt-in")
	order := 250000
	rows := 0
	for rows < 8000 {
		p := prods[r.intn(len(prods))]
		show := p.dates[r.intn(len(p.dates))]
		// the buyer: a returning customer (weighted by loyalty) or a new one
		var c *customer
		if len(custs) > 50 && r.chance(0.5) {
			for k := 0; k < 8; k++ {
				cand := &custs[r.intn(len(custs))]
				if r.float() < cand.loyalty {
					c = cand
					break
				}
			}
		}
		if c == nil {
			c = newCustomer()
		}
		if c.birth == 0 && !r.chance(0.18) {
			c.birth = p.season + 1 - int(math.Round(r.normal(p.ageMean, p.ageSD)))
			if c.birth > p.season-8 || c.birth < 1925 {
				c.birth = p.season - 30
			}
			if p.discipline == "Jeune public" && c.birth > p.season-25 {
				c.birth = p.season - 35
			}
		}
		// channel, lead time, purchase moment
		channel := "Web"
		switch {
		case c.web && r.chance(0.85):
		case r.chance(0.55):
			channel = "Guichet"
		case r.chance(0.8):
			channel = "Téléphone"
		default:
			channel = "Revendeur"
		}
		var lead int64
		switch {
		case r.chance(0.12): // subscription campaign, June
			june := daysFromCivil(p.season, 6, 10) + int64(r.intn(30))
			lead = show - june
		case channel == "Guichet" && r.chance(0.3):
			lead = 0
		default:
			lead = int64(math.Floor(-math.Log(1-r.float()) * []float64{16, 11, 22, 12, 9}[disciplineIndex(p.discipline)]))
		}
		if lead < 0 {
			lead = 0
		}
		purchase := show - lead
		// the box office is closed on Sundays and Mondays; the newsletter goes out on Tuesdays
		for channel == "Guichet" && (weekday(purchase) == 6 || weekday(purchase) == 0) {
			purchase--
		}
		if channel == "Web" && weekday(purchase) == 6 && r.chance(0.35) {
			purchase -= 5 // fewer web purchases on Sundays: moved to Tuesday
		}
		if purchase > show {
			purchase = show
		}
		var minute int
		switch channel {
		case "Web":
			minute = []int{8, 9, 10, 11, 12, 12, 13, 13, 14, 17, 18, 19, 20, 20, 21, 21, 22, 23}[r.intn(18)]*60 + r.intn(60)
		case "Guichet":
			minute = (13+r.intn(6))*60 + r.intn(60)
		default:
			minute = []int{10, 11, 14, 15, 16}[r.intn(5)]*60 + r.intn(60)
		}
		if purchase == show && minute > p.hour-10 {
			minute = p.hour - 10 - r.intn(60)
		}
		order++
		n := 1 + r.pick(30, 50, 10, 8, 2)
		if p.discipline == "Jeune public" {
			n = 2 + r.pick(40, 40, 20)
		}
		for k := 0; k < n && rows < 8000; k++ {
			tariff := "Plein"
			mult := 100
			switch r.pick(46, 18, 14, 8, 3, 5, 6) {
			case 1:
				tariff, mult = "Réduit", 75
			case 2:
				tariff, mult = "Abonné", 70
			case 3:
				tariff, mult = "Jeune -26", 50
			case 4:
				tariff, mult = "Groupe", 80
			case 5:
				tariff, mult = "Invitation", 0
			case 6:
				if p.discipline == "Jeune public" || n > 2 {
					tariff, mult = "Enfant", 60
				}
			}
			price := p.base * mult / 100
			if c.birth > 0 && p.season-c.birth < 26 && r.chance(0.6) {
				tariff, price = "Jeune -26", p.base/2
			}
			pc := c.postcode
			if channel == "Guichet" && r.chance(0.25) {
				pc = ""
			}
			birth := ""
			if c.birth > 0 && !(channel == "Guichet" && r.chance(0.4)) {
				birth = strconv.Itoa(c.birth)
			}
			optin := "Non"
			if c.optin {
				optin = "Oui"
			}
			t.row(strconv.Itoa(order), strconv.Itoa(c.id), dateTimeFR(purchase, minute), dateTimeFR(show, p.hour), p.title, p.discipline, tariff, channel, euros(price), pc, birth, optin)
			rows++
		}
	}
	return t.b.Bytes()
}

func disciplineIndex(d string) int {
	switch d {
	case "Théâtre":
		return 0
	case "Danse":
		return 1
	case "Musique":
		return 2
	case "Cirque":
		return 3
	}
	return 4
}

// ---- the museum ----

// museum: a fine-arts museum in Bordeaux, entries, exhibitions, guided
// tours, workshops and shop sales, two years, about 6 000 lines.
func museum() []byte {
	r := rng(20230115)
	t := newTable(';', true, "N° transaction", "N° client", "Date d'achat", "Date de visite", "Produit", "Catégorie", "Tarif", "Canal", "Quantité", "Montant", "Code postal", "Année de naissance", "Opt-in newsletter")
	type product struct {
		name, cat string
		price     int
	}
	tickets := []product{
		{"Collections permanentes", "Collections permanentes", 900},
		{"Exposition Rosa Bonheur", "Exposition temporaire", 1300},
		{"Exposition Les Impressionnistes et la mer", "Exposition temporaire", 1400},
		{"Visite guidée des collections", "Visite guidée", 1200},
		{"Atelier famille", "Atelier", 800},
	}
	shop := []product{{"Catalogue de l'exposition", "Boutique", 3500}, {"Carte postale", "Boutique", 150}, {"Affiche", "Boutique", 1200}, {"Livre jeunesse", "Boutique", 1450}, {"Sac en toile", "Boutique", 1500}, {"Carnet", "Boutique", 900}}
	city := []int{33000, 33100, 33200, 33300, 33800, 33400, 33600, 33700}
	near := []string{"24", "40", "47", "17", "16"}
	var members []customer
	start := daysFromCivil(2023, 1, 10)
	tx := 700000
	rows := 0
	for rows < 6000 {
		visit := start + int64(r.intn(700))
		if wd := weekday(visit); wd == 1 { // closed on Tuesdays
			visit++
		}
		// exhibitions run for a few months
		p := tickets[r.pick(40, 22, 22, 8, 8)]
		if p.name == "Exposition Rosa Bonheur" && visit > start+300 || p.name == "Exposition Les Impressionnistes et la mer" && visit < start+330 {
			p = tickets[0]
		}
		online := r.chance(0.38)
		channel := "Caisse"
		purchase := visit
		minute := (10+r.intn(7))*60 + r.intn(60)
		var c *customer
		if online || r.chance(0.12) {
			if len(members) > 30 && r.chance(0.35) {
				c = &members[r.intn(len(members))]
			} else {
				members = append(members, customer{id: 500001 + len(members), postcode: r.postcode(city, "33", near), optin: r.chance(0.4)})
				c = &members[len(members)-1]
				if !r.chance(0.3) {
					c.birth = 2024 - int(math.Round(r.normal(45, 16)))
				}
			}
		}
		if online {
			channel = "Billetterie en ligne"
			purchase = visit - int64(math.Floor(-math.Log(1-r.float())*9))
			minute = []int{8, 9, 12, 13, 18, 19, 20, 21, 22}[r.intn(9)]*60 + r.intn(60)
		}
		tx++
		q := 1 + r.pick(35, 40, 10, 10, 5)
		if p.cat == "Atelier" {
			q = 2 + r.intn(3)
		}
		tariff, mult := "Plein", 100
		switch r.pick(50, 18, 17, 10, 5) {
		case 1:
			tariff, mult = "Réduit", 70
		case 2:
			tariff, mult = "Gratuit -26 ans", 0
		case 3:
			tariff, mult = "Membre", 0
		case 4:
			tariff, mult = "Groupe scolaire", 40
		}
		id, pc, birth, optin := "", "", "", ""
		if c != nil {
			id, pc, optin = strconv.Itoa(c.id), c.postcode, "Non"
			if c.birth > 0 {
				birth = strconv.Itoa(c.birth)
			}
			if c.optin {
				optin = "Oui"
			}
		} else if r.chance(0.45) { // asked at the desk
			if r.chance(0.12) {
				pc = "Étranger"
			} else {
				pc = r.postcode(city, "33", near)
			}
		}
		t.row(strconv.Itoa(tx), id, dateTimeFR(purchase, minute), dateFR(visit), p.name, p.cat, tariff, channel, strconv.Itoa(q), euros(q*p.price*mult/100), pc, birth, optin)
		rows++
		// the shop, after the visit
		for k := 0; k < 3 && rows < 6000 && r.chance([]float64{0.3, 0.35, 0.2}[k]); k++ {
			s := shop[r.pick(10, 40, 12, 10, 8, 10)]
			n := 1
			if s.name == "Carte postale" {
				n = 1 + r.intn(5)
			}
			t.row(strconv.Itoa(tx), id, dateTimeFR(visit, min(minute+60+r.intn(90), 18*60+30)), dateFR(visit), s.name, s.cat, "", "Boutique", strconv.Itoa(n), euros(n*s.price), pc, birth, optin)
			rows++
		}
	}
	return t.b.Bytes()
}

// ---- the newsletter ----

// newsletter: 2 500 subscribers of a venue's newsletter, with the channel
// they signed up through, their consent and their activity.
func newsletter() []byte {
	r := rng(20220301)
	t := newTable(';', true, "Courriel", "Prénom", "Nom", "Code postal", "Année de naissance", "Date d'inscription", "Canal d'inscription", "Consentement", "Dernière ouverture", "Ouvertures (12 mois)", "Clics (12 mois)")
	channels := []struct {
		name   string
		weight float64
		yes    float64 // share who consent
	}{{"Site web", 34, 0.78}, {"Billetterie en ligne", 30, 0.34}, {"Guichet", 16, 0.55}, {"Jeu-concours", 12, 0.22}, {"Salon ou forum", 8, 0.61}}
	w := make([]float64, len(channels))
	for i, c := range channels {
		w[i] = c.weight
	}
	domains := []string{"example.org", "example.com", "example.net"}
	start := daysFromCivil(2019, 1, 1)
	end := daysFromCivil(2025, 6, 30)
	seen := map[string]bool{}
	city := []int{69001, 69002, 69003, 69004, 69005, 69006, 69007, 69100}
	for i := 0; i < 2500; i++ {
		first, last := firstNames[r.intn(len(firstNames))], lastNames[r.intn(len(lastNames))]
		mail := ascii(first) + "." + ascii(last)
		for k := 2; seen[mail]; k++ {
			mail = ascii(first) + "." + ascii(last) + strconv.Itoa(k)
		}
		seen[mail] = true
		mail += "@" + domains[r.intn(len(domains))]
		ch := channels[r.pick(w...)]
		signed := start + int64(r.intn(int(end-start)))
		consent := "Non"
		if r.chance(ch.yes) {
			consent = "Oui"
			if r.chance(0.12) {
				consent = "Désinscrit"
			}
		}
		birth := ""
		if r.chance(0.55) {
			birth = strconv.Itoa(2025 - int(math.Round(r.normal(47, 16))))
		}
		pc := r.postcode(city, "69", []string{"01", "38", "42"})
		if r.chance(0.15) {
			pc = ""
		}
		lastOpen, opens, clicks := "", "0", "0"
		if consent == "Oui" && r.chance(0.8) {
			o := int(r.float() * r.float() * 40)
			opens, clicks = strconv.Itoa(o), strconv.Itoa(int(float64(o)*r.float()*0.4))
			if o > 0 {
				lastOpen = dateFR(end - int64(r.intn(300)))
			}
		}
		t.row(mail, first, last, pc, birth, dateFR(signed), ch.name, consent, lastOpen, opens, clicks)
	}
	return t.b.Bytes()
}

// ---- the survey ----

// survey: 700 answers to an after-show questionnaire exported from an
// online form (comma-separated, quoted), with multi-answer information
// sources and free comments.
func survey() []byte {
	r := rng(20241002)
	t := newTable(',', false, "Horodatage", "Spectacle", "Date de la représentation", "Note globale (sur 10)", "Recommanderiez-vous ce lieu ? (0 à 10)", "Comment avez-vous connu ce spectacle ?", "Tranche d'âge", "Code postal", "Commentaire")
	shows := []struct {
		title string
		date  int64
	}{{"Phèdre", daysFromCivil(2024, 10, 3)}, {"Giselle", daysFromCivil(2024, 11, 14)}, {"Le Petit Prince", daysFromCivil(2024, 12, 18)}, {"Récital Fauré", daysFromCivil(2025, 1, 23)}, {"Cirque des étoiles", daysFromCivil(2025, 3, 6)}}
	bands := []string{"Moins de 18 ans", "18-24 ans", "25-34 ans", "35-49 ans", "50-64 ans", "65 ans et plus"}
	bandW := []float64{3, 9, 14, 24, 27, 23}
	// sources and their pull by band (young → social networks; older → press, newsletter)
	sources := []string{"Réseaux sociaux", "Bouche-à-oreille", "Lettre d'information", "Site internet", "Presse", "Radio", "Affiches", "Programme de saison", "Instagram", "Facebook", "Office de tourisme"}
	pull := [][]float64{
		{0.55, 0.50, 0.10, 0.20, 0.03, 0.03, 0.15, 0.05, 0.30, 0.05, 0.01},
		{0.50, 0.45, 0.12, 0.25, 0.05, 0.05, 0.18, 0.06, 0.35, 0.08, 0.02},
		{0.38, 0.45, 0.20, 0.30, 0.08, 0.07, 0.15, 0.10, 0.25, 0.12, 0.02},
		{0.22, 0.42, 0.32, 0.30, 0.14, 0.10, 0.12, 0.18, 0.10, 0.15, 0.03},
		{0.10, 0.38, 0.42, 0.25, 0.25, 0.16, 0.10, 0.28, 0.03, 0.12, 0.04},
		{0.04, 0.35, 0.45, 0.15, 0.35, 0.22, 0.08, 0.35, 0.01, 0.06, 0.04},
	}
	seps := []string{"; ", ";", ", ", " / ", " | "}
	good := []string{"Très belle soirée, merci à toute l'équipe.", "Magnifique ! Les comédiens étaient formidables.", "Superbe mise en scène, on reviendra.", "Un moment de grâce, bravo.", "Spectacle émouvant; ma fille a adoré.", "Accueil chaleureux, salle agréable.", "Très bien, mais un peu long à mon goût.", "Parfait pour une sortie en famille."}
	bad := []string{"Le son était trop fort au premier rang.", "Difficile de se garer, pensez à indiquer les parkings.", "Sièges inconfortables, surtout pour un spectacle de 2 h.", "L'entracte était trop court pour le bar.", "Je n'ai pas reçu le rappel par courriel la veille.", "Le site de réservation a planté deux fois."}
	personal := []string{"Je suis venue avec ma mère qui est en fauteuil : l'accès était parfait, merci.", "Mon mari, M. Dupont, n'a pas pu venir (hospitalisé), merci d'avoir échangé les billets.", "Je m'appelle Claire, abonnée depuis 10 ans : continuez comme ça !"}
	city := []int{69001, 69002, 69003, 69004, 69005, 69006, 69007, 69100}
	for i := 0; i < 700; i++ {
		s := shows[r.intn(len(shows))]
		b := r.pick(bandW...)
		if s.title == "Le Petit Prince" && r.chance(0.4) {
			b = 3
		}
		var got []string
		for k, src := range sources {
			if r.chance(pull[b][k]) {
				got = append(got, src)
			}
		}
		if len(got) == 0 && r.chance(0.85) {
			got = append(got, sources[r.pick(pull[b]...)])
		}
		if len(got) == 1 && got[0] == "Presse" && r.chance(0.3) {
			got[0] = []string{"Le Progrès (journal)", "Télérama", "article dans la presse locale"}[r.intn(3)]
		}
		if r.chance(0.03) {
			got = append(got, []string{"Un ami comédien", "Autre", "Par mon comité d'entreprise"}[r.intn(3)])
		}
		note := 10 - int(math.Abs(r.normal(0, 2.2)))
		if note < 1 {
			note = 1
		}
		reco := min(10, max(0, note+r.intn(3)-1))
		comment := ""
		switch {
		case r.chance(0.45):
		case note >= 8:
			comment = good[r.intn(len(good))]
		case r.chance(0.7):
			comment = bad[r.intn(len(bad))]
		default:
			comment = good[r.intn(len(good))] + "\n" + bad[r.intn(len(bad))]
		}
		if r.chance(0.01) {
			comment = personal[r.intn(len(personal))]
		}
		pc := r.postcode(city, "69", []string{"01", "38", "42"})
		if r.chance(0.2) {
			pc = ""
		}
		when := s.date + 1 + int64(r.pick(60, 25, 10, 5))
		ts := dateISO(when) + " " + pad2(8+r.intn(14)) + ":" + pad2(r.intn(60)) + ":" + pad2(r.intn(60))
		t.row(ts, s.title, dateFR(s.date), strconv.Itoa(note), strconv.Itoa(reco), strings.Join(got, seps[r.pick(70, 5, 15, 5, 5)]), bands[b], pc, comment)
	}
	return t.b.Bytes()
}

func dateISO(days int64) string {
	y, m, d := civil(days)
	return strconv.Itoa(y) + "-" + pad2(m) + "-" + pad2(d)
}
