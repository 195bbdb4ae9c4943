package todo

// EditPolicy decides who may edit or delete other people's todos in a channel.
type EditPolicy string

const (
	// EditAnyone lets anyone who can post in the channel edit and delete any todo.
	EditAnyone EditPolicy = "anyone"
	// EditCreatorAndAdmins limits editing and deleting to the todo's creator and
	// the channel's admins (team and system admins included).
	EditCreatorAndAdmins EditPolicy = "creator_and_admins"
)

// Limits that are part of the documented contract.
const (
	// DefaultMaxTextLength is the default limit on a todo's text, in characters
	// (Unicode code points), after trimming surrounding white space.
	DefaultMaxTextLength = 4000
	// DefaultMaxAssignees is the default limit on assignees per todo.
	DefaultMaxAssignees = 20
	// DefaultPageSize is the page size when a list request gives none.
	DefaultPageSize = 50
	// MaxPageSize is the largest page a list request may ask for.
	MaxPageSize = 200
)

// Config holds the admin-adjustable rules of the Service.
type Config struct {
	MaxTextLength int
	MaxAssignees  int
	EditPolicy    EditPolicy
	// DigestsOff is set when the admin does not allow daily digests.
	DigestsOff bool
}

// SetDefaults fills in zero values.
func (c *Config) SetDefaults() {
	if c.MaxTextLength <= 0 {
		c.MaxTextLength = DefaultMaxTextLength
	}
	if c.MaxAssignees <= 0 {
		c.MaxAssignees = DefaultMaxAssignees
	}
	if c.EditPolicy != EditCreatorAndAdmins {
		c.EditPolicy = EditAnyone
	}
}
