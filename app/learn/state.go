package learn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"coulisses/content"
)

// Schema is the current version of the saved progress. Bump it when the
// shape of State changes, and add a migration from the previous version.
const Schema = 1

// Kind identifies a Coulisses progress export among other JSON files.
const Kind = "coulisses-progression"

// State is everything the app keeps about a learner, on the device only.
type State struct {
	Schema  int    `json:"schema"`
	Kind    string `json:"type"`
	Updated string `json:"mis_a_jour"` // RFC 3339
	// Fiches holds progress per fiche ID.
	Fiches map[string]*FicheProgress `json:"fiches"`
	// Paths lists the paths the learner follows, in the order picked.
	Paths []string `json:"parcours"`
	// Positioning lists every positioning test taken, oldest first.
	Positioning []Positioning `json:"positionnement"`
	// Last is the ID of the last fiche opened (the resume button).
	Last string `json:"derniere_fiche,omitempty"`
	// Notes are messages for the learner about their progress (a quiz
	// reset by a content update…), newest last.
	Notices []string `json:"avis,omitempty"`
}

// FicheProgress is the progress on one fiche.
type FicheProgress struct {
	Read     bool   `json:"lue"`
	ReadAt   string `json:"lue_le,omitempty"`
	Bookmark bool   `json:"favori,omitempty"`
	Note     string `json:"note,omitempty"`
	// Quiz is the latest attempt; Best its best score.
	Quiz     *Attempt `json:"quiz,omitempty"`
	Best     int      `json:"meilleur_score,omitempty"`
	Attempts int      `json:"tentatives,omitempty"`
	// QuizVersion fingerprints the quiz the attempt answered, so that a
	// quiz changed by a content update resets only its own score.
	QuizVersion string `json:"version_quiz,omitempty"`
}

// Attempt is one scored quiz attempt.
type Attempt struct {
	Result
	At string `json:"le"`
}

// Positioning is one positioning test taken.
type Positioning struct {
	At          string  `json:"le"`
	Role        string  `json:"metier"`
	Profile     Profile `json:"profil"`
	Recommended string  `json:"parcours_conseille"`
}

// New returns an empty state at the current schema.
func New() *State {
	return &State{Schema: Schema, Kind: Kind, Fiches: map[string]*FicheProgress{}}
}

// Fiche returns the progress on a fiche, creating it if needed.
func (s *State) Fiche(id string) *FicheProgress {
	if s.Fiches == nil {
		s.Fiches = map[string]*FicheProgress{}
	}
	fp := s.Fiches[id]
	if fp == nil {
		fp = &FicheProgress{}
		s.Fiches[id] = fp
	}
	return fp
}

// Peek returns the progress on a fiche without creating it (zero value if none).
func (s *State) Peek(id string) FicheProgress {
	if fp := s.Fiches[id]; fp != nil {
		return *fp
	}
	return FicheProgress{}
}

// MarkRead records that a fiche was read.
func (s *State) MarkRead(id string, now time.Time) {
	fp := s.Fiche(id)
	if !fp.Read {
		fp.Read = true
		fp.ReadAt = now.UTC().Format(time.RFC3339)
	}
	s.Last = id
	s.touch(now)
}

// RecordQuiz records a quiz attempt on a fiche.
func (s *State) RecordQuiz(id, quizVersion string, r Result, now time.Time) {
	fp := s.Fiche(id)
	fp.Quiz = &Attempt{Result: r, At: now.UTC().Format(time.RFC3339)}
	fp.Attempts++
	fp.Best = max(fp.Best, r.Percent())
	fp.QuizVersion = quizVersion
	s.touch(now)
}

// Passed reports whether the quiz of a fiche was passed (best score ≥ 70 %).
func (fp FicheProgress) Passed() bool { return fp.Best >= int(PassMark*100) }

// AddPositioning records a positioning test.
func (s *State) AddPositioning(p Positioning, now time.Time) {
	p.At = now.UTC().Format(time.RFC3339)
	s.Positioning = append(s.Positioning, p)
	s.touch(now)
}

// LatestPositioning returns the last positioning test, or nil.
func (s *State) LatestPositioning() *Positioning {
	if len(s.Positioning) == 0 {
		return nil
	}
	return &s.Positioning[len(s.Positioning)-1]
}

// Follow adds a path to the followed ones; Unfollow removes it.
func (s *State) Follow(path string, now time.Time) {
	for _, p := range s.Paths {
		if p == path {
			return
		}
	}
	s.Paths = append(s.Paths, path)
	s.touch(now)
}

// Unfollow stops following a path.
func (s *State) Unfollow(path string, now time.Time) {
	out := s.Paths[:0]
	for _, p := range s.Paths {
		if p != path {
			out = append(out, p)
		}
	}
	s.Paths = out
	s.touch(now)
}

