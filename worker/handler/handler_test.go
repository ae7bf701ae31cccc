package handler

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"coulisses/worker/manifest"
)

// testBundle publishes a small content tree with a throwaway key, the way
// worker/cmd/publish does, into an in-memory bundle.
func testBundle(t testing.TB) (fstest.MapFS, manifest.Manifest, ed25519.PublicKey) {
	t.Helper()
	seed := sha256.Sum256([]byte("coulisses throwaway handler test key"))
	priv := ed25519.NewKeyFromSeed(seed[:])
	content := fstest.MapFS{
		"glossaire.yaml":          {Data: []byte("- slug: opt-in\n  term: Opt-in\n")},
		"fiches/1.01-premiere.md": {Data: []byte(strings.Repeat("Le public revient. ", 100))},
		"datasets/theatre.csv":    {Data: []byte("date;montant\n01/02/2025;12,50\n")},
	}
	m, blobs, err := manifest.Build(content, manifest.BuildOptions{Version: 1000, Now: time.Unix(1000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	env, err := manifest.Sign(priv, m)
	if err != nil {
		t.Fatal(err)
	}
	bundle := fstest.MapFS{BundleManifest: {Data: env}}
	for sha, data := range blobs {
		bundle[BundleFiles+"/"+sha] = &fstest.MapFile{Data: data}
	}
	return bundle, m, priv.Public().(ed25519.PublicKey)
}

func newServer(t *testing.T, bundle fstest.MapFS, opts Options) *httptest.Server {
	t.Helper()
	h, err := New(bundle, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

type response struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, srv *httptest.Server, method, path string, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(body)}
}

func wantHeader(t *testing.T, r response, name, want string) {
	t.Helper()
	if got := r.header.Get(name); got != want {
		t.Errorf("%s = %q, want %q", name, got, want)
	}
}

func wantJSONError(t *testing.T, r response, status int, code string) Error {
	t.Helper()
	if r.status != status {
		t.Errorf("status = %d, want %d (body %s)", r.status, status, r.body)
	}
	wantHeader(t, r, "Content-Type", "application/json; charset=utf-8")
	wantHeader(t, r, "Cache-Control", "no-store")
	var e Error
	if err := json.Unmarshal([]byte(r.body), &e); err != nil {
		t.Fatalf("body %q is not JSON: %v", r.body, err)
	}
	if e.Status != status || e.Code != code || e.Message == "" {
		t.Errorf("error body = %+v, want status %d code %q and a message", e, status, code)
	}
	return e
}

func TestManifest(t *testing.T) {
	bundle, m, pub := testBundle(t)
	srv := newServer(t, bundle, Options{})

	r := do(t, srv, "GET", ManifestPath)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	wantHeader(t, r, "Content-Type", "application/json; charset=utf-8")
	wantHeader(t, r, "Cache-Control", ManifestCacheControl)
	wantHeader(t, r, "Vary", "Origin")
	etag := r.header.Get("ETag")
	if !strings.HasPrefix(etag, `"`) || len(etag) != 34 {
		t.Errorf("ETag = %q", etag)
	}
	got, err := manifest.Verify(pub, []byte(r.body), 0)
	if err != nil {
		t.Fatalf("served manifest does not verify: %v", err)
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("served manifest differs")
	}

	r = do(t, srv, "GET", ManifestPath, "If-None-Match", etag)
	if r.status != http.StatusNotModified || r.body != "" {
		t.Errorf("If-None-Match: status %d body %q", r.status, r.body)
	}
	wantHeader(t, r, "ETag", etag)
	wantHeader(t, r, "Cache-Control", ManifestCacheControl)

	r = do(t, srv, "GET", ManifestPath, "If-None-Match", `"autre"`)
	if r.status != 200 {
		t.Errorf("stale If-None-Match: status %d", r.status)
	}
}

func TestFile(t *testing.T) {
	bundle, m, _ := testBundle(t)
	srv := newServer(t, bundle, Options{})
	f, _ := m.Lookup("fiches/1.01-premiere.md")
	path := FilesPrefix + f.SHA256

	r := do(t, srv, "GET", path)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	wantHeader(t, r, "Cache-Control", "public, max-age=31536000, immutable")
	wantHeader(t, r, "ETag", `"`+f.SHA256+`"`)
	wantHeader(t, r, "Content-Type", "application/octet-stream")
	wantHeader(t, r, "X-Content-Type-Options", "nosniff")
	wantHeader(t, r, "Accept-Ranges", "bytes")
	if err := manifest.CheckFile(f, []byte(r.body)); err != nil {
		t.Errorf("served file: %v", err)
	}

	r = do(t, srv, "GET", path, "If-None-Match", `"`+f.SHA256+`"`)
	if r.status != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d", r.status)
	}

	r = do(t, srv, "HEAD", path)
	if r.status != 200 || r.body != "" {
		t.Errorf("HEAD: status %d body %q", r.status, r.body)
	}
	wantHeader(t, r, "Content-Length", "1900")
	wantHeader(t, r, "Cache-Control", FileCacheControl)

	r = do(t, srv, "GET", path, "Range", "bytes=0-9")
	if r.status != http.StatusPartialContent || r.body != "Le public " {
		t.Errorf("Range: status %d body %q", r.status, r.body)
	}
	wantHeader(t, r, "Content-Range", "bytes 0-9/1900")

	r = do(t, srv, "GET", path, "Range", "bytes=5000-")
	if r.status != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("unsatisfiable Range: status %d", r.status)
	}

	r = do(t, srv, "HEAD", ManifestPath)
	if r.status != 200 || r.body != "" || r.header.Get("Content-Length") != strconv.Itoa(len(bundle[BundleManifest].Data)) {
		t.Errorf("HEAD manifest: status %d body %q length %q", r.status, r.body, r.header.Get("Content-Length"))
	}
}

func TestErrors(t *testing.T) {
	bundle, _, _ := testBundle(t)
	// A directory where a file should be is not served.
	dirSHA := strings.Repeat("d", 64)
	bundle[BundleFiles+"/"+dirSHA+"/x"] = &fstest.MapFile{Data: []byte("x")}
	srv := newServer(t, bundle, Options{})

	e := wantJSONError(t, do(t, srv, "GET", FilesPrefix+strings.Repeat("0", 64)), 404, "file_not_found")
	if !strings.Contains(e.Message, "Aucun fichier") {
		t.Errorf("message not in French: %q", e.Message)
	}
	wantJSONError(t, do(t, srv, "GET", FilesPrefix+dirSHA), 404, "file_not_found")
	for _, p := range []string{
		FilesPrefix + strings.Repeat("A", 64),
		FilesPrefix + "abc",
		FilesPrefix,
		FilesPrefix + "../manifest.json",
		FilesPrefix + strings.Repeat("0", 64) + "/x",
	} {
		wantJSONError(t, do(t, srv, "GET", p), 404, "invalid_hash")
	}
	for _, p := range []string{"/", "/v1/", "/v1/files", "/manifest.json", "/v2/manifest.json"} {
		e := wantJSONError(t, do(t, srv, "GET", p), 404, "not_found")
		if !strings.Contains(e.Message, "Adresse inconnue") {
			t.Errorf("%s: message %q", p, e.Message)
		}
	}
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		r := do(t, srv, method, ManifestPath)
		e := wantJSONError(t, r, 405, "method_not_allowed")
		wantHeader(t, r, "Allow", "GET, HEAD, OPTIONS")
		if !strings.Contains(e.Message, method) {
			t.Errorf("405 message %q does not name %s", e.Message, method)
		}
	}
	r := do(t, srv, "HEAD", FilesPrefix+strings.Repeat("0", 64))
	if r.status != 404 || r.body != "" {
		t.Errorf("HEAD missing: status %d body %q", r.status, r.body)
	}
}

