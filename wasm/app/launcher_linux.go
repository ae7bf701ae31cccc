//go:build !wasm

package main

import (
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

// setConsoleTitle sets the terminal window's title (xterm escape sequence).
func setConsoleTitle(title string) {
	if isTerminal(os.Stdout) {
		fmt.Fprintf(os.Stdout, "\x1b]0;%s\x07", title)
	}
}

// needsTerminal reports whether the launcher was started on a desktop
// without a terminal (a double-click in a file manager).
func needsTerminal() bool {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return false
	}
	return !isTerminal(os.Stdin) && !isTerminal(os.Stdout)
}

// isTerminal reports whether f is a terminal (the TCGETS ioctl succeeds).
func isTerminal(f *os.File) bool {
	var t syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&t)))
	return errno == 0
}
