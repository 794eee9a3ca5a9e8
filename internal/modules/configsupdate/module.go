// Package configsupdate is fortiflexvm_configs_update: change a FortiFlex
// configuration's name, parameters or status, touching only what is given.
package configsupdate

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_configs_update.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_configs_update",
	Short: "Update a FortiFlex configuration",
	Description: []string{
		"Changes the name, product parameters or status (ACTIVE or DISABLED) of an existing FortiFlex configuration.",
		"Only what is given changes: parameters left out of the product dict keep their current values (fortinet.fortiflexvm reset them to defaults). When nothing differs, nothing is sent and the task reports C(changed=false).",
		"A change of parameters applies to every entitlement of the configuration; devices pick it up within hours.",
		"The configuration is found by its id among the configurations of every program the API user can see.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: append(append([]ansiblemod.Option{
		{Name: "id", Type: ansiblemod.TypeInt, Required: true,
			Description: []string{"The id of the configuration to change."}},
		{Name: "name", Type: ansiblemod.TypeStr,
			Description: []string{"The new name; left out means unchanged."}},
		{Name: "status", Type: ansiblemod.TypeStr, Choices: []string{"ACTIVE", "DISABLED"},
			Description: []string{"Enable or disable the configuration; left out means unchanged.",
				"No entitlement can be created from a DISABLED configuration."}},
	}, common.ValidationOptions()...), common.ProductOptions(common.ForUpdate)...)},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Reads the configuration, sends no change and reports exactly what would change."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Shows the configuration before and after."},
	Examples: `
- name: Grow a FortiGate VM configuration to 8 vCPUs, keep everything else
  flexgo.fortiflexvm.fortiflexvm_configs_update:
    id: 5000
    fortiGateBundle:
      cpu: 8

- name: Disable a configuration
  flexgo.fortiflexvm.fortiflexvm_configs_update:
    id: 5004
    status: DISABLED
`,
	Return: `
configs:
  description:
    - The configuration after the change (in check mode, as it would be).
    - Its product parameters sit under a key named after the product type, keyed by parameter name.
  returned: success
  type: dict
  sample: {"id": 5000, "name": "edge-8cpu-utp", "programSerialNumber": "ELAVMR0000000101", "accountId": 853130, "status": "ACTIVE",
           "fortiGateBundle": {"cpu": "8", "service": "UTP", "vdom": "0", "fortiGuardServices": [], "cloudServices": [], "supportService": "NONE"}}
`,
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	p := req.Params
	if err := common.CheckIDs(p, "id"); err != nil {
		return err
	}
	id := p.Int("id")
	var newName *string
	if p.Given("name") && p.Raw("name") != nil {
		n := strings.TrimSpace(p.String("name"))
		if n == "" {
			return ansiblemod.Fail("name must not be empty; leave it out to keep the current name")
		}
		newName = &n
	}
	prod, values, err := common.SelectProduct(p, true)
	if err != nil {
		return err
	}
	bypass := p.Bool("bypass_validation")
	var given []fortiflex.Parameter
	if prod != nil {
		if !bypass {
			// The full check runs below on the merged values; here, catch
			// unknown names and bad types before anything is sent.
			if _, err := prod.Encode(values); err != nil {
				return ansiblemod.Fail("invalid product parameters: %v", err)
			}
		}
		if given, err = common.EncodeProduct(prod, values, common.ForUpdate); err != nil {
			return err
		}
	}

	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	cur, err := common.FindConfig(ctx, c, id)
	if err != nil {
		return common.APIError(ctx, err)
	}
	if cur == nil {
		return ansiblemod.Fail("configuration %d not found in any FortiFlex program this API user can see; check the id with fortiflexvm_configs_list_info", id)
	}
	curProd, known := catalog.ProductByID(cur.ProductType.ID)
	if prod != nil && (!known || curProd.ID != prod.ID) {
		kind := "product type " + strconv.Itoa(cur.ProductType.ID)
		if known {
			kind = curProd.Key
		}
		return ansiblemod.Fail("configuration %d is a %s configuration; its parameters go under %s, not %s (the product type of a configuration cannot change)", id, kind, kind, prod.Key)
	}

	// The parameters after the change: the current ones, with the given ids
	// replaced; read-only ones are never sent.
	after := *cur
	paramsChanged := false
	if prod != nil {
		merged := merge(prod, cur.Parameters, given)
		if !bypass {
			if err := checkMerged(prod, merged, values); err != nil {
				return err
			}
			if errs := prod.ValidateChange(common.FromParameters(cur.Parameters), common.FromParameters(merged)); len(errs) > 0 {
				msgs := make([]string, len(errs))
				for i, e := range errs {
					msgs[i] = e.Error()
				}
				return ansiblemod.Fail("invalid change: %s", strings.Join(msgs, "; "))
			}
			common.WarnProduct(res, prod, prod.Decode(common.FromParameters(merged)))
		}
		if !sameParams(prod, sendable(prod, cur.Parameters), merged) {
			paramsChanged = true
			after.Parameters = withReadOnly(prod, cur.Parameters, merged)
		}
	}
	nameChanged := newName != nil && *newName != cur.Name
	if nameChanged {
		after.Name = *newName
	}
	wantStatus := p.String("status")
	statusChanged := wantStatus != "" && wantStatus != cur.Status
	if statusChanged {
		after.Status = wantStatus
	}

	res.Changed = paramsChanged || nameChanged || statusChanged
	res.SetDiff(common.ConfigOutput(*cur), common.ConfigOutput(after))
	if !res.Changed || req.CheckMode {
		res.Set("configs", common.ConfigOutput(after))
		return nil
	}

	final := *cur
	enableFirst := statusChanged && wantStatus == "ACTIVE"
	// Enable and disable are not repeated when their answer is lost; the
	// configuration is read again instead.
	settle := func(cfg *fortiflex.Configuration, err error, status string) error {
		if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
			if now, rerr := common.FindConfig(ctx, c, id); rerr == nil && now != nil && now.Status == status {
				final = *now
				return nil
			}
		}
		if err != nil {
			return common.APIError(ctx, err)
		}
		final = *cfg
		return nil
	}
	if enableFirst {
		cfg, err := c.ConfigsEnable(ctx, id)
		if err := settle(cfg, err, "ACTIVE"); err != nil {
			return err
		}
	}
	if paramsChanged || nameChanged {
		upd := fortiflex.ConfigUpdate{ID: id}
		if nameChanged {
			upd.Name = newName
		}
		if paramsChanged {
			upd.Parameters = sendable(prod, after.Parameters)
		}
		cfg, err := c.ConfigsUpdate(ctx, upd)
		if err != nil {
			return common.APIError(ctx, err)
		}
		final = *cfg
	}
	if statusChanged && !enableFirst {
		cfg, err := c.ConfigsDisable(ctx, id)
		if err := settle(cfg, err, "DISABLED"); err != nil {
			return err
		}
	}
	res.Set("configs", common.ConfigOutput(final))
	res.SetDiff(common.ConfigOutput(*cur), common.ConfigOutput(final))
	return nil
}

