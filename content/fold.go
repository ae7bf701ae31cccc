package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold lowercases s and removes French diacritics and ligatures, so that
// « Données » and « donnees » compare equal. It maps each rune to at most
// two runes (œ → oe, æ → ae) and leaves other scripts unchanged.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteString(foldRune(r))
	}
	return b.String()
}

// foldRune returns the folded form of one rune.
func foldRune(r rune) string {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r)
	}
	switch r {
	case 'à', 'â', 'ä', 'á', 'ã', 'å', 'À', 'Â', 'Ä', 'Á', 'Ã', 'Å':
		return "a"
	case 'ç', 'Ç':
		return "c"
	case 'é', 'è', 'ê', 'ë', 'É', 'È', 'Ê', 'Ë':
		return "e"
	case 'î', 'ï', 'í', 'ì', 'Î', 'Ï', 'Í', 'Ì':
		return "i"
	case 'ô', 'ö', 'ó', 'ò', 'õ', 'Ô', 'Ö', 'Ó', 'Ò', 'Õ':
		return "o"
	case 'ù', 'û', 'ü', 'ú', 'Ù', 'Û', 'Ü', 'Ú':
		return "u"
	case 'ÿ', 'Ÿ', 'ý', 'Ý':
		return "y"
	case 'ñ', 'Ñ':
		return "n"
	case 'œ', 'Œ':
		return "oe"
	case 'æ', 'Æ':
		return "ae"
	case '’', '‘', 'ʼ':
		return "'"
	case '\u00a0', '\u202f', '\u2009':
		return " "
	case '–', '—', '‑':
		return "-"
	}
	return string(unicode.ToLower(r))
}

// Slugify turns a title into an identifier made of [a-z0-9-]: folded,
// with every other run of characters replaced by one hyphen.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
