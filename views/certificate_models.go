package views

import (
	"fmt"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/certificate"
)

// CertificateView is what the certificate pages show of a case: the
// request, the decision sent to the applicant and the applications made.
type CertificateView struct {
	Request      domain.Request
	Decision     *domain.Decision
	Applications []certificate.Application
	// CanApply: the reader may apply now (after a deletion, none pending).
	CanApply bool
	MaxUpMB  int64
}

// CertificatePath is the applicant's certificate page of request id.
func CertificatePath(id int64) string { return fmt.Sprintf("/requests/%d/certificate", id) }

// StaffCertificatePath is the staff's certificate page of request id.
func StaffCertificatePath(id int64) string { return fmt.Sprintf("/staff/requests/%d/certificate", id) }

// certificateDownload is the download address of an issued certificate,
// for staff or for the applicant's side.
func certificateDownload(staff bool, a certificate.Application) string {
	base := CertificatePath(a.RequestID)
	if staff {
		base = StaffCertificatePath(a.RequestID)
	}
	return fmt.Sprintf("%s/%d/download", base, a.ID)
}

// certificateState is the state of the latest application on a case,
// read from its timeline (empty if none was made), for the case pages.
func certificateState(events []domain.Event) certificate.State {
	var s certificate.State
	for _, e := range events {
		switch e.Kind {
		case certificate.EventApplied:
			s = certificate.StatePending
		case certificate.EventIssued:
			s = certificate.StateIssued
		case certificate.EventRefused:
			s = certificate.StateRefused
		}
	}
	return s
}

// certificateStateKey names a state in the catalogue.
func certificateStateKey(s certificate.State) string { return "certificate.state." + string(s) }
