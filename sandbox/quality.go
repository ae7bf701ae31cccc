package sandbox

import (
	"sort"
	"strconv"
	"time"
)

// Stage 7: quality. The report counts rows, columns, missing and invalid
// values, exact duplicate rows and repeated identifiers, flags suspicious
// values (negative prices, birth years in the future, dates out of range,
// purchases after the show) and lists the columns holding personal data.

// Quality is the data-quality report of an import.
type Quality struct {
	Rows          int           `json:"rows"`
	Columns       int           `json:"columns"`
	MissingCells  int           `json:"missing_cells"`
	InvalidValues int           `json:"invalid_values"`
	DuplicateRows int           `json:"duplicate_rows"` // rows identical to an earlier row
	IDs           []IDStats     `json:"ids,omitempty"`
	Suspicious    []Suspicious  `json:"suspicious,omitempty"`
	PersonalData  []PersonalCol `json:"personal_data,omitempty"`
}

// IDStats describes an identifier column: how many distinct values, and how
// many rows repeat an earlier value (normal for a customer id in a ticket
// export, a problem for a ticket or row id).
type IDStats struct {
	Column     string `json:"column"`
	Role       Role   `json:"role,omitempty"`
	Distinct   int    `json:"distinct"`
	Duplicates int    `json:"duplicates"`
}

// Suspicious counts values that are valid but unlikely.
type Suspicious struct {
	Column  string `json:"column"`
	Kind    string `json:"kind"` // negative_price, future_birth_year, old_birth_year, future_date, date_out_of_range, age_out_of_range, purchase_after_show
	Count   int    `json:"count"`
	Example string `json:"example"`
	Line    int64  `json:"line,omitempty"`
}

// PersonalCol is a column holding personal data.
type PersonalCol struct {
	Column string `json:"column"`
	Kind   Role   `json:"kind"`
}

// reportExtras are filled by the import and used by finishReport.
type reportExtras struct {
	exampleCols  [][]string
	exampleNames []string
	hashes       []uint64
}

// finishReport suggests roles, fills the column reports and the quality report.
func finishReport(f *Frame, rep *Report, opts Options) {
	ex := map[string][]string{}
	for i, n := range rep.exampleNames {
		ex[n] = rep.exampleCols[i]
	}
	for _, c := range f.cols {
		sample := ex[c.Name]
		if c.stor == storDict {
			sample = c.dict
			if len(sample) > 200 {
				sample = sample[:200]
			}
		}
		c.Role = suggestRole(c.Name, c.Type, sample)
		if r, ok := lookupOverride(opts.Roles, c.Name); ok {
			c.Role = r
		}
	}
	// one column per role: later duplicates of a single-valued role lose it
	seen := map[Role]bool{}
	for _, c := range f.cols {
		if c.Role == RoleNone || c.Role == RoleName || c.Role == RoleAddress || c.Role == RolePhone {
			continue
		}
		if _, forced := lookupOverride(opts.Roles, c.Name); forced {
			continue
		}
		if seen[c.Role] {
			c.Role = RoleNone
		}
		seen[c.Role] = true
	}
	decComma, decDot := 0, 0
	for _, c := range f.cols {
		cr := ColumnReport{Name: c.Name, Type: c.Type, Role: c.Role, Format: c.Format, Missing: c.Missing(), Invalid: c.nInvalid, Examples: ex[c.Name]}
		if cr.Examples == nil {
			cr.Examples = []string{}
		}
		if len(c.invalid) > maxInvalidListed {
			cr.Invalids = c.invalid[:maxInvalidListed]
		} else {
			cr.Invalids = c.invalid
		}
		rep.Columns = append(rep.Columns, cr)
		if c.nInvalid > 0 {
			w := &ImportError{Kind: WarnInvalidValues, Column: c.Name, Count: int64(c.nInvalid), Line: c.invalid[0].Line, Detail: c.invalid[0].Value}
			rep.Warnings = append(rep.Warnings, w)
		}
		if c.Type == Decimal || c.Type == Percent {
			if c.dec == ',' {
				decComma++
			} else {
				decDot++
			}
		}
	}
	switch {
	case decComma > decDot:
		rep.Decimal = ","
	case decDot > 0:
		rep.Decimal = "."
	case rep.Delimiter == ",":
		rep.Decimal = "."
	default:
		rep.Decimal = ","
	}
	if len(f.cols) == 1 {
		rep.Warnings = append(rep.Warnings, &ImportError{Kind: WarnOneColumn, Column: f.cols[0].Name})
	}
	today := opts.Today
	if today.IsZero() {
		today = time.Now()
	}
	rep.Quality = computeQuality(f, rep.hashes, today)
	rep.hashes = nil
	rep.exampleCols = nil
}

