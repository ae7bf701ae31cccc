package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"coulisses/worker/manifest"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServesBundleDirectory(t *testing.T) {
	dir := t.TempDir()
	_, priv, _ := ed25519.GenerateKey(nil)
	m, blobs, err := manifest.Build(fstest.MapFS{"glossaire.yaml": {Data: []byte("- slug: a\n")}}, manifest.BuildOptions{Version: 3})
	if err != nil {
		t.Fatal(err)
	}
	env, _ := manifest.Sign(priv, m)
	os.MkdirAll(filepath.Join(dir, "files"), 0o755)
	os.WriteFile(filepath.Join(dir, "manifest.json"), env, 0o644)
	for sha, data := range blobs {
		os.WriteFile(filepath.Join(dir, "files", sha), data, 0o644)
	}

	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var logs syncBuffer
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-bundle", dir, "-origin", "https://a.example,https://b.example"}, &logs, ready)
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", "http://"+addr+"/v1/files/"+m.Files[0].SHA256, nil)
	req.Header.Set("Origin", "https://b.example")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Access-Control-Allow-Origin") != "https://b.example" {
		t.Errorf("status %d, ACAO %q", res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if !strings.Contains(logs.String(), "GET /v1/files/") {
		t.Errorf("request not logged: %s", logs.String())
	}
}

func TestMissingBundle(t *testing.T) {
	err := run(context.Background(), []string{"-bundle", filepath.Join(t.TempDir(), "none")}, &bytes.Buffer{}, nil)
	if err == nil || !strings.Contains(err.Error(), "worker-bundle") {
		t.Errorf("err = %v", err)
	}
}
