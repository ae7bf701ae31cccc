//go:build !wasm

package content

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// node is a YAML node; natively the validator reports problems at the
// lines it records.
type node = yaml.Node

const (
	mappingNode  = yaml.MappingNode
	sequenceNode = yaml.SequenceNode
)

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

// decodeYAML strictly decodes data into v and returns its root mapping or
// sequence node for line look-ups; problems are reported at file lines
// (lineOffset is the file line of the data's first line, minus one).
// Natively, content is YAML (or JSON, which is YAML).
func decodeYAML(file string, data []byte, lineOffset int, v any, ps *problems) (*node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		reportYAML(file, lineOffset, err, ps)
		return nil, false
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		reportYAML(file, lineOffset, err, ps)
		return nil, false
	}
	shiftLines(&doc, lineOffset)
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0], true
	}
	return &doc, true
}

// reportYAML turns a YAML error into problems at file lines.
func reportYAML(file string, lineOffset int, err error, ps *problems) {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		line := 0
		if sm := yamlLineRe.FindStringSubmatch(m); sm != nil {
			n, _ := strconv.Atoi(sm[1])
			line = n + lineOffset
			m = strings.Replace(m, sm[0], "", 1)
		}
		m = strings.TrimPrefix(m, "yaml: ")
		m = strings.Trim(m, " :")
		ps.add(file, line, "YAML invalide : %s", frenchYAML(m))
	}
}

// frenchYAML translates the most common YAML error messages.
func frenchYAML(m string) string {
	replacer := strings.NewReplacer(
		"field ", "champ ",
		" not found in type ", " inconnu dans ",
		"cannot unmarshal ", "impossible de lire ",
		" into ", " comme ",
		"did not find expected key", "clé attendue introuvable (indentation ?)",
		"mapping values are not allowed in this context", "deux-points inattendu : mettez la valeur entre guillemets",
		"found character that cannot start any token", "caractère interdit en début de valeur : mettez-la entre guillemets",
		"already defined", "déjà défini",
	)
	return replacer.Replace(m)
}

func shiftLines(n *yaml.Node, offset int) {
	n.Line += offset
	for _, c := range n.Content {
		shiftLines(c, offset)
	}
}
