// Package handler is the HTTP side of content updates: it serves a bundle
// written by worker/cmd/publish (manifest.json and files/<sha256>) with the
// caching, conditional, range and CORS behaviour the application relies on.
//
// The same handler runs in the Cloudflare worker (worker/main.go, js/wasm)
// and as a plain native server (worker/cmd/local); it has no syscall/js so
// that go test and httptest cover it.
//
// Routes:
//
//	GET|HEAD /v1/manifest.json     signed envelope, short cache, ETag, 304
//	GET|HEAD /v1/files/<sha256>    content file, immutable for a year
//	OPTIONS  (any route)           CORS preflight
//
// Everything else is a JSON error with a French message (404, 405, 403).
package handler

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"coulisses/worker/manifest"
)

// Paths served, and the files they map to inside a bundle.
const (
	ManifestPath = "/v1/manifest.json"
	FilesPrefix  = "/v1/files/"

	BundleManifest = "manifest.json"
	BundleFiles    = "files"
)

// Cache policies.
const (
	// ManifestCacheControl lets browsers and CDNs keep the manifest one
	// minute, then revalidate it with If-None-Match (cheap 304).
	ManifestCacheControl = "public, max-age=60, must-revalidate"
	// FileCacheControl: a file's name is its SHA-256, its bytes never change.
	FileCacheControl = "public, max-age=31536000, immutable"
)

// DefaultOrigins are the origins allowed by CORS when Options.Origins is
// empty: the application as served by `make run` on this machine.
var DefaultOrigins = []string{"http://127.0.0.1:8080"}

// Options configure New.
type Options struct {
	// Origins allowed to read responses from a browser (CORS), exactly as
	// a browser sends them: scheme://host[:port], no trailing slash. "*"
	// allows any origin. Empty means DefaultOrigins.
	Origins []string
}

type handler struct {
	bundle       fs.FS
	manifest     []byte
	manifestETag string
	origins      []string
	anyOrigin    bool
}

// New returns a handler serving bundle, a directory laid out by
// worker/cmd/publish. It reads manifest.json once (it must exist) but does
// not read or hash the files, so it is cheap to call on every start of the
// worker.
func New(bundle fs.FS, opts Options) (http.Handler, error) {
	env, err := fs.ReadFile(bundle, BundleManifest)
	if err != nil {
		return nil, fmt.Errorf("handler: bundle has no %s: %w", BundleManifest, err)
	}
	if len(env) > manifest.MaxEnvelopeSize {
		return nil, fmt.Errorf("handler: %s is %d bytes, over the %d the application accepts", BundleManifest, len(env), manifest.MaxEnvelopeSize)
	}
	sum := sha256.Sum256(env)
	origins := opts.Origins
	if len(origins) == 0 {
		origins = DefaultOrigins
	}
	h := &handler{
		bundle:       bundle,
		manifest:     env,
		manifestETag: `"` + hex.EncodeToString(sum[:16]) + `"`,
		origins:      origins,
		anyOrigin:    slices.Contains(origins, "*"),
	}
	return h, nil
}

// ParseOrigins splits a comma- or space-separated list of origins, as found
// in a flag or an environment variable, dropping empty items and trailing
// slashes.
func ParseOrigins(s string) []string {
	var out []string
	for _, o := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		if o = strings.TrimRight(o, "/"); o != "" {
			out = append(out, o)
		}
	}
	return out
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Add("Vary", "Origin")
	hdr.Set("X-Content-Type-Options", "nosniff")
	origin := r.Header.Get("Origin")
	allowed := origin != "" && h.allowed(origin)
	if allowed {
		hdr.Set("Access-Control-Allow-Origin", origin)
		hdr.Set("Access-Control-Expose-Headers", "ETag, Content-Length, Content-Range, Accept-Ranges")
	}

	route, sha := h.route(r.URL.Path)
	if route == routeNone {
		writeError(w, http.StatusNotFound, "not_found",
			fmt.Sprintf("Adresse inconnue : %s. Ce service ne sert que %s et %s<empreinte SHA-256>.", r.URL.Path, ManifestPath, FilesPrefix))
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodOptions:
		h.preflight(w, r, origin, allowed)
		return
	default:
		hdr.Set("Allow", "GET, HEAD, OPTIONS")
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed",
			fmt.Sprintf("Méthode %s non autorisée : ce service n'accepte que GET, HEAD et OPTIONS.", r.Method))
		return
	}

	switch route {
	case routeManifest:
		hdr.Set("Content-Type", "application/json; charset=utf-8")
		hdr.Set("Cache-Control", ManifestCacheControl)
		hdr.Set("ETag", h.manifestETag)
		serve(w, r, bytes.NewReader(h.manifest))
	case routeBadHash:
		writeError(w, http.StatusNotFound, "invalid_hash",
			"Empreinte invalide : l'adresse d'un fichier se termine par son SHA-256, soit 64 caractères hexadécimaux minuscules.")
	case routeFile:
		content, err := h.open(sha)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				writeError(w, http.StatusNotFound, "file_not_found",
					"Aucun fichier de contenu ne correspond à cette empreinte : il n'est pas (ou plus) publié.")
				return
			}
			writeError(w, http.StatusInternalServerError, "internal",
				"Le fichier existe mais n'a pas pu être lu. Réessayez plus tard.")
			return
		}
		hdr.Set("Content-Type", "application/octet-stream")
		hdr.Set("Cache-Control", FileCacheControl)
		hdr.Set("ETag", `"`+sha+`"`)
		serve(w, r, content)
	}
}

