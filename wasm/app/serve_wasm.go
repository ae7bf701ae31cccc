//go:build wasm

package main

import (
	ui "coulisses/app"
	"coulisses/content"
	"coulisses/wasm/browser"
)

// ContentBundleURL is where the client finds the shipped content (served by
// the app, preloaded with the page, precached by the service worker).
const ContentBundleURL = "/web/content.bundle"

// loadContent loads the learner's progress and the shipped content before
// the first render, so the client shows the same page as the prerendered
// one. The bundle was
// validated by the server that built it: it is decoded, not re-validated.
func loadContent() {
	ui.LoadProgress()
	data, err := browser.Fetch(ContentBundleURL)
	if err != nil {
		ui.SetCorpus(nil, err)
		return
	}
	ui.SetCorpus(content.DecodeBundle(data))
}

// serve does nothing in the browser: the server code stays out of app.wasm.
func serve() {}
