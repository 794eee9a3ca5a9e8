package fortiflex

import (
	"context"
	"strings"

	"github.com/tidwall/gjson"
)

// ProductType names a configuration's product (spec §4.3, §7.1).
type ProductType struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// Parameter is one product parameter of a configuration (spec §4.4). Value
// is always text: the API answers strings but accepts numbers, and some
// answers carry numbers. Name is only present in answers. A multi-value
// parameter is several Parameters with the same ID.
type Parameter struct {
	ID    int    `json:"id"`
	Name  string `json:"name,omitempty"`
	Value string `json:"value"`
}

// UnmarshalJSON decodes tolerantly (id as string, value as number).
func (p *Parameter) UnmarshalJSON(b []byte) error { return p.decode(gjson.ParseBytes(b)) }

func (p *Parameter) decode(r gjson.Result) error {
	d := newObjDecoder(r, "parameter")
	*p = Parameter{ID: d.int("id"), Name: d.str("name"), Value: d.str("value")}
	return d.err
}

// Configuration is a FortiFlex configuration (spec §4.3).
type Configuration struct {
	ID                  int         `json:"id"`
	Name                string      `json:"name"`
	ProgramSerialNumber string      `json:"programSerialNumber"`
	AccountID           int         `json:"accountId"`
	Status              string      `json:"status"`
	ProductType         ProductType `json:"productType"`
	Parameters          []Parameter `json:"parameters"`
}

// UnmarshalJSON decodes tolerantly (numbers as strings, unknown fields ignored).
func (cfg *Configuration) UnmarshalJSON(b []byte) error { return cfg.decode(gjson.ParseBytes(b)) }

func (cfg *Configuration) decode(r gjson.Result) error {
	d := newObjDecoder(r, "configuration")
	*cfg = Configuration{
		ID:                  d.int("id"),
		Name:                d.str("name"),
		ProgramSerialNumber: d.str("programSerialNumber"),
		AccountID:           d.int("accountId"),
		Status:              d.str("status"),
		Parameters:          []Parameter{},
	}
	if pt := d.get("productType"); d.err == nil && pt.Exists() && pt.Type != gjson.Null {
		pd := newObjDecoder(pt, "productType")
		cfg.ProductType = ProductType{ID: pd.int("id"), Name: pd.str("name")}
		if pd.err != nil {
			d.err = pd.err
		}
	}
	d.each("parameters", func(pr gjson.Result) error {
		var p Parameter
		if err := p.decode(pr); err != nil {
			return err
		}
		cfg.Parameters = append(cfg.Parameters, p)
		return nil
	})
	return d.err
}

// ConfigListOptions selects the configurations of configs/list (spec §5.3).
type ConfigListOptions struct {
	// ProgramSerialNumber is required.
	ProgramSerialNumber string `json:"programSerialNumber"`
	// AccountID restricts the list to one account; nil lists every account
	// of the organization the program belongs to.
	AccountID *int `json:"accountId,omitempty"`
}

func (o ConfigListOptions) valid(op string) error {
	if strings.TrimSpace(o.ProgramSerialNumber) == "" {
		return validationError(op, "programSerialNumber is required")
	}
	return nil
}

var epConfigsList = endpoint{op: "configs/list", safe: true}

// ConfigsList returns the configurations of a program, DISABLED ones
// included (configs/list, spec §5.3).
func (c *Client) ConfigsList(ctx context.Context, opts ConfigListOptions) ([]Configuration, error) {
	if err := opts.valid(epConfigsList.name()); err != nil {
		return nil, err
	}
	opts.ProgramSerialNumber = strings.TrimSpace(opts.ProgramSerialNumber)
	env, err := c.call(ctx, epConfigsList, opts)
	if err != nil {
		return nil, err
	}
	return decodeList(env, epConfigsList, []string{"configs"}, (*Configuration).decode)
}
