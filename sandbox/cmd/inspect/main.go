// Command inspect imports a ticketing or CRM export with the same engine as
// the browser and prints one JSON object describing it: encoding,
// delimiter, decimal separator, header, rows, footer rows and, per column,
// name, type, role, missing and invalid counts and three examples, plus the
// quality report and the warnings.
//
//	go run ./sandbox/cmd/inspect [-sheet NAME] [-type "Col=text"] FILE
//
// On an import error it prints {"error": {kind, line, column, detail},
// "message": "<French sentence>"} and exits with status 1.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"coulisses/sandbox"
	"coulisses/sandbox/fr"
)

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

func main() {
	sheet := flag.String("sheet", "", "xlsx sheet name (default: the first sheet)")
	var types, roles multi
	flag.Var(&types, "type", "force a column type, as Column=type (repeatable)")
	flag.Var(&roles, "role", "force a column role, as Column=role (repeatable)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: inspect [-sheet NAME] [-type Col=type] [-role Col=role] FILE")
		os.Exit(2)
	}
	opts := sandbox.Options{Sheet: *sheet, Types: map[string]sandbox.Type{}, Roles: map[string]sandbox.Role{}}
	for _, t := range types {
		k, v, _ := strings.Cut(t, "=")
		ty, ok := sandbox.ParseType(v)
		if !ok {
			fmt.Fprintf(os.Stderr, "inspect: unknown type %q\n", v)
			os.Exit(2)
		}
		opts.Types[k] = ty
	}
	for _, r := range roles {
		k, v, _ := strings.Cut(r, "=")
		opts.Roles[k] = sandbox.Role(v)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "inspect:", err)
		os.Exit(1)
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	_, rep, err := sandbox.Import(context.Background(), f, size, opts)
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err != nil {
		var ie *sandbox.ImportError
		if !errors.As(err, &ie) {
			ie = &sandbox.ImportError{Kind: sandbox.ErrBinary, Detail: err.Error()}
		}
		enc.Encode(map[string]any{"error": ie, "message": fr.Message(ie)})
		os.Exit(1)
	}
	enc.Encode(rep)
}
