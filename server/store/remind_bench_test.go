package store

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/channel-todo/channel-todo/server/remind"
	"github.com/channel-todo/channel-todo/server/store/storetest"
	"github.com/channel-todo/channel-todo/server/todo"
)

// A reminder round on PostgreSQL: what one tick of the reminder job costs when many todos are
// due. Mattermost itself is faked (people, their zones, the direct messages), so what is
// measured is the store's part and the number of lookups the round asks of Mattermost, each of
// which is a plugin API call in the plugin.

// roundPeople is remind.People that counts its calls; everyone may read everything.
type roundPeople struct {
	zones   []*time.Location
	persons atomic.Int64
	reads   atomic.Int64
}

func (p *roundPeople) Person(_ context.Context, userID string) (remind.Person, bool) {
	p.persons.Add(1)
	return remind.Person{ID: userID, Location: p.zones[int(userID[len(userID)-1])%len(p.zones)]}, true
}

func (p *roundPeople) CanRead(context.Context, string, string) bool {
	p.reads.Add(1)
	return true
}

type roundPoster struct{ sent atomic.Int64 }

func (p *roundPoster) Send(context.Context, remind.Message) error {
	p.sent.Add(1)
	return nil
}

// countingStore counts what a round reads: todos, and records of sent messages.
type countingStore struct {
	*Store
	todos, records atomic.Int64
}

func (c *countingStore) DueOpen(ctx context.Context, through string, now time.Time) ([]todo.Todo, error) {
	out, err := c.Store.DueOpen(ctx, through, now)
	c.todos.Add(int64(len(out)))
	return out, err
}

func (c *countingStore) Sent(ctx context.Context, todoIDs []string, since time.Time) (map[remind.Key]bool, error) {
	out, err := c.Store.Sent(ctx, todoIDs, since)
	c.records.Add(int64(len(out)))
	return out, err
}

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// seedDue fills channels lists with n open todos in all, their due dates spread evenly over
// the days from now-days/2 to now+days/2: every other one a date alone, the others a time in
// Berlin; two in three assigned to one of users people, the rest to nobody (their creator, one
// per channel, is reminded). Ids are fixed, so each person's zone is the same in every run.
func seedDue(tb testing.TB, db *sql.DB, now time.Time, n, channels, days, users int) {
	tb.Helper()
	ctx := context.Background()
	perChannel := n / channels
	first := now.UTC().AddDate(0, 0, -days/2).Format("2006-01-02")
	for c := 0; c < channels; c++ {
		scope := todo.ChannelScope(todo.NewID())
		seed(tb, db, scope, perChannel, "")
		_, err := db.ExecContext(ctx, `
			UPDATE channeltodo_todos SET
				due_date = to_char($2::date + ((number + $3) % $4)::int, 'YYYY-MM-DD'),
				due_time = CASE WHEN number % 2 = 0 THEN '' ELSE '10:00' END,
				due_zone = CASE WHEN number % 2 = 0 THEN '' ELSE 'Europe/Berlin' END,
				creator_id = 'benchcreator' || lpad($3::text, 14, '0')
			WHERE list_id = $1`, scope.ListID(), first, c, days+1)
		if err != nil {
			tb.Fatal(err)
		}
		_, err = db.ExecContext(ctx, `
			INSERT INTO channeltodo_assignees (todo_id, user_id, channel_id, created_at)
			SELECT id, 'benchuser' || lpad(((number + $2) % $3)::text, 17, '0'), channel_id, created_at
			FROM channeltodo_todos WHERE list_id = $1 AND number % 3 <> 0`, scope.ListID(), c, users)
		if err != nil {
			tb.Fatal(err)
		}
	}
	analyze(tb, db)
}

