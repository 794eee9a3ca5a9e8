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

// paramValue is a parameter as requests send it: id and value only (spec §4.4).
type paramValue struct {
	ID    int    `json:"id"`
	Value string `json:"value"`
}

// requestParams turns parameters into their request form, dropping Name.
// Every id must be positive.
func requestParams(op string, ps []Parameter) ([]paramValue, error) {
	out := make([]paramValue, 0, len(ps))
	for i, p := range ps {
		if p.ID <= 0 {
			return nil, validationError(op, "parameters[%d]: id must be a positive integer, got %d", i, p.ID)
		}
		out = append(out, paramValue{ID: p.ID, Value: p.Value})
	}
	return out, nil
}

// positive checks an optional id: nil is fine, else it must be > 0.
func positive(op, field string, v *int) error {
	if v != nil && *v <= 0 {
		return validationError(op, "%s must be a positive integer, got %d", field, *v)
	}
	return nil
}

var (
	epConfigsCreate  = endpoint{op: "configs/create"}
	epConfigsUpdate  = endpoint{op: "configs/update", safe: true}
	epConfigsEnable  = endpoint{op: "configs/enable"}
	epConfigsDisable = endpoint{op: "configs/disable"}
)

// ConfigCreate is the input of ConfigsCreate (configs/create, spec §5.4).
type ConfigCreate struct {
	// ProgramSerialNumber is required.
	ProgramSerialNumber string
	// AccountID creates the configuration in that account of the
	// organization; nil means the API user's own account.
	AccountID *int
	// Name is required.
	Name string
	// ProductTypeID is required (spec §7.1).
	ProductTypeID int
	// Parameters is required: one entry per value, a multi-value parameter as
	// repeated ids, an empty one as a single "NONE" (see Parameter). Names are
	// not sent.
	Parameters []Parameter
}

// configCreateRequest is the body of configs/create.
type configCreateRequest struct {
	ProgramSerialNumber string       `json:"programSerialNumber"`
	AccountID           *int         `json:"accountId,omitempty"`
	Name                string       `json:"name"`
	ProductTypeID       int          `json:"productTypeId"`
	Parameters          []paramValue `json:"parameters"`
}

// ConfigsCreate creates a configuration and returns it (configs/create, spec
// §5.4). It is not safe to repeat: each call creates a new configuration, so
// it is never retried after the request may have left, and a failure without
// a trustworthy answer matches ErrOutcomeUnknown.
func (c *Client) ConfigsCreate(ctx context.Context, in ConfigCreate) (*Configuration, error) {
	op := epConfigsCreate.name()
	req := configCreateRequest{
		ProgramSerialNumber: strings.TrimSpace(in.ProgramSerialNumber),
		AccountID:           in.AccountID,
		Name:                in.Name,
		ProductTypeID:       in.ProductTypeID,
	}
	switch {
	case req.ProgramSerialNumber == "":
		return nil, validationError(op, "programSerialNumber is required")
	case strings.TrimSpace(in.Name) == "":
		return nil, validationError(op, "name is required")
	case in.ProductTypeID <= 0:
		return nil, validationError(op, "productTypeId must be a positive integer, got %d", in.ProductTypeID)
	case len(in.Parameters) == 0:
		return nil, validationError(op, "parameters are required")
	}
	if err := positive(op, "accountId", in.AccountID); err != nil {
		return nil, err
	}
	ps, err := requestParams(op, in.Parameters)
	if err != nil {
		return nil, err
	}
	req.Parameters = ps
	return c.configCall(ctx, epConfigsCreate, req)
}

// ConfigUpdate is the input of ConfigsUpdate (configs/update, spec §5.5).
type ConfigUpdate struct {
	// ID of the configuration; required.
	ID int
	// Name is the new name; nil keeps the old one (not sent).
	Name *string
	// Parameters is the new parameter set; nil keeps the old one (not sent).
	// Send the full set: whether the API keeps omitted parameters or resets
	// them to defaults is not known (spec §5.5).
	Parameters []Parameter
}

// configUpdateRequest is the body of configs/update.
type configUpdateRequest struct {
	ID         int          `json:"id"`
	Name       *string      `json:"name,omitempty"`
	Parameters []paramValue `json:"parameters,omitempty"`
}

// ConfigsUpdate renames a configuration and/or replaces its parameters and
// returns it (configs/update, spec §5.5). At least one of Name and Parameters
// must be given. It is safe to repeat (the same body gives the same result),
// so transient failures are retried. A parameter change applies to every
// entitlement of the configuration.
func (c *Client) ConfigsUpdate(ctx context.Context, in ConfigUpdate) (*Configuration, error) {
	op := epConfigsUpdate.name()
	if in.ID <= 0 {
		return nil, validationError(op, "id must be a positive integer, got %d", in.ID)
	}
	if in.Name == nil && in.Parameters == nil {
		return nil, validationError(op, "nothing to update: give a name or parameters")
	}
	if in.Name != nil && strings.TrimSpace(*in.Name) == "" {
		return nil, validationError(op, "name must not be empty")
	}
	req := configUpdateRequest{ID: in.ID, Name: in.Name}
	if in.Parameters != nil {
		if len(in.Parameters) == 0 {
			return nil, validationError(op, "parameters must not be an empty list (leave them out to keep the current ones)")
		}
		ps, err := requestParams(op, in.Parameters)
		if err != nil {
			return nil, err
		}
		req.Parameters = ps
	}
	return c.configCall(ctx, epConfigsUpdate, req)
}

// configIDRequest is the body of configs/enable and configs/disable.
type configIDRequest struct {
	ID int `json:"id"`
}

// ConfigsEnable sets a configuration ACTIVE and returns it (configs/enable,
// spec §5.7). It is not retried after the request may have left: repeating
// a change that was carried out can be refused, so an unanswered call matches
// ErrOutcomeUnknown instead.
func (c *Client) ConfigsEnable(ctx context.Context, id int) (*Configuration, error) {
	if id <= 0 {
		return nil, validationError(epConfigsEnable.name(), "id must be a positive integer, got %d", id)
	}
	return c.configCall(ctx, epConfigsEnable, configIDRequest{ID: id})
}

// ConfigsDisable sets a configuration DISABLED and returns it
// (configs/disable, spec §5.6); configurations cannot be deleted. Retries and
// unknown outcomes are as for ConfigsEnable.
func (c *Client) ConfigsDisable(ctx context.Context, id int) (*Configuration, error) {
	if id <= 0 {
		return nil, validationError(epConfigsDisable.name(), "id must be a positive integer, got %d", id)
	}
	return c.configCall(ctx, epConfigsDisable, configIDRequest{ID: id})
}

// configCall sends a configs/* change and decodes the one configuration of
// the answer (an object or a one-element list under "configs").
func (c *Client) configCall(ctx context.Context, ep endpoint, req any) (*Configuration, error) {
	env, err := c.call(ctx, ep, req)
	if err != nil {
		return nil, err
	}
	return decodeConfigOne(env, ep)
}

func decodeConfigOne(env *envelope, ep endpoint) (*Configuration, error) {
	return decodeOne(env, ep, []string{"configs"}, "configuration", (*Configuration).decode)
}
