// Package todotest provides in-memory fakes of the todo package's
// interfaces, for tests of the service and of the doors that call it.
package todotest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Authorizer is a fake todo.Authorizer driven by explicit grants.
type Authorizer struct {
	mu       sync.Mutex
	channels map[string]todo.Channel
	readers  map[string]bool // channel|user
	posters  map[string]bool
	admins   map[string]bool
	users    map[string]bool
	sysadmin map[string]bool

	canReadCalls, readableCalls, readableAsked int
}

// NewAuthorizer returns an Authorizer that knows no channels or users.
func NewAuthorizer() *Authorizer {
	return &Authorizer{
		channels: map[string]todo.Channel{}, readers: map[string]bool{}, posters: map[string]bool{},
		admins: map[string]bool{}, users: map[string]bool{}, sysadmin: map[string]bool{},
	}
}

// AddChannel registers a channel.
func (a *Authorizer) AddChannel(c todo.Channel) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.channels[c.ID] = c
}

// SetArchived archives or unarchives a channel.
func (a *Authorizer) SetArchived(channelID string, archived bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c := a.channels[channelID]
	c.Archived = archived
	a.channels[channelID] = c
}

// AddMember lets the user read and post in the channel (and makes the user exist).
func (a *Authorizer) AddMember(channelID, userID string) {
	a.Grant(channelID, userID, true, true, false)
}

// Grant sets exactly what the user may do in the channel.
func (a *Authorizer) Grant(channelID, userID string, read, post, admin bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	k := channelID + "|" + userID
	a.readers[k], a.posters[k], a.admins[k] = read, post, admin
	a.users[userID] = true
}

// AddUser makes a user exist without any channel access.
func (a *Authorizer) AddUser(userID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.users[userID] = true
}

// Channel implements todo.Authorizer.
func (a *Authorizer) Channel(_ context.Context, channelID string) (todo.Channel, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c, ok := a.channels[channelID]
	if !ok {
		return todo.Channel{}, fmt.Errorf("channel %s: %w", channelID, todo.ErrNotFound)
	}
	return c, nil
}

// CanRead implements todo.Authorizer.
func (a *Authorizer) CanRead(_ context.Context, userID, channelID string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.canReadCalls++
	return a.readers[channelID+"|"+userID]
}

// Readable implements todo.Authorizer.
func (a *Authorizer) Readable(_ context.Context, userID string, channelIDs []string) ([]string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.readableCalls++
	a.readableAsked += len(channelIDs)
	out := []string{}
	for _, c := range channelIDs {
		if a.readers[c+"|"+userID] {
			out = append(out, c)
		}
	}
	return out, nil
}

// ReadableAsked returns how many channel ids Readable was asked about so far.
func (a *Authorizer) ReadableAsked() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.readableAsked
}

// ReadChecks returns how many CanRead and Readable calls were made so far.
func (a *Authorizer) ReadChecks() (canRead, readable int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.canReadCalls, a.readableCalls
}

// CanPost implements todo.Authorizer.
func (a *Authorizer) CanPost(_ context.Context, userID, channelID string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.posters[channelID+"|"+userID]
}

// IsChannelAdmin implements todo.Authorizer.
func (a *Authorizer) IsChannelAdmin(_ context.Context, userID, channelID string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.admins[channelID+"|"+userID]
}

// SetSystemAdmin makes the user a system admin (and makes the user exist).
func (a *Authorizer) SetSystemAdmin(userID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sysadmin[userID], a.users[userID] = true, true
}

// IsSystemAdmin implements todo.Authorizer.
func (a *Authorizer) IsSystemAdmin(_ context.Context, userID string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sysadmin[userID]
}

// UserExists implements todo.Authorizer.
func (a *Authorizer) UserExists(_ context.Context, userID string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.users[userID]
}

// Publisher records published events.
type Publisher struct {
	mu     sync.Mutex
	events []todo.Event
}

// Publish implements todo.Publisher.
func (p *Publisher) Publish(_ context.Context, e todo.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.events = append(p.events, e)
}

// Events returns a copy of what was published so far.
func (p *Publisher) Events() []todo.Event {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]todo.Event(nil), p.events...)
}

// Clock is a settable clock that advances by one millisecond per call, so
// every change gets a distinct time.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock starts a Clock at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now implements todo.Clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Millisecond)
	return c.now
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Posts is a fake todo.Posts: the posts it was given exist.
type Posts struct {
	mu    sync.Mutex
	posts map[string]todo.Post
}

// NewPosts returns a Posts that knows the given posts.
func NewPosts(posts ...todo.Post) *Posts {
	p := &Posts{posts: map[string]todo.Post{}}
	for _, post := range posts {
		p.Add(post)
	}
	return p
}

// Add registers a post.
func (p *Posts) Add(post todo.Post) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.posts[post.ID] = post
}

// Post implements todo.Posts.
func (p *Posts) Post(_ context.Context, postID string) (todo.Post, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	post, ok := p.posts[postID]
	if !ok {
		return todo.Post{}, fmt.Errorf("post %s: %w", postID, todo.ErrNotFound)
	}
	return post, nil
}
