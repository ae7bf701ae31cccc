package manifest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// testKey is a throwaway key derived from a public string: never use it to
// sign real content.
func testKey(name string) (ed25519.PublicKey, ed25519.PrivateKey) {
	seed := sha256.Sum256([]byte("coulisses throwaway test key: " + name))
	priv := ed25519.NewKeyFromSeed(seed[:])
	return priv.Public().(ed25519.PublicKey), priv
}

// signRaw signs arbitrary payload bytes, bypassing Sign's validation, to
// build hostile but correctly signed envelopes.
func signRaw(priv ed25519.PrivateKey, payload []byte) []byte {
	env := Envelope{
		Payload:   payload,
		Signature: ed25519.Sign(priv, signedMessage(payload)),
		Key:       KeyID(priv.Public().(ed25519.PublicKey)),
	}
	out, err := json.Marshal(env)
	if err != nil {
		panic(err)
	}
	return out
}

var testContent = fstest.MapFS{
	"README.md":                     {Data: []byte("# format\n")},
	"content.go":                    {Data: []byte("package content\n")},
	"content_test.go":               {Data: []byte("package content\n")},
	"chapitres.yaml":                {Data: []byte("- slug: a\n")},
	"glossaire.yaml":                {Data: []byte("- slug: opt-in\n")},
	"fiches/1.01-premiere.md":       {Data: []byte("---\nid: \"1.01\"\n---\nCorps.\n")},
	"fiches/1.02-deuxieme.md":       {Data: []byte("---\nid: \"1.02\"\n---\nAutre.\n")},
	"fiches/_brouillon.md":          {Data: []byte("draft")},
	"fiches/.cache.md":              {Data: []byte("hidden")},
	"quiz/1.01.yaml":                {Data: []byte("fiche: \"1.01\"\n")},
	"datasets/theatre-billets.csv":  {Data: []byte("date;montant\n01/02/2025;12,50\n")},
	"datasets/README.md":            {Data: []byte("how the datasets are generated")},
	"datasets/copie-identique.csv":  {Data: []byte("date;montant\n01/02/2025;12,50\n")},
	"testdata/invalid/fiche.md":     {Data: []byte("fixture")},
	".git/config":                   {Data: []byte("[core]")},
	"notes.txt":                     {Data: []byte("not content")},
	"positionnement.yml":            {Data: []byte("questions: []")},
	"parcours.yaml":                 {Data: []byte("[]")},
	"fiches/images/schema.svg":      {Data: []byte("<svg/>")},
	"quiz/testdata/fixture.yaml":    {Data: []byte("x: 1")},
	"datasets/.DS_Store":            {Data: []byte{0, 1}},
	"fiches/1.03-encore-une.md.bak": {Data: []byte("backup")},
}

var testNow = time.Date(2026, 3, 1, 9, 30, 0, 0, time.FixedZone("Paris", 3600))

func buildTest(t *testing.T, version int64) (Manifest, map[string][]byte) {
	t.Helper()
	m, blobs, err := Build(testContent, BuildOptions{Version: version, Now: testNow, Changelog: []string{"Première publication"}})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return m, blobs
}

func TestBuildSelectsContentFiles(t *testing.T) {
	m, blobs := buildTest(t, 100)
	var got []string
	for _, f := range m.Files {
		got = append(got, f.Path)
	}
	want := []string{
		"chapitres.yaml",
		"datasets/copie-identique.csv",
		"datasets/theatre-billets.csv",
		"fiches/1.01-premiere.md",
		"fiches/1.02-deuxieme.md",
		"glossaire.yaml",
		"parcours.yaml",
		"positionnement.yml",
		"quiz/1.01.yaml",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("files:\n got %q\nwant %q", got, want)
	}
	if m.Schema != SchemaVersion || m.Version != 100 || m.Created != "2026-03-01T08:30:00Z" {
		t.Errorf("header = %d %d %q", m.Schema, m.Version, m.Created)
	}
	// Identical bytes are stored once.
	if len(blobs) != len(want)-1 {
		t.Errorf("%d blobs for %d files with one duplicate", len(blobs), len(want))
	}
	for _, f := range m.Files {
		data, ok := blobs[f.SHA256]
		if !ok {
			t.Fatalf("no blob for %s", f.Path)
		}
		if err := CheckFile(f, data); err != nil {
			t.Errorf("CheckFile(%s): %v", f.Path, err)
		}
	}
}

