package domain

// MaxReplyFiles limits the files sent with one answer.
const MaxReplyFiles = 10

// ValidateReply needs the answer's text.
func ValidateReply(body string) FieldErrors {
	var errs FieldErrors
	CheckText(&errs, "body", body, "clarify.reply_required")
	return errs
}
