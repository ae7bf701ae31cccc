package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// prefix is the path the app is served under ("" at the root of its
// origin; "/formation/coulisses" for a static export under a sub-path).
// go-app publishes it to the client and, on the server, to the process
// environment.
func prefix() string {
	p := strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
	if p == "" || !strings.HasPrefix(p, "/") {
		return ""
	}
	return p
}

// URL returns the URL of an app path ("/fiches", "/web/…") under the
// prefix the app is served under.
func URL(path string) string { return prefix() + path }

// u is URL, short for the many links of the components.
func u(path string) string { return URL(path) }

// prefixLinks adds the prefix to the internal links of HTML made by the
// content renderer (href="/…").
func prefixLinks(html string) string {
	p := prefix()
	if p == "" {
		return html
	}
	return strings.ReplaceAll(html, `href="/`, `href="`+p+`/`)
}

// pagePath returns the path of the current page without the prefix
// ("/fiches/rgpd-et-consentement"), for the pages that read a slug in it.
func pagePath(ctx app.Context) string {
	return strings.TrimPrefix(ctx.Page().URL().Path, prefix())
}
