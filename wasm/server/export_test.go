//go:build !wasm

package server

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

type essai struct{ app.Compo }

func (e *essai) Render() app.UI {
	return app.Div().Body(app.A().Href("/essai").Text("essai"), app.Img().Src("/web/icons/icon.svg"))
}

func init() {
	app.Route("/", func() app.Composer { return &essai{} })
	app.Route("/essai", func() app.Composer { return &essai{} })
	app.RouteWithRegexp(`^/sous/[a-z]+$`, func() app.Composer { return &essai{} })
}

func testServer(t *testing.T) *Server {
	t.Helper()
	web := fstest.MapFS{
		"app.wasm":           {Data: []byte("\x00asm fake")},
		"app.wasm.gz":        {Data: []byte("gz")},
		"coulisses.css":      {Data: []byte("body{}")},
		"bridge.js":          {Data: []byte("//")},
		"icons/icon.svg":     {Data: []byte("<svg/>")},
		"datasets/jeu.csv":   {Data: []byte("a;b\n1;2\n")},
		".cache":             {Data: []byte("hidden")},
		"icons/icon-192.png": {Data: []byte("png")},
	}
	s, err := New(Config{
		Web:       web,
		Generated: map[string][]byte{"content.bundle": []byte("COULISSES-CONTENU 1\n")},
		Preload:   []string{`<link rel="preload" href="/web/app.wasm" as="fetch" crossorigin="anonymous">`},
		Routes:    []string{"/", "/essai", "/sous/page"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestExport(t *testing.T) {
	s := testServer(t)
	dir := filepath.Join(t.TempDir(), "static")
	ex, err := s.Export(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ex.Pages, " "); got != "essai.html index.html sous/page.html" {
		t.Errorf("pages %q", got)
	}
	for _, f := range []string{"app.js", "app-worker.js", "wasm_exec.js", "manifest.webmanifest",
		"web/app.wasm", "web/app.wasm.gz", "web/content.bundle", "web/content.bundle.gz", "web/icons/icon.svg", "web/datasets/jeu.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s missing: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "web/.cache")); err == nil {
		t.Error("dot files are not exported")
	}
	for _, p := range ex.Pages {
		html := read(t, filepath.Join(dir, p))
		meta := strings.Index(html, `<meta http-equiv="Content-Security-Policy" content="`+MetaContentSecurityPolicy("")+`">`)
		script := strings.Index(html, "<script")
		link := strings.Index(html, "<link")
		if meta < 0 || meta > script || meta > link {
			t.Errorf("%s: the policy must come before scripts and stylesheets (meta %d, script %d, link %d)", p, meta, script, link)
		}
		if strings.Count(html, "Content-Security-Policy") != 1 {
			t.Errorf("%s: one policy only", p)
		}
	}
	if m := read(t, filepath.Join(dir, "manifest.webmanifest")); m != string(WebManifest("")) {
		t.Errorf("our manifest, not go-app's: %s", m)
	}
	sw := read(t, filepath.Join(dir, "app-worker.js"))
	for _, r := range []string{`"/essai"`, `"/sous/page"`, `"/web/datasets/jeu.csv"`, `"/web/content.bundle"`} {
		if !strings.Contains(sw, r) {
			t.Errorf("service worker does not precache %s", r)
		}
	}
	if ex.Files < 15 || ex.Bytes == 0 {
		t.Errorf("files %d bytes %d", ex.Files, ex.Bytes)
	}

	if _, err := s.Export(dir); err == nil || !strings.Contains(err.Error(), "n'est pas vide") {
		t.Errorf("a non-empty directory is refused: %v", err)
	}
}

func TestExportPrefix(t *testing.T) {
	s, err := testServer(t).WithPrefix("/formation/coulisses/")
	if err != nil {
		t.Fatal(err)
	}
	if s.Prefix() != "/formation/coulisses" {
		t.Fatalf("prefix %q", s.Prefix())
	}
	dir := t.TempDir()
	if _, err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	html := read(t, filepath.Join(dir, "essai.html"))
	for _, want := range []string{
		`src="/formation/coulisses/app.js"`,
		`src="/formation/coulisses/wasm_exec.js"`,
		`href="/formation/coulisses/manifest.webmanifest"`,
		`href="/formation/coulisses/web/coulisses.css"`,
		`href="/formation/coulisses/web/app.wasm" as="fetch"`,
		`href="/formation/coulisses/essai"`,
		`src="/formation/coulisses/web/icons/icon.svg"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("essai.html lacks %s", want)
		}
	}
	if regexp.MustCompile(`(src|href)="/(web|app|essai)`).MatchString(html) {
		t.Errorf("a path escapes the prefix: %s", html)
	}
	js := read(t, filepath.Join(dir, "app.js"))
	for _, want := range []string{`"/formation/coulisses/web/app.wasm"`, `"/formation/coulisses/app-worker.js"`, `"GOAPP_ROOT_PREFIX":"/formation/coulisses"`} {
		if !strings.Contains(js, want) {
			t.Errorf("app.js lacks %s", want)
		}
	}
	sw := read(t, filepath.Join(dir, "app-worker.js"))
	for _, want := range []string{`"/formation/coulisses"`, `"/formation/coulisses/essai"`, `"/formation/coulisses/web/app.wasm"`} {
		if !strings.Contains(sw, want) {
			t.Errorf("app-worker.js lacks %s", want)
		}
	}
	if m := read(t, filepath.Join(dir, "manifest.webmanifest")); !strings.Contains(m, `"start_url": "/formation/coulisses/"`) {
		t.Errorf("manifest: %s", m)
	}
}

func TestNormalizePrefix(t *testing.T) {
	for in, want := range map[string]string{"": "", "/": "", "coulisses": "/coulisses", "/a/b/": "/a/b", " /x-1_2.3 ": "/x-1_2.3"} {
		if got, err := NormalizePrefix(in); err != nil || got != want {
			t.Errorf("NormalizePrefix(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"a b", "/../x", "/a//b", `/"x`, "/é", "/.cache"} {
		if _, err := NormalizePrefix(bad); err == nil {
			t.Errorf("NormalizePrefix(%q) must fail", bad)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct{ prefix, in, want string }{
		{"", "", "/"}, {"", "/", "/"}, {"", "/web/a.css", "/web/a.css"}, {"", "/fiches", "/fiches"}, {"", "#x", "#x"},
		{"/p", "", "/p"}, {"/p", "/", "/p"}, {"/p", "/web/a.css", "/p/web/a.css"}, {"/p", "/fiches", "/p/fiches"},
		{"/p", "#x", "#x"}, {"/p", "https://a.b/c", "https://a.b/c"}, {"/p", "//a.b/c", "//a.b/c"}, {"/p", "mailto:a@b", "mailto:a@b"},
	}
	for _, tt := range tests {
		if got := (resources{prefix: tt.prefix}).Resolve(tt.in); got != tt.want {
			t.Errorf("Resolve(%q) under %q = %q, want %q", tt.in, tt.prefix, got, tt.want)
		}
	}
}

func TestSecurityHeadersMatchServeHTTP(t *testing.T) {
	s := testServer(t)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/essai", nil))
	for _, h := range SecurityHeaders("") {
		if got := rec.Header().Get(h[0]); got != h[1] {
			t.Errorf("%s: ServeHTTP sends %q, SecurityHeaders says %q", h[0], got, h[1])
		}
	}
	if strings.Contains(MetaContentSecurityPolicy(""), "frame-ancestors") {
		t.Error("frame-ancestors is ignored in a meta element")
	}
}

func TestHostingDocs(t *testing.T) {
	for _, prefix := range []string{"", "/coulisses"} {
		s, err := testServer(t).WithPrefix(prefix)
		if err != nil {
			t.Fatal(err)
		}
		nginx, err := s.NginxConfig()
		if err != nil {
			t.Fatal(err)
		}
		guide, err := s.HostingGuide()
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range SecurityHeaders("") {
			if !strings.Contains(string(nginx), `add_header `+h[0]+` "`+h[1]+`" always;`) {
				t.Errorf("nginx.conf (%q) lacks %s", prefix, h[0])
			}
			if !strings.Contains(string(guide), h[0]+": "+h[1]) {
				t.Errorf("HEBERGEMENT.md (%q) lacks %s", prefix, h[0])
			}
		}
		for _, want := range []string{"application/wasm", "gzip_static on", "try_files $uri $uri.html " + prefix + "/index.html"} {
			if !strings.Contains(string(nginx), want) {
				t.Errorf("nginx.conf (%q) lacks %s", prefix, want)
			}
		}
		if prefix != "" && !strings.Contains(string(nginx), "location = /coulisses {") {
			t.Errorf("nginx.conf: the bare prefix must be served without a redirect")
		}
		if !strings.Contains(string(guide), "application/wasm") || !strings.Contains(string(guide), "fiches.html") {
			t.Errorf("guide: %s", guide)
		}
	}
}
