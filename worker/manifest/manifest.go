package manifest

import (
	"bytes"
	"encoding/json"
	"io"
	"path"
	"strings"
	"time"
	"unicode/utf8"
)

// SchemaVersion is the manifest schema this package writes and reads. A
// manifest with a greater schema is rejected with ErrFutureSchema.
const SchemaVersion = 1

// Limits enforced by Parse, Verify, Build, CheckFile and ReadFile.
const (
	MaxEnvelopeSize  = 1 << 20   // bytes of a served envelope (or payload)
	MaxFiles         = 5000      // entries in Files
	MaxFileSize      = 32 << 20  // bytes of one content file
	MaxTotalSize     = 256 << 20 // bytes of all content files together
	MaxChangelog     = 100       // changelog lines
	MaxChangelogLine = 1000      // bytes of one changelog line
	MaxPathLength    = 255       // bytes of one file path
)

// Manifest lists one published version of the content.
type Manifest struct {
	// Schema is the format version (SchemaVersion when written by Build).
	Schema int `json:"schema"`
	// Version increases with every publication (Unix seconds by default).
	// The application accepts only a version greater than the one it holds.
	Version int64 `json:"version"`
	// Created is the publication time, RFC 3339, UTC.
	Created string `json:"created"`
	// Changelog holds human-written lines describing the update.
	Changelog []string `json:"changelog,omitempty"`
	// Files lists every content file, sorted by path.
	Files []File `json:"files"`
}

// File is one content file: its slash-separated path relative to content/
// (e.g. "fiches/3.01-rgpd-et-consentement.md"), its size in bytes and the
// lowercase hex SHA-256 of its bytes, which is also its download name.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Lookup returns the entry for path, if the manifest lists it.
func (m Manifest) Lookup(p string) (File, bool) {
	for _, f := range m.Files {
		if f.Path == p {
			return f, true
		}
	}
	return File{}, false
}

// TotalSize returns the sum of the sizes of all files.
func (m Manifest) TotalSize() int64 {
	var n int64
	for _, f := range m.Files {
		n += f.Size
	}
	return n
}

// Parse decodes and validates manifest JSON bytes (an envelope's payload)
// WITHOUT checking any signature: use Verify for anything that comes from
// the network. Parse is what Verify calls once the signature is good.
func Parse(payload []byte) (Manifest, error) {
	if len(payload) > MaxEnvelopeSize {
		return Manifest{}, reject(ErrTooLarge, "", "payload is %d bytes, limit %d", len(payload), MaxEnvelopeSize)
	}
	// Read the schema first: a future schema may not fit today's struct.
	var probe struct {
		Schema *int `json:"schema"`
	}
	if err := json.Unmarshal(payload, &probe); err != nil {
		return Manifest{}, reject(ErrMalformed, "", "invalid JSON: %v", err)
	}
	if probe.Schema == nil {
		return Manifest{}, reject(ErrMalformed, "", "no schema field")
	}
	if *probe.Schema > SchemaVersion {
		return Manifest{}, reject(ErrFutureSchema, "", "schema %d, this application reads up to %d", *probe.Schema, SchemaVersion)
	}
	var m Manifest
	if err := decodeStrict(payload, &m); err != nil {
		return Manifest{}, err
	}
	if err := m.validate(); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

// decodeStrict decodes exactly one JSON value and nothing after it.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return reject(ErrMalformed, "", "invalid JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return reject(ErrMalformed, "", "data after the JSON value")
	}
	return nil
}

// validate checks everything Parse and Sign promise about a manifest.
func (m Manifest) validate() error {
	if m.Schema < 1 {
		return reject(ErrMalformed, "", "schema %d", m.Schema)
	}
	if m.Schema > SchemaVersion {
		return reject(ErrFutureSchema, "", "schema %d, this application reads up to %d", m.Schema, SchemaVersion)
	}
	if m.Version <= 0 {
		return reject(ErrMalformed, "", "version %d must be positive", m.Version)
	}
	if _, err := time.Parse(time.RFC3339, m.Created); err != nil {
		return reject(ErrMalformed, "", "created %q is not an RFC 3339 time", m.Created)
	}
	if len(m.Changelog) > MaxChangelog {
		return reject(ErrTooLarge, "", "%d changelog lines, limit %d", len(m.Changelog), MaxChangelog)
	}
	for i, line := range m.Changelog {
		if len(line) > MaxChangelogLine {
			return reject(ErrTooLarge, "", "changelog line %d is %d bytes, limit %d", i+1, len(line), MaxChangelogLine)
		}
		if !utf8.ValidString(line) {
			return reject(ErrMalformed, "", "changelog line %d is not UTF-8", i+1)
		}
	}
	if len(m.Files) > MaxFiles {
		return reject(ErrTooLarge, "", "%d files, limit %d", len(m.Files), MaxFiles)
	}
	seen := make(map[string]bool, len(m.Files))
	var total int64
	for _, f := range m.Files {
		if err := validPath(f.Path); err != nil {
			return err
		}
		if seen[f.Path] {
			return reject(ErrMalformed, f.Path, "listed twice")
		}
		seen[f.Path] = true
		if f.Size < 0 {
			return reject(ErrMalformed, f.Path, "negative size %d", f.Size)
		}
		if f.Size > MaxFileSize {
			return reject(ErrTooLarge, f.Path, "%d bytes, limit %d", f.Size, MaxFileSize)
		}
		total += f.Size
		if total > MaxTotalSize {
			return reject(ErrTooLarge, "", "files add up to more than %d bytes", MaxTotalSize)
		}
		if !ValidHash(f.SHA256) {
			return reject(ErrMalformed, f.Path, "sha256 %q is not 64 lowercase hex digits", f.SHA256)
		}
	}
	return nil
}

// validPath accepts clean, relative, slash-separated paths made of printable
// characters: nothing that could escape a directory or confuse a file system.
func validPath(p string) error {
	bad := func(why string) error { return reject(ErrMalformed, p, "invalid path: %s", why) }
	switch {
	case p == "":
		return bad("empty")
	case len(p) > MaxPathLength:
		return bad("too long")
	case !utf8.ValidString(p):
		return bad("not UTF-8")
	case strings.HasPrefix(p, "/"):
		return bad("absolute")
	case path.Clean(p) != p:
		return bad("not clean")
	case strings.ContainsAny(p, "\\:"):
		return bad("backslash or colon")
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return bad("control character")
		}
	}
	for _, elem := range strings.Split(p, "/") {
		if elem == ".." || elem == "." || strings.HasPrefix(elem, ".") {
			return bad("dot element")
		}
	}
	return nil
}

// ValidHash reports whether s is a SHA-256 as this package writes it:
// 64 lowercase hexadecimal digits.
func ValidHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
