# Content-update worker targets. Included by the root Makefile.
#   make worker-bundle   content/ → worker/bundle (signed manifest.json + files/<sha256>)
#   make worker-build    bundle + worker/build (worker.mjs, wasm_exec.js, app.wasm embedding the bundle)
#   make worker-dev      build, then serve it under `wrangler dev` on 127.0.0.1:8787 (offline)
#   make worker-local    serve the bundle with the same handler as a native server (127.0.0.1:8788)
#   make worker-size     raw and gzip size of the worker; fails over WORKER_MAX_GZIP bytes
#   make worker-test     go tests, short fuzz, size check, end-to-end test under wrangler dev
#   make worker-deploy   production: sign with the real key, check it against the app's key, wrangler deploy
#
# Signing key, in this order: WORKER_KEY_FILE=path (outside any git work
# tree), else $COULISSES_SIGNING_KEY (base64 Ed25519 seed), else a throwaway
# development key kept in WORKER_DEV_KEY (created on first use). Extra
# publish flags: WORKER_PUBLISH_FLAGS='-prev served.json -changelog "…"'.

WORKER_DIR      := worker
WORKER_BUNDLE   := $(WORKER_DIR)/bundle
WORKER_BUILD    := $(WORKER_DIR)/build
WORKER_DEV_KEY  ?= $(HOME)/.cache/coulisses/dev-signing.key
WORKER_KEY_FILE ?=
WORKER_PUBLISH_FLAGS ?=
WORKER_MAX_GZIP ?= 2500000
# Fuzz budgets are counts, not durations: a duration races Go's fuzz
# coordinator (golang/go#75804, unfixed in Go 1.26) and fails at random with
# "context deadline exceeded". About 3-5 s each on this machine.
WORKER_FUZZ_PARSE  ?= 20000x
WORKER_FUZZ_VERIFY ?= 60000x
WORKER_LOCAL_ADDR ?= 127.0.0.1:8788
WORKER_ORIGINS  ?=
WORKER_LOCK     := $(WORKER_DIR)/.make.lock
WRANGLER        := $(WORKER_DIR)/node_modules/.bin/wrangler
WRANGLER_ENV    := WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false

.PHONY: worker-npm worker-bundle worker-build worker-dev worker-local worker-size worker-test worker-test-locked worker-deploy

# wrangler@4.86.0 exactly (package-lock.json); its workerd runs offline.
worker-npm:
	@test -x $(WRANGLER) || (cd $(WORKER_DIR) && npm ci --no-audit --no-fund)

worker-bundle:
	@set -e; \
	if [ -n "$(WORKER_KEY_FILE)" ]; then \
	  key="-key $(WORKER_KEY_FILE)"; echo "worker-bundle: signing with $(WORKER_KEY_FILE)"; \
	elif [ -n "$$COULISSES_SIGNING_KEY" ]; then \
	  key=""; echo "worker-bundle: signing with \$$COULISSES_SIGNING_KEY"; \
	else \
	  [ -f "$(WORKER_DEV_KEY)" ] || $(GO) run ./$(WORKER_DIR)/cmd/publish -genkey -o "$(WORKER_DEV_KEY)"; \
	  key="-key $(WORKER_DEV_KEY)"; echo "worker-bundle: no key set, signing with the throwaway dev key $(WORKER_DEV_KEY)"; \
	fi; \
	$(GO) run ./$(WORKER_DIR)/cmd/publish -content content -out $(WORKER_BUNDLE) $$key $(WORKER_PUBLISH_FLAGS)

worker-build: worker-bundle
	$(GO) tool workers-assets-gen -mode=go -o $(WORKER_BUILD)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WORKER_BUILD)/app.wasm ./$(WORKER_DIR)

