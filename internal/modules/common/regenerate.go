package common

import (
	"context"
	"errors"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// RegenerateToken gives the VM entitlement e a new license token. The
// request is never sent twice (a second regeneration would replace the
// first token): when its answer is lost, the entitlement is read again, and
// a token that changed and is NOTUSED is the answer. Otherwise the failure
// says what happened and ends with rest, the module's own advice (it
// follows "The request was not sent again"); maybe then reports that the
// token may have been regenerated all the same.
func RegenerateToken(ctx context.Context, c *fortiflex.Client, e fortiflex.Entitlement, rest string) (got *fortiflex.Entitlement, maybe bool, err error) {
	got, err = c.EntitlementsRegenerateToken(ctx, e.SerialNumber)
	if err == nil {
		return got, false, nil
	}
	if !errors.Is(err, fortiflex.ErrOutcomeUnknown) {
		return nil, false, APIError(ctx, err)
	}
	cfg := e.ConfigID
	now, rerr := FindEntitlement(ctx, c, e.SerialNumber, &cfg)
	if rerr == nil && now != nil && now.Token != "" && now.Token != e.Token && strings.EqualFold(now.TokenStatus, "NOTUSED") {
		return now, false, nil
	}
	return nil, true, ansiblemod.Fail("FortiFlex entitlements/vm/token did not answer (%s): the token of %s may have been regenerated, and reading the entitlement again did not show a new unused token. "+
		"The request was not sent again%s", LostDetail(err), e.SerialNumber, rest)
}
