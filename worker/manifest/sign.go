package manifest

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// SignatureContext is prepended to the payload before signing, so that a
// signature made for a Coulisses manifest can never be passed off as a
// signature over anything else made with the same key.
const SignatureContext = "coulisses-manifest-v1\x00"

// Envelope is the served form of a signed manifest (manifest.json).
// Payload and Signature are base64 (standard, padded) in JSON.
type Envelope struct {
	// Payload is the exact JSON encoding of the Manifest.
	Payload []byte `json:"payload"`
	// Signature is Ed25519 over SignatureContext + Payload.
	Signature []byte `json:"signature"`
	// Key is the KeyID of the public key that verifies Signature.
	Key string `json:"key"`
}

// KeyID names a public key: the first 8 bytes of its SHA-256, in hex. It
// lets a publisher rotate keys and an application say which key it expected.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// ParsePrivateKey decodes a signing key written as the base64 (standard
// encoding) of a 32-byte Ed25519 seed, as in COULISSES_SIGNING_KEY or a key
// file. Surrounding white space is ignored.
func ParsePrivateKey(s string) (ed25519.PrivateKey, error) {
	seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("signing key: not base64: %w", err)
	}
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("signing key: %d bytes, want a %d-byte Ed25519 seed", len(seed), ed25519.SeedSize)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// ParsePublicKey decodes the base64 (standard encoding) of a 32-byte
// Ed25519 public key, the form the application embeds.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("public key: not base64: %w", err)
	}
	if len(raw) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key: %d bytes, want %d", len(raw), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(raw), nil
}

// EncodePrivateKey returns the base64 of priv's seed, the form that
// ParsePrivateKey reads (COULISSES_SIGNING_KEY, key files).
func EncodePrivateKey(priv ed25519.PrivateKey) string {
	return base64.StdEncoding.EncodeToString(priv.Seed())
}

// EncodePublicKey returns the base64 form that ParsePublicKey reads.
func EncodePublicKey(pub ed25519.PublicKey) string {
	return base64.StdEncoding.EncodeToString(pub)
}

// Sign validates m, encodes it and returns the envelope bytes to serve as
// manifest.json (JSON followed by a newline).
func Sign(priv ed25519.PrivateKey, m Manifest) ([]byte, error) {
	if len(priv) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("sign: private key is %d bytes, want %d", len(priv), ed25519.PrivateKeySize)
	}
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	payload, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	env := Envelope{
		Payload:   payload,
		Signature: ed25519.Sign(priv, signedMessage(payload)),
		Key:       KeyID(priv.Public().(ed25519.PublicKey)),
	}
	out, err := json.Marshal(env)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	if len(out) >= MaxEnvelopeSize {
		return nil, fmt.Errorf("sign: %w", reject(ErrTooLarge, "", "envelope would be %d bytes, limit %d", len(out)+1, MaxEnvelopeSize))
	}
	return append(out, '\n'), nil
}

func signedMessage(payload []byte) []byte {
	msg := make([]byte, 0, len(SignatureContext)+len(payload))
	msg = append(msg, SignatureContext...)
	return append(msg, payload...)
}

// ParseEnvelope decodes envelope bytes without verifying the signature.
func ParseEnvelope(data []byte) (Envelope, error) {
	if len(data) > MaxEnvelopeSize {
		return Envelope{}, reject(ErrTooLarge, "", "envelope is %d bytes, limit %d", len(data), MaxEnvelopeSize)
	}
	var env Envelope
	if err := decodeStrict(data, &env); err != nil {
		return Envelope{}, err
	}
	switch {
	case len(env.Payload) == 0:
		return Envelope{}, reject(ErrMalformed, "", "envelope has no payload")
	case len(env.Signature) != ed25519.SignatureSize:
		return Envelope{}, reject(ErrMalformed, "", "signature is %d bytes, want %d", len(env.Signature), ed25519.SignatureSize)
	case env.Key == "":
		return Envelope{}, reject(ErrMalformed, "", "envelope names no key")
	}
	return env, nil
}

// Verify checks a served envelope against the application's public key and
// returns the manifest it carries if, and only if, the signature is good,
// the schema is known, every limit holds and the version is greater than
// current (the version the application already has; 0 if none).
//
// Rejections wrap ErrTooLarge, ErrMalformed, ErrUnknownKey,
// ErrBadSignature, ErrFutureSchema or ErrNotNewer. An ErrNotNewer with an
// equal version simply means the application is up to date.
func Verify(pub ed25519.PublicKey, envelope []byte, current int64) (Manifest, error) {
	if len(pub) != ed25519.PublicKeySize {
		return Manifest{}, reject(ErrUnknownKey, "", "public key is %d bytes, want %d", len(pub), ed25519.PublicKeySize)
	}
	env, err := ParseEnvelope(envelope)
	if err != nil {
		return Manifest{}, err
	}
	if want := KeyID(pub); env.Key != want {
		return Manifest{}, reject(ErrUnknownKey, "", "signed with key %q, this application trusts %q", env.Key, want)
	}
	if !ed25519.Verify(pub, signedMessage(env.Payload), env.Signature) {
		return Manifest{}, reject(ErrBadSignature, "", "signature does not match the payload")
	}
	m, err := Parse(env.Payload)
	if err != nil {
		return Manifest{}, err
	}
	switch {
	case m.Version == current:
		return Manifest{}, reject(ErrUpToDate, "", "version %d is the current one", m.Version)
	case m.Version < current:
		return Manifest{}, reject(ErrReplay, "", "version %d is older than the current %d", m.Version, current)
	}
	return m, nil
}
