package common

import (
	"context"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// CheckCreatable is the check-mode stand-in for a create: it reads the
// configuration and fails, as the real run would, when entitlements of form
// factor ff cannot be created from it (unknown, DISABLED, another form
// factor). Real runs leave this to FortiFlex and save the reads.
func CheckCreatable(ctx context.Context, c *fortiflex.Client, cfgID int, ff catalog.FormFactor) (*fortiflex.Configuration, error) {
	cfg, err := FindConfig(ctx, c, cfgID)
	if err != nil {
		return nil, APIError(ctx, err)
	}
	if cfg == nil {
		return nil, ansiblemod.Fail("configuration %d not found in any FortiFlex program this API user can see; check the id with fortiflexvm_configs_list_info", cfgID)
	}
	if prod, ok := catalog.ProductByID(cfg.ProductType.ID); ok && prod.FormFactor != ff {
		return nil, ansiblemod.Fail("configuration %d is a %s configuration (%s); this module creates %s entitlements",
			cfgID, prod.Key, formFactorWord(prod.FormFactor), formFactorWord(ff))
	}
	if cfg.Status == "DISABLED" {
		return nil, ansiblemod.Fail("configuration %d is DISABLED: FortiFlex creates no entitlements from it. Enable it first (fortiflexvm_configs_update with status: ACTIVE)", cfgID)
	}
	return cfg, nil
}

func formFactorWord(ff catalog.FormFactor) string {
	if ff == catalog.VM {
		return "VM"
	}
	return strings.ToLower(ff.String())
}

// CheckCloudFree is the check-mode stand-in for FortiFlex's rule of one
// cloud entitlement per product type and account: it fails when the
// account of cfg already holds a (not EXPIRED) entitlement of that product.
func CheckCloudFree(ctx context.Context, c *fortiflex.Client, cfg *fortiflex.Configuration) error {
	configs, err := c.ConfigsList(ctx, fortiflex.ConfigListOptions{ProgramSerialNumber: cfg.ProgramSerialNumber, AccountID: &cfg.AccountID})
	if err != nil {
		return APIError(ctx, err)
	}
	for _, other := range configs {
		if other.ProductType.ID != cfg.ProductType.ID {
			continue
		}
		id := other.ID
		list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: &id})
		if err != nil {
			return APIError(ctx, err)
		}
		for _, e := range list {
			if e.Status != "EXPIRED" {
				return ansiblemod.Fail("account %d already has the %s entitlement %s (%s, configuration %d); FortiFlex allows one per cloud product and account",
					cfg.AccountID, ProductWord(cfg.ProductType), e.SerialNumber, e.Status, id)
			}
		}
	}
	return nil
}
