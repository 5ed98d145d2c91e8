package views

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/admit"
	"github.com/ccf-portal/ccfportal/db/domain/chamber"
	"github.com/ccf-portal/ccfportal/db/domain/consult"
	"github.com/ccf-portal/ccfportal/db/domain/desk"
)

// StaffCaseView is everything the staff case page shows: the case as the
// store read it, and the moment the page is made, for the deadlines.
type StaffCaseView struct {
	domain.StaffCase
	Now time.Time
	// Consultations are the CCF's consultations on the case, internal to it.
	Consultations []consult.Consultation
	// Decision is the decision on its way from the draft to the applicant,
	// and Session the session whose agenda holds the case (nil if none).
	Decision *chamber.Decision
	Session  *chamber.Session
}

// StaffActionView is what a staff action form needs: the case it acts on
// and, for some forms, its decision, data items or notices.
type StaffActionView struct {
	Request  domain.Request
	Outcome  domain.CaseOutcome
	Targets  []domain.DataTarget
	Notice   *domain.DeletionNotice
	Measure  *domain.Measure
	Entries  []domain.AuditEntry
	Now      time.Time
	MaxUpMB  int64
	Conflict string // why the action cannot be taken now, if known beforehand
	Decide   DecideForm
	Known    []admit.Fact // what the portal knows against the admissibility checks
}

// StaffCasePath is the staff address of a case.
func StaffCasePath(id int64) string { return "/staff/requests/" + strconv.FormatInt(id, 10) }

// staffDocPath is the staff download address of a document: every staff
// download goes through the authorising, auditing handler.
func staffDocPath(d domain.Document) string {
	return StaffCasePath(d.RequestID) + "/documents/" + strconv.FormatInt(d.ID, 10)
}

// QueueView is the staff queue page.
type QueueView struct {
	Filter desk.Filter
	Page   desk.Page
	Now    time.Time
}

// QueueFilterFrom reads the queue's filters, sort and position from the
// query string; me is the staff member asking.
func QueueFilterFrom(q url.Values, me int64) desk.Filter {
	f := desk.Filter{Kind: domain.Kind(q.Get("kind")), Status: q.Get("status"), UrgentOnly: q.Get("urgent") == "1",
		Overdue: q.Get("overdue") == "1", ConsultOverdue: q.Get("consult_overdue") == "1",
		Certificate: q.Get("certificate") == "1", Country: strings.ToUpper(q.Get("country")), Assigned: q.Get("assigned"),
		Me: me, Search: q.Get("q"), Sort: q.Get("sort"), Desc: q.Get("dir") == "desc"}
	f.DueWithinDays, _ = strconv.Atoi(q.Get("due"))
	f.DueWithinDays = max(0, min(f.DueWithinDays, 3650))
	f.After, _ = strconv.ParseInt(q.Get("after"), 10, 64)
	f.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	if !validKind(f.Kind) {
		f.Kind = ""
	}
	if f.Assigned != desk.AssignedToMe && f.Assigned != desk.Unassigned {
		f.Assigned = ""
	}
	if f.Status != desk.StatusFilterAll && f.Status != desk.StatusFilterOpen && !validStatus(domain.Status(f.Status)) {
		f.Status = desk.StatusFilterOpen
	}
	return f
}

func validKind(k domain.Kind) bool {
	for _, v := range queueKinds {
		if v == k {
			return true
		}
	}
	return false
}

func validStatus(s domain.Status) bool {
	for _, v := range queueStatuses {
		if v == s {
			return true
		}
	}
	return false
}

var queueKinds = []domain.Kind{domain.KindAccess, domain.KindDeletion, domain.KindCorrection, domain.KindRevision, domain.KindProvisional}

var queueStatuses = []domain.Status{domain.StatusSubmitted, domain.StatusAdmissible, domain.StatusUnderReview, domain.StatusAwaitingApplicant,
	domain.StatusInadmissible, domain.StatusDecided, domain.StatusClosed, domain.StatusWithdrawn}

// queueQuery is the query string of f without its page position, so that
// every link keeps the filters and the sort.
func queueQuery(f desk.Filter) url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("kind", string(f.Kind))
	if f.Status != desk.StatusFilterOpen {
		set("status", f.Status)
	}
	if f.UrgentOnly {
		q.Set("urgent", "1")
	}
	if f.Overdue {
		q.Set("overdue", "1")
	}
	if f.ConsultOverdue {
		q.Set("consult_overdue", "1")
	}
	if f.Certificate {
		q.Set("certificate", "1")
	}
	if f.DueWithinDays > 0 {
		q.Set("due", strconv.Itoa(f.DueWithinDays))
	}
	set("country", f.Country)
	set("assigned", f.Assigned)
	set("q", f.Search)
	set("sort", f.Sort)
	if f.Desc {
		q.Set("dir", "desc")
	}
	return q
}

func queueURL(q url.Values) string {
	if len(q) == 0 {
		return "/staff"
	}
	return "/staff?" + q.Encode()
}

// QueuePageURL is the link to the page after (or before) a row.
func QueuePageURL(f desk.Filter, key string, id int64) string {
	q := queueQuery(f)
	if key != "" {
		q.Set(key, strconv.FormatInt(id, 10))
	}
	return queueURL(q)
}

