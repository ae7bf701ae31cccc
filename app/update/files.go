package update

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"unicode/utf8"

	"coulisses/content"
	"coulisses/worker/manifest"
)

// bundleMagic starts the content bundle the app ships (content.Bundle):
// after it, for each file, its path, its length and its bytes, each on its
// own line. Stored updates use the same layout.
const bundleMagic = "COULISSES-CONTENU 1\n"

// ParseBundle splits a content bundle (the shipped /web/content.bundle, or
// a stored update) into its files. The slices share data's memory.
func ParseBundle(data []byte) (content.MemFS, error) {
	rest, ok := bytes.CutPrefix(data, []byte(bundleMagic))
	if !ok {
		return nil, fmt.Errorf("lot de contenu illisible : en-tête attendu absent")
	}
	files := content.MemFS{}
	for len(rest) > 0 {
		name, after, ok1 := bytes.Cut(rest, []byte("\n"))
		size, after, ok2 := bytes.Cut(after, []byte("\n"))
		n, err := strconv.Atoi(string(size))
		if !ok1 || !ok2 || err != nil || n < 0 || n+1 > len(after) || after[n] != '\n' || !fs.ValidPath(string(name)) {
			return nil, fmt.Errorf("lot de contenu tronqué ou abîmé après %d fichiers", len(files))
		}
		if _, dup := files[string(name)]; dup {
			return nil, fmt.Errorf("lot de contenu abîmé : %s en double", name)
		}
		files[string(name)] = after[:n]
		rest = after[n+1:]
	}
	return files, nil
}

// encodeBundle writes files in the bundle layout, sorted by path.
func encodeBundle(files content.MemFS) []byte { return appendBundle(nil, files) }

// appendBundle appends the bundle of files to out.
func appendBundle(out []byte, files content.MemFS) []byte {
	paths := sortedPaths(files)
	size := len(out) + len(bundleMagic)
	for _, p := range paths {
		size += len(p) + len(files[p]) + 16
	}
	out = append(make([]byte, 0, size), out...)
	out = append(out, bundleMagic...)
	for _, p := range paths {
		out = append(out, p...)
		out = append(out, '\n')
		out = strconv.AppendInt(out, int64(len(files[p])), 10)
		out = append(out, '\n')
		out = append(out, files[p]...)
		out = append(out, '\n')
	}
	return out
}

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
	b := appendBundle([]byte(rawPrefix), files)
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
