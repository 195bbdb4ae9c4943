package importer

import (
	"sort"
	"strings"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Reason says why an item was not imported. The values are part of the REST API.
type Reason string

// Why an item is skipped.
const (
	// ReasonUnreadable: the stored value is not what its key holds (broken JSON, a list key
	// without a user id).
	ReasonUnreadable Reason = "unreadable"
	// ReasonMissingItem: a list refers to an item that is not stored (the official plugin
	// writes lists and items separately, and a failed write leaves such references).
	ReasonMissingItem Reason = "missing_item"
	// ReasonOrphan: an item that no list refers to, so it has no owner.
	ReasonOrphan Reason = "orphan_item"
	// ReasonListedTwice: a second reference to an item already planned.
	ReasonListedTwice Reason = "listed_twice"
	// ReasonEmpty: an item without text.
	ReasonEmpty Reason = "empty"
	// ReasonUnknownUser: the list's owner (or, for a sent todo, its receiver) is not a user.
	ReasonUnknownUser Reason = "unknown_user"
	// ReasonInactiveUser: that person's account is deactivated.
	ReasonInactiveUser Reason = "inactive_user"
	// ReasonAlreadyImported: an earlier import brought the item in.
	ReasonAlreadyImported Reason = "already_imported"
	// ReasonRefused: the todo rules refused it (the detail says why: text too long, ...).
	ReasonRefused Reason = "refused"
)

// entry is one todo to import: personal for owner when sender is "", otherwise sent by sender
// to owner (a todo in their direct channel, created by sender, assigned to owner).
type entry struct {
	// sourceIDs are the item ids the todo comes from, the one whose text it has first.
	sourceIDs []string
	owner     string
	sender    string
	text      string
	createdAt int64
	postID    string
	// senderGone is set when the todo was sent by someone who is no longer an active user:
	// it becomes a personal todo of its receiver.
	senderGone bool
}

// skip is an item (or a key) that is not imported, and why.
type skip struct {
	sourceID string
	user     string
	text     string
	reason   Reason
	detail   string
}

// plan decides, from the official data alone, which todos to import and what to skip.
func plan(s snapshot) ([]entry, []skip) {
	var entries []entry
	var skips []skip
	for _, key := range s.unreadable {
		skips = append(skips, skip{sourceID: key, reason: ReasonUnreadable})
	}
	// claimed maps an item id to the entry that imports it; partners are the other copies
	// of sent todos, which are not imported again when their own list comes up.
	claimed := map[string]bool{}
	partners := map[string]bool{}
	for _, l := range s.lists {
		for _, ref := range l.refs {
			id := ref.IssueID
			item, ok := s.items[id]
			switch {
			case partners[id]:
				continue
			case !ok:
				skips = append(skips, skip{sourceID: id, user: l.user, reason: ReasonMissingItem})
				continue
			case claimed[id]:
				skips = append(skips, skip{sourceID: id, user: l.user, text: itemText(item), reason: ReasonListedTwice})
				continue
			}
			claimed[id] = true
			e := entry{sourceIDs: []string{id}, owner: l.user, text: itemText(item), createdAt: item.CreateAt, postID: item.PostID}
			other := ref.ForeignUserID
			if todo.IsValidID(other) && other != l.user {
				if l.kind == listOut {
					e.owner, e.sender = other, l.user
				} else {
					e.sender = other
				}
				if partner := ref.ForeignIssueID; partner != "" && partner != id && !claimed[partner] {
					partners[partner] = true
					claimed[partner] = true
					e.sourceIDs = append(e.sourceIDs, partner)
				}
			}
			if e.text == "" {
				skips = append(skips, skip{sourceID: id, user: e.owner, reason: ReasonEmpty})
				continue
			}
			entries = append(entries, e)
		}
	}
	orphans := make([]string, 0)
	for id := range s.items {
		if !claimed[id] {
			orphans = append(orphans, id)
		}
	}
	sort.Strings(orphans)
	for _, id := range orphans {
		skips = append(skips, skip{sourceID: id, text: itemText(s.items[id]), reason: ReasonOrphan})
	}
	return entries, skips
}

// itemText is the todo's text: the message, and the description on the lines after it.
func itemText(it officialItem) string {
	text := strings.TrimSpace(it.Message)
	if d := strings.TrimSpace(it.Description); d != "" {
		if text == "" {
			return d
		}
		text += "\n" + d
	}
	return text
}

// User is what the import needs to know of a Mattermost user.
type User struct {
	Username string
	Active   bool
}

// withUsers drops the entries whose owner cannot have todos, and makes a todo whose sender is
// gone a personal one of its receiver. users holds the users that exist.
func withUsers(entries []entry, users map[string]User) ([]entry, []skip) {
	var kept []entry
	var skips []skip
	for _, e := range entries {
		owner, ok := users[e.owner]
		if !ok || !owner.Active {
			reason := ReasonUnknownUser
			if ok {
				reason = ReasonInactiveUser
			}
			skips = append(skips, skip{sourceID: e.sourceIDs[0], user: e.owner, text: e.text, reason: reason})
			continue
		}
		if e.sender != "" {
			if sender, ok := users[e.sender]; !ok || !sender.Active {
				e.sender, e.senderGone = "", true
			}
		}
		kept = append(kept, e)
	}
	return kept, skips
}

// userIDs lists everyone the entries name.
func userIDs(entries []entry) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range entries {
		for _, id := range []string{e.owner, e.sender} {
			if id != "" && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}
