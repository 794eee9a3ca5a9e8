// Package entitlementslistinfo is fortiflexvm_entitlements_list_info: the
// entitlements of a configuration, or of an account in a program.
package entitlementslistinfo

import (
	"context"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_entitlements_list_info.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_entitlements_list_info",
	Short: "List FortiFlex entitlements",
	Description: []string{
		"Lists the entitlements (VM, hardware and cloud) of one configuration, or of one account in one program.",
		"Give C(configId), or C(accountId) together with C(programSerialNumber); the other options narrow the list down.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{
		Options: []ansiblemod.Option{
			{Name: "configId", Type: ansiblemod.TypeInt,
				Description: []string{"The entitlements of this configuration."}},
			{Name: "accountId", Type: ansiblemod.TypeInt,
				Description: []string{"The entitlements of this FortiCloud account; needs C(programSerialNumber)."}},
			{Name: "programSerialNumber", Type: ansiblemod.TypeStr,
				Description: []string{"The program of the account given in C(accountId)."}},
			{Name: "serialNumber", Type: ansiblemod.TypeStr,
				Description: []string{"Only the entitlement with this serial number."}},
			{Name: "status", Type: ansiblemod.TypeStr, Choices: []string{"ACTIVE", "PENDING", "STOPPED", "EXPIRED"},
				Description: []string{"Only entitlements in this status."}},
			{Name: "tokenStatus", Type: ansiblemod.TypeStr, Choices: []string{"USED", "NOTUSED"},
				Description: []string{"Only VM entitlements whose token is in this status."}},
			{Name: "description", Type: ansiblemod.TypeStr,
				Description: []string{"Only entitlements with exactly this description."}},
		},
		RequiredTogether: [][]string{{"accountId", "programSerialNumber"}},
		RequiredOneOf:    [][]string{{"configId", "accountId"}},
	},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Read-only; runs the same in check mode."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: The unused VM tokens of a configuration
  flexgo.fortiflexvm.fortiflexvm_entitlements_list_info:
    configId: 5000
    tokenStatus: NOTUSED
  register: unused

- name: Every STOPPED entitlement of an account in a program
  flexgo.fortiflexvm.fortiflexvm_entitlements_list_info:
    accountId: 853130
    programSerialNumber: ELAVMR0000000101
    status: STOPPED
  register: stopped
`,
	Return: common.EntitlementsReturn,
	Run:    common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	if err := common.CheckIDs(req.Params, "configId", "accountId"); err != nil {
		return err
	}
	p := req.Params
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{
		ConfigID:            p.IntPtr("configId"),
		AccountID:           p.IntPtr("accountId"),
		ProgramSerialNumber: p.String("programSerialNumber"),
		SerialNumber:        p.String("serialNumber"),
		Status:              p.String("status"),
		TokenStatus:         p.String("tokenStatus"),
		Description:         p.String("description"),
	})
	if err != nil {
		return common.APIError(ctx, err)
	}
	res.Set("entitlements", common.EntitlementsOutput(list))
	return nil
}
