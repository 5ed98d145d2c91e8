package domain

import (
	"strings"
	"time"
)

// Grant is someone's current access to an applicant's cases.
type Grant struct {
	UserID        int64
	Name          string
	Organisation  string
	GrantedByName string
	GrantedAt     time.Time
}

// sameFirm: counsel may share only within their organisation; a
// petitioner may appoint any counsel.
func SameFirm(by, to User) bool {
	if by.Role == RolePetitioner {
		return true
	}
	org := strings.TrimSpace(by.Organisation)
	return org != "" && strings.EqualFold(org, strings.TrimSpace(to.Organisation))
}

// ApplicantEvent is one entry of an applicant record's history.
type ApplicantEvent struct {
	Kind        string
	ActorName   string
	SubjectName string
	At          time.Time
}
