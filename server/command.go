package main

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
)

const commandTrigger = "todo"

// slashCommand describes /todo to Mattermost, autocomplete included.
func slashCommand() *model.Command {
	ac := model.NewAutocompleteData(commandTrigger, "[command]", "Keep this channel's todo list, or your own.")
	ac.AddCommand(model.NewAutocompleteData("help", "", "Show what /todo can do."))
	return &model.Command{
		Trigger:          commandTrigger,
		DisplayName:      "Channel Todo",
		Description:      "Todo lists for this channel and for you.",
		AutoComplete:     true,
		AutoCompleteDesc: "Keep this channel's todo list, or your own.",
		AutoCompleteHint: "[command]",
		AutocompleteData: ac,
	}
}

// ExecuteCommand answers /todo.
func (p *Plugin) ExecuteCommand(_ *plugin.Context, args *model.CommandArgs) (*model.CommandResponse, *model.AppError) {
	fields := strings.Fields(args.Command)
	verb := ""
	if len(fields) > 1 {
		verb = strings.ToLower(fields[1])
	}
	text := helpText
	if verb != "" && verb != "help" {
		text = "Unknown command `" + verb + "`.\n\n" + helpText
	}
	return &model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: text}, nil
}

const helpText = "#### Channel Todo\n" +
	"Keep a todo list for this channel, or for yourself.\n\n" +
	"* `/todo help` shows this help.\n"
