package conformance

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// maxVMBatch is the simulator's largest count per entitlements/vm/create.
const maxVMBatch = 1000

// BenchmarkClientEntitlementsList10k lists a configuration of 10,000
// entitlements end to end: the client's request, login token reuse, the
// simulator's handling and encoding, loopback HTTP, and the client's
// envelope and entitlement decoding.
func BenchmarkClientEntitlementsList10k(b *testing.B) {
	const total = 10_000
	_, srv := newSim(b, nil)
	c := newClient(b, srv, rwUser, rwPass, func(o *fortiflex.Options) { o.Timeout = time.Minute })
	ctx := context.Background()

	cfg, err := c.ConfigsCreate(ctx, fortiflex.ConfigCreate{ProgramSerialNumber: prepaid, Name: "bench-10k", ProductTypeID: 1, Parameters: fgtParams})
	require.NoError(b, err)
	for made := 0; made < total; made += maxVMBatch {
		list, err := c.EntitlementsVMCreate(ctx, fortiflex.VMCreate{ConfigID: cfg.ID, Count: maxVMBatch, Description: "bench", SkipPending: false})
		require.NoError(b, err)
		require.Len(b, list, maxVMBatch)
	}
	opts := fortiflex.EntitlementListOptions{ConfigID: ptr(cfg.ID)}
	list, err := c.EntitlementsList(ctx, opts)
	require.NoError(b, err)
	require.Len(b, list, total)

	b.ReportAllocs()
	for b.Loop() {
		list, err := c.EntitlementsList(ctx, opts)
		if err != nil || len(list) != total {
			b.Fatalf("entitlements/list: %d entitlements, %v", len(list), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/total, "ns/entitlement")
}
