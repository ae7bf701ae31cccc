package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/learn"
)

// FicheTools lets the learner mark a fiche as read, bookmark it and keep a
// personal note; everything stays on the device.
type FicheTools struct {
	app.Compo
	FicheID string
	note    string
	saved   string
}

// OnMount loads the note and listens to progress changes.
func (t *FicheTools) OnMount(ctx app.Context) {
	t.note = progress().Peek(t.FicheID).Note
	// Re-render when the progress changes elsewhere (a passed quiz marks
	// the fiche as read).
	ctx.Handle(ActionProgress, func(ctx app.Context, a app.Action) {})
}

// OnUpdate reloads the note when the page shows another fiche.
func (t *FicheTools) OnUpdate(ctx app.Context) {
	t.note = progress().Peek(t.FicheID).Note
	t.saved = ""
}

// Render shows the buttons and the note field.
func (t *FicheTools) Render() app.UI {
	fp := progress().Peek(t.FicheID)
	readLabel := "Marquer comme lue"
	if fp.Read {
		readLabel = "Lue ✓ (marquer comme non lue)"
	}
	bookmarkLabel := "Ajouter aux favoris"
	if fp.Bookmark {
		bookmarkLabel = "Favori ★ (retirer)"
	}
	return app.Section().Class("outils-fiche no-print").Aria("labelledby", "titre-outils").Body(
		app.H2().ID("titre-outils").Text("Votre suivi"),
		app.Div().Class("boutons").Body(
			app.Button().ID("marquer-lue").Class("bouton").Aria("pressed", fp.Read).Text(readLabel).OnClick(t.toggleRead),
			app.Button().ID("favori").Class("bouton").Aria("pressed", fp.Bookmark).Text(bookmarkLabel).OnClick(t.toggleBookmark),
		),
		app.Label().For("note-fiche").Text("Mes notes sur cette fiche (gardées sur cet appareil)"),
		app.Textarea().ID("note-fiche").Rows(4).Text(t.note).OnInput(t.typeNote).OnChange(t.saveNote),
		app.P().Class("message").Role("status").Text(t.saved),
	)
}

func (t *FicheTools) toggleRead(ctx app.Context, e app.Event) {
	updateProgress(ctx, func(s *learn.State, now time.Time) {
		fp := s.Fiche(t.FicheID)
		if fp.Read {
			fp.Read, fp.ReadAt = false, ""
			return
		}
		s.MarkRead(t.FicheID, now)
	})
}

func (t *FicheTools) toggleBookmark(ctx app.Context, e app.Event) {
	updateProgress(ctx, func(s *learn.State, now time.Time) {
		fp := s.Fiche(t.FicheID)
		fp.Bookmark = !fp.Bookmark
	})
}

func (t *FicheTools) typeNote(ctx app.Context, e app.Event) {
	t.note = ctx.JSSrc().Get("value").String()
	t.saved = ""
}

func (t *FicheTools) saveNote(ctx app.Context, e app.Event) {
	note := ctx.JSSrc().Get("value").String()
	updateProgress(ctx, func(s *learn.State, now time.Time) { s.Fiche(t.FicheID).Note = note })
	t.saved = "Note enregistrée sur cet appareil."
}

// FicheQuiz is the quiz closing a fiche, with the learner's best score.
type FicheQuiz struct {
	app.Compo
	FicheID string
}

// Render shows the quiz and the learner's record on it.
func (fq *FicheQuiz) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return app.Div()
	}
	q := corp.Quizzes[fq.FicheID]
	if q == nil {
		return app.Div()
	}
	fp := progress().Peek(fq.FicheID)
	return app.Section().Class("quiz-fiche no-print").Aria("labelledby", "titre-quiz").Body(
		app.H2().ID("titre-quiz").Text("Vérifiez vos acquis"),
		app.P().Text(fmt.Sprintf("%d questions. Le quiz est réussi à partir de 70 %% de bonnes réponses ; chaque réponse est expliquée après validation.", len(q.Questions))),
		// Always present, so that the form below keeps its place (go-app
		// diffs children by position) and its answers.
		app.P().Class("record").Text(quizRecord(fp)),
		&QuizForm{
			Quiz:     q,
			IDPrefix: "fq-",
			Submit:   "Valider mes réponses",
			OnDone: func(ctx app.Context, answers map[string]learn.Answer, r learn.Result) {
				version := learn.QuizVersion(q)
				updateProgress(ctx, func(s *learn.State, now time.Time) {
					s.RecordQuiz(fq.FicheID, version, r, now)
					if r.Passed() {
						s.MarkRead(fq.FicheID, now)
					}
				})
			},
		},
	)
}

// quizRecord sums up the learner's attempts at a quiz ("" before the first).
func quizRecord(fp learn.FicheProgress) string {
	if fp.Attempts == 0 {
		return ""
	}
	state := "pas encore réussi"
	if fp.Passed() {
		state = "réussi"
	}
	return fmt.Sprintf("Votre meilleur score : %d %% (%s, %d tentative%s).", fp.Best, state, fp.Attempts, plural(fp.Attempts))
}
