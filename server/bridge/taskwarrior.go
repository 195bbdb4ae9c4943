package bridge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// taskwarrior drives Taskwarrior's `task` through TASKRC and TASKDATA in the
// list's directory.
//
// Taskwarrior renumbers its ids whenever a task is completed or deleted, so
// "done 2" typed after "done 1" would hit the wrong task. The bridge
// therefore gives each task its own number, kept with the task's uuid in a
// small file in the list's directory, allocated in order and never reused,
// and talks to the tool by uuid. Lists come from `task export` (JSON).
type taskwarrior struct{}

const (
	taskwarriorRC      = "taskrc"
	taskwarriorData    = "task"
	taskwarriorNumbers = "channel-todo-numbers.json"
)

var taskUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func (taskwarrior) idPattern() *regexp.Regexp { return digits }

// takesDashText: the text follows `--`, after which Taskwarrior reads only the description.
func (taskwarrior) takesDashText() bool { return true }

func (taskwarrior) setup(dir string) ([]string, error) {
	data := listFile(dir, taskwarriorData)
	if err := os.Mkdir(data, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	rc := "# Written by Channel Todo for this list; rewritten when it differs.\n" +
		"data.location=" + data + "\n" +
		"confirmation=off\n" +
		"color=off\n" +
		"verbose=new-id,affected\n" +
		"news.version=2.6.0\n" +
		"bulk=0\n" +
		"hooks=off\n" +
		"json.array=on\n"
	path := listFile(dir, taskwarriorRC)
	if err := writeIfChanged(path, []byte(rc)); err != nil {
		return nil, err
	}
	return []string{"TASKRC=" + path, "TASKDATA=" + data}, nil
}

func (taskwarrior) do(ctx context.Context, call caller, dir string, verb Verb, arg string) Result {
	numbers, err := loadTaskNumbers(dir)
	if err != nil {
		return internalResult(fmt.Errorf("reading the task numbers: %w", err))
	}
	switch verb {
	case VerbAdd:
		return taskAdd(ctx, call, dir, numbers, arg)
	case VerbList:
		tasks, res := taskExportNumbered(ctx, call, dir, numbers)
		if !res.OK {
			return res
		}
		res.Items, res.Parsed = numbers.items(tasks), true
		res.Output = renderTaskList(res.Items)
		return res
	default:
		return taskChange(ctx, call, dir, numbers, verb, arg)
	}
}

// taskAdd adds with `add -- TEXT`, so text such as `rc.data.location=/tmp`
// or `due:tomorrow` stays the description, then numbers the new task.
func taskAdd(ctx context.Context, call caller, dir string, numbers *taskNumbers, text string) Result {
	res := fromOutcome(call(ctx, "add", "--", text))
	if !res.OK {
		return res
	}
	tasks, exported := taskExport(ctx, call)
	if !exported.OK {
		// The task exists; it gets its number at the next list.
		return res
	}
	known := maps.Clone(numbers.Numbers)
	numbers.sync(tasks)
	if err := numbers.save(dir); err != nil {
		return internalResult(err)
	}
	// Taskwarrior's "Created task N." may use an id that a garbage
	// collection changes right after, so the new task is found by uuid: the
	// one that was not numbered before, with this text.
	newest := 0
	for _, t := range tasks {
		n, ok := numbers.Numbers[t.UUID]
		if _, old := known[t.UUID]; ok && !old && t.Description == text && n > newest {
			newest = n
		}
	}
	if newest > 0 {
		res.Output = taskOutputNumber.ReplaceAllString(res.Output, "${1} task "+strconv.Itoa(newest))
	}
	return res
}

// taskChange completes or deletes the task the user knows by its number.
func taskChange(ctx context.Context, call caller, dir string, numbers *taskNumbers, verb Verb, id string) Result {
	n, _ := strconv.Atoi(id)
	uuid := numbers.uuidOf(n)
	if uuid == "" {
		// Maybe added outside the bridge since the last list: look again.
		if _, res := taskExportNumbered(ctx, call, dir, numbers); !res.OK {
			return res
		}
		uuid = numbers.uuidOf(n)
	}
	if uuid == "" || !taskUUID.MatchString(uuid) {
		err := fmt.Errorf("there is no open task %d", n)
		return Result{Kind: KindUnknownID, Output: err.Error(), Err: err, ExitCode: -1}
	}
	action := map[Verb]string{VerbDone: "done", VerbDelete: "delete"}[verb]
	o := call(ctx, uuid, action)
	res := fromOutcome(o)
	if !res.OK {
		return res
	}
	res.Output = taskOutputNumber.ReplaceAllString(res.Output, "${1} task "+strconv.Itoa(n))
	delete(numbers.Numbers, uuid)
	if err := numbers.save(dir); err != nil {
		return internalResult(err)
	}
	return res
}

// taskExport runs `task status:pending export` and reads its JSON. Only
// pending tasks are exported so a long history does not run into the output cap.
// taskExportNumbered exports the pending tasks and gives any task the bridge has not seen yet
// its number, saving the numbers when they changed.
func taskExportNumbered(ctx context.Context, call caller, dir string, numbers *taskNumbers) ([]exportedTask, Result) {
	tasks, res := taskExport(ctx, call)
	if !res.OK {
		return nil, res
	}
	if numbers.sync(tasks) {
		if err := numbers.save(dir); err != nil {
			return nil, internalResult(err)
		}
	}
	return tasks, res
}

func taskExport(ctx context.Context, call caller) ([]exportedTask, Result) {
	o := call(ctx, "status:pending", "export")
	res := fromOutcome(o)
	if !res.OK {
		return nil, res
	}
	var tasks []exportedTask
	if o.dropped > 0 {
		err := errors.New("the task export was larger than the output cap")
		return nil, Result{Kind: KindToolFailed, Output: err.Error(), Err: err, ExitCode: o.exitCode}
	}
	if err := json.Unmarshal([]byte(o.stdout), &tasks); err != nil {
		err = fmt.Errorf("the task export could not be read: %w", err)
		return nil, Result{Kind: KindToolFailed, Output: err.Error(), Err: err, ExitCode: o.exitCode}
	}
	return tasks, res
}

// taskOutputNumber finds Taskwarrior's own id in its messages
// ("Created task 3.", "Completed task 1 'milk'.", "Deleting task 2 'x'.").
var taskOutputNumber = regexp.MustCompile(`(?m)^(Created|Completed|Deleting|Deleted) task [0-9]+\b`)

func renderTaskList(items []Item) string {
	if len(items) == 0 {
		return "No tasks."
	}
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = it.ID + " " + strings.Join(strings.Fields(it.Text), " ")
	}
	return strings.Join(lines, "\n")
}

