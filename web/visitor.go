package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"

	"github.com/gorilla/securecookie"
)

// A visitor -- someone not signed in -- has no session row: anonymous pages
// cost the store no write. What such a browser must remember lives in one
// signed cookie that ends with the browser: a random id, to which the form
// token is bound (a signed double-submit token), the language chosen with
// the switch, and a message to show once on the next page.

// visitorState is the content of the visitor cookie.
type visitorState struct {
	// ID is random, made the first time a page with a form is shown.
	ID string `json:"i,omitempty"`
	// Lang is the language chosen with the switch, for this browser session.
	Lang string `json:"l,omitempty"`
	// Flash is a message key to show once on the next page.
	Flash string `json:"f,omitempty"`
	// Email is the address just registered, offered once on the sign-in
	// page so that the person need not type it again. The cookie is
	// encrypted, so the address cannot be read from it.
	Email string `json:"e,omitempty"`
}

// visitorCookies reads and writes the visitor cookie and makes and checks
// the form tokens bound to it.
type visitorCookies struct {
	codec  *securecookie.SecureCookie
	csrf   []byte
	name   string
	secure bool
}

// newVisitorCookies derives its two keys from the session key, each for one
// use, so that neither a cookie signature nor a form token can stand in
// for the other.
func newVisitorCookies(sessionKey []byte, secure bool) *visitorCookies {
	codec := securecookie.New(deriveKey(sessionKey, "ccf visitor cookie v1"), deriveKey(sessionKey, "ccf visitor cookie encryption v1"))
	codec.SetSerializer(securecookie.JSONEncoder{})
	// The cookie itself ends with the browser; the signature's timestamp is
	// not what limits it.
	codec.MaxAge(0)
	name := "ccf_visitor"
	if secure {
		// As for the session cookie: Secure, host-only, the whole site, so
		// that no other host can plant a cookie (and its token) here.
		name = "__Host-ccf_visitor"
	}
	return &visitorCookies{codec: codec, csrf: deriveKey(sessionKey, "ccf visitor form token v1"),
		name: name, secure: secure}
}

func deriveKey(key []byte, purpose string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(purpose))
	return m.Sum(nil)
}

// read returns the request's visitor state; a missing, altered or foreign
// cookie reads as an empty one.
func (v *visitorCookies) read(r *http.Request) visitorState {
	var st visitorState
	ck, err := r.Cookie(v.name)
	if err != nil {
		return st
	}
	if err := v.codec.Decode(v.name, ck.Value, &st); err != nil {
		return visitorState{}
	}
	return st
}

// write sets the cookie to st, or deletes it when st holds nothing.
func (v *visitorCookies) write(w http.ResponseWriter, st visitorState) error {
	ck := &http.Cookie{Name: v.name, Path: "/", HttpOnly: true, Secure: v.secure, SameSite: http.SameSiteLaxMode}
	if st == (visitorState{}) {
		ck.MaxAge = -1
		http.SetCookie(w, ck)
		return nil
	}
	encoded, err := v.codec.Encode(v.name, st)
	if err != nil {
		return err
	}
	ck.Value = encoded
	http.SetCookie(w, ck)
	return nil
}

// token is the form token of the browser whose visitor id is id: a keyed
// hash, so only this server can make it and it fits only that browser.
func (v *visitorCookies) token(id string) string {
	m := hmac.New(sha256.New, v.csrf)
	m.Write([]byte(id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// check tells whether got is the form token of visitor id, in constant time.
func (v *visitorCookies) check(id, got string) bool {
	return id != "" && hmac.Equal([]byte(v.token(id)), []byte(got))
}
