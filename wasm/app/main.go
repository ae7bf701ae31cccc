// Command app is Coulisses itself. Built with GOOS=js GOARCH=wasm it is the
// browser client (web/app.wasm); built natively it is the local server that
// prerenders the pages and serves the client, offline (see serve.go).
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	ui "coulisses/app"
)

func main() {
	ui.Register()
	loadContent()
	app.RunWhenOnBrowser()
	serve()
}
