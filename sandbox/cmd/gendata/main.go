// Command gendata writes the deterministic synthetic French ticketing
// export used by the benchmarks and tests (see package sandbox/synth).
//
//	go run ./sandbox/cmd/gendata -rows 1000000 -o /tmp/billetterie-1m.csv
package main

import (
	"flag"
	"fmt"
	"os"

	"coulisses/sandbox/synth"
)

func main() {
	rows := flag.Int("rows", 100000, "number of data rows")
	out := flag.String("o", "-", "output file (- for standard output)")
	seed := flag.Uint64("seed", 2024, "generator seed")
	flag.Parse()
	w := os.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gendata:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := synth.Write(w, *rows, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}
