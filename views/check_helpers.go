package views

import (
	"context"
	"time"

	"github.com/ccf-portal/ccfportal/db"
)

// problemText translates a problem, translating its section-name argument.
func problemText(ctx context.Context, p db.Problem) string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		if key, ok := a.(string); ok && Locale(ctx).Has(key) {
			args[i] = T(ctx, key)
			continue
		}
		args[i] = a
	}
	return T(ctx, p.Key, args...)
}

// eventText describes a timeline entry: the message "event.<kind>", with
// the entry's "arg" (itself translated when it is a message key).
func eventText(ctx context.Context, e db.Event) string {
	key := "event." + string(e.Kind)
	arg, ok := e.Data["arg"]
	if !ok {
		return T(ctx, key)
	}
	if Locale(ctx).Has(arg) {
		arg = T(ctx, arg)
	} else if d, err := time.Parse(time.DateOnly, arg); err == nil {
		arg = FormatDate(ctx, d)
	}
	return T(ctx, key, arg)
}
