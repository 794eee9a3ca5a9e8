package fortiflex

import (
	"context"
	"strings"

	"github.com/tidwall/gjson"
)

// CalcRequest is the input of ToolsCalc (tools/calc, spec §5.21).
type CalcRequest struct {
	ProgramSerialNumber string      // required: prices can depend on the program
	Count               int         // required, at least 1 (1 for cloud products)
	ProductTypeID       int         // required
	Parameters          []Parameter // required, as for ConfigsCreate
}

// calcRequest is the body of tools/calc.
type calcRequest struct {
	ProgramSerialNumber string       `json:"programSerialNumber"`
	Count               int          `json:"count"`
	ProductTypeID       int          `json:"productTypeId"`
	Parameters          []paramValue `json:"parameters"`
}

// Points is a daily points estimate (spec §5.21): Current for Count
// entitlements at today's rate; Latest (nil when none is scheduled) at the
// rate effective from LatestEffectiveDate (text as the API sent it, "" when
// null).
type Points struct {
	Current             float64  `json:"current"`
	Latest              *float64 `json:"latest"`
	LatestEffectiveDate string   `json:"latestEffectiveDate"`
}

// UnmarshalJSON decodes tolerantly (numbers as strings, unknown fields ignored).
func (p *Points) UnmarshalJSON(b []byte) error { return p.decode(gjson.ParseBytes(b)) }

func (p *Points) decode(r gjson.Result) error {
	d := newObjDecoder(r, "points")
	*p = Points{
		Current:             d.float("current"),
		Latest:              d.floatPtr("latest"),
		LatestEffectiveDate: d.str("latestEffectiveDate"),
	}
	return d.err
}

var (
	epToolsCalc     = endpoint{op: "tools/calc", safe: true}
	epToolsMetadata = endpoint{op: "tools/metadata", safe: true}
)

// ToolsCalc estimates the daily points of Count entitlements of a product
// (tools/calc, spec §5.21). The estimate is read under "points", or "configs"
// as one documentation has it; an object or a one-element list.
func (c *Client) ToolsCalc(ctx context.Context, in CalcRequest) (*Points, error) {
	op := epToolsCalc.name()
	req := calcRequest{ProgramSerialNumber: strings.TrimSpace(in.ProgramSerialNumber), Count: in.Count, ProductTypeID: in.ProductTypeID}
	switch {
	case req.ProgramSerialNumber == "":
		return nil, validationError(op, "programSerialNumber is required")
	case in.Count < 1:
		return nil, validationError(op, "count must be at least 1, got %d", in.Count)
	case in.ProductTypeID <= 0:
		return nil, validationError(op, "productTypeId must be a positive integer, got %d", in.ProductTypeID)
	case len(in.Parameters) == 0:
		return nil, validationError(op, "parameters are required")
	}
	ps, err := requestParams(op, in.Parameters)
	if err != nil {
		return nil, err
	}
	req.Parameters = ps
	env, err := c.call(ctx, epToolsCalc, req)
	if err != nil {
		return nil, err
	}
	return decodeCalc(env, epToolsCalc)
}

func decodeCalc(env *envelope, ep endpoint) (*Points, error) {
	return decodeOne(env, ep, []string{"points", "configs"}, "points estimate", (*Points).decode)
}

// ProductTypeMeta describes one product type of the catalogue (spec §5.22).
// The API nests the form factor as {formFactorId, name}; it is flattened here.
type ProductTypeMeta struct {
	ProductTypeID int             `json:"productTypeId"`
	Name          string          `json:"name"`
	FormFactorID  int             `json:"formFactorId"`
	FormFactor    string          `json:"formFactor"`
	Parameters    []ParameterMeta `json:"parameters"`
}

