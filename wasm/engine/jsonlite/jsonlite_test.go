package jsonlite

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"coulisses/sandbox"
	"coulisses/sandbox/answer"
)

// The engine's payloads, written by Marshal and by encoding/json, must be
// the same bytes.
func TestSameAsEncodingJSON(t *testing.T) {
	files, _ := filepath.Glob("../../../sandbox/testdata/*.csv")
	files = append(files, "../../../sandbox/testdata/billetterie.xlsx")
	var values []any
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, rep, err := sandbox.Import(context.Background(), bytes.NewReader(data), int64(len(data)), sandbox.Options{})
		if err != nil {
			values = append(values, err)
			continue
		}
		values = append(values, rep, sandbox.PersonalColumns(f), sandbox.Available(f))
		for _, q := range sandbox.Questions {
			a, err := sandbox.Ask(f, q.Slug, sandbox.Params{})
			if err == nil {
				values = append(values, a)
			}
		}
	}
	values = append(values, map[string]any{"a": 1.5, "b": []any{nil, "x<y>&\u2028\x01é", 1e21, 1e-7, 123456789.0, -0.0, true}},
		answer.Answer{Question: "q", Variants: []answer.Variant{{Label: "l", Params: map[string]string{"by": "x", "a": "y"}}}},
		&sandbox.Recipe{Version: 1, Steps: []sandbox.Step{{Op: "filter", Col: &sandbox.ColRef{Role: "price"}, Cmp: "ge", Values: []string{"3"}}}},
		[]int{}, []string(nil), struct{}{}, float32(0.1))
	for i, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("value %d (%T):\n got %s\nwant %s", i, v, clip(got), clip(want))
		}
	}
	if got, _ := Marshal([]float64{math.NaN(), math.Inf(1)}); string(got) != "[null,null]" {
		t.Errorf("NaN: %s", got)
	}
}

func clip(b []byte) []byte {
	if len(b) > 600 {
		return b[:600]
	}
	return b
}
