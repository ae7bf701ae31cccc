package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"coulisses/app/fr"
	"coulisses/sandbox/answer"
)

// importReport is the part of the engine's import report the page shows
// (the engine's sandbox.Report, read from its JSON).
type importReport struct {
	Encoding   string         `json:"encoding"`
	BOM        bool           `json:"bom"`
	Delimiter  string         `json:"delimiter"`
	Decimal    string         `json:"decimal"`
	Header     bool           `json:"header"`
	Sheet      string         `json:"sheet"`
	Sheets     []string       `json:"sheets"`
	Rows       int            `json:"rows"`
	FooterRows int            `json:"footer_rows"`
	Footer     []string       `json:"footer"`
	Preamble   int            `json:"preamble_rows"`
	BlankRows  int            `json:"blank_rows"`
	Bytes      int64          `json:"bytes"`
	Columns    []columnReport `json:"columns"`
	Quality    *qualityReport `json:"quality"`
	Warnings   []engineIssue  `json:"warnings"`
	Complete   bool           `json:"complete"`
}

type columnReport struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Role     string   `json:"role"`
	Missing  int      `json:"missing"`
	Invalid  int      `json:"invalid"`
	Examples []string `json:"examples"`
	Invalids []struct {
		Line  int64  `json:"line"`
		Value string `json:"value"`
	} `json:"invalid_values"`
}

type qualityReport struct {
	Rows          int `json:"rows"`
	Columns       int `json:"columns"`
	MissingCells  int `json:"missing_cells"`
	InvalidValues int `json:"invalid_values"`
	DuplicateRows int `json:"duplicate_rows"`
	IDs           []struct {
		Column     string `json:"column"`
		Role       string `json:"role"`
		Distinct   int    `json:"distinct"`
		Duplicates int    `json:"duplicates"`
	} `json:"ids"`
	Suspicious []struct {
		Column  string `json:"column"`
		Kind    string `json:"kind"`
		Count   int    `json:"count"`
		Example string `json:"example"`
	} `json:"suspicious"`
	// Personal-data columns come from the engine's "personal" list
	// (Sandbox.personalCols), which also says what kind each one is.
}

// engineIssue is an import warning or error from the engine.
type engineIssue struct {
	Kind    string `json:"kind"`
	Line    int64  `json:"line"`
	Column  string `json:"column"`
	Count   int64  `json:"count"`
	Detail  string `json:"detail"`
	Message string `json:"message"` // French, when the engine provides it
}

// decodeReport reads the report out of an engine "result" message.
func decodeReport(raw []byte) (*importReport, error) {
	var m struct {
		Report *importReport `json:"report"`
	}
	if err := json.Unmarshal(raw, &m); err != nil || m.Report == nil {
		return nil, fmt.Errorf("rapport d'import illisible")
	}
	return m.Report, nil
}

// decodeAnswer reads an answer out of an engine message.
func decodeAnswer(raw []byte) (*answer.Answer, error) {
	var m struct {
		Answer *answer.Answer `json:"answer"`
	}
	if err := json.Unmarshal(raw, &m); err != nil || m.Answer == nil {
		return nil, fmt.Errorf("réponse du moteur illisible")
	}
	return m.Answer, nil
}

// warningText says a warning in French.
func warningText(w engineIssue) string {
	if w.Message != "" {
		return w.Message
	}
	switch w.Kind {
	case "footer":
		return "Des lignes de total ou de pied de page ont été mises de côté : elles ne sont pas comptées comme des ventes."
	case "preamble":
		return "Des lignes de titre avant l'en-tête ont été ignorées."
	case "invalid_values":
		return fmt.Sprintf("%s au type de la colonne « %s » : comptées comme invalides, pas supprimées.", count(w.Count, "valeur ne correspond pas", "valeurs ne correspondent pas"), w.Column)
	case "ragged_rows":
		return count(w.Count, "ligne n'a", "lignes n'ont") + " pas le même nombre de colonnes que l'en-tête."
	case "mixed_encoding":
		return "Le fichier mélange des encodages : quelques caractères ont été réparés (ligne " + fr.Int(w.Line) + ")."
	case "one_column":
		return "Une seule colonne a été trouvée : vérifiez le séparateur du fichier."
	case "demoted":
		return fmt.Sprintf("La colonne « %s » a été gardée en texte : trop de valeurs ne correspondaient pas à un même type.", w.Column)
	case "blank_rows":
		return count(w.Count, "ligne vide ignorée", "lignes vides ignorées") + "."
	}
	return w.Kind + " " + w.Detail
}

// suspiciousText names a kind of suspicious values.
func suspiciousText(kind string) string {
	switch kind {
	case "negative_price":
		return "prix négatifs"
	case "future_birth_year":
		return "années de naissance dans le futur"
	case "old_birth_year":
		return "années de naissance très anciennes"
	case "future_date":
		return "dates dans le futur"
	case "date_out_of_range":
		return "dates hors de la période plausible"
	case "age_out_of_range":
		return "âges improbables"
	case "purchase_after_show":
		return "achats après la représentation"
	}
	return kind
}

// delimiterName says the separator in words.
func delimiterName(d string) string {
	switch d {
	case ";":
		return "point-virgule"
	case ",":
		return "virgule"
	case "\t":
		return "tabulation"
	case "|":
		return "barre verticale"
	}
	return strings.TrimSpace(d)
}

// roleLabel and typeLabel name roles and types in French.
func roleLabel(r string) string {
	if l, ok := answer.RoleLabels[r]; ok {
		return l
	}
	return r
}

func typeLabel(t string) string {
	if l, ok := answer.TypeLabels[t]; ok {
		return l
	}
	return t
}

// sortedRoles lists the roles in a stable, readable order for selects.
var sortedRoles = []string{"", "customer_id", "order_id", "purchase_date", "show_date", "event", "discipline", "venue", "price", "quantity", "channel", "tariff", "postcode", "city", "birth_year", "birth_date", "age", "opt_in", "email", "phone", "name", "address"}

// sortedTypes lists the types for selects.
var sortedTypes = []string{"text", "integer", "decimal", "percent", "date", "datetime", "boolean", "postcode", "identifier"}
