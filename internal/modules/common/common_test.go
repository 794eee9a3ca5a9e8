package common

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

func TestAPIErrorMessages(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"business error with parameter id", &fortiflex.Error{Op: "configs/create", HTTPStatus: 400, Status: -1, Message: "Invalid value for Parameter id 1."},
			"FortiFlex configs/create failed (HTTP 400): Invalid value for parameter fortiGateBundle.cpu."},
		{"forbidden", &fortiflex.Error{Op: "configs/create", HTTPStatus: 403, Status: -1, Message: "Permission denied."},
			"FortiFlex configs/create failed (HTTP 403): Permission denied. The API user's permission profile must allow this on the FortiFlex portal (ReadWrite or Admin for changes) and cover the account."},
		{"server error after retries", &fortiflex.Error{Op: "programs/list", HTTPStatus: 503, Attempts: 5},
			"FortiFlex programs/list failed (HTTP 503, 5 attempts): no message. FortiFlex had a server-side problem; try again later."},
		{"network", &fortiflex.Error{Op: "programs/list", Err: errors.New("dial tcp 127.0.0.1:9: connect: connection refused")},
			"FortiFlex programs/list failed: dial tcp 127.0.0.1:9: connect: connection refused. Check api_url/auth_url and that this host can reach FortiFlex."},
		{"wrapped", fmt.Errorf("listing: %w", &fortiflex.Error{Op: "configs/list", HTTPStatus: 400, Status: -1, Message: "Program not found."}),
			"FortiFlex configs/list failed (HTTP 400): Program not found."},
		{"not a client error", errors.New("parameter id 43 is odd"), "FortiFlex request failed: parameter fortiGateBundle.fortiGuardServices is odd"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.EqualError(t, APIError(ctx, tc.err), tc.want)
		})
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	assert.EqualError(t, APIError(cancelled, context.Canceled), "FortiFlex request abandoned: context canceled")
	assert.NoError(t, APIError(ctx, nil))
}
