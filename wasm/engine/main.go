//go:build js && wasm

// Command engine is the sandbox data engine compiled to WebAssembly for a
// Web Worker (wasm/app/web/engine-worker.js loads it). It keeps the
// imported file in the worker (a sandbox.Session) and answers messages.
// Every request carries an id that its replies repeat; payloads are plain
// JSON (the Go types named below marshal them), except files, which travel
// as transferred ArrayBuffers.
//
// On start the worker posts {type:"ready", version}. To cancel a long
// operation (an import), the page terminates the worker: WebAssembly
// cannot be interrupted from outside.
//
// Requests (page → worker) and replies (worker → page). The payload types
// are Go types whose JSON the page decodes: sandbox.Report (import.go),
// answer.Answer (sandbox/answer), sandbox.Recipe (recipe.go),
// sandbox.PersonalColumn (privacy.go), sandbox.QuestionStatus
// (questions.go).
//
//	{id, op:"import", name, buffer: ArrayBuffer (transferred),
//	     options: {sheet, types: {column: type}, roles: {column: role}, maxBytes}}
//	  → {id, type:"progress", bytes, rows} … then
//	    {id, type:"report", report}
//	{id, op:"preview", n}                              first n rows (default 50, at most 500)
//	  → {id, type:"table", table}                     answer.Table (dates as dd/mm/yyyy [hh:mm])
//	{id, op:"settype", column, type}                   "text", "integer", "decimal", "percent", "date",
//	                                                   "datetime", "boolean", "postcode", "identifier"
//	  → {id, type:"report", report, invalid}          invalid: values that no longer fit (at most 50)
//	{id, op:"setrole", column, role}                   a role code (sandbox.Roles, plus "info_source"), "" for none
//	  → {id, type:"report", report}
//	{id, op:"questions"}
//	  → {id, type:"questions", questions}             [{slug, title, fiche, missing: [{role, label, why}]}]
//	{id, op:"question", slug, params: {by, min, max, top}}
//	  → {id, type:"answer", answer}                   with missing set (no tables) when a role is missing;
//	                                                   answer.variants lists the "by" values the file allows
//	{id, op:"explore", recipe: {version, steps: […]}}  (no recipe: every row)
//	  → {id, type:"answer", answer, recipe}           recipe: canonical (columns by role and name): save this one
//	{id, op:"personal"}
//	  → {id, type:"personal", columns}                [sandbox.PersonalColumn]
//	{id, op:"drop", columns: [name…]}
//	  → {id, type:"report", report, personal}         the current file without those columns
//	{id, op:"pseudonymise", columns: [name…], key: base64 of exactly 32 bytes}
//	  → {id, type:"report", report, personal}         values replaced by « ps_ » + 16 base32 characters
//	                                                   (HMAC-SHA256 under the key; same value, same token)
//	{id, op:"reset"}                                   back to the file as imported (undoes drop and pseudonymise)
//	  → {id, type:"report", report, personal}
//	{id, op:"export", what: "csv"|"xlsx", source: "slug", params: {…}}
//	{id, op:"export", what: "csv"|"xlsx", source: {version, steps} or {recipe: {version, steps}}}
//	{id, op:"export", what: "aggregates", k, venue}
//	  → {id, type:"file", name, mime, buffer: ArrayBuffer (transferred), answer?}
//	    csv/xlsx of a question: its tables (XLSX: one sheet each, and « À lire »);
//	    csv/xlsx of a recipe: the whole result, every group or every selected row;
//	    aggregates: the shareable-aggregates CSV (k: 0 → 10; below 2 → 2, said in the
//	    answer) and answer, a preview of what it shares and masks
//	{id, op:"peers", files: [ArrayBuffer…] (transferred), names: [file name…]}
//	  → {id, type:"answer", answer}                   your indicators beside the partners' pool
//	                                                   (works without an imported file: the pool alone)
//	{id, op:"query", question:"jour-achat"|"jeunes-18-35"|"top"|"fidelite", params}
//	  → {id, type:"result", table|rows|value}        legacy raw kernels (sandbox/bench)
//
// Any request can fail with {id, type:"error", kind, message, line, column,
// step}: kind is a sandbox.Kind code ("quote", "no_data", "recipe",
// "key", "column", "export", "peers_file", "unknown_question"…), message a
// French sentence to show as is (it names the recipe step or the file and
// line when there is one). Every operation but import and peers needs an
// imported file (else kind "no_data").
package main

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"runtime/debug"
	"syscall/js"

	"coulisses/sandbox"
	"coulisses/sandbox/fr"
	"coulisses/wasm/engine/jsonlite"
)

// version is the protocol version posted with "ready".
const version = 2

