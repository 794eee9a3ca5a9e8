package conformance

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// scenario is one row of TestScenarios: a client call against a fresh
// simulator (after setup, for rows that need earlier steps), and either a
// success checked by check (the result and follow-up reads) or a failure.
type scenario struct {
	name  string
	setup func(t *testing.T, e *env)
	call  func(ctx context.Context, e *env) (any, error)
	fail  *apiFailure
	check func(t *testing.T, e *env, got any)
}

// Parameter sets valid for the demo programs.
var (
	fgtParams = []fortiflex.Parameter{{ID: 1, Value: "2"}, {ID: 2, Value: "FC"}}
	emsParams = []fortiflex.Parameter{{ID: 37, Value: "100"}, {ID: 38, Value: "0"}, {ID: 39, Value: "50"}, {ID: 40, Value: "0"}, {ID: 41, Value: "0"}, {ID: 42, Value: "BPS"}}
)

// emsRootConfig creates an EMS cloud configuration in the root account,
// which has no cloud entitlement yet, and returns its id.
func emsRootConfig(t *testing.T, e *env) int {
	t.Helper()
	c, err := e.rw.ConfigsCreate(ctxT(t), fortiflex.ConfigCreate{ProgramSerialNumber: prepaid, AccountID: ptr(rootAccount),
		Name: "ems-root", ProductTypeID: 204, Parameters: emsParams})
	require.NoError(t, err)
	return c.ID
}

// expiredVM creates a VM entitlement on cfgFGT ending today and moves the
// simulator clock two days on, so that it is EXPIRED; it returns its serial.
func expiredVM(t *testing.T, e *env) string {
	t.Helper()
	list, err := e.rw.EntitlementsVMCreate(ctxT(t), fortiflex.VMCreate{ConfigID: cfgFGT, Count: 1, Description: "short-lived", EndDate: simDay(0)})
	require.NoError(t, err)
	require.Len(t, list, 1)
	e.sim.AdvanceClock(48 * time.Hour)
	require.Equal(t, "EXPIRED", entitlement(t, e, cfgFGT, list[0].SerialNumber).Status)
	return list[0].SerialNumber
}

