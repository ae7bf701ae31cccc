package launcher

// Binary is one launcher of the USB kit.
type Binary struct {
	GOOS, GOARCH string
	// Name is the file name on the stick (wasm/kit.mk builds the same list;
	// LISEZMOI.txt names each one).
	Name string
}

// Binaries lists the launchers of the kit, as wasm/kit.mk builds them.
var Binaries = []Binary{
	{"windows", "amd64", "Coulisses-Windows.exe"},
	{"windows", "arm64", "Coulisses-Windows-ARM.exe"},
	{"darwin", "arm64", "Coulisses-Mac-Apple-Silicon"},
	{"darwin", "amd64", "Coulisses-Mac-Intel"},
	{"linux", "amd64", "Coulisses-Linux-x86_64"},
	{"linux", "arm64", "Coulisses-Linux-ARM64"},
}
