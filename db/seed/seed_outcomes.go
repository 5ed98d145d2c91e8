package seed

import (
	"math/rand/v2"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/consult"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// deletionShares are the CCF's outcomes of examined deletion requests in
// 2021 (DOMAIN.md): 133 compliant, 20 compliant after the source updated
// the data, 296 deleted (50 of them because the source never answered),
// 49 deleted before a decision; a few other corrective measures besides.
var deletionShares = []struct {
	outcome string
	weight  int
}{
	{outcome.Compliant, 133}, {outcome.CompliantAfterUpdate, 20}, {outcome.NonCompliantDeletion, 246},
	{outcome.DeletedNoReply, 50}, {outcome.DeletedBeforeDecision, 49}, {outcome.OtherMeasures, 8},
}

// accessShares are rough shares of the access outcomes: most access
// requests find data; few are neither confirmed nor denied.
var accessShares = []struct {
	outcome string
	weight  int
}{
	{outcome.NoData, 30}, {outcome.DataHeld, 40}, {outcome.DataHeldPart, 20}, {outcome.NeitherConfirmNorDeny, 10},
}

// pickOutcome draws the outcome of a decision on the merits of kind k,
// and, for a combined filing, of its access part ("" otherwise). On a
// correction request an order is an order to correct.
func pickOutcome(rng *rand.Rand, k domain.Kind, alsoAccess bool) (main, access string) {
	switch k {
	case domain.KindAccess:
		return pickShare(rng, accessShares), ""
	case domain.KindDeletion, domain.KindCorrection:
		main = pickShare(rng, deletionShares)
		if k == domain.KindCorrection && main == outcome.NonCompliantDeletion {
			main = outcome.NonCompliantCorrection
		}
		if alsoAccess {
			access = pickShare(rng, accessShares)
		}
		return main, access
	case domain.KindRevision:
		return seedPick(rng, []string{outcome.Rejected, outcome.Rejected, outcome.Rejected, outcome.Inadmissible, outcome.Revised}), ""
	}
	return seedPick(rng, []string{outcome.MeasuresGranted, outcome.MeasuresRefused}), ""
}

func pickShare(rng *rand.Rand, shares []struct {
	outcome string
	weight  int
}) string {
	total := 0
	for _, s := range shares {
		total += s.weight
	}
	roll := rng.IntN(total)
	for _, s := range shares {
		if roll < s.weight {
			return s.outcome
		}
		roll -= s.weight
	}
	return shares[len(shares)-1].outcome
}

// seedParts is what a seeded decision holds beyond its outcome: the texts
// its outcomes need and the access part of a combined filing.
func seedParts(c seedCase) (disclosure string, parts domain.DecisionParts) {
	const held = "A diffusion from the source country is held; its existence and date may be disclosed (fictional)."
	if outcome.NeedsDisclosure(c.outcome) {
		disclosure = held
	}
	switch c.outcome {
	case outcome.OtherMeasures:
		parts.Detail = "A caveat recording the acquittal is added to the notice (fictional)."
	case outcome.ClosedWithoutDecision:
		parts.Detail = "The applicant died before the examination ended (fictional)."
	case outcome.Revised:
		parts.Revised = outcome.NonCompliantDeletion
	}
	parts.AccessOutcome = c.accessOutcome
	if outcome.NeedsDisclosure(c.accessOutcome) {
		parts.AccessDisclosure = held
	}
	return disclosure, parts
}

// revisedOf is the new outcome a seeded revised decision has.
func revisedOf(c seedCase) string {
	_, parts := seedParts(c)
	return parts.Revised
}

// silentSource reports whether the source of c can have failed to answer
// a consultation before the decision: a consultation sent a week after
// admissibility (writeConsultation) was due a month later.
func silentSource(c seedCase) bool {
	return c.source != "" && !c.admissible.IsZero() && c.decided.After(c.admissible.AddDate(0, 0, 7+consult.DefaultReplyDays+1))
}
