// Package catalog is the one product/parameter catalogue of FortiFlex: product
// types, their parameters (ids, Ansible/Terraform/API names, kinds, option
// types, choices, ranges and rules), the mapping between Ansible-shaped values
// and API parameter entries, and the validation of both.
//
// Source of truth: shared/spec/fortiflex-api-v2.md §7 and §12, and the
// incumbent collection's option names and types (incumbent-modules.md §1.3).
// The data lives in products.go and models.go; everything returned by this
// package must be treated as read-only.
package catalog

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Kind is the API kind of a parameter.
type Kind int

// Parameter kinds, as in the API's tools/metadata answer.
const (
	// Numeric is an integer value within a range.
	Numeric Kind = iota + 1
	// Single is one code out of a list of choices.
	Single
	// Multi is zero or more codes; each is sent as its own entry with the same id.
	Multi
	// ReadOnly is computed by FortiFlex: reported, never sent.
	ReadOnly
)

// String returns the tools/metadata name of the kind.
func (k Kind) String() string {
	switch k {
	case Numeric:
		return "NUMERIC"
	case Single:
		return "SINGLEVALUE"
	case Multi:
		return "MULTIVALUE"
	case ReadOnly:
		return "READONLY"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// FormFactor is the form factor of a product type.
type FormFactor int

// Form factors. The values double as tools/metadata formFactorId.
const (
	VM FormFactor = iota + 1
	Hardware
	Cloud
)

// String returns "VM", "Hardware" or "Cloud".
func (f FormFactor) String() string {
	switch f {
	case VM:
		return "VM"
	case Hardware:
		return "Hardware"
	case Cloud:
		return "Cloud"
	}
	return "FormFactor(" + strconv.Itoa(int(f)) + ")"
}

// MetadataName is the form factor's name as tools/metadata gives it. Only
// 1/"Virtual Machines" is documented (spec §5.22); the other two names are
// our reading of the UI and may differ from the live answer.
func (f FormFactor) MetadataName() string {
	switch f {
	case VM:
		return "Virtual Machines"
	case Hardware:
		return "Hardware"
	case Cloud:
		return "Cloud Services"
	}
	return f.String()
}

// Param is one parameter of a product type.
type Param struct {
	ID      int
	Name    string // Ansible (incumbent) option name, e.g. "cpu"
	TFName  string // Terraform attribute name, e.g. "cpu_size"
	APIName string // parameter name seen in API responses, e.g. "CPU" ("" = not captured)
	Label   string // human label, e.g. "Number of CPUs"

	Kind Kind
	Type string // Ansible option type: "int", "str" or "list" (elements str)

	Choices       []string // Single/Multi: allowed codes
	Min, Max      *int     // Numeric: inclusive range
	Step          int      // Numeric: value must be a multiple of Step (0 or 1 = no rule)
	Discrete      []int    // Numeric: only these values are allowed
	ZeroOrAtLeast int      // Numeric: value must be 0 or >= this (0 = no such rule)
	ScaleUpOnly   bool     // value may only grow (Single: only move later in Choices)

	Required bool
	Default  string // API-form value used when omitted ("" = none)

	// Description is one line for module documentation: what the parameter
	// is, followed by its rules in words (generated from the fields above)
	// and any caveat from the spec.
	Description string

	note string // caveat appended after the generated rules
}

// Product is one FortiFlex product type.
type Product struct {
	ID         int
	Key        string // Ansible option name, e.g. "fortiGateBundle"
	TFCode     string // Terraform product_type, e.g. "FGT_VM_Bundle"
	Name       string // long name, e.g. "FortiGate Virtual Machine - Service Bundle"
	APIName    string // productType.name seen in live responses ("" = not captured)
	FormFactor FormFactor
	Params     []Param
}

// APIParam is one parameter entry as the API sends and receives it.
type APIParam struct {
	ID    int    `json:"id"`
	Value string `json:"value"`
}

// NONE is the value the API uses for "nothing selected".
const NONE = "NONE"

var (
	byID      = map[int]*Product{}
	byKey     = map[string]*Product{}
	byParamID = map[int]paramRef{}
)

type paramRef struct {
	product *Product
	index   int
}

func init() {
	sort.SliceStable(products, func(i, j int) bool { return products[i].ID < products[j].ID })
	for i := range products {
		p := &products[i]
		if _, dup := byID[p.ID]; dup {
			panic(fmt.Sprintf("catalog: duplicate product id %d", p.ID))
		}
		if _, dup := byKey[p.Key]; dup {
			panic(fmt.Sprintf("catalog: duplicate product key %q", p.Key))
		}
		byID[p.ID] = p
		byKey[p.Key] = p
		for j := range p.Params {
			prm := &p.Params[j]
			if _, dup := byParamID[prm.ID]; dup {
				panic(fmt.Sprintf("catalog: duplicate parameter id %d", prm.ID))
			}
			byParamID[prm.ID] = paramRef{p, j}
			prm.Description = describe(prm)
		}
	}
}

// Products returns every product type, ordered by id. The slice is a copy;
// the Params inside it are shared and must not be modified.
func Products() []Product {
	out := make([]Product, len(products))
	copy(out, products)
	return out
}

// ProductByID returns the product type with the given id.
func ProductByID(id int) (*Product, bool) {
	p, ok := byID[id]
	return p, ok
}

// ProductByKey returns the product type with the given Ansible key (e.g. "fortiGateBundle").
func ProductByKey(key string) (*Product, bool) {
	p, ok := byKey[key]
	return p, ok
}

// ParamByID returns a parameter and its product. Parameter ids are unique
// across product types.
func ParamByID(id int) (*Product, *Param, bool) {
	r, ok := byParamID[id]
	if !ok {
		return nil, nil, false
	}
	return r.product, &r.product.Params[r.index], true
}

// Param returns the parameter with the given Ansible name.
func (p *Product) Param(name string) (*Param, bool) {
	for i := range p.Params {
		if p.Params[i].Name == name {
			return &p.Params[i], true
		}
	}
	return nil, false
}

// paramByID returns the product's own parameter with that id.
func (p *Product) paramByID(id int) (*Param, bool) {
	for i := range p.Params {
		if p.Params[i].ID == id {
			return &p.Params[i], true
		}
	}
	return nil, false
}

// ParamNames returns the Ansible names of the product's parameters, in catalogue order.
func (p *Product) ParamNames() []string {
	names := make([]string, len(p.Params))
	for i, prm := range p.Params {
		names[i] = prm.Name
	}
	return names
}

// legacyParams are retired parameter ids that old configurations may still
// carry (spec §7.2 "Legacy / retired parameter ids").
var legacyParams = map[int]string{
	3: "fortiManager.device (legacy id 3)",
}

// ParamName returns "productKey.paramName" for a parameter id, or
// "parameter id N" when the id is unknown. Used to rewrite API messages.
func ParamName(id int) string {
	if p, prm, ok := ParamByID(id); ok {
		return p.Key + "." + prm.Name
	}
	if s, ok := legacyParams[id]; ok {
		return s
	}
	return "parameter id " + strconv.Itoa(id)
}

// ChoiceDescription returns the human description of a code ("FC" →
// "FortiCare Premium"), or "" when the spec gives none.
func ChoiceDescription(code string) string { return choiceDescriptions[code] }

// describe builds a parameter's documentation line: the lead text from the
// table, the rules in words, then the caveat.
func describe(prm *Param) string {
	parts := []string{strings.TrimSpace(prm.Description)}
	if r := rulesText(prm); r != "" {
		parts = append(parts, r)
	}
	if prm.note != "" {
		parts = append(parts, prm.note)
	}
	return strings.Join(parts, " ")
}

func rulesText(prm *Param) string {
	var b []string
	switch prm.Kind {
	case Numeric:
		switch {
		case len(prm.Discrete) > 0:
			b = append(b, "One of "+joinInts(prm.Discrete)+".")
		case prm.ZeroOrAtLeast > 0 && prm.Max != nil:
			b = append(b, fmt.Sprintf("Either 0 or an integer from %d to %d.", prm.ZeroOrAtLeast, *prm.Max))
		case prm.Min != nil && prm.Max != nil:
			b = append(b, fmt.Sprintf("Integer from %d to %d.", *prm.Min, *prm.Max))
		}
		if prm.Step > 1 {
			b = append(b, fmt.Sprintf("Must be a multiple of %d.", prm.Step))
		}
		if prm.ScaleUpOnly {
			b = append(b, "Can only be increased, never decreased.")
		}
	case Single:
		if len(prm.Choices) > 20 {
			b = append(b, fmt.Sprintf("One of %d codes (see choices).", len(prm.Choices)))
		} else {
			b = append(b, "One of "+describeChoices(prm.Choices)+".")
		}
		if prm.ScaleUpOnly {
			b = append(b, "Can only be upgraded (in the order listed), never downgraded.")
		}
	case Multi:
		b = append(b, "List of any of "+describeChoices(prm.Choices)+"; an empty list is sent as NONE.")
	case ReadOnly:
		b = append(b, "Read-only: computed by FortiFlex, reported in results and never sent on create or update.")
	}
	if prm.Default != "" && prm.Kind != Multi {
		if prm.Default == NONE {
			b = append(b, "Defaults to NONE (not selected).")
		} else {
			b = append(b, "Defaults to "+prm.Default+".")
		}
	}
	return strings.Join(b, " ")
}

// describeChoices lists codes with their descriptions where known:
// "FC (FortiCare Premium), UTP (Unified Threat Protection)".
func describeChoices(codes []string) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = c
		if d := ChoiceDescription(c); d != "" {
			s[i] += " (" + d + ")"
		}
	}
	return strings.Join(s, ", ")
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

func ptr(n int) *int { return &n }

// MetadataFormFactor is formFactor in the tools/metadata answer.
type MetadataFormFactor struct {
	FormFactorID int    `json:"formFactorId"`
	Name         string `json:"name"`
}

// MetadataValue is one entry of validValues.
type MetadataValue struct {
	Value       string `json:"value"`
	Description string `json:"description"`
}

// MetadataParameter is one parameter in the tools/metadata answer.
type MetadataParameter struct {
	ParameterID int             `json:"parameterId"`
	Name        string          `json:"name"`
	Type        string          `json:"type"`
	MinValue    *int            `json:"minValue"`
	MaxValue    *int            `json:"maxValue"`
	Step        *int            `json:"step"`
	ValidValues []MetadataValue `json:"validValues"`
}

// MetadataProductType is one product type in the tools/metadata answer.
type MetadataProductType struct {
	ProductTypeID int                 `json:"productTypeId"`
	Name          string              `json:"name"`
	FormFactor    MetadataFormFactor  `json:"formFactor"`
	Parameters    []MetadataParameter `json:"parameters"`
}

// MetadataResult is the data of the tools/metadata answer (spec §5.22).
type MetadataResult struct {
	ProductTypes []MetadataProductType `json:"productTypes"`
}

// Metadata renders the catalogue in the shape of the API's tools/metadata
// answer. NUMERIC parameters carry minValue/maxValue/step (step 1 when the
// catalogue has no step rule); a discrete numeric set is listed in
// validValues, since min/max/step cannot express it.
func Metadata() MetadataResult {
	out := MetadataResult{ProductTypes: make([]MetadataProductType, 0, len(products))}
	for _, p := range products {
		mp := MetadataProductType{
			ProductTypeID: p.ID,
			Name:          p.Name,
			FormFactor:    MetadataFormFactor{FormFactorID: int(p.FormFactor), Name: p.FormFactor.MetadataName()},
			Parameters:    make([]MetadataParameter, 0, len(p.Params)),
		}
		for _, prm := range p.Params {
			m := MetadataParameter{ParameterID: prm.ID, Name: prm.Label, Type: prm.Kind.String(), ValidValues: []MetadataValue{}}
			switch prm.Kind {
			case Numeric:
				if prm.Min != nil {
					m.MinValue = ptr(*prm.Min)
				}
				if prm.Max != nil {
					m.MaxValue = ptr(*prm.Max)
				}
				step := 1
				if prm.Step > 1 {
					step = prm.Step
				}
				m.Step = ptr(step)
				for _, d := range prm.Discrete {
					m.ValidValues = append(m.ValidValues, MetadataValue{Value: strconv.Itoa(d), Description: strconv.Itoa(d)})
				}
			case Single, Multi:
				for _, c := range prm.Choices {
					d := ChoiceDescription(c)
					if d == "" {
						d = c
					}
					m.ValidValues = append(m.ValidValues, MetadataValue{Value: c, Description: d})
				}
			}
			mp.Parameters = append(mp.Parameters, m)
		}
		out.ProductTypes = append(out.ProductTypes, mp)
	}
	return out
}
