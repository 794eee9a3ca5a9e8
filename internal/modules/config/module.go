// Package config is fortiflexvm_config, the declarative module of one
// FortiFlex configuration: it ensures that a configuration, found by its id
// or by program (+ account) and name, exists with the given product
// parameters (those not given keep their values) and is ACTIVE
// (state=present) or DISABLED (state=disabled). FortiFlex cannot delete a
// configuration. A second run with the same options changes nothing and
// sends only reads.
package config

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_config.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_config",
	Short: "Ensure a FortiFlex configuration exists with the given parameters and status",
	Description: []string{
		"Ensures that a FortiFlex configuration exists with the given product parameters and is ACTIVE (C(state=present)) or DISABLED (C(state=disabled)). FortiFlex cannot delete a configuration; C(state=disabled) is the closest, no entitlement can be created from it.",
		"The configuration is identified by C(config_id), or by C(name) within C(program_serial_number) (and C(account_id), when given). Found by name and absent, it is created from C(product_type) and C(parameters); found by id and absent, the task fails.",
		"Two or more configurations with the same name in the program make the name ambiguous: the task fails, lists their ids and asks for C(config_id).",
		"Only the parameters given change; the others keep their current values. When nothing differs, nothing is sent and the task reports C(changed=false): a second run sends only reads.",
		"C(parameters) are checked against the built-in catalogue (names, types, ranges, choices, scale-up-only rules) before anything is written, unless C(bypass_validation) is set; a configuration to be created must have every required parameter.",
		"A create whose answer is lost (network failure, server error) is never sent again: the program's configurations are listed again and the one new configuration with the name is adopted.",
		"Part of the declarative family of this collection (snake_case options); fortiflexvm_configs_create and fortiflexvm_configs_update are the fortinet.fortiflexvm-compatible modules.",
	},
	Notes: []string{
		"A change of parameters applies to every entitlement of the configuration; devices pick it up within hours.",
	},
	SeeAlso: []string{
		"flexgo.fortiflexvm.fortiflexvm_configs_list_info",
		"flexgo.fortiflexvm.fortiflexvm_catalog_info",
		"flexgo.fortiflexvm.fortiflexvm_tools_calc_info",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "name", Type: ansiblemod.TypeStr,
			Description: []string{
				"Without C(config_id): the identity, the name of the configuration within C(program_serial_number) (and C(account_id)); it is created with this name when absent.",
				"With C(config_id): the name the configuration should have (a rename); left out means unchanged.",
			}},
		{Name: "config_id", Type: ansiblemod.TypeInt,
			Description: []string{
				"The id of an existing configuration; it is looked for in every program the API user can see. One of C(config_id) and C(name) is required.",
				"When C(program_serial_number) or C(account_id) are given too, they must be the configuration's (a configuration cannot move).",
			}},
		{Name: "program_serial_number", Type: ansiblemod.TypeStr,
			Description: []string{"The program of the configuration, for example C(ELAVMR0000000101). Required with C(name) when C(config_id) is not given."}},
		{Name: "account_id", Type: ansiblemod.TypeInt,
			Description: []string{"The FortiCloud account of the configuration: the name is looked for only there, and a new configuration is created there. Default: the name is looked for in every account of the program, and a new configuration goes to the program's account."}},
		{Name: "product_type", Type: ansiblemod.TypeStr, Choices: common.ProductKeys(),
			Description: []string{
				"The product type, for example C(fortiGateBundle) (FortiGate VM), C(fortiManager), C(fortiGateHardware); fortiflexvm_catalog_info lists them with their parameters.",
				"Required to create a configuration and with C(parameters). An existing configuration must be of this type (the product type of a configuration cannot change).",
			}},
		{Name: "parameters", Type: ansiblemod.TypeDict,
			Description: []string{
				"The product parameters by their catalogue name, for example C({cpu: 4, service: UTP, fortiGuardServices: [FGTAVDB]}) for C(fortiGateBundle). Multi-value parameters are lists; an empty list clears them.",
				"Parameters left out keep their current values; when a configuration is created they get FortiFlex's defaults, and required ones must be given.",
				"Raw numeric parameter ids as keys (for example C('43': [FGTFCSS])) are accepted only with C(bypass_validation=true).",
			}},
		{Name: "state", Type: ansiblemod.TypeStr, Default: "present", Choices: []string{"present", "disabled"},
			Description: []string{
				"C(present): the configuration exists and is ACTIVE (a DISABLED one is enabled).",
				"C(disabled): the configuration exists and is DISABLED; no entitlement can be created from it, existing ones keep their status.",
			}},
		{Name: "bypass_validation", Type: ansiblemod.TypeBool, Default: false,
			Description: []string{
				"Send C(parameters) without checking them against the built-in catalogue; keys may then also be raw numeric parameter ids, for parameters this collection does not know yet.",
				"FortiFlex still validates what it receives.",
			}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full,
		Details: "Reads the configuration, sends no change, reports exactly what would change and returns the configuration as it would be (its C(id) null when it would be created). A configuration that would be created is fully checked against the catalogue, as in a real run. When the parameters would change or a configuration would be created, C(points_per_day) shows the effect on the daily points."},
	DiffMode: ansiblemod.Attribute{Support: ansiblemod.Full,
		Details: "Shows the configuration before (empty when it is created) and after, in the shape of the C(config) return value, and returns C(points_per_day) when the parameters change or a configuration is created."},
	Examples: `
- name: A FortiGate VM configuration with 4 vCPUs and UTP (created once, then left alone)
  flexgo.fortiflexvm.fortiflexvm_config:
    program_serial_number: ELAVMR0000000101
    name: edge-4cpu-utp
    product_type: fortiGateBundle
    parameters:
      cpu: 4
      service: UTP
      fortiGuardServices: [FGTAVDB, FGTFAIS]
  register: edge

- name: Its id, for the entitlement modules
  ansible.builtin.debug:
    msg: "{{ edge.config.id }}"

- name: Grow it to 8 vCPUs; service and FortiGuard services keep their values
  flexgo.fortiflexvm.fortiflexvm_config:
    program_serial_number: ELAVMR0000000101
    name: edge-4cpu-utp
    product_type: fortiGateBundle
    parameters:
      cpu: 8

- name: What would 16 vCPUs cost per day? (nothing is changed)
  flexgo.fortiflexvm.fortiflexvm_config:
    config_id: "{{ edge.config.id }}"
    product_type: fortiGateBundle
    parameters:
      cpu: 16
  check_mode: true
  register: preview

- name: Show the estimate
  ansible.builtin.debug:
    msg: "{{ preview.points_per_day.before }} now, {{ preview.points_per_day.after }} with 16 vCPUs"

- name: Rename a configuration known by its id
  flexgo.fortiflexvm.fortiflexvm_config:
    config_id: "{{ edge.config.id }}"
    name: edge-8cpu-utp

- name: A FortiManager configuration in a tenant account, disabled
  flexgo.fortiflexvm.fortiflexvm_config:
    program_serial_number: ELAVMR0000000101
    account_id: 853131
    name: tenant-fmg
    product_type: fortiManager
    parameters:
      device: 10
      adom: 2
    state: disabled
`,
	Return: `
config:
  description:
    - The configuration after the task; in check mode, as it would be.
    - Its product parameters sit under a key named after the product type, keyed by parameter name, as in fortiflexvm_configs_list_info.
  returned: success
  type: dict
  sample: {"id": 5120, "name": "edge-4cpu-utp", "programSerialNumber": "ELAVMR0000000101", "accountId": 853130, "status": "ACTIVE",
           "fortiGateBundle": {"cpu": "4", "service": "UTP", "vdom": "0", "fortiGuardServices": ["FGTAVDB", "FGTFAIS"],
                               "cloudServices": [], "supportService": "NONE"}}
  contains:
    id:
      description: The configuration id; null in check mode when the configuration would be created.
      type: int
      sample: 5120
    name:
      description: The configuration name.
      type: str
      sample: edge-4cpu-utp
    programSerialNumber:
      description: The program the configuration belongs to.
      type: str
      sample: ELAVMR0000000101
    accountId:
      description: The FortiCloud account that holds the configuration.
      type: int
      sample: 853130
    status:
      description: C(ACTIVE) or C(DISABLED).
      type: str
      sample: ACTIVE
points_per_day:
  description:
    - The daily points of one entitlement of the configuration, before and after the change, at the program's rates
      (FortiFlex's C(tools/calc)).
    - Returned in check mode and diff mode only, when the parameters change or a configuration is created.
    - When FortiFlex cannot estimate it, a warning says why and this key is left out; the task does not fail for it.
  returned: when the parameters change or a configuration is created, in check or diff mode
  type: dict
  contains:
    before:
      description: Points per day now; null when the configuration is created.
      type: float
      sample: 7.5
    after:
      description: Points per day after the change.
      type: float
      sample: 12.25
`,
	Run: common.Run(run),
}

