package mattermost

import (
	"context"
	"sync"

	"github.com/mattermost/mattermost/server/public/model"
)

// channelMemo holds the channels looked up while one request is answered, so
// the permission check and the answer's rendering (the channel's name) share
// one plugin-API call. It lives as long as the request's context: a later
// request asks Mattermost again and sees an archived or renamed channel.
type channelMemo struct {
	mu       sync.Mutex
	channels map[string]*model.Channel
}

type channelMemoKey struct{}

// WithChannelMemo returns a context in which channel lookups through
// MemoChannel (and the Authorizer's) are made at most once per channel.
func WithChannelMemo(ctx context.Context) context.Context {
	if _, ok := ctx.Value(channelMemoKey{}).(*channelMemo); ok {
		return ctx
	}
	return context.WithValue(ctx, channelMemoKey{}, &channelMemo{channels: map[string]*model.Channel{}})
}

// MemoChannel returns the channel from ctx's memo, or fetches it and, when
// found, remembers it there. Without a memo in ctx it just fetches. Failed
// lookups are not remembered.
func MemoChannel(ctx context.Context, channelID string, fetch func() (*model.Channel, error)) (*model.Channel, error) {
	memo, ok := ctx.Value(channelMemoKey{}).(*channelMemo)
	if !ok {
		return fetch()
	}
	memo.mu.Lock()
	ch, found := memo.channels[channelID]
	memo.mu.Unlock()
	if found {
		return ch, nil
	}
	ch, err := fetch()
	if err != nil || ch == nil {
		return ch, err
	}
	memo.mu.Lock()
	memo.channels[channelID] = ch
	memo.mu.Unlock()
	return ch, nil
}
