package fr_test

import (
	"fmt"
	"strings"
	"testing"

	"coulisses/sandbox"
	"coulisses/sandbox/fr"
)

var kinds = []sandbox.Kind{
	sandbox.ErrEmpty, sandbox.ErrTooLarge, sandbox.ErrBinary, sandbox.ErrPDF, sandbox.ErrOldExcel, sandbox.ErrXLSX,
	sandbox.ErrSheet, sandbox.ErrHeaderOnly, sandbox.ErrQuote, sandbox.ErrFieldCount, sandbox.ErrLineTooLong,
	sandbox.ErrCanceled, sandbox.ErrUnknownCol, sandbox.WarnOneColumn, sandbox.WarnMixedEncoding, sandbox.WarnRaggedRows,
	sandbox.WarnFooter, sandbox.WarnPreamble, sandbox.WarnInvalidValues, sandbox.WarnDemoted, sandbox.WarnBlankRows,
}

func TestEveryKindHasASentence(t *testing.T) {
	for _, k := range kinds {
		m := fr.Message(&sandbox.ImportError{Kind: k, Count: 3, Detail: "x", Column: "Prix"})
		if strings.HasPrefix(m, "Problème de lecture") || !strings.HasSuffix(m, ".") || len(m) < 30 {
			t.Errorf("%s: %q", k, m)
		}
	}
	if m := fr.Message(sandbox.ErrEmpty); !strings.HasPrefix(m, "Le fichier est vide") {
		t.Errorf("bare kind: %q", m)
	}
}

func TestNumber(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1204: "1\u202f204", 12345678: "12\u202f345\u202f678", -1500: "-1\u202f500"} {
		if got := fr.Number(n); got != want {
			t.Errorf("Number(%d) = %q, want %q", n, got, want)
		}
	}
}

func ExampleMessage() {
	err := &sandbox.ImportError{Kind: sandbox.ErrQuote, Line: 1204, Column: "Spectacle"}
	fmt.Println(strings.ReplaceAll(fr.Message(err), "\u202f", " "))
	// Output: Ligne 1 204 : guillemet non fermé dans la colonne « Spectacle » : la suite du fichier ne peut pas être découpée correctement. Ouvrez le fichier dans un tableur, corrigez la cellule (ou refaites l'export), puis réessayez.
}