// taskNumbers maps Taskwarrior uuids to the bridge's numbers.
type taskNumbers struct {
	Next    int            `json:"next"`
	Numbers map[string]int `json:"numbers"` // uuid -> number
}

type exportedTask struct {
	ID          int    `json:"id"`
	UUID        string `json:"uuid"`
	Description string `json:"description"`
	Status      string `json:"status"`
	Entry       string `json:"entry"`
}

func loadTaskNumbers(dir string) (*taskNumbers, error) {
	n := &taskNumbers{Next: 1, Numbers: map[string]int{}}
	data, err := os.ReadFile(listFile(dir, taskwarriorNumbers))
	if errors.Is(err, fs.ErrNotExist) {
		return n, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, n); err != nil {
		return nil, err
	}
	if n.Numbers == nil {
		n.Numbers = map[string]int{}
	}
	if n.Next < 1 {
		n.Next = 1
	}
	return n, nil
}

func (n *taskNumbers) save(dir string) error {
	data, err := json.Marshal(n)
	if err != nil {
		return err
	}
	return writeIfChanged(listFile(dir, taskwarriorNumbers), data)
}

// sync numbers pending tasks that have none yet, in the order they were
// entered, and forgets tasks that are no longer pending. It reports whether
// anything changed.
func (n *taskNumbers) sync(tasks []exportedTask) bool {
	pending := map[string]bool{}
	var fresh []exportedTask
	for _, t := range tasks {
		if t.Status != "pending" || !taskUUID.MatchString(t.UUID) {
			continue
		}
		pending[t.UUID] = true
		if _, ok := n.Numbers[t.UUID]; !ok {
			fresh = append(fresh, t)
		}
	}
	changed := false
	for uuid := range n.Numbers {
		if !pending[uuid] {
			delete(n.Numbers, uuid)
			changed = true
		}
	}
	sort.SliceStable(fresh, func(i, j int) bool {
		if fresh[i].Entry != fresh[j].Entry {
			return fresh[i].Entry < fresh[j].Entry
		}
		return fresh[i].ID < fresh[j].ID
	})
	for _, t := range fresh {
		n.Numbers[t.UUID] = n.Next
		n.Next++
		changed = true
	}
	return changed
}

func (n *taskNumbers) uuidOf(number int) string {
	for uuid, num := range n.Numbers {
		if num == number {
			return uuid
		}
	}
	return ""
}

// items lists the pending tasks by number.
func (n *taskNumbers) items(tasks []exportedTask) []Item {
	items := []Item{}
	for _, t := range tasks {
		num, ok := n.Numbers[t.UUID]
		if !ok || t.Status != "pending" {
			continue
		}
		items = append(items, Item{ID: strconv.Itoa(num), Key: t.UUID, Text: t.Description})
	}
	sort.Slice(items, func(i, j int) bool {
		a, _ := strconv.Atoi(items[i].ID)
		b, _ := strconv.Atoi(items[j].ID)
		return a < b
	})
	return items
}

func internalResult(err error) Result {
	return Result{Kind: KindInternal, Output: err.Error(), Err: err, ExitCode: -1}
}
