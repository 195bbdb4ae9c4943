package main

// manifestID is the plugin id from plugin.json; the build checks that they agree.
const manifestID = "channel-todo"
