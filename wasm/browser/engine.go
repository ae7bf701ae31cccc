package browser

import (
	"encoding/json"
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// EngineWorkerURL is the script of the sandbox engine's Web Worker.
const EngineWorkerURL = "/web/engine-worker.js"

// Engine is the page's handle on the sandbox engine, which runs in its own
// Web Worker: files are transferred to it, never copied into the page's Go
// memory, and the page stays responsive while it works. Terminate it to
// cancel an import or to give its memory back.
type Engine struct {
	worker  app.Value
	onMsg   app.Func
	onErr   app.Func
	nextID  int
	handler func(EngineMessage)
}

// EngineMessage is a message from the engine (see wasm/engine/main.go for
// the protocol).
type EngineMessage struct {
	ID      int    `json:"id"`
	Type    string `json:"type"` // ready, progress, result, answer, file, error
	Bytes   int64  `json:"bytes"`
	Rows    int64  `json:"rows"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
	Line    int64  `json:"line"`
	Column  string `json:"column"`
	Name    string `json:"name"`
	Mime    string `json:"mime"`
	// Raw is the whole message as JSON, for the payloads (report, answer…).
	Raw []byte `json:"-"`
	// File holds the bytes of a "file" message.
	File []byte `json:"-"`
}

// StartEngine starts the engine's worker from its script's URL
// (EngineWorkerURL under the app's prefix). handler receives every
// message, on a JavaScript callback: hand it to the UI with ctx.Dispatch.
func StartEngine(url string, handler func(EngineMessage)) (*Engine, error) {
	if app.IsServer {
		return nil, ErrUnavailable
	}
	ctor := app.Window().Get("Worker")
	if !ctor.Truthy() {
		return nil, errors.New("ce navigateur ne sait pas lancer de Web Worker")
	}
	e := &Engine{handler: handler}
	if err := catch(func() { e.worker = ctor.New(url) }); err != nil {
		return nil, err
	}
	e.onMsg = app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) > 0 {
			e.handler(decodeEngineMessage(args[0].Get("data")))
		}
		return nil
	})
	e.onErr = app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "le moteur d'analyse s'est arrêté"
		if len(args) > 0 && args[0].Get("message").Truthy() {
			msg += " : " + args[0].Get("message").String()
		}
		e.handler(EngineMessage{Type: "error", Kind: "engine", Message: msg + ". Rechargez la page et réessayez."})
		return nil
	})
	e.worker.Call("addEventListener", "message", e.onMsg)
	e.worker.Call("addEventListener", "error", e.onErr)
	return e, nil
}

func decodeEngineMessage(data app.Value) EngineMessage {
	var m EngineMessage
	if !data.Truthy() {
		return EngineMessage{Type: "error", Message: "message vide du moteur"}
	}
	if data.Get("type").String() == "file" {
		m.Type = "file"
		m.ID = data.Get("id").Int()
		m.Name = data.Get("name").String()
		m.Mime = data.Get("mime").String()
		arr := app.Window().Get("Uint8Array").New(data.Get("buffer"))
		m.File = make([]byte, arr.Get("length").Int())
		app.CopyBytesToGo(m.File, arr)
		// The payloads beside the file (an answer previewing it), without
		// the buffer.
		if a := data.Get("answer"); a.Truthy() {
			holder := app.Window().Get("Object").New()
			holder.Set("answer", a)
			m.Raw = []byte(app.Window().Get("JSON").Call("stringify", holder).String())
		}
		return m
	}
	raw := app.Window().Get("JSON").Call("stringify", data).String()
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return EngineMessage{Type: "error", Message: "message illisible du moteur : " + err.Error()}
	}
	m.Raw = []byte(raw)
	return m
}

// Send posts a request (op and its fields) and returns its id. The values
// must be plain JSON values (strings, numbers, bools, maps, slices).
func (e *Engine) Send(op string, fields map[string]any) int {
	e.nextID++
	msg := map[string]any{"id": e.nextID, "op": op}
	for k, v := range fields {
		msg[k] = v
	}
	b, _ := json.Marshal(msg)
	e.worker.Call("postMessage", app.Window().Get("JSON").Call("parse", string(b)))
	return e.nextID
}

// Import transfers an ArrayBuffer to the engine and asks it to import it.
func (e *Engine) Import(name string, buffer app.Value, options map[string]any) int {
	e.nextID++
	obj := app.Window().Get("Object").New()
	obj.Set("id", e.nextID)
	obj.Set("op", "import")
	obj.Set("name", name)
	obj.Set("buffer", buffer)
	if options != nil {
		b, _ := json.Marshal(options)
		obj.Set("options", app.Window().Get("JSON").Call("parse", string(b)))
	}
	e.worker.Call("postMessage", obj, []any{buffer})
	return e.nextID
}

// SendBuffers posts a request carrying ArrayBuffers (transferred) under key.
func (e *Engine) SendBuffers(op, key string, buffers []app.Value, fields map[string]any) int {
	e.nextID++
	b, _ := json.Marshal(fields)
	obj := app.Window().Get("JSON").Call("parse", string(b))
	if !obj.Truthy() {
		obj = app.Window().Get("Object").New()
	}
	obj.Set("id", e.nextID)
	obj.Set("op", op)
	list := make([]any, len(buffers))
	for i, buf := range buffers {
		list[i] = buf
	}
	obj.Set(key, list)
	e.worker.Call("postMessage", obj, list)
	return e.nextID
}

// Terminate stops the worker at once (cancelling any work) and frees its
// memory. The Engine cannot be used afterwards.
func (e *Engine) Terminate() {
	if e == nil || e.worker == nil {
		return
	}
	e.worker.Call("terminate")
	e.worker.Call("removeEventListener", "message", e.onMsg)
	e.worker.Call("removeEventListener", "error", e.onErr)
	e.onMsg.Release()
	e.onErr.Release()
	e.worker = nil
}

// FileBuffer reads a File or Blob into an ArrayBuffer, in the page's
// JavaScript memory (not Go's), ready to be transferred to the engine.
func FileBuffer(file app.Value) (app.Value, error) {
	return await(file.Call("arrayBuffer"))
}

// FetchBuffer fetches a same-origin resource into an ArrayBuffer.
func FetchBuffer(url string) (app.Value, error) {
	resp, err := await(app.Window().Call("fetch", url))
	if err != nil {
		return nil, err
	}
	if !resp.Get("ok").Bool() {
		return nil, errors.New("fichier introuvable : " + url)
	}
	return await(resp.Call("arrayBuffer"))
}

// BytesBuffer copies bytes into a new JavaScript ArrayBuffer.
func BytesBuffer(b []byte) app.Value {
	arr := app.Window().Get("Uint8Array").New(len(b))
	app.CopyBytesToJS(arr, b)
	return arr.Get("buffer")
}
