package paper

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Invitee is whom an invitation is for.
type Invitee string

// The people an imported case can be followed by.
const (
	// ForApplicant is the applicant, with a petitioner's account of their own.
	ForApplicant Invitee = "applicant"
	// ForCounsel is counsel, who act for the applicant and must still send
	// the power of attorney the procedure asks for.
	ForCounsel Invitee = "counsel"
)

// Valid reports whether i is a known invitee.
func (i Invitee) Valid() bool { return i == ForApplicant || i == ForCounsel }

// Role is the account role that may redeem an invitation for i.
func (i Invitee) Role() domain.Role {
	if i == ForCounsel {
		return domain.RoleCounsel
	}
	return domain.RolePetitioner
}

// DefaultValidDays is how long an invitation stays valid unless configured.
const DefaultValidDays = 30

// Invitation is an invitation as staff see it: never its code.
type Invitation struct {
	ID         int64
	RequestID  int64
	For        Invitee
	CreatedBy  string // the staff member's name
	CreatedAt  time.Time
	ExpiresAt  time.Time
	RevokedAt  time.Time
	RedeemedAt time.Time
	RedeemedBy string // the account's name
}

// State is where an invitation stands.
type State string

// The states of an invitation.
const (
	Pending  State = "pending"
	Redeemed State = "redeemed"
	Revoked  State = "revoked"
	Expired  State = "expired"
)

// State says where i stands at now: a redeemed or revoked invitation
// stays so; a pending one expires at its expiry time.
func (i Invitation) State(now time.Time) State {
	switch {
	case !i.RedeemedAt.IsZero():
		return Redeemed
	case !i.RevokedAt.IsZero():
		return Revoked
	case !now.Before(i.ExpiresAt):
		return Expired
	}
	return Pending
}

// ExpiresAt is when an invitation created at now stops working.
func ExpiresAt(now time.Time, days int) time.Time {
	if days <= 0 {
		days = DefaultValidDays
	}
	return now.Add(time.Duration(days) * 24 * time.Hour)
}

// ErrCodeRefused is the one answer to a code that cannot be used, whatever
// the reason (unknown, used, expired, revoked, or for another kind of
// account), so that an answer tells a guesser nothing.
func ErrCodeRefused() *domain.Error { return domain.Errorf(domain.EInvalid, "paper.code_refused") }

// CheckRedeem says whether an account of the given role may redeem i now.
func CheckRedeem(i Invitation, role domain.Role, now time.Time) error {
	if i.State(now) != Pending || i.For.Role() != role {
		return ErrCodeRefused()
	}
	return nil
}

// CheckRevoke says whether i can still be revoked.
func CheckRevoke(i Invitation, now time.Time) error {
	if i.State(now) != Pending {
		return domain.Errorf(domain.EConflict, "paper.invitation_not_pending")
	}
	return nil
}

// codeAlphabet leaves out letters and digits read for one another
// (0/O, 1/I/L), so that a code read out or copied by hand survives.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// codeLength is the number of characters of a code: 31^12, about 59 bits,
// beyond guessing under the throttle.
const codeLength = 12

// NewCode makes a random code, shown in groups of four: "ABCD-EFGH-JKMN".
func NewCode() (string, error) {
	buf := make([]byte, codeLength)
	var b strings.Builder
	for i := 0; i < codeLength; {
		if _, err := rand.Read(buf); err != nil {
			return "", err
		}
		for _, c := range buf {
			// Rejection sampling keeps every character equally likely.
			if int(c) >= 256-256%len(codeAlphabet) || i == codeLength {
				continue
			}
			if i > 0 && i%4 == 0 {
				b.WriteByte('-')
			}
			b.WriteByte(codeAlphabet[int(c)%len(codeAlphabet)])
			i++
		}
	}
	return b.String(), nil
}

// NormalizeCode reads a typed code: capitals, without spaces or dashes.
func NormalizeCode(s string) string {
	s = strings.ToUpper(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
}

// PlausibleCode reports whether a normalised code has a code's shape.
func PlausibleCode(s string) bool {
	if len(s) != codeLength {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune(codeAlphabet, r) {
			return false
		}
	}
	return true
}

// HashCode is the keyed hash a code is stored and looked up by: without
// the key, a copy of the database does not let anyone try codes offline.
func HashCode(key []byte, code string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("ccf-invitation:" + NormalizeCode(code)))
	return hex.EncodeToString(m.Sum(nil))
}

// Audited actions of imports and invitations (ids and codes only).
const (
	AuditImport domain.AuditAction = "paper_import"
	AuditInvite domain.AuditAction = "invitation_create"
	AuditRevoke domain.AuditAction = "invitation_revoke"
	// AuditRedeem is written with the redeeming account as actor.
	AuditRedeem domain.AuditAction = "invitation_redeem"
)

// Timeline entries: how the case reached the CCF (one kind per channel),
// and that someone now follows it in the portal.
const (
	EventReceivedPrefix                  = "paper_received_"
	EventRedeemed       domain.EventKind = "invitation_redeemed"
)

// EventReceived is the timeline entry of a case received by channel c.
func EventReceived(c Channel) domain.EventKind {
	return domain.EventKind(EventReceivedPrefix + string(c))
}
