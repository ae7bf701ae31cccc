package content

// Quiz is the set of questions closing a fiche, or the positioning test
// (Fiche is then empty).
type Quiz struct {
	Fiche     string         `yaml:"fiche" json:"fiche"`
	Title     string         `yaml:"title" json:"title"`
	Intro     string         `yaml:"intro" json:"intro"`
	Questions []QuizQuestion `yaml:"questions" json:"questions"`
	// File is the path of the quiz in its file system.
	File string `yaml:"-" json:"-"`
}

// Question types.
const (
	Single    = "unique"
	Multiple  = "multiple"
	TrueFalse = "vrai-faux"
	Ordering  = "ordre"
)

// QuizQuestion is one question; its options carry their explanations.
type QuizQuestion struct {
	ID         string     `yaml:"id" json:"id"`
	Type       string     `yaml:"type" json:"type"`
	Competence string     `yaml:"competence" json:"competence"`
	Level      string     `yaml:"level" json:"level"`
	Question   string     `yaml:"question" json:"question"`
	Table      *QuizTable `yaml:"table" json:"table"`
	Options    []Option   `yaml:"options" json:"options"`
}

// QuizTable is a small table the learner must interpret.
type QuizTable struct {
	Caption string     `yaml:"caption" json:"caption"`
	Columns []string   `yaml:"columns" json:"columns"`
	Rows    [][]string `yaml:"rows" json:"rows"`
	// Chart is "barres" to also draw the second column as bars.
	Chart string `yaml:"chart" json:"chart"`
}

// Option is one possible answer. For ordering questions, options are
// written in the right order and Correct is unused.
type Option struct {
	Text        string `yaml:"text" json:"text"`
	Correct     bool   `yaml:"correct" json:"correct"`
	Explanation string `yaml:"explanation" json:"explanation"`
}

// CorrectCount returns how many options are marked correct.
func (q QuizQuestion) CorrectCount() int {
	n := 0
	for _, o := range q.Options {
		if o.Correct {
			n++
		}
	}
	return n
}
