package sandbox

import (
	"strings"
	"unicode/utf8"
)

// Stage 6: roles. suggestRoles reads column names (French, Québec and
// English exports: SecuTix-, Spektrix-, Eventbrite-style headers) and, where
// names say nothing, contents (e-mails, phone numbers), and proposes what
// each column means. Roles are plain data: the caller confirms or changes
// them (Options.Roles, Frame.SetRole).

// Role is what a column means for the analyses.
type Role string

// Column roles.
const (
	RoleNone         Role = ""
	RoleCustomerID   Role = "customer_id"
	RoleOrderID      Role = "order_id"
	RolePurchaseDate Role = "purchase_date"
	RoleShowDate     Role = "show_date"
	RoleEvent        Role = "event"      // show or event title
	RoleDiscipline   Role = "discipline" // discipline or genre
	RoleVenue        Role = "venue"
	RolePrice        Role = "price" // price or amount
	RoleQuantity     Role = "quantity"
	RoleChannel      Role = "channel"
	RoleTariff       Role = "tariff"
	RolePostcode     Role = "postcode"
	RoleCity         Role = "city"
	RoleBirthYear    Role = "birth_year"
	RoleBirthDate    Role = "birth_date"
	RoleAge          Role = "age"
	RoleEmail        Role = "email"
	RolePhone        Role = "phone"
	RoleName         Role = "name" // first, last or full name
	RoleAddress      Role = "address"
	RoleOptIn        Role = "opt_in"
)

// Roles lists every role, for pickers.
var Roles = []Role{RoleCustomerID, RoleOrderID, RolePurchaseDate, RoleShowDate, RoleEvent, RoleDiscipline, RoleVenue, RolePrice, RoleQuantity, RoleChannel, RoleTariff, RolePostcode, RoleCity, RoleBirthYear, RoleBirthDate, RoleAge, RoleEmail, RolePhone, RoleName, RoleAddress, RoleOptIn}

// Personal reports whether a role designates personal data (GDPR).
func (r Role) Personal() bool {
	switch r {
	case RoleEmail, RolePhone, RoleName, RoleAddress, RoleBirthDate:
		return true
	}
	return false
}

// roleRule: every token of one of the alternatives must appear in the
// normalised column name.
type roleRule struct {
	role  Role
	alts  []string // each alternative is space-separated tokens
	types []Type   // accepted column types (nil: any)
}

var dateTypes = []Type{Date, DateTime}
var numTypes = []Type{Integer, Decimal}

// Order matters: the first matching rule wins.
var roleRules = []roleRule{
	{RoleBirthDate, []string{"date naissance", "birth date", "birthdate", "date of birth", "dob", "ddn"}, nil},
	{RoleBirthYear, []string{"annee naissance", "birth year", "year of birth", "annee de naissance", "ne en", "year born"}, nil},
	{RoleShowDate, []string{"date representation", "date spectacle", "date seance", "date evenement", "event date", "performance date", "date concert", "show date", "date visite", "date manifestation", "date de l evenement", "performance", "event start", "date debut", "seance"}, dateTypes},
	{RolePurchaseDate, []string{"date achat", "date vente", "date commande", "order date", "purchase date", "date transaction", "transaction date", "date reservation", "booking date", "created", "date paiement", "achete le", "date de creation", "sale date"}, dateTypes},
	{RoleShowDate, []string{"date", "jour"}, dateTypes},
	{RoleEmail, []string{"email", "e mail", "courriel", "mail", "adresse electronique"}, nil},
	{RolePhone, []string{"telephone", "tel", "portable", "mobile", "phone", "cellulaire", "cell"}, nil},
	{RolePostcode, []string{"code postal", "cp", "postal", "postcode", "zip", "codepostal", "zipcode"}, nil},
	{RoleCity, []string{"ville", "city", "commune", "localite", "municipalite"}, nil},
	{RoleAddress, []string{"adresse", "address", "rue", "street"}, nil},
	{RolePrice, []string{"prix", "montant", "price", "amount", "chiffre affaires", "ca", "recette", "paid", "gross", "total", "revenue", "valeur", "net", "ttc"}, numTypes},
	{RoleName, []string{"nom client", "prenom", "nom acheteur", "first name", "last name", "nom famille", "firstname", "lastname", "surname", "full name", "nom contact"}, nil},
	{RoleOrderID, []string{"no commande", "numero commande", "commande", "order id", "order no", "order number", "order", "id commande", "transaction", "no transaction", "no dossier", "reservation", "booking"}, nil},
	{RoleCustomerID, []string{"no client", "numero client", "client", "customer", "id client", "code client", "contact", "id contact", "acheteur", "buyer", "patron", "spectateur id", "tiers", "no tiers", "individu"}, nil},
	{RoleQuantity, []string{"quantite", "qte", "qty", "quantity", "nb billets", "nombre billets", "places", "nombre", "nb places", "tickets"}, []Type{Integer, Decimal}},
	{RoleAge, []string{"age"}, []Type{Integer, Text}},
	{RoleOptIn, []string{"opt in", "optin", "consentement", "newsletter", "accepte", "rgpd", "marketing", "abonne lettre", "consent", "infolettre"}, nil},
	{RoleTariff, []string{"tarif", "type tarif", "categorie tarifaire", "price type", "ticket type", "type billet", "price band", "rate", "formule"}, nil},
	{RoleChannel, []string{"canal", "channel", "point vente", "source", "mode vente", "sales channel", "guichet", "origine"}, nil},
	{RoleDiscipline, []string{"discipline", "genre", "type spectacle", "categorie spectacle", "category", "categorie", "famille"}, nil},
	{RoleVenue, []string{"salle", "lieu", "venue", "theatre", "site", "location", "espace"}, nil},
	{RoleEvent, []string{"spectacle", "evenement", "event", "titre", "title", "production", "manifestation", "concert", "exposition", "show", "oeuvre", "activite", "event name", "nom spectacle", "nom evenement"}, nil},
	{RoleName, []string{"nom", "prenom", "first name", "last name", "name", "surname", "nom famille", "firstname", "lastname", "full name", "nom complet", "civilite"}, nil},
}

