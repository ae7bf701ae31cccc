package content

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// bundleMagic starts every bundle: the content sent to the browser as one
// file, every content file by path, with YAML (files and fiche front
// matter) already converted to JSON so that the client needs no YAML
// parser. After the first line come, for each file, its path, its length
// in bytes and its bytes, each on its own line: a format the client reads
// without any decoding work.
const bundleMagic = "COULISSES-CONTENU 1\n"

// IsContentFile reports whether a path of the content directory is part
// of the corpus (and so of bundles and updates).
func IsContentFile(p string) bool {
	switch {
	case strings.HasPrefix(p, "fiches/") && strings.HasSuffix(p, ".md"),
		strings.HasPrefix(p, "quiz/") && strings.HasSuffix(p, ".yaml"),
		!strings.Contains(p, "/") && strings.HasSuffix(p, ".yaml"):
		return true
	}
	return false
}

// LoadBundle loads and validates a bundle produced by Bundle.
func LoadBundle(data []byte) (*Corpus, error) {
	files, err := ParseBundle(data)
	if err != nil {
		return nil, err
	}
	return Load(files)
}

// DecodeBundle loads a bundle without validating it: for the bundle the
// app ships, validated when the server built it.
func DecodeBundle(data []byte) (*Corpus, error) {
	files, err := ParseBundle(data)
	if err != nil {
		return nil, err
	}
	return Decode(files)
}

// ParseBundle splits a bundle (the shipped /web/content.bundle, or a
// stored update) into its files, without validating them. The slices share
// data's memory.
func ParseBundle(data []byte) (MemFS, error) {
	rest, ok := bytes.CutPrefix(data, []byte(bundleMagic))
	if !ok {
		return nil, fmt.Errorf("lot de contenu illisible : en-tête %q attendu", strings.TrimSpace(bundleMagic))
	}
	files := MemFS{}
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

// AppendBundle appends the bundle of files (sorted by path) to out.
func AppendBundle(out []byte, files map[string][]byte) []byte {
	paths := make([]string, 0, len(files))
	size := len(out) + len(bundleMagic)
	for p, b := range files {
		paths = append(paths, p)
		size += len(p) + len(b) + 16
	}
	sort.Strings(paths)
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

// MemFS is a read-only file system over a map of paths to contents; the
// browser loads content from it.
type MemFS map[string][]byte

// Open implements fs.FS.
func (m MemFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if b, ok := m[name]; ok {
		return &memFile{name: name, data: b}, nil
	}
	entries, err := m.ReadDir(name)
	if err != nil {
		return nil, err
	}
	return &memDir{name: name, entries: entries}, nil
}

// ReadFile implements fs.ReadFileFS.
func (m MemFS) ReadFile(name string) ([]byte, error) {
	if b, ok := m[name]; ok {
		return append([]byte(nil), b...), nil
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS.
func (m MemFS) ReadDir(name string) ([]fs.DirEntry, error) {
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for p, b := range m {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok || rest == "" {
			continue
		}
		child, _, isDir := strings.Cut(rest, "/")
		if seen[child] {
			continue
		}
		seen[child] = true
		out = append(out, memInfo{name: child, size: int64(len(b)), dir: isDir})
	}
	if len(out) == 0 && name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time         { return time.Time{} }
func (i memInfo) IsDir() bool                { return i.dir }
func (i memInfo) Sys() any                   { return nil }
func (i memInfo) Type() fs.FileMode          { return i.Mode().Type() }
func (i memInfo) Info() (fs.FileInfo, error) { return i, nil }

type memFile struct {
	name string
	data []byte
	off  int
}

func (f *memFile) Stat() (fs.FileInfo, error) {
	return memInfo{name: path.Base(f.name), size: int64(len(f.data))}, nil
}
func (f *memFile) Read(b []byte) (int, error) {
	if f.off >= len(f.data) {
		return 0, io.EOF
	}
	n := copy(b, f.data[f.off:])
	f.off += n
	return n, nil
}
func (f *memFile) Close() error { return nil }

type memDir struct {
	name    string
	entries []fs.DirEntry
}

func (d *memDir) Stat() (fs.FileInfo, error) {
	return memInfo{name: path.Base(d.name), dir: true}, nil
}
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		e := d.entries
		d.entries = nil
		return e, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	e := d.entries[:n]
	d.entries = d.entries[n:]
	return e, nil
}
