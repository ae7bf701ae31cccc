package app

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/content"
	"coulisses/wasm/browser"
)

// pseudoKeyName is the IndexedDB key of the pseudonymisation secret: 32
// random bytes made on the device, so the same customer gets the same
// token in every file pseudonymised here. Wiping the device deletes it.
const pseudoKeyName = "pseudonymisation-cle"

// DefaultK is the smallest group size shown in shareable aggregates.
const DefaultK = 10

// pseudoKey returns the device's secret, creating it the first time.
func pseudoKey() (string, error) {
	if v, ok, err := browser.Get(pseudoKeyName); err == nil && ok && v != "" {
		return v, nil
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	key := base64.StdEncoding.EncodeToString(b)
	if err := browser.Put(pseudoKeyName, key); err != nil {
		return "", err
	}
	return key, nil
}

// personalColumn is a column the engine flags as personal data.
type personalColumn struct {
	Column string `json:"column"`
	Role   string `json:"role"`
	// Kind: direct (designates a person), identifier (links a person's
	// rows), quasi (designates a person in combination), free_text.
	Kind string `json:"kind"`
}

// kindLabel explains a kind of personal data.
func kindLabel(kind string) string {
	switch kind {
	case "direct":
		return "désigne directement une personne"
	case "identifier":
		return "identifiant : relie les lignes d'une même personne"
	case "quasi":
		return "quasi-identifiant : désigne une personne combiné à d'autres"
	case "free_text":
		return "texte libre : peut contenir n'importe quoi"
	}
	return kind
}

// decodePersonal reads the personal columns of an engine message.
func decodePersonal(raw []byte) ([]personalColumn, bool) {
	var m struct {
		Columns  *[]personalColumn `json:"columns"`
		Personal *[]personalColumn `json:"personal"`
	}
	if json.Unmarshal(raw, &m) != nil {
		return nil, false
	}
	switch {
	case m.Personal != nil:
		return *m.Personal, true
	case m.Columns != nil:
		return *m.Columns, true
	}
	return nil, false
}

// setPersonal records the engine's list and preselects direct
// identifiers and customer numbers.
func (s *Sandbox) setPersonal(cols []personalColumn) {
	s.personalCols = cols
	s.chosen = map[string]bool{}
	for _, c := range cols {
		s.chosen[c.Column] = c.Kind == "direct" || c.Kind == "identifier"
	}
}

// personal lists the personal-data columns the user chose.
func (s *Sandbox) personal() []string {
	var cols []string
	for _, c := range s.personalCols {
		if s.chosen[c.Column] {
			cols = append(cols, c.Column)
		}
	}
	return cols
}

func (s *Sandbox) dropPersonal(ctx app.Context, e app.Event) {
	cols := s.personal()
	if len(cols) == 0 {
		return
	}
	s.send("drop", "drop", map[string]any{"columns": cols})
}

func (s *Sandbox) pseudonymise(ctx app.Context, e app.Event) {
	cols := s.personal()
	if len(cols) == 0 {
		return
	}
	own := s.ctx
	own.Async(func() {
		key, err := pseudoKey()
		own.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.toolMsg, s.toolErr = "La clé de pseudonymisation n'a pas pu être créée sur cet appareil : "+err.Error(), true
				return
			}
			s.send("pseudonymise", "pseudonymise", map[string]any{"columns": cols, "key": key})
		})
	})
}

func (s *Sandbox) resetFile(ctx app.Context, e app.Event) {
	s.send("reset", "reset", nil)
}

func (s *Sandbox) exportAggregates(ctx app.Context, e app.Event) {
	e.PreventDefault()
	k := s.k
	if k == 0 {
		k = DefaultK
	}
	source := s.question
	if source == "" {
		source = "jeunes-18-35"
	}
	fields := map[string]any{"what": "aggregates", "source": source, "k": k}
	if v := strings.TrimSpace(s.venue); v != "" {
		fields["venue"] = v
	}
	s.send("export", "aggregates", fields)
}

