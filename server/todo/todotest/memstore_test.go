package todotest

import (
	"testing"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestMemStoreKeepsTheStoreContract(t *testing.T) {
	StoreContract(t, func(*testing.T) todo.Store { return NewMemStore() })
}
