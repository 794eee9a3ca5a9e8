package common

import (
	"fmt"
	"sort"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// ProductUse says what a module does with a product dict; it changes the
// documentation of the parameters and which rules apply.
type ProductUse int

// Uses of the product dicts.
const (
	ForCreate ProductUse = iota // configs_create: required parameters must be given
	ForUpdate                   // configs_update: only the given parameters change
	ForCalc                     // tools_calc_info: read-only counts may be given
)

// ProductOptions returns one dict option per product type of the catalogue
// (fortiGateBundle, fortiManager, ..., fortiAppSec, fortiDLP), with the
// product's parameters as documented suboptions. The dicts are free-form so
// that bypass_validation can pass raw numeric parameter ids, as in the
// incumbent; the catalogue, not the argument spec, checks the values (see
// ProductValues), so every problem is reported at once with its rule.
func ProductOptions(use ProductUse) []ansiblemod.Option {
	var out []ansiblemod.Option
	for _, p := range catalog.Products() {
		var subs []ansiblemod.Option
		for _, prm := range p.Params {
			o := ansiblemod.Option{Name: prm.Name, Description: []string{prm.Description}}
			switch prm.Type {
			case "int":
				o.Type = ansiblemod.TypeInt
			case "list":
				o.Type, o.Elements = ansiblemod.TypeList, ansiblemod.TypeStr
			default:
				o.Type = ansiblemod.TypeStr
			}
			switch {
			case prm.Kind == catalog.ReadOnly && use == ForCalc && prm.ID == 47:
				o.Description = append(o.Description, "Required for a points estimate.")
			case prm.Kind == catalog.ReadOnly:
			case prm.Required && use == ForUpdate:
				o.Description = append(o.Description, "Required when the configuration is created; here, left out means unchanged.")
			case prm.Required:
				o.Description = append(o.Description, "Required.")
			case use == ForUpdate:
				o.Description = append(o.Description, "Left out means unchanged.")
			}
			subs = append(subs, o)
		}
		desc := []string{fmt.Sprintf("The parameters of a %s (product type %d) configuration.", p.Name, p.ID)}
		if p.Key == "fortiAppSec" || p.Key == "fortiDLP" {
			desc = append(desc, "Not in fortinet.fortiflexvm; the product type is documented by the FortiFlex API and the Terraform provider.")
		}
		out = append(out, ansiblemod.Option{
			Name: p.Key, Type: ansiblemod.TypeDict, FreeForm: true, Options: subs, Description: desc,
		})
	}
	return out
}

// ValidationOptions are bypass_validation and check_parameters, as in the
// incumbent. Validation against the catalogue is always on unless
// bypass_validation is set; check_parameters is accepted and has no further
// effect.
func ValidationOptions() []ansiblemod.Option {
	return []ansiblemod.Option{
		{Name: "bypass_validation", Type: ansiblemod.TypeBool, Default: false,
			Description: []string{
				"Send the product parameters without checking them against the built-in catalogue.",
				"Keys may then also be raw numeric parameter ids (for example C('43': [FGTFCSS])), for parameters this collection does not know yet.",
				"FortiFlex still validates what it receives.",
			}},
		{Name: "check_parameters", Type: ansiblemod.TypeBool, Default: false,
			Description: []string{
				"Accepted for compatibility with fortinet.fortiflexvm, where it turned on checking of ranges and choices.",
				"Here the parameters are always checked against the catalogue (unless C(bypass_validation) is set), so this option changes nothing.",
			}},
	}
}

// ProductKeys lists the product dict names, for messages.
func ProductKeys() []string {
	var keys []string
	for _, p := range catalog.Products() {
		keys = append(keys, p.Key)
	}
	return keys
}

// SelectProduct finds the one product dict a module was given. With
// optional, none is fine (returns nil).
func SelectProduct(p ansiblemod.Params, optional bool) (*catalog.Product, map[string]any, error) {
	var given []string
	for _, k := range ProductKeys() {
		if p.Given(k) && p.Raw(k) != nil {
			given = append(given, k)
		}
	}
	switch {
	case len(given) == 1:
		prod, _ := catalog.ProductByKey(given[0])
		values := p.Dict(given[0])
		if values == nil {
			values = map[string]any{}
		}
		return prod, values, nil
	case len(given) == 0 && optional:
		return nil, nil, nil
	case len(given) == 0:
		return nil, nil, ansiblemod.Fail("no product type given: set exactly one of %s", strings.Join(ProductKeys(), ", "))
	}
	return nil, nil, ansiblemod.Fail("%d product types given (%s): set exactly one", len(given), strings.Join(given, ", "))
}

// CheckProduct validates values against the catalogue (unless bypass) and
// reports every problem in one failure.
func CheckProduct(prod *catalog.Product, values map[string]any, use ProductUse, bypass bool) error {
	if bypass {
		return nil
	}
	var errs []error
	if use == ForCalc {
		errs = prod.ValidateForCalc(values)
	} else {
		errs = prod.Validate(values)
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return ValidationFailure(msgs)
}

// ValidationFailure is the one failure for invalid product parameters, nil
// when msgs is empty.
func ValidationFailure(msgs []string) error {
	if len(msgs) == 0 {
		return nil
	}
	sort.Strings(msgs)
	word := "problem"
	if len(msgs) > 1 {
		word = "problems"
	}
	return ansiblemod.Fail("invalid product parameters (%d %s): %s. Fix them, or set bypass_validation: true to send them unchecked", len(msgs), word, strings.Join(msgs, "; "))
}

// EncodeProduct turns checked values into API parameter entries.
func EncodeProduct(prod *catalog.Product, values map[string]any, use ProductUse) ([]fortiflex.Parameter, error) {
	var entries []catalog.APIParam
	var err error
	if use == ForCalc {
		entries, err = prod.EncodeForCalc(values)
	} else {
		entries, err = prod.Encode(values)
	}
	if err != nil {
		return nil, ansiblemod.Fail("invalid product parameters: %v", err)
	}
	return ToParameters(entries), nil
}

// ToParameters converts catalogue entries to client parameters.
func ToParameters(entries []catalog.APIParam) []fortiflex.Parameter {
	out := make([]fortiflex.Parameter, len(entries))
	for i, e := range entries {
		out[i] = fortiflex.Parameter{ID: e.ID, Value: e.Value}
	}
	return out
}

// FromParameters converts client parameters to catalogue entries.
func FromParameters(params []fortiflex.Parameter) []catalog.APIParam {
	out := make([]catalog.APIParam, len(params))
	for i, p := range params {
		out[i] = catalog.APIParam{ID: p.ID, Value: p.Value}
	}
	return out
}

// WarnProduct adds the catalogue's advisory warnings.
func WarnProduct(res *ansiblemod.Result, prod *catalog.Product, values map[string]any) {
	for _, w := range prod.Warnings(values) {
		res.Warn("%s", w)
	}
}
