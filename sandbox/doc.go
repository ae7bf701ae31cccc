// Package sandbox is Coulisses' data engine: it imports the CSV, TSV and
// .xlsx exports of ticketing and CRM tools into a columnar Frame and runs
// small, chunked analysis kernels over it.
//
// The import is a row of stages, one file each, in the manner of DuckDB's
// CSV sniffer: encoding.go (byte encoding), dialect.go (delimiter, quote,
// line ending), header.go (header row, preamble), types.go (types inferred
// on a sample), refine.go (every row parsed into typed columns, types
// confirmed), roles.go (what each column means) and quality.go (the
// data-quality report). Import orchestrates them.
//
// The package is pure Go with no syscall/js: it builds for GOOS=js
// GOARCH=wasm (wasm/engine) as well as natively (cmd/inspect). Errors carry
// a Kind usable with errors.Is; the French sentences live in package
// sandbox/fr, at the edge.
package sandbox
