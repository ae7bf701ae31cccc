package learn

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"testing"
	"time"

	"coulisses/content"
)

var now = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

func opts(correct ...bool) []content.Option {
	var o []content.Option
	for i, c := range correct {
		o = append(o, content.Option{Text: string(rune('A' + i)), Correct: c, Explanation: "x"})
	}
	return o
}

func TestCorrect(t *testing.T) {
	single := content.QuizQuestion{ID: "s", Type: content.Single, Options: opts(false, true, false)}
	multi := content.QuizQuestion{ID: "m", Type: content.Multiple, Options: opts(true, false, true, false)}
	tf := content.QuizQuestion{ID: "v", Type: content.TrueFalse, Options: opts(false, true)}
	order := content.QuizQuestion{ID: "o", Type: content.Ordering, Options: opts(false, false, false)}
	tests := []struct {
		q    content.QuizQuestion
		a    Answer
		want bool
	}{
		{single, Answer{1}, true},
		{single, Answer{0}, false},
		{single, nil, false},
		{single, Answer{1, 0}, false},
		{multi, Answer{0, 2}, true},
		{multi, Answer{2, 0}, true},
		{multi, Answer{0, 2, 2}, true},
		{multi, Answer{0}, false},
		{multi, Answer{0, 1, 2}, false},
		{tf, Answer{1}, true},
		{tf, Answer{0}, false},
		{order, Answer{0, 1, 2}, true},
		{order, Answer{1, 0, 2}, false},
		{order, Answer{0, 1}, false},
	}
	for _, tt := range tests {
		if got := Correct(tt.q, tt.a); got != tt.want {
			t.Errorf("Correct(%s, %v) = %v, want %v", tt.q.ID, tt.a, got, tt.want)
		}
	}
}

func TestGradeAndPassMark(t *testing.T) {
	qs := []content.QuizQuestion{
		{ID: "1", Type: content.Single, Options: opts(true, false, false)},
		{ID: "2", Type: content.Single, Options: opts(true, false, false)},
		{ID: "3", Type: content.Single, Options: opts(true, false, false)},
		{ID: "4", Type: content.Single, Options: opts(true, false, false)},
		{ID: "5", Type: content.Single, Options: opts(true, false, false)},
	}
	// 3 right out of 5 = 60 %: failed; 4 out of 5 = 80 %: passed.
	r := Grade(qs, map[string]Answer{"1": {0}, "2": {0}, "3": {0}, "4": {1}})
	if r.Correct != 3 || r.Total != 5 || r.Percent() != 60 || r.Passed() {
		t.Errorf("3/5: %+v passed=%v", r, r.Passed())
	}
	r = Grade(qs, map[string]Answer{"1": {0}, "2": {0}, "3": {0}, "4": {0}, "5": {2}})
	if r.Percent() != 80 || !r.Passed() || r.Right["5"] {
		t.Errorf("4/5: %+v", r)
	}
	// Exactly 70 % passes (7 out of 10).
	if !(Result{Correct: 7, Total: 10}).Passed() {
		t.Error("70 % should pass")
	}
}

func TestPosition(t *testing.T) {
	q := func(id, comp, level string) content.QuizQuestion {
		return content.QuizQuestion{ID: id, Type: content.Single, Competence: comp, Level: level, Options: opts(true, false, false)}
	}
	test := &content.Quiz{Questions: []content.QuizQuestion{
		q("a1", "analyser", Decouverte), q("a2", "analyser", Intermediaire), q("a3", "analyser", Avance),
		q("p1", "proteger", Decouverte), q("p2", "proteger", Avance),
		q("e1", "ethique", Intermediaire),
	}}
	right := Answer{0}
	// analyser: all right → 6/6 = 1 → avancé.
	// proteger: only the découverte one → 1/4 = 0.25 → découverte.
	// ethique: right → 2/2 → avancé.
	p := Position(test, map[string]Answer{"a1": right, "a2": right, "a3": right, "p1": right, "e1": right})
	want := map[string]string{"analyser": Avance, "proteger": Decouverte, "ethique": Avance}
	if !reflect.DeepEqual(p.Levels, want) {
		t.Errorf("Levels = %v, want %v", p.Levels, want)
	}
	// Overall: (6 + 1 + 2) / (6 + 4 + 2) = 0.75.
	if p.Overall != 0.75 {
		t.Errorf("Overall = %v", p.Overall)
	}
	// analyser: the intermédiaire one only → 2/6 = 0.33 → découverte;
	// the avancé one only → 3/6 = 0.5 → intermédiaire.
	if l := Position(test, map[string]Answer{"a2": right}).Levels["analyser"]; l != Decouverte {
		t.Errorf("2/6 → %s", l)
	}
	if l := Position(test, map[string]Answer{"a3": right}).Levels["analyser"]; l != Intermediaire {
		t.Errorf("3/6 → %s", l)
	}
	if got := Recommend(p, "billetterie"); got != "billetterie" {
		t.Errorf("Recommend = %s", got)
	}
	if got := Recommend(p, "juridique"); got != "administratif-juridique" {
		t.Errorf("Recommend(juridique) = %s", got)
	}
	if got := Recommend(Position(test, nil), "billetterie"); got != EssentialsPath {
		t.Errorf("a beginner should start with the essentials, got %s", got)
	}
	if got := p.Weakest([]content.Competence{{Slug: "analyser"}, {Slug: "proteger"}, {Slug: "ethique"}}); got[0] != "proteger" {
		t.Errorf("Weakest = %v", got)
	}
}

