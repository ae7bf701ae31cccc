package manifest

import "sort"

// Changes lists, by path and sorted, what an update adds, changes (same
// path, different bytes) and removes.
type Changes struct {
	Added   []string
	Changed []string
	Removed []string
}

// Empty reports whether the update changes no file.
func (c Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Changed) == 0 && len(c.Removed) == 0
}

// Diff compares the manifest the application holds with a new one.
func Diff(old, new Manifest) Changes {
	before := make(map[string]string, len(old.Files))
	for _, f := range old.Files {
		before[f.Path] = f.SHA256
	}
	var c Changes
	for _, f := range new.Files {
		h, ok := before[f.Path]
		switch {
		case !ok:
			c.Added = append(c.Added, f.Path)
		case h != f.SHA256:
			c.Changed = append(c.Changed, f.Path)
		}
		delete(before, f.Path)
	}
	for p := range before {
		c.Removed = append(c.Removed, p)
	}
	sort.Strings(c.Added)
	sort.Strings(c.Changed)
	sort.Strings(c.Removed)
	return c
}
