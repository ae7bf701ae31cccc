// Package app holds the go-app components of Coulisses. Components arrange
// what the cores (content, sandbox) compute; they hold state, not logic.
package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Paths of the four areas. They are a contract: bookmarked and printed in
// trainers' handouts. Never rename them.
const (
	PathHome     = "/"
	PathFiches   = "/fiches"
	PathParcours = "/parcours"
	PathSandbox  = "/bac-a-sable"
	PathAbout    = "/a-propos"
)

// area is one entry of the main navigation.
type area struct {
	Path, Label string
}

var areas = []area{
	{PathFiches, "Fiches"},
	{PathParcours, "Parcours"},
	{PathSandbox, "Bac à sable"},
	{PathAbout, "À propos"},
}

// Register declares every route of the app. Call it before
// app.RunWhenOnBrowser, on the server and in the browser alike.
func Register() {
	app.Route(PathHome, func() app.Composer { return &Home{} })
	app.Route(PathFiches, func() app.Composer { return &Catalogue{} })
	app.RouteWithRegexp(`^/fiches/[a-z0-9-]+$`, func() app.Composer { return &FichePage{} })
	app.Route(PathParcours, func() app.Composer { return &Paths{} })
	app.RouteWithRegexp(`^/parcours/[a-z0-9-]+$`, func() app.Composer { return &PathPage{} })
	app.Route(PathSandbox, func() app.Composer { return &Sandbox{} })
	app.Route(PathAbout, func() app.Composer { return &About{} })
	app.Route(PathGlossary, func() app.Composer { return &Glossary{} })
	app.Route(PathPositioning, func() app.Composer { return &PositioningPage{} })
	app.Route(PathProgress, func() app.Composer { return &ProgressPage{} })
	app.Route(PathWorkshop, func() app.Composer { return &WorkshopPage{} })
	app.RouteWithRegexp(`^/parcours/[a-z0-9-]+/attestation$`, func() app.Composer { return &AttestationPage{} })
}

// StaticRoutes lists the routes that do not depend on content.
func StaticRoutes() []string {
	return []string{PathHome, PathFiches, PathParcours, PathSandbox, PathAbout, PathGlossary, PathPositioning, PathProgress, PathWorkshop}
}
