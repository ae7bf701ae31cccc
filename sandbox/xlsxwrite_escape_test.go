package sandbox

import (
	"bytes"
	"encoding/xml"
	"testing"
)

func TestEscapeXMLMatchesEncodingXML(t *testing.T) {
	for _, s := range []string{"", "Théâtre & Cie", `« a <b> "c" 'd' »`, "tab\tnl\ncr\r", "ctrl\x01\x1f", "\uFFFE\uFFFF", "ok ✓ 😀", "\xff\xfe"} {
		var got, want bytes.Buffer
		escapeXML(&got, s)
		xml.EscapeText(&want, []byte(s))
		if got.String() != want.String() {
			t.Errorf("escapeXML(%q) = %q, encoding/xml says %q", s, got.String(), want.String())
		}
	}
}
