package views

// The help pages. Each is a list of catalogue keys; the words are in
// views/i18n/locales/*.guide.json. Facts come from the procedure as the
// CCF applies it: times are what it aims for or what usually happens.

// HowItWorks is the procedure step by step, and what the CCF can and
// cannot do.
var HowItWorks = Article{Path: "/help/how-it-works", Key: "how", Blocks: []Block{
	{Heading: "guide.how.steps", Kind: Steps, Items: numbered("guide.how.steps", 7)},
	{Heading: "guide.how.urgent", Paras: paras("guide.how.urgent", 1)},
	{Heading: "guide.how.can", Kind: Bullets, Items: numbered("guide.how.can", 3)},
	{Heading: "guide.how.cannot", Kind: Bullets, Items: numbered("guide.how.cannot", 4)},
}}

// Notices explains red notices, diffusions and provisional measures.
var Notices = Article{Path: "/help/notices", Key: "notices", Blocks: []Block{
	{Heading: "guide.notices.red", Paras: paras("guide.notices.red", 2)},
	{Heading: "guide.notices.diffusion", Paras: paras("guide.notices.diffusion", 2)},
	{Heading: "guide.notices.other", Paras: paras("guide.notices.other", 1)},
	{Heading: "guide.notices.findout", Kind: Bullets, Items: numbered("guide.notices.findout", 3)},
	{Heading: "guide.notices.measures", Paras: paras("guide.notices.measures", 2)},
}}

// BeforeYouStart is the printable checklist of what to gather.
var BeforeYouStart = Article{Path: "/help/before-you-start", Key: "gather", Blocks: []Block{
	{Heading: "guide.gather.every", Kind: Checklist, Items: numbered("guide.gather.every", 6)},
	{Heading: "guide.gather.access", Kind: Checklist, Items: numbered("guide.gather.access", 2)},
	{Heading: "guide.gather.deletion", Kind: Checklist, Items: numbered("guide.gather.deletion", 5)},
	{Heading: "guide.gather.revision", Kind: Checklist, Items: numbered("guide.gather.revision", 5)},
	{Heading: "guide.gather.urgent", Kind: Checklist, Items: numbered("guide.gather.urgent", 2)},
	{Heading: "guide.gather.grounds", Paras: paras("guide.gather.grounds", 1), Kind: Bullets,
		Items: numbered("guide.gather.grounds", 11)},
	{Heading: "guide.gather.confidential", Paras: paras("guide.gather.confidential", 1)},
}}

// Questions answers what people ask most before filing.
var Questions = Article{Path: "/help/questions", Key: "faq", Blocks: questions(
	"who", "free", "lawyer", "expired", "detained", "country", "source", "time", "withdraw", "documents")}

// questions makes one block per question: its heading is the question,
// its paragraph the answer.
func questions(names ...string) []Block {
	out := make([]Block, len(names))
	for i, n := range names {
		k := "guide.faq." + n
		out[i] = Block{Heading: k + ".q", Paras: []string{k + ".a"}}
	}
	return out
}

// Glossary defines the terms of the procedure.
var Glossary = Article{Path: "/help/glossary", Key: "glossary", Blocks: []Block{
	{Kind: Terms, Items: glossary(
		"admissible", "adoption", "agenda", "appendices", "deletion_notice", "diffusion", "extension", "extract",
		"general_secretariat", "grounds", "implementation", "ncb", "ncnd", "modus_operandi", "notice", "poa",
		"provisional", "chamber", "revision", "session", "source", "summary", "certificate", "working_language")},
}}

// glossary names the glossary's entries: each has a ".term" and a ".def".
func glossary(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = GlossaryKey(n)
	}
	return out
}

// Safety says how to leave quickly and browse privately.
var Safety = Article{Path: "/help/staying-safe", Key: "safety", Blocks: []Block{
	{Heading: "guide.safety.exit", Paras: paras("guide.safety.exit", 2)},
	{Heading: "guide.safety.private", Kind: Bullets, Items: numbered("guide.safety.private", 4)},
	{Heading: "guide.safety.tor", Paras: paras("guide.safety.tor", 1)},
	{Heading: "guide.safety.documents", Paras: paras("guide.safety.documents", 1)},
}}

// Privacy is the privacy notice.
var Privacy = Article{Path: "/privacy", Key: "privacy", Blocks: []Block{
	{Heading: "guide.privacy.collect", Kind: Bullets, Items: numbered("guide.privacy.collect", 4)},
	{Heading: "guide.privacy.protect", Kind: Bullets, Items: numbered("guide.privacy.protect", 3)},
	{Heading: "guide.privacy.who", Kind: Bullets, Items: numbered("guide.privacy.who", 4)},
	{Heading: "guide.privacy.cookies", Paras: paras("guide.privacy.cookies", 1)},
	{Heading: "guide.privacy.rights", Paras: paras("guide.privacy.rights", 1)},
}}

// Accessibility is the accessibility statement.
var Accessibility = Article{Path: "/accessibility", Key: "a11y", Blocks: []Block{
	{Heading: "guide.a11y.standard", Paras: paras("guide.a11y.standard", 1)},
	{Heading: "guide.a11y.tested", Kind: Bullets, Items: numbered("guide.a11y.tested", 3)},
	{Heading: "guide.a11y.gaps", Kind: Bullets, Items: numbered("guide.a11y.gaps", 3)},
	{Heading: "guide.a11y.feedback", Paras: paras("guide.a11y.feedback", 1)},
}}

// TermsOfUse are the terms of use.
var TermsOfUse = Article{Path: "/terms", Key: "terms", Blocks: []Block{
	{Heading: "guide.terms.rules", Kind: Bullets, Items: numbered("guide.terms.rules", 6)},
}}

// HelpArticles are the pages listed on the help index and in the footer's
// help column, in reading order.
var HelpArticles = []Article{HowItWorks, Notices, BeforeYouStart, Questions, Glossary, Safety}

// AboutArticles are the pages about the portal itself, in the footer's
// second column beside Contact.
var AboutArticles = []Article{Privacy, Accessibility, TermsOfUse}
