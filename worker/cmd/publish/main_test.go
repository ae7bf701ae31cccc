package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coulisses/content"
	"coulisses/worker/manifest"
)

// throwaway test key, derived from a public string.
var testSeed = func() string {
	seed := sha256.Sum256([]byte("coulisses throwaway publish test key"))
	return manifest.EncodePrivateKey(ed25519.NewKeyFromSeed(seed[:]))
}()

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func runOK(t *testing.T, getenv func(string) string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(args, getenv, &out, &errOut); err != nil {
		t.Fatalf("publish %q: %v\n%s", args, err, errOut.String())
	}
	return out.String()
}

func runErr(t *testing.T, getenv func(string) string, args ...string) error {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(args, getenv, &out, &errOut)
	if err == nil {
		t.Fatalf("publish %q succeeded, want an error", args)
	}
	return err
}

// rawPrepare publishes test trees as they are (they are not valid corpora).
func rawPrepare(t *testing.T) {
	prepare = func(f fs.FS) (fs.FS, error) { return f, nil }
	t.Cleanup(func() { prepare = corpusFiles })
}

func TestPublishAndVerify(t *testing.T) {
	rawPrepare(t)
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	out := filepath.Join(dir, "bundle")
	writeTree(t, content, map[string]string{
		"README.md":               "format",
		"content.go":              "package content",
		"glossaire.yaml":          "- slug: opt-in\n",
		"fiches/1.01-premiere.md": "---\nid: \"1.01\"\n---\n",
		"datasets/theatre.csv":    "a;b\n1;2\n",
	})
	key := env(map[string]string{KeyEnv: testSeed})

	got := runOK(t, key, "-content", content, "-out", out, "-version", "100", "-changelog", "Première", "-changelog", "Glossaire")
	if !strings.Contains(got, "published version 100: 3 files") {
		t.Errorf("summary: %q", got)
	}
	pubB64 := strings.TrimSpace(runOK(t, key, "-pubkey"))
	pub, err := manifest.ParsePublicKey(pubB64)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, PublicKeyFile)); strings.TrimSpace(string(data)) != pubB64 {
		t.Errorf("%s = %q, want %q", PublicKeyFile, data, pubB64)
	}
	envelope, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Verify(pub, envelope, 0)
	if err != nil {
		t.Fatal(err)
	}
	if m.Version != 100 || len(m.Changelog) != 2 || len(m.Files) != 3 {
		t.Errorf("manifest: %+v", m)
	}
	if got := runOK(t, nil, "-verify", out, "-public", pubB64); !strings.Contains(got, "OK") {
		t.Errorf("verify: %q", got)
	}

	// A new version must exceed the one served.
	prev := filepath.Join(dir, "served.json")
	if err := os.WriteFile(prev, envelope, 0o644); err != nil {
		t.Fatal(err)
	}
	err = runErr(t, key, "-content", content, "-out", out, "-prev", prev, "-version", "100")
	if !errors.Is(err, manifest.ErrNotNewer) {
		t.Errorf("same version: %v", err)
	}
	writeTree(t, content, map[string]string{"fiches/1.02-seconde.md": "nouvelle", "glossaire.yaml": "- slug: opt-out\n"})
	got = runOK(t, key, "-content", content, "-out", out, "-prev", prev)
	if !strings.Contains(got, "since version 100: 1 added, 1 changed, 0 removed") {
		t.Errorf("diff summary: %q", got)
	}

	// The default version is the current Unix time.
	envelope, _ = os.ReadFile(filepath.Join(out, "manifest.json"))
	if m, err := manifest.Verify(pub, envelope, 1_700_000_000); err != nil || m.Version < 1_700_000_000 {
		t.Errorf("default version: %d, %v", m.Version, err)
	}

	// Verify catches a file altered after publication.
	entries, _ := os.ReadDir(filepath.Join(out, "files"))
	if err := os.WriteFile(filepath.Join(out, "files", entries[0].Name()), []byte("altéré"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runErr(t, nil, "-verify", out); !errors.Is(err, manifest.ErrTruncated) && !errors.Is(err, manifest.ErrTooLarge) && !errors.Is(err, manifest.ErrHashMismatch) {
		t.Errorf("verify after tampering: %v", err)
	}
	// And a bundle checked against another key.
	_, otherPriv, _ := ed25519.GenerateKey(nil)
	if err := runErr(t, nil, "-verify", out, "-public", manifest.EncodePublicKey(otherPriv.Public().(ed25519.PublicKey))); !errors.Is(err, manifest.ErrUnknownKey) {
		t.Errorf("verify with another key: %v", err)
	}
}

func TestRefusesFarFutureVersion(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"content/glossaire.yaml": "x"})
	err := runErr(t, env(map[string]string{KeyEnv: testSeed}), "-content", filepath.Join(dir, "content"), "-out", filepath.Join(dir, "b"), "-version", "99999999999")
	if !strings.Contains(err.Error(), "a year ahead") {
		t.Errorf("err = %v", err)
	}
}

func TestNoKey(t *testing.T) {
	err := runErr(t, env(nil), "-content", t.TempDir(), "-out", filepath.Join(t.TempDir(), "b"))
	if !strings.Contains(err.Error(), KeyEnv) {
		t.Errorf("error does not say how to set the key: %v", err)
	}
	runErr(t, env(map[string]string{KeyEnv: "pas une clé"}), "-pubkey")
}

