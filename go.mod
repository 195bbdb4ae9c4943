module github.com/channel-todo/channel-todo

go 1.25.0

require (
	github.com/lib/pq v1.12.3 // indirect
	github.com/mattermost/mattermost/server/public v0.1.21 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
)
