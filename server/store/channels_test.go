package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// TestChannelFactsReadsMattermostsTables runs Facts on the columns of
// Mattermost's Channels and ChannelMembers tables that it reads (the
// plugin shares Mattermost's database; here only those columns exist), in
// one statement and one row read.
func TestChannelFactsReadsMattermostsTables(t *testing.T) {
	ctx := context.Background()
	db, counts := newCountingDB(t)
	_, err := db.Exec(`
		CREATE TABLE Channels (Id varchar(26) PRIMARY KEY, TeamId varchar(26), Type varchar(1), DeleteAt bigint);
		CREATE TABLE ChannelMembers (ChannelId varchar(26), UserId varchar(26), PRIMARY KEY (ChannelId, UserId))`)
	require.NoError(t, err)
	user, team := todo.NewID(), todo.NewID()
	member, archived, public, dm, missing := todo.NewID(), todo.NewID(), todo.NewID(), todo.NewID(), todo.NewID()
	for _, c := range []struct {
		id, team, typ string
		deleted       int64
	}{{member, team, "P", 0}, {archived, team, "O", 5}, {public, team, "O", 0}, {dm, "", "D", 0}} {
		_, err := db.Exec(`INSERT INTO Channels VALUES ($1, $2, $3, $4)`, c.id, c.team, c.typ, c.deleted)
		require.NoError(t, err)
	}
	for _, c := range []string{member, archived} {
		_, err := db.Exec(`INSERT INTO ChannelMembers VALUES ($1, $2)`, c, user)
		require.NoError(t, err)
	}
	_, err = db.Exec(`INSERT INTO ChannelMembers VALUES ($1, $2)`, public, todo.NewID())
	require.NoError(t, err)

	counts.Reset()
	facts, err := NewChannelAccess(db).Facts(ctx, user, []string{member, archived, public, dm, missing})
	require.NoError(t, err)
	require.LessOrEqual(t, counts.RoundTrips(), int64(2))
	require.ElementsMatch(t, []ChannelFacts{
		{ID: member, Type: "P", TeamID: team, Member: true},
		{ID: archived, Type: "O", TeamID: team, Member: true},
		{ID: public, Type: "O", TeamID: team},
		{ID: dm, Type: "D"},
	}, facts)
}
