package audit

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAuditHashCoversEveryField(t *testing.T) {
	base := auditHash("p", 1, 2, 3, "a", 4, "d")
	assert.NotEqual(t, base, auditHash("p", 1, 2, 3, "a", 4, "e"))
	assert.NotEqual(t, base, auditHash("q", 1, 2, 3, "a", 4, "d"))
	assert.NotEqual(t, base, auditHash("p", 1, 2, 3, "b", 4, "d"))
	assert.NotEqual(t, base, auditHash("p", 1, 2, 5, "a", 4, "d"))
	assert.NotEqual(t, auditHash("p", 1, 2, 3, "ab", 4, "c"), auditHash("p", 1, 2, 3, "a", 4, "bc"), "fields cannot run into each other")
}
