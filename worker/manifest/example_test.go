package manifest_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"testing/fstest"
	"time"

	"coulisses/worker/manifest"
)

// A throwaway key for the examples; real keys come from
// COULISSES_SIGNING_KEY or a key file outside the repository.
var (
	priv = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	pub  = priv.Public().(ed25519.PublicKey)
)

// The whole path of an update: the publisher builds and signs, the
// application verifies the manifest, then each downloaded file.
func Example() {
	content := fstest.MapFS{
		"README.md":                           {Data: []byte("not published")},
		"glossaire.yaml":                      {Data: []byte("- slug: opt-in\n")},
		"fiches/3.01-rgpd-et-consentement.md": {Data: []byte("---\nid: \"3.01\"\n---\n")},
	}
	// Publisher side.
	m, blobs, err := manifest.Build(content, manifest.BuildOptions{
		Version:   1772357400,
		Now:       time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC),
		Changelog: []string{"Nouvelle fiche sur le RGPD"},
	})
	if err != nil {
		panic(err)
	}
	envelope, err := manifest.Sign(priv, m)
	if err != nil {
		panic(err)
	}

	// Application side: it holds version 0 (nothing yet).
	got, err := manifest.Verify(pub, envelope, 0)
	if err != nil {
		panic(err)
	}
	for _, f := range got.Files {
		data := blobs[f.SHA256] // in the app: GET /v1/files/<f.SHA256>
		fmt.Println(f.Path, f.Size, manifest.CheckFile(f, data) == nil)
	}
	// Output:
	// fiches/3.01-rgpd-et-consentement.md 19 true
	// glossaire.yaml 15 true
}

// Rejections are tested by kind; the application chooses the words.
func ExampleVerify_rejections() {
	content := fstest.MapFS{"glossaire.yaml": {Data: []byte("- slug: opt-in\n")}}
	m, _, _ := manifest.Build(content, manifest.BuildOptions{Version: 20})
	envelope, _ := manifest.Sign(priv, m)

	// The application already holds version 21: this is a replay.
	_, err := manifest.Verify(pub, envelope, 21)
	fmt.Println(errors.Is(err, manifest.ErrNotNewer))

	// One flipped byte anywhere in the payload breaks the signature.
	tampered := bytes.Replace(envelope, []byte(`"payload":"ey`), []byte(`"payload":"eX`), 1)
	_, err = manifest.Verify(pub, tampered, 0)
	fmt.Println(errors.Is(err, manifest.ErrBadSignature))
	// Output:
	// true
	// true
}

func ExampleCheckFile() {
	f := manifest.File{
		Path:   "glossaire.yaml",
		Size:   15,
		SHA256: "1d1a4d8b5c2cba0b0c3d11e0b1c0f8e2c7a4a1f3f5d8c5b7e9a0b2c4d6e8f0a1",
	}
	err := manifest.CheckFile(f, []byte("- slug: opt"))
	fmt.Println(errors.Is(err, manifest.ErrTruncated))
	fmt.Println(err)
	// Output:
	// true
	// manifest: truncated file: glossaire.yaml: 11 of 15 bytes
}

func ExampleDiff() {
	h := func(c string) string { return string(bytes.Repeat([]byte(c), 64)) }
	held := manifest.Manifest{Files: []manifest.File{
		{Path: "fiches/1.01-a.md", SHA256: h("1")},
		{Path: "fiches/1.02-b.md", SHA256: h("2")},
	}}
	update := manifest.Manifest{Files: []manifest.File{
		{Path: "fiches/1.01-a.md", SHA256: h("9")},
		{Path: "fiches/1.02-b.md", SHA256: h("8")},
		{Path: "fiches/1.03-c.md", SHA256: h("3")},
		{Path: "glossaire.yaml", SHA256: h("4")},
	}}
	c := manifest.Diff(held, update)
	count := map[manifest.Kind]int{}
	for _, p := range c.Changed {
		count[manifest.KindOf(p)]++
	}
	fmt.Printf("%d fiches modifiées, %d nouvelle(s)\n", count[manifest.KindFiche], len(c.Added))
	fmt.Println(c.Added)
	// Output:
	// 2 fiches modifiées, 2 nouvelle(s)
	// [fiches/1.03-c.md glossaire.yaml]
}
