// Package keys is the key material the store itself uses, derived from the
// portal's encryption key (kept outside the data folder): a MAC key that
// turns identifiers into the keys of throttles, so that a copy of the
// database cannot be searched for an address or an e-mail, and an AEAD
// that seals the few secrets kept in rows (second-factor secrets), bound
// to the row they belong to.
package keys

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
)

// Purposes of the derived keys: one key per use, so that no output of one
// can stand in for another's.
const (
	macInfo  = "ccf store mac v1"
	sealInfo = "ccf store seal v1"
)

// sealedPrefix marks a sealed value and its format's version.
const sealedPrefix = "s1:"

// ErrNoKeys is returned by Seal and Open on a ring made without the
// portal's key: a store opened by a command that does not load the keys
// must not write a secret it could not read back, nor read one.
var ErrNoKeys = errors.New("the store was opened without the portal's keys")

// ErrSealed is returned by Open for a value that is not sealed for this
// row with this key: altered, moved from another row, or sealed under
// another key.
var ErrSealed = errors.New("sealed value does not open")

// Ring holds the store's derived keys.
type Ring struct {
	mac  []byte
	aead cipher.AEAD // nil on an ephemeral ring
}

// New derives the store's keys from the portal's encryption key.
func New(master []byte) (*Ring, error) {
	if len(master) < 32 {
		return nil, errors.New("keys: the encryption key must be at least 32 bytes")
	}
	mac, err := hkdf.Key(sha256.New, master, nil, macInfo, 32)
	if err != nil {
		return nil, err
	}
	sealKey, err := hkdf.Key(sha256.New, master, nil, sealInfo, 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(sealKey)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Ring{mac: mac, aead: aead}, nil
}

// Ephemeral is the ring of a store opened without the portal's keys (the
// commands that never sign anyone in): its MAC key is random, so its
// throttle keys mean nothing after the process ends, and it cannot seal.
func Ephemeral() *Ring {
	mac := make([]byte, 32)
	_, _ = rand.Read(mac) // crypto/rand.Read never fails
	return &Ring{mac: mac}
}

// Tag is the keyed hash of parts under purpose, in hex. Each part is
// hex-encoded before it is hashed, so the zero byte between parts cannot
// occur inside one and ("ab", "c") never tags like ("a", "bc").
func (r *Ring) Tag(purpose string, parts ...string) string {
	m := hmac.New(sha256.New, r.mac)
	m.Write([]byte(purpose))
	for _, p := range parts {
		m.Write([]byte{0})
		m.Write([]byte(hex.EncodeToString([]byte(p))))
	}
	return hex.EncodeToString(m.Sum(nil))
}

// Seal encrypts plain for the row named by ad (e.g. "totp:42"), so that it
// opens only in that row.
func (r *Ring) Seal(plain []byte, ad string) (string, error) {
	if r.aead == nil {
		return "", ErrNoKeys
	}
	nonce := make([]byte, r.aead.NonceSize(), r.aead.NonceSize()+len(plain)+r.aead.Overhead())
	_, _ = rand.Read(nonce)
	out := r.aead.Seal(nonce, nonce, plain, []byte(ad))
	return sealedPrefix + base64.RawURLEncoding.EncodeToString(out), nil
}

// Open decrypts a value Seal made for the row ad.
func (r *Ring) Open(sealed, ad string) ([]byte, error) {
	if r.aead == nil {
		return nil, ErrNoKeys
	}
	body, ok := strings.CutPrefix(sealed, sealedPrefix)
	if !ok {
		return nil, ErrSealed
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || len(raw) < r.aead.NonceSize()+r.aead.Overhead() {
		return nil, ErrSealed
	}
	n := r.aead.NonceSize()
	plain, err := r.aead.Open(nil, raw[:n], raw[n:], []byte(ad))
	if err != nil {
		return nil, ErrSealed
	}
	return plain, nil
}

// IsSealed reports whether v is in the sealed format (and not a value
// stored before sealing existed).
func IsSealed(v string) bool { return strings.HasPrefix(v, sealedPrefix) }

// Loaded reports whether the ring was derived from the portal's key (and
// not Ephemeral): what it tags or seals then holds across restarts.
func (r *Ring) Loaded() bool { return r.aead != nil }