var (
	self    = js.Global().Get("self")
	jsJSON  = js.Global().Get("JSON")
	session = &sandbox.Session{Generator: "Coulisses"}
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

// reply posts {id, type, key: value…} with values marshalled to JSON.
func reply(id js.Value, typ string, kv ...any) {
	obj := js.Global().Get("Object").New()
	obj.Set("id", id)
	obj.Set("type", typ)
	for i := 0; i+1 < len(kv); i += 2 {
		b, err := jsonlite.Marshal(kv[i+1])
		if err != nil {
			postErr(id, err)
			return
		}
		obj.Set(kv[i].(string), jsJSON.Call("parse", string(b)))
	}
	self.Call("postMessage", obj)
}

func postErr(id js.Value, err error) {
	var ae *sandbox.AnalysisError
	if errors.As(err, &ae) {
		post(map[string]any{"id": id, "type": "error", "kind": string(ae.Kind), "message": ae.French(), "line": ae.Line, "column": ae.Column, "step": ae.Step})
		return
	}
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
	o := field(m, "options")
	opts := sandbox.Options{Sheet: getStr(o, "sheet"), MaxBytes: int64(getNum(o, "maxBytes"))}
	if ts := getStrMap(o, "types"); len(ts) > 0 {
		opts.Types = map[string]sandbox.Type{}
		for k, v := range ts {
			if t, ok := sandbox.ParseType(v); ok {
				opts.Types[k] = t
			}
		}
	}
	if rs := getStrMap(o, "roles"); len(rs) > 0 {
		opts.Roles = map[string]sandbox.Role{}
		for k, v := range rs {
			opts.Roles[k] = sandbox.Role(v)
		}
	}
	opts.Progress = func(b, rows int64) {
		post(map[string]any{"id": id, "type": "progress", "bytes": b, "rows": rows})
	}
	session.Close() // drop the previous file first
	debug.FreeOSMemory()
	// The columns are allocated up front and the import makes little
	// garbage: collections during it slowed a 1M-row import by ~25 % (WASM
	// is single-threaded) and saved under 10 % of peak memory. Collect after.
	debug.SetGCPercent(-1)
	rep, err := session.Import(context.Background(), &bufReader{u8: u8, n: n}, int64(n), opts)
	debug.SetGCPercent(gcPercent)
	if err != nil {
		postErr(id, err)
		return
	}
	reply(id, "report", "report", rep)
}

func handle(id, m js.Value) {
	switch op := str(m.Get("op")); op {
	case "import":
		importOp(id, m)
	case "preview":
		t, err := session.Preview(getInt(m, "n"))
		if err != nil {
			postErr(id, err)
			return
		}
		reply(id, "table", "table", t)
	case "settype":
		rep, inv, err := session.SetType(getStr(m, "column"), getStr(m, "type"))
		if err != nil {
			postErr(id, err)
			return
		}
		if inv == nil {
			inv = []sandbox.Invalid{}
		}
		reply(id, "report", "report", rep, "invalid", inv)
	case "setrole":
		rep, err := session.SetRole(getStr(m, "column"), getStr(m, "role"))
		if err != nil {
			postErr(id, err)
			return
		}
		reply(id, "report", "report", rep)
	case "questions":
		qs, err := session.Questions()
		if err != nil {
			postErr(id, err)
			return
		}
		reply(id, "questions", "questions", qs)
	case "question":
		a, err := session.Ask(getStr(m, "slug"), readParams(field(m, "params")))
		if err != nil {
			postErr(id, err)
			return
		}
		reply(id, "answer", "answer", a)
	case "explore":
		e, err := session.Explore(readRecipe(field(m, "recipe")))
		if err != nil {
			postErr(id, err)
			return
		}
		reply(id, "answer", "answer", e.Answer, "recipe", e.Recipe)
	case "personal":
		p, err := session.Personal()
		if err != nil {
			postErr(id, err)
			return
		}
		reply(id, "personal", "columns", nonNil(p))
	case "drop", "pseudonymise", "reset":
		columns := getStrs(m, "columns")
		var rep *sandbox.Report
		var err error
		switch op {
		case "drop":
			rep, err = session.Drop(columns)
		case "pseudonymise":
			key, kerr := base64.StdEncoding.DecodeString(getStr(m, "key"))
			if kerr != nil {
				key = nil
			}
			rep, err = session.Pseudonymise(columns, key)
		default:
			rep, err = session.Reset()
		}
		if err != nil {
			postErr(id, err)
			return
		}
		p, _ := session.Personal()
		reply(id, "report", "report", rep, "personal", nonNil(p))
	case "export":
		f, a, err := session.Export(readExport(m))
		if err != nil {
			postErr(id, err)
			return
		}
		postFile(id, f, a)
	case "peers":
		files := m.Get("files")
		names := m.Get("names")
		var nf []sandbox.NamedFile
		for i := 0; files.Type() == js.TypeObject && i < files.Length(); i++ {
			u8 := js.Global().Get("Uint8Array").New(files.Index(i))
			b := make([]byte, u8.Get("length").Int())
			js.CopyBytesToGo(b, u8)
			name := ""
			if names.Type() == js.TypeObject && i < names.Length() {
				name = str(names.Index(i))
			}
			nf = append(nf, sandbox.NamedFile{Name: name, Data: b})
		}
		a, err := session.Peers(nf)
		if err != nil {
			postErr(id, err)
			return
		}
		reply(id, "answer", "answer", a)
	case "query":
		queryOp(id, m)
	default:
		postErr(id, &sandbox.AnalysisError{Kind: sandbox.ErrQuestion, Detail: "op " + op, Message: "Demande inconnue du moteur d'analyse (« " + op + " »)."})
	}
}

// postFile transfers a file's bytes as an ArrayBuffer.
func postFile(id js.Value, f *sandbox.ExportFile, a any) {
	u8 := js.Global().Get("Uint8Array").New(len(f.Data))
	js.CopyBytesToJS(u8, f.Data)
	buf := u8.Get("buffer")
	obj := js.Global().Get("Object").New()
	obj.Set("id", id)
	obj.Set("type", "file")
	obj.Set("name", f.Name)
	obj.Set("mime", f.MIME)
	obj.Set("buffer", buf)
	if a != nil {
		if b, err := jsonlite.Marshal(a); err == nil && string(b) != "null" {
			obj.Set("answer", jsJSON.Call("parse", string(b)))
		}
	}
	self.Call("postMessage", obj, js.ValueOf([]any{buf}))
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// gcPercent is low: WASM memory never shrinks, and the frame is most of
// the heap, so little headroom is needed between collections.
const gcPercent = 25

func main() {
	debug.SetGCPercent(gcPercent)
	self.Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		m := args[0].Get("data")
		handle(m.Get("id"), m)
		return nil
	}))
	post(map[string]any{"type": "ready", "version": version})
	select {}
}
