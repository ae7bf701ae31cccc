package sandbox

import (
	"strings"

	"coulisses/sandbox/answer"
)

// Guided questions built from the kernels and the columns' roles (see
// content/bac-a-sable.yaml). Each returns ErrUnknownCol, naming the missing
// role, when the frame lacks a column it needs.

func needRoles(f *Frame, roles ...Role) ([]*Column, error) {
	cols := make([]*Column, len(roles))
	for i, r := range roles {
		if cols[i] = roleCol(f, r); cols[i] == nil {
			return nil, &ImportError{Kind: ErrUnknownCol, Detail: "rôle " + string(r)}
		}
	}
	return cols, nil
}

// PurchaseWeekday ("jour-achat"): tickets and revenue by weekday of purchase.
// Columns: nombre, somme <price column>.
func PurchaseWeekday(f *Frame) (*Table, error) {
	c, err := needRoles(f, RolePurchaseDate, RolePrice)
	if err != nil {
		return nil, err
	}
	return f.GroupBy(nil, ByWeekday(c[0]), Count(), Sum(c[1])), nil
}

// AgeShare ("jeunes-18-35"): per discipline, the share of tickets whose
// buyer was between lo and hi years old on the show date (age from the
// birth year or birth date), among tickets whose age is known.
func AgeShare(f *Frame, lo, hi float64) (*Table, error) {
	c, err := needRoles(f, RoleDiscipline, RoleShowDate)
	if err != nil {
		return nil, err
	}
	birth := roleCol(f, RoleBirthYear)
	if birth == nil {
		birth = roleCol(f, RoleBirthDate)
	}
	if birth == nil {
		return nil, &ImportError{Kind: ErrUnknownCol, Detail: "rôle " + string(RoleBirthYear)}
	}
	return f.GroupBy(nil, byValue(c[0]), Share(Between(AgeAt(birth, c[1]), lo, hi)), Count()), nil
}

// TopPrices: the n highest prices among rows matching the conditions, ties
// by order id then row.
func TopPrices(f *Frame, n int, conds ...Cond) ([]int, error) {
	c, err := needRoles(f, RolePrice)
	if err != nil {
		return nil, err
	}
	var sel Bitmap
	if len(conds) > 0 {
		sel = f.Where(conds...)
	}
	orders := []Order{Desc(c[0])}
	if o := roleCol(f, RoleOrderID); o != nil {
		orders = append(orders, Asc(o))
	}
	return f.Top(n, sel, orders...), nil
}

// Loyalty ("fidelite"): distinct customers and the share of them with more
// than one distinct order (or, without an order id, more than one row).
func Loyalty(f *Frame) (customers int, repeatRate float64, err error) {
	c, err := needRoles(f, RoleCustomerID)
	if err != nil {
		return 0, 0, err
	}
	agg := Count()
	if o := roleCol(f, RoleOrderID); o != nil {
		agg = CountDistinct(o)
	}
	t := f.groupBy(nil, byValue(c[0]), false, agg)
	repeat := 0
	for _, v := range t.Values[0] {
		if v > 1 {
			repeat++
		}
	}
	if t.Len() == 0 {
		return 0, 0, nil
	}
	return t.Len(), float64(repeat) / float64(t.Len()), nil
}

// ---- guided questions as answers ----

// QuestionInfo describes a guided question (content/bac-a-sable.yaml holds
// the same slugs, titles and fiches; a test keeps them in step).
type QuestionInfo struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	Fiche string `json:"fiche"`
}

// Questions lists the guided questions in the order the sandbox shows them.
var Questions = []QuestionInfo{
	{"jour-achat", "Quel jour (et à quelle heure) achète-t-on ses billets ?", "4.01"},
	{"delai-achat", "Combien de jours avant la représentation ?", "4.02"},
	{"jeunes-18-35", "Quelle part des 18–35 ans par discipline ?", "4.03"},
	{"origine", "D'où vient le public ?", "1.03"},
	{"fidelite", "Qui revient ?", "5.01"},
	{"panier", "Panier moyen et mix tarifaire / canaux", "4.02"},
	{"opt-in", "Taux d'opt-in", "3.01"},
	{"rfm", "Segments RFM", "4.03"},
	{"information", "Comment le public s'informe-t-il ?", "4.05"},
}

