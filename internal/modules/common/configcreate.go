package common

import (
	"context"
	"errors"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// CreateConfig sends configs/create once and never again. before are the
// configurations of the program (in the scope of in.AccountID: one account,
// or every account when nil) as listed before the create. When the answer
// is lost (ErrOutcomeUnknown), the configurations are listed again: the one
// configuration named in.Name that was not in before is the one created, and
// is returned as if the answer had arrived. Errors are worded for the user.
func CreateConfig(ctx context.Context, c *fortiflex.Client, in fortiflex.ConfigCreate, before []fortiflex.Configuration) (*fortiflex.Configuration, error) {
	created, err := c.ConfigsCreate(ctx, in)
	if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
		created, err = recoverLostConfig(ctx, c, in, before, err)
	}
	if err != nil {
		return nil, APIError(ctx, err)
	}
	return created, nil
}

// recoverLostConfig finds out, after a create whose answer was lost, whether
// the configuration was created: a configuration with its name that was not
// there before is it.
func recoverLostConfig(ctx context.Context, c *fortiflex.Client, in fortiflex.ConfigCreate, before []fortiflex.Configuration, lost error) (*fortiflex.Configuration, error) {
	known := make(map[int]bool, len(before))
	for _, cfg := range before {
		known[cfg.ID] = true
	}
	after, err := c.ConfigsList(ctx, fortiflex.ConfigListOptions{ProgramSerialNumber: in.ProgramSerialNumber, AccountID: in.AccountID})
	if err != nil {
		return nil, APIError(ctx, lost)
	}
	var found []fortiflex.Configuration
	for _, cfg := range after {
		if !known[cfg.ID] && cfg.Name == in.Name {
			found = append(found, cfg)
		}
	}
	switch len(found) {
	case 1:
		return &found[0], nil
	case 0:
		return nil, ansiblemod.Fail("FortiFlex configs/create did not answer (%s), and no new configuration named %q appeared, so none was created. Running the task again is safe", LostDetail(lost), in.Name)
	}
	return nil, ansiblemod.Fail("FortiFlex configs/create did not answer, and %d new configurations named %q appeared (another run at the same time?); check them with fortiflexvm_configs_list_info", len(found), in.Name)
}

// ParamsChanged reports whether the planned change touches the product
// parameters (as opposed to only the name or the status).
func (ch ConfigChange) ParamsChanged() bool { return ch.params }
