// Wrapper module that pins the Mattermost server the end-to-end tests run against.
// See e2e/README.md ("Moving the Mattermost pin") before changing anything here.
module channeltodo.local/e2e/mmserver

go 1.24.11

require (
	github.com/mattermost/mattermost/server/public v0.1.22-0.20260113165922-8e4cadbc88ee
	github.com/mattermost/mattermost/server/v8 v8.0.0-20260113162330-9e1d4c2072c0
)

// Repeated from server/v8's own go.mod: replace directives of a dependency are ignored.
replace github.com/olekukonko/tablewriter => github.com/olekukonko/tablewriter v0.0.5
