package browser

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// ErrPNGUnavailable means the browser cannot turn a chart into a PNG
// (native build, web/chart-export.js not loaded). errors.Is(err,
// ErrUnavailable) holds for it too.
var ErrPNGUnavailable error = pngUnavailable{}

type pngUnavailable struct{}

func (pngUnavailable) Error() string        { return "export PNG indisponible dans ce navigateur" }
func (pngUnavailable) Is(target error) bool { return target == ErrUnavailable }

// SVGToPNG draws a chart's SVG (app/chart) on a canvas and returns the PNG
// bytes, width pixels wide (0: twice the SVG's viewBox width), through
// coulissesSvgToPng in web/chart-export.js. Save them with
// Download(name, "image/png", png). It blocks until the browser answers:
// call it from a goroutine (ctx.Async).
func SVGToPNG(svg string, width int) ([]byte, error) {
	if app.IsServer {
		return nil, ErrPNGUnavailable
	}
	if fn := app.Window().Get("coulissesSvgToPng"); !fn.Truthy() {
		return nil, ErrPNGUnavailable
	}
	var p app.Value
	if err := catch(func() { p = app.Window().Call("coulissesSvgToPng", svg, width) }); err != nil {
		return nil, fmt.Errorf("conversion en PNG : %w", err)
	}
	v, err := await(p)
	if err != nil {
		return nil, fmt.Errorf("conversion en PNG : %w", err)
	}
	if v == nil || !v.Truthy() {
		return nil, ErrPNGUnavailable
	}
	b := make([]byte, v.Get("length").Int())
	app.CopyBytesToGo(b, v)
	return b, nil
}
