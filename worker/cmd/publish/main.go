// Command publish turns content/ into a signed bundle that the worker
// serves: manifest.json (the signed envelope) and files/<sha256>.
//
// Usage:
//
//	publish [-content content] [-out worker/bundle] [-key FILE] [-prev FILE]
//	        [-version N] [-changelog TEXT]...
//	publish -genkey [-o FILE]
//	publish -pubkey [-key FILE]
//	publish -verify DIR [-public BASE64]
//
// The signing key is the base64 of a 32-byte Ed25519 seed, read from the
// file named by -key or else from COULISSES_SIGNING_KEY. A key file inside a
// git working tree is refused: keys never go near the repository.
//
// Content is validated first (content.Load: nothing is published if the
// corpus has a problem), then published in the form the application reads:
// content.NormalizedFiles (YAML and fiche front matter converted to JSON,
// since app.wasm has no YAML parser), plus content/datasets/ as it is.
//
// The version defaults to the current Unix time; with -prev (the manifest
// currently served) it must be greater than the previous version.
//
// The bundle also holds public-key.txt, the public key the application must
// embed to accept it (the worker does not serve that file).
package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"coulisses/content"
	"coulisses/worker/manifest"
)

// KeyEnv is the environment variable holding the signing key.
const KeyEnv = "COULISSES_SIGNING_KEY"

// PublicKeyFile is written next to manifest.json.
const PublicKeyFile = "public-key.txt"

func main() {
	if err := run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "publish:", err)
		os.Exit(1)
	}
}

type lines []string

func (l *lines) String() string     { return strings.Join(*l, "; ") }
func (l *lines) Set(s string) error { *l = append(*l, s); return nil }

func run(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("publish", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var (
		contentDir = fl.String("content", "content", "content directory to publish")
		outDir     = fl.String("out", "worker/bundle", "bundle directory to (re)write")
		keyFile    = fl.String("key", "", "file holding the signing key (default: $"+KeyEnv+")")
		prevFile   = fl.String("prev", "", "manifest.json currently served; the new version must exceed it")
		version    = fl.Int64("version", 0, "manifest version (default: current Unix time)")
		genkey     = fl.Bool("genkey", false, "generate a new signing key and print it (or write it with -o)")
		genkeyOut  = fl.String("o", "", "with -genkey: write the private key to this file (outside any git work tree)")
		pubkey     = fl.Bool("pubkey", false, "print the public key of the signing key, to embed in the application")
		verifyDir  = fl.String("verify", "", "verify a bundle directory: signature and every file")
		public     = fl.String("public", "", "with -verify: the public key (base64); default: the bundle's "+PublicKeyFile)
		changelog  lines
	)
	fl.Var(&changelog, "changelog", "a changelog line for users (repeatable)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fl.Args())
	}
	switch {
	case *genkey:
		return genKey(*genkeyOut, stdout)
	case *verifyDir != "":
		return verifyBundle(*verifyDir, *public, stdout)
	}
	priv, err := loadKey(*keyFile, getenv)
	if err != nil {
		return err
	}
	if *pubkey {
		pub := priv.Public().(ed25519.PublicKey)
		fmt.Fprintf(stdout, "%s\n", manifest.EncodePublicKey(pub))
		return nil
	}
	return publish(publishOptions{
		content: *contentDir, out: *outDir, prev: *prevFile,
		version: *version, changelog: changelog, priv: priv,
	}, stdout)
}

// loadKey reads the signing key from -key or the environment.
func loadKey(file string, getenv func(string) string) (ed25519.PrivateKey, error) {
	if file != "" {
		if err := outsideRepo(file); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		priv, err := manifest.ParsePrivateKey(string(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		return priv, nil
	}
	s := getenv(KeyEnv)
	if s == "" {
		return nil, fmt.Errorf("no signing key: set %s (base64 Ed25519 seed) or pass -key FILE; `publish -genkey` makes one", KeyEnv)
	}
	priv, err := manifest.ParsePrivateKey(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", KeyEnv, err)
	}
	return priv, nil
}

// outsideRepo refuses a key path that lies inside a git working tree.
func outsideRepo(file string) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	dir := filepath.Dir(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return fmt.Errorf("refusing key file %s: it is inside the git work tree %s; keep signing keys outside any repository", file, dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil
		}
		dir = parent
	}
}

func genKey(out string, stdout io.Writer) error {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	seed := manifest.EncodePrivateKey(priv)
	if out == "" {
		fmt.Fprintf(stdout, "%s=%s\n", KeyEnv, seed)
	} else {
		if err := outsideRepo(out); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
			return err
		}
		f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintln(f, seed); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "private key written to %s (mode 0600)\n", out)
	}
	fmt.Fprintf(stdout, "public key (embed in the application): %s\n", manifest.EncodePublicKey(pub))
	fmt.Fprintf(stdout, "key id: %s\n", manifest.KeyID(pub))
	return nil
}

type publishOptions struct {
	content, out, prev string
	version            int64
	changelog          []string
	priv               ed25519.PrivateKey
}

