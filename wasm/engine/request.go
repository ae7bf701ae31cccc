//go:build js && wasm

package main

import (
	"syscall/js"

	"coulisses/sandbox"
)

// Requests are read straight from the JavaScript objects (no JSON
// decoding: encoding/json's decoder weighs on the engine's size). Missing
// or mistyped fields read as zero values; the sandbox validates.

func field(v js.Value, k string) js.Value {
	if v.Type() != js.TypeObject {
		return js.Undefined()
	}
	return v.Get(k)
}

func getStr(v js.Value, k string) string { return str(field(v, k)) }

func getNum(v js.Value, k string) float64 {
	if f := field(v, k); f.Type() == js.TypeNumber {
		return f.Float()
	}
	return 0
}

func getInt(v js.Value, k string) int { return int(getNum(v, k)) }

func getBool(v js.Value, k string) bool {
	f := field(v, k)
	return f.Type() == js.TypeBoolean && f.Bool()
}

func isArray(v js.Value) bool {
	return v.Type() == js.TypeObject && js.Global().Get("Array").Call("isArray", v).Bool()
}

func getStrs(v js.Value, k string) []string {
	a := field(v, k)
	if !isArray(a) {
		return nil
	}
	out := make([]string, 0, a.Length())
	for i := 0; i < a.Length(); i++ {
		e := a.Index(i)
		switch e.Type() {
		case js.TypeString:
			out = append(out, e.String())
		case js.TypeNumber:
			out = append(out, js.Global().Call("String", e).String())
		}
	}
	return out
}

// getStrMap reads {key: "value"} objects (import options).
func getStrMap(v js.Value, k string) map[string]string {
	o := field(v, k)
	if o.Type() != js.TypeObject {
		return nil
	}
	keys := js.Global().Get("Object").Call("keys", o)
	out := make(map[string]string, keys.Length())
	for i := 0; i < keys.Length(); i++ {
		key := keys.Index(i).String()
		out[key] = str(o.Get(key))
	}
	return out
}

func readParams(v js.Value) sandbox.Params {
	return sandbox.Params{By: getStr(v, "by"), Min: getNum(v, "min"), Max: getNum(v, "max"), Top: getInt(v, "top")}
}

func readColRef(v js.Value) *sandbox.ColRef {
	if v.Type() == js.TypeString {
		return &sandbox.ColRef{Name: v.String()}
	}
	if v.Type() != js.TypeObject {
		return nil
	}
	return &sandbox.ColRef{Role: getStr(v, "role"), Name: getStr(v, "name")}
}

func readColRefs(v js.Value) []sandbox.ColRef {
	if !isArray(v) {
		return nil
	}
	var out []sandbox.ColRef
	for i := 0; i < v.Length(); i++ {
		if r := readColRef(v.Index(i)); r != nil {
			out = append(out, *r)
		}
	}
	return out
}

// readRecipe reads {version, steps:[…]} (nil when v is not an object).
func readRecipe(v js.Value) *sandbox.Recipe {
	if v.Type() != js.TypeObject {
		return nil
	}
	r := &sandbox.Recipe{Version: getInt(v, "version")}
	steps := field(v, "steps")
	if !isArray(steps) {
		return r
	}
	for i := 0; i < steps.Length(); i++ {
		s := steps.Index(i)
		st := sandbox.Step{
			Op: getStr(s, "op"), Col: readColRef(field(s, "col")), Cmp: getStr(s, "cmp"), Values: getStrs(s, "values"),
			Kind: getStr(s, "kind"), From: readColRefs(field(s, "from")), As: getStr(s, "as"),
			By: readColRefs(field(s, "by")), Columns: readColRef(field(s, "columns")),
			Key: getStr(s, "key"), Desc: getBool(s, "desc"), N: getInt(s, "n"),
		}
		if aggs := field(s, "aggs"); isArray(aggs) {
			for k := 0; k < aggs.Length(); k++ {
				a := aggs.Index(k)
				st.Aggs = append(st.Aggs, sandbox.AggSpec{Fn: getStr(a, "fn"), Col: readColRef(field(a, "col"))})
			}
		}
		r.Steps = append(r.Steps, st)
	}
	return r
}

// readExport reads an export request: source is a question slug (string),
// a recipe ({version, steps}) or an object holding one ({recipe: {…}}).
func readExport(m js.Value) sandbox.ExportRequest {
	req := sandbox.ExportRequest{What: getStr(m, "what"), Params: readParams(field(m, "params")), K: getInt(m, "k"), Venue: getStr(m, "venue")}
	src := field(m, "source")
	switch src.Type() {
	case js.TypeString:
		req.Question = src.String()
	case js.TypeObject:
		if inner := field(src, "recipe"); inner.Type() == js.TypeObject {
			src = inner // {recipe: {version, steps}}
		}
		req.Recipe = readRecipe(src)
		if req.Recipe == nil {
			req.Recipe = &sandbox.Recipe{}
		}
	}
	return req
}
