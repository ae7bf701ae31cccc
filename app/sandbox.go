package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/app/fr"
	"coulisses/content"
	"coulisses/sandbox/answer"
	"coulisses/wasm/browser"
)

// MaxImportBytes is the largest file the sandbox accepts (the engine's own
// limit); bigger files are refused before anything is read.
const MaxImportBytes = 512 << 20

// Sandbox is the bac à sable: staff drop an export and get answers, with
// the file analysed by the engine in a Web Worker, on the device.
type Sandbox struct {
	app.Compo

	// ctx is the component's own context: work that completes later
	// (engine messages, file reads) is dispatched to it, not to the element
	// that started it, which may be gone by then.
	ctx    app.Context
	hasCtx bool
	engine *browser.Engine
	loaded bool   // the engine holds (or is importing) a dataset
	state  string // "", "lecture", "import", "pret", "erreur"

	fileName string
	fileSize int64
	// source re-reads the file (a File, or a sample's URL) to import it
	// again with other options (another sheet of a workbook).
	source   func() (app.Value, error)
	readB    int64
	readRows int64
	started  time.Time

	report  *importReport
	errText string
	notice  string

	// pending maps request ids to what they were for.
	pending map[int]string
	// question is the guided question shown; ans its answer.
	question string
	ans      *answer.Answer
	ansErr   string
	ansTook  time.Duration
	asked    time.Time
	autoAsk  string // question to ask once the dataset is imported
	// params are the question's parameters (its variant).
	params map[string]string

	// Exploration: the recipe, the steps undone (for redo), the answer.
	recipe     answer.Recipe
	redo       []answer.Step
	exploreAns *answer.Answer
	exploreErr string
	draft      stepDraft
	saved      []savedRecipe
	recipeName string

	// Privacy tools, exports and peers.
	toolMsg       string
	toolErr       bool
	k             int
	venue         string
	aggregatesAns *answer.Answer
	peersAns      *answer.Answer
	personalCols  []personalColumn
	chosen        map[string]bool
	requested     string // dataset slug requested by the URL
}

// OnNav reads ?jeu=…&question=… to open a sample dataset on a question.
func (s *Sandbox) OnNav(ctx app.Context) {
	setTitle(ctx, "Bac à sable")
	if !s.hasCtx {
		s.ctx, s.hasCtx = ctx, true
	}
	q := ctx.Page().URL().Query()
	jeu, question := q.Get("jeu"), q.Get("question")
	if jeu == "" || app.IsServer {
		return
	}
	if jeu == s.requested && s.state != "" {
		if question != "" && s.state == "pret" {
			s.ask(ctx, question, nil)
		}
		return
	}
	corp, err := corpus()
	if err != nil {
		return
	}
	if d := corp.Dataset(jeu); d != nil {
		s.requested = jeu
		s.autoAsk = question
		s.openSample(ctx, *d)
	}
}

// OnMount listens to wipes: datasets are forgotten with everything else.
func (s *Sandbox) OnMount(ctx app.Context) {
	s.ctx, s.hasCtx = ctx, true
	ctx.Handle(ActionWiped, func(ctx app.Context, a app.Action) { s.forget(false) })
	// Start the engine now, so that choosing a file makes no request at
	// all (the worker and its WebAssembly are loaded beforehand).
	if s.engine == nil && s.state == "" {
		s.startEngine(ctx)
	}
}

// OnDismount stops the engine, giving its memory back.
func (s *Sandbox) OnDismount() { s.stopEngine() }

func (s *Sandbox) stopEngine() {
	if s.engine != nil {
		s.engine.Terminate()
		s.engine = nil
	}
	s.loaded = false
}

// restartEngine replaces the engine by a fresh, empty one, ready for the
// next file.
func (s *Sandbox) restartEngine() {
	s.stopEngine()
	if s.hasCtx && app.IsClient {
		s.startEngine(s.ctx)
	}
}

