// Package browser is the bridge between the Go client and the browser APIs
// Coulisses needs: an IndexedDB key-value store, persistent storage,
// downloads and file reading. It uses go-app's Value wrappers, so it
// compiles natively (where every call reports ErrUnavailable) and runs in
// the browser through web/bridge.js.
//
// Calls block until the browser answers: make them from a goroutine
// (ctx.Async), never from the UI goroutine.
package browser

import (
	"errors"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// ErrUnavailable means the browser API is missing (native build, private
// browsing without IndexedDB, old browser).
var ErrUnavailable = errors.New("stockage du navigateur indisponible")

// await waits for a JavaScript promise and returns its value or its
// rejection as an error.
func await(p app.Value) (app.Value, error) {
	if !p.Truthy() {
		return nil, ErrUnavailable
	}
	type result struct {
		v   app.Value
		err error
	}
	done := make(chan result, 1)
	var onOK, onErr app.Func
	onOK = app.FuncOf(func(this app.Value, args []app.Value) any {
		var v app.Value
		if len(args) > 0 {
			v = args[0]
		}
		done <- result{v: v}
		return nil
	})
	onErr = app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "erreur inconnue"
		if len(args) > 0 && args[0].Truthy() {
			if m := args[0].Get("message"); m.Truthy() {
				msg = m.String()
			} else {
				msg = args[0].Call("toString").String()
			}
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	p.Call("then", onOK, onErr)
	r := <-done
	onOK.Release()
	onErr.Release()
	return r.v, r.err
}

func store() app.Value {
	if app.IsServer {
		return nil
	}
	return app.Window().Get("coulissesStore")
}

func call(method string, args ...any) (app.Value, error) {
	s := store()
	if s == nil || !s.Truthy() {
		return nil, ErrUnavailable
	}
	var p app.Value
	if err := catch(func() { p = s.Call(method, args...) }); err != nil {
		return nil, err
	}
	v, err := await(p)
	if err != nil {
		return nil, fmt.Errorf("%s : %w", method, err)
	}
	return v, nil
}

// catch runs f and turns a JavaScript exception into an error.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}

// Get reads a value; ok is false when the key is absent.
func Get(key string) (value string, ok bool, err error) {
	v, err := call("get", key)
	if err != nil {
		return "", false, err
	}
	if v == nil || v.IsNull() || v.IsUndefined() {
		return "", false, nil
	}
	return v.String(), true, nil
}

// Put stores a value under key.
func Put(key, value string) error {
	_, err := call("put", key, value)
	return err
}

// Delete removes a key.
func Delete(key string) error {
	_, err := call("del", key)
	return err
}

// Wipe deletes everything the app stored on the device: the IndexedDB
// database and the local and session storage of the origin.
func Wipe() error {
	_, err := call("wipe")
	return err
}

// Persist asks the browser to keep the app's storage (not to evict it under
// pressure) and reports whether it agreed.
func Persist() (bool, error) {
	v, err := call("persist")
	if err != nil {
		return false, err
	}
	return v != nil && v.Truthy(), nil
}

// Download makes the browser save data as a file named name.
func Download(name, mime string, data []byte) error {
	if app.IsServer {
		return ErrUnavailable
	}
	fn := app.Window().Get("coulissesDownload")
	if !fn.Truthy() {
		return ErrUnavailable
	}
	arr := app.Window().Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(arr, data)
	return catch(func() { app.Window().Call("coulissesDownload", name, mime, arr) })
}

// ReadFile reads the bytes of a JavaScript File or Blob.
func ReadFile(file app.Value) ([]byte, error) {
	if file == nil || !file.Truthy() {
		return nil, errors.New("aucun fichier")
	}
	v, err := await(file.Call("arrayBuffer"))
	if err != nil {
		return nil, fmt.Errorf("lecture de %s : %w", file.Get("name").String(), err)
	}
	arr := app.Window().Get("Uint8Array").New(v)
	b := make([]byte, arr.Get("length").Int())
	app.CopyBytesToGo(b, arr)
	return b, nil
}

// Fetch reads a same-origin resource (served by the app or its service
// worker) and returns its bytes.
func Fetch(url string) ([]byte, error) {
	if app.IsServer {
		return nil, ErrUnavailable
	}
	resp, err := await(app.Window().Call("fetch", url))
	if err != nil {
		return nil, fmt.Errorf("chargement de %s : %w", url, err)
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("chargement de %s : réponse %d", url, resp.Get("status").Int())
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return nil, fmt.Errorf("lecture de %s : %w", url, err)
	}
	arr := app.Window().Get("Uint8Array").New(buf)
	b := make([]byte, arr.Get("length").Int())
	app.CopyBytesToGo(b, arr)
	return b, nil
}
