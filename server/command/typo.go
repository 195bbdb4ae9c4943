package command

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// typoTargets are the spellings a typo is compared with, canonical verbs
// first, so the suggestion for a word near several is always the same.
// `bridge` is left out: it is for admins, and a todo such as "fridge" must
// not be taken for it.
var typoTargets = func() []string {
	out := make([]string, 0, len(verbAliases))
	for _, v := range Verbs {
		if v != VerbBridge && v != VerbImport {
			out = append(out, string(v))
		}
	}
	var rest []string
	for alias, v := range verbAliases {
		if alias != string(v) && v != VerbBridge && v != VerbImport {
			rest = append(rest, alias)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}()

// looksLikeTypo reports whether word is one slip away from a verb and what
// follows could only be arguments (numbers or nothing), as in `dne 3` or
// `lsit`: adding "dne 3" as a todo would surprise more than a hint does.
func looksLikeTypo(word, rest string) (Verb, bool) {
	if utf8.RuneCountInString(word) < 3 {
		return "", false
	}
	for _, w := range tokens(rest) {
		if _, ok := parseNumber(w); ok {
			continue
		}
		if _, _, ok := parseRange(w); ok {
			continue
		}
		if _, ok := stateAliases[strings.ToLower(w)]; ok {
			continue
		}
		return "", false
	}
	lw := strings.ToLower(word)
	for _, alias := range typoTargets {
		if len(alias) >= 3 && oneEditApart(lw, alias) {
			return verbAliases[alias], true
		}
	}
	return "", false
}

// oneEditApart reports whether a and b differ by exactly one insertion,
// deletion, substitution or swap of neighbours.
func oneEditApart(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	switch len(ra) - len(rb) {
	case 0:
		var diff []int
		for i := range ra {
			if ra[i] != rb[i] {
				diff = append(diff, i)
			}
		}
		if len(diff) == 1 {
			return true
		}
		return len(diff) == 2 && diff[1] == diff[0]+1 &&
			ra[diff[0]] == rb[diff[1]] && ra[diff[1]] == rb[diff[0]]
	case 1:
		i := 0
		for i < len(rb) && ra[i] == rb[i] {
			i++
		}
		return string(ra[i+1:]) == string(rb[i:])
	}
	return false
}
