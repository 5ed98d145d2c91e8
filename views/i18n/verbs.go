package i18n

import (
	"regexp"
	"strconv"
	"strings"
)

// verbPattern matches a fmt verb: an optional explicit argument index,
// flags, width, precision and the verb letter ("%%" is matched too, and
// skipped, since it prints a percent sign and takes no argument).
var verbPattern = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// Verb is one fmt verb of a message: the argument it prints (1-based) and
// its letter.
type Verb struct {
	Arg    int
	Letter byte
	index  bool // written with an explicit [n]
	start  int  // position of the % in the message
	end    int  // position after the verb
}

// Verbs lists the verbs of a message with the argument each one prints,
// following fmt's rules: an unindexed verb takes the argument after the
// previous verb's.
func Verbs(s string) []Verb {
	var out []Verb
	next := 1
	for _, m := range verbPattern.FindAllStringSubmatchIndex(s, -1) {
		letter := s[m[4]]
		if letter == '%' {
			continue
		}
		v := Verb{Arg: next, Letter: letter, start: m[0], end: m[1]}
		if m[2] >= 0 {
			v.Arg, _ = strconv.Atoi(s[m[2]+1 : m[3]-1])
			v.index = true
		}
		next = v.Arg + 1
		out = append(out, v)
	}
	return out
}

// withExplicitArgs lets a plural form leave out the number it counts: an
// Arabic dual or singular is a word of its own ("ساعتان", two hours), so
// such a form has fewer verbs than the message has arguments. The form's
// remaining unindexed verbs are given the other arguments in order, with
// explicit indexes; fmt then neither shifts them onto the wrong argument
// nor complains of the one left over.
func (e entry) withExplicitArgs(nargs int) entry {
	if e.forms == nil || nargs == 0 {
		return e
	}
	out := entry{arg: e.arg, forms: map[string]string{}}
	for cat, form := range e.forms {
		out.forms[cat] = explicitArgs(form, nargs, e.arg)
	}
	return out
}

func explicitArgs(form string, nargs, counted int) string {
	verbs := Verbs(form)
	if len(verbs) == 0 || len(verbs) >= nargs {
		return form
	}
	for _, v := range verbs {
		if v.index {
			return form // the translator placed them already
		}
	}
	var b strings.Builder
	last, arg := 0, 1
	for _, v := range verbs {
		if arg == counted {
			arg++
		}
		b.WriteString(form[last:v.start])
		b.WriteString("%[" + strconv.Itoa(arg) + "]")
		b.WriteString(form[v.start+1 : v.end])
		last, arg = v.end, arg+1
	}
	b.WriteString(form[last:])
	return b.String()
}
