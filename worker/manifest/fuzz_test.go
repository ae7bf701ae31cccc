package manifest

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

// kinds are the rejection kinds Verify and Parse may return.
var kinds = []error{ErrMalformed, ErrBadSignature, ErrUnknownKey, ErrFutureSchema, ErrNotNewer, ErrTooLarge}

func checkRejection(t *testing.T, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *Error", err, err)
	}
	for _, k := range kinds {
		if errors.Is(err, k) {
			return
		}
	}
	t.Fatalf("error %v has an unexpected kind %v", err, e.Kind)
}

func fuzzSeeds(f *testing.F) [][]byte {
	_, priv := testKey("main")
	m, _, err := Build(testContent, BuildOptions{Version: 7, Now: testNow, Changelog: []string{"é"}})
	if err != nil {
		f.Fatal(err)
	}
	env, err := Sign(priv, m)
	if err != nil {
		f.Fatal(err)
	}
	parsed, _ := ParseEnvelope(env)
	return [][]byte{
		env, parsed.Payload,
		[]byte(`{}`), []byte(`null`), []byte(`[]`), []byte(`{"schema":2}`),
		[]byte(`{"schema":1,"version":1,"created":"2026-01-01T00:00:00Z","files":[{"path":"a/../b","size":1,"sha256":""}]}`),
		[]byte(`{"payload":"","signature":"","key":""}`),
	}
}

// FuzzParse feeds arbitrary manifest payloads to Parse and, signed with the
// test key, to Verify: they must agree, never panic, return only known
// rejection kinds, and anything accepted must survive Sign and Verify again.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	pub, priv := testKey("main")
	f.Fuzz(func(t *testing.T, payload []byte) {
		m, err := Parse(payload)
		vm, verr := Verify(pub, signRaw(priv, payload), 0)
		if err != nil {
			checkRejection(t, err)
			if verr == nil {
				t.Fatalf("Parse rejected (%v) what Verify accepted", err)
			}
			checkRejection(t, verr)
			return
		}
		if verr != nil && !errors.Is(verr, ErrTooLarge) {
			t.Fatalf("Verify rejected (%v) what Parse accepted", verr)
		}
		if verr == nil && !reflect.DeepEqual(m, vm) {
			t.Fatalf("Parse and Verify disagree: %+v vs %+v", m, vm)
		}
		if err := m.validate(); err != nil {
			t.Fatalf("accepted manifest does not validate: %v", err)
		}
		env, err := Sign(priv, m)
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return
			}
			t.Fatalf("Sign of an accepted manifest: %v", err)
		}
		again, err := Verify(pub, env, m.Version-1)
		if err != nil || !reflect.DeepEqual(again, m) {
			t.Fatalf("re-signed manifest: %v\n%+v\n%+v", err, again, m)
		}
	})
}

// FuzzVerify feeds arbitrary bytes to Verify as an envelope. Without the
// private key nothing may be accepted except the seeded genuine envelope.
func FuzzVerify(f *testing.F) {
	seeds := fuzzSeeds(f)
	for _, s := range seeds {
		f.Add(s)
	}
	genuine := seeds[0]
	pub, _ := testKey("main")
	f.Fuzz(func(t *testing.T, envelope []byte) {
		m, err := Verify(pub, envelope, 0)
		if err != nil {
			checkRejection(t, err)
			return
		}
		// Accepted: it must carry exactly the genuine payload (JSON
		// escaping may differ, the signed bytes may not).
		env, perr := ParseEnvelope(envelope)
		orig, _ := ParseEnvelope(genuine)
		if perr != nil || !bytes.Equal(env.Payload, orig.Payload) {
			t.Fatalf("accepted an envelope not signed by the key holder: %q", envelope)
		}
		if m.Version != 7 {
			t.Fatalf("version %d", m.Version)
		}
	})
}
