// Package entitlementshardwarecreate is
// fortiflexvm_entitlements_hardware_create: register hardware serial numbers
// with a FortiFlex hardware configuration.
package entitlementshardwarecreate

import (
	"context"
	"errors"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// maxSerials is how many serial numbers FortiFlex takes in one request.
const maxSerials = 100

// Module is fortiflexvm_entitlements_hardware_create.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_entitlements_hardware_create",
	Short: "Create FortiFlex hardware entitlements",
	Description: []string{
		"Registers hardware devices (FortiGate, FortiAP, FortiSwitch) by serial number with a hardware configuration; their entitlements start ACTIVE.",
		"Every run sends the create, as in fortinet.fortiflexvm; FortiFlex refuses a serial number that is already registered.",
		"If the answer is lost (network failure, server error), the request is not sent again; the module lists the configuration to see whether the serial numbers were registered.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "configId", Type: ansiblemod.TypeInt, Required: true,
			Description: []string{"The hardware configuration."}},
		{Name: "serialNumbers", Type: ansiblemod.TypeList, Elements: ansiblemod.TypeStr, Required: true,
			Description: []string{"Device serial numbers, at most 100, for example C(FGT60FTK19000010)."}},
		{Name: "endDate", Type: ansiblemod.TypeStr,
			Description: []string{"When the entitlements end, as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss; not in the past and not after the program's end. Left out: the program's end."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Reads the configuration and fails as the real run would when it is unknown, DISABLED or not a hardware one; otherwise reports C(changed=true) and registers nothing."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: Register two FortiGate 60F
  flexgo.fortiflexvm.fortiflexvm_entitlements_hardware_create:
    configId: 5002
    serialNumbers:
      - FGT60FTK24000101
      - FGT60FTK24000102
`,
	Return: common.EntitlementsReturn,
	Run:    common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	p := req.Params
	if err := common.CheckIDs(p, "configId"); err != nil {
		return err
	}
	cfgID := p.Int("configId")
	var serials []string
	seen := map[string]bool{}
	for _, s := range p.Strings("serialNumbers") {
		s = strings.TrimSpace(s)
		if s == "" {
			return ansiblemod.Fail("serialNumbers must not contain empty strings")
		}
		if seen[strings.ToUpper(s)] {
			return ansiblemod.Fail("serialNumbers lists %s twice", s)
		}
		seen[strings.ToUpper(s)] = true
		serials = append(serials, s)
	}
	if len(serials) == 0 {
		return ansiblemod.Fail("serialNumbers must list at least one serial number")
	}
	if len(serials) > maxSerials {
		return ansiblemod.Fail("serialNumbers lists %d serial numbers; FortiFlex takes at most %d per request, split them over several tasks", len(serials), maxSerials)
	}
	end, err := common.DateOption(p, "endDate")
	if err != nil {
		return err
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	if req.CheckMode {
		if _, err := common.CheckCreatable(ctx, c, cfgID, catalog.Hardware); err != nil {
			return err
		}
		res.Changed = true
		res.Set("entitlements", []any{})
		return nil
	}
	res.Changed = true
	list, err := c.EntitlementsHardwareCreate(ctx, fortiflex.HardwareCreate{ConfigID: cfgID, SerialNumbers: serials, EndDate: end})
	if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
		list, err = recoverLost(ctx, c, cfgID, serials, err)
	}
	if err != nil {
		res.Changed = false
		return common.APIError(ctx, err)
	}
	res.Set("entitlements", common.EntitlementsOutput(list))
	return nil
}

// recoverLost lists the configuration after a lost answer: when every
// serial number is there, the create happened.
func recoverLost(ctx context.Context, c *fortiflex.Client, cfgID int, serials []string, lost error) ([]fortiflex.Entitlement, error) {
	list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: &cfgID})
	if err != nil {
		return nil, common.APIError(ctx, lost)
	}
	by := map[string]fortiflex.Entitlement{}
	for _, e := range list {
		by[strings.ToUpper(e.SerialNumber)] = e
	}
	var found []fortiflex.Entitlement
	var missing []string
	for _, s := range serials {
		if e, ok := by[strings.ToUpper(s)]; ok {
			found = append(found, e)
		} else {
			missing = append(missing, s)
		}
	}
	switch {
	case len(missing) == 0:
		return found, nil
	case len(found) == 0:
		return nil, ansiblemod.Fail("FortiFlex entitlements/hardware/create did not answer (%s), and none of the serial numbers appeared in configuration %d, so none was registered. Running the task again is safe", common.LostDetail(lost), cfgID)
	}
	return nil, ansiblemod.Fail("FortiFlex entitlements/hardware/create did not answer (%s); configuration %d now holds %d of the serial numbers but not %s. Check with fortiflexvm_entitlements_list_info before running again",
		common.LostDetail(lost), cfgID, len(found), strings.Join(missing, ", "))
}
