package app

import (
	"fmt"
	"hash/fnv"
	"math/rand"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/chart"
	"coulisses/app/fr"
	"coulisses/app/learn"
	"coulisses/content"
)

// QuizForm asks the questions of a quiz, then shows, for every option,
// whether it was right and why. It is used for the quiz closing a fiche
// and for the positioning test.
type QuizForm struct {
	app.Compo

	// Quiz is the quiz to ask; IDPrefix keeps element ids unique.
	Quiz     *content.Quiz
	IDPrefix string
	// Submit labels the button; OnDone receives the answers once checked.
	Submit string
	OnDone func(ctx app.Context, answers map[string]learn.Answer, r learn.Result)
	// HideVerdict hides right/wrong marks (positioning test).
	HideVerdict bool

	answers   map[string]learn.Answer
	orders    map[string][]int // display order of options (ordering: current order)
	submitted bool
	result    learn.Result
	missing   int
}

// OnInit prepares the answer sheet (unless one is already prepared).
func (q *QuizForm) OnInit() {
	if q.answers == nil {
		q.reset()
	}
}

func (q *QuizForm) reset() {
	q.answers = map[string]learn.Answer{}
	q.orders = map[string][]int{}
	q.submitted = false
	q.missing = 0
	if q.Quiz == nil {
		return
	}
	for _, qq := range q.Quiz.Questions {
		q.orders[qq.ID] = displayOrder(qq)
	}
}

// displayOrder returns the order options are shown in: as authored, except
// ordering questions, shuffled deterministically (never already in order).
func displayOrder(q content.QuizQuestion) []int {
	order := make([]int, len(q.Options))
	for i := range order {
		order[i] = i
	}
	if q.Type != content.Ordering || len(order) < 2 {
		return order
	}
	h := fnv.New64a()
	h.Write([]byte(q.ID))
	r := rand.New(rand.NewSource(int64(h.Sum64())))
	for inOrder := true; inOrder; {
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		inOrder = true
		for i, v := range order {
			inOrder = inOrder && v == i
		}
	}
	return order
}

// Render shows the questions, or the corrected sheet.
func (q *QuizForm) Render() app.UI {
	if q.Quiz == nil {
		return app.Div()
	}
	return app.Form().Class("quiz").OnSubmit(q.submit).Body(
		app.Range(q.Quiz.Questions).Slice(func(i int) app.UI {
			return q.renderQuestion(i, q.Quiz.Questions[i])
		}),
		app.If(q.missing > 0 && !q.submitted, func() app.UI {
			return app.P().Class("erreur").Role("alert").Text(fmt.Sprintf("Répondez à toutes les questions avant de valider (il en manque %d).", q.missing))
		}),
		app.If(!q.submitted, func() app.UI {
			return app.Button().Type("submit").Class("bouton principal").Text(q.Submit)
		}).Else(func() app.UI {
			return app.Div().Class("quiz-fin").Body(
				app.If(!q.HideVerdict, func() app.UI { return verdict(q.result) }),
				app.Button().Type("button").Class("bouton").Text("Recommencer").OnClick(q.retry),
			)
		}),
	)
}

// verdict is the score sentence, announced to screen readers.
func verdict(r learn.Result) app.UI {
	cls, msg := "verdict echec", "Quiz non réussi : il faut 70 % de bonnes réponses. Relisez les explications, puis recommencez."
	if r.Passed() {
		cls, msg = "verdict reussi", "Quiz réussi."
	}
	return app.P().Class(cls).Role("status").Body(
		app.Strong().Text(fmt.Sprintf("%d bonne%s réponse%s sur %d (%d\u00a0%%). ", r.Correct, plural(r.Correct), plural(r.Correct), r.Total, r.Percent())),
		app.Text(msg),
	)
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}

// count says a number with its noun agreed (French: 0 and 1 are singular):
// count(3, "ligne", "lignes") = "3 lignes".
func count(n int64, one, many string) string {
	if n > 1 || n < -1 {
		return fr.Int(n) + " " + many
	}
	return fr.Int(n) + " " + one
}

