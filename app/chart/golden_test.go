package chart

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.svg")

// TestGolden compares one chart of each kind with testdata/<kind>.svg;
// `go test ./app/chart -update` rewrites them.
func TestGolden(t *testing.T) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			got := SVG(s.c, Options{})
			path := filepath.Join("testdata", s.name+".svg")
			if *update {
				if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got+"\n" != string(want) {
				t.Errorf("%s differs from the golden file; if the change is intended, run go test ./app/chart -update and look at it", path)
			}
		})
	}
}