// startEngine starts a fresh engine.
func (s *Sandbox) startEngine(ctx app.Context) bool {
	s.stopEngine()
	s.pending = map[int]string{}
	own := s.ctx
	e, err := browser.StartEngine(u(browser.EngineWorkerURL), func(m browser.EngineMessage) {
		own.Dispatch(func(ctx app.Context) { s.onMessage(ctx, m) })
	})
	if err != nil {
		s.fail("Le moteur d'analyse n'a pas pu démarrer : " + err.Error() + ".")
		return false
	}
	s.engine = e
	return true
}

func (s *Sandbox) fail(msg string) {
	s.state, s.errText = "erreur", msg
}

// importBuffer sends a file's bytes (an ArrayBuffer) to the engine; an
// engine that already holds a dataset is replaced, so its memory goes back.
func (s *Sandbox) importBuffer(ctx app.Context, name string, size int64, buf app.Value) {
	s.importWith(ctx, name, size, buf, map[string]any{})
}

// importSheet imports the same workbook again, from another sheet.
func (s *Sandbox) importSheet(ctx app.Context, e app.Event) {
	sheet := ctx.JSSrc().Get("value").String()
	if s.source == nil || sheet == "" {
		return
	}
	name, size, source := s.fileName, s.fileSize, s.source
	s.state = "lecture"
	own := s.ctx
	own.Async(func() {
		buf, err := source()
		own.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.fail("Le fichier n'a pas pu être relu : " + err.Error() + ".")
				return
			}
			s.importWith(ctx, name, size, buf, map[string]any{"sheet": sheet})
		})
	})
}

func (s *Sandbox) importWith(ctx app.Context, name string, size int64, buf app.Value, options map[string]any) {
	if s.engine == nil || s.loaded {
		if !s.startEngine(ctx) {
			return
		}
	}
	s.loaded = true
	s.state, s.fileName, s.fileSize = "import", name, size
	s.readB, s.readRows, s.report, s.ans, s.question = 0, 0, nil, nil, ""
	s.exploreAns, s.aggregatesAns, s.peersAns, s.toolMsg = nil, nil, nil, ""
	s.personalCols, s.chosen = nil, nil
	s.started = time.Now()
	id := s.engine.Import(name, buf, options)
	s.pending[id] = "import"
	s.loadRecipes(ctx)
}

// pickFile handles the file input and the drop zone.
func (s *Sandbox) pickFile(ctx app.Context, file app.Value) {
	if !file.Truthy() {
		return
	}
	name := file.Get("name").String()
	size := int64(file.Get("size").Float())
	s.notice, s.errText, s.requested = "", "", ""
	switch {
	case size == 0:
		s.fail(fmt.Sprintf("Le fichier « %s » est vide (0 octet). Vérifiez l'export et réessayez.", name))
		return
	case size > MaxImportBytes:
		s.fail(fmt.Sprintf("Le fichier « %s » fait %s Mo : c'est plus que les %s Mo que le bac à sable peut analyser dans un navigateur. Exportez une période plus courte ou moins de colonnes.", name, fr.Int(size>>20), fr.Int(MaxImportBytes>>20)))
		return
	}
	s.state, s.fileName, s.fileSize = "lecture", name, size
	s.source = func() (app.Value, error) { return browser.FileBuffer(file) }
	own := s.ctx
	own.Async(func() {
		buf, err := s.source()
		own.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.fail("Le fichier n'a pas pu être lu : " + err.Error() + ".")
				return
			}
			s.importBuffer(ctx, name, size, buf)
		})
	})
}

