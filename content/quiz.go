package content

// Quiz is the set of questions closing a fiche, or the positioning test
// (Fiche is then empty).
type Quiz struct {
	Fiche     string         `yaml:"fiche"`
	Title     string         `yaml:"title"`
	Intro     string         `yaml:"intro"`
	Questions []QuizQuestion `yaml:"questions"`
	// File is the path of the quiz in its file system.
	File string `yaml:"-"`
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
	ID         string     `yaml:"id"`
	Type       string     `yaml:"type"`
	Competence string     `yaml:"competence"`
	Level      string     `yaml:"level"`
	Question   string     `yaml:"question"`
	Table      *QuizTable `yaml:"table"`
	Options    []Option   `yaml:"options"`
}

// QuizTable is a small table the learner must interpret.
type QuizTable struct {
	Caption string     `yaml:"caption"`
	Columns []string   `yaml:"columns"`
	Rows    [][]string `yaml:"rows"`
	// Chart is "barres" to also draw the second column as bars.
	Chart string `yaml:"chart"`
}

// Option is one possible answer. For ordering questions, options are
// written in the right order and Correct is unused.
type Option struct {
	Text        string `yaml:"text"`
	Correct     bool   `yaml:"correct"`
	Explanation string `yaml:"explanation"`
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
