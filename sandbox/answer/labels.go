package answer

// RoleLabels names the column roles in French, for the screens where the
// user confirms or changes them. Keys are the engine's role identifiers.
var RoleLabels = map[string]string{
	"":              "Aucun rôle",
	"customer_id":   "Identifiant client",
	"order_id":      "Numéro de commande",
	"purchase_date": "Date d'achat",
	"show_date":     "Date de la représentation",
	"event":         "Spectacle ou événement",
	"discipline":    "Discipline ou genre",
	"venue":         "Lieu ou salle",
	"price":         "Prix ou montant",
	"quantity":      "Quantité",
	"channel":       "Canal de vente",
	"tariff":        "Tarif",
	"postcode":      "Code postal",
	"city":          "Ville",
	"birth_year":    "Année de naissance",
	"birth_date":    "Date de naissance",
	"age":           "Âge",
	"email":         "Adresse électronique",
	"phone":         "Téléphone",
	"name":          "Nom ou prénom",
	"address":       "Adresse postale",
	"opt_in":        "Consentement (opt-in)",
}

// TypeLabels names the column types in French.
var TypeLabels = map[string]string{
	"text":       "Texte",
	"integer":    "Nombre entier",
	"decimal":    "Nombre décimal",
	"percent":    "Pourcentage",
	"date":       "Date",
	"datetime":   "Date et heure",
	"boolean":    "Oui / non",
	"postcode":   "Code postal",
	"identifier": "Identifiant",
}
