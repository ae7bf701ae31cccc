// Package e2e holds the end-to-end test of the content-update worker in its
// real runtime (workerd under `wrangler dev`), or against any deployed
// worker. It has no code of its own; see e2e_test.go and worker/worker.mk.
//
//	COULISSES_E2E=wrangler go test -v ./worker/e2e     # starts wrangler dev itself
//	COULISSES_WORKER_URL=https://… COULISSES_PUBLIC_KEY=… \
//	COULISSES_APP_ORIGIN=https://… go test -v ./worker/e2e   # smoke-tests a deployment
//
// Without either variable the test is skipped, so plain `go test ./...`
// stays fast and needs no Node.js.
package e2e
