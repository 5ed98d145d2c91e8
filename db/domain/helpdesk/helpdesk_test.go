package helpdesk

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func TestAQuestionNeedsATopicFromTheListAndAMessage(t *testing.T) {
	assert.Empty(t, ValidateQuestion("documents", "How do I upload a scan of my passport?"))
	errs := ValidateQuestion("weather", "  ")
	_, topic := errs.For("topic")
	_, body := errs.For("body")
	assert.True(t, topic, "a topic outside the list is refused")
	assert.True(t, body, "an empty message is refused")
	errs = ValidateQuestion("other", strings.Repeat("a", domain.MaxReasonRunes+1))
	_, long := errs.For("body")
	assert.True(t, long, "a message is bounded")
	errs = ValidateQuestion("other", "hello\x00")
	_, ctrl := errs.For("body")
	assert.True(t, ctrl, "control characters are refused")
}

func TestAQuestionIsAnsweredOnce(t *testing.T) {
	assert.NotEmpty(t, ValidateAnswer(""))
	assert.NoError(t, CanAnswer(Request{}))
	err := CanAnswer(Request{AnsweredAt: time.Unix(1, 0)})
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err))
}

func TestFeedbackKeepsOnlyThePathOfThePageOnThisSite(t *testing.T) {
	assert.Equal(t, "/requests/4/grounds", FeedbackPage("/requests/4/grounds"))
	assert.Equal(t, "/staff", FeedbackPage("/staff?q=Amal+Haddad"), "a search is never kept")
	assert.Empty(t, FeedbackPage("https://example.org/x"))
	assert.Empty(t, FeedbackPage("//example.org/x"))
	assert.Empty(t, FeedbackPage(""))
	assert.Empty(t, FeedbackPage("/"+strings.Repeat("a", 300)))
	assert.NotEmpty(t, ValidateFeedback(""))
	assert.Empty(t, ValidateFeedback("The grounds page is long on a phone."))
}