func computeQuality(f *Frame, hashes []uint64, today time.Time) *Quality {
	q := &Quality{Rows: f.rows, Columns: len(f.cols)}
	for _, c := range f.cols {
		q.MissingCells += c.Missing()
		q.InvalidValues += c.nInvalid
	}
	q.DuplicateRows = countDuplicates(hashes)
	for _, c := range f.cols {
		if c.Type == Identifier || c.Role == RoleCustomerID || c.Role == RoleOrderID {
			d := distinctCount(c)
			valid := c.valid.Count(c.n)
			q.IDs = append(q.IDs, IDStats{Column: c.Name, Role: c.Role, Distinct: d, Duplicates: valid - d})
		}
		if c.Role.Personal() {
			q.PersonalData = append(q.PersonalData, PersonalCol{Column: c.Name, Kind: c.Role})
		}
	}
	ty, tm, td := today.Date()
	todayDays := daysFromCivil(ty, int(tm), td)
	for _, c := range f.cols {
		var s *Suspicious
		add := func(kind string, i int) {
			if s == nil || s.Kind != kind {
				for k := range q.Suspicious {
					if q.Suspicious[k].Column == c.Name && q.Suspicious[k].Kind == kind {
						s = &q.Suspicious[k]
					}
				}
				if s == nil || s.Kind != kind {
					q.Suspicious = append(q.Suspicious, Suspicious{Column: c.Name, Kind: kind, Example: c.String(i), Line: f.Line(i)})
					s = &q.Suspicious[len(q.Suspicious)-1]
				}
			}
			s.Count++
		}
		switch {
		case c.Role == RolePrice && c.stor == storFloat:
			for i, v := range c.f64 {
				if v < 0 && c.valid.Get(i) {
					add("negative_price", i)
				}
			}
		case c.Role == RolePrice && c.stor == storInt:
			var buf []int64
			for lo := 0; lo < c.n; lo += ChunkRows {
				hi := min(lo+ChunkRows, c.n)
				for k, v := range c.intChunk(lo, hi, &buf) {
					if v < 0 && c.valid.Get(lo+k) {
						add("negative_price", lo+k)
					}
				}
			}
		case c.Role == RoleBirthYear && c.stor == storInt:
			for i := 0; i < c.n; i++ {
				if !c.valid.Get(i) {
					continue
				}
				y := c.intAt(i)
				if y > int64(ty) {
					add("future_birth_year", i)
				} else if y < int64(ty)-110 {
					add("old_birth_year", i)
				}
			}
		case c.Role == RoleAge && c.stor == storInt:
			for i := 0; i < c.n; i++ {
				if v := c.intAt(i); c.valid.Get(i) && (v < 0 || v > 110) {
					add("age_out_of_range", i)
				}
			}
		case c.Type == Date || c.Type == DateTime:
			lo, hi := daysFromCivil(1900, 1, 1), todayDays+3650
			if (c.Role == RoleBirthDate || c.Role == RolePurchaseDate) && todayDays < hi {
				hi = todayDays
			}
			scale := int64(1)
			if c.Type == DateTime {
				lo, hi, scale = lo*86400, (hi+1)*86400-1, 86400
			}
			if c.stor != storInt {
				break
			}
			var buf []int64
			for clo := 0; clo < c.n; clo += ChunkRows {
				chi := min(clo+ChunkRows, c.n)
				for k, v := range c.intChunk(clo, chi, &buf) {
					i := clo + k
					if v >= lo && v <= hi || !c.valid.Get(i) {
						continue
					}
					d := floorDiv(v, scale)
					switch {
					case (c.Role == RoleBirthDate || c.Role == RolePurchaseDate) && d > todayDays:
						add("future_date", i)
					case d < daysFromCivil(1900, 1, 1) || d > todayDays+3650:
						add("date_out_of_range", i)
					}
				}
			}
		}
	}
	// purchases after the show
	if p, sh := f.ByRole(RolePurchaseDate), f.ByRole(RoleShowDate); p != nil && sh != nil && p.stor == storInt && sh.stor == storInt {
		var s *Suspicious
		ps, ss := int64(1), int64(1)
		if p.Type == DateTime {
			ps = 86400
		}
		if sh.Type == DateTime {
			ss = 86400
		}
		var pbuf, sbuf []int64
		for lo := 0; lo < f.rows; lo += ChunkRows {
			hi := min(lo+ChunkRows, f.rows)
			pi, si := p.intChunk(lo, hi, &pbuf), sh.intChunk(lo, hi, &sbuf)
			for k := range pi {
				// purchase after show: compare days (cheap pre-check on raw values when both scales match)
				if ps == ss && pi[k] <= si[k] {
					continue
				}
				i := lo + k
				if floorDiv(pi[k], ps) <= floorDiv(si[k], ss) || !p.valid.Get(i) || !sh.valid.Get(i) {
					continue
				}
				if s == nil {
					q.Suspicious = append(q.Suspicious, Suspicious{Column: p.Name, Kind: "purchase_after_show", Example: p.String(i) + " > " + sh.String(i), Line: f.Line(i)})
					s = &q.Suspicious[len(q.Suspicious)-1]
				}
				s.Count++
			}
		}
	}
	sort.SliceStable(q.Suspicious, func(a, b int) bool { return q.Suspicious[a].Count > q.Suspicious[b].Count })
	return q
}

