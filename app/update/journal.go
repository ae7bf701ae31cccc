package update

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"coulisses/content"
	"coulisses/worker/manifest"
)

// MaxJournal bounds the diagnostics journal kept on the device.
const MaxJournal = 40

// Levels of journal entries.
const (
	LevelRejected = "refus" // the update was refused: bad signature, hash, content…
	LevelFailed   = "echec" // a transient failure (server error, storage): retried later
	LevelInfo     = "info"  // what happened, for the record (update applied, ignored…)
)

// Kinds of journal entries: a short stable code per cause.
const (
	KindApplied     = "appliquee"
	KindIgnored     = "ignoree"
	KindUnreachable = "injoignable"
	KindServer      = "serveur"
	KindSignature   = "signature"
	KindKey         = "cle"
	KindSchema      = "format"
	KindReplay      = "ancienne"
	KindMalformed   = "illisible"
	KindTooLarge    = "taille"
	KindTruncated   = "tronque"
	KindHash        = "empreinte"
	KindContent     = "contenu"
	KindStorage     = "stockage"
	KindStored      = "enregistree"
)

// Entry is one line of the diagnostics journal shown in « À propos ».
type Entry struct {
	At      time.Time `json:"le"`
	Level   string    `json:"niveau"`
	Kind    string    `json:"type"`
	Message string    `json:"message"`          // French, for people
	Detail  string    `json:"detail,omitempty"` // technical, for support
	Version int64     `json:"version,omitempty"`
	// Count is how many times in a row this same entry happened (≥ 1); At
	// is then the latest.
	Count int `json:"fois,omitempty"`
}

// Times returns how many times the entry happened.
func (e Entry) Times() int { return max(e.Count, 1) }

// journal is the diagnostics log, oldest first.
type journal []Entry

func decodeJournal(s string) journal {
	var j journal
	if json.Unmarshal([]byte(s), &j) != nil {
		return nil
	}
	return j
}

// add appends e, or counts it on the last entry when it is the same event
// again (a worker failing every day is one line, not thirty).
func (j journal) add(e Entry) journal {
	if n := len(j); n > 0 {
		last := &j[n-1]
		if last.Kind == e.Kind && last.Message == e.Message && last.Version == e.Version {
			last.Count = last.Times() + 1
			last.At, last.Detail = e.At, e.Detail
			return j
		}
	}
	j = append(j, e)
	if len(j) > MaxJournal {
		j = append(journal(nil), j[len(j)-MaxJournal:]...)
	}
	return j
}

// rejection turns a manifest rejection (Verify, ReadFile) into a journal
// entry with a French message. current is the version the app holds.
func rejection(err error, m *manifest.Manifest, current int64) Entry {
	var merr *manifest.Error
	path := ""
	if errors.As(err, &merr) {
		path = merr.Path
	}
	e := Entry{Level: LevelRejected, Detail: err.Error()}
	if m != nil {
		e.Version = m.Version
	}
	switch {
	case errors.Is(err, manifest.ErrBadSignature):
		e.Kind, e.Message = KindSignature, "Signature invalide : ce contenu n'a pas été publié par l'équipe Coulisses, il est refusé."
	case errors.Is(err, manifest.ErrUnknownKey):
		e.Kind, e.Message = KindKey, "Contenu signé avec une clé que cette version de l'application ne connaît pas : refusé."
	case errors.Is(err, manifest.ErrFutureSchema):
		e.Kind, e.Message = KindSchema, "Mise à jour publiée dans un format plus récent que cette version de l'application : refusée. Mettez l'application à jour pour la recevoir."
	case errors.Is(err, manifest.ErrNotNewer):
		e.Kind, e.Message = KindReplay, fmt.Sprintf("Le serveur propose une version plus ancienne que le contenu actuel (version %d) : refusée (ancien manifeste rejoué).", current)
	case errors.Is(err, manifest.ErrTruncated):
		e.Level, e.Kind = LevelFailed, KindTruncated
		e.Message = fmt.Sprintf("Fichier %s incomplet (téléchargement interrompu ?) : mise à jour abandonnée, nouvel essai plus tard.", path)
	case errors.Is(err, manifest.ErrHashMismatch):
		e.Kind, e.Message = KindHash, fmt.Sprintf("Fichier %s altéré : son empreinte SHA-256 diffère de celle du manifeste signé. Mise à jour refusée.", path)
	case errors.Is(err, manifest.ErrTooLarge) && path != "":
		e.Kind, e.Message = KindTooLarge, fmt.Sprintf("Fichier %s plus long qu'annoncé ou trop volumineux : mise à jour refusée.", path)
	case errors.Is(err, manifest.ErrTooLarge):
		e.Kind, e.Message = KindTooLarge, "Mise à jour trop volumineuse : refusée."
	case errors.Is(err, manifest.ErrMalformed):
		e.Kind, e.Message = KindMalformed, "Manifeste de mise à jour mal formé : refusé."
	default:
		e.Kind, e.Message = KindMalformed, "Mise à jour illisible : refusée."
	}
	return e
}

// invalidContent describes content that fails validation.
func invalidContent(err error, version int64) Entry {
	e := Entry{Level: LevelRejected, Kind: KindContent, Version: version, Detail: err.Error()}
	var verr *content.ValidationError
	if errors.As(err, &verr) && len(verr.Problems) > 0 {
		n := len(verr.Problems)
		e.Message = fmt.Sprintf("Contenu refusé : %d problème%s de validation, dont « %s ».", n, plural(n), verr.Problems[0])
		if n > 5 {
			lines := make([]string, 0, 5)
			for _, p := range verr.Problems[:5] {
				lines = append(lines, p.String())
			}
			e.Detail = strings.Join(lines, "\n") + fmt.Sprintf("\n… et %d autres", n-5)
		}
		return e
	}
	e.Message = "Contenu refusé : il ne passe pas la validation."
	return e
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}
