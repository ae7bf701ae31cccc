# Coulisses — see README.md.
#   make run            build everything, serve on http://127.0.0.1:$(PORT) (offline)
#   make test           every test: vet, unit, content, fuzz (short), worker, end-to-end
#   make content-check  validate content/ (file:line for every problem)
#   make size           sizes of the WebAssembly binaries (raw, gzip)
SHELL := /bin/bash
# `make` alone builds; the included makefiles must not change that.
.DEFAULT_GOAL := all
GO ?= go
PORT ?= 8080
export GOFLAGS := -buildvcs=false

WEB := wasm/app/web
BIN := build/coulisses
WASM_LDFLAGS := -s -w

-include sandbox/sandbox.mk
-include worker/worker.mk
-include wasm/update.mk
-include wasm/kit.mk

# Targets the sandbox and worker makefiles provide, once they exist.
has_target = $(shell grep -qs '^$(1):' $(2) && echo $(1))
HAVE_ENGINE := $(call has_target,engine-wasm,sandbox/sandbox.mk)
OPTIONAL_TESTS := $(call has_target,sandbox-test,sandbox/sandbox.mk) $(call has_target,worker-test,worker/worker.mk)

.PHONY: all build client server run test unit content-check e2e e2e-deps e2e-kit size clean

all: build

build: client server

# The browser client: app.wasm and its pre-compressed twin.
client: $(WEB)/app.wasm.gz

$(WEB)/app.wasm.gz: $(shell find app content wasm/app wasm/browser -name '*.go' -o -name '*.md' -o -name '*.yaml' 2>/dev/null) go.mod go.sum
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="$(WASM_LDFLAGS)" -o $(WEB)/app.wasm ./wasm/app
	gzip -9 -n -k -f $(WEB)/app.wasm

# The native server embeds web/ (client included), so it is built last.
server: client $(if $(HAVE_ENGINE),engine-wasm)
	$(GO) build -trimpath -o $(BIN) ./wasm/app

run: build
	PORT=$(PORT) ./$(BIN)

content-check:
	$(GO) run ./content/cmd/contentcheck -dir content

unit:
	$(GO) vet ./...
	$(GO) test ./...

# End-to-end tests drive the real app in Debian's Chromium (playwright-core).
e2e-deps:
	@test -d wasm/e2e/node_modules || (cd wasm/e2e && npm ci --no-audit --no-fund)

# The trainer kit's tests run on the Linux x86-64 launcher and the static
# export (`make usb` builds all six launchers; `make kit-test` checks them).
E2E_KIT := Coulisses-Linux-x86_64
e2e-kit:
	$(MAKE) --no-print-directory usb static KIT_PLATFORMS=linux/amd64:$(E2E_KIT)

e2e: build e2e-deps $(call has_target,worker-npm,worker/worker.mk) e2e-kit
	cd wasm/e2e && COULISSES_KIT_REQUIRED=1 COULISSES_KIT_NAMES=$(E2E_KIT) node --test --test-concurrency=1 tests/

test: content-check unit $(OPTIONAL_TESTS) e2e

size: client
	@printf '%-28s %10s %10s\n' fichier octets gzip
	@for f in $(WEB)/*.wasm; do printf '%-28s %10d %10d\n' "$$(basename $$f)" $$(stat -c %s $$f) $$(gzip -9 -n -c $$f | wc -c); done

clean:
	rm -rf build dist $(WEB)/*.wasm $(WEB)/*.wasm.gz
