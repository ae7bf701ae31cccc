package chart

import "coulisses/sandbox/answer"

func vals(vs ...float64) []*float64 {
	out := make([]*float64, len(vs))
	for i, v := range vs {
		if !isNaN(v) {
			out[i] = answer.V(v)
		}
	}
	return out
}

func isNaN(v float64) bool { return v != v }

var nan = func() float64 { z := 0.0; return z / z }()

// samples are one realistic chart of each kind, drawn to testdata/*.svg.
var samples = []struct {
	name string
	c    answer.Chart
}{
	{"bar", answer.Chart{
		Kind: answer.Bar, Title: "Billets vendus selon le jour d'achat",
		XLabel: "Jour d'achat", YLabel: "Billets", Format: answer.Int,
		Categories: []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
		Series:     []answer.Series{{Name: "Billets", Values: vals(312, 655, 702, 815, 1100, 1234, 764)}},
	}},
	{"column", answer.Chart{
		Kind: answer.Columns, Title: "Billets par canal de vente et par saison",
		XLabel: "Canal de vente", YLabel: "Billets", Format: answer.Int,
		Categories: []string{"Guichet", "Internet", "Téléphone", "Revendeurs"},
		Series: []answer.Series{
			{Name: "2023-2024", Values: vals(4210, 5890, 1320, 860)},
			{Name: "2024-2025", Values: vals(3980, 6840, 1105, 910)},
			{Name: "2025-2026", Values: vals(3620, 7710, 940, nan)},
		},
	}},
	{"stackedbar", answer.Chart{
		Kind: answer.StackedBar, Title: "Canal d'achat selon la discipline",
		XLabel: "Discipline", YLabel: "Part des billets", Format: answer.Percent,
		Categories: []string{"Théâtre", "Danse", "Musique", "Cirque", "Jeune public"},
		Series: []answer.Series{
			{Name: "Internet", Values: vals(0.52, 0.61, 0.58, 0.44, 0.31)},
			{Name: "Guichet", Values: vals(0.30, 0.22, 0.25, 0.38, 0.27)},
			{Name: "Téléphone", Values: vals(0.12, 0.09, 0.1, 0.1, 0.07)},
			{Name: "Scolaires et groupes", Values: vals(0.06, 0.08, 0.07, 0.08, 0.35)},
		},
	}},
	{"line", answer.Chart{
		Kind: answer.Line, Title: "Ventes mensuelles de la saison 2025-2026",
		XLabel: "Mois de l'achat", YLabel: "Billets", Format: answer.Int,
		Categories: []string{"juin 2025", "juil. 2025", "août 2025", "sept. 2025", "oct. 2025", "nov. 2025", "déc. 2025", "janv. 2026", "févr. 2026", "mars 2026", "avr. 2026", "mai 2026"},
		Series: []answer.Series{
			{Name: "Abonnements", Values: vals(1850, 620, 240, 980, 310, 150, 90, 120, 60, 40, 30, 20)},
			{Name: "Billets à l'unité", Values: vals(210, 180, nan, 1240, 1580, 1320, 1410, 1190, 1270, 1350, 980, 760)},
		},
	}},
	{"histogram", answer.Chart{
		Kind: answer.Histogram, Title: "Délai entre l'achat et la représentation",
		XLabel: "Jours avant la représentation", YLabel: "Billets", Format: answer.Int,
		Categories: []string{"0–6 j", "7–13 j", "14–20 j", "21–27 j", "28–34 j", "35–41 j", "42–48 j", "49–55 j", "56–62 j", "63 j et plus"},
		Series:     []answer.Series{{Name: "Billets", Values: vals(2310, 1420, 980, 760, 540, 430, 380, 290, 210, 1150)}},
	}},
	{"heatmap", answer.Chart{
		Kind: answer.Heatmap, Title: "Achats en ligne selon le jour et l'heure",
		XLabel: "Heure de l'achat", YLabel: "Jour", Format: answer.Int,
		Categories: []string{"8 h", "9 h", "10 h", "11 h", "12 h", "13 h", "14 h", "15 h", "16 h", "17 h", "18 h", "19 h", "20 h", "21 h", "22 h", "23 h"},
		Series: []answer.Series{
			{Name: "lundi", Values: vals(4, 9, 14, 18, 25, 31, 22, 19, 21, 27, 35, 41, 38, 29, 17, 8)},
			{Name: "mardi", Values: vals(6, 12, 17, 20, 28, 35, 24, 22, 24, 30, 42, 47, 44, 33, 20, 9)},
			{Name: "mercredi", Values: vals(5, 14, 21, 26, 33, 39, 36, 34, 31, 34, 44, 52, 49, 35, 21, 11)},
			{Name: "jeudi", Values: vals(7, 13, 18, 22, 30, 37, 26, 24, 26, 33, 46, 55, 51, 37, 23, 10)},
			{Name: "vendredi", Values: vals(8, 15, 20, 24, 32, 40, 29, 27, 30, 38, 51, 58, 47, 31, 19, 9)},
			{Name: "samedi", Values: vals(3, 10, 24, 36, 41, 38, 45, 48, 44, 39, 33, 28, 22, 17, 12, 6)},
			{Name: "dimanche", Values: vals(2, 5, 11, 19, 23, nan, 29, 31, 27, 24, 26, 30, 34, 28, 15, 5)},
		},
	}},
}
