package sandbox

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"testing"
)

// readAll reads every entry with our reader, by name.
func readAll(t testing.TB, data []byte) (map[string][]byte, error) {
	a, err := newZipReader(data)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, f := range a.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		out[f.Name] = b
	}
	return out, nil
}

func TestZipReaderMatchesArchiveZip(t *testing.T) {
	data, err := os.ReadFile("testdata/billetterie.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, data)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(zr.File) {
		t.Fatalf("%d entries, archive/zip reads %d", len(got), len(zr.File))
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		want, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(got[f.Name], want) {
			t.Errorf("%s differs", f.Name)
		}
	}
}

func TestZipReaderRejectsDamage(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write(bytes.Repeat([]byte("<sheet/>"), 200))
	zw.Close()
	good := buf.Bytes()
	if _, err := readAll(t, good); err != nil {
		t.Fatalf("good archive: %v", err)
	}
	// Flip a byte of the compressed data: CRC or inflate must fail.
	bad := bytes.Clone(good)
	bad[30+len("xl/workbook.xml")+5] ^= 0xff // inside the deflated data
	if _, err := readAll(t, bad); err == nil {
		t.Error("damaged data accepted")
	}
	for _, n := range []int{0, 10, len(good) / 2, len(good) - 1} {
		if _, err := readAll(t, good[:n]); err == nil {
			t.Errorf("archive cut at %d bytes accepted", n)
		}
	}
}

func FuzzZipReader(f *testing.F) {
	if data, err := os.ReadFile("testdata/billetterie.xlsx"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := readAll(t, data)
		if err != nil {
			return
		}
		// What we read must be what archive/zip reads.
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				continue
			}
			want, err := io.ReadAll(rc)
			rc.Close()
			if err == nil && got[f.Name] != nil && !bytes.Equal(got[f.Name], want) {
				t.Errorf("%s: %q, archive/zip reads %q", f.Name, got[f.Name], want)
			}
		}
	})
}
