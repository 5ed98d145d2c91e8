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
	p.Fill("Security code", "000000")
	p.PressButton("Confirm and continue")
	p.SeesErrors("enrol-second-factor-errors", "Set up your security code",
		"This code is not right, or was already used. Wait for your app to show a new code and enter it")
	p.FixError("This code is not right, or was already used. Wait for your app to show a new code and enter it")
	p.Fill("Security code", p.run.App.Code(strings.ReplaceAll(secret, " ", "")))
	p.PressButton("Confirm and continue")
	p.Sees("recovery-codes", "Keep your recovery codes")
	p.SeesText("Each code works only once.")
	p.FollowLink("I have kept my recovery codes")
}

// visitAccount is a look at one's own account after signing in: the
// second factor, this session, and the password form with its mistakes.
func visitAccount(p *Person) {
	p.t.Helper()
	p.FollowLink("Your account")
	p.Sees("account", "Your account")
	p.SeesText("Recovery codes not yet used: 10")
	p.SeesText("This session")
	p.FollowLink("Change your password")
	p.Sees("change-password", "Change your password")
	p.PressButton("Change password")
	p.SeesErrors("change-password-errors", "Change your password",
		"Enter your current password", "Password must be at least 12 characters")
	p.FollowLink("Back")
	p.Sees("account", "Your account")
	p.FollowLink("My requests")
}
