package common

import (
	"strconv"

	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// ConfigOutput shapes a configuration as fortinet.fortiflexvm returns it: the
// product parameters under a key named after the product type, keyed by
// parameter name, next to id, name, programSerialNumber, accountId, status.
// Multi-value parameters are always lists (the incumbent returned a string
// for some of them when one value was set).
func ConfigOutput(cfg fortiflex.Configuration) map[string]any {
	entries := make([]catalog.APIParam, 0, len(cfg.Parameters))
	for _, p := range cfg.Parameters {
		entries = append(entries, catalog.APIParam{ID: p.ID, Value: p.Value})
	}
	out := map[string]any{
		"id":                  cfg.ID,
		"name":                cfg.Name,
		"programSerialNumber": cfg.ProgramSerialNumber,
		"accountId":           cfg.AccountID,
		"status":              cfg.Status,
	}
	if product, ok := catalog.ProductByID(cfg.ProductType.ID); ok {
		out[product.Key] = product.Decode(entries)
	} else {
		// A product type this version does not know: keep its parameters,
		// keyed by id, under the product type id.
		params := map[string]any{}
		for _, e := range entries {
			params[strconv.Itoa(e.ID)] = e.Value
		}
		out[strconv.Itoa(cfg.ProductType.ID)] = params
	}
	return out
}