func (q *QuizForm) renderQuestion(n int, qq content.QuizQuestion) app.UI {
	id := q.IDPrefix + "q-" + domID(qq.ID)
	right := q.submitted && q.result.Right[qq.ID]
	status := ""
	if q.submitted && !q.HideVerdict {
		status = " (réponse fausse)"
		if right {
			status = " (bonne réponse)"
		}
	}
	cls := "question"
	if q.submitted && !q.HideVerdict {
		cls += map[bool]string{true: " juste", false: " fausse"}[right]
	}
	return app.FieldSet().Class(cls).ID(id).Body(
		app.Legend().Body(
			app.Span().Class("numero").Text(fmt.Sprintf("Question %d. ", n+1)),
			app.Text(content.Typography(qq.Question)),
			app.If(status != "", func() app.UI { return app.Span().Class("etat-reponse").Text(status) }),
		),
		app.If(qq.Table != nil, func() app.UI { return quizTable(qq.Table, id) }),
		app.If(qq.Type == content.Multiple, func() app.UI {
			return app.P().Class("consigne").Text("Plusieurs réponses possibles.")
		}),
		app.If(qq.Type == content.Ordering, func() app.UI {
			return app.P().Class("consigne").Text("Remettez dans l'ordre avec les boutons « Monter » et « Descendre ».")
		}),
		q.renderOptions(id, qq),
	)
}

func (q *QuizForm) renderOptions(id string, qq content.QuizQuestion) app.UI {
	order := q.orders[qq.ID]
	if qq.Type == content.Ordering {
		return app.Ol().Class("ordre").Body(app.Range(order).Slice(func(pos int) app.UI {
			opt := qq.Options[order[pos]]
			return app.Li().Body(
				app.Span().Class("option-texte").Text(content.Typography(opt.Text)),
				app.If(!q.submitted, func() app.UI {
					return app.Span().Class("ordre-boutons").Body(
						app.Button().Type("button").Class("bouton petit").Disabled(pos == 0).
							Aria("label", "Monter : "+opt.Text).Text("Monter").OnClick(q.move(qq.ID, pos, -1)),
						app.Button().Type("button").Class("bouton petit").Disabled(pos == len(order)-1).
							Aria("label", "Descendre : "+opt.Text).Text("Descendre").OnClick(q.move(qq.ID, pos, +1)),
					)
				}),
				app.If(q.submitted && !q.HideVerdict, func() app.UI {
					return explanation(order[pos] == pos, fmt.Sprintf("Place %d. ", order[pos]+1)+opt.Explanation)
				}),
			)
		}))
	}
	kind := "radio"
	if qq.Type == content.Multiple {
		kind = "checkbox"
	}
	return app.Div().Class("options").Body(app.Range(order).Slice(func(k int) app.UI {
		i := order[k]
		opt := qq.Options[i]
		oid := id + "-o" + strconv.Itoa(i)
		checked := containsInt(q.answers[qq.ID], i)
		return app.Div().Class("option").Body(
			app.Input().Type(kind).ID(oid).Name(id).Value(strconv.Itoa(i)).Checked(checked).
				Disabled(q.submitted).OnChange(q.pick(qq, i)),
			app.Label().For(oid).Text(content.Typography(opt.Text)),
			app.If(q.submitted && !q.HideVerdict, func() app.UI {
				prefix := ""
				if opt.Correct {
					prefix = "Bonne réponse. "
				}
				return explanation(opt.Correct == checked, prefix+opt.Explanation)
			}),
		)
	}))
}

// explanation shows why an option is right or wrong after answering.
func explanation(ok bool, text string) app.UI {
	cls := "explication"
	if ok {
		cls += " ok"
	}
	return app.P().Class(cls).Text(content.Typography(text))
}

