package mattermost

import (
	"container/list"
	"sync"
)

// BotDMCacheSize bounds how many channels BotDMCache remembers. Every post on the server asks
// whether its channel is a direct channel with the bot; the channels people are busy in stay
// remembered, and a channel forgotten costs one lookup when it is busy again.
const BotDMCacheSize = 10_000

// BotDMCache remembers, for the channels seen most recently, whether each is a direct channel
// with the bot. A channel's type and a direct channel's members never change, so an answer
// stays true; only the number of answers kept is limited (least recently used go first).
// The zero value is ready to use.
type BotDMCache struct {
	mu      sync.Mutex
	Limit   int // BotDMCacheSize when 0
	order   *list.List
	entries map[string]*list.Element
}

type botDMEntry struct {
	channelID string
	dm        bool
}

// Get returns the remembered answer for a channel and whether there was one.
func (c *BotDMCache) Get(channelID string) (dm, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[channelID]
	if !ok {
		return false, false
	}
	c.order.MoveToFront(e)
	return e.Value.(botDMEntry).dm, true
}

// Put remembers the answer for a channel, forgetting the least recently used beyond the limit.
func (c *BotDMCache) Put(channelID string, dm bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*list.Element{}
		c.order = list.New()
	}
	if e, ok := c.entries[channelID]; ok {
		e.Value = botDMEntry{channelID: channelID, dm: dm}
		c.order.MoveToFront(e)
		return
	}
	c.entries[channelID] = c.order.PushFront(botDMEntry{channelID: channelID, dm: dm})
	limit := c.Limit
	if limit <= 0 {
		limit = BotDMCacheSize
	}
	for c.order.Len() > limit {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.entries, oldest.Value.(botDMEntry).channelID)
	}
}

// Len is how many channels are remembered.
func (c *BotDMCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
