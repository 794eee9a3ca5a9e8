// Package groupslistinfo is fortiflexvm_groups_list_info: the asset folders
// that hold FortiFlex entitlements, with their token counts.
package groupslistinfo

import (
	"context"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_groups_list_info.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_groups_list_info",
	Short: "List the asset folders (groups) that hold FortiFlex entitlements",
	Description: []string{
		"Lists the FortiCloud asset folders that hold FortiFlex VM entitlements, with how many of their tokens are used and unused.",
		"Without C(accountId) the legacy FlexVM v1 call is made, as fortinet.fortiflexvm does; with it, the v2 call for that account.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "accountId", Type: ansiblemod.TypeInt,
			Description: []string{"Only the folders of this FortiCloud account.",
				"fortinet.fortiflexvm declares it as a string; a number or a numeric string both work here."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Read-only; runs the same in check mode."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: Folders of an account
  flexgo.fortiflexvm.fortiflexvm_groups_list_info:
    accountId: 853130
  register: groups

- name: Folders that still have unused tokens
  ansible.builtin.debug:
    msg: "{{ groups.groups | selectattr('availableTokens', 'gt', 0) | map(attribute='folderPath') | list }}"
`,
	Return: `
groups:
  description: The folders, empty when there are none.
  returned: always
  type: list
  elements: dict
  contains:
    folderPath:
      description: The folder path.
      type: str
      sample: My Assets/branch
    accountId:
      description: The account of the folder; absent (null) on the call without C(accountId).
      type: int
      sample: 853130
    availableTokens:
      description: Unused VM tokens in the folder.
      type: int
      sample: 3
    usedTokens:
      description: Used VM tokens in the folder.
      type: int
      sample: 7
`,
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	if err := common.CheckIDs(req.Params, "accountId"); err != nil {
		return err
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	acct := req.Params.IntPtr("accountId")
	groups, err := c.GroupsList(ctx, acct)
	if err != nil {
		return common.APIError(ctx, err)
	}
	out := make([]map[string]any, 0, len(groups))
	for _, g := range groups {
		var a any
		if g.AccountID != 0 {
			a = g.AccountID
		}
		out = append(out, map[string]any{"folderPath": g.FolderPath, "accountId": a, "availableTokens": g.AvailableTokens, "usedTokens": g.UsedTokens})
	}
	res.Set("groups", out)
	return nil
}
