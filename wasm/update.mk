# Content updates in the app (issue 7). Included by the root Makefile.
#   make update-run   build, then serve the app on $(PORT) checking updates from the local
#                     worker (`make worker-dev`, 127.0.0.1:8787), verified with its dev key
#   make update-e2e   the content-update end-to-end tests only (wrangler dev + the real app)
#
# A release sets the update origin, the public key and the version of the
# shipped content at build time (or in the environment of the server):
#   go build -ldflags "-X main.updateOrigin=https://… -X main.updateKey=<base64> -X main.contentVersion=<version>" ./wasm/app
#   COULISSES_UPDATE_ORIGIN=… COULISSES_UPDATE_KEY=… COULISSES_CONTENT_VERSION=… ./build/coulisses

UPDATE_ORIGIN ?= http://127.0.0.1:8787

.PHONY: update-run update-e2e

update-run: build
	@test -f worker/bundle/public-key.txt || $(MAKE) --no-print-directory worker-bundle
	COULISSES_UPDATE_ORIGIN=$(UPDATE_ORIGIN) COULISSES_UPDATE_KEY="$$(cat worker/bundle/public-key.txt)" PORT=$(PORT) ./$(BIN)

update-e2e: build e2e-deps worker-npm
	cd wasm/e2e && node --test --test-concurrency=1 tests/update.test.mjs
