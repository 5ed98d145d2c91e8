package seed

import (
	"math/rand/v2"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// seedCase is one fictional request before it is written.
type seedCase struct {
	kind          domain.Kind
	alsoAccess    bool // a deletion or correction that also asks for access
	status        domain.Status
	person        int
	parent        int // index of the case it follows, or -1
	submitted     time.Time
	admissible    time.Time
	due           time.Time
	decided       time.Time
	eventAt       time.Time
	outcome       string
	accessOutcome string   // the access part's outcome of a combined filing
	reasons       []string // inadmissibility reasons
	clarification int      // 0 none, 1 waiting for the reply, 2 answered
	measure       string   // "", granted, refused, lifted
	notice        bool
	allAcked      bool
	assignee      int // staff index, or -1
	dataKind      string
	source        string
	documents     bool
	id            int64 // set once written
}

// seedPerson is a fictional applicant.
type seedPerson struct {
	name        string
	birth       string
	nationality string
	counsel     int // index of their counsel, or -1 for self-filed
	language    string
}

const seedDay = 24 * time.Hour

var seedKinds = []struct {
	kind   domain.Kind
	weight int
}{{domain.KindAccess, 37}, {domain.KindDeletion, 38}, {domain.KindCorrection, 5}, {domain.KindRevision, 17}, {domain.KindProvisional, 3}}

func pickKind(rng *rand.Rand) domain.Kind {
	n := rng.IntN(100)
	for _, k := range seedKinds {
		if n < k.weight {
			return k.kind
		}
		n -= k.weight
	}
	return domain.KindAccess
}

func seedPick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

// between is a random moment in [from, to), never after now.
func seedBetween(rng *rand.Rand, from, to, now time.Time) time.Time {
	if to.After(now) {
		to = now
	}
	if !to.After(from) {
		if from.After(now) {
			return now
		}
		return from
	}
	return from.Add(time.Duration(rng.Int64N(int64(to.Sub(from)))))
}

// genCase invents one request whose dates and status fit together: young
// requests wait for admissibility, older ones are examined, the oldest
// are decided (and, when deletion was ordered, carried out).
func genCase(rng *rand.Rand, now time.Time, persons, staff int) seedCase {
	c := seedCase{kind: pickKind(rng), person: rng.IntN(persons), parent: -1, assignee: -1}
	c.submitted = now.Add(-time.Duration(rng.Int64N(int64(730 * seedDay))))
	// About one deletion or correction filing in eight also asks for access
	// (the CCF's 2023 share), chosen without a draw so every other figure
	// of a seed stays as it was.
	c.alsoAccess = (c.kind == domain.KindDeletion || c.kind == domain.KindCorrection) && c.submitted.Unix()%8 == 0
	age := now.Sub(c.submitted)
	months, ok := domain.TimeLimit(c.kind)
	if !ok {
		months = 9
	}
	limit := time.Duration(months) * 30 * seedDay
	c.dataKind = seedPick(rng, []string{"red_notice", "red_notice", "wanted_diffusion", "wanted_diffusion", "other_diffusion", "dont_know"})
	c.source = seedPick(rng, seedSources)
	c.documents = rng.IntN(3) > 0
	roll := rng.IntN(100)
	switch {
	case c.kind == domain.KindProvisional:
		genProvisional(rng, &c, now, age)
	case age < 30*seedDay:
		c.status = pickStatus(roll, []int{55, 15, 10, 20}, domain.StatusSubmitted, domain.StatusAwaitingApplicant, domain.StatusInadmissible, domain.StatusAdmissible)
	case age < limit+60*seedDay:
		c.status = pickStatus(roll, []int{55, 10, 15, 10, 5, 5}, domain.StatusUnderReview, domain.StatusAwaitingApplicant, domain.StatusDecided,
			domain.StatusInadmissible, domain.StatusWithdrawn, domain.StatusAdmissible)
	default:
		c.status = pickStatus(roll, []int{80, 8, 5, 7}, domain.StatusDecided, domain.StatusInadmissible, domain.StatusWithdrawn, domain.StatusUnderReview)
	}
	fillDates(rng, &c, now)
	if c.status != domain.StatusSubmitted && c.status != domain.StatusInadmissible && rng.IntN(10) < 7 {
		c.assignee = rng.IntN(staff)
	}
	return c
}

func pickStatus(roll int, weights []int, statuses ...domain.Status) domain.Status {
	for i, w := range weights {
		if roll < w {
			return statuses[i]
		}
		roll -= w
	}
	return statuses[0]
}

// genProvisional: urgent requests are decided within days, so only recent
// ones are still pending, with their feared event ahead.
func genProvisional(rng *rand.Rand, c *seedCase, now time.Time, age time.Duration) {
	if age < 14*seedDay {
		c.status = pickStatus(rng.IntN(100), []int{60, 40}, domain.StatusSubmitted, domain.StatusUnderReview)
		c.eventAt = now.Add(6*time.Hour + time.Duration(rng.Int64N(int64(20*seedDay))))
		return
	}
	c.status = domain.StatusDecided
	c.eventAt = c.submitted.Add(time.Duration(2+rng.IntN(20)) * seedDay)
}

// fillDates sets the admissible, due and decided moments, the outcome and
// the steps taken on the way, consistent with the status.
func fillDates(rng *rand.Rand, c *seedCase, now time.Time) {
	admitted := c.status != domain.StatusSubmitted && c.status != domain.StatusInadmissible &&
		!(c.status == domain.StatusAwaitingApplicant && rng.IntN(2) == 0)
	if c.status == domain.StatusWithdrawn && rng.IntN(2) == 0 {
		admitted = false
	}
	if admitted {
		c.admissible = seedBetween(rng, c.submitted.Add(3*seedDay), c.submitted.Add(35*seedDay), now.Add(-time.Hour))
		c.due, _ = domain.DueDate(c.kind, c.admissible)
	}
	switch c.status {
	case domain.StatusInadmissible:
		c.decided = seedBetween(rng, c.submitted.Add(5*seedDay), c.submitted.Add(40*seedDay), now)
		c.reasons = seedPick(rng, [][]string{{"id_missing"}, {"id_expired"}, {"authorisation_missing"}, {"purpose_unclear"},
			{"id_expired", "authorisation_unsigned"}, {"language"}})
	case domain.StatusWithdrawn:
		c.decided = seedBetween(rng, c.submitted.Add(10*seedDay), c.submitted.Add(200*seedDay), now)
		c.outcome = outcome.Withdrawn
	case domain.StatusDecided:
		genDecision(rng, c, now)
	case domain.StatusAwaitingApplicant:
		c.clarification = 1
	}
	if c.clarification == 0 && !c.admissible.IsZero() && rng.IntN(5) == 0 {
		c.clarification = 2
	}
	if (c.kind == domain.KindDeletion || c.kind == domain.KindCorrection) && !c.admissible.IsZero() && rng.IntN(8) == 0 {
		c.measure = seedPick(rng, []string{domain.MeasureGranted, domain.MeasureGranted, domain.MeasureRefused, "lifted"})
	}
}

func genDecision(rng *rand.Rand, c *seedCase, now time.Time) {
	from := c.admissible
	if from.IsZero() {
		from = c.submitted
	}
	span := 20 * seedDay
	if !c.due.IsZero() {
		span = c.due.Sub(from)
	}
	c.decided = seedBetween(rng, from.Add(time.Duration(float64(span)*0.2)), from.Add(span+20*seedDay), now)
	genOutcome(rng, c, now)
}

// genOutcome picks the outcome of a decision made at c.decided and the
// deletion notice that follows an order to delete or correct.
func genOutcome(rng *rand.Rand, c *seedCase, now time.Time) {
	c.outcome, c.accessOutcome = pickOutcome(rng, c.kind, c.alsoAccess)
	if c.outcome == outcome.DeletedNoReply && !silentSource(*c) {
		c.outcome = outcome.NonCompliantDeletion
	}
	if c.kind == domain.KindProvisional {
		c.measure = map[string]string{outcome.MeasuresGranted: domain.MeasureGranted, outcome.MeasuresRefused: domain.MeasureRefused}[c.outcome]
	}
	if ordered := outcome.ChangesData(domain.DecisionInput{Outcome: c.outcome, DecisionParts: domain.DecisionParts{Revised: revisedOf(*c)}}); ordered && now.Sub(c.decided) > 20*seedDay {
		c.notice = true
		c.allAcked = now.Sub(c.decided) > 90*seedDay
		if c.allAcked {
			c.status = domain.StatusClosed
		}
	}
}

// seedSources are the source countries of seeded data, INTERPOL members.
var seedSources = []string{"TR", "RU", "CN", "EG", "IN", "IR", "VE", "TJ", "UZ", "AZ", "BY", "KZ", "SA", "AE", "NG",
	"BR", "MX", "AR", "CO", "UA", "RS", "PK", "BD", "TH", "ID", "MA", "DZ", "TN", "FR", "US"}

var seedGrounds = []string{"political", "human_rights", "refugee", "private_dispute", "outdated", "judicial_data",
	"no_international_interest", "extradition_refused", "excluded_offence"}
