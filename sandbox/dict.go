package sandbox

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// strTable finds the dictionary code of a byte string without allocating:
// open addressing over codes. It is faster than a Go map[string]uint32
// here, notably in WebAssembly where the runtime's map hash has no
// hardware help. Each string lives in one of two tables: strings of at
// most 15 bytes are keyed exactly by two words (their bytes and length: no
// hashing loop, no byte comparison); longer ones by a hash, checked
// against the dictionary. The dictionary's strings are copied into a few
// large blocks rather than allocated one by one.
type strTable struct {
	slots []uint64 // long strings: hash<<32 | code+1; 0 = empty
	mask  uint32
	n     uint32

	short []shortSlot // strings of at most 15 bytes
	smask uint32
	sn    uint32

	arena []byte // block the next dictionary strings are copied into

	digits []uint32 // postcode columns: code+1 of each 5-digit string (0: none yet)
}

type shortSlot struct {
	k1, k2 uint64
	code   uint32 // code+1; 0 = empty
}

// shortKey returns the two words that key a string of at most 15 bytes:
// its bytes (zero-padded) and its length in the top byte. w holds the
// string's bytes followed by at least 16-l readable bytes.
func shortKey(w []byte, l int) (k1, k2 uint64) {
	w = w[:16]
	k1 = binary.LittleEndian.Uint64(w)
	k2 = binary.LittleEndian.Uint64(w[8:])
	if l < 8 {
		k1 &= 1<<(8*uint(l)) - 1
		k2 = 0
	} else {
		k2 &= 1<<(8*uint(l-8)) - 1
	}
	k2 |= uint64(l) << 56
	return
}

func shortHash(k1, k2 uint64) uint32 {
	return uint32((k1*0x9E3779B97F4A7C15 ^ k2*0xC2B2AE3D27D4EB4F) >> 32)
}

// codeShort is code for a b with len(b) ≤ 15 and cap(b) ≥ 16 (the bytes
// after b are readable and masked out).
func (t *strTable) codeShort(dict *[]string, b []byte) uint32 {
	k1, k2 := shortKey(b[:cap(b)], len(b))
	return t.codeKey(dict, b, k1, k2)
}

// codeKey returns the code of the short string b keyed by k1, k2, adding
// it if new.
func (t *strTable) codeKey(dict *[]string, b []byte, k1, k2 uint64) uint32 {
	if t.short == nil {
		t.short = make([]shortSlot, 64)
		t.smask = 63
	}
	i := shortHash(k1, k2) & t.smask
	for {
		s := &t.short[i]
		if s.code == 0 {
			break
		}
		if s.k1 == k1 && s.k2 == k2 {
			return s.code - 1
		}
		i = (i + 1) & t.smask
	}
	code := uint32(len(*dict))
	*dict = append(*dict, t.intern(b))
	t.short[i] = shortSlot{k1, k2, code + 1}
	t.sn++
	if t.sn*4 > t.smask*3 { // load factor 3/4: the slots are 24 bytes
		old := t.short
		t.short = make([]shortSlot, 2*len(old))
		t.smask = uint32(len(t.short) - 1)
		for _, s := range old {
			if s.code == 0 {
				continue
			}
			j := shortHash(s.k1, s.k2) & t.smask
			for t.short[j].code != 0 {
				j = (j + 1) & t.smask
			}
			t.short[j] = s
		}
	}
	return code
}

// intern copies b into the current block and returns it as a string.
func (t *strTable) intern(b []byte) string {
	l := len(b)
	if l == 0 {
		return ""
	}
	if l > 512 {
		return string(b)
	}
	if len(t.arena)+l > cap(t.arena) {
		t.arena = make([]byte, 0, 16<<10)
	}
	off := len(t.arena)
	t.arena = append(t.arena, b...)
	return unsafe.String(&t.arena[off], l)
}

func hashBytes(b []byte) uint64 {
	h := uint64(len(b))*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
	// two lanes of 8 bytes: half the chain of dependent multiplications
	g := h ^ 0x5851F42D4C957F2D
	for len(b) >= 16 {
		h = bits.RotateLeft64(h^binary.LittleEndian.Uint64(b), 29) * 0xBF58476D1CE4E5B9
		g = bits.RotateLeft64(g^binary.LittleEndian.Uint64(b[8:]), 31) * 0x94D049BB133111EB
		b = b[16:]
	}
	h ^= bits.RotateLeft64(g, 17)
	if len(b) >= 8 {
		h = bits.RotateLeft64(h^binary.LittleEndian.Uint64(b), 29) * 0xBF58476D1CE4E5B9
		b = b[8:]
	}
	if len(b) >= 4 {
		h = bits.RotateLeft64(h^uint64(binary.LittleEndian.Uint32(b)), 29) * 0x94D049BB133111EB
		b = b[4:]
	}
	for _, c := range b {
		h = (h ^ uint64(c)) * 0x100000001B3
	}
	h ^= h >> 32
	h *= 0xD6E8FEB86659FD93
	h ^= h >> 32
	return h
}

// code returns the code of b in dict, adding it if new.
func (t *strTable) code(dict *[]string, b []byte) uint32 {
	if len(b) <= 15 {
		var w [16]byte
		copy(w[:], b)
		k1, k2 := shortKey(w[:], len(b))
		return t.codeKey(dict, b, k1, k2)
	}
	if t.slots == nil {
		t.slots = make([]uint64, 64)
		t.mask = 63
	}
	// hash the first 16 and the last 8 bytes and the length: the table's
	// probe and the comparison with the dictionary settle the rest
	l := len(b)
	x := binary.LittleEndian.Uint64(b)*0x9E3779B97F4A7C15 ^ binary.LittleEndian.Uint64(b[8:])*0xC2B2AE3D27D4EB4F ^
		binary.LittleEndian.Uint64(b[l-8:])*0x165667B19E3779F9 ^ uint64(l)
	h := uint32((x ^ x>>29) * 0xBF58476D1CE4E5B9 >> 32)
	i := h & t.mask
	d := *dict
	for {
		s := t.slots[i]
		if s == 0 {
			break
		}
		if uint32(s>>32) == h {
			if c := uint32(s) - 1; d[c] == string(b) {
				return c
			}
		}
		i = (i + 1) & t.mask
	}
	code := uint32(len(d))
	*dict = append(d, t.intern(b))
	t.slots[i] = uint64(h)<<32 | uint64(code+1)
	t.n++
	if t.n*2 > t.mask {
		t.rehash()
	}
	return code
}

func (t *strTable) rehash() {
	old := t.slots
	t.slots = make([]uint64, 2*len(old))
	t.mask = uint32(len(t.slots) - 1)
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := uint32(s>>32) & t.mask
		for t.slots[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = s
	}
}
