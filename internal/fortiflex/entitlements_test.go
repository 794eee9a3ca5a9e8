package fortiflex

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	entVM = `{"serialNumber":"FGVMMLTM25000101","description":"branch-a","configId":5120,"accountId":853130,` +
		`"startDate":"2025-06-02T09:14:51.27","endDate":"2026-05-15T00:00:00","status":"PENDING","token":"3F9A0C27B14D8E6A5C21","tokenStatus":"NOTUSED"}`
	// entHW has numbers as strings, null token/description and unknown members.
	entHW = `{"serialNumber":"FGT60FTK19000010","description":null,"configId":"3196","accountId":"853130","folderPath":"My Assets",` +
		`"startDate":"2023-04-06T15:49:29.643","endDate":"2023-11-11T00:00:00","status":"ACTIVE","token":null,"tokenStatus":null,"extra":{"x":[1]}}`
)

var (
	wantVM = Entitlement{SerialNumber: "FGVMMLTM25000101", Description: "branch-a", ConfigID: 5120, AccountID: 853130,
		StartDate: "2025-06-02T09:14:51.27", EndDate: "2026-05-15T00:00:00", Status: "PENDING", Token: "3F9A0C27B14D8E6A5C21", TokenStatus: "NOTUSED"}
	wantHW = Entitlement{SerialNumber: "FGT60FTK19000010", ConfigID: 3196, AccountID: 853130,
		StartDate: "2023-04-06T15:49:29.643", EndDate: "2023-11-11T00:00:00", Status: "ACTIVE"}
)

func entCall[T any](f func(*Client, context.Context) (T, error)) func(context.Context, *Client) (any, error) {
	return func(ctx context.Context, c *Client) (any, error) { return wrap(f(c, ctx)) }
}

func TestEntitlementsList(t *testing.T) {
	list := func(o EntitlementListOptions) func(context.Context, *Client) (any, error) {
		return entCall(func(c *Client, ctx context.Context) ([]Entitlement, error) { return c.EntitlementsList(ctx, o) })
	}
	runAPICases(t, []apiCase{
		{"by config", "entitlements/list", list(EntitlementListOptions{ConfigID: ptr(5120)}),
			`{"configId":5120}`, okBody("entitlements", "["+entVM+","+entHW+"]"), []Entitlement{wantVM, wantHW}},
		{"by account and program, every filter", "entitlements/list",
			list(EntitlementListOptions{AccountID: ptr(853130), ProgramSerialNumber: " ELAVMR0000000101 ", SerialNumber: "FGVMMLTM25000101", Status: "ACTIVE", TokenStatus: "NOTUSED", Description: "branch-a"}),
			`{"accountId":853130,"programSerialNumber":"ELAVMR0000000101","serialNumber":"FGVMMLTM25000101","status":"ACTIVE","tokenStatus":"NOTUSED","description":"branch-a"}`,
			okBody("entitlements", "["+entVM+"]"), []Entitlement{wantVM}},
		{"all three scope fields", "entitlements/list", list(EntitlementListOptions{ConfigID: ptr(1), AccountID: ptr(2), ProgramSerialNumber: "P"}),
			`{"configId":1,"accountId":2,"programSerialNumber":"P"}`, okBody("entitlements", "[]"), []Entitlement{}},
		{"historic vms key", "entitlements/list", list(EntitlementListOptions{ConfigID: ptr(5120)}),
			`{"configId":5120}`, okBody("vms", "["+entHW+"]"), []Entitlement{wantHW}},
		{"object instead of list", "entitlements/list", list(EntitlementListOptions{ConfigID: ptr(5120)}),
			`{"configId":5120}`, okBody("entitlements", entVM), []Entitlement{wantVM}},
		{"no data key", "entitlements/list", list(EntitlementListOptions{ConfigID: ptr(5120)}),
			`{"configId":5120}`, `{"status":0,"message":"Request processed successfully.","error":null}`, []Entitlement{}},
	})
}

