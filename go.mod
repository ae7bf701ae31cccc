module coulisses

go 1.26.8

require (
	github.com/go-gota/gota v0.12.0
	github.com/maxence-charriere/go-app/v10 v10.1.11
	github.com/syumai/workers v0.32.0
	github.com/yuin/goldmark v1.8.7
	go.yaml.in/yaml/v3 v3.0.6
)

require (
	github.com/google/uuid v1.6.0 // indirect
	golang.org/x/net v0.35.0 // indirect
	gonum.org/v1/gonum v0.9.1 // indirect
)

tool github.com/syumai/workers/cmd/workers-assets-gen
