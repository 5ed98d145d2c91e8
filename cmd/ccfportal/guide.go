package main

import (
	"flag"
	"fmt"
	"net/url"

	"github.com/ccf-portal/ccfportal/views"
)

// guideFlags are the operator's settings for the pages anyone can read:
// how to reach the CCF outside the portal, and where the quick-exit link
// leaves for.
type guideFlags struct {
	postal  string
	email   string
	phone   string
	web     string
	exitURL string
}

func (g *guideFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&g.postal, "contact-address", env("CCF_CONTACT_ADDRESS", ""),
		"the CCF's postal address for the contact page, lines separated by | (env CCF_CONTACT_ADDRESS)")
	fs.StringVar(&g.email, "contact-email", env("CCF_CONTACT_EMAIL", ""),
		"an e-mail address of the CCF for the contact page (env CCF_CONTACT_EMAIL)")
	fs.StringVar(&g.phone, "contact-phone", env("CCF_CONTACT_PHONE", ""),
		"a telephone number of the CCF for the contact page (env CCF_CONTACT_PHONE)")
	fs.StringVar(&g.web, "contact-web", env("CCF_CONTACT_WEB", ""),
		"the CCF's website for the contact page, an https:// address (env CCF_CONTACT_WEB)")
	fs.StringVar(&g.exitURL, "exit-url", env("CCF_EXIT_URL", views.DefaultExitURL),
		"the neutral website the quick-exit link on every page leaves for, an https:// address (env CCF_EXIT_URL)")
}

// check refuses addresses a link cannot safely carry: both must be
// absolute https:// addresses (the exit link must never lead back into
// the portal or run anything).
func (g *guideFlags) check() error {
	for name, v := range map[string]string{"-contact-web": g.web, "-exit-url": g.exitURL} {
		if v == "" {
			continue
		}
		u, err := url.Parse(v)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("%s must be an https:// address, got %q", name, v)
		}
	}
	return nil
}

// contact is the contact page's data.
func (g *guideFlags) contact() views.Contact {
	return views.Contact{Postal: views.PostalLines(g.postal), Email: g.email, Phone: g.phone, Web: g.web}
}
