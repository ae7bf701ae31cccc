package sandbox

import (
	"strconv"
)

// Errors of the analysis side (questions, recipes, privacy tools, exports,
// peers files). Like import errors, they carry a Kind usable with
// errors.Is; unlike them, they come with their French sentence (French
// method), because the user reads them next to a French answer.

// Analysis error kinds.
const (
	ErrQuestion Kind = "unknown_question" // no guided question has this slug
	ErrNoData   Kind = "no_data"          // nothing imported yet
	ErrRecipe   Kind = "recipe"           // a recipe cannot be read or applied
	ErrKey      Kind = "key"              // the pseudonymisation key is not 32 bytes
	ErrColumn   Kind = "column"           // a privacy tool names a column the file lacks
	ErrExport   Kind = "export"           // an export cannot be produced
	ErrPeers    Kind = "peers_file"       // a shareable-aggregates file is not valid
)

// AnalysisError says what went wrong in an analysis step.
type AnalysisError struct {
	Kind   Kind   `json:"kind"`
	Step   int    `json:"step,omitempty"` // 1-based recipe step
	Line   int    `json:"line,omitempty"` // 1-based line of a peers file
	File   string `json:"file,omitempty"` // peers file name or label
	Column string `json:"column,omitempty"`
	Detail string `json:"detail,omitempty"` // for logs
	// Message is the French sentence when the producer wrote one (peers
	// and recipe validation); French falls back to one per kind.
	Message string `json:"message,omitempty"`
}

// Error formats the error in English for logs; users read French().
func (e *AnalysisError) Error() string {
	s := "sandbox: " + string(e.Kind)
	if e.Step > 0 {
		s += " at step " + itoa(e.Step)
	}
	if e.Line > 0 {
		s += " at line " + itoa(e.Line)
	}
	if e.Column != "" {
		s += " column " + strconv.Quote(e.Column)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap returns the Kind.
func (e *AnalysisError) Unwrap() error { return e.Kind }

// French returns the sentence shown to the user.
func (e *AnalysisError) French() string {
	s := e.Message
	if s == "" {
		switch e.Kind {
		case ErrQuestion:
			s = "La question « " + e.Detail + " » n'existe pas dans le bac à sable."
		case ErrNoData:
			s = "Aucun fichier n'est chargé : importez d'abord un export ou ouvrez un jeu d'exemple."
		case ErrRecipe:
			s = "La recette d'exploration n'a pas pu être lue" + paren(e.Detail) + "."
		case ErrKey:
			s = "La clé de pseudonymisation doit compter 32 octets (256 bits) : elle n'a pas pu être utilisée. Générez une nouvelle clé ou réimportez la vôtre."
		case ErrColumn:
			s = "La colonne « " + e.Column + " » n'existe pas dans ce fichier."
		case ErrExport:
			s = "L'export n'a pas pu être produit" + paren(e.Detail) + "."
		case ErrPeers:
			s = "Le fichier d'agrégats n'est pas valide" + paren(e.Detail) + "."
		default:
			s = "L'analyse a échoué (" + string(e.Kind) + ")" + paren(e.Detail) + "."
		}
	}
	if e.Step > 0 {
		s = "Étape " + itoa(e.Step) + " : " + lowerFirst(s)
	}
	if e.Line > 0 {
		s = "Ligne " + itoa(e.Line) + " : " + lowerFirst(s)
	}
	if e.File != "" {
		s = "Fichier « " + e.File + " » — " + s
	}
	return s
}

//go:noinline
func paren(d string) string {
	if d == "" {
		return ""
	}
	return " (" + d + ")"
}

// lowerFirst lowers the first letter of a sentence that follows a prefix,
// unless it starts a proper noun or an acronym (second letter upper-case).
//
//go:noinline
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && r[0] >= 'A' && r[0] <= 'Z' && !(r[1] >= 'A' && r[1] <= 'Z') {
		r[0] += 'a' - 'A'
	}
	if len(r) > 1 && r[0] == 'É' && !(r[1] >= 'A' && r[1] <= 'Z') {
		r[0] = 'é'
	}
	return string(r)
}