// openSample imports a bundled sample dataset.
func (s *Sandbox) openSample(ctx app.Context, d content.Dataset) {
	s.notice, s.errText = "", ""
	s.state, s.fileName, s.fileSize = "lecture", d.File, 0
	s.source = func() (app.Value, error) {
		// A dataset changed by a content update takes precedence.
		if data, ok := UpdatedFile("datasets/" + d.File); ok {
			return browser.BytesBuffer(data), nil
		}
		return browser.FetchBuffer(u("/web/datasets/" + d.File))
	}
	own := s.ctx
	own.Async(func() {
		buf, err := s.source()
		own.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.fail("Le jeu d'exemple n'a pas pu être ouvert : " + err.Error() + ".")
				return
			}
			s.importBuffer(ctx, d.File, int64(buf.Get("byteLength").Float()), buf)
		})
	})
}

// onMessage handles a message from the engine (protocol in
// wasm/engine/main.go).
func (s *Sandbox) onMessage(ctx app.Context, m browser.EngineMessage) {
	what := s.pending[m.ID]
	switch m.Type {
	case "ready":
		return
	case "progress":
		s.readB, s.readRows = m.Bytes, m.Rows
		return
	case "error":
		delete(s.pending, m.ID)
		msg := m.Message
		if msg == "" {
			msg = "Erreur du moteur d'analyse."
		}
		switch what {
		case "import", "":
			s.restartEngine()
			s.fail(msg)
		case "question":
			s.ansErr = msg
		case "explore":
			s.exploreErr = msg
		default:
			s.toolMsg, s.toolErr = msg, true
		}
		return
	}
	delete(s.pending, m.ID)
	switch m.Type {
	case "report":
		r, err := decodeReport(m.Raw)
		if err != nil {
			s.fail(err.Error())
			return
		}
		s.report = r
		if cols, ok := decodePersonal(m.Raw); ok {
			s.setPersonal(cols)
		}
		switch what {
		case "import":
			s.state = "pret"
			s.send("personal", "personal", nil)
			s.notice = fmt.Sprintf("« %s » est prêt : %s en %s.", s.fileName, count(int64(r.Rows), "ligne analysée", "lignes analysées"), tookText(time.Since(s.started)))
			if s.autoAsk != "" {
				q := s.autoAsk
				s.autoAsk = ""
				s.ask(ctx, q, nil)
			}
		case "drop":
			s.toolMsg, s.toolErr = "Colonnes supprimées de l'analyse (le fichier d'origine, sur votre disque, n'est pas modifié).", false
		case "pseudonymise":
			s.toolMsg, s.toolErr = "Colonnes pseudonymisées : chaque valeur est remplacée par un jeton « ps_… », le même pour la même personne dans tous vos fichiers.", false
		case "reset":
			s.toolMsg, s.toolErr = "Retour au fichier tel qu'il a été importé.", false
		}
		s.refresh(ctx)
	case "personal":
		if cols, ok := decodePersonal(m.Raw); ok {
			s.setPersonal(cols)
		}
	case "answer":
		a, err := decodeAnswer(m.Raw)
		if err != nil {
			s.ansErr = err.Error()
			return
		}
		switch what {
		case "explore":
			s.exploreAns, s.exploreErr = a, ""
			if rec := decodeRecipe(m.Raw); rec != nil {
				s.recipe = *rec
			}
		case "peers":
			s.peersAns = a
		default:
			s.ans, s.ansErr, s.ansTook = a, "", time.Since(s.asked)
			ctx.Defer(func(ctx app.Context) { focusID("titre-reponse") })
		}
	case "file":
		if err := browser.Download(m.Name, m.Mime, m.File); err != nil {
			s.toolMsg, s.toolErr = "Le téléchargement a échoué : "+err.Error(), true
			return
		}
		s.toolMsg, s.toolErr = fmt.Sprintf("« %s » téléchargé (%s), fabriqué sur cet appareil.", m.Name, megabytes(int64(len(m.File)))), false
		if a, err := decodeAnswer(m.Raw); err == nil && what == "aggregates" {
			s.aggregatesAns = a
		}
	}
}

