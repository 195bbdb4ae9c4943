package mattermost

import (
	"github.com/mattermost/mattermost/server/public/model"
)

// AnswersAPI is the part of the plugin API that Answers uses.
type AnswersAPI interface {
	CreatePost(post *model.Post) (*model.Post, *model.AppError)
	SendEphemeralPost(userID string, post *model.Post) *model.Post
	LogWarn(msg string, keyValuePairs ...any)
}

// Answers posts the bot's answers to what people asked in chat: for everyone in a channel, or
// for one person alone.
type Answers struct {
	API   AnswersAPI
	BotID string
}

// Post posts the bot's answer, one post per part, where everyone in the channel sees it.
// Nothing in it may notify: the text is neutralized by the command package, and group
// highlights are off. If the bot cannot post a part there, the actor still gets it, privately.
func (a Answers) Post(template *model.Post, parts []string, actorID string) {
	for _, part := range parts {
		post := template.Clone()
		post.Message = part
		post.AddProp("disable_group_highlight", true)
		if _, appErr := a.API.CreatePost(post); appErr != nil {
			a.API.LogWarn("The bot could not post its answer; sending it to the user only",
				"channel_id", post.ChannelId, "error", appErr.Error())
			a.Whisper(actorID, template, []string{part})
		}
	}
}

// Whisper sends the bot's answer to one person, one ephemeral post per part.
func (a Answers) Whisper(userID string, template *model.Post, parts []string) {
	for _, part := range parts {
		a.API.SendEphemeralPost(userID, &model.Post{UserId: a.BotID, ChannelId: template.ChannelId, RootId: template.RootId, Message: part})
	}
}

// IsPersonPost reports whether a post was written by a person, not by the bot itself, a
// system message, a webhook, another plugin or another bot.
func IsPersonPost(post *model.Post, botID string) bool {
	if post == nil || post.UserId == "" || post.UserId == botID || post.Type != "" {
		return false
	}
	for _, prop := range []string{model.PostPropsFromWebhook, model.PostPropsFromBot, model.PostPropsFromPlugin, model.PostPropsFromOAuthApp} {
		if v, ok := post.GetProp(prop).(string); ok && v == "true" {
			return false
		}
		if v, ok := post.GetProp(prop).(bool); ok && v {
			return false
		}
	}
	return true
}