func TestEntitlementsCreates(t *testing.T) {
	vm := func(in VMCreate) func(context.Context, *Client) (any, error) {
		return entCall(func(c *Client, ctx context.Context) ([]Entitlement, error) { return c.EntitlementsVMCreate(ctx, in) })
	}
	hw := func(in HardwareCreate) func(context.Context, *Client) (any, error) {
		return entCall(func(c *Client, ctx context.Context) ([]Entitlement, error) {
			return c.EntitlementsHardwareCreate(ctx, in)
		})
	}
	cloud := func(in CloudCreate) func(context.Context, *Client) (any, error) {
		return entCall(func(c *Client, ctx context.Context) ([]Entitlement, error) { return c.EntitlementsCloudCreate(ctx, in) })
	}
	wantCloud := Entitlement{SerialNumber: "FCTEMS0000000101", ConfigID: 7, AccountID: 1, Status: "ACTIVE"}
	runAPICases(t, []apiCase{
		{"vm: defaults send null end date, no folder", "entitlements/vm/create", vm(VMCreate{ConfigID: 5120, Count: 2}),
			`{"configId":5120,"count":2,"description":"","endDate":null,"skipPending":false}`,
			okBody("entitlements", "["+entVM+","+entVM+"]"), []Entitlement{wantVM, wantVM}},
		{"vm: every field", "entitlements/vm/create",
			vm(VMCreate{ConfigID: 5120, Count: 1, Description: "branch-a", EndDate: " 2026-05-15 ", FolderPath: "My Assets/branch", SkipPending: true}),
			`{"configId":5120,"count":1,"description":"branch-a","endDate":"2026-05-15","folderPath":"My Assets/branch","skipPending":true}`,
			okBody("entitlements", "["+entVM+"]"), []Entitlement{wantVM}},
		{"vm: vms key, object", "entitlements/vm/create", vm(VMCreate{ConfigID: 5120, Count: 1}),
			`{"configId":5120,"count":1,"description":"","endDate":null,"skipPending":false}`,
			okBody("vms", entVM), []Entitlement{wantVM}},
		{"hardware", "entitlements/hardware/create", hw(HardwareCreate{ConfigID: 3196, SerialNumbers: []string{" FGT60FTK19000010", "FGT70FTK22000001"}}),
			`{"configId":3196,"serialNumbers":["FGT60FTK19000010","FGT70FTK22000001"],"endDate":null}`,
			okBody("entitlements", "["+entHW+"]"), []Entitlement{wantHW}},
		{"hardware with end date", "entitlements/hardware/create", hw(HardwareCreate{ConfigID: 3196, SerialNumbers: []string{"A"}, EndDate: "2026-01-01T00:00:00"}),
			`{"configId":3196,"serialNumbers":["A"],"endDate":"2026-01-01T00:00:00"}`,
			okBody("entitlements", "["+entHW+"]"), []Entitlement{wantHW}},
		{"cloud: minimal", "entitlements/cloud/create", cloud(CloudCreate{ConfigID: 7}),
			`{"configId":7,"endDate":null}`,
			okBody("entitlements", `[{"serialNumber":"FCTEMS0000000101","configId":7,"accountId":1,"status":"ACTIVE","token":null,"tokenStatus":null,"description":null}]`),
			[]Entitlement{wantCloud}},
		{"cloud: every field", "entitlements/cloud/create", cloud(CloudCreate{ConfigID: 7, EndDate: "2026-01-01", FolderPath: "My Assets/c", Description: "d"}),
			`{"configId":7,"endDate":"2026-01-01","folderPath":"My Assets/c","description":"d"}`,
			okBody("entitlements", `{"serialNumber":"FCTEMS0000000101","configId":"7","accountId":1,"status":"ACTIVE"}`), []Entitlement{wantCloud}},
		{"transfer: null target config", "entitlements/transfer",
			entCall(func(c *Client, ctx context.Context) ([]Entitlement, error) {
				return c.EntitlementsTransfer(ctx, Transfer{SourceAccountID: 1, SourceConfigID: 2, TargetAccountID: 3, SerialNumbers: []string{"FGVMMLTM25000101"}})
			}),
			`{"sourceAccountId":1,"sourceConfigId":2,"targetAccountId":3,"targetConfigId":null,"serialNumbers":["FGVMMLTM25000101"]}`,
			okBody("entitlements", "["+entVM+"]"), []Entitlement{wantVM}},
		{"transfer: target config", "entitlements/transfer",
			entCall(func(c *Client, ctx context.Context) ([]Entitlement, error) {
				return c.EntitlementsTransfer(ctx, Transfer{SourceAccountID: 1, SourceConfigID: 2, TargetAccountID: 3, TargetConfigID: ptr(4), SerialNumbers: []string{"A", "B"}})
			}),
			`{"sourceAccountId":1,"sourceConfigId":2,"targetAccountId":3,"targetConfigId":4,"serialNumbers":["A","B"]}`,
			okBody("vms", "["+entVM+"]"), []Entitlement{wantVM}},
	})
}

