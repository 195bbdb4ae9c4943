package mattermost

import (
	"context"
	"fmt"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/channel-todo/channel-todo/server/importer"
	"github.com/channel-todo/channel-todo/server/store"
)

// KVRows reads another plugin's stored rows (store.PluginKV).
type KVRows interface {
	Rows(ctx context.Context, pluginID string) ([]store.KV, error)
}

// Imports is importer.Mattermost over the plugin API and the database.
type Imports struct {
	client *pluginapi.Client
	kv     KVRows
}

var _ importer.Mattermost = (*Imports)(nil)

// NewImports returns an Imports.
func NewImports(client *pluginapi.Client, kv KVRows) *Imports {
	return &Imports{client: client, kv: kv}
}

// OfficialRows implements importer.Mattermost.
func (m *Imports) OfficialRows(ctx context.Context) ([]importer.Row, error) {
	rows, err := m.kv.Rows(ctx, importer.OfficialPluginID)
	if err != nil {
		return nil, err
	}
	out := make([]importer.Row, len(rows))
	for i, r := range rows {
		out[i] = importer.Row{Key: r.Key, Value: r.Value}
	}
	return out, nil
}

// usersPerCall keeps one lookup's request small.
const usersPerCall = 200

// Users implements importer.Mattermost: a call per usersPerCall users, not one per user.
func (m *Imports) Users(_ context.Context, ids []string) (map[string]importer.User, error) {
	out := map[string]importer.User{}
	seen := map[string]bool{}
	var valid []string
	for _, id := range ids {
		if model.IsValidId(id) && !seen[id] {
			seen[id] = true
			valid = append(valid, id)
		}
	}
	for start := 0; start < len(valid); start += usersPerCall {
		end := min(start+usersPerCall, len(valid))
		users, err := m.client.User.ListByUserIDs(valid[start:end])
		if err != nil {
			return nil, fmt.Errorf("reading users: %w", err)
		}
		for _, u := range users {
			out[u.Id] = importer.User{Username: u.Username, Active: u.DeleteAt == 0}
		}
	}
	return out, nil
}

// DirectChannel implements importer.Mattermost.
func (m *Imports) DirectChannel(_ context.Context, a, b string) (string, error) {
	ch, err := m.client.Channel.GetDirect(a, b)
	if err != nil {
		return "", err
	}
	return ch.Id, nil
}

// IsSystemAdmin implements importer.Mattermost.
func (m *Imports) IsSystemAdmin(_ context.Context, userID string) bool {
	return m.client.User.HasPermissionTo(userID, model.PermissionManageSystem)
}
