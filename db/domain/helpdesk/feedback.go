package helpdesk

import (
	"net/url"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// MaxFeedbackPerHour bounds the feedback the portal takes in an hour from
// everyone together: the form needs no account, so without a bound a
// flood could fill the disk that filings need.
const MaxFeedbackPerHour = 200

// Feedback is one message about the portal, kept without any account.
type Feedback struct {
	ID        int64
	Page      string // the path of the page it was sent from, or ""
	Body      string
	CreatedAt time.Time
}

// ValidateFeedback checks a feedback message like any reason.
func ValidateFeedback(body string) domain.FieldErrors {
	var errs domain.FieldErrors
	domain.CheckText(&errs, "body", body, "feedback.body_required")
	return errs
}

// FeedbackPage keeps of the page a feedback came from only its path on
// this site: never a query, which may hold a search for a name.
func FeedbackPage(from string) string {
	u, err := url.Parse(from)
	if err != nil || u.Scheme != "" || u.Host != "" || len(u.Path) > 200 || len(u.Path) == 0 || u.Path[0] != '/' {
		return ""
	}
	return u.Path
}
