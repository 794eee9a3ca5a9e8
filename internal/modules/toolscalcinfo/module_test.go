package toolscalcinfo_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/modules/toolscalcinfo"
)

func TestCalc(t *testing.T) {
	e := moduletest.New(t)
	one := e.Run(toolscalcinfo.Module, map[string]any{"programSerialNumber": "ELAVMR0000000101", "fortiGateBundle": map[string]any{"cpu": 4, "service": "UTP"}})
	require.False(t, one.Failed(), one.Msg())
	two := e.Run(toolscalcinfo.Module, map[string]any{"programSerialNumber": "ELAVMR0000000101", "count": 2, "fortiGateBundle": map[string]any{"cpu": 4, "service": "UTP"}})
	require.False(t, two.Failed(), two.Msg())
	assert.False(t, two.Changed())
	p1 := one.Out["points"].(map[string]any)["current"].(float64)
	p2 := two.Out["points"].(map[string]any)["current"].(float64)
	assert.Greater(t, p1, 0.0)
	assert.InDelta(t, 2*p1, p2, 0.011)
	assert.Equal(t, two.Out["points"], two.Out["configs"])
}

func TestCalcRules(t *testing.T) {
	e := moduletest.New(t)
	for _, tc := range []struct {
		args map[string]any
		msg  string
	}{
		{map[string]any{"programSerialNumber": "ELAVMR0000000101", "count": 2, "fortiSASE": map[string]any{"users": 50, "service": "FSASESTD"}},
			"count must be 1 for cloud services (fortiSASE is one), got 2"},
		{map[string]any{"programSerialNumber": "ELAVMR0000000101", "fortiEDR": map[string]any{"service": "FEDRPDR"}},
			`invalid product parameters (1 problem): fortiEDR: missing required parameter "endpoints". Fix them, or set bypass_validation: true to send them unchecked`},
		{map[string]any{"programSerialNumber": "ELAVMR0000000101", "count": 0, "fortiGateBundle": map[string]any{"cpu": 4, "service": "UTP"}},
			"count must be at least 1, got 0"},
	} {
		r := e.Run(toolscalcinfo.Module, tc.args)
		assert.True(t, r.Failed())
		assert.Equal(t, tc.msg, r.Msg())
		assert.Empty(t, e.Calls())
	}
}
