//go:build !wasm

// Package server serves Coulisses natively: the go-app handler that
// prerenders every page, the embedded static files (with pre-compressed
// WebAssembly), the web manifest, the service worker and strict security
// headers. `make run`, the USB launchers and the static export share it.
package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"coulisses/content"
)

//go:embed app-worker.js
var serviceWorkerTemplate string

// Config says what the server serves.
type Config struct {
	// Web holds the static files served under /web/ (app.wasm, its .gz
	// twin, icons, stylesheet, engine worker, sample datasets).
	Web fs.FS
	// Generated adds files computed at start-up (the content bundle),
	// served under /web/ like the others, gzip twin included.
	Generated map[string][]byte
	// Routes lists every page URL; each is prerendered and precached by the
	// service worker so that a hard load of any of them works offline.
	Routes []string
	// Preload lists raw <link rel="preload"> tags for resources the
	// client needs at start (the content bundle).
	Preload []string
	// BuildID, if set (a commit, a release tag), is mixed into the version.
	BuildID string
	// UpdateOrigin is the origin of the content-update worker, the only
	// third-party origin the Content-Security-Policy allows (may be empty).
	UpdateOrigin string
	// UpdateKey is the base64 Ed25519 public key that verifies content
	// updates (worker/README.md); passed to the client with the origin.
	UpdateKey string
	// ContentVersion is the manifest version of the shipped content, 0 if
	// unknown: the client ignores updates that are not newer.
	ContentVersion int64
	// Prefix is the path the app is served under on a static host
	// ("/coulisses"), "" at the root of its origin (see export.go).
	Prefix string
}

// Server is an http.Handler for the whole app.
type Server struct {
	cfg     Config
	app     *app.Handler
	static  http.Handler
	csp     string
	version string
	files   []string
}

// New builds the server. It hashes the static files to derive the app
// version, so that a new build makes browsers install the new service worker.
func New(cfg Config) (*Server, error) {
	web, err := withGenerated(cfg.Web, cfg.Generated)
	if err != nil {
		return nil, fmt.Errorf("lecture des fichiers web : %w", err)
	}
	cfg.Web = web
	files, err := webFiles(cfg.Web)
	if err != nil {
		return nil, fmt.Errorf("lecture des fichiers web : %w", err)
	}
	extra := []string{"build:" + cfg.BuildID}
	if cfg.UpdateOrigin != "" || cfg.UpdateKey != "" || cfg.ContentVersion != 0 {
		// The client reads these from app.js, which the service worker
		// caches per version: a new origin or key needs a new version.
		extra = append(extra, fmt.Sprintf("update:%s|%s|%d", cfg.UpdateOrigin, cfg.UpdateKey, cfg.ContentVersion))
	}
	version, err := Version(cfg.Web, files, append(append([]string{}, cfg.Routes...), extra...))
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:     cfg,
		static:  staticHandler{fsys: cfg.Web},
		csp:     ContentSecurityPolicy(cfg.UpdateOrigin),
		version: version,
		files:   files,
	}
	cacheable := append([]string{}, cfg.Routes...)
	for _, f := range files {
		cacheable = append(cacheable, "/web/"+f)
	}
	wasmLen := ""
	if st, err := fs.Stat(cfg.Web, "app.wasm"); err == nil {
		wasmLen = strconv.FormatInt(st.Size(), 10)
	}
	s.app = &app.Handler{
		Name:            "Coulisses",
		ShortName:       "Coulisses",
		Title:           "Coulisses",
		Lang:            "fr",
		Description:     Description,
		Author:          "Coulisses",
		ThemeColor:      ThemeColor,
		BackgroundColor: BackgroundColor,
		LoadingLabel:    "Chargement de Coulisses… {progress} %",
		Icon: app.Icon{
			Default:  "/web/icons/icon-192.png",
			Large:    "/web/icons/icon-512.png",
			Maskable: "/web/icons/icon-maskable-512.png",
			SVG:      "/web/icons/icon.svg",
		},
		Styles:                []string{"/web/coulisses.css"},
		Scripts:               []string{"/web/bridge.js", "/web/chart-export.js"},
		RawHeaders:            cfg.Preload,
		CacheableResources:    cacheable,
		Version:               version,
		WasmContentLength:     wasmLen,
		ServiceWorkerTemplate: serviceWorkerTemplate,
		Resources:             resources{static: s.static, prefix: cfg.Prefix},
		Env: map[string]string{
			"COULISSES_UPDATE_ORIGIN":   cfg.UpdateOrigin,
			"COULISSES_UPDATE_KEY":      cfg.UpdateKey,
			"COULISSES_CONTENT_VERSION": strconv.FormatInt(cfg.ContentVersion, 10),
		},
	}
	return s, nil
}