func TestBuildVersion(t *testing.T) {
	prev, _ := buildTest(t, 100)
	for _, v := range []int64{0, -1} {
		if _, _, err := Build(testContent, BuildOptions{Version: v}); err == nil {
			t.Errorf("version %d accepted", v)
		}
	}
	for _, v := range []int64{99, 100} {
		_, _, err := Build(testContent, BuildOptions{Version: v, Prev: &prev})
		if !errors.Is(err, ErrNotNewer) {
			t.Errorf("version %d after 100: err = %v, want ErrNotNewer", v, err)
		}
	}
	if _, _, err := Build(testContent, BuildOptions{Version: 101, Prev: &prev}); err != nil {
		t.Errorf("version 101 after 100: %v", err)
	}
}

func TestBuildRefusesOversizedFile(t *testing.T) {
	fsys := fstest.MapFS{"datasets/enorme.csv": {Data: make([]byte, MaxFileSize+1)}}
	_, _, err := Build(fsys, BuildOptions{Version: 1})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestSignVerifyRoundTrip(t *testing.T) {
	pub, priv := testKey("main")
	m, _ := buildTest(t, 1772357400)
	env, err := Sign(priv, m)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(env, []byte("}\n")) {
		t.Errorf("envelope does not end with a newline: %q", env[len(env)-5:])
	}
	got, err := Verify(pub, env, 0)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, m)
	}
	if _, err := Verify(pub, env, m.Version-1); err != nil {
		t.Errorf("Verify with an older current version: %v", err)
	}
}

func TestSignRefusesInvalidManifest(t *testing.T) {
	_, priv := testKey("main")
	m, _ := buildTest(t, 5)
	m.Files = append(m.Files, File{Path: "../etc/passwd", Size: 1, SHA256: strings.Repeat("a", 64)})
	if _, err := Sign(priv, m); !errors.Is(err, ErrMalformed) {
		t.Errorf("err = %v, want ErrMalformed", err)
	}
	if _, err := Sign(priv[:10], m); err == nil {
		t.Error("short private key accepted")
	}
}

