package programinfo_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/modules/programinfo"
)

func TestBalances(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(programinfo.Module, nil)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	programs := r.Out["programs"].([]any)
	require.Len(t, programs, 2)
	pre, post := programs[0].(map[string]any), programs[1].(map[string]any)
	assert.Equal(t, "ELAVMR0000000101", pre["serialNumber"])
	assert.Equal(t, true, pre["prepaid"])
	assert.Greater(t, pre["pointBalance"].(float64), 0.0)
	assert.Equal(t, "ELAVMS0000000518", post["serialNumber"])
	assert.Equal(t, false, post["prepaid"])
	assert.Nil(t, post["pointBalance"])
	assert.Equal(t, 2, e.Requests("fortiflex/v2/programs/points"))

	r = e.Run(programinfo.Module, map[string]any{"serial_number": "ELAVMS0000000518"})
	require.False(t, r.Failed(), r.Msg())
	assert.Len(t, r.Out["programs"], 1)
	assert.Equal(t, 1, e.Requests("fortiflex/v2/programs/points"))
}

func TestServerErrorFails(t *testing.T) {
	e := moduletest.New(t)
	e.Vars["FORTIFLEX_ACCESS_PASSWORD"] = "wrong"
	r := e.Run(programinfo.Module, nil)
	assert.True(t, r.Failed())
	assert.Contains(t, r.Msg(), "FortiFlex login failed: invalid credentials (HTTP 401)")
}
