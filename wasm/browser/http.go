package browser

import (
	"fmt"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// HTTPResponse is the answer to HTTPGet.
type HTTPResponse struct {
	Status int
	ETag   string
	Body   []byte
}

// HTTPGet fetches url, possibly on another origin (CORS, no credentials, no
// referrer, no redirect), bypassing the HTTP cache. etag, if set, is sent
// as If-None-Match (a 304 then comes back as is). At most max+1 bytes of
// the body are returned: a longer body is cut there, so that the caller
// sees it is too long without holding all of it. The request is aborted
// after timeout. An error means no answer: offline, unreachable, refused
// by CORS or by the Content-Security-Policy, timed out.
func HTTPGet(url, etag string, max int64, timeout time.Duration) (HTTPResponse, error) {
	if app.IsServer {
		return HTTPResponse{}, ErrUnavailable
	}
	win := app.Window()
	ctrl := win.Get("AbortController").New()
	opts := win.Get("Object").New()
	opts.Set("method", "GET")
	opts.Set("mode", "cors")
	opts.Set("credentials", "omit")
	opts.Set("cache", "no-store")
	opts.Set("redirect", "error")
	opts.Set("referrerPolicy", "no-referrer")
	opts.Set("signal", ctrl.Get("signal"))
	if etag != "" {
		headers := win.Get("Object").New()
		headers.Set("If-None-Match", etag)
		opts.Set("headers", headers)
	}
	abort := app.FuncOf(func(this app.Value, args []app.Value) any {
		ctrl.Call("abort")
		return nil
	})
	defer abort.Release()
	timer := win.Call("setTimeout", abort, timeout.Milliseconds())
	defer win.Call("clearTimeout", timer)

	var p app.Value
	if err := catch(func() { p = win.Call("fetch", url, opts) }); err != nil {
		return HTTPResponse{}, fmt.Errorf("requête vers %s : %w", url, err)
	}
	resp, err := await(p)
	if err != nil {
		return HTTPResponse{}, fmt.Errorf("requête vers %s : %w", url, err)
	}
	r := HTTPResponse{Status: resp.Get("status").Int()}
	if v := resp.Get("headers").Call("get", "ETag"); v.Truthy() {
		r.ETag = v.String()
	}
	if v := resp.Get("headers").Call("get", "Content-Length"); v.Truthy() {
		if n, err := strconv.ParseInt(v.String(), 10, 64); err == nil && n > max+1 {
			// Announced too long: do not download it. The caller gets
			// max+1 (blank) bytes, which it refuses as too long.
			ctrl.Call("abort")
			return HTTPResponse{Status: r.Status, ETag: r.ETag, Body: make([]byte, max+1)}, nil
		}
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return HTTPResponse{}, fmt.Errorf("lecture de %s : %w", url, err)
	}
	arr := win.Get("Uint8Array").New(buf)
	n := int64(arr.Get("length").Int())
	if n > max+1 {
		n = max + 1
		arr = arr.Call("subarray", 0, n)
	}
	r.Body = make([]byte, n)
	app.CopyBytesToGo(r.Body, arr)
	return r, nil
}

// Keys lists the keys of the store.
func Keys() ([]string, error) {
	v, err := call("keys")
	if err != nil {
		return nil, err
	}
	if v == nil || !v.Truthy() {
		return nil, nil
	}
	n := v.Get("length").Int()
	keys := make([]string, 0, n)
	for i := range n {
		if k := v.Index(i); k.Type() == app.TypeString {
			keys = append(keys, k.String())
		}
	}
	return keys, nil
}