func publish(o publishOptions, stdout io.Writer) error {
	pub := o.priv.Public().(ed25519.PublicKey)
	var prev *manifest.Manifest
	if o.prev != "" {
		p, err := readPrev(o.prev, pub)
		if err != nil {
			return err
		}
		prev = &p
	}
	now := time.Now()
	version := o.version
	if version == 0 {
		version = now.Unix()
	}
	// Versions only ever go up: a typo far in the future would freeze
	// every later publication, so refuse it.
	if limit := now.AddDate(1, 0, 0).Unix(); version > limit {
		return fmt.Errorf("version %d is more than a year ahead of the current Unix time %d", version, now.Unix())
	}
	published, err := prepare(os.DirFS(o.content))
	if err != nil {
		return err
	}
	m, blobs, err := manifest.Build(published, manifest.BuildOptions{
		Version: version, Prev: prev, Changelog: o.changelog, Now: now,
	})
	if err != nil {
		return err
	}
	env, err := manifest.Sign(o.priv, m)
	if err != nil {
		return err
	}
	if err := writeBundle(o.out, env, blobs, manifest.EncodePublicKey(pub)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "published version %d: %d files, %d bytes, %d distinct blobs, key id %s -> %s\n",
		m.Version, len(m.Files), m.TotalSize(), len(blobs), manifest.KeyID(pub), o.out)
	if prev != nil {
		c := manifest.Diff(*prev, m)
		fmt.Fprintf(stdout, "since version %d: %d added, %d changed, %d removed\n",
			prev.Version, len(c.Added), len(c.Changed), len(c.Removed))
	}
	return nil
}

// prepare turns a content directory into the files to publish; tests
// replace it to publish arbitrary trees.
var prepare = corpusFiles

// corpusFiles validates the corpus and returns what is published: every
// corpus file as the application reads it (content.NormalizedFiles) and the
// files under datasets/ unchanged.
func corpusFiles(src fs.FS) (fs.FS, error) {
	if _, err := content.Load(src); err != nil {
		return nil, fmt.Errorf("content is not valid, nothing published (see make content-check):\n%w", err)
	}
	files, err := content.NormalizedFiles(src)
	if err != nil {
		return nil, err
	}
	err = fs.WalkDir(src, "datasets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "datasets" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		files[p] = data // manifest.Build still skips hidden, Go and README files
		return nil
	})
	if err != nil {
		return nil, err
	}
	return content.MemFS(files), nil
}

// readPrev reads the manifest currently served. It is verified when it was
// signed with the same key; after a key rotation only its version is used.
func readPrev(file string, pub ed25519.PublicKey) (manifest.Manifest, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return manifest.Manifest{}, err
	}
	env, err := manifest.ParseEnvelope(data)
	if err != nil {
		return manifest.Manifest{}, fmt.Errorf("%s: %w", file, err)
	}
	if env.Key == manifest.KeyID(pub) {
		m, err := manifest.Verify(pub, data, 0)
		if err != nil {
			return manifest.Manifest{}, fmt.Errorf("%s: %w", file, err)
		}
		return m, nil
	}
	m, err := manifest.Parse(env.Payload)
	if err != nil {
		return manifest.Manifest{}, fmt.Errorf("%s: %w", file, err)
	}
	return m, nil
}

// writeBundle writes the bundle into a fresh sibling directory, then swaps
// it in place of out. An existing out must look like a bundle: publish never
// deletes a directory it did not write.
func writeBundle(out string, env []byte, blobs map[string][]byte, pub string) error {
	if err := checkReplaceable(out); err != nil {
		return err
	}
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".bundle-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := os.Mkdir(filepath.Join(tmp, "files"), 0o755); err != nil {
		return err
	}
	for sha, data := range blobs {
		if err := os.WriteFile(filepath.Join(tmp, "files", sha), data, 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "manifest.json"), env, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, PublicKeyFile), []byte(pub+"\n"), 0o644); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

func checkReplaceable(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		switch e.Name() {
		case "manifest.json", "files", PublicKeyFile:
		default:
			return fmt.Errorf("refusing to replace %s: it holds %q, which publish did not write", out, e.Name())
		}
	}
	return nil
}

// verifyBundle checks a bundle as the application would: the signature
// with the given (or bundled) public key, then every listed file.
func verifyBundle(dir, public string, stdout io.Writer) error {
	if public == "" {
		data, err := os.ReadFile(filepath.Join(dir, PublicKeyFile))
		if err != nil {
			return err
		}
		public = string(data)
	}
	pub, err := manifest.ParsePublicKey(public)
	if err != nil {
		return err
	}
	env, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return err
	}
	m, err := manifest.Verify(pub, env, 0)
	if err != nil {
		return err
	}
	for _, f := range m.Files {
		data, err := os.ReadFile(filepath.Join(dir, "files", f.SHA256))
		if err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		if err := manifest.CheckFile(f, data); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "bundle %s: version %d, %d files, key id %s: OK\n", dir, m.Version, len(m.Files), manifest.KeyID(pub))
	return nil
}
