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
	files, err := ParseBundle(b)
	if err != nil {
		t.Fatal(err)
	}
	for p, text := range files {
		if strings.HasSuffix(p, ".yaml") && !json.Valid(text) {
			t.Errorf("%s is not JSON: %.80q", p, text)
		}
		if strings.HasSuffix(p, ".md") {
			front, _, _, ok := splitFrontMatter(text)
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

func TestDecodeMatchesLoad(t *testing.T) {
	b, err := Bundle(os.DirFS("testdata/valid"))
	if err != nil {
		t.Fatal(err)
	}
	loaded, err1 := LoadBundle(b)
	decoded, err2 := DecodeBundle(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	for i, f := range loaded.Fiches {
		if !reflect.DeepEqual(f.Terms, decoded.Fiches[i].Terms) {
			t.Errorf("terms of %s: %v vs %v", f.ID, f.Terms, decoded.Fiches[i].Terms)
		}
	}
	if !reflect.DeepEqual(loaded.Term("opt-in").Fiches, decoded.Term("opt-in").Fiches) {
		t.Error("term usage differs")
	}
}

func TestLoadBundleRejectsBadInput(t *testing.T) {
	for _, in := range []string{``, `{`, `[]`, "COULISSES-CONTENU 2\n", "COULISSES-CONTENU 1\nfiches/a.md\n99\ncourt\n", "COULISSES-CONTENU 1\n../x\n1\na\n", "COULISSES-CONTENU 1\nfiches/a.md\n-1\n"} {
		if _, err := LoadBundle([]byte(in)); err == nil {
			t.Errorf("LoadBundle(%q) = nil error", in)
		}
	}
}
