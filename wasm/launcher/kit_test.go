package launcher

import (
	"bytes"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// LISEZMOI.txt names every launcher and both ports.
func TestLisezmoi(t *testing.T) {
	b, err := os.ReadFile("LISEZMOI.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	want := []string{URL(Port), URL(FallbackPort), "Ctrl+C", "jeux-de-donnees", "Rien n'est envoyé"}
	for _, bin := range Binaries {
		want = append(want, bin.Name)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("LISEZMOI.txt does not mention %q", w)
		}
	}
}

// TestKit checks a built kit (make kit-test sets COULISSES_KIT_DIR):
// exactly the launchers of Binaries, each a native executable of the
// right system and CPU, statically linked, signed on macOS (Apple Silicon
// refuses to run unsigned code), a console program on Windows.
func TestKit(t *testing.T) {
	dir := os.Getenv("COULISSES_KIT_DIR")
	if dir == "" {
		t.Skip("COULISSES_KIT_DIR not set (make kit-test)")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	for _, b := range Binaries {
		want = append(want, b.Name)
	}
	want = append(want, "LISEZMOI.txt", "jeux-de-donnees")
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("kit holds %v, want %v (wasm/kit.mk KIT_PLATFORMS and binaries.go must agree)", got, want)
	}

	for _, b := range Binaries {
		t.Run(b.Name, func(t *testing.T) {
			name := filepath.Join(dir, b.Name)
			st, err := os.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s/%s %d octets", b.GOOS, b.GOARCH, st.Size())
			switch b.GOOS {
			case "linux":
				checkELF(t, name, b.GOARCH)
			case "windows":
				checkPE(t, name, b.GOARCH)
			case "darwin":
				checkMachO(t, name, b.GOARCH)
			default:
				t.Fatalf("unknown system %s", b.GOOS)
			}
		})
	}

	b, err := os.ReadFile(filepath.Join(dir, "LISEZMOI.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Error("LISEZMOI.txt: UTF-8 BOM missing (TextEdit and old Notepad guess the encoding)")
	}
	if n := bytes.Count(b, []byte("\n")); n == 0 || bytes.Count(b, []byte("\r\n")) != n {
		t.Error("LISEZMOI.txt: CRLF line ends expected")
	}
}

func checkELF(t *testing.T, name, arch string) {
	f, err := elf.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	machine := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}[arch]
	if f.Machine != machine {
		t.Errorf("machine %v, want %v", f.Machine, machine)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("dynamically linked (PT_INTERP): build with CGO_ENABLED=0")
		}
	}
}

func checkPE(t *testing.T, name, arch string) {
	f, err := pe.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	machine := map[string]uint16{"amd64": pe.IMAGE_FILE_MACHINE_AMD64, "arm64": pe.IMAGE_FILE_MACHINE_ARM64}[arch]
	if f.Machine != machine {
		t.Errorf("machine %#x, want %#x", f.Machine, machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatalf("optional header %T", f.OptionalHeader)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
		t.Errorf("subsystem %d: a console program is needed (its window shows how to stop it)", oh.Subsystem)
	}
}

func checkMachO(t *testing.T, name, arch string) {
	f, err := macho.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cpu := map[string]macho.Cpu{"amd64": macho.CpuAmd64, "arm64": macho.CpuArm64}[arch]
	if f.Cpu != cpu {
		t.Errorf("cpu %v, want %v", f.Cpu, cpu)
	}
	const lcCodeSignature = 0x1d
	signed := false
	for _, l := range f.Loads {
		raw := l.Raw()
		if len(raw) >= 4 && f.ByteOrder.Uint32(raw) == lcCodeSignature {
			signed = true
		}
	}
	if arch == "arm64" && !signed {
		t.Error("no code signature (LC_CODE_SIGNATURE): Apple Silicon refuses to run it")
	}
	t.Log("code signature: " + strconv.FormatBool(signed))
}