type route int

const (
	routeNone route = iota
	routeManifest
	routeFile
	routeBadHash
)

func (h *handler) route(p string) (route, string) {
	switch {
	case p == ManifestPath:
		return routeManifest, ""
	case strings.HasPrefix(p, FilesPrefix):
		sha := strings.TrimPrefix(p, FilesPrefix)
		if !manifest.ValidHash(sha) {
			return routeBadHash, ""
		}
		return routeFile, sha
	}
	return routeNone, ""
}

// open returns the file as an io.ReadSeeker (embed.FS and os.DirFS files
// are seekers; anything else is read into memory).
func (h *handler) open(sha string) (io.ReadSeeker, error) {
	name := BundleFiles + "/" + sha
	f, err := h.bundle.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, fs.ErrNotExist
	}
	if rs, ok := f.(io.ReadSeeker); ok {
		return readSeekCloser{rs, f}, nil
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(data), nil
}

type readSeekCloser struct {
	io.ReadSeeker
	io.Closer
}

// serve lets http.ServeContent handle If-None-Match, Range and HEAD.
//
// A HEAD request is answered as a GET: the headers, Content-Length
// included, are those of the GET, and the runtime drops the body (net/http
// discards it; workerd answers 500 to a HEAD whose body is shorter than
// its Content-Length, so the body must be there for it to drop).
func serve(w http.ResponseWriter, r *http.Request, content io.ReadSeeker) {
	if c, ok := content.(io.Closer); ok {
		defer c.Close()
	}
	if r.Method == http.MethodHead {
		get := r.Clone(r.Context())
		get.Method = http.MethodGet
		r = get
	}
	http.ServeContent(w, r, "", time.Time{}, content)
}

func (h *handler) allowed(origin string) bool {
	return h.anyOrigin || slices.Contains(h.origins, origin)
}

// preflight answers OPTIONS. The application sends If-None-Match (not a
// CORS-safelisted header) and possibly Range, so its fetches are preflighted.
func (h *handler) preflight(w http.ResponseWriter, r *http.Request, origin string, allowed bool) {
	hdr := w.Header()
	hdr.Set("Allow", "GET, HEAD, OPTIONS")
	if origin == "" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	hdr.Add("Vary", "Access-Control-Request-Method")
	hdr.Add("Vary", "Access-Control-Request-Headers")
	if !allowed {
		writeError(w, http.StatusForbidden, "origin_not_allowed",
			fmt.Sprintf("Origine non autorisée : %s. Ce service ne répond qu'aux adresses de l'application Coulisses.", origin))
		return
	}
	hdr.Del("Access-Control-Expose-Headers")
	hdr.Set("Access-Control-Allow-Methods", "GET, HEAD")
	hdr.Set("Access-Control-Allow-Headers", "If-None-Match, Range")
	hdr.Set("Access-Control-Max-Age", "86400")
	w.WriteHeader(http.StatusNoContent)
}

// Error is the JSON body of every error response.
type Error struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	body, _ := json.Marshal(Error{Status: status, Code: code, Message: message})
	body = append(body, '\n')
	hdr := w.Header()
	hdr.Set("Content-Type", "application/json; charset=utf-8")
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	hdr.Set("Cache-Control", "no-store")
	hdr.Del("ETag")
	w.WriteHeader(status)
	w.Write(body)
}