func TestCORS(t *testing.T) {
	bundle, _, _ := testBundle(t)
	app := "https://coulisses.example"
	srv := newServer(t, bundle, Options{Origins: []string{app, "http://127.0.0.1:8080"}})

	r := do(t, srv, "GET", ManifestPath, "Origin", app)
	wantHeader(t, r, "Access-Control-Allow-Origin", app)
	wantHeader(t, r, "Vary", "Origin")
	if !strings.Contains(r.header.Get("Access-Control-Expose-Headers"), "ETag") {
		t.Errorf("ETag not exposed: %q", r.header.Get("Access-Control-Expose-Headers"))
	}

	r = do(t, srv, "GET", ManifestPath, "Origin", "https://evil.example")
	if r.status != 200 || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("foreign origin: status %d ACAO %q", r.status, r.header.Get("Access-Control-Allow-Origin"))
	}
	wantHeader(t, r, "Vary", "Origin")

	// Errors carry CORS headers too, so the application can read them.
	r = do(t, srv, "GET", FilesPrefix+strings.Repeat("0", 64), "Origin", app)
	wantHeader(t, r, "Access-Control-Allow-Origin", app)

	r = do(t, srv, "OPTIONS", ManifestPath, "Origin", app, "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match")
	if r.status != http.StatusNoContent {
		t.Errorf("preflight: status %d", r.status)
	}
	wantHeader(t, r, "Access-Control-Allow-Origin", app)
	wantHeader(t, r, "Access-Control-Allow-Methods", "GET, HEAD")
	wantHeader(t, r, "Access-Control-Allow-Headers", "If-None-Match, Range")
	wantHeader(t, r, "Access-Control-Max-Age", "86400")

	r = do(t, srv, "OPTIONS", ManifestPath, "Origin", "https://evil.example", "Access-Control-Request-Method", "GET")
	wantJSONError(t, r, http.StatusForbidden, "origin_not_allowed")
	if r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("foreign preflight allowed")
	}

	r = do(t, srv, "OPTIONS", ManifestPath)
	if r.status != http.StatusNoContent {
		t.Errorf("OPTIONS without Origin: status %d", r.status)
	}
	wantHeader(t, r, "Allow", "GET, HEAD, OPTIONS")

	def := newServer(t, bundle, Options{})
	r = do(t, def, "GET", ManifestPath, "Origin", "http://127.0.0.1:8080")
	wantHeader(t, r, "Access-Control-Allow-Origin", "http://127.0.0.1:8080")
	r = do(t, def, "GET", ManifestPath, "Origin", "http://localhost:8080")
	wantHeader(t, r, "Access-Control-Allow-Origin", "")

	any := newServer(t, bundle, Options{Origins: []string{"*"}})
	r = do(t, any, "GET", ManifestPath, "Origin", "https://musee.example")
	wantHeader(t, r, "Access-Control-Allow-Origin", "https://musee.example")
}

