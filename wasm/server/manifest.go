//go:build !wasm

package server

import "encoding/json"

// Description is the one-sentence description of the app (HTML meta, manifest).
const Description = "Apprendre à comprendre et utiliser les données des publics de la culture, et analyser ses propres exports sans qu'aucune donnée ne quitte l'appareil."

// Colours of the installed app (manifest and theme-color meta).
const (
	ThemeColor      = "#7a1f2b"
	BackgroundColor = "#fbf8f3"
)

// WebManifest returns the web app manifest. prefix is the path the app is
// served under ("" at the root of its origin).
func WebManifest(prefix string) []byte {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose,omitempty"`
	}
	m := struct {
		Name            string   `json:"name"`
		ShortName       string   `json:"short_name"`
		Description     string   `json:"description"`
		Lang            string   `json:"lang"`
		Dir             string   `json:"dir"`
		StartURL        string   `json:"start_url"`
		Scope           string   `json:"scope"`
		Display         string   `json:"display"`
		BackgroundColor string   `json:"background_color"`
		ThemeColor      string   `json:"theme_color"`
		Categories      []string `json:"categories"`
		Icons           []icon   `json:"icons"`
	}{
		Name:            "Coulisses — les données des publics de la culture",
		ShortName:       "Coulisses",
		Description:     Description,
		Lang:            "fr",
		Dir:             "ltr",
		StartURL:        prefix + "/",
		Scope:           prefix + "/",
		Display:         "standalone",
		BackgroundColor: BackgroundColor,
		ThemeColor:      ThemeColor,
		Categories:      []string{"education", "productivity"},
		Icons: []icon{
			{Src: prefix + "/web/icons/icon-192.png", Sizes: "192x192", Type: "image/png", Purpose: "any"},
			{Src: prefix + "/web/icons/icon-512.png", Sizes: "512x512", Type: "image/png", Purpose: "any"},
			{Src: prefix + "/web/icons/icon-maskable-512.png", Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
			{Src: prefix + "/web/icons/icon.svg", Sizes: "any", Type: "image/svg+xml", Purpose: "any"},
		},
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	return b
}
