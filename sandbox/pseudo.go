package sandbox

import (
	"strings"
)

// Pseudonymisation by keyed hash (fiche 3.03): each value becomes
// « ps_ » + the first 10 bytes of HMAC-SHA256(key, normalised value) in
// lower-case base32 (16 characters, 80 bits: collisions are negligible
// for any audience file). The key is 32 random bytes the app generates
// once and keeps on the device: the same person gets the same token in
// every file pseudonymised with it (loyalty across seasons and tools
// still works), and without the key nobody can recompute a token from a
// guessed e-mail address. Values are normalised first, by role: e-mail
// addresses in lower case, phone numbers as digits (+33 → 0), names
// without case or accents, digit-only identifiers without leading zeros.
// Tokens do not depend on the column: a customer number and an order
// number equal as text get the same token.

// KeySize is the length of a pseudonymisation key in bytes.
const KeySize = 32

// TokenPrefix starts every pseudonym.
const TokenPrefix = "ps_"

// base32 writes bytes in lower-case base32 without padding (RFC 4648
// alphabet, lower case).
func base32(b []byte) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz234567"
	var out []byte
	var acc uint64
	bits := 0
	for _, c := range b {
		acc = acc<<8 | uint64(c)
		bits += 8
		for bits >= 5 {
			bits -= 5
			out = append(out, alphabet[acc>>uint(bits)&31])
		}
	}
	if bits > 0 {
		out = append(out, alphabet[acc<<uint(5-bits)&31])
	}
	return string(out)
}

// Pseudonym returns the token of a value (already normalised) under key.
func Pseudonym(key []byte, normalised string) string {
	sum := hmacSHA256(key, []byte(normalised))
	return TokenPrefix + base32(sum[:10])
}

// NormaliseForPseudonym prepares a value for hashing, by role.
func NormaliseForPseudonym(v string, r Role) string {
	v = strings.Join(strings.Fields(v), " ")
	switch r {
	case RoleEmail:
		return strings.ToLower(v)
	case RolePhone:
		var b strings.Builder
		for i := 0; i < len(v); i++ {
			if v[i] >= '0' && v[i] <= '9' {
				b.WriteByte(v[i])
			}
		}
		d := b.String()
		switch {
		case strings.HasPrefix(v, "+33") && len(d) == 11:
			d = "0" + d[2:]
		case strings.HasPrefix(d, "0033") && len(d) == 13:
			d = "0" + d[4:]
		}
		return d
	case RoleName, RoleAddress, RoleCity:
		return strings.ToLower(foldAccents(v))
	}
	if allDigits(v) {
		if t := strings.TrimLeft(v, "0"); t != "" {
			return t
		}
		return "0"
	}
	if strings.Contains(v, "@") { // an e-mail in a column without the role
		return strings.ToLower(v)
	}
	return v
}

// isPseudonymised: every value of the column is a token.
//
//go:noinline
func isPseudonymised(c *Column) bool {
	if c.stor != storDict || len(c.Dict()) == 0 {
		return false
	}
	for _, s := range c.Dict()[:min(len(c.Dict()), 50)] {
		if len(s) != len(TokenPrefix)+16 || !strings.HasPrefix(s, TokenPrefix) {
			return false
		}
	}
	return true
}

// Pseudonymise returns a frame whose named columns hold tokens instead of
// values. The columns keep their names; a pseudonymised e-mail, phone or
// name column becomes the customer identifier when the file has none
// (the subscriber list: the address was the only way to tell people
// apart), otherwise it loses its role.
func Pseudonymise(f *Frame, key []byte, names ...string) (*Frame, error) {
	if len(key) != KeySize {
		return nil, &AnalysisError{Kind: ErrKey, Detail: itoa(len(key)) + " bytes"}
	}
	targets := map[*Column]bool{}
	for _, n := range names {
		c := f.Col(n)
		if c == nil {
			return nil, &AnalysisError{Kind: ErrColumn, Column: n}
		}
		targets[c] = true
	}
	hasCustomer := roleCol(f, RoleCustomerID) != nil
	nf := &Frame{rows: f.rows, lines: f.lines}
	for _, c := range f.cols {
		if !targets[c] || isPseudonymised(c) {
			nf.cols = append(nf.cols, c)
			continue
		}
		nc := pseudonymiseColumn(c, key)
		switch nc.Role {
		case RoleCustomerID:
		case RoleEmail, RolePhone, RoleName:
			if !hasCustomer {
				nc.Role, hasCustomer = RoleCustomerID, true
			} else {
				nc.Role = RoleNone
			}
		default:
			if nc.Role.Personal() {
				nc.Role = RoleNone
			}
		}
		nf.cols = append(nf.cols, nc)
	}
	return nf, nil
}

// pseudonymiseColumn builds the token column of c (c is not modified).
func pseudonymiseColumn(c *Column, key []byte) *Column {
	nc := &Column{Name: c.Name, Type: Identifier, Role: c.Role, Format: "pseudonyme HMAC-SHA256", n: c.n, stor: storDict}
	switch c.stor {
	case storDict:
		dict := c.Dict()
		tokens := make([]string, len(dict))
		done := make([]bool, len(dict))
		codes := textCodes(c)
		nc.rebuildDict(func(i int) (string, bool) {
			k := codes[i]
			if k < 0 {
				return "", false
			}
			if !done[k] {
				tokens[k], done[k] = Pseudonym(key, NormaliseForPseudonym(dict[k], c.Role)), true
			}
			return tokens[k], true
		})
	default:
		cache := map[string]string{}
		nc.rebuildDict(func(i int) (string, bool) {
			if !c.Valid(i) {
				return "", false
			}
			s := c.String(i)
			t, ok := cache[s]
			if !ok {
				t = Pseudonym(key, NormaliseForPseudonym(s, c.Role))
				cache[s] = t
			}
			return t, true
		})
	}
	nc.invalid, nc.nInvalid = nil, 0
	nc.finish()
	return nc
}
