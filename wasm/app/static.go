//go:build !wasm

package main

// The static export of the trainer kit (issue 8):
//
//	coulisses -static dist/static [-prefix /coulisses] [-hosting dist/static-hebergement]
//
// writes the whole site for a static web host (see wasm/server/export.go)
// and, with -hosting, the host's requirements and an nginx configuration.

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func isStaticFlag(arg string) bool {
	name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	return strings.HasPrefix(arg, "-") && name == "static"
}

func runStatic(args []string, out io.Writer) error {
	fl := flag.NewFlagSet("static", flag.ContinueOnError)
	dir := fl.String("static", "", "dossier de l'export (vide ou absent)")
	prefix := fl.String("prefix", "", "chemin sous lequel le site sera servi (ex. /coulisses) ; vide : racine du domaine")
	hosting := fl.String("hosting", "", "dossier où écrire HEBERGEMENT.md et nginx.conf (facultatif)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *dir == "" || fl.NArg() > 0 {
		return fmt.Errorf("usage : coulisses -static DOSSIER [-prefix /chemin] [-hosting DOSSIER]")
	}
	s, err := newServer()
	if err != nil {
		return err
	}
	if *prefix != "" {
		if s, err = s.WithPrefix(*prefix); err != nil {
			return err
		}
	}
	ex, err := s.Export(*dir)
	if err != nil {
		return err
	}
	where := "à la racine du domaine"
	if ex.Prefix != "" {
		where = "sous " + ex.Prefix + "/"
	}
	fmt.Fprintf(out, "export statique : %s — %d pages, %d fichiers, %.1f Mo, à servir %s (version %s)\n",
		ex.Dir, len(ex.Pages), ex.Files, float64(ex.Bytes)/1e6, where, s.Version())
	if *hosting == "" {
		return nil
	}
	if err := os.MkdirAll(*hosting, 0o755); err != nil {
		return err
	}
	guide, err := s.HostingGuide()
	if err != nil {
		return err
	}
	nginx, err := s.NginxConfig()
	if err != nil {
		return err
	}
	for name, b := range map[string][]byte{"HEBERGEMENT.md": guide, "nginx.conf": nginx} {
		if err := os.WriteFile(filepath.Join(*hosting, name), b, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "exigences de l'hébergeur : %s\n", filepath.Join(*hosting, "HEBERGEMENT.md"))
	return nil
}