func TestCompetenceLevelsFromQuizzes(t *testing.T) {
	c := &content.Corpus{
		Fiches: []*content.Fiche{{ID: "1.01", Level: Avance}, {ID: "2.01", Level: Decouverte}},
		Quizzes: map[string]*content.Quiz{
			"1.01": {Questions: []content.QuizQuestion{{ID: "a", Competence: "analyser"}, {ID: "b", Competence: "analyser"}, {ID: "c", Competence: "proteger"}}},
			"2.01": {Questions: []content.QuizQuestion{{ID: "d", Competence: "proteger"}, {ID: "e", Competence: "proteger"}}},
		},
	}
	c = content.NewCorpus(c.Fiches, c.Quizzes, nil)
	s := New()
	s.RecordQuiz("1.01", "v", Result{Correct: 2, Total: 3, Right: map[string]bool{"a": true, "b": true, "c": false}}, now)
	s.RecordQuiz("2.01", "v", Result{Correct: 2, Total: 2, Right: map[string]bool{"d": true, "e": true}}, now)
	got := QuizLevel(c, s)
	// analyser: 2/2 right in an advanced fiche → avancé.
	// proteger: 0/1 in the advanced fiche (too few), 2/3 from découverte up = 67 % < 70 % → nothing.
	want := map[string]string{"analyser": Avance}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("QuizLevel = %v, want %v", got, want)
	}
	s.AddPositioning(Positioning{Profile: Profile{Levels: map[string]string{"analyser": Intermediaire, "proteger": Intermediaire}}}, now)
	levels := CompetenceLevels(c, s)
	if levels["analyser"] != Avance || levels["proteger"] != Intermediaire {
		t.Errorf("CompetenceLevels = %v", levels)
	}
}

func TestProgressAndPaths(t *testing.T) {
	s := New()
	p := &content.Path{Slug: "essentiels", Fiches: []string{"1.01", "2.01"}}
	s.Follow("essentiels", now)
	s.Follow("essentiels", now)
	if len(s.Paths) != 1 || !s.Follows("essentiels") {
		t.Fatalf("Paths = %v", s.Paths)
	}
	s.MarkRead("1.01", now)
	if done, total := s.PathProgress(p); done != 0 || total != 2 {
		t.Errorf("read without quiz counted as done: %d/%d", done, total)
	}
	s.RecordQuiz("1.01", "v1", Result{Correct: 1, Total: 3}, now)
	s.RecordQuiz("1.01", "v1", Result{Correct: 3, Total: 3}, now)
	if fp := s.Peek("1.01"); fp.Best != 100 || fp.Attempts != 2 || !fp.Passed() {
		t.Errorf("progress = %+v", fp)
	}
	if done, _ := s.PathProgress(p); done != 1 || s.NextInPath(p) != "2.01" || s.Last != "1.01" {
		t.Errorf("done=%d next=%s last=%s", done, s.NextInPath(p), s.Last)
	}
	s.Unfollow("essentiels", now)
	if s.Follows("essentiels") {
		t.Error("still following")
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	s := New()
	s.MarkRead("1.01", now)
	s.RecordQuiz("1.01", "v1", Result{Correct: 4, Total: 5, Right: map[string]bool{"1.01-1": true}}, now)
	s.Fiche("1.01").Note = "Note « accentuée »"
	s.Fiche("2.01").Bookmark = true
	s.Follow("billetterie", now)
	s.AddPositioning(Positioning{Role: "billetterie", Recommended: "billetterie", Profile: Profile{Levels: map[string]string{"analyser": Avance}}}, now)
	b, err := s.Export()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Import(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		a, _ := json.Marshal(got)
		t.Errorf("round trip differs:\n%s\n%s", a, b)
	}
}

func TestImportFixtures(t *testing.T) {
	tests := []struct {
		file string
		want error
	}{
		{"valide.json", nil},
		{"tronque.json", ErrNotJSON},
		{"export.csv", ErrNotJSON},
		{"futur.json", ErrFutureSchema},
		{"autre.json", ErrNotProgress},
		{"score-impossible.json", ErrCorrupted},
		{"mauvais-type.json", ErrCorrupted},
	}
	for _, tt := range tests {
		data, err := os.ReadFile("testdata/" + tt.file)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Import(data)
		if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
			t.Errorf("Import(%s) = %v, want %v", tt.file, err, tt.want)
		}
		if tt.want == nil && (s == nil || !s.Fiches["1.01"].Bookmark || s.Fiches["1.01"].Best != 80) {
			t.Errorf("Import(%s) = %+v", tt.file, s)
		}
	}
}

func TestImportRunsMigrations(t *testing.T) {
	// Register a hypothetical next schema to prove the chain runs.
	saved := migrations
	defer func() { migrations = saved }()
	migrations = map[int]func(map[string]json.RawMessage) (map[string]json.RawMessage, error){
		0: func(raw map[string]json.RawMessage) (map[string]json.RawMessage, error) {
			raw["fiches"] = raw["lues"]
			delete(raw, "lues")
			raw["schema"] = json.RawMessage("1")
			return raw, nil
		},
	}
	s, err := Import([]byte(`{"schema":0,"type":"coulisses-progression","lues":{"1.01":{"lue":true}}}`))
	if err != nil || !s.Fiches["1.01"].Read {
		t.Fatalf("Import(schema 0) = %+v, %v", s, err)
	}
}
