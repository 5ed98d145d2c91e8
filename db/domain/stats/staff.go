package stats

import (
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/countries"
)

// AuditExport is the audit action of a staff export of the statistics:
// the file holds figures that are not published, so who took it is
// recorded.
const AuditExport domain.AuditAction = "stats_export"

// The kinds the staff statistics filter by; deletion takes correction
// with it.
var StaffKinds = []domain.Kind{domain.KindAccess, domain.KindDeletion, domain.KindRevision, domain.KindProvisional}

// StaffFilter is what the staff statistics show: one year, and optionally
// one kind and one source country.
type StaffFilter struct {
	Year    int
	Kind    domain.Kind // "" for every kind
	Country string      // ISO code, "unknown", or "" for every country
	// Session keeps the cases whose decision the Requests Chamber adopted
	// at that session (its id), 0 for every case.
	Session int64
}

// SessionChoice is a session of the Requests Chamber offered as a filter.
type SessionChoice struct {
	ID    int64
	Label string // as the CCF writes it: "2026/3"
}

// ParseStaffFilter reads the filter from the query; anything unknown is
// dropped rather than refused, and the year is the current one unless a
// year of the statistics is given.
func ParseStaffFilter(year, kind, country, session string, now time.Time) StaffFilter {
	f := StaffFilter{Year: now.Year()}
	if id, err := strconv.ParseInt(session, 10, 64); err == nil && id > 0 {
		f.Session = id
	}
	if y, err := strconv.Atoi(year); err == nil && y <= now.Year() && y > now.Year()-MaxYears {
		f.Year = y
	}
	for _, k := range StaffKinds {
		if string(k) == kind {
			f.Kind = k
		}
	}
	if country == domain.UnknownCountry || countries.IsMember(strings.ToUpper(country)) {
		f.Country = country
		if country != domain.UnknownCountry {
			f.Country = strings.ToUpper(country)
		}
	}
	return f
}

// Kinds are the request kinds the filter keeps, nil for all.
func (f StaffFilter) Kinds() []domain.Kind {
	switch f.Kind {
	case "":
		return nil
	case domain.KindDeletion:
		return []domain.Kind{domain.KindDeletion, domain.KindCorrection}
	}
	return []domain.Kind{f.Kind}
}

// Span is the filter's year, from its first moment to the next year's,
// in UTC.
func (f StaffFilter) Span() (since, until time.Time) {
	since = time.Date(f.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	return since, since.AddDate(1, 0, 0)
}

// Detail describes the filter for the audit log: codes only.
func (f StaffFilter) Detail() string {
	return "year=" + strconv.Itoa(f.Year) + " kind=" + string(f.Kind) + " country=" + f.Country +
		" session=" + strconv.FormatInt(f.Session, 10)
}

// Load is one staff member's share of the open cases; StaffID 0 gathers
// the cases nobody is assigned.
type Load struct {
	StaffID int64
	Name    string
	Open    int
	Overdue int
}

// Age bands of open cases, by time since filing: the first month, up to
// the 4 months of an access request, up to the 9 months of a deletion
// request, up to a year, and beyond.
var AgeBands = []string{"under_1_month", "1_to_4_months", "4_to_9_months", "9_to_12_months", "over_12_months"}

// AgeLimits are the filing times that separate the bands as of now, most
// recent first: a case filed at or after AgeLimits[i] is in band i.
func AgeLimits(now time.Time) []time.Time {
	return []time.Time{domain.AddMonths(now, -1), domain.AddMonths(now, -4), domain.AddMonths(now, -9), domain.AddMonths(now, -12)}
}

// AgeCount counts open cases of one kind in one band.
type AgeCount struct {
	Kind domain.Kind
	Band int
	N    int
}

// AgeTable is the open cases by kind (deletion with correction) and age.
type AgeTable struct {
	Rows   []domain.Kind
	Bands  []string
	Counts [][]int // Counts[row][band]
	Totals []int   // by band
}

// Ages lays the counts out by kind and band.
func Ages(in []AgeCount) AgeTable {
	t := AgeTable{Rows: StaffKinds, Bands: AgeBands, Counts: make([][]int, len(StaffKinds)), Totals: make([]int, len(AgeBands))}
	for i := range t.Counts {
		t.Counts[i] = make([]int, len(AgeBands))
	}
	for _, c := range in {
		for i, k := range StaffKinds {
			if k == group(c.Kind) && c.Band >= 0 && c.Band < len(AgeBands) {
				t.Counts[i][c.Band] += c.N
				t.Totals[c.Band] += c.N
			}
		}
	}
	return t
}

// StaffReport is the staff statistics: the public figures for the
// filter's year without suppression (staff see every case anyway), the
// open cases per staff member and by age.
type StaffReport struct {
	Filter   StaffFilter
	Report   Report
	Workload []Load
	Ages     AgeTable
	// Consult is the consultations by kind of recipient.
	Consult ConsultTable
	// Sessions are the Chamber's sessions the filter offers, latest first.
	Sessions []SessionChoice
}

// BuildStaff makes the staff report of raw for f as of now. Nothing is
// suppressed: a threshold of 1 hides no count, and only shares and
// medians of no case at all.
func BuildStaff(f StaffFilter, raw Raw, load []Load, ages []AgeCount, now time.Time) StaffReport {
	asOf := now
	if f.Year < now.Year() {
		asOf = time.Date(f.Year, 12, 31, 23, 59, 59, 0, time.UTC)
	}
	rep := Build(raw, asOf, 1)
	rep.AsOf = now
	rep.Years = []int{f.Year}
	for i := range rep.Tables {
		rep.Tables[i] = lastYear(rep.Tables[i])
	}
	return StaffReport{Filter: f, Report: rep, Workload: load, Ages: Ages(ages)}
}

// lastYear keeps only the last column of p: the filter's year.
func lastYear(p Published) Published {
	n := len(p.Years) - 1
	p.Years = p.Years[n:]
	for r := range p.Cells {
		p.Cells[r] = p.Cells[r][n:]
	}
	if p.Totals != nil {
		p.Totals = p.Totals[n:]
	}
	return p
}
