package launcher

// Command is a program and its arguments.
type Command []string

// BrowserCommands returns the commands that open url in the default browser
// on goos, best first. The launcher runs the first one found on the system.
func BrowserCommands(goos, url string) []Command {
	switch goos {
	case "windows":
		// Hands the URL to the default browser without a shell (no
		// "cmd /c start", which mangles "&" and flashes a window).
		return []Command{{"rundll32", "url.dll,FileProtocolHandler", url}}
	case "darwin":
		return []Command{{"open", url}}
	default:
		return []Command{
			{"xdg-open", url},
			{"gio", "open", url},
			{"sensible-browser", url},
			{"x-www-browser", url},
			{"firefox", url},
			{"chromium", url},
			{"google-chrome", url},
		}
	}
}

// EnvInTerminal marks a launcher started by TerminalCommands, so that it
// does not try to open yet another terminal.
const EnvInTerminal = "COULISSES_IN_TERMINAL"

// TerminalCommands returns the commands that run self in a new terminal
// window on a Linux desktop, best first. A double-click in a Linux file
// manager starts a program without a window: the launcher reopens itself
// in one, so that participants see how to stop it.
func TerminalCommands(self string) []Command {
	return []Command{
		{"x-terminal-emulator", "-e", self},
		{"gnome-terminal", "--", self},
		{"konsole", "-e", self},
		{"xfce4-terminal", "-x", self},
		{"mate-terminal", "-x", self},
		{"lxterminal", "-e", self},
		{"qterminal", "-e", self},
		{"tilix", "-e", self},
		{"kitty", self},
		{"alacritty", "-e", self},
		{"xterm", "-e", self},
	}
}

// First returns the first command whose program lookPath finds, with the
// program replaced by its full path; ok is false when none is found.
func First(cmds []Command, lookPath func(string) (string, error)) (Command, bool) {
	for _, c := range cmds {
		if len(c) == 0 {
			continue
		}
		p, err := lookPath(c[0])
		if err != nil {
			continue
		}
		out := append(Command{p}, c[1:]...)
		return out, true
	}
	return nil, false
}
