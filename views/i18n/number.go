package i18n

// Number writes n the way the locale writes numbers (digit grouping, and
// Western digits on Arabic pages, like every other count of the portal).
func (l *Locale) Number(n int) string {
	return l.printer.Sprintf("%d", n)
}
