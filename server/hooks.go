package main

import (
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
)

// The hooks Mattermost calls while the plugin runs; each hands over to its door.

// ExecuteCommand answers /todo (the chat door, server/chat).
func (p *Plugin) ExecuteCommand(_ *plugin.Context, args *model.CommandArgs) (*model.CommandResponse, *model.AppError) {
	return p.chat().Command(args), nil
}

// MessageHasBeenPosted answers posts addressed to the bot (the chat door, server/chat); any
// reply, by anyone, may change a todo's reply count (server/replies).
func (p *Plugin) MessageHasBeenPosted(_ *plugin.Context, post *model.Post) {
	p.replyDoor().Changed(post)
	p.chat().Posted(post)
}

// MessageHasBeenDeleted: a reply deleted from a todo's thread changes its reply count
// (server/replies).
func (p *Plugin) MessageHasBeenDeleted(_ *plugin.Context, post *model.Post) {
	p.replyDoor().Changed(post)
}

// ReactionHasBeenAdded is called by Mattermost after someone reacted to a post.
func (p *Plugin) ReactionHasBeenAdded(_ *plugin.Context, r *model.Reaction) {
	p.reactionDoor().Handle(r, true)
}

// ReactionHasBeenRemoved is called by Mattermost after someone removed a reaction.
func (p *Plugin) ReactionHasBeenRemoved(_ *plugin.Context, r *model.Reaction) {
	p.reactionDoor().Handle(r, false)
}

// ServeHTTP answers requests under /plugins/channel-todo: the REST API, button presses and
// form submissions (see OnActivate's router).
func (p *Plugin) ServeHTTP(_ *plugin.Context, w http.ResponseWriter, r *http.Request) {
	admitted := p.requests.enter()
	defer p.requests.leave()
	if !admitted {
		writeStopping(w)
		return
	}
	p.router.ServeHTTP(w, r)
}
