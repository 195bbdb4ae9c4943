package todotest

import (
	"testing"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestMemStoreKeepsTheStoreContract(t *testing.T) {
	StoreContract(t, func(*testing.T) todo.Store { return NewMemStore() })
}

func TestMemStoreKeepsTheMembershipContract(t *testing.T) {
	MembershipContract(t, func(*testing.T) (todo.Store, func(channelID, userID string, member bool)) {
		s := NewMemStore()
		return s, s.SetMember
	})
}

func TestMemStoreKeepsTheItemContract(t *testing.T) {
	ItemContract(t, func(*testing.T) ItemStores { return NewMemStore() })
}

func TestMineEncodedIsMineAsJSONOverMemStore(t *testing.T) {
	MineEncodedContract(t, func(*testing.T) (todo.Store, func(channelID, userID string, member bool)) {
		s := NewMemStore()
		return s, s.SetMember
	})
}
