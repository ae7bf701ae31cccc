//go:build !wasm

package content

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	"go.yaml.in/yaml/v3"
)

// Bundle validates the content of fsys and returns it as one JSON
// document for the browser (see LoadBundle).
func Bundle(fsys fs.FS) ([]byte, error) {
	if _, err := Load(fsys); err != nil {
		return nil, err
	}
	files, err := NormalizedFiles(fsys)
	if err != nil {
		return nil, err
	}
	return AppendBundle(nil, files), nil
}

// NormalizedFiles returns every content file of fsys in the form the
// browser reads: YAML files and fiche front matter converted to JSON
// (JSON being YAML, the result still loads natively).
func NormalizedFiles(fsys fs.FS) (map[string][]byte, error) {
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && IsContentFile(p) {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		if out[p], err = Normalize(p, b); err != nil {
			return nil, fmt.Errorf("%s : %w", p, err)
		}
	}
	return out, nil
}

// Normalize converts one content file to its JSON form.
func Normalize(name string, data []byte) ([]byte, error) {
	if !IsContentFile(name) {
		return nil, fmt.Errorf("%s n'est pas un fichier de contenu", name)
	}
	if len(name) > 3 && name[len(name)-3:] == ".md" {
		front, body, _, ok := splitFrontMatter(data)
		if !ok {
			return nil, fmt.Errorf("en-tête YAML absent")
		}
		j, err := yamlToJSON(front)
		if err != nil {
			return nil, err
		}
		out := append([]byte("---\n"), j...)
		out = append(out, "\n---\n"...)
		return append(out, body...), nil
	}
	return yamlToJSON(data)
}

func yamlToJSON(data []byte) ([]byte, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("YAML invalide : %w", err)
	}
	return json.Marshal(v)
}
