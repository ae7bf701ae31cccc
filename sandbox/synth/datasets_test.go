package synth

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// The committed datasets are exactly what the generator writes: run
// `make datasets` after changing it.
func TestDatasetsUpToDate(t *testing.T) {
	a, b := Datasets(), Datasets()
	for i, d := range a {
		if !bytes.Equal(d.Data, b[i].Data) {
			t.Fatalf("%s: two runs differ", d.File)
		}
		got, err := os.ReadFile(filepath.Join("..", "..", "content", "datasets", d.File))
		if err != nil {
			t.Fatalf("%v (run `make datasets`)", err)
		}
		if !bytes.Equal(got, d.Data) {
			t.Errorf("content/datasets/%s is out of date: run `make datasets`", d.File)
		}
	}
}

// Each dataset ships in the app and in the update worker: at most 150 KB
// gzipped each.
func TestDatasetsSmall(t *testing.T) {
	total := 0
	for _, d := range Datasets() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(d.Data)
		zw.Close()
		total += buf.Len()
		if buf.Len() > 150<<10 {
			t.Errorf("%s: %d bytes gzipped, over 150 KB", d.File, buf.Len())
		}
	}
	if total > 600<<10 {
		t.Errorf("datasets: %d bytes gzipped in all, over 600 KB", total)
	}
}

// Every character can be written in Windows-1252 (a user saving the file
// again from Excel loses nothing).
func TestDatasetsWindows1252(t *testing.T) {
	ok := map[rune]bool{'€': true, '‚': true, 'ƒ': true, '„': true, '…': true, '†': true, '‡': true, 'ˆ': true, '‰': true, 'Š': true, '‹': true, 'Œ': true, 'Ž': true,
		'‘': true, '’': true, '“': true, '”': true, '•': true, '–': true, '—': true, '˜': true, '™': true, 'š': true, '›': true, 'œ': true, 'ž': true, 'Ÿ': true}
	for _, d := range Datasets() {
		data := bytes.TrimPrefix(d.Data, []byte("\uFEFF"))
		if !utf8.Valid(data) {
			t.Fatalf("%s: not UTF-8", d.File)
		}
		for i, r := range string(data) {
			if r > 0xff && !ok[r] || r >= 0x80 && r < 0xa0 {
				t.Errorf("%s: byte %d: %q is not in Windows-1252", d.File, i, r)
				break
			}
		}
	}
}