// Follows reports whether the learner follows a path.
func (s *State) Follows(path string) bool {
	for _, p := range s.Paths {
		if p == path {
			return true
		}
	}
	return false
}

// PathProgress counts the fiches of a path that are done (read and quiz
// passed) out of its total.
func (s *State) PathProgress(p *content.Path) (done, total int) {
	for _, id := range p.Fiches {
		fp := s.Peek(id)
		if fp.Read && fp.Passed() {
			done++
		}
	}
	return done, len(p.Fiches)
}

// NextInPath returns the first fiche of a path not yet done, or "".
func (s *State) NextInPath(p *content.Path) string {
	for _, id := range p.Fiches {
		fp := s.Peek(id)
		if !fp.Read || !fp.Passed() {
			return id
		}
	}
	return ""
}

func (s *State) touch(now time.Time) { s.Updated = now.UTC().Format(time.RFC3339) }

// Export returns the state as indented JSON, ready to save as a file.
func (s *State) Export() ([]byte, error) {
	s.Schema, s.Kind = Schema, Kind
	return json.MarshalIndent(s, "", "  ")
}

// Import errors. The app turns them into French messages; nothing is
// overwritten when Import fails.
var (
	ErrNotJSON      = errors.New("le fichier n'est pas du JSON valide")
	ErrNotProgress  = errors.New("le fichier n'est pas une sauvegarde de progression Coulisses")
	ErrFutureSchema = errors.New("la sauvegarde vient d'une version plus récente de Coulisses")
	ErrCorrupted    = errors.New("la sauvegarde est incomplète ou abîmée")
)

// MaxImportBytes bounds the size of an imported progress file.
const MaxImportBytes = 5 << 20

// Import parses a saved or exported state, migrating it from older schemas.
func Import(data []byte) (*State, error) {
	if len(data) > MaxImportBytes {
		return nil, fmt.Errorf("%w : %d octets, plus que les %d permis", ErrCorrupted, len(data), MaxImportBytes)
	}
	var head struct {
		Schema *int   `json:"schema"`
		Kind   string `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) || !json.Valid(data) {
			return nil, fmt.Errorf("%w (%v)", ErrNotJSON, err)
		}
		return nil, fmt.Errorf("%w (%v)", ErrNotProgress, err)
	}
	if head.Schema == nil || head.Kind != Kind {
		return nil, ErrNotProgress
	}
	if *head.Schema > Schema {
		return nil, fmt.Errorf("%w (format %d, cette version lit jusqu'au format %d) : mettez l'application à jour", ErrFutureSchema, *head.Schema, Schema)
	}
	oldest := Schema
	for v := range migrations {
		oldest = min(oldest, v)
	}
	if *head.Schema < oldest {
		return nil, ErrNotProgress
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, ErrNotProgress
	}
	for v := *head.Schema; v < Schema; v++ {
		var err error
		if raw, err = migrations[v](raw); err != nil {
			return nil, fmt.Errorf("%w : migration du format %d : %v", ErrCorrupted, v, err)
		}
	}
	migrated, _ := json.Marshal(raw)
	s := New()
	dec := json.NewDecoder(bytes.NewReader(migrated))
	if err := dec.Decode(s); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrCorrupted, err)
	}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("%w : %v", ErrCorrupted, err)
	}
	s.Schema, s.Kind = Schema, Kind
	if s.Fiches == nil {
		s.Fiches = map[string]*FicheProgress{}
	}
	return s, nil
}

// check verifies the invariants a decoded state must hold.
func (s *State) check() error {
	for id, fp := range s.Fiches {
		if fp == nil {
			return fmt.Errorf("fiche %s vide", id)
		}
		if fp.Best < 0 || fp.Best > 100 {
			return fmt.Errorf("fiche %s : score %d hors de 0–100", id, fp.Best)
		}
		if q := fp.Quiz; q != nil && (q.Correct < 0 || q.Correct > q.Total) {
			return fmt.Errorf("fiche %s : %d bonnes réponses sur %d", id, q.Correct, q.Total)
		}
		if len(fp.Note) > 100_000 {
			return fmt.Errorf("fiche %s : note trop longue", id)
		}
	}
	for _, p := range s.Positioning {
		if _, err := time.Parse(time.RFC3339, p.At); err != nil {
			return fmt.Errorf("date de positionnement %q invalide", p.At)
		}
	}
	return nil
}

// migrations[v] turns a state of schema v into schema v+1. Schema 1 is
// the first released format, so there is none yet: when State changes
// shape, bump Schema and register the conversion from the previous one.
var migrations = map[int]func(map[string]json.RawMessage) (map[string]json.RawMessage, error){}
