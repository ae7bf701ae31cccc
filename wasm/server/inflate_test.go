//go:build !wasm

package server

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"testing"
	"testing/fstest"
)

func gz(b []byte) []byte {
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

func TestInflate(t *testing.T) {
	wasm := bytes.Repeat([]byte("\x00asm"), 1000)
	src := fstest.MapFS{
		"app.wasm.gz":         {Data: gz(wasm)},
		"engine.wasm":         {Data: []byte("raw engine")},
		"engine.wasm.gz":      {Data: gz([]byte("other bytes: the raw file wins"))},
		"icons/icon.svg":      {Data: []byte("<svg/>")},
		"datasets/jeu.csv.gz": {Data: gz([]byte("a;b\n"))},
	}
	got, err := Inflate(src)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"app.wasm":         string(wasm),
		"engine.wasm":      "raw engine",
		"icons/icon.svg":   "<svg/>",
		"datasets/jeu.csv": "a;b\n",
	} {
		b, err := fs.ReadFile(got, name)
		if err != nil || string(b) != want {
			t.Errorf("%s: %q, %v", name, b, err)
		}
	}
	files, err := webFiles(got)
	if err != nil {
		t.Fatal(err)
	}
	if want := "[app.wasm datasets/jeu.csv engine.wasm icons/icon.svg]"; fmtList(files) != want {
		t.Errorf("listed %v, want %s (an inflated file must be listed, to be precached)", files, want)
	}

	plain := fstest.MapFS{"a.wasm": {Data: []byte("x")}, "a.wasm.gz": {Data: gz([]byte("x"))}}
	if same, _ := Inflate(plain); same == nil {
		t.Error("nil FS")
	} else if _, ok := same.(fstest.MapFS); !ok {
		t.Error("nothing to inflate: the FS is returned as is")
	}
	if _, err := Inflate(fstest.MapFS{"bad.gz": {Data: []byte("not gzip")}}); err == nil {
		t.Error("a broken .gz must fail")
	}
}

func fmtList(s []string) string {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, x := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	b.WriteByte(']')
	return b.String()
}
