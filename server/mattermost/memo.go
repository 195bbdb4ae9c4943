package mattermost

import (
	"context"
	"sync"

	"github.com/mattermost/mattermost/server/public/model"
)

// requestMemo holds the channels and permission answers looked up while one request is
// answered, so the permission check and the answer's rendering (the channel's name) share one
// plugin-API call, and a check started ahead of time (see chat.Door) is not asked again. It
// lives as long as the request's context: a later request asks Mattermost again and sees an
// archived or renamed channel, or a member who was removed.
//
// A lookup in flight is shared: whoever asks for the same answer meanwhile waits for it
// instead of asking Mattermost a second time.
type requestMemo struct {
	mu       sync.Mutex
	channels map[string]*pending[*model.Channel]
	allowed  map[permissionKey]*pending[bool]
}

// permissionKey is one permission question: may the user do this in the channel?
type permissionKey struct {
	userID, channelID, permissionID string
}

// pending is one lookup: done is closed once val and err are set.
type pending[T any] struct {
	done chan struct{}
	val  T
	err  error
}

type channelMemoKey struct{}

// WithChannelMemo returns a context in which channel lookups through MemoChannel (and the
// Authorizer's) and the Authorizer's channel permission checks are made at most once per
// question.
func WithChannelMemo(ctx context.Context) context.Context {
	if _, ok := ctx.Value(channelMemoKey{}).(*requestMemo); ok {
		return ctx
	}
	return context.WithValue(ctx, channelMemoKey{}, &requestMemo{
		channels: map[string]*pending[*model.Channel]{},
		allowed:  map[permissionKey]*pending[bool]{},
	})
}

// MemoChannel returns the channel from ctx's memo, or fetches it and, when found, remembers it
// there. Without a memo in ctx it just fetches. Failed lookups are not remembered (those
// waiting for one get its answer).
func MemoChannel(ctx context.Context, channelID string, fetch func() (*model.Channel, error)) (*model.Channel, error) {
	memo, ok := ctx.Value(channelMemoKey{}).(*requestMemo)
	if !ok {
		return fetch()
	}
	return share(&memo.mu, memo.channels, channelID, fetch, func(ch *model.Channel, err error) bool {
		return err == nil && ch != nil
	})
}

// memoAllowed answers a channel permission question from ctx's memo, or asks it and remembers
// the answer for the rest of the request. Without a memo in ctx it just asks.
func memoAllowed(ctx context.Context, key permissionKey, ask func() bool) bool {
	memo, ok := ctx.Value(channelMemoKey{}).(*requestMemo)
	if !ok {
		return ask()
	}
	allowed, _ := share(&memo.mu, memo.allowed, key, func() (bool, error) { return ask(), nil },
		func(bool, error) bool { return true })
	return allowed
}

// share runs fetch once per key while others asking for the same key wait for its answer. An
// answer keep refuses is forgotten once given, so the next lookup asks again.
func share[K comparable, T any](mu *sync.Mutex, m map[K]*pending[T], key K, fetch func() (T, error), keep func(T, error) bool) (T, error) {
	mu.Lock()
	p, found := m[key]
	if !found {
		p = &pending[T]{done: make(chan struct{})}
		m[key] = p
	}
	mu.Unlock()
	if found {
		<-p.done
		return p.val, p.err
	}
	defer close(p.done) // even if fetch panics, no one waits forever
	p.val, p.err = fetch()
	if !keep(p.val, p.err) {
		mu.Lock()
		delete(m, key)
		mu.Unlock()
	}
	return p.val, p.err
}
