package views

import "context"

// titleWithErrors prefixes a page title when its form has problems, so a
// screen reader user hears at once that the submission failed.
func titleWithErrors(ctx context.Context, f Form, key string) string {
	if f.Errors.Any() {
		return T(ctx, "form.error_title_prefix") + " " + T(ctx, key)
	}
	return T(ctx, key)
}
