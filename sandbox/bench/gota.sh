#!/bin/sh
# make gota-bench: gota (v0.12.0) vs plain Go on the small tables of the
# sandbox (previews of 50 and 1,000 rows, results of 100 and 5,000 groups),
# natively and in WebAssembly under Node, then the size of engine.wasm
# without them, with the table operations in plain Go (package table),
# with the filter through gota's Series.Compare (gotadf.FilterSeries) and
# with every operation through gota DataFrames.
set -e
cd "$(dirname "$0")/../.."
GO=${GO:-go}
BENCHTIME=${BENCHTIME:-300ms}
echo "== native ($($GO env GOARCH))"
$GO test -run '^$' -bench . -benchtime "$BENCHTIME" ./sandbox/table/gotadf | grep -E '^Benchmark'
echo "== wasm under Node ($(node --version))"
GOOS=js GOARCH=wasm $GO test -exec="$($GO env GOROOT)/lib/wasm/go_js_wasm_exec" -run '^$' -bench . -benchtime "$BENCHTIME" ./sandbox/table/gotadf | grep -E '^Benchmark'
echo "== engine.wasm size (bytes, gzip -9)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for v in base plain gotafilter gota; do
	ov=""
	if [ $v != base ]; then
		printf '{"Replace":{"%s/wasm/engine/zz_size_probe.go":"%s/sandbox/bench/gotasize/%s.go.txt"}}' "$PWD" "$PWD" $v > "$tmp/$v.json"
		ov="-overlay=$tmp/$v.json"
	fi
	GOOS=js GOARCH=wasm $GO build -trimpath -ldflags="-s -w" $ov -o "$tmp/$v.wasm" ./wasm/engine
	echo "$v $(wc -c < "$tmp/$v.wasm") $(gzip -9 -c "$tmp/$v.wasm" | wc -c)"
done
