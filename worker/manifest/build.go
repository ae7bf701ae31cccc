package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// BuildOptions are the inputs of Build besides the content itself.
type BuildOptions struct {
	// Version of the new manifest: positive, and greater than Prev.Version
	// when Prev is set. The publisher defaults it to Unix seconds.
	Version int64
	// Prev is the manifest currently served, if known.
	Prev *Manifest
	// Changelog lines, shown to users of the application.
	Changelog []string
	// Now is the publication time; the zero value means time.Now().
	Now time.Time
}

// Build lists the content files of fsys (the content/ directory) and
// returns the manifest and the files' bytes keyed by SHA-256, ready to be
// written as files/<sha256>.
//
// Content files are the Markdown (*.md) and YAML (*.yaml, *.yml) files and
// everything under datasets/, except README.md files, Go files and anything
// hidden (name starting with "." or "_") or under testdata/.
func Build(fsys fs.FS, opts BuildOptions) (Manifest, map[string][]byte, error) {
	if opts.Version <= 0 {
		return Manifest{}, nil, fmt.Errorf("build: version %d must be positive", opts.Version)
	}
	if opts.Prev != nil && opts.Version <= opts.Prev.Version {
		return Manifest{}, nil, fmt.Errorf("build: %w", reject(ErrNotNewer, "", "version %d does not exceed the previous %d", opts.Version, opts.Prev.Version))
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	m := Manifest{
		Schema:    SchemaVersion,
		Version:   opts.Version,
		Created:   now.UTC().Format(time.RFC3339),
		Changelog: append([]string(nil), opts.Changelog...),
		Files:     []File{},
	}
	blobs := make(map[string][]byte)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		if d.IsDir() {
			if skippedDir(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !isContentFile(p) {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		h := hex.EncodeToString(sum[:])
		blobs[h] = data
		m.Files = append(m.Files, File{Path: p, Size: int64(len(data)), SHA256: h})
		return nil
	})
	if err != nil {
		return Manifest{}, nil, fmt.Errorf("build: %w", err)
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	if err := m.validate(); err != nil {
		return Manifest{}, nil, fmt.Errorf("build: %w", err)
	}
	return m, blobs, nil
}

func skippedDir(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
		name == "testdata" || name == "node_modules"
}

// isContentFile applies Build's selection rule to a slash-separated path.
func isContentFile(p string) bool {
	name := path.Base(p)
	switch {
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"):
		return false
	case strings.EqualFold(name, "README.md"):
		return false
	case strings.HasSuffix(name, ".go"):
		return false
	case strings.HasPrefix(p, "datasets/"):
		return true
	}
	switch path.Ext(name) {
	case ".md", ".yaml", ".yml":
		return true
	}
	return false
}

// Kind says what a content file is, so that the application can count
// changes per kind (« 3 fiches modifiées, 1 nouvelle »).
type Kind string

// Kinds of content files, from their path (see content/README.md).
const (
	KindFiche    Kind = "fiche"    // fiches/<id>-<slug>.md
	KindQuiz     Kind = "quiz"     // quiz/<id>.yaml
	KindGlossary Kind = "glossary" // glossaire.yaml
	KindDataset  Kind = "dataset"  // datasets/…
	KindOther    Kind = "other"    // chapters, paths, competences, sandbox catalogue…
)

// KindOf classifies a manifest path.
func KindOf(p string) Kind {
	switch {
	case strings.HasPrefix(p, "fiches/") && strings.HasSuffix(p, ".md"):
		return KindFiche
	case strings.HasPrefix(p, "quiz/"):
		return KindQuiz
	case p == "glossaire.yaml":
		return KindGlossary
	case strings.HasPrefix(p, "datasets/"):
		return KindDataset
	}
	return KindOther
}
