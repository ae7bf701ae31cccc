//go:build !wasm

package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	ui "coulisses/app"
	"coulisses/content"
	"coulisses/wasm/server"
)

// web holds the static files, app.wasm included (built before this binary).
//
//go:embed all:web
var web embed.FS

// loadContent loads the embedded content for prerendering.
func loadContent() {
	ui.SetCorpus(content.Default())
}

func serve() {
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
	routes := append(ui.StaticRoutes(), corp.Routes()...)
	return server.New(server.Config{
		Web:       sub,
		Generated: map[string][]byte{"content.bundle": bundle},
		// Start downloading the client and the content with the page,
		// not after the scripts ran.
		Preload: []string{
			`<link rel="preload" href="/web/app.wasm" as="fetch" crossorigin="anonymous">`,
			`<link rel="preload" href="/web/content.bundle" as="fetch" crossorigin="anonymous">`,
		},
		Routes:  routes,
		BuildID: os.Getenv("COULISSES_BUILD_ID"),
	})
}
