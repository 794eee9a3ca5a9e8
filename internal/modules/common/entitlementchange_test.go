package common

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

func TestPlanEntitlementChangeGracePeriod(t *testing.T) {
	cur := fortiflex.Entitlement{SerialNumber: "FGVMELTM24000009", ConfigID: 5000, Status: "GRACE_PERIOD"}
	ch, err := PlanEntitlementChange(cur, EntitlementWant{Status: "ACTIVE"})
	require.NoError(t, err)
	assert.False(t, ch.Changed(), "GRACE_PERIOD is ACTIVE for the task")

	ch, err = PlanEntitlementChange(cur, EntitlementWant{Status: "STOPPED"})
	require.NoError(t, err)
	assert.True(t, ch.Changed())
	assert.True(t, ch.stop)
}

func TestPlanEntitlementChangeStateMachine(t *testing.T) {
	cases := []struct {
		from, want string
		changed    bool
		err        string
	}{
		{"ACTIVE", "STOPPED", true, ""},
		{"PENDING", "STOPPED", true, ""},
		{"STOPPED", "ACTIVE", true, ""},
		{"STOPPED", "STOPPED", false, ""},
		{"ACTIVE", "ACTIVE", false, ""},
		{"PENDING", "ACTIVE", false, "entitlement S is PENDING and cannot be reactivated: it becomes ACTIVE when its token is used on a VM (or create entitlements with skipPending: true). Only STOPPED entitlements can be reactivated"},
		{"EXPIRED", "ACTIVE", false, "entitlement S is EXPIRED: FortiFlex allows no change to an expired entitlement"},
	}
	for _, tc := range cases {
		ch, err := PlanEntitlementChange(fortiflex.Entitlement{SerialNumber: "S", Status: tc.from}, EntitlementWant{Status: tc.want})
		if tc.err != "" {
			assert.EqualError(t, err, tc.err, "%s -> %s", tc.from, tc.want)
			continue
		}
		require.NoError(t, err, "%s -> %s", tc.from, tc.want)
		assert.Equal(t, tc.changed, ch.Changed(), "%s -> %s", tc.from, tc.want)
	}
}
