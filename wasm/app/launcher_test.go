//go:build !wasm

package main

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	ui "coulisses/app"
)

// stripped returns web without the plain twin of every pre-compressed
// file, as wasm/kit.mk stages it for the launchers.
func stripped(t *testing.T, web fs.FS) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, err := fs.Stat(web, p+".gz"); err == nil {
			return nil
		}
		b, err := fs.ReadFile(web, p)
		out[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The launcher serves exactly what `make run` serves, same version, from
// the stripped files.
func TestLauncherServerMatchesServer(t *testing.T) {
	want, err := newServer()
	if err != nil {
		t.Skipf("client not built: %v", err)
	}
	ui.Register()
	loadContent()
	sub, err := fs.Sub(web, "web")
	if err != nil {
		t.Fatal(err)
	}
	small := stripped(t, sub)
	if _, err := fs.Stat(small, "app.wasm"); err == nil {
		t.Fatal("app.wasm should be stripped (app.wasm.gz exists)")
	}
	got, err := newLauncherServer(small)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version() != want.Version() {
		t.Errorf("version %s, want %s: newLauncherServer and newServer differ", got.Version(), want.Version())
	}
	if strings.Join(got.Files(), " ") != strings.Join(want.Files(), " ") {
		t.Errorf("files %v, want %v", got.Files(), want.Files())
	}
	for _, path := range []string{"/", "/fiches", "/app-worker.js", "/app.js", "/manifest.webmanifest", "/web/app.wasm"} {
		a, b := get(t, want, path), get(t, got, path)
		if !strings.HasPrefix(path, "/web/") && !strings.Contains(path, ".") {
			// go-app writes attributes in map order: compare the bytes, not their order.
			a, b = sorted(a), sorted(b)
		}
		if a != b {
			t.Errorf("%s differs between the launcher and the server", path)
		}
	}
}

func get(t *testing.T, h http.Handler, path string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	if rec.Code != 200 {
		t.Errorf("%s: status %d", path, rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func sorted(s string) string {
	b := []byte(s)
	sort.Slice(b, func(i, j int) bool { return b[i] < b[j] })
	return string(b)
}
