# Sandbox data engine targets. Included by the root Makefile.
#   make inspect FILE=path      one JSON object describing the import
#   make sandbox-test           unit tests + a few seconds of each fuzz target
#   make fuzz [FUZZTIME=60s]    longer fuzzing of the sniffers and parsers
#   make engine-wasm            wasm/engine → wasm/app/web/engine.wasm (+ .gz)
#   make bench [BENCH_ROWS=…] [BENCH_RUNS=rounds] [BENCH_REPS=…] [BENCH_ENGINES=ours,duckdb]
#                               engine (WASM under Node) vs DuckDB-WASM vs Arquero, interleaved

SANDBOX_FUZZ_SHORT ?= 3s
FUZZTIME ?= 60s

.PHONY: inspect
inspect:
	@test -n "$(FILE)" || { echo "usage: make inspect FILE=path/to/export.csv" >&2; exit 2; }
	@$(GO) run ./sandbox/cmd/inspect $(INSPECT_FLAGS) "$(FILE)"

SANDBOX_FUZZ_TARGETS := FuzzImport FuzzScanner FuzzNumber FuzzDate FuzzDecoder

# Unit tests, then a few seconds of each fuzz target (the root `make test` calls this).
.PHONY: sandbox-test
sandbox-test:
	$(GO) test ./sandbox/...
	@for t in $(SANDBOX_FUZZ_TARGETS); do \
		echo "fuzz $$t ($(SANDBOX_FUZZ_SHORT))"; \
		$(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(SANDBOX_FUZZ_SHORT) ./sandbox || exit 1; \
	done

# Longer fuzzing; failing inputs land in sandbox/testdata/fuzz/<target>/.
.PHONY: fuzz
fuzz:
	@for t in $(SANDBOX_FUZZ_TARGETS); do \
		echo "fuzz $$t ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) ./sandbox || exit 1; \
	done

ENGINE_WASM := wasm/app/web/engine.wasm

# The engine for the browser's Web Worker (and the bench).
.PHONY: engine-wasm
engine-wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(ENGINE_WASM) ./wasm/engine
	gzip -9 -k -f $(ENGINE_WASM)
	@ls -l $(ENGINE_WASM) $(ENGINE_WASM).gz | awk '{print $$5, $$9}'

BENCH_ROWS ?= 100000,1000000
BENCH_RUNS ?= 3
BENCH_REPS ?= 3
BENCH_ENGINES ?= ours,duckdb,arquero

# Engine (WASM under Node) vs DuckDB-WASM vs Arquero, BENCH_RUNS interleaved
# rounds of one process per engine, each step run BENCH_REPS times per
# process; prints a table (medians, ranges, ratios) and, last, one JSON line.
.PHONY: bench
bench: engine-wasm
	cd sandbox/bench && npm ci --no-audit --no-fund --silent
	BENCH_ENGINES=$(BENCH_ENGINES) node sandbox/bench/bench.mjs $(BENCH_ROWS) $(BENCH_RUNS) $(BENCH_REPS)