// want is what the task asks for, checked before anything is sent.
type want struct {
	id        *int // config_id: the identity when set
	name      string
	nameGiven bool
	program   string
	acct      *int
	prod      *catalog.Product      // product_type, or nil
	values    map[string]any        // parameters, by name (empty when none)
	given     []fortiflex.Parameter // values encoded
	bypass    bool
	status    string // ACTIVE or DISABLED
}

// parse checks the options; nothing has been sent yet.
func parse(p ansiblemod.Params) (want, error) {
	var w want
	if err := common.CheckIDs(p, "config_id"); err != nil {
		return w, err
	}
	if acct := p.IntPtr("account_id"); acct != nil && *acct <= 0 {
		return w, ansiblemod.Fail("account_id must be a FortiCloud account id (a positive number), got %d", *acct)
	}
	w.id, w.acct = p.IntPtr("config_id"), p.IntPtr("account_id")
	w.program = strings.TrimSpace(p.String("program_serial_number"))
	w.bypass = p.Bool("bypass_validation")
	w.status = "ACTIVE"
	if p.String("state") == "disabled" {
		w.status = "DISABLED"
	}
	if p.Given("name") && p.Raw("name") != nil {
		w.name, w.nameGiven = strings.TrimSpace(p.String("name")), true
		if w.name == "" {
			return w, ansiblemod.Fail("name must not be empty")
		}
	}
	switch {
	case w.id == nil && !w.nameGiven:
		return w, ansiblemod.Fail("one of config_id or name is required: config_id finds an existing configuration by its id; name, with program_serial_number, finds a configuration by name or creates it")
	case w.id == nil && w.program == "":
		return w, ansiblemod.Fail("name without config_id needs program_serial_number: a configuration is found, or created, by name within a program")
	}
	w.values = p.Dict("parameters")
	if w.values == nil {
		w.values = map[string]any{}
	}
	if key := p.String("product_type"); key != "" {
		w.prod, _ = catalog.ProductByKey(key) // the choices made sure it exists
	}
	if len(w.values) == 0 {
		return w, nil
	}
	if w.prod == nil {
		return w, ansiblemod.Fail("parameters need product_type: parameter names depend on the product (for example product_type: fortiGateBundle; fortiflexvm_catalog_info lists the product types and their parameters)")
	}
	given, err := common.ProductUpdate(w.prod, w.values, w.bypass)
	if err != nil {
		return w, err
	}
	w.given = given
	if !w.bypass {
		if err := checkGiven(w.prod, w.values); err != nil {
			return w, err
		}
	}
	return w, nil
}

