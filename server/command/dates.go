package command

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/channel-todo/channel-todo/server/i18n"
)

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "sun": time.Sunday,
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
}

var clearWords = map[string]bool{"none": true, "clear": true, "off": true, "no": true, "-": true, "remove": true}

// parseDue reads the words after `due <n>`: a date and an optional time.
// now is already in the user's time zone; the result is a civil date and time
// in that zone.
//
//	today | tomorrow | <weekday> | next <weekday> | in N days|weeks
//	YYYY-MM-DD | MM-DD (the next such day) | none
//	YYYY/MM/DD
//	... [at] HH:MM | H[:MM]am|pm | noon   (before or after the date;
//	                                        a time alone means today)
func parseDue(words []string, now time.Time) (Due, error) {
	if len(words) == 0 {
		return Due{}, usage(i18n.MsgUsageDue, VerbDue)
	}
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(w)
	}
	if len(lower) == 1 && clearWords[lower[0]] {
		return Due{Clear: true}, nil
	}
	bad := func() error {
		return usage(i18n.MsgUsageBadDate, VerbDue, "Arg", strings.Join(words, " "))
	}

	// A time, if any, comes last, optionally after "at".
	clock := ""
	if c, ok := parseClock(lower[len(lower)-1]); ok {
		clock = c
		lower = lower[:len(lower)-1]
		if len(lower) > 0 && lower[len(lower)-1] == "at" {
			lower = lower[:len(lower)-1]
		}
	}
	if clock == "" && len(lower) >= 2 {
		// ... or first: "5pm tomorrow", "at 9:00 friday".
		skip := 0
		if lower[0] == "at" {
			skip = 1
		}
		if c, ok := parseClock(lower[skip]); ok && len(lower) > skip+1 {
			clock = c
			lower = lower[skip+1:]
		}
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	var day time.Time
	switch {
	case len(lower) == 0 && clock != "":
		day = today
	case len(lower) == 1:
		d, ok := parseDay(lower[0], today)
		if !ok {
			return Due{}, bad()
		}
		day = d
	case len(lower) == 2 && lower[0] == "next":
		wd, ok := weekdays[lower[1]]
		if !ok {
			return Due{}, bad()
		}
		// "next friday" is a week after "friday".
		day = nextWeekday(today, wd).AddDate(0, 0, 7)
	case len(lower) == 3 && lower[0] == "in":
		n, err := strconv.Atoi(lower[1])
		if err != nil || n < 0 || n > 3660 {
			return Due{}, bad()
		}
		switch lower[2] {
		case "day", "days", "d":
			day = today.AddDate(0, 0, n)
		case "week", "weeks", "w":
			if n > 520 {
				return Due{}, bad()
			}
			day = today.AddDate(0, 0, 7*n)
		default:
			return Due{}, bad()
		}
	default:
		return Due{}, bad()
	}
	return Due{Date: day.Format("2006-01-02"), Time: clock}, nil
}

// parseDay reads one word naming a day, relative to today (midnight, local).
func parseDay(w string, today time.Time) (time.Time, bool) {
	switch w {
	case "today", "tod":
		return today, true
	case "tomorrow", "tmr", "tmrw", "tom":
		return today.AddDate(0, 0, 1), true
	}
	if wd, ok := weekdays[w]; ok {
		return nextWeekday(today, wd), true
	}
	if len(w) == 10 && w[4] == '/' && w[7] == '/' {
		w = strings.ReplaceAll(w, "/", "-") // 2026/12/31
	}
	if t, err := time.ParseInLocation("2006-01-02", w, today.Location()); err == nil {
		if t.Year() < 1970 || t.Year() > 9999 {
			return time.Time{}, false
		}
		return t, true
	}
	// A date without a year is the next such day, this year or the next.
	if t, err := time.ParseInLocation("01-02", w, today.Location()); err == nil {
		d := time.Date(today.Year(), t.Month(), t.Day(), 0, 0, 0, 0, today.Location())
		if d.Month() != t.Month() { // Feb 29 outside a leap year rolls over
			return time.Time{}, false
		}
		if d.Before(today) {
			d = time.Date(today.Year()+1, t.Month(), t.Day(), 0, 0, 0, 0, today.Location())
			if d.Month() != t.Month() {
				return time.Time{}, false
			}
		}
		return d, true
	}
	return time.Time{}, false
}

// nextWeekday is the first wd strictly after today: on a Friday, "friday"
// means a week later (use "today" for today).
func nextWeekday(today time.Time, wd time.Weekday) time.Time {
	ahead := (int(wd) - int(today.Weekday()) + 7) % 7
	if ahead == 0 {
		ahead = 7
	}
	return today.AddDate(0, 0, ahead)
}

// parseClock reads 17:00, 9:30, 5pm, 5:30pm, 12am and noon as "HH:MM".
func parseClock(w string) (string, bool) {
	switch w {
	case "noon":
		return "12:00", true
	case "midnight":
		return "00:00", true
	}
	suffix := ""
	if strings.HasSuffix(w, "am") || strings.HasSuffix(w, "pm") {
		suffix = w[len(w)-2:]
		w = w[:len(w)-2]
	}
	hs, ms, hasMinutes := strings.Cut(w, ":")
	if hs == "" || len(hs) > 2 || (hasMinutes && len(ms) != 2) || (!hasMinutes && suffix == "") {
		return "", false
	}
	h, err := strconv.Atoi(hs)
	if err != nil || h < 0 {
		return "", false
	}
	m := 0
	if hasMinutes {
		if m, err = strconv.Atoi(ms); err != nil || m < 0 || m > 59 {
			return "", false
		}
	}
	if !allDigits(hs) || (hasMinutes && !allDigits(ms)) {
		return "", false
	}
	switch suffix {
	case "":
		if h > 23 {
			return "", false
		}
	default:
		if h < 1 || h > 12 {
			return "", false
		}
		h %= 12
		if suffix == "pm" {
			h += 12
		}
	}
	return fmt.Sprintf("%02d:%02d", h, m), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
