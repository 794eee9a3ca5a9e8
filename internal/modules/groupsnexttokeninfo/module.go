// Package groupsnexttokeninfo is fortiflexvm_groups_nexttoken_info: the
// first unused VM token of a folder, configuration or account.
package groupsnexttokeninfo

import (
	"context"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_groups_nexttoken_info.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_groups_nexttoken_info",
	Short: "Get the next unused FortiFlex VM token",
	Description: []string{
		"Returns the first VM entitlement whose token is unused (C(NOTUSED)) in a folder, a configuration or an account.",
		"Give at least one of C(accountId), C(configId) and C(folderPath).",
		"FortiFlex does not reserve the token: two callers at the same time can get the same one.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{
		Options: []ansiblemod.Option{
			{Name: "accountId", Type: ansiblemod.TypeInt,
				Description: []string{"Look in this FortiCloud account.",
					"fortinet.fortiflexvm declares it as a string; a number or a numeric string both work here."}},
			{Name: "configId", Type: ansiblemod.TypeInt,
				Description: []string{"Look in this configuration."}},
			{Name: "folderPath", Type: ansiblemod.TypeStr,
				Description: []string{"Look in this asset folder, for example C(My Assets/branch)."}},
			{Name: "status", Type: ansiblemod.TypeList, Elements: ansiblemod.TypeStr, Choices: []string{"ACTIVE", "PENDING", "STOPPED", "EXPIRED"},
				Description: []string{"Entitlement statuses to accept, for example C([ACTIVE, PENDING])."}},
		},
		RequiredOneOf: [][]string{{"accountId", "configId", "folderPath"}},
	},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Read-only; runs the same in check mode."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: Next unused token of a folder
  flexgo.fortiflexvm.fortiflexvm_groups_nexttoken_info:
    folderPath: My Assets/branch
    status: [PENDING]
  register: next
  no_log: true

- name: License a new FortiGate VM with it
  ansible.builtin.set_fact:
    vm_token: "{{ next.entitlements[0].token }}"
  no_log: true
`,
	Return: common.EntitlementsReturn,
	Run:    common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	if err := common.CheckIDs(req.Params, "accountId", "configId"); err != nil {
		return err
	}
	p := req.Params
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	list, err := c.GroupsNextToken(ctx, fortiflex.NextTokenOptions{
		AccountID:  p.IntPtr("accountId"),
		ConfigID:   p.IntPtr("configId"),
		FolderPath: p.String("folderPath"),
		Status:     p.Strings("status"),
	})
	if err != nil {
		return common.APIError(ctx, err)
	}
	res.Set("entitlements", common.EntitlementsOutput(list))
	return nil
}
