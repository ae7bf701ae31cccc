//go:build !wasm && !windows && !linux

package main

import (
	"fmt"
	"os"
)

// setConsoleTitle sets the terminal window's title (Terminal.app on macOS
// understands the xterm escape sequence).
func setConsoleTitle(title string) {
	if st, err := os.Stdout.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
		fmt.Fprintf(os.Stdout, "\x1b]0;%s\x07", title)
	}
}

// needsTerminal is false: a double-click in the macOS Finder runs the
// launcher in Terminal.
func needsTerminal() bool { return false }
