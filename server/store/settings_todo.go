package store

import (
	"context"
	"time"

	"github.com/channel-todo/channel-todo/server/todo"
)

// TodoSettings keeps people's own settings (todo.SettingsStore) in the plugin's tables.
type TodoSettings struct{ Store *Store }

// UserSettings implements todo.SettingsStore.
func (s TodoSettings) UserSettings(ctx context.Context, userID string) (todo.UserSettings, error) {
	us, err := s.Store.UserSettings(ctx, userID)
	return todo.UserSettings{DigestTime: us.DigestTime, NotifyCompletion: us.NotifyCompletion}, err
}

// SetUserSettings implements todo.SettingsStore.
func (s TodoSettings) SetUserSettings(ctx context.Context, userID string, us todo.UserSettings) error {
	return s.Store.SetUserSettings(ctx, userID, UserSettings{DigestTime: us.DigestTime, NotifyCompletion: us.NotifyCompletion}, time.Now())
}
