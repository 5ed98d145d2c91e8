package password

import (
	"strings"
	"testing"
)

// FuzzVerifyPassword feeds arbitrary stored hashes to Verify: it must
// never panic, must not report a match together with an error, and must only
// accept hashes in their one canonical form.
func FuzzVerifyPassword(f *testing.F) {
	valid, err := Hash("correct horse battery staple", FastParams)
	if err != nil {
		f.Fatal(err)
	}
	parts := strings.Split(valid, "$")
	salt, key := parts[4], parts[5]
	seeds := []string{
		valid,
		"",
		"$",
		"$$$$$",
		"$argon2id$",
		"$argon2id$v=19$",
		"$argon2id$v=19$m=1024,t=1,p=1$",
		"$argon2id$v=19$m=1024,t=1,p=1$" + salt,
		"$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$",
		"$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + key + "$",
		"$argon2i$v=19$m=1024,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=16$m=1024,t=1,p=1$" + salt + "$" + key,
		"$argon2id$m=1024,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=0,t=0,p=0$" + salt + "$" + key,
		"$argon2id$v=19$m=4294967295,t=4294967295,p=255$" + salt + "$" + key,
		"$argon2id$v=19$m=1024,t=1,p=1,x=1$" + salt + "$" + key,
		"$argon2id$v=19$t=1,m=1024,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=01024,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=1024,t=1,p=1$" + salt + "==$" + key,
		"$argon2id$v=19$m=1024,t=1,p=1$" + salt[:21] + "$" + key,
		"$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + key[:42],
		"$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + key + "\n",
		"$argon2id$v=19$m=1024,t=1,p=1$!!!!$" + key,
		"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
	}
	for _, s := range seeds {
		f.Add(s, "correct horse battery staple")
	}

	f.Fuzz(func(t *testing.T, encoded, password string) {
		p, salt, key, err := decodeHash(encoded)
		if err == nil {
			// Parsing is strict: re-encoding gives back the input exactly.
			if got := encodeHash(p, salt, key); got != encoded {
				t.Fatalf("non-canonical hash accepted: %q re-encodes as %q", encoded, got)
			}
			// Valid but costly parameters are skipped to keep the fuzzer
			// fast and within memory; the bounds are unit-tested.
			if p.Memory > 16*1024 || p.Time > 4 {
				t.Skip()
			}
		}
		ok, err := Verify(encoded, password)
		if err != nil && ok {
			t.Fatalf("Verify(%q) = true with error %v", encoded, err)
		}
	})
}
