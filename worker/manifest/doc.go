// Package manifest describes, signs and verifies Coulisses content updates.
//
// A content update is a [Manifest] (a version number and, for every content
// file, its path, size and SHA-256) plus content-addressed files. The publisher
// ([Build] then [Sign]) wraps the manifest's exact JSON bytes in a signed
// envelope:
//
//	{"payload":"<base64 of the manifest JSON>","signature":"<base64 Ed25519>","key":"<key id>"}
//
// The Ed25519 signature covers [SignatureContext] followed by the payload
// bytes, exactly as served: there is no canonicalisation step, so the bytes
// that are verified are the bytes that are parsed.
//
// The application ([Verify], [CheckFile], [ReadFile], [Diff]) accepts an
// update only if the signature is good, the schema is one it knows, the
// version is newer than the one it holds and every size stays within the
// limits below. Rejections are [*Error] values whose kind can be tested with
// [errors.Is] against [ErrMalformed], [ErrBadSignature], [ErrUnknownKey],
// [ErrFutureSchema], [ErrNotNewer] ([ErrUpToDate], [ErrReplay]), [ErrTooLarge], [ErrTruncated] and
// [ErrHashMismatch]. Messages are in English; the application turns kinds
// into French sentences.
//
// The package is pure Go (no syscall/js, no network) so that it builds for
// js/wasm and runs under go test.
package manifest