func TestEntitlementsHardwareRemove(t *testing.T) {
	f := setup(t)
	f.handle("entitlements/hardware/remove", respond(200, `{"status":0,"message":"Request processed successfully.","error":null}`))
	c := f.client()
	require.NoError(t, c.EntitlementsHardwareRemove(context.Background(), []string{"FGT60FTK19000010", " FGT70FTK22000001 "}))
	calls := f.requestsTo(apiPrefix + "entitlements/hardware/remove")
	require.Len(t, calls, 1)
	assert.Equal(t, `{"serialNumbers":["FGT60FTK19000010","FGT70FTK22000001"]}`, string(calls[0].Body))

	f.handle("entitlements/hardware/remove", respond(400, `{"status":-1,"message":"Entitlement not found.","error":"Entitlement not found."}`))
	err := c.EntitlementsHardwareRemove(context.Background(), []string{"X"})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a 400 is a clear refusal")
}

func TestEntitlementsSingle(t *testing.T) {
	stopped := wantVM
	stopped.Status = "STOPPED"
	one := func(f func(*Client, context.Context, string) (*Entitlement, error)) func(context.Context, *Client) (any, error) {
		return func(ctx context.Context, c *Client) (any, error) { return wrap(f(c, ctx, " FGVMMLTM25000101 ")) }
	}
	const body = `{"serialNumber":"FGVMMLTM25000101"}`
	runAPICases(t, []apiCase{
		{"stop", "entitlements/stop", one((*Client).EntitlementsStop), body,
			okBody("entitlements", `[`+strings.Replace(entVM, `"PENDING"`, `"STOPPED"`, 1)+`]`), &stopped},
		{"stop: historic vms key", "entitlements/stop", one((*Client).EntitlementsStop), body,
			okBody("vms", `[`+entVM+`]`), &wantVM},
		{"reactivate: object", "entitlements/reactivate", one((*Client).EntitlementsReactivate), body,
			okBody("entitlements", entVM), &wantVM},
		{"reactivate: vms object", "entitlements/reactivate", one((*Client).EntitlementsReactivate), body,
			okBody("vms", entVM), &wantVM},
		{"regenerate token", "entitlements/vm/token", one((*Client).EntitlementsRegenerateToken), body,
			okBody("entitlements", `[`+entVM+`]`), &wantVM},
		{"update: description only", "entitlements/update",
			entCall(func(c *Client, ctx context.Context) (*Entitlement, error) {
				return c.EntitlementsUpdate(ctx, EntitlementUpdate{SerialNumber: "FGVMMLTM25000101", Description: ptr("")})
			}),
			`{"serialNumber":"FGVMMLTM25000101","description":""}`, okBody("entitlements", `[`+entHW+`]`), &wantHW},
		{"update: every field", "entitlements/update",
			entCall(func(c *Client, ctx context.Context) (*Entitlement, error) {
				return c.EntitlementsUpdate(ctx, EntitlementUpdate{SerialNumber: "S", ConfigID: ptr(5120), Description: ptr("d"), EndDate: ptr(" 2026-05-15T00:00:00 ")})
			}),
			`{"serialNumber":"S","configId":5120,"description":"d","endDate":"2026-05-15T00:00:00"}`, okBody("entitlements", entVM), &wantVM},
	})
}

