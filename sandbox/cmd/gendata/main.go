// Command gendata writes the deterministic synthetic French ticketing
// export used by the benchmarks and tests (see package sandbox/synth), or,
// with -datasets, the bac à sable's four sample datasets.
//
//	go run ./sandbox/cmd/gendata -rows 1000000 -o /tmp/billetterie-1m.csv
//	go run ./sandbox/cmd/gendata -datasets content/datasets   (make datasets)
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"coulisses/sandbox/synth"
)

func main() {
	rows := flag.Int("rows", 100000, "number of data rows")
	out := flag.String("o", "-", "output file (- for standard output)")
	seed := flag.Uint64("seed", 2024, "generator seed")
	datasets := flag.String("datasets", "", "write the sample datasets into this directory instead")
	flag.Parse()
	if *datasets != "" {
		if err := os.MkdirAll(*datasets, 0o755); err != nil {
			fail(err)
		}
		for _, d := range synth.Datasets() {
			p := filepath.Join(*datasets, d.File)
			if err := os.WriteFile(p, d.Data, 0o644); err != nil {
				fail(err)
			}
			fmt.Printf("%s %d bytes\n", p, len(d.Data))
		}
		return
	}
	w := os.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fail(err)
		}
		defer f.Close()
		w = f
	}
	if err := synth.Write(w, *rows, *seed); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gendata:", err)
	os.Exit(1)
}
