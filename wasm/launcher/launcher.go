// Package launcher holds the pure parts of the USB launchers of the trainer
// kit (issue 8): which 127.0.0.1 port to serve on, how to recognise another
// copy of Coulisses already holding it, and which command opens the default
// browser (or a terminal window) on each operating system. The launcher
// itself (wasm/app/launcher.go) wires these to the real network and processes.
package launcher

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The launcher always serves on Port, so that the app has the same origin
// (http://127.0.0.1:17717) at every session: the browser keeps progress,
// the service worker and its cache per origin. FallbackPort is tried only
// when another program holds Port; the app then starts with empty storage.
// The two ports are far apart so that one reserved range (Windows reserves
// blocks of ports for Hyper-V/WSL) does not cover both.
const (
	Port         = 17717
	FallbackPort = 27717
)

// Host is the only address the launcher binds: the loopback interface, so
// that nobody else on the training room's network can reach the app.
const Host = "127.0.0.1"

// IdentityPath answers "who holds this port?": a copy of Coulisses answers
// with its Identity as JSON.
const IdentityPath = "/__coulisses"

// AppID is the App field of every Coulisses identity.
const AppID = "coulisses"

// Environment variables that override the ports. They exist for the tests;
// trainers never need them (the fixed origin is the point).
const (
	EnvPort         = "COULISSES_LAUNCHER_PORT"
	EnvFallbackPort = "COULISSES_LAUNCHER_FALLBACK_PORT"
)

// Identity is what a running launcher says about itself.
type Identity struct {
	App     string `json:"app"`
	Version string `json:"version"`
}

// URL returns the base URL served on a loopback port.
func URL(port int) string {
	return "http://" + net.JoinHostPort(Host, strconv.Itoa(port)) + "/"
}

// Ports returns the ports to try, in order: Port then FallbackPort, unless
// the environment (getenv) overrides one of them.
func Ports(getenv func(string) string) ([]int, error) {
	ports := []int{Port, FallbackPort}
	for i, name := range []string{EnvPort, EnvFallbackPort} {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			continue
		}
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 || p > 65535 {
			return nil, fmt.Errorf("%s=%q : numéro de port invalide", name, v)
		}
		ports[i] = p
	}
	if ports[0] == ports[1] {
		ports = ports[:1]
	}
	return ports, nil
}

// Env is what Choose needs from the outside world.
type Env struct {
	// Listen binds a TCP address ("127.0.0.1:17717").
	Listen func(addr string) (net.Listener, error)
	// Probe asks whoever serves baseURL for its identity. An error means
	// nobody answered, or not like Coulisses does.
	Probe func(baseURL string) (Identity, error)
	// Sleep waits between two attempts (time.Sleep; tests pass a no-op).
	Sleep func(time.Duration)
}

// Choice is the outcome of Choose.
type Choice struct {
	// Listener is bound to URL, ready to serve; nil when Running.
	Listener net.Listener
	// URL is the address of the app (served by us, or by the copy running).
	URL string
	// Port is the port of URL.
	Port int
	// Running reports that another copy of Coulisses already serves URL:
	// just open the browser on it.
	Running bool
	// Running's identity (its version), when Running.
	Other Identity
	// Notes says, in French, what happened on the way (port taken by
	// another program, fallback used), for the console window.
	Notes []string
}

// ErrAllTaken is returned when other programs hold every port.
var ErrAllTaken = errors.New("ports occupés")

// attempts is how many times a port is tried when it looks free then taken
// (a copy starting or stopping at the same moment).
const attempts = 3

// Choose picks where the app is served: the first port it can bind, unless
// a copy of Coulisses already holds it (then Running is set and nothing is
// bound). A port held by another program is skipped, with a note.
func Choose(ports []int, env Env) (Choice, error) {
	var notes []string
	for i, port := range ports {
		addr := net.JoinHostPort(Host, strconv.Itoa(port))
		url := URL(port)
		other := false
		for try := 0; try < attempts && !other; try++ {
			if try > 0 {
				env.Sleep(200 * time.Millisecond)
			}
			ln, err := env.Listen(addr)
			if err == nil {
				return Choice{Listener: ln, URL: url, Port: port, Notes: notes}, nil
			}
			id, perr := env.Probe(url)
			switch {
			case perr == nil && id.App == AppID:
				return Choice{URL: url, Port: port, Running: true, Other: id, Notes: notes}, nil
			case perr == nil || !refused(perr):
				// Something answered, and it is not Coulisses.
				other = true
			}
			// Refused: nobody listens. The holder was going away or
			// starting (retry), or the system forbids this port.
		}
		var msg string
		if other {
			msg = fmt.Sprintf("Le port %d est déjà utilisé par un autre programme.", port)
		} else {
			msg = fmt.Sprintf("Le port %d n'est pas disponible (réservé par le système ?).", port)
		}
		if i+1 < len(ports) {
			msg += fmt.Sprintf(" Coulisses essaie le port de secours %d : la progression enregistrée sur le port %d n'y sera pas visible.", ports[i+1], port)
		}
		notes = append(notes, msg)
	}
	return Choice{Notes: notes}, fmt.Errorf("%w : %s", ErrAllTaken, joinPorts(ports))
}

func joinPorts(ports []int) string {
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ", ")
}

// refused reports whether err says that nothing listens (connection refused).
func refused(err error) bool {
	return errors.Is(err, ErrNothingListens) ||
		errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.Errno(10061)) // WSAECONNREFUSED (Windows)
}

// ErrNothingListens lets a Probe say "connection refused" without a
// system error (the tests' fakes).
var ErrNothingListens = errors.New("rien n'écoute")

// Handler answers IdentityPath with id and passes every other request to next.
func Handler(id Identity, next http.Handler) http.Handler {
	body, _ := json.Marshal(id)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != IdentityPath {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		w.Write(body)
	})
}

// HTTPProbe is the real Probe: GET baseURL + IdentityPath on loopback, no
// proxy, short timeout.
func HTTPProbe(timeout time.Duration) func(string) (Identity, error) {
	client := &http.Client{
		Timeout:   timeout,
		Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	return func(baseURL string) (Identity, error) {
		res, err := client.Get(strings.TrimSuffix(baseURL, "/") + IdentityPath)
		if err != nil {
			return Identity{}, err
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return Identity{}, fmt.Errorf("statut %d", res.StatusCode)
		}
		var id Identity
		if err := json.NewDecoder(io.LimitReader(res.Body, 4096)).Decode(&id); err != nil {
			return Identity{}, err
		}
		if id.App != AppID {
			return Identity{}, fmt.Errorf("programme inconnu %q", id.App)
		}
		return id, nil
	}
}
