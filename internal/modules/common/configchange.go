package common

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// ProductUpdate checks the values of a product dict given to change a
// configuration (unknown names, wrong types; the full check runs on the
// merged values in PlanConfigChange) and encodes them. nil prod: nothing.
func ProductUpdate(prod *catalog.Product, values map[string]any, bypass bool) ([]fortiflex.Parameter, error) {
	if prod == nil {
		return nil, nil
	}
	if !bypass {
		if _, err := prod.Encode(values); err != nil {
			return nil, ansiblemod.Fail("invalid product parameters: %v", err)
		}
	}
	return EncodeProduct(prod, values, ForUpdate)
}

// ConfigWant is what a task wants of an existing configuration; zero
// fields mean "unchanged".
type ConfigWant struct {
	Product *catalog.Product      // the product dict given, or nil
	Values  map[string]any        // its values, keyed by parameter name
	Given   []fortiflex.Parameter // the values encoded (ProductUpdate)
	Bypass  bool                  // bypass_validation
	Name    *string               // new name
	Status  string                // ACTIVE or DISABLED
}

// ConfigChange is a planned change of one configuration.
type ConfigChange struct {
	Before, After fortiflex.Configuration
	prod          *catalog.Product
	params, name  bool
	status        string // new status, "" when unchanged
}

// Changed reports whether anything differs.
func (ch ConfigChange) Changed() bool { return ch.params || ch.name || ch.status != "" }

// PlanConfigChange compares cur with what is wanted: only the parameters
// given change (the others keep their values), read-only parameters are kept
// and never sent, the merged parameters are checked against the catalogue
// (only problems with given parameters count: a legacy value the
// configuration already holds must not block a change to another one), and
// scale-up-only parameters may not decrease.
func PlanConfigChange(res *ansiblemod.Result, cur fortiflex.Configuration, w ConfigWant) (ConfigChange, error) {
	ch := ConfigChange{Before: cur, After: cur, prod: w.Product}
	curProd, known := catalog.ProductByID(cur.ProductType.ID)
	if w.Product != nil && (!known || curProd.ID != w.Product.ID) {
		kind := "product type " + strconv.Itoa(cur.ProductType.ID)
		if known {
			kind = curProd.Key
		}
		return ch, ansiblemod.Fail("configuration %d is a %s configuration; its parameters go under %s, not %s (the product type of a configuration cannot change)", cur.ID, kind, kind, w.Product.Key)
	}
	if prod := w.Product; prod != nil {
		merged := mergeParams(prod, cur.Parameters, w.Given)
		if !w.Bypass {
			if err := checkMerged(prod, merged, w.Values); err != nil {
				return ch, err
			}
			if errs := prod.ValidateChange(FromParameters(cur.Parameters), FromParameters(merged)); len(errs) > 0 {
				msgs := make([]string, len(errs))
				for i, e := range errs {
					msgs[i] = e.Error()
				}
				return ch, ansiblemod.Fail("invalid change: %s", strings.Join(msgs, "; "))
			}
			WarnProduct(res, prod, prod.Decode(FromParameters(merged)))
		}
		if !sameParams(sendable(prod, cur.Parameters), merged) {
			ch.params = true
			ch.After.Parameters = withReadOnly(prod, cur.Parameters, merged)
		}
	}
	if w.Name != nil && *w.Name != cur.Name {
		ch.name = true
		ch.After.Name = *w.Name
	}
	if w.Status != "" && w.Status != cur.Status {
		ch.status = w.Status
		ch.After.Status = w.Status
	}
	return ch, nil
}

// Apply carries the change out: enable first (a DISABLED configuration is
// enabled before it changes), then rename and parameters, then disable.
// Enable and disable are not repeated when their answer is lost; the
// configuration is read again instead.
func (ch ConfigChange) Apply(ctx context.Context, c *fortiflex.Client) (*fortiflex.Configuration, error) {
	id := ch.Before.ID
	final := ch.Before
	settle := func(cfg *fortiflex.Configuration, err error, status string) error {
		if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
			if now, rerr := FindConfig(ctx, c, id); rerr == nil && now != nil && now.Status == status {
				final = *now
				return nil
			}
		}
		if err != nil {
			return APIError(ctx, err)
		}
		final = *cfg
		return nil
	}
	if ch.status == "ACTIVE" {
		cfg, err := c.ConfigsEnable(ctx, id)
		if err := settle(cfg, err, "ACTIVE"); err != nil {
			return nil, err
		}
	}
	if ch.params || ch.name {
		upd := fortiflex.ConfigUpdate{ID: id}
		if ch.name {
			n := ch.After.Name
			upd.Name = &n
		}
		if ch.params {
			upd.Parameters = sendable(ch.prod, ch.After.Parameters)
		}
		cfg, err := c.ConfigsUpdate(ctx, upd)
		if err != nil {
			return nil, APIError(ctx, err)
		}
		final = *cfg
	}
	if ch.status == "DISABLED" {
		cfg, err := c.ConfigsDisable(ctx, id)
		if err := settle(cfg, err, "DISABLED"); err != nil {
			return nil, err
		}
	}
	return &final, nil
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

// mergeParams replaces, in the sendable current parameters, every id that given
// has by given's entries.
func mergeParams(prod *catalog.Product, cur, given []fortiflex.Parameter) []fortiflex.Parameter {
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
	for _, err := range prod.Validate(prod.Decode(FromParameters(merged))) {
		var ve *catalog.ValidationError
		if errors.As(err, &ve) && ve.Param != "" {
			if _, ok := given[ve.Param]; !ok {
				continue
			}
		}
		keep = append(keep, err.Error())
	}
	return ValidationFailure(keep)
}

// sameParams compares two parameter sets as sets of (id, value), with
// numbers compared by value and NONE standing for an empty list.
func sameParams(a, b []fortiflex.Parameter) bool {
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
