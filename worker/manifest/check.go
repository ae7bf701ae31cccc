package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// CheckFile verifies downloaded bytes against their manifest entry: a
// shorter file is ErrTruncated, a longer one ErrTooLarge, the right length
// with other bytes ErrHashMismatch.
func CheckFile(f File, data []byte) error {
	n := int64(len(data))
	switch {
	case n < f.Size:
		return reject(ErrTruncated, f.Path, "%d of %d bytes", n, f.Size)
	case n > f.Size:
		return reject(ErrTooLarge, f.Path, "%d bytes, manifest says %d", n, f.Size)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != f.SHA256 {
		return reject(ErrHashMismatch, f.Path, "got %s, want %s", got, f.SHA256)
	}
	return nil
}

// ReadFile reads a download for f from r, never more than f.Size+1 bytes
// (so an endless or oversized response cannot fill memory), and checks it
// with CheckFile.
func ReadFile(r io.Reader, f File) ([]byte, error) {
	if f.Size < 0 || f.Size > MaxFileSize {
		return nil, reject(ErrTooLarge, f.Path, "%d bytes, limit %d", f.Size, MaxFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(r, f.Size+1))
	if err != nil {
		return nil, fmt.Errorf("manifest: reading %s: %w", f.Path, err)
	}
	if err := CheckFile(f, data); err != nil {
		return nil, err
	}
	return data, nil
}