func (s *Sandbox) renderPrivacy() app.UI {
	cols := s.personal()
	k := s.k
	if k == 0 {
		k = DefaultK
	}
	return app.Section().Class("vie-privee").Aria("labelledby", "titre-vie-privee").Body(
		app.H2().ID("titre-vie-privee").Text("Données personnelles et partage"),
		app.If(len(s.personalCols) == 0, func() app.UI {
			return app.P().Text("Aucune colonne de données personnelles n'a été détectée dans ce fichier.")
		}).Else(func() app.UI {
			return app.Div().Body(
				app.P().Text("Avant tout partage, supprimez les colonnes qui désignent des personnes, ou pseudonymisez-les : chaque valeur devient un jeton calculé avec une clé secrète créée et gardée sur cet appareil, de sorte qu'une même personne garde le même jeton d'un fichier à l'autre."),
				app.FieldSet().Class("colonnes-perso").Body(
					app.Legend().Text("Colonnes de données personnelles détectées"),
					app.Range(s.personalCols).Slice(func(i int) app.UI {
						c := s.personalCols[i]
						id := fmt.Sprintf("perso-%d", i)
						return app.Div().Class("option").Body(
							app.Input().Type("checkbox").ID(id).Checked(s.chosen[c.Column]).OnChange(func(ctx app.Context, e app.Event) {
								s.chosen[c.Column] = ctx.JSSrc().Get("checked").Bool()
							}),
							app.Label().For(id).Text("« "+c.Column+" » — "+kindLabel(c.Kind)),
						)
					}),
				),
				app.Div().Class("boutons").Body(
					app.Button().ID("supprimer-perso").Class("bouton").Disabled(len(cols) == 0).Text("Supprimer les colonnes cochées").OnClick(s.dropPersonal),
					app.Button().ID("pseudonymiser").Class("bouton").Disabled(len(cols) == 0).Text("Pseudonymiser les colonnes cochées").OnClick(s.pseudonymise),
					app.Button().Class("bouton").Text("Revenir au fichier importé").OnClick(s.resetFile),
				),
			)
		}),
		app.H3().Text("Agrégats partageables"),
		app.P().Text("Pour comparer vos publics avec d'autres lieux sans partager une seule ligne : un fichier de totaux par discipline, où toute case de moins de k personnes est masquée (et, si besoin, une case voisine, pour qu'on ne puisse pas la recalculer)."),
		app.Form().Class("boutons").OnSubmit(s.exportAggregates).Body(
			app.Div().Class("champ").Body(
				app.Label().For("seuil-k").Text("Seuil k (personnes)"),
				app.Input().Type("number").ID("seuil-k").Min(2).Value(strconv.Itoa(k)).OnChange(func(ctx app.Context, e app.Event) {
					if v, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil && v >= 2 {
						s.k = v
					}
				}),
			),
			app.Div().Class("champ").Body(
				app.Label().For("nom-lieu").Text("Nom du lieu (facultatif)"),
				app.Input().Type("text").ID("nom-lieu").Value(s.venue).OnChange(func(ctx app.Context, e app.Event) { s.venue = ctx.JSSrc().Get("value").String() }),
			),
			app.Button().Type("submit").ID("exporter-agregats").Class("bouton").Text("Exporter les agrégats partageables"),
		),
		app.P().ID("message-outils").Class("message").Role("status").Body(app.If(s.toolMsg != "", func() app.UI {
			cls := "succes"
			if s.toolErr {
				cls = "erreur"
			}
			return app.Span().Class(cls).Text(s.toolMsg)
		})),
		app.Div().Body(app.If(s.aggregatesAns != nil, func() app.UI {
			corp, _ := corpus()
			return renderAnswer(corp, s.aggregatesAns, 0, s.report)
		})),
	)
}

// renderPeers lets a venue load partners' shareable aggregates and see its
// indicators beside the pool's.
func (s *Sandbox) renderPeers(corp *content.Corpus) app.UI {
	return app.Section().Class("pairs").Aria("labelledby", "titre-pairs").Body(
		app.H2().ID("titre-pairs").Text("Comparer avec d'autres lieux"),
		app.P().Text("Chargez les fichiers d'agrégats partageables que vos partenaires ont exportés depuis Coulisses : vos indicateurs s'affichent à côté de ceux du groupe, par discipline. Aucune ligne de spectateur n'est mise en commun."),
		app.Label().For("fichiers-pairs").Class("bouton").Text("Charger des fichiers de partenaires"),
		app.Input().Type("file").ID("fichiers-pairs").Class("sr-only").Multiple(true).Accept(".csv,text/csv").OnChange(s.loadPeers),
		app.Div().Body(app.If(s.peersAns != nil, func() app.UI { return renderAnswer(corp, s.peersAns, 0, s.report) })),
	)
}

func (s *Sandbox) loadPeers(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	files := input.Get("files")
	n := files.Get("length").Int()
	if n == 0 {
		return
	}
	list := make([]app.Value, n)
	names := make([]string, n)
	for i := range list {
		list[i] = files.Index(i)
		names[i] = list[i].Get("name").String()
	}
	input.Set("value", "")
	own := s.ctx
	own.Async(func() {
		bufs := make([]app.Value, len(list))
		for i, f := range list {
			b, err := browser.FileBuffer(f)
			if err != nil {
				own.Dispatch(func(ctx app.Context) {
					s.toolMsg, s.toolErr = "Lecture de "+names[i]+" impossible : "+err.Error(), true
				})
				return
			}
			bufs[i] = b
		}
		own.Dispatch(func(ctx app.Context) {
			if s.engine == nil {
				return
			}
			id := s.engine.SendBuffers("peers", "files", bufs, map[string]any{"names": names})
			s.pending[id] = "peers"
		})
	})
}