// refresh asks again what the page shows after the data changed (a type,
// a role, a dropped or pseudonymised column).
func (s *Sandbox) refresh(ctx app.Context) {
	if s.question != "" {
		s.ask(ctx, s.question, s.params)
	}
	if len(s.recipe.Steps) > 0 {
		s.explore(ctx)
	}
}

// ask sends a guided question to the engine, with optional parameters
// (a variant: « par canal »…).
func (s *Sandbox) ask(ctx app.Context, slug string, params map[string]string) {
	if s.engine == nil || s.state != "pret" {
		return
	}
	s.question, s.params, s.ans, s.ansErr = slug, params, nil, ""
	s.asked = time.Now()
	fields := map[string]any{"slug": slug}
	if len(params) > 0 {
		fields["params"] = params
	}
	s.send("question", "question", fields)
}

// send posts a request and remembers what it was for.
func (s *Sandbox) send(op, what string, fields map[string]any) {
	if s.engine == nil {
		return
	}
	id := s.engine.Send(op, fields)
	s.pending[id] = what
}

// cancel stops an import in progress.
func (s *Sandbox) cancel(ctx app.Context, e app.Event) {
	s.restartEngine()
	s.state, s.report = "", nil
	s.notice = "Import annulé : le fichier n'a pas été analysé et rien n'est conservé."
}

// close forgets the dataset at the user's request.
func (s *Sandbox) close(ctx app.Context, e app.Event) { s.forget(true) }

// forget drops the dataset and stops the engine, which frees its memory.
func (s *Sandbox) forget(say bool) {
	s.restartEngine()
	s.state, s.report, s.ans, s.question, s.fileName, s.requested = "", nil, nil, "", "", ""
	s.notice = ""
	if say {
		s.notice = "Jeu de données fermé : il n'est plus en mémoire."
	}
}

func (s *Sandbox) setColumn(op, column string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if s.engine == nil {
			return
		}
		v := ctx.JSSrc().Get("value").String()
		if v == noRole {
			v = ""
		}
		key := "role"
		if op == "settype" {
			key = "type"
		}
		s.send(op, op, map[string]any{"column": column, key: v})
	}
}

// noRole is the value of the « Aucun rôle » option (go-app drops empty
// attribute values).
const noRole = "aucun"

// Render arranges the page.
func (s *Sandbox) Render() app.UI {
	corp, err := corpus()
	if err != nil {
		return layout(PathSandbox, contentError(err))
	}
	return layout(PathSandbox,
		app.H1().Text("Bac à sable"),
		app.P().Class("chapo").Text("Déposez l'export CSV ou Excel de votre billetterie ou de votre CRM et obtenez des réponses à vos questions. Le fichier est lu et analysé dans votre navigateur : rien n'est envoyé, même pas à ce serveur."),
		app.Div().Class("zone-etat").Body(app.If(s.notice != "", func() app.UI {
			return app.P().ID("avis-bac").Class("avis-bac").Role("status").Text(s.notice)
		})),
		app.Div().Body(app.If(s.state == "erreur", func() app.UI {
			return app.Div().ID("erreur-import").Class("alerte").Role("alert").Body(
				app.P().Text(s.errText),
				app.Button().Class("bouton").Text("Choisir un autre fichier").OnClick(s.close),
			)
		})),
		app.Div().Body(app.If(s.state == "" || s.state == "erreur", func() app.UI { return s.renderSources(corp) })),
		app.Div().Body(app.If(s.state == "lecture" || s.state == "import", func() app.UI { return s.renderProgress() })),
		app.Div().Body(app.If(s.state == "pret" && s.report != nil, func() app.UI { return s.renderDataset(corp) })),
	)
}

