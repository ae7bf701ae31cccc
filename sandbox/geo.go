package sandbox

import (
	"strings"
)

// Places from postcodes: French départements (Corsica 2A/2B, overseas
// 971–978, Pacific collectivities 986–988, Monaco) and Canadian forward
// sortation areas (the first three characters, « H2X »).

var departements = map[string]string{
	"01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
	"06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes", "09": "Ariège", "10": "Aube",
	"11": "Aude", "12": "Aveyron", "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal",
	"16": "Charente", "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud",
	"2B": "Haute-Corse", "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne",
	"25": "Doubs", "26": "Drôme", "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère",
	"30": "Gard", "31": "Haute-Garonne", "32": "Gers", "33": "Gironde", "34": "Hérault",
	"35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire", "38": "Isère", "39": "Jura",
	"40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire", "44": "Loire-Atlantique",
	"45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère", "49": "Maine-et-Loire",
	"50": "Manche", "51": "Marne", "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle",
	"55": "Meuse", "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord",
	"60": "Oise", "61": "Orne", "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques",
	"65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône",
	"70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie", "74": "Haute-Savoie",
	"75": "Paris", "76": "Seine-Maritime", "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres",
	"80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse",
	"85": "Vendée", "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne",
	"90": "Territoire de Belfort", "91": "Essonne", "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne",
	"95":  "Val-d'Oise",
	"971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "975": "Saint-Pierre-et-Miquelon",
	"976": "Mayotte", "977": "Saint-Barthélemy", "978": "Saint-Martin",
	"986": "Wallis-et-Futuna", "987": "Polynésie française", "988": "Nouvelle-Calédonie",
	"980": "Monaco",
}

// PlaceKind is the kind of place a postcode designates.
type PlaceKind uint8

// Kinds of places.
const (
	PlaceUnknown  PlaceKind = iota
	PlaceFrance             // a metropolitan département, Corsica included
	PlaceOverseas           // 971–978, 986–988
	PlaceMonaco             // 980xx
	PlaceCanada             // a Canadian FSA
)

// Place is where a postcode points to.
type Place struct {
	Code  string    // « 69 », « 2A », « 974 », « H2X »
	Name  string    // « Rhône », « Corse-du-Sud », « La Réunion », « Montréal (QC) »
	Kind  PlaceKind //
	Fixed bool      // a 4-digit code completed with a leading zero (01000)
}

// Label is « Rhône (69) », « H2X — Montréal (QC) ».
func (p Place) Label() string {
	if p.Kind == PlaceCanada {
		return p.Code + " — " + p.Name
	}
	return p.Name + " (" + p.Code + ")"
}

// Departement returns the French département (or overseas collectivity)
// of a postcode: « 69003 » → 69 Rhône; 20000–20199 → 2A, 20200–20999 → 2B;
// « 97411 » → 974 La Réunion. Spaces and a « F- » or « FR » prefix are
// ignored; a 4-digit code is read with its lost leading zero (« 1000 » →
// 01000, Fixed set).
func Departement(pc string) (Place, bool) {
	s := normPostcode(pc)
	fixed := false
	if len(s) == 4 && allDigits(s) {
		s, fixed = "0"+s, true
	}
	if len(s) != 5 || !allDigits(s) {
		return Place{}, false
	}
	var code string
	kind := PlaceFrance
	switch {
	case s[:2] == "20":
		n := (int(s[2]-'0')*100 + int(s[3]-'0')*10 + int(s[4]-'0'))
		if n < 200 {
			code = "2A"
		} else {
			code = "2B"
		}
	case s[:2] == "97" || s[:2] == "98":
		code = s[:3]
		kind = PlaceOverseas
		if code == "980" {
			kind = PlaceMonaco
		}
	default:
		code = s[:2]
	}
	name, ok := departements[code]
	if !ok {
		if s[:2] == "97" {
			return Place{Code: code, Name: "Outre-mer", Kind: PlaceOverseas, Fixed: fixed}, true
		}
		return Place{}, false
	}
	return Place{Code: code, Name: name, Kind: kind, Fixed: fixed}, true
}

