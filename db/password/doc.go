// Package password hashes and verifies passwords with argon2id under
// explicit cost parameters (re-hashing older ones at sign-in), and holds the
// password rules: a minimum length and a list of common passwords refused.
package password
