package mattermost

import (
	"crypto/rand"
	"fmt"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"
)

// ButtonKeyKV is the plugin KV key of the key that signs button contexts. Every node of a
// cluster reads the same key; the first node to start creates it.
const ButtonKeyKV = "buttons_signing_key"

// ButtonKey returns the signing key, creating it once for the whole cluster: the atomic set
// succeeds on one node only, and every node then reads what that node stored.
func ButtonKey(kv *pluginapi.KVService) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("making the button signing key: %w", err)
	}
	if _, err := kv.Set(ButtonKeyKV, fresh, pluginapi.SetAtomic(nil)); err != nil {
		return nil, fmt.Errorf("storing the button signing key: %w", err)
	}
	var key []byte
	if err := kv.Get(ButtonKeyKV, &key); err != nil {
		return nil, fmt.Errorf("reading the button signing key: %w", err)
	}
	if len(key) < 32 {
		return nil, fmt.Errorf("the stored button signing key is too short (%d bytes)", len(key))
	}
	return key, nil
}

// PostsAPI is the part of the plugin API that ButtonPosts uses.
type PostsAPI interface {
	GetPost(postID string) (*model.Post, *model.AppError)
	UpdateEphemeralPost(userID string, post *model.Post) *model.Post
}

// ButtonPosts is buttons.Posts over the plugin API.
type ButtonPosts struct{ API PostsAPI }

// Post returns the post a button was pressed on; false when there is no such post.
func (b ButtonPosts) Post(id string) (*model.Post, bool) {
	if !model.IsValidId(id) {
		return nil, false
	}
	post, appErr := b.API.GetPost(id)
	return post, appErr == nil && post != nil
}

// UpdateEphemeral replaces an ephemeral post for the one person who sees it.
func (b ButtonPosts) UpdateEphemeral(userID string, post *model.Post) {
	b.API.UpdateEphemeralPost(userID, post)
}
