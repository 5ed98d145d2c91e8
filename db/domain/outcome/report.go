package outcome

import "github.com/ccf-portal/ccfportal/db/domain"

// The report rows of the published statistics that are not an outcome of
// their own.
const (
	// RowDataHeld counts data held, disclosed in full or in part, as the
	// CCF reports them together.
	RowDataHeld = DataHeld
)

// ReportRows lists the rows in which decisions on requests of kind k are
// counted (correction with deletion), in the order the CCF reports them:
// for deletion, compliant, compliant after the source updated the data,
// deleted (by order, then because the source never answered), corrected,
// other measures, deleted before a decision; then the endings.
func ReportRows(k domain.Kind) []string {
	switch k {
	case domain.KindAccess:
		return append([]string{NoData, RowDataHeld, NeitherConfirmNorDeny}, Endings...)
	case domain.KindDeletion, domain.KindCorrection:
		return append([]string{Compliant, CompliantAfterUpdate, NonCompliantDeletion, DeletedNoReply, NonCompliantCorrection,
			OtherMeasures, DeletedBeforeDecision}, Endings...)
	}
	return nil
}

// ReportRow is the row a decision's outcome o is counted in: partial and
// full disclosure together, every other outcome in its own row. A revised
// decision is counted by its new outcome by the caller (Effective).
func ReportRow(o string) string {
	if o == DataHeldPart {
		return RowDataHeld
	}
	return o
}
