package command

import (
	"context"
	"errors"
	"testing"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/todo"
)

// fakeChecker answers the tool check like the plugin: a report for admins,
// a refusal for everyone else.
type fakeChecker struct {
	admins map[string]bool
	report bridge.SelfTestReport
	err    error
	asked  []string
}

func (f *fakeChecker) CheckTool(_ context.Context, userID string) (todo.ToolCheck, error) {
	f.asked = append(f.asked, userID)
	if f.err != nil {
		return todo.ToolCheck{}, f.err
	}
	if !f.admins[userID] {
		return todo.ToolCheck{}, &todo.Error{Kind: todo.ErrForbidden, Code: CodeSystemAdminOnly, Message: "admins only"}
	}
	return todo.ToolCheck{OK: f.report.OK, Report: f.report.String()}, nil
}

// checkingService is the service with the checker's answers to the tool check.
type checkingService struct {
	Service
	checker *fakeChecker
}

func (c checkingService) CheckTool(ctx context.Context, userID string) (todo.ToolCheck, error) {
	return c.checker.CheckTool(ctx, userID)
}

var (
	passingReport = bridge.SelfTestReport{OK: true, Steps: []bridge.SelfTestStep{
		{Name: "check settings", OK: true, Detail: "preset todo.txt, /usr/bin/todo-txt"},
		{Name: "add a todo", OK: true, Result: &bridge.Result{OK: true, Output: "1 Channel Todo self-test @channel"}},
	}}
	failingReport = bridge.SelfTestReport{Steps: []bridge.SelfTestStep{
		{Name: "check settings", OK: false, Detail: "the executable /nope does not exist"},
	}}
)

func TestExecuteBridgeCheck(t *testing.T) {
	w := newWorld(t)
	// The tool keeps dev's list; the check must still reach the checker.
	noTool := w.svc
	runner := &fakeRunner{keeps: func(s todo.Scope) bool { return s == todo.ChannelScope(w.dev) }}
	w.useTool(runner)
	withTool := w.svc

	tests := []struct {
		name    string
		checker *fakeChecker // nil: the executor has no checker
		noCheck bool
		user    string
		text    string
		root    string
		locale  string
		want    []string
		notWant []string
		failed  bool
		logged  bool
	}{
		{name: "admin gets a passing report", checker: &fakeChecker{admins: map[string]bool{w.alice: true}, report: passingReport},
			user: w.alice, text: "bridge check",
			want: []string{"#### Command-line tool check\n", "The todo tool works.", "1. check settings: ok (preset todo.txt, /usr/bin/todo-txt)", "2. add a todo: ok"}},
		{name: "admin sees what failed", checker: &fakeChecker{admins: map[string]bool{w.alice: true}, report: failingReport},
			user: w.alice, text: "Bridge Check", failed: true,
			want: []string{"The todo tool does not work yet.", "1. check settings: FAILED (the executable /nope does not exist)"}},
		{name: "in a thread and with my, still the check", checker: &fakeChecker{admins: map[string]bool{w.alice: true}, report: passingReport},
			user: w.alice, text: "my bridge check", root: w.rootID,
			want: []string{"The todo tool works."}},
		{name: "a user is refused", checker: &fakeChecker{admins: map[string]bool{w.alice: true}, report: passingReport},
			user: w.bob, text: "bridge check", failed: true,
			want:    []string{"Only system admins can check the command-line tool."},
			notWant: []string{"todo-txt", "works"}},
		{name: "a user is refused in Chinese", checker: &fakeChecker{admins: map[string]bool{}},
			user: w.bob, text: "bridge check", locale: "zh-CN", failed: true,
			want: []string{"只有系统管理员可以检查命令行工具"}},
		{name: "a plain forbidden error is a refusal too", checker: &fakeChecker{err: todo.ErrForbidden},
			user: w.bob, text: "bridge check", failed: true,
			want: []string{"Only system admins can check the command-line tool."}},
		{name: "an unexpected error is logged, not shown", checker: &fakeChecker{err: errors.New("dial unix: no such file")},
			user: w.alice, text: "bridge check", failed: true, logged: true,
			want:    []string{"Something went wrong"},
			notWant: []string{"dial unix"}},
		{name: "no checker", noCheck: true, user: w.alice, text: "bridge check", failed: true,
			want: []string{"Checking the command-line tool is not available on this server."}},
		{name: "bridge alone says how", checker: &fakeChecker{admins: map[string]bool{w.alice: true}},
			user: w.alice, text: "bridge", failed: true,
			want: []string{"Use `/todo bridge check`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w.logged = nil
			runner.calls = nil
			w.exec.Service = noTool
			if !tt.noCheck {
				w.exec.Service = checkingService{Service: withTool, checker: tt.checker}
			}
			locale := tt.locale
			if locale == "" {
				locale = "en"
			}
			out := w.exec.Execute(context.Background(), Call{
				UserID: tt.user, ChannelID: w.dev, RootID: tt.root, AddsThreadRoot: tt.root != "",
				Text: tt.text, Locale: locale, Location: testZone,
			})
			for _, s := range tt.want {
				require.Contains(t, out.Text, s)
			}
			for _, s := range tt.notWant {
				require.NotContains(t, out.Text, s)
			}
			require.Equal(t, tt.failed, out.Failed, out.Text)
			require.False(t, out.Changed)
			require.Equal(t, todo.Scope{}, out.Scope, "the check is about no list")
			require.Empty(t, runner.calls, "the check never runs the list's tool")
			require.Empty(t, mentionWords(out.Text))
			require.Equal(t, tt.logged, len(w.logged) > 0, w.logged)
			require.True(t, out.Private, "the check is answered to the actor alone")
			if tt.checker != nil {
				want := []string{tt.user}
				if tt.text == "bridge" {
					want = nil
				}
				require.Equal(t, want, tt.checker.asked, "the checker decides who may check")
			}
		})
	}
}

func TestAutocompleteBridgeCheck(t *testing.T) {
	tr := loadTestTranslations(t)
	for _, lang := range tr.Languages() {
		ac := Autocomplete(tr.Localizer(lang), "/autocomplete/todos")
		var bridgeAC *model.AutocompleteData
		for _, c := range ac.SubCommands {
			if c.Trigger == "my" {
				for _, m := range c.SubCommands {
					require.NotEqual(t, "bridge", m.Trigger, "%s: the check is not a personal-list command", lang)
				}
			}
			if c.Trigger == "bridge" {
				bridgeAC = c
			}
		}
		require.NotNil(t, bridgeAC, lang)
		require.Len(t, bridgeAC.SubCommands, 1, lang)
		check := bridgeAC.SubCommands[0]
		require.Equal(t, "check", check.Trigger)
		require.NotEqual(t, i18n.MsgACBridgeCheck, check.HelpText, "%s: untranslated", lang)
		require.Empty(t, check.Arguments)

		req, err := Parse(bridgeAC.Trigger+" "+check.Trigger, testNow, testZone)
		require.NoError(t, err, lang)
		require.Equal(t, VerbBridge, req.Verb, lang)
	}
}