func (s *Sandbox) renderSources(corp *content.Corpus) app.UI {
	return app.Div().Class("sources-bac").Body(
		app.Section().Class("depot").Aria("labelledby", "titre-depot").
			On("dragover", func(ctx app.Context, e app.Event) { e.PreventDefault() }).
			On("drop", func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				files := e.Get("dataTransfer").Get("files")
				if files.Truthy() && files.Get("length").Int() > 0 {
					s.pickFile(ctx, files.Index(0))
				}
			}).
			Body(
				app.H2().ID("titre-depot").Text("Votre fichier"),
				app.P().Text("Glissez-déposez ici un export (.csv, .txt, .tsv ou .xlsx), ou choisissez-le :"),
				app.Label().For("fichier").Class("bouton principal").Text("Choisir un fichier"),
				app.Input().Type("file").ID("fichier").Class("sr-only").Accept(".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").
					OnChange(func(ctx app.Context, e app.Event) {
						input := ctx.JSSrc()
						s.pickFile(ctx, input.Get("files").Index(0))
						input.Set("value", "")
					}),
				app.P().Class("aide").Text("Séparateurs « ; », « , », tabulation ou « | », encodages UTF-8, Windows-1252 ou UTF-16, virgule décimale, dates jj/mm/aaaa : les exports français sont reconnus tels quels. Jusqu'à "+fr.Int(MaxImportBytes>>20)+" Mo."),
			),
		app.Section().Aria("labelledby", "titre-exemples").Body(
			app.H2().ID("titre-exemples").Text("Ou un jeu d'exemple"),
			app.Ul().Class("cartes").Body(app.Range(corp.Sandbox.Datasets).Slice(func(i int) app.UI {
				d := corp.Sandbox.Datasets[i]
				return app.Li().Class("carte").Body(
					app.H3().Text(d.Title),
					app.P().Text(content.Typography(d.Summary)),
					app.Button().Class("bouton").Aria("label", "Ouvrir le jeu d'exemple « "+d.Title+" »").Text("Ouvrir").
						OnClick(func(ctx app.Context, e app.Event) { s.openSample(ctx, d) }),
				)
			})),
		),
	)
}

func (s *Sandbox) renderProgress() app.UI {
	label := "Lecture du fichier…"
	if s.state == "import" {
		label = fmt.Sprintf("Analyse de « %s » : %s lus, %s", s.fileName, megabytes(s.readB), count(s.readRows, "ligne", "lignes"))
		if s.fileSize > 0 {
			label = fmt.Sprintf("Analyse de « %s » : %s sur %s, %s", s.fileName, megabytes(s.readB), megabytes(s.fileSize), count(s.readRows, "ligne", "lignes"))
		}
	}
	max := s.fileSize
	if max <= 0 {
		max = 1
	}
	return app.Section().ID("import-en-cours").Class("progression-import").Aria("live", "polite").Aria("busy", true).Body(
		app.H2().Text("Import en cours"),
		app.Progress().ID("barre-import").Max(max).Value(min(s.readB, max)).Aria("label", "Avancement de l'import"),
		app.P().ID("etat-import").Text(label),
		app.Button().ID("annuler-import").Class("bouton").Text("Annuler").OnClick(s.cancel),
	)
}

// megabytes formats a byte count: « 12,4 Mo ».
func megabytes(b int64) string {
	if b < 1<<20 {
		return fr.Int(b>>10) + "\u00a0Ko"
	}
	return fr.Decimal(float64(b)/(1<<20), 1) + "\u00a0Mo"
}

func tookText(d time.Duration) string {
	if d < time.Second {
		return fr.Int(d.Milliseconds()) + "\u00a0ms"
	}
	return fr.Decimal(d.Seconds(), 1) + "\u00a0s"
}

