package domain

import (
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain/countries"
)

// Notice scopes: a notice went to every member country; a diffusion only
// to the NCBs its source chose.
const (
	ScopeAllMembers = "all_members"
	ScopeChosen     = "chosen"
)

// DataTarget is an item of INTERPOL data a deletion notice can concern: a
// data item of the filing, or -- for a request without itemised data --
// the data the request describes.
type DataTarget struct {
	Key      string // "item:<id>" or "request"
	ItemID   int64
	DataKind string
	Source   string
	Refs     string
}

// Scope is who received the data: every member country for a notice, the
// chosen NCBs for a diffusion or another record.
func (t DataTarget) Scope() string { return NoticeScope(t.DataKind) }

// NoticeScope is the recipients' scope for data of kind dataKind.
func NoticeScope(dataKind string) string {
	if strings.HasSuffix(dataKind, "_notice") {
		return ScopeAllMembers
	}
	return ScopeChosen
}

// DeletionNotice tells the NCBs that received data to update their
// national databases after a decision.
type DeletionNotice struct {
	ID          int64
	DecisionID  int64
	DecisionRef string
	RequestID   int64
	Target      DataTarget
	Action      string
	Scope       string
	EffectiveOn string
	IssuedBy    int64
	IssuedAt    time.Time
	Recipients  []NoticeRecipient
}

// NoticeRecipient is one NCB a notice went to, and its acknowledgement.
type NoticeRecipient struct {
	Country        string
	AcknowledgedAt time.Time
}

// Pending lists the recipients that have not yet confirmed.
func (n DeletionNotice) Pending() []string {
	var out []string
	for _, r := range n.Recipients {
		if r.AcknowledgedAt.IsZero() {
			out = append(out, r.Country)
		}
	}
	return out
}

// NoticeInput is what the staff form supplies.
type NoticeInput struct {
	TargetKey   string
	EffectiveOn string   // YYYY-MM-DD
	Countries   []string // for a diffusion: the NCBs that received it
}

// ValidateNotice checks the form against the chosen data item.
func ValidateNotice(in NoticeInput, target *DataTarget) FieldErrors {
	var errs FieldErrors
	if target == nil {
		errs.Add("target", "notice.target_required")
	}
	if _, err := time.Parse(time.DateOnly, in.EffectiveOn); err != nil {
		errs.Add("effective_on", "notice.effective_required")
	}
	if target != nil && target.Scope() == ScopeChosen {
		if len(in.Countries) == 0 {
			errs.Add("countries", "notice.recipients_required")
		}
		for _, c := range in.Countries {
			if !countries.IsMember(c) {
				errs.Add("countries", "notice.recipients_required")
				break
			}
		}
	}
	return errs
}

func FindTarget(targets []DataTarget, key string) *DataTarget {
	for i := range targets {
		if targets[i].Key == key {
			return &targets[i]
		}
	}
	return nil
}
