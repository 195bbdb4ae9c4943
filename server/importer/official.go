// Package importer brings todos in from other tools: today the official Todo plugin, whose
// stored items it reads from Mattermost's database, plans into personal and assigned todos,
// and imports once, for a system admin, with a report of what it did and did not import.
package importer

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/channel-todo/channel-todo/server/todo"
)

// OfficialPluginID is the official Todo plugin's id: its rows in PluginKeyValueStore carry it.
const OfficialPluginID = "com.mattermost.plugin-todo"

// OfficialSource names the official plugin in the import records.
const OfficialSource = "official"

// Row is one stored key and value of the official plugin.
type Row struct {
	Key   string
	Value []byte
}

// officialItem is an `item_<id>` value. The key's id is the item's id: lists refer to items by
// key, whatever the value says.
type officialItem struct {
	Message     string `json:"message"`
	Description string `json:"description"`
	CreateAt    int64  `json:"create_at"`
	PostID      string `json:"post_id"`
}

// officialRef is one entry of an `order_<userId>[_in|_out]` list.
type officialRef struct {
	IssueID        string `json:"issue_id"`
	ForeignIssueID string `json:"foreign_issue_id"`
	ForeignUserID  string `json:"foreign_user_id"`
}

// listKind is which of a user's three lists a ref is in.
type listKind int

const (
	listOwn listKind = iota // the user's own todos (received ones once accepted)
	listIn                  // received, not yet accepted
	listOut                 // sent to others
)

type officialList struct {
	user string
	kind listKind
	refs []officialRef
}

// snapshot is the official plugin's data as read, with what could not be read.
type snapshot struct {
	items map[string]officialItem
	lists []officialList
	// unreadable are keys whose value is not what that key holds.
	unreadable []string
}

// parseOfficial sorts the rows into items and lists. Keys the importer has no use for
// (reminder times, settings, the bot id) are ignored.
func parseOfficial(rows []Row) snapshot {
	s := snapshot{items: map[string]officialItem{}}
	for _, r := range rows {
		switch {
		case strings.HasPrefix(r.Key, "item_"):
			id := strings.TrimPrefix(r.Key, "item_")
			var it officialItem
			if id == "" || json.Unmarshal(r.Value, &it) != nil {
				s.unreadable = append(s.unreadable, r.Key)
				continue
			}
			s.items[id] = it
		case strings.HasPrefix(r.Key, "order_"):
			user, kind, ok := listKey(strings.TrimPrefix(r.Key, "order_"))
			var refs []officialRef
			if !ok || json.Unmarshal(r.Value, &refs) != nil {
				s.unreadable = append(s.unreadable, r.Key)
				continue
			}
			s.lists = append(s.lists, officialList{user: user, kind: kind, refs: refs})
		}
	}
	// Own lists first, then received, then sent: a todo sent and accepted is met first where
	// its receiver keeps it, and each person's todos keep their list order.
	sort.SliceStable(s.lists, func(i, j int) bool {
		if s.lists[i].kind != s.lists[j].kind {
			return s.lists[i].kind < s.lists[j].kind
		}
		return s.lists[i].user < s.lists[j].user
	})
	return s
}

// listKey reads `<userId>`, `<userId>_in` or `<userId>_out`.
func listKey(rest string) (string, listKind, bool) {
	kind := listOwn
	switch {
	case strings.HasSuffix(rest, "_in"):
		rest, kind = strings.TrimSuffix(rest, "_in"), listIn
	case strings.HasSuffix(rest, "_out"):
		rest, kind = strings.TrimSuffix(rest, "_out"), listOut
	}
	return rest, kind, todo.IsValidID(rest)
}
