// Package synth writes a deterministic synthetic French ticketing export,
// the way a French Excel user would get it from a box-office tool: UTF-8
// with BOM, CRLF, ';' separators, decimal comma, dd/mm/yyyy HH:MM dates,
// quoted titles holding ';', postcodes with leading zeros and about 15 % of
// birth years missing. The same seed and row count always give the same
// bytes (benchmarks and tests rely on it).
package synth

import (
	"bufio"
	"io"
	"strconv"
)

// Header is the export's header row.
const Header = "N° commande;N° client;Date d'achat;Date de représentation;Spectacle;Discipline;Tarif;Canal;Prix;Code postal;Année de naissance;Opt-in"

type show struct {
	title, discipline string
	base              int // price in cents
}

var shows = func() []show {
	titles := []struct{ t, d string }{
		{"Le Misanthrope", "Théâtre"}, {"Phèdre", "Théâtre"}, {"Cyrano de Bergerac", "Théâtre"}, {"En attendant Godot", "Théâtre"},
		{"La Cerisaie", "Théâtre"}, {"Les Bonnes", "Théâtre"}, {"Ruy Blas", "Théâtre"}, {"Tartuffe; ou l'Imposteur", "Théâtre"},
		{"Le Sacre du printemps", "Danse"}, {"Giselle", "Danse"}, {"Boléro; nouvelle création", "Danse"}, {"May B", "Danse"},
		{"Récital Fauré", "Musique"}, {"Quatuor Ébène", "Musique"}, {"Jazz à l'Opéra", "Musique"}, {"Les Quatre Saisons", "Musique"},
		{"Carmen", "Opéra"}, {"La Traviata", "Opéra"}, {"Don Giovanni", "Opéra"},
		{"Cirque Plume", "Cirque"}, {"Le Vide; essai de cirque", "Cirque"}, {"Acrobates", "Cirque"},
		{"Le Petit Prince", "Jeune public"}, {"Pinocchio", "Jeune public"}, {"Contes d'hiver", "Jeune public"},
	}
	out := make([]show, 0, 3*len(titles))
	for season := 0; season < 3; season++ {
		for i, t := range titles {
			title := t.t
			if season > 0 {
				title += " (reprise " + strconv.Itoa(2023+season) + ")"
			}
			out = append(out, show{title, t.d, 1000 + ((i*37+season*11)%46)*100})
		}
	}
	return out
}()

var tariffs = []struct {
	name string
	mult int // percent
}{{"Plein", 100}, {"Réduit", 75}, {"Abonné", 70}, {"Jeune -26", 50}, {"Groupe", 80}, {"Invitation", 0}}

var channels = []string{"Web", "Guichet", "Téléphone", "Revendeur"}

// rng is splitmix64: tiny and stable across Go versions.
type rng uint64

func (r *rng) next() uint64 {
	*r += 0x9e3779b97f4a7c15
	z := uint64(*r)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// Write writes rows data rows (plus the header) generated from seed.
func Write(w io.Writer, rows int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	r := rng(seed)
	bw.WriteString("\uFEFF" + Header + "\r\n")
	customers := rows/3 + 1
	order := 10000000
	var line []byte
	start := daysFromCivil(2023, 9, 1)
	span := int(daysFromCivil(2025, 6, 30) - start)
	for i := 0; i < rows; {
		order++
		// a customer: a third of them buy often (skew)
		cust := 200000 + r.intn(customers)
		if r.intn(3) == 0 {
			cust = 200000 + r.intn(customers/10+1)
		}
		birth := 1940 + r.intn(71)
		postcode := 1000 + r.intn(94000)
		optin := r.intn(3) != 0
		purchase := start + int64(r.intn(span))
		pmin := 8*60 + r.intn(15*60)
		channel := channels[r.intn(len(channels))]
		lines := 1 + r.intn(3)/2 // 1 or 2 tickets
		s := shows[r.intn(len(shows))]
		showDay := purchase + int64(r.intn(90))
		showMin := []int{20 * 60, 15 * 60, 19*60 + 30}[r.intn(3)]
		for k := 0; k < lines && i < rows; k++ {
			t := tariffs[r.intn(len(tariffs))]
			price := s.base * t.mult / 100
			if t.mult != 0 {
				price += r.intn(4) * 50
			}
			line = line[:0]
			line = strconv.AppendInt(line, int64(order), 10)
			line = append(line, ';')
			line = strconv.AppendInt(line, int64(cust), 10)
			line = append(line, ';')
			line = appendDateTime(line, purchase, pmin)
			line = append(line, ';')
			line = appendDateTime(line, showDay, showMin)
			line = append(line, ';')
			if containsSemi(s.title) {
				line = append(line, '"')
				line = append(line, s.title...)
				line = append(line, '"')
			} else {
				line = append(line, s.title...)
			}
			line = append(line, ';')
			line = append(line, s.discipline...)
			line = append(line, ';')
			line = append(line, t.name...)
			line = append(line, ';')
			line = append(line, channel...)
			line = append(line, ';')
			line = strconv.AppendInt(line, int64(price/100), 10)
			line = append(line, ',', byte('0'+price/10%10), byte('0'+price%10), ';')
			if postcode < 10000 {
				line = append(line, '0')
			}
			line = strconv.AppendInt(line, int64(postcode), 10)
			line = append(line, ';')
			if r.intn(100) >= 15 {
				line = strconv.AppendInt(line, int64(birth), 10)
			}
			line = append(line, ';')
			if optin {
				line = append(line, "Oui"...)
			} else {
				line = append(line, "Non"...)
			}
			line = append(line, '\r', '\n')
			bw.Write(line)
			i++
		}
	}
	return bw.Flush()
}

func containsSemi(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ';' {
			return true
		}
	}
	return false
}

func appendDateTime(b []byte, days int64, minutes int) []byte {
	y, m, d := civil(days)
	b = append(b, byte('0'+d/10), byte('0'+d%10), '/', byte('0'+m/10), byte('0'+m%10), '/')
	b = strconv.AppendInt(b, int64(y), 10)
	h, mi := minutes/60, minutes%60
	return append(b, ' ', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+mi/10), byte('0'+mi%10))
}

func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func civil(z int64) (int, int, int) {
	z += 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
}
