package sim

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

const alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newOAuthToken returns 30 random alphanumerics (the shape of real access and
// refresh tokens, spec §8).
func newOAuthToken() string {
	const n = 30
	out := make([]byte, 0, n)
	buf := make([]byte, 64)
	for len(out) < n {
		if _, err := rand.Read(buf); err != nil {
			panic("sim: crypto/rand: " + err.Error())
		}
		for _, b := range buf {
			// Rejection sampling keeps the distribution uniform: 248 = 4*62.
			if b < 248 && len(out) < n {
				out = append(out, alphanumerics[int(b)%len(alphanumerics)])
			}
		}
	}
	return string(out)
}

// newLicenseToken returns a VM license token: 20 upper-case hex characters.
func newLicenseToken() string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic("sim: crypto/rand: " + err.Error())
	}
	return strings.ToUpper(hex.EncodeToString(b))
}
