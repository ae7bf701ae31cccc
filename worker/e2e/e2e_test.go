//go:build linux

package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"coulisses/worker/manifest"
)

const (
	workerDir   = ".."   // worker/, where wrangler.toml lives
	defaultPort = "8787" // wrangler dev's usual port
	startLimit  = 90 * time.Second
	samples     = 40
)

var client = &http.Client{Timeout: 15 * time.Second}

// TestWorker checks the worker the way the application uses it.
func TestWorker(t *testing.T) {
	base := os.Getenv("COULISSES_WORKER_URL")
	switch {
	case base != "":
		base = strings.TrimRight(base, "/")
	case os.Getenv("COULISSES_E2E") == "wrangler":
		base = startWrangler(t)
	default:
		t.Skip("set COULISSES_E2E=wrangler (make worker-test) or COULISSES_WORKER_URL to run")
	}

	appOrigin := os.Getenv("COULISSES_APP_ORIGIN")
	if appOrigin == "" {
		appOrigin = "http://127.0.0.1:8080" // ALLOWED_ORIGINS in wrangler.toml
	}

	// Manifest: 200, ETag, short cache, and it verifies.
	res := get(t, "GET", base+"/v1/manifest.json", nil)
	wantStatus(t, res, 200)
	etag := res.header.Get("ETag")
	if etag == "" {
		t.Fatal("manifest has no ETag")
	}
	wantHeader(t, res, "Cache-Control", "public, max-age=60, must-revalidate")
	wantHeader(t, res, "Content-Type", "application/json; charset=utf-8")
	m := checkManifest(t, res.body)
	t.Logf("manifest: version %d, %d files, %d bytes, ETag %s", m.Version, len(m.Files), len(res.body), etag)
	if len(m.Files) == 0 {
		t.Fatal("manifest lists no files")
	}

	// Conditional request: 304 without body.
	res = get(t, "GET", base+"/v1/manifest.json", map[string]string{"If-None-Match": etag})
	wantStatus(t, res, http.StatusNotModified)
	if len(res.body) != 0 {
		t.Errorf("304 with a %d-byte body", len(res.body))
	}

	// HEAD: headers of the GET, no body.
	res = get(t, "HEAD", base+"/v1/manifest.json", nil)
	wantStatus(t, res, 200)
	wantHeader(t, res, "ETag", etag)

	// A file: immutable, and its bytes match the manifest.
	f := largest(m.Files)
	fileURL := base + "/v1/files/" + f.SHA256
	res = get(t, "GET", fileURL, map[string]string{"Origin": appOrigin})
	wantStatus(t, res, 200)
	wantHeader(t, res, "Cache-Control", "public, max-age=31536000, immutable")
	wantHeader(t, res, "ETag", `"`+f.SHA256+`"`)
	wantHeader(t, res, "Access-Control-Allow-Origin", appOrigin)
	if err := manifest.CheckFile(f, res.body); err != nil {
		t.Errorf("served file: %v", err)
	}

	res = get(t, "HEAD", fileURL, nil)
	wantStatus(t, res, 200)
	wantHeader(t, res, "Content-Length", fmt.Sprint(f.Size))
	if len(res.body) != 0 {
		t.Errorf("HEAD with a %d-byte body", len(res.body))
	}

	res = get(t, "GET", fileURL, map[string]string{"Range": "bytes=0-9"})
	wantStatus(t, res, http.StatusPartialContent)
	wantHeader(t, res, "Content-Range", fmt.Sprintf("bytes 0-9/%d", f.Size))
	if len(res.body) != 10 {
		t.Errorf("Range 0-9 gave %d bytes", len(res.body))
	}

	res = get(t, "GET", fileURL, map[string]string{"If-None-Match": `"` + f.SHA256 + `"`})
	wantStatus(t, res, http.StatusNotModified)

	// Foreign origins get no CORS grant.
	res = get(t, "GET", fileURL, map[string]string{"Origin": "https://ailleurs.example"})
	wantHeader(t, res, "Access-Control-Allow-Origin", "")

	// Errors: JSON with a French message.
	missing := strings.Repeat("0", 64)
	wantJSONError(t, get(t, "GET", base+"/v1/files/"+missing, nil), 404, "file_not_found")
	wantJSONError(t, get(t, "GET", base+"/v1/files/pas-une-empreinte", nil), 404, "invalid_hash")
	wantJSONError(t, get(t, "GET", base+"/", nil), 404, "not_found")
	res = get(t, "POST", base+"/v1/manifest.json", nil)
	wantJSONError(t, res, 405, "method_not_allowed")
	wantHeader(t, res, "Allow", "GET, HEAD, OPTIONS")

	// Latency, once warm.
	cond := map[string]string{"If-None-Match": etag}
	t.Logf("GET manifest (304): %s", measure(t, "GET", base+"/v1/manifest.json", cond, 304))
	t.Logf("GET manifest (200): %s", measure(t, "GET", base+"/v1/manifest.json", nil, 200))
	t.Logf("GET file %d B (200): %s", f.Size, measure(t, "GET", fileURL, nil, 200))
}

