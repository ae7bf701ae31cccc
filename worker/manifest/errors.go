package manifest

import (
	"errors"
	"fmt"
)

// Rejection kinds. Every rejection (from Parse, ParseEnvelope, Verify,
// CheckFile, ReadFile, and Build's limit checks) is an *Error wrapping one of
// them, so callers can write errors.Is(err, manifest.ErrBadSignature). Only
// I/O errors (the reader given to ReadFile, the fs.FS given to Build) and
// key-decoding errors are passed through as they are.
var (
	// ErrMalformed: the envelope or the manifest is not what this package
	// writes (invalid JSON, missing field, invalid path or hash…).
	ErrMalformed = errors.New("malformed manifest")
	// ErrBadSignature: the signature does not match the payload and key.
	ErrBadSignature = errors.New("bad signature")
	// ErrUnknownKey: the envelope names a key other than the one given to
	// Verify, or the key given is not a valid Ed25519 public key.
	ErrUnknownKey = errors.New("unknown signing key")
	// ErrFutureSchema: the manifest uses a schema newer than SchemaVersion;
	// the application must be updated before it can read this content.
	ErrFutureSchema = errors.New("manifest schema newer than supported")
	// ErrNotNewer: the manifest's version is not greater than the current
	// one (same content again, or an older manifest replayed).
	ErrNotNewer = errors.New("manifest version not newer")
	// ErrUpToDate (also ErrNotNewer): the version equals the current one;
	// nothing to do.
	ErrUpToDate = fmt.Errorf("%w: same version", ErrNotNewer)
	// ErrReplay (also ErrNotNewer): the version is older than the current
	// one, an old manifest served again; ignore it, maybe log it.
	ErrReplay = fmt.Errorf("%w: older version", ErrNotNewer)
	// ErrTooLarge: the envelope, a file or the whole update exceeds a limit,
	// or a downloaded file is longer than its declared size.
	ErrTooLarge = errors.New("too large")
	// ErrTruncated: a downloaded file is shorter than its declared size.
	ErrTruncated = errors.New("truncated file")
	// ErrHashMismatch: a downloaded file's SHA-256 differs from the manifest.
	ErrHashMismatch = errors.New("SHA-256 mismatch")
)

// Error is a rejection: its Kind is one of the Err* values above, Path names
// the content file concerned (empty for the manifest itself) and Detail says
// what exactly was wrong.
type Error struct {
	Kind   error
	Path   string
	Detail string
}

// Error returns "manifest: <kind>[: <path>][: <detail>]".
func (e *Error) Error() string {
	msg := "manifest: " + e.Kind.Error()
	if e.Path != "" {
		msg += ": " + e.Path
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Unwrap returns the kind, for errors.Is.
func (e *Error) Unwrap() error { return e.Kind }

func reject(kind error, path, format string, args ...any) error {
	return &Error{Kind: kind, Path: path, Detail: fmt.Sprintf(format, args...)}
}
