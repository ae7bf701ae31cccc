//go:build wasm

package content

import (
	"bytes"
	"encoding/json"
)

// node stands in for a YAML node in the browser, where content arrives as
// JSON (see Bundle) and carries no line numbers: problems are reported per
// file.
type node struct {
	Kind    int
	Line    int
	Value   string
	Content []*node
}

const (
	mappingNode = iota + 1
	sequenceNode
)

// decodeYAML strictly decodes JSON data into v. In the browser, content is
// the JSON form produced by Bundle: YAML's parser stays out of app.wasm.
func decodeYAML(file string, data []byte, lineOffset int, v any, ps *problems) (*node, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		ps.add(file, 0, "JSON invalide : %v", err)
		return nil, false
	}
	return nil, true
}
