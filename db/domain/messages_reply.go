package domain

// DocClarificationReply is a file sent with an answer to a clarification.
const DocClarificationReply DocType = "clarification_reply"

// DocDecision is the decision document staff attach to a decision.
const DocDecision DocType = "decision"

// MaxReplyFiles limits the files sent with one answer.
const MaxReplyFiles = 10

// ValidateReply needs the answer's text.
func ValidateReply(body string) FieldErrors {
	var errs FieldErrors
	CheckText(&errs, "body", body, "clarify.reply_required")
	return errs
}
