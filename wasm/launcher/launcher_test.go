package launcher

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeListener is a bound port in the fakes.
type fakeListener struct{ net.Listener }

// world fakes the ports of a machine: who holds each one.
type world map[int]string // "" free, "coulisses", "autre" (answers HTTP), "muet" (bind fails, nothing answers)

func (w world) env(t *testing.T, binds *[]int) Env {
	port := func(addr string) int {
		_, p, _ := net.SplitHostPort(strings.TrimPrefix(strings.TrimSuffix(addr, "/"), "http://"))
		n, err := strconv.Atoi(p)
		if err != nil {
			t.Fatalf("bad address %q", addr)
		}
		return n
	}
	return Env{
		Listen: func(addr string) (net.Listener, error) {
			if !strings.HasPrefix(addr, Host+":") {
				t.Fatalf("binds %q, not loopback", addr)
			}
			p := port(addr)
			*binds = append(*binds, p)
			if w[p] != "" {
				return nil, errors.New("address already in use")
			}
			return fakeListener{}, nil
		},
		Probe: func(url string) (Identity, error) {
			switch w[port(url)] {
			case "coulisses":
				return Identity{App: AppID, Version: "abc"}, nil
			case "autre":
				return Identity{}, errors.New("statut 404")
			default:
				return Identity{}, fmt.Errorf("dial: %w", ErrNothingListens)
			}
		},
		Sleep: func(time.Duration) {},
	}
}

func TestChoose(t *testing.T) {
	ports := []int{Port, FallbackPort}
	tests := []struct {
		name    string
		world   world
		port    int
		running bool
		err     bool
		notes   int
		binds   []int
	}{
		{"port libre", world{}, Port, false, false, 0, []int{Port}},
		{"une copie tourne déjà", world{Port: "coulisses"}, Port, true, false, 0, []int{Port}},
		{"autre programme : port de secours", world{Port: "autre"}, FallbackPort, false, false, 1, []int{Port, FallbackPort}},
		{"autre programme, copie sur le secours", world{Port: "autre", FallbackPort: "coulisses"}, FallbackPort, true, false, 1, []int{Port, FallbackPort}},
		{"port réservé par le système", world{Port: "muet"}, FallbackPort, false, false, 1, []int{Port, Port, Port, FallbackPort}},
		{"tout est pris", world{Port: "autre", FallbackPort: "autre"}, 0, false, true, 2, []int{Port, FallbackPort}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var binds []int
			c, err := Choose(ports, tt.world.env(t, &binds))
			if tt.err {
				if !errors.Is(err, ErrAllTaken) {
					t.Fatalf("err = %v, want ErrAllTaken", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if !tt.err {
				if c.Port != tt.port || c.URL != URL(tt.port) {
					t.Errorf("port %d (%s), want %d", c.Port, c.URL, tt.port)
				}
				if c.Running != tt.running || (c.Listener == nil) != tt.running {
					t.Errorf("running %v listener %v, want running %v", c.Running, c.Listener, tt.running)
				}
			}
			if len(c.Notes) != tt.notes {
				t.Errorf("notes %q, want %d", c.Notes, tt.notes)
			}
			if fmt.Sprint(binds) != fmt.Sprint(tt.binds) {
				t.Errorf("binds %v, want %v", binds, tt.binds)
			}
		})
	}
}

func TestChooseNotes(t *testing.T) {
	var binds []int
	c, err := Choose([]int{Port, FallbackPort}, world{Port: "autre"}.env(t, &binds))
	if err != nil {
		t.Fatal(err)
	}
	want := "Le port 17717 est déjà utilisé par un autre programme. Coulisses essaie le port de secours 27717"
	if len(c.Notes) != 1 || !strings.HasPrefix(c.Notes[0], want) {
		t.Errorf("notes %q", c.Notes)
	}
}

func TestPorts(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want []int
		err  bool
	}{
		{nil, []int{17717, 27717}, false},
		{map[string]string{EnvPort: "9000"}, []int{9000, 27717}, false},
		{map[string]string{EnvPort: " 9000 ", EnvFallbackPort: "9001"}, []int{9000, 9001}, false},
		{map[string]string{EnvPort: "9000", EnvFallbackPort: "9000"}, []int{9000}, false},
		{map[string]string{EnvPort: "http"}, nil, true},
		{map[string]string{EnvFallbackPort: "70000"}, nil, true},
		{map[string]string{EnvPort: "0"}, nil, true},
	}
	for _, tt := range tests {
		got, err := Ports(func(k string) string { return tt.env[k] })
		if (err != nil) != tt.err || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Ports(%v) = %v, %v; want %v (err %v)", tt.env, got, err, tt.want, tt.err)
		}
	}
}