// QueueSortURL sorts by key, reversing the direction when already sorted
// by it, and returns to the first page.
func QueueSortURL(f desk.Filter, key string) string {
	q := queueQuery(f)
	q.Set("sort", key)
	q.Del("dir")
	if currentSort(f) == key && !f.Desc {
		q.Set("dir", "desc")
	}
	return queueURL(q)
}

func currentSort(f desk.Filter) string {
	if f.Sort == "" {
		return desk.SortDue
	}
	return f.Sort
}

// ariaSort is the aria-sort value of a column header.
func ariaSort(f desk.Filter, key string) string {
	switch {
	case currentSort(f) != key:
		return "none"
	case f.Desc:
		return "descending"
	}
	return "ascending"
}

// queueForm fills the filter form from the current filter.
func queueForm(f desk.Filter) Form {
	form := NewForm()
	for k, v := range queueQuery(f) {
		form.Values[k] = v[0]
	}
	if f.Status == "" {
		form.Values["status"] = desk.StatusFilterOpen
	} else if f.Status == desk.StatusFilterOpen {
		form.Values["status"] = desk.StatusFilterOpen
	}
	return form
}

// daysLeftText says how long until a due date, or how long overdue.
func daysLeftText(ctx context.Context, due, now time.Time) string {
	if due.IsZero() {
		return ""
	}
	d := domain.DaysLeft(due, now)
	if d < 0 {
		return T(ctx, "queue.days_overdue", -d)
	}
	return T(ctx, "queue.days_left", d)
}

// labelOr translates key when the catalog has it, else shows fallback.
func labelOr(ctx context.Context, key, fallback string) string {
	if Locale(ctx).Has(key) {
		return T(ctx, key)
	}
	return fallback
}

// staffOptions lists the staff members for assignment, "nobody" first.
func staffOptions(staff []domain.User) []SelectOption {
	out := make([]SelectOption, 0, len(staff))
	for _, u := range staff {
		out = append(out, SelectOption{Value: strconv.FormatInt(u.ID, 10), Label: u.Name})
	}
	return out
}

// optionsFor turns codes into options labelled by prefix+code.
// checkOptions are the admissibility checks of v's request, each with
// what the portal knows against it as its hint.
func checkOptions(v StaffActionView) []Option {
	out := optionsFor("admissibility.check.", domain.ChecksFor(v.Request))
	for i := range out {
		out[i].HintKey = admit.HintFor(v.Known, out[i].Value)
	}
	return out
}

func optionsFor(prefix string, codes []string) []Option {
	out := make([]Option, 0, len(codes))
	for _, c := range codes {
		out = append(out, Option{Value: c, LabelKey: prefix + c})
	}
	return out
}

// countryList names countries in the reader's language, joined by commas.
func countryList(ctx context.Context, codes []string) string {
	names := make([]string, 0, len(codes))
	for _, c := range codes {
		names = append(names, CountryName(ctx, c))
	}
	return strings.Join(names, ", ")
}

// staffRelation says how a linked case relates to the one viewed.
func staffRelation(ctx context.Context, viewed, l domain.Request) string {
	if l.ID == viewed.ParentID || l.ParentID == viewed.ID {
		return linkRelation(ctx, viewed, l)
	}
	return T(ctx, "staff.link.same_applicant")
}

// targetLabel names the data a notice concerns.
func targetLabel(ctx context.Context, t domain.DataTarget) string {
	var kinds []string
	for _, k := range strings.Split(t.DataKind, ",") { // an access request may name several
		kinds = append(kinds, labelOr(ctx, "option.data_kind."+k, k))
	}
	s := strings.Join(kinds, ", ")
	if t.Source != "" && t.Source != domain.UnknownCountry {
		s += " – " + CountryName(ctx, t.Source)
	}
	if t.Refs != "" {
		s += " (" + t.Refs + ")"
	}
	return s
}

// targetOptions offers the data items a notice can concern, with who
// received each.
func targetOptions(ctx context.Context, targets []domain.DataTarget) []SelectOption {
	out := make([]SelectOption, 0, len(targets))
	for _, t := range targets {
		out = append(out, SelectOption{Value: t.Key, Label: targetLabel(ctx, t) + " – " + T(ctx, "notice.scope."+t.Scope())})
	}
	return out
}

// memberCheckOptions lists member countries as checkbox options, by name.
func memberCheckOptions(ctx context.Context, only []string) []SelectOption {
	var out []SelectOption
	for _, o := range countryOptions(ctx, memberCountries)[1:] {
		if only == nil || staffContains(only, o.Value) {
			out = append(out, o)
		}
	}
	return out
}

func staffContains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// StaffNoticePath is the staff address of a deletion notice.
func StaffNoticePath(requestID, noticeID int64) string {
	return StaffCasePath(requestID) + "/notices/" + strconv.FormatInt(noticeID, 10)
}

// audience picks the staff wording of an outcome message ("Found
// admissible") over the applicant's ("Your request was found admissible").
func audience(key string, staff bool) string {
	if staff {
		return "staff." + key
	}
	return key
}

// filerText describes who filed a request: name, role, organisation.
func filerText(ctx context.Context, u domain.User) string {
	s := u.Name + " (" + T(ctx, "staff.role."+string(u.Role)) + ")"
	if u.Organisation != "" {
		s += ", " + u.Organisation
	}
	return s
}

// hasChosenScope reports whether any data item went to chosen NCBs only.
func hasChosenScope(targets []domain.DataTarget) bool {
	for _, t := range targets {
		if t.Scope() == domain.ScopeChosen {
			return true
		}
	}
	return false
}
