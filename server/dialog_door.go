package main

import (
	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/dialog"
)

// initDialog builds the add form that `/todo` alone opens and the edit form of a card's Edit
// button; their state is signed with the buttons' key.
func (p *Plugin) initDialog(signer *buttons.Signer) {
	views := p.buttonViews()
	door := &dialog.Door{API: p.API, BotID: p.getBotID, Views: views, Buttons: p.buttons, Timeout: commandTimeout}
	door.Form = &dialog.Form{
		Service: p.service,
		People:  dialog.Zoned{Views: views, Zone: p.zoneOf},
		Signer:  signer,
		URL:     "/plugins/" + manifestID + dialog.Route,
		Added:   door.Added,
		Edited:  door.Edited,
		Log:     func(msg string, kv ...any) { p.API.LogWarn(msg, kv...) },
	}
	p.dialog = door
	if h, ok := p.pressHandler.(*buttons.Handler); ok {
		h.Edit = door.OpenEdit
	}
}
