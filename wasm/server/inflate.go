//go:build !wasm

package server

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"coulisses/content"
)

// Inflate returns fsys where every "X.gz" that lacks its "X" twin gets it,
// decompressed in memory. The USB launchers embed only the pre-compressed
// copy of the large files (app.wasm, engine.wasm: six launchers on one
// stick), and the server still needs the plain file: its size, its hash
// for the version, its bytes for the rare client without gzip.
func Inflate(fsys fs.FS) (fs.FS, error) {
	var missing []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".gz") {
			return err
		}
		if _, err := fs.Stat(fsys, strings.TrimSuffix(p, ".gz")); err != nil {
			missing = append(missing, p)
		}
		return nil
	})
	if err != nil || len(missing) == 0 {
		return fsys, err
	}
	files := content.MemFS{}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[p], err = fs.ReadFile(fsys, p)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, gz := range missing {
		zr, err := gzip.NewReader(bytes.NewReader(files[gz]))
		if err != nil {
			return nil, fmt.Errorf("%s : %w", gz, err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("%s : %w", gz, err)
		}
		files[strings.TrimSuffix(gz, ".gz")] = b
	}
	return files, nil
}
