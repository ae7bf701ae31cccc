//go:build !wasm

package app

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"coulisses/app/update"
	"coulisses/content"
	"coulisses/worker/manifest"
)

type kv map[string]string

func (s kv) Get(k string) (string, bool, error) { v, ok := s[k]; return v, ok, nil }
func (s kv) Put(k, v string) error              { s[k] = v; return nil }
func (s kv) Delete(k string) error              { delete(s, k); return nil }
func (s kv) Keys() ([]string, error)            { return nil, nil }

// served answers like the worker, from an envelope and its files.
type served struct {
	env   []byte
	blobs map[string][]byte
	down  bool
}

func (w *served) Get(url, etag string, max int64) (update.Response, error) {
	if w.down {
		return update.Response{}, errors.New("Failed to fetch")
	}
	if strings.HasSuffix(url, update.ManifestPath) {
		return update.Response{Status: 200, Body: w.env}, nil
	}
	b, ok := w.blobs[url[strings.LastIndex(url, "/")+1:]]
	if !ok {
		return update.Response{Status: 404}, nil
	}
	return update.Response{Status: 200, Body: b}, nil
}

// withUpdater installs an updater whose worker serves v2 (one fiche
// changed), runs a check, and restores the previous state at the end.
func withUpdater(t *testing.T) (*update.Updater, update.Result) {
	t.Helper()
	bundle, err := content.Bundle(content.Files)
	if err != nil {
		t.Fatal(err)
	}
	norm, err := content.NormalizedFiles(content.Files)
	if err != nil {
		t.Fatal(err)
	}
	files := content.MemFS(maps.Clone(norm))
	files["fiches/4.02-indicateurs-cles.md"] = append(bytes.Clone(files["fiches/4.02-indicateurs-cles.md"]), "\n\nAjout.\n"...)
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, 32))
	m, blobs, err := manifest.Build(files, manifest.BuildOptions{Version: 2000, Changelog: []string{"Fiche 4.02 complétée"}})
	if err != nil {
		t.Fatal(err)
	}
	env, err := manifest.Sign(priv, m)
	if err != nil {
		t.Fatal(err)
	}
	w := &served{env: env, blobs: blobs}
	cfg := update.Config{Origin: "https://contenu.example", PublicKey: priv.Public().(ed25519.PublicKey), ShippedVersion: 1000}
	u := update.New(cfg, kv{}, w, bundle, func() time.Time { return time.Date(2026, 11, 27, 9, 5, 0, 0, time.UTC) })
	if _, err := u.Open(); err != nil {
		t.Fatal(err)
	}
	r := u.Check(false)
	if r.Outcome != update.Applied {
		t.Fatalf("check: %v %+v", r.Outcome, r.Entry)
	}
	w.down = true
	r2 := u.Check(true) // then the worker is unreachable: one journal line
	updates.Lock()
	savedU, savedLast, savedBanner := updates.u, updates.last, updates.banner
	updates.u, updates.last, updates.banner = u, &r2, &r
	updates.Unlock()
	t.Cleanup(func() {
		updates.Lock()
		updates.u, updates.last, updates.banner = savedU, savedLast, savedBanner
		updates.Unlock()
	})
	return u, r
}

func TestUpdatesPanelWithoutUpdater(t *testing.T) {
	html := render(t, &About{})
	for _, want := range []string{`id="mises-a-jour"`, "Mises à jour du contenu", "version livrée avec l&#39;application"} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(html, "verifier-maj") {
		t.Error("check button without an updater (server prerender)")
	}
}

func TestUpdatesPanelAfterAnUpdate(t *testing.T) {
	withUpdater(t)
	html := render(t, &UpdatesPanel{})
	for _, want := range []string{
		"Contenu : version 2000, reçue le 27",
		`id="verifier-maj"`, "Vérifier les mises à jour",
		"Hors ligne : vérification impossible pour le moment, rien n&#39;a changé.",
		"Dernière mise à jour", "1 fiche modifiée", "Fiche 4.02 complétée",
		"Diagnostic des mises à jour (2)", "Version 2000 appliquée : 1 fiche modifiée.",
		"Serveur de mises à jour injoignable",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q", want)
		}
	}
	if !hasTag(html, "time", `datetime="2026-11-27T09:05:00Z"`) {
		t.Error("journal entries carry no machine-readable time")
	}
}

func TestStatusShowsTheContentBanner(t *testing.T) {
	withUpdater(t)
	html := render(t, &Status{})
	if !strings.Contains(html, "Contenu mis à jour : 1 fiche modifiée — ") || !hasTag(html, "a", `href="/a-propos#mises-a-jour"`) {
		t.Errorf("no content banner in %s", html)
	}
	updates.Lock()
	updates.banner = nil
	updates.Unlock()
	if html := render(t, &Status{}); strings.Contains(html, "Contenu mis à jour") {
		t.Error("banner shown after dismissal")
	}
}