// quizTable renders the small table a question asks to interpret, and its
// bar chart when asked.
func quizTable(t *content.QuizTable, id string) app.UI {
	return app.Figure().Class("quiz-tableau").Body(
		app.Table().Body(
			app.Caption().Text(content.Typography(t.Caption)),
			app.THead().Body(app.Tr().Body(app.Range(t.Columns).Slice(func(i int) app.UI {
				return app.Th().Scope("col").Text(t.Columns[i])
			}))),
			app.TBody().Body(app.Range(t.Rows).Slice(func(r int) app.UI {
				row := t.Rows[r]
				return app.Tr().Body(app.Range(row).Slice(func(c int) app.UI {
					if c == 0 {
						return app.Th().Scope("row").Text(row[c])
					}
					return app.Td().Text(content.Typography(row[c]))
				}))
			})),
		),
		app.If(t.Chart == "barres", func() app.UI { return quizBars(t, id) }),
	)
}

// quizBars draws the second column of a quiz table as horizontal bars.
func quizBars(t *content.QuizTable, id string) app.UI {
	return app.Raw(chart.SVG(quizChart(t), chart.Options{ID: "quiz-" + id, Class: "barres", Width: 480}))
}

func (q *QuizForm) pick(qq content.QuizQuestion, i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		checked := ctx.JSSrc().Get("checked").Bool()
		if qq.Type != content.Multiple {
			q.answers[qq.ID] = learn.Answer{i}
			return
		}
		cur := q.answers[qq.ID]
		var next learn.Answer
		for _, v := range cur {
			if v != i {
				next = append(next, v)
			}
		}
		if checked {
			next = append(next, i)
		}
		q.answers[qq.ID] = next
	}
}

func (q *QuizForm) move(id string, pos, delta int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		order := q.orders[id]
		to := pos + delta
		if to < 0 || to >= len(order) {
			return
		}
		order[pos], order[to] = order[to], order[pos]
		// Keep the focus on the moved item's button.
		label := "Monter"
		if delta > 0 {
			label = "Descendre"
		}
		ctx.Defer(func(ctx app.Context) {
			sel := fmt.Sprintf(`#%sq-%s .ordre li:nth-child(%d) button`, q.IDPrefix, domID(id), to+1)
			for _, b := range querySelectorAll(sel) {
				if b.Get("textContent").String() == label && !b.Get("disabled").Bool() {
					b.Call("focus")
					return
				}
			}
			if bs := querySelectorAll(sel); len(bs) > 0 {
				bs[0].Call("focus")
			}
		})
	}
}

func (q *QuizForm) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if q.submitted {
		return
	}
	answers := map[string]learn.Answer{}
	q.missing = 0
	for _, qq := range q.Quiz.Questions {
		if qq.Type == content.Ordering {
			answers[qq.ID] = append(learn.Answer(nil), q.orders[qq.ID]...)
			continue
		}
		if len(q.answers[qq.ID]) == 0 {
			q.missing++
			continue
		}
		answers[qq.ID] = q.answers[qq.ID]
	}
	if q.missing > 0 {
		return
	}
	q.result = learn.Grade(q.Quiz.Questions, answers)
	q.submitted = true
	if q.OnDone != nil {
		q.OnDone(ctx, answers, q.result)
	}
}

func (q *QuizForm) retry(ctx app.Context, e app.Event) {
	q.reset()
	ctx.ScrollTo(q.IDPrefix + "q-" + domID(q.Quiz.Questions[0].ID))
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// domID turns a content identifier ("3.01-2") into one safe in element ids
// and CSS selectors ("3-01-2").
func domID(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			b[i] = '-'
		}
	}
	return string(b)
}

// querySelectorAll returns the elements matching sel (none if sel is not
// a valid selector: a JavaScript exception must never stop the app).
func querySelectorAll(sel string) (out []app.Value) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	list := app.Window().Get("document").Call("querySelectorAll", sel)
	out = make([]app.Value, list.Get("length").Int())
	for i := range out {
		out[i] = list.Call("item", i)
	}
	return out
}

// escape escapes text for SVG/HTML built by hand.
func escape(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		case '"':
			b = append(b, "&#34;"...)
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// now is the clock of the components (a variable for tests).
var now = time.Now
