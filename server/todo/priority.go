package todo

import (
	"encoding/json"
	"strings"
)

// Priority says how urgent a todo is. The zero value is "none", so todos made
// before priorities existed, and every door that does not set one, need no
// special case. Larger is more urgent; stores keep the number.
type Priority int

// The priorities, least urgent first.
const (
	PriorityNone Priority = iota
	PriorityLow
	PriorityMedium
	PriorityHigh
)

var priorityNames = [...]string{"none", "low", "medium", "high"}

// String is the priority's name in the API: none, low, medium or high.
func (p Priority) String() string {
	if p < PriorityNone || p > PriorityHigh {
		return "none"
	}
	return priorityNames[p]
}

// ParsePriority reads a priority's API name (any case; "" is none).
func ParsePriority(s string) (Priority, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return PriorityNone, nil
	}
	for i, name := range priorityNames {
		if s == name {
			return Priority(i), nil
		}
	}
	return PriorityNone, invalid(CodeInvalidPriority, "The priority must be none, low, medium or high.")
}

// MarshalJSON writes the priority's name, so clients never see the stored number.
func (p Priority) MarshalJSON() ([]byte, error) { return json.Marshal(p.String()) }

// UnmarshalJSON reads a priority's name; anything else is refused with a domain error.
func (p *Priority) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return invalid(CodeInvalidPriority, "The priority must be one of the strings none, low, medium or high.")
	}
	v, err := ParsePriority(s)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

func validPriority(p Priority) error {
	if p < PriorityNone || p > PriorityHigh {
		return invalid(CodeInvalidPriority, "The priority must be none, low, medium or high.")
	}
	return nil
}