// checkGiven checks the values given on their own, before anything is sent:
// every problem with a given parameter (type, range, choice, step, ...) and
// raw ids without bypass_validation. Missing required parameters and rules
// between parameters depend on the configuration as it is (or on whether it
// is created), so they are checked later, still before any write.
func checkGiven(prod *catalog.Product, values map[string]any) error {
	var msgs []string
	for _, err := range prod.Validate(values) {
		var ve *catalog.ValidationError
		if errors.As(err, &ve) && ve.Param == "" && strings.HasPrefix(ve.Msg, "missing required") {
			continue // a missing parameter may be set already, or get its default
		}
		msgs = append(msgs, err.Error())
	}
	return common.ValidationFailure(msgs)
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	w, err := parse(req.Params)
	if err != nil {
		return err
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	if w.id != nil {
		cur, err := common.FindConfig(ctx, c, *w.id)
		if err != nil {
			return common.APIError(ctx, err)
		}
		if cur == nil {
			return ansiblemod.Fail("configuration %d not found in any FortiFlex program this API user can see; check the id with fortiflexvm_configs_list_info (to create a configuration, give name and program_serial_number instead of config_id)", *w.id)
		}
		if err := sameHome(*cur, w); err != nil {
			return err
		}
		return ensure(ctx, req, res, c, *cur, w)
	}

	list, err := c.ConfigsList(ctx, fortiflex.ConfigListOptions{ProgramSerialNumber: w.program, AccountID: w.acct})
	if err != nil {
		return common.APIError(ctx, err)
	}
	var found []fortiflex.Configuration
	for _, cfg := range list {
		if cfg.Name == w.name {
			found = append(found, cfg)
		}
	}
	switch len(found) {
	case 0:
		return create(ctx, req, res, c, w, list)
	case 1:
		return ensure(ctx, req, res, c, found[0], w)
	}
	ids := make([]int, len(found))
	for i, cfg := range found {
		ids[i] = cfg.ID
	}
	return ansiblemod.Fail("%d configurations are named %q in %s (ids %s); use config_id to choose one (with name, to rename it)", len(found), w.name, scope(w), joinInts(ids))
}

// scope names where a name was looked for, for messages.
func scope(w want) string {
	s := "program " + w.program
	if w.acct != nil {
		s += " account " + strconv.Itoa(*w.acct)
	}
	return s
}

// sameHome fails when program_serial_number or account_id, given with
// config_id, are not the configuration's: a configuration cannot move.
func sameHome(cur fortiflex.Configuration, w want) error {
	if (w.program == "" || strings.EqualFold(w.program, cur.ProgramSerialNumber)) && (w.acct == nil || *w.acct == cur.AccountID) {
		return nil
	}
	return ansiblemod.Fail("configuration %d belongs to program %s, account %d, not to the program_serial_number/account_id given; a configuration cannot move between programs or accounts",
		cur.ID, cur.ProgramSerialNumber, cur.AccountID)
}

// ensure brings an existing configuration to what is wanted.
func ensure(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result, c *fortiflex.Client, cur fortiflex.Configuration, w want) error {
	if w.prod != nil && w.prod.ID != cur.ProductType.ID {
		kind := "product type " + strconv.Itoa(cur.ProductType.ID)
		if p, ok := catalog.ProductByID(cur.ProductType.ID); ok {
			kind = p.Key
		}
		return ansiblemod.Fail("configuration %d (%q) is a %s configuration, not %s; the product type of a configuration cannot change (product_type must be %s, or choose another name to create a new configuration)",
			cur.ID, cur.Name, kind, w.prod.Key, kind)
	}
	cw := common.ConfigWant{Bypass: w.bypass, Status: w.status}
	if w.id != nil && w.nameGiven {
		cw.Name = &w.name
	}
	if len(w.values) > 0 {
		cw.Product, cw.Values, cw.Given = w.prod, w.values, w.given
	}
	ch, err := common.PlanConfigChange(res, cur, cw)
	if err != nil {
		return err
	}
	res.Changed = ch.Changed()
	before := common.ConfigOutput(ch.Before)
	res.SetDiff(before, common.ConfigOutput(ch.After))
	if ch.After.Name != cur.Name {
		warnSameName(ctx, res, c, ch.After)
	}
	if (req.CheckMode || req.Diff) && ch.ParamsChanged() {
		pointsFor(ctx, res, c, cur.ProgramSerialNumber, cur.ProductType.ID, cur.Parameters, ch.After.Parameters)
	}
	if !res.Changed || req.CheckMode {
		res.Set("config", common.ConfigOutput(ch.After))
		return nil
	}
	final, err := ch.Apply(ctx, c)
	if err != nil {
		return err
	}
	out := common.ConfigOutput(*final)
	res.Set("config", out)
	res.SetDiff(before, out)
	return nil
}

// create creates the configuration named w.name, then disables it when
// state=disabled. list are the configurations listed before (none of them
// has the name): a lost answer to the create is looked for among the new ones.
func create(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result, c *fortiflex.Client, w want, list []fortiflex.Configuration) error {
	if w.prod == nil {
		return ansiblemod.Fail("no configuration named %q in %s, and no product_type to create it with: set product_type (and parameters), or check the name with fortiflexvm_configs_list_info", w.name, scope(w))
	}
	if err := common.CheckProduct(w.prod, w.values, common.ForCreate, w.bypass); err != nil {
		return err
	}
	params, err := common.EncodeProduct(w.prod, w.values, common.ForCreate)
	if err != nil {
		return err
	}
	if !w.bypass {
		common.WarnProduct(res, w.prod, w.values)
	}
	res.Changed = true
	if req.CheckMode || req.Diff {
		pointsFor(ctx, res, c, w.program, w.prod.ID, nil, params)
	}
	if req.CheckMode {
		preview := fortiflex.Configuration{Name: w.name, ProgramSerialNumber: w.program, Status: w.status,
			ProductType: fortiflex.ProductType{ID: w.prod.ID}, Parameters: common.ToParameters(w.prod.WithDefaults(common.FromParameters(params)))}
		out := common.ConfigOutput(preview)
		out["id"] = nil
		out["accountId"] = programAccount(ctx, c, w)
		res.Set("config", out)
		res.SetDiff(map[string]any{}, out)
		return nil
	}
	created, err := common.CreateConfig(ctx, c, fortiflex.ConfigCreate{
		ProgramSerialNumber: w.program, AccountID: w.acct, Name: w.name, ProductTypeID: w.prod.ID, Parameters: params,
	}, list)
	if err != nil {
		return err
	}
	final := created
	if w.status == "DISABLED" {
		ch, err := common.PlanConfigChange(res, *created, common.ConfigWant{Status: "DISABLED"})
		if err == nil {
			final, err = ch.Apply(ctx, c)
		}
		if err != nil {
			res.Set("config", common.ConfigOutput(*created))
			return ansiblemod.Fail("configuration %d %q was created, but disabling it failed: %v. Run the task again to disable it", created.ID, created.Name, err)
		}
	}
	out := common.ConfigOutput(*final)
	res.Set("config", out)
	res.SetDiff(map[string]any{}, out)
	return nil
}

// programAccount is the account a configuration created without account_id
// goes to (the program's), for the check-mode prediction; nil when unknown.
func programAccount(ctx context.Context, c *fortiflex.Client, w want) any {
	if w.acct != nil {
		return *w.acct
	}
	p, err := common.FindProgram(ctx, c, w.program)
	if err != nil || p == nil {
		return nil
	}
	return p.AccountID
}

// warnSameName warns when a rename gives a configuration the name another
// configuration of its program already has: finding it by name would then
// fail as ambiguous. A failed read only skips the warning.
func warnSameName(ctx context.Context, res *ansiblemod.Result, c *fortiflex.Client, after fortiflex.Configuration) {
	list, err := c.ConfigsList(ctx, fortiflex.ConfigListOptions{ProgramSerialNumber: after.ProgramSerialNumber})
	if err != nil {
		return
	}
	var same []int
	for _, cfg := range list {
		if cfg.ID != after.ID && cfg.Name == after.Name {
			same = append(same, cfg.ID)
		}
	}
	if len(same) > 0 {
		res.Warn("configuration %s of program %s is already named %q; finding configuration %d by this name will fail as ambiguous", joinInts(same), after.ProgramSerialNumber, after.Name, after.ID)
	}
}

func joinInts(ids []int) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.Itoa(id)
	}
	return strings.Join(s, ", ")
}

// pointsFor sets points_per_day for one entitlement of the configuration
// with the parameters before (nil: it does not exist yet) and after.
func pointsFor(ctx context.Context, res *ansiblemod.Result, c *fortiflex.Client, program string, productID int, before, after []fortiflex.Parameter) {
	cfg := &fortiflex.Configuration{ProgramSerialNumber: program, ProductType: fortiflex.ProductType{ID: productID}}
	var b *common.Points
	if before != nil {
		b = &common.Points{Config: cfg, Params: before, Count: 1}
	}
	common.SetPointsPerDay(ctx, res, c, b, &common.Points{Config: cfg, Params: after, Count: 1})
}
