//go:build !wasm

package update

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"coulisses/app/learn"
	"coulisses/content"
	"coulisses/worker/manifest"
)

// Throwaway keys: the publisher's and a stranger's.
var (
	priv      = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	pub       = priv.Public().(ed25519.PublicKey)
	otherPriv = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
)

const (
	origin   = "https://contenu.example"
	v1       = int64(1_790_000_000)
	v2       = v1 + 100
	v3       = v1 + 200
	fiche    = "fiches/4.02-indicateurs-cles.md"
	quiz     = "quiz/4.02.yaml"
	addition = "\n\nPhrase ajoutée par la mise à jour de test.\n"
)

// shipped returns the bundle the app ships and its files.
func shipped(t *testing.T) ([]byte, content.MemFS) {
	t.Helper()
	bundle, err := content.Bundle(content.Files)
	if err != nil {
		t.Fatal(err)
	}
	files, err := content.NormalizedFiles(content.Files)
	if err != nil {
		t.Fatal(err)
	}
	return bundle, content.MemFS(files)
}

// memStore is a Store in memory, with failures on demand.
type memStore struct {
	mu      sync.Mutex
	m       map[string]string
	failPut func(key string) error
	failGet error
	failDel bool
}

func newStore() *memStore { return &memStore{m: map[string]string{}} }

func (s *memStore) Get(k string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failGet != nil {
		return "", false, s.failGet
	}
	v, ok := s.m[k]
	return v, ok, nil
}

func (s *memStore) Put(k, v string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failPut != nil {
		if err := s.failPut(k); err != nil {
			return err
		}
	}
	s.m[k] = v
	return nil
}

func (s *memStore) Delete(k string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failDel {
		return errors.New("delete refused")
	}
	delete(s.m, k)
	return nil
}

func (s *memStore) Keys() ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.m)), nil
}

func (s *memStore) fileKeys() []string {
	keys, _ := s.Keys()
	var out []string
	for _, k := range keys {
		if strings.HasPrefix(k, KeyFilesPrefix) {
			out = append(out, k)
		}
	}
	return out
}

// worker is a fake update worker: a signed envelope and its files.
type worker struct {
	mu       sync.Mutex
	envelope []byte
	etag     string
	blobs    map[string][]byte
	status   int   // if set, every answer has this status
	offline  bool  // every request fails
	failFile error // file downloads fail
	requests []string
	bytes    int64
}

func (w *worker) Get(url, etag string, max int64) (Response, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.requests = append(w.requests, strings.TrimPrefix(url, origin))
	if w.offline {
		return Response{}, errors.New("TypeError: Failed to fetch")
	}
	if w.status != 0 {
		return Response{Status: w.status, Body: []byte(`{"status":500,"code":"internal"}`)}, nil
	}
	var body []byte
	switch {
	case url == origin+ManifestPath:
		if etag != "" && etag == w.etag {
			return Response{Status: 304, ETag: w.etag}, nil
		}
		body = w.envelope
	case strings.HasPrefix(url, origin+FilesPath):
		if w.failFile != nil {
			return Response{}, w.failFile
		}
		b, ok := w.blobs[strings.TrimPrefix(url, origin+FilesPath)]
		if !ok {
			return Response{Status: 404}, nil
		}
		body = b
	default:
		return Response{Status: 404}, nil
	}
	if int64(len(body)) > max+1 {
		body = body[:max+1]
	}
	w.bytes += int64(len(body))
	return Response{Status: 200, ETag: w.etag, Body: body}, nil
}

func (w *worker) fileRequests() int {
	n := 0
	for _, r := range w.requests {
		if strings.HasPrefix(r, FilesPath) {
			n++
		}
	}
	return n
}

