// Command local serves a content bundle with the worker's handler as a
// plain native HTTP server: for institutions that host updates themselves,
// and for tests.
//
// Usage:
//
//	local [-addr 127.0.0.1:8788] [-bundle worker/bundle] [-origin URL]...
//
// -origin may be repeated or hold a comma-separated list; without it the
// handler's default origin (the application on http://127.0.0.1:8080) is
// allowed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"coulisses/worker/handler"
)

type lines []string

func (l *lines) String() string     { return strings.Join(*l, ",") }
func (l *lines) Set(s string) error { *l = append(*l, handler.ParseOrigins(s)...); return nil }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "local:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends. If ready is not nil it receives the listening
// address once the server accepts connections.
func run(ctx context.Context, args []string, logOut io.Writer, ready chan<- string) error {
	fl := flag.NewFlagSet("local", flag.ContinueOnError)
	fl.SetOutput(logOut)
	addr := fl.String("addr", "127.0.0.1:8788", "listen address")
	bundle := fl.String("bundle", "worker/bundle", "bundle directory written by worker/cmd/publish")
	var origins lines
	fl.Var(&origins, "origin", "allowed CORS origin (repeatable, or comma-separated)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	h, err := handler.New(os.DirFS(*bundle), handler.Options{Origins: origins})
	if err != nil {
		return fmt.Errorf("%w (run `make worker-bundle` first?)", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	logger := log.New(logOut, "", log.LstdFlags)
	srv := &http.Server{
		Handler:           logRequests(h, logger),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	shown := origins
	if len(shown) == 0 {
		shown = handler.DefaultOrigins
	}
	logger.Printf("serving %s on http://%s%s (CORS: %s)", *bundle, ln.Addr(), handler.ManifestPath, strings.Join(shown, ", "))
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func logRequests(h http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		logger.Printf("%s %s %d %s", r.Method, r.URL.Path, sw.status, time.Since(start).Round(time.Microsecond))
	})
}
