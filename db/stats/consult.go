package stats

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	figures "github.com/ccf-portal/ccfportal/db/domain/stats"
)

// consultWhere is the condition of s over consultations c of requests r:
// consultations carry calendar days, so the span is compared as days.
func (s Scope) consultWhere() (string, []any) {
	cond, args := `c.sent_on >= ?`, []any{s.Since.UTC().Format(time.DateOnly)}
	if !s.Until.IsZero() {
		cond, args = cond+` AND c.sent_on < ?`, append(args, s.Until.UTC().Format(time.DateOnly))
	}
	return cond + s.requestWhere(&args), args
}

// requestWhere is the kind and country part of s, appended to args.
func (s Scope) requestWhere(args *[]any) string {
	cond := ""
	if len(s.Kinds) > 0 {
		cond += ` AND r.kind IN (?` + strings.Repeat(`, ?`, len(s.Kinds)-1) + `)`
		for _, k := range s.Kinds {
			*args = append(*args, string(k))
		}
	}
	if s.Country != "" {
		cond, *args = cond+` AND r.source_country = ?`, append(*args, s.Country)
	}
	return cond
}

// readConsulted counts consultations by year sent and where each stands
// now: replied, found unanswered, or still waiting.
func readConsulted(ctx context.Context, tx *sql.Tx, scope Scope, raw *figures.Raw) error {
	cond, args := scope.consultWhere()
	rows, err := tx.QueryContext(ctx, `SELECT CAST(substr(c.sent_on, 1, 4) AS INTEGER),
		CASE WHEN c.replied_on != '' THEN ? WHEN c.no_reply_on != '' THEN ? ELSE ? END, COUNT(*)
		FROM consultations c JOIN requests r ON r.id = c.request_id WHERE `+cond+` GROUP BY 1, 2`,
		append([]any{figures.RowConsultReplied, figures.RowConsultNoReply, figures.RowConsultAwaiting}, args...)...)
	raw.Consulted, err = conn.Rows("count consultations", rows, err, scanYearCount)
	return err
}

// consultedRows reads, for the staff figures, every consultation sent in
// scope and every one still open (overdue ones are counted as of today,
// whatever their year), of requests of the scope's kinds and country.
func consultedRows(ctx context.Context, tx *sql.Tx, scope Scope) ([]figures.Consulted, error) {
	span, args := scope.consultWhere()
	open := `c.replied_on = '' AND c.no_reply_on = ''`
	var openArgs []any
	open += scope.requestWhere(&openArgs)
	rows, err := tx.QueryContext(ctx, `SELECT c.recipient, c.sent_on, c.reply_due, c.replied_on, c.no_reply_on
		FROM consultations c JOIN requests r ON r.id = c.request_id WHERE (`+span+`) OR (`+open+`)`, append(args, openArgs...)...)
	return conn.Rows("read consultations", rows, err, func(row conn.Scanner) (figures.Consulted, error) {
		var c figures.Consulted
		err := row.Scan(&c.Recipient, &c.SentOn, &c.ReplyDue, &c.RepliedOn, &c.NoReplyOn)
		return c, err
	})
}
