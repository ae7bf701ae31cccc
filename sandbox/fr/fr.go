// Package fr turns the sandbox's error and warning kinds into French
// sentences for the edges (inspect, the app, the engine worker). Each says
// what was found and what to do.
package fr

import (
	"errors"
	"strconv"
	"strings"

	"coulisses/sandbox"
)

// Message returns the French sentence for an import error or warning,
// prefixed with « Ligne N : » when the line is known.
func Message(err error) string {
	var ie *sandbox.ImportError
	if !errors.As(err, &ie) {
		var k sandbox.Kind
		if errors.As(err, &k) {
			ie = &sandbox.ImportError{Kind: k}
		} else {
			return "Le fichier n'a pas pu être lu : " + err.Error() + "."
		}
	}
	s := sentence(ie)
	if ie.Line > 0 {
		s = "Ligne " + Number(ie.Line) + " : " + lowerFirst(s)
	}
	return s
}

// Number formats an integer the French way, with a narrow no-break space
// between thousands (1 204, 12 345 678).
func Number(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if len(r) > 1 && r[1] >= 'a' && r[1] <= 'z' || len(r) > 1 && r[1] == ' ' || len(r) > 1 && r[1] == '\'' {
		r[0] = []rune(strings.ToLower(string(r[0])))[0]
	}
	return string(r)
}

func col(name string) string {
	if name == "" {
		return ""
	}
	return " dans la colonne « " + name + " »"
}

func count(n int64, one, many string) string {
	if n <= 1 {
		return Number(n) + " " + one
	}
	return Number(n) + " " + many
}

func sentence(e *sandbox.ImportError) string {
	switch e.Kind {
	case sandbox.ErrEmpty:
		return "Le fichier est vide : il ne contient aucune donnée. Vérifiez que vous avez choisi le bon fichier, ou refaites l'export depuis votre logiciel."
	case sandbox.ErrTooLarge:
		return "Le fichier est trop volumineux (" + sizeMB(e.Detail) + ") : la limite est de " + strconv.Itoa(sandbox.DefaultMaxBytes>>20) + " Mo. Exportez une période plus courte ou moins de colonnes."
	case sandbox.ErrBinary:
		what := "un fichier binaire"
		switch e.Detail {
		case "image":
			what = "une image"
		case "zip", "gzip":
			what = "une archive compressée"
		case "programme":
			what = "un programme"
		case "rtf":
			what = "un document RTF"
		}
		return "Ce fichier n'est pas un tableau de données : c'est " + what + ". Exportez vos données au format CSV ou Excel (.xlsx) et réessayez."
	case sandbox.ErrPDF:
		return "Ce fichier est un document PDF, pas un tableau de données. Demandez à votre logiciel de billetterie un export CSV ou Excel (.xlsx)."
	case sandbox.ErrOldExcel:
		return "Ce fichier est au format Excel ancien (.xls), que le bac à sable ne lit pas. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le en .xlsx ou en CSV."
	case sandbox.ErrXLSX:
		return "Le classeur Excel est endommagé ou illisible" + detail(e.Detail) + ". Ouvrez-le dans Excel ou LibreOffice, enregistrez-le à nouveau en .xlsx ou en CSV, puis réessayez."
	case sandbox.ErrSheet:
		return "La feuille « " + e.Column + " » n'existe pas dans ce classeur" + detailList(e.Detail) + ". Choisissez une des feuilles proposées."
	case sandbox.ErrHeaderOnly:
		return "Le fichier ne contient qu'une ligne d'en-tête (" + e.Detail + ") et aucune ligne de données. Vérifiez les filtres de votre export."
	case sandbox.ErrQuote:
		return "Guillemet non fermé" + col(e.Column) + " : la suite du fichier ne peut pas être découpée correctement. Ouvrez le fichier dans un tableur, corrigez la cellule (ou refaites l'export), puis réessayez."
	case sandbox.ErrFieldCount:
		return "Le nombre de colonnes varie trop d'une ligne à l'autre (" + e.Detail + ") : le séparateur n'a pas pu être reconnu de façon fiable. Refaites l'export en CSV avec le point-virgule comme séparateur."
	case sandbox.ErrLineTooLong:
		return "Une ligne est beaucoup trop longue pour être un enregistrement : le fichier n'est sans doute pas un export tabulaire. Vérifiez le fichier."
	case sandbox.ErrCanceled:
		return "L'import a été interrompu avant la fin : aucun résultat partiel n'est affiché. Relancez-le."
	case sandbox.ErrUnknownCol:
		return "La colonne « " + e.Column + " » n'existe pas dans ce fichier" + detail(e.Detail) + "."
	case sandbox.WarnOneColumn:
		return "Une seule colonne a été trouvée. Si votre fichier en contient plusieurs, le séparateur n'a pas été reconnu : refaites l'export avec le point-virgule, la virgule ou la tabulation comme séparateur."
	case sandbox.WarnMixedEncoding:
		return count(e.Count, "caractère ne correspondait", "caractères ne correspondaient") + " pas à l'encodage du fichier (" + e.Detail + ") : ils ont été lus comme des accents Windows. Vérifiez les noms accentués ; au besoin, réenregistrez le fichier en UTF-8."
	case sandbox.WarnRaggedRows:
		return count(e.Count, "ligne n'a", "lignes n'ont") + " pas le même nombre de colonnes que l'en-tête (" + e.Detail + ") : les cellules manquantes sont laissées vides et les cellules en trop ne sont pas lues. Vérifiez ces lignes dans votre tableur."
	case sandbox.WarnFooter:
		return count(e.Count, "ligne de total a été mise", "lignes de total ont été mises") + " de côté en fin de fichier (« " + e.Detail + " ») : elles ne sont pas comptées dans les données."
	case sandbox.WarnPreamble:
		return count(e.Count, "ligne a été ignorée", "lignes ont été ignorées") + " avant l'en-tête (« " + e.Detail + " »)."
	case sandbox.WarnInvalidValues:
		return count(e.Count, "valeur ne correspond", "valeurs ne correspondent") + " pas au type de la colonne « " + e.Column + " » (par exemple « " + e.Detail + " ») : elles sont comptées comme invalides et listées, pas supprimées. Corrigez-les ou changez le type de la colonne."
	case sandbox.WarnDemoted:
		return "La colonne « " + e.Column + " » contient trop de valeurs de types différents : elle est gardée comme texte. Vous pouvez choisir son type vous-même."
	case sandbox.WarnBlankRows:
		return count(e.Count, "ligne vide a été ignorée", "lignes vides ont été ignorées") + "."
	}
	return "Problème de lecture du fichier (" + string(e.Kind) + ")" + detail(e.Detail) + "."
}

func detail(d string) string {
	if d == "" {
		return ""
	}
	return " (" + d + ")"
}

func detailList(d string) string {
	if d == "" {
		return ""
	}
	return " (feuilles : " + d + ")"
}

func sizeMB(d string) string {
	n, err := strconv.ParseInt(d, 10, 64)
	if err != nil {
		return d
	}
	return Number(n>>20) + " Mo"
}
