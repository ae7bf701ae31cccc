//go:build !wasm

package server

// The static export (issue 8): the whole site as plain files for any static
// web host, under its root or a sub-path. go-app's GenerateStaticWebsite
// writes the pages, app.js, app-worker.js and wasm_exec.js; the files it
// omits (app.wasm, the engine, icons, stylesheet, content bundle, datasets)
// are copied here, and the Content-Security-Policy, which a static host does
// not send unless configured to, is also written into every page.

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// NormalizePrefix checks a sub-path given on the command line and returns
// it as go-app wants it: "" for the root, else "/a/b" without a trailing
// slash.
func NormalizePrefix(p string) (string, error) {
	p = strings.Trim(strings.TrimSpace(p), "/")
	if p == "" {
		return "", nil
	}
	if !prefixRe.MatchString(p) {
		return "", fmt.Errorf("préfixe %q invalide : lettres, chiffres, « - », « _ », « . » et « / » seulement", p)
	}
	return "/" + p, nil
}

var prefixRe = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$`)

// WithPrefix returns a server for the same files and routes whose pages,
// service worker and manifest point under prefix (see NormalizePrefix).
func (s *Server) WithPrefix(prefix string) (*Server, error) {
	prefix, err := NormalizePrefix(prefix)
	if err != nil {
		return nil, err
	}
	cfg := s.cfg
	cfg.Prefix = prefix
	cfg.Generated = nil // already in cfg.Web
	cfg.Preload = nil
	for _, tag := range s.cfg.Preload {
		cfg.Preload = append(cfg.Preload, strings.ReplaceAll(tag, `href="/`, `href="`+prefix+`/`))
	}
	return New(cfg)
}

// Prefix returns the sub-path the app is served under ("" for the root).
func (s *Server) Prefix() string { return s.cfg.Prefix }

// Routes returns the page URLs, without the prefix.
func (s *Server) Routes() []string { return append([]string(nil), s.cfg.Routes...) }

// SecurityHeaders returns the headers ServeHTTP sends with every response,
// in order; a static host must be configured to send them too.
func SecurityHeaders(updateOrigin string) [][2]string {
	return [][2]string{
		{"Content-Security-Policy", ContentSecurityPolicy(updateOrigin)},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "no-referrer"},
		{"Cross-Origin-Opener-Policy", "same-origin"},
		{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
	}
}

// MetaContentSecurityPolicy is the policy written into each exported page
// (<meta http-equiv>): the same as the header, without frame-ancestors,
// which browsers ignore in a meta element.
func MetaContentSecurityPolicy(updateOrigin string) string {
	var keep []string
	for _, d := range strings.Split(ContentSecurityPolicy(updateOrigin), "; ") {
		if !strings.HasPrefix(d, "frame-ancestors") {
			keep = append(keep, d)
		}
	}
	return strings.Join(keep, "; ")
}

// Export is what Export wrote.
type Export struct {
	Dir    string
	Prefix string
	Pages  []string // page files, relative to Dir ("index.html", "fiches/x.html")
	Files  int      // every file written
	Bytes  int64    // their total size
}

// charsetMeta is where go-app's pages start; the policy goes right after
// it, before any script or stylesheet.
const charsetMeta = `<meta charset="UTF-8">`

// Export writes the static site into dir, which must not exist or be empty.
func (s *Server) Export(dir string) (*Export, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s n'est pas vide : videz-le ou choisissez un autre dossier", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := app.GenerateStaticWebsite(dir, s.app, s.cfg.Routes...); err != nil {
		return nil, fmt.Errorf("export go-app : %w", err)
	}
	// Our manifest (icons, language, prefix), not go-app's.
	if err := os.WriteFile(filepath.Join(dir, "manifest.webmanifest"), WebManifest(s.cfg.Prefix), 0o644); err != nil {
		return nil, err
	}
	// Everything served under /web/, pre-compressed twins included (a host
	// like nginx with gzip_static sends them).
	err := fs.WalkDir(s.cfg.Web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		b, err := fs.ReadFile(s.cfg.Web, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, "web", filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		return nil, fmt.Errorf("copie des fichiers web : %w", err)
	}

	ex := &Export{Dir: dir, Prefix: s.cfg.Prefix}
	meta := `<meta http-equiv="Content-Security-Policy" content="` + MetaContentSecurityPolicy(s.cfg.UpdateOrigin) + `">`
	for _, route := range append([]string{"/"}, s.cfg.Routes...) {
		page := RouteFile(route)
		name := filepath.Join(dir, filepath.FromSlash(page))
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("page %s absente de l'export : %w", route, err)
		}
		if bytes.Contains(b, []byte(`http-equiv="Content-Security-Policy"`)) {
			continue // "/" and a route listed twice
		}
		if !bytes.Contains(b, []byte(charsetMeta)) {
			return nil, fmt.Errorf("page %s : %s introuvable, politique de sécurité non insérée", route, charsetMeta)
		}
		b = bytes.Replace(b, []byte(charsetMeta), []byte(charsetMeta+meta), 1)
		if err := os.WriteFile(name, b, 0o644); err != nil {
			return nil, err
		}
		ex.Pages = append(ex.Pages, page)
	}
	sort.Strings(ex.Pages)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		ex.Files++
		ex.Bytes += info.Size()
		return nil
	})
	return ex, err
}

// RouteFile returns the file of the export that holds a route's page:
// "index.html" for "/", "fiches/x.html" for "/fiches/x".
func RouteFile(route string) string {
	route = strings.Trim(path.Clean("/"+route), "/")
	if route == "" {
		return "index.html"
	}
	return route + ".html"
}

//go:embed hosting.md.tmpl
var hostingTemplate string

//go:embed nginx.conf.tmpl
var nginxTemplate string

type hostingData struct {
	Prefix  string // "" or "/coulisses"
	Headers [][2]string
	Meta    string
}

func renderHosting(tmpl, prefix, updateOrigin string) ([]byte, error) {
	t, err := template.New("").Parse(tmpl)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, hostingData{Prefix: prefix, Headers: SecurityHeaders(updateOrigin), Meta: MetaContentSecurityPolicy(updateOrigin)})
	return b.Bytes(), err
}

// HostingGuide returns, in French, what a static host must do to serve the
// export (Markdown).
func (s *Server) HostingGuide() ([]byte, error) {
	return renderHosting(hostingTemplate, s.cfg.Prefix, s.cfg.UpdateOrigin)
}

// NginxConfig returns an nginx server block that serves the export.
func (s *Server) NginxConfig() ([]byte, error) {
	return renderHosting(nginxTemplate, s.cfg.Prefix, s.cfg.UpdateOrigin)
}