func TestEntitlementsPoints(t *testing.T) {
	points := func(o PointsOptions) func(context.Context, *Client) (any, error) {
		return entCall(func(c *Client, ctx context.Context) ([]EntitlementPoints, error) { return c.EntitlementsPoints(ctx, o) })
	}
	want := []EntitlementPoints{{SerialNumber: "FGVMMLTM25000102", AccountID: 853130, Points: 104.37}, {SerialNumber: "FGVMMLTM25000103", AccountID: 853130, Points: 425}}
	runAPICases(t, []apiCase{
		{"by config, fractional", "entitlements/points", points(PointsOptions{StartDate: "2025-05-01", EndDate: "2025-05-31", ConfigID: ptr(5120)}),
			`{"startDate":"2025-05-01","endDate":"2025-05-31","configId":5120}`,
			okBody("entitlements", `[{"serialNumber":"FGVMMLTM25000102","accountId":853130,"points":104.37},{"serialNumber":"FGVMMLTM25000103","accountId":853130,"points":425}]`), want},
		{"by account, strings, vms key", "entitlements/points",
			points(PointsOptions{StartDate: "2025-05-01", EndDate: "2025-05-01", AccountID: ptr(853130), ProgramSerialNumber: "ELAVMR0000000101", SerialNumber: "FGVMMLTM25000102"}),
			`{"startDate":"2025-05-01","endDate":"2025-05-01","accountId":853130,"programSerialNumber":"ELAVMR0000000101","serialNumber":"FGVMMLTM25000102"}`,
			okBody("vms", `[{"serialNumber":"FGVMMLTM25000102","accountId":"853130","points":"104.37","x":1},{"serialNumber":"FGVMMLTM25000103","accountId":853130,"points":"425"}]`), want},
		{"null points read as 0", "entitlements/points", points(PointsOptions{StartDate: "2025-05-01", EndDate: "2025-05-31", ConfigID: ptr(5120)}),
			`{"startDate":"2025-05-01","endDate":"2025-05-31","configId":5120}`,
			okBody("entitlements", `{"serialNumber":"S","accountId":1,"points":null}`), []EntitlementPoints{{SerialNumber: "S", AccountID: 1}}},
	})
}