func (s *Sandbox) renderDataset(corp *content.Corpus) app.UI {
	r := s.report
	return app.Div().Class("jeu").Body(
		app.Section().Class("resume-jeu").Aria("labelledby", "titre-jeu").Body(
			app.H2().ID("titre-jeu").Text("« "+s.fileName+" »"),
			app.Ul().Class("faits").Body(
				app.Li().Text(count(int64(r.Rows), "ligne", "lignes")),
				app.Li().Text(count(int64(len(r.Columns)), "colonne", "colonnes")),
				app.Li().Text("Encodage "+r.Encoding),
				app.If(r.Delimiter != "", func() app.UI { return app.Li().Text("Séparateur : " + delimiterName(r.Delimiter)) }),
				app.If(r.FooterRows > 0, func() app.UI {
					return app.Li().Text(count(int64(r.FooterRows), "ligne de total mise de côté", "lignes de total mises de côté"))
				}),
			),
			app.If(len(r.Sheets) > 1, func() app.UI {
				return app.Div().Class("champ").Body(
					app.Label().For("feuille").Text("Feuille du classeur"),
					app.Select().ID("feuille").OnChange(s.importSheet).Body(app.Range(r.Sheets).Slice(func(i int) app.UI {
						return app.Option().Value(r.Sheets[i]).Selected(r.Sheets[i] == r.Sheet).Text(r.Sheets[i])
					})),
				)
			}),
			app.If(!r.Complete, func() app.UI {
				return app.P().Class("alerte").Role("alert").Text("Attention : certaines lignes n'ont pas pu être lues comme les autres. Les résultats portent sur les lignes lues ; consultez les avertissements.")
			}),
			app.If(len(r.Warnings) > 0, func() app.UI {
				return app.Ul().Class("avertissements").Body(app.Range(r.Warnings).Slice(func(i int) app.UI {
					return app.Li().Text(warningText(r.Warnings[i]))
				}))
			}),
			app.Button().ID("fermer-jeu").Class("bouton").Text("Fermer ce jeu de données").OnClick(s.close),
		),
		s.renderQuestions(corp),
		s.renderExplore(corp),
		s.renderPrivacy(),
		s.renderPeers(corp),
		s.renderQuality(),
		s.renderColumns(),
	)
}

func (s *Sandbox) renderQuality() app.UI {
	q := s.report.Quality
	if q == nil {
		return app.Div()
	}
	return app.Section().Class("qualite").Aria("labelledby", "titre-qualite").Body(
		app.H2().ID("titre-qualite").Text("Qualité des données"),
		app.Ul().Body(
			app.Li().Text(count(int64(q.MissingCells), "cellule vide", "cellules vides")+" sur "+fr.Int(int64(q.Rows*q.Columns))+"."),
			app.Li().Text(count(int64(q.InvalidValues), "valeur invalide", "valeurs invalides")+" (comptées, jamais supprimées)."),
			app.Li().Text(count(int64(q.DuplicateRows), "ligne en double exact", "lignes en double exact")+"."),
			app.Range(q.IDs).Slice(func(i int) app.UI {
				id := q.IDs[i]
				return app.Li().Text(fmt.Sprintf("« %s » : %s, %s.", id.Column, count(int64(id.Distinct), "valeur distincte", "valeurs distinctes"), count(int64(id.Duplicates), "répétée", "répétées")))
			}),
			app.Range(q.Suspicious).Slice(func(i int) app.UI {
				sp := q.Suspicious[i]
				return app.Li().Text(fmt.Sprintf("« %s » : %s %s (par exemple %s).", sp.Column, fr.Int(int64(sp.Count)), suspiciousText(sp.Kind), sp.Example))
			}),
		),
		app.If(len(s.personalCols) > 0, func() app.UI {
			var cols []string
			for _, p := range s.personalCols {
				cols = append(cols, "« "+p.Column+" »")
			}
			return app.P().Class("donnees-perso").Text("Données personnelles détectées : " + strings.Join(cols, ", ") + ". Elles restent sur cet appareil ; vous pouvez les supprimer ou les pseudonymiser avant tout partage (voir « Données personnelles et partage »).")
		}),
	)
}

