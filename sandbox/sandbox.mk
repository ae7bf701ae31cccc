# Sandbox data engine targets. Included by the root Makefile.
#   make inspect FILE=path      one JSON object describing the import
#   make sandbox-test           unit tests + a few seconds of each fuzz target
#   make fuzz [FUZZTIME=60s]    longer fuzzing of the sniffers and parsers
#   make engine-wasm            wasm/engine → wasm/app/web/engine.wasm (+ .gz)
#   make bench [BENCH_ROWS=…]   engine (WASM under Node) vs DuckDB-WASM vs Arquero

SANDBOX_FUZZ_SHORT ?= 3s
FUZZTIME ?= 60s

.PHONY: inspect
inspect:
	@test -n "$(FILE)" || { echo "usage: make inspect FILE=path/to/export.csv" >&2; exit 2; }
	@$(GO) run ./sandbox/cmd/inspect $(INSPECT_FLAGS) "$(FILE)"