// checkManifest verifies the served envelope with the bundle's public key
// (or COULISSES_PUBLIC_KEY for a deployment) and every field limit.
func checkManifest(t *testing.T, body []byte) manifest.Manifest {
	t.Helper()
	key := os.Getenv("COULISSES_PUBLIC_KEY")
	if key == "" {
		data, err := os.ReadFile(filepath.Join(workerDir, "bundle", "public-key.txt"))
		if err != nil {
			t.Fatalf("no public key: set COULISSES_PUBLIC_KEY or build the bundle: %v", err)
		}
		key = string(data)
	}
	pub, err := manifest.ParsePublicKey(key)
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Verify(pub, body, 0)
	if err != nil {
		t.Fatalf("served manifest rejected: %v", err)
	}
	return m
}

func largest(files []manifest.File) manifest.File {
	return slices.MaxFunc(files, func(a, b manifest.File) int { return int(a.Size - b.Size) })
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func get(t *testing.T, method, url string, header map[string]string) response {
	t.Helper()
	res, err := do(method, url, header)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return res
}

func do(method, url string, header map[string]string) (response, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return response{}, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, body}, err
}

func wantStatus(t *testing.T, r response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %.300s", r.status, status, r.body)
	}
}

func wantHeader(t *testing.T, r response, name, want string) {
	t.Helper()
	if got := r.header.Get(name); got != want {
		t.Errorf("%s = %q, want %q", name, got, want)
	}
}

func wantJSONError(t *testing.T, r response, status int, code string) {
	t.Helper()
	wantStatus(t, r, status)
	var e struct {
		Status  int
		Code    string
		Message string
	}
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body %q is not JSON: %v", r.body, err)
	}
	if e.Status != status || e.Code != code || e.Message == "" {
		t.Errorf("error body %+v, want status %d, code %q, a message", e, status, code)
	}
}

// measure times sequential requests and returns p50/p95/max.
func measure(t *testing.T, method, url string, header map[string]string, status int) string {
	t.Helper()
	var d []time.Duration
	for range samples {
		start := time.Now()
		res := get(t, method, url, header)
		d = append(d, time.Since(start))
		wantStatus(t, res, status)
	}
	slices.Sort(d)
	ms := func(x time.Duration) string { return fmt.Sprintf("%.1f ms", float64(x.Microseconds())/1000) }
	return fmt.Sprintf("p50 %s, p95 %s, max %s over %d requests", ms(d[len(d)/2]), ms(d[len(d)*95/100]), ms(d[len(d)-1]), len(d))
}

// startWrangler starts `wrangler dev` on 127.0.0.1 (port 8787, or a free
// one if something already listens there), waits for the first 200 from
// the manifest and stops the whole process group when the test ends.
func startWrangler(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(workerDir, "node_modules", ".bin", "wrangler")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("wrangler not installed (cd worker && npm ci): %v", err)
	}
	if _, err := os.Stat(filepath.Join(workerDir, "build", "app.wasm")); err != nil {
		t.Fatalf("worker not built (make worker-build): %v", err)
	}
	port := os.Getenv("COULISSES_E2E_PORT")
	if port == "" {
		port = defaultPort
		if busy(port) {
			port = freePort(t)
			t.Logf("127.0.0.1:%s is busy (another wrangler?); using port %s", defaultPort, port)
		}
	}
	logPath := filepath.Join(t.TempDir(), "wrangler.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("./node_modules/.bin/wrangler", "dev",
		"--ip", "127.0.0.1", "--port", port, "--show-interactive-dev-session=false")
	cmd.Dir = workerDir
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "CLOUDFLARE_CF_FETCH_ENABLED=false", "CI=true")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Own process group (wrangler starts workerd and esbuild): we stop the
	// group by its id; the parent's death kills wrangler too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	// Become the subreaper of wrangler's descendants: workerd processes that
	// outlive wrangler are reparented to this test, which reaps them, instead
	// of to an init that may leave them as zombies.
	const prSetChildSubreaper = 36
	syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pgid := cmd.Process.Pid
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		// wrangler first, so that it stops and reaps workerd itself; then
		// whatever is left of its group.
		syscall.Kill(pgid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			syscall.Kill(-pgid, syscall.SIGKILL)
			<-exited
		}
		time.Sleep(200 * time.Millisecond)
		syscall.Kill(-pgid, syscall.SIGKILL)
		reapOrphans(2 * time.Second)
		logFile.Close()
		if t.Failed() {
			out, _ := os.ReadFile(logPath)
			t.Logf("wrangler log:\n%s", out)
		}
	})

	base := "http://127.0.0.1:" + port
	for {
		select {
		case err := <-exited:
			out, _ := os.ReadFile(logPath)
			t.Fatalf("wrangler exited before serving: %v\n%s", err, out)
		default:
		}
		if time.Since(start) > startLimit {
			t.Fatalf("no 200 from %s within %s", base, startLimit)
		}
		// Until then: connection refused, or 5xx while the module loads.
		if res, err := do("GET", base+"/v1/manifest.json", nil); err == nil && res.status == 200 {
			t.Logf("first 200 from wrangler dev (pid %d) after %s", pgid, time.Since(start).Round(time.Millisecond))
			return base
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// reapOrphans waits for the descendants reparented to this process (see
// the subreaper above) until none is left or the time is up.
func reapOrphans(limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil)
		switch {
		case errors.Is(err, syscall.ECHILD):
			return // no child left
		case err == nil && pid > 0:
			continue
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func busy(port string) bool {
	c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 300*time.Millisecond)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

func freePort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}
