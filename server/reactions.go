package main

import (
	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/channel-todo/channel-todo/server/reactions"
)

// completeEmoji on the bot's "added" answer completes the todo; removing it reopens.
const completeEmoji = reactions.CompleteEmoji

// ReactionHasBeenAdded is called by Mattermost after someone reacted to a post.
func (p *Plugin) ReactionHasBeenAdded(_ *plugin.Context, r *model.Reaction) {
	p.reactionDoor().Handle(r, true)
}

// ReactionHasBeenRemoved is called by Mattermost after someone removed a reaction.
func (p *Plugin) ReactionHasBeenRemoved(_ *plugin.Context, r *model.Reaction) {
	p.reactionDoor().Handle(r, false)
}

// reactionDoor is the reaction door over the plugin's current parts and settings.
func (p *Plugin) reactionDoor() reactions.Door {
	var kv *pluginapi.KVService
	if p.client != nil {
		kv = &p.client.KV
	}
	return reactions.Door{
		API:          p.API,
		KV:           kv,
		Service:      p.service,
		Builder:      p.buttons,
		Views:        p.buttonViews(),
		Translations: p.translations,
		BotID:        p.getBotID(),
		AddEmoji:     p.getConfiguration().addEmoji(),
		Timeout:      commandTimeout,
		CallFor:      p.callForUser,
		IsPersonPost: p.isPersonPost,
		PostAsBot:    p.postAsBot,
		Whisper:      p.whisper,
	}
}
