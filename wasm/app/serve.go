//go:build !wasm

package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	ui "coulisses/app"
	"coulisses/content"
	"coulisses/wasm/server"
	"coulisses/worker/manifest"
)

// Content updates (issue 7, worker/README.md). A release fixes them at
// build time:
//
//	go build -ldflags "-X main.updateOrigin=https://contenu.example -X main.updateKey=<base64 public key> -X main.contentVersion=<manifest version of content/>" ./wasm/app
//
// and the environment overrides them at start (make run, tests):
// COULISSES_UPDATE_ORIGIN, COULISSES_UPDATE_KEY, COULISSES_CONTENT_VERSION.
// Without an origin and a key, the app never checks for updates.
var updateOrigin, updateKey, contentVersion string

// updateConfig returns the checked content-update settings: an origin
// (scheme://host[:port]; https, or http on the loopback only), the public
// key that verifies manifests, and the version of the shipped content.
func updateConfig() (origin, key string, version int64, err error) {
	get := func(env, built string) string {
		if v, ok := os.LookupEnv(env); ok {
			return strings.TrimSpace(v)
		}
		return strings.TrimSpace(built)
	}
	origin = get("COULISSES_UPDATE_ORIGIN", updateOrigin)
	key = get("COULISSES_UPDATE_KEY", updateKey)
	if v := get("COULISSES_CONTENT_VERSION", contentVersion); v != "" {
		if version, err = strconv.ParseInt(v, 10, 64); err != nil || version < 0 {
			return "", "", 0, fmt.Errorf("COULISSES_CONTENT_VERSION %q : nombre entier positif attendu (version du manifeste du contenu livré)", v)
		}
	}
	switch {
	case origin == "" && key == "":
		return "", "", version, nil
	case origin == "":
		return "", "", 0, fmt.Errorf("clé de mise à jour sans origine : définissez aussi COULISSES_UPDATE_ORIGIN")
	case key == "":
		return "", "", 0, fmt.Errorf("origine de mise à jour sans clé publique : définissez aussi COULISSES_UPDATE_KEY")
	}
	if _, err := manifest.ParsePublicKey(key); err != nil {
		return "", "", 0, fmt.Errorf("COULISSES_UPDATE_KEY : %w", err)
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", "", 0, fmt.Errorf("COULISSES_UPDATE_ORIGIN %q : origine attendue, de la forme https://hote[:port]", origin)
	}
	loopback := u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost" || u.Hostname() == "::1"
	if u.Scheme != "https" && !(u.Scheme == "http" && loopback) {
		return "", "", 0, fmt.Errorf("COULISSES_UPDATE_ORIGIN %q : https obligatoire (http seulement sur la boucle locale)", origin)
	}
	return u.Scheme + "://" + u.Host, key, version, nil
}

// web holds the static files, app.wasm included (built before this binary).
//
//go:embed all:web
var web embed.FS

// loadContent loads the embedded content for prerendering.
func loadContent() {
	ui.SetCorpus(content.Default())
}

// serve runs the native program: the USB launcher (built with
// -X main.mode=launcher), the static export (-static DIR), or the local
// server of `make run`.
func serve() {
	switch {
	case mode == "launcher":
		os.Exit(runLauncher(os.Stdout))
	case len(os.Args) > 1 && isStaticFlag(os.Args[1]):
		if err := runStatic(os.Args[1:], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "Coulisses, export statique :", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	addr := flag.String("addr", "127.0.0.1:"+port, "adresse d'écoute (boucle locale par défaut)")
	flag.Parse()
	if err := run(*addr); err != nil {
		fmt.Fprintln(os.Stderr, "Coulisses :", err)
		os.Exit(1)
	}
}

func run(addr string) error {
	s, err := newServer()
	if err != nil {
		return err
	}
	ln, err := server.Listen(addr)
	if err != nil {
		return err
	}
	fmt.Printf("Coulisses est prêt : http://%s/  (version %s — Ctrl+C pour arrêter)\n", ln.Addr(), s.Version())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return server.Serve(ctx, ln, s)
}

// newServer builds the server over the embedded files and content.
func newServer() (*server.Server, error) {
	sub, err := fs.Sub(web, "web")
	if err != nil {
		return nil, err
	}
	return newServerFrom(sub)
}

// newServerFrom builds the server over web files (the embedded ones, or the
// launcher's, inflated) and the embedded content.
func newServerFrom(sub fs.FS) (*server.Server, error) {
	if _, err := fs.Stat(sub, "app.wasm"); err != nil {
		return nil, fmt.Errorf("web/app.wasm manquant : construisez d'abord le client (make run)")
	}
	corp, err := content.Default()
	if err != nil {
		return nil, err
	}
	bundle, err := content.Bundle(content.Files)
	if err != nil {
		return nil, err
	}
	origin, key, version, err := updateConfig()
	if err != nil {
		return nil, err
	}
	generated := map[string][]byte{"content.bundle": bundle}
	// The sample datasets, served under /web/datasets/ and precached.
	names, _ := fs.Glob(content.Datasets, "datasets/*.csv")
	for _, name := range names {
		if generated[name], err = fs.ReadFile(content.Datasets, name); err != nil {
			return nil, err
		}
	}
	routes := append(ui.StaticRoutes(), corp.Routes()...)
	return server.New(server.Config{
		Web:       sub,
		Generated: generated,
		// Start downloading the client and the content with the page,
		// not after the scripts ran.
		Preload: []string{
			`<link rel="preload" href="/web/app.wasm" as="fetch" crossorigin="anonymous">`,
			`<link rel="preload" href="/web/content.bundle" as="fetch" crossorigin="anonymous">`,
		},
		Routes:         routes,
		BuildID:        os.Getenv("COULISSES_BUILD_ID"),
		UpdateOrigin:   origin,
		UpdateKey:      key,
		ContentVersion: version,
	})
}