// payloadJSON returns a valid manifest payload with fields overridden.
func payloadJSON(t *testing.T, edit func(map[string]any)) []byte {
	t.Helper()
	m := map[string]any{
		"schema":  1,
		"version": 42,
		"created": "2026-03-01T08:30:00Z",
		"files": []any{
			map[string]any{"path": "fiches/1.01-premiere.md", "size": 10, "sha256": strings.Repeat("ab", 32)},
		},
	}
	if edit != nil {
		edit(m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func setFile(key string, value any) func(map[string]any) {
	return func(m map[string]any) {
		m["files"].([]any)[0].(map[string]any)[key] = value
	}
}

func TestVerifyRejects(t *testing.T) {
	pub, priv := testKey("main")
	_, otherPriv := testKey("other")
	good := signRaw(priv, payloadJSON(t, nil))
	if _, err := Verify(pub, good, 0); err != nil {
		t.Fatalf("baseline envelope rejected: %v", err)
	}

	tamperedPayload := func() []byte {
		env, _ := ParseEnvelope(good)
		env.Payload = bytes.Replace(env.Payload, []byte(`"version":42`), []byte(`"version":43`), 1)
		b, _ := json.Marshal(env)
		return b
	}()
	tamperedSig := func() []byte {
		env, _ := ParseEnvelope(good)
		env.Signature[0] ^= 1
		b, _ := json.Marshal(env)
		return b
	}()
	otherKeySameID := func() []byte {
		// Signed by another key but claiming ours: only the signature check
		// can catch it.
		p := payloadJSON(t, nil)
		env := Envelope{Payload: p, Signature: ed25519.Sign(otherPriv, signedMessage(p)), Key: KeyID(pub)}
		b, _ := json.Marshal(env)
		return b
	}()
	noContext := func() []byte {
		p := payloadJSON(t, nil)
		env := Envelope{Payload: p, Signature: ed25519.Sign(priv, p), Key: KeyID(pub)}
		b, _ := json.Marshal(env)
		return b
	}()
	manyFiles := func(m map[string]any) {
		files := make([]any, MaxFiles+1)
		for i := range files {
			files[i] = map[string]any{"path": fmt.Sprintf("f/%d.md", i), "size": 1, "sha256": strings.Repeat("0", 64)}
		}
		m["files"] = files
	}
	bigTotal := func(m map[string]any) {
		var files []any
		for i := 0; i <= MaxTotalSize/MaxFileSize; i++ {
			files = append(files, map[string]any{"path": fmt.Sprintf("datasets/%d.csv", i), "size": MaxFileSize, "sha256": strings.Repeat("0", 64)})
		}
		m["files"] = files
	}
	dupPath := func(m map[string]any) {
		f := m["files"].([]any)[0]
		m["files"] = []any{f, f}
	}

	cases := []struct {
		name     string
		envelope []byte
		current  int64
		want     error
	}{
		{"tampered payload", tamperedPayload, 0, ErrBadSignature},
		{"tampered signature", tamperedSig, 0, ErrBadSignature},
		{"signed by another key", signRaw(otherPriv, payloadJSON(t, nil)), 0, ErrUnknownKey},
		{"another key claiming ours", otherKeySameID, 0, ErrBadSignature},
		{"signature without context", noContext, 0, ErrBadSignature},
		{"replayed older manifest", good, 43, ErrReplay},
		{"same version again", good, 42, ErrUpToDate},
		{"future schema", signRaw(priv, payloadJSON(t, func(m map[string]any) { m["schema"] = 2; m["files"] = "a new shape" })), 0, ErrFutureSchema},
		{"schema zero", signRaw(priv, payloadJSON(t, func(m map[string]any) { m["schema"] = 0 })), 0, ErrMalformed},
		{"no schema", signRaw(priv, payloadJSON(t, func(m map[string]any) { delete(m, "schema") })), 0, ErrMalformed},
		{"file too large", signRaw(priv, payloadJSON(t, setFile("size", MaxFileSize+1))), 0, ErrTooLarge},
		{"negative size", signRaw(priv, payloadJSON(t, setFile("size", -1))), 0, ErrMalformed},
		{"too many files", signRaw(priv, payloadJSON(t, manyFiles)), 0, ErrTooLarge},
		{"total too large", signRaw(priv, payloadJSON(t, bigTotal)), 0, ErrTooLarge},
		{"uppercase hash", signRaw(priv, payloadJSON(t, setFile("sha256", strings.Repeat("AB", 32)))), 0, ErrMalformed},
		{"short hash", signRaw(priv, payloadJSON(t, setFile("sha256", "abcd"))), 0, ErrMalformed},
		{"parent path", signRaw(priv, payloadJSON(t, setFile("path", "../secret.md"))), 0, ErrMalformed},
		{"absolute path", signRaw(priv, payloadJSON(t, setFile("path", "/etc/passwd"))), 0, ErrMalformed},
		{"unclean path", signRaw(priv, payloadJSON(t, setFile("path", "fiches//a.md"))), 0, ErrMalformed},
		{"hidden path", signRaw(priv, payloadJSON(t, setFile("path", "fiches/.a.md"))), 0, ErrMalformed},
		{"backslash path", signRaw(priv, payloadJSON(t, setFile("path", `fiches\a.md`))), 0, ErrMalformed},
		{"control char path", signRaw(priv, payloadJSON(t, setFile("path", "a\nb.md"))), 0, ErrMalformed},
		{"duplicate path", signRaw(priv, payloadJSON(t, dupPath)), 0, ErrMalformed},
		{"version zero", signRaw(priv, payloadJSON(t, func(m map[string]any) { m["version"] = 0 })), 0, ErrMalformed},
		{"bad created", signRaw(priv, payloadJSON(t, func(m map[string]any) { m["created"] = "hier" })), 0, ErrMalformed},
		{"string version", signRaw(priv, payloadJSON(t, func(m map[string]any) { m["version"] = "42" })), 0, ErrMalformed},
		{"payload not JSON", signRaw(priv, []byte("schema: 1")), 0, ErrMalformed},
		{"payload with trailing data", signRaw(priv, append(payloadJSON(t, nil), []byte(" {}")...)), 0, ErrMalformed},
		{"envelope not JSON", []byte("<html>erreur</html>"), 0, ErrMalformed},
		{"envelope with trailing data", append(append([]byte{}, good...), []byte(`{"x":1}`)...), 0, ErrMalformed},
		{"envelope without signature", []byte(`{"payload":"e30=","key":"0011223344556677"}`), 0, ErrMalformed},
		{"envelope without key", []byte(`{"payload":"e30=","signature":"` + strings.Repeat("A", 86) + `=="}`), 0, ErrMalformed},
		{"empty envelope", nil, 0, ErrMalformed},
		{"envelope too large", append(good, bytes.Repeat([]byte(" "), MaxEnvelopeSize)...), 0, ErrTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Verify(pub, c.envelope, c.current)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err %T is not *Error", err)
			}
			if !reflect.DeepEqual(m, Manifest{}) {
				t.Errorf("rejected manifest returned: %+v", m)
			}
		})
	}
}

func TestNotNewerKinds(t *testing.T) {
	pub, priv := testKey("main")
	env := signRaw(priv, payloadJSON(t, nil))
	_, same := Verify(pub, env, 42)
	_, older := Verify(pub, env, 50)
	if !errors.Is(same, ErrNotNewer) || !errors.Is(same, ErrUpToDate) || errors.Is(same, ErrReplay) {
		t.Errorf("same version: %v", same)
	}
	if !errors.Is(older, ErrNotNewer) || !errors.Is(older, ErrReplay) || errors.Is(older, ErrUpToDate) {
		t.Errorf("older version: %v", older)
	}
	if got, want := older.Error(), "manifest: manifest version not newer: older version: version 42 is older than the current 50"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestVerifyInvalidPublicKey(t *testing.T) {
	_, priv := testKey("main")
	env := signRaw(priv, payloadJSON(t, nil))
	if _, err := Verify(ed25519.PublicKey("short"), env, 0); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("err = %v, want ErrUnknownKey", err)
	}
}

func TestParseIgnoresUnknownFields(t *testing.T) {
	// Additive fields do not need a schema bump: they are signed anyway.
	p := payloadJSON(t, func(m map[string]any) { m["notes"] = "nouveau champ" })
	if _, err := Parse(p); err != nil {
		t.Errorf("Parse: %v", err)
	}
}

func TestCheckFile(t *testing.T) {
	data := []byte("Bonjour, le public !\n")
	sum := sha256.Sum256(data)
	f := File{Path: "fiches/x.md", Size: int64(len(data)), SHA256: fmt.Sprintf("%x", sum)}
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"good", data, nil},
		{"truncated", data[:5], ErrTruncated},
		{"empty", nil, ErrTruncated},
		{"too large", append(append([]byte{}, data...), '!'), ErrTooLarge},
		{"wrong hash", bytes.ToUpper(data), ErrHashMismatch},
	}
	for _, c := range cases {
		err := CheckFile(f, c.data)
		if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
		if err != nil && !strings.Contains(err.Error(), "fiches/x.md") {
			t.Errorf("%s: error %q does not name the file", c.name, err)
		}
	}
}

