package learn

import (
	"coulisses/content"
)

// Step kinds of a workshop plan.
const (
	StepWelcome    = "accueil"
	StepReading    = "lecture"
	StepDiscussion = "discussion"
	StepExercise   = "exercice"
	StepQuiz       = "quiz"
	StepBreak      = "pause"
	StepClosing    = "bilan"
)

// Durations of the fixed parts of a workshop, in minutes.
const (
	welcomeMinutes    = 15
	breakMinutes      = 15
	closingMinutes    = 15
	discussionMinutes = 10
	exerciseMinutes   = 15
	quizMinutes       = 5
	minReadingMinutes = 5
)

// Step is one timed moment of a workshop.
type Step struct {
	Start    int // minutes from the beginning
	Minutes  int
	Kind     string
	Title    string
	FicheID  string
	Prompts  []string // discussion questions or instructions
	Dataset  string   // for exercises: dataset and question slugs
	Question string
}

// Workshop is a session plan built from a path.
type Workshop struct {
	Path    *content.Path
	Minutes int
	Steps   []Step
	// Covered lists the fiches the session works on; Later those left for
	// reading after the workshop.
	Covered, Later []string
}

// PlanWorkshop builds a plan of total minutes (180 for a 3-hour session)
// from a path: welcome, then for each fiche in order while time allows a
// reading, a discussion, an exercise in the sandbox when the fiche has
// one and a quiz, a break around the middle, and a closing review. Fiches
// that do not fit are listed for later.
func PlanWorkshop(c *content.Corpus, p *content.Path, total int) Workshop {
	w := Workshop{Path: p, Minutes: total}
	t := 0
	add := func(s Step) {
		s.Start = t
		t += s.Minutes
		w.Steps = append(w.Steps, s)
	}
	add(Step{Kind: StepWelcome, Minutes: welcomeMinutes, Title: "Accueil et attentes",
		Prompts: []string{"Tour de table : votre métier, une donnée que vous utilisez chaque semaine, une question que vous n'arrivez pas à trancher.",
			"Vérifiez que chacun a ouvert Coulisses (clé USB ou adresse du réseau local) et peut lire une fiche."}})
	budget := total - welcomeMinutes - breakMinutes - closingMinutes
	used, breakDone := 0, false
	for _, id := range p.Fiches {
		f := c.Fiche(id)
		if f == nil {
			continue
		}
		seq := sequence(f)
		need := 0
		for _, s := range seq {
			need += s.Minutes
		}
		if used+need > budget {
			w.Later = append(w.Later, f.ID)
			continue
		}
		if !breakDone && used >= budget/2 {
			add(Step{Kind: StepBreak, Minutes: breakMinutes, Title: "Pause"})
			breakDone = true
		}
		for _, s := range seq {
			add(s)
		}
		used += need
		w.Covered = append(w.Covered, f.ID)
	}
	if !breakDone {
		add(Step{Kind: StepBreak, Minutes: breakMinutes, Title: "Pause"})
	}
	// Time left over goes to the closing review.
	add(Step{Kind: StepClosing, Minutes: total - t, Title: "Bilan et suite",
		Prompts: []string{"Chacun note une chose qu'il changera dans sa pratique dès lundi, et la donnée qui lui permettra de vérifier l'effet.",
			"Présentez les fiches restantes du parcours et le test de positionnement à refaire dans un mois."}})
	return w
}

// sequence is the series of steps for one fiche.
func sequence(f *content.Fiche) []Step {
	reading := max(f.Minutes, minReadingMinutes)
	steps := []Step{
		{Kind: StepReading, Minutes: reading, Title: "Lecture : " + f.Title, FicheID: f.ID,
			Prompts: []string{"Lecture individuelle ou en binôme ; repérez une idée à discuter et un terme à éclaircir."}},
	}
	disc := Step{Kind: StepDiscussion, Minutes: discussionMinutes, Title: "Discussion en petits groupes", FicheID: f.ID, Prompts: f.Discussion}
	if len(disc.Prompts) == 0 {
		for _, o := range f.Objectives {
			disc.Prompts = append(disc.Prompts, "Dans votre lieu, où en êtes-vous pour : « "+o+" » ?")
		}
	}
	steps = append(steps, disc)
	if f.Sandbox != nil {
		steps = append(steps, Step{Kind: StepExercise, Minutes: exerciseMinutes, Title: "Exercice dans le bac à sable", FicheID: f.ID,
			Dataset: f.Sandbox.Dataset, Question: f.Sandbox.Question,
			Prompts: []string{"Ouvrez le jeu d'exemple, lisez la réponse et ses précautions, puis dites ce que vous en concluriez pour votre lieu."}})
	}
	steps = append(steps, Step{Kind: StepQuiz, Minutes: quizMinutes, Title: "Quiz de la fiche", FicheID: f.ID,
		Prompts: []string{"Chacun répond seul, puis le groupe commente les explications des réponses."}})
	return steps
}
