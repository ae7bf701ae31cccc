package fr

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestNumbers(t *testing.T) {
	n := NNBSP
	tests := []struct{ got, want string }{
		{Int(0), "0"},
		{Int(999), "999"},
		{Int(1000), "1" + n + "000"},
		{Int(1234567), "1" + n + "234" + n + "567"},
		{Int(-12345), "−12" + n + "345"},
		{Decimal(12345.6, 1), "12" + n + "345,6"},
		{Decimal(3, 2), "3"},
		{Decimal(0.126, 2), "0,13"},
		{Decimal(-0.5, 1), "−0,5"},
		{Percent(0.364, 1), "36,4" + n + "%"},
		{Percent(1, 0), "100" + n + "%"},
		{Euros(1234.5), "1" + n + "234,50\u00a0€"},
		{Euros(20), "20\u00a0€"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	d := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	if got := Date(d); got != "27\u00a0nov.\u00a02026" {
		t.Errorf("Date = %q", got)
	}
	if got := LongDate(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); got != "1er\u00a0décembre\u00a02026" {
		t.Errorf("LongDate = %q", got)
	}
	if got := Weekday(time.Monday); got != "lundi" {
		t.Errorf("Weekday = %q", got)
	}
	if got := Month(d); got != "nov.\u00a02026" {
		t.Errorf("Month = %q", got)
	}
}

func ExampleDecimal() {
	fmt.Println(strings.ReplaceAll(Decimal(12345.6, 1), NNBSP, " "))
	fmt.Println(strings.ReplaceAll(Percent(0.364, 1), NNBSP, " "))
	// Output:
	// 12 345,6
	// 36,4 %
}

func TestLargeAndUnits(t *testing.T) {
	n := NNBSP
	tests := []struct{ got, want string }{
		{Decimal(1e9, 0), "1" + n + "000" + n + "000" + n + "000"},
		{Decimal(1e20, 0), "100" + n + "000" + n + "000" + n + "000" + n + "000" + n + "000" + n + "000"},
		{Decimal(-1e19, 0), "−10" + n + "000" + n + "000" + n + "000" + n + "000" + n + "000" + n + "000"},
		{Decimal(-0.04, 1), "0"},
		{Days(12, 1), "12\u00a0j"},
		{Days(3.54, 1), "3,5\u00a0j"},
		{Points(0.032, 1), "+3,2\u00a0points"},
		{Points(-0.005, 1), "−0,5\u00a0point"},
		{Points(0.0196, 0), "+2\u00a0points"},
		{Points(0, 1), "0\u00a0point"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
