//go:build !wasm

package main

import (
	"os"
	"strings"
	"testing"

	"coulisses/wasm/server"
)

const testKey = "BbBii+BpGXkzs1cAzzDOYnbP7xpgOBKPObMucRVnZv4="

func TestUpdateConfig(t *testing.T) {
	for _, tc := range []struct {
		origin, key, version string
		want                 string // origin, or "error: <fragment>"
	}{
		{"", "", "", ""},
		{"", "", "1795767599", ""},
		{"https://contenu.coulisses.example", testKey, "", "https://contenu.coulisses.example"},
		{"https://contenu.coulisses.example/", testKey, "", "https://contenu.coulisses.example"},
		{"http://127.0.0.1:8787", testKey, "", "http://127.0.0.1:8787"},
		{"http://localhost:8787", testKey, "", "http://localhost:8787"},
		{"http://contenu.example", testKey, "", "error: https obligatoire"},
		{"https://contenu.example/v1", testKey, "", "error: origine attendue"},
		{"contenu.example", testKey, "", "error: origine attendue"},
		{"https://contenu.example", "", "", "error: sans clé"},
		{"", testKey, "", "error: sans origine"},
		{"https://contenu.example", "pas-une-cle", "", "error: COULISSES_UPDATE_KEY"},
		{"https://contenu.example", testKey, "-3", "error: COULISSES_CONTENT_VERSION"},
		{"https://contenu.example", testKey, "demain", "error: COULISSES_CONTENT_VERSION"},
	} {
		t.Setenv("COULISSES_UPDATE_ORIGIN", tc.origin)
		t.Setenv("COULISSES_UPDATE_KEY", tc.key)
		t.Setenv("COULISSES_CONTENT_VERSION", tc.version)
		origin, key, _, err := updateConfig()
		if frag, isErr := strings.CutPrefix(tc.want, "error: "); isErr {
			if err == nil || !strings.Contains(err.Error(), frag) {
				t.Errorf("%+v: error %v, want one with %q", tc, err, frag)
			}
			continue
		}
		if err != nil || origin != tc.want || (origin != "" && key != tc.key) {
			t.Errorf("%+v: %q %q %v", tc, origin, key, err)
		}
	}
}

// Link-time values apply when the environment says nothing.
func TestUpdateConfigBuiltIn(t *testing.T) {
	defer func(o, k, v string) { updateOrigin, updateKey, contentVersion = o, k, v }(updateOrigin, updateKey, contentVersion)
	for _, env := range []string{"COULISSES_UPDATE_ORIGIN", "COULISSES_UPDATE_KEY", "COULISSES_CONTENT_VERSION"} {
		t.Setenv(env, "") // restored at the end
		os.Unsetenv(env)
	}
	updateOrigin, updateKey, contentVersion = "https://contenu.example", testKey, "42"
	origin, key, version, err := updateConfig()
	if err != nil || origin != "https://contenu.example" || key != testKey || version != 42 {
		t.Errorf("%q %q %d %v", origin, key, version, err)
	}
}

// The origin is the only third-party one the CSP allows, and the client
// gets the key and the shipped version.
func TestServerPassesUpdateSettings(t *testing.T) {
	t.Setenv("COULISSES_UPDATE_ORIGIN", "https://contenu.example")
	t.Setenv("COULISSES_UPDATE_KEY", testKey)
	t.Setenv("COULISSES_CONTENT_VERSION", "1795767599")
	s, err := newServer()
	if err != nil {
		t.Skipf("no server (client not built?): %v", err)
	}
	env := s.AppHandler().Env
	if env["COULISSES_UPDATE_ORIGIN"] != "https://contenu.example" || env["COULISSES_UPDATE_KEY"] != testKey || env["COULISSES_CONTENT_VERSION"] != "1795767599" {
		t.Errorf("client env %v", env)
	}
	if csp := server.ContentSecurityPolicy("https://contenu.example"); !strings.Contains(csp, "connect-src 'self' https://contenu.example;") {
		t.Errorf("CSP %s", csp)
	}
}
