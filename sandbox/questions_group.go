package sandbox

import (
	"math"
	"strconv"
)

// Grouping helpers on top of the kernels (kernels.go): a grid of every
// group of a key (empty ones included, in key order), crossed keys,
// constant and precomputed keys, and the « tickets » and « people »
// aggregates every question counts with.

// grid is the result of a grouping, indexed by the key's group number.
type grid struct {
	n     int
	label func(g int) string
	rows  []float64   // rows per group
	vals  [][]float64 // vals[a][g]; empty groups: 0 for counts and sums, NaN otherwise
}

// labels returns the labels of every group.
func (g *grid) labels() []string {
	out := make([]string, g.n)
	for i := range out {
		out[i] = g.label(i)
	}
	return out
}

// grid groups the selected rows (sel nil: all) by key and computes the
// aggregates for every group of the key.
func (f *Frame) grid(sel Bitmap, key Key, aggs ...Agg) *grid {
	var lab labeler
	wrapped := Key{Name: key.Name, prepare: func(f *Frame) (labeler, func(int, int, []int32)) {
		l, fill := key.prepare(f)
		lab = l
		return labeler{l.n, strconv.Itoa}, fill
	}}
	t := f.groupBy(sel, wrapped, true, append([]Agg{Count()}, aggs...)...)
	g := &grid{n: lab.n, label: lab.label, rows: make([]float64, lab.n), vals: make([][]float64, len(aggs))}
	for a := range aggs {
		g.vals[a] = make([]float64, lab.n)
		switch aggs[a].kind {
		case aggMean, aggShare, aggMin, aggMax:
			for i := range g.vals[a] {
				g.vals[a][i] = math.NaN()
			}
		}
	}
	for r, k := range t.Keys {
		i, _ := strconv.Atoi(k)
		g.rows[i] = t.Values[0][r]
		for a := range aggs {
			g.vals[a][i] = t.Values[a+1][r]
		}
	}
	return g
}

// maxCross bounds the number of groups of a crossed key.
const maxCross = 1 << 21

// crossKey groups by two keys at once; group a*nb+b is (a, b) and its
// label « A × B ». The caller keeps the product small (see compactKey).
func crossKey(a, b Key) Key {
	return Key{Name: a.Name + " × " + b.Name, prepare: func(f *Frame) (labeler, func(int, int, []int32)) {
		la, fa := a.prepare(f)
		lb, fb := b.prepare(f)
		nb := lb.n
		buf := make([]int32, min(ChunkRows, max(f.rows, 1)))
		return labeler{la.n * nb, func(g int) string { return la.label(g/nb) + " × " + lb.label(g%nb) }},
			func(lo, hi int, out []int32) {
				fa(lo, hi, out)
				fb(lo, hi, buf)
				for i := range out[:hi-lo] {
					if out[i] < 0 || buf[i] < 0 {
						out[i] = -1
					} else {
						out[i] = out[i]*int32(nb) + buf[i]
					}
				}
			}
	}}
}

// compactKey renumbers a key's groups to those present among the selected
// rows, in key order (a text column's dictionary may hold many values
// that a filter leaves out).
func compactKey(f *Frame, sel Bitmap, k Key) (Key, int) {
	lab, fill := k.prepare(f)
	ids := make([]int32, f.rows)
	for lo := 0; lo < f.rows; lo += ChunkRows {
		hi := min(lo+ChunkRows, f.rows)
		fill(lo, hi, ids[lo:hi])
	}
	present := make([]int32, lab.n)
	forChunks(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			g := ids[i]
			if g >= 0 && (sel == nil || sel.Get(i)) {
				present[g] = 1
			}
		}
	})
	var back []int
	for g := range present {
		if present[g] != 0 {
			present[g] = int32(len(back))
			back = append(back, g)
		} else {
			present[g] = -1
		}
	}
	forChunks(len(ids), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			g := ids[i]
			if g >= 0 {
				ids[i] = present[g]
			}
		}
	})
	return Key{Name: k.Name, prepare: func(*Frame) (labeler, func(int, int, []int32)) {
		return labeler{len(back), func(g int) string { return lab.label(back[g]) }},
			func(lo, hi int, out []int32) { copy(out[:hi-lo], ids[lo:hi]) }
	}}, len(back)
}

// allKey puts every row in one group.
func allKey(label string) Key {
	return Key{Name: label, prepare: func(*Frame) (labeler, func(int, int, []int32)) {
		return fixed([]string{label}), func(lo, hi int, out []int32) {
			for i := range out[:hi-lo] {
				out[i] = 0
			}
		}
	}}
}

