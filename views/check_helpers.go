package views

import (
	"context"

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

// eventText describes a timeline entry.
func eventText(ctx context.Context, e db.Event) string {
	switch e.Kind {
	case db.EventSubmitted:
		return T(ctx, "event.submitted", e.Data["reference"])
	}
	return T(ctx, "event."+string(e.Kind))
}
