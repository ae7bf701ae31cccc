package update

import (
	"fmt"
	"sort"
	"time"

	"coulisses/app/learn"
	"coulisses/content"
)

// QuizResets lists, sorted, the fiches whose quiz score no longer applies:
// the learner answered a version of the quiz whose questions or answers
// have since changed (learn.QuizVersion). A fiche or a quiz removed from
// the content is not listed: its history is kept as it is, and comes back
// if the fiche does. Scores recorded before quizzes were fingerprinted
// (no QuizVersion) are kept too.
func QuizResets(s *learn.State, c *content.Corpus) []string {
	if s == nil || c == nil {
		return nil
	}
	var ids []string
	for id, fp := range s.Fiches {
		if fp == nil || fp.QuizVersion == "" || (fp.Attempts == 0 && fp.Quiz == nil && fp.Best == 0) {
			continue
		}
		q := c.Quizzes[id]
		if q == nil {
			continue
		}
		if learn.QuizVersion(q) != fp.QuizVersion {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// ResetQuizzes clears the quiz scores of the given fiches (nothing else:
// reading, bookmark and note stay) and adds a notice for each, so that the
// learner knows why a score disappeared.
func ResetQuizzes(s *learn.State, c *content.Corpus, ids []string, now time.Time) {
	for _, id := range ids {
		fp := s.Fiches[id]
		if fp == nil {
			continue
		}
		title := id
		if f := c.Fiche(id); f != nil {
			title = fmt.Sprintf("%s « %s »", id, f.Title)
		}
		best := fp.Best
		fp.Quiz, fp.Best, fp.Attempts, fp.QuizVersion = nil, 0, 0, ""
		s.Notices = append(s.Notices, fmt.Sprintf(
			"%s : le quiz de la fiche %s a changé avec une mise à jour du contenu ; votre meilleur score (%d %%) a été remis à zéro. Votre lecture, vos favoris et vos notes sont conservés.",
			now.Local().Format("02/01/2006"), title, best))
	}
	if len(ids) > 0 {
		s.Updated = now.UTC().Format(time.RFC3339)
	}
}
