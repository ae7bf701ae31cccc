package learn

import (
	"sort"

	"coulisses/content"
)

// Levels, in order.
const (
	Decouverte    = "decouverte"
	Intermediaire = "intermediaire"
	Avance        = "avance"
)

// levelRank orders levels: 1, 2, 3 (0 for unknown).
func levelRank(level string) int {
	switch level {
	case Decouverte:
		return 1
	case Intermediaire:
		return 2
	case Avance:
		return 3
	}
	return 0
}

// rankLevel is the inverse of levelRank.
func rankLevel(rank int) string {
	switch {
	case rank >= 3:
		return Avance
	case rank == 2:
		return Intermediaire
	}
	return Decouverte
}

// MaxLevel returns the higher of two levels.
func MaxLevel(a, b string) string { return rankLevel(max(levelRank(a), levelRank(b))) }

// Thresholds of the positioning profile: the weighted share of right
// answers a competence needs to reach each level. Questions weigh their
// level's rank (découverte 1, intermédiaire 2, avancé 3), so an advanced
// question answered right counts more than a basic one.
const (
	ThresholdIntermediaire = 0.4
	ThresholdAvance        = 0.75
)

// Profile is the result of the positioning test.
type Profile struct {
	// Levels maps each competence to découverte, intermédiaire or avancé.
	Levels map[string]string `json:"niveaux"`
	// Shares maps each competence to its weighted share of right answers.
	Shares map[string]float64 `json:"parts"`
	// Overall is the weighted share of right answers over the whole test.
	Overall float64 `json:"global"`
}

// Position scores the positioning test.
func Position(test *content.Quiz, answers map[string]Answer) Profile {
	got := map[string]float64{}
	total := map[string]float64{}
	var gotAll, totalAll float64
	for _, q := range test.Questions {
		w := float64(max(levelRank(q.Level), 1))
		total[q.Competence] += w
		totalAll += w
		if Correct(q, answers[q.ID]) {
			got[q.Competence] += w
			gotAll += w
		}
	}
	p := Profile{Levels: map[string]string{}, Shares: map[string]float64{}}
	for c, t := range total {
		share := got[c] / t
		p.Shares[c] = share
		switch {
		case share >= ThresholdAvance:
			p.Levels[c] = Avance
		case share >= ThresholdIntermediaire:
			p.Levels[c] = Intermediaire
		default:
			p.Levels[c] = Decouverte
		}
	}
	if totalAll > 0 {
		p.Overall = gotAll / totalAll
	}
	return p
}

// RolePaths maps a role to its path slug.
var RolePaths = map[string]string{
	"direction":         "direction",
	"billetterie":       "billetterie",
	"communication":     "communication",
	"relations-publics": "relations-publics",
	"juridique":         "administratif-juridique",
}

// EssentialsPath is the short path for everyone.
const EssentialsPath = "essentiels"

// Recommend returns the path to start with: the essentials for a learner
// who is discovering most competences, otherwise the path of their role.
func Recommend(p Profile, role string) string {
	path, ok := RolePaths[role]
	if !ok || p.Overall < ThresholdIntermediaire {
		return EssentialsPath
	}
	return path
}

// Weakest returns the competences of a profile from the weakest to the
// strongest (ties in competence order).
func (p Profile) Weakest(order []content.Competence) []string {
	var out []string
	for _, c := range order {
		if _, ok := p.Shares[c.Slug]; ok {
			out = append(out, c.Slug)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return p.Shares[out[i]] < p.Shares[out[j]] })
	return out
}

// QuizLevel derives a competence level from quiz results: a competence is
// at level L when the learner answered right at least 70 % of the
// questions of that competence in fiches of level L or above, with at least
// two such questions. Unknown competences are absent from the map.
func QuizLevel(c *content.Corpus, s *State) map[string]string {
	type tally struct{ right, total int }
	// byLevel[competence][rank] counts questions in fiches of that rank.
	byLevel := map[string]*[4]tally{}
	for id, fp := range s.Fiches {
		if fp.Quiz == nil {
			continue
		}
		f, q := c.Fiche(id), c.Quizzes[id]
		if f == nil || q == nil {
			continue
		}
		rank := levelRank(f.Level)
		for _, qq := range q.Questions {
			right, answered := fp.Quiz.Right[qq.ID]
			if !answered {
				continue
			}
			t := byLevel[qq.Competence]
			if t == nil {
				t = &[4]tally{}
				byLevel[qq.Competence] = t
			}
			t[rank].total++
			if right {
				t[rank].right++
			}
		}
	}
	out := map[string]string{}
	for comp, t := range byLevel {
		level := ""
		for rank := 3; rank >= 1 && level == ""; rank-- {
			var right, total int
			for r := rank; r <= 3; r++ {
				right += t[r].right
				total += t[r].total
			}
			if total >= 2 && float64(right) >= PassMark*float64(total)-1e-9 {
				level = rankLevel(rank)
			}
		}
		if level != "" {
			out[comp] = level
		}
	}
	return out
}

// CompetenceLevels combines the latest positioning profile with the levels
// shown in quizzes: each competence gets the higher of the two.
func CompetenceLevels(c *content.Corpus, s *State) map[string]string {
	out := map[string]string{}
	if p := s.LatestPositioning(); p != nil {
		for comp, l := range p.Profile.Levels {
			out[comp] = l
		}
	}
	for comp, l := range QuizLevel(c, s) {
		out[comp] = MaxLevel(out[comp], l)
	}
	return out
}
