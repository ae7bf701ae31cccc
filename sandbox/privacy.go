package sandbox

import (
	"strings"
	"time"
)

// Privacy tools: list the columns holding personal data, drop them, or
// pseudonymise them (pseudo.go). Each returns a new Frame sharing the
// untouched columns with the old one: the imported frame is never
// modified, so the app can go back to it.

// PersonalColumn is a column holding personal data and what the privacy
// tools suggest doing with it.
type PersonalColumn struct {
	Column string `json:"column"`
	Role   Role   `json:"role,omitempty"`
	// Kind: "direct" (a name, an e-mail address, a phone number, a postal
	// address: designates a person), "identifier" (a customer number:
	// links a person's rows), "quasi" (postcode, birth date or year, city:
	// designates a person in combination), "free_text" (comments, which
	// may hold anything, health included).
	Kind string `json:"kind"`
	// Suggest: "drop", "pseudonymise" or "generalise" (the guided
	// questions already generalise: département, age band).
	Suggest string `json:"suggest"`
	Why     string `json:"why"` // French
	// Pseudonymised is true when the column already holds tokens.
	Pseudonymised bool `json:"pseudonymised,omitempty"`
}

// PersonalColumns lists the columns of f that hold personal data, in file
// order.
func PersonalColumns(f *Frame) []PersonalColumn {
	var out []PersonalColumn
	for _, c := range f.cols {
		p := PersonalColumn{Column: c.Name, Role: c.Role}
		switch {
		case isPseudonymised(c):
			p.Kind, p.Suggest, p.Pseudonymised = "identifier", "pseudonymise", true
			p.Why = "Déjà pseudonymisée : les codes ne se relient à une personne qu'avec votre clé. Le fichier reste une donnée personnelle."
		case c.Role == RoleEmail || c.Role == RoleCustomerID && looksLikeEmails(c):
			p.Kind, p.Suggest = "direct", "pseudonymise"
			p.Why = "Une adresse électronique désigne une personne. Pseudonymisez-la pour garder la possibilité de relier ses achats sans la lire, ou supprimez-la."
		case c.Role == RoleCustomerID:
			p.Kind, p.Suggest = "identifier", "pseudonymise"
			p.Why = "Un numéro de client relie toutes les lignes d'une personne et se retrouve dans votre logiciel. Pseudonymisé, il sert encore à mesurer la fidélité."
		case c.Role == RolePhone:
			p.Kind, p.Suggest = "direct", "drop"
			p.Why = "Un numéro de téléphone désigne une personne et ne sert à aucune question du bac à sable : supprimez-le."
		case c.Role == RoleName:
			p.Kind, p.Suggest = "direct", "drop"
			p.Why = "Un nom ou un prénom désigne une personne et ne sert à aucune question : supprimez-le."
		case c.Role == RoleAddress:
			p.Kind, p.Suggest = "direct", "drop"
			p.Why = "Une adresse postale désigne une personne ; le code postal suffit pour situer le public : supprimez-la."
		case c.Role == RoleBirthDate:
			p.Kind, p.Suggest = "quasi", "generalise"
			p.Why = "Une date de naissance complète, croisée avec un code postal, suffit souvent à reconnaître quelqu'un : l'année ou la tranche d'âge suffisent aux analyses."
		case c.Role == RolePostcode || c.Role == RoleCity || c.Role == RoleBirthYear:
			p.Kind, p.Suggest = "quasi", "generalise"
			p.Why = "Seule, cette colonne ne désigne personne ; croisée avec d'autres, elle le peut. Les questions la généralisent (département, tranche d'âge) ; ne la partagez pas telle quelle."
		case c.Role == RoleNone && c.stor == storDict && looksLikeEmails(c):
			p.Kind, p.Suggest = "direct", "pseudonymise"
			p.Why = "Cette colonne contient des adresses électroniques."
		case c.Role == RoleNone && c.stor == storDict && isFreeText(c):
			p.Kind, p.Suggest = "free_text", "drop"
			p.Why = "Un commentaire libre peut contenir un nom, un problème de santé, une situation personnelle : supprimez la colonne avant tout partage, lisez-la à part."
		default:
			continue
		}
		out = append(out, p)
	}
	return out
}

// looksLikeEmails: most dictionary entries (a sample) hold an « @ ».
//
//go:noinline
func looksLikeEmails(c *Column) bool {
	d := c.Dict()
	if len(d) == 0 {
		return false
	}
	n, at := 0, 0
	for _, s := range d {
		if n == 200 {
			break
		}
		n++
		if i := strings.IndexByte(s, '@'); i > 0 && strings.IndexByte(s[i:], '.') > 0 {
			at++
		}
	}
	return at*10 >= n*8
}

// isFreeText: a comment-like name, or long varied text.
//
//go:noinline
func isFreeText(c *Column) bool {
	name := " " + foldKey(c.Name) + " "
	for _, w := range []string{"comment", "remarque", "observation", "message", "avis", "verbatim", "suggestion", "precision", "libre", "note libre"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	d := c.Dict()
	if len(d) < 20 {
		return false
	}
	long := 0
	for _, s := range d[:min(len(d), 200)] {
		if len(s) > 40 && strings.Count(s, " ") >= 5 {
			long++
		}
	}
	return long*2 >= min(len(d), 200)
}

// Drop returns a frame without the named columns.
func Drop(f *Frame, names ...string) (*Frame, error) {
	drop := map[*Column]bool{}
	for _, n := range names {
		c := f.Col(n)
		if c == nil {
			return nil, &AnalysisError{Kind: ErrColumn, Column: n}
		}
		drop[c] = true
	}
	nf := &Frame{rows: f.rows, lines: f.lines}
	for _, c := range f.cols {
		if !drop[c] {
			nf.cols = append(nf.cols, c)
		}
	}
	return nf, nil
}

// RefreshReport describes frame f after a privacy tool, starting from the
// import report old: the file facts stay, the columns and the quality
// report are those of f (the exact duplicate count is the import's).
func RefreshReport(f *Frame, old *Report, today time.Time) *Report {
	rep := *old
	byName := map[string]ColumnReport{}
	for _, c := range old.Columns {
		byName[c.Name] = c
	}
	rep.Columns = nil
	for _, c := range f.cols {
		cr, ok := byName[c.Name]
		if !ok || cr.Type != c.Type || isPseudonymised(c) {
			cr = ColumnReport{Name: c.Name, Type: c.Type, Role: c.Role, Format: c.Format, Missing: c.Missing(), Invalid: c.InvalidCount(), Examples: []string{}}
			if inv := c.Invalids(); len(inv) > maxInvalidListed {
				cr.Invalids = inv[:maxInvalidListed]
			} else {
				cr.Invalids = inv
			}
			for i := 0; i < c.n && len(cr.Examples) < 3; i++ {
				if c.Valid(i) {
					cr.Examples = append(cr.Examples, c.String(i))
				}
			}
		}
		cr.Role = c.Role
		rep.Columns = append(rep.Columns, cr)
	}
	if today.IsZero() {
		today = time.Now()
	}
	q := computeQuality(f, nil, today)
	if old.Quality != nil {
		q.DuplicateRows = old.Quality.DuplicateRows
	}
	rep.Quality = q
	return &rep
}