// fsaRegions names the first letter of a Canadian postal code.
var fsaRegions = map[byte]string{
	'A': "Terre-Neuve-et-Labrador", 'B': "Nouvelle-Écosse", 'C': "Île-du-Prince-Édouard", 'E': "Nouveau-Brunswick",
	'G': "Est du Québec (QC)", 'H': "Montréal (QC)", 'J': "Ouest et sud du Québec (QC)",
	'K': "Est de l'Ontario", 'L': "Centre de l'Ontario", 'M': "Toronto", 'N': "Sud-Ouest de l'Ontario", 'P': "Nord de l'Ontario",
	'R': "Manitoba", 'S': "Saskatchewan", 'T': "Alberta", 'V': "Colombie-Britannique", 'X': "Territoires du Nord-Ouest et Nunavut", 'Y': "Yukon",
}

// FSA returns the forward sortation area of a Canadian postal code (its
// first three characters, « H2X 1Y4 » → H2X).
func FSA(pc string) (Place, bool) {
	s := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(pc), " ", ""))
	if len(s) != 3 && len(s) != 6 && !(len(s) == 7 && s[3] == '-') {
		return Place{}, false
	}
	if !(isUpper(s[0]) && isDigit(s[1]) && isUpper(s[2])) {
		return Place{}, false
	}
	if len(s) >= 6 {
		t := strings.ReplaceAll(s[3:], "-", "")
		if len(t) != 3 || !(isDigit(t[0]) && isUpper(t[1]) && isDigit(t[2])) {
			return Place{}, false
		}
	}
	region, ok := fsaRegions[s[0]]
	if !ok {
		return Place{}, false
	}
	return Place{Code: s[:3], Name: region, Kind: PlaceCanada}, true
}

// PlaceOf reads a postcode as a French département or a Canadian FSA.
func PlaceOf(pc string) (Place, bool) {
	if p, ok := Departement(pc); ok {
		return p, true
	}
	return FSA(pc)
}

func normPostcode(pc string) string {
	s := strings.ToUpper(strings.TrimSpace(pc))
	for _, p := range []string{"FR-", "F-", "FR"} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	s = dropRunes(s, " \u00a0\u202f")
	if len(s) > 5 && allDigits(s[:5]) && !isDigit(s[5]) { // « 75011 PARIS CEDEX »
		return s[:5]
	}
	return s
}

// dropRunes removes the runes of set from s.
func dropRunes(s, set string) string {
	var b strings.Builder
	for _, r := range s {
		if !strings.ContainsRune(set, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// placeIDs reads a postcode column into places: ids[i] is row i's place
// (-1: missing or not recognised), places the distinct places in order
// of first appearance, and counts of unrecognised and completed values.
func placeIDs(c *Column) (ids []int32, places []Place, unknown, fixed int) {
	ids = make([]int32, c.n)
	index := map[string]int32{}
	lookup := func(s string) int32 {
		p, ok := PlaceOf(s)
		if !ok {
			return -2
		}
		id, seen := index[p.Code]
		if !seen {
			id = int32(len(places))
			index[p.Code] = id
			places = append(places, Place{Code: p.Code, Name: p.Name, Kind: p.Kind})
		}
		if p.Fixed {
			return -3 - id // remember the completion, decode below
		}
		return id
	}
	decode := func(v int32, i int) {
		switch {
		case v == -2:
			ids[i] = -1
			unknown++
		case v <= -3:
			ids[i] = -3 - v
			fixed++
		default:
			ids[i] = v
		}
	}
	switch c.stor {
	case storDict:
		dict := c.Dict()
		per := make([]int32, len(dict))
		for k, s := range dict {
			per[k] = lookup(s)
		}
		codes := textCodes(c)
		forChunks(len(codes), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				k := codes[i]
				if k < 0 {
					ids[i] = -1
					continue
				}
				decode(per[k], i)
			}
		})
	case storInt:
		cache := map[int64]int32{}
		forChunks(c.n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if !c.Valid(i) {
					ids[i] = -1
					continue
				}
				v := c.Int(i)
				id, ok := cache[v]
				if !ok {
					id = lookup(c.String(i))
					cache[v] = id
				}
				decode(id, i)
			}
		})
	default:
		for i := range ids {
			ids[i] = -1
			if c.Valid(i) {
				unknown++
			}
		}
	}
	return
}
