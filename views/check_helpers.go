package views

import (
	"context"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Message translates key with its arguments put in the reader's terms: an
// argument that is itself a message key (a section or ground name) is
// translated, a stored date (YYYY-MM-DD) is written out, and any other text
// (a reference, a name) is isolated from the sentence around it. Every message
// whose arguments come from the store goes through here.
func Message(ctx context.Context, key string, args ...any) string {
	local := make([]any, len(args))
	for i, a := range args {
		local[i] = a
		s, ok := a.(string)
		if !ok {
			continue
		}
		if Locale(ctx).Has(s) {
			local[i] = T(ctx, s)
		} else if d, err := time.Parse(time.DateOnly, s); err == nil {
			local[i] = FormatDate(ctx, d)
		} else {
			local[i] = Isolate(ctx, s) // a reference or a name keeps its own direction
		}
	}
	return T(ctx, key, local...)
}

// problemText describes a problem of a draft.
func problemText(ctx context.Context, p domain.Problem) string {
	return Message(ctx, p.Key, p.Args...)
}

// eventText describes a timeline entry: the message "event.<kind>", with
// the entry's "arg" if it has one.
func eventText(ctx context.Context, e domain.Event) string {
	key := "event." + string(e.Kind)
	if arg, ok := e.Data["arg"]; ok {
		return Message(ctx, key, arg)
	}
	return T(ctx, key)
}
