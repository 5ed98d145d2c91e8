package seed

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// FirstYear is the first year the volume seed fills.
const FirstYear = 2021

// volume is one year's filings at the CCF's scale: access requests,
// deletion or correction requests alone, deletion or correction requests
// that also ask for access (one filing, counted on a line of its own),
// applications for revision, and requests for provisional measures.
type volume struct{ access, deletion, combined, revision, urgent int }

// volumes follow the CCF's published figures: 2,793 requests received in
// 2023 (1,101 access, 1,021 deletion or correction, the rest combined or
// revision), 2024's mix of about 37% access, 45% deletion and 18%
// revision, and growth before and after. The current year takes the last
// one's pace for the part of it gone by.
var volumes = map[int]volume{
	2021: {600, 520, 60, 270, 80},
	2022: {850, 790, 90, 420, 100},
	2023: {1101, 1021, 114, 557, 120},
	2024: {1060, 1150, 140, 520, 130},
	2025: {1100, 1200, 150, 550, 140},
}

// The shares the seeded procedure follows (DOMAIN.md): over 90% of the
// requests assessed are admissible; about 70% of access and 85% of
// deletion decisions are made within the time limits; a deletion or
// correction request asks for provisional measures about one time in
// four, and most are granted.
const (
	shareInadmissible = 0.07
	shareWithdrawn    = 0.03
	shareTimelyAccess = 0.70
	shareTimelyDelete = 0.85
	shareMeasures     = 0.25
	shareCorrection   = 0.10
)

// PublishedPerYear is how many decisions a year the volume seed
// publishes (approved), as the CCF publishes a handful.
const PublishedPerYear = 4

// genYears makes every filing from FirstYear to now at scale (1 is the
// CCF's own volume).
func genYears(rng *rand.Rand, now time.Time, scale float64, persons, staff int) []seedCase {
	var out []seedCase
	for y := FirstYear; y <= now.Year(); y++ {
		v, ok := volumes[y]
		from := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		to := from.AddDate(1, 0, 0)
		share := 1.0
		if !ok {
			v = volumes[2025]
		}
		if to.After(now) {
			share, to = float64(now.Sub(from))/float64(to.Sub(from)), now
		}
		n := func(k int) int { return int(math.Round(float64(k) * scale * share)) }
		add := func(count int, kind func() domain.Kind, also bool) {
			for range n(count) {
				out = append(out, genVolumeCase(rng, now, kind(), also, seedBetween(rng, from, to, now), persons, staff))
			}
		}
		fixed := func(k domain.Kind) func() domain.Kind { return func() domain.Kind { return k } }
		deletion := func() domain.Kind {
			if rng.Float64() < shareCorrection {
				return domain.KindCorrection
			}
			return domain.KindDeletion
		}
		add(v.access, fixed(domain.KindAccess), false)
		add(v.deletion, deletion, false)
		add(v.combined, deletion, true)
		add(v.revision, fixed(domain.KindRevision), false)
		add(v.urgent, fixed(domain.KindProvisional), false)
	}
	return out
}

// genVolumeCase invents one filing of the volume seed: its
// admissibility a few weeks after filing, then its decision inside or
// after the time limit at the CCF's shares, or still pending when that
// moment has not come yet.
func genVolumeCase(rng *rand.Rand, now time.Time, kind domain.Kind, also bool, submitted time.Time, persons, staff int) seedCase {
	c := seedCase{kind: kind, alsoAccess: also, person: rng.IntN(persons), parent: -1, assignee: -1, submitted: submitted,
		dataKind: seedPick(rng, []string{"red_notice", "red_notice", "wanted_diffusion", "wanted_diffusion", "other_diffusion", "dont_know"}),
		source:   seedPick(rng, seedSources)}
	if rng.IntN(10) < 7 {
		c.assignee = rng.IntN(staff)
	}
	if kind == domain.KindProvisional {
		genProvisional(rng, &c, now, now.Sub(submitted))
		if c.status == domain.StatusDecided {
			c.decided = seedBetween(rng, submitted.Add(seedDay), submitted.Add(10*seedDay), now)
			genOutcome(rng, &c, now)
		}
		return c
	}
	assessed := submitted.Add(time.Duration(5+rng.IntN(30)) * seedDay)
	switch {
	case assessed.After(now):
		c.status = domain.StatusSubmitted
		return c
	case rng.Float64() < shareInadmissible:
		c.status, c.decided = domain.StatusInadmissible, assessed
		c.reasons = seedPick(rng, [][]string{{"id_missing"}, {"id_expired"}, {"authorisation_missing"}, {"purpose_unclear"}})
		return c
	}
	c.admissible = assessed
	c.due, _ = domain.DueDate(kind, assessed)
	if (kind == domain.KindDeletion || kind == domain.KindCorrection) && rng.Float64() < shareMeasures {
		c.measure = seedPick(rng, []string{domain.MeasureGranted, domain.MeasureGranted, domain.MeasureGranted, domain.MeasureRefused, "lifted"})
	}
	decided := volumeDecidedAt(rng, c)
	switch {
	case rng.Float64() < shareWithdrawn:
		c.status, c.outcome = domain.StatusWithdrawn, outcome.Withdrawn
		c.decided = seedBetween(rng, assessed, decided, now)
	case decided.After(now):
		c.status = pickStatus(rng.IntN(100), []int{85, 10, 5}, domain.StatusUnderReview, domain.StatusAwaitingApplicant, domain.StatusAdmissible)
		if c.status == domain.StatusAwaitingApplicant {
			c.clarification = 1
		}
	default:
		c.status, c.decided = domain.StatusDecided, decided
		genOutcome(rng, &c, now)
	}
	return c
}

// volumeDecidedAt is when the CCF decides c: within the time limit at
// its share of timely decisions, else up to five months after it.
func volumeDecidedAt(rng *rand.Rand, c seedCase) time.Time {
	timely := shareTimelyDelete
	if c.kind == domain.KindAccess {
		timely = shareTimelyAccess
	}
	if c.due.IsZero() { // revision: no statutory limit
		return c.admissible.Add(time.Duration(30+rng.IntN(200)) * seedDay)
	}
	span := c.due.Sub(c.admissible)
	if rng.Float64() < timely {
		return c.admissible.Add(time.Duration((0.15 + 0.8*rng.Float64()) * float64(span)))
	}
	return c.due.Add(time.Duration(2+rng.IntN(150)) * seedDay)
}
