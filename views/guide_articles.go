package views

import "strconv"

// An Article is one help page, written entirely in catalogue keys so that
// every word of it exists in each working language.
type Article struct {
	Path   string  // where it is served, e.g. /help/how-it-works
	Key    string  // its name in the catalogue: guide.KEY.title is its heading, guide.KEY.nav its short name
	Blocks []Block // the parts of the page, in order
}

// Title is the key of the article's heading, also its page title.
func (a Article) Title() string { return "guide." + a.Key + ".title" }

// Nav is the key of the article's short name in menus and the footer.
func (a Article) Nav() string { return "guide." + a.Key + ".nav" }

// Lead is the key of the article's opening paragraph.
func (a Article) Lead() string { return "guide." + a.Key + ".lead" }

// Summary is the key of the one-line description on the help index.
func (a Article) Summary() string { return "guide." + a.Key + ".summary" }

// BlockKind says how a block's items are shown.
type BlockKind int

// The kinds of block.
const (
	// Prose is paragraphs only.
	Prose BlockKind = iota
	// Bullets is a bulleted list of items.
	Bullets
	// Steps is an ordered list styled as a timeline: each item has a
	// ".title" and a ".body".
	Steps
	// Checklist is a list with a box to tick on paper.
	Checklist
	// Terms is a definition list: each item has a ".term" and a ".def".
	Terms
)

// A Block is a titled part of an article: its heading, paragraphs, then
// items shown according to its Kind.
type Block struct {
	Heading string // key of the h2, "" for none
	Paras   []string
	Kind    BlockKind
	Items   []string
}

// numbered returns the keys prefix.1 ... prefix.n, so that a page's list
// grows by adding catalogue entries and one number here.
func numbered(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + "." + strconv.Itoa(i+1)
	}
	return out
}

// paras is the paragraphs of a block with prefix: prefix.p1 ... prefix.pn.
func paras(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + ".p" + strconv.Itoa(i+1)
	}
	return out
}

// Keys lists every catalogue key the article shows, for the test that
// finds them all in the catalogue.
func (a Article) Keys() []string {
	keys := []string{a.Title(), a.Nav(), a.Lead(), a.Summary()}
	for _, b := range a.Blocks {
		if b.Heading != "" {
			keys = append(keys, b.Heading)
		}
		keys = append(keys, b.Paras...)
		for _, it := range b.Items {
			switch b.Kind {
			case Steps:
				keys = append(keys, it+".title", it+".body")
			case Terms:
				keys = append(keys, it+".term", it+".def")
			default:
				keys = append(keys, it)
			}
		}
	}
	return keys
}