// readOnly reports whether id is a read-only parameter of prod.
func readOnly(prod *catalog.Product, id int) bool {
	for _, prm := range prod.Params {
		if prm.ID == id {
			return prm.Kind == catalog.ReadOnly
		}
	}
	return false
}

// sendable drops read-only parameters.
func sendable(prod *catalog.Product, params []fortiflex.Parameter) []fortiflex.Parameter {
	var out []fortiflex.Parameter
	for _, e := range params {
		if !readOnly(prod, e.ID) {
			out = append(out, e)
		}
	}
	return out
}

// merge replaces, in the sendable current parameters, every id that given
// has by given's entries.
func merge(prod *catalog.Product, cur, given []fortiflex.Parameter) []fortiflex.Parameter {
	replaced := map[int]bool{}
	for _, g := range given {
		replaced[g.ID] = true
	}
	var out []fortiflex.Parameter
	for _, e := range sendable(prod, cur) {
		if !replaced[e.ID] {
			out = append(out, e)
		}
	}
	out = append(out, given...)
	order := map[int]int{}
	for i, prm := range prod.Params {
		order[prm.ID] = i
	}
	rank := func(id int) int {
		if r, ok := order[id]; ok {
			return r
		}
		return len(prod.Params) + id
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i].ID) < rank(out[j].ID) })
	return out
}

// withReadOnly is merged plus the current read-only values, for the
// predicted result.
func withReadOnly(prod *catalog.Product, cur, merged []fortiflex.Parameter) []fortiflex.Parameter {
	out := append([]fortiflex.Parameter(nil), merged...)
	for _, e := range cur {
		if readOnly(prod, e.ID) {
			out = append(out, e)
		}
	}
	return out
}

// checkMerged validates the configuration as it would be, but reports only
// problems with the parameters the user gave or with the whole product: a
// legacy value the configuration already holds (a retired "UTM" bundle)
// must not block a change to another parameter.
func checkMerged(prod *catalog.Product, merged []fortiflex.Parameter, given map[string]any) error {
	var keep []string
	for _, err := range prod.Validate(prod.Decode(common.FromParameters(merged))) {
		var ve *catalog.ValidationError
		if errors.As(err, &ve) && ve.Param != "" {
			if _, ok := given[ve.Param]; !ok {
				continue
			}
		}
		keep = append(keep, err.Error())
	}
	return common.ValidationFailure(keep)
}

// sameParams compares two parameter sets as sets of (id, value), with
// numbers compared by value and NONE standing for an empty list.
func sameParams(prod *catalog.Product, a, b []fortiflex.Parameter) bool {
	key := func(list []fortiflex.Parameter) []string {
		var out []string
		for _, e := range list {
			v := strings.TrimSpace(e.Value)
			if n, err := strconv.Atoi(v); err == nil {
				v = strconv.Itoa(n)
			}
			out = append(out, strconv.Itoa(e.ID)+"="+v)
		}
		sort.Strings(out)
		return out
	}
	ka, kb := key(a), key(b)
	if len(ka) != len(kb) {
		return false
	}
	for i := range ka {
		if ka[i] != kb[i] {
			return false
		}
	}
	return true
}
