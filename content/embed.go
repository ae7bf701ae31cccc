//go:build !wasm

package content

import (
	"embed"
	"sync"
)

// Files holds the content shipped with the app.
//
//go:embed *.yaml fiches/*.md quiz/*.yaml
var Files embed.FS

var (
	defaultOnce   sync.Once
	defaultCorpus *Corpus
	defaultErr    error
)

// Default returns the corpus shipped with the app, loaded and validated once.
func Default() (*Corpus, error) {
	defaultOnce.Do(func() {
		defaultCorpus, defaultErr = Load(Files)
	})
	return defaultCorpus, defaultErr
}
