package edits

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// GroundVersion names a chosen ground as a page showed it: its explanation
// and the evidence attached to it, which removing the ground would drop.
func GroundVersion(f domain.Filing, code domain.GroundCode) string {
	var b strings.Builder
	for _, g := range f.Grounds {
		if g.Code == code {
			b.WriteString(g.Explanation)
		}
	}
	ids := make([]int64, 0, len(f.DocGrounds))
	for id, gs := range f.DocGrounds {
		for _, g := range gs {
			if g == code {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		b.WriteString("\x00" + strconv.FormatInt(id, 10))
	}
	return Version(b.String())
}

// GroundVersionInput is the name of the hidden input carrying a chosen
// ground's version on the checklist.
func GroundVersionInput(code domain.GroundCode) string { return VersionInput("ground." + string(code)) }

// GroundsEdit is the checklist as posted: the grounds ticked, and the
// version of each ground that was chosen when the page was shown.
type GroundsEdit struct {
	Ticked []domain.GroundCode
	Shown  map[domain.GroundCode]string
}

// GroundsChange is what a checklist save does to the chosen grounds.
type GroundsChange struct {
	Add, Remove []domain.GroundCode
	// Kept are grounds the person unticked that someone else explained or
	// attached evidence to since the page was shown: they stay chosen.
	Kept []domain.GroundCode
}

// PlanGrounds works out a checklist save against the grounds chosen now
// (f). Only what the person changed on the page changes: a ground they
// ticked is added, a ground they unticked is removed unless it changed
// since they saw it, and grounds someone else chose or removed meanwhile
// stay as they are.
func PlanGrounds(f domain.Filing, e GroundsEdit) GroundsChange {
	var c GroundsChange
	for _, code := range e.Ticked {
		if _, shown := e.Shown[code]; !shown && !domain.GroundChosen(f.Grounds, code) && !slices.Contains(c.Add, code) {
			c.Add = append(c.Add, code)
		}
	}
	for _, info := range domain.Grounds {
		version, shown := e.Shown[info.Code]
		if !shown || slices.Contains(e.Ticked, info.Code) || !domain.GroundChosen(f.Grounds, info.Code) {
			continue
		}
		if GroundVersion(f, info.Code) == version {
			c.Remove = append(c.Remove, info.Code)
		} else {
			c.Kept = append(c.Kept, info.Code)
		}
	}
	return c
}