// ParameterMeta describes one parameter of a product type (spec §5.22).
// Type is NUMERIC, SINGLEVALUE, MULTIVALUE or READONLY; MinValue, MaxValue and
// Step are set for NUMERIC parameters only (nil when null).
type ParameterMeta struct {
	ParameterID int          `json:"parameterId"`
	Name        string       `json:"name"`
	Type        string       `json:"type"`
	MinValue    *int         `json:"minValue"`
	MaxValue    *int         `json:"maxValue"`
	Step        *int         `json:"step"`
	ValidValues []ValidValue `json:"validValues"`
}

// ValidValue is one allowed code of a parameter with its description.
type ValidValue struct {
	Value       string `json:"value"`
	Description string `json:"description"`
}

// UnmarshalJSON decodes tolerantly (numbers as strings, unknown fields ignored).
func (m *ProductTypeMeta) UnmarshalJSON(b []byte) error { return m.decode(gjson.ParseBytes(b)) }

func (m *ProductTypeMeta) decode(r gjson.Result) error {
	d := newObjDecoder(r, "product type")
	*m = ProductTypeMeta{
		ProductTypeID: d.int(d.first("productTypeId", "id")),
		Name:          d.str("name"),
		FormFactorID:  d.int("formFactorId"),
		Parameters:    []ParameterMeta{},
	}
	// formFactor is {formFactorId, name}; a bare name or id is accepted too.
	if ff := d.get("formFactor"); d.err == nil && ff.Exists() && ff.Type != gjson.Null {
		switch {
		case ff.IsObject():
			fd := newObjDecoder(ff, "formFactor")
			m.FormFactorID = fd.int(fd.first("formFactorId", "id"))
			m.FormFactor = fd.str("name")
			if fd.err != nil {
				d.err = fd.err
			}
		case ff.Type == gjson.Number:
			m.FormFactorID = d.int("formFactor")
		default:
			m.FormFactor = d.str("formFactor")
		}
	}
	d.each("parameters", func(pr gjson.Result) error {
		var p ParameterMeta
		if err := p.decode(pr); err != nil {
			return err
		}
		m.Parameters = append(m.Parameters, p)
		return nil
	})
	return d.err
}

// UnmarshalJSON decodes tolerantly (numbers as strings, unknown fields ignored).
func (p *ParameterMeta) UnmarshalJSON(b []byte) error { return p.decode(gjson.ParseBytes(b)) }

func (p *ParameterMeta) decode(r gjson.Result) error {
	d := newObjDecoder(r, "parameter")
	*p = ParameterMeta{
		ParameterID: d.int(d.first("parameterId", "id")),
		Name:        d.str("name"),
		Type:        d.str("type"),
		MinValue:    d.intPtr("minValue"),
		MaxValue:    d.intPtr("maxValue"),
		Step:        d.intPtr("step"),
		ValidValues: []ValidValue{},
	}
	d.each("validValues", func(vr gjson.Result) error {
		if vr.Type == gjson.String || vr.Type == gjson.Number {
			p.ValidValues = append(p.ValidValues, ValidValue{Value: flexString(vr)}) // a bare code
			return nil
		}
		vd := newObjDecoder(vr, "valid value")
		v := ValidValue{Value: vd.str("value"), Description: vd.str("description")}
		if vd.err != nil {
			return vd.err
		}
		p.ValidValues = append(p.ValidValues, v)
		return nil
	})
	return d.err
}

// ToolsMetadata returns the product catalogue: every product type with its
// parameters and allowed values (tools/metadata, spec §5.22).
func (c *Client) ToolsMetadata(ctx context.Context) ([]ProductTypeMeta, error) {
	env, err := c.call(ctx, epToolsMetadata, struct{}{})
	if err != nil {
		return nil, err
	}
	return decodeProductTypes(env, epToolsMetadata)
}

func decodeProductTypes(env *envelope, ep endpoint) ([]ProductTypeMeta, error) {
	return decodeList(env, ep, []string{"productTypes"}, (*ProductTypeMeta).decode)
}
