package app

import (
	"errors"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/content"
)

var (
	corpusMu      sync.RWMutex
	currentCorpus *content.Corpus
	corpusErr     = errors.New("contenu non chargé")
)

// SetCorpus sets the content the app shows: the shipped content at start,
// later a verified update.
func SetCorpus(c *content.Corpus, err error) {
	corpusMu.Lock()
	defer corpusMu.Unlock()
	currentCorpus, corpusErr = c, err
	if c == nil && err == nil {
		corpusErr = errors.New("contenu vide")
	}
}

// corpus returns the content the app shows, or why there is none.
func corpus() (*content.Corpus, error) {
	corpusMu.RLock()
	defer corpusMu.RUnlock()
	if currentCorpus == nil {
		return nil, corpusErr
	}
	return currentCorpus, nil
}

// contentError renders the French message shown when the content cannot
// be loaded.
func contentError(err error) app.UI {
	return app.Div().Class("alerte").Role("alert").Body(
		app.H1().Text("Contenu indisponible"),
		app.P().Text("Le contenu de l'application n'a pas pu être chargé. Rechargez la page ; si le problème persiste, signalez-le à votre formateur ou formatrice."),
		app.Pre().Class("diagnostic").Text(err.Error()),
	)
}

// rawHTML wraps trusted HTML produced by the content renderer.
func rawHTML(html string) app.UI {
	if html == "" {
		return app.Text("")
	}
	return app.Raw(html)
}