// publish makes w serve files as version v, signed with key.
func (w *worker) publish(t *testing.T, key ed25519.PrivateKey, files content.MemFS, v int64, changelog ...string) manifest.Manifest {
	t.Helper()
	m, blobs, err := manifest.Build(files, manifest.BuildOptions{Version: v, Changelog: changelog,
		Now: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	env, err := manifest.Sign(key, m)
	if err != nil {
		t.Fatal(err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.envelope, w.blobs, w.etag = env, blobs, fmt.Sprintf(`"%d"`, v)
	w.requests, w.bytes = nil, 0
	return m
}

// clock is a settable time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

type fixture struct {
	t      *testing.T
	bundle []byte
	files  content.MemFS
	store  *memStore
	w      *worker
	clock  *clock
	cfg    Config
}

func newFixture(t *testing.T) *fixture {
	bundle, files := shipped(t)
	return &fixture{t: t, bundle: bundle, files: files, store: newStore(), w: &worker{},
		clock: &clock{time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)},
		cfg:   Config{Origin: origin + "/", PublicKey: pub, AppVersion: "app-1"}}
}

// open starts the app: a new Updater over the same store.
func (f *fixture) open() (*Updater, *content.Corpus) {
	f.t.Helper()
	u := New(f.cfg, f.store, f.w, f.bundle, f.clock.now)
	c, err := u.Open()
	if err != nil {
		f.t.Fatal(err)
	}
	return u, c
}

// edit returns a copy of files with path's bytes changed by fn.
func edit(files content.MemFS, path string, fn func(string) string) content.MemFS {
	out := maps.Clone(files)
	out[path] = []byte(fn(string(files[path])))
	return out
}

func ficheBody(c *content.Corpus, id string) string { return c.Fiche(id).Body }

func journalKinds(u *Updater) []string {
	var kinds []string
	for _, e := range u.Status().Journal {
		kinds = append(kinds, e.Kind)
	}
	return kinds
}

func TestParseBundleMatchesTheShippedContent(t *testing.T) {
	bundle, files := shipped(t)
	got, err := ParseBundle(bundle)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(files) {
		t.Fatalf("%d files, want %d", len(got), len(files))
	}
	for p, b := range files {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s differs", p)
		}
	}
	// The hashes the app computes are the ones the publisher signs:
	// nothing is downloaded when the content did not change.
	m, _, err := manifest.Build(files, manifest.BuildOptions{Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	if d := Describe(got); !slices.Equal(d.Files, m.Files) {
		t.Error("Describe differs from manifest.Build over the same files")
	}
	if !bytes.Equal(encodeBundle(got), bundle) {
		t.Error("encodeBundle does not write what content.Bundle writes")
	}
	for _, bad := range []string{"", "COULISSES-CONTENU 1\nx\n5\nab\n", "COULISSES-CONTENU 1\n../x\n1\na\n", "autre chose"} {
		if _, err := ParseBundle([]byte(bad)); err == nil {
			t.Errorf("ParseBundle(%q) accepted", bad)
		}
	}
}

func TestStoredValuesRoundTrip(t *testing.T) {
	for name, files := range map[string]content.MemFS{
		"text":   {"a.yaml": []byte(`{"é":"ü"}`)},
		"binary": {"a.yaml": []byte("{}"), "datasets/x.csv": {0xe9, 't', 0xe9, 0xff, '\n'}},
		"empty":  {},
	} {
		v, digest := encodeStored(files)
		if digest != hashHex([]byte(v)) {
			t.Errorf("%s: digest of another value", name)
		}
		if name == "binary" && !strings.HasPrefix(v, base64Prefix) {
			t.Errorf("%s: bytes that are not UTF-8 stored raw", name)
		}
		got, err := decodeStored(v)
		if err != nil || len(got) != len(files) {
			t.Fatalf("%s: %v, %d files", name, err, len(got))
		}
		for p := range files {
			if !bytes.Equal(got[p], files[p]) {
				t.Errorf("%s: %s differs", name, p)
			}
		}
	}
	if _, err := decodeStored("Xsomething"); err == nil {
		t.Error("unknown prefix accepted")
	}
}

func TestSameContentIsAdoptedWithoutDownloads(t *testing.T) {
	f := newFixture(t)
	f.w.publish(t, priv, f.files, v1)
	u, _ := f.open()
	if !u.Due() {
		t.Fatal("first check not due")
	}
	r := u.Check(false)
	if r.Outcome != UpToDate || r.Version != v1 {
		t.Fatalf("outcome %v version %d, want UpToDate %d", r.Outcome, r.Version, v1)
	}
	if n := f.w.fileRequests(); n != 0 {
		t.Errorf("%d files downloaded for unchanged content", n)
	}
	if keys := f.store.fileKeys(); len(keys) != 0 {
		t.Errorf("stored %v for unchanged content", keys)
	}
	// Once a day.
	if r := u.Check(false); r.Outcome != NotDue {
		t.Errorf("second check the same day: %v", r.Outcome)
	}
	f.clock.t = f.clock.t.Add(23 * time.Hour)
	if u.Due() {
		t.Error("due after 23 h")
	}
	f.clock.t = f.clock.t.Add(time.Hour)
	if !u.Due() {
		t.Error("not due after 24 h")
	}
	// A forced check revalidates with the ETag: 304, nothing downloaded.
	f.w.requests, f.w.bytes = nil, 0
	r = u.Check(true)
	if r.Outcome != UpToDate || r.Downloaded != 0 {
		t.Errorf("forced check: %v, %d bytes", r.Outcome, r.Downloaded)
	}
	// A clock set back makes the check due again.
	f.clock.t = f.clock.t.Add(-72 * time.Hour)
	if !u.Due() {
		t.Error("not due with the clock set back")
	}
	// The next start still shows the shipped content, at version v1.
	u2, c := f.open()
	if st := u2.Status(); st.Version != v1 || !st.Shipped || c == nil {
		t.Errorf("after restart: %+v", st)
	}
}

func TestUpdateDownloadsOnlyWhatChangedAndSurvivesRestart(t *testing.T) {
	f := newFixture(t)
	f.w.publish(t, priv, f.files, v1)
	u, c := f.open()
	u.Check(false)
	old := ficheBody(c, "4.02")

	v2files := edit(f.files, fiche, func(s string) string { return s + addition })
	f.w.publish(t, priv, v2files, v2, "Fiche 4.02 : une phrase ajoutée")
	r := u.Check(true)
	if r.Outcome != Applied {
		t.Fatalf("outcome %v, entry %+v", r.Outcome, r.Entry)
	}
	if got := r.Summary.String(); got != "1 fiche modifiée" {
		t.Errorf("summary %q", got)
	}
	if !slices.Equal(r.Changelog, []string{"Fiche 4.02 : une phrase ajoutée"}) {
		t.Errorf("changelog %q", r.Changelog)
	}
	if !strings.Contains(ficheBody(r.Corpus, "4.02"), "Phrase ajoutée") {
		t.Error("new corpus lacks the change")
	}
	// Manifest + one file, nothing else.
	if got := f.w.requests; len(got) != 2 || got[0] != ManifestPath {
		t.Errorf("requests %v, want the manifest and one file", got)
	}
	if r.Downloaded != f.w.bytes || r.Downloaded > int64(len(f.w.envelope))+int64(len(v2files[fiche])) {
		t.Errorf("downloaded %d bytes", r.Downloaded)
	}
	t.Logf("one-fiche update: %d bytes (manifest %d + fiche %d)", r.Downloaded, len(f.w.envelope), len(v2files[fiche]))
	st := u.Status()
	if st.Version != v2 || st.Shipped || st.Last == nil || st.Last.Summary.Fiches.Changed != 1 {
		t.Errorf("status %+v", st)
	}
	if keys := f.store.fileKeys(); !slices.Equal(keys, []string{KeyFilesPrefix + fmt.Sprint(v2)}) {
		t.Errorf("stored versions %v", keys)
	}

	// A restart shows v2, offline.
	f.w.offline = true
	u2, c2 := f.open()
	if !strings.Contains(ficheBody(c2, "4.02"), "Phrase ajoutée") || ficheBody(c2, "4.02") == old {
		t.Error("v2 not shown after restart")
	}
	if u2.Status().Version != v2 {
		t.Errorf("version after restart %d", u2.Status().Version)
	}
	// Offline: nothing changes, nothing refused.
	r = u2.Check(true)
	if r.Outcome != Offline || r.Entry.Level != LevelInfo {
		t.Errorf("offline check: %v %+v", r.Outcome, r.Entry)
	}

	// v3 removes what v2 added and changes a quiz: v2's files are
	// garbage-collected once v3 is committed.
	f.w.offline = false
	v3files := edit(f.files, quiz, func(s string) string {
		return strings.Replace(s, "quel est le panier moyen", "quel est le panier moyen par commande", 1)
	})
	f.w.publish(t, priv, v3files, v3)
	r = u2.Check(true)
	if r.Outcome != Applied || r.Summary.String() != "1 fiche modifiée, 1 quiz modifié" {
		t.Fatalf("v3: %v %q %+v", r.Outcome, r.Summary.String(), r.Entry)
	}
	if n := f.w.fileRequests(); n != 1 {
		t.Errorf("v3 downloaded %d files; the fiche is back to shipped bytes the app holds", n)
	}
	if keys := f.store.fileKeys(); !slices.Equal(keys, []string{KeyFilesPrefix + fmt.Sprint(v3)}) {
		t.Errorf("stored versions after v3: %v", keys)
	}
}

// Every rejection leaves the current content in place, says why in the
// journal, and survives a restart.
func TestRejections(t *testing.T) {
	good := func(f *fixture) content.MemFS {
		return edit(f.files, fiche, func(s string) string { return s + addition })
	}
	cases := []struct {
		name    string
		setup   func(t *testing.T, f *fixture)
		outcome Outcome
		kind    string
		level   string
		due     bool // retried at the next start
	}{
		{"bad signature", func(t *testing.T, f *fixture) {
			f.w.publish(t, priv, good(f), v2)
			var env map[string]any
			json.Unmarshal(f.w.envelope, &env)
			sig, _ := base64.StdEncoding.DecodeString(env["signature"].(string))
			sig[0] ^= 1
			env["signature"] = base64.StdEncoding.EncodeToString(sig)
			f.w.envelope, _ = json.Marshal(env)
		}, Rejected, KindSignature, LevelRejected, false},
		{"unknown key", func(t *testing.T, f *fixture) { f.w.publish(t, otherPriv, good(f), v2) }, Rejected, KindKey, LevelRejected, false},
		{"future schema", func(t *testing.T, f *fixture) {
			payload := []byte(fmt.Sprintf(`{"schema":2,"version":%d,"created":"2026-11-27T08:00:00Z","files":[],"nouveau":true}`, v2))
			sig := ed25519.Sign(priv, append([]byte(manifest.SignatureContext), payload...))
			f.w.envelope, _ = json.Marshal(manifest.Envelope{Payload: payload, Signature: sig, Key: manifest.KeyID(pub)})
		}, Rejected, KindSchema, LevelRejected, false},
		// Older than the shipped content: refused, logged as ignored (see
		// TestReplayAfterAnUpdateIsRefused for a replay after an update).
		{"manifest older than the shipped content", func(t *testing.T, f *fixture) { f.w.publish(t, priv, good(f), v1-50) }, Rejected, KindIgnored, LevelInfo, false},
		{"manifest of the shipped version", func(t *testing.T, f *fixture) { f.w.publish(t, priv, good(f), v1) }, UpToDate, "", "", false},
		{"server error", func(t *testing.T, f *fixture) { f.w.publish(t, priv, good(f), v2); f.w.status = 500 }, Failed, KindServer, LevelFailed, true},
		{"wrong hash", func(t *testing.T, f *fixture) {
			m := f.w.publish(t, priv, good(f), v2)
			e, _ := m.Lookup(fiche)
			b := bytes.Clone(f.w.blobs[e.SHA256])
			b[len(b)-5] ^= 1
			f.w.blobs[e.SHA256] = b
		}, Rejected, KindHash, LevelRejected, false},
		{"truncated file", func(t *testing.T, f *fixture) {
			m := f.w.publish(t, priv, good(f), v2)
			e, _ := m.Lookup(fiche)
			f.w.blobs[e.SHA256] = f.w.blobs[e.SHA256][:e.Size/2]
		}, Failed, KindTruncated, LevelFailed, true},
		{"file longer than announced", func(t *testing.T, f *fixture) {
			m := f.w.publish(t, priv, good(f), v2)
			e, _ := m.Lookup(fiche)
			f.w.blobs[e.SHA256] = append(bytes.Clone(f.w.blobs[e.SHA256]), strings.Repeat("x", 1000)...)
		}, Rejected, KindTooLarge, LevelRejected, false},
		{"file missing on the server", func(t *testing.T, f *fixture) {
			m := f.w.publish(t, priv, good(f), v2)
			e, _ := m.Lookup(fiche)
			delete(f.w.blobs, e.SHA256)
		}, Failed, KindServer, LevelFailed, true},
		{"download cut", func(t *testing.T, f *fixture) {
			f.w.publish(t, priv, good(f), v2)
			f.w.failFile = errors.New("network error")
		}, Failed, KindUnreachable, LevelFailed, true},
		{"content that fails validation", func(t *testing.T, f *fixture) {
			bad := edit(f.files, fiche, func(s string) string { return strings.Replace(s, `"level":"decouverte"`, `"level":"expert"`, 1) })
			if bytes.Equal(bad[fiche], f.files[fiche]) {
				t.Fatal("edit did not apply")
			}
			f.w.publish(t, priv, bad, v2)
		}, Rejected, KindContent, LevelRejected, false},
		{"missing required file", func(t *testing.T, f *fixture) {
			bad := maps.Clone(f.files)
			delete(bad, "chapitres.yaml")
			f.w.publish(t, priv, bad, v2)
		}, Rejected, KindContent, LevelRejected, false},
		{"malformed envelope", func(t *testing.T, f *fixture) {
			f.w.publish(t, priv, good(f), v2)
			f.w.envelope = []byte(`<html>portail captif</html>`)
		}, Rejected, KindMalformed, LevelRejected, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.cfg.ShippedVersion = v1
			u, before := f.open()
			tc.setup(t, f)
			r := u.Check(false)
			if r.Outcome != tc.outcome {
				t.Fatalf("outcome %v, want %v (entry %+v)", r.Outcome, tc.outcome, r.Entry)
			}
			if tc.kind == "" {
				if r.Entry != nil || len(journalKinds(u)) != 0 {
					t.Errorf("journal entry for an up-to-date check: %+v", r.Entry)
				}
				return
			}
			if r.Entry == nil || r.Entry.Kind != tc.kind || r.Entry.Level != tc.level || r.Entry.Message == "" {
				t.Fatalf("entry %+v, want kind %s level %s", r.Entry, tc.kind, tc.level)
			}
			t.Logf("journal: [%s] %s (%s)", r.Entry.Kind, r.Entry.Message, r.Entry.Detail)
			if u.Due() != tc.due {
				t.Errorf("due after the check: %v, want %v", u.Due(), tc.due)
			}
			if keys := f.store.fileKeys(); len(keys) != 0 {
				t.Errorf("something stored: %v", keys)
			}
			if st := u.Status(); st.Version != v1 || !st.Shipped {
				t.Errorf("status changed: %+v", st)
			}
			// After a restart: the same content, the journal kept.
			u2, after := f.open()
			if ficheBody(after, "4.02") != ficheBody(before, "4.02") {
				t.Error("content changed")
			}
			if kinds := journalKinds(u2); len(kinds) != 1 || kinds[0] != tc.kind {
				t.Errorf("journal after restart: %v", kinds)
			}
		})
	}
}

func TestReplayAfterAnUpdateIsRefused(t *testing.T) {
	f := newFixture(t)
	u, _ := f.open()
	v2files := edit(f.files, fiche, func(s string) string { return s + addition })
	f.w.publish(t, priv, v2files, v2)
	if r := u.Check(false); r.Outcome != Applied {
		t.Fatalf("%v %+v", r.Outcome, r.Entry)
	}
	// The server (or someone between) serves the older v1 again.
	f.w.publish(t, priv, f.files, v1)
	r := u.Check(true)
	if r.Outcome != Rejected || r.Entry.Kind != KindReplay || r.Entry.Version != v1 {
		t.Fatalf("%v %+v", r.Outcome, r.Entry)
	}
	if !strings.Contains(r.Entry.Message, fmt.Sprint(v2)) {
		t.Errorf("message %q does not name the current version", r.Entry.Message)
	}
	_, c := f.open()
	if !strings.Contains(ficheBody(c, "4.02"), "Phrase ajoutée") {
		t.Error("v2 lost")
	}
}

func TestOlderThanShippedIsIgnoredQuietly(t *testing.T) {
	f := newFixture(t)
	f.cfg.ShippedVersion = v2
	u, _ := f.open()
	f.w.publish(t, priv, f.files, v1)
	r := u.Check(false)
	if r.Outcome != Rejected || r.Entry.Kind != KindIgnored || r.Entry.Level != LevelInfo {
		t.Fatalf("%v %+v", r.Outcome, r.Entry)
	}
	// A day later, the same again: one journal line, counted twice.
	f.clock.t = f.clock.t.Add(25 * time.Hour)
	u.Check(false)
	j := u.Status().Journal
	if len(j) != 1 || j[0].Times() != 2 {
		t.Errorf("journal %+v", j)
	}
}

func TestCommitIsAtomic(t *testing.T) {
	f := newFixture(t)
	u, _ := f.open()
	v2files := edit(f.files, fiche, func(s string) string { return s + addition })
	f.w.publish(t, priv, v2files, v2)

	// Storage full for the files: nothing changes.
	f.store.failPut = func(k string) error {
		if strings.HasPrefix(k, KeyFilesPrefix) {
			return errors.New("QuotaExceededError")
		}
		return nil
	}
	r := u.Check(false)
	if r.Outcome != Failed || r.Entry.Kind != KindStorage {
		t.Fatalf("%v %+v", r.Outcome, r.Entry)
	}
	if st := u.Status(); !st.Shipped || len(f.store.fileKeys()) != 0 {
		t.Errorf("after a failed files put: %+v %v", st, f.store.fileKeys())
	}

	// The files are written, then the pointer cannot be (a crash between
	// the two puts, as far as the store can tell): the old pointer stays,
	// the orphan cannot even be deleted.
	f.store.failPut = func(k string) error {
		if k == KeyState {
			return errors.New("tab closed")
		}
		return nil
	}
	f.store.failDel = true
	r = u.Check(true)
	if r.Outcome != Failed || r.Entry.Kind != KindStorage {
		t.Fatalf("%v %+v", r.Outcome, r.Entry)
	}
	f.store.failPut, f.store.failDel = nil, false
	if len(f.store.fileKeys()) != 1 {
		t.Fatalf("orphan not there to test: %v", f.store.fileKeys())
	}
	u2, c := f.open()
	if strings.Contains(ficheBody(c, "4.02"), "Phrase ajoutée") || !u2.Status().Shipped {
		t.Error("half-committed update shown")
	}
	// The next check applies it and leaves only the committed version.
	f.w.publish(t, priv, v2files, v3)
	if r := u2.Check(false); r.Outcome != Applied {
		t.Fatalf("%v %+v", r.Outcome, r.Entry)
	}
	if keys := f.store.fileKeys(); !slices.Equal(keys, []string{KeyFilesPrefix + fmt.Sprint(v3)}) {
		t.Errorf("stored versions %v", keys)
	}
}

func TestInterruptedDownloadIsRetried(t *testing.T) {
	f := newFixture(t)
	u, _ := f.open()
	v2files := edit(f.files, fiche, func(s string) string { return s + addition })
	v2files = edit(v2files, quiz, func(s string) string { return strings.Replace(s, "panier moyen", "panier moyen (TTC)", 1) })
	f.w.publish(t, priv, v2files, v2)
	f.w.failFile = errors.New("net::ERR_INTERNET_DISCONNECTED")
	if r := u.Check(false); r.Outcome != Failed {
		t.Fatalf("%v", r.Outcome)
	}
	if !u.Due() {
		t.Fatal("not retried")
	}
	f.w.failFile = nil
	u2, _ := f.open() // next start
	if r := u2.Check(false); r.Outcome != Applied || r.Summary.String() != "1 fiche modifiée, 1 quiz modifié" {
		t.Fatalf("%v %q", r.Outcome, r.Summary)
	}
}

func TestStoredUpdateChecksAtStart(t *testing.T) {
	apply := func(t *testing.T) *fixture {
		f := newFixture(t)
		u, _ := f.open()
		f.w.publish(t, priv, edit(f.files, fiche, func(s string) string { return s + addition }), v2)
		if r := u.Check(false); r.Outcome != Applied {
			t.Fatalf("%v %+v", r.Outcome, r.Entry)
		}
		return f
	}
	shows := func(c *content.Corpus) bool { return strings.Contains(ficheBody(c, "4.02"), "Phrase ajoutée") }

	t.Run("damaged on the device", func(t *testing.T) {
		f := apply(t)
		k := KeyFilesPrefix + fmt.Sprint(v2)
		f.store.m[k] = strings.Replace(f.store.m[k], "Phrase ajoutée", "Phrase modifiée", 1)
		u, c := f.open()
		if shows(c) || !u.Status().Shipped || !u.Due() {
			t.Error("damaged update shown, or not fetched again")
		}
		if j := u.Status().Journal; j[0].Kind != KindStored {
			t.Errorf("journal %+v", j[0])
		}
		if len(f.store.fileKeys()) != 0 {
			t.Error("damaged update kept")
		}
	})
	t.Run("missing on the device", func(t *testing.T) {
		f := apply(t)
		delete(f.store.m, KeyFilesPrefix+fmt.Sprint(v2))
		u, c := f.open()
		if shows(c) || u.Status().Journal[0].Kind != KindStored {
			t.Error("missing update not reported")
		}
	})
	t.Run("storage unavailable", func(t *testing.T) {
		f := apply(t)
		f.store.failGet = errors.New("IndexedDB indisponible")
		u, c := f.open()
		if shows(c) || !u.Status().Shipped {
			t.Error("update shown without storage")
		}
		f.store.failGet = nil
		if _, c := f.open(); !shows(c) {
			t.Error("update lost after a storage hiccup")
		}
	})
	t.Run("same app: decoded, new app: validated again", func(t *testing.T) {
		f := apply(t)
		if _, c := f.open(); !shows(c) {
			t.Fatal("not shown")
		}
		f.cfg.AppVersion = "app-2"
		if _, c := f.open(); !shows(c) {
			t.Fatal("not shown by the new app")
		}
		var st state
		json.Unmarshal([]byte(f.store.m[KeyState]), &st)
		if st.ValidatedBy != "app-2" {
			t.Errorf("validated by %q", st.ValidatedBy)
		}
	})
	t.Run("app upgraded with newer content", func(t *testing.T) {
		f := apply(t)
		f.bundle = append(bytes.Clone(f.bundle), "zz.yaml\n2\n{}\n"...) // another shipped bundle
		f.cfg.ShippedVersion = v2 + 1
		u, c := f.open()
		if shows(c) || u.Status().Version != v2+1 || u.Status().Journal[0].Kind != KindIgnored {
			t.Errorf("older update kept over newer shipped content: %+v", u.Status())
		}
		if len(f.store.fileKeys()) != 0 {
			t.Error("ignored update not deleted")
		}
	})
	t.Run("app upgraded, shipped version unknown", func(t *testing.T) {
		f := apply(t)
		f.bundle = append(bytes.Clone(f.bundle), "zz.yaml\n2\n{}\n"...)
		u, c := f.open()
		if shows(c) || !u.Due() || u.Status().Journal[0].Kind != KindIgnored {
			t.Error("update kept over unknown shipped content")
		}
		// The next check brings it back, over the new shipped content.
		if r := u.Check(false); r.Outcome != Applied {
			t.Errorf("%v %+v", r.Outcome, r.Entry)
		}
	})
	t.Run("app upgraded with older content", func(t *testing.T) {
		f := apply(t)
		f.bundle = append(bytes.Clone(f.bundle), "zz.yaml\n2\n{}\n"...)
		f.cfg.ShippedVersion = v1
		f.cfg.AppVersion = "app-2"
		u, c := f.open()
		if !shows(c) || u.Status().Version != v2 {
			t.Error("newer update dropped")
		}
	})
}

func TestDisabledWithoutOriginOrKey(t *testing.T) {
	f := newFixture(t)
	f.cfg.Origin = ""
	u, _ := f.open()
	if u.Enabled() || u.Due() || u.Check(true).Outcome != Disabled || len(f.w.requests) != 0 {
		t.Error("no origin: updates should be off")
	}
	f.cfg = Config{Origin: origin}
	u, _ = f.open()
	if u.Enabled() || u.Check(true).Outcome != Disabled {
		t.Error("no key: updates should be off")
	}
}

// Updated Markdown goes through the same renderer: raw HTML is dropped.
func TestUpdateCannotInjectScript(t *testing.T) {
	f := newFixture(t)
	u, _ := f.open()
	evil := "\n\n<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n[lien](javascript:alert(3))\n"
	f.w.publish(t, priv, edit(f.files, fiche, func(s string) string { return s + evil }), v2)
	r := u.Check(false)
	if r.Outcome != Applied {
		// Refused by validation is fine too; shown is not.
		t.Logf("refused: %+v", r.Entry)
		return
	}
	html, err := content.DefaultRenderer().Render([]byte(ficheBody(r.Corpus, "4.02")))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "onerror", "javascript:"} {
		if strings.Contains(html, bad) {
			t.Errorf("rendered update contains %q", bad)
		}
	}
}

func TestQuizResets(t *testing.T) {
	_, files := shipped(t)
	old, err := content.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	s := learn.New()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	res := learn.Result{Correct: 4, Total: 5}
	s.RecordQuiz("4.02", learn.QuizVersion(old.Quizzes["4.02"]), res, now)
	s.MarkRead("4.02", now)
	s.Fiche("4.02").Note = "à garder"
	s.RecordQuiz("1.01", learn.QuizVersion(old.Quizzes["1.01"]), res, now)
	s.RecordQuiz("9.99", "abcd", res, now) // a fiche removed upstream
	s.RecordQuiz("2.01", "", res, now)     // scored before fingerprints

	if ids := QuizResets(s, old); len(ids) != 0 {
		t.Fatalf("resets with unchanged content: %v", ids)
	}
	changed := edit(files, quiz, func(s string) string { return strings.Replace(s, "panier moyen", "panier moyen (TTC)", 1) })
	changed = edit(changed, fiche, func(s string) string { return s + addition }) // the fiche alone does not count
	c, err := content.Load(changed)
	if err != nil {
		t.Fatal(err)
	}
	ids := QuizResets(s, c)
	if !slices.Equal(ids, []string{"4.02"}) {
		t.Fatalf("resets %v, want [4.02]", ids)
	}
	ResetQuizzes(s, c, ids, now)
	fp := s.Peek("4.02")
	if fp.Best != 0 || fp.Attempts != 0 || fp.Quiz != nil || !fp.Read || fp.Note != "à garder" {
		t.Errorf("4.02 after reset: %+v", fp)
	}
	if s.Peek("1.01").Best != 80 || s.Peek("9.99").Best != 80 || s.Peek("2.01").Best != 80 {
		t.Error("other scores touched")
	}
	if len(s.Notices) != 1 || !strings.Contains(s.Notices[0], "4.02 « Les indicateurs clés") || !strings.Contains(s.Notices[0], "80 %") {
		t.Errorf("notices %q", s.Notices)
	}
	if ids := QuizResets(s, c); len(ids) != 0 {
		t.Errorf("reset twice: %v", ids)
	}
	// The state still exports and imports (history of 9.99 included).
	data, _ := s.Export()
	back, err := learn.Import(data)
	if err != nil || back.Peek("9.99").Best != 80 {
		t.Errorf("import after reset: %v", err)
	}
}

func TestSummaryInFrench(t *testing.T) {
	for _, tc := range []struct {
		s    Summary
		want string
	}{
		{Summary{Fiches: Count{Changed: 3, Added: 1}}, "3 fiches modifiées, 1 nouvelle"},
		{Summary{Fiches: Count{Changed: 1}}, "1 fiche modifiée"},
		{Summary{Fiches: Count{Added: 2}}, "2 nouvelles fiches"},
		{Summary{Fiches: Count{Added: 1, Removed: 1}}, "1 nouvelle fiche, 1 retirée"},
		{Summary{Fiches: Count{Removed: 2}}, "2 fiches retirées"},
		{Summary{Quizzes: Count{Changed: 2, Added: 1}}, "2 quiz modifiés, 1 nouveau"},
		{Summary{Quizzes: Count{Added: 2}}, "2 nouveaux quiz"},
		{Summary{Datasets: Count{Added: 1}}, "1 nouveau jeu de données"},
		{Summary{Datasets: Count{Changed: 2}}, "2 jeux de données modifiés"},
		{Summary{Glossary: true, Other: 1}, "glossaire mis à jour, 1 autre fichier mis à jour"},
		{Summary{Other: 2}, "2 autres fichiers mis à jour"},
		{Summary{}, "aucun changement visible"},
	} {
		if got := tc.s.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.s, got, tc.want)
		}
	}
	s := Summarize(manifest.Changes{
		Added:   []string{"fiches/9.01-x.md", "datasets/a.csv"},
		Changed: []string{"fiches/1.01-a.md", "fiches/1.02-b.md", "fiches/1.03-c.md", "quiz/1.01.yaml", "glossaire.yaml", "parcours.yaml"},
		Removed: []string{"quiz/9.99.yaml"},
	})
	if got := s.String(); got != "3 fiches modifiées, 1 nouvelle, 1 quiz modifié, 1 retiré, 1 nouveau jeu de données, glossaire mis à jour, 1 autre fichier mis à jour" {
		t.Errorf("Summarize: %q", got)
	}
}

func TestJournalIsBoundedAndCountsRepeats(t *testing.T) {
	var j journal
	for i := range MaxJournal + 10 {
		j = j.add(Entry{Kind: "k", Message: fmt.Sprint(i)})
	}
	if len(j) != MaxJournal || j[0].Message != "10" {
		t.Errorf("len %d, first %q", len(j), j[0].Message)
	}
	j = j.add(Entry{Kind: "k", Message: "same"})
	j = j.add(Entry{Kind: "k", Message: "same"})
	if len(j) != MaxJournal || j[len(j)-1].Times() != 2 {
		t.Errorf("repeat not counted: %+v", j[len(j)-1])
	}
	if decodeJournal("pas du JSON") != nil {
		t.Error("bad journal decoded")
	}
}