//go:noinline
func questionBySlug(slug string) QuestionInfo {
	for _, q := range Questions {
		if q.Slug == slug {
			return q
		}
	}
	return QuestionInfo{Slug: slug, Title: slug}
}

// Params tune a guided question. The zero value asks the question as the
// sandbox first shows it. Unknown or inapplicable values are ignored.
type Params struct {
	// By breaks the answer down: "discipline", "channel", "tariff", "age"
	// (age bands), "event" or "none"; each question accepts some of them
	// and lists those the file allows in Answer.Variants.
	By string `json:"by,omitempty"`
	// Min and Max bound the age band of « jeunes-18-35 » (default 18–35).
	Min float64 `json:"min,omitempty"`
	Max float64 `json:"max,omitempty"`
	// Top is the number of categories charts show before « Autres »
	// (default 10 for « origine », 12 elsewhere).
	Top int `json:"top,omitempty"`
}

// questionFuncs maps each slug to its implementation.
var questionFuncs = map[string]func(*Frame, Params) *answer.Answer{
	"jour-achat":   askWeekday,
	"delai-achat":  askLeadTime,
	"jeunes-18-35": askYouth,
	"origine":      askOrigin,
	"fidelite":     askLoyalty,
	"panier":       askBasket,
	"opt-in":       askOptIn,
	"rfm":          askRFM,
	"information":  askInformation,
}

// Ask answers the guided question slug on f. A question whose required
// columns are missing returns an answer with Missing set (no error); the
// error is for an unknown slug or an empty frame.
func Ask(f *Frame, slug string, p Params) (*answer.Answer, error) {
	fn, ok := questionFuncs[slug]
	if !ok {
		return nil, &AnalysisError{Kind: ErrQuestion, Detail: slug}
	}
	if f == nil {
		return nil, &AnalysisError{Kind: ErrNoData}
	}
	a := fn(f, p)
	if len(a.Missing) > 0 {
		a.Tables, a.Charts, a.Sentence = nil, nil, missingSentence(a.Missing)
	}
	return a, nil
}

// missingSentence says which columns the question needs.
func missingSentence(ms []answer.Need) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = quote(m.Label)
	}
	s := "Pour répondre, il faut une colonne " + names[0]
	if len(names) > 1 {
		s = "Pour répondre, il faut des colonnes " + strings.Join(names[:len(names)-1], ", ") + " et " + names[len(names)-1]
	}
	return s + ". Indiquez quelle colonne de votre fichier joue ce rôle, si elle existe."
}

// QuestionStatus says whether a guided question can be asked of a file.
type QuestionStatus struct {
	QuestionInfo
	Missing []answer.Need `json:"missing,omitempty"`
}

// Available lists every guided question with the roles it still needs on f
// (nothing missing: the question can be asked).
func Available(f *Frame) []QuestionStatus {
	out := make([]QuestionStatus, len(Questions))
	for i, q := range Questions {
		out[i].QuestionInfo = q
		out[i].Missing = questionNeeds(f, q.Slug)
	}
	return out
}

// questionNeeds returns the roles question slug still needs on f.
func questionNeeds(f *Frame, slug string) []answer.Need {
	var q *requirements
	switch slug {
	case "jour-achat":
		_, _, q = weekdayCols(f)
	case "delai-achat":
		_, _, q = leadCols(f)
	case "jeunes-18-35":
		_, q = youthCols(f)
	case "origine":
		_, q = originCols(f)
	case "fidelite":
		_, q = loyaltyCols(f)
	case "panier":
		_, q = basketCols(f)
	case "opt-in":
		_, q = optInCols(f)
	case "rfm":
		_, q = rfmCols(f)
	case "information":
		_, q = informationCols(f)
	default:
		return nil
	}
	return q.missing
}
