package common

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// FindEntitlements looks several entitlements up by serial number at once.
// It searches where FindEntitlement does, but lists each place once for all
// the serial numbers still missing, and stops as soon as every one is found:
// the configuration configHint first (when given), then the account
// accountHint in every program (when given), then every program's account,
// then the other accounts that hold configurations of a program. Serial
// numbers are compared without regard to case. The result is keyed by the
// upper-case serial number; those not found are missing from it.
func FindEntitlements(ctx context.Context, c *fortiflex.Client, serials []string, configHint, accountHint *int) (map[string]fortiflex.Entitlement, error) {
	found := map[string]fortiflex.Entitlement{}
	want := map[string]bool{}
	for _, s := range serials {
		if s = strings.ToUpper(strings.TrimSpace(s)); s != "" {
			want[s] = true
		}
	}
	// For one serial number, FortiFlex filters the lists itself.
	only := ""
	if len(want) == 1 {
		only = strings.TrimSpace(serials[0])
	}
	done := func() bool { return len(found) == len(want) }
	take := func(list []fortiflex.Entitlement) {
		for _, e := range list {
			k := strings.ToUpper(e.SerialNumber)
			if _, seen := found[k]; want[k] && !seen {
				found[k] = e
			}
		}
	}
	if done() {
		return found, nil
	}
	if configHint != nil {
		list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: configHint, SerialNumber: only})
		if err != nil && !errors.Is(err, fortiflex.ErrNotFound) {
			return nil, err
		}
		if take(list); done() {
			return found, nil
		}
	}
	programs, err := c.ProgramsList(ctx)
	if err != nil {
		return nil, err
	}
	asked := map[string]bool{}
	ask := func(acct int, program string) error {
		key := program + "/" + strconv.Itoa(acct)
		if asked[key] || done() {
			return nil
		}
		asked[key] = true
		list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{AccountID: &acct, ProgramSerialNumber: program, SerialNumber: only})
		if err != nil && !errors.Is(err, fortiflex.ErrNotFound) {
			return err
		}
		take(list)
		return nil
	}
	if accountHint != nil {
		for _, p := range programs {
			if err := ask(*accountHint, p.SerialNumber); err != nil {
				return nil, err
			}
		}
	}
	for _, p := range programs {
		if err := ask(p.AccountID, p.SerialNumber); err != nil {
			return nil, err
		}
	}
	for _, p := range programs {
		if done() {
			break
		}
		configs, err := c.ConfigsList(ctx, fortiflex.ConfigListOptions{ProgramSerialNumber: p.SerialNumber})
		if err != nil {
			return nil, err
		}
		for _, cfg := range configs {
			if err := ask(cfg.AccountID, p.SerialNumber); err != nil {
				return nil, err
			}
		}
	}
	return found, nil
}
