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

// userText reports whether a field shows typed text whose direction should
// follow its content: a Latin name on an Arabic page, or an Arabic one on
// an English page. An empty field keeps the page's direction, so the caret
// starts where the reader expects; addresses and numbers are left to right
// by the stylesheet.
func userText(inputType, value string) bool {
	return value != "" && (inputType == "text" || inputType == "search")
}
