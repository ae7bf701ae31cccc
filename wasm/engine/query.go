//go:build js && wasm

package main

import (
	"syscall/js"

	"coulisses/sandbox"
)

// The legacy "query" operation: raw kernel results, kept for the
// benchmark (sandbox/bench), which compares them with DuckDB and Arquero.

type tableJSON struct {
	Key    string      `json:"key"`
	Keys   []string    `json:"keys"`
	Names  []string    `json:"names"`
	Values [][]float64 `json:"values"`
}

func toJSON(t *sandbox.Table) tableJSON {
	return tableJSON{Key: t.KeyName, Keys: t.Keys, Names: t.Names, Values: t.Values}
}

func queryOp(id, m js.Value) {
	f := session.Frame()
	if f == nil {
		postErr(id, &sandbox.AnalysisError{Kind: sandbox.ErrNoData})
		return
	}
	params := m.Get("params")
	num := func(k string, def float64) float64 {
		if params.Type() == js.TypeObject && params.Get(k).Type() == js.TypeNumber {
			return params.Get(k).Float()
		}
		return def
	}
	switch q := str(m.Get("question")); q {
	case "jour-achat":
		t, err := sandbox.PurchaseWeekday(f)
		if err != nil {
			postErr(id, err)
			return
		}
		reply(id, "result", "table", toJSON(t))
	case "jeunes-18-35":
		t, err := sandbox.AgeShare(f, num("min", 18), num("max", 35))
		if err != nil {
			postErr(id, err)
			return
		}
		reply(id, "result", "table", toJSON(t))
	case "top":
		var conds []sandbox.Cond
		if params.Type() == js.TypeObject {
			if w := params.Get("where"); w.Type() == js.TypeObject {
				keys := js.Global().Get("Object").Call("keys", w)
				for i := 0; i < keys.Length(); i++ {
					k := keys.Index(i).String()
					c := f.ByRole(sandbox.Role(k))
					if c == nil {
						c = f.Col(k)
					}
					if c == nil {
						postErr(id, &sandbox.ImportError{Kind: sandbox.ErrUnknownCol, Column: k})
						return
					}
					conds = append(conds, sandbox.Equals(c, str(w.Get(k))))
				}
			}
		}
		rows, err := sandbox.TopPrices(f, int(num("n", 10)), conds...)
		if err != nil {
			postErr(id, err)
			return
		}
		out := make([][]string, len(rows))
		names := []string{}
		for _, c := range f.Columns() {
			names = append(names, c.Name)
		}
		for k, r := range rows {
			for _, c := range f.Columns() {
				out[k] = append(out[k], c.String(r))
			}
		}
		reply(id, "result", "rows", map[string]any{"columns": names, "rows": out})
	case "fidelite":
		n, rate, err := sandbox.Loyalty(f)
		if err != nil {
			postErr(id, err)
			return
		}
		reply(id, "result", "value", map[string]any{"customers": n, "repeat_rate": rate})
	default:
		postErr(id, &sandbox.AnalysisError{Kind: sandbox.ErrQuestion, Detail: q})
	}
}