// Version returns the build version: a hash of every static file (the WASM
// binaries embed the code and the content) and of the route list.
func Version(web fs.FS, files, routes []string) (string, error) {
	h := sha256.New()
	for _, f := range files {
		b, err := fs.ReadFile(web, f)
		if err != nil {
			return "", fmt.Errorf("lecture de %s : %w", f, err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(b))
		h.Write(b)
	}
	for _, r := range routes {
		fmt.Fprintf(h, "route\x00%s\x00", r)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// Version reports the build version of the served app.
func (s *Server) Version() string { return s.version }

// AppHandler returns the underlying go-app handler (for the static export).
func (s *Server) AppHandler() *app.Handler { return s.app }

// Files lists the static files, relative to /web/ (pre-compressed twins excluded).
func (s *Server) Files() []string { return s.files }

// ServeHTTP serves a request with the security headers set.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", s.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "Méthode non autorisée", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == "/manifest.webmanifest" || r.URL.Path == "/manifest.json" {
		h.Set("Content-Type", "application/manifest+json")
		h.Set("Cache-Control", "no-cache")
		w.Write(WebManifest(s.cfg.Prefix))
		return
	}
	s.app.ServeHTTP(w, r)
}

// ContentSecurityPolicy returns the policy sent with every response: only
// this origin (and the content-update origin, if any) may be reached;
// WebAssembly may be compiled; nothing else runs.
func ContentSecurityPolicy(updateOrigin string) string {
	connect := "'self'"
	if updateOrigin != "" {
		connect += " " + updateOrigin
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"style-src 'self'",
		"img-src 'self' data: blob:",
		"font-src 'self'",
		"connect-src " + connect,
		"worker-src 'self'",
		"manifest-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
}

// withGenerated returns an in-memory file system holding the files of web
// and the generated ones, each generated file with a gzip twin.
func withGenerated(web fs.FS, generated map[string][]byte) (fs.FS, error) {
	if len(generated) == 0 {
		return web, nil
	}
	files := content.MemFS{}
	err := fs.WalkDir(web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[p], err = fs.ReadFile(web, p)
		return err
	})
	if err != nil {
		return nil, err
	}
	for name, b := range generated {
		files[name] = b
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		w.Write(b)
		w.Close()
		files[name+".gz"] = z.Bytes()
	}
	return files, nil
}

// webFiles lists the files under web, sorted, without the .gz twins.
func webFiles(web fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasSuffix(p, ".gz") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		files = append(files, p)
		return nil
	})
	sort.Strings(files)
	return files, err
}

// resources makes go-app resolve /web/ paths to themselves (under the
// prefix, if any) and delegate their serving to the static handler.
type resources struct {
	static http.Handler
	prefix string
}

func (r resources) Resolve(location string) string {
	if location == "" || location == "/" {
		if r.prefix != "" {
			return r.prefix
		}
		return "/"
	}
	if r.prefix != "" && strings.HasPrefix(location, "/") && !strings.HasPrefix(location, "//") {
		return r.prefix + location
	}
	return location
}

func (r resources) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.static.ServeHTTP(w, req)
}
