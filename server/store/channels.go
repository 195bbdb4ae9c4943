package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// ChannelAccess reads Mattermost's own channel tables (the plugin shares the
// server's database), so a permission question about many channels costs one
// statement instead of one plugin-API call per channel.
type ChannelAccess struct {
	db *sql.DB
}

// NewChannelAccess returns a ChannelAccess on db (the master handle: what
// decides access must not lag behind a user leaving a channel).
func NewChannelAccess(db *sql.DB) *ChannelAccess { return &ChannelAccess{db: db} }

// ChannelFacts is what access rules need about one channel and one user.
type ChannelFacts struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	TeamID string `json:"team_id"`
	// Member is true when the user has a ChannelMembers row, archived
	// channels included (Mattermost keeps members of archived channels).
	Member bool `json:"member"`
}

// Facts returns the facts of the channels among channelIDs that exist, in
// one statement and one row read.
func (c *ChannelAccess) Facts(ctx context.Context, userID string, channelIDs []string) ([]ChannelFacts, error) {
	if len(channelIDs) == 0 {
		return []ChannelFacts{}, nil
	}
	var doc []byte
	err := c.db.QueryRowContext(ctx, `
		SELECT COALESCE(json_agg(json_build_object('id', ch.id, 'type', ch.type, 'team_id', ch.teamid,
			'member', EXISTS (SELECT 1 FROM channelmembers cm WHERE cm.channelid = ch.id AND cm.userid = $1))
			ORDER BY ch.id), '[]'::json)::text
		FROM channels ch WHERE ch.id = ANY($2::text[])`, userID, textArray(channelIDs)).Scan(&doc)
	if err != nil {
		return nil, fmt.Errorf("reading channel memberships: %w", err)
	}
	var out []ChannelFacts
	if err := json.Unmarshal(doc, &out); err != nil {
		return nil, fmt.Errorf("decoding channel memberships: %w", err)
	}
	return out, nil
}