func TestScenarios(t *testing.T) {
	rows := []scenario{
		// ---- programs ----
		{
			name: "programs/list",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.ProgramsList(ctx) },
			check: func(t *testing.T, _ *env, got any) {
				ps := got.([]fortiflex.Program)
				require.Len(t, ps, 2)
				byserial := map[string]fortiflex.Program{}
				for _, p := range ps {
					byserial[p.SerialNumber] = p
				}
				require.Contains(t, byserial, prepaid)
				require.Contains(t, byserial, postpaid)
				assert.Equal(t, rootAccount, byserial[prepaid].AccountID)
				assert.True(t, byserial[prepaid].HasSupportCoverage)
				end, err := fortiflex.ParseTime(byserial[prepaid].EndDate)
				require.NoError(t, err)
				assert.Equal(t, simDay(0)[4:], end.Format("2006-01-02")[4:], "prepaid program ends on the same day two years on")
			},
		},
		{
			name: "programs/list as read-only user",
			call: func(ctx context.Context, e *env) (any, error) { return e.ro.ProgramsList(ctx) },
			check: func(t *testing.T, _ *env, got any) {
				assert.Len(t, got.([]fortiflex.Program), 2)
			},
		},
		{
			name: "programs/points",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.ProgramsPoints(ctx, prepaid) },
			check: func(t *testing.T, _ *env, got any) {
				bs := got.([]fortiflex.ProgramBalance)
				require.Len(t, bs, 1)
				assert.Equal(t, prepaid, bs[0].SerialNumber)
				assert.Equal(t, rootAccount, bs[0].AccountID)
				assert.Greater(t, bs[0].PointBalance, 0.0)
			},
		},
		{
			name: "programs/points of a postpaid program",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.ProgramsPoints(ctx, postpaid) },
			fail: badRequest("Program ELAVMS0000000518 is not a prepaid program; point balance is available for prepaid programs only."),
		},
		{
			name: "programs/points of an unknown program",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.ProgramsPoints(ctx, "ELAVMR0000009999") },
			fail: &apiFailure{http: 400, msg: "Program ELAVMR0000009999 not found.", is: fortiflex.ErrNotFound},
		},

		// ---- configs ----
		{
			name: "configs/list of a program",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsList(ctx, fortiflex.ConfigListOptions{ProgramSerialNumber: prepaid})
			},
			check: func(t *testing.T, _ *env, got any) {
				cs := got.([]fortiflex.Configuration)
				ids := []int{}
				status := map[int]string{}
				for _, c := range cs {
					ids = append(ids, c.ID)
					status[c.ID] = c.Status
				}
				assert.ElementsMatch(t, []int{cfgFGT, cfgFMG, cfgHW, cfgEMS, cfgDisabled}, ids)
				assert.Equal(t, "DISABLED", status[cfgDisabled], "configs/list includes DISABLED configurations")
				fgt := cs[slices.IndexFunc(cs, func(c fortiflex.Configuration) bool { return c.ID == cfgFGT })]
				assert.Equal(t, 1, fgt.ProductType.ID)
				assert.Equal(t, []string{"4"}, paramValues(fgt.Parameters, 1))
				assert.Equal(t, []string{"FGTAVDB", "FGTFAIS"}, paramValues(fgt.Parameters, 43), "a multi-value parameter is repeated ids")
			},
		},
		{
			name: "configs/list of one account",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsList(ctx, fortiflex.ConfigListOptions{ProgramSerialNumber: prepaid, AccountID: ptr(tenantAccount)})
			},
			check: func(t *testing.T, _ *env, got any) {
				var ids []int
				for _, c := range got.([]fortiflex.Configuration) {
					ids = append(ids, c.ID)
					assert.Equal(t, tenantAccount, c.AccountID)
				}
				assert.ElementsMatch(t, []int{cfgHW, cfgEMS, cfgDisabled}, ids)
			},
		},
		{
			name: "configs/list of an unknown account",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsList(ctx, fortiflex.ConfigListOptions{ProgramSerialNumber: prepaid, AccountID: ptr(999)})
			},
			fail: badRequest("Account 999 not found."),
		},
		{
			name: "configs/create",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsCreate(ctx, fortiflex.ConfigCreate{ProgramSerialNumber: prepaid, Name: "conformance-fgt", ProductTypeID: 1, Parameters: fgtParams})
			},
			check: func(t *testing.T, e *env, got any) {
				c := got.(*fortiflex.Configuration)
				assert.Equal(t, 5006, c.ID, "ids are global and increasing")
				assert.Equal(t, "ACTIVE", c.Status)
				assert.Equal(t, rootAccount, c.AccountID, "default account: the program's")
				assert.Equal(t, 1, c.ProductType.ID)
				assert.Equal(t, []string{"2"}, paramValues(c.Parameters, 1))
				assert.Equal(t, []string{"FC"}, paramValues(c.Parameters, 2))
				listed := config(t, e, prepaid, c.ID)
				assert.Equal(t, "conformance-fgt", listed.Name)
				assert.Equal(t, c.Parameters, listed.Parameters)
			},
		},
		{
			name: "configs/create with a parameter out of range",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsCreate(ctx, fortiflex.ConfigCreate{ProgramSerialNumber: prepaid, Name: "too-big", ProductTypeID: 1,
					Parameters: []fortiflex.Parameter{{ID: 1, Value: "200"}, {ID: 2, Value: "FC"}}})
			},
			fail: badRequest("Invalid value for Parameter id 1."),
			check: func(t *testing.T, e *env, _ any) {
				cs, err := e.rw.ConfigsList(ctxT(t), fortiflex.ConfigListOptions{ProgramSerialNumber: prepaid})
				require.NoError(t, err)
				assert.Len(t, cs, 5, "nothing created")
			},
		},
		{
			name: "configs/create without a required parameter",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsCreate(ctx, fortiflex.ConfigCreate{ProgramSerialNumber: prepaid, Name: "no-service", ProductTypeID: 1,
					Parameters: []fortiflex.Parameter{{ID: 1, Value: "2"}}})
			},
			fail: badRequest("Parameter id 2 is required."),
		},
		{
			name: "configs/create with another product's parameter",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsCreate(ctx, fortiflex.ConfigCreate{ProgramSerialNumber: prepaid, Name: "mixed", ProductTypeID: 1,
					Parameters: append(slices.Clone(fgtParams), fortiflex.Parameter{ID: 30, Value: "5"})})
			},
			fail: badRequest("Parameter id 30 does not belong to product type 1."),
		},
		{
			name: "configs/create of an unknown product type",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsCreate(ctx, fortiflex.ConfigCreate{ProgramSerialNumber: prepaid, Name: "nope", ProductTypeID: 99, Parameters: fgtParams})
			},
			fail: &apiFailure{http: 400, msg: "Product type 99 not found.", is: fortiflex.ErrNotFound},
		},
		{
			name: "configs/create by a read-only user",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.ro.ConfigsCreate(ctx, fortiflex.ConfigCreate{ProgramSerialNumber: prepaid, Name: "ro", ProductTypeID: 1, Parameters: fgtParams})
			},
			fail: &apiFailure{http: 403, msg: "Permission denied.", raw: "read-only", is: fortiflex.ErrForbidden},
		},
		{
			name: "configs/update name and parameters",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsUpdate(ctx, fortiflex.ConfigUpdate{ID: cfgFGT, Name: ptr("fgt-vm-8cpu"),
					Parameters: []fortiflex.Parameter{{ID: 1, Value: "8"}, {ID: 2, Value: "UTP"}}})
			},
			check: func(t *testing.T, e *env, got any) {
				c := got.(*fortiflex.Configuration)
				assert.Equal(t, "fgt-vm-8cpu", c.Name)
				listed := config(t, e, prepaid, cfgFGT)
				assert.Equal(t, "fgt-vm-8cpu", listed.Name)
				assert.Equal(t, []string{"8"}, paramValues(listed.Parameters, 1))
				assert.Equal(t, []string{"NONE"}, paramValues(listed.Parameters, 43), "a full new set: omitted multi-values reset")
			},
		},
		{
			name: "configs/update of a DISABLED configuration (it stays DISABLED)",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsUpdate(ctx, fortiflex.ConfigUpdate{ID: cfgDisabled, Name: ptr("renamed")})
			},
			check: func(t *testing.T, e *env, _ any) {
				c := config(t, e, prepaid, cfgDisabled)
				assert.Equal(t, "renamed", c.Name)
				assert.Equal(t, "DISABLED", c.Status)
			},
		},
		{
			name: "configs/update with a parameter out of range",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsUpdate(ctx, fortiflex.ConfigUpdate{ID: cfgFGT, Parameters: []fortiflex.Parameter{{ID: 1, Value: "0"}, {ID: 2, Value: "FC"}}})
			},
			fail: badRequest("Invalid value for Parameter id 1."),
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, []string{"4"}, paramValues(config(t, e, prepaid, cfgFGT).Parameters, 1))
			},
		},
		{
			name: "configs/update of an unknown configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ConfigsUpdate(ctx, fortiflex.ConfigUpdate{ID: 9999, Name: ptr("x")})
			},
			fail: &apiFailure{http: 400, msg: "Configuration not found.", is: fortiflex.ErrNotFound},
		},
		{
			name: "configs/disable",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.ConfigsDisable(ctx, cfgFGT) },
			check: func(t *testing.T, e *env, got any) {
				assert.Equal(t, "DISABLED", got.(*fortiflex.Configuration).Status)
				assert.Equal(t, "DISABLED", config(t, e, prepaid, cfgFGT).Status)
				assert.Equal(t, "ACTIVE", entitlement(t, e, cfgFGT, vmActive).Status, "entitlements keep their status")
			},
		},
		{
			name: "configs/enable",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.ConfigsEnable(ctx, cfgDisabled) },
			check: func(t *testing.T, e *env, got any) {
				assert.Equal(t, "ACTIVE", got.(*fortiflex.Configuration).Status)
				assert.Equal(t, "ACTIVE", config(t, e, prepaid, cfgDisabled).Status)
			},
		},
		{
			name: "configs/enable of an unknown configuration",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.ConfigsEnable(ctx, 9999) },
			fail: &apiFailure{http: 400, msg: "Configuration not found.", is: fortiflex.ErrNotFound},
		},
		{
			name: "configs/disable by a read-only user",
			call: func(ctx context.Context, e *env) (any, error) { return e.ro.ConfigsDisable(ctx, cfgFGT) },
			fail: &apiFailure{http: 403, msg: "Permission denied.", is: fortiflex.ErrForbidden},
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, "ACTIVE", config(t, e, prepaid, cfgFGT).Status)
			},
		},

		// ---- entitlements: list and create ----
		{
			name: "entitlements/list of a configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: ptr(cfgFGT)})
			},
			check: func(t *testing.T, _ *env, got any) {
				list := got.([]fortiflex.Entitlement)
				assert.ElementsMatch(t, []string{vmPending, vmActive, vmStopped}, serials(list))
				for _, x := range list {
					assert.Equal(t, cfgFGT, x.ConfigID)
					assert.Equal(t, rootAccount, x.AccountID)
					assert.NotEmpty(t, x.Token)
					_, err := fortiflex.ParseTime(x.StartDate)
					assert.NoError(t, err, "startDate %q", x.StartDate)
				}
			},
		},
		{
			name: "entitlements/list of an account in a program, filtered",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsList(ctx, fortiflex.EntitlementListOptions{AccountID: ptr(tenantAccount), ProgramSerialNumber: prepaid, Status: "ACTIVE"})
			},
			check: func(t *testing.T, _ *env, got any) {
				list := got.([]fortiflex.Entitlement)
				assert.ElementsMatch(t, []string{hwSerial, cloudSerial}, serials(list))
				for _, x := range list {
					assert.Empty(t, x.Token, "hardware and cloud entitlements have no token")
					assert.Empty(t, x.TokenStatus)
				}
			},
		},
		{
			name: "entitlements/list of an unknown configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: ptr(9999)})
			},
			fail: &apiFailure{http: 400, msg: "Configuration not found.", is: fortiflex.ErrNotFound},
		},
		{
			name: "entitlements/list with an invalid status filter",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: ptr(cfgFGT), Status: "RUNNING"})
			},
			fail: badRequest("Invalid value for status."),
		},
		{
			name: "entitlements/vm/create",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: cfgFGT, Count: 2, Description: "conformance", EndDate: simDay(200), FolderPath: "My Assets/lab"})
			},
			check: func(t *testing.T, e *env, got any) {
				list := got.([]fortiflex.Entitlement)
				require.Len(t, list, 2)
				assert.Equal(t, []string{"FGVMELTM25000001", "FGVMELTM25000002"}, serials(list))
				for _, x := range list {
					assert.Equal(t, "PENDING", x.Status)
					assert.Equal(t, "NOTUSED", x.TokenStatus)
					assert.NotEmpty(t, x.Token)
					assert.Equal(t, "conformance", x.Description)
					end, err := fortiflex.ParseTime(x.EndDate)
					require.NoError(t, err)
					assert.Equal(t, simDay(200), end.Format("2006-01-02"))
				}
				listed, err := e.rw.EntitlementsList(ctxT(t), fortiflex.EntitlementListOptions{ConfigID: ptr(cfgFGT), Description: "conformance"})
				require.NoError(t, err)
				assert.ElementsMatch(t, serials(list), serials(listed))
				groups, err := e.rw.GroupsList(ctxT(t), ptr(rootAccount))
				require.NoError(t, err)
				assert.Contains(t, groups, fortiflex.Group{FolderPath: "My Assets/lab", AccountID: rootAccount, AvailableTokens: 2})
			},
		},
		{
			name: "entitlements/vm/create skipPending",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: cfgFGT, Count: 1, SkipPending: true})
			},
			check: func(t *testing.T, e *env, got any) {
				list := got.([]fortiflex.Entitlement)
				require.Len(t, list, 1)
				assert.Equal(t, "ACTIVE", list[0].Status)
				assert.Equal(t, "ACTIVE", entitlement(t, e, cfgFGT, list[0].SerialNumber).Status)
			},
		},
		{
			name: "entitlements/vm/create on a DISABLED configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: cfgDisabled, Count: 1})
			},
			fail: badRequest("Configuration 5004 is disabled."),
			check: func(t *testing.T, e *env, _ any) {
				assert.Empty(t, entitlements(t, e, cfgDisabled))
			},
		},
		{
			name: "entitlements/vm/create on an unknown configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: 9999, Count: 1})
			},
			fail: &apiFailure{http: 400, msg: "Configuration not found.", is: fortiflex.ErrNotFound},
		},
		{
			name: "entitlements/vm/create on a hardware configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: cfgHW, Count: 1})
			},
			fail: badRequest("Configuration 5002 is not a VM configuration."),
		},
		{
			name: "entitlements/vm/create with endDate in the past",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: cfgFGT, Count: 1, EndDate: simDay(-1)})
			},
			fail: badRequest("endDate must not be before today."),
			check: func(t *testing.T, e *env, _ any) {
				assert.Len(t, entitlements(t, e, cfgFGT), 3, "nothing created")
			},
		},
		{
			name: "entitlements/vm/create with endDate after the program end",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: cfgFGT, Count: 1, EndDate: simEpoch.AddDate(2, 0, 1).Format("2006-01-02")})
			},
			fail: badRequest("endDate must not be after the program end date."),
		},
		{
			name: "entitlements/vm/create with too many",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: cfgFGT, Count: 1001})
			},
			fail: badRequest("count must be between 1 and 1000."),
		},
		{
			name: "entitlements/vm/create outside My Assets",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: cfgFGT, Count: 1, FolderPath: "Elsewhere"})
			},
			fail: badRequest("Invalid value for folderPath."),
		},
		{
			name: "entitlements/vm/create by a read-only user",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.ro.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: cfgFGT, Count: 1})
			},
			fail: &apiFailure{http: 403, msg: "Permission denied.", is: fortiflex.ErrForbidden},
			check: func(t *testing.T, e *env, _ any) {
				assert.Len(t, entitlements(t, e, cfgFGT), 3, "nothing created")
			},
		},
		{
			name: "entitlements/hardware/create",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsHardwareCreate(ctx, fortiflex.HardwareCreate{ConfigID: cfgHW, SerialNumbers: []string{"FGT60FTK25000001", "FGT60FTK25000002"}})
			},
			check: func(t *testing.T, e *env, got any) {
				list := got.([]fortiflex.Entitlement)
				assert.Equal(t, []string{"FGT60FTK25000001", "FGT60FTK25000002"}, serials(list))
				for _, x := range list {
					assert.Equal(t, "ACTIVE", x.Status)
					assert.Equal(t, tenantAccount, x.AccountID)
					assert.Empty(t, x.Token)
				}
				assert.ElementsMatch(t, []string{hwSerial, "FGT60FTK25000001", "FGT60FTK25000002"}, serials(entitlements(t, e, cfgHW)))
			},
		},
		{
			name: "entitlements/hardware/create of a serial already registered",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsHardwareCreate(ctx, fortiflex.HardwareCreate{ConfigID: cfgHW, SerialNumbers: []string{"FGT60FTK25000009", hwSerial}})
			},
			fail: badRequest("Serial number FGT60FTK24000001 is already registered."),
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, []string{hwSerial}, serials(entitlements(t, e, cfgHW)), "all or nothing")
			},
		},
		{
			name: "entitlements/hardware/create on a VM configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsHardwareCreate(ctx, fortiflex.HardwareCreate{ConfigID: cfgFGT, SerialNumbers: []string{"FGT60FTK25000001"}})
			},
			fail: badRequest("Configuration 5000 is not a Hardware configuration."),
		},
		{
			name: "entitlements/hardware/remove",
			call: func(ctx context.Context, e *env) (any, error) {
				return nil, e.rw.EntitlementsHardwareRemove(ctx, []string{hwSerial})
			},
			check: func(t *testing.T, e *env, _ any) {
				assert.Empty(t, entitlements(t, e, cfgHW))
			},
		},
		{
			name: "entitlements/hardware/remove of a VM entitlement",
			call: func(ctx context.Context, e *env) (any, error) {
				return nil, e.rw.EntitlementsHardwareRemove(ctx, []string{vmActive})
			},
			fail: badRequest("Entitlement FGVMELTM24000002 is not a hardware entitlement."),
		},
		{
			name: "entitlements/hardware/remove of an unknown serial",
			call: func(ctx context.Context, e *env) (any, error) {
				return nil, e.rw.EntitlementsHardwareRemove(ctx, []string{hwSerial, "FGT60FTK29999999"})
			},
			fail: &apiFailure{http: 400, msg: "Entitlement not found.", is: fortiflex.ErrNotFound},
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, []string{hwSerial}, serials(entitlements(t, e, cfgHW)), "all or nothing")
			},
		},
		{
			name: "entitlements/cloud/create",
			setup: func(t *testing.T, e *env) {
				require.Equal(t, 5006, emsRootConfig(t, e))
			},
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsCloudCreate(ctx, fortiflex.CloudCreate{ConfigID: 5006, Description: "ems-root"})
			},
			check: func(t *testing.T, e *env, got any) {
				list := got.([]fortiflex.Entitlement)
				require.Len(t, list, 1)
				assert.Equal(t, "FCTEMS0000000102", list[0].SerialNumber)
				assert.Equal(t, "ACTIVE", list[0].Status)
				assert.Equal(t, rootAccount, list[0].AccountID)
				assert.Empty(t, list[0].Token)
				assert.Equal(t, []string{"FCTEMS0000000102"}, serials(entitlements(t, e, 5006)))
			},
		},
		{
			name: "entitlements/cloud/create a second time for the same product and account",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsCloudCreate(ctx, fortiflex.CloudCreate{ConfigID: cfgEMS})
			},
			fail: badRequest("Account 853131 already has an entitlement for product type 204."),
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, []string{cloudSerial}, serials(entitlements(t, e, cfgEMS)))
			},
		},
		{
			name: "entitlements/cloud/create a second time after a first success",
			setup: func(t *testing.T, e *env) {
				id := emsRootConfig(t, e)
				_, err := e.rw.EntitlementsCloudCreate(ctxT(t), fortiflex.CloudCreate{ConfigID: id})
				require.NoError(t, err)
			},
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsCloudCreate(ctx, fortiflex.CloudCreate{ConfigID: 5006})
			},
			fail: badRequest("Account 853130 already has an entitlement for product type 204."),
		},
		{
			name: "entitlements/cloud/create with endDate after the program end",
			setup: func(t *testing.T, e *env) {
				emsRootConfig(t, e)
			},
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsCloudCreate(ctx, fortiflex.CloudCreate{ConfigID: 5006, EndDate: simEpoch.AddDate(3, 0, 0).Format("2006-01-02")})
			},
			fail: badRequest("endDate must not be after the program end date."),
		},

		// ---- entitlements: changes ----
		{
			name: "entitlements/update description and end date",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsUpdate(ctx, fortiflex.EntitlementUpdate{SerialNumber: vmActive, ConfigID: ptr(cfgFGT), Description: ptr("branch-b"), EndDate: ptr(simDay(100))})
			},
			check: func(t *testing.T, e *env, got any) {
				x := got.(*fortiflex.Entitlement)
				assert.Equal(t, "branch-b", x.Description)
				listed := entitlement(t, e, cfgFGT, vmActive)
				assert.Equal(t, "branch-b", listed.Description)
				end, err := fortiflex.ParseTime(listed.EndDate)
				require.NoError(t, err)
				assert.Equal(t, simDay(100), end.Format("2006-01-02"))
			},
		},
		{
			name: "entitlements/update moves to another configuration",
			setup: func(t *testing.T, e *env) {
				c, err := e.rw.ConfigsCreate(ctxT(t), fortiflex.ConfigCreate{ProgramSerialNumber: prepaid, Name: "fgt-2", ProductTypeID: 1, Parameters: fgtParams})
				require.NoError(t, err)
				require.Equal(t, 5006, c.ID)
			},
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsUpdate(ctx, fortiflex.EntitlementUpdate{SerialNumber: vmStopped, ConfigID: ptr(5006)})
			},
			check: func(t *testing.T, e *env, got any) {
				assert.Equal(t, 5006, got.(*fortiflex.Entitlement).ConfigID)
				assert.Equal(t, "STOPPED", entitlement(t, e, 5006, vmStopped).Status)
				assert.NotContains(t, serials(entitlements(t, e, cfgFGT)), vmStopped)
			},
		},
		{
			name: "entitlements/update of an EXPIRED entitlement",
			setup: func(t *testing.T, e *env) {
				require.Equal(t, "FGVMELTM25000001", expiredVM(t, e))
			},
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsUpdate(ctx, fortiflex.EntitlementUpdate{SerialNumber: "FGVMELTM25000001", ConfigID: ptr(cfgFGT), Description: ptr("again")})
			},
			fail: badRequest("Entitlement status EXPIRED cannot be updated."),
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, "short-lived", entitlement(t, e, cfgFGT, "FGVMELTM25000001").Description)
			},
		},
		{
			name: "entitlements/update end date of a STOPPED entitlement",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsUpdate(ctx, fortiflex.EntitlementUpdate{SerialNumber: vmStopped, EndDate: ptr(simDay(30))})
			},
			fail: badRequest("The end date of a STOPPED entitlement cannot be changed."),
		},
		{
			name: "entitlements/update with endDate in the past",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsUpdate(ctx, fortiflex.EntitlementUpdate{SerialNumber: vmActive, EndDate: ptr(simDay(-3))})
			},
			fail: badRequest("endDate must not be before today."),
		},
		{
			name: "entitlements/update to a configuration of another product type",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsUpdate(ctx, fortiflex.EntitlementUpdate{SerialNumber: vmActive, ConfigID: ptr(cfgFMG)})
			},
			fail: badRequest("Configuration 5001 has a different product type."),
		},
		{
			name: "entitlements/update of an unknown entitlement",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsUpdate(ctx, fortiflex.EntitlementUpdate{SerialNumber: "FGVMELTM29999999", Description: ptr("x")})
			},
			fail: &apiFailure{http: 400, msg: "Entitlement not found.", is: fortiflex.ErrNotFound},
		},
		{
			name: "entitlements/stop",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.EntitlementsStop(ctx, vmActive) },
			check: func(t *testing.T, e *env, got any) {
				x := got.(*fortiflex.Entitlement)
				assert.Equal(t, "STOPPED", x.Status)
				assert.Equal(t, "USED", x.TokenStatus, "tokenStatus unchanged")
				assert.Equal(t, "STOPPED", entitlement(t, e, cfgFGT, vmActive).Status)
			},
		},
		{
			name: "entitlements/stop a PENDING entitlement",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.EntitlementsStop(ctx, vmPending) },
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, "STOPPED", entitlement(t, e, cfgFGT, vmPending).Status)
			},
		},
		{
			name: "entitlements/stop a STOPPED entitlement",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.EntitlementsStop(ctx, vmStopped) },
			fail: badRequest("Entitlement status STOPPED cannot be stopped."),
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, "STOPPED", entitlement(t, e, cfgFGT, vmStopped).Status)
			},
		},
		{
			name: "entitlements/stop an unknown entitlement",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.EntitlementsStop(ctx, "FGVMELTM29999999") },
			fail: &apiFailure{http: 400, msg: "Entitlement not found.", is: fortiflex.ErrNotFound},
		},
		{
			name: "entitlements/stop by a read-only user",
			call: func(ctx context.Context, e *env) (any, error) { return e.ro.EntitlementsStop(ctx, vmActive) },
			fail: &apiFailure{http: 403, msg: "Permission denied.", raw: "read-only", is: fortiflex.ErrForbidden},
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, "ACTIVE", entitlement(t, e, cfgFGT, vmActive).Status)
			},
		},
		{
			name: "entitlements/reactivate",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.EntitlementsReactivate(ctx, vmStopped) },
			check: func(t *testing.T, e *env, got any) {
				x := got.(*fortiflex.Entitlement)
				assert.Equal(t, "ACTIVE", x.Status)
				assert.Equal(t, "USED", x.TokenStatus)
				assert.Equal(t, "ACTIVE", entitlement(t, e, cfgFGT, vmStopped).Status)
			},
		},
		{
			name: "entitlements/reactivate after stop",
			setup: func(t *testing.T, e *env) {
				_, err := e.rw.EntitlementsStop(ctxT(t), vmActive)
				require.NoError(t, err)
			},
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.EntitlementsReactivate(ctx, vmActive) },
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, "ACTIVE", entitlement(t, e, cfgFGT, vmActive).Status)
			},
		},
		{
			name: "entitlements/reactivate a PENDING entitlement",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.EntitlementsReactivate(ctx, vmPending) },
			fail: badRequest("Entitlement status PENDING cannot be reactivated."),
			check: func(t *testing.T, e *env, _ any) {
				assert.Equal(t, "PENDING", entitlement(t, e, cfgFGT, vmPending).Status)
			},
		},
		{
			name: "entitlements/reactivate an ACTIVE entitlement",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.EntitlementsReactivate(ctx, vmActive) },
			fail: &apiFailure{http: 400, msg: "Entitlement is already ACTIVE.", raw: `"errorCode"`},
		},
		{
			name: "entitlements/reactivate an EXPIRED entitlement",
			setup: func(t *testing.T, e *env) {
				expiredVM(t, e)
			},
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsReactivate(ctx, "FGVMELTM25000001")
			},
			fail: badRequest("Entitlement status EXPIRED cannot be reactivated."),
		},
		{
			name: "entitlements/vm/token",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.EntitlementsRegenerateToken(ctx, vmActive) },
			check: func(t *testing.T, e *env, got any) {
				x := got.(*fortiflex.Entitlement)
				assert.NotEmpty(t, x.Token)
				assert.Equal(t, "NOTUSED", x.TokenStatus)
				assert.Equal(t, "ACTIVE", x.Status, "status unchanged")
				listed := entitlement(t, e, cfgFGT, vmActive)
				assert.Equal(t, x.Token, listed.Token)
				assert.Equal(t, "NOTUSED", listed.TokenStatus)
			},
		},
		{
			name: "entitlements/vm/token gives a new token",
			call: func(ctx context.Context, e *env) (any, error) {
				old, err := e.rw.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: ptr(cfgFGT), SerialNumber: vmPending})
				if err != nil {
					return nil, err
				}
				x, err := e.rw.EntitlementsRegenerateToken(ctx, vmPending)
				if err != nil {
					return nil, err
				}
				return [2]string{old[0].Token, x.Token}, nil
			},
			check: func(t *testing.T, _ *env, got any) {
				toks := got.([2]string)
				assert.NotEmpty(t, toks[1])
				assert.NotEqual(t, toks[0], toks[1])
			},
		},
		{
			name: "entitlements/vm/token of a hardware entitlement",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.EntitlementsRegenerateToken(ctx, hwSerial) },
			fail: badRequest("Entitlement FGT60FTK24000001 is not a VM entitlement."),
		},
		{
			name: "entitlements/points of a configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsPoints(ctx, fortiflex.PointsOptions{StartDate: simDay(-30), EndDate: simDay(-1), ConfigID: ptr(cfgFGT)})
			},
			check: func(t *testing.T, _ *env, got any) {
				pts := map[string]float64{}
				for _, p := range got.([]fortiflex.EntitlementPoints) {
					pts[p.SerialNumber] = p.Points
					assert.Equal(t, rootAccount, p.AccountID)
				}
				require.Len(t, pts, 3, "a row per entitlement in scope")
				assert.Greater(t, pts[vmActive], 0.0, "ACTIVE for 40 days")
				assert.Zero(t, pts[vmPending], "PENDING is not charged")
			},
		},
		{
			name: "entitlements/points of one entitlement in an account",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsPoints(ctx, fortiflex.PointsOptions{StartDate: simDay(-10), EndDate: simDay(-1),
					AccountID: ptr(tenantAccount), ProgramSerialNumber: prepaid, SerialNumber: hwSerial})
			},
			check: func(t *testing.T, _ *env, got any) {
				pts := got.([]fortiflex.EntitlementPoints)
				require.Len(t, pts, 1)
				assert.Equal(t, hwSerial, pts[0].SerialNumber)
				assert.Greater(t, pts[0].Points, 0.0)
			},
		},
		{
			name: "entitlements/points of an unknown configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsPoints(ctx, fortiflex.PointsOptions{StartDate: simDay(-10), EndDate: simDay(-1), ConfigID: ptr(9999)})
			},
			fail: &apiFailure{http: 400, msg: "Configuration not found.", is: fortiflex.ErrNotFound},
		},
		{
			name: "entitlements/transfer to an equivalent configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsTransfer(ctx, fortiflex.Transfer{SourceAccountID: rootAccount, SourceConfigID: cfgFGT, TargetAccountID: tenantAccount, SerialNumbers: []string{vmActive}})
			},
			check: func(t *testing.T, e *env, got any) {
				list := got.([]fortiflex.Entitlement)
				require.Len(t, list, 1)
				assert.Equal(t, tenantAccount, list[0].AccountID)
				assert.Equal(t, 5006, list[0].ConfigID, "a copy of the source configuration in the target account")
				moved, err := e.rw.EntitlementsList(ctxT(t), fortiflex.EntitlementListOptions{AccountID: ptr(tenantAccount), ProgramSerialNumber: prepaid, SerialNumber: vmActive})
				require.NoError(t, err)
				require.Len(t, moved, 1)
				assert.Equal(t, 5006, moved[0].ConfigID)
				assert.NotContains(t, serials(entitlements(t, e, cfgFGT)), vmActive)
				assert.Equal(t, tenantAccount, config(t, e, prepaid, 5006).AccountID)
			},
		},
		{
			name: "entitlements/transfer to a given configuration",
			setup: func(t *testing.T, e *env) {
				_, err := e.rw.ConfigsCreate(ctxT(t), fortiflex.ConfigCreate{ProgramSerialNumber: prepaid, AccountID: ptr(tenantAccount), Name: "tenant-fgt", ProductTypeID: 1, Parameters: fgtParams})
				require.NoError(t, err)
			},
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsTransfer(ctx, fortiflex.Transfer{SourceAccountID: rootAccount, SourceConfigID: cfgFGT, TargetAccountID: tenantAccount,
					TargetConfigID: ptr(5006), SerialNumbers: []string{vmPending, vmStopped}})
			},
			check: func(t *testing.T, e *env, _ any) {
				assert.ElementsMatch(t, []string{vmPending, vmStopped}, serials(entitlements(t, e, 5006)))
				assert.Equal(t, []string{vmActive}, serials(entitlements(t, e, cfgFGT)))
			},
		},
		{
			name: "entitlements/transfer within one account",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsTransfer(ctx, fortiflex.Transfer{SourceAccountID: rootAccount, SourceConfigID: cfgFGT, TargetAccountID: rootAccount, SerialNumbers: []string{vmActive}})
			},
			fail: badRequest("sourceAccountId and targetAccountId must differ."),
		},
		{
			name: "entitlements/transfer to a DISABLED configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsTransfer(ctx, fortiflex.Transfer{SourceAccountID: rootAccount, SourceConfigID: cfgFGT, TargetAccountID: tenantAccount,
					TargetConfigID: ptr(cfgDisabled), SerialNumbers: []string{vmActive}})
			},
			fail: badRequest("Configuration 5004 is disabled."),
			check: func(t *testing.T, e *env, _ any) {
				assert.Contains(t, serials(entitlements(t, e, cfgFGT)), vmActive)
			},
		},
		{
			name: "entitlements/transfer of another configuration's entitlement",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.EntitlementsTransfer(ctx, fortiflex.Transfer{SourceAccountID: rootAccount, SourceConfigID: cfgFGT, TargetAccountID: tenantAccount, SerialNumbers: []string{fmgActive}})
			},
			fail: badRequest("Entitlement FMVMELTM24000001 does not belong to configuration 5000."),
		},

		// ---- groups ----
		{
			name: "groups/list v1 without an account",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.GroupsList(ctx, nil) },
			check: func(t *testing.T, e *env, got any) {
				assert.Equal(t, []fortiflex.Group{
					{FolderPath: "My Assets", AvailableTokens: 2, UsedTokens: 1},
					{FolderPath: "My Assets/branch", UsedTokens: 2},
				}, got.([]fortiflex.Group))
				assert.Equal(t, 1, requests(e.sim, "flexvm/v1/groups/list"))
				assert.Zero(t, requests(e.sim, "fortiflex/v2/groups/list"))
			},
		},
		{
			name: "groups/list v2 of an account",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.GroupsList(ctx, ptr(rootAccount)) },
			check: func(t *testing.T, e *env, got any) {
				assert.Equal(t, []fortiflex.Group{
					{FolderPath: "My Assets", AccountID: rootAccount, AvailableTokens: 2, UsedTokens: 1},
					{FolderPath: "My Assets/branch", AccountID: rootAccount, UsedTokens: 2},
				}, got.([]fortiflex.Group))
				assert.Equal(t, 1, requests(e.sim, "fortiflex/v2/groups/list"))
			},
		},
		{
			name: "groups/list v2 of an account without VM entitlements",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.GroupsList(ctx, ptr(tenantAccount)) },
			check: func(t *testing.T, _ *env, got any) {
				assert.NotNil(t, got.([]fortiflex.Group))
				assert.Empty(t, got.([]fortiflex.Group))
			},
		},
		{
			name: "groups/list v2 of an unknown account",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.GroupsList(ctx, ptr(999)) },
			fail: &apiFailure{http: 400, msg: "Account 999 not found.", is: fortiflex.ErrNotFound},
		},
		{
			name: "groups/nexttoken of a configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.GroupsNextToken(ctx, fortiflex.NextTokenOptions{ConfigID: ptr(cfgFGT)})
			},
			check: func(t *testing.T, e *env, got any) {
				list := got.([]fortiflex.Entitlement)
				require.Len(t, list, 1)
				assert.Equal(t, vmPending, list[0].SerialNumber)
				assert.Equal(t, "NOTUSED", list[0].TokenStatus)
				assert.Equal(t, entitlement(t, e, cfgFGT, vmPending).Token, list[0].Token)
			},
		},
		{
			name: "groups/nexttoken of a folder with a status filter",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.GroupsNextToken(ctx, fortiflex.NextTokenOptions{FolderPath: "My Assets", Status: []string{"ACTIVE"}})
			},
			check: func(t *testing.T, _ *env, got any) {
				assert.Equal(t, []string{"FGVMELTM24000004"}, serials(got.([]fortiflex.Entitlement)))
			},
		},
		{
			name: "groups/nexttoken after the last token was redeemed",
			setup: func(t *testing.T, e *env) {
				require.NoError(t, e.sim.Redeem(vmPending))
			},
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.GroupsNextToken(ctx, fortiflex.NextTokenOptions{ConfigID: ptr(cfgFGT)})
			},
			fail: badRequest("No available tokens."),
		},
		{
			name: "groups/nexttoken with none left",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.GroupsNextToken(ctx, fortiflex.NextTokenOptions{ConfigID: ptr(cfgFMG)})
			},
			fail: badRequest("No available tokens."),
		},
		{
			name: "groups/nexttoken of an unknown configuration",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.GroupsNextToken(ctx, fortiflex.NextTokenOptions{ConfigID: ptr(9999)})
			},
			fail: &apiFailure{http: 400, msg: "Configuration not found.", is: fortiflex.ErrNotFound},
		},

		// ---- tools ----
		{
			name: "tools/calc",
			call: func(ctx context.Context, e *env) (any, error) {
				one, err := e.rw.ToolsCalc(ctx, fortiflex.CalcRequest{ProgramSerialNumber: prepaid, Count: 1, ProductTypeID: 1, Parameters: fgtParams})
				if err != nil {
					return nil, err
				}
				three, err := e.rw.ToolsCalc(ctx, fortiflex.CalcRequest{ProgramSerialNumber: prepaid, Count: 3, ProductTypeID: 1, Parameters: fgtParams})
				if err != nil {
					return nil, err
				}
				return [2]*fortiflex.Points{one, three}, nil
			},
			check: func(t *testing.T, _ *env, got any) {
				p := got.([2]*fortiflex.Points)
				assert.Greater(t, p[0].Current, 0.0)
				assert.InDelta(t, 3*p[0].Current, p[1].Current, 0.011, "current is for the whole count")
				assert.Nil(t, p[1].Latest)
				assert.Empty(t, p[1].LatestEffectiveDate)
			},
		},
		{
			name: "tools/calc of a cloud product",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ToolsCalc(ctx, fortiflex.CalcRequest{ProgramSerialNumber: prepaid, Count: 1, ProductTypeID: 204, Parameters: emsParams})
			},
			check: func(t *testing.T, _ *env, got any) {
				assert.Greater(t, got.(*fortiflex.Points).Current, 0.0)
			},
		},
		{
			name: "tools/calc count > 1 for a cloud product",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ToolsCalc(ctx, fortiflex.CalcRequest{ProgramSerialNumber: prepaid, Count: 2, ProductTypeID: 204, Parameters: emsParams})
			},
			fail: badRequest("count must be 1 for cloud products."),
		},
		{
			name: "tools/calc with a parameter out of range",
			call: func(ctx context.Context, e *env) (any, error) {
				return e.rw.ToolsCalc(ctx, fortiflex.CalcRequest{ProgramSerialNumber: prepaid, Count: 1, ProductTypeID: 1,
					Parameters: []fortiflex.Parameter{{ID: 1, Value: "97"}, {ID: 2, Value: "FC"}}})
			},
			fail: badRequest("Invalid value for Parameter id 1."),
		},
		{
			name: "tools/metadata",
			call: func(ctx context.Context, e *env) (any, error) { return e.rw.ToolsMetadata(ctx) },
			check: func(t *testing.T, _ *env, got any) {
				byID := map[int]fortiflex.ProductTypeMeta{}
				for _, m := range got.([]fortiflex.ProductTypeMeta) {
					byID[m.ProductTypeID] = m
				}
				for _, id := range []int{1, 2, 101, 204} {
					assert.Contains(t, byID, id)
				}
				fgt := byID[1]
				assert.NotEmpty(t, fgt.Name)
				assert.NotZero(t, fgt.FormFactorID)
				i := slices.IndexFunc(fgt.Parameters, func(p fortiflex.ParameterMeta) bool { return p.ParameterID == 1 })
				require.GreaterOrEqual(t, i, 0, "parameter 1 of product 1")
				cpu := fgt.Parameters[i]
				assert.Equal(t, "NUMERIC", cpu.Type)
				require.NotNil(t, cpu.MinValue)
				require.NotNil(t, cpu.MaxValue)
				assert.Equal(t, 1, *cpu.MinValue)
				assert.Equal(t, 96, *cpu.MaxValue)
				j := slices.IndexFunc(fgt.Parameters, func(p fortiflex.ParameterMeta) bool { return p.ParameterID == 2 })
				require.GreaterOrEqual(t, j, 0)
				var codes []string
				for _, v := range fgt.Parameters[j].ValidValues {
					codes = append(codes, v.Value)
				}
				assert.Subset(t, codes, []string{"FC", "UTP", "ENT", "ATP"})
			},
		},
	}

	names := map[string]bool{}
	for _, row := range rows {
		require.False(t, names[row.name], "duplicate row %q", row.name)
		names[row.name] = true
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			if row.setup != nil {
				row.setup(t, e)
			}
			got, err := row.call(ctxT(t), e)
			if row.fail != nil {
				row.fail.check(t, err)
			} else {
				require.NoError(t, err)
			}
			if row.check != nil {
				row.check(t, e, got)
			}
		})
	}
}