func floorDiv(a, b int64) int64 {
	if a >= 0 && b > 0 { // unsigned division: one WASM instruction
		return int64(uint64(a) / uint64(b))
	}
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// distinctCount counts distinct valid values of a column.
func distinctCount(c *Column) int {
	switch c.stor {
	case storDict:
		seen := make([]bool, len(c.dict))
		d := 0
		var buf []uint32
		for clo := 0; clo < c.n; clo += ChunkRows {
			chi := min(clo+ChunkRows, c.n)
			for k, code := range c.codeChunk(clo, chi, &buf) {
				if c.valid.Get(clo+k) && !seen[code] {
					seen[code] = true
					d++
				}
			}
		}
		return d
	case storInt:
		lo, hi, _ := c.intRange()
		var buf []int64
		d := 0
		if hi >= lo && uint64(hi-lo) < uint64(64*c.n+4096) {
			seen := NewBitmap(int(hi-lo) + 1)
			for clo := 0; clo < c.n; clo += ChunkRows {
				chi := min(clo+ChunkRows, c.n)
				for k, v := range c.intChunk(clo, chi, &buf) {
					if c.valid.Get(clo+k) && !seen.Get(int(v-lo)) {
						seen.Set(int(v - lo))
						d++
					}
				}
			}
			return d
		}
		set := newU64Set(c.n)
		for clo := 0; clo < c.n; clo += ChunkRows {
			chi := min(clo+ChunkRows, c.n)
			for k, v := range c.intChunk(clo, chi, &buf) {
				if c.valid.Get(clo+k) && set.add(uint64(v)) {
					d++
				}
			}
		}
		return d
	}
	set := newU64Set(c.n)
	d := 0
	for i, v := range c.f64 {
		if c.valid.Get(i) && set.add(uint64(int64(v*1e6))) {
			d++
		}
	}
	return d
}

// u64Set is an open-addressing hash set of uint64 keys (faster and smaller
// than a Go map for this use, in WebAssembly especially).
type u64Set struct {
	slots []uint64
	mask  uint64
	zero  bool // 0 is stored apart (0 marks an empty slot)
}

func newU64Set(n int) *u64Set {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &u64Set{slots: make([]uint64, size), mask: uint64(size - 1)}
}

// add inserts k and reports whether it was new.
func (s *u64Set) add(k uint64) bool {
	if k == 0 {
		if s.zero {
			return false
		}
		s.zero = true
		return true
	}
	i := mix64(k) & s.mask
	for {
		v := s.slots[i]
		if v == 0 {
			s.slots[i] = k
			return true
		}
		if v == k {
			return false
		}
		i = (i + 1) & s.mask
	}
}

func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x
}