// suggestRole proposes a role for a column from its name, type and values.
func suggestRole(name string, t Type, sample []string) Role {
	toks := strings.Fields(normName(name))
	has := func(w string) bool {
		for _, t := range toks {
			if t == w {
				return true
			}
		}
		return false
	}
	for _, rule := range roleRules {
		if rule.types != nil && !typeIn(t, rule.types) {
			continue
		}
		for _, alt := range rule.alts {
			ok := true
			for _, w := range strings.Fields(alt) {
				if !has(w) {
					ok = false
					break
				}
			}
			if ok {
				return refineRole(rule.role, t, sample)
			}
		}
	}
	return roleFromContent(t, sample)
}

func typeIn(t Type, ts []Type) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// refineRole checks a name-based role against the column's type.
func refineRole(r Role, t Type, sample []string) Role {
	switch r {
	case RoleBirthYear:
		if t != Integer && t != Text && t != Identifier {
			if t == Date || t == DateTime {
				return RoleBirthDate
			}
		}
	case RoleBirthDate:
		if t == Integer {
			return RoleBirthYear
		}
	case RoleEmail:
		if t != Text {
			return roleFromContent(t, sample)
		}
	}
	return r
}

// roleFromContent recognises e-mail addresses and phone numbers.
func roleFromContent(t Type, sample []string) Role {
	if len(sample) == 0 {
		return RoleNone
	}
	emails, phones := 0, 0
	for _, v := range sample {
		if i := strings.IndexByte(v, '@'); i > 0 && strings.IndexByte(v[i:], '.') > 0 && !strings.ContainsAny(v, " ;,") {
			emails++
		}
		if looksLikePhone(v) {
			phones++
		}
	}
	switch {
	case emails*10 >= len(sample)*8:
		return RoleEmail
	case phones*10 >= len(sample)*8 && (t == Text || t == Identifier):
		return RolePhone
	}
	return RoleNone
}

func looksLikePhone(v string) bool {
	digits := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '.' || c == '-' || c == '+' || c == '(' || c == ')':
		default:
			return false
		}
	}
	return digits >= 9 && digits <= 15 && (v[0] == '0' || v[0] == '+' || v[0] == '(')
}

var accentFold = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ã': "a", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'î': "i", 'ï': "i", 'í': "i", 'ô': "o", 'ö': "o", 'ó': "o", 'ù': "u", 'û': "u", 'ü': "u", 'ú': "u",
	'ç': "c", 'œ': "oe", 'æ': "ae", 'ñ': "n", 'ÿ': "y", '°': "o", 'º': "o",
}

// normName lower-cases a column name, folds accents, writes "n°", "nº",
// "no." and "#" as "no", turns punctuation into spaces and drops French
// stop words ("de", "d", "la", "du", "des", "l", "le", "en"?).
func normName(s string) string {
	var b strings.Builder
	s = strings.ToLower(s)
	for i := 0; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		i += sz
		switch {
		case r == '#':
			b.WriteString(" no ")
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case accentFold[r] != "":
			b.WriteString(accentFold[r])
		default:
			b.WriteByte(' ')
		}
	}
	toks := strings.Fields(b.String())
	out := toks[:0]
	for i, t := range toks {
		switch t {
		case "de", "d", "la", "du", "des", "l", "le", "of", "the", "a", "par":
			continue
		case "n", "num", "nr":
			if t == "n" || i+1 < len(toks) {
				t = "no"
			}
		case "numero", "number":
			if len(toks) > 1 {
				t = "no"
			}
		case "ids":
			t = "id"
		}
		out = append(out, t)
	}
	return strings.Join(out, " ")
}

// name hints used by type inference
func nameHas(name string, words ...string) bool {
	toks := strings.Fields(normName(name))
	for _, w := range words {
		ws := strings.Fields(w)
		all := true
		for _, x := range ws {
			found := false
			for _, t := range toks {
				if t == x {
					found = true
					break
				}
			}
			if !found {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

func isPostcodeName(n string) bool {
	return nameHas(n, "code postal", "cp", "postal", "postcode", "zip", "codepostal", "zipcode")
}

func isIDName(n string) bool {
	return nameHas(n, "id", "no", "numero", "code", "ref", "reference", "identifiant", "matricule", "uid", "uuid", "barcode", "code barre", "siret", "siren")
}

func isCentsName(n string) bool {
	return nameHas(n, "centimes", "cents", "cts", "centime", "cent")
}

func isQuantityName(n string) bool {
	return nameHas(n, "quantite", "qte", "qty", "quantity", "nb", "nombre", "places", "count", "total")
}
