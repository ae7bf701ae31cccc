//go:build !wasm

package main

import (
	"strings"
	"testing"

	ui "coulisses/app"
)

// Prerendered pages are the same for everyone: opening a fiche on the
// server must not leave a « Reprendre » button on the home page.
func TestPrerenderKeepsNoLearnerState(t *testing.T) {
	ui.Register()
	loadContent()
	s, err := newServer()
	if err != nil {
		t.Skip(err) // app.wasm not built
	}
	get(t, s, "/fiches/rgpd-et-consentement")
	home := get(t, s, "/")
	if strings.Contains(home, `id="reprendre"`) {
		t.Error("the prerendered home page shows a resume button")
	}
	if !strings.Contains(home, `id="faire-positionnement"`) {
		t.Error("the prerendered home page should invite to the positioning test")
	}
}
