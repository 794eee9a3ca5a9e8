// Package cataloginfo is fortiflexvm_catalog_info: the FortiFlex product
// types and their parameters, from the built-in catalogue or from the API.
package cataloginfo

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_catalog_info.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_catalog_info",
	Short: "FortiFlex product types and their parameters",
	Description: []string{
		"Returns the FortiFlex product types (FortiGate VM, FortiManager, FortiGate hardware, FortiSASE, ...) with their parameters, allowed values and ranges.",
		"C(source=builtin) (the default) returns the catalogue built into this collection, the one that checks the product dicts of the other modules; it needs no credentials and sends nothing.",
		"C(source=api) asks FortiFlex (C(tools/metadata)); product types and parameters that the built-in catalogue does not know are reported in a warning, so that a playbook can notice when FortiFlex has grown.",
		"Both sources give the shape of the API's C(tools/metadata) answer, with two additions: each product type's C(key) (the option name of its product dict, for example C(fortiGateBundle)) and each parameter's C(option) (its name inside that dict), null when the built-in catalogue does not know it.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "source", Type: ansiblemod.TypeStr, Default: "builtin", Choices: []string{"builtin", "api"},
			Description: []string{"Where the catalogue comes from."}},
		{Name: "product_type", Type: ansiblemod.TypeStr,
			Description: []string{"Only this product type: its key (for example C(fortiGateBundle)) or its numeric id (for example C(1))."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Read-only; runs the same in check mode."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: The parameters of a FortiGate VM bundle configuration
  flexgo.fortiflexvm.fortiflexvm_catalog_info:
    product_type: fortiGateBundle
  register: catalog

- name: Allowed service bundles
  ansible.builtin.debug:
    msg: "{{ (catalog.product_types[0].parameters | selectattr('option', 'equalto', 'service') | first).validValues | map(attribute='value') }}"

- name: What FortiFlex itself says (needs credentials)
  flexgo.fortiflexvm.fortiflexvm_catalog_info:
    source: api
  register: live
`,
	Return: `
source:
  description: Where the catalogue came from, C(builtin) or C(api).
  returned: always
  type: str
  sample: builtin
product_types:
  description: The product types, in the shape of the API's tools/metadata answer plus C(key) and C(option).
  returned: always
  type: list
  elements: dict
  contains:
    productTypeId:
      description: The product type id (the C(productTypeId) of configurations).
      type: int
      sample: 1
    name:
      description: The product type's long name.
      type: str
      sample: FortiGate Virtual Machine - Service Bundle
    key:
      description: The option name of its product dict in this collection; null when the built-in catalogue does not know it.
      type: str
      sample: fortiGateBundle
    formFactor:
      description: C(formFactorId) and C(name) (Virtual Machines, Hardware, Cloud Services).
      type: dict
      sample: {"formFactorId": 1, "name": "Virtual Machines"}
    parameters:
      description: The parameters.
      type: list
      elements: dict
      sample: [{"parameterId": 1, "name": "Number of CPUs", "option": "cpu", "type": "NUMERIC", "minValue": 1, "maxValue": 96, "step": 1, "validValues": []}]
`,
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	p := req.Params
	filter := strings.TrimSpace(p.String("product_type"))
	filterID := 0
	if filter != "" {
		if n, err := strconv.Atoi(filter); err == nil {
			filterID = n
		} else if prod, ok := catalog.ProductByKey(filter); ok {
			filterID = prod.ID
		} else {
			return ansiblemod.Fail("product_type %q is neither a product type id nor one of %s", filter, strings.Join(common.ProductKeys(), ", "))
		}
	}

	var types []catalog.MetadataProductType
	if p.String("source") == "api" {
		c, err := common.Client(req, res)
		if err != nil {
			return err
		}
		meta, err := c.ToolsMetadata(ctx)
		if err != nil {
			return err
		}
		types = fromAPI(meta)
		warnUnknown(res, types)
	} else {
		types = catalog.Metadata().ProductTypes
	}

	out := []map[string]any{}
	for _, t := range types {
		if filterID != 0 && t.ProductTypeID != filterID {
			continue
		}
		out = append(out, enrich(t))
	}
	if filterID != 0 && len(out) == 0 {
		return ansiblemod.Fail("product type %s is not in the %s catalogue", filter, p.String("source"))
	}
	res.Set("source", p.String("source"))
	res.Set("product_types", out)
	return nil
}

// fromAPI converts the client's metadata to the catalogue's shape.
func fromAPI(meta []fortiflex.ProductTypeMeta) []catalog.MetadataProductType {
	out := make([]catalog.MetadataProductType, 0, len(meta))
	for _, m := range meta {
		t := catalog.MetadataProductType{
			ProductTypeID: m.ProductTypeID, Name: m.Name,
			FormFactor: catalog.MetadataFormFactor{FormFactorID: m.FormFactorID, Name: m.FormFactor},
			Parameters: make([]catalog.MetadataParameter, 0, len(m.Parameters)),
		}
		for _, prm := range m.Parameters {
			mp := catalog.MetadataParameter{ParameterID: prm.ParameterID, Name: prm.Name, Type: prm.Type,
				MinValue: prm.MinValue, MaxValue: prm.MaxValue, Step: prm.Step, ValidValues: []catalog.MetadataValue{}}
			for _, v := range prm.ValidValues {
				mp.ValidValues = append(mp.ValidValues, catalog.MetadataValue{Value: v.Value, Description: v.Description})
			}
			t.Parameters = append(t.Parameters, mp)
		}
		out = append(out, t)
	}
	return out
}

// enrich adds the product dict key and the parameter option names.
func enrich(t catalog.MetadataProductType) map[string]any {
	var key any
	prod, known := catalog.ProductByID(t.ProductTypeID)
	if known {
		key = prod.Key
	}
	params := make([]map[string]any, 0, len(t.Parameters))
	for _, prm := range t.Parameters {
		var option any
		if pp, pprm, ok := catalog.ParamByID(prm.ParameterID); ok && pp.ID == t.ProductTypeID {
			option = pprm.Name
		}
		params = append(params, map[string]any{
			"parameterId": prm.ParameterID, "name": prm.Name, "option": option, "type": prm.Type,
			"minValue": intOrNil(prm.MinValue), "maxValue": intOrNil(prm.MaxValue), "step": intOrNil(prm.Step),
			"validValues": prm.ValidValues,
		})
	}
	return map[string]any{
		"productTypeId": t.ProductTypeID, "name": t.Name, "key": key,
		"formFactor": map[string]any{"formFactorId": t.FormFactor.FormFactorID, "name": t.FormFactor.Name},
		"parameters": params,
	}
}

func intOrNil(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// warnUnknown names what FortiFlex knows and the built-in catalogue does not.
func warnUnknown(res *ansiblemod.Result, types []catalog.MetadataProductType) {
	var unknown []string
	for _, t := range types {
		if _, ok := catalog.ProductByID(t.ProductTypeID); !ok {
			unknown = append(unknown, "product type "+strconv.Itoa(t.ProductTypeID)+" ("+t.Name+")")
			continue
		}
		for _, prm := range t.Parameters {
			if pp, _, ok := catalog.ParamByID(prm.ParameterID); !ok || pp.ID != t.ProductTypeID {
				unknown = append(unknown, "parameter "+strconv.Itoa(prm.ParameterID)+" ("+prm.Name+") of product type "+strconv.Itoa(t.ProductTypeID))
			}
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		res.Warn("FortiFlex knows %d product type(s) or parameter(s) that this collection's catalogue does not: %s. Use them with bypass_validation and raw parameter ids", len(unknown), strings.Join(unknown, "; "))
	}
}
