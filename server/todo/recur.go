package todo

import (
	"context"
	"strings"
	"time"
)

// Recurrence rules, as stored and as the API names them: every day, week or month, or every
// given weekday (its English name in lower case).
const (
	RecurDay   = "day"
	RecurWeek  = "week"
	RecurMonth = "month"
)

var recurWeekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// ParseRecur checks a rule and returns it in its stored form ("" for none).
func ParseRecur(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", RecurDay, RecurWeek, RecurMonth:
		return s, nil
	}
	if _, ok := recurWeekdays[s]; ok {
		return s, nil
	}
	return "", invalid(CodeInvalidRecur, "A todo recurs every day, week or month, or on a weekday such as monday.")
}

// FirstDue is the due date a recurring todo gets when it is added without one: today (where
// the person is), or for a weekday rule that weekday, today included.
func FirstDue(rule string, today time.Time) string {
	if wd, ok := recurWeekdays[rule]; ok {
		ahead := (int(wd) - int(today.Weekday()) + 7) % 7
		return today.AddDate(0, 0, ahead).Format(dateLayout)
	}
	return today.Format(dateLayout)
}

// NextDue is the due date of the todo that follows one due on date (YYYY-MM-DD; "" for
// none) under rule: the next date of the rule after that date, and after today, so a todo
// completed late does not come back already overdue.
func NextDue(rule, date string, today time.Time) string {
	base := today
	if d, err := time.ParseInLocation(dateLayout, date, today.Location()); err == nil {
		base = d
	}
	after := base
	if today.After(after) {
		after = today
	}
	if wd, ok := recurWeekdays[rule]; ok {
		ahead := (int(wd) - int(after.Weekday()) + 7) % 7
		if ahead == 0 {
			ahead = 7
		}
		return after.AddDate(0, 0, ahead).Format(dateLayout)
	}
	// Whole steps from the base keep the day of the month ("every month" from the 31st stays
	// at month ends as Go normalizes them, never drifting a day per step).
	for k := 1; ; k++ {
		var next time.Time
		switch rule {
		case RecurWeek:
			next = base.AddDate(0, 0, 7*k)
		case RecurMonth:
			next = base.AddDate(0, k, 0)
		default:
			next = base.AddDate(0, 0, k)
		}
		if next.After(today) {
			return next.Format(dateLayout)
		}
	}
}

const dateLayout = "2006-01-02"

// today is the calendar day where the actor is (their Mattermost time zone), at midnight.
func (s *Service) today(ctx context.Context, actor string) time.Time {
	loc := time.UTC
	if s.zones != nil {
		if l, err := time.LoadLocation(s.zones.Zone(ctx, actor)); err == nil {
			loc = l
		}
	}
	now := s.clock.Now().In(loc)
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
}

// successor is the todo that follows t when it is completed: the same text, list, people,
// priority and rule, due on the rule's next date (at the same time, in the same zone).
func (s *Service) successor(t Todo, actor string, today time.Time, now int64) Todo {
	next := Todo{
		ID: s.newID(), ListID: t.ListID, Scope: t.Scope, Text: t.Text, State: StateOpen, CreatorID: actor,
		CreatedAt: now, UpdatedAt: now, Assignees: append([]string(nil), t.Assignees...), Priority: t.Priority,
		Recur: t.Recur, PostID: t.PostID, RootID: t.RootID,
	}
	due := Due{}
	if t.Due != nil {
		due = *t.Due
	}
	due.Date = NextDue(t.Recur, due.Date, today)
	next.Due = &due
	return next
}

// SetRecur sets how a todo repeats ("" stops it). Like its due date, anyone who may change the
// list may set it. A todo that starts recurring without a due date gets the rule's first one.
func (s *Service) SetRecur(ctx context.Context, actor, id, rule string) (Todo, error) {
	rule, err := ParseRecur(rule)
	if err != nil {
		return Todo{}, err
	}
	today := s.today(ctx, actor)
	return s.change(ctx, actor, id, ActionUpdated, false, func(t *Todo) error {
		if t.Recur == rule {
			return errUnchanged
		}
		t.Recur = rule
		if rule != "" && t.Due == nil {
			t.Due = &Due{Date: FirstDue(rule, today)}
		}
		return nil
	})
}

func (s *Service) checkRecur(ctx context.Context, actor string, in *AddInput) error {
	rule, err := ParseRecur(in.Recur)
	if err != nil {
		return err
	}
	in.Recur = rule
	if rule != "" && in.Due == nil {
		in.Due = &Due{Date: FirstDue(rule, s.today(ctx, actor))}
	}
	return nil
}