func TestNewNeedsManifest(t *testing.T) {
	if _, err := New(fstest.MapFS{}, Options{}); err == nil {
		t.Error("bundle without manifest accepted")
	}
	big := fstest.MapFS{BundleManifest: {Data: make([]byte, manifest.MaxEnvelopeSize+1)}}
	if _, err := New(big, Options{}); err == nil {
		t.Error("oversized manifest accepted")
	}
}

// TestDirBundle serves a bundle from disk, as worker/cmd/local does.
func TestDirBundle(t *testing.T) {
	bundle, m, _ := testBundle(t)
	dir := t.TempDir()
	for name, f := range bundle {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h, err := New(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	f := m.Files[0]
	r := do(t, srv, "GET", FilesPrefix+f.SHA256, "Range", "bytes=1-")
	if r.status != http.StatusPartialContent || int64(len(r.body)) != f.Size-1 {
		t.Errorf("status %d, %d bytes", r.status, len(r.body))
	}
}

func TestParseOrigins(t *testing.T) {
	got := ParseOrigins(" https://a.example/, http://127.0.0.1:8080 ,,\thttps://b.example ")
	want := []string{"https://a.example", "http://127.0.0.1:8080", "https://b.example"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseOrigins = %q, want %q", got, want)
	}
	if ParseOrigins("  ") != nil {
		t.Error("blank list is not nil")
	}
}

// BenchmarkManifest measures a conditional manifest request, the most
// frequent one (every online start of every installed copy).
func BenchmarkManifest(b *testing.B) {
	bundle, _, _ := testBundle(b)
	h, err := New(bundle, Options{})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest("GET", ManifestPath, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	req.Header.Set("If-None-Match", rec.Header().Get("ETag"))
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified {
			b.Fatal(rec.Code)
		}
	}
}
