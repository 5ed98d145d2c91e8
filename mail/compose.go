package mail

import (
	"fmt"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// compose builds the RFC 5322 message of e: plain UTF-8 text, dated when
// it was queued, marked as sent by a machine so that no auto-reply answers.
func compose(e Envelope) (*gomail.Msg, error) {
	m := gomail.NewMsg()
	if err := m.From(e.From); err != nil {
		return nil, fmt.Errorf("sender address: %w", err)
	}
	if err := m.To(e.To); err != nil {
		return nil, fmt.Errorf("recipient address of message %d: %w", e.ID, err)
	}
	m.Subject(e.Subject)
	m.SetDateWithValue(e.CreatedAt)
	m.SetMessageIDWithValue(fmt.Sprintf("ccf-%d-%d@%s", e.ID, e.CreatedAt.Unix(), domainOf(e.From)))
	m.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	m.SetBodyString(gomail.TypeTextPlain, e.Body)
	return m, nil
}

// domainOf is the part of an address after its last @, for Message-IDs.
func domainOf(addr string) string {
	addr = strings.TrimRight(addr, "> ")
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return "localhost"
}