func TestURL(t *testing.T) {
	if got := URL(Port); got != "http://127.0.0.1:17717/" {
		t.Errorf("URL = %q", got)
	}
}

// The same cases on real loopback sockets, with the real probe.
func TestChooseRealSockets(t *testing.T) {
	env := Env{Listen: func(a string) (net.Listener, error) { return net.Listen("tcp", a) }, Probe: HTTPProbe(2 * time.Second), Sleep: time.Sleep}
	free := func() int {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		p := ln.Addr().(*net.TCPAddr).Port
		ln.Close()
		return p
	}
	serve := func(h http.Handler) (int, func()) {
		s := httptest.NewServer(h)
		_, p, _ := net.SplitHostPort(strings.TrimPrefix(s.URL, "http://"))
		n, _ := strconv.Atoi(p)
		return n, s.Close
	}

	t.Run("libre", func(t *testing.T) {
		p := free()
		c, err := Choose([]int{p, free()}, env)
		if err != nil || c.Port != p || c.Listener == nil {
			t.Fatalf("%+v %v", c, err)
		}
		c.Listener.Close()
	})
	t.Run("une copie tourne", func(t *testing.T) {
		p, stop := serve(Handler(Identity{App: AppID, Version: "v1"}, http.NotFoundHandler()))
		defer stop()
		c, err := Choose([]int{p, free()}, env)
		if err != nil || !c.Running || c.Port != p || c.Other.Version != "v1" {
			t.Fatalf("%+v %v", c, err)
		}
	})
	t.Run("un autre serveur web", func(t *testing.T) {
		p, stop := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{"app":"autre"}`) }))
		defer stop()
		fb := free()
		c, err := Choose([]int{p, fb}, env)
		if err != nil || c.Running || c.Port != fb || c.Listener == nil || len(c.Notes) != 1 {
			t.Fatalf("%+v %v", c, err)
		}
		c.Listener.Close()
	})
	t.Run("un programme qui ne parle pas HTTP", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				c.Write([]byte("SSH-2.0-x\r\n"))
				c.Close()
			}
		}()
		fb := free()
		c, err := Choose([]int{ln.Addr().(*net.TCPAddr).Port, fb}, env)
		if err != nil || c.Port != fb || c.Listener == nil {
			t.Fatalf("%+v %v", c, err)
		}
		c.Listener.Close()
	})
}

func TestHandler(t *testing.T) {
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "app") })
	h := Handler(Identity{App: AppID, Version: "v2"}, next)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", IdentityPath, nil))
	if rec.Body.String() != `{"app":"coulisses","version":"v2"}` || rec.Header().Get("Content-Type") != "application/json" {
		t.Errorf("identity: %q %v", rec.Body, rec.Header())
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/fiches", nil))
	if rec.Body.String() != "app" {
		t.Errorf("other paths go to the app: %q", rec.Body)
	}
}

func TestBrowserCommands(t *testing.T) {
	u := "http://127.0.0.1:17717/"
	tests := []struct{ goos, want string }{
		{"windows", "[rundll32 url.dll,FileProtocolHandler " + u + "]"},
		{"darwin", "[open " + u + "]"},
		{"linux", "[xdg-open " + u + "]"},
		{"freebsd", "[xdg-open " + u + "]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(BrowserCommands(tt.goos, u)[0]); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.goos, got, tt.want)
		}
	}
}

func TestFirst(t *testing.T) {
	have := map[string]bool{"konsole": true, "xterm": true}
	look := func(p string) (string, error) {
		if have[p] {
			return "/usr/bin/" + p, nil
		}
		return "", errors.New("not found")
	}
	c, ok := First(TerminalCommands("/media/cle/Coulisses-Linux-x86_64"), look)
	if !ok || fmt.Sprint(c) != "[/usr/bin/konsole -e /media/cle/Coulisses-Linux-x86_64]" {
		t.Errorf("First = %v %v", c, ok)
	}
	if _, ok := First(BrowserCommands("linux", "u"), func(string) (string, error) { return "", errors.New("no") }); ok {
		t.Error("nothing installed: ok must be false")
	}
}
