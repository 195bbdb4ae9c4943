package bridge

import "regexp"

// serverPath finds an absolute or home-relative path: a '/' or '~/' that starts a word and is
// followed by a file name character. "and/or", "1/2" or a lone " / " are not paths.
var serverPath = regexp.MustCompile(`(?:^|[\s'"(\[=:,;])(?:/|~/)[A-Za-z0-9._-]`)

// MentionsServerPath reports whether a tool's message names a file on the server (its data
// directory, its own path, a config file). Such messages are for system admins and the log;
// people get a short message instead.
func MentionsServerPath(s string) bool { return serverPath.MatchString(s) }
