package learn

import (
	"testing"

	"coulisses/content"
)

func TestPlanWorkshop(t *testing.T) {
	fiches := []*content.Fiche{
		{ID: "1.01", Title: "A", Minutes: 7, Discussion: []string{"Q1 ?", "Q2 ?"}, Sandbox: &content.SandboxLink{Dataset: "theatre", Question: "jour-achat"}},
		{ID: "1.02", Title: "B", Minutes: 6, Objectives: []string{"Comprendre X"}},
		{ID: "1.03", Title: "C", Minutes: 7},
		{ID: "1.04", Title: "D", Minutes: 8},
		{ID: "1.05", Title: "E", Minutes: 30},
		{ID: "1.06", Title: "F", Minutes: 4},
	}
	c := content.NewCorpus(fiches, nil, nil)
	p := &content.Path{Slug: "essai", Fiches: []string{"1.01", "1.02", "1.03", "1.04", "1.05", "1.06"}}
	w := PlanWorkshop(c, p, 180)
	// Budget: 180 − 15 welcome − 15 break − 15 closing = 135 minutes.
	// 1.01: 7 + 10 + 15 + 5 = 37; 1.02: 6 + 10 + 5 = 21; 1.03: 7 + 10 + 5 = 22;
	// 1.04: 8 + 10 + 5 = 23 → 103 used; 1.05: 30 + 15 = 45 > 32 left → later;
	// 1.06: 5 (minimum reading) + 10 + 5 = 20 → 123 used.
	if got, want := w.Covered, []string{"1.01", "1.02", "1.03", "1.04", "1.06"}; !equal(got, want) {
		t.Errorf("Covered = %v, want %v", got, want)
	}
	if !equal(w.Later, []string{"1.05"}) {
		t.Errorf("Later = %v", w.Later)
	}
	last := w.Steps[len(w.Steps)-1]
	if last.Kind != StepClosing || last.Start+last.Minutes != 180 {
		t.Errorf("the plan does not end at 180 min: %+v", last)
	}
	breaks, prev := 0, 0
	for i, s := range w.Steps {
		if s.Start != prev {
			t.Fatalf("step %d starts at %d, want %d", i, s.Start, prev)
		}
		prev = s.Start + s.Minutes
		if s.Kind == StepBreak {
			breaks++
			// The break comes once half the fiche time is used (≥ 67 min).
			if s.Start < 15+67 || s.Start > 15+103 {
				t.Errorf("break at %d min", s.Start)
			}
		}
		if s.Kind == StepDiscussion && s.FicheID == "1.02" && (len(s.Prompts) != 1 || s.Prompts[0] == "") {
			t.Errorf("no prompt derived from objectives: %v", s.Prompts)
		}
		if s.Kind == StepExercise && (s.FicheID != "1.01" || s.Dataset != "theatre") {
			t.Errorf("unexpected exercise %+v", s)
		}
	}
	if breaks != 1 {
		t.Errorf("%d breaks", breaks)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
