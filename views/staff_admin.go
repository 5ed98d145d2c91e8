package views

import (
	"strconv"

	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/views/i18n"
)

// StaffAdminPath is the administrators' list of staff accounts.
const StaffAdminPath = "/staff/admin"

// StaffMemberPath is one staff account on the administrators' page.
func StaffMemberPath(id int64) string { return StaffAdminPath + "/" + strconv.FormatInt(id, 10) }

// staffRoleOptions are the roles an administrator may give.
func staffRoleOptions() []Option {
	out := make([]Option, 0, len(staffrole.Roles))
	for _, r := range staffrole.Roles {
		out = append(out, Option{Value: string(r), LabelKey: "admin.role." + string(r)})
	}
	return out
}

// StaffSetupMail carries a new staff member's single-use link to choose
// their password; it says nothing of the CCF's cases.
func StaffSetupMail(l *i18n.Locale, link string) MailText {
	return mailText(l, "admin.mail.subject", l.T("admin.mail.body", link))
}
