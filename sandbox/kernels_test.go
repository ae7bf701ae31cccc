package sandbox

import (
	"bytes"
	"context"
	"math"
	"testing"

	"coulisses/sandbox/synth"
)

func synthFrame(t testing.TB, rows int) *Frame {
	var buf bytes.Buffer
	synth.Write(&buf, rows, 7)
	f, _, err := Import(context.Background(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The kernels against naive loops over the same frame.
func TestKernels(t *testing.T) {
	f := synthFrame(t, 150000) // more than two chunks
	achat, prix := f.ByRole(RolePurchaseDate), f.ByRole(RolePrice)
	tab, err := PurchaseWeekday(f)
	if err != nil {
		t.Fatal(err)
	}
	var cnt [7]float64
	var sum [7]float64
	achatInts := achat.Ints()
	for i := 0; i < f.NumRows(); i++ {
		w := Weekday(floorDiv(achatInts[i], 86400))
		cnt[w]++
		sum[w] += prix.Float(i)
	}
	for g, k := range tab.Keys {
		w := indexOf(weekdaysFR, k)
		if tab.Values[0][g] != cnt[w] || math.Abs(tab.Values[1][g]-sum[w]) > 1e-6 {
			t.Errorf("%s: %v %v, want %v %v", k, tab.Values[0][g], tab.Values[1][g], cnt[w], sum[w])
		}
	}
	// age share
	disc, birth, show := f.ByRole(RoleDiscipline), f.ByRole(RoleBirthYear), f.ByRole(RoleShowDate)
	tab, _ = AgeShare(f, 18, 35)
	num, den := map[string]float64{}, map[string]float64{}
	showInts := show.Ints()
	for i := 0; i < f.NumRows(); i++ {
		if !birth.Valid(i) {
			continue
		}
		y, _, _ := CivilFromDays(floorDiv(showInts[i], 86400))
		age := float64(y) - birth.Float(i)
		d := disc.String(i)
		den[d]++
		if age >= 18 && age <= 35 {
			num[d]++
		}
	}
	for g, k := range tab.Keys {
		if want := num[k] / den[k]; math.Abs(tab.Values[0][g]-want) > 1e-12 {
			t.Errorf("share %s = %v, want %v", k, tab.Values[0][g], want)
		}
	}
	// top
	canal := f.ByRole(RoleChannel)
	rows, _ := TopPrices(f, 10, Equals(canal, "Web"), Equals(disc, "Théâtre"))
	if len(rows) != 10 {
		t.Fatalf("top: %d rows", len(rows))
	}
	best := -1.0
	for i := 0; i < f.NumRows(); i++ {
		if canal.String(i) == "Web" && disc.String(i) == "Théâtre" && prix.Float(i) > best {
			best = prix.Float(i)
		}
	}
	if prix.Float(rows[0]) != best {
		t.Errorf("top price %v, want %v", prix.Float(rows[0]), best)
	}
	for k := 1; k < len(rows); k++ {
		if prix.Float(rows[k]) > prix.Float(rows[k-1]) {
			t.Error("top not sorted")
		}
	}
	// loyalty
	cust, ord := f.ByRole(RoleCustomerID), f.ByRole(RoleOrderID)
	orders := map[int64]map[int64]bool{}
	custInts, ordInts := cust.Ints(), ord.Ints()
	for i := 0; i < f.NumRows(); i++ {
		c := custInts[i]
		if orders[c] == nil {
			orders[c] = map[int64]bool{}
		}
		orders[c][ordInts[i]] = true
	}
	rep := 0
	for _, o := range orders {
		if len(o) > 1 {
			rep++
		}
	}
	n, rate, _ := Loyalty(f)
	if n != len(orders) || math.Abs(rate-float64(rep)/float64(len(orders))) > 1e-12 {
		t.Errorf("loyalty %d %v, want %d %v", n, rate, len(orders), float64(rep)/float64(len(orders)))
	}
	if d := f.CountDistinct(nil, cust); d != len(orders) {
		t.Errorf("distinct %d want %d", d, len(orders))
	}
	// non-functional distinct (a value in several groups) takes the exact path
	tab = f.GroupBy(nil, ByValue(canal), CountDistinct(disc), Mean(prix), Min(prix), Max(prix))
	for g := range tab.Keys {
		if tab.Values[0][g] != 6 {
			t.Errorf("distinct disciplines per channel = %v", tab.Values[0][g])
		}
	}
	tab = f.GroupBy(nil, ByBands(AgeAt(birth, show), 18, 36, 60), Count())
	if tab.Len() != 4 || tab.Keys[1] != "18–35" {
		t.Errorf("bands %v", tab.Keys)
	}
	tab.SortBy(0, true)
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

func BenchmarkImport1M(b *testing.B) {
	var buf bytes.Buffer
	synth.Write(&buf, 1000000, 2024)
	b.SetBytes(int64(buf.Len()))
	for i := 0; i < b.N; i++ {
		Import(context.Background(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), Options{})
	}
}
