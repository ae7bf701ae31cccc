//go:build !wasm

package content

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestBundleRoundTrip(t *testing.T) {
	src := os.DirFS("testdata/valid")
	want, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Bundle(src)
	if err != nil {
		t.Fatal(err)
	}
	var doc bundleDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for p, text := range doc.Files {
		if strings.HasSuffix(p, ".yaml") && !json.Valid([]byte(text)) {
			t.Errorf("%s is not JSON: %.80q", p, text)
		}
		if strings.HasSuffix(p, ".md") {
			front, _, _, ok := splitFrontMatter([]byte(text))
			if !ok || !json.Valid(front) {
				t.Errorf("%s front matter is not JSON: %.80q", p, text)
			}
		}
	}
	got, err := LoadBundle(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Fiches) != len(want.Fiches) || len(got.Glossary) != len(want.Glossary) || len(got.Quizzes) != len(want.Quizzes) {
		t.Fatalf("round trip lost content: %d/%d fiches, %d/%d terms", len(got.Fiches), len(want.Fiches), len(got.Glossary), len(want.Glossary))
	}
	for i, f := range want.Fiches {
		g := got.Fiches[i]
		if g.ID != f.ID || g.Body != f.Body || !reflect.DeepEqual(g.Sources, f.Sources) || !reflect.DeepEqual(g.Terms, f.Terms) {
			t.Errorf("fiche %s differs after round trip", f.ID)
		}
	}
	if !reflect.DeepEqual(got.Quizzes["1.01"], want.Quizzes["1.01"]) {
		t.Errorf("quiz differs after round trip")
	}
}

func TestLoadBundleRejectsBadInput(t *testing.T) {
	for _, in := range []string{``, `{`, `{"schema":99,"files":{}}`, `[]`} {
		if _, err := LoadBundle([]byte(in)); err == nil {
			t.Errorf("LoadBundle(%q) = nil error", in)
		}
	}
}