// idsKey groups by precomputed group numbers (-1: no group).
func idsKey(name string, labels []string, ids []int32) Key {
	return Key{Name: name, prepare: func(*Frame) (labeler, func(int, int, []int32)) {
		return fixed(labels), func(lo, hi int, out []int32) { copy(out[:hi-lo], ids[lo:hi]) }
	}}
}

// keyIDs computes a key's group number for every row.
func keyIDs(f *Frame, k Key) ([]int32, labeler) {
	lab, fill := k.prepare(f)
	ids := make([]int32, f.rows)
	for lo := 0; lo < f.rows; lo += ChunkRows {
		hi := min(lo+ChunkRows, f.rows)
		fill(lo, hi, ids[lo:hi])
	}
	return ids, lab
}

// qtyOr1 is the quantity of a row, 1 when missing.
func qtyOr1(q *Column) Expr {
	return Expr{Name: "billets", eval: func(lo, hi int, v []float64, ok []bool) {
		for i := lo; i < hi; i++ {
			ok[i-lo] = true
			v[i-lo] = 1
			if q.stor != storDict && q.Valid(i) {
				v[i-lo] = q.Float(i)
			}
		}
	}}
}

// ticketsAgg counts tickets: the sum of the quantity column if the file has
// one (a missing quantity counts 1), else the rows.
func ticketsAgg(f *Frame) (Agg, *Column) {
	if q := roleCol(f, RoleQuantity); q != nil && q.stor != storDict {
		a := SumOf(qtyOr1(q))
		a.Name = "billets"
		return a, q
	}
	a := Count()
	a.Name = "billets"
	return a, nil
}

// peopleAgg counts people: distinct customer ids if the file has them,
// else tickets (then people reports false).
func peopleAgg(f *Frame) (a Agg, cust *Column, people bool) {
	if c := roleCol(f, RoleCustomerID); c != nil {
		return CountDistinct(c), c, true
	}
	a, _ = ticketsAgg(f)
	return a, nil, false
}

// and2 intersects two selections (nil means all rows).
func and2(a, b Bitmap) Bitmap {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	out := make(Bitmap, len(a))
	for i := range a {
		out[i] = a[i] & b[i]
	}
	return out
}

// selCount counts the selected rows (sel nil: all).
func (f *Frame) selCount(sel Bitmap) int {
	if sel == nil {
		return f.rows
	}
	return sel.Count(f.rows)
}

// dayAt returns a Date or DateTime column's value at i as days; ok false
// when missing or not a date.
func dayAt(c *Column, i int) (int64, bool) {
	if c == nil || (c.Type != Date && c.Type != DateTime) || !c.Valid(i) {
		return 0, false
	}
	if c.Type == DateTime {
		return floorDiv(c.Int(i), 86400), true
	}
	return c.Int(i), true
}

// textCodes returns the dictionary code of each row of a text column (-1:
// missing), through the ByValue kernel.
func textCodes(c *Column) []int32 {
	out := make([]int32, c.n)
	_, fill := byValue(c).prepare(nil)
	for lo := 0; lo < c.n; lo += ChunkRows {
		hi := min(lo+ChunkRows, c.n)
		fill(lo, hi, out[lo:hi])
	}
	return out
}

// isDate reports whether c is a Date or DateTime column.
//
//go:noinline
func isDate(c *Column) bool { return c != nil && (c.Type == Date || c.Type == DateTime) }

// seasonOf returns the season (September → August) a day falls in, as its
// first year: 2025-09-01 and 2026-08-31 are both in season 2025
// (« 2025-2026 »).
func seasonOf(day int64) int {
	y, m, _ := CivilFromDays(day)
	if m >= 9 {
		return y
	}
	return y - 1
}

// seasonLabel is « 2025-2026 » for season 2025.
//
//go:noinline
func seasonLabel(s int) string { return itoa(s) + "-" + itoa(s+1) }

// ---- distinct people per group, with flags ----

// pairTable ORs flags into cells (group, customer): a dense table when
// groups × customers is small enough, a hash table otherwise. It counts
// each person once per group, with the union of their rows' flags (bit 31
// marks presence).
type pairTable struct {
	ng, nc int
	dense  []uint32
	keys   []uint64 // hashed: key = group<<32 | customer, +1 (0 is empty)
	vals   []uint32
	mask   uint64
}

const pairPresent = 1 << 31

// maxDensePairs bounds the dense table (16 MB of uint32).
const maxDensePairs = 4 << 20

func newPairTable(ng, nc, rows int) *pairTable {
	t := &pairTable{ng: ng, nc: nc}
	if uint64(ng)*uint64(nc) <= maxDensePairs {
		t.dense = make([]uint32, ng*nc)
		return t
	}
	size := 16
	for size < 2*rows {
		size <<= 1
	}
	t.keys, t.vals, t.mask = make([]uint64, size), make([]uint32, size), uint64(size-1)
	return t
}

