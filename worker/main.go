//go:build js && wasm

// Command worker is the Cloudflare worker that serves signed content
// updates: the bundle written by worker/cmd/publish, embedded in the
// binary, served by worker/handler.
//
// The bundle is embedded rather than read from R2, KV or static assets:
// the content is small (hundreds of KB), embedding needs no binding, no
// http.Client (which would add ~1.2 MB gzip) and no upload step besides
// `wrangler deploy`, and a deployment is atomic (manifest and files change
// together). Build it with `make worker-build`.
//
// Allowed CORS origins come from the ALLOWED_ORIGINS variable (wrangler.toml
// [vars]), comma-separated.
package main

import (
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"

	"coulisses/worker/handler"
)

//go:embed bundle
var bundle embed.FS

func main() {
	workers.Serve(newHandler())
}

func newHandler() http.Handler {
	sub, err := fs.Sub(bundle, "bundle")
	if err == nil {
		var h http.Handler
		h, err = handler.New(sub, handler.Options{Origins: handler.ParseOrigins(cloudflare.Getenv("ALLOWED_ORIGINS"))})
		if err == nil {
			return h
		}
	}
	// Only a broken build gets here; say so instead of crashing.
	body, _ := json.Marshal(handler.Error{Status: 500, Code: "bad_build",
		Message: "Ce service est mal construit (paquet de contenu absent) : " + err.Error()})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write(append(body, '\n'))
	})
}
