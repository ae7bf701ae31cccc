package sandbox

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"io"
)

// A minimal reader of zip archives (.xlsx files are zip archives): the
// central directory, stored and deflated entries, CRC-32 checked. It
// replaces archive/zip in the engine, whose package initialisation links
// the deflate compressor and time formatting into the WebAssembly binary
// (about 30 KB gzip). Zip64 archives are refused: a spreadsheet export is
// far below their 4 GB threshold.

var errZip = errors.New("archive zip illisible")

// zipArchive is an archive read from memory.
type zipArchive struct {
	data []byte
	File []*zipFile
}

// zipFile is one entry of the central directory.
type zipFile struct {
	Name               string
	method             uint16
	crc                uint32
	compressed         uint64
	UncompressedSize64 uint64
	offset             uint64
	data               []byte
}

const (
	zipEOCDSig     = 0x06054b50
	zipCentralSig  = 0x02014b50
	zipLocalSig    = 0x04034b50
	zipEOCDLen     = 22
	zipCentralLen  = 46
	zipLocalLen    = 30
	zipMaxComment  = 1<<16 - 1
	zipStored      = 0
	zipDeflated    = 8
	zipMaxEntries  = 1 << 16
	zipUnsupported = 0xFFFFFFFF
)

// newZipReader reads the central directory of an archive held in memory.
func newZipReader(data []byte) (*zipArchive, error) {
	if len(data) < zipEOCDLen {
		return nil, errZip
	}
	// The end-of-central-directory record is in the last 22 + 65 535 bytes.
	lo := max(0, len(data)-zipEOCDLen-zipMaxComment)
	eocd := -1
	for i := len(data) - zipEOCDLen; i >= lo; i-- {
		if binary.LittleEndian.Uint32(data[i:]) == zipEOCDSig {
			eocd = i
			break
		}
	}
	if eocd < 0 {
		return nil, errZip
	}
	le := binary.LittleEndian
	n := int(le.Uint16(data[eocd+10:]))
	size := uint64(le.Uint32(data[eocd+12:]))
	off := uint64(le.Uint32(data[eocd+16:]))
	if size == zipUnsupported || off == zipUnsupported || off+size > uint64(eocd) {
		return nil, errZip
	}
	a := &zipArchive{data: data}
	p := data[off : off+size]
	for i := 0; i < n && i < zipMaxEntries; i++ {
		if len(p) < zipCentralLen || le.Uint32(p) != zipCentralSig {
			return nil, errZip
		}
		nameLen, extraLen, commentLen := int(le.Uint16(p[28:])), int(le.Uint16(p[30:])), int(le.Uint16(p[32:]))
		end := zipCentralLen + nameLen + extraLen + commentLen
		if len(p) < end {
			return nil, errZip
		}
		f := &zipFile{
			Name:               string(p[zipCentralLen : zipCentralLen+nameLen]),
			method:             le.Uint16(p[10:]),
			crc:                le.Uint32(p[16:]),
			compressed:         uint64(le.Uint32(p[20:])),
			UncompressedSize64: uint64(le.Uint32(p[24:])),
			offset:             uint64(le.Uint32(p[42:])),
			data:               data,
		}
		if f.compressed == zipUnsupported || f.UncompressedSize64 == zipUnsupported || f.offset == zipUnsupported {
			return nil, errZip // zip64
		}
		a.File = append(a.File, f)
		p = p[end:]
	}
	return a, nil
}

// Open returns a reader of the entry's uncompressed bytes; reading to the
// end checks its size and CRC-32.
func (f *zipFile) Open() (io.ReadCloser, error) {
	le := binary.LittleEndian
	if f.offset+zipLocalLen > uint64(len(f.data)) || le.Uint32(f.data[f.offset:]) != zipLocalSig {
		return nil, errZip
	}
	h := f.data[f.offset:]
	start := f.offset + zipLocalLen + uint64(le.Uint16(h[26:])) + uint64(le.Uint16(h[28:]))
	if start+f.compressed > uint64(len(f.data)) {
		return nil, errZip
	}
	raw := bytes.NewReader(f.data[start : start+f.compressed])
	var r io.ReadCloser
	switch f.method {
	case zipStored:
		r = io.NopCloser(raw)
	case zipDeflated:
		r = flate.NewReader(raw)
	default:
		return nil, errZip
	}
	return &zipEntryReader{r: r, crc: crc32.NewIEEE(), want: f.crc, left: f.UncompressedSize64}, nil
}

// zipEntryReader checks an entry's size and CRC-32 as it is read.
type zipEntryReader struct {
	r    io.ReadCloser
	crc  hash.Hash32
	want uint32
	left uint64
}

func (z *zipEntryReader) Read(p []byte) (int, error) {
	if uint64(len(p)) > z.left+1 {
		p = p[:z.left+1]
	}
	n, err := z.r.Read(p)
	if uint64(n) > z.left {
		return 0, errZip // longer than the directory says
	}
	z.left -= uint64(n)
	z.crc.Write(p[:n])
	if err == io.EOF {
		if z.left != 0 || z.crc.Sum32() != z.want {
			return n, errZip
		}
		return n, io.EOF
	}
	if err != nil {
		return n, errZip
	}
	return n, nil
}

func (z *zipEntryReader) Close() error { return z.r.Close() }