func (t *pairTable) or(g, c int32, flags uint32) {
	flags |= pairPresent
	if t.dense != nil {
		t.dense[int(g)*t.nc+int(c)] |= flags
		return
	}
	k := uint64(g)<<32 | uint64(uint32(c)) + 1
	i := mix64(k) & t.mask
	for {
		switch t.keys[i] {
		case 0:
			t.keys[i], t.vals[i] = k, flags
			return
		case k:
			t.vals[i] |= flags
			return
		}
		i = (i + 1) & t.mask
	}
}

// each calls fn for every present cell.
func (t *pairTable) each(fn func(g int, flags uint32)) {
	if t.dense != nil {
		for g := 0; g < t.ng; g++ {
			row := t.dense[g*t.nc : (g+1)*t.nc]
			forChunks(len(row), func(lo, hi int) {
				for _, v := range row[lo:hi] {
					if v != 0 {
						fn(g, v)
					}
				}
			})
		}
		return
	}
	forChunks(len(t.keys), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if k := t.keys[i]; k != 0 {
				fn(int((k-1)>>32), t.vals[i])
			}
		}
	})
}

// forChunks calls fn over the rows [0, n) in pieces of ChunkRows. In
// WebAssembly, V8 optimises a function on its next call: a loop over a
// million rows in one call runs in baseline code, the same loop split in
// chunks runs optimised from the second chunk on (2–3× faster). Keep the
// per-row work inside fn.
//
//go:noinline
func forChunks(n int, fn func(lo, hi int)) {
	for lo := 0; lo < n; lo += ChunkRows {
		fn(lo, min(lo+ChunkRows, n))
	}
}

// countPer counts, for each of ng groups (gids: group of each row, -1 for
// none; rows outside sel skipped, sel nil: all), the distinct customers
// (cust not nil) or the tickets (quantity, else rows).
func countPer(f *Frame, sel Bitmap, gids []int32, ng int, cust *Column) []float64 {
	out := make([]float64, ng)
	if cust == nil {
		var qty *Column
		if q := roleCol(f, RoleQuantity); q != nil && q.stor != storDict {
			qty = q
		}
		forChunks(f.rows, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				g := gids[i]
				if g < 0 || sel != nil && !sel.Get(i) {
					continue
				}
				w := 1.0
				if qty != nil && qty.Valid(i) {
					w = qty.Float(i)
				}
				out[g] += w
			}
		})
		return out
	}
	cids, lab := keyIDs(f, byValue(cust))
	return countPerIDs(f, sel, gids, ng, cids, lab.n)
}

// countPerIDs counts the distinct ids (cids: id of each row, -1 for none,
// below nc) per group.
func countPerIDs(f *Frame, sel Bitmap, gids []int32, ng int, cids []int32, nc int) []float64 {
	out := make([]float64, ng)
	t := newPairTable(ng, nc, f.rows)
	forChunks(f.rows, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			g, c := gids[i], cids[i]
			if g < 0 || c < 0 || sel != nil && !sel.Get(i) {
				continue
			}
			t.or(g, c, 0)
		}
	})
	t.each(func(g int, _ uint32) { out[g]++ })
	return out
}

// Small sorts. The standard ones are generic: each element type brings
// its own copy of pdqsort into the engine's WebAssembly (about 10 KB
// each); a heap sort per type of ours is a tenth of that.

// sortFloats sorts in increasing order (NaN first).
func sortFloats(a []float64) {
	less := func(i, j int) bool { return a[i] < a[j] || a[i] != a[i] && a[j] == a[j] }
	heapSort(len(a), less, func(i, j int) { a[i], a[j] = a[j], a[i] })
}

// sortStrings sorts in byte order.
func sortStrings(a []string) {
	heapSort(len(a), func(i, j int) bool { return a[i] < a[j] }, func(i, j int) { a[i], a[j] = a[j], a[i] })
}

// sortInts sorts in increasing order.
func sortInts(a []int) {
	heapSort(len(a), func(i, j int) bool { return a[i] < a[j] }, func(i, j int) { a[i], a[j] = a[j], a[i] })
}

// heapSort sorts n elements (not stable) in O(n log n).
func heapSort(n int, less func(i, j int) bool, swap func(i, j int)) {
	down := func(i, n int) {
		for {
			c := 2*i + 1
			if c >= n {
				return
			}
			if c+1 < n && less(c, c+1) {
				c++
			}
			if !less(i, c) {
				return
			}
			swap(i, c)
			i = c
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i, n)
	}
	for i := n - 1; i > 0; i-- {
		swap(0, i)
		down(0, i)
	}
}
