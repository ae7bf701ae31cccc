//go:build !wasm

package main

import (
	"syscall"
	"unsafe"
)

// setConsoleTitle names the console window, so that participants find it
// in the taskbar.
func setConsoleTitle(title string) {
	p, err := syscall.UTF16PtrFromString(title)
	if err != nil {
		return
	}
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("SetConsoleTitleW")
	if proc.Find() != nil {
		return
	}
	proc.Call(uintptr(unsafe.Pointer(p)))
}

// needsTerminal is false: Windows opens a console window for the launcher.
func needsTerminal() bool { return false }
