//go:build wasm

package main

import (
	ui "coulisses/app"
	"coulisses/wasm/browser"
)

// ContentBundleURL is where the client finds the shipped content (served by
// the app, preloaded with the page, precached by the service worker).
const ContentBundleURL = "/web/content.bundle"

// loadContent loads the learner's progress and the content before the
// first render, so the client shows the same page as the prerendered one.
// The content is the last verified update stored on the device, if any and
// intact, else the shipped bundle (validated by the server that built it:
// decoded, not re-validated). See app/updates.go and app/update.
func loadContent() {
	ui.LoadProgress()
	data, err := browser.Fetch(ui.URL(ContentBundleURL))
	if err != nil {
		ui.SetCorpus(nil, err)
		return
	}
	ui.SetCorpus(ui.OpenContent(data))
}

// serve does nothing in the browser: the server code stays out of app.wasm.
func serve() {}
