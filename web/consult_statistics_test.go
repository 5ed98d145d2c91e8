package web_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// consultStore is statsStore with consultations worked out by hand (today
// is 2 March 2026). On the 2025 deletion requests from Turkey (ids 13 to
// 17): the source NCB replied after 20 and after 40 days, did not reply
// once (recorded), and is overdue once; the General Secretariat replied
// after 10 days. On access requests: the source NCB is overdue on one
// consultation sent in December 2025 (id 3); in 2026 another NCB was
// consulted (not due yet, id 1) and an international entity is overdue
// (id 2).
func consultStore(t *testing.T) *webtest.App {
	app := statsStore(t)
	staff := userID(t, app, "clerk@ccf.example")
	for _, c := range []struct {
		req                                    int
		recipient, sent, due, replied, noReply string
	}{
		{13, "source_ncb", "2025-04-01", "2025-05-01", "2025-04-21", ""},
		{14, "source_ncb", "2025-04-01", "2025-05-01", "2025-05-11", ""},
		{15, "source_ncb", "2025-04-01", "2025-05-01", "", "2025-05-05"},
		{16, "source_ncb", "2025-06-01", "2025-07-01", "", ""},
		{17, "general_secretariat", "2025-04-10", "2025-05-10", "2025-04-20", ""},
		{3, "source_ncb", "2025-12-20", "2026-01-20", "", ""},
		{1, "other_ncb", "2026-02-01", "2026-03-15", "", ""},
		{2, "international_entity", "2026-01-05", "2026-02-05", "", ""},
	} {
		app.Exec(`INSERT INTO consultations (request_id, recipient, country, question, sent_on, reply_due, replied_on, no_reply_on,
			created_by, created_at) VALUES (?, ?, 'TR', 'q', ?, ?, ?, ?, ?, 0)`, c.req, c.recipient, c.sent, c.due, c.replied, c.noReply, staff)
	}
	return app
}

func TestStaffConsultationFiguresWorkedOutByHand(t *testing.T) {
	app := consultStore(t)
	staff := app.Login("clerk@ccf.example")
	resp := staff.Get("/staff/statistics?year=2025")
	require.Equal(t, http.StatusOK, resp.Status)
	assert.Equal(t, [][]string{
		{"Recipient", "Sent", "Replied", "No reply by the due date", "Awaiting reply", "Median days to reply", "Overdue today"},
		{"The source NCB (the case's source country)", "5", "2", "1", "2", "20 days", "2"},
		{"INTERPOL's General Secretariat", "1", "1", "0", "0", "10 days", "0"},
		{"Another National Central Bureau (NCB)", "0", "0", "0", "0", "not shown", "0"},
		{"An international entity", "0", "0", "0", "0", "not shown", "1"},
		{"All", "6", "3", "1", "2", "20 days", "3"},
	}, tableByCaption(t, resp.Body, "consult-caption"), "medians of 20 and 40 days (the lower middle), and of 10, 20, 40")

	resp = staff.Get("/staff/statistics?year=2025&kind=access")
	require.Equal(t, http.StatusOK, resp.Status)
	rows := tableByCaption(t, resp.Body, "consult-caption")
	assert.Equal(t, []string{"The source NCB (the case's source country)", "1", "0", "0", "1", "not shown", "1"}, rows[1])
	assert.Equal(t, []string{"All", "1", "0", "0", "1", "not shown", "2"}, rows[5], "the overdue one of 2026 is overdue today")

	csv := staff.Get("/staff/statistics.csv?year=2025").Body
	assert.Contains(t, csv, "consult_sent,Consultations,source_ncb,The source NCB (the case's source country): Sent,2025,count,5,shown,5\n")
	assert.Contains(t, csv, "consult_median_days,Consultations,all,All: Median days to reply,2025,days,20,shown,20 days\n")
}

func TestPublicConsultationFiguresAreTotalsByYearWithSmallOnesHidden(t *testing.T) {
	app := consultStore(t)
	resp := app.NewClient().Get("/statistics")
	require.Equal(t, http.StatusOK, resp.Status)
	assert.Equal(t, [][]string{
		{"Category", "2025", "2026 (so far)"},
		{"Replied", "fewer than 5", "0"},
		{"No reply by the due date", "fewer than 5", "0"},
		{"Awaiting reply", "fewer than 5", "fewer than 5"},
		{"All", "6", "fewer than 5"},
	}, statsTable(t, resp.Body, "consultations"), "by year sent: 3 replied, 1 not, 2 waiting in 2025; 2 waiting in 2026")
	assert.NotContains(t, resp.Body, "The source NCB (the case's source country)", "never by recipient on the public page")
}