var _ = strconv.Itoa

// countDuplicates counts hashes equal to an earlier one (it reorders
// hashes, which are not needed afterwards): an in-place MSD radix sort, a
// byte at a time (American flag sort: 256 buckets keep the swaps in cache,
// and no second array adds to the import's peak memory), small buckets by
// insertion, then equal neighbours are counted. The work is split in calls
// over slices of the data or of the buckets: V8 runs a WebAssembly
// function's optimised code from its next call.
func countDuplicates(hashes []uint64) int {
	n := len(hashes)
	if n < 2 {
		return 0
	}
	var start [257]int
	for lo := 0; lo < n; lo += ChunkRows {
		dupHistogram(hashes[lo:min(lo+ChunkRows, n)], &start, 56)
	}
	for b := 1; b <= 256; b++ {
		start[b] += start[b-1]
	}
	next := start
	for b := 0; b < 256; b += 16 {
		dupPlace(hashes, &start, &next, 56, b, b+16)
	}
	d := 0
	for b := 0; b < 256; b++ {
		d += dupSortCount(hashes[start[b]:start[b+1]], 48)
	}
	return d
}

//go:noinline
func dupHistogram(hashes []uint64, start *[257]int, shift uint) {
	for _, h := range hashes {
		start[(h>>shift)&255+1]++
	}
}

// dupPlace moves the values of buckets b0..b1 (of the byte at shift) into
// place by cycles of swaps.
//
//go:noinline
func dupPlace(hashes []uint64, start, next *[257]int, shift uint, b0, b1 int) {
	for b := b0; b < b1; b++ {
		end := start[b+1]
		for next[b] < end {
			x := hashes[next[b]]
			d := int((x >> shift) & 255)
			for d != b {
				j := next[d]
				next[d]++
				x, hashes[j] = hashes[j], x
				d = int((x >> shift) & 255)
			}
			hashes[next[b]] = x
			next[b]++
		}
	}
}

// dupSortCount sorts run, whose values share their bits above shift+8,
// and returns how many equal an earlier one.
//
//go:noinline
func dupSortCount(run []uint64, shift int) int {
	n := len(run)
	if n < 2 {
		return 0
	}
	if shift < 0 { // all 64 bits shared: n equal values
		return n - 1
	}
	if n <= 32 {
		for i := 1; i < n; i++ { // insertion sort
			v := run[i]
			j := i
			for j > 0 && run[j-1] > v {
				run[j] = run[j-1]
				j--
			}
			run[j] = v
		}
		d := 0
		for k := 1; k < n; k++ {
			if run[k] == run[k-1] {
				d++
			}
		}
		return d
	}
	var start [257]int
	dupHistogram(run, &start, uint(shift))
	for b := 1; b <= 256; b++ {
		start[b] += start[b-1]
	}
	next := start
	dupPlace(run, &start, &next, uint(shift), 0, 256)
	d := 0
	for b := 0; b < 256; b++ {
		if start[b+1]-start[b] > 1 {
			d += dupSortCount(run[start[b]:start[b+1]], shift-8)
		}
	}
	return d
}
