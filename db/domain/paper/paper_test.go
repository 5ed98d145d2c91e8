package paper

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

var now = domain.NewFixedClock(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)).Now()

func validImport() Import {
	return Import{Channel: ChannelPost, ReceivedOn: "2026-02-20", Reference: " ccf-2025-000417 ", Kind: domain.KindDeletion,
		AlsoAccess: true, Applicant: domain.Answers{"full_name": "Amina Diallo", "birth_date": "1980-04-02",
			"nationality": "SN", "language": "fr"}}
}

var oneDoc = []Document{{Type: domain.DocCorrespondence, HasFile: true}}

func fields(errs domain.FieldErrors) map[string]string {
	out := map[string]string{}
	for _, e := range errs {
		out[e.Field] = e.Message
	}
	return out
}

func TestValidImportIsAcceptedAndNormalised(t *testing.T) {
	in := validImport()
	assert.Empty(t, ValidateImport(&in, oneDoc, now))
	assert.Equal(t, "CCF-2025-000417", in.Reference)
	assert.True(t, in.AlsoAccess)
	assert.Equal(t, time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC), ReceivedAt(in.ReceivedOn))
}

func TestReferenceFormat(t *testing.T) {
	for ref, ok := range map[string]bool{
		"CCF-2026-000001": true, "CCF-1990-999999": true, "CCF-2027-000001": false, "CCF-1989-000001": false,
		"CCF-2026-000000": false, "CCF-2026-00001": false, "CCF/2026/000001": false, "2026-000001": false,
		"CCF-2026-0000012": false, "": false,
	} {
		_, _, got := ParseReference(ref, now)
		assert.Equal(t, ok, got, ref)
	}
	year, n, _ := ParseReference("CCF-2024-000123", now)
	assert.Equal(t, 2024, year)
	assert.EqualValues(t, 123, n)
	in := validImport()
	in.Reference = "REF 12"
	assert.Equal(t, "paper.reference_format", fields(ValidateImport(&in, oneDoc, now))["reference"])
}

func TestReceivedDateIsNotInTheFuture(t *testing.T) {
	for day, want := range map[string]string{"2026-03-10": "", "2026-03-11": "paper.received_future",
		"": "paper.received_required", "2026-02-30": "answer.date_invalid", "1900-01-01": "answer.date_invalid"} {
		in := validImport()
		in.ReceivedOn = day
		assert.Equal(t, want, fields(ValidateImport(&in, oneDoc, now))["received_on"], day)
	}
}

func TestImportNeedsDetailsKindAndADocument(t *testing.T) {
	in := Import{Channel: "fax", Kind: domain.KindProvisional, Applicant: domain.Answers{"contact_email": "not an address"}}
	got := fields(ValidateImport(&in, []Document{{HasFile: true, Type: "x"}}, now))
	assert.Equal(t, "paper.channel_required", got["channel"])
	assert.Equal(t, "paper.kind_required", got["kind"])
	assert.Equal(t, "answer.full_name.required", got["full_name"])
	assert.Equal(t, "answer.nationality.required", got["nationality"])
	assert.Equal(t, "field.email.invalid", got["contact_email"])
	assert.Equal(t, "paper.doc_type_required", got["type_1"])
	in = validImport()
	assert.Equal(t, "paper.documents_required", fields(ValidateImport(&in, nil, now))["doc_1"])
	in.Kind = domain.KindAccess
	ValidateImport(&in, oneDoc, now)
	assert.False(t, in.AlsoAccess, "also access only goes with deletion or correction")
}

func TestInvitationExpiresAndIsUsedOnce(t *testing.T) {
	clock := domain.NewFixedClock(now)
	inv := Invitation{For: ForApplicant, CreatedAt: clock.Now(), ExpiresAt: ExpiresAt(clock.Now(), 0)}
	assert.Equal(t, now.Add(30*24*time.Hour), inv.ExpiresAt, "30 days by default")
	assert.Equal(t, now.Add(7*24*time.Hour), ExpiresAt(now, 7))
	require.NoError(t, CheckRedeem(inv, domain.RolePetitioner, clock.Now()))
	assert.Equal(t, ErrCodeRefused(), CheckRedeem(inv, domain.RoleCounsel, clock.Now()), "for the applicant only")

	clock.Advance(30*24*time.Hour - time.Second)
	assert.Equal(t, Pending, inv.State(clock.Now()))
	clock.Advance(time.Second)
	assert.Equal(t, Expired, inv.State(clock.Now()))
	assert.Equal(t, ErrCodeRefused(), CheckRedeem(inv, domain.RolePetitioner, clock.Now()))
	assert.Error(t, CheckRevoke(inv, clock.Now()))

	used := Invitation{For: ForCounsel, ExpiresAt: ExpiresAt(now, 0), RedeemedAt: now}
	assert.Equal(t, Redeemed, used.State(now))
	assert.Equal(t, ErrCodeRefused(), CheckRedeem(used, domain.RoleCounsel, now))
	revoked := Invitation{For: ForCounsel, ExpiresAt: ExpiresAt(now, 0), RevokedAt: now}
	assert.Equal(t, Revoked, revoked.State(now))
	assert.Equal(t, ErrCodeRefused(), CheckRedeem(revoked, domain.RoleCounsel, now))
}

func TestCodesAreRandomTypableAndHashedWithAKey(t *testing.T) {
	a, err := NewCode()
	require.NoError(t, err)
	b, err := NewCode()
	require.NoError(t, err)
	assert.NotEqual(t, a, b)
	assert.Regexp(t, `^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$`, a)
	assert.True(t, PlausibleCode(NormalizeCode(a)))
	assert.True(t, PlausibleCode(NormalizeCode(" "+a[:4]+" "+a[5:9]+a[10:]+" ")), "spaces and dashes do not matter")
	assert.False(t, PlausibleCode(NormalizeCode("ABCD-EFGH-IJK0")), "I and 0 are never in a code")
	key1, key2 := []byte("first key"), []byte("second key")
	assert.Equal(t, HashCode(key1, a), HashCode(key1, a[:4]+a[5:9]+a[10:]))
	assert.NotEqual(t, HashCode(key1, a), HashCode(key2, a))
	assert.NotContains(t, HashCode(key1, a), NormalizeCode(a))
}
