// Package learn holds the learner's side of Coulisses, in pure Go: quiz
// scoring, the positioning profile, competence levels, progress with its
// versioned schema, and the export/import of all of it. Components call it;
// it knows nothing of the browser.
package learn

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"

	"coulisses/content"
)

// PassMark is the share of right answers a quiz needs to be passed.
const PassMark = 0.7

// Answer is what the learner chose for one question: the indexes of the
// options ticked (unique, multiple, vrai-faux), or the options in the order
// given (ordre), as indexes into the authored order.
type Answer []int

// Correct reports whether an answer is right. Multiple choice is right only
// when exactly the right options are ticked; ordering only when every
// option is in place.
func Correct(q content.QuizQuestion, a Answer) bool {
	switch q.Type {
	case content.Ordering:
		if len(a) != len(q.Options) {
			return false
		}
		for i, v := range a {
			if v != i {
				return false
			}
		}
		return true
	default:
		var want []int
		for i, o := range q.Options {
			if o.Correct {
				want = append(want, i)
			}
		}
		got := slices.Clone(a)
		slices.Sort(got)
		got = slices.Compact(got)
		return len(want) > 0 && slices.Equal(got, want)
	}
}

// Result is the outcome of one quiz attempt.
type Result struct {
	Correct int `json:"justes"`
	Total   int `json:"total"`
	// Right lists, per question ID, whether it was answered right.
	Right map[string]bool `json:"reponses"`
}

// Score returns the share of right answers, between 0 and 1.
func (r Result) Score() float64 {
	if r.Total == 0 {
		return 0
	}
	return float64(r.Correct) / float64(r.Total)
}

// Passed reports whether the score reaches PassMark.
func (r Result) Passed() bool { return r.Total > 0 && r.Score() >= PassMark-1e-9 }

// Percent returns the score as a whole percentage.
func (r Result) Percent() int { return int(r.Score()*100 + 0.5) }

// Grade scores a set of answers, keyed by question ID. A question left
// unanswered counts as wrong.
func Grade(questions []content.QuizQuestion, answers map[string]Answer) Result {
	r := Result{Total: len(questions), Right: map[string]bool{}}
	for _, q := range questions {
		ok := Correct(q, answers[q.ID])
		r.Right[q.ID] = ok
		if ok {
			r.Correct++
		}
	}
	return r
}

// QuizVersion fingerprints a quiz's questions and answers, so that a quiz
// changed by a content update can be told from the one a score was earned on.
func QuizVersion(q *content.Quiz) string {
	if q == nil {
		return ""
	}
	b, _ := json.Marshal(q.Questions)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
