package e2e

import (
	"context"
	"strings"

	"github.com/chromedp/chromedp"
)

// enrolSecondFactor is a staff member's first sign-in after the password:
// they set up their authenticator app by typing the key shown (the test
// computes the app's code from it, on the portal's clock), confirm with
// the code and keep the recovery codes.
func enrolSecondFactor(p *Person) {
	p.t.Helper()
	p.Sees("enrol-second-factor", "Set up your security code")
	p.SeesText("If you cannot scan it, choose to enter a key by hand")
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	secret, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("totp-secret").textContent`))
	if err != nil {
		p.fatalf("read the key to type into the app: %v", err)
	}
	p.Fill("Security code", p.run.App.Code(strings.ReplaceAll(secret, " ", "")))
	p.PressButton("Confirm and continue")
	p.Sees("recovery-codes", "Keep your recovery codes")
	p.SeesText("Each code works only once.")
	p.FollowLink("I have kept my recovery codes")
}