func (s *Sandbox) renderColumns() app.UI {
	cols := s.report.Columns
	return app.Section().Class("colonnes").Aria("labelledby", "titre-colonnes").Body(
		app.H2().ID("titre-colonnes").Text("Colonnes, types et rôles"),
		app.P().Text("Coulisses a deviné le type et le rôle de chaque colonne. Vérifiez-les : les questions guidées s'appuient sur les rôles."),
		app.Div().Class("tableau-defilant").Body(app.Table().Class("tableau-colonnes").Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Colonne"),
				app.Th().Scope("col").Text("Exemples"),
				app.Th().Scope("col").Text("Vides"),
				app.Th().Scope("col").Text("Invalides"),
				app.Th().Scope("col").Text("Type"),
				app.Th().Scope("col").Text("Rôle"),
			)),
			app.TBody().Body(app.Range(cols).Slice(func(i int) app.UI {
				c := cols[i]
				typeID, roleID := fmt.Sprintf("type-%d", i), fmt.Sprintf("role-%d", i)
				return app.Tr().Body(
					app.Th().Scope("row").Text(c.Name),
					app.Td().Text(strings.Join(c.Examples, " · ")),
					app.Td().Text(fr.Int(int64(c.Missing))),
					app.Td().Body(app.If(len(c.Invalids) == 0, func() app.UI {
						return app.Text(fr.Int(int64(c.Invalid)))
					}).Else(func() app.UI {
						return app.Details().Class("invalides").Body(
							app.Summary().Text(fr.Int(int64(c.Invalid))),
							app.Ul().Body(app.Range(c.Invalids).Slice(func(k int) app.UI {
								v := c.Invalids[k]
								return app.Li().Text("ligne " + fr.Int(v.Line) + " : « " + v.Value + " »")
							})),
						)
					})),
					app.Td().Body(
						app.Label().For(typeID).Class("sr-only").Text("Type de « "+c.Name+" »"),
						app.Select().ID(typeID).OnChange(s.setColumn("settype", c.Name)).Body(
							app.Range(sortedTypes).Slice(func(k int) app.UI {
								t := sortedTypes[k]
								return app.Option().Value(t).Selected(t == c.Type).Text(typeLabel(t))
							}),
						),
					),
					app.Td().Body(
						app.Label().For(roleID).Class("sr-only").Text("Rôle de « "+c.Name+" »"),
						app.Select().ID(roleID).OnChange(s.setColumn("setrole", c.Name)).Body(
							app.Range(sortedRoles).Slice(func(k int) app.UI {
								r := sortedRoles[k]
								v := r
								if v == "" {
									v = noRole
								}
								return app.Option().Value(v).Selected(r == c.Role).Text(roleLabel(r))
							}),
						),
					),
				)
			})),
		)),
	)
}

func (s *Sandbox) renderQuestions(corp *content.Corpus) app.UI {
	return app.Section().Class("questions").Aria("labelledby", "titre-questions").Body(
		app.H2().ID("titre-questions").Text("Questions guidées"),
		app.Ul().Class("liste-questions").Body(app.Range(corp.Sandbox.Questions).Slice(func(i int) app.UI {
			q := corp.Sandbox.Questions[i]
			return app.Li().Body(
				app.Button().Class("bouton question-guidee").Aria("pressed", s.question == q.Slug).
					DataSet("question", q.Slug).Text(q.Title).
					OnClick(func(ctx app.Context, e app.Event) { s.ask(ctx, q.Slug, nil) }),
			)
		})),
		app.Div().ID("reponse").Class("reponse").Aria("live", "polite").Body(
			app.If(s.question != "" && s.ans == nil && s.ansErr == "", func() app.UI {
				return app.P().Text("Calcul en cours…")
			}),
			app.If(s.ansErr != "", func() app.UI { return app.P().Class("alerte").Role("alert").Text(s.ansErr) }),
			app.If(s.ans != nil, func() app.UI {
				return app.Div().Body(
					s.renderVariants(),
					renderAnswer(corp, s.ans, s.ansTook, s.report),
					s.exportButtons("question"),
				)
			}),
		),
	)
}

func focusID(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}
