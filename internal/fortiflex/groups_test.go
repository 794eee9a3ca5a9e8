package fortiflex

import (
	"context"
	"testing"
)

func TestGroupsList(t *testing.T) {
	list := func(acct *int) func(context.Context, *Client) (any, error) {
		return func(ctx context.Context, c *Client) (any, error) { return wrap(c.GroupsList(ctx, acct)) }
	}
	want := []Group{{FolderPath: "My Assets/Department A/FortiFlex Group 1", AccountID: 853130, AvailableTokens: 3, UsedTokens: 7}}
	runAPICases(t, []apiCase{
		{"v2 with account", "groups/list", list(ptr(853130)), `{"accountId":853130}`,
			okBody("groups", `[{"folderPath":"My Assets/Department A/FortiFlex Group 1","accountId":853130,"availableTokens":3,"usedTokens":7}]`), want},
		{"v2, numbers as strings, object", "groups/list", list(ptr(853130)), `{"accountId":853130}`,
			okBody("groups", `{"folderPath":"My Assets/Department A/FortiFlex Group 1","accountId":"853130","availableTokens":"3","usedTokens":"7","x":null}`), want},
		{"v1 without account", "v1/groups/list", list(nil), `{}`,
			okBody("groups", `[{"folderPath":"My Assets","availableTokens":1,"usedTokens":0}]`), []Group{{FolderPath: "My Assets", AvailableTokens: 1}}},
		{"v1, empty", "v1/groups/list", list(nil), `{}`, okBody("groups", `[]`), []Group{}},
	})
}

func TestGroupsNextToken(t *testing.T) {
	next := func(o NextTokenOptions) func(context.Context, *Client) (any, error) {
		return func(ctx context.Context, c *Client) (any, error) { return wrap(c.GroupsNextToken(ctx, o)) }
	}
	noAcct := wantVM
	noAcct.AccountID = 0
	const noAcctJSON = `{"serialNumber":"FGVMMLTM25000101","description":"branch-a","configId":5120,"startDate":"2025-06-02T09:14:51.27","endDate":"2026-05-15T00:00:00","status":"PENDING","token":"3F9A0C27B14D8E6A5C21","tokenStatus":"NOTUSED"}`
	runAPICases(t, []apiCase{
		{"by config, list", "groups/nexttoken", next(NextTokenOptions{ConfigID: ptr(5120)}), `{"configId":5120}`,
			okBody("entitlements", `[`+noAcctJSON+`]`), []Entitlement{noAcct}},
		{"by account, bare object", "groups/nexttoken", next(NextTokenOptions{AccountID: ptr(853130)}), `{"accountId":853130}`,
			okBody("entitlements", entVM), []Entitlement{wantVM}},
		{"by folder with statuses, vms list", "groups/nexttoken",
			next(NextTokenOptions{FolderPath: " My Assets/pool ", Status: []string{"ACTIVE", " PENDING"}}),
			`{"folderPath":"My Assets/pool","status":["ACTIVE","PENDING"]}`, okBody("vms", `[`+entVM+`]`), []Entitlement{wantVM}},
		{"everything, vms object", "groups/nexttoken",
			next(NextTokenOptions{AccountID: ptr(1), ConfigID: ptr(2), FolderPath: "F", Status: []string{"STOPPED"}}),
			`{"accountId":1,"configId":2,"folderPath":"F","status":["STOPPED"]}`, okBody("vms", entVM), []Entitlement{wantVM}},
	})
}

func TestGroupsValidation(t *testing.T) {
	next := func(o NextTokenOptions) func(context.Context, *Client) error {
		return func(ctx context.Context, c *Client) error { return errOnly(c.GroupsNextToken(ctx, o)) }
	}
	runInvalidCases(t, []invalidCase{
		{"list: zero account", func(ctx context.Context, c *Client) error { return errOnly(c.GroupsList(ctx, ptr(0))) },
			"groups/list: accountId must be a positive integer, got 0"},
		{"nexttoken: nothing", next(NextTokenOptions{Status: []string{"ACTIVE"}}), "groups/nexttoken: give at least one of accountId, configId and folderPath"},
		{"nexttoken: blank folder", next(NextTokenOptions{FolderPath: "  "}), "groups/nexttoken: give at least one of accountId, configId and folderPath"},
		{"nexttoken: zero config", next(NextTokenOptions{ConfigID: ptr(0)}), "groups/nexttoken: configId must be a positive integer, got 0"},
		{"nexttoken: empty status", next(NextTokenOptions{ConfigID: ptr(1), Status: []string{"ACTIVE", ""}}), "groups/nexttoken: status[1] is empty"},
	})
}