// endless is an io.Reader that never ends.
type endless struct{ read int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.read += int64(len(p))
	return len(p), nil
}

func TestReadFileStopsEarly(t *testing.T) {
	f := File{Path: "datasets/a.csv", Size: 1000, SHA256: strings.Repeat("0", 64)}
	r := &endless{}
	_, err := ReadFile(r, f)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if r.read > 1001+512 {
		t.Errorf("read %d bytes for a 1000-byte file", r.read)
	}
	if _, err := ReadFile(strings.NewReader("x"), File{Path: "a", Size: MaxFileSize + 1}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized entry: err = %v", err)
	}
	data := []byte("contenu")
	sum := sha256.Sum256(data)
	good := File{Path: "a.md", Size: int64(len(data)), SHA256: fmt.Sprintf("%x", sum)}
	got, err := ReadFile(bytes.NewReader(data), good)
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("ReadFile = %q, %v", got, err)
	}
	_, err = ReadFile(io.MultiReader(bytes.NewReader(data[:3]), errReader{}), good)
	if err == nil || !strings.Contains(err.Error(), "a.md") {
		t.Errorf("read error: %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connexion coupée") }

func TestDiff(t *testing.T) {
	h := func(c byte) string { return strings.Repeat(string(c), 64) }
	old := Manifest{Files: []File{
		{Path: "fiches/1.01-a.md", SHA256: h('1')},
		{Path: "fiches/1.02-b.md", SHA256: h('2')},
		{Path: "quiz/1.01.yaml", SHA256: h('3')},
	}}
	new := Manifest{Files: []File{
		{Path: "fiches/1.01-a.md", SHA256: h('1')},
		{Path: "fiches/1.02-b.md", SHA256: h('9')},
		{Path: "fiches/1.03-c.md", SHA256: h('4')},
		{Path: "glossaire.yaml", SHA256: h('5')},
	}}
	got := Diff(old, new)
	want := Changes{
		Added:   []string{"fiches/1.03-c.md", "glossaire.yaml"},
		Changed: []string{"fiches/1.02-b.md"},
		Removed: []string{"quiz/1.01.yaml"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Diff = %+v, want %+v", got, want)
	}
	if got.Empty() || !Diff(new, new).Empty() {
		t.Error("Empty is wrong")
	}
	if d := Diff(Manifest{}, new); len(d.Added) != 4 {
		t.Errorf("first install: %+v", d)
	}
}

func TestKindOf(t *testing.T) {
	for p, want := range map[string]Kind{
		"fiches/3.01-rgpd-et-consentement.md": KindFiche,
		"quiz/3.01.yaml":                      KindQuiz,
		"glossaire.yaml":                      KindGlossary,
		"datasets/theatre-billetterie.csv":    KindDataset,
		"chapitres.yaml":                      KindOther,
		"parcours.yaml":                       KindOther,
	} {
		if got := KindOf(p); got != want {
			t.Errorf("KindOf(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestKeys(t *testing.T) {
	pub, priv := testKey("main")
	got, err := ParsePrivateKey(" " + EncodePrivateKey(priv) + "\n")
	if err != nil || !got.Equal(priv) {
		t.Fatalf("ParsePrivateKey round trip: %v", err)
	}
	gotPub, err := ParsePublicKey(EncodePublicKey(pub) + "\n")
	if err != nil || !gotPub.Equal(pub) {
		t.Fatalf("ParsePublicKey round trip: %v", err)
	}
	for _, bad := range []string{"", "pas du base64 !", "AAAA", EncodePublicKey(pub) + "AAAA"} {
		if _, err := ParsePrivateKey(bad); err == nil {
			t.Errorf("ParsePrivateKey(%q) accepted", bad)
		}
		if _, err := ParsePublicKey(bad); err == nil && bad != EncodePublicKey(pub) {
			t.Errorf("ParsePublicKey(%q) accepted", bad)
		}
	}
	if id := KeyID(pub); len(id) != 16 || id == KeyID(priv.Public().(ed25519.PublicKey)[:31]) {
		t.Errorf("KeyID = %q", id)
	}
}

func TestErrorMessage(t *testing.T) {
	err := CheckFile(File{Path: "fiches/a.md", Size: 3}, []byte("a"))
	if got, want := err.Error(), "manifest: truncated file: fiches/a.md: 1 of 3 bytes"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