func TestGenKeyAndKeyFile(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "keys", "signing.key")
	got := runOK(t, nil, "-genkey", "-o", keyFile)
	if !strings.Contains(got, "public key") || !strings.Contains(got, "key id") {
		t.Errorf("genkey output: %q", got)
	}
	st, err := os.Stat(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v", st.Mode().Perm())
	}
	runErr(t, nil, "-genkey", "-o", keyFile) // never overwrites a key
	pub := strings.TrimSpace(runOK(t, env(nil), "-pubkey", "-key", keyFile))
	if !strings.Contains(got, pub) {
		t.Errorf("-pubkey %q not in genkey output %q", pub, got)
	}
	// -key wins over the environment.
	if pub2 := strings.TrimSpace(runOK(t, env(map[string]string{KeyEnv: testSeed}), "-pubkey", "-key", keyFile)); pub2 != pub {
		t.Errorf("-key ignored: %q vs %q", pub2, pub)
	}

	got = runOK(t, nil, "-genkey")
	if !strings.HasPrefix(got, KeyEnv+"=") {
		t.Errorf("genkey without -o: %q", got)
	}
}

func TestRefusesKeyInsideRepo(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	inside := filepath.Join(repo, "worker", "signing.key")
	err := runErr(t, nil, "-genkey", "-o", inside)
	if !strings.Contains(err.Error(), "git work tree") {
		t.Errorf("genkey inside a repo: %v", err)
	}
	writeTree(t, repo, map[string]string{"worker/signing.key": testSeed})
	err = runErr(t, env(nil), "-pubkey", "-key", inside)
	if !strings.Contains(err.Error(), "git work tree") {
		t.Errorf("key file inside a repo: %v", err)
	}
	// Through a symlink from outside, too.
	link := filepath.Join(t.TempDir(), "k")
	if err := os.Symlink(filepath.Join(repo, "worker"), link); err != nil {
		t.Fatal(err)
	}
	runErr(t, env(nil), "-pubkey", "-key", filepath.Join(link, "signing.key"))
}

func TestRefusesForeignOutDir(t *testing.T) {
	rawPrepare(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"content/glossaire.yaml": "x", "out/important.txt": "ne pas effacer"})
	err := runErr(t, env(map[string]string{KeyEnv: testSeed}), "-content", filepath.Join(dir, "content"), "-out", filepath.Join(dir, "out"))
	if !strings.Contains(err.Error(), "important.txt") {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "important.txt")); err != nil {
		t.Error("foreign file removed")
	}
}

// copyTree copies a directory of the repository into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeTree(t, dst, map[string]string{filepath.ToSlash(rel): string(data)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPublishesCorpusAsTheAppReadsIt(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	out := filepath.Join(dir, "bundle")
	copyTree(t, filepath.Join("..", "..", "..", "content", "testdata", "valid"), src)
	writeTree(t, src, map[string]string{
		"README.md":                "format",
		"datasets/theatre.csv":     "date;montant\n01/02/2025;12,50\n",
		"datasets/README.md":       "comment ces jeux sont générés",
		"datasets/gendata_test.go": "package x",
	})
	key := env(map[string]string{KeyEnv: testSeed})
	runOK(t, key, "-content", src, "-out", out, "-version", "10")

	pub, _ := manifest.ParsePublicKey(strings.TrimSpace(runOK(t, key, "-pubkey")))
	envelope, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	m, err := manifest.Verify(pub, envelope, 0)
	if err != nil {
		t.Fatal(err)
	}
	served := func(p string) []byte {
		t.Helper()
		f, ok := m.Lookup(p)
		if !ok {
			t.Fatalf("%s not published", p)
		}
		data, err := os.ReadFile(filepath.Join(out, "files", f.SHA256))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	orig, _ := os.ReadFile(filepath.Join(src, "glossaire.yaml"))
	want, err := content.Normalize("glossaire.yaml", orig)
	if err != nil {
		t.Fatal(err)
	}
	if got := served("glossaire.yaml"); string(got) != string(want) || !json.Valid(got) {
		t.Errorf("glossaire.yaml served as %.80q, want its JSON form", got)
	}
	if got := served("fiches/1.01-premiere-fiche.md"); !strings.HasPrefix(string(got), "---\n{") {
		t.Errorf("fiche front matter not in JSON form: %.80q", got)
	}
	if got := served("datasets/theatre.csv"); string(got) != "date;montant\n01/02/2025;12,50\n" {
		t.Errorf("dataset altered: %q", got)
	}
	for _, p := range []string{"README.md", "datasets/README.md", "datasets/gendata_test.go"} {
		if _, ok := m.Lookup(p); ok {
			t.Errorf("%s published", p)
		}
	}
	// The published files load as a corpus, as the application will.
	files := map[string][]byte{}
	for _, f := range m.Files {
		if manifest.KindOf(f.Path) != manifest.KindDataset {
			files[f.Path] = served(f.Path)
		}
	}
	if _, err := content.Load(content.MemFS(files)); err != nil {
		t.Errorf("published corpus does not load: %v", err)
	}

	// Invalid content is never published, and the bundle stays as it was.
	writeTree(t, src, map[string]string{"quiz/1.01.yaml": "fiche: [ceci n'est pas du YAML valide"})
	err = runErr(t, key, "-content", src, "-out", out, "-version", "11")
	if !strings.Contains(err.Error(), "not valid") {
		t.Errorf("err = %v", err)
	}
	if again, _ := os.ReadFile(filepath.Join(out, "manifest.json")); string(again) != string(envelope) {
		t.Error("bundle changed after a refused publication")
	}
}
