//go:build js && wasm

// Command engine is the sandbox data engine compiled to WebAssembly for a
// Web Worker (wasm/app/web/engine-worker.js loads it). It keeps the
// imported Frame in the worker and answers messages:
//
//	UI → worker  {id, op:"import", name, buffer: ArrayBuffer (transferred), options:{sheet, types, roles, maxBytes}}
//	worker → UI  {id, type:"progress", bytes, rows} … then
//	             {id, type:"result", report} or {id, type:"error", kind, message, line, column}
//	UI → worker  {id, op:"query", question:"jour-achat"|"jeunes-18-35"|"top"|"fidelite", params}
//	worker → UI  {id, type:"result", table} or {id, type:"error", …}
//	UI → worker  {id, op:"settype", column, type} / {id, op:"setrole", column, role}
//
// On start it posts {type:"ready"}. To cancel an import the UI terminates
// the worker (WebAssembly cannot be interrupted from outside).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"runtime/debug"
	"syscall/js"

	"coulisses/sandbox"
	"coulisses/sandbox/fr"
)

var (
	self  = js.Global().Get("self")
	frame *sandbox.Frame
)

// bufReader reads a JS Uint8Array in chunks, so the file is never copied
// whole into Go memory.
type bufReader struct {
	u8  js.Value
	off int
	n   int
}

func (r *bufReader) Read(p []byte) (int, error) {
	if r.off >= r.n {
		return 0, io.EOF
	}
	end := min(r.off+len(p), r.n)
	k := js.CopyBytesToGo(p, r.u8.Call("subarray", r.off, end))
	r.off += k
	return k, nil
}

func post(msg map[string]any) { self.Call("postMessage", js.ValueOf(msg)) }

func postJSON(id js.Value, key string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		postErr(id, err)
		return
	}
	obj := js.Global().Get("Object").New()
	obj.Set("id", id)
	obj.Set("type", "result")
	obj.Set(key, js.Global().Get("JSON").Call("parse", string(b)))
	self.Call("postMessage", obj)
}

func postErr(id js.Value, err error) {
	var ie *sandbox.ImportError
	if !errors.As(err, &ie) {
		ie = &sandbox.ImportError{Kind: sandbox.ErrBinary, Detail: err.Error()}
	}
	post(map[string]any{"id": id, "type": "error", "kind": string(ie.Kind), "message": fr.Message(ie), "line": ie.Line, "column": ie.Column})
}

func str(v js.Value) string {
	if v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

func importOp(id, m js.Value) {
	buf := m.Get("buffer")
	u8 := js.Global().Get("Uint8Array").New(buf)
	n := u8.Get("length").Int()
	opts := sandbox.Options{}
	if o := m.Get("options"); o.Type() == js.TypeObject {
		opts.Sheet = str(o.Get("sheet"))
		if mb := o.Get("maxBytes"); mb.Type() == js.TypeNumber {
			opts.MaxBytes = int64(mb.Float())
		}
		if t := o.Get("types"); t.Type() == js.TypeObject {
			opts.Types = map[string]sandbox.Type{}
			keys := js.Global().Get("Object").Call("keys", t)
			for i := 0; i < keys.Length(); i++ {
				k := keys.Index(i).String()
				if ty, ok := sandbox.ParseType(str(t.Get(k))); ok {
					opts.Types[k] = ty
				}
			}
		}
		if r := o.Get("roles"); r.Type() == js.TypeObject {
			opts.Roles = map[string]sandbox.Role{}
			keys := js.Global().Get("Object").Call("keys", r)
			for i := 0; i < keys.Length(); i++ {
				k := keys.Index(i).String()
				opts.Roles[k] = sandbox.Role(str(r.Get(k)))
			}
		}
	}
	opts.Progress = func(b, rows int64) {
		post(map[string]any{"id": id, "type": "progress", "bytes": b, "rows": rows})
	}
	frame = nil
	debug.FreeOSMemory()
	// The columns are allocated up front and the import makes little
	// garbage: collections during it slowed a 1M-row import by ~25 % (WASM
	// is single-threaded) and saved under 10 % of peak memory. Collect after.
	debug.SetGCPercent(-1)
	f, rep, err := sandbox.Import(context.Background(), &bufReader{u8: u8, n: n}, int64(n), opts)
	debug.SetGCPercent(gcPercent)
	if err != nil {
		postErr(id, err)
		return
	}
	frame = f
	postJSON(id, "report", rep)
}

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
	if frame == nil {
		postErr(id, &sandbox.ImportError{Kind: sandbox.ErrEmpty, Detail: "aucun fichier importé"})
		return
	}
	f := frame
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
		postJSON(id, "table", toJSON(t))
	case "jeunes-18-35":
		t, err := sandbox.AgeShare(f, num("min", 18), num("max", 35))
		if err != nil {
			postErr(id, err)
			return
		}
		postJSON(id, "table", toJSON(t))
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
		postJSON(id, "rows", map[string]any{"columns": names, "rows": out})
	case "fidelite":
		n, rate, err := sandbox.Loyalty(f)
		if err != nil {
			postErr(id, err)
			return
		}
		postJSON(id, "value", map[string]any{"customers": n, "repeat_rate": rate})
	default:
		postErr(id, &sandbox.ImportError{Kind: sandbox.ErrUnknownCol, Detail: "question " + q})
	}
}

// gcPercent is low: WASM memory never shrinks, and the frame is most of
// the heap, so little headroom is needed between collections.
const gcPercent = 25

func main() {
	debug.SetGCPercent(gcPercent)
	self.Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		m := args[0].Get("data")
		id := m.Get("id")
		switch str(m.Get("op")) {
		case "import":
			importOp(id, m)
		case "query":
			queryOp(id, m)
		case "settype":
			if frame == nil {
				postErr(id, &sandbox.ImportError{Kind: sandbox.ErrEmpty})
				break
			}
			ty, ok := sandbox.ParseType(str(m.Get("type")))
			if !ok {
				postErr(id, &sandbox.ImportError{Kind: sandbox.ErrUnknownCol, Detail: "type " + str(m.Get("type"))})
				break
			}
			inv, err := frame.SetType(str(m.Get("column")), ty)
			if err != nil {
				postErr(id, err)
				break
			}
			if len(inv) > 50 {
				inv = inv[:50]
			}
			postJSON(id, "invalid", inv)
		case "setrole":
			if frame == nil {
				postErr(id, &sandbox.ImportError{Kind: sandbox.ErrEmpty})
				break
			}
			if err := frame.SetRole(str(m.Get("column")), sandbox.Role(str(m.Get("role")))); err != nil {
				postErr(id, err)
				break
			}
			postJSON(id, "ok", true)
		default:
			postErr(id, &sandbox.ImportError{Kind: sandbox.ErrUnknownCol, Detail: "op " + str(m.Get("op"))})
		}
		return nil
	}))
	post(map[string]any{"type": "ready"})
	select {}
}
