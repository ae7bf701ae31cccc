package table

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"coulisses/sandbox"
	"coulisses/sandbox/synth"
)

func synthFrame(t testing.TB, rows int) *sandbox.Frame {
	var buf bytes.Buffer
	synth.Write(&buf, rows, 7)
	f, _, err := sandbox.Import(context.Background(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func small() *Table {
	nan := math.NaN()
	return &Table{Columns: []Column{
		{Name: "ville", Text: []string{"Lyon", "", "Paris", "=SOMME(A1)", "Nantes; ouest"}},
		{Name: "n", Num: []float64{3, 1, nan, 2, 5}},
		{Name: "prix", Num: []float64{12.5, 8, 30, nan, 0.1}},
	}}
}

func TestSortFilter(t *testing.T) {
	tb := small()
	s := tb.Sort("n", true)
	if got := strings.Join(s.Col("ville").Text, ","); got != "Nantes; ouest,Lyon,=SOMME(A1),,Paris" {
		t.Errorf("sort desc: %s", got)
	}
	s = tb.Sort("ville", false)
	if got := strings.Join(s.Col("ville").Text, ","); got != "=SOMME(A1),Lyon,Nantes; ouest,Paris," {
		t.Errorf("sort text: %s", got)
	}
	f := tb.Filter("prix", GreatEq, 8.0)
	if got := f.Col("n").Num; len(got) != 3 || got[0] != 3 || got[1] != 1 || !math.IsNaN(got[2]) {
		t.Errorf("filter: %v", got)
	}
	if f := tb.Filter("ville", Contains, "a"); f.Len() != 2 {
		t.Errorf("contains: %d rows", f.Len())
	}
	if f := tb.Filter("n", Ne, 2.0); f.Len() != 3 { // missing never matches
		t.Errorf("ne: %d rows", f.Len())
	}
	if f := tb.Filter("n", Eq, "2"); f.Len() != 0 {
		t.Errorf("wrong kind: %d rows", f.Len())
	}
}

func TestDescribe(t *testing.T) {
	d := small().Describe()
	want := map[string][]float64{
		"n":    {4, 2.75, 2.5, math.Sqrt(2.9166666666666665), 1, 1, 2, 3, 5},
		"prix": {4, 12.65, 10.25, 0, 0.1, 0.1, 8, 12.5, 30},
	}
	for name, w := range want {
		got := d.Col(name).Num
		for k := range w {
			if k == 3 && name == "prix" {
				continue
			}
			if math.Abs(got[k]-w[k]) > 1e-12 {
				t.Errorf("%s %s = %v, want %v", name, DescribeRows[k], got[k], w[k])
			}
		}
	}
	if c := d.Col("ville").Num; c[0] != 4 || !math.IsNaN(c[1]) {
		t.Errorf("text column: %v", c)
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := small().WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFville;n;prix\r\nLyon;3;12,5\r\n;1;8\r\nParis;;30\r\n\"'=SOMME(A1)\";2;\r\n\"Nantes; ouest\";5;0,1\r\n"
	if b.String() != want {
		t.Errorf("csv:\n%q\nwant\n%q", b.String(), want)
	}
}

func TestFromFrame(t *testing.T) {
	f := synthFrame(t, 2000)
	p := Head(f, 50)
	if p.Len() != 50 || len(p.Columns) != len(f.Columns()) {
		t.Fatalf("head %d×%d", p.Len(), len(p.Columns))
	}
	if c := p.Col("Prix"); c == nil || c.IsText() {
		t.Fatal("Prix should be numeric")
	}
	if c := p.Col("Code postal"); c == nil || !c.IsText() || len(c.Text[0]) != 5 {
		t.Fatal("Code postal should be text with its leading zeros")
	}
	r, _ := sandbox.PurchaseWeekday(f)
	rt := FromResult(r)
	if rt.Len() != 7 || len(rt.Columns) != 3 || rt.Columns[0].Text[0] != "lundi" {
		t.Errorf("result table %d rows %d cols", rt.Len(), len(rt.Columns))
	}
}