// BenchmarkReminderRound is one reminder round over 10,000 open todos due over a month (half
// of them due by tomorrow), 100 people in three zones. "catch-up" is the first round, which
// sends one message per todo already due (to a fresh reminders table each time). After it the
// reminders table holds what the job leaves behind, with two weeks of overdue history, and:
// "steady" is a later round in which every todo read was postponed (the round the job runs
// once a minute, nearly always); "look-at-all" is a round with every postponement over
// (remind_after reset before each), which reads every todo due by tomorrow and sends nothing:
// what each round cost before postponements, and what the hourly look at each todo costs now.
func BenchmarkReminderRound(b *testing.B) {
	plain := storetest.NewDB(b)
	if _, err := Migrate(context.Background(), plain); err != nil {
		b.Fatal(err)
	}
	db, counts := storetest.CountingHandle(b, plain)
	s := New(db)
	now := time.Date(2026, 3, 16, 12, 0, 0, 0, time.UTC)
	seedDue(b, plain, now, 10_000, 10, 30, 100)
	var zones []*time.Location
	for _, name := range []string{"Europe/Berlin", "Asia/Tokyo", "America/New_York"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			b.Fatal(err)
		}
		zones = append(zones, loc)
	}
	ctx := context.Background()
	run := func(b *testing.B, fresh, lookAtAll bool) {
		var sent, persons, reads, statements, rows, todosRead, recordsRead int64
		for i := 0; i < b.N; i++ {
			if fresh {
				b.StopTimer()
				if _, err := plain.Exec(`TRUNCATE channeltodo_reminders`); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			if fresh || lookAtAll {
				b.StopTimer()
				if _, err := plain.Exec(`UPDATE channeltodo_todos SET remind_after = 0`); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			people, poster, store := &roundPeople{zones: zones}, &roundPoster{}, &countingStore{Store: s}
			r := remind.New(remind.Deps{Store: store, People: people, Poster: poster, Clock: fixedClock(now)},
				remind.Settings{Enabled: true, MorningHour: 9})
			counts.Reset()
			if err := r.Tick(ctx); err != nil {
				b.Fatal(err)
			}
			sent += poster.sent.Load()
			persons += people.persons.Load()
			reads += people.reads.Load()
			statements += counts.Statements()
			todosRead += store.todos.Load()
			recordsRead += store.records.Load()
			rows += counts.Rows()
		}
		n := float64(b.N)
		b.ReportMetric(float64(sent)/n, "sent/op")
		b.ReportMetric(float64(statements)/n, "statements/op")
		b.ReportMetric(float64(rows)/n, "rows/op")
		b.ReportMetric(float64(todosRead)/n, "todos-read/op")
		b.ReportMetric(float64(recordsRead)/n, "sent-records-read/op")
		b.ReportMetric(float64(persons)/n, "user-lookups/op")
		b.ReportMetric(float64(reads)/n, "access-checks/op")
	}
	b.Run("catch-up", func(b *testing.B) { run(b, true, false) })
	settle := sync.OnceFunc(func() {
		// Bring the reminders table to what the job leaves behind: this minute's messages sent,
		// and, for the todos overdue by more than a day, an overdue message for each of the
		// last two weeks (written directly: ticking through two weeks takes long).
		if _, err := plain.Exec(`TRUNCATE channeltodo_reminders; UPDATE channeltodo_todos SET remind_after = 0`); err != nil {
			b.Fatal(err)
		}
		r := remind.New(remind.Deps{Store: s, People: &roundPeople{zones: zones}, Poster: &roundPoster{}, Clock: fixedClock(now)},
			remind.Settings{Enabled: true, MorningHour: 9})
		if err := r.Tick(ctx); err != nil {
			b.Fatal(err)
		}
		_, err := plain.Exec(`INSERT INTO channeltodo_reminders (todo_id, user_id, kind, occasion, sent_at)
			SELECT r.todo_id, r.user_id, r.kind, to_char($1::date - d, 'YYYY-MM-DD') || substr(r.occasion, 11), $2::bigint - d * 86400000
			FROM channeltodo_reminders r, generate_series(1, 14) AS d
			WHERE r.kind = 'overdue' AND substr(r.occasion, 12, 10) < to_char($1::date - d, 'YYYY-MM-DD')`,
			now.Format("2006-01-02"), now.UnixMilli())
		if err != nil {
			b.Fatal(err)
		}
		analyze(b, plain)
		var records int
		if err := plain.QueryRow(`SELECT count(*) FROM channeltodo_reminders`).Scan(&records); err != nil {
			b.Fatal(err)
		}
		if records < 10_000 {
			b.Fatalf("only %d reminders recorded: the history is missing", records)
		}
	})
	b.Run("steady", func(b *testing.B) {
		settle()
		b.ResetTimer()
		run(b, false, false)
	})
	b.Run("look-at-all", func(b *testing.B) {
		settle()
		b.ResetTimer()
		run(b, false, true)
	})
}