func TestEntitlementsValidation(t *testing.T) {
	list := func(o EntitlementListOptions) func(context.Context, *Client) error {
		return func(ctx context.Context, c *Client) error { return errOnly(c.EntitlementsList(ctx, o)) }
	}
	points := func(o PointsOptions) func(context.Context, *Client) error {
		return func(ctx context.Context, c *Client) error { return errOnly(c.EntitlementsPoints(ctx, o)) }
	}
	transfer := func(in Transfer) func(context.Context, *Client) error {
		return func(ctx context.Context, c *Client) error { return errOnly(c.EntitlementsTransfer(ctx, in)) }
	}
	okT := Transfer{SourceAccountID: 1, SourceConfigID: 2, TargetAccountID: 3, SerialNumbers: []string{"A"}}
	modT := func(f func(*Transfer)) Transfer { t := okT; f(&t); return t }
	const oneOf = "give configId, or accountId together with programSerialNumber"
	runInvalidCases(t, []invalidCase{
		{"list: no scope", list(EntitlementListOptions{SerialNumber: "S"}), "entitlements/list: " + oneOf},
		{"list: account without program", list(EntitlementListOptions{AccountID: ptr(1)}), "entitlements/list: " + oneOf},
		{"list: program without account", list(EntitlementListOptions{ProgramSerialNumber: "P"}), "entitlements/list: " + oneOf},
		{"list: blank program", list(EntitlementListOptions{AccountID: ptr(1), ProgramSerialNumber: "  "}), "entitlements/list: " + oneOf},
		{"list: zero config", list(EntitlementListOptions{ConfigID: ptr(0)}), "entitlements/list: configId must be a positive integer, got 0"},
		{"vm: no config", func(ctx context.Context, c *Client) error {
			return errOnly(c.EntitlementsVMCreate(ctx, VMCreate{Count: 1}))
		},
			"entitlements/vm/create: configId must be a positive integer, got 0"},
		{"vm: count 0", func(ctx context.Context, c *Client) error {
			return errOnly(c.EntitlementsVMCreate(ctx, VMCreate{ConfigID: 1}))
		}, "entitlements/vm/create: count must be at least 1, got 0"},
		{"hardware: no serials", func(ctx context.Context, c *Client) error {
			return errOnly(c.EntitlementsHardwareCreate(ctx, HardwareCreate{ConfigID: 1}))
		}, "entitlements/hardware/create: serialNumbers must list at least one serial number"},
		{"hardware: empty serial", func(ctx context.Context, c *Client) error {
			return errOnly(c.EntitlementsHardwareCreate(ctx, HardwareCreate{ConfigID: 1, SerialNumbers: []string{"A", " "}}))
		}, "entitlements/hardware/create: serialNumbers[1] is empty"},
		{"hardware: no config", func(ctx context.Context, c *Client) error {
			return errOnly(c.EntitlementsHardwareCreate(ctx, HardwareCreate{SerialNumbers: []string{"A"}}))
		}, "entitlements/hardware/create: configId must be a positive integer, got 0"},
		{"hardware remove: none", func(ctx context.Context, c *Client) error { return c.EntitlementsHardwareRemove(ctx, nil) },
			"entitlements/hardware/remove: serialNumbers must list at least one serial number"},
		{"cloud: no config", func(ctx context.Context, c *Client) error {
			return errOnly(c.EntitlementsCloudCreate(ctx, CloudCreate{}))
		},
			"entitlements/cloud/create: configId must be a positive integer, got 0"},
		{"update: no serial", func(ctx context.Context, c *Client) error {
			return errOnly(c.EntitlementsUpdate(ctx, EntitlementUpdate{Description: ptr("d")}))
		}, "entitlements/update: serialNumber is required"},
		{"update: nothing", func(ctx context.Context, c *Client) error {
			return errOnly(c.EntitlementsUpdate(ctx, EntitlementUpdate{SerialNumber: "S"}))
		}, "entitlements/update: nothing to update: give configId, description or endDate"},
		{"update: empty end date", func(ctx context.Context, c *Client) error {
			return errOnly(c.EntitlementsUpdate(ctx, EntitlementUpdate{SerialNumber: "S", EndDate: ptr("")}))
		}, "entitlements/update: endDate must not be empty (leave it out to keep the current one)"},
		{"update: zero config", func(ctx context.Context, c *Client) error {
			return errOnly(c.EntitlementsUpdate(ctx, EntitlementUpdate{SerialNumber: "S", ConfigID: ptr(0)}))
		}, "entitlements/update: configId must be a positive integer, got 0"},
		{"stop: no serial", func(ctx context.Context, c *Client) error { return errOnly(c.EntitlementsStop(ctx, " ")) }, "entitlements/stop: serialNumber is required"},
		{"reactivate: no serial", func(ctx context.Context, c *Client) error { return errOnly(c.EntitlementsReactivate(ctx, "")) }, "entitlements/reactivate: serialNumber is required"},
		{"token: no serial", func(ctx context.Context, c *Client) error { return errOnly(c.EntitlementsRegenerateToken(ctx, "")) }, "entitlements/vm/token: serialNumber is required"},
		{"points: no dates", points(PointsOptions{ConfigID: ptr(1)}), "entitlements/points: startDate and endDate are required"},
		{"points: no end date", points(PointsOptions{StartDate: "2025-01-01", ConfigID: ptr(1)}), "entitlements/points: startDate and endDate are required"},
		{"points: bad date", points(PointsOptions{StartDate: "01/05/2025", EndDate: "2025-05-31", ConfigID: ptr(1)}),
			`entitlements/points: startDate: unrecognised date "01/05/2025" (want YYYY-MM-DDThh:mm:ss[.fff], YYYY-MM-DD hh:mm:ss or RFC 3339)`},
		{"points: reversed dates", points(PointsOptions{StartDate: "2025-05-31", EndDate: "2025-05-01", ConfigID: ptr(1)}),
			"entitlements/points: endDate 2025-05-01 is before startDate 2025-05-31"},
		{"points: no scope", points(PointsOptions{StartDate: "2025-05-01", EndDate: "2025-05-31", SerialNumber: "S"}), "entitlements/points: " + oneOf},
		{"transfer: no source account", transfer(modT(func(t *Transfer) { t.SourceAccountID = 0 })), "entitlements/transfer: sourceAccountId must be a positive integer, got 0"},
		{"transfer: no source config", transfer(modT(func(t *Transfer) { t.SourceConfigID = 0 })), "entitlements/transfer: sourceConfigId must be a positive integer, got 0"},
		{"transfer: no target account", transfer(modT(func(t *Transfer) { t.TargetAccountID = -3 })), "entitlements/transfer: targetAccountId must be a positive integer, got -3"},
		{"transfer: zero target config", transfer(modT(func(t *Transfer) { t.TargetConfigID = ptr(0) })), "entitlements/transfer: targetConfigId must be a positive integer, got 0"},
		{"transfer: no serials", transfer(modT(func(t *Transfer) { t.SerialNumbers = []string{} })), "entitlements/transfer: serialNumbers must list at least one serial number"},
	})
}

