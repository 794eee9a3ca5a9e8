// Package entitlementsvmregeneratetoken is
// fortiflexvm_entitlements_vm_regenerate_token: give a VM entitlement a new
// license token.
package entitlementsvmregeneratetoken

import (
	"context"
	"errors"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_entitlements_vm_regenerate_token.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_entitlements_vm_regenerate_token",
	Short: "Regenerate the license token of a FortiFlex VM entitlement",
	Description: []string{
		"Gives a VM entitlement a new license token (status unchanged, token C(NOTUSED)); the old token stops working. Use it after a token leaked, or to license a redeployed VM.",
		"Each run with C(regenerate=true) makes a new token, as in fortinet.fortiflexvm. To regenerate only a used token, use the declarative module fortiflexvm_entitlement of this collection (C(token_unused: true)).",
		"If the answer is lost, the request is not sent again (a second new token would replace the first); the task fails and says how to read the current token.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "serialNumber", Type: ansiblemod.TypeStr, Required: true,
			Description: []string{"The VM entitlement's serial number."}},
		{Name: "regenerate", Type: ansiblemod.TypeBool, Required: true,
			Description: []string{"C(true) regenerates the token; C(false) does nothing."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Reads the entitlement and fails as the real run would when it is unknown or has no token (hardware, cloud); otherwise reports C(changed) as C(regenerate) and regenerates nothing."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: New token for a redeployed VM
  flexgo.fortiflexvm.fortiflexvm_entitlements_vm_regenerate_token:
    serialNumber: FGVMELTM24000002
    regenerate: true
  register: fresh
  no_log: true   # the result holds the new license token
`,
	Return: common.EntitlementsReturn,
	Run:    common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	p := req.Params
	serial := strings.TrimSpace(p.String("serialNumber"))
	if serial == "" {
		return ansiblemod.Fail("serialNumber must not be empty")
	}
	if !p.Bool("regenerate") {
		res.Set("entitlements", []any{})
		return nil
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	if req.CheckMode {
		cur, err := common.FindEntitlement(ctx, c, serial, nil)
		if err != nil {
			return err
		}
		if cur == nil {
			return ansiblemod.Fail("entitlement %s not found in any FortiFlex program this API user can see; check the serial number with fortiflexvm_entitlements_list_info", serial)
		}
		if cur.Token == "" {
			return ansiblemod.Fail("entitlement %s has no license token to regenerate: it is a hardware or cloud entitlement", serial)
		}
		res.Changed = true
		res.Set("entitlements", []any{})
		return nil
	}
	res.Changed = true
	e, err := c.EntitlementsRegenerateToken(ctx, serial)
	if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
		return ansiblemod.Fail("FortiFlex entitlements/vm/token did not answer (%s): the token of %s may have been regenerated. The request was not sent again (a second regeneration would replace the first token). Read the current token with fortiflexvm_entitlements_list_info (its configId and serialNumber: %s) before running the task again",
			common.LostDetail(err), serial, serial)
	}
	if err != nil {
		res.Changed = false
		return common.APIError(ctx, err)
	}
	res.Set("entitlements", []any{common.EntitlementOutput(*e)})
	return nil
}
