package update

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"sort"
	"unicode/utf8"

	"coulisses/content"
	"coulisses/worker/manifest"
)

// ParseBundle splits a content bundle into its files (content.ParseBundle).
func ParseBundle(data []byte) (content.MemFS, error) { return content.ParseBundle(data) }

// encodeBundle writes files in the bundle layout, sorted by path.
func encodeBundle(files content.MemFS) []byte { return content.AppendBundle(nil, files) }

// The store keeps strings, and the browser turns them into UTF-16: bytes
// that are not UTF-8 would not survive. A stored value is a bundle, kept as
// is when it is valid UTF-8 (every Markdown and JSON file), else in base64.
const (
	rawPrefix    = "T"
	base64Prefix = "B"
)

// encodeStored returns the store value for files and its SHA-256 (the
// digest Open checks), with as few copies of the content as possible: the
// browser keeps a large update in memory while it stores it.
func encodeStored(files content.MemFS) (value, digest string) {
	b := content.AppendBundle([]byte(rawPrefix), files)
	if !utf8.Valid(b) {
		b = []byte(base64Prefix + base64.StdEncoding.EncodeToString(b[len(rawPrefix):]))
	}
	return string(b), hashHex(b)
}

// decodeStored reverses encodeStored.
func decodeStored(v string) (content.MemFS, error) {
	switch {
	case len(v) > 0 && v[:1] == rawPrefix:
		return ParseBundle([]byte(v[1:]))
	case len(v) > 0 && v[:1] == base64Prefix:
		b, err := base64.StdEncoding.DecodeString(v[1:])
		if err != nil {
			return nil, fmt.Errorf("mise à jour enregistrée illisible : %w", err)
		}
		return ParseBundle(b)
	}
	return nil, fmt.Errorf("mise à jour enregistrée illisible : format inconnu")
}

// Describe returns the manifest entries of files (path, size, SHA-256),
// sorted by path: what manifest.Build would list for them.
func Describe(files content.MemFS) manifest.Manifest {
	m := manifest.Manifest{Files: make([]manifest.File, 0, len(files))}
	for _, p := range sortedPaths(files) {
		m.Files = append(m.Files, manifest.File{Path: p, Size: int64(len(files[p])), SHA256: hashHex(files[p])})
	}
	return m
}

func sortedPaths(files content.MemFS) []string {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

func hashHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