func TestEntitlementsBadShapes(t *testing.T) {
	tests := []struct {
		name    string
		answer  string
		wantSub string
	}{
		{"config id not a number", okBody("entitlements", `[{"serialNumber":"S","configId":"abc"}]`), `entitlements[0]: configId: "abc" is not an integer`},
		{"entitlement is a string", okBody("entitlements", `["S"]`), `entitlements: list element is a string`},
		{"payload is a number", okBody("entitlements", `5`), `entitlements: payload is a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("entitlements/list", respond(200, tt.answer))
			_, err := f.client().EntitlementsList(context.Background(), EntitlementListOptions{ConfigID: ptr(1)})
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrUnexpectedResponse)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a read has no outcome to doubt")
			assert.Contains(t, err.Error(), tt.wantSub)
		})
	}
}

func TestEntitlementJSON(t *testing.T) {
	var e Entitlement
	require.NoError(t, json.Unmarshal([]byte(entHW), &e))
	assert.Equal(t, wantHW, e)
	b, err := json.Marshal(wantVM)
	require.NoError(t, err)
	assert.JSONEq(t, entVM, string(b))
	var p EntitlementPoints
	require.NoError(t, json.Unmarshal([]byte(`{"serialNumber":"S","accountId":"1","points":"559.52"}`), &p))
	assert.Equal(t, EntitlementPoints{SerialNumber: "S", AccountID: 1, Points: 559.52}, p)
}

// FuzzDecodeEntitlements feeds arbitrary answers to the entitlement decoders
// of a read and of an unsafe create. They must not panic; a decoding failure
// of a success answer is an *Error with a message (an unknown outcome for
// the create); a decoded entitlement survives a JSON round trip.
func FuzzDecodeEntitlements(f *testing.F) {
	for _, s := range []string{
		okBody("entitlements", "["+entVM+","+entHW+"]"),
		okBody("vms", entHW),
		okBody("entitlements", `[null,{"serialNumber":1e999,"configId":"1.0","accountId":2.5}]`),
		okBody("entitlements", `[{"points":"NaN","token":{"a":1},"description":["x"]}]`),
		`{"status":"0","entitlements":"x"}`,
		`{"status":0,"entitlements":[{"serialNumber":"S"`,
		`{"status":-1,"message":"Entitlement not found.","error":{"errorCode":3}}`,
		`{"status":0,"entitlements":[],"vms":[{"serialNumber":"V"}]}`,
		`[]`, ``, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := decodeEnvelope(200, body)
		if err != nil || !env.ok() {
			return
		}
		check := func(ep endpoint, err error) {
			if err == nil {
				return
			}
			var fe *Error
			require.True(t, errors.As(err, &fe), "an *Error: %v", err)
			require.NotEmpty(t, fe.Message)
			require.ErrorIs(t, err, ErrUnexpectedResponse)
			require.Equal(t, !ep.safe, errors.Is(err, ErrOutcomeUnknown))
		}
		list, err := decodeEntitlementList(env, epEntitlementsVMCreate)
		check(epEntitlementsVMCreate, err)
		for _, e := range list {
			b, err := json.Marshal(e)
			require.NoError(t, err)
			var back Entitlement
			require.NoError(t, json.Unmarshal(b, &back))
			require.Equal(t, e, back)
		}
		_, err = decodeEntitlementList(env, epEntitlementsList)
		check(epEntitlementsList, err)
		_, err = decodeEntitlementOne(env, epEntitlementsStop)
		check(epEntitlementsStop, err)
		_, err = decodeEntitlementPoints(env, epEntitlementsPoints)
		check(epEntitlementsPoints, err)
	})
}