# The size that counts is the one wrangler uploads (gzip of the bundled
# worker.js + app.wasm), taken from `wrangler deploy --dry-run` (offline).
worker-size: worker-build worker-npm
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	out=$$(cd $(WORKER_DIR) && $(WRANGLER_ENV) ./node_modules/.bin/wrangler deploy --dry-run --outdir "$$tmp" 2>&1) || { echo "$$out" >&2; exit 1; }; \
	kib=$$(echo "$$out" | sed -nE 's/.*Total Upload: ([0-9.]+) KiB \/ gzip: ([0-9.]+) KiB.*/\1 \2/p'); \
	[ -n "$$kib" ] || { echo "$$out" >&2; echo "worker-size: cannot read wrangler's Total Upload line" >&2; exit 1; }; \
	raw=$$(awk -v k="$${kib% *}" 'BEGIN { printf "%d", k * 1024 }'); gz=$$(awk -v k="$${kib#* }" 'BEGIN { printf "%d", k * 1024 }'); \
	wasm=$$(wc -c < $(WORKER_BUILD)/app.wasm); content=$$(du -sb $(WORKER_BUNDLE) | cut -f1); \
	printf 'worker upload: %d bytes raw, %d bytes gzip (budget %d); app.wasm %d bytes, of which content bundle %d bytes\n' $$raw $$gz $(WORKER_MAX_GZIP) $$wasm $$content; \
	if [ $$gz -gt $(WORKER_MAX_GZIP) ]; then echo "worker-size: over budget by $$((gz - $(WORKER_MAX_GZIP))) bytes gzip" >&2; exit 1; fi

worker-dev: worker-build worker-npm
	cd $(WORKER_DIR) && $(WRANGLER_ENV) ./node_modules/.bin/wrangler dev --ip 127.0.0.1 --port 8787 --show-interactive-dev-session=false

worker-local: worker-bundle
	$(GO) run ./$(WORKER_DIR)/cmd/local -addr $(WORKER_LOCAL_ADDR) -bundle $(WORKER_BUNDLE) $(if $(WORKER_ORIGINS),-origin '$(WORKER_ORIGINS)')

# Several people share this work tree: one worker build/test at a time.
worker-test:
	@flock -w 600 $(WORKER_LOCK) $(MAKE) --no-print-directory worker-test-locked

worker-test-locked: worker-size worker-npm
	$(GO) vet ./$(WORKER_DIR)/...
	GOOS=js GOARCH=wasm $(GO) vet ./$(WORKER_DIR) ./$(WORKER_DIR)/manifest ./$(WORKER_DIR)/handler
	$(GO) test -count=1 ./$(WORKER_DIR)/...
	$(GO) test -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=$(WORKER_FUZZ_PARSE) -fuzzminimizetime=200x ./$(WORKER_DIR)/manifest
	$(GO) test -run='^$$' -fuzz='^FuzzVerify$$' -fuzztime=$(WORKER_FUZZ_VERIFY) -fuzzminimizetime=200x ./$(WORKER_DIR)/manifest
	COULISSES_E2E=wrangler $(GO) test -count=1 -v -run='^TestWorker$$' ./$(WORKER_DIR)/e2e

# Production: validates content/ first (root content-check). Needs the real
# key (WORKER_KEY_FILE or COULISSES_SIGNING_KEY), COULISSES_PUBLIC_KEY (the
# public key embedded in the released app: a bundle the app would reject is
# never deployed) and WORKER_ORIGINS (the app's origins, e.g.
# https://coulisses.example). Cloudflare credentials:
# `wrangler login`, or CLOUDFLARE_API_TOKEN + CLOUDFLARE_ACCOUNT_ID in CI.
worker-deploy: worker-npm
	@test -n "$(WORKER_KEY_FILE)$$COULISSES_SIGNING_KEY" || { echo "worker-deploy: set WORKER_KEY_FILE or COULISSES_SIGNING_KEY (the production key); the dev key is for local use only" >&2; exit 2; }
	@test -n "$$COULISSES_PUBLIC_KEY" || { echo "worker-deploy: set COULISSES_PUBLIC_KEY to the public key embedded in the app" >&2; exit 2; }
	@test -n "$(WORKER_ORIGINS)" || { echo "worker-deploy: set WORKER_ORIGINS to the app's origins (comma-separated)" >&2; exit 2; }
	$(MAKE) --no-print-directory content-check worker-size
	$(GO) run ./$(WORKER_DIR)/cmd/publish -verify $(WORKER_BUNDLE) -public "$$COULISSES_PUBLIC_KEY"
	cd $(WORKER_DIR) && $(WRANGLER_ENV) ./node_modules/.bin/wrangler deploy --var 'ALLOWED_ORIGINS:$(WORKER_ORIGINS)'
