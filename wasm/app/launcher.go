//go:build !wasm

package main

// The USB launcher of the trainer kit (issue 8): the same program as the
// local server, built with -ldflags "-X main.mode=launcher" (see
// wasm/kit.mk). It embeds the whole app (web/, content), serves it on a
// fixed 127.0.0.1 port so that the origin — and the progress the browser
// keeps for it — is the same at every session, opens the default browser
// and says in its window how to stop it. It writes no file: the USB stick
// may be read-only.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"coulisses/wasm/launcher"
	"coulisses/wasm/server"
)

// mode is set at link time: "launcher" for the USB launchers.
var mode string

// EnvNoBrowser, when set, keeps the launcher from opening a browser (tests).
const EnvNoBrowser = "COULISSES_NO_BROWSER"

// runLauncher runs the launcher and returns the process exit code.
func runLauncher(out io.Writer) int {
	setConsoleTitle("Coulisses — fermez cette fenêtre pour arrêter")
	if reopenInTerminal() {
		return 0
	}
	fmt.Fprintln(out, "Coulisses — application de formation, hors ligne")
	fmt.Fprintln(out)
	if err := launch(out); err != nil {
		fmt.Fprintln(out)
		fmt.Fprintln(out, "Coulisses n'a pas pu démarrer :", err)
		waitForEnter(out)
		return 1
	}
	return 0
}

func launch(out io.Writer) error {
	// Ctrl+C, closing the window (SIGHUP on Linux and macOS, SIGTERM from
	// Windows' CTRL_CLOSE_EVENT) or logging out: stop cleanly, even while
	// starting.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	sub, err := fs.Sub(web, "web")
	if err != nil {
		return err
	}
	s, err := newLauncherServer(sub)
	if err != nil {
		return err
	}
	ports, err := launcher.Ports(os.Getenv)
	if err != nil {
		return err
	}
	choice, err := launcher.Choose(ports, launcher.Env{
		Listen: func(addr string) (net.Listener, error) { return net.Listen("tcp", addr) },
		Probe:  launcher.HTTPProbe(3 * time.Second),
		Sleep:  time.Sleep,
	})
	for _, n := range choice.Notes {
		fmt.Fprintln(out, n)
	}
	if errors.Is(err, launcher.ErrAllTaken) {
		return fmt.Errorf("%s. Fermez le programme qui l'occupe (ou redémarrez l'ordinateur) puis relancez Coulisses", takenPorts(ports))
	}
	if err != nil {
		return err
	}
	if choice.Running {
		fmt.Fprintf(out, "Coulisses est déjà ouvert à l'adresse %s (dans une autre fenêtre).\n", choice.URL)
		fmt.Fprintln(out, "Le navigateur s'ouvre sur cette adresse. Pour arrêter Coulisses, fermez l'autre fenêtre.")
		if choice.Other.Version != s.Version() {
			fmt.Fprintf(out, "Attention : c'est une autre version de Coulisses (%s ; celle-ci : %s). Pour utiliser celle-ci, fermez l'autre fenêtre puis relancez.\n", choice.Other.Version, s.Version())
		}
		openBrowser(out, choice.URL)
		fmt.Fprintln(out, "Cette fenêtre se ferme dans 5 secondes.")
		select {
		case <-time.After(5 * time.Second):
		case <-ctx.Done():
		}
		return nil
	}

	h := launcher.Handler(launcher.Identity{App: launcher.AppID, Version: s.Version()}, s)
	fmt.Fprintf(out, "Coulisses est prêt : %s  (version %s)\n", choice.URL, s.Version())
	fmt.Fprintln(out)
	fmt.Fprintln(out, "  Le navigateur va s'ouvrir sur cette adresse ; sinon, recopiez-la dans votre navigateur.")
	fmt.Fprintln(out, "  Rien n'est envoyé sur Internet : l'application fonctionne sur cet ordinateur seulement.")
	fmt.Fprintln(out, "  Pour arrêter Coulisses : fermez cette fenêtre, ou appuyez sur Ctrl+C.")
	fmt.Fprintln(out)

	done := make(chan error, 1)
	go func() { done <- server.Serve(ctx, choice.Listener, h) }()
	openBrowser(out, choice.URL)
	err = <-done
	if err == nil {
		fmt.Fprintln(out, "Coulisses est arrêté.")
	}
	return err
}

// takenPorts says, in French, which ports are taken.
func takenPorts(ports []int) string {
	if len(ports) == 1 {
		return fmt.Sprintf("le port %d est occupé", ports[0])
	}
	return fmt.Sprintf("le port %d et le port de secours %d sont occupés", ports[0], ports[1])
}

// newLauncherServer is newServer over the launcher's files: wasm/kit.mk
// embeds only the .gz copy of the large files (six launchers share one
// stick), inflated here in memory.
func newLauncherServer(sub fs.FS) (*server.Server, error) {
	sub, err := server.Inflate(sub)
	if err != nil {
		return nil, err
	}
	return newServerFrom(sub)
}

// openBrowser opens url in the default browser, unless EnvNoBrowser is set.
func openBrowser(out io.Writer, url string) {
	if os.Getenv(EnvNoBrowser) != "" {
		return
	}
	cmd, ok := launcher.First(launcher.BrowserCommands(runtime.GOOS, url), exec.LookPath)
	if ok {
		c := exec.Command(cmd[0], cmd[1:]...)
		if err := c.Start(); err == nil {
			go c.Wait() // reap it; xdg-open and friends return at once
			return
		}
	}
	fmt.Fprintf(out, "Le navigateur n'a pas pu être ouvert : ouvrez-le et allez à l'adresse %s\n", url)
}

// reopenInTerminal restarts the launcher inside a terminal window when it
// was started without one (a double-click in a Linux file manager), so that
// participants see the address and how to stop it. It reports whether the
// terminal was started (this process then exits).
func reopenInTerminal() bool {
	if os.Getenv(launcher.EnvInTerminal) != "" || !needsTerminal() {
		return false
	}
	self, err := os.Executable()
	if err != nil {
		return false
	}
	cmd, ok := launcher.First(launcher.TerminalCommands(self), exec.LookPath)
	if !ok {
		return false
	}
	c := exec.Command(cmd[0], cmd[1:]...)
	c.Env = append(os.Environ(), launcher.EnvInTerminal+"=1")
	if err := c.Start(); err != nil {
		return false
	}
	go c.Wait()
	// Leave the terminal time to start before this process goes away.
	time.Sleep(time.Second)
	return true
}

// waitForEnter keeps the window open after an error until Enter is pressed
// (a console window opened by a double-click closes when the program ends).
// It returns at once when there is no keyboard (stdin closed).
func waitForEnter(out io.Writer) {
	fmt.Fprintln(out, "Appuyez sur Entrée pour fermer cette fenêtre.")
	done := make(chan struct{})
	go func() {
		bufio.NewReader(os.Stdin).ReadString('\n')
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Minute):
	}
}
